//! The regex recogniser the hand-written scanner replaced, kept as the
//! oracle the tests compare it with (never built outside tests): one
//! multi-pattern regex finds each candidate and says which form matched,
//! then that form's own regex captures its groups.

use super::super::lexicon::{month_alternation, weekday_alternation};
use super::super::DateMention;
use super::forms::{FORMS, PATTERNS};
use super::read::read;
use crate::model::SectionKind;
use crate::text::Span;
use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input};
use std::sync::{LazyLock, OnceLock};

const B: &str = r"(?-u:\b)";

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new_many(&case_insensitive_patterns()).expect("the date patterns are valid")
});

/// One regex per form, for its groups. Capturing with the union, even
/// anchored on one pattern, made the backtracker clear a visited set sized by
/// every form's states for each candidate: a fifth of the time of `check`.
/// Each is compiled when its form is first met.
static FORM_REGEX: [OnceLock<Regex>; FORMS.len()] = [const { OnceLock::new() }; FORMS.len()];

fn case_insensitive_patterns() -> Vec<String> {
    patterns().into_iter().map(|p| format!("(?i){p}")).collect()
}

fn form_regex(index: usize) -> &'static Regex {
    FORM_REGEX[index].get_or_init(|| {
        let pattern = &case_insensitive_patterns()[index];
        Regex::new(pattern).expect("the date patterns are valid")
    })
}

fn patterns() -> Vec<String> {
    let month = format!("(?:{})", month_alternation());
    let wd = format!("(?:{})", weekday_alternation());
    let roman = "(?-i:XII|XI|X|IX|VIII|VII|VI|V|IV|III|II|I)";
    let sp = r"[ \t]{1,4}";
    let sp0 = r"[ \t]{0,4}";
    let ampm = format!(r"[ \t]?[ap]\.?[ \t]?m(?:\.|{B})");
    let time = format!(
        r"(?:[0-9]{{1,2}}(?:[:.][0-9]{{2}})?{ampm}|noon{B}|midnight{B}|[0-9]{{1,2}}:[0-9]{{2}}(?:{sp0}(?:hours|hrs|h){B}|{B})|[0-9]{{1,2}}\.[0-9]{{2}}{sp0}(?:hours|hrs|h){B}|[0-9]{{4}}{sp0}hs{B}|[0-9]{{1,2}}h[0-9]{{2}}{B})"
    );
    let time_before =
        format!(r"(?:[0-9]{{1,2}}(?:[:.][0-9]{{2}})?{ampm}|[0-9]{{1,2}}:[0-9]{{2}}{B})");
    // A time after a date: "…, 7 p.m.", "…—noon", "… at 14:30 hours", "… 16:30".
    let after = |name: &str| {
        format!(
            r"(?:\.?(?:{sp0}[,—–-]{sp0}|{sp}(?:at{sp}|um{sp}|в{sp}|o{sp})?)(?P<{name}>{time}))?"
        )
    };
    let day = format!(r"\[?[0-9]{{1,2}}(?:st|nd|rd|th|d)?{B}\]?");
    let year = format!(r"\[?[0-9]{{4}}{B}\]?");
    vec![
        format!(r"(?P<on>{B}ON/(?P<on_s>[0-9]{{1,2}})/(?P<on_r>[0-9]{{1,2}})/(?P<on_m>{roman})/(?P<on_y>[0-9]{{4}}|[0-9]{{2}}){B})"),
        format!(r"(?P<ws>{B}[0-9]{{1,4}}{sp0}[–—-]{sp0}(?P<ws_wd>{wd}){sp0}[–—-]{sp0}(?P<ws_t>[0-9]{{4}}){sp0}hs{B})"),
        format!(r"(?P<iso>{B}(?P<iso_y>[0-9]{{4}})-(?P<iso_m>[0-9]{{2}})-(?P<iso_d>[0-9]{{2}})(?:T(?P<iso_t>[0-9]{{2}}:[0-9]{{2}})|{B}))"),
        format!(r"(?P<mf>(?:(?P<mf_wd>{wd}),?{sp})?(?P<mf_m>\[?{month}\.?\]?),?{sp}(?P<mf_d>{day})(?:(?:,{sp0}|{sp})(?P<mf_y>{year}))?{})", after("mf_t")),
        format!(r"(?P<df>(?:(?P<df_wd>{wd}),?{sp})?(?:(?P<df_tp>{time_before}),?{sp})?(?P<df_d>{day})\.?{sp}(?P<df_m>\[?(?:of{sp})?{month}\.?\]?)(?:,?{sp}(?P<df_y>{year})(?:{sp0}(?:г\.|года|r\.|roku))?)?{})", after("df_t")),
        format!(r"(?P<my>(?P<my_m>{month})\.?{sp}(?P<my_y>{year}))"),
        format!(r"(?P<rom>{B}(?P<rom_d>[0-9]{{1,2}})[./ ](?P<rom_m>{roman})[./ ](?P<rom_y>[0-9]{{4}}|[0-9]{{2}}){B}{})", after("rom_t")),
        format!(r"(?P<num>{B}(?P<num_a>[0-9]{{1,2}})(?P<num_s>[./])(?P<num_b>[0-9]{{1,2}})(?P<num_s2>[./])(?P<num_y>[0-9]{{4}}|[0-9]{{2}}){B}(?P<num_dot>\.)?{})", after("num_t")),
        format!(r"(?P<ny>{B}(?P<ny_a>[0-9]{{1,2}})[./](?P<ny_b>[0-9]{{1,2}}){B}(?P<ny_dot>\.)?{})", after("ny_t")),
        r"(?P<cn>(?:(?P<cn_y>[〇零○一二三四五六七八九0-9０-９]{2,4})年)?(?P<cn_m>[一二三四五六七八九十0-9０-９]{1,3})月(?:(?P<cn_d>[一二三四五六七八九十廿卅0-9０-９]{1,3})[日号])?)".to_owned(),
        r"(?P<cnd>(?P<cnd_d>[一二三四五六七八九十廿卅]{1,3})日)".to_owned(),
        format!(r"(?P<se>\((?P<se_y>[0-9]{{2}})\){sp0}(?P<se_m>{month}))"),
        format!(r"(?P<sey>{B}No\.?{sp0}\((?P<sey_y>[0-9]{{2}})\))"),
        format!(r"(?P<code>批发[:：]?[^0-9\r\n]{{0,12}}?(?P<code_v>[0-9]{{3,4}}){B})"),
        format!(r"(?P<ord>{B}(?P<ord_d>[0-9]{{1,2}})(?:st|nd|rd|th|d){B})"),
    ]
}

