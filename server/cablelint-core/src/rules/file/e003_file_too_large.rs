use crate::diagnostic::Severity;
use crate::limits::HumanSize;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};
use crate::text::Span;

pub struct FileTooLarge;

/// The `[limits]` the documented examples are checked with (see
/// `rules::testing::codes_reported`): a limit small enough for a snippet.
#[cfg(test)]
pub(crate) const EXAMPLE_MAX_FILE_SIZE: u64 = 64;

static META: RuleMeta = RuleMeta {
    code: "E003",
    name: "file-too-large",
    family: Family::File,
    default_severity: Severity::Error,
    default_enabled: true,
    fix: FixAvailability::None,
    summary: "The file is larger than `limits.max-file-size`, so it was not checked.",
    explanation: "A file over `max-file-size` in the `[limits]` table of `cablelint.toml` \
(default 64 MB) is neither read nor checked, so that one mistaken file (a whole collection \
pasted into one, a binary with the wrong name) cannot hold up a run or an editor. It gets this \
one finding instead, at its first line, with its size. A real cable is a few kilobytes: split \
a file that is this big into its cables, or raise the limit:\n\n\
```toml\n[limits]\nmax-file-size = \"256MB\"\n```\n\n\
The examples below are checked with `max-file-size = \"64B\"`.",
    wrong: "TO: Ministry of Foreign Affairs\nFROM: Embassy in Havana\n\nText of the cable.\n",
    right: "TO: Ministry of Foreign Affairs\n",
};

impl Rule for FileTooLarge {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let Some(too_large) = cx.doc.too_large else {
            return;
        };
        cx.report(
            Span::empty(0),
            format!(
                "file not checked: it is {}, over the limit of {}; raise `limits.max-file-size` in cablelint.toml to check it",
                HumanSize(too_large.size).with_bytes(),
                HumanSize(too_large.limit),
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::limits::Limits;
    use crate::lint::{check, fix, CheckOptions};
    use crate::text::SourceText;
    use crate::Applicability;

    fn options(max_file_size: u64) -> CheckOptions {
        CheckOptions {
            limits: Limits {
                max_file_size,
                ..Limits::default()
            },
            ..CheckOptions::default()
        }
    }

    #[test]
    fn a_file_over_the_limit_gets_one_finding_and_nothing_else() {
        // Unclosed brackets and a missing header: none of it is looked at.
        let text = "发往 𠀋 [unclosed\r\n[[[\r\n".repeat(10);
        let result = check(SourceText::from_str(&text), &options(100));
        let found: Vec<_> = result
            .diagnostics
            .iter()
            .map(|d| (d.code, d.span.start, d.span.end, d.message.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![(
                "E003",
                0,
                0,
                "file not checked: it is 280 bytes, over the limit of 100 bytes; raise `limits.max-file-size` in cablelint.toml to check it"
            )]
        );
        // Nothing was parsed: the model is empty.
        assert!(result.document.brackets.list.is_empty());
        assert_eq!(result.document.text(), "");
    }

    #[test]
    fn a_file_at_the_limit_is_checked() {
        let text = "a [b";
        let result = check(SourceText::from_str(text), &options(4));
        let codes: Vec<_> = result.diagnostics.iter().map(|d| d.code).collect();
        assert!(!codes.contains(&"E003"), "{codes:?}");
        assert!(codes.contains(&"B001"), "{codes:?}");
    }

    #[test]
    fn the_bom_counts_and_fix_leaves_an_oversized_file_alone() {
        let source = SourceText::from_bytes("\u{FEFF}[ ]".as_bytes());
        // 3 bytes of text, 6 in the file.
        let outcome = fix(source.clone(), &options(5), Applicability::Unsafe);
        assert_eq!(outcome.fixes_applied, 0);
        assert_eq!(outcome.text, "[ ]");
        assert_eq!(outcome.result.diagnostics[0].code, "E003");
        let outcome = fix(source, &options(6), Applicability::Unsafe);
        assert!(outcome.result.diagnostics.iter().all(|d| d.code != "E003"));
    }
}
