//! Stable-toolchain property tests over random bytes: the same invariants the
//! cargo-fuzz targets check (fuzz/), run on every `cargo test`. The inputs mix
//! raw bytes with the pieces cables are made of (brackets, directives, header
//! labels, CJK and astral characters, every line ending, a BOM) so that short
//! random inputs still reach the parser's and the rules' interesting paths.

#[path = "support/invariants.rs"]
mod invariants;

use proptest::prelude::*;

const PIECES: &[&str] = &[
    "[",
    "]",
    "[]",
    "[ ]",
    "[...]",
    "[…]",
    "[sic]",
    "[illegible]",
    "[?]",
    "[1]",
    "[Translator's note: ",
    "[Telegram]",
    "(",
    ")",
    "/",
    "“",
    "”",
    "\"",
    "'",
    "% cablelint: ",
    "% cablelint: profile = ",
    "prc-mfa-cable",
    "frus-telegram",
    "disable-next-line ",
    "disable-file ",
    "B004",
    "B",
    "E002",
    "X9",
    ",",
    "\n",
    "\r\n",
    "\r",
    "\n\n",
    "\t",
    " ",
    "   ",
    "\u{FEFF}",
    "\u{200B}",
    "发往:",
    "乌鲁木齐",
    "等级:平",
    "外发",
    "复来报号",
    "𠀋",
    "𡈽",
    "Кому:",
    "Od:",
    "Receiver: ",
    "Level: ",
    "Foreign Ministry Dispatch No. ",
    "Subject: ",
    "Approved by:",
    "Copy to:",
    "28 June [1962]",
    "June 28, 1962",
    "Ciphergram No. 3175",
    "Washington, April 25, 1918, 7 p.m.",
    "Skip to content",
    "Document Information",
    "a",
    "Vice Minister Ji [Pengfei]",
    ".",
    ":",
    "…",
    "—",
];

fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => proptest::sample::select(PIECES).prop_map(|p| p.as_bytes().to_vec()),
        1 => proptest::collection::vec(any::<u8>(), 1..4),
    ]
}

fn document() -> impl Strategy<Value = Vec<u8>> {
    proptest::collection::vec(piece(), 0..80).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 256,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn any_cable_like_bytes_uphold_the_invariants(bytes in document(), profile in any::<u8>()) {
        invariants::check_bytes(&bytes, profile);
    }

    #[test]
    fn fixing_cable_like_bytes_keeps_the_text_and_reaches_a_fixed_point(
        bytes in document(),
        profile in any::<u8>(),
    ) {
        invariants::check_fix_bytes(&bytes, profile);
    }

    #[test]
    fn any_bytes_at_all_uphold_the_invariants(
        bytes in proptest::collection::vec(any::<u8>(), 0..512),
        profile in any::<u8>(),
    ) {
        invariants::check_bytes(&bytes, profile);
    }
}

/// The real documents uphold them too, under every profile, fixes included.
#[test]
fn the_real_corpus_upholds_the_invariants() {
    let corpus = std::env::var_os("CABLELINT_CORPUS")
        .map(std::path::PathBuf::from)
        .filter(|p| p.is_dir())
        .unwrap_or_else(|| {
            let beside =
                std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
            if beside.is_dir() {
                beside
            } else {
                "/work/shared/corpus".into()
            }
        });
    let mut count = 0;
    for entry in std::fs::read_dir(corpus.join("real")).expect("the corpus of real documents") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "txt") {
            let bytes = std::fs::read(&path).unwrap();
            for profile in 0..6 {
                invariants::check_bytes(&bytes, profile);
                invariants::check_fix_bytes(&bytes, profile);
            }
            count += 1;
        }
    }
    assert!(count >= 50, "only {count} documents found");
}
