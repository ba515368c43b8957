//! The data files of the built-in registry, by group, and how they are
//! read from TOML. Shared by the library and the build script (`build.rs`),
//! which parses them once, at build time.

use crate::registry::Registry;

/// The data files, by group. Their names are the origins reported in
/// go-to-definition and errors.
pub const BUILTIN_FILES: &[(&str, &str)] = &[
    ("prc.toml", include_str!("../data/prc.toml")),
    ("ussr.toml", include_str!("../data/ussr.toml")),
    ("usa.toml", include_str!("../data/usa.toml")),
    ("uk.toml", include_str!("../data/uk.toml")),
    ("warsaw-pact.toml", include_str!("../data/warsaw-pact.toml")),
    ("korea.toml", include_str!("../data/korea.toml")),
    ("vietnam.toml", include_str!("../data/vietnam.toml")),
    ("cuba.toml", include_str!("../data/cuba.toml")),
    ("others.toml", include_str!("../data/others.toml")),
];

/// The built-in registry parsed from [`BUILTIN_FILES`], merged in order,
/// and the errors of files that do not load (which are left out: the data
/// is checked by the test suite, and a broken file must not take a language
/// server down).
pub(crate) fn parse_builtin_files() -> (Registry, Vec<String>) {
    let mut registry = Registry::new();
    let mut errors = Vec::new();
    for (name, text) in BUILTIN_FILES {
        match Registry::from_toml_str(text, name) {
            Ok(part) => registry.merge(part),
            Err(error) => errors.push(error.to_string()),
        }
    }
    (registry, errors)
}
