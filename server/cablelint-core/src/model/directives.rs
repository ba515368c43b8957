//! In-text directives: whole lines that start with `% cablelint:`. Being whole
//! lines with a fixed prefix, they are stripped on export with one filter
//! (`sed '/^% cablelint:/d'`) and never mix with the transcription.

use crate::text::Span;

pub const PREFIX: &str = "% cablelint:";

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DirectiveKind {
    /// `% cablelint: profile = prc-mfa-cable`
    Profile { id: String, id_span: Span },
    /// `% cablelint: disable-file B006, H004` (no codes: every rule)
    DisableFile { codes: Vec<CodePattern> },
    /// `% cablelint: disable-next-line B001` (no codes: every rule)
    DisableNextLine { codes: Vec<CodePattern> },
    /// Anything else after the prefix: reported, never guessed at.
    Invalid { message: String },
}

/// A rule code or a prefix of one (`B`, `B00`, `B001`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CodePattern {
    pub text: String,
    pub span: Span,
}

impl CodePattern {
    pub fn matches(&self, code: &str) -> bool {
        code.starts_with(self.text.as_str())
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Directive {
    /// The whole line, without its terminator.
    pub span: Span,
    /// 0-based line number.
    pub line: usize,
    pub kind: DirectiveKind,
}

/// Parses one line (without terminator) that starts at `start`.
pub fn parse_directive(line_text: &str, start: usize, line: usize) -> Option<Directive> {
    let rest = line_text.strip_prefix(PREFIX)?;
    let body_start = start + PREFIX.len();
    let trimmed = rest.trim_start();
    let offset = body_start + (rest.len() - trimmed.len());
    let (command, args) = trimmed
        .split_once(char::is_whitespace)
        .unwrap_or((trimmed, ""));
    let args_offset = offset + command.len() + (trimmed.len() - command.len() - args.len());
    let kind = match command {
        "profile" | "profile=" => parse_profile(args, args_offset),
        "disable-file" => DirectiveKind::DisableFile { codes: parse_codes(args, args_offset) },
        "disable-next-line" => DirectiveKind::DisableNextLine { codes: parse_codes(args, args_offset) },
        "" => DirectiveKind::Invalid { message: "empty directive: expected `profile`, `disable-file` or `disable-next-line`".into() },
        other => DirectiveKind::Invalid {
            message: format!("unknown directive `{other}`: expected `profile`, `disable-file` or `disable-next-line`"),
        },
    };
    Some(Directive {
        span: Span::new(start, start + line_text.len()),
        line,
        kind,
    })
}

fn parse_profile(args: &str, offset: usize) -> DirectiveKind {
    let value = args
        .trim_start()
        .strip_prefix('=')
        .unwrap_or(args.trim_start());
    let id = value.trim();
    if id.is_empty() || id.contains(char::is_whitespace) {
        return DirectiveKind::Invalid {
            message: "expected `profile = ID`".into(),
        };
    }
    let id_start = offset + args.find(id).unwrap_or(0);
    DirectiveKind::Profile {
        id: id.to_owned(),
        id_span: Span::new(id_start, id_start + id.len()),
    }
}

fn parse_codes(args: &str, offset: usize) -> Vec<CodePattern> {
    let mut codes = Vec::new();
    let mut position = 0;
    for piece in args.split([',', ' ', '\t']) {
        if !piece.is_empty() {
            let start = offset + position;
            codes.push(CodePattern {
                text: piece.to_owned(),
                span: Span::new(start, start + piece.len()),
            });
        }
        position += piece.len() + 1;
    }
    codes
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_directive() {
        let d = parse_directive("% cablelint: profile = frus-telegram", 10, 0).unwrap();
        assert_eq!(
            d.kind,
            DirectiveKind::Profile {
                id: "frus-telegram".into(),
                id_span: Span::new(10 + 23, 10 + 36)
            }
        );
        let d = parse_directive("% cablelint: disable-file B006, H", 0, 0).unwrap();
        let DirectiveKind::DisableFile { codes } = d.kind else {
            panic!()
        };
        let texts: Vec<_> = codes.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, ["B006", "H"]);
        assert_eq!(
            &"% cablelint: disable-file B006, H"[codes[1].span.range()],
            "H"
        );
        assert!(codes[1].matches("H004") && !codes[0].matches("B001"));
        let d = parse_directive("% cablelint: disable-next-line", 0, 3).unwrap();
        assert_eq!(d.kind, DirectiveKind::DisableNextLine { codes: vec![] });
    }

    #[test]
    fn other_lines_are_not_directives_and_typos_are_reported() {
        assert!(parse_directive("%cablelint: profile = x", 0, 0).is_none());
        assert!(parse_directive(" % cablelint: profile = x", 0, 0).is_none());
        let d = parse_directive("% cablelint: disable-lines B001", 0, 0).unwrap();
        assert!(matches!(d.kind, DirectiveKind::Invalid { .. }));
    }
}
