//! Editorial square brackets: pairing (with a stack, never recursion, so
//! 100,000 nested brackets cost what 100,000 flat ones do) and a judgement of
//! what each bracket holds, for rules, hover and highlighting.

mod classify;

use crate::text::Span;

/// What an editorial bracket holds, after the conventions of documentary
/// editions (Wilson Center, FRUS, FromThePage).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BracketClass {
    /// A word or phrase the editor supplied: `[To the]`, `[Stepan V.] Chervonenko`.
    Supplied,
    /// A supplied date or part of one: `28 June [1962]`, `the 26th [of June]`.
    SuppliedDate,
    /// Another name for the word before it: `Wulumuqi [Urumqi]`, `Filippov [Stalin]`,
    /// or a corrected number: `my 2379 [2369]`.
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
    /// `[Translator's note: …]`, `[CPSU CC stamp: …]`, `[first page missing --ed.]`,
    /// `[over]`, `[… redacted]`.
    EditorNote,
    /// FRUS structure: `[Telegram]`, `[Received May 27—3:56 a.m.]`, `[Page 381]`;
    /// and what an archive's web page put in place of text (`[email protected]`).
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

/// One `[` and what pairs with it. Twenty bytes rather than forty-eight: a
/// 10 MB line of brackets holds millions of them. Offsets and the parent's
/// index are kept in 40 bits (a terabyte, far past any `max-file-size` a
/// machine could load), so the size limit cannot make them wrap.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Bracket {
    open: U40,
    /// [`U40::NONE`] while unclosed.
    close: U40,
    /// [`U40::NONE`] at the top level.
    parent: U40,
    depth: u32,
    /// What the parse decided; `None` for one of the four classes only
    /// [`Bracket::class`] tells apart (see [`Bracket::settled_class`]).
    settled: Option<BracketClass>,
}

impl Bracket {
    /// `open` and `parent` must be below [`MAX_OFFSET`] (the scan guards it).
    fn new(open: usize, depth: usize, parent: Option<usize>) -> Bracket {
        Bracket {
            open: U40::new(open),
            close: U40::NONE,
            parent: parent.map_or(U40::NONE, U40::new),
            // Only a ranking for hover: saturating is harmless.
            depth: u32::try_from(depth).unwrap_or(u32::MAX),
            settled: Some(BracketClass::Supplied),
        }
    }
    /// The class the parse decided, which is the class [`Bracket::class`]
    /// gives whenever it is `Some`. Every empty, ellipsis, sic, illegible,
    /// footnote-mark, editor-note, structural and uncertain bracket has one,
    /// and so do an unclosed bracket and one blank through the judged window
    /// but not to its end (supplied); `None` is a closed bracket
    /// that is a supplied word, a supplied date, a gloss or a completion.
    /// Telling those four apart (dates, the word before and after) costs
    /// about as much as the rest of the classification, and no lint rule
    /// asks, so the parse leaves it to those that do (hover, highlighting).
    pub fn settled_class(&self) -> Option<BracketClass> {
        self.settled
    }
    /// What the bracket holds. `text` is the document's text, the one the
    /// brackets were found in: the class may depend on the words around
    /// the bracket.
    pub fn class(&self, text: &str) -> BracketClass {
        match self.settled {
            Some(class) => class,
            None => classify::classify(text, self, &mut String::new()),
        }
    }
    /// Offset of `[`.
    pub fn open(&self) -> usize {
        self.open.get()
    }
    /// Offset of the matching `]`, if the paragraph has one.
    pub fn close(&self) -> Option<usize> {
        self.close.get_some()
    }
    /// How many brackets enclose this one.
    pub fn depth(&self) -> u32 {
        self.depth
    }
    /// Index (into the bracket list) of the enclosing bracket.
    pub fn parent(&self) -> Option<usize> {
        self.parent.get_some()
    }
    /// From `[` to `]` inclusive (to the paragraph's end when unclosed).
    pub fn span(&self) -> Span {
        let open = self.open();
        Span::new(open, self.close().map_or(open + 1, |c| c + 1))
    }
    /// Between the brackets.
    pub fn content(&self) -> Option<Span> {
        self.close().map(|c| Span::new(self.open() + 1, c))
    }
}

