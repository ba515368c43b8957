//! Who the text names: the matcher's mentions, resolved to registry people
//! and to the posts they held on the document's date.

use std::ops::Range;

use cablelint_officials::{Matcher, MentionForm};

use super::date::document_date;
use crate::model::{Document, SectionKind};
use crate::text::Span;
use std::borrow::Cow;

/// One mention of a registry person, as plain data.
#[derive(Debug, Clone, PartialEq)]
pub struct ResolvedMention {
    /// The name as written (with editorial brackets that complete it).
    pub span: Span,
    /// The title written with it ("Vice Minister"), if any.
    pub title: Option<Span>,
    pub form: MentionForm,
    /// Id of the likeliest person.
    pub person: String,
    /// Index of that person in the matcher's registry.
    pub person_index: usize,
    /// Whether the likeliest person clearly outranks every other candidate.
    pub unambiguous: bool,
    /// Ids of the other people the name may denote, likeliest first.
    pub others: Vec<String>,
    /// Whether the written title fits a post of the person (on the date
    /// when there is one). The posts held on the date are the person's
    /// `posts_on(date)`, looked up when wanted rather than copied into
    /// every mention.
    pub title_fits: bool,
}

/// Sections whose names are the archive's, not the document's: the site's
/// chrome, the citation block and cablelint's own directives.
fn is_searched(kind: SectionKind) -> bool {
    !matches!(
        kind,
        SectionKind::ArchiveChrome | SectionKind::Citation | SectionKind::Directive
    )
}

/// Byte ranges of the sections that are not searched, adjacent ones merged.
pub(crate) fn unsearched_ranges(doc: &Document) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Vec::new();
    for section in doc.sections.iter().filter(|s| !is_searched(s.kind)) {
        match ranges.last_mut() {
            Some(last) if last.end == section.span.start => last.end = section.span.end,
            _ => ranges.push(section.span.range()),
        }
    }
    ranges
}

/// The text with unsearched lines blanked out byte for byte, so that
/// offsets in it are the document's offsets; the text itself (not a copy)
/// when there is nothing to blank.
pub(crate) fn searchable_text(doc: &Document) -> Cow<'_, str> {
    let text = doc.text();
    if doc.sections.iter().all(|s| is_searched(s.kind)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for range in unsearched_ranges(doc) {
        let range = range.start.min(text.len())..range.end.min(text.len());
        out.push_str(&text[at..range.start]);
        for (i, line) in text[range.clone()].split('\n').enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.extend(std::iter::repeat_n(' ', line.len()));
        }
        at = range.end;
    }
    out.push_str(&text[at.min(text.len())..]);
    Cow::Owned(out)
}

/// Every mention of a registry person outside the archive's chrome and
/// citation, in text order.
pub fn mentions(doc: &Document, matcher: &Matcher) -> Vec<ResolvedMention> {
    let date = document_date(doc);
    let persons = matcher.registry().persons();
    matcher
        .find_mentions_outside(doc.text(), date, &unsearched_ranges(doc))
        .into_iter()
        .map(|mention| {
            let best = mention.best().clone();
            let person = &persons[best.person];
            let unambiguous = mention
                .candidates
                .get(1)
                .is_none_or(|second| best.score > second.score);
            ResolvedMention {
                span: Span::new(mention.span.start, mention.span.end),
                title: mention.title.as_ref().map(|t| Span::new(t.start, t.end)),
                form: mention.form,
                person: person.id.clone(),
                person_index: best.person,
                unambiguous,
                others: mention.candidates[1..]
                    .iter()
                    .map(|c| persons[c.person].id.clone())
                    .collect(),
                title_fits: best.title_fits,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::officials::builtin_matcher;

    #[test]
    fn resolves_names_outside_the_citation() {
        let text = "Skip to content\n\nJune 28, 1962\n\nCable from Foreign Ministry\n\n\
                    Vice Minister Ji [Pengfei] met Chervonenko.\n";
        let doc = Document::parse_str(text);
        let found = mentions(&doc, builtin_matcher());
        let ids: Vec<&str> = found.iter().map(|m| m.person.as_str()).collect();
        assert_eq!(ids, ["ji-pengfei", "chervonenko"]);
        let ji = &found[0];
        assert_eq!(&text[ji.span.range()], "Ji [Pengfei]");
        assert_eq!(&text[ji.title.expect("title").range()], "Vice Minister");
        assert!(ji.unambiguous && ji.title_fits);
    }
}
