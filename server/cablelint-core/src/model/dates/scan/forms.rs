//! The date forms as trees for the matcher in `engine.rs`. Each tree is the
//! regex it replaces, piece by piece (the regex is kept beside it as a
//! comment, and the tests match the two against each other): everything is
//! case-insensitive but the Roman numerals, `sp` is `[ \t]{1,4}`, `sp0`
//! `[ \t]{0,4}`, `\b` an ASCII word boundary.

use std::sync::LazyLock;

use super::engine::{Node, MAX_GROUPS, MAX_RUN};
use super::quick::{
    bracket_or_name, bracket_or_weekday, byte, digit_run, may_be_day_first,
    may_be_numeric_with_year, may_be_time, may_be_time_after, may_be_time_before, non_ascii_char,
    short_number_then, short_number_then_letter, NUMERIC_SEPARATORS, ORDINAL_SUFFIX_STARTS,
    ROMAN_SEPARATORS,
};
use super::words::NAMES;

/// The forms, in the order of the patterns (the earlier wins a tie).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(super) enum Form {
    On,
    WeekdayTime,
    Iso,
    MonthFirst,
    DayFirst,
    MonthYear,
    Roman,
    Numeric,
    NumericNoYear,
    Chinese,
    ChineseDay,
    Serial,
    SerialYear,
    Code,
    Ordinal,
}

pub(super) const FORMS: [Form; 15] = [
    Form::On,
    Form::WeekdayTime,
    Form::Iso,
    Form::MonthFirst,
    Form::DayFirst,
    Form::MonthYear,
    Form::Roman,
    Form::Numeric,
    Form::NumericNoYear,
    Form::Chinese,
    Form::ChineseDay,
    Form::Serial,
    Form::SerialYear,
    Form::Code,
    Form::Ordinal,
];

/// One form's tree, the names of its groups (by index) and a cheap test of
/// the bytes at a place, false where the tree cannot match (most numbers
/// are no date: "1962," or "123" fail it without the tree being tried).
pub(super) struct Pattern {
    pub(super) form: Form,
    pub(super) node: Node,
    /// Read by the tests only, which check [`group_slot`] against it.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(super) groups: Vec<&'static str>,
    pub(super) may_start: MayStart,
}

/// Given the bytes up to the end of the section and a place in them, false
/// where the form cannot match.
type MayStart = fn(&[u8], usize) -> bool;

#[cfg(test)]
impl Pattern {
    pub(super) fn group_index(&self, name: &str) -> Option<usize> {
        // Reading a match asks for five or six groups by name: one `match`
        // on the name (its bytes compared as integers) instead of a search.
        match group_slot(name) {
            Some((form, index)) if form == self.form => Some(index),
            _ => None,
        }
    }
}

/// Each group name's form and index among the form's groups (every name
/// is used by one form only; a test checks the table against the trees).
#[cfg(test)]
fn group_slot(name: &str) -> Option<(Form, usize)> {
    Some(match name {
        "on_s" => (Form::On, 0),
        "on_r" => (Form::On, 1),
        "on_m" => (Form::On, 2),
        "on_y" => (Form::On, 3),
        "ws_wd" => (Form::WeekdayTime, 0),
        "ws_t" => (Form::WeekdayTime, 1),
        "iso_y" => (Form::Iso, 0),
        "iso_m" => (Form::Iso, 1),
        "iso_d" => (Form::Iso, 2),
        "iso_t" => (Form::Iso, 3),
        "mf_wd" => (Form::MonthFirst, 0),
        "mf_m" => (Form::MonthFirst, 1),
        "mf_d" => (Form::MonthFirst, 2),
        "mf_y" => (Form::MonthFirst, 3),
        "mf_t" => (Form::MonthFirst, 4),
        "df_wd" => (Form::DayFirst, 0),
        "df_tp" => (Form::DayFirst, 1),
        "df_d" => (Form::DayFirst, 2),
        "df_m" => (Form::DayFirst, 3),
        "df_y" => (Form::DayFirst, 4),
        "df_t" => (Form::DayFirst, 5),
        "my_m" => (Form::MonthYear, 0),
        "my_y" => (Form::MonthYear, 1),
        "rom_d" => (Form::Roman, 0),
        "rom_m" => (Form::Roman, 1),
        "rom_y" => (Form::Roman, 2),
        "rom_t" => (Form::Roman, 3),
        "num_a" => (Form::Numeric, 0),
        "num_s" => (Form::Numeric, 1),
        "num_b" => (Form::Numeric, 2),
        "num_s2" => (Form::Numeric, 3),
        "num_y" => (Form::Numeric, 4),
        "num_dot" => (Form::Numeric, 5),
        "num_t" => (Form::Numeric, 6),
        "ny_a" => (Form::NumericNoYear, 0),
        "ny_b" => (Form::NumericNoYear, 1),
        "ny_dot" => (Form::NumericNoYear, 2),
        "ny_t" => (Form::NumericNoYear, 3),
        "cn_y" => (Form::Chinese, 0),
        "cn_m" => (Form::Chinese, 1),
        "cn_d" => (Form::Chinese, 2),
        "cnd_d" => (Form::ChineseDay, 0),
        "se_y" => (Form::Serial, 0),
        "se_m" => (Form::Serial, 1),
        "sey_y" => (Form::SerialYear, 0),
        "code_v" => (Form::Code, 0),
        "ord_d" => (Form::Ordinal, 0),
        _ => return None,
    })
}

