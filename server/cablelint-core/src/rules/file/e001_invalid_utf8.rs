use crate::diagnostic::Severity;
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};
use crate::text::{floor_char_boundary, Span};

pub struct InvalidUtf8;

static META: RuleMeta = RuleMeta {
    code: "E001",
    name: "invalid-utf8",
    family: Family::File,
    default_severity: Severity::Error,
    default_enabled: true,
    fix: FixAvailability::None,
    summary: "The file is not valid UTF-8.",
    explanation: "cablelint reads `.cable` files as UTF-8. A file saved in another encoding \
(GB2312, Windows-1251, Latin-1) or damaged in transfer is checked as far as it can be, with \
each bad byte read as U+FFFD, but `--fix` leaves it alone, since writing it back would lose the \
original bytes. Re-save the file as UTF-8 in your editor. (In the example, `<0xFF>` stands \
for that single byte.)",
    wrong: "Receiver: Wulumuqi <0xFF>\n",
    right: "Receiver: Wulumuqi\n",
};

impl Rule for InvalidUtf8 {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let Some(at) = cx.doc.source.invalid_utf8_at else {
            return;
        };
        // Offsets in the raw bytes shift by the replacement characters; the
        // first bad byte is still at the same place as its replacement.
        let start = floor_char_boundary(
            cx.doc.text(),
            at.saturating_sub(if cx.doc.source.has_bom { 3 } else { 0 }),
        );
        let end = start
            + cx.doc.text()[start..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
        let line = cx.doc.lines.line_of(start) + 1;
        cx.report(
            Span::new(start, end),
            format!("invalid UTF-8 on line {line} (byte {at}); the file will not be fixed"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::lint::{check, CheckOptions};
    use crate::text::SourceText;

    #[test]
    fn reports_the_first_bad_byte_once() {
        let source = SourceText::from_bytes(b"Receiver: ok\nLevel: \xff\xfe bad\n");
        let result = check(source, &CheckOptions::default());
        let e: Vec<_> = result
            .diagnostics
            .iter()
            .filter(|d| d.code == "E001")
            .collect();
        assert_eq!(e.len(), 1);
        assert_eq!(
            e[0].message,
            "invalid UTF-8 on line 2 (byte 20); the file will not be fixed"
        );
        assert_eq!(&result.document.text()[e[0].span.range()], "\u{FFFD}");
    }

    #[test]
    fn valid_text_is_not_reported() {
        let result = check(
            SourceText::from_bytes("发往:乌鲁木齐 𠀋".as_bytes()),
            &CheckOptions::default(),
        );
        assert!(result.diagnostics.iter().all(|d| d.code != "E001"));
    }
}
