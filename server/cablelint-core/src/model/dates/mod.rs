//! Dates in a document: every date the text writes (archive line, header,
//! dateline, stamps, body references, closing, original-language header),
//! each turned into an interval of local minutes with its role, the parts an
//! editor supplied in brackets, and how sure the reading is; and the
//! document's own date, derived from the header, closing and archive line.
//!
//! Recognition runs a hand-written scanner (`scan/`) over the sections that
//! can hold the document's own dates (never the citation, summary, notes or
//! title, whose dates are other facts), then reads the whole document to
//! settle what each line leaves open: the year of "28 June", the order of
//! "03.11.", the month of "the 26th". It runs on first use of
//! [`Document::dates`], so a run without date rules does not pay for it.

pub mod calendar;
pub mod lexicon;
mod resolve;
mod scan;
mod stamp;
pub(crate) mod votes;

pub use calendar::{Interval, Precision, Weekday};
pub(crate) use scan::{fold, folded_end, is_word_boundary};
pub(crate) use votes::Votes;

use crate::model::{Document, Section};
use crate::text::Span;

/// What a date is in the document, which decides what it is compared with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateRole {
    /// The archive's date line above the title.
    Archive,
    /// The cable's own date in its header: a date field, a dateline
    /// ("Moscow, June 28, 1962, 7 p.m."), a bare date line.
    Header,
    /// When the cable was sent or dispatched (a stamp or field).
    Sent,
    /// When it was received or arrived (FRUS "[Received …]", stamps).
    Received,
    /// A later office stamp: decoded, processed, came in to a department.
    Processed,
    /// A date or date code in the original-language header (批发 628,
    /// 一九六二年六月二十八日, 28 июня 1962 г.).
    Original,
    /// A registry serial that names a year and month ("(64) January No. 879").
    Serial,
    /// The date under the signature.
    Closing,
    /// A date the text refers to (body, subject, header prose): another fact.
    Reference,
}

impl DateRole {
    pub fn as_str(self) -> &'static str {
        match self {
            DateRole::Archive => "archive",
            DateRole::Header => "header",
            DateRole::Sent => "sent",
            DateRole::Received => "received",
            DateRole::Processed => "processed",
            DateRole::Original => "original",
            DateRole::Serial => "serial",
            DateRole::Closing => "closing",
            DateRole::Reference => "reference",
        }
    }

    /// Roles that state the document's own date (compared by D002).
    pub fn dates_the_document(self) -> bool {
        matches!(
            self,
            DateRole::Archive
                | DateRole::Header
                | DateRole::Closing
                | DateRole::Original
                | DateRole::Serial
        )
    }

    /// Stamps of the cable's journey (ordered by D003).
    pub fn is_stamp(self) -> bool {
        matches!(
            self,
            DateRole::Sent | DateRole::Received | DateRole::Processed
        )
    }
}

/// How the date is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DateForm {
    /// With a month name: "June 28, 1962", "28 June \[1962\]", "28 июня 1962 г.".
    Textual,
    /// Digits only: "24.10.62", "11.21.1962", "03.11.".
    Numeric,
    /// A Roman month: "5.XI.62", "27/X/1962", "ON/26/26/X/62".
    Roman,
    /// "1962-06-28".
    Iso,
    /// Chinese: "一九六二年六月二十八日", "6月28日", "二十八日".
    Chinese,
    /// A month-day code: "628" after 批发.
    Code,
    /// "(64) January No. 1154", "No. (61) 561".
    Serial,
    /// A day alone: "the 26th", "14th.".
    Ordinal,
    /// "342 – WEDNESDAY – 1700hs": a weekday and time heading the text.
    WeekdayTime,
}

impl DateForm {
    pub fn as_str(self) -> &'static str {
        match self {
            DateForm::Textual => "textual",
            DateForm::Numeric => "numeric",
            DateForm::Roman => "roman",
            DateForm::Iso => "iso",
            DateForm::Chinese => "chinese",
            DateForm::Code => "code",
            DateForm::Serial => "serial",
            DateForm::Ordinal => "ordinal",
            DateForm::WeekdayTime => "weekday-time",
        }
    }
}

/// The order of day and month in a numeric date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NumericOrder {
    DayFirst,
    MonthFirst,
}

impl NumericOrder {
    pub fn describe(self) -> &'static str {
        match self {
            NumericOrder::DayFirst => "day first",
            NumericOrder::MonthFirst => "month first",
        }
    }
}

/// How sure the reading is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Confidence {
    /// Two readings remain, or a bare day whose month is guessed.
    Low,
    /// Read with help from the rest of the document (year or order inferred).
    Medium,
    /// Everything needed is written (or supplied) in the date itself.
    High,
}

