//! `cablelint check`: collect files, check (and fix) them in parallel, print
//! the report in path order, and decide the exit status.

use crate::cli::{CheckArgs, FailOn, Format};
use crate::inputs::{self, ConfigSource, Input};
use crate::report::{FileReport, OffsetMap};
use crate::write::write_atomically;
use crate::{output, ExitStatus};
use cablelint_core::config::Config;
use cablelint_core::lint::{self, CheckOptions};
use cablelint_core::{Applicability, Severity, SourceText};
use rayon::prelude::*;
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::Arc;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Check,
    Fix(Applicability),
    Diff(Applicability),
}

struct Job {
    input: Input,
    options: Arc<CheckOptions>,
}

/// What one file produced: its report (unless it could not be read), and
/// errors that make the run fail with status 2.
struct Outcome {
    report: Option<FileReport>,
    errors: Vec<String>,
    /// For standard input under --fix: the fixed text, for stdout.
    fixed_stdin: Option<Vec<u8>>,
}

pub fn run(args: &CheckArgs) -> ExitStatus {
    if args.diff && args.format != Format::Human {
        eprintln!("error: --diff prints a unified diff; it cannot be combined with --format");
        return ExitStatus::Failure;
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
        eprintln!("error: `-` (standard input) may be given once");
        return ExitStatus::Failure;
    }

    let mut configs = if args.no_config {
        ConfigSource::fixed(Config::defaults_at(
            std::env::current_dir().unwrap_or_default(),
        ))
    } else if let Some(path) = &args.config {
        match Config::load(path) {
            Ok(config) => ConfigSource::fixed(config),
            Err(e) => {
                eprintln!("error: {e}");
                return ExitStatus::Failure;
            }
        }
    } else {
        ConfigSource::discover()
    };
    let collected = match inputs::collect(&paths, args.stdin_filename.as_deref(), &mut configs) {
        Ok(collected) => collected,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitStatus::Failure;
        }
    };
    let mut errors = collected.errors;
    let mut failed = false;
    if collected.inputs.is_empty() && errors.is_empty() {
        eprintln!("warning: no files to check");
    }

    let stdin_bytes = if stdin_count == 1 {
        let mut bytes = Vec::new();
        if let Err(e) = std::io::stdin().read_to_end(&mut bytes) {
            eprintln!("error: cannot read standard input: {e}");
            return ExitStatus::Failure;
        }
        bytes
    } else {
        Vec::new()
    };

    let mut inputs = collected.inputs;
    if let Some(shard) = args.shard {
        inputs.retain(|input| shard.contains(&input.display));
    }
    let jobs = jobs(inputs);
    let threads = args.threads.map_or(0, usize::from);
    let pool = match rayon::ThreadPoolBuilder::new().num_threads(threads).build() {
        Ok(pool) => pool,
        Err(e) => {
            eprintln!("error: cannot start worker threads: {e}");
            return ExitStatus::Failure;
        }
    };
    tracing::debug!(
        files = jobs.len(),
        threads = pool.current_num_threads(),
        "checking"
    );

    // Fixed standard input goes to stdout; the report moves to stderr.
    let report_to_stderr = matches!(mode, Mode::Fix(_)) && stdin_count == 1;
    let mut sink = if report_to_stderr {
        Sink::new(std::io::stderr().lock(), args.format)
    } else {
        Sink::new(std::io::stdout().lock(), args.format)
    };
    let mut writer = output::ReportWriter::new(&mut sink, args.format, args.fix);
    let mut diffs = DiffTotals::default();
    // Files are checked a batch at a time and reported in path order as each
    // batch ends, so memory holds one batch, whatever the number of files.
    let batch = (pool.current_num_threads() * 64).max(64);
    let mut written = Ok(());
    let progress = crate::progress::bar(jobs.len(), args.no_progress);
    for chunk in jobs.chunks(batch) {
        let outcomes: Vec<Outcome> = pool.install(|| {
            chunk
                .par_iter()
                .map(|job| process(job, mode, &stdin_bytes))
                .collect()
        });
        progress.inc(chunk.len() as u64);
        for outcome in outcomes {
            errors.extend(outcome.errors);
            if let Some(fixed) = outcome.fixed_stdin {
                let mut out = std::io::stdout().lock();
                written = written.and(out.write_all(&fixed).and_then(|()| out.flush()));
            }
            let Some(report) = outcome.report else {
                continue;
            };
            if written.is_err() {
                continue;
            }
            written = match mode {
                Mode::Diff(_) => {
                    diffs.add(&report);
                    write_diff(&mut std::io::stdout().lock(), &report)
                }
                _ => writer.file(&report),
            };
            failed |= fails(&report, args.fail_on);
        }
    }
    progress.finish_and_clear();
    let written = written.and_then(|()| match mode {
        Mode::Diff(_) => {
            diffs.print();
            Ok(())
        }
        _ => writer.finish(&errors).map(drop),
    });
    drop(sink);
    for error in &errors {
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

/// The report's stream: buffered (a report is many small writes), with ANSI
/// styles stripped only when the format has them and colour is off.
enum Sink {
    Raw(Box<dyn Write>),
    Strip(anstream::StripStream<Box<dyn Write>>),
}

impl Sink {
    fn new<W: Write + anstream::stream::RawStream + 'static>(raw: W, format: Format) -> Self {
        let colour = anstream::AutoStream::choice(&raw) != anstream::ColorChoice::Never;
        let buffered: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(64 * 1024, raw));
        if format == Format::Human && !colour {
            Sink::Strip(anstream::StripStream::new(buffered))
        } else {
            Sink::Raw(buffered)
        }
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Sink::Raw(w) => w.write(buf),
            Sink::Strip(w) => w.write(buf),
        }
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Raw(w) => w.write_all(buf),
            Sink::Strip(w) => w.write_all(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Raw(w) => w.flush(),
            Sink::Strip(w) => w.flush(),
        }
    }
}

