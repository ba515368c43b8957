//! `cablelint check`: collect files, check (and fix) them in parallel, print
//! the report in path order, and decide the exit status.

use crate::cache::{self, Checked, Digests, Key, OptionsDigest, ResultCache};
use crate::cli::{CheckArgs, FailOn, Format};
use crate::inputs::{self, ConfigSource, Input};
use crate::read::Opened;
use crate::report::{FileReport, OffsetMap};
use crate::write::write_atomically;
use crate::{output, ExitStatus};
use cablelint_core::config::{Config, SelectionOverride};
use cablelint_core::lint::{self, CheckOptions};
use cablelint_core::{Applicability, Severity, SourceText};
use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Check,
    Fix(Applicability),
    Diff(Applicability),
}

struct Job {
    input: Input,
    options: Arc<CheckOptions>,
    /// With the cache on, for files on disk: what their keys are made with.
    digest: Option<OptionsDigest>,
}

/// What one file produced: its report (unless it could not be read), and
/// errors that make the run fail with status 2.
struct Outcome {
    report: Option<FileReport>,
    errors: Vec<String>,
    /// For standard input under --fix: the fixed text, for stdout.
    fixed_stdin: Option<Vec<u8>>,
    /// The report came from the cache: the file was not checked.
    from_cache: bool,
}

/// An [`Outcome`] made ready to write on the thread that checked the file:
/// the report is rendered (and dropped), so writing is only copying bytes.
struct Done {
    rendered: Option<Rendered>,
    errors: Vec<String>,
    fixed_stdin: Option<Vec<u8>>,
    from_cache: bool,
    /// The file has a finding at or above `--fail-on`.
    fails: bool,
}

enum Rendered {
    /// `--diff`: the diff and how many fixes it shows, if any.
    Diff(Option<(String, usize)>),
    Piece(std::io::Result<output::Piece>),
    /// A report the writer renders as it writes it (a big one).
    Deferred(Box<FileReport>),
}

impl Done {
    fn of(outcome: Outcome, mode: Mode, renderer: &output::Renderer, fail_on: FailOn) -> Done {
        let fails = outcome.report.as_ref().is_some_and(|r| fails(r, fail_on));
        let rendered = outcome.report.map(|mut report| {
            let rendered = match mode {
                Mode::Diff(_) => Rendered::Diff(report.diff.take()),
                Mode::Check | Mode::Fix(_) if renderer.defers(&report) => {
                    // Its writing needs neither the text nor its lines.
                    report.lines = None;
                    recycle_text(&mut report);
                    return Rendered::Deferred(Box::new(report));
                }
                Mode::Check | Mode::Fix(_) => Rendered::Piece(renderer.render(&report)),
            };
            recycle_text(&mut report);
            rendered
        });
        Done {
            rendered,
            errors: outcome.errors,
            fixed_stdin: outcome.fixed_stdin,
            from_cache: outcome.from_cache,
            fails,
        }
    }
}