/// One written part of a date (day, month or year).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Component {
    /// The digits or the word alone, without brackets, suffix or dot.
    pub span: Span,
    /// Its value as written: a two-digit year stays 62.
    pub value: u32,
    /// Inside editorial brackets: supplied by the editor, not in the source.
    pub supplied: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateMention {
    pub span: Span,
    pub role: DateRole,
    pub form: DateForm,
    pub weekday: Option<(Span, Weekday)>,
    pub year: Option<Component>,
    pub month: Option<Component>,
    pub day: Option<Component>,
    /// Minutes after midnight, local time.
    pub time: Option<(Span, u16)>,
    /// Numeric forms: the order of day and month, as written (when only one
    /// reading is a real date) or as the document settled it. `day` and
    /// `month` hold that reading; `None` while both readings stand (then
    /// `day` and `month` hold the day-first reading).
    pub order: Option<NumericOrder>,
    /// Both orders of a numeric date name real days, as written.
    pub ambiguous: bool,
    /// Numeric dates: the order this date shows by itself (only one reading
    /// is a real date, or only one matches the document's date) — the
    /// evidence D005 weighs. `None` for other forms and for undecided ones.
    pub own_order: Option<NumericOrder>,
    /// No year written: the date is read against the document's date.
    pub relative: bool,
    pub confidence: Confidence,
    /// Year, month and day as the document resolves them (year from the
    /// document's date when not written, month too for a bare day).
    pub resolved: Option<(i32, Option<u8>, Option<u8>)>,
    /// What [`DateMention::interval`] gives, computed when `resolved` is set
    /// ([`DateMention::set_resolved`]): resolution and the rules ask it of
    /// a mention several times, and each time it cost a calendar
    /// computation. Debug builds check it against the computation.
    pub(crate) resolved_interval: Option<Interval>,
}

impl DateMention {
    /// The interval the mention names once resolved; `None` while its
    /// year is unknown, its numeric order open, or when it is no real date.
    pub fn interval(&self) -> Option<Interval> {
        debug_assert_eq!(
            self.resolved_interval,
            self.interval_of_parts(),
            "the interval kept for {self:?}"
        );
        self.resolved_interval
    }

    /// Sets what the document resolves the mention to, and the interval
    /// that names (with the mention's time, read before).
    pub(crate) fn set_resolved(&mut self, resolved: Option<(i32, Option<u8>, Option<u8>)>) {
        self.resolved = resolved;
        self.resolved_interval = self.interval_of_parts();
    }

    /// [`DateMention::interval`] computed from `resolved` and `time`.
    fn interval_of_parts(&self) -> Option<Interval> {
        let (year, month, day) = self.resolved?;
        Interval::new(year, month, day, self.time.map(|t| t.1))
    }

    /// Every interval the mention could name: both readings of an undecided
    /// numeric date, otherwise the one.
    pub fn readings(&self) -> Vec<Interval> {
        self.readings_inline().to_vec()
    }

    /// [`DateMention::readings`] without an allocation.
    pub fn readings_inline(&self) -> Readings {
        let mut out = Readings {
            list: [Interval {
                start: 0,
                end: 0,
                precision: Precision::Year,
            }; 2],
            len: 0,
        };
        let Some((year, month, day)) = self.resolved else {
            return out;
        };
        out.extend(self.interval());
        if self.ambiguous && self.order.is_none() {
            if let (Some(m), Some(d)) = (month, day) {
                let time = self.time.map(|t| t.1);
                out.extend(Interval::new(year, Some(d), Some(m), time));
            }
        }
        out
    }

    /// Whether the written year (not an inferred one) is in the text.
    pub fn has_written_year(&self) -> bool {
        self.year.is_some()
    }
}

/// The one or two intervals a mention can name, kept in place (a slice
/// through `Deref`).
#[derive(Debug, Clone, Copy)]
pub struct Readings {
    list: [Interval; 2],
    len: usize,
}

impl Readings {
    fn extend(&mut self, interval: Option<Interval>) {
        if let Some(interval) = interval {
            self.list[self.len] = interval;
            self.len += 1;
        }
    }
}

impl std::ops::Deref for Readings {
    type Target = [Interval];

    fn deref(&self) -> &[Interval] {
        &self.list[..self.len]
    }
}

/// The document's own date and where it comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentDate {
    pub interval: Interval,
    /// Indices into [`Dates::mentions`] of the mentions that state it.
    pub sources: Vec<usize>,
}

/// Every date of a document, in text order, and what they settle.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Dates {
    pub mentions: Vec<DateMention>,
    /// The document's own date (header, closing, archive line, original
    /// header, agreeing or by majority); `None` when nothing states it.
    pub document: Option<DocumentDate>,
    /// The numeric order the document uses, when it settles one.
    pub numeric_order: Option<NumericOrder>,
}

impl Dates {
    pub fn recognise(doc: &Document) -> Dates {
        resolve::resolve(doc, scan::scan_document(doc))
    }

    /// The dates of some consecutive sections of `doc`, not yet resolved:
    /// the lists of consecutive runs of sections, joined, are the list
    /// `recognise` resolves (each section is scanned alone). For the split
    /// check, which scans a long document's on two threads.
    pub(crate) fn scan_sections(doc: &Document, sections: &[Section]) -> Vec<DateMention> {
        scan::scan_sections(doc, sections)
    }

    /// [`Dates::recognise`] of the dates of all the sections, in order.
    pub(crate) fn resolve_scanned(doc: &Document, mentions: Vec<DateMention>) -> Dates {
        resolve::resolve(doc, mentions)
    }

    pub fn of_role(&self, role: DateRole) -> impl Iterator<Item = &DateMention> {
        self.mentions.iter().filter(move |m| m.role == role)
    }
}

#[cfg(test)]
mod tests;
