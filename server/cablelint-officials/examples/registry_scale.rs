//! Loads a generated registry of N people (default 100,000) from a file, as
//! a user registry is loaded, builds the matcher and finds mentions in a
//! short text; prints the time of each step. Peak memory: run it under
//! `/usr/bin/time -v` (maximum resident set size). Figures only.
//!
//!     cargo build --release -p cablelint-officials --example registry_scale
//!     /usr/bin/time -v target/release/examples/registry_scale [N]
//!
//! `registry_scale N --write FILE` only writes the registry to FILE (for
//! `REGISTRY=FILE tests/bench/officials_cli_cost.sh DIR`).
use std::time::Instant;

use cablelint_officials::{synthetic, Registry};

fn main() -> Result<(), String> {
    let count: usize = std::env::args()
        .nth(1)
        .map(|n| n.parse().map_err(|e| format!("N: {e}")))
        .transpose()?
        .unwrap_or(100_000);
    let (toml, names) = synthetic::registry_toml(count, 0x5eed);
    let mut rest = std::env::args().skip(2);
    if let Some(flag) = rest.next() {
        let path = match (flag.as_str(), rest.next()) {
            ("--write", Some(path)) => path,
            _ => return Err("usage: registry_scale [N [--write FILE]]".to_owned()),
        };
        return std::fs::write(&path, &toml).map_err(|e| format!("{path}: {e}"));
    }
    let path = std::env::temp_dir().join(format!("cablelint-registry-{count}.toml"));
    std::fs::write(&path, &toml).map_err(|e| format!("{}: {e}", path.display()))?;
    println!(
        "registry file: {count} people, {:.1} MB",
        toml.len() as f64 / 1e6
    );
    drop(toml);

    let started = Instant::now();
    let user = Registry::load_file(&path).map_err(|e| e.to_string())?;
    println!("loaded in {:.2?}", started.elapsed());
    let started = Instant::now();
    let mut registry = Registry::builtin().clone();
    registry.merge(user);
    println!(
        "merged over the built-in registry in {:.2?}",
        started.elapsed()
    );
    let started = Instant::now();
    let matcher = registry.into_matcher();
    println!(
        "matcher built in {:.2?} ({} patterns)",
        started.elapsed(),
        matcher.pattern_count()
    );
    let text = format!(
        "June 28, 1962\n\nVice Minister Ji Pengfei met {} and Ambassador {}.\n",
        names[0].full,
        names[count / 2].family
    );
    let started = Instant::now();
    let found = matcher.find_mentions(&text, "1962-06-28".parse().ok());
    println!(
        "{} mentions found in {:.2?}",
        found.len(),
        started.elapsed()
    );
    let _ = std::fs::remove_file(&path);
    Ok(())
}
