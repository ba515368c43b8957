// Bundles the extension with esbuild into dist/extension.js and copies the
// grammar in (the package may not reach outside its folder). `--tests` also
// bundles the unit tests of the pure modules into out-test/.
import { build } from "esbuild";
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
mkdirSync(join(root, "syntaxes"), { recursive: true });
copyFileSync(join(root, "../../grammar/cable.tmLanguage.json"), join(root, "syntaxes/cable.tmLanguage.json"));

await build({
  entryPoints: [join(root, "src/extension.ts")],
  outfile: join(root, "dist/extension.js"),
  bundle: true,
  platform: "node",
  format: "cjs",
  target: "node20",
  external: ["vscode"],
  minify: true,
  sourcemap: false,
  logLevel: "warning",
});

if (process.argv.includes("--tests")) {
  const tests = readdirSync(join(root, "test")).filter((f) => f.endsWith(".test.ts"));
  await build({
    entryPoints: tests.map((f) => join(root, "test", f)),
    outdir: join(root, "out-test"),
    bundle: true,
    platform: "node",
    format: "esm",
    outExtension: { ".js": ".mjs" },
    target: "node20",
    external: ["vscode"],
    logLevel: "warning",
  });
}
console.log("built dist/extension.js");
