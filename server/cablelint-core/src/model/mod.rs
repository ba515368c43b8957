//! The document model: a lossless parse of a `.cable` file. Every line belongs
//! to exactly one section, sections tile the text, and header fields and
//! brackets point into it by byte spans.

pub mod brackets;
pub mod dates;
pub mod directives;
pub mod header;
mod lines;
mod segment;

pub use brackets::{Bracket, BracketClass, Brackets};
pub use dates::{DateMention, DateRole, Dates};
pub use directives::{CodePattern, Directive, DirectiveKind};
pub use header::HeaderField;

use std::sync::Arc;

use crate::limits::TooLarge;
use crate::profile::{detect_shared, Detection, Profile, ProfileSet};
use crate::text::{LineIndex, SourceText, Span};
use std::sync::OnceLock;

/// What a line is, in reading order of a cable page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SectionKind {
    /// Site chrome: "Skip to content", the funder line, the old layout's
    /// citation box, blank lines before the document.
    ArchiveChrome,
    /// The archive's date line ("June 28, 1962").
    ArchiveDate,
    /// The archive's title line.
    ArchiveTitle,
    /// The original-language form header (发往:乌鲁木齐 …).
    OriginalHeader,
    /// The cable's own header fields and markings.
    Header,
    /// The subject line.
    Subject,
    Body,
    /// Signature, place and date after the body.
    Closing,
    /// The archive's one-paragraph summary.
    Summary,
    /// Footnotes printed after the text (FRUS).
    Notes,
    /// "Document Information", source, rights, record id.
    Citation,
    /// `% cablelint:` lines.
    Directive,
}

impl SectionKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::ArchiveChrome => "archive-chrome",
            SectionKind::ArchiveDate => "archive-date",
            SectionKind::ArchiveTitle => "archive-title",
            SectionKind::OriginalHeader => "original-header",
            SectionKind::Header => "header",
            SectionKind::Subject => "subject",
            SectionKind::Body => "body",
            SectionKind::Closing => "closing",
            SectionKind::Summary => "summary",
            SectionKind::Notes => "notes",
            SectionKind::Citation => "citation",
            SectionKind::Directive => "directive",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Section {
    pub kind: SectionKind,
    pub span: Span,
    /// First and last line (0-based, inclusive).
    pub lines: (usize, usize),
}

/// How the profile was chosen by the caller, before the text is read.
#[derive(Debug, Clone, Default)]
pub struct ParseOptions {
    /// A profile named by the configuration; a directive in the file wins.
    pub profile: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Document {
    pub source: SourceText,
    pub lines: LineIndex,
    /// One kind per line.
    pub line_kinds: Vec<SectionKind>,
    pub sections: Vec<Section>,
    pub fields: Vec<HeaderField>,
    pub brackets: Brackets,
    pub directives: Vec<Directive>,
    pub profile: Arc<Profile>,
    pub detection: Detection,
    /// A profile id that a directive or the configuration named but nobody
    /// defines (reported, and the generic profile used instead).
    pub unknown_profile: Option<(String, Option<Span>)>,
    /// Set when the file was over `limits.max-file-size` and not read: the
    /// model is empty and only rule E003 reports.
    pub too_large: Option<TooLarge>,
    /// Recognised on first use through [`Document::dates`].
    dates: OnceLock<Dates>,
}

impl Document {
    pub fn parse(source: SourceText, profiles: &ProfileSet, options: &ParseOptions) -> Document {
        let text = source.text.as_str();
        let mut front = Front::parse(text, profiles, options);
        let brackets = std::mem::take(&mut front.brackets).scan(text);
        front.into_document(source, brackets)
    }

