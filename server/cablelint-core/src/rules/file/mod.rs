//! E: findings about the file itself rather than the cable in it.

mod e001_invalid_utf8;
mod e002_invalid_directive;

use super::Rule;

pub(super) static RULES: &[&dyn Rule] = &[
    &e001_invalid_utf8::InvalidUtf8,
    &e002_invalid_directive::InvalidDirective,
];