/// The text's buffer takes the next file this thread reads.
fn recycle_text(report: &mut FileReport) {
    if let Some(text) = report.text.take() {
        crate::read::recycle(text.into_bytes());
    }
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

    let overrides = match selection_override(args) {
        Ok(overrides) => overrides,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitStatus::Failure;
        }
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
        Err(e) => {
            eprintln!("error: {e}");
            return ExitStatus::Failure;
        }
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
    let renderer = output::Renderer::new(args.format, sink.strips(), args.show_profiles);

    let checks_early =
        mode == Mode::Check && args.no_cache && stdin_count == 0 && threads_wanted > 1;
    let walked = AtomicBool::new(false);
    tracing::debug!(checks_early, "collecting files");
    let (collected, early) = std::thread::scope(|scope| {
        if !checks_early {
            let collected = inputs::collect(
                &paths,
                args.stdin_filename.as_deref(),
                &mut configs,
                &mut |_| {},
            );
            return (collected, None);
        }
        let (found, receiver) = std::sync::mpsc::channel();
        let helper = scope.spawn(|| {
            check_early(receiver, &walked, |job| {
                let outcome = process(job, mode, &[], None);
                Done::of(outcome, mode, &renderer, args.fail_on)
            })
        });
        let mut sent = 0;
        let collected = inputs::collect(
            &paths,
            args.stdin_filename.as_deref(),
            &mut configs,
            &mut |input| {
                if sent < EARLY_FILES && args.shard.is_none_or(|s| s.contains(&input.display)) {
                    sent += 1;
                    // (The helper stops receiving only when the walk ends.)
                    let _ = found.send(input.clone());
                }
            },
        );
        walked.store(true, Ordering::Relaxed);
        drop(found);
        let early = helper
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (collected, Some(early))
    });
    let collected = match collected {
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
    tracing::debug!(files = jobs.len(), threads, "checking");

    let mut writer = output::ReportWriter::new(&mut sink, args.format, args.fix);
    let mut diffs = DiffTotals::default();
    let mut written = Ok(());
    let progress = crate::progress::bar(jobs.len(), args.no_progress);
    let (mut reports, mut from_cache) = (0, 0);
    let work = |job: &Job| {
        if let Some(done) = early.as_ref().and_then(|early| early.take(job)) {
            return done;
        }
        let outcome = process(job, mode, &stdin_bytes, cache.as_ref());
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
        match &cache {
            Some(cache) => eprintln!(
                "Cache: {from_cache} of {reports} files from {}; {} checked, {} entries written.",
                cache.shown(),
                reports - from_cache,
                cache.written()
            ),
            None => eprintln!("Cache: off; {reports} files checked."),
        }
    }
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
    Strip(Box<dyn Write>, anstream::adapter::StripBytes),
}

impl Sink {
    fn new<W: Write + anstream::stream::RawStream + 'static>(raw: W, format: Format) -> Self {
        let colour = anstream::AutoStream::choice(&raw) != anstream::ColorChoice::Never;
        let buffered: Box<dyn Write> = Box::new(std::io::BufWriter::with_capacity(64 * 1024, raw));
        if format == Format::Human && !colour {
            Sink::Strip(buffered, anstream::adapter::StripBytes::default())
        } else {
            Sink::Raw(buffered)
        }
    }

    fn strips(&self) -> bool {
        matches!(self, Sink::Strip(..))
    }
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf).map(|()| buf.len())
    }

    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        match self {
            Sink::Raw(w) => w.write_all(buf),
            Sink::Strip(w, stripper) => {
                for printable in stripper.strip_next(buf) {
                    w.write_all(printable)?;
                }
                Ok(())
            }
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Sink::Raw(w) | Sink::Strip(w, _) => w.flush(),
        }
    }
}

impl output::PieceSink for Sink {
    fn write_stripped(&mut self, bytes: &[u8]) -> std::io::Result<bool> {
        match self {
            Sink::Raw(_) => Ok(false),
            Sink::Strip(w, _) => w.write_all(bytes).map(|()| true),
        }
    }
}

/// Makes each file's [`Job`]: one `CheckOptions` per distinct
/// (configuration, file settings): files that resolve alike share it.
/// Their digest too, when the cache is on.
struct JobMaker {
    cached: bool,
    shared: HashMap<(usize, cablelint_core::config::FileSettings), SharedOptions>,
    /// A configuration without per-file settings gives every file the same
    /// options: they are looked up by the configuration alone, without
    /// matching each path against globs.
    uniform: HashMap<usize, SharedOptions>,
    /// Files of one configuration come together: the last one's options
    /// serve without hashing.
    last_uniform: Option<(usize, SharedOptions)>,
    digests: Digests,
}

type SharedOptions = (Arc<CheckOptions>, Option<OptionsDigest>);

impl JobMaker {
    fn new(cached: bool) -> Self {
        JobMaker {
            cached,
            shared: HashMap::new(),
            uniform: HashMap::new(),
            last_uniform: None,
            digests: Digests::default(),
        }
    }

    fn job(&mut self, input: Input) -> Job {
        let JobMaker {
            cached,
            shared,
            uniform,
            last_uniform,
            digests,
        } = self;
        let config = Arc::as_ptr(&input.config) as usize;
        let mut share = |settings| {
            shared
                .entry((config, settings))
                .or_insert_with_key(|(_, settings)| {
                    let options = input.config.options_for(settings);
                    let digest = cached.then(|| digests.of(&options));
                    (Arc::new(options), digest)
                })
                .clone()
        };
        let (options, digest) = if input.config.has_file_settings() {
            share(input.config.settings_for(&input.absolute))
        } else {
            match last_uniform {
                Some((last, shared)) if *last == config => shared.clone(),
                _ => {
                    let shared = uniform
                        .entry(config)
                        .or_insert_with(|| share(input.config.settings_for(&input.absolute)))
                        .clone();
                    *last_uniform = Some((config, shared.clone()));
                    shared
                }
            }
        };
        // Standard input is never cached (as in ruff).
        let digest = digest.filter(|_| !input.stdin);
        Job {
            input,
            options,
            digest,
        }
    }
}

