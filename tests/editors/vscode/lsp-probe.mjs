// Asks a `cablelint lsp` process what it offers (initialize), and whether it
// knows a request, over framed JSON-RPC on stdio. Used by the end-to-end test
// to tell "the server lacks hover" from "the extension shows no hover".
import { spawn } from "node:child_process";

export async function probeServer(bin, { requests = [] } = {}) {
  const child = spawn(bin, ["lsp", "--stdio"], { stdio: ["pipe", "pipe", "pipe"] });
  let buffer = Buffer.alloc(0);
  const waiting = new Map();
  child.stdout.on("data", (chunk) => {
    buffer = Buffer.concat([buffer, chunk]);
    for (;;) {
      const headerEnd = buffer.indexOf("\r\n\r\n");
      if (headerEnd < 0) return;
      const length = Number(/Content-Length: *(\d+)/i.exec(buffer.subarray(0, headerEnd).toString())?.[1]);
      if (buffer.length < headerEnd + 4 + length) return;
      const message = JSON.parse(buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString());
      buffer = buffer.subarray(headerEnd + 4 + length);
      if (message.id !== undefined && waiting.has(message.id) && !message.method) {
        waiting.get(message.id)(message);
        waiting.delete(message.id);
      } else if (message.id !== undefined && message.method) {
        // A request from the server (configuration, registration): answer null.
        send({ jsonrpc: "2.0", id: message.id, result: message.method === "workspace/configuration" ? [null] : null });
      }
    }
  });
  const send = (message) => {
    const body = Buffer.from(JSON.stringify(message));
    child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    child.stdin.write(body);
  };
  let nextId = 1;
  const request = (method, params) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const timer = setTimeout(() => reject(new Error(`${method}: no answer in 20 s`)), 20000);
      waiting.set(id, (m) => {
        clearTimeout(timer);
        resolve(m);
      });
      send({ jsonrpc: "2.0", id, method, params });
    });
  try {
    const init = await request("initialize", { processId: process.pid, rootUri: null, capabilities: {} });
    send({ jsonrpc: "2.0", method: "initialized", params: {} });
    const known = {};
    for (const method of requests) {
      const answer = await request(method, { textDocument: { uri: "file:///nonexistent/probe.cable" } });
      known[method] = answer.error?.code !== -32601;
    }
    await request("shutdown", null);
    send({ jsonrpc: "2.0", method: "exit" });
    return { capabilities: init.result?.capabilities ?? {}, known };
  } finally {
    setTimeout(() => child.kill(), 2000).unref();
  }
}
