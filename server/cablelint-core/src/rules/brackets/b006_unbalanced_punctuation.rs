use crate::diagnostic::Severity;
use crate::model::Document;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};
use crate::text::Span;
use aho_corasick::packed;
use std::sync::LazyLock;

pub struct UnbalancedPunctuation;

static META: RuleMeta = RuleMeta {
    code: "B006",
    name: "unbalanced-punctuation",
    family: Family::Brackets,
    default_severity: Severity::Info,
    default_enabled: true,
    fix: FixAvailability::None,
    summary: "Parentheses, curly double quotes or CJK brackets that do not pair up.",
    explanation: "A `(`, `“`, `《`, `（` or `「` that its paragraph never closes, or a closing \
mark that closes nothing, is often a typing slip; but originals are sometimes unbalanced \
themselves, so this is only information.\n\n\
What is not reported: enumerators such as `1)`, `a)`, `1o)`, `ii)`, `一）` at the start of a \
line, or elsewhere (`as follows: a) …; b) …`, `points 1) and 2)`) when no parenthesis is \
open for them to close; smileys; `/…/` asides of Soviet texts (not brackets at all); single \
quotes, which are mostly apostrophes; straight double quotes, which are also inch and ditto \
marks; and English's multi-paragraph quotation, which opens each paragraph with `“` and \
closes only the last. A closing `”` that closes nothing is reported, and when a straight `\"` \
is open before it the finding points there: the quotation mixes straight and curly marks \
(as does a `“` closed by a straight `\"`, also reported). A \
full-width `（` closed by `)` (or the reverse) is reported as a mismatch. A mark still open \
where the text ends is reported with a note that a cut-off text looks like this.",
    wrong: "Chervonenko denied it (the full text is attached.\n",
    right: "Chervonenko denied it (the full text is attached).\n",
};

/// The kinds of paired marks, each balanced on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Parens,
    Quotes,
    Titles,
    Corners,
}

impl Group {
    const ALL: [Group; 4] = [Group::Parens, Group::Quotes, Group::Titles, Group::Corners];

    fn index(self) -> usize {
        self as usize
    }

    /// Quotation marks may continue across paragraphs by reopening.
    fn continues(self) -> bool {
        matches!(self, Group::Quotes | Group::Corners)
    }