/// Each group's index among its form's groups, by the group's name in
/// capitals (what reading a match asks for; a test checks each against
/// [`group_slot`]).
pub(super) mod group {
    pub(in super::super) const ON_S: usize = 0;
    pub(in super::super) const ON_R: usize = 1;
    pub(in super::super) const ON_M: usize = 2;
    pub(in super::super) const ON_Y: usize = 3;
    pub(in super::super) const WS_WD: usize = 0;
    pub(in super::super) const WS_T: usize = 1;
    pub(in super::super) const ISO_Y: usize = 0;
    pub(in super::super) const ISO_M: usize = 1;
    pub(in super::super) const ISO_D: usize = 2;
    pub(in super::super) const ISO_T: usize = 3;
    pub(in super::super) const MF_WD: usize = 0;
    pub(in super::super) const MF_M: usize = 1;
    pub(in super::super) const MF_D: usize = 2;
    pub(in super::super) const MF_Y: usize = 3;
    pub(in super::super) const MF_T: usize = 4;
    pub(in super::super) const DF_WD: usize = 0;
    pub(in super::super) const DF_TP: usize = 1;
    pub(in super::super) const DF_D: usize = 2;
    pub(in super::super) const DF_M: usize = 3;
    pub(in super::super) const DF_Y: usize = 4;
    pub(in super::super) const DF_T: usize = 5;
    pub(in super::super) const MY_M: usize = 0;
    pub(in super::super) const MY_Y: usize = 1;
    pub(in super::super) const ROM_D: usize = 0;
    pub(in super::super) const ROM_M: usize = 1;
    pub(in super::super) const ROM_Y: usize = 2;
    pub(in super::super) const ROM_T: usize = 3;
    pub(in super::super) const NUM_A: usize = 0;
    pub(in super::super) const NUM_S: usize = 1;
    pub(in super::super) const NUM_B: usize = 2;
    pub(in super::super) const NUM_S2: usize = 3;
    pub(in super::super) const NUM_Y: usize = 4;
    pub(in super::super) const NUM_DOT: usize = 5;
    pub(in super::super) const NUM_T: usize = 6;
    pub(in super::super) const NY_A: usize = 0;
    pub(in super::super) const NY_B: usize = 1;
    pub(in super::super) const NY_DOT: usize = 2;
    pub(in super::super) const NY_T: usize = 3;
    pub(in super::super) const CN_Y: usize = 0;
    pub(in super::super) const CN_M: usize = 1;
    pub(in super::super) const CN_D: usize = 2;
    pub(in super::super) const CND_D: usize = 0;
    pub(in super::super) const SE_Y: usize = 0;
    pub(in super::super) const SE_M: usize = 1;
    pub(in super::super) const SEY_Y: usize = 0;
    pub(in super::super) const CODE_V: usize = 0;
    pub(in super::super) const ORD_D: usize = 0;
}

pub(super) static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(build);

// One bit a form in `BY_FIRST_BYTE`.
const _: () = assert!(FORMS.len() <= 16);

/// Per first byte, the patterns whose tree may start with it (bit `i` for
/// `PATTERNS[i]`): a digit or a letter leaves a few of the fifteen to try.
pub(super) static BY_FIRST_BYTE: LazyLock<[u16; 256]> = LazyLock::new(|| {
    let mut table = [0u16; 256];
    for (b, mask) in (0..=255u8).zip(table.iter_mut()) {
        for (i, pattern) in PATTERNS.iter().enumerate() {
            if pattern.node.may_start_with(b) {
                *mask |= 1 << i;
            }
        }
    }
    table
});

