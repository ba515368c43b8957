//! `cablelint check`: collect files, check (and fix) them in parallel, print
//! the report in path order, and decide the exit status.

mod diff;
mod done;
mod early;
mod jobs;
mod process;
mod sink;

use crate::cache::{self, ResultCache};
use crate::cli::{CheckArgs, Format};
use crate::inputs::ConfigSource;
use crate::{output, ExitStatus};
use cablelint_core::config::{Config, SelectionOverride};
use cablelint_core::Applicability;
use diff::{write_diff, DiffTotals};
use done::{Done, Rendered};
use jobs::{jobs, Job};
use process::process;
use sink::Sink;
use std::io::{Read, Write};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Check,
    Fix(Applicability),
    Diff(Applicability),
}

/// `--select`, `--extend-select` and `--ignore`, resolved as `[rules]` is;
/// an error names the flag.
fn selection_override(args: &CheckArgs) -> Result<SelectionOverride, String> {
    let patterns = |flag: &str, items: &[String]| {
        SelectionOverride::patterns(items).map_err(|e| format!("`{flag}`: {e}"))
    };
    Ok(SelectionOverride {
        select: args
            .select
            .as_deref()
            .map(|items| patterns("--select", items))
            .transpose()?,
        extend_select: patterns("--extend-select", &args.extend_select)?,
        ignore: patterns("--ignore", &args.ignore)?,
    })
}

