//! The walk for files to check, and files checked while it still runs.

use super::done::Done;
use super::jobs::{Job, JobMaker};
use crate::cli::CheckArgs;
use crate::inputs::{self, Collected, ConfigSource, Input};
use cablelint_core::config::ConfigError;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// Collects the files `paths` name. With `checks_early`, a helper thread
/// runs `check` on the first files found (of this shard, if sharded) while
/// the walk goes on: see [`check_early`].
pub(super) fn collect(
    paths: &[PathBuf],
    args: &CheckArgs,
    configs: &mut ConfigSource,
    checks_early: bool,
    check: impl Fn(&Job) -> Done + Send,
) -> (Result<Collected, ConfigError>, Option<Early>) {
    let stdin_filename = args.stdin_filename.as_deref();
    if !checks_early {
        let collected = inputs::collect(paths, stdin_filename, configs, &mut |_| {});
        return (collected, None);
    }
    let walked = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let (found, receiver) = std::sync::mpsc::channel();
        let helper = scope.spawn(|| check_early(receiver, &walked, check));
        let mut sent = 0;
        let collected = inputs::collect(paths, stdin_filename, configs, &mut |input| {
            if sent < EARLY_FILES && args.shard.is_none_or(|s| s.contains(&input.display)) {
                sent += 1;
                // (The helper stops receiving only when the walk ends.)
                let _ = found.send(input.clone());
            }
        });
        walked.store(true, Ordering::Relaxed);
        drop(found);
        let early = helper
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (collected, Some(early))
    })
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
        if is_long(&input) {
            continue;
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

/// A long document waits for the ordered run, which checks it on two
/// threads when the run has fewer files than threads: here it would get one
/// (a walk of one file ends at once, and the other thread would idle).
fn is_long(input: &Input) -> bool {
    input
        .path()
        .and_then(|path| std::fs::metadata(path).ok())
        .is_some_and(|m| m.len() >= cablelint_core::lint::PARALLEL_FROM_BYTES as u64)
}

/// Files checked while the walk ran, by path as shown, with the absolute
/// path checked. Each is taken once, by whichever thread comes to it.
pub(super) struct Early {
    done: HashMap<Arc<str>, (PathBuf, Mutex<Option<Done>>)>,
    /// How many are not taken yet: once none is left (after the last of
    /// them in path order) files are not looked up.
    left: AtomicUsize,
}

impl Early {
    /// The result of a file checked early, if it was.
    pub(super) fn take(&self, job: &Job) -> Option<Done> {
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