/// The patterns whose tree starts with `\b` (bit `i` for `PATTERNS[i]`):
/// none of them can match inside a number or a word, where most digits
/// stand ("1962", "No. 6046").
pub(super) static AFTER_BOUNDARY: LazyLock<u16> = LazyLock::new(|| {
    PATTERNS
        .iter()
        .enumerate()
        .filter(|(_, p)| p.node.starts_with_boundary())
        .fold(0, |mask, (i, _)| mask | 1 << i)
});

/// Group names are given while a tree is built; their order is the index.
struct Groups(Vec<&'static str>);

impl Groups {
    fn g(&mut self, name: &'static str, node: Node) -> Node {
        self.0.push(name);
        debug_assert!(self.0.len() <= MAX_GROUPS);
        group(self.0.len() - 1, node)
    }
}

use super::engine::{
    alt, boundary, class, exact, group, guard, lazy, lit, month, opt, repeat, seq, weekday,
};

fn rep(node: Node, min: u8, max: u8) -> Node {
    debug_assert!(usize::from(max) <= MAX_RUN);
    repeat(node, min, max)
}

fn digits(min: u8, max: u8) -> Node {
    rep(class(|c| c.is_ascii_digit()), min, max)
}

fn space_or_tab(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// `[ \t]{1,4}`
fn sp() -> Node {
    rep(class(space_or_tab), 1, 4)
}

/// `[ \t]{0,4}`
fn sp0() -> Node {
    rep(class(space_or_tab), 0, 4)
}

fn dash(c: char) -> bool {
    matches!(c, '–' | '—' | '-')
}

fn words(list: &[&'static str]) -> Node {
    alt(list.iter().map(|w| lit(w)).collect())
}

/// `(?-i:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)`
fn roman() -> Node {
    alt([
        "XII", "XI", "X", "IX", "VIII", "VII", "VI", "V", "IV", "III", "II", "I",
    ]
    .into_iter()
    .map(exact)
    .collect())
}

/// `[0-9]{4}|[0-9]{2}`
fn year_digits() -> Node {
    alt(vec![digits(4, 4), digits(2, 2)])
}

/// `[ \t]?[ap]\.?[ \t]?m(?:\.|\b)`
fn ampm() -> Node {
    seq(vec![
        opt(class(space_or_tab)),
        words(&["a", "p"]),
        opt(lit(".")),
        opt(class(space_or_tab)),
        lit("m"),
        alt(vec![lit("."), boundary()]),
    ])
}

/// `[0-9]{1,2}(?:[:.][0-9]{2})?{ampm}`
fn clock_ampm() -> Node {
    seq(vec![
        digits(1, 2),
        opt(seq(vec![class(|c| c == ':' || c == '.'), digits(2, 2)])),
        ampm(),
    ])
}

fn hours() -> Node {
    words(&["hours", "hrs", "h"])
}

/// A time: "7 p.m.", "noon", "16:30 hours", "9.30 hours", "1830hs", "20h00".
fn time() -> Node {
    seq(vec![guard(may_be_time), time_forms()])
}

fn time_forms() -> Node {
    alt(vec![
        clock_ampm(),
        seq(vec![lit("noon"), boundary()]),
        seq(vec![lit("midnight"), boundary()]),
        // [0-9]{1,2}:[0-9]{2}(?:{sp0}(?:hours|hrs|h)\b|\b)
        seq(vec![
            digits(1, 2),
            lit(":"),
            digits(2, 2),
            alt(vec![seq(vec![sp0(), hours(), boundary()]), boundary()]),
        ]),
        // [0-9]{1,2}\.[0-9]{2}{sp0}(?:hours|hrs|h)\b
        seq(vec![
            digits(1, 2),
            lit("."),
            digits(2, 2),
            sp0(),
            hours(),
            boundary(),
        ]),
        // [0-9]{4}{sp0}hs\b
        seq(vec![digits(4, 4), sp0(), lit("hs"), boundary()]),
        // [0-9]{1,2}h[0-9]{2}\b
        seq(vec![digits(1, 2), lit("h"), digits(2, 2), boundary()]),
    ])
}

/// `(?:{clock_ampm}|[0-9]{1,2}:[0-9]{2}\b)`
fn time_before() -> Node {
    alt(vec![
        clock_ampm(),
        seq(vec![digits(1, 2), lit(":"), digits(2, 2), boundary()]),
    ])
}

/// A time after a date: "…, 7 p.m.", "…—noon", "… at 14:30 hours", "… 16:30".
/// `(?:\.?(?:{sp0}[,—–-]{sp0}|{sp}(?:at{sp}|um{sp}|в{sp}|o{sp})?)(?P<name>{time}))?`
fn after(groups: &mut Groups, name: &'static str) -> Node {
    let word_then_space = |w: &'static str| seq(vec![lit(w), sp()]);
    opt(seq(vec![
        guard(may_be_time_after),
        opt(lit(".")),
        alt(vec![
            seq(vec![sp0(), class(|c| c == ',' || dash(c)), sp0()]),
            seq(vec![
                sp(),
                opt(alt(vec![
                    word_then_space("at"),
                    word_then_space("um"),
                    word_then_space("в"),
                    word_then_space("o"),
                ])),
            ]),
        ]),
        groups.g(name, time()),
    ]))
}

/// `\[?[0-9]{1,2}(?:st|nd|rd|th|d)?\b\]?`
fn day() -> Node {
    seq(vec![
        opt(lit("[")),
        digits(1, 2),
        opt(words(&["st", "nd", "rd", "th", "d"])),
        boundary(),
        opt(lit("]")),
    ])
}

/// `\[?[0-9]{4}\b\]?`
fn year() -> Node {
    seq(vec![opt(lit("[")), digits(4, 4), boundary(), opt(lit("]"))])
}

fn cn_year_digit(c: char) -> bool {
    matches!(
        c,
        '〇' | '零' | '○' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九'
    ) || c.is_ascii_digit()
        || ('０'..='９').contains(&c)
}

fn cn_month_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    ) || c.is_ascii_digit()
        || ('０'..='９').contains(&c)
}

fn cn_day_digit(c: char) -> bool {
    cn_month_digit(c) || c == '廿' || c == '卅'
}

fn cn_numeral(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十' | '廿' | '卅'
    )
}