    /// [`Document::parse`] on two threads, for a long text: the dates are
    /// recognised on this thread while a second one scans the brackets
    /// (which the dates do not read: `Dates::recognise` sees the same
    /// text, lines, sections and fields either way). The second thread
    /// first finds the dates of the last sections (`DATES_BESIDE` of the
    /// text), as the brackets take less than the dates. The model is the
    /// one `parse` makes, its dates already recognised.
    pub fn parse_recognising_dates(
        source: SourceText,
        profiles: &ProfileSet,
        options: &ParseOptions,
    ) -> Document {
        let mut front = Front::parse(&source.text, profiles, options);
        let pending = std::mem::take(&mut front.brackets);
        let mut document = front.into_document(source, Brackets::default());
        let split = split_for_dates(&document.sections, document.text().len());
        let (brackets, dates) = std::thread::scope(|scope| {
            let doc = &document;
            let (tail_sender, tail) = std::sync::mpsc::sync_channel(1);
            let second = scope.spawn(move || {
                let _ = tail_sender.send(Dates::scan_sections(doc, &doc.sections[split..]));
                pending.scan(doc.text())
            });
            let mut mentions = Dates::scan_sections(doc, &doc.sections[..split]);
            let join = |second: std::thread::ScopedJoinHandle<'_, Brackets>| {
                second
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            };
            match tail.recv() {
                Ok(mut tail) => mentions.append(&mut tail),
                // Nothing sent: the second thread panicked; so does this one.
                Err(_) => {
                    join(second);
                    unreachable!("the second thread ended without its dates");
                }
            }
            let dates = Dates::resolve_scanned(doc, mentions);
            (join(second), dates)
        });
        document.brackets = brackets;
        // Never set before: the model was just made.
        let _ = document.dates.set(dates);
        document
    }

    pub fn parse_str(text: &str) -> Document {
        Document::parse(
            SourceText::from_str(text),
            &ProfileSet::builtin(),
            &ParseOptions::default(),
        )
    }

    /// Every date in the document and the document's own date, recognised
    /// on first use: a run without date rules does not pay for them.
    pub fn dates(&self) -> &Dates {
        self.dates.get_or_init(|| Dates::recognise(self))
    }

    pub fn text(&self) -> &str {
        &self.source.text
    }

    pub fn slice(&self, span: Span) -> &str {
        &self.source.text[span.range()]
    }

    pub fn kind_at(&self, offset: usize) -> SectionKind {
        self.line_kinds[self.lines.line_of(offset)]
    }

    pub fn fields_named<'a>(&'a self, id: &'a str) -> impl Iterator<Item = &'a HeaderField> + 'a {
        self.fields
            .iter()
            .filter(move |f| f.field.as_deref() == Some(id))
    }

    pub fn sections_of(&self, kind: SectionKind) -> impl Iterator<Item = &Section> {
        self.sections.iter().filter(move |s| s.kind == kind)
    }

    /// The line terminator the file mostly uses, for inserted lines.
    pub fn line_ending(&self) -> &'static str {
        // Every terminator ends a line, so the byte before each line start
        // (but the first) is a terminator's last: read there, not searched
        // for in the whole text (a finding with a fix asks once or more).
        let bytes = self.text().as_bytes();
        let (mut crlf, mut lf, mut cr) = (0, 0, 0);
        for &start in &self.lines.starts()[1..] {
            match bytes[start - 1] {
                b'\n' if start >= 2 && bytes[start - 2] == b'\r' => crlf += 1,
                b'\n' => lf += 1,
                _ => cr += 1,
            }
        }
        if crlf > lf {
            "\r\n"
        } else if lf == 0 && cr > 0 {
            "\r"
        } else {
            "\n"
        }
    }
}

/// The share of a long text whose dates the second thread finds before it
/// scans the brackets: per byte, the brackets cost about five eighths of
/// the dates (2.8 against 4.4 instructions on the 50 MB benchmark), so both
/// threads are done at about the same time.
const DATES_BESIDE: f64 = 0.23;

/// The first section whose dates the second thread finds: the last
/// sections, about [`DATES_BESIDE`] of the text. Any split finds the same
/// dates; this one only balances the threads.
fn split_for_dates(sections: &[Section], text_len: usize) -> usize {
    let kept = text_len as f64 * (1.0 - DATES_BESIDE);
    sections
        .iter()
        .position(|s| s.span.start as f64 >= kept)
        .unwrap_or(sections.len())
}

/// The model but its brackets, and what scanning them takes.
struct Front {
    lines: LineIndex,
    line_kinds: Vec<SectionKind>,
    sections: Vec<Section>,
    fields: Vec<HeaderField>,
    directives: Vec<Directive>,
    profile: Arc<Profile>,
    detection: Detection,
    unknown_profile: Option<(String, Option<Span>)>,
    brackets: PendingBrackets,
}

