// Properties of the grammar that the line-by-line syntax tests cannot state:
// it is generated from the current profiles, it knows every label of every
// built-in profile, its scopes are all documented and all tested, and over the
// real corpus every square bracket is accounted for.
import assert from "node:assert/strict";
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { grammarDir, grammarPath, loadProfiles, render } from "../scripts/generate.mjs";
import { loadGrammar, scopesAt, tokenize } from "./tokenize.mjs";

const profiles = loadProfiles();
const grammarJson = JSON.parse(readFileSync(grammarPath, "utf8"));

function corpusDir() {
  const candidates = [process.env.CABLELINT_CORPUS, join(grammarDir, "../../shared/corpus"), "/work/shared/corpus"];
  const found = candidates.find((d) => d && existsSync(join(d, "seed-cable-1962-06-28.txt")));
  assert.ok(found, `corpus not found (set CABLELINT_CORPUS); looked in ${candidates.filter(Boolean).join(", ")}`);
  return found;
}

/** Every scope name the grammar can give, from names, content names and captures. */
function grammarScopes(node, out = new Set()) {
  if (Array.isArray(node)) node.forEach((n) => grammarScopes(n, out));
  else if (node && typeof node === "object") {
    for (const [key, value] of Object.entries(node)) {
      if ((key === "name" || key === "contentName") && typeof value === "string") {
        value.split(/\s+/).forEach((s) => s.endsWith(".cable") && out.add(s));
      } else grammarScopes(value, out);
    }
  }
  return out;
}

test("the grammar is up to date with the built-in profiles", () => {
  assert.equal(
    readFileSync(grammarPath, "utf8"),
    render(profiles),
    "cable.tmLanguage.json is stale: run `npm run generate` in grammar/",
  );
});

test("every label of every built-in profile is highlighted as a header label", async () => {
  const grammar = await loadGrammar();
  let checked = 0;
  for (const profile of profiles) {
    for (const field of profile.field ?? []) {
      const all = [
        ...(field.labels ?? []).map((l) => [l, false]),
        ...(field.original_labels ?? []).map((l) => [l, true]),
      ];
      for (const [label, original] of all) {
        const line = `${label}: value`;
        const [{ tokens }] = await tokenize(line, grammar);
        const first = tokens.find((t) => t.text.trim());
        const where = `${profile.id} field ${field.id}, label ${JSON.stringify(label)}`;
        assert.equal(first.text, label, `${where}: first token is ${JSON.stringify(first.text)}`);
        const scope = first.scopes.at(-1);
        assert.match(scope, /^entity\.name\.tag\.header-label(\.original)?\.cable$/, `${where}: got ${scope}`);
        // A label that is also some profile's translation label may show as either.
        if (original && !profiles.some((p) => (p.field ?? []).some((f) => (f.labels ?? []).some((l) => l.toLowerCase() === label.toLowerCase())))) {
          assert.equal(scope, "entity.name.tag.header-label.original.cable", where);
        }
        checked++;
      }
    }
  }
  assert.ok(checked > 100, `only ${checked} labels checked`);
});

test("every profile's known values are highlighted in their field", async () => {
  const grammar = await loadGrammar();
  for (const profile of profiles) {
    for (const field of profile.field ?? []) {
      const label = (field.labels ?? [])[0];
      for (const pair of field.values ?? []) {
        for (const value of [pair.original, pair.translation]) {
          const lines = await tokenize(`${label}: ${value}`, grammar);
          assert.ok(
            scopesAt(lines, label, value).includes("constant.language.header-value.cable"),
            `${profile.id}: ${label}: ${value}`,
          );
        }
      }
    }
  }
});

test("bracket classes match the core's judgement of the same phrasings", async () => {
  // The phrasing and expected classes of classifies_the_corpus_phrasings in
  // server/cablelint-core/src/model/brackets.rs.
  const text =
    "Vice Minister Ji [Pengfei] met Wulumuqi [Urumqi] and Filippov [Stalin] on 28 June [1962], " +
    "the 26th [of June]; F[oreign] M[inistry] and M.[ikoyan] said [...] [….] [illegible] [sic] " +
    "[October?] [?] Synthetic[1] [Translator’s note: see [1]] [Telegram] [Received May 27—3:56 a.m.] " +
    "[To the] Office; Minister [Pham Van Dong]; [Stepan V.] Chervonenko; Mikołaj [the Soviet embassy]; []";
  const expected = [
    "supplied", "gloss", "gloss", "supplied-date", "supplied-date", "completion", "completion",
    "completion", "ellipsis", "ellipsis", "illegible", "sic", "uncertain", "uncertain", "footnote-mark",
    "editor-note", "footnote-mark", "structural", "structural", "supplied", "supplied", "supplied",
    "gloss", "empty",
  ];
  const scopeOfClass = {
    supplied: "markup.inserted.supplied.cable",
    "supplied-date": "markup.inserted.supplied-date.cable",
    gloss: "markup.quote.gloss.cable",
    completion: "markup.inserted.completion.cable",
    ellipsis: "comment.ellipsis.cable",
    illegible: "invalid.illegal.illegible.cable",
    sic: "keyword.other.sic.cable",
    uncertain: "markup.changed.uncertain.cable",
    "footnote-mark": "constant.other.footnote-mark.cable",
    "editor-note": "comment.block.editor-note.cable",
    structural: "support.other.structural.cable",
    empty: "invalid.illegal.empty-bracket.cable",
  };
  const [{ tokens }] = await tokenize(text);
  const opens = tokens.filter((t) => t.text === "[" || (t.text.startsWith("[") && t.scopes.includes("punctuation.definition.bracket.begin.cable")));
  const got = opens.map((t) => {
    // The innermost class scope of the `[` token.
    const cls = Object.entries(scopeOfClass).filter(([, s]) => t.scopes.includes(s)).map(([c]) => [c, t.scopes.indexOf(scopeOfClass[c])]);
    cls.sort((a, b) => b[1] - a[1]);
    return cls[0]?.[0] ?? `unclassified ${t.scopes.join(" ")}`;
  });
  assert.deepEqual(got, expected);
});