/// The most files checked before the walk ends: about as many as one
/// thread checks while 20,000 files are walked.
const EARLY_FILES: usize = 512;

/// Checks files as the walk finds them, until it ends. With two threads or
/// more, a helper checks the first files found (at most [`EARLY_FILES`], so
/// memory stays bounded) while this thread walks, sorts and makes the jobs
/// (≈ 4 K instructions a file, on one thread, before any checking); the
/// ordered run then takes their results instead of checking them again.
/// Only for a plain check without the cache: it writes nothing, so checking
/// early changes neither what the walk finds nor the output.
fn check_early(
    found: std::sync::mpsc::Receiver<Input>,
    walked: &AtomicBool,
    check: impl Fn(&Job) -> Done,
) -> Early {
    let mut maker = JobMaker::new(false);
    let mut done = HashMap::new();
    for input in found {
        if walked.load(Ordering::Relaxed) {
            break;
        }
        let job = maker.job(input);
        let result = check(&job);
        done.insert(
            job.input.display,
            (job.input.absolute, Mutex::new(Some(result))),
        );
    }
    tracing::debug!(files = done.len(), "checked while the walk ran");
    Early {
        left: AtomicUsize::new(done.len()),
        done,
    }
}

/// Files checked while the walk ran, by path as shown, with the absolute
/// path checked. Each is taken once, by whichever thread comes to it.
struct Early {
    done: HashMap<Arc<str>, (PathBuf, Mutex<Option<Done>>)>,
    /// How many are not taken yet: once none is left (after the last of
    /// them in path order) files are not looked up.
    left: AtomicUsize,
}

impl Early {
    /// The result of a file checked early, if it was.
    fn take(&self, job: &Job) -> Option<Done> {
        if self.left.load(Ordering::Relaxed) == 0 {
            return None;
        }
        let (absolute, slot) = self.done.get(&job.input.display)?;
        if *absolute != job.input.absolute {
            return None;
        }
        let done = slot.lock().unwrap_or_else(|e| e.into_inner()).take()?;
        self.left.fetch_sub(1, Ordering::Relaxed);
        Some(done)
    }
}

fn jobs(inputs: Vec<Input>, cached: bool) -> Vec<Job> {
    let mut maker = JobMaker::new(cached);
    inputs.into_iter().map(|input| maker.job(input)).collect()
}

fn process(job: &Job, mode: Mode, stdin_bytes: &[u8], cache: Option<&ResultCache>) -> Outcome {
    let display = job.input.display.clone();
    let options = &*job.options;
    let bytes = match job.input.path() {
        Some(path) => {
            let opened = Opened::open(path);
            // A file over the limit is not read at all: memory stays
            // bounded whatever its size. (One that cannot be opened is
            // measured by its path, as before it was opened first.)
            let size = match &opened {
                Ok(opened) => opened.size(),
                Err(_) => std::fs::metadata(path).map(|m| m.len()).unwrap_or(0),
            };
            if let Some(too_large) = options.limits.too_large(size) {
                let result = lint::check_too_large(too_large, options);
                return Outcome::of(FileReport::new(display, &[], result, 0));
            }
            match opened.and_then(Opened::read_all) {
                Ok(bytes) => bytes,
                Err(e) => {
                    return Outcome {
                        report: None,
                        errors: vec![format!("{display}: cannot read: {e}")],
                        fixed_stdin: None,
                        from_cache: false,
                    }
                }
            }
        }
        None => stdin_bytes.to_vec(),
    };
    let has_bom = bytes.starts_with(BOM);
    let cache = cache.zip(job.digest);
    let key = cache.map(|(_, digest)| digest.key_of(&bytes));
    // `--fix` compares the file with its bytes before replacing it, so keeps
    // them; otherwise the text is decoded in place, not copied, and valid
    // UTF-8 (nearly every file) is validated once. The offsets map needs the
    // raw bytes only where they are not UTF-8.
    let (source, offsets, kept_bytes) = match mode {
        Mode::Fix(_) => (
            SourceText::from_bytes(&bytes),
            OffsetMap::new(&bytes, has_bom),
            Some(bytes),
        ),
        Mode::Check | Mode::Diff(_) => match crate::read::into_string(bytes) {
            Ok(text) => (
                SourceText::from_string(text),
                OffsetMap::for_valid_utf8(has_bom),
                None,
            ),
            Err(raw) => {
                let offsets = OffsetMap::new(&raw, has_bom);
                let source = SourceText::from_bytes(&raw);
                crate::read::recycle(raw);
                (source, offsets, None)
            }
        },
    };
    if let Some(checked) = usable_entry(cache, key, &source.text, mode) {
        let report = FileReport::from_checked(display, offsets, source, None, checked, 0);
        return Outcome {
            from_cache: true,
            ..Outcome::of(report)
        };
    }
    // Stores what this run found for the file whose bytes have this key.
    let store = |key: Option<Key>, report: &FileReport| {
        if let (Some((cache, _)), Some(key)) = (cache, key) {
            cache.put(&key, &Checked::of_report(report));
        }
    };
    let report = match (mode, kept_bytes) {
        (Mode::Fix(min), Some(bytes)) => {
            let fixed = fix_file(job, display, bytes, source, has_bom, min);
            // A rewritten file now holds the fixed text: its result is known.
            let key = match &fixed.written {
                Some(new_bytes) => cache.map(|(_, d)| d.key_of(new_bytes)),
                None => key,
            };
            if let Some(report) = &fixed.outcome.report {
                if fixed.outcome.fixed_stdin.is_none() {
                    store(key, report);
                }
            }
            return fixed.outcome;
        }
        (Mode::Diff(min), _) => {
            let fixed = lint::fix(source.clone(), options, min);
            let diff = (fixed.fixes_applied > 0).then(|| {
                let new = source.to_file_string(&fixed.text);
                let diff = unified_diff(&display, &source.to_file_string(&source.text), &new);
                (diff, fixed.fixes_applied)
            });
            let mut report =
                FileReport::with_offsets(display, offsets, lint::check(source, options), 0);
            report.diff = diff;
            report
        }
        _ => FileReport::with_offsets(display, offsets, lint::check(source, options), 0),
    };
    store(key, &report);
    Outcome::of(report)
}

