//! Who the text names: the matcher's mentions, resolved to registry people
//! and to the posts they held on the document's date.

use std::ops::Range;

use cablelint_officials::{Date, Matcher, Mention, MentionForm, TitleSense};

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
    /// Index of the likeliest person in the matcher's registry (its id:
    /// [`ResolvedMention::person_id`]). People are held as indices, not
    /// ids: a copy of every id of every mention of every file was a
    /// measurable part of `check`.
    pub person_index: usize,
    /// Whether the likeliest person clearly outranks every other candidate.
    pub unambiguous: bool,
    /// Indices of the other people the name may denote, likeliest first
    /// (their ids: [`ResolvedMention::other_ids`]).
    pub others: Vec<usize>,
    /// Whether the written title fits a post of the person (on the date
    /// when there is one). The posts held on the date are the person's
    /// `posts_on(date)`, looked up when wanted rather than copied into
    /// every mention.
    pub title_fits: bool,
    /// The sense of the written title, analysed once by the matcher, for
    /// comparing it with posts ([`Matcher::title_sense_held_on`]).
    pub title_sense: Option<TitleSense>,
}

impl ResolvedMention {
    /// Id of the likeliest person (`matcher` is the one that found the
    /// mention).
    pub fn person_id<'m>(&self, matcher: &'m Matcher) -> &'m str {
        &matcher.registry().persons()[self.person_index].id
    }

    /// Ids of the other people the name may denote, likeliest first.
    pub fn other_ids<'m>(&self, matcher: &'m Matcher) -> Vec<&'m str> {
        let persons = matcher.registry().persons();
        self.others.iter().map(|&i| &*persons[i].id).collect()
    }
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
    mentions_on(doc, matcher, document_date(doc))
}

/// [`mentions`] ranked by `date`, the document's date (found by the caller,
/// which may need it too).
pub(crate) fn mentions_on(
    doc: &Document,
    matcher: &Matcher,
    date: Option<Date>,
) -> Vec<ResolvedMention> {
    resolve(matcher.find_mentions_outside(doc.text(), date, &unsearched_ranges(doc)))
}

/// [`mentions_on`] when `wanted` holds for some mention as the matcher
/// first examined it, else none, sparing the matcher's last passes (see
/// `Matcher::find_mentions_outside_if` for what those may change).
pub(crate) fn mentions_where(
    doc: &Document,
    matcher: &Matcher,
    date: Option<Date>,
    wanted: impl Fn(&Mention) -> bool,
) -> Vec<ResolvedMention> {
    let skip = unsearched_ranges(doc);
    let any_wanted = |found: &[Mention]| found.iter().any(&wanted);
    resolve(matcher.find_mentions_outside_if(doc.text(), date, &skip, any_wanted))
}

/// The matcher's mentions as plain data.
fn resolve(found: Vec<Mention>) -> Vec<ResolvedMention> {
    // Into a new list rather than collected in place: a resolved mention
    // is smaller than a mention, and shrinking the list in place costs a
    // `realloc` that copies it, dearer than a fresh allocation.
    let mut resolved = Vec::with_capacity(found.len());
    resolved.extend(found.into_iter().map(|mention| {
        let best = mention.best();
        let unambiguous = mention
            .candidates
            .get(1)
            .is_none_or(|second| best.score > second.score);
        ResolvedMention {
            span: Span::new(mention.span.start, mention.span.end),
            title: mention.title.as_ref().map(|t| Span::new(t.start, t.end)),
            form: mention.form,
            person_index: best.person,
            unambiguous,
            others: mention.candidates[1..].iter().map(|c| c.person).collect(),
            title_fits: best.title_fits,
            title_sense: mention.title_sense,
        }
    }));
    resolved
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
        let matcher = builtin_matcher();
        let ids: Vec<&str> = found.iter().map(|m| m.person_id(matcher)).collect();
        assert_eq!(ids, ["ji-pengfei", "chervonenko"]);
        let ji = &found[0];
        assert_eq!(&text[ji.span.range()], "Ji [Pengfei]");
        assert_eq!(&text[ji.title.expect("title").range()], "Vice Minister");
        assert!(ji.unambiguous && ji.title_fits);
    }
}