    fn noun(self) -> &'static str {
        match self {
            Group::Parens => "parenthesis",
            Group::Quotes | Group::Corners => "quotation",
            Group::Titles => "title",
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Open {
    at: usize,
    mark: char,
    line: usize,
}

#[derive(Default)]
struct State {
    stacks: [Vec<Open>; 4],
    /// Per group: the last opener reported unclosed at the end of the
    /// paragraph before, for a closer that closes nothing to point at.
    left_open: [Option<Open>; 4],
    /// A straight `"` opened and not yet closed in this paragraph.
    straight_open: Option<usize>,
}

impl State {
    /// Nothing open, and no opener left open in the paragraph before. (A
    /// straight `"` open is not looked at: no paragraph keeps it.)
    fn is_idle(&self) -> bool {
        self.stacks.iter().all(Vec::is_empty) && self.left_open.iter().all(Option::is_none)
    }
}

impl Rule for UnbalancedPunctuation {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        let text = doc.text();
        let bytes = text.as_bytes();
        // Where the text ends (before trailing directives), found only
        // when an opener is left unclosed: most files have none.
        let mut text_end = None;
        let directives = super::directive_spans(doc);
        let paragraphs = &doc.brackets.paragraphs;
        let mut state = State::default();
        let mut skip = directives.iter().peekable();
        // One search over the whole text rather than one per paragraph: the
        // candidates are taken in order by the paragraph that holds them
        // (those between paragraphs, on blank lines, are never marks).
        let mut marks = Candidates::of(bytes).peekable();
        // Marks come in text order: their lines are found walking on.
        let mut line_cursor = doc.lines.cursor();
        let mut index = 0;
        while index < paragraphs.len() {
            // Paragraphs without a mark, after one that left nothing open
            // or to point back to, have nothing to do (most paragraphs):
            // the walk goes straight to the one holding the next mark.
            if state.is_idle() {
                let Some(&here) = marks.peek() else {
                    break;
                };
                index += paragraphs[index..].partition_point(|p| p.end <= here);
                if index == paragraphs.len() {
                    break;
                }
            }
            let paragraph = paragraphs[index];
            state.straight_open = None;
            let mut lines = LineTracker::new(paragraph.start);
            while let Some(here) = marks.next_if(|&here| here < paragraph.end) {
                if here < paragraph.start {
                    continue;
                }
                while skip.next_if(|s| s.end <= here).is_some() {}
                if skip.peek().is_some_and(|s| s.start <= here) {
                    continue;
                }
                let Some(c) = text[here..].chars().next().filter(|&c| is_mark(c)) else {
                    continue;
                };
                let (line_start, first_on_line) = lines.advance(text, here);
                let line = line_cursor.line_of(line_start);
                visit(
                    cx,
                    &mut state,
                    text,
                    here,
                    c,
                    line,
                    line_start,
                    first_on_line,
                );
            }
            // Quotations that the next paragraph reopens continue into it.
            let next_opens = || {
                paragraphs
                    .get(index + 1)
                    .and_then(|p| text[p.range()].trim_start().chars().next())
            };
            for group in Group::ALL {
                let stack = &mut state.stacks[group.index()];
                state.left_open[group.index()] = None;
                // Nothing open: nothing continues and nothing to report.
                if stack.is_empty() {
                    continue;
                }
                let continued = group.continues()
                    && next_opens().is_some_and(|c| opener_group(c, None) == Some(group));
                if continued {
                    continue;
                }
                for open in std::mem::take(stack) {
                    let text_end = *text_end.get_or_insert_with(|| super::text_end(doc));
                    report_unclosed(cx, doc, open, group, paragraph, text_end);
                    state.left_open[group.index()] = Some(open);
                }
            }
            index += 1;
        }
    }
}

/// Every mark this rule pairs.
const MARKS: [&str; 12] = [
    "\"", "(", ")", "“", "”", "„", "《", "》", "「", "」", "（", "）",
];

/// One packed (Teddy) search for all the marks, where the machine has one.
static MARK_SEARCH: LazyLock<Option<packed::Searcher>> = LazyLock::new(|| {
    packed::Config::new()
        .match_kind(packed::MatchKind::LeftmostFirst)
        .builder()
        .extend(MARKS)
        .build()
});

/// Offsets (in `hay`) where marks may start, ascending: every mark's, and
/// (without a packed search) other characters' that share a first byte
/// with one, for the caller to pass over. One packed search over the text
/// cost less than the two memchr passes of [`lead_bytes`].
enum Candidates<'h> {
    Packed(packed::FindIter<'static, 'h>),
    LeadBytes(std::vec::IntoIter<usize>),
}

impl<'h> Candidates<'h> {
    fn of(hay: &'h [u8]) -> Self {
        match &*MARK_SEARCH {
            Some(search) => Candidates::Packed(search.find_iter(hay)),
            None => Candidates::LeadBytes(lead_bytes(hay).into_iter()),
        }
    }
}

impl Iterator for Candidates<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        match self {
            Candidates::Packed(hits) => hits.next().map(|hit| hit.start()),
            Candidates::LeadBytes(offsets) => offsets.next(),
        }
    }
}

/// Offsets of every byte that can start a mark, ascending: `"`, `(`, `)`,
/// and the lead bytes of `“ ” „` (E2), `《 》 「 」` (E3) and `（ ）`
/// (EF). Two memchr passes, their few hits merged by a sort.
fn lead_bytes(hay: &[u8]) -> Vec<usize> {
    let mut marks: Vec<usize> = memchr::memchr3_iter(b'"', b'(', b')', hay).collect();
    let ascii = marks.len();
    marks.extend(memchr::memchr3_iter(0xE2, 0xE3, 0xEF, hay));
    if ascii > 0 && ascii < marks.len() {
        marks.sort_unstable();
    }
    marks
}