impl Outcome {
    fn of(report: FileReport) -> Outcome {
        Outcome {
            report: Some(report),
            errors: Vec::new(),
            fixed_stdin: None,
            from_cache: false,
        }
    }
}

/// What `--fix` did to one file, and the bytes it wrote, if any.
struct Fixed {
    outcome: Outcome,
    written: Option<Vec<u8>>,
}

/// `--fix` on one file: the original bytes are kept (to compare with the
/// file before replacing it); the text is fixed without further copies.
fn fix_file(
    job: &Job,
    display: Arc<str>,
    bytes: Vec<u8>,
    source: SourceText,
    has_bom: bool,
    min: Applicability,
) -> Fixed {
    let options = &*job.options;
    let mut errors = Vec::new();
    let is_stdin = job.input.stdin;
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
        let report = FileReport::new(display, &new_bytes, result, fixes_applied);
        let fixed_stdin = Some(if invalid_at.is_some() {
            bytes
        } else {
            new_bytes
        });
        return Fixed {
            outcome: Outcome {
                errors,
                fixed_stdin,
                ..Outcome::of(report)
            },
            written: None,
        };
    }
    let (report, written) = if fixes_applied == 0 || new_bytes == bytes {
        (FileReport::new(display, &bytes, result, 0), None)
    } else {
        let path = job.input.path().expect("not stdin");
        match write_atomically(path, &bytes, &new_bytes) {
            Ok(()) => {
                drop(bytes);
                let report = FileReport::new(display, &new_bytes, result, fixes_applied);
                (report, Some(new_bytes))
            }
            Err(e) => {
                errors.push(format!("{display}: not fixed: {e}"));
                drop(result);
                let recheck = lint::check(SourceText::from_bytes(&bytes), options);
                (FileReport::new(display, &bytes, recheck, 0), None)
            }
        }
    };
    Fixed {
        outcome: Outcome {
            errors,
            ..Outcome::of(report)
        },
        written,
    }
}

/// The cached result of a file, if there is one and it is all this mode
/// needs: under --fix and --diff, a file with a fix to apply is checked.
fn usable_entry(
    cache: Option<(&ResultCache, OptionsDigest)>,
    key: Option<Key>,
    text: &str,
    mode: Mode,
) -> Option<Checked> {
    let checked = cache?.0.get(&key?, text)?;
    let enough = match mode {
        Mode::Check => true,
        Mode::Fix(min) | Mode::Diff(min) => !checked.has_fix(min),
    };
    enough.then_some(checked)
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
    fn add(&mut self, diff: Option<&(String, usize)>) {
        if let Some((_, fixes)) = diff {
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

fn write_diff(out: &mut dyn Write, diff: Option<&(String, usize)>) -> std::io::Result<()> {
    if let Some((diff, _)) = diff {
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
    report.diagnostics.iter().any(|d| d.severity >= threshold)
}