impl std::fmt::Debug for Bracket {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bracket")
            .field("open", &self.open())
            .field("close", &self.close())
            .field("depth", &self.depth)
            .field("parent", &self.parent())
            .field("settled", &self.settled)
            .finish()
    }
}

/// Brackets at or past this offset are not listed: no text that long fits in
/// memory, but the scan says so rather than letting an offset wrap.
pub const MAX_OFFSET: usize = (1 << 40) - 1;

/// An unsigned 40-bit number, byte-aligned so that a [`Bracket`] packs tight.
#[derive(Clone, Copy, PartialEq, Eq)]
struct U40([u8; 5]);

impl U40 {
    const NONE: U40 = U40([0xff; 5]);

    fn new(value: usize) -> U40 {
        debug_assert!(value < MAX_OFFSET);
        // Copied as a slice, which the compiler writes as four bytes and
        // one; picked out byte by byte, it wrote five single bytes.
        let mut low = [0; 5];
        low.copy_from_slice(&(value as u64).to_le_bytes()[..5]);
        U40(low)
    }
    fn get(self) -> usize {
        let [a, b, c, d, e] = self.0;
        u64::from_le_bytes([a, b, c, d, e, 0, 0, 0]) as usize
    }
    fn get_some(self) -> Option<usize> {
        (self != U40::NONE).then(|| self.get())
    }
}

#[derive(Debug, Clone, Default)]
pub struct Brackets {
    /// Every `[`, in text order.
    pub list: Vec<Bracket>,
    /// Offsets of `]` that close nothing.
    pub stray_closes: Vec<usize>,
    /// The paragraphs brackets were paired within: runs of lines that are
    /// not blank, from the first character of the first line to the end of
    /// the last line's content. Sorted; rules that balance other punctuation
    /// per paragraph use the same ones.
    pub paragraphs: Vec<Span>,
}

impl Brackets {
    /// The paragraph that holds `offset`, if it is not on a blank line.
    pub fn paragraph_of(&self, offset: usize) -> Option<Span> {
        let index = self.paragraphs.partition_point(|p| p.end < offset);
        self.paragraphs
            .get(index)
            .copied()
            .filter(|p| p.start <= offset)
    }

    /// Index of the paragraph that holds `offset` (or the next one after it).
    pub fn paragraph_index(&self, offset: usize) -> usize {
        self.paragraphs.partition_point(|p| p.end < offset)
    }
}

/// Pairs brackets within paragraphs: a blank line (nothing but white space,
/// no-break and ideographic spaces included) closes the books, so one missing
/// `]` cannot swallow the rest of the document. `skip` are spans (sorted)
/// whose brackets do not count, such as directive lines.
pub fn scan(text: &str, skip: &[Span]) -> Brackets {
    let (lines, _, marks) = super::lines::LineTable::scan(text);
    scan_paragraphs(text, lines.into_paragraphs(), &marks, skip)
}

