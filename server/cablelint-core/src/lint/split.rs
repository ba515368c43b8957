//! One long document checked on two threads, for a run that would
//! otherwise leave a thread idle (the CLI given one big file).
//!
//! What can overlap, and what cannot: the officials' rules need the
//! mentions of officials, which are ranked by the document's date, which
//! needs the whole dates model. That chain (dates, then mentions, about
//! half of a long document's check) runs on one thread; beside it the other
//! thread scans the brackets while the dates are recognised, then runs
//! every rule but the officials' while the mentions are found.
//!
//! The result is [`check`]'s, finding for finding: each thread runs its
//! rules in code order into its own buffer with the per-file cap, and the
//! two are merged and sorted as one run's would be (findings tie only
//! within one rule, whose order both keep).

use super::{check, finish, keep_first, run_rules, selected_rules, shared_for, Suppressions};
use super::{CheckOptions, CheckResult, RuleSelection};
use crate::diagnostic::Diagnostic;
use crate::model::Document;
use crate::rules::{Family, Rule, Shared};
use crate::text::SourceText;

/// Texts from this size on are worth a second thread: below, the thread's
/// start (tens of microseconds) is a fair part of the check, and a cable
/// (a few kilobytes) never comes near.
pub const PARALLEL_FROM_BYTES: usize = 1 << 20;

/// [`check`] on up to `threads` threads (it uses two at most): a text of
/// [`PARALLEL_FROM_BYTES`] or more is parsed and linted on two, anything
/// else as `check` does. The result is `check`'s.
#[inline]
pub fn check_on_threads(source: SourceText, options: &CheckOptions, threads: usize) -> CheckResult {
    if threads < 2
        || source.text.len() < PARALLEL_FROM_BYTES
        || options.limits.too_large(source.file_len()).is_some()
    {
        return check(source, options);
    }
    check_split(source, options)
}

/// [`check`] on two threads, whatever the text's size.
fn check_split(source: SourceText, options: &CheckOptions) -> CheckResult {
    tracing::debug!(bytes = source.text.len(), "one document on two threads");
    let selection = &options.selection;
    let runs = |family: Family| {
        crate::rules::all().iter().any(|r| {
            r.meta().family == family
                && selection.is_enabled(r.meta().code, r.meta().default_enabled)
        })
    };
    let officials = runs(Family::Officials);
    // Without a rule that reads dates, they are not recognised at all.
    let document = if officials || runs(Family::Dates) {
        Document::parse_recognising_dates(source, &options.profiles, &options.parse)
    } else {
        Document::parse(source, &options.profiles, &options.parse)
    };
    tracing::debug!("parsed, dates recognised beside the brackets");
    let shared = shared_for(options);
    let diagnostics = if officials {
        lint_officials_apart(&document, selection, &shared)
    } else {
        super::lint_with(&document, selection, &shared)
    };
    CheckResult {
        document,
        diagnostics,
    }
}

fn is_officials(rule: &&'static dyn Rule) -> bool {
    rule.meta().family == Family::Officials
}

/// [`super::lint_with`] with the officials' rules on a second thread.
fn lint_officials_apart(
    doc: &Document,
    selection: &RuleSelection,
    shared: &Shared,
) -> Vec<Diagnostic> {
    let cap = shared.max_diagnostics.max(1);
    let suppressions = Suppressions::of(doc);
    let ((mut diagnostics, mut dropped), (theirs, their_dropped)) = std::thread::scope(|scope| {
        let officials = scope.spawn(|| {
            let rules = selected_rules(doc, selection).filter(is_officials);
            run_rules(doc, rules, selection, shared, &suppressions, cap)
        });
        let rules = selected_rules(doc, selection).filter(|r| !is_officials(r));
        let rest = run_rules(doc, rules, selection, shared, &suppressions, cap);
        tracing::debug!("the rules but the officials' done");
        let officials = officials
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        tracing::debug!("the officials' rules done");
        (rest, officials)
    });
    diagnostics.extend(theirs);
    dropped += their_dropped;
    // Each part kept its first `cap`; the first `cap` of both are the first
    // of all, as one run keeps them.
    dropped += keep_first(&mut diagnostics, cap);
    finish(diagnostics, dropped, cap, selection)
}

#[cfg(test)]
mod tests;
