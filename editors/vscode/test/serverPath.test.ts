import assert from "node:assert/strict";
import { test } from "node:test";
import { bundledPath, findServer, Lookup } from "../src/serverPath";
import { serverSettings } from "../src/settings";

const base: Lookup = {
  setting: "",
  extensionDir: "/ext",
  platform: "linux",
  arch: "x64",
  envPath: "/usr/local/bin:/usr/bin",
  home: "/home/u",
  workspaceFolder: "/work/proj",
};
const files = (...present: string[]) => ({ isExecutableFile: (f: string) => present.includes(f) });

test("an explicit setting wins, with ~ and ${workspaceFolder} expanded", () => {
  const everywhere = files("/ext/server/linux-x64/cablelint", "/usr/bin/cablelint", "/home/u/bin/cablelint", "/work/proj/target/debug/cablelint");
  assert.deepEqual(findServer({ ...base, setting: "~/bin/cablelint" }, everywhere), { kind: "setting", file: "/home/u/bin/cablelint" });
  assert.deepEqual(findServer({ ...base, setting: "${workspaceFolder}/target/debug/cablelint" }, everywhere), {
    kind: "setting",
    file: "/work/proj/target/debug/cablelint",
  });
  // Relative to the workspace folder.
  assert.deepEqual(findServer({ ...base, setting: "target/debug/cablelint" }, everywhere), {
    kind: "setting",
    file: "/work/proj/target/debug/cablelint",
  });
});

test("a setting that names no executable is reported, not silently replaced", () => {
  assert.deepEqual(findServer({ ...base, setting: "/nope/cablelint" }, files("/usr/bin/cablelint")), {
    kind: "missing-setting",
    file: "/nope/cablelint",
  });
});

test("the bundled binary for the platform comes before PATH", () => {
  assert.equal(bundledPath("/ext", "win32", "x64"), "/ext/server/win32-x64/cablelint.exe");
  assert.deepEqual(findServer(base, files("/ext/server/linux-x64/cablelint", "/usr/bin/cablelint")), {
    kind: "bundled",
    file: "/ext/server/linux-x64/cablelint",
  });
  // Another platform's binary does not count.
  assert.deepEqual(findServer(base, files("/ext/server/darwin-arm64/cablelint", "/usr/bin/cablelint")), {
    kind: "path",
    file: "/usr/bin/cablelint",
  });
});

test("PATH is searched in order; nothing found lists where it looked", () => {
  assert.deepEqual(findServer(base, files("/usr/local/bin/cablelint", "/usr/bin/cablelint")), {
    kind: "path",
    file: "/usr/local/bin/cablelint",
  });
  assert.deepEqual(findServer(base, files()), {
    kind: "not-found",
    searched: ["/ext/server/linux-x64/cablelint", "/usr/local/bin/cablelint", "/usr/bin/cablelint"],
  });
});

test("settings sent to the server drop empty values and editor-only keys", () => {
  assert.deepEqual(
    serverSettings({
      profile: "  ",
      severity: { B: "Warning", D002: "error", H004: "loud" },
      ignore: ["B006", "", 3],
      unsafeFixes: false,
      romanisation: "pinyin",
      logLevel: "debug",
      docsBaseUrl: "",
      "server.path": "/x",
      "trace.server": "verbose",
    }),
    {
      severity: { B: "warning", D002: "error" },
      ignore: ["B006"],
      unsafeFixes: false,
      romanisation: "pinyin",
      logLevel: "debug",
    },
  );
  assert.deepEqual(serverSettings({ profile: "prc-mfa-cable" }), { profile: "prc-mfa-cable" });
});

test("the picker and the snippets know every built-in profile", async () => {
  const { readFileSync, readdirSync } = await import("node:fs");
  const { BUILTIN_PROFILES } = await import("../src/profiles");
  const dir = new URL("../../../server/cablelint-core/src/profile/builtin/", import.meta.url);
  const builtin = readdirSync(dir)
    .filter((f) => f.endsWith(".toml"))
    .map((f) => {
      const toml = readFileSync(new URL(f, dir), "utf8");
      return { id: /^id = "(.*)"$/m.exec(toml)![1], name: /^name = "(.*)"$/m.exec(toml)![1] };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
  assert.deepEqual([...BUILTIN_PROFILES].sort((a, b) => a.id.localeCompare(b.id)), builtin);
  const snippets = JSON.parse(readFileSync(new URL("../snippets/cable.code-snippets", import.meta.url), "utf8"));
  for (const { id } of builtin) {
    const snippet = snippets[`New cable: ${id}`];
    assert.ok(snippet, `no snippet for ${id}`);
    assert.equal(snippet.body[0], `% cablelint: profile = ${id}`);
  }
});
