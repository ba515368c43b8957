//! Document → diagnostics: runs the selected rules, applies configured
//! severities and in-text suppressions, and drives fix rounds.

use crate::diagnostic::{Applicability, Diagnostic, Severity};
use crate::fix::{apply_fixes, MAX_ROUNDS};
use crate::limits::{Limits, TooLarge};
use crate::model::{Directive, DirectiveKind, Document, ParseOptions};
use crate::officials::{builtin_matcher, Romanisation};
use crate::profile::ProfileSet;
use crate::rules::{self, Context, Rule, Shared};
use crate::text::SourceText;
use cablelint_officials::Matcher;
use std::collections::BTreeMap;
use std::sync::Arc;
use suppress::Suppressions;

mod split;
mod suppress;

pub use split::{check_on_threads, PARALLEL_FROM_BYTES};

/// Which rules run and how loud they are. Codes may be prefixes (`B`, `H00`).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleSelection {
    /// When set, only matching rules run (default: every rule enabled by default).
    pub select: Option<Vec<String>>,
    /// Also run these (e.g. a rule that is off by default).
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    /// Severity per code or prefix; the longest matching key wins.
    pub severity: BTreeMap<String, Severity>,
}

impl RuleSelection {
    pub fn is_enabled(&self, code: &str, default_enabled: bool) -> bool {
        let matches = |patterns: &[String]| patterns.iter().any(|p| code.starts_with(p.as_str()));
        let selected = match &self.select {
            Some(select) => matches(select),
            None => default_enabled,
        } || matches(&self.extend_select);
        selected && !matches(&self.ignore)
    }

    pub fn severity_of(&self, code: &str, default: Severity) -> Severity {
        self.severity
            .iter()
            .filter(|(k, _)| code.starts_with(k.as_str()))
            .max_by_key(|(k, _)| k.len())
            .map_or(default, |(_, s)| *s)
    }
}

pub fn enabled_rules(selection: &RuleSelection) -> Vec<&'static dyn Rule> {
    rules::all()
        .iter()
        .copied()
        .filter(|r| selection.is_enabled(r.meta().code, r.meta().default_enabled))
        .collect()
}

/// Runs the rules over a parsed document with the default settings (the
/// built-in officials registry, pinyin preferred).
pub fn lint(doc: &Document, selection: &RuleSelection) -> Vec<Diagnostic> {
    lint_with(doc, selection, &Shared::new(None, Romanisation::default()))
}

/// The settings every rule of one run shares, from the options: for a run
/// of the rules `options.selection` enables (O001 and O002 alone get only
/// the mentions they may report; see `Context::mentions`).
pub fn shared_for(options: &CheckOptions) -> Shared<'_> {
    let mut shared = Shared::new(options.officials.as_deref(), options.romanisation)
        .for_rules(&options.selection);
    shared.max_diagnostics = options.limits.max_diagnostics_per_file;
    shared
}

/// Runs the rules over a parsed document with the given settings. At most
/// `shared.max_diagnostics` findings are kept, the first in text order; the
/// rest are counted, and one E004 finding says how many.
pub fn lint_with(doc: &Document, selection: &RuleSelection, shared: &Shared) -> Vec<Diagnostic> {
    let cap = shared.max_diagnostics.max(1);
    let suppressions = Suppressions::of(doc);
    let rules = selected_rules(doc, selection);
    let (diagnostics, dropped) = run_rules(doc, rules, selection, shared, &suppressions, cap);
    finish(diagnostics, dropped, cap, selection)
}

/// The rules that run on `doc`, in code order.
fn selected_rules<'s>(
    doc: &Document,
    selection: &'s RuleSelection,
) -> impl Iterator<Item = &'static dyn Rule> + 's {
    // The model of a file that was not read is empty: only the finding that
    // says so (E003) makes sense.
    let too_large = doc.too_large.is_some();
    rules::all().iter().copied().filter(move |r| {
        selection.is_enabled(r.meta().code, r.meta().default_enabled)
            && (!too_large || r.meta().code == "E003")
    })
}

