//! The rule registry. Each rule lives in its own file under its family's
//! folder, with its documentation and its tests; the registry is keyed by the
//! rule's stable code.

mod brackets;
pub(crate) mod dates;
mod file;
mod header;
mod officials;

#[cfg(test)]
pub(crate) mod testing;

use crate::diagnostic::{Diagnostic, Fix, Related, Severity};
use crate::lint::RuleSelection;
use crate::model::Document;
use crate::officials::mentions::{mentions_on, mentions_where};
use crate::officials::{document_date, ResolvedMention, Romanisation};
use crate::text::Span;
use cablelint_officials::Matcher;
use std::sync::OnceLock;

/// The rule families; a code starts with its family's letter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Family {
    /// E: the file itself (encoding, directives, profile).
    File,
    /// H: header fields.
    Header,
    /// B: editorial brackets and paired punctuation.
    Brackets,
    /// D: dates.
    Dates,
    /// O: named officials.
    Officials,
}

/// Whether a rule can fix what it finds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixAvailability {
    None,
    Sometimes,
    Always,
}

/// What every rule declares about itself: the registry, `cablelint explain`,
/// `cablelint rules` and the documentation pages are made from this.
#[derive(Debug)]
pub struct RuleMeta {
    /// Stable code, e.g. `B001`; never reused for another rule.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `unclosed-bracket`.
    pub name: &'static str,
    pub family: Family,
    pub default_severity: Severity,
    /// Off unless selected (rules that are noisy on some collections).
    pub default_enabled: bool,
    pub fix: FixAvailability,
    /// One line: what the rule finds.
    pub summary: &'static str,
    /// Why it matters and what counts, in Markdown paragraphs.
    pub explanation: &'static str,
    /// A `.cable` snippet the rule reports…
    pub wrong: &'static str,
    /// …and the same snippet put right, which it does not.
    pub right: &'static str,
}

impl RuleMeta {
    /// The rule's documentation page as Markdown (`cablelint explain`).
    pub fn documentation(&self) -> String {
        let fix = match self.fix {
            FixAvailability::None => "This rule has no automatic fix.",
            FixAvailability::Sometimes => "A fix is offered where it is unambiguous.",
            FixAvailability::Always => "A fix is always offered.",
        };
        let enabled = if self.default_enabled {
            ""
        } else {
            " Off by default: select it in `cablelint.toml`."
        };
        format!(
            "# {code} {name}\n\n{summary}\n\nDefault severity: **{severity}**.{enabled} {fix}\n\n## Why\n\n{explanation}\n\n## Wrong\n\n```cable\n{wrong}\n```\n\n## Right\n\n```cable\n{right}\n```\n",
            code = self.code,
            name = self.name,
            summary = self.summary,
            severity = self.default_severity.as_str(),
            explanation = self.explanation.trim(),
            wrong = self.wrong.trim_end(),
            right = self.right.trim_end(),
        )
    }
}

pub trait Rule: Send + Sync {
    fn meta(&self) -> &'static RuleMeta;
    fn check(&self, cx: &mut Context);
}

/// Settings and per-document results shared by every rule of one lint run;
/// what is costly (finding officials' names) is computed on first use.
pub struct Shared<'a> {
    /// The configured officials; `None` means the built-in registry, which
    /// is built only when an O rule asks for it (it costs ~50 ms and ~20 MB).
    officials: Option<&'a Matcher>,
    pub romanisation: Romanisation,
    /// Findings one rule keeps (`limits.max-diagnostics-per-file`); it
    /// counts the rest.
    pub max_diagnostics: usize,
    mentions: OnceLock<Vec<ResolvedMention>>,
    /// The run's rules, when known ([`crate::lint::shared_for`]): when the
    /// only officials' rules among them are O001 and O002, the mentions are
    /// those two may report or none ([`Context::mentions`]).
    selection: Option<&'a RuleSelection>,
    /// The document's date for the O rules, found once: the mentions are
    /// ranked by it and O001 compares titles on it.
    document_date: OnceLock<Option<cablelint_officials::Date>>,
}

impl<'a> Shared<'a> {
    pub fn new(officials: Option<&'a Matcher>, romanisation: Romanisation) -> Self {
        Shared {
            officials,
            romanisation,
            max_diagnostics: crate::limits::DEFAULT_MAX_DIAGNOSTICS_PER_FILE,
            mentions: OnceLock::new(),
            selection: None,
            document_date: OnceLock::new(),
        }
    }