fn is_mark(c: char) -> bool {
    c == '"' || opener_group(c, None).is_some() || closer_group(c).is_some()
}

/// Where the line of a mark starts and whether only white space precedes
/// the mark on it, found lazily from one mark to the next: the gaps are
/// searched for line breaks once, and a line's start is read only until it
/// stops being blank.
struct LineTracker {
    start: usize,
    checked: usize,
    blank: bool,
}

impl LineTracker {
    fn new(paragraph_start: usize) -> Self {
        LineTracker {
            start: paragraph_start,
            checked: paragraph_start,
            blank: true,
        }
    }

    fn advance(&mut self, text: &str, here: usize) -> (usize, bool) {
        let gap = &text.as_bytes()[self.checked..here];
        if let Some(last_break) = memchr::memrchr2(b'\n', b'\r', gap) {
            self.start = self.checked + last_break + 1;
            self.checked = self.start;
            self.blank = true;
        }
        if self.blank {
            self.blank = text[self.checked..here].chars().all(char::is_whitespace);
        }
        self.checked = here;
        (self.start, self.blank)
    }
}

/// Which group `c` opens; `“` closes a German `„` instead of opening.
fn opener_group(c: char, quote_top: Option<char>) -> Option<Group> {
    match c {
        '(' | '（' => Some(Group::Parens),
        '“' if quote_top != Some('„') => Some(Group::Quotes),
        '„' => Some(Group::Quotes),
        '《' => Some(Group::Titles),
        '「' => Some(Group::Corners),
        _ => None,
    }
}

fn closer_group(c: char) -> Option<Group> {
    match c {
        ')' | '）' => Some(Group::Parens),
        '”' | '“' => Some(Group::Quotes),
        '》' => Some(Group::Titles),
        '」' => Some(Group::Corners),
        _ => None,
    }
}

#[allow(clippy::too_many_arguments)]
fn visit(
    cx: &mut Context,
    state: &mut State,
    text: &str,
    at: usize,
    c: char,
    line: usize,
    line_start: usize,
    first_on_line: bool,
) {
    if c == '"' {
        let closing_position = text[..at]
            .chars()
            .next_back()
            .is_some_and(|p| !p.is_whitespace() && !p.is_ascii_digit());
        let quotes = &mut state.stacks[Group::Quotes.index()];
        match (state.straight_open, quotes.last()) {
            (Some(_), _) => state.straight_open = None,
            (None, Some(open)) if closing_position && open.mark == '“' => {
                let open = *open;
                quotes.pop();
                cx.report(
                    Span::new(at, at + 1),
                    "straight `\"` closes a curly `“`: straight and curly marks are mixed",
                )
                .related(mark_span(open), "opened here");
            }
            (None, _) => state.straight_open = Some(at),
        }
        return;
    }
    let quote_top = state.stacks[Group::Quotes.index()].last().map(|o| o.mark);
    if let Some(group) = opener_group(c, quote_top) {
        if matches!(c, '(' | '（') && is_smiley(text, at, c) {
            return;
        }
        let stack = &mut state.stacks[group.index()];
        let open = Open { at, mark: c, line };
        // English reopens a quotation at each new paragraph (or line) it runs into.
        match stack.last_mut() {
            Some(top) if group.continues() && first_on_line && top.line < line && top.mark == c => {
                *top = open;
            }
            _ => stack.push(open),
        }
        return;
    }
    let Some(group) = closer_group(c) else {
        return;
    };
    let stack = &mut state.stacks[group.index()];
    if group == Group::Parens {
        match enumerator(text, line_start, at) {
            Some(Enumerator::LineStart) => return,
            Some(Enumerator::InText) if stack.is_empty() => return,
            _ if is_smiley(text, at, c) => return,
            _ => {}
        }
    }
    let span = Span::new(at, at + c.len_utf8());
    match stack.pop() {
        Some(open) => {
            if group == Group::Parens && (open.mark == '（') != (c == '）') {
                cx.report(
                    span,
                    [
                        "`",
                        c.encode_utf8(&mut [0; 4]),
                        "` closes a `",
                        open.mark.encode_utf8(&mut [0; 4]),
                        "` of the other width",
                    ]
                    .concat(),
                )
                .related(mark_span(open), "opened here");
            }
        }
        None if group == Group::Quotes && text[..at].ends_with(|d: char| d.is_ascii_digit()) => {
            // 12” is inches or seconds, not a quotation.
        }
        None => {
            let message = [
                "`",
                c.encode_utf8(&mut [0; 4]),
                "` closes no ",
                group.noun(),
            ]
            .concat();
            let report = cx.report(span, message);
            if let (Group::Quotes, Some(straight)) = (group, state.straight_open.take()) {
                report.related(
                    Span::new(straight, straight + 1),
                    "a straight `\"` opens the quotation: straight and curly marks are mixed",
                );
            } else if let Some(open) = state.left_open[group.index()] {
                report.related(
                    mark_span(open),
                    [
                        "a `",
                        open.mark.encode_utf8(&mut [0; 4]),
                        "` left open in the paragraph before",
                    ]
                    .concat(),
                );
            }
        }
    }
}

