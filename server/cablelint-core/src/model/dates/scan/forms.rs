//! The date forms as trees for the matcher in `engine.rs`. Each tree is the
//! regex it replaces, piece by piece (the regex is kept beside it as a
//! comment, and the tests match the two against each other): everything is
//! case-insensitive but the Roman numerals, `sp` is `[ \t]{1,4}`, `sp0`
//! `[ \t]{0,4}`, `\b` an ASCII word boundary.

use std::sync::LazyLock;

use super::engine::{Node, MAX_GROUPS, MAX_RUN};

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

/// One form's tree, the names of its groups (by index) and the bytes a match
/// can start with (a cheap test before the tree is tried).
pub(super) struct Pattern {
    pub(super) form: Form,
    pub(super) node: Node,
    pub(super) groups: Vec<&'static str>,
    pub(super) starts_with: fn(u8) -> bool,
}

impl Pattern {
    pub(super) fn group_index(&self, name: &str) -> Option<usize> {
        self.groups.iter().position(|g| *g == name)
    }
}

pub(super) static PATTERNS: LazyLock<Vec<Pattern>> = LazyLock::new(build);

/// Group names are given while a tree is built; their order is the index.
struct Groups(Vec<&'static str>);

impl Groups {
    fn g(&mut self, name: &'static str, node: Node) -> Node {
        self.0.push(name);
        debug_assert!(self.0.len() <= MAX_GROUPS);
        Node::Group(self.0.len() - 1, Box::new(node))
    }
}

use Node::{Alt, Boundary as B, Lit, Month, Seq, Weekday};

fn opt(node: Node) -> Node {
    Node::Repeat(Box::new(node), 0, 1)
}

fn rep(node: Node, min: u8, max: u8) -> Node {
    debug_assert!(usize::from(max) <= MAX_RUN);
    Node::Repeat(Box::new(node), min, max)
}

fn digits(min: u8, max: u8) -> Node {
    rep(Node::Class(|c| c.is_ascii_digit()), min, max)
}

fn space_or_tab(c: char) -> bool {
    c == ' ' || c == '\t'
}

/// `[ \t]{1,4}`
fn sp() -> Node {
    rep(Node::Class(space_or_tab), 1, 4)
}

/// `[ \t]{0,4}`
fn sp0() -> Node {
    rep(Node::Class(space_or_tab), 0, 4)
}

fn dash(c: char) -> bool {
    matches!(c, '–' | '—' | '-')
}

fn words(list: &[&'static str]) -> Node {
    Alt(list.iter().map(|w| Lit(w)).collect())
}

/// `(?-i:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)`
fn roman() -> Node {
    Alt([
        "XII", "XI", "X", "IX", "VIII", "VII", "VI", "V", "IV", "III", "II", "I",
    ]
    .into_iter()
    .map(Node::Exact)
    .collect())
}

/// `[0-9]{4}|[0-9]{2}`
fn year_digits() -> Node {
    Alt(vec![digits(4, 4), digits(2, 2)])
}

/// `[ \t]?[ap]\.?[ \t]?m(?:\.|\b)`
fn ampm() -> Node {
    Seq(vec![
        opt(Node::Class(space_or_tab)),
        words(&["a", "p"]),
        opt(Lit(".")),
        opt(Node::Class(space_or_tab)),
        Lit("m"),
        Alt(vec![Lit("."), B]),
    ])
}

/// `[0-9]{1,2}(?:[:.][0-9]{2})?{ampm}`
fn clock_ampm() -> Node {
    Seq(vec![
        digits(1, 2),
        opt(Seq(vec![
            Node::Class(|c| c == ':' || c == '.'),
            digits(2, 2),
        ])),
        ampm(),
    ])
}

fn hours() -> Node {
    words(&["hours", "hrs", "h"])
}

/// A time: "7 p.m.", "noon", "16:30 hours", "9.30 hours", "1830hs", "20h00".
fn time() -> Node {
    Alt(vec![
        clock_ampm(),
        Seq(vec![Lit("noon"), B]),
        Seq(vec![Lit("midnight"), B]),
        // [0-9]{1,2}:[0-9]{2}(?:{sp0}(?:hours|hrs|h)\b|\b)
        Seq(vec![
            digits(1, 2),
            Lit(":"),
            digits(2, 2),
            Alt(vec![Seq(vec![sp0(), hours(), B]), B]),
        ]),
        // [0-9]{1,2}\.[0-9]{2}{sp0}(?:hours|hrs|h)\b
        Seq(vec![
            digits(1, 2),
            Lit("."),
            digits(2, 2),
            sp0(),
            hours(),
            B,
        ]),
        // [0-9]{4}{sp0}hs\b
        Seq(vec![digits(4, 4), sp0(), Lit("hs"), B]),
        // [0-9]{1,2}h[0-9]{2}\b
        Seq(vec![digits(1, 2), Lit("h"), digits(2, 2), B]),
    ])
}

/// `(?:{clock_ampm}|[0-9]{1,2}:[0-9]{2}\b)`
fn time_before() -> Node {
    Alt(vec![
        clock_ampm(),
        Seq(vec![digits(1, 2), Lit(":"), digits(2, 2), B]),
    ])
}

/// A time after a date: "…, 7 p.m.", "…—noon", "… at 14:30 hours", "… 16:30".
/// `(?:\.?(?:{sp0}[,—–-]{sp0}|{sp}(?:at{sp}|um{sp}|в{sp}|o{sp})?)(?P<name>{time}))?`
fn after(groups: &mut Groups, name: &'static str) -> Node {
    let word_then_space = |w: &'static str| Seq(vec![Lit(w), sp()]);
    opt(Seq(vec![
        opt(Lit(".")),
        Alt(vec![
            Seq(vec![sp0(), Node::Class(|c| c == ',' || dash(c)), sp0()]),
            Seq(vec![
                sp(),
                opt(Alt(vec![
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
    Seq(vec![
        opt(Lit("[")),
        digits(1, 2),
        opt(words(&["st", "nd", "rd", "th", "d"])),
        B,
        opt(Lit("]")),
    ])
}

/// `\[?[0-9]{4}\b\]?`
fn year() -> Node {
    Seq(vec![opt(Lit("[")), digits(4, 4), B, opt(Lit("]"))])
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
            let (node, starts_with) = tree(form, &mut groups);
            Pattern {
                form,
                node,
                groups: groups.0,
                starts_with,
            }
        })
        .collect()
}

fn is_digit(b: u8) -> bool {
    b.is_ascii_digit()
}

/// A letter, `[` or any non-ASCII byte: what a name or a bracket starts with.
fn letter_or_bracket(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'[' || b >= 0x80
}

fn tree(form: Form, gr: &mut Groups) -> (Node, fn(u8) -> bool) {
    match form {
        // \bON/(?P<on_s>[0-9]{1,2})/(?P<on_r>[0-9]{1,2})/(?P<on_m>{roman})/(?P<on_y>[0-9]{4}|[0-9]{2})\b
        Form::On => (
            Seq(vec![
                B,
                Lit("on/"),
                gr.g("on_s", digits(1, 2)),
                Lit("/"),
                gr.g("on_r", digits(1, 2)),
                Lit("/"),
                gr.g("on_m", roman()),
                Lit("/"),
                gr.g("on_y", year_digits()),
                B,
            ]),
            |b| b == b'o' || b == b'O',
        ),
        // \b[0-9]{1,4}{sp0}[–—-]{sp0}(?P<ws_wd>{wd}){sp0}[–—-]{sp0}(?P<ws_t>[0-9]{4}){sp0}hs\b
        Form::WeekdayTime => (
            Seq(vec![
                B,
                digits(1, 4),
                sp0(),
                Node::Class(dash),
                sp0(),
                gr.g("ws_wd", Weekday),
                sp0(),
                Node::Class(dash),
                sp0(),
                gr.g("ws_t", digits(4, 4)),
                sp0(),
                Lit("hs"),
                B,
            ]),
            is_digit,
        ),
        // \b(?P<iso_y>[0-9]{4})-(?P<iso_m>[0-9]{2})-(?P<iso_d>[0-9]{2})(?:T(?P<iso_t>[0-9]{2}:[0-9]{2})|\b)
        Form::Iso => (
            Seq(vec![
                B,
                gr.g("iso_y", digits(4, 4)),
                Lit("-"),
                gr.g("iso_m", digits(2, 2)),
                Lit("-"),
                gr.g("iso_d", digits(2, 2)),
                Alt(vec![
                    Seq(vec![
                        Lit("t"),
                        gr.g("iso_t", Seq(vec![digits(2, 2), Lit(":"), digits(2, 2)])),
                    ]),
                    B,
                ]),
            ]),
            is_digit,
        ),
        // (?:(?P<mf_wd>{wd}),?{sp})?(?P<mf_m>\[?{month}\.?\]?),?{sp}(?P<mf_d>{day})
        //     (?:(?:,{sp0}|{sp})(?P<mf_y>{year}))?{after}
        Form::MonthFirst => {
            let weekday = opt(Seq(vec![gr.g("mf_wd", Weekday), opt(Lit(",")), sp()]));
            let month = gr.g(
                "mf_m",
                Seq(vec![opt(Lit("[")), Month, opt(Lit(".")), opt(Lit("]"))]),
            );
            let day = gr.g("mf_d", day());
            let year = opt(Seq(vec![
                Alt(vec![Seq(vec![Lit(","), sp0()]), sp()]),
                gr.g("mf_y", year()),
            ]));
            let node = Seq(vec![
                weekday,
                month,
                opt(Lit(",")),
                sp(),
                day,
                year,
                after(gr, "mf_t"),
            ]);
            (node, |b| letter_or_bracket(b))
        }
        // (?:(?P<df_wd>{wd}),?{sp})?(?:(?P<df_tp>{time_before}),?{sp})?(?P<df_d>{day})\.?{sp}
        //     (?P<df_m>\[?(?:of{sp})?{month}\.?\]?)
        //     (?:,?{sp}(?P<df_y>{year})(?:{sp0}(?:г\.|года|r\.|roku))?)?{after}
        Form::DayFirst => {
            let weekday = opt(Seq(vec![gr.g("df_wd", Weekday), opt(Lit(",")), sp()]));
            let time = opt(Seq(vec![gr.g("df_tp", time_before()), opt(Lit(",")), sp()]));
            let day = gr.g("df_d", day());
            let month = gr.g(
                "df_m",
                Seq(vec![
                    opt(Lit("[")),
                    opt(Seq(vec![Lit("of"), sp()])),
                    Month,
                    opt(Lit(".")),
                    opt(Lit("]")),
                ]),
            );
            let year = opt(Seq(vec![
                opt(Lit(",")),
                sp(),
                gr.g("df_y", year()),
                opt(Seq(vec![sp0(), words(&["г.", "года", "r.", "roku"])])),
            ]));
            let node = Seq(vec![
                weekday,
                time,
                day,
                opt(Lit(".")),
                sp(),
                month,
                year,
                after(gr, "df_t"),
            ]);
            (node, |b| is_digit(b) || letter_or_bracket(b))
        }
        // (?P<my_m>{month})\.?{sp}(?P<my_y>{year})
        Form::MonthYear => (
            Seq(vec![
                gr.g("my_m", Month),
                opt(Lit(".")),
                sp(),
                gr.g("my_y", year()),
            ]),
            |b| b.is_ascii_alphabetic() || b >= 0x80,
        ),
        // \b(?P<rom_d>[0-9]{1,2})[./ ](?P<rom_m>{roman})[./ ](?P<rom_y>[0-9]{4}|[0-9]{2})\b{after}
        Form::Roman => {
            let separator = || Node::Class(|c| matches!(c, '.' | '/' | ' '));
            let node = Seq(vec![
                B,
                gr.g("rom_d", digits(1, 2)),
                separator(),
                gr.g("rom_m", roman()),
                separator(),
                gr.g("rom_y", year_digits()),
                B,
                after(gr, "rom_t"),
            ]);
            (node, is_digit)
        }
        // \b(?P<num_a>[0-9]{1,2})(?P<num_s>[./])(?P<num_b>[0-9]{1,2})(?P<num_s2>[./])
        //     (?P<num_y>[0-9]{4}|[0-9]{2})\b(?P<num_dot>\.)?{after}
        Form::Numeric => {
            let separator = || Node::Class(|c| c == '.' || c == '/');
            let node = Seq(vec![
                B,
                gr.g("num_a", digits(1, 2)),
                gr.g("num_s", separator()),
                gr.g("num_b", digits(1, 2)),
                gr.g("num_s2", separator()),
                gr.g("num_y", year_digits()),
                B,
                opt(gr.g("num_dot", Lit("."))),
                after(gr, "num_t"),
            ]);
            (node, is_digit)
        }
        // \b(?P<ny_a>[0-9]{1,2})[./](?P<ny_b>[0-9]{1,2})\b(?P<ny_dot>\.)?{after}
        Form::NumericNoYear => {
            let node = Seq(vec![
                B,
                gr.g("ny_a", digits(1, 2)),
                Node::Class(|c| c == '.' || c == '/'),
                gr.g("ny_b", digits(1, 2)),
                B,
                opt(gr.g("ny_dot", Lit("."))),
                after(gr, "ny_t"),
            ]);
            (node, is_digit)
        }
        // (?:(?P<cn_y>[〇零○一二三四五六七八九0-9０-９]{2,4})年)?(?P<cn_m>[一二三四五六七八九十0-9０-９]{1,3})月
        //     (?:(?P<cn_d>[一二三四五六七八九十廿卅0-9０-９]{1,3})[日号])?
        Form::Chinese => (
            Seq(vec![
                opt(Seq(vec![
                    gr.g("cn_y", rep(Node::Class(cn_year_digit), 2, 4)),
                    Node::Exact("年"),
                ])),
                gr.g("cn_m", rep(Node::Class(cn_month_digit), 1, 3)),
                Node::Exact("月"),
                opt(Seq(vec![
                    gr.g("cn_d", rep(Node::Class(cn_day_digit), 1, 3)),
                    Node::Class(|c| c == '日' || c == '号'),
                ])),
            ]),
            |b| is_digit(b) || b >= 0x80,
        ),
        // (?P<cnd_d>[一二三四五六七八九十廿卅]{1,3})日
        Form::ChineseDay => (
            Seq(vec![
                gr.g("cnd_d", rep(Node::Class(cn_numeral), 1, 3)),
                Node::Exact("日"),
            ]),
            |b| b >= 0x80,
        ),
        // \((?P<se_y>[0-9]{2})\){sp0}(?P<se_m>{month})
        Form::Serial => (
            Seq(vec![
                Lit("("),
                gr.g("se_y", digits(2, 2)),
                Lit(")"),
                sp0(),
                gr.g("se_m", Month),
            ]),
            |b| b == b'(',
        ),
        // \bNo\.?{sp0}\((?P<sey_y>[0-9]{2})\)
        Form::SerialYear => (
            Seq(vec![
                B,
                Lit("no"),
                opt(Lit(".")),
                sp0(),
                Lit("("),
                gr.g("sey_y", digits(2, 2)),
                Lit(")"),
            ]),
            |b| b == b'n' || b == b'N',
        ),
        // 批发[:：]?[^0-9\r\n]{0,12}?(?P<code_v>[0-9]{3,4})\b
        Form::Code => (
            Seq(vec![
                Node::Exact("批发"),
                opt(Node::Class(|c| c == ':' || c == '：')),
                Node::Lazy(
                    Box::new(Node::Class(|c| {
                        !(c.is_ascii_digit() || c == '\r' || c == '\n')
                    })),
                    0,
                    12,
                ),
                gr.g("code_v", digits(3, 4)),
                B,
            ]),
            |b| b == 0xE6,
        ),
        // \b(?P<ord_d>[0-9]{1,2})(?:st|nd|rd|th|d)\b
        Form::Ordinal => (
            Seq(vec![
                B,
                gr.g("ord_d", digits(1, 2)),
                words(&["st", "nd", "rd", "th", "d"]),
                B,
            ]),
            is_digit,
        ),
    }
}