/// Finds the dates in `text[span]`, all of one section kind.
pub(super) fn scan_span(text: &str, span: Span, kind: SectionKind, out: &mut Vec<DateMention>) {
    let mut caps: [Option<Captures>; FORMS.len()] = [const { None }; FORMS.len()];
    let mut at = span.start;
    while at < span.end {
        // The range keeps the text around it in view for word boundaries.
        let Some(found) = DATE.search(&Input::new(text).range(at..span.end)) else {
            break;
        };
        if found.is_empty() {
            at = next_boundary(text, at);
            continue;
        }
        let index = found.pattern().as_usize();
        let regex = form_regex(index);
        let caps = caps[index].get_or_insert_with(|| regex.create_captures());
        let anchored = Input::new(text)
            .range(found.start()..found.end())
            .anchored(Anchored::Yes);
        regex.search_captures(&anchored, caps);
        if caps.is_match() {
            let names = &PATTERNS[index].groups;
            let group = |i: usize| {
                caps.get_group_by_name(names.get(i)?)
                    .map(|s| Span::new(s.start, s.end))
            };
            let whole = Span::new(found.start(), found.end());
            read(text, whole, FORMS[index], &group, None, kind, out);
        }
        at = found.end();
    }
}

fn next_boundary(text: &str, at: usize) -> usize {
    let mut next = at + 1;
    while next < text.len() && !text.is_char_boundary(next) {
        next += 1;
    }
    next
}

/// Every match in `text[span]`: its span, form index and each group's span
/// by name, as the regex finds them.
pub(super) fn matches(text: &str, span: Span) -> Vec<(Span, usize, Vec<Option<Span>>)> {
    let names: Vec<Vec<&str>> = (0..FORMS.len()).map(group_names).collect();
    let mut out = Vec::new();
    let mut at = span.start;
    while at < span.end {
        let Some(found) = DATE.search(&Input::new(text).range(at..span.end)) else {
            break;
        };
        assert!(!found.is_empty(), "no form matches the empty string");
        let index = found.pattern().as_usize();
        let regex = form_regex(index);
        let mut caps = regex.create_captures();
        let anchored = Input::new(text)
            .range(found.start()..found.end())
            .anchored(Anchored::Yes);
        regex.search_captures(&anchored, &mut caps);
        let groups = names[index]
            .iter()
            .map(|name| {
                caps.get_group_by_name(name)
                    .map(|s| Span::new(s.start, s.end))
            })
            .collect();
        out.push((Span::new(found.start(), found.end()), index, groups));
        at = found.end();
    }
    out
}

/// The names of form `index`'s groups, the whole form's first.
pub(super) fn group_names(index: usize) -> Vec<&'static str> {
    form_regex(index)
        .group_info()
        .pattern_names(regex_automata::PatternID::ZERO)
        .flatten()
        .collect()
}