    /// These settings for a run of the rules `selection` enables (see
    /// [`Shared::selection`]).
    pub(crate) fn for_rules(mut self, selection: &'a RuleSelection) -> Self {
        self.selection = Some(selection);
        self
    }

    /// Whether a rule of the run reads every mention: an officials' rule
    /// other than O001 and O002, or rules not known.
    fn every_mention_wanted(&self) -> bool {
        let Some(selection) = self.selection else {
            return true;
        };
        // The family's own list: asking every rule cost about 200
        // instructions a document.
        officials::RULES.iter().any(|rule| {
            let meta = rule.meta();
            !officials::REPORTED_MENTIONS_ONLY.contains(&meta.code)
                && selection.is_enabled(meta.code, meta.default_enabled)
        })
    }

    pub fn officials(&self) -> &Matcher {
        self.officials
            .unwrap_or_else(|| crate::officials::builtin_matcher())
    }
}

/// What a rule sees and where it reports.
pub struct Context<'a> {
    pub doc: &'a Document,
    pub shared: &'a Shared<'a>,
    rule: &'static RuleMeta,
    diagnostics: Vec<Diagnostic>,
    /// Findings of earlier rules at the front of `diagnostics` (one buffer
    /// serves a whole lint run); this rule's cap does not count them.
    before: usize,
    /// Where a finding past the cap is written, to be thrown away.
    overflow: Option<Diagnostic>,
    dropped: usize,
}

impl<'a> Context<'a> {
    pub fn new(doc: &'a Document, rule: &'static RuleMeta, shared: &'a Shared<'a>) -> Self {
        Context::appending(doc, rule, shared, Vec::new())
    }

    /// A context whose findings go after `found` (earlier rules' findings),
    /// so that a lint run fills one buffer instead of one per rule.
    pub(crate) fn appending(
        doc: &'a Document,
        rule: &'static RuleMeta,
        shared: &'a Shared<'a>,
        found: Vec<Diagnostic>,
    ) -> Self {
        Context {
            doc,
            shared,
            rule,
            before: found.len(),
            diagnostics: found,
            overflow: None,
            dropped: 0,
        }
    }

    /// Mentions of registry people in the document (computed once per
    /// run). When the run's only officials' rules are O001 and O002
    /// (`officials::REPORTED_MENTIONS_ONLY`), every mention if one of them
    /// may be reported by those two, else none
    /// (`officials::may_be_reported`): the same findings, for less work.
    pub fn mentions(&self) -> &'a [ResolvedMention] {
        let shared: &'a Shared<'a> = self.shared;
        shared.mentions.get_or_init(|| {
            let (doc, matcher, date) = (self.doc, shared.officials(), self.document_date());
            if shared.every_mention_wanted() {
                return mentions_on(doc, matcher, date);
            }
            let romanisation = shared.romanisation;
            mentions_where(doc, matcher, date, |mention| {
                officials::may_be_reported(doc.text(), matcher, mention, date, romanisation)
            })
        })
    }

    /// The document's date, as [`document_date`] finds it (found once per
    /// run).
    pub fn document_date(&self) -> Option<cablelint_officials::Date> {
        *self
            .shared
            .document_date
            .get_or_init(|| document_date(self.doc))
    }

    /// Reports a finding of the current rule; chain `.fix(…)`/`.related(…)`.
    pub fn report(&mut self, span: Span, message: impl Into<String>) -> Report<'_> {
        let diagnostic = Diagnostic {
            code: self.rule.code,
            name: self.rule.name,
            severity: self.rule.default_severity,
            message: message.into(),
            span,
            fix: None,
            related: Vec::new(),
            person: None,
        };
        if self.diagnostics.len() - self.before < self.shared.max_diagnostics.max(1) {
            self.diagnostics.push(diagnostic);
            return Report(self.diagnostics.last_mut().expect("just pushed"));
        }
        if !crate::lint::is_suppressed(self.doc, &diagnostic) {
            self.dropped += 1;
        }
        Report(self.overflow.insert(diagnostic))
    }

    /// Findings past the cap, counted and not kept.
    pub fn dropped(&self) -> usize {
        self.dropped
    }

    /// Makes the context report for `rule` next, its findings after those
    /// so far. One context serves a whole lint run: making one per rule
    /// copied it (with its inline overflow finding) twice per rule.
    pub(crate) fn next_rule(&mut self, rule: &'static RuleMeta) {
        self.rule = rule;
        self.before = self.diagnostics.len();
        self.overflow = None;
        self.dropped = 0;
    }

    /// Every finding so far, earlier rules' included.
    pub(crate) fn diagnostics_mut(&mut self) -> &mut Vec<Diagnostic> {
        &mut self.diagnostics
    }

    /// The findings, after those the context was made with.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diagnostics
    }
}

