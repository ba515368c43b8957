use crate::diagnostic::Severity;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};

pub struct TooManyDiagnostics;

/// The `[limits]` the documented examples are checked with (see
/// `rules::testing::codes_reported`): a cap small enough for a snippet.
#[cfg(test)]
pub(crate) const EXAMPLE_MAX_DIAGNOSTICS: usize = 2;

static META: RuleMeta = RuleMeta {
    code: "E004",
    name: "too-many-diagnostics",
    family: Family::File,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::None,
    summary:
        "The file has more findings than `limits.max-diagnostics-per-file`; the rest are not shown.",
    explanation: "cablelint keeps at most `max-diagnostics-per-file` findings for one file \
(default 100,000), the first in text order, and counts the rest, so that a file which is not \
what the rules are for (a megabyte of `[[[[`, a file of another format) costs bounded memory \
and a report that can still be read. This finding, at the file's first line, says how many \
were left out. Fix the findings that are shown, check that the file is a cable at all, or \
raise the cap:\n\n\
```toml\n[limits]\nmax-diagnostics-per-file = 1000000\n```\n\n\
The examples below are checked with `max-diagnostics-per-file = 2`.",
    wrong: "Bracket [one] [] [] [] and [ ].\n",
    right: "Bracket [one] [] and [two].\n",
};

impl Rule for TooManyDiagnostics {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    /// Nothing: only the lint driver sees every rule's count, so it makes
    /// this finding (`lint::lint_with`).
    fn check(&self, _cx: &mut Context) {}
}

#[cfg(test)]
mod tests {
    use crate::limits::Limits;
    use crate::lint::{check, CheckOptions};
    use crate::text::SourceText;

    fn options(max_diagnostics_per_file: usize) -> CheckOptions {
        CheckOptions {
            limits: Limits {
                max_diagnostics_per_file,
                ..Limits::default()
            },
            ..CheckOptions::default()
        }
    }

    /// (code, 0-based start) of every finding.
    fn found(text: &str, cap: usize) -> Vec<(&'static str, usize, String)> {
        check(SourceText::from_str(text), &options(cap))
            .diagnostics
            .into_iter()
            .map(|d| (d.code, d.span.start, d.message))
            .collect()
    }

    #[test]
    fn the_first_findings_in_text_order_are_kept_and_the_rest_counted() {
        // Six empty brackets (B004) on a CJK line with an astral character.
        let text = "发往 𠀋 [] [] [] [] [] []\r\n";
        let all = found(text, 100);
        assert_eq!(all.iter().filter(|d| d.0 == "B004").count(), 6);
        assert!(all.iter().all(|d| d.0 != "E004"));

        let capped = found(text, 4);
        let codes: Vec<_> = capped.iter().map(|d| d.0).collect();
        let empties: Vec<_> = all.iter().filter(|d| d.0 == "B004").map(|d| d.1).collect();
        let kept: Vec<_> = capped
            .iter()
            .filter(|d| d.0 == "B004")
            .map(|d| d.1)
            .collect();
        assert_eq!(codes[0], "E004");
        assert_eq!(capped.len(), 5, "{capped:?}");
        assert_eq!(kept, empties[..4 - (all.len() - 6)].to_vec());
        assert_eq!(
            capped[0].2,
            format!(
                "{} more findings not shown: only the first 4 of a file are kept; raise `limits.max-diagnostics-per-file` in cablelint.toml to see more",
                all.len() - 4
            )
        );
    }

    #[test]
    fn suppressed_findings_do_not_count() {
        let text = "% cablelint: disable-file B004\n[] [] [] [] [] [] [x\n";
        let capped = found(text, 1);
        // Only B001 (the unclosed `[x`) is left: nothing was dropped.
        let codes: Vec<_> = capped.iter().map(|d| d.0).collect();
        assert_eq!(codes, vec!["B001"]);
    }

    #[test]
    fn ignoring_e004_drops_the_notice_not_the_cap() {
        let mut options = options(1);
        options.selection.ignore.push("E004".into());
        let result = check(SourceText::from_str("[] [] []\n"), &options);
        let codes: Vec<_> = result.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, vec!["B004"]);
    }
}