/// One `CheckOptions` per distinct (configuration, file settings): files
/// that resolve alike share it.
fn jobs(inputs: Vec<Input>) -> Vec<Job> {
    let mut cache: HashMap<(usize, cablelint_core::config::FileSettings), Arc<CheckOptions>> =
        HashMap::new();
    inputs
        .into_iter()
        .map(|input| {
            let settings = input.config.settings_for(&input.absolute);
            let key = (Arc::as_ptr(&input.config) as usize, settings);
            let options = cache
                .entry(key)
                .or_insert_with_key(|(_, settings)| Arc::new(input.config.options_for(settings)))
                .clone();
            Job { input, options }
        })
        .collect()
}

fn process(job: &Job, mode: Mode, stdin_bytes: &[u8]) -> Outcome {
    let display = job.input.display.clone();
    let options = &*job.options;
    let outcome = |report| Outcome {
        report: Some(report),
        errors: Vec::new(),
        fixed_stdin: None,
    };
    let bytes = match &job.input.path {
        Some(path) => {
            // A file over the limit is not read at all: memory stays
            // bounded whatever its size.
            let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            if let Some(too_large) = options.limits.too_large(size) {
                let result = lint::check_too_large(too_large, options);
                return outcome(FileReport::new(display, &[], result, 0));
            }
            match std::fs::read(path) {
                Ok(bytes) => bytes,
                Err(e) => {
                    return Outcome {
                        report: None,
                        errors: vec![format!("{display}: cannot read: {e}")],
                        fixed_stdin: None,
                    }
                }
            }
        }
        None => stdin_bytes.to_vec(),
    };
    let has_bom = bytes.starts_with(BOM);
    match mode {
        Mode::Check => {
            // The offsets map needs the raw bytes only where they are not
            // UTF-8; then the text is decoded in place, not copied.
            let offsets = OffsetMap::new(&bytes, has_bom);
            let result = lint::check(SourceText::from_vec(bytes), options);
            outcome(FileReport::with_offsets(display, offsets, result, 0))
        }
        Mode::Diff(min) => {
            let source = SourceText::from_bytes(&bytes);
            let fixed = lint::fix(source.clone(), options, min);
            let diff = (fixed.fixes_applied > 0).then(|| {
                let new = source.to_file_string(&fixed.text);
                let diff = unified_diff(&display, &source.to_file_string(&source.text), &new);
                (diff, fixed.fixes_applied)
            });
            let mut report = FileReport::new(display, &bytes, lint::check(source, options), 0);
            report.diff = diff;
            outcome(report)
        }
        Mode::Fix(min) => fix_file(job, display, bytes, has_bom, min),
    }
}