pub struct Report<'c>(&'c mut Diagnostic);

impl Report<'_> {
    pub fn fix(self, fix: Fix) -> Self {
        self.0.fix = Some(fix);
        self
    }
    pub fn related(self, span: Span, message: impl Into<String>) -> Self {
        self.0.related.push(Related {
            span,
            message: message.into(),
        });
        self
    }
    /// The registry id of the official the finding is about.
    pub fn person(self, id: impl Into<String>) -> Self {
        self.0.person = Some(id.into());
        self
    }
    pub fn severity(self, severity: Severity) -> Self {
        self.0.severity = severity;
        self
    }
}

/// Appends `n` in decimal: messages are joined from pieces rather than
/// formatted, which cost several times as much.
pub(crate) fn push_decimal(out: &mut String, mut n: usize) {
    let mut digits = [0u8; 20];
    let mut start = digits.len();
    loop {
        start -= 1;
        digits[start] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    for &digit in &digits[start..] {
        out.push(char::from(digit));
    }
}

/// Every rule, in code order.
pub fn all() -> &'static [&'static dyn Rule] {
    // Built once: `lint` asks for the registry for every document.
    static ALL: std::sync::LazyLock<Vec<&'static dyn Rule>> = std::sync::LazyLock::new(|| {
        let mut rules: Vec<&'static dyn Rule> = file::RULES
            .iter()
            .chain(header::RULES)
            .chain(brackets::RULES)
            .chain(dates::RULES)
            .chain(officials::RULES)
            .copied()
            .collect();
        rules.sort_by_key(|r| r.meta().code);
        rules
    });
    &ALL
}

pub fn by_code(code: &str) -> Option<&'static dyn Rule> {
    all()
        .iter()
        .copied()
        .find(|r| r.meta().code.eq_ignore_ascii_case(code) || r.meta().name == code)
}

#[cfg(test)]
mod registry_tests {
    use super::*;

    #[test]
    fn decimals_are_written_as_formatting_writes_them() {
        for n in [0, 7, 10, 99, 100, 4096, 1_000_000_007, usize::MAX] {
            let mut out = String::from("line ");
            push_decimal(&mut out, n);
            assert_eq!(out, format!("line {n}"));
        }
    }

    #[test]
    fn codes_and_names_are_unique_and_well_formed() {
        let rules = all();
        let mut codes: Vec<_> = rules.iter().map(|r| r.meta().code).collect();
        codes.dedup();
        assert_eq!(codes.len(), rules.len(), "duplicate code");
        for rule in rules {
            let m = rule.meta();
            let letter = match m.family {
                Family::File => 'E',
                Family::Header => 'H',
                Family::Brackets => 'B',
                Family::Dates => 'D',
                Family::Officials => 'O',
            };
            assert!(
                m.code.starts_with(letter) && m.code.len() == 4,
                "{}",
                m.code
            );
            assert!(
                m.name
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
                "{}",
                m.name
            );
            assert!(!m.summary.is_empty() && !m.explanation.is_empty());
        }
    }

    /// Every rule's documented wrong example is reported by that rule and its
    /// right example is not: the documentation cannot drift from behaviour.
    #[test]
    fn documented_examples_hold_for_every_rule() {
        for rule in all() {
            let m = rule.meta();
            let limits = testing::example_limits(m.code);
            let wrong = testing::codes_reported_with(m.wrong, limits);
            assert!(
                wrong.contains(&m.code),
                "{}: wrong example not reported; got {wrong:?}",
                m.code
            );
            let right = testing::codes_reported_with(m.right, limits);
            assert!(
                !right.contains(&m.code),
                "{}: right example reported",
                m.code
            );
        }
    }
}
