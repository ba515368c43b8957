use super::{after_line, field_span, is_header_kind, translated};
use crate::diagnostic::{Applicability, Edit, Fix, Severity};
use crate::model::{Document, SectionKind};
use crate::rules::{Context, Family, FixAvailability, Rule, RuleMeta};
use crate::text::Span;

pub struct RequiredFieldMissing;

static META: RuleMeta = RuleMeta {
    code: "H001",
    name: "required-field-missing",
    family: Family::Header,
    default_severity: Severity::Warning,
    default_enabled: true,
    fix: FixAvailability::Sometimes,
    summary: "The translated header lacks a field that the collection's profile requires.",
    explanation: "Each collection's form has fields that every cable carries: a PRC Foreign \
Ministry cable its level (等级) and dispatch number (外发), a Soviet ciphered telegram its special \
number, a FRUS telegram its dateline. A translation without one has lost a fact of the original, \
usually a line skipped while typing. Only the translated header counts: the original-language \
form having the field does not excuse its absence from the translation (it is shown as related \
information).\n\nThe fix inserts the field's label and separator (`Level: `) on a line of its own \
where the profile puts it: after the nearest earlier field of the profile, else before the nearest \
later one, else at the end of the header. It is unsafe, as the value still has to be typed. \
Fields found by their shape rather than a label (a dateline) have no fix.",
    wrong: "发往:乌鲁木齐\n等级:平    外发e508\n\nReceiver: Wulumuqi [Urumqi]\n\
Foreign Ministry Dispatch No. 508\n\nSubject: The Soviet Memorandum\n\n\
On the 26th, Vice Minister Ji handed our memorandum to the Soviet Ambassador.\n",
    right: "发往:乌鲁木齐\n等级:平    外发e508\n\nReceiver: Wulumuqi [Urumqi]\nLevel: Normal\n\
Foreign Ministry Dispatch No. 508\n\nSubject: The Soviet Memorandum\n\n\
On the 26th, Vice Minister Ji handed our memorandum to the Soviet Ambassador.\n",
};

impl Rule for RequiredFieldMissing {
    fn meta(&self) -> &'static RuleMeta {
        &META
    }

    fn check(&self, cx: &mut Context) {
        let doc = cx.doc;
        let profile = &doc.profile;
        // Read from every line end: found once, for the first fix.
        let eol = std::cell::OnceCell::new();
        for (index, spec) in profile.fields.iter().enumerate() {
            if !spec.required || translated(doc, &spec.id).next().is_some() {
                continue;
            }
            // Joined, not formatted: `concat` sizes the string once.
            let message = match spec.labels.first() {
                Some(label) => [
                    "the header has no `",
                    label,
                    "` line (field `",
                    &spec.id,
                    "`), which the ",
                    &profile.id,
                    " profile requires",
                ]
                .concat(),
                None => [
                    "the header has no ",
                    &spec.id,
                    " (field `",
                    &spec.id,
                    "`), which the ",
                    &profile.id,
                    " profile requires",
                ]
                .concat(),
            };
            let fix = spec.labels.first().map(|label| {
                let separator = if label.ends_with('.') { " " } else { ": " };
                let line = [label.as_str(), separator].concat();
                Fix {
                    title: ["Insert a `", &line, "` line"].concat(),
                    applicability: Applicability::Unsafe,
                    edits: vec![insert_line(
                        doc,
                        index,
                        &line,
                        eol.get_or_init(|| doc.line_ending()),
                    )],
                }
            });
            let original = doc.fields_named(&spec.id).find(|f| f.original);
            let mut report = cx.report(header_anchor(doc), message);
            if let Some(fix) = fix {
                report = report.fix(fix);
            }
            if let Some(original) = original {
                report.related(
                    field_span(original),
                    "the original-language header gives it here",
                );
            }
        }
    }
}

/// Where a missing-field finding points: the first line of the translated
/// header, else of the original-language header, else the first line after
/// the archive's own lines (where a header would start), else the end.
fn header_anchor(doc: &Document) -> Span {
    let first_of = |wanted: &dyn Fn(SectionKind) -> bool| first_content_line(doc, wanted);
    first_of(&|k| matches!(k, SectionKind::Header | SectionKind::Subject))
        .or_else(|| first_of(&|k| k == SectionKind::OriginalHeader))
        .or_else(|| first_of(&|k| !is_archive_kind(k)))
        .map_or(Span::empty(doc.text().len()), |l| {
            doc.lines.line_content_span(doc.text(), l)
        })
}