/// Runs `rules` in turn: their findings, not yet sorted, at most `cap` of
/// them (the first in text order), and how many more were found.
fn run_rules(
    doc: &Document,
    rules: impl Iterator<Item = &'static dyn Rule>,
    selection: &RuleSelection,
    shared: &Shared,
    suppressions: &Suppressions,
    cap: usize,
) -> (Vec<Diagnostic>, usize) {
    // Room for what a typical file gets, so that the one buffer every rule
    // reports into seldom grows.
    let mut diagnostics: Vec<Diagnostic> = Vec::with_capacity(32);
    let mut context: Option<Context> = None;
    let mut dropped = 0;
    for rule in rules {
        let cx = match &mut context {
            Some(cx) => {
                cx.next_rule(rule.meta());
                cx
            }
            None => context.insert(Context::appending(
                doc,
                rule.meta(),
                shared,
                std::mem::take(&mut diagnostics),
            )),
        };
        let start = cx.diagnostics_mut().len();
        rule.check(cx);
        dropped += cx.dropped();
        let diagnostics = cx.diagnostics_mut();
        if diagnostics.len() == start {
            continue;
        }
        // Without directives nothing is suppressed, and without configured
        // severities every finding keeps its own: both passes are skipped.
        if suppressions.any() {
            // Only this rule's findings are tested: the earlier ones were.
            let mut kept = start;
            for i in start..diagnostics.len() {
                if !suppressions.suppress(&diagnostics[i]) {
                    // What lies between `kept` and `i` is suppressed: the
                    // kept findings keep their order.
                    diagnostics.swap(kept, i);
                    kept += 1;
                }
            }
            diagnostics.truncate(kept);
        }
        if !selection.severity.is_empty() {
            for d in &mut diagnostics[start..] {
                // A rule may lower its own severity for a weaker case;
                // configuration replaces the default level only.
                let default = rule.meta().default_severity;
                if d.severity == default {
                    d.severity = selection.severity_of(d.code, default);
                }
            }
        }
        dropped += keep_first(diagnostics, cap);
    }
    if let Some(cx) = context {
        diagnostics = cx.into_diagnostics();
    }
    (diagnostics, dropped)
}

/// Keeps the first `cap` findings in text order; says how many went.
fn keep_first(diagnostics: &mut Vec<Diagnostic>, cap: usize) -> usize {
    if diagnostics.len() <= cap {
        return 0;
    }
    // Memory holds at most twice the cap, whatever the rules find.
    sort(diagnostics);
    let dropped = diagnostics.len() - cap;
    diagnostics.truncate(cap);
    dropped
}

/// The findings in text order, after E004 if some were dropped.
#[inline]
fn finish(
    mut diagnostics: Vec<Diagnostic>,
    dropped: usize,
    cap: usize,
    selection: &RuleSelection,
) -> Vec<Diagnostic> {
    sort(&mut diagnostics);
    if dropped > 0 && selection.is_enabled(TOO_MANY_CODE, true) {
        diagnostics.insert(0, too_many_diagnostics(dropped, cap, selection));
    }
    diagnostics
}

fn sort(diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        (a.span.start, a.span.end, a.code).cmp(&(b.span.start, b.span.end, b.code))
    });
}

const TOO_MANY_CODE: &str = "E004";

/// E004, which only the driver can make: it alone sees every rule's count.
fn too_many_diagnostics(dropped: usize, kept: usize, selection: &RuleSelection) -> Diagnostic {
    let meta = rules::by_code(TOO_MANY_CODE)
        .expect("E004 is registered")
        .meta();
    Diagnostic {
        code: meta.code,
        name: meta.name,
        severity: selection.severity_of(meta.code, meta.default_severity),
        message: format!(
            "{dropped} more finding{} not shown: only the first {kept} of a file are kept; raise `limits.max-diagnostics-per-file` in cablelint.toml to see more",
            if dropped == 1 { "" } else { "s" }
        ),
        span: crate::text::Span::empty(0),
        fix: None,
        related: Vec::new(),
        person: None,
    }
}

