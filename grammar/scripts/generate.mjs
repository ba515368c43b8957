#!/usr/bin/env node
// Writes grammar/cable.tmLanguage.json from the built-in profiles (their
// header labels, original-language labels, known values and line patterns)
// and the rules below. `--check` compares instead of writing, so a test can
// fail when a profile changed and the grammar was not regenerated.
//
// The grammar mirrors the core's reading of a cable where a line-based
// TextMate grammar can: editorial brackets are classified in the same order as
// `server/cablelint-core/src/model/brackets.rs::classify`, and a bracket left
// open ends at the next blank line, as the core's pairing does per paragraph.

import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parse as parseToml } from "smol-toml";

const here = dirname(fileURLToPath(import.meta.url));
export const grammarDir = join(here, "..");
export const repoDir = join(grammarDir, "..");
export const profilesDir = join(repoDir, "server/cablelint-core/src/profile/builtin");
export const grammarPath = join(grammarDir, "cable.tmLanguage.json");

/** Every built-in profile, parsed, in file-name order (stable output). */
export function loadProfiles(dir = profilesDir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".toml"))
    .sort()
    .map((f) => ({ file: f, ...parseToml(readFileSync(join(dir, f), "utf8")) }));
}

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\\/-]/g, "\\$&");

/** Unique case-insensitively; longest first, so the longest label wins as in the core. */
function alternation(words) {
  const seen = new Map();
  for (const w of words) {
    const key = w.toLowerCase();
    if (!seen.has(key)) seen.set(key, w);
  }
  return [...seen.values()].sort((a, b) => [...b].length - [...a].length || a.localeCompare(b));
}

const isCjk = (c) => /[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af\uf900-\ufaff]/.test(c);

/** A label and what may follow it (`label_at_start` in header.rs): labels that
 * end in `.` or in a CJK character are complete; others need a separator so
 * `Do` (Polish "To") does not match the start of "Document". */
function labelRegex(label) {
  const last = [...label].at(-1);
  const bound = last === "." || isCjk(last) ? "" : "(?=[\\s:：….\\-—]|$)";
  return escape(label) + bound;
}

const MONTHS = [
  "January", "February", "March", "April", "May", "June",
  "July", "August", "September", "October", "November", "December",
];
const MONTH = `(?:${MONTHS.join("|")})`;
const MONTH_ABBR = "(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\\.";

// ---- Editorial brackets, in the core's order of classification ----------
// Each `*_AT` regex starts at `[` and is usable inside a negative lookahead.
const INNER = "[^\\[\\]\\r\\n]";
const EMPTY_AT = "\\[[ \\t\\u00a0]*\\]";
const ELLIPSIS_AT = "\\[[ \\t\\u00a0]*[.…][.… \\t\\u00a0]*\\]";
const SIC_AT = "\\[[ \\t]*(?i:sic[!.]?)[ \\t]*\\]";
const ILLEGIBLE_AT = `\\[(?:${INNER}*(?i:illegible|indecipherable)${INNER}*|[ \\t]*(?i:unclear)[ \\t]*)\\]`;
const FOOTNOTE_AT = "\\[[ \\t]*[0-9*]{1,3}[ \\t]*\\]";
const EDITOR_NOTE_OPENINGS = [
  "translator", "editor", "ed.", "note", "handwritten", "stamp", "signature", "seal",
  "marginal", "written", "underlined", "crossed out", "first page", "missing", "cpsu",
  "resolution", "attachment", "enclosure", "over",
];
const EDITOR_NOTE_START = `\\[(?=[ \\t]*(?i:${EDITOR_NOTE_OPENINGS.map(escape).join("|")})|${INNER}*(?i: note:|stamp:)|${INNER}*(?i:--ed\\.|—ed\\.|- ed\\.)[ \\t]*\\])`;
const STRUCTURAL_AT = `\\[[ \\t]*(?i:(?:telegram|paraphrase|extract|begin|end)[ \\t]*|(?:received |page |here follow|paraphrase of|document )${INNER}*)\\]`;
const UNCERTAIN_AT = `\\[${INNER}*\\?[ \\t]*\\]`;
const DATE_WORD = `(?i:[12][0-9]{3}|${MONTH}|of|the|0?[1-9]|[12][0-9]|3[01]),?`;
const SUPPLIED_DATE_AT = `\\[(?=${INNER}*(?i:${MONTH}|[12][0-9]{3}))[ \\t]*${DATE_WORD}(?:[ \\t]+${DATE_WORD}){0,3}[ \\t]*\\]`;
const TITLES = [
  "minister", "ambassador", "comrade", "comr.", "cde.", "president", "premier", "chairman",
  "secretary", "general", "mr.", "mrs.", "dr.", "counsellor", "counselor", "consul", "attaché",
  "director", "deputy", "vice", "marshal", "prince", "king", "chancellor", "envoy", "charge",
  "chargé", "leader", "prime",
];
/** Classes judged before a gloss: a bracket after a word is none of these. */
const NOT_EARLIER_CLASS = `(?!${[EMPTY_AT, ELLIPSIS_AT, SIC_AT, ILLEGIBLE_AT, FOOTNOTE_AT, EDITOR_NOTE_START, STRUCTURAL_AT, UNCERTAIN_AT, SUPPLIED_DATE_AT].join("|")})`;