fn is_archive_kind(kind: SectionKind) -> bool {
    matches!(
        kind,
        SectionKind::ArchiveChrome
            | SectionKind::ArchiveDate
            | SectionKind::ArchiveTitle
            | SectionKind::Directive
    )
}

/// An edit inserting `line` as the profile orders it: after the nearest
/// earlier profile field present in the translated header, else before the
/// nearest later one, else after the header's last line, else where a header
/// would start.
fn insert_line(doc: &Document, missing: usize, line: &str, eol: &str) -> Edit {
    let fields = &doc.profile.fields;
    let lines_of = |i: usize| translated(doc, &fields[i].id).map(|f| f.line);
    let earlier = (0..missing).rev().find_map(|i| lines_of(i).max());
    let later = (missing + 1..fields.len()).find_map(|i| lines_of(i).min());
    let insert_after = |after: usize| {
        let (at, last_line) = after_line(doc, after);
        if last_line {
            Edit::insert(at, [eol, line].concat())
        } else {
            Edit::insert(at, [line, eol].concat())
        }
    };
    let insert_before =
        |before: usize| Edit::insert(doc.lines.line_span(before).start, [line, eol].concat());
    if let Some(after) = earlier {
        insert_after(after)
    } else if let Some(before) = later {
        insert_before(before)
    } else if let Some(after) = last_header_line(doc) {
        insert_after(after)
    } else if let Some(before) = first_body_line(doc) {
        insert_before(before)
    } else {
        let text = doc.text();
        let lead = if text.is_empty() || text.ends_with(['\n', '\r']) {
            ""
        } else {
            eol
        };
        Edit::insert(text.len(), [lead, line, eol].concat())
    }
}

fn last_header_line(doc: &Document) -> Option<usize> {
    // Sections are the runs of lines of one kind: only the header's lines
    // are read, not every line of a collection in one document.
    let mut headers = doc.sections.iter().rev().filter(|s| is_header_kind(s.kind));
    headers.find_map(|s| (s.lines.0..=s.lines.1).rev().find(|&l| has_content(doc, l)))
}

/// The first line of content after the archive's own lines.
fn first_body_line(doc: &Document) -> Option<usize> {
    first_content_line(doc, &|k| !is_archive_kind(k))
}

/// The first line of content of a kind `wanted`, read section by section.
fn first_content_line(doc: &Document, wanted: &dyn Fn(SectionKind) -> bool) -> Option<usize> {
    let mut sections = doc.sections.iter().filter(|s| wanted(s.kind));
    sections.find_map(|s| (s.lines.0..=s.lines.1).find(|&l| has_content(doc, l)))
}

fn has_content(doc: &Document, line: usize) -> bool {
    !doc.text()[doc.lines.line_content_span(doc.text(), line).range()]
        .trim()
        .is_empty()
}

#[cfg(test)]
mod tests {
    use crate::rules::testing::{check, fixed};
    use expect_test::expect;

    const PRC: &str = "% cablelint: profile = prc-mfa-cable";
    const BODY: &str = "On the 26th, Vice Minister Ji handed our memorandum to him.";

