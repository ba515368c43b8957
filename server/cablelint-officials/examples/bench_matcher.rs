//! Prints how long mention finding takes over cable-like text, with the
//! built-in registry and with a synthetic registry of 10,000 people.
//! Figures only; this is not a timed test.
//!
//!     cargo run --release -p cablelint-officials --example bench_matcher [MEGABYTES]
//!
//! The text is generated (no corpus file is needed): filler prose in the
//! style of the cables, with a name about every fifteen words, written the
//! ways the cables write them (titles, editorial brackets, initials).

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use cablelint_officials::synthetic::{self, Rng};
use cablelint_officials::{Date, Matcher, Registry};

const FILLER: &[&str] = &[
    "the",
    "ambassador",
    "said",
    "that",
    "government",
    "of",
    "and",
    "to",
    "in",
    "on",
    "border",
    "question",
    "memorandum",
    "delegation",
    "soviet",
    "chinese",
    "talks",
    "would",
    "with",
    "our",
    "side",
    "reply",
    "telegram",
    "embassy",
    "ministry",
    "foreign",
    "affairs",
    "comrades",
    "party",
    "meeting",
    "situation",
    "position",
    "agreement",
    "proposal",
    "was",
    "not",
    "has",
    "have",
    "been",
    "informed",
    "received",
    "transmitted",
    "copy",
    "secret",
    "urgent",
    "[of June]",
    "[sic]",
    "(the full text is attached)",
    "Moscow",
    "Beijing",
    "Washington",
    "Havana",
    "Hanoi",
    "Pyongyang",
    "Warsaw",
    "it",
    "is",
    "necessary",
    "this",
    "by",
    "for",
    "a",
    "an",
    "which",
    "economic",
    "military",
    "question.",
    "reply.",
    "today.",
    "Jiang",
    "Linhai",
    "page",
    "hull",
];

const TITLES: &[&str] = &[
    "Vice Minister ",
    "Ambassador ",
    "Comrade ",
    "Comr. ",
    "Premier ",
    "President ",
    "",
    "",
    "",
];

/// How a name appears in the text: plain, completed in brackets, or glossed.
fn write_name(out: &mut String, rng: &mut Rng, family: &str, full: &str) {
    let title = *rng.pick(TITLES);
    match rng.next_u64() % 4 {
        0 => write!(out, "{title}{full}"),
        1 => write!(out, "{title}{family}"),
        2 => {
            let given = full.replace(family, "");
            write!(out, "{title}[{}] {family}", given.trim())
        }
        _ => write!(out, "{title}{family} [{full}]"),
    }
    .expect("writing to a String");
}

fn generate_text(bytes: usize, names: &[(String, String)], seed: u64) -> String {
    let mut rng = Rng::new(seed);
    let mut out = String::with_capacity(bytes + 256);
    let mut words_in_line = 0;
    while out.len() < bytes {
        if rng.next_u64() % 15 == 0 {
            let (family, full) = rng.pick(names);
            write_name(&mut out, &mut rng, family, full);
        } else {
            let word: &&str = rng.pick(FILLER);
            out.push_str(word);
        }
        words_in_line += 1;
        if words_in_line == 14 {
            out.push('\n');
            words_in_line = 0;
        } else {
            out.push(' ');
        }
    }
    out
}

/// The synthetic registry as TOML (so loading is measured too) and its names.
fn synthetic_registry_toml(count: usize) -> (String, Vec<(String, String)>) {
    let (toml, names) = synthetic::registry_toml(count, 0x5eed);
    let names = names.into_iter().map(|n| (n.family, n.full)).collect();
    (toml, names)
}

fn megabytes_per_second(bytes: usize, elapsed: Duration) -> f64 {
    bytes as f64 / 1_000_000.0 / elapsed.as_secs_f64()
}

fn run(label: &str, matcher: &Matcher, text: &str) {
    let date: Date = "1962-06-28".parse().expect("a valid date");
    let started = Instant::now();
    let mentions = matcher.find_mentions(text, Some(date));
    let elapsed = started.elapsed();
    println!(
        "{label}: {:.1} MB in {:.2?} ({:.1} MB/s), {} mentions, {} patterns",
        text.len() as f64 / 1_000_000.0,
        elapsed,
        megabytes_per_second(text.len(), elapsed),
        mentions.len(),
        matcher.pattern_count()
    );
}

fn main() {
    let megabytes: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(20);
    let bytes = megabytes * 1_000_000;
    println!(
        "build profile: {}",
        if cfg!(debug_assertions) {
            "debug (unoptimised)"
        } else {
            "release"
        }
    );

    let started = Instant::now();
    let builtin = Registry::builtin();
    println!(
        "built-in registry: {} people parsed in {:.2?}",
        builtin.len(),
        started.elapsed()
    );
    let started = Instant::now();
    let matcher = builtin.matcher();
    println!("built-in matcher built in {:.2?}", started.elapsed());
    let names: Vec<(String, String)> = builtin
        .iter()
        .map(|p| (p.name.family.to_string(), p.name.text.to_string()))
        .collect();
    let text = generate_text(bytes, &names, 42);
    run("built-in registry", &matcher, &text);

    let (toml, synthetic_names) = synthetic_registry_toml(10_000);
    let started = Instant::now();
    let synthetic =
        Registry::from_toml_str(&toml, "synthetic.toml").expect("the generated registry is valid");
    println!(
        "synthetic registry: {} people parsed in {:.2?}",
        synthetic.len(),
        started.elapsed()
    );
    let started = Instant::now();
    let matcher = synthetic.matcher();
    println!("synthetic matcher built in {:.2?}", started.elapsed());
    let text = generate_text(bytes, &synthetic_names, 7);
    run("synthetic registry (10,000 people)", &matcher, &text);
}
