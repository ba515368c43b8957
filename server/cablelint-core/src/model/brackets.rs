//! Editorial square brackets: pairing (with a stack, never recursion, so
//! 100,000 nested brackets cost what 100,000 flat ones do) and a judgement of
//! what each bracket holds, for rules, hover and highlighting.

use crate::text::Span;

/// What an editorial bracket holds, after the conventions of documentary
/// editions (Wilson Center, FRUS, FromThePage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BracketClass {
    /// A word or phrase the editor supplied: `[To the]`, `[Stepan V.] Chervonenko`.
    Supplied,
    /// A supplied date or part of one: `28 June [1962]`, `the 26th [of June]`.
    SuppliedDate,
    /// Another name for the word before it: `Wulumuqi [Urumqi]`, `Filippov [Stalin]`.
    Gloss,
    /// Letters completing a word: `F[oreign] M[inistry]`, `M.[ikoyan]`.
    Completion,
    /// An omission: `[...]`, `[…]`, and irregular spellings of it.
    Ellipsis,
    /// `[illegible]`, `[2 words illegible]`.
    Illegible,
    /// `[sic]`, `[sic!]`.
    Sic,
    /// `[October?]`, `[?]`.
    Uncertain,
    /// `[1]` — a footnote mark, often glued to the word before.
    FootnoteMark,
    /// `[Translator's note: …]`, `[CPSU CC stamp: …]`, `[first page missing --ed.]`.
    EditorNote,
    /// FRUS structure: `[Telegram]`, `[Received May 27—3:56 a.m.]`, `[Page 381]`.
    Structural,
    /// `[]` or only white space.
    Empty,
}

