//! The shape of `cablelint.toml` as serde reads it. Values that later checks
//! judge (codes, profile ids, globs, paths) keep their spans.

use crate::profile::Profile;
use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

pub type SpannedStr = Spanned<String>;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawConfig {
    /// Globs of files a directory walk checks (default `*.cable`).
    pub include: Option<Vec<SpannedStr>>,
    /// Globs of files and directories a walk skips.
    #[serde(default)]
    pub exclude: Vec<SpannedStr>,
    /// Profile TOML files to load (same format as the built-in profiles).
    #[serde(default)]
    pub profile_files: Vec<SpannedStr>,
    #[serde(default)]
    pub rules: RawRules,
    /// Glob → profile id, plus the key `default`.
    #[serde(default)]
    pub profiles: BTreeMap<SpannedStr, SpannedStr>,
    /// Profiles written inline: `[[profile]]`.
    #[serde(default)]
    pub profile: Vec<Spanned<Profile>>,
    /// Glob → codes to ignore in matching files.
    #[serde(default)]
    pub per_file_ignores: BTreeMap<SpannedStr, Vec<SpannedStr>>,
    #[serde(default)]
    pub officials: RawOfficials,
    /// Profile id → field id → more translation labels for that field.
    #[serde(default)]
    pub profile_labels: BTreeMap<SpannedStr, BTreeMap<SpannedStr, Vec<SpannedStr>>>,
    #[serde(default)]
    pub limits: RawLimits,
}

/// `[limits]`: values are checked (and their units read) in `validate`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawLimits {
    /// A size: `"64MB"`, `"512KiB"`, or a number of bytes.
    pub max_file_size: Option<Spanned<toml::Value>>,
    /// A count.
    pub max_diagnostics_per_file: Option<Spanned<toml::Value>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawRules {
    pub select: Option<Vec<SpannedStr>>,
    #[serde(default)]
    pub extend_select: Vec<SpannedStr>,
    #[serde(default)]
    pub ignore: Vec<SpannedStr>,
    /// Code or prefix → `error|warning|info|hint|off`.
    #[serde(default)]
    pub severity: BTreeMap<SpannedStr, SpannedStr>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct RawOfficials {
    /// Officials registry files (used by the officials rules).
    #[serde(default)]
    pub registries: Vec<SpannedStr>,
    /// `pinyin` or `wade-giles` (rule O002).
    pub romanisation: Option<SpannedStr>,
}

/// Entries of a TOML table in the order they were written (serde hands them
/// over sorted by key).
pub fn in_file_order<V>(map: BTreeMap<SpannedStr, V>) -> Vec<(SpannedStr, V)> {
    let mut entries: Vec<_> = map.into_iter().collect();
    entries.sort_by_key(|(k, _)| k.span().start);
    entries
}