    #[test]
    fn missing_level_is_inserted_after_the_nearest_earlier_field() {
        let text = format!("{PRC}\r\nReceiver: 𠀋 Wulumuqi\r\nForeign Ministry Dispatch No. 508\r\nSubject: 事由\r\n\r\n{BODY}\r\n");
        expect![[r#"
            2:1-2:21 warning H001: the header has no `Level` line (field `level`), which the prc-mfa-cable profile requires [fix unsafe: Insert a `Level: ` line]
        "#]]
        .assert_eq(&check("H001", &text));
        assert_eq!(
            fixed("H001", &text),
            format!("{PRC}\r\nReceiver: 𠀋 Wulumuqi\r\nLevel: \r\nForeign Ministry Dispatch No. 508\r\nSubject: 事由\r\n\r\n{BODY}\r\n")
        );
    }

    #[test]
    fn without_an_earlier_field_the_line_goes_before_the_next_one() {
        let text = format!("\u{FEFF}{PRC}\n等级:急\nCable sent by 外交部\nForeign Ministry Dispatch No. 508\n\n{BODY}\n");
        expect![[r#"
            3:1-3:18 warning H001: the header has no `Level` line (field `level`), which the prc-mfa-cable profile requires [fix unsafe: Insert a `Level: ` line] (see 2:1: the original-language header gives it here)
        "#]]
        .assert_eq(&check("H001", &text));
        // The BOM stays out of the text (the writer restores it).
        assert_eq!(
            fixed("H001", &text),
            format!("{PRC}\n等级:急\nCable sent by 外交部\nLevel: \nForeign Ministry Dispatch No. 508\n\n{BODY}\n")
        );
    }

    #[test]
    fn two_missing_fields_are_inserted_in_profile_order() {
        // "Copy to" comes after both in the profile: both go before it, in order.
        let text = format!("{PRC}\r\nCable sent by the Ministry 𠀋\r\nCopy to:");
        expect![[r#"
            2:1-2:29 warning H001: the header has no `Level` line (field `level`), which the prc-mfa-cable profile requires [fix unsafe: Insert a `Level: ` line]
            2:1-2:29 warning H001: the header has no `Foreign Ministry Dispatch No.` line (field `dispatch-no`), which the prc-mfa-cable profile requires [fix unsafe: Insert a `Foreign Ministry Dispatch No. ` line]
        "#]]
        .assert_eq(&check("H001", &text));
        assert_eq!(
            fixed("H001", &text),
            format!("{PRC}\r\nCable sent by the Ministry 𠀋\r\nLevel: \r\nForeign Ministry Dispatch No. \r\nCopy to:")
        );
        // No profile field at all: after the header's last line, which has no terminator.
        let text = format!("{PRC}\nCable sent by the Ministry 𠀋");
        assert_eq!(
            fixed("H001", &text),
            format!(
                "{PRC}\nCable sent by the Ministry 𠀋\nLevel: \nForeign Ministry Dispatch No. "
            )
        );
    }

    #[test]
    fn old_mac_line_endings_are_kept() {
        let text =
            format!("{PRC}\rReceiver: Wulumuqi\rForeign Ministry Dispatch No. 508\r\r{BODY}\r");
        assert_eq!(
            fixed("H001", &text),
            format!(
                "{PRC}\rReceiver: Wulumuqi\rLevel: \rForeign Ministry Dispatch No. 508\r\r{BODY}\r"
            )
        );
    }

    #[test]
    fn without_a_header_the_line_goes_where_the_header_would_start() {
        let text = format!("June 28, 1962\n\nCable from the Foreign Ministry\n\n{PRC}\n{BODY}\n");
        expect![[r#"
            6:1-6:60 warning H001: the header has no `Level` line (field `level`), which the prc-mfa-cable profile requires [fix unsafe: Insert a `Level: ` line]
            6:1-6:60 warning H001: the header has no `Foreign Ministry Dispatch No.` line (field `dispatch-no`), which the prc-mfa-cable profile requires [fix unsafe: Insert a `Foreign Ministry Dispatch No. ` line]
        "#]]
        .assert_eq(&check("H001", &text));
        assert_eq!(
            fixed("H001", &text),
            format!("June 28, 1962\n\nCable from the Foreign Ministry\n\n{PRC}\nLevel: \nForeign Ministry Dispatch No. \n{BODY}\n")
        );
    }

    #[test]
    fn a_pattern_field_is_reported_without_a_fix() {
        let text = "% cablelint: profile = frus-telegram\n724.3415/4185: Telegram\n\nThe Secretary of State to the Ambassador in Chile\n\n70. Please say to Dr. Cruchaga that this Government appreciates his message.\n";
        expect![[r#"
            2:1-2:24 warning H001: the header has no dateline (field `dateline`), which the frus-telegram profile requires
        "#]]
        .assert_eq(&check("H001", text));
    }

    #[test]
    fn present_fields_and_fieldless_profiles_pass() {
        let text = format!("{PRC}\nLevel: Normal\nForeign Ministry Dispatch No. 508\n\n{BODY}\n");
        expect![[""]].assert_eq(&check("H001", &text));
        // The generic profile requires nothing.
        expect![[""]].assert_eq(&check("H001", &format!("To: Krajewski\n\n{BODY}\n")));
    }
}
