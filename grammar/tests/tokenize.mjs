// Tokenizes text with the grammar through vscode-textmate and Oniguruma, the
// engine VS Code itself uses, so tests see the scopes an editor would show.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";
import { grammarPath } from "../scripts/generate.mjs";

const require = createRequire(import.meta.url);

let grammarPromise;

/** The grammar from `cable.tmLanguage.json` (or from `text`, if given). */
export function loadGrammar(text) {
  if (!text && grammarPromise) return grammarPromise;
  const wasm = readFileSync(join(require.resolve("vscode-oniguruma"), "../onig.wasm"));
  const onigLib = oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
    createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
    createOnigString: (s) => new oniguruma.OnigString(s),
  }));
  const source = text ?? readFileSync(grammarPath, "utf8");
  const registry = new vsctm.Registry({
    onigLib,
    loadGrammar: async (scopeName) =>
      scopeName === "source.cable" ? vsctm.parseRawGrammar(source, "cable.tmLanguage.json") : null,
  });
  const promise = registry.loadGrammar("source.cable");
  if (!text) grammarPromise = promise;
  return promise;
}

/**
 * Lines of `text` (split at \n, \r\n or \r, like the core's LineIndex), each
 * with its tokens: `{ text, start, end, scopes }`, offsets in UTF-16 units.
 */
export async function tokenize(text, grammar) {
  grammar ??= await loadGrammar();
  const lines = text.split(/\r\n|\r|\n/);
  let state = vsctm.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, state);
    state = result.ruleStack;
    return {
      line,
      tokens: result.tokens.map((t) => ({
        text: line.slice(t.startIndex, t.endIndex),
        start: t.startIndex,
        end: t.endIndex,
        scopes: t.scopes,
      })),
    };
  });
}

/** The innermost scopes of the token that covers `needle` on the line that contains it. */
export function scopesAt(lines, lineText, needle, occurrence = 0) {
  const found = lines.filter((l) => l.line.includes(lineText));
  if (!found.length) throw new Error(`no line contains ${JSON.stringify(lineText)}`);
  const { line, tokens } = found[0];
  let at = -1;
  for (let i = 0; i <= occurrence; i++) at = line.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${JSON.stringify(needle)} not on line ${JSON.stringify(line)}`);
  const token = tokens.find((t) => t.start <= at && at < t.end);
  return token.scopes;
}

/** A compact rendering: `text => last scope` for every token with more than the root scope. */
export function describe(lines) {
  return lines
    .map(({ line, tokens }) =>
      [line, ...tokens.filter((t) => t.scopes.length > 1 && t.text.trim()).map((t) => `    ${JSON.stringify(t.text)} ${t.scopes.slice(1).join(" > ")}`)].join("\n"),
    )
    .join("\n");
}