function bracketMatch(name, regex) {
  return {
    name,
    match: `(\\[)${regex.slice(2, -2)}(\\])`,
    captures: {
      1: { name: "punctuation.definition.bracket.begin.cable" },
      2: { name: "punctuation.definition.bracket.end.cable" },
    },
  };
}

function bracketRegion(name, begin) {
  return {
    name,
    begin,
    // A blank line ends the paragraph, and with it any bracket left open.
    end: "\\]|^(?=[ \\t]*$)",
    beginCaptures: { 0: { name: "punctuation.definition.bracket.begin.cable" } },
    endCaptures: { 0: { name: "punctuation.definition.bracket.end.cable" } },
    patterns: [{ include: "#directive" }, { include: "#brackets" }, { include: "#dates" }],
  };
}

function brackets() {
  // The word before a gloss starts upper-case and ends in a letter.
  const longWord = "\\p{Lu}[^\\s(“\\[\\]]{2,}\\p{L}";
  const shortWord = "\\p{Lu}(?:[^\\s(“\\[\\]]?\\p{L})?";
  const notTitle = `(?!(?i:${TITLES.map(escape).join("|")}) \\[)`;
  const glossStart = `(?<![^\\s(“])${notTitle}`;
  // `Ji [Pengfei]`: a short surname before one capitalised name is a supplied
  // given name, not a gloss (is_gloss in brackets.rs).
  const notSingleName = `(?=\\[(?:${INNER}*[ \\t]|[^\\p{Lu}\\[\\]\\r\\n]))`;
  return {
    patterns: [
      bracketMatch("invalid.illegal.empty-bracket.cable", EMPTY_AT),
      bracketMatch("comment.ellipsis.cable", ELLIPSIS_AT),
      bracketMatch("keyword.other.sic.cable", SIC_AT),
      bracketMatch("invalid.illegal.illegible.cable", ILLEGIBLE_AT),
      bracketMatch("constant.other.footnote-mark.cable", FOOTNOTE_AT),
      bracketRegion("comment.block.editor-note.cable", EDITOR_NOTE_START),
      bracketMatch("support.other.structural.cable", STRUCTURAL_AT),
      bracketMatch("markup.changed.uncertain.cable", UNCERTAIN_AT),
      bracketMatch("markup.inserted.supplied-date.cable", SUPPLIED_DATE_AT),
      {
        // `F[oreign]`, `M.[ikoyan]`: letters glued to a word, starting lower-case.
        name: "markup.inserted.completion.cable",
        match: `(?<=[\\p{L}.])(?<!\\.\\.)(\\[)(?=[ \\t]*\\p{Ll})${INNER}*(\\])`,
        captures: {
          1: { name: "punctuation.definition.bracket.begin.cable" },
          2: { name: "punctuation.definition.bracket.end.cable" },
        },
      },
      {
        // `Wulumuqi [Urumqi]`: another name for the capitalised word before.
        match: `${glossStart}(?:(${longWord}) |(${shortWord}) ${notSingleName})${NOT_EARLIER_CLASS}((\\[)${INNER}+(\\]))`,
        captures: {
          1: { name: "meta.glossed-word.cable" },
          2: { name: "meta.glossed-word.cable" },
          3: { name: "markup.quote.gloss.cable" },
          4: { name: "punctuation.definition.bracket.begin.cable" },
          5: { name: "punctuation.definition.bracket.end.cable" },
        },
      },
      bracketRegion("markup.inserted.supplied.cable", "\\["),
      { name: "invalid.illegal.stray-bracket.cable", match: "\\]" },
    ],
  };
}

