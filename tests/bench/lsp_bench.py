#!/usr/bin/env python3
"""Latency and memory of `cablelint lsp` as a small stdio client sees them.

A benchmark that prints figures, not a test: nothing here passes or fails.

  python3 tests/bench/lsp_bench.py [--server "target/release/cablelint lsp --stdio"]
                                   [--compare typos-lsp]

Measures, with a client that takes pushed diagnostics (like Neovim):
  * didOpen -> first publishDiagnostics, for a 3 KB cable and a 1 MB file;
  * didChange -> publishDiagnostics for 200 single-character edits (median, p99),
    each sent after the previous one's diagnostics arrived, for both;
  * peak RSS of the server process with 100 cables open.

The cables come from the shared corpus ($CABLELINT_CORPUS, else
<repo>/../shared/corpus, else /work/shared/corpus); the 1 MB file is the
corpus concatenated until it is 1 MiB. Goals: under 1 ms median per keystroke
on 3 KB, under 20 ms on 1 MB, under 30 MB RSS.

`--compare typos-lsp` (from `cargo install typos-lsp --locked`: 0.1.57 does not build against newer tower-lsp-server) runs the same scenario
against that server too and prints its figures on the next line. A server that
does not echo the document version in publishDiagnostics (typos-lsp does not)
is timed to the first publication for the document after the change.
"""

import argparse
import json
import os
import re
import shlex
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SMALL_CABLE = "real/frus_frus1961-63v05_d22.txt"


def corpus_dir():
    for candidate in (os.environ.get("CABLELINT_CORPUS"), REPO.parent / "shared" / "corpus", "/work/shared/corpus"):
        if candidate and Path(candidate).is_dir():
            return Path(candidate)
    sys.exit("corpus not found: set CABLELINT_CORPUS")


class Client:
    def __init__(self, command):
        self.process = subprocess.Popen(
            command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
        )
        self.next_id = 1

    @staticmethod
    def frame(message):
        body = json.dumps(message, ensure_ascii=False).encode()
        return b"Content-Length: %d\r\n\r\n" % len(body) + body

    def send(self, message):
        self.send_frame(Client.frame(message))

    def send_frame(self, frame):
        self.process.stdin.write(frame)
        self.process.stdin.flush()

    def read(self):
        length = None
        while True:
            line = self.process.stdout.readline()
            if not line:
                raise EOFError("server closed its output")
            line = line.strip()
            if not line:
                break
            name, _, value = line.partition(b":")
            if name.lower() == b"content-length":
                length = int(value)
        return json.loads(self.process.stdout.read(length))

    def request(self, method, params):
        request_id = self.next_id
        self.next_id += 1
        self.send({"jsonrpc": "2.0", "id": request_id, "method": method, "params": params})
        while True:
            message = self.read()
            if message.get("id") == request_id and "method" not in message:
                return message

    def notify(self, method, params):
        self.send({"jsonrpc": "2.0", "method": method, "params": params})

    def wait_diagnostics(self, uri, version):
        while True:
            message = self.read()
            if (
                message.get("method") == "textDocument/publishDiagnostics"
                and message["params"]["uri"] == uri
                and message["params"].get("version", version) == version
            ):
                return message

    def initialize(self, capabilities=None):
        params = {"processId": os.getpid(), "rootUri": None, "capabilities": capabilities or {}}
        self.request("initialize", params)
        self.notify("initialized", {})

    def close(self):
        self.request("shutdown", None)
        self.notify("exit", None)
        self.process.wait(timeout=10)

    def memory_kib(self):
        fields = {}
        with open(f"/proc/{self.process.pid}/status") as status:
            for line in status:
                key, _, value = line.partition(":")
                if key in ("VmRSS", "VmHWM"):
                    fields[key] = int(value.split()[0])
        return fields


def open_frame(uri, text):
    return Client.frame(
        {
            "jsonrpc": "2.0",
            "method": "textDocument/didOpen",
            "params": {"textDocument": {"uri": uri, "languageId": "cable", "version": 1, "text": text}},
        }
    )


def open_doc(client, uri, text):
    client.send_frame(open_frame(uri, text))


def time_open(command, text, runs):
    """Median/min/max ms from didOpen to the first publishDiagnostics."""
    client = Client(command)
    client.initialize()
    times = []
    for run in range(runs):
        uri = f"file:///bench/open-{run}.cable"
        frame = open_frame(uri, text)  # encoded before the clock starts
        started = time.perf_counter()
        client.send_frame(frame)
        client.wait_diagnostics(uri, 1)
        times.append((time.perf_counter() - started) * 1000)
    client.close()
    return times


