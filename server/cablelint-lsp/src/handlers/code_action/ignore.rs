//! "Ignore this rule on this line / in this file": the suppression
//! directives of cablelint-core, written where it reads them.

use cablelint_core::diagnostic::Edit;
use cablelint_core::model::DirectiveKind;
use cablelint_core::Document;

pub fn on_line(doc: &Document, code: &str, line: usize) -> Edit {
    let existing = line.checked_sub(1).and_then(|above| {
        doc.directives.iter().find(|d| {
            d.line == above
                && matches!(&d.kind, DirectiveKind::DisableNextLine { codes } if !codes.is_empty())
        })
    });
    match existing {
        Some(directive) => Edit::insert(directive.span.end, format!(", {code}")),
        None => Edit::insert(
            doc.lines.line_span(line).start,
            format!("% cablelint: disable-next-line {code}{}", doc.line_ending()),
        ),
    }
}

/// `% cablelint: disable-file CODE` at the top, or `CODE` added to the
/// file's existing `disable-file` directive.
pub fn in_file(doc: &Document, code: &str) -> Edit {
    let existing = doc
        .directives
        .iter()
        .find(|d| matches!(&d.kind, DirectiveKind::DisableFile { codes } if !codes.is_empty()));
    match existing {
        Some(directive) => Edit::insert(directive.span.end, format!(", {code}")),
        None => Edit::insert(
            0,
            format!("% cablelint: disable-file {code}{}", doc.line_ending()),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cablelint_core::fix::apply_edits;

    fn apply(text: &str, edit: &Edit) -> String {
        apply_edits(text, &[edit])
    }

    fn parse(text: &str) -> Document {
        Document::parse_str(text)
    }

    #[test]
    fn ignore_directives_are_inserted_or_extended_with_the_file_line_ending() {
        let text = "发往:𠀋\r\nOn the 26th [], Ji.\r\n";
        let doc = parse(text);
        let line = apply(text, &on_line(&doc, "B004", 1));
        assert_eq!(
            line,
            "发往:𠀋\r\n% cablelint: disable-next-line B004\r\nOn the 26th [], Ji.\r\n"
        );
        let again = apply(&line, &on_line(&parse(&line), "B001", 2));
        assert_eq!(
            again,
            "发往:𠀋\r\n% cablelint: disable-next-line B004, B001\r\nOn the 26th [], Ji.\r\n"
        );
        let file = apply(text, &in_file(&doc, "B004"));
        assert_eq!(
            file,
            "% cablelint: disable-file B004\r\n发往:𠀋\r\nOn the 26th [], Ji.\r\n"
        );
        let file2 = apply(&file, &in_file(&parse(&file), "H"));
        assert!(
            file2.starts_with("% cablelint: disable-file B004, H\r\n"),
            "{file2:?}"
        );
    }
}