// ---- Dates and times ------------------------------------------------------
function dates() {
  const b = (x) => `\\[?${x}\\]?`; // a part the editor may have supplied
  const day = "(?:0?[1-9]|[12][0-9]|3[01])";
  const year = "[12][0-9]{3}";
  const month = `(?:${MONTH}|${MONTH_ABBR})`;
  const bracketsInside = { patterns: [{ include: "#brackets" }] };
  return {
    patterns: [
      {
        name: "constant.numeric.date.cable",
        match: [
          // June 28, 1962 · June 28 · June 1962
          `(?<![\\p{L}\\p{N}])${b(month)}(?: ${b(day)}(?![\\p{N}:])(?:,? ${b(year)})?| ${b(year)})(?![\\p{N}])`,
          // 28 June [1962] · 28 June
          `(?<![\\p{L}\\p{N}.:])${b(day)} ${b(month)}(?:,? ${b(year)})?(?![\\p{L}\\p{N}])`,
          // 24.10.62 · 03.12.63. · 03.11. · 1962-06-28 · 27/X/1962
          `(?<![\\p{N}.])(?:[0-3][0-9]\\.[01][0-9]\\.(?:[0-9]{2,4}\\.?)?|${day}\\.${"(?:0?[1-9]|1[0-2])"}\\.(?:[0-9]{4}|[0-9]{2})\\.?)(?![\\p{N}])`,
          `(?<![\\p{N}])${year}-[01][0-9]-[0-3][0-9](?![\\p{N}])`,
          `(?<![\\p{N}])${day}/(?:X{0,1}I{1,3}|IV|VI{0,3}|IX|X|XI{1,2})/(?:[0-9]{4}|[0-9]{2})(?![\\p{N}])`,
          // 1962年6月28日 · 6月28日
          `(?:[0-9]{4}年)?[0-9]{1,2}月[0-9]{1,2}日|[0-9]{4}年(?:[0-9]{1,2}月)?`,
        ].join("|"),
        captures: { 0: bracketsInside },
      },
      {
        name: "constant.numeric.time.cable",
        match: `(?<![\\p{N}:.])(?:[01]?[0-9]|2[0-3])[:.][0-5][0-9](?:[ \\t]?(?i:a\\.m\\.|p\\.m\\.|am|pm|hours|hrs\\.?|h)(?![\\p{L}]))?|(?<![\\p{N}:.])(?:1[0-2]|0?[1-9])[ \\t]?(?:a\\.m\\.|p\\.m\\.)`,
      },
    ],
  };
}

// ---- Markings and archive lines ---------------------------------------------
const MARKINGS = [
  // English, as the translations print them
  "Top Secret", "Strictly Secret", "Secret", "Strictly Confidential", "Confidential", "Restricted",
  "Eyes Only", "For Eyes Only", "Personal", "Personally", "Urgent", "Very Urgent", "Most Urgent",
  "Extremely Urgent", "Extra Urgent", "Top Priority", "Priority", "Immediate", "Flash", "Newsflash!",
  "Ciphered Telegram", "Enciphered Cable", "Ciphered Cable", "Coded Telegram", "Special",
  "S P E C I A L", "Making copies is prohibited", "Making Copies Prohibited", "Copying prohibited",
  "Reproduction prohibited", "Substitution", "Limited Official Use", "Unclassified",
  // Russian, Polish, Chinese originals
  "Совершенно секретно", "Строго секретно", "Секретно", "Шифртелеграмма", "Срочно", "Вне очереди",
  "Особая папка", "Лично", "Ściśle tajne", "Tajne", "Poufne", "Bardzo pilne", "Pilne", "Szyfrogram",
  "绝密", "机密", "秘密", "特急", "加急", "特提",
];

const CHROME = ["Skip to content", "English HTML", "English PDF", "Original Scan", "CITATION SHARE DOWNLOAD"];
const FUNDER = "This document was made possible with support from";
const CITATION_STARTS = ["Document Information", "Author(s):", "Associated People & Places", "Associated People", "Associated Places", "Associated Topics", "Original Uploaded Date"];
const CITATION_HEADINGS = [...CITATION_STARTS, "Associated People & Organizations", "Source", "Original Archive", "Rights", "Record ID", "Original Language", "Contents", "Subjects Discussed", "Languages", "Citation", "Summary"];
const SALUTATION = "(?:\\[To the\\]|To the|Dear|Comrades?|Cde\\.|Mr\\.|Respected)";

