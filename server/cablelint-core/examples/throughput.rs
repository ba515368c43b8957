//! Parses and lints every file of a folder in-process and prints the
//! throughput, for comparing rule selections (e.g. with and without the date
//! rules). Not a timed test: it prints figures for a person to read.
//!
//! ```text
//! cargo run --release -p cablelint-core --example throughput -- DIR \
//!     [--replicate-to MB] [--rounds N] [--ignore CODES] [--select CODES] [--long-lines MB] [--phases]
//! ```
//!
//! `--replicate-to 50` cycles the folder's files in memory until 50 MB;
//! `--ignore D` runs every default rule but the date rules; `--long-lines 10`
//! also times single lines of that size built to be dense with date-like
//! candidates (dotted numbers, ordinals, month names); `--phases` splits one
//! pass into parsing, date recognition and the rules, timed file by file in
//! the same pass so that machine load weighs on all three alike.

use cablelint_core::lint::{check, CheckOptions, RuleSelection};
use cablelint_core::text::SourceText;
use std::path::{Path, PathBuf};
use std::time::Instant;

struct Args {
    dir: PathBuf,
    replicate_to_mb: f64,
    rounds: usize,
    selection: RuleSelection,
    long_lines_mb: f64,
    phases: bool,
}

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let mut parsed = Args {
        dir: PathBuf::new(),
        replicate_to_mb: 0.0,
        rounds: 3,
        selection: RuleSelection::default(),
        long_lines_mb: 0.0,
        phases: false,
    };
    let codes = |v: Option<String>| -> Result<Vec<String>, String> {
        let v = v.ok_or("a list of codes is missing")?;
        Ok(v.split(',').map(str::to_owned).collect())
    };
    let number = |v: Option<String>, what: &str| -> Result<f64, String> {
        v.and_then(|s| s.parse().ok())
            .ok_or_else(|| format!("{what} needs a number"))
    };
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--replicate-to" => parsed.replicate_to_mb = number(args.next(), "--replicate-to")?,
            "--rounds" => parsed.rounds = number(args.next(), "--rounds")?.max(1.0) as usize,
            "--ignore" => parsed.selection.ignore = codes(args.next())?,
            "--select" => parsed.selection.select = Some(codes(args.next())?),
            "--long-lines" => parsed.long_lines_mb = number(args.next(), "--long-lines")?,
            "--phases" => parsed.phases = true,
            other if other.starts_with("--") => return Err(format!("unknown option {other}")),
            other => dir = Some(PathBuf::from(other)),
        }
    }
    parsed.dir = dir.ok_or("usage: throughput DIR [options]")?;
    Ok(parsed)
}

fn collect(dir: &Path, out: &mut Vec<Vec<u8>>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "txt" || e == "cable") {
            out.push(std::fs::read(&path)?);
        }
    }
    Ok(())
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("throughput: {e}");
            std::process::exit(2);
        }
    };
    let mut files = Vec::new();
    if let Err(e) = collect(&args.dir, &mut files) {
        eprintln!("throughput: cannot read {}: {e}", args.dir.display());
        std::process::exit(2);
    }
    if files.is_empty() {
        eprintln!(
            "throughput: no .txt or .cable files in {}",
            args.dir.display()
        );
        std::process::exit(2);
    }
    let target = (args.replicate_to_mb * 1e6) as usize;
    let mut set: Vec<&[u8]> = files.iter().map(Vec::as_slice).collect();
    let mut total: usize = set.iter().map(|f| f.len()).sum();
    let mut i = 0;
    while total < target {
        let f = files[i % files.len()].as_slice();
        set.push(f);
        total += f.len();
        i += 1;
    }
    let options = CheckOptions {
        selection: args.selection.clone(),
        ..Default::default()
    };
    let mut best = f64::INFINITY;
    let mut findings = 0;
    for _ in 0..args.rounds {
        let start = Instant::now();
        findings = 0;
        for bytes in &set {
            findings += check(SourceText::from_bytes(bytes), &options)
                .diagnostics
                .len();
        }
        best = best.min(start.elapsed().as_secs_f64());
    }
    println!(
        "{} files, {:.1} MB, best of {} rounds: {:.3} s, {:.1} MB/s, {} findings (select {:?}, ignore {:?})",
        set.len(),
        total as f64 / 1e6,
        args.rounds,
        best,
        total as f64 / 1e6 / best,
        findings,
        args.selection.select,
        args.selection.ignore
    );
    if args.phases {
        phases(&set, total, &options);
    }
    if args.long_lines_mb > 0.0 {
        long_lines(args.long_lines_mb, &options);
    }
}

/// Parse, recognise dates, lint: each timed on every file of one pass.
fn phases(set: &[&[u8]], total: usize, options: &CheckOptions) {
    use cablelint_core::lint::lint;
    use cablelint_core::Document;
    let (mut parse, mut dates, mut rules) = (0.0, 0.0, 0.0);
    for bytes in set {
        let start = Instant::now();
        let doc = Document::parse(
            SourceText::from_bytes(bytes),
            &options.profiles,
            &options.parse,
        );
        let parsed = Instant::now();
        let _ = doc.dates();
        let recognised = Instant::now();
        let _ = lint(&doc, &options.selection);
        let linted = Instant::now();
        parse += (parsed - start).as_secs_f64();
        dates += (recognised - parsed).as_secs_f64();
        rules += (linted - recognised).as_secs_f64();
    }
    let mb = total as f64 / 1e6;
    println!(
        "phases: parse {parse:.3} s ({:.1} MB/s), dates {dates:.3} s ({:.1} MB/s, {:.1}% of parse+dates), rules {rules:.3} s",
        mb / parse,
        mb / dates,
        100.0 * dates / (parse + dates)
    );
}

/// One-line files dense with date-like candidates: recognition must stay
/// linear on them.
fn long_lines(mb: f64, options: &CheckOptions) {
    let size = (mb * 1e6) as usize;
    for (name, head, unit) in [
        ("dotted numbers", "", "1.1."),
        ("ordinals", "", "28th "),
        ("month names", "", "June "),
        ("dates", "", "28 June 1962, "),
        ("header date field", "Date: ", "28 June 1962, "),
        ("datelines (one per line)", "", "Beijing, 28 June 1962\n"),
        ("days in the past", "", "on the 5th, he met them "),
        ("wrong weekdays", "", "Monday, 28 June 1962. "),
        ("brackets", "", "["),
        ("prose", "", "the cat sat on the mat. "),
    ] {
        let text = format!("{head}{}", unit.repeat(size / unit.len()));
        let start = Instant::now();
        let result = check(SourceText::from_str(&text), options);
        let dates = result.document.dates().mentions.len();
        let seconds = start.elapsed().as_secs_f64();
        println!(
            "long line of {name}: {:.1} MB in {seconds:.3} s ({:.1} MB/s), {dates} dates, {} findings",
            text.len() as f64 / 1e6,
            text.len() as f64 / 1e6 / seconds,
            result.diagnostics.len()
        );
    }
}