impl BracketClass {
    pub fn as_str(self) -> &'static str {
        match self {
            BracketClass::Supplied => "supplied",
            BracketClass::SuppliedDate => "supplied-date",
            BracketClass::Gloss => "gloss",
            BracketClass::Completion => "completion",
            BracketClass::Ellipsis => "ellipsis",
            BracketClass::Illegible => "illegible",
            BracketClass::Sic => "sic",
            BracketClass::Uncertain => "uncertain",
            BracketClass::FootnoteMark => "footnote-mark",
            BracketClass::EditorNote => "editor-note",
            BracketClass::Structural => "structural",
            BracketClass::Empty => "empty",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Bracket {
    /// Offset of `[`.
    pub open: usize,
    /// Offset of the matching `]`, if the paragraph has one.
    pub close: Option<usize>,
    /// How many brackets enclose this one.
    pub depth: u32,
    /// Index (into the bracket list) of the enclosing bracket.
    pub parent: Option<usize>,
    pub class: BracketClass,
}

impl Bracket {
    /// From `[` to `]` inclusive (to the paragraph's end when unclosed).
    pub fn span(&self) -> Span {
        Span::new(self.open, self.close.map_or(self.open + 1, |c| c + 1))
    }
    /// Between the brackets.
    pub fn content(&self) -> Option<Span> {
        self.close.map(|c| Span::new(self.open + 1, c))
    }
}

#[derive(Debug, Clone, Default)]
pub struct Brackets {
    pub list: Vec<Bracket>,
    /// Offsets of `]` that close nothing.
    pub stray_closes: Vec<usize>,
}

/// Pairs brackets within paragraphs: a blank line closes the books, so one
/// missing `]` cannot swallow the rest of the document. `skip` are spans
/// (sorted) whose brackets do not count, such as directive lines.
pub fn scan(text: &str, skip: &[Span]) -> Brackets {
    let bytes = text.as_bytes();
    let mut out = Brackets::default();
    let mut stack: Vec<usize> = Vec::new();
    let mut skip = skip.iter().peekable();
    let mut line_blank = true;
    let mut i = 0;
    while i < bytes.len() {
        if let Some(s) = skip.peek() {
            if i >= s.end {
                skip.next();
                continue;
            }
            if i >= s.start {
                i = s.end;
                continue;
            }
        }
        match bytes[i] {
            b'\n' | b'\r' => {
                if line_blank {
                    stack.clear(); // paragraph ended: whatever is open stays unclosed
                }
                if !(bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n')) {
                    line_blank = true;
                }
            }
            b'[' => {
                line_blank = false;
                let parent = stack.last().copied();
                out.list.push(Bracket {
                    open: i,
                    close: None,
                    depth: stack.len() as u32,
                    parent,
                    class: BracketClass::Supplied,
                });
                stack.push(out.list.len() - 1);
            }
            b']' => {
                line_blank = false;
                match stack.pop() {
                    Some(index) => out.list[index].close = Some(i),
                    None => out.stray_closes.push(i),
                }
            }
            b' ' | b'\t' => {}
            _ => line_blank = false,
        }
        i += 1;
    }
    for index in 0..out.list.len() {
        let class = classify(text, &out.list[index]);
        out.list[index].class = class;
    }
    out
}

const TITLES: &[&str] = &[
    "minister",
    "ambassador",
    "comrade",
    "comr.",
    "cde.",
    "president",
    "premier",
    "chairman",
    "secretary",
    "general",
    "mr.",
    "mrs.",
    "dr.",
    "counsellor",
    "counselor",
    "consul",
    "attaché",
    "director",
    "deputy",
    "vice",
    "marshal",
    "prince",
    "king",
    "chancellor",
    "envoy",
    "charge",
    "chargé",
    "leader",
    "prime",
];

/// Bytes of a bracket's content looked at to classify it.
const MAX_JUDGED: usize = 256;

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn classify(text: &str, bracket: &Bracket) -> BracketClass {
    let Some(content) = bracket.content() else {
        return BracketClass::Supplied;
    };
    // Judge a long bracket by its opening words: keeps deep nesting linear.
    let window =
        crate::text::floor_char_boundary(text, content.end.min(content.start + MAX_JUDGED));
    let inner = text[content.start..window].trim();
    let lower = inner.to_lowercase();
    if inner.is_empty() {
        return BracketClass::Empty;
    }
    if inner
        .chars()
        .all(|c| matches!(c, '.' | '…' | ' ' | '\u{a0}'))
    {
        return BracketClass::Ellipsis;
    }
    if lower == "sic" || lower == "sic!" || lower == "sic." {
        return BracketClass::Sic;
    }
    if lower.contains("illegible") || lower.contains("indecipherable") || lower == "unclear" {
        return BracketClass::Illegible;
    }
    if inner.len() <= 3 && inner.chars().all(|c| c.is_ascii_digit() || c == '*') {
        return BracketClass::FootnoteMark;
    }
    if is_editor_note(&lower) {
        return BracketClass::EditorNote;
    }
    if is_structural(&lower) {
        return BracketClass::Structural;
    }
    if inner.ends_with('?') {
        return BracketClass::Uncertain;
    }
    if is_date_part(&lower) {
        return BracketClass::SuppliedDate;
    }
    let before = &text[..bracket.open];
    let glued = before
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphabetic() || c == '.')
        && !before.ends_with("..")
        && inner.chars().next().is_some_and(char::is_lowercase);
    if glued {
        return BracketClass::Completion;
    }
    if is_gloss(before, inner) {
        return BracketClass::Gloss;
    }
    BracketClass::Supplied
}

fn is_editor_note(lower: &str) -> bool {
    const OPENINGS: &[&str] = &[
        "translator",
        "editor",
        "ed.",
        "note",
        "handwritten",
        "stamp",
        "signature",
        "seal",
        "marginal",
        "illegible signature",
        "written",
        "underlined",
        "crossed out",
        "first page",
        "missing",
        "cpsu",
        "cc cpsu",
        "resolution",
        "attachment",
        "enclosure",
        "over",
    ];
    OPENINGS.iter().any(|o| lower.starts_with(o))
        || lower.contains(" note:")
        || lower.contains("stamp:")
        || lower.ends_with("--ed.")
        || lower.ends_with("—ed.")
        || lower.ends_with("- ed.")
}

fn is_structural(lower: &str) -> bool {
    matches!(
        lower,
        "telegram" | "paraphrase" | "extract" | "begin" | "end"
    ) || [
        "received ",
        "page ",
        "here follow",
        "paraphrase of",
        "document ",
    ]
    .iter()
    .any(|h| lower.starts_with(h))
}

fn is_date_part(lower: &str) -> bool {
    let words: Vec<&str> = lower.split_whitespace().collect();
    if words.is_empty() || words.len() > 4 {
        return false;
    }
    let is_year = |w: &str| {
        w.len() == 4
            && w.chars().all(|c| c.is_ascii_digit())
            && (w.starts_with('1') || w.starts_with('2'))
    };
    words.iter().all(|w| {
        let w = w.trim_end_matches(',');
        is_year(w)
            || MONTHS.contains(&w)
            || w == "of"
            || w == "the"
            || w.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
    }) && words
        .iter()
        .any(|w| is_year(w.trim_end_matches(',')) || MONTHS.contains(&w.trim_end_matches(',')))
}

/// `Wulumuqi [Urumqi]`: a capitalised word, then another name for it. A short
/// word before a single capitalised name (`Ji [Pengfei]`) is a Chinese surname
/// whose given name the editor supplied, and a title (`Minister [Pham Van
/// Dong]`) is followed by the name it refers to.
fn is_gloss(before: &str, inner: &str) -> bool {
    let Some(before) = before.strip_suffix(' ') else {
        return false;
    };
    let previous = before
        .rsplit(|c: char| c.is_whitespace() || c == '(' || c == '“')
        .next()
        .unwrap_or("");
    // A gloss follows its word directly: not after punctuation or another bracket.
    if !previous.chars().next().is_some_and(char::is_uppercase)
        || !previous
            .chars()
            .next_back()
            .is_some_and(char::is_alphabetic)
    {
        return false;
    }
    if TITLES.contains(&previous.to_lowercase().as_str()) {
        return false;
    }
    let single_name = !inner.contains(' ') && inner.chars().next().is_some_and(char::is_uppercase);
    let short_surname = previous.chars().count() <= 3;
    !(single_name && short_surname)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(text: &str) -> Vec<(String, &'static str)> {
        scan(text, &[])
            .list
            .iter()
            .map(|b| (text[b.span().range()].to_owned(), b.class.as_str()))
            .collect()
    }

    #[test]
    fn classifies_the_corpus_phrasings() {
        let text = "Vice Minister Ji [Pengfei] met Wulumuqi [Urumqi] and Filippov [Stalin] on 28 June [1962], \
                    the 26th [of June]; F[oreign] M[inistry] and M.[ikoyan] said [...] [….] [illegible] [sic] \
                    [October?] [?] Synthetic[1] [Translator’s note: see [1]] [Telegram] [Received May 27—3:56 a.m.] \
                    [To the] Office; Minister [Pham Van Dong]; [Stepan V.] Chervonenko; Mikołaj [the Soviet embassy]; []";
        let got = classes(text);
        let expected = [
            ("[Pengfei]", "supplied"),
            ("[Urumqi]", "gloss"),
            ("[Stalin]", "gloss"),
            ("[1962]", "supplied-date"),
            ("[of June]", "supplied-date"),
            ("[oreign]", "completion"),
            ("[inistry]", "completion"),
            ("[ikoyan]", "completion"),
            ("[...]", "ellipsis"),
            ("[….]", "ellipsis"),
            ("[illegible]", "illegible"),
            ("[sic]", "sic"),
            ("[October?]", "uncertain"),
            ("[?]", "uncertain"),
            ("[1]", "footnote-mark"),
            ("[Translator’s note: see [1]]", "editor-note"),
            ("[1]", "footnote-mark"),
            ("[Telegram]", "structural"),
            ("[Received May 27—3:56 a.m.]", "structural"),
            ("[To the]", "supplied"),
            ("[Pham Van Dong]", "supplied"),
            ("[Stepan V.]", "supplied"),
            ("[the Soviet embassy]", "gloss"),
            ("[]", "empty"),
        ];
        let got: Vec<(&str, &str)> = got.iter().map(|(a, b)| (a.as_str(), *b)).collect();
        assert_eq!(got, expected);
    }

    #[test]
    fn pairs_nested_and_reports_strays_and_paragraph_bound_unclosed() {
        let text = "a [b [c] d] e]\n[open\nstill open\n\n[x]";
        let brackets = scan(text, &[]);
        assert_eq!(brackets.stray_closes, vec![13]);
        let b = &brackets.list;
        assert_eq!(
            (b[0].close, b[1].close, b[1].depth, b[1].parent),
            (Some(10), Some(7), 1, Some(0))
        );
        assert_eq!(b[2].close, None, "a blank line ends the paragraph");
        assert_eq!(b[3].close, Some(text.len() - 1));
    }

    #[test]
    fn deep_nesting_is_linear_and_does_not_overflow() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let brackets = scan(&text, &[]);
        assert_eq!(brackets.list.len(), 100_000);
        assert!(brackets.list.iter().all(|b| b.close.is_some()));
    }

    #[test]
    fn skipped_spans_do_not_count() {
        let text = "% cablelint: x [\nok";
        assert!(scan(text, &[Span::new(0, 16)]).list.is_empty());
    }
}