def edit_point(text):
    """A place in the middle of the text, on a line with words, as (line, utf16 col)."""
    lines = re.split(r"\r\n|\r|\n", text)  # LSP's line ends, no others
    middle = len(lines) // 2
    for offset in range(len(lines)):
        line = middle + offset
        if line < len(lines) and len(lines[line].strip()) > 20:
            return line, len(lines[line].encode("utf-16-le")) // 2
    return 0, 0


def time_keystrokes(command, text, count):
    """ms from each didChange to its publishDiagnostics, one edit at a time."""
    client = Client(command)
    client.initialize()
    uri = "file:///bench/typing.cable"
    open_doc(client, uri, text)
    client.wait_diagnostics(uri, 1)
    line, column = edit_point(text)
    times = []
    for step in range(count):
        version = step + 2
        position = {"line": line, "character": column + step}
        change = {"range": {"start": position, "end": position}, "text": "ab"[step % 2]}
        frame = Client.frame(
            {
                "jsonrpc": "2.0",
                "method": "textDocument/didChange",
                "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]},
            }
        )
        started = time.perf_counter()
        client.send_frame(frame)
        client.wait_diagnostics(uri, version)
        times.append((time.perf_counter() - started) * 1000)
    client.close()
    return times


def memory_with_open_cables(command, texts, count):
    client = Client(command)
    client.initialize()
    client.request("cablelint/documentText", {"uri": "file:///none"})  # settle
    baseline = client.memory_kib()
    for index in range(count):
        uri = f"file:///bench/many-{index}.cable"
        open_doc(client, uri, texts[index % len(texts)])
        client.wait_diagnostics(uri, 1)
    loaded = client.memory_kib()
    client.close()
    return baseline, loaded


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def summary(values):
    return (
        f"median {statistics.median(values):.3f} ms, p99 {percentile(values, 99):.3f} ms, "
        f"min {min(values):.3f} ms, max {max(values):.3f} ms (n={len(values)})"
    )


def measure(command, small, big, texts, args):
    """Every figure for one server, as printable strings keyed by row name."""
    rows = {}
    for name, text in (("3 KB", small), ("1 MB", big)):
        rows[f"didOpen -> publishDiagnostics, {name}"] = summary(time_open(command, text, args.opens))
    for name, text in (("3 KB", small), ("1 MB", big)):
        times = time_keystrokes(command, text, args.keystrokes)
        rows[f"didChange -> publishDiagnostics per keystroke, {name}"] = summary(times)
    baseline, loaded = memory_with_open_cables(command, texts, args.cables)
    rows[f"RSS after initialize / with {args.cables} cables open / peak"] = (
        f"{baseline['VmRSS'] / 1024:.1f} MiB / {loaded['VmRSS'] / 1024:.1f} MiB / {loaded['VmHWM'] / 1024:.1f} MiB"
    )
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--server", default=f"{REPO}/target/release/cablelint lsp --stdio")
    parser.add_argument("--compare", help="another server's command line, e.g. typos-lsp")
    parser.add_argument("--keystrokes", type=int, default=200)
    parser.add_argument("--opens", type=int, default=10)
    parser.add_argument("--cables", type=int, default=100)
    args = parser.parse_args()
    corpus = corpus_dir()
    small = (corpus / SMALL_CABLE).read_text(encoding="utf-8")
    texts = [p.read_text(encoding="utf-8") for p in sorted((corpus / "real").glob("*.txt"))]
    texts.insert(0, (corpus / "seed-cable-1962-06-28.txt").read_text(encoding="utf-8"))
    big = ""
    while len(big.encode()) < 1024 * 1024:
        big += "\n\n".join(texts) + "\n\n"
    servers = [("cablelint", args.server)] + ([("compared", args.compare)] if args.compare else [])
    for label, server in servers:
        print(f"{label}: {server}")
    print(f"3 KB cable: {SMALL_CABLE} ({len(small.encode())} bytes); 1 MB file: {len(big.encode())} bytes")
    results = [(server, measure(shlex.split(server), small, big, texts, args)) for _, server in servers]
    for row in results[0][1]:
        print(f"{row}:")
        for server, rows in results:
            print(f"  {shlex.split(server)[0].rsplit('/', 1)[-1]:<12} {rows[row]}")


if __name__ == "__main__":
    main()
