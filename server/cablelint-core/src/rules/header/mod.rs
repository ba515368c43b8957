//! H: header fields, judged against the document's profile.

use super::Rule;

pub(super) static RULES: &[&dyn Rule] = &[];