/// [`scan`] with the paragraphs already found (sorted, as
/// [`Brackets::paragraphs`] holds them) and the offsets of every `[` and
/// `]` (`marks`, ascending, as `LineTable::scan` gives them while it finds the
/// lines). Every `[` and `]` lies on a line that is not blank,
/// so inside a paragraph: one walk over the marks pairs them, and the stack
/// empties whenever a mark passes a paragraph's end.
pub(super) fn scan_paragraphs(
    text: &str,
    paragraphs: Vec<Span>,
    marks: &[usize],
    skip: &[Span],
) -> Brackets {
    let mut out = Brackets {
        paragraphs,
        ..Brackets::default()
    };
    let bytes = text.as_bytes();
    // A long text is counted, which saves the list's regrowing; a cable of a
    // few kilobytes gets room for one bracket per 128 bytes without the pass.
    if text.len() > 64 * 1024 {
        out.list
            .reserve(marks.iter().filter(|&&i| bytes[i] == b'[').count());
    } else {
        out.list.reserve(text.len() / 128 + 4);
    }
    // The innermost open bracket: the stack of open brackets is the chain
    // of parents from it, so closing one steps to its parent and the pairing
    // needs no list of its own (nor its allocation).
    let mut open: Option<usize> = None;
    let mut skip = skip.iter().peekable();
    let mut paragraph = 0;
    // Past `MAX_OFFSET` (a terabyte) nothing is listed; see [`Bracket`].
    for &i in marks.iter().take_while(|&&i| i < MAX_OFFSET) {
        if out.paragraphs.get(paragraph).is_some_and(|p| p.end <= i) {
            // Paragraph ended: whatever is open stays unclosed.
            open = None;
            // A step at a time (a binary search cost more: the next
            // paragraph nearly always holds the mark); each paragraph is
            // passed once, so the walk stays linear.
            paragraph += 1;
            while out.paragraphs.get(paragraph).is_some_and(|p| p.end <= i) {
                paragraph += 1;
            }
        }
        while skip.peek().is_some_and(|s| s.end <= i) {
            skip.next();
        }
        if skip.peek().is_some_and(|s| s.start <= i) {
            continue;
        }
        if bytes[i] == b'[' {
            // One deeper than the enclosing bracket (saturating, as
            // `Bracket::new` saturates a deeper stack's length).
            let depth = open.map_or(0, |p| out.list[p].depth as usize + 1);
            out.list.push(Bracket::new(i, depth, open));
            open = Some(out.list.len() - 1);
        } else {
            match open {
                Some(index) => {
                    out.list[index].close = U40::new(i);
                    open = out.list[index].parent();
                }
                None => out.stray_closes.push(i),
            }
        }
    }
    // Room for a judged window lower-cased (lower case may grow a little):
    // one allocation serves every bracket.
    let mut scratch = String::with_capacity(2 * classify::MAX_JUDGED);
    for bracket in &mut out.list {
        bracket.settled = classify::settle(text, bracket, &mut scratch);
    }
    out
}