/** A profile's pattern with its groups made non-capturing, so the grammar's own captures keep their numbers. */
function nonCapturing(pattern) {
  return pattern.replace(/(^|[^\\])\((?!\?)/g, "$1(?:");
}

export function buildGrammar(profiles) {
  const labels = [];
  const originalLabels = [];
  const subjectLabels = [];
  const values = [];
  const patternFields = [];
  for (const profile of profiles) {
    for (const field of profile.field ?? []) {
      const own = [...(field.labels ?? [])];
      const orig = [...(field.original_labels ?? [])];
      if (field.id === "subject") subjectLabels.push(...own, ...orig);
      labels.push(...own);
      originalLabels.push(...orig);
      for (const v of field.values ?? []) values.push(v.original, v.translation);
      if (field.pattern) patternFields.push({ profile: profile.id, id: field.id, pattern: field.pattern });
    }
  }
  const originalOnly = alternation(originalLabels).filter(
    (o) => !labels.some((l) => l.toLowerCase() === o.toLowerCase()),
  );
  // Latin-script originals (`Do`, `Od`, `Nr`, `Data`) are English words too:
  // they start a header line only with a colon.
  const latin = (l) => /^[\p{Script=Latin}\p{N}\p{P}\s]+$/u.test(l);
  const alt = (ls) => `(?i:${alternation(ls).map(labelRegex).join("|")})`;
  const LABEL = alt([...labels, ...originalLabels]);
  const TRANSLATION = alt(labels);
  const ORIGINAL = alt(originalOnly);
  const FOREIGN_ORIGINAL = alt(originalOnly.filter((l) => !latin(l)));
  // Labels that may open a header line without a colon.
  const STARTER = alt([...labels, ...originalOnly.filter((l) => !(latin(l) && [...l].length <= 4))]);
  const SUBJECT = alt(subjectLabels);
  const SUBJECT_ORIGINAL = alt(subjectLabels.filter((l) => originalOnly.includes(l)));
  const VALUE = alt(values);
  // Archive pages pad form headers with no-break and ideographic spaces too.
  const SP = "[ \\t\\u00a0\\u3000]";
  const GAP = `(?:${SP}{2,}|\\t|…+|\\.{2,})`;
  // A single space separates too (`Special no. 550`); wider spacing ends the field.
  const SEP = `${SP}*[:：]${SP}*|${SP}*…+${SP}*|\\.{2,}|${SP}(?!${SP})`;
  const valueBody = `(?:(?!${LABEL})(?:(?!${GAP}|${SP}${LABEL}${SP}*[:：]).)+)?`;
  const valuePatterns = {
    patterns: [
      { name: "constant.language.header-value.cable", match: `(?<![\\p{L}])${VALUE}(?![\\p{L}])` },
      { include: "#dates" },
      { include: "#brackets" },
    ],
  };
  // A translation label that begins with an original-language one must win.
  const longer = labels.filter((l) =>
    originalOnly.some((o) => l.length > o.length && l.toLowerCase().startsWith(o.toLowerCase())),
  );
  const shadowing = longer.length ? `(?!${alt(longer)})` : "";
  const fieldStart = `(?:\\G${SP}*|(?<=${SP}{2}|\\t|…|\\.\\.)|(?<=${SP})(?=${LABEL}${SP}*[:：]))`;
  const field = {
    // Original-language labels first, unless a translation label is longer.
    match: `${fieldStart}(?:${shadowing}(${ORIGINAL})|(${TRANSLATION}))(${SEP})?(${valueBody})`,
    captures: {
      1: { name: "entity.name.tag.header-label.original.cable" },
      2: { name: "entity.name.tag.header-label.cable" },
      3: { name: "punctuation.separator.key-value.cable" },
      4: { name: "string.unquoted.header-value.cable", ...valuePatterns },
    },
  };

  const markingAlt = `(?i:${alternation(MARKINGS).map(escape).join("|")})`;
  const repository = {
    directive: {
      name: "meta.directive.cable",
      begin: "^(%)( )(cablelint)(:)",
      end: "$",
      beginCaptures: {
        1: { name: "punctuation.definition.directive.cable" },
        3: { name: "keyword.control.directive.cable" },
        4: { name: "punctuation.separator.directive.cable" },
      },
      patterns: [
        {
          match: "\\G[ \\t]*(profile)(?:[ \\t]+(=)?|(=)[ \\t]+)[ \\t]*([^\\s=]\\S*)[ \\t]*$",
          captures: {
            1: { name: "keyword.other.directive.profile.cable" },
            2: { name: "keyword.operator.assignment.cable" },
            3: { name: "keyword.operator.assignment.cable" },
            4: { name: "entity.name.profile.cable" },
          },
        },
        {
          begin: "\\G[ \\t]*(disable-file|disable-next-line)(?=[ \\t]|$)",
          end: "$",
          beginCaptures: { 1: { name: "keyword.other.directive.disable.cable" } },
          patterns: [
            { name: "constant.other.rule-code.cable", match: "(?<![^ \\t,])[A-Z][0-9]{0,3}(?=[ \\t,]|$)" },
            { name: "punctuation.separator.comma.cable", match: "," },
            { name: "invalid.illegal.rule-code.cable", match: "[^ \\t,]+" },
          ],
        },
        { name: "invalid.illegal.directive.cable", match: "\\G.*\\S.*$" },
      ],
    },
    "citation-box": {
      // The old layout's citation box, from "• Citation" to "English HTML".
      name: "comment.block.chrome.archive.cable",
      begin: "^[ \\t]*(?:• Citation|CITATION)[ \\t]*$",
      end: "^[ \\t]*(?:English HTML|English PDF|Original Scan)[ \\t]*$",
    },
    chrome: {
      name: "comment.line.chrome.archive.cable",
      match: `^[ \\t]*(?:${CHROME.map(escape).join("|")})[ \\t]*$`,
    },
    funder: {
      name: "comment.line.funder.archive.cable",
      match: `^[ \\t]*${escape(FUNDER)}(?![\\p{L}]).*$`,
    },
    "archive-date": {
      // The archive's date of the document, then its title: the next line
      // with text, unless that line is archive furniture or a paragraph.
      name: "meta.archive.cable",
      // `28 June 1962` counts only on the first line: elsewhere it is a header
      // or closing date.
      begin: `(?:^[ \\t]*(${MONTH}(?: (?:0?[1-9]|[12][0-9]|3[01]),)? [12][0-9]{3})|\\A[ \\t]*((?:0?[1-9]|[12][0-9]|3[01]) ${MONTH} [12][0-9]{3}))[ \\t]*$`,
      beginCaptures: {
        1: { name: "meta.archive.date.cable constant.numeric.date.cable" },
        2: { name: "meta.archive.date.cable constant.numeric.date.cable" },
      },
      end: `^[ \\t]*(?:(?!${escape(FUNDER)}|•|(?:${CHROME.map(escape).join("|")})[ \\t]*$|${markingAlt}[ \\t]*$|${LABEL}[ \\t]*[:：]|% cablelint:)([^\\r\\n]{13,}?)(?<![.!?])[ \\t]*$|(?=\\S))`,
      endCaptures: { 1: { name: "markup.heading.title.archive.cable", patterns: [{ include: "#brackets" }, { include: "#dates" }] } },
    },
    citation: {
      // The archive's citation block runs to the end of the file.
      name: "meta.citation.cable",
      begin: `^(?=[ \\t]*(?:${CITATION_STARTS.map(escape).join("|")})[ \\t]*$)`,
      end: "(?!)",
      patterns: [
        { include: "#directive" },
        { name: "markup.heading.citation.cable", match: `^[ \\t]*(?:${CITATION_HEADINGS.map(escape).join("|")})[ \\t]*$` },
      ],
    },
    classification: {
      name: "meta.classification.cable",
      match: `^[ \\t]*(${markingAlt}(?:[ \\t]*[—–\\-,/&][ \\t]*${markingAlt}|[ \\t]+${markingAlt})*)[ \\t]*\\.?[ \\t]*$`,
      captures: {
        1: { patterns: [{ name: "keyword.other.classification.cable", match: markingAlt }] },
      },
    },
    subject: {
      name: "meta.subject.cable",
      match: `^[ \\t]*(?:(${SUBJECT_ORIGINAL})|(${SUBJECT}))([ \\t]*[:：][ \\t]*)(.*?)[ \\t]*$`,
      captures: {
        1: { name: "entity.name.tag.header-label.original.cable" },
        2: { name: "entity.name.tag.header-label.cable" },
        3: { name: "punctuation.separator.key-value.cable" },
        4: { name: "markup.heading.subject.cable", patterns: [{ include: "#brackets" }, { include: "#dates" }] },
      },
    },
    salutation: {
      name: "meta.salutation.cable",
      begin: `^(?=[ \\t]*${SALUTATION}[^\\r\\n]*[:：][ \\t]*$)`,
      end: "$",
      patterns: [{ include: "#brackets" }, { include: "#dates" }],
    },
    "pattern-field": {
      // Unlabelled header fields the profiles define by the shape of the line.
      patterns: patternFields.map((p) => ({
        name: `meta.field.header.${p.id}.cable`,
        match: nonCapturing(p.pattern).replace(/^\^/, "^[ \\t]*(?=").replace(/\$$/, "[ \\t]*$)") + "(.*)$",
        captures: { 1: { name: "string.unquoted.header-value.cable", patterns: [{ include: "#dates" }, { include: "#brackets" }] } },
      })),
    },
    "header-field": {
      // A line that starts with a known label: with a colon at any length, or
      // without one on a short line (`Foreign Ministry Dispatch No. 508`,
      // `Received on 4:10 am, 14 May 1950`), or with an original-language label
      // (`等级:平    复来报号    外发e508`). Later fields on the line start after
      // wide spacing, dot leaders, or a ` Label:` inside the value.
      name: "meta.field.header.cable",
      begin: `^(?=${SP}*(?:${LABEL}${SP}*[:：]|(?=[^\\r\\n]{0,80}$)${STARTER}|${STARTER}(?:…|\\.\\.|${SP}{2})|${FOREIGN_ORIGINAL}))`,
      end: "$",
      patterns: [field, { include: "#brackets" }, { include: "#dates" }],
    },
    "unknown-label": {
      // `Arrived: 24.10.62 16:30`: a short `Label:` line whose label no
      // profile knows (the core keeps it as a field without a profile field).
      name: "meta.field.header.cable",
      match: "^[ \\t]*(\\p{L}[\\p{L} .'’()/\\-]{0,40}?)([ \\t]*[:：](?!//)[ \\t]*)(.{0,60})$",
      captures: {
        1: { name: "entity.name.tag.header-label.unknown.cable" },
        2: { name: "punctuation.separator.key-value.cable" },
        3: { name: "string.unquoted.header-value.cable", ...valuePatterns },
      },
    },
    brackets: brackets(),
    dates: dates(),
  };

  return {
    information_for_contributors: [
      "Generated by grammar/scripts/generate.mjs from the built-in profiles in",
      "server/cablelint-core/src/profile/builtin/*.toml. Do not edit by hand: run",
      "`npm run generate` in grammar/ (the grammar tests fail when it is stale).",
    ],
    $schema: "https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json",
    name: "Cable",
    scopeName: "source.cable",
    fileTypes: ["cable"],
    patterns: [
      { include: "#directive" },
      { include: "#citation" },
      { include: "#citation-box" },
      { include: "#chrome" },
      { include: "#funder" },
      { include: "#archive-date" },
      { include: "#classification" },
      { include: "#subject" },
      { include: "#salutation" },
      { include: "#pattern-field" },
      { include: "#header-field" },
      { include: "#unknown-label" },
      { include: "#brackets" },
      { include: "#dates" },
    ],
    repository,
  };
}

export function render(profiles = loadProfiles()) {
  return JSON.stringify(buildGrammar(profiles), null, 2) + "\n";
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = render();
  const shown = relative(process.cwd(), grammarPath) || grammarPath;
  if (process.argv.includes("--check")) {
    let current = "";
    try {
      current = readFileSync(grammarPath, "utf8");
    } catch {
      // missing counts as stale
    }
    if (current !== text) {
      console.error(`${shown} is stale: the built-in profiles changed. Run \`npm run generate\` in grammar/.`);
      process.exit(1);
    }
    console.log(`${shown} is up to date with the built-in profiles.`);
  } else {
    writeFileSync(grammarPath, text);
    console.log(`wrote ${shown}`);
  }
}
