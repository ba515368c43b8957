//! A [`Job`] for each file: the options it is checked with, shared by the
//! files that resolve alike.

use crate::cache::{Digests, OptionsDigest};
use crate::inputs::Input;
use cablelint_core::lint::CheckOptions;
use std::collections::HashMap;
use std::sync::Arc;

pub(super) struct Job {
    pub(super) input: Input,
    pub(super) options: Arc<CheckOptions>,
    /// With the cache on, for files on disk: what their keys are made with.
    pub(super) digest: Option<OptionsDigest>,
}

/// Makes each file's [`Job`]: one `CheckOptions` per distinct
/// (configuration, file settings): files that resolve alike share it.
/// Their digest too, when the cache is on.
pub(super) struct JobMaker {
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
    pub(super) fn new(cached: bool) -> Self {
        JobMaker {
            cached,
            shared: HashMap::new(),
            uniform: HashMap::new(),
            last_uniform: None,
            digests: Digests::default(),
        }
    }

    pub(super) fn job(&mut self, input: Input) -> Job {
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

pub(super) fn jobs(inputs: Vec<Input>, cached: bool) -> Vec<Job> {
    let mut maker = JobMaker::new(cached);
    inputs.into_iter().map(|input| maker.job(input)).collect()
}
