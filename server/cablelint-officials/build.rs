//! Parses and validates the built-in registry (`data/*.toml`) at build
//! time and writes it in the compact form of `src/codec.rs` to
//! `$OUT_DIR/builtin-registry.bin`, which `src/builtin.rs` includes: a run
//! of `cablelint` then decodes it instead of parsing TOML. The parsing code
//! is the library's own (its modules are compiled into this script), so the
//! result is exactly what `Registry::from_toml_str` gives. Likewise the
//! matcher's tables over it: the analysed post titles
//! (`src/matcher/tables.rs`) go to `$OUT_DIR/builtin-post-senses.bin`, and
//! the pattern table (`src/matcher/patterns.rs`) and the look-up tables
//! over its patterns (`src/matcher/lookups.rs`) to
//! `$OUT_DIR/builtin-tables.rs`, as Rust statics
//! (`src/matcher/builtin_tables.rs`); and a digest of them all to
//! `$OUT_DIR/builtin-digest.bin` (see `digest_of`).

// The library's modules are compiled here for their parser only.
#![allow(dead_code)]

#[path = "src/builtin_files.rs"]
mod builtin_files;
#[path = "src/codec.rs"]
mod codec;
#[path = "src/date.rs"]
mod date;
#[path = "src/matcher/first_words.rs"]
mod first_words;
#[path = "src/fold.rs"]
mod fold;
#[path = "src/format.rs"]
mod format;
#[path = "src/load.rs"]
mod load;
#[path = "src/matcher/lookup.rs"]
mod lookup;
#[path = "src/matcher/lookups.rs"]
mod lookups;
#[path = "src/model.rs"]
mod model;
#[path = "src/matcher/openings.rs"]
mod openings;
#[path = "src/matcher/patterns.rs"]
mod patterns;
#[path = "src/matcher/prefixes.rs"]
mod prefixes;
#[path = "src/registry.rs"]
mod registry;
#[path = "src/matcher/tables.rs"]
mod tables;
#[path = "src/title.rs"]
mod title;

use std::hash::{DefaultHasher, Hasher};
use std::path::PathBuf;

/// A digest of the built-in registry and of the matcher's tables over it,
/// for the keys of the compiled-registry cache (`src/compiled.rs`), which
/// hashed the whole encoded registry at every run: made here once, it
/// changes whenever the data or what the code makes of it does. Four
/// SipHash passes, each led by its own number, give 256 bits without a
/// hashing crate in the build script (a cache key, not a signature: its
/// input is this build's own data).
fn digest_of(parts: &[&[u8]]) -> [u8; 32] {
    let mut digest = [0u8; 32];
    for (lane, out) in digest.chunks_exact_mut(8).enumerate() {
        let mut hasher = DefaultHasher::new();
        hasher.write_u64(lane as u64);
        for part in parts {
            hasher.write_u64(part.len() as u64);
            hasher.write(part);
        }
        out.copy_from_slice(&hasher.finish().to_le_bytes());
    }
    digest
}

fn main() {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-changed=data");
    println!("cargo::rerun-if-changed=src");
    let (registry, errors) = builtin_files::parse_builtin_files();
    // A broken data file is left out, as the library did when it parsed
    // the files at run time; the test suite names the error.
    for error in errors {
        println!("cargo::warning=built-in registry: {error}");
    }
    let encoded = codec::encode(&registry);
    assert!(
        codec::decode(&encoded).as_ref() == Some(&registry),
        "the encoded built-in registry does not decode to the parsed one"
    );
    let tables = tables::MatcherTables::build(&registry);
    let mut post_senses = codec::Writer(Vec::new());
    tables::encode_shared_post_senses(&tables.post_senses, &mut post_senses);
    let mut reader = codec::Reader::new(&post_senses.0);
    assert!(
        tables::decode_shared_post_senses(&mut reader, &registry).as_ref()
            == Some(&tables.post_senses)
            && reader.at_end(),
        "the encoded post titles do not decode to the ones analysed"
    );
    // The pattern table and the look-up tables over its patterns, as Rust
    // statics.
    let lookups =
        lookups::Lookups::build(tables.table.patterns(), tables.order.clone(), &tables.words);
    let statics = lookups::statics_of(&tables.table, &lookups);
    let digest = digest_of(&[&encoded, &post_senses.0, statics.as_bytes()]);
    let out = PathBuf::from(std::env::var_os("OUT_DIR").expect("cargo sets OUT_DIR"));
    for (name, bytes) in [
        ("builtin-registry.bin", encoded),
        ("builtin-post-senses.bin", post_senses.0),
        ("builtin-tables.rs", statics.into_bytes()),
        ("builtin-digest.bin", digest.to_vec()),
    ] {
        let path = out.join(name);
        if let Err(error) = std::fs::write(&path, bytes) {
            panic!("cannot write {}: {error}", path.display());
        }
    }
}
