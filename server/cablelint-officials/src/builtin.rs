//! The built-in registry: the TOML files under `data/`, parsed and
//! validated by the build script (`build.rs`) and compiled into the binary
//! in the compact form of [`crate::codec`], which is decoded once on first
//! use (parsing the TOML at run time cost about as much as checking a
//! hundred cables).

use std::sync::{Arc, OnceLock};

use crate::builtin_files::parse_builtin_files;
use crate::codec;
use crate::matcher::tables::MatcherTables;
use crate::matcher::Matcher;
use crate::registry::Registry;

/// Written by `build.rs`.
const ENCODED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin-registry.bin"));

/// [`ENCODED`] as text: validated as UTF-8 when the binary is compiled, not
/// at every start (that was a sixth of decoding it).
const ENCODED_TEXT: &str = match std::str::from_utf8(ENCODED) {
    Ok(text) => text,
    Err(_) => panic!("the encoded built-in registry is not UTF-8"),
};

/// The matcher's tables over the built-in registry, written by `build.rs`.
const ENCODED_TABLES: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin-matcher.bin"));

/// [`ENCODED_TABLES`] as text, validated when the binary is compiled.
const ENCODED_TABLES_TEXT: &str = match std::str::from_utf8(ENCODED_TABLES) {
    Ok(text) => text,
    Err(_) => panic!("the encoded built-in matcher tables are not UTF-8"),
};

/// The built-in registry, decoded once; shared with matchers over it.
fn shared() -> &'static Arc<Registry> {
    static BUILTIN: OnceLock<Arc<Registry>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        // The build script checks that the form decodes to what it
        // encoded; reading the TOML is the fallback should it not.
        Arc::new(codec::decode_text(ENCODED_TEXT).unwrap_or_else(|| {
            debug_assert!(false, "the encoded built-in registry does not decode");
            parse_builtin_files().0
        }))
    })
}

impl Registry {
    /// The registry compiled into the binary (see `data/`).
    pub fn builtin() -> &'static Registry {
        shared()
    }
}

impl Matcher {
    /// A matcher over the built-in registry, which it shares rather than
    /// copies (as `Registry::builtin().matcher()` would). Its tables were
    /// made by the build script.
    pub fn builtin() -> Matcher {
        let registry = Arc::clone(shared());
        match MatcherTables::decode_text(ENCODED_TABLES_TEXT, &registry) {
            Some(tables) => Matcher::with_tables(registry, tables),
            None => {
                // The build script checks that the tables decode; making
                // them here is the fallback should they not.
                debug_assert!(false, "the built-in matcher tables do not decode");
                Matcher::new(registry)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_compiled_form_is_the_parsed_toml() {
        let (parsed, errors) = parse_builtin_files();
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(codec::decode(ENCODED).as_ref(), Some(&parsed));
        assert_eq!(codec::decode_text(ENCODED_TEXT).as_ref(), Some(&parsed));
        assert_eq!(Registry::builtin(), &parsed);
        // Valid UTF-8 as a whole, so strings are not validated one by one.
        assert!(std::str::from_utf8(ENCODED).is_ok());
        assert!(std::str::from_utf8(ENCODED_TABLES).is_ok());
    }

    #[test]
    fn the_compiled_matcher_tables_are_the_ones_made_at_run_time() {
        let registry = Registry::builtin();
        assert_eq!(
            MatcherTables::decode(ENCODED_TABLES, registry),
            Some(MatcherTables::build(registry))
        );
        assert_eq!(
            MatcherTables::decode_text(ENCODED_TABLES_TEXT, registry),
            Some(MatcherTables::build(registry))
        );
        // A registry of another shape is refused.
        let mut other = registry.clone();
        let (toml, _) = crate::synthetic::registry_toml(3, 7);
        other.merge(Registry::from_toml_str(&toml, "synthetic.toml").expect("valid"));
        assert_eq!(MatcherTables::decode(ENCODED_TABLES, &other), None);
        assert_eq!(MatcherTables::decode(&ENCODED_TABLES[1..], registry), None);
        let tables = MatcherTables::build(&other);
        assert_eq!(
            MatcherTables::decode(tables.encode().leak(), &other),
            Some(tables)
        );
    }
}