/// `--fix` on one file: the original bytes are kept (to compare with the
/// file before replacing it); the text is fixed without further copies.
fn fix_file(
    job: &Job,
    display: String,
    bytes: Vec<u8>,
    has_bom: bool,
    min: Applicability,
) -> Outcome {
    let options = &*job.options;
    let mut errors = Vec::new();
    let is_stdin = job.input.path.is_none();
    let source = SourceText::from_bytes(&bytes);
    let invalid_at = source.invalid_utf8_at;
    let fixed = lint::fix(source, options, min);
    if let Some(at) = invalid_at {
        let fixable = fixed
            .result
            .diagnostics
            .iter()
            .any(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= min));
        if fixable {
            errors.push(format!(
                "{display}: not fixed: invalid UTF-8 at byte {at}; re-save the file as UTF-8"
            ));
        }
    }
    let fixes_applied = fixed.fixes_applied;
    let result = fixed.result;
    let new_bytes = SourceText::into_file_bytes(has_bom, fixed.text);
    if is_stdin {
        return Outcome {
            report: Some(FileReport::new(display, &new_bytes, result, fixes_applied)),
            errors,
            fixed_stdin: Some(if invalid_at.is_some() {
                bytes
            } else {
                new_bytes
            }),
        };
    }
    let report = if fixes_applied == 0 || new_bytes == bytes {
        FileReport::new(display, &bytes, result, 0)
    } else {
        let path = job.input.path.as_deref().expect("not stdin");
        match write_atomically(path, &bytes, &new_bytes) {
            Ok(()) => {
                drop(bytes);
                FileReport::new(display, &new_bytes, result, fixes_applied)
            }
            Err(e) => {
                errors.push(format!("{display}: not fixed: {e}"));
                drop(result);
                let recheck = lint::check(SourceText::from_bytes(&bytes), options);
                FileReport::new(display, &bytes, recheck, 0)
            }
        }
    };
    Outcome {
        report: Some(report),
        errors,
        fixed_stdin: None,
    }
}

const BOM: &[u8] = "\u{FEFF}".as_bytes();

fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// How many fixes `--diff` showed, in how many files.
#[derive(Default)]
struct DiffTotals {
    fixes: usize,
    files: usize,
}

impl DiffTotals {
    fn add(&mut self, report: &FileReport) {
        if let Some((_, fixes)) = &report.diff {
            self.fixes += fixes;
            self.files += 1;
        }
    }

    fn print(&self) {
        eprintln!(
            "Would fix {} problem{} in {} file{}.",
            self.fixes,
            if self.fixes == 1 { "" } else { "s" },
            self.files,
            if self.files == 1 { "" } else { "s" }
        );
    }
}

fn write_diff(out: &mut dyn Write, report: &FileReport) -> std::io::Result<()> {
    if let Some((diff, _)) = &report.diff {
        out.write_all(diff.as_bytes())?;
        out.flush()?;
    }
    Ok(())
}

fn fails(report: &FileReport, fail_on: FailOn) -> bool {
    let threshold = match fail_on {
        FailOn::Never => return false,
        FailOn::Hint => Severity::Hint,
        FailOn::Info => Severity::Info,
        FailOn::Warning => Severity::Warning,
        FailOn::Error => Severity::Error,
    };
    report
        .findings
        .iter()
        .any(|f| f.diagnostic.severity >= threshold)
}