impl Front {
    // Inlined: `parse` of a cable is as it was before the split path.
    #[inline(always)]
    fn parse(text: &str, profiles: &ProfileSet, options: &ParseOptions) -> Front {
        // The line table, the line index and the brackets' marks, in one pass.
        let (table, lines, marks) = lines::LineTable::scan(text);
        let directives = collect_directives(text, &lines);
        let (profile, detection, unknown_profile) =
            choose_profile(text, &directives, profiles, options);
        let (line_kinds, fields) =
            segment::segment(table.view(text, &lines), &profile, &directives);
        let sections = group_sections(&line_kinds, &lines);
        let brackets = PendingBrackets {
            paragraphs: table.into_paragraphs(),
            marks,
            skip: directives.iter().map(|d| d.span).collect(),
        };
        Front {
            lines,
            line_kinds,
            sections,
            fields,
            directives,
            profile,
            detection,
            unknown_profile,
            brackets,
        }
    }

    #[inline(always)]
    fn into_document(self, source: SourceText, brackets: Brackets) -> Document {
        Document {
            source,
            lines: self.lines,
            line_kinds: self.line_kinds,
            sections: self.sections,
            fields: self.fields,
            brackets,
            directives: self.directives,
            profile: self.profile,
            detection: self.detection,
            unknown_profile: self.unknown_profile,
            too_large: None,
            dates: OnceLock::new(),
        }
    }
}

/// What the brackets' scan needs from the line pass: it owns no text, so
/// it can run beside work that reads the rest of the model.
#[derive(Default)]
struct PendingBrackets {
    paragraphs: Vec<Span>,
    marks: Vec<usize>,
    /// The directives' lines: no brackets there.
    skip: Vec<Span>,
}

impl PendingBrackets {
    // Inlined into both ways of parsing, as into `parse` alone before.
    #[inline(always)]
    fn scan(self, text: &str) -> Brackets {
        brackets::scan_paragraphs(text, self.paragraphs, &self.marks, &self.skip)
    }
}

// Inlined into both ways of parsing, as into `parse` alone before.
#[inline(always)]
fn collect_directives(text: &str, lines: &LineIndex) -> Vec<Directive> {
    let mut found = Vec::new();
    // Only lines that start with '%' can be directives: each line's first
    // byte is read (a cable has a few dozen lines; a search for '%' through
    // the whole text cost more).
    let bytes = text.as_bytes();
    for (line, &at) in lines.starts().iter().enumerate() {
        if bytes.get(at) == Some(&b'%') {
            let content = lines.line_content_span(text, line);
            if let Some(d) = directives::parse_directive(&text[content.range()], at, line) {
                found.push(d);
            }
        }
    }
    found
}

/// The profile, how it was chosen, and a named profile nobody defines.
type ProfileChoice = (Arc<Profile>, Detection, Option<(String, Option<Span>)>);

// Inlined into both ways of parsing, as into `parse` alone before.
#[inline(always)]
fn choose_profile(
    text: &str,
    directives: &[Directive],
    profiles: &ProfileSet,
    options: &ParseOptions,
) -> ProfileChoice {
    let named = directives.iter().find_map(|d| match &d.kind {
        DirectiveKind::Profile { id, id_span } => {
            Some((id.clone(), Some(*id_span), Detection::Directive))
        }
        _ => None,
    });
    let named = named.or_else(|| {
        options
            .profile
            .clone()
            .map(|id| (id, None, Detection::Configured))
    });
    if let Some((id, span, how)) = named {
        return match profiles.get_shared(&id) {
            Some(p) => (p.clone(), how, None),
            None => (
                profiles.generic_shared().clone(),
                Detection::Fallback,
                Some((id, span)),
            ),
        };
    }
    let (profile, how) = detect_shared(text, profiles);
    (profile.clone(), how, None)
}

/// Runs of lines of one kind. Only where the kind changes is the line index
/// read, and a cable's few sections fit the room made at once.
// Inlined into both ways of parsing, as into `parse` alone before.
#[inline(always)]
fn group_sections(kinds: &[SectionKind], lines: &LineIndex) -> Vec<Section> {
    let mut sections: Vec<Section> = Vec::with_capacity(8);
    let mut first = 0;
    while first < kinds.len() {
        let kind = kinds[first];
        let mut last = first;
        while kinds.get(last + 1) == Some(&kind) {
            last += 1;
        }
        sections.push(Section {
            kind,
            span: Span::new(lines.line_span(first).start, lines.line_span(last).end),
            lines: (first, last),
        });
        first = last + 1;
    }
    sections
}

#[cfg(test)]
mod tests;