/// Whether an in-text directive turns this finding off.
pub(crate) fn is_suppressed(doc: &Document, diagnostic: &Diagnostic) -> bool {
    // Findings about directives themselves are never suppressed by them.
    if diagnostic.code.starts_with('E') || doc.directives.is_empty() {
        return false;
    }
    let line = doc.lines.line_of(diagnostic.span.start);
    doc.directives.iter().any(|d: &Directive| match &d.kind {
        DirectiveKind::DisableFile { codes } => {
            codes.is_empty() || codes.iter().any(|c| c.matches(diagnostic.code))
        }
        DirectiveKind::DisableNextLine { codes } => {
            d.line + 1 == line
                && (codes.is_empty() || codes.iter().any(|c| c.matches(diagnostic.code)))
        }
        _ => false,
    })
}

/// Everything needed to check one file.
#[derive(Debug, Clone, Default)]
pub struct CheckOptions {
    pub profiles: ProfileSet,
    pub parse: ParseOptions,
    pub selection: RuleSelection,
    /// Officials known to the O rules: the built-in registry when None, or
    /// one merged with user registries (`officials::matcher_with`).
    pub officials: Option<Arc<Matcher>>,
    /// The romanisation of Chinese names the collection prefers (O002).
    pub romanisation: Romanisation,
    /// `[limits]`: the largest file checked, the most findings kept.
    pub limits: Limits,
}

impl CheckOptions {
    /// The matcher the O rules use.
    pub fn officials_matcher(&self) -> &Matcher {
        self.officials
            .as_deref()
            .unwrap_or_else(|| builtin_matcher())
    }
}

pub struct CheckResult {
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
}

pub fn check(source: SourceText, options: &CheckOptions) -> CheckResult {
    if let Some(too_large) = options.limits.too_large(source.file_len()) {
        return check_too_large(too_large, options);
    }
    let document = Document::parse(source, &options.profiles, &options.parse);
    let diagnostics = lint_with(&document, &options.selection, &shared_for(options));
    CheckResult {
        document,
        diagnostics,
    }
}

/// The result for a file over `limits.max-file-size`, which is not read:
/// an empty model and one E003 finding (if E003 is selected).
pub fn check_too_large(too_large: TooLarge, options: &CheckOptions) -> CheckResult {
    let mut document = Document::parse(SourceText::from_str(""), &options.profiles, &options.parse);
    document.too_large = Some(too_large);
    let diagnostics = lint_with(&document, &options.selection, &shared_for(options));
    CheckResult {
        document,
        diagnostics,
    }
}

pub struct FixOutcome {
    /// The fixed text (without BOM; see `SourceText::to_file_string`).
    pub text: String,
    pub fixes_applied: usize,
    /// What remains after the last round.
    pub result: CheckResult,
}

/// Lints and fixes in rounds until nothing changes. A file that did not decode
/// cleanly is never fixed: its text is not the file's text.
pub fn fix(source: SourceText, options: &CheckOptions, min: Applicability) -> FixOutcome {
    if let Some(too_large) = options.limits.too_large(source.file_len()) {
        // Never fixed, and its text comes back whole.
        return FixOutcome {
            text: source.text,
            fixes_applied: 0,
            result: check_too_large(too_large, options),
        };
    }
    let mut result = check(source, options);
    let mut fixes_applied = 0;
    if result.document.source.invalid_utf8_at.is_some() {
        return FixOutcome {
            text: result.document.source.text.clone(),
            fixes_applied,
            result,
        };
    }
    for _ in 0..MAX_ROUNDS {
        let (text, applied) = apply_fixes(result.document.text(), &result.diagnostics, min);
        if applied == 0 || text == result.document.text() {
            break;
        }
        fixes_applied += applied;
        let has_bom = result.document.source.has_bom;
        result = check(
            SourceText {
                text,
                has_bom,
                invalid_utf8_at: None,
            },
            options,
        );
    }
    FixOutcome {
        text: result.document.text().to_owned(),
        fixes_applied,
        result,
    }
}
