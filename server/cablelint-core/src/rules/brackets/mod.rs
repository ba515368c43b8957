//! B: editorial square brackets and other paired punctuation.

mod b004_empty_bracket;

use super::Rule;

pub(super) static RULES: &[&dyn Rule] = &[&b004_empty_bracket::EmptyBracket];