fn mark_span(open: Open) -> Span {
    Span::new(open.at, open.at + open.mark.len_utf8())
}

fn report_unclosed(
    cx: &mut Context,
    doc: &Document,
    open: Open,
    group: Group,
    paragraph: Span,
    text_end: Option<usize>,
) {
    let mut message = String::with_capacity(128);
    message.push('`');
    message.push(open.mark);
    message.push_str("` is not closed ");
    super::push_where_it_ends(&mut message, doc, paragraph, text_end);
    if Some(paragraph.end) == text_end {
        message.push_str("; if the text was cut off, the cut fell inside this ");
        message.push_str(group.noun());
    }
    cx.report(mark_span(open), message);
}

enum Enumerator {
    /// `1)` first on its line: a list item whatever is open.
    LineStart,
    /// `; 2)`, `: a)`, `points 1) and 2)`: a list item unless a
    /// parenthesis is open.
    InText,
}

/// `1)`, `a)`, `1o)`, `ii)`, `3a)`, `一）` right before the closer at `at`.
fn enumerator(text: &str, line_start: usize, at: usize) -> Option<Enumerator> {
    let before = &text[line_start..at];
    let rest = before.trim_end_matches(|c: char| c.is_alphanumeric() || matches!(c, 'º' | '°'));
    let token = &before[rest.len()..];
    if !is_enumerator_token(token) {
        return None;
    }
    if rest.trim_end().is_empty() {
        Some(Enumerator::LineStart)
    } else if rest.ends_with(char::is_whitespace)
        || rest.ends_with([';', ':', ',', '；', '：', '，', '、'])
    {
        Some(Enumerator::InText)
    } else {
        None
    }
}

/// A number of up to three digits (with an ordinal `o`/`º` or a letter:
/// `1o`, `3a`), a single letter, or a Roman numeral up to 39 (`ii`, `XIV`).
fn is_enumerator_token(token: &str) -> bool {
    let digits = token.len() - token.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let tail = &token[digits..];
    let mut chars = tail.chars();
    match (digits, chars.next(), chars.next()) {
        (1..=3, None, _) => true,
        (1..=3, Some(c), None) => c.is_ascii_lowercase() || matches!(c, 'º' | '°'),
        (0, Some(c), None) => c.is_alphabetic(),
        (0, Some(_), Some(_)) => {
            let lower = token.to_ascii_lowercase();
            is_roman(&lower) && (token == lower || token == token.to_ascii_uppercase())
        }
        _ => false,
    }
}

/// `i` … `xxxix` in lower case.
fn is_roman(token: &str) -> bool {
    let ones = token.trim_start_matches('x');
    let tens = token.len() - ones.len();
    !token.is_empty()
        && tens <= 3
        && matches!(
            ones,
            "" | "i" | "ii" | "iii" | "iv" | "v" | "vi" | "vii" | "viii" | "ix"
        )
}

