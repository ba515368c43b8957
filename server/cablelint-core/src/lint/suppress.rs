//! Which findings the in-text directives turn off, for a document with
//! many directives: a collection of cables in one file has hundreds, and
//! comparing every finding with every directive was a tenth of its check.

use crate::diagnostic::Diagnostic;
use crate::model::{CodePattern, Document};
use crate::model::{Directive, DirectiveKind};

/// From this many directives on, they are indexed by line; below, each
/// finding is compared with each (a cable has none or a few, and an index
/// would cost more than it saves).
const INDEXED_FROM: usize = 16;

/// The directives of one document, as [`crate::lint::is_suppressed`]
/// reads them.
pub(super) enum Suppressions<'d> {
    None,
    Few(&'d Document),
    Indexed {
        doc: &'d Document,
        /// The codes of each `disable-file` (empty: every rule).
        whole_file: Vec<&'d [CodePattern]>,
        /// The line each `disable-next-line` turns off, with its codes,
        /// sorted by line.
        next_line: Vec<(usize, &'d [CodePattern])>,
    },
}

impl<'d> Suppressions<'d> {
    #[inline]
    pub(super) fn of(doc: &'d Document) -> Suppressions<'d> {
        if doc.directives.is_empty() {
            return Suppressions::None;
        }
        if doc.directives.len() < INDEXED_FROM {
            return Suppressions::Few(doc);
        }
        let mut whole_file = Vec::new();
        let mut next_line = Vec::new();
        for directive in &doc.directives {
            let Directive { kind, line, .. } = directive;
            match kind {
                DirectiveKind::DisableFile { codes } => whole_file.push(codes.as_slice()),
                DirectiveKind::DisableNextLine { codes } => {
                    next_line.push((line + 1, codes.as_slice()))
                }
                _ => {}
            }
        }
        // Stable: directives of one line keep their order (which does not
        // change the answer, only keeps it easy to follow).
        next_line.sort_by_key(|&(line, _)| line);
        Suppressions::Indexed {
            doc,
            whole_file,
            next_line,
        }
    }

    /// Whether any directive can turn a finding off.
    #[inline]
    pub(super) fn any(&self) -> bool {
        !matches!(self, Suppressions::None)
    }

    /// What [`crate::lint::is_suppressed`] answers, found by line.
    pub(super) fn suppress(&self, diagnostic: &Diagnostic) -> bool {
        match self {
            Suppressions::None => false,
            Suppressions::Few(doc) => super::is_suppressed(doc, diagnostic),
            Suppressions::Indexed {
                doc,
                whole_file,
                next_line,
            } => {
                // Findings about directives themselves are never suppressed
                // by them.
                if diagnostic.code.starts_with('E') {
                    return false;
                }
                let code = diagnostic.code;
                let covers = |codes: &[CodePattern]| {
                    codes.is_empty() || codes.iter().any(|c| c.matches(code))
                };
                if whole_file.iter().any(|codes| covers(codes)) {
                    return true;
                }
                let line = doc.lines.line_of(diagnostic.span.start);
                let first = next_line.partition_point(|&(l, _)| l < line);
                next_line[first..]
                    .iter()
                    .take_while(|&&(l, _)| l == line)
                    .any(|&(_, codes)| covers(codes))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::is_suppressed;
    use crate::text::Span;

    /// The index answers as the plain comparison does, for findings of
    /// several codes on every line of a text with many directives.
    #[test]
    fn the_index_answers_as_each_directive_does() {
        let mut text = String::from("% cablelint: disable-file H00\n");
        for i in 0..40 {
            text.push_str(match i % 4 {
                0 => "% cablelint: disable-next-line B006\n",
                1 => "% cablelint: disable-next-line\n",
                2 => "% cablelint: disable-next-line O001 D\n",
                _ => "no directive here\n",
            });
            text.push_str("Ji met 𠀋 him on June 31, 1962.\r\n");
        }
        let doc = Document::parse_str(&text);
        let index = Suppressions::of(&doc);
        assert!(matches!(index, Suppressions::Indexed { .. }));
        let (mut on, mut off) = (0, 0);
        for &start in doc.lines.starts() {
            for code in ["B006", "B001", "D004", "O001", "O002", "H001", "E002"] {
                let d = crate::Diagnostic {
                    code,
                    name: "test",
                    severity: crate::Severity::Warning,
                    message: String::new(),
                    span: Span::new(start + 1, start + 3),
                    fix: None,
                    related: Vec::new(),
                    person: None,
                };
                let expected = is_suppressed(&doc, &d);
                assert_eq!(index.suppress(&d), expected, "{code} at {start}");
                if expected {
                    on += 1;
                } else {
                    off += 1;
                }
            }
        }
        assert!(on > 100 && off > 100, "{on} suppressed, {off} not");
    }
}