/// Nothing but white space (as `str::trim` has it); the oracle's test. A
/// line that starts with an ASCII character other than white space, nearly
/// every line, is decided by its first byte.
#[cfg(test)]
fn is_blank(line: &str) -> bool {
    match line.as_bytes().first() {
        None => true,
        Some(b)
            if b.is_ascii() && !matches!(b, b' ' | b'\t' | b'\n' | b'\x0B' | b'\x0C' | b'\r') =>
        {
            false
        }
        Some(_) => line.trim().is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::LineIndex;

    /// The line-by-line scan [`scan_paragraphs`] replaced, kept as its oracle.
    fn scan_lines_oracle(text: &str, lines: &LineIndex, skip: &[Span]) -> Brackets {
        let mut out = Brackets::default();
        // A long text is counted, which saves the list's regrowing; a cable of a
        // few kilobytes gets room for one bracket per 128 bytes without the pass.
        if text.len() > 64 * 1024 {
            out.list
                .reserve(memchr::memchr_iter(b'[', text.as_bytes()).count());
        } else {
            out.list.reserve(text.len() / 128 + 4);
        }
        // Room for the paragraphs of a page-long cable without regrowing.
        out.paragraphs.reserve(16);
        let mut stack: Vec<usize> = Vec::new();
        let mut skip = skip.iter().peekable();
        let mut paragraph: Option<Span> = None;
        // One search over the whole text; a blank line holds no bracket, and a
        // line's brackets are those before its end.
        let bytes = text.as_bytes();
        // Past `MAX_OFFSET` (a terabyte) nothing is listed; see [`Bracket`].
        let mut marks = memchr::memchr2_iter(b'[', b']', bytes)
            .take_while(|&i| i < MAX_OFFSET)
            .peekable();
        for line in (0..lines.line_count()).map(|l| lines.line_content_span(text, l)) {
            if is_blank(&text[line.range()]) {
                // Paragraph ended: whatever is open stays unclosed.
                out.paragraphs.extend(paragraph.take());
                stack.clear();
                continue;
            }
            paragraph = Some(paragraph.map_or(line, |p| p.cover(line)));
            while let Some(i) = marks.next_if(|&i| i < line.end) {
                while skip.peek().is_some_and(|s| s.end <= i) {
                    skip.next();
                }
                if skip.peek().is_some_and(|s| s.start <= i) {
                    continue;
                }
                if bytes[i] == b'[' {
                    out.list
                        .push(Bracket::new(i, stack.len(), stack.last().copied()));
                    stack.push(out.list.len() - 1);
                } else {
                    match stack.pop() {
                        Some(index) => out.list[index].close = U40::new(i),
                        None => out.stray_closes.push(i),
                    }
                }
            }
        }
        out.paragraphs.extend(paragraph);
        // Room for a judged window lower-cased (lower case may grow a little):
        // one allocation serves every bracket.
        let mut scratch = String::with_capacity(2 * classify::MAX_JUDGED);
        for index in 0..out.list.len() {
            let class = classify::settle(text, &out.list[index], &mut scratch);
            out.list[index].settled = class;
        }
        out
    }

    /// Both scans, compared field by field.
    fn assert_scans_agree(text: &str, skip: &[Span]) {
        let new = scan(text, skip);
        let old = scan_lines_oracle(text, &LineIndex::new(text), skip);
        assert_eq!(new.list, old.list, "{text:?}");
        assert_eq!(new.stray_closes, old.stray_closes, "{text:?}");
        assert_eq!(new.paragraphs, old.paragraphs, "{text:?}");
    }

    /// Lines that start with `%` skipped, as directive lines are.
    fn percent_lines(text: &str) -> Vec<Span> {
        let lines = LineIndex::new(text);
        (0..lines.line_count())
            .map(|l| lines.line_content_span(text, l))
            .filter(|s| text[s.range()].starts_with('%'))
            .collect()
    }

    #[test]
    fn paragraph_scan_agrees_with_the_line_scan_on_the_corpus() {
        for (_, text) in crate::test_corpus::documents() {
            assert_scans_agree(&text, &[]);
            assert_scans_agree(&text, &percent_lines(&text));
        }
    }

    #[test]
    fn paragraph_scan_agrees_with_the_line_scan_on_generated_texts() {
        const PIECES: &[&str] = &[
            "[",
            "]",
            "[",
            "]",
            "\n",
            "\r\n",
            "\r",
            "\n\n",
            "\r\n\r\n",
            " ",
            "\t",
            "\u{a0}",
            "\u{3000}",
            "𠀋",
            "中文",
            "\u{feff}",
            "word",
            "[sic]",
            "[...]",
            "% cablelint: disable-file B ]",
            "\n% x [\n",
            "[1962]",
            " \n ",
            "\u{85}",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for round in 0..4_000 {
            let mut text = String::new();
            if round % 7 == 0 {
                text.push('\u{feff}');
            }
            for _ in 0..(next() % 60) {
                text.push_str(PIECES[(next() % PIECES.len() as u64) as usize]);
            }
            assert_scans_agree(&text, &[]);
            assert_scans_agree(&text, &percent_lines(&text));
        }
        for text in [
            "[".repeat(100_000),
            "]".repeat(100_000),
            format!("{}\n\n{}", "[".repeat(100_000), "]".repeat(100_000)),
            String::new(),
        ] {
            assert_scans_agree(&text, &[]);
        }
    }

    #[test]
    fn blank_lines_are_those_trim_empties() {
        for line in [
            "",
            " ",
            "\t\x0B\x0C",
            "\u{a0}\u{3000}",
            " x",
            "x",
            "\u{a0}x",
            "𠀋",
            "\x00",
            "\x1F",
        ] {
            assert_eq!(is_blank(line), line.trim().is_empty(), "{line:?}");
        }
    }

    #[test]
    fn pairs_nested_and_reports_strays_and_paragraph_bound_unclosed() {
        let text = "a [b [c] d] e]\n[open\nstill open\n\n[x]";
        let brackets = scan(text, &[]);
        assert_eq!(brackets.stray_closes, vec![13]);
        let b = &brackets.list;
        assert_eq!(
            (b[0].close(), b[1].close(), b[1].depth(), b[1].parent()),
            (Some(10), Some(7), 1, Some(0))
        );
        assert_eq!(b[2].close(), None, "a blank line ends the paragraph");
        assert_eq!(b[3].close(), Some(text.len() - 1));
        assert_eq!(
            brackets.paragraphs,
            vec![Span::new(0, 31), Span::new(33, 36)]
        );
    }

    #[test]
    fn paragraphs_end_at_blank_lines_of_any_white_space_and_line_ending() {
        // CRLF, a lone CR, a line of no-break spaces, an ideographic space.
        let text = "[a\r\n\r\nb]\r[c\n\u{a0}\u{a0}\nd]\u{3000}\n\u{3000}\n𠀋[e]";
        let brackets = scan(text, &[]);
        let closes: Vec<_> = brackets.list.iter().map(|b| b.close()).collect();
        assert_eq!(closes, vec![None, None, Some(text.len() - 1)]);
        assert_eq!(
            brackets.stray_closes,
            vec![text.find("b]").unwrap() + 1, text.find("d]").unwrap() + 1]
        );
        let paragraphs: Vec<&str> = brackets
            .paragraphs
            .iter()
            .map(|p| &text[p.range()])
            .collect();
        assert_eq!(paragraphs, vec!["[a", "b]\r[c", "d]\u{3000}", "𠀋[e]"]);
        let e = text.find("[e]").unwrap();
        assert_eq!(
            brackets.paragraph_of(e).map(|p| &text[p.range()]),
            Some("𠀋[e]")
        );
        assert_eq!(brackets.paragraph_of(3), None, "on a blank line");
    }

    #[test]
    fn deep_nesting_is_linear_and_does_not_overflow() {
        let text = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        let brackets = scan(&text, &[]);
        assert_eq!(brackets.list.len(), 100_000);
        assert!(brackets.list.iter().all(|b| b.close().is_some()));
        assert_eq!(brackets.list[99_999].depth(), 99_999);
    }

    #[test]
    fn skipped_spans_do_not_count() {
        let text = "% cablelint: x [\nok";
        assert!(scan(text, &[Span::new(0, 16)]).list.is_empty());
        let text = "a [\n% cablelint: ] [\nb]";
        let brackets = scan(text, &[Span::new(4, 20)]);
        assert_eq!(brackets.list.len(), 1);
        assert_eq!(brackets.list[0].close(), Some(text.len() - 1));
    }

    #[test]
    fn a_bracket_is_twenty_bytes_and_keeps_offsets_past_four_gigabytes() {
        assert_eq!(std::mem::size_of::<Bracket>(), 20);
        let far = (1usize << 33) + 7;
        let mut bracket = Bracket::new(far, 3, Some(far - 1));
        bracket.close = U40::new(far + 2);
        assert_eq!(
            (
                bracket.open(),
                bracket.close(),
                bracket.parent(),
                bracket.depth()
            ),
            (far, Some(far + 2), Some(far - 1), 3)
        );
        let top = Bracket::new(0, 0, None);
        assert_eq!((top.close(), top.parent()), (None, None));
        assert_eq!(U40::new(MAX_OFFSET - 1).get(), MAX_OFFSET - 1);
    }

    #[test]
    fn empty_text_has_no_paragraphs() {
        for text in ["", "\n", "\r\n \r\n", "\u{a0}"] {
            let brackets = scan(text, &[]);
            assert!(brackets.paragraphs.is_empty(), "{text:?}");
        }
    }
}
