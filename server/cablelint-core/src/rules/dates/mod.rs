//! D: dates — impossible dates, dates of one document that disagree, stamps
//! out of order, references after the document's own date, mixed numeric
//! orders, and dates that lack a year the document knows.

mod cited;
mod d001_impossible_date;
mod d002_date_disagreement;
mod d003_stamps_out_of_order;
mod d004_relative_day_after_date;
mod d005_mixed_numeric_order;
mod d006_missing_year;
mod describe;
pub(crate) mod tense;

#[cfg(test)]
mod seed_fixtures;

use super::Rule;

pub(super) static RULES: &[&dyn Rule] = &[
    &d001_impossible_date::ImpossibleDate,
    &d002_date_disagreement::DateDisagreement,
    &d003_stamps_out_of_order::StampsOutOfOrder,
    &d004_relative_day_after_date::RelativeDayAfterDate,
    &d005_mixed_numeric_order::MixedNumericOrder,
    &d006_missing_year::MissingYear,
];