pub fn run(args: &CheckArgs) -> ExitStatus {
    if args.diff && args.format != Format::Human {
        return ExitStatus::error(
            "--diff prints a unified diff; it cannot be combined with --format",
        );
    }
    if args.statistics && !matches!(args.format, Format::Human | Format::Concise | Format::Json) {
        return ExitStatus::error(
            "--statistics prints a table (human, concise) or JSON (json), not a report for code scanning",
        );
    }
    let min = if args.unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let mode = match (args.fix, args.diff) {
        (true, _) => Mode::Fix(min),
        (_, true) => Mode::Diff(min),
        _ => Mode::Check,
    };
    let paths = match (args.paths.is_empty(), &args.stdin_filename) {
        (false, _) => args.paths.clone(),
        (true, Some(_)) => vec![PathBuf::from("-")],
        (true, None) => vec![PathBuf::from(".")],
    };
    let stdin_count = paths.iter().filter(|p| p.as_os_str() == "-").count();
    if stdin_count > 1 {
        return ExitStatus::error("`-` (standard input) may be given once");
    }

    let overrides = match selection_override(args) {
        Ok(overrides) => overrides,
        Err(e) => return ExitStatus::error(e),
    };
    let registry_cache = cache::registry_cache(
        args.no_cache,
        args.cache_dir.as_deref(),
        args.config.as_deref(),
        args.no_config,
    );
    let configs = if args.no_config {
        let mut config = Config::defaults_at(std::env::current_dir().unwrap_or_default());
        config
            .override_selection(&overrides)
            .map(|()| ConfigSource::fixed(config))
    } else if let Some(path) = &args.config {
        Config::load_with(path, &registry_cache).and_then(|mut config| {
            config.override_selection(&overrides)?;
            Ok(ConfigSource::fixed(config))
        })
    } else {
        ConfigSource::discover(overrides, registry_cache)
    };
    // Never dropped: the process ends with the run, and freeing a
    // 5,000-person registry piece by piece cost 17 M instructions.
    let mut configs = match configs {
        Ok(configs) => std::mem::ManuallyDrop::new(configs),
        Err(e) => return ExitStatus::error(e),
    };
    let threads_wanted = args
        .threads
        .map(usize::from)
        .or_else(|| std::thread::available_parallelism().ok().map(usize::from))
        .unwrap_or(1);
    // Fixed standard input goes to stdout; the report moves to stderr.
    let report_to_stderr = matches!(mode, Mode::Fix(_)) && stdin_count == 1;
    let mut sink = if report_to_stderr {
        Sink::new(std::io::stderr().lock(), args.format)
    } else {
        Sink::new(std::io::stdout().lock(), args.format)
    };
    let mut renderer = output::Renderer::new(args.format, sink.strips(), args.show_profiles);
    if args.statistics {
        renderer = renderer.counting_rules();
    }

    let checks_early =
        mode == Mode::Check && args.no_cache && stdin_count == 0 && threads_wanted > 1;
    tracing::debug!(checks_early, "collecting files");
    let (collected, early) = early::collect(&paths, args, &mut configs, checks_early, |job| {
        // Beside the walk: this thread is the only one spare.
        let outcome = process(job, mode, &[], None, 1);
        Done::of(outcome, mode, &renderer, args.fail_on)
    });
    let collected = match collected {
        Ok(collected) => collected,
        Err(e) => return ExitStatus::error(e),
    };
    let mut errors = collected.errors;
    let mut failed = false;
    if collected.inputs.is_empty() && errors.is_empty() {
        eprintln!("warning: no files to check");
    }

    let stdin_bytes = if stdin_count == 1 {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            return ExitStatus::error(format_args!("cannot read standard input: {e}"));
        }
        bytes
    } else {
        Vec::new()
    };

    let mut inputs = collected.inputs;
    if let Some(shard) = args.shard {
        inputs.retain(|input| shard.contains(&input.display));
    }
    let cache = (!args.no_cache).then(|| {
        ResultCache::new(cache::location(
            args.cache_dir.as_deref(),
            args.config.as_deref(),
            args.no_config,
        ))
    });
    let jobs = jobs(inputs, cache.is_some());
    // `--threads N`: N threads check, this one among them; it also writes
    // what they render, in path order.
    let threads = threads_wanted.min(jobs.len().max(1));
    // Fewer files than threads: each file may use the threads no other
    // file will (one big file on two threads). With as many files as
    // threads or more, files are the unit: splitting one would only take a
    // thread from another file.
    let threads_per_file = (threads_wanted / jobs.len().max(1)).max(1);
    tracing::debug!(files = jobs.len(), threads, threads_per_file, "checking");

    let mut writer = output::ReportWriter::new(&mut sink, args.format, args.fix);
    if args.statistics {
        writer = writer.counting_rules();
    }
    let mut diffs = DiffTotals::default();
    let mut written = Ok(());
    let progress = crate::progress::bar(jobs.len(), args.no_progress);
    let (mut reports, mut from_cache) = (0, 0);
    let work = |job: &Job| {
        if let Some(done) = early.as_ref().and_then(|early| early.take(job)) {
            return done;
        }
        let outcome = process(job, mode, &stdin_bytes, cache.as_ref(), threads_per_file);
        Done::of(outcome, mode, &renderer, args.fail_on)
    };
    // Writes one file's output, in path order.
    let write_done = |done: Done| {
        if let Some(progress) = &progress {
            progress.inc(1);
        }
        errors.extend(done.errors);
        if let Some(fixed) = done.fixed_stdin {
            let mut out = std::io::stdout().lock();
            written = std::mem::replace(&mut written, Ok(()))
                .and(out.write_all(&fixed).and_then(|()| out.flush()));
        }
        let Some(rendered) = done.rendered else {
            return;
        };
        reports += 1;
        from_cache += usize::from(done.from_cache);
        failed |= done.fails;
        if written.is_err() {
            return;
        }
        written = match rendered {
            Rendered::Diff(diff) => {
                diffs.add(diff.as_ref());
                write_diff(&mut std::io::stdout().lock(), diff.as_ref())
            }
            Rendered::Piece(piece) => piece.and_then(|piece| writer.piece(piece)),
            Rendered::Deferred(report) => writer.report(&report),
        };
    };
    crate::ordered::run_in_order(&jobs, threads, work, write_done);
    if let Some(progress) = &progress {
        progress.finish_and_clear();
    }
    let written = written.and_then(|()| match mode {
        Mode::Diff(_) => {
            diffs.print();
            Ok(())
        }
        _ => writer.finish(&errors).map(drop),
    });
    drop(sink);
    if let Some(cache) = &cache {
        // This run's pack goes in place (and the packs are compacted when due).
        cache.finish();
    }
    if args.cache_stats {
        print_cache_stats(cache.as_ref(), reports, from_cache);
    }
    exit_status(written, &errors, failed)
}

/// `--cache-stats`: how many of the files' reports came from the cache.
fn print_cache_stats(cache: Option<&ResultCache>, reports: usize, from_cache: usize) {
    match cache {
        Some(cache) => eprintln!(
            "Cache: {from_cache} of {reports} files from {}; {} checked, {} entries written.",
            cache.shown(),
            reports - from_cache,
            cache.written()
        ),
        None => eprintln!("Cache: off; {reports} files checked."),
    }
}

/// Says the run's errors; 2 for an error or a report not written, else 1
/// when a file has a finding at or above `--fail-on`, else 0.
fn exit_status(written: std::io::Result<()>, errors: &[String], failed: bool) -> ExitStatus {
    for error in errors {
        eprintln!("error: {error}");
    }
    if let Err(e) = written {
        // A closed pipe (`| head`) is not worth a message.
        if e.kind() != std::io::ErrorKind::BrokenPipe {
            eprintln!("error: cannot write the report: {e}");
        }
        return ExitStatus::Failure;
    }
    if !errors.is_empty() {
        ExitStatus::Failure
    } else if failed {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    }
}
