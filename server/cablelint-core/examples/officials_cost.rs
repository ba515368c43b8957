//! What the O rules cost `cablelint check`: lints a set of files, replicated
//! to a given size, in-process with and without the O family, and prints
//! MB/s and the slowdown in percent. Figures only; nothing is asserted.
//!
//!     cargo build --release -p cablelint-core --example officials_cost
//!     target/release/examples/officials_cost [OPTIONS] [DIR...]
//!
//! - `DIR...`: folders whose `.txt` and `.cable` files (recursively) are
//!   linted; default: the shared corpus (`$CABLELINT_CORPUS`, else
//!   `/work/shared/corpus`).
//! - `--registry builtin|synthetic:N|FILE.toml`: the officials; a synthetic
//!   registry of N generated people (`cablelint_officials::synthetic`) or a
//!   file is merged over the built-in one, as `cablelint.toml` does.
//! - `--megabytes M` (default 20): replicate the files to about M MB.
//! - `--rules both|with|without|none` (default both): which runs to make;
//!   `none` only loads, builds and warms up, so that instruction counts
//!   under valgrind can subtract the set-up (see
//!   `tests/bench/officials_cost.sh`).
//!
//! Every run first checks each file once with all rules: lazily built
//! things (regexes, lazy DFA caches, the matcher's tables) are built then,
//! not charged to whichever run comes first.
mod common;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use cablelint_core::lint::{check, CheckOptions, RuleSelection};
use cablelint_core::officials::{builtin_matcher, matcher_with};
use cablelint_core::SourceText;
use cablelint_officials::{synthetic, Matcher, Registry};

fn corpus_dir() -> PathBuf {
    std::env::var_os("CABLELINT_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/work/shared/corpus"))
}

struct Args {
    dirs: Vec<PathBuf>,
    registry: String,
    megabytes: f64,
    rules: String,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        dirs: Vec::new(),
        registry: "builtin".into(),
        megabytes: 20.0,
        rules: "both".into(),
    };
    let mut it = std::env::args().skip(1);
    while let Some(arg) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match arg.as_str() {
            "--registry" => args.registry = value("--registry")?,
            "--megabytes" => {
                args.megabytes = value("--megabytes")?
                    .parse()
                    .map_err(|e| format!("--megabytes: {e}"))?
            }
            "--rules" => args.rules = value("--rules")?,
            flag if flag.starts_with("--") => return Err(format!("unknown option {flag}")),
            dir => args.dirs.push(PathBuf::from(dir)),
        }
    }
    if !matches!(args.rules.as_str(), "both" | "with" | "without" | "none") {
        return Err(format!(
            "--rules {}: expected both, with, without or none",
            args.rules
        ));
    }
    Ok(args)
}

fn matcher_for(spec: &str) -> Result<Arc<Matcher>, String> {
    let user = if spec == "builtin" {
        return Ok(Arc::clone(builtin_matcher()));
    } else if let Some(count) = spec.strip_prefix("synthetic:") {
        let count: usize = count.parse().map_err(|e| format!("{spec}: {e}"))?;
        let (toml, _) = synthetic::registry_toml(count, 0x5eed);
        Registry::from_toml_str(&toml, "synthetic.toml").map_err(|e| e.to_string())?
    } else {
        Registry::load_file(spec).map_err(|e| e.to_string())?
    };
    Ok(matcher_with(vec![user]))
}

fn main() -> Result<(), String> {
    let args = parse_args()?;
    let dirs = if args.dirs.is_empty() {
        vec![corpus_dir()]
    } else {
        args.dirs.clone()
    };
    let mut paths = Vec::new();
    for dir in &dirs {
        common::files_in(dir, common::is_cable_or_txt, &mut paths)
            .map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    let files = paths
        .iter()
        .map(|p| std::fs::read(p).map_err(|e| format!("{}: {e}", p.display())))
        .collect::<Result<Vec<Vec<u8>>, String>>()?;
    let once: usize = files.iter().map(Vec::len).sum();
    let copies = ((args.megabytes * 1e6) as usize / once.max(1)).max(1);
    let total = once * copies;
    // Build the matcher before timing: a server or CLI builds it once.
    let started = Instant::now();
    let matcher = matcher_for(&args.registry)?;
    println!(
        "registry {}: {} people, {} patterns, loaded and built in {:.2?}",
        args.registry,
        matcher.registry().len(),
        matcher.pattern_count(),
        started.elapsed()
    );
    println!(
        "{} files x {copies} = {:.1} MB",
        files.len(),
        total as f64 / 1e6
    );
    let warm_up = CheckOptions {
        officials: Some(Arc::clone(&matcher)),
        ..Default::default()
    };
    for bytes in &files {
        check(SourceText::from_bytes(bytes), &warm_up);
    }
    let run = |ignore: Vec<String>| {
        let options = CheckOptions {
            selection: RuleSelection {
                ignore,
                ..Default::default()
            },
            officials: Some(Arc::clone(&matcher)),
            ..Default::default()
        };
        let start = Instant::now();
        let mut findings = 0;
        for _ in 0..copies {
            for bytes in &files {
                findings += check(SourceText::from_bytes(bytes), &options)
                    .diagnostics
                    .len();
            }
        }
        (total as f64 / 1e6 / start.elapsed().as_secs_f64(), findings)
    };
    let mut without = None;
    let mut with = None;
    if matches!(args.rules.as_str(), "both" | "without") {
        let (speed, findings) = run(vec!["O".into()]);
        println!("without O rules: {speed:.1} MB/s ({findings} findings)");
        without = Some(speed);
    }
    if matches!(args.rules.as_str(), "both" | "with") {
        let (speed, findings) = run(Vec::new());
        println!("with O rules:    {speed:.1} MB/s ({findings} findings)");
        with = Some(speed);
    }
    if let (Some(without), Some(with)) = (without, with) {
        println!(
            "slowdown: {:.1}% (wall clock; under load prefer tests/bench/officials_cost.sh)",
            (without / with - 1.0) * 100.0
        );
    }
    Ok(())
}
