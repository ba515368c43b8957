//! E: findings about the file itself rather than the cable in it.

mod e001_invalid_utf8;
mod e002_invalid_directive;
pub(crate) mod e003_file_too_large;
pub(crate) mod e004_too_many_diagnostics;

use super::Rule;

pub(super) static RULES: &[&dyn Rule] = &[
    &e001_invalid_utf8::InvalidUtf8,
    &e002_invalid_directive::InvalidDirective,
    &e003_file_too_large::FileTooLarge,
    &e004_too_many_diagnostics::TooManyDiagnostics,
];
