//! O: officials named in the text, checked against the registry of who held
//! which post when (`cablelint-officials`).

mod o001_title_not_held;
mod o002_non_preferred_romanisation;
mod o003_unknown_official;

use super::Rule;

pub(super) static RULES: &[&dyn Rule] = &[
    &o001_title_not_held::TitleNotHeld,
    &o002_non_preferred_romanisation::NonPreferredRomanisation,
    &o003_unknown_official::UnknownOfficial,
];