/// A character a Chinese date can start with.
pub(super) fn starts_chinese_date(c: char) -> bool {
    cn_year_digit(c) || cn_day_digit(c)
}

fn build() -> Vec<Pattern> {
    FORMS
        .iter()
        .map(|&form| {
            let mut groups = Groups(Vec::new());
            let (node, may_start) = tree(form, &mut groups);
            Pattern {
                form,
                node,
                groups: groups.0,
                may_start,
            }
        })
        .collect()
}

fn tree(form: Form, gr: &mut Groups) -> (Node, MayStart) {
    match form {
        // \bON/(?P<on_s>[0-9]{1,2})/(?P<on_r>[0-9]{1,2})/(?P<on_m>{roman})/(?P<on_y>[0-9]{4}|[0-9]{2})\b
        Form::On => (
            seq(vec![
                boundary(),
                lit("on/"),
                gr.g("on_s", digits(1, 2)),
                lit("/"),
                gr.g("on_r", digits(1, 2)),
                lit("/"),
                gr.g("on_m", roman()),
                lit("/"),
                gr.g("on_y", year_digits()),
                boundary(),
            ]),
            |bytes, at| bytes.len() >= at + 3 && bytes[at..at + 3].eq_ignore_ascii_case(b"on/"),
        ),
        // \b[0-9]{1,4}{sp0}[–—-]{sp0}(?P<ws_wd>{wd}){sp0}[–—-]{sp0}(?P<ws_t>[0-9]{4}){sp0}hs\b
        Form::WeekdayTime => (
            seq(vec![
                boundary(),
                digits(1, 4),
                sp0(),
                class(dash),
                sp0(),
                gr.g("ws_wd", weekday()),
                sp0(),
                class(dash),
                sp0(),
                gr.g("ws_t", digits(4, 4)),
                sp0(),
                lit("hs"),
                boundary(),
            ]),
            // Up to four digits, maybe spaces, then a dash (– and — start with 0xE2).
            |bytes, at| {
                let run = digit_run(bytes, at);
                let spaces = bytes[at + run..]
                    .iter()
                    .take_while(|b| matches!(b, b' ' | b'\t'))
                    .count();
                (1..=4).contains(&run) && matches!(byte(bytes, at + run + spaces), b'-' | 0xE2)
            },
        ),
        // \b(?P<iso_y>[0-9]{4})-(?P<iso_m>[0-9]{2})-(?P<iso_d>[0-9]{2})(?:T(?P<iso_t>[0-9]{2}:[0-9]{2})|\b)
        Form::Iso => (
            seq(vec![
                boundary(),
                gr.g("iso_y", digits(4, 4)),
                lit("-"),
                gr.g("iso_m", digits(2, 2)),
                lit("-"),
                gr.g("iso_d", digits(2, 2)),
                alt(vec![
                    seq(vec![
                        lit("t"),
                        gr.g("iso_t", seq(vec![digits(2, 2), lit(":"), digits(2, 2)])),
                    ]),
                    boundary(),
                ]),
            ]),
            |bytes, at| digit_run(bytes, at) == 4 && byte(bytes, at + 4) == b'-',
        ),
        // (?:(?P<mf_wd>{wd}),?{sp})?(?P<mf_m>\[?{month}\.?\]?),?{sp}(?P<mf_d>{day})
        //     (?:(?:,{sp0}|{sp})(?P<mf_y>{year}))?{after}
        Form::MonthFirst => {
            let weekday = opt(seq(vec![gr.g("mf_wd", weekday()), opt(lit(",")), sp()]));
            let month = gr.g(
                "mf_m",
                seq(vec![opt(lit("[")), month(), opt(lit(".")), opt(lit("]"))]),
            );
            let day = gr.g("mf_d", day());
            let year = opt(seq(vec![
                alt(vec![seq(vec![lit(","), sp0()]), sp()]),
                gr.g("mf_y", year()),
            ]));
            let node = seq(vec![
                weekday,
                month,
                opt(lit(",")),
                sp(),
                day,
                year,
                after(gr, "mf_t"),
            ]);
            (node, bracket_or_name)
        }
        // (?:(?P<df_wd>{wd}),?{sp})?(?:(?P<df_tp>{time_before}),?{sp})?(?P<df_d>{day})\.?{sp}
        //     (?P<df_m>\[?(?:of{sp})?{month}\.?\]?)
        //     (?:,?{sp}(?P<df_y>{year})(?:{sp0}(?:г\.|года|r\.|roku))?)?{after}
        Form::DayFirst => {
            let weekday = opt(seq(vec![gr.g("df_wd", weekday()), opt(lit(",")), sp()]));
            let time = opt(seq(vec![
                guard(may_be_time_before),
                gr.g("df_tp", time_before()),
                opt(lit(",")),
                sp(),
            ]));
            let day = gr.g("df_d", day());
            let month = gr.g(
                "df_m",
                seq(vec![
                    opt(lit("[")),
                    opt(seq(vec![lit("of"), sp()])),
                    month(),
                    opt(lit(".")),
                    opt(lit("]")),
                ]),
            );
            let year = opt(seq(vec![
                opt(lit(",")),
                sp(),
                gr.g("df_y", year()),
                opt(seq(vec![sp0(), words(&["г.", "года", "r.", "roku"])])),
            ]));
            let node = seq(vec![
                weekday,
                time,
                day,
                opt(lit(".")),
                sp(),
                month,
                year,
                after(gr, "df_t"),
            ]);
            (node, |bytes, at| {
                if bytes[at].is_ascii_digit() {
                    may_be_day_first(bytes, at)
                } else {
                    bracket_or_weekday(bytes, at)
                }
            })
        }
        // (?P<my_m>{month})\.?{sp}(?P<my_y>{year})
        Form::MonthYear => (
            seq(vec![
                gr.g("my_m", month()),
                opt(lit(".")),
                sp(),
                gr.g("my_y", year()),
            ]),
            |bytes, at| NAMES.months.can_start(bytes, at),
        ),
        // \b(?P<rom_d>[0-9]{1,2})[./ ](?P<rom_m>{roman})[./ ](?P<rom_y>[0-9]{4}|[0-9]{2})\b{after}
        Form::Roman => {
            let separator = || class(|c| matches!(c, '.' | '/' | ' '));
            let node = seq(vec![
                boundary(),
                gr.g("rom_d", digits(1, 2)),
                separator(),
                gr.g("rom_m", roman()),
                separator(),
                gr.g("rom_y", year_digits()),
                boundary(),
                after(gr, "rom_t"),
            ]);
            // "5.XI.62": a Roman numeral (in capitals) after the separator.
            (node, |bytes, at| {
                let run = digit_run(bytes, at);
                short_number_then(bytes, at, &ROMAN_SEPARATORS)
                    && matches!(byte(bytes, at + run + 1), b'I' | b'V' | b'X')
            })
        }
        // \b(?P<num_a>[0-9]{1,2})(?P<num_s>[./])(?P<num_b>[0-9]{1,2})(?P<num_s2>[./])
        //     (?P<num_y>[0-9]{4}|[0-9]{2})\b(?P<num_dot>\.)?{after}
        Form::Numeric => {
            let separator = || class(|c| c == '.' || c == '/');
            let node = seq(vec![
                boundary(),
                gr.g("num_a", digits(1, 2)),
                gr.g("num_s", separator()),
                gr.g("num_b", digits(1, 2)),
                gr.g("num_s2", separator()),
                gr.g("num_y", year_digits()),
                boundary(),
                opt(gr.g("num_dot", lit("."))),
                after(gr, "num_t"),
            ]);
            (node, may_be_numeric_with_year)
        }
        // \b(?P<ny_a>[0-9]{1,2})[./](?P<ny_b>[0-9]{1,2})\b(?P<ny_dot>\.)?{after}
        Form::NumericNoYear => {
            let node = seq(vec![
                boundary(),
                gr.g("ny_a", digits(1, 2)),
                class(|c| c == '.' || c == '/'),
                gr.g("ny_b", digits(1, 2)),
                boundary(),
                opt(gr.g("ny_dot", lit("."))),
                after(gr, "ny_t"),
            ]);
            (node, |bytes, at| {
                short_number_then(bytes, at, &NUMERIC_SEPARATORS)
            })
        }
        // (?:(?P<cn_y>[〇零○一二三四五六七八九0-9０-９]{2,4})年)?(?P<cn_m>[一二三四五六七八九十0-9０-９]{1,3})月
        //     (?:(?P<cn_d>[一二三四五六七八九十廿卅0-9０-９]{1,3})[日号])?
        Form::Chinese => (
            seq(vec![
                opt(seq(vec![
                    gr.g("cn_y", rep(class(cn_year_digit), 2, 4)),
                    exact("年"),
                ])),
                gr.g("cn_m", rep(class(cn_month_digit), 1, 3)),
                exact("月"),
                opt(seq(vec![
                    gr.g("cn_d", rep(class(cn_day_digit), 1, 3)),
                    class(|c| c == '日' || c == '号'),
                ])),
            ]),
            // ASCII digits go on with a Chinese numeral, 年 or 月, never ASCII.
            |bytes, at| match non_ascii_char(bytes, at) {
                Some(c) => cn_year_digit(c) || cn_month_digit(c),
                None => {
                    let run = digit_run(bytes, at);
                    (1..=4).contains(&run) && byte(bytes, at + run) >= 0x80
                }
            },
        ),
        // (?P<cnd_d>[一二三四五六七八九十廿卅]{1,3})日
        Form::ChineseDay => (
            seq(vec![
                gr.g("cnd_d", rep(class(cn_numeral), 1, 3)),
                exact("日"),
            ]),
            |bytes, at| non_ascii_char(bytes, at).is_some_and(cn_numeral),
        ),
        // \((?P<se_y>[0-9]{2})\){sp0}(?P<se_m>{month})
        Form::Serial => (
            seq(vec![
                lit("("),
                gr.g("se_y", digits(2, 2)),
                lit(")"),
                sp0(),
                gr.g("se_m", month()),
            ]),
            |bytes, at| bytes[at] == b'(',
        ),
        // \bNo\.?{sp0}\((?P<sey_y>[0-9]{2})\)
        Form::SerialYear => (
            seq(vec![
                boundary(),
                lit("no"),
                opt(lit(".")),
                sp0(),
                lit("("),
                gr.g("sey_y", digits(2, 2)),
                lit(")"),
            ]),
            |bytes, at| bytes[at].eq_ignore_ascii_case(&b'n'),
        ),
        // 批发[:：]?[^0-9\r\n]{0,12}?(?P<code_v>[0-9]{3,4})\b
        Form::Code => (
            seq(vec![
                exact("批发"),
                opt(class(|c| c == ':' || c == '：')),
                lazy(
                    class(|c| !(c.is_ascii_digit() || c == '\r' || c == '\n')),
                    0,
                    12,
                ),
                gr.g("code_v", digits(3, 4)),
                boundary(),
            ]),
            |bytes, at| bytes[at] == 0xE6,
        ),
        // \b(?P<ord_d>[0-9]{1,2})(?:st|nd|rd|th|d)\b
        Form::Ordinal => (
            seq(vec![
                boundary(),
                gr.g("ord_d", digits(1, 2)),
                words(&["st", "nd", "rd", "th", "d"]),
                boundary(),
            ]),
            |bytes, at| short_number_then_letter(bytes, at, &ORDINAL_SUFFIX_STARTS),
        ),
    }
}
