//! The built-in registry: the TOML files under `data/`, parsed and
//! validated by the build script (`build.rs`) and compiled into the binary
//! in the compact form of [`crate::codec`], which is decoded once on first
//! use (parsing the TOML at run time cost about as much as checking a
//! hundred cables).

use std::sync::{Arc, OnceLock};

use crate::builtin_files::parse_builtin_files;
use crate::codec;
use crate::codec::Reader;
use crate::matcher::tables::decode_shared_post_senses;
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

/// The analysed title of every post of the built-in registry, written by
/// `build.rs` (the matcher's other tables are statics: see
/// `matcher/builtin_tables.rs`).
const ENCODED_POST_SENSES: &[u8] =
    include_bytes!(concat!(env!("OUT_DIR"), "/builtin-post-senses.bin"));

/// [`ENCODED_POST_SENSES`] as text, validated when the binary is compiled.
const ENCODED_POST_SENSES_TEXT: &str = match std::str::from_utf8(ENCODED_POST_SENSES) {
    Ok(text) => text,
    Err(_) => panic!("the encoded built-in post titles are not UTF-8"),
};

/// The built-in registry, decoded once; shared with matchers over it.
fn shared() -> &'static Arc<Registry> {
    static BUILTIN: OnceLock<Arc<Registry>> = OnceLock::new();
    BUILTIN.get_or_init(|| {
        // The build script checks that the form decodes to what it
        // encoded; reading the TOML is the fallback should it not.
        Arc::new(codec::decode_static(ENCODED_TEXT).unwrap_or_else(|| {
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
        match builtin_post_senses(&registry) {
            Some(post_senses) => Matcher::with_builtin_tables(registry, post_senses),
            None => {
                // The build script checks that the titles decode; making
                // the tables here is the fallback should they not.
                debug_assert!(false, "the built-in post titles do not decode");
                Matcher::new(registry)
            }
        }
    }
}

/// The analysed titles of the built-in registry's posts.
fn builtin_post_senses(registry: &Registry) -> Option<Vec<Vec<crate::title::PostSense>>> {
    let mut input = Reader::from_text(ENCODED_POST_SENSES_TEXT);
    decode_shared_post_senses(&mut input, registry).filter(|_| input.at_end())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matcher::tables::{encode_shared_post_senses, MatcherTables};

    #[test]
    fn the_compiled_form_is_the_parsed_toml() {
        let (parsed, errors) = parse_builtin_files();
        assert_eq!(errors, Vec::<String>::new());
        assert_eq!(codec::decode(ENCODED).as_ref(), Some(&parsed));
        assert_eq!(codec::decode_static(ENCODED_TEXT).as_ref(), Some(&parsed));
        assert_eq!(Registry::builtin(), &parsed);
        // Valid UTF-8 as a whole, so strings are not validated one by one.
        assert!(std::str::from_utf8(ENCODED).is_ok());
        assert!(std::str::from_utf8(ENCODED_POST_SENSES).is_ok());
    }

    #[test]
    fn the_compiled_matcher_tables_are_the_ones_made_at_run_time() {
        let registry = Registry::builtin();
        let made = MatcherTables::build(registry);
        assert_eq!(
            builtin_post_senses(registry),
            Some(made.post_senses.clone())
        );
        // The form the compiled-registry cache keeps (`compiled.rs`).
        let encoded: &'static [u8] = made.encode().leak();
        assert_eq!(MatcherTables::decode(encoded, registry), Some(made));
        // A registry of another shape is refused.
        let mut other = registry.clone();
        let (toml, _) = crate::synthetic::registry_toml(3, 7);
        other.merge(Registry::from_toml_str(&toml, "synthetic.toml").expect("valid"));
        assert_eq!(builtin_post_senses(&other), None);
        assert_eq!(MatcherTables::decode(encoded, &other), None);
        assert_eq!(MatcherTables::decode(&encoded[1..], registry), None);
        let tables = MatcherTables::build(&other);
        // The built-in form of the titles, each distinct one once.
        let mut shared = crate::codec::Writer(Vec::new());
        encode_shared_post_senses(&tables.post_senses, &mut shared);
        let mut input = Reader::new(&shared.0);
        let decoded = decode_shared_post_senses(&mut input, &other);
        assert_eq!(decoded.as_ref(), Some(&tables.post_senses));
        assert!(input.at_end());
        assert_eq!(
            decode_shared_post_senses(&mut Reader::new(&shared.0), registry),
            None
        );
        assert_eq!(
            MatcherTables::decode(tables.encode().leak(), &other),
            Some(tables)
        );
    }
}
