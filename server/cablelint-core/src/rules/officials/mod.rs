//! O: officials named in the text, checked against the registry of who held
//! which post when (`cablelint-officials`).

mod o001_title_not_held;
mod o002_non_preferred_romanisation;
mod o003_unknown_official;
#[cfg(test)]
mod reported_mentions_tests;

use cablelint_officials::{Date, Matcher, Mention, MentionForm};

use super::Rule;
use crate::officials::Romanisation;

pub(super) static RULES: &[&dyn Rule] = &[
    &o001_title_not_held::TitleNotHeld,
    &o002_non_preferred_romanisation::NonPreferredRomanisation,
    &o003_unknown_official::UnknownOfficial,
];

/// The officials' rules that read only the mentions they may report
/// ([`may_be_reported`]); a run with another gets every mention.
pub(super) const REPORTED_MENTIONS_ONLY: &[&str] = &["O001", "O002"];

/// Whether O001 or O002 may report `mention`, a mention of `text` as the
/// matcher first examined it. Its later passes add no mention, never give
/// one a title or change it, keep the likeliest person among the
/// candidates, and make a full name only of a surname completed in
/// brackets, which O002 passes over: a mention either rule reports in the
/// final list passes this test here. When none does, the list can be left
/// empty (`Context::mentions`).
pub(super) fn may_be_reported(
    text: &str,
    matcher: &Matcher,
    mention: &Mention,
    date: Option<Date>,
    romanisation: Romanisation,
) -> bool {
    if let (Some(date), Some(_), Some(sense)) = (date, &mention.title, &mention.title_sense) {
        let person_may = |person| o001_title_not_held::may_report(matcher, person, sense, date);
        if mention.candidates.iter().any(|c| person_may(c.person)) {
            return true;
        }
    }
    if mention.form != MentionForm::FullName {
        return false;
    }
    let persons = matcher.registry().persons();
    let Some(written) = text.get(mention.span.clone()) else {
        return true;
    };
    mention.candidates.iter().any(|c| {
        o002_non_preferred_romanisation::preferred_form(&persons[c.person], written, romanisation)
            .is_some()
    })
}