/// `:)`, `:-(`, `;)`, `=)` standing alone between spaces.
fn is_smiley(text: &str, at: usize, c: char) -> bool {
    let before = &text[..at];
    let eyes = ["':", ":-", ";-", ":", ";", "="]
        .iter()
        .find(|e| before.ends_with(**e));
    let Some(eyes) = eyes else {
        return false;
    };
    let start = &before[..before.len() - eyes.len()];
    let after = &text[at + c.len_utf8()..];
    start.chars().next_back().is_none_or(char::is_whitespace)
        && after
            .chars()
            .next()
            .is_none_or(|n| n.is_whitespace() || matches!(n, '.' | ',' | '!' | '?'))
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::check;
    use expect_test::expect;

    /// The packed search finds exactly the marks among the lead bytes'
    /// hits (the oracle), whatever surrounds them: every mark and every
    /// other character sharing a first byte with one (’ — … 。 ＂), at
    /// every place around the searcher's block sizes.
    #[test]
    fn the_packed_search_finds_the_marks_the_lead_bytes_find() {
        let is_mark_at =
            |text: &str, at: usize| text[at..].chars().next().is_some_and(super::is_mark);
        let others = [
            "’", "—", "…", "。", "＂", "€", "a", "\r\n", "𠀋", "姬", "\u{FEFF}",
        ];
        let mut searched = 0;
        for piece in super::MARKS.iter().chain(&others) {
            for before in [0, 1, 15, 16, 31, 32, 33, 63, 64, 70] {
                for after in [0, 1, 17, 40] {
                    let text = format!(
                        "{}{piece}{}(…“x”{piece}",
                        "a’".repeat(before),
                        "…".repeat(after)
                    );
                    let found: Vec<usize> = super::Candidates::of(text.as_bytes()).collect();
                    let marks: Vec<usize> = found
                        .iter()
                        .copied()
                        .filter(|&at| is_mark_at(&text, at))
                        .collect();
                    let oracle: Vec<usize> = super::lead_bytes(text.as_bytes())
                        .into_iter()
                        .filter(|&at| is_mark_at(&text, at))
                        .collect();
                    assert_eq!(marks, oracle, "{text:?}");
                    // The packed search finds marks only.
                    if super::MARK_SEARCH.is_some() {
                        assert_eq!(found, marks, "{text:?}");
                    }
                    searched += 1;
                }
            }
        }
        assert!(searched > 900);
    }

    #[test]
    fn reports_unclosed_and_stray_marks_with_crlf_cjk_and_astral_text() {
        let text = "𠀋 发往（乌鲁木齐 and 《人民日报 x\r\ny) z (a) b\r\n\r\n「引用」 」\r\n";
        expect![[r#"
            1:5-1:6 info B006: `（` is not closed before its paragraph ends (line 2)
            1:15-1:16 info B006: `《` is not closed before its paragraph ends (line 2)
            4:6-4:7 info B006: `」` closes no quotation
        "#]]
        .assert_eq(&check("B006", text));
    }

    #[test]
    fn enumerators_smileys_and_soviet_slashes_pass() {
        let text = "1)  The Prime Minister underscored\n\
                    a) first; b) second: 1o) third, ii) fourth\n\
                    （1）\n\
                    1） 第一\n\
                    3a) x\n\
                    we were talking only about /and in the future, too/ missiles :) or :-(\n\
                    (i) continuous tension, (ii) the raising of morale\n";
        expect![""].assert_eq(&check("B006", text));
    }

    #[test]
    fn enumerator_shapes() {
        use super::is_enumerator_token as e;
        for yes in [
            "1", "12", "123", "1o", "1º", "3a", "a", "B", "一", "i", "ii", "iv", "ix", "xiv",
            "XXXIX", "VI",
        ] {
            assert!(e(yes), "{yes}");
        }
        for no in [
            "", "1234", "12ab", "1A", "civil", "mix", "ill", "iiii", "xxxx", "Ii", "ab", "word",
        ] {
            assert!(!e(no), "{no}");
        }
    }

    #[test]
    fn enumerators_in_running_text_pass_but_a_word_before_a_stray_close_does_not() {
        let text = "as agreed in points a) and b), and 2) too\nthe text is attached) here\n";
        expect![[r#"
            2:21-2:22 info B006: `)` closes no parenthesis
        "#]]
        .assert_eq(&check("B006", text));
    }

    #[test]
    fn an_enumerator_inside_an_open_parenthesis_closes_it() {
        // `5)` after `;` closes the parenthesis that is open.
        expect![[""]].assert_eq(&check("B006", "(see pages 4; 5) and more\n"));
    }

    #[test]
    fn multi_paragraph_quotations_reopen_each_paragraph() {
        let text = "“I want,” he stressed, “to lay out the situation.\r\n\r\n“He wants N.S. Khrushchev to know this.\r\n\r\n“This is the thrust of it.”\r\n";
        expect![[""]].assert_eq(&check("B006", text));
        // One quotation per line in a text rendered without blank lines.
        let text = "“First line of the quotation\n“and the second, the last.”\n";
        expect![[""]].assert_eq(&check("B006", text));
    }

    #[test]
    fn a_closing_quote_that_closes_nothing_is_reported() {
        // The Hungarian telegram of 4 May 1971 in the corpus.
        let text = "The ambassador asked for propaganda support, mainly for describing the huge demonstrations of the patriotic forces,” by which he meant the student demonstrations.\n";
        expect![[r#"
            1:116-1:117 info B006: `”` closes no quotation
        "#]]
        .assert_eq(&check("B006", text));
    }

    #[test]
    fn a_curly_close_after_a_straight_open_points_at_it() {
        let text = "During the \"Cultural Revolution” foreigners were badly treated.\n";
        expect![[r#"
            1:32-1:33 info B006: `”` closes no quotation (see 1:12: a straight `"` opens the quotation: straight and curly marks are mixed)
        "#]].assert_eq(&check("B006", text));
    }

    #[test]
    fn a_straight_close_after_a_curly_open_is_reported_but_straight_quotes_inside_pass() {
        let text = "During the “Cultural Revolution\" foreigners were treated badly.\r\n\r\n“He said \"no\" to them of the 5\" gun” and a 5\" gun\r\n";
        expect![[r#"
            1:32-1:33 info B006: straight `"` closes a curly `“`: straight and curly marks are mixed (see 1:12: opened here)
        "#]].assert_eq(&check("B006", text));
    }

    #[test]
    fn a_quotation_across_a_blank_line_without_reopening_is_reported_both_ways() {
        let text = "He said: “We agree.\n\nThat is all.”\n";
        expect![[r#"
            1:10-1:11 info B006: `“` is not closed before its paragraph ends (line 1)
            3:13-3:14 info B006: `”` closes no quotation (see 1:10: a `“` left open in the paragraph before)
        "#]].assert_eq(&check("B006", text));
    }

    #[test]
    fn marks_open_at_the_end_of_a_cut_text_say_so() {
        let text = "R. Kennedy stressed this.\n\n“\n";
        expect![[r#"
            3:1-3:2 info B006: `“` is not closed before the text ends (line 3); if the text was cut off, the cut fell inside this quotation
        "#]].assert_eq(&check("B006", text));
        let text = "He claimed that the main purpose of his visit was (although";
        expect![[r#"
            1:51-1:52 info B006: `(` is not closed before the text ends (line 1); if the text was cut off, the cut fell inside this parenthesis
        "#]].assert_eq(&check("B006", text));
    }

    #[test]
    fn mixed_width_parentheses_and_german_quotes() {
        let text = "发往（乌鲁木齐) and „Zitat“ and „cytat” ok\n";
        expect![[r#"
            1:8-1:9 info B006: `)` closes a `（` of the other width (see 1:3: opened here)
        "#]]
        .assert_eq(&check("B006", text));
    }

    #[test]
    fn inches_and_directives_do_not_count() {
        let text = "a 12” gun\n% cablelint: disable-next-line H001 (\nok\n";
        expect![[""]].assert_eq(&check("B006", text));
    }
}
