//! The built-in registry: TOML files under `data/`, compiled into the
//! binary and parsed once on first use.

use std::sync::OnceLock;

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

pub(crate) fn builtin_registry() -> &'static Registry {
    static BUILTIN: OnceLock<Registry> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        let mut registry = Registry::new();
        for (name, text) in BUILTIN_FILES {
            match Registry::from_toml_str(text, name) {
                Ok(part) => registry.merge(part),
                // The data is checked by the test suite, so this cannot
                // happen in a tested build; skipping a broken file keeps a
                // language server alive rather than aborting it.
                Err(error) => debug_assert!(false, "built-in registry: {error}"),
            }
        }
        registry
    })
}