test("every scope is documented in SCOPES.md and asserted by a syntax test", () => {
  const scopes = [...grammarScopes(grammarJson)].filter((s) => s !== "source.cable");
  const doc = readFileSync(join(grammarDir, "SCOPES.md"), "utf8");
  const testsDir = join(grammarDir, "tests");
  const tests = readdirSync(testsDir)
    .filter((f) => f.endsWith(".test.cable"))
    .map((f) => readFileSync(join(testsDir, f), "utf8"))
    .join("\n");
  const asserted = new Set(
    tests
      .split("\n")
      .filter((l) => /^#\s*(\^|<)/.test(l))
      .flatMap((l) => l.replace(/^#\s*[\^<~-]+\s*/, "").split(/\s+/)),
  );
  const undocumented = scopes.filter((s) => !doc.includes("`" + s + "`"));
  const untested = scopes.filter((s) => !asserted.has(s));
  assert.deepEqual(undocumented, [], "scopes missing from SCOPES.md");
  assert.deepEqual(untested, [], "scopes no .test.cable file asserts");
  const documented = [...doc.matchAll(/`([a-z][\w.-]*\.cable)`/g)].map((m) => m[1]);
  assert.deepEqual(documented.filter((s) => s !== "source.cable" && !scopes.includes(s)), [], "SCOPES.md names scopes the grammar lacks");
});

test("over the real corpus every bracket is opened, closed or reported stray", async () => {
  const dir = corpusDir();
  const files = [join(dir, "seed-cable-1962-06-28.txt"), ...readdirSync(join(dir, "real")).filter((f) => f.endsWith(".txt")).map((f) => join(dir, "real", f))];
  const grammar = await loadGrammar();
  let brackets = 0;
  for (const file of files) {
    const lines = await tokenize(readFileSync(file, "utf8"), grammar);
    lines.forEach(({ line, tokens }, n) => {
      if (line.startsWith("% cablelint:")) return;
      for (const t of tokens) {
        for (let i = 0; i < t.text.length; i++) {
          const c = t.text[i];
          if (c !== "[" && c !== "]") continue;
          brackets++;
          const inside = t.scopes.some((s) => /^(comment\.block\.chrome|meta\.citation)/.test(s));
          const ok =
            inside ||
            (c === "[" && t.scopes.includes("punctuation.definition.bracket.begin.cable")) ||
            (c === "]" && (t.scopes.includes("punctuation.definition.bracket.end.cable") || t.scopes.includes("invalid.illegal.stray-bracket.cable")));
          assert.ok(ok, `${file}:${n + 1}: ${c} in ${JSON.stringify(t.text)} has ${t.scopes.join(" ")}`);
        }
      }
    });
  }
  assert.ok(brackets >= 300, `only ${brackets} brackets in the corpus?`);
});

test("running text in the corpus is not taken for header fields", async () => {
  const dir = corpusDir();
  const grammar = await loadGrammar();
  const files = readdirSync(join(dir, "real")).filter((f) => f.endsWith(".txt"));
  for (const f of files) {
    const lines = await tokenize(readFileSync(join(dir, "real", f), "utf8"), grammar);
    for (const { line, tokens } of lines) {
      // A sentence of prose: long, ending like a sentence, no `Label:` at its start.
      const prose = line.length >= 100 && /[.!?”"]\s*$/.test(line) && !/^\s*[\p{L} .()'’-]{1,40}[:：]/u.test(line);
      if (!prose) continue;
      const labelled = tokens.filter((t) => t.scopes.some((s) => s.startsWith("entity.name.tag.header-label")));
      assert.deepEqual(labelled.map((t) => t.text), [], `${f}: ${line.slice(0, 80)}…`);
    }
  }
});

test("the seed cable reads as its parts", async () => {
  const seed = readFileSync(join(corpusDir(), "seed-cable-1962-06-28.txt"), "utf8");
  const lines = await tokenize(seed);
  const has = (line, needle, scope) => assert.ok(scopesAt(lines, line, needle).includes(scope), `${needle} on ${line}: ${scopesAt(lines, line, needle).join(" ")} lacks ${scope}`);
  has("June 28, 1962", "June", "meta.archive.date.cable");
  has("Cable from Foreign Ministry to Xinjiang", "Cable", "markup.heading.title.archive.cable");
  has("This document was made possible", "MacArthur", "comment.line.funder.archive.cable");
  has("发往:乌鲁木齐", "发往", "entity.name.tag.header-label.original.cable");
  has("发往:乌鲁木齐", "批发", "entity.name.tag.header-label.original.cable");
  has("等级:平", "外发", "entity.name.tag.header-label.original.cable");
  has("Receiver: Wulumuqi", "Receiver", "entity.name.tag.header-label.cable");
  has("Receiver: Wulumuqi", "Urumqi", "markup.quote.gloss.cable");
  has("Foreign Ministry Dispatch No. 508", "508", "string.unquoted.header-value.cable");
  has("Subject: We Have", "We Have", "markup.heading.subject.cable");
  has("On the 26th", "of June", "markup.inserted.supplied-date.cable");
  has("On the 26th", "Stepan V.", "markup.inserted.supplied.cable");
  has("Document Information", "Document", "markup.heading.citation.cable");
  has("PRC FMA 118-01154-01", "PRC", "meta.citation.cable");
});
