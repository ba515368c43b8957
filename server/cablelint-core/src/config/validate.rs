//! From the raw TOML shape to a [`Config`]: every code, profile id, glob,
//! severity and file reference is checked here, and a bad one is an error at
//! its own place in the file.

use super::error::{did_you_mean, ConfigError, Locator};
use super::globs::PathGlob;
use super::officials::{Entry, UserRegistries};
use super::raw::{in_file_order, RawConfig, RawLimits, SpannedStr};
use super::Config;
use super::RegistryCache;
use crate::diagnostic::Severity;
use crate::limits::{parse_size, Limits};
use crate::lint::RuleSelection;
use crate::officials::Romanisation;
use crate::profile::{Profile, ProfileSet};
use crate::rules;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

/// The selector that means every rule.
const ALL: &str = "ALL";

/// `load_registries`: whether a configuration that runs an O rule reads its
/// officials registries now (so a bad one fails the load).
pub(super) fn build(
    text: &str,
    path: &Path,
    cache: &RegistryCache,
    load_registries: bool,
) -> Result<Config, ConfigError> {
    let at = Locator::new(path, text);
    let raw: RawConfig = toml::from_str(text).map_err(|e| at.toml_error(&e))?;
    let root = path.parent().map(Path::to_owned).unwrap_or_default();

    let mut profiles = ProfileSet::builtin();
    for file in &raw.profile_files {
        let profile_path = root.join(file.get_ref());
        let profile_text = std::fs::read_to_string(&profile_path).map_err(|e| {
            at.error_at(
                file.span(),
                format!("cannot read profile file `{}`: {e}", profile_path.display()),
            )
        })?;
        profiles.insert(parse_profile_file(&profile_text, &profile_path)?);
    }
    for (i, profile) in raw.profile.into_iter().enumerate() {
        let span = profile.span();
        let index = i.to_string();
        check_profile(profile.get_ref(), |segments| {
            let mut path = vec!["profile", index.as_str()];
            path.extend_from_slice(segments);
            at.span_of(&path).unwrap_or(span.clone())
        })
        .map_err(|(span, message)| at.error_at(span, message))?;
        profiles.insert(profile.into_inner());
    }

    let mut read_files: Vec<std::path::PathBuf> = raw
        .profile_files
        .iter()
        .map(|f| root.join(f.get_ref()))
        .collect();
    for (id, fields) in in_file_order(raw.profile_labels) {
        let Some(known) = profiles.get(id.get_ref()) else {
            return Err(at.error_at(id.span(), unknown_profile(id.get_ref(), &profiles)));
        };
        let mut profile = known.clone();
        for (field, labels) in in_file_order(fields) {
            let field_id = field.get_ref();
            if field_id.trim().is_empty() || field_id.contains(char::is_whitespace) {
                return Err(at.error_at(
                    field.span(),
                    format!("invalid field id `{field_id}`: use letters, digits and dashes"),
                ));
            }
            if let Some(empty) = labels.iter().find(|l| l.get_ref().trim().is_empty()) {
                return Err(at.error_at(empty.span(), "a label cannot be empty"));
            }
            let labels: Vec<String> = labels.iter().map(|l| l.get_ref().clone()).collect();
            profile.add_labels(field_id, &labels);
        }
        profiles.insert(profile);
    }

    let selection = selection(&at, raw.rules)?;

    let mut default_profile = None;
    let mut profile_globs = Vec::new();
    for (key, id) in in_file_order(raw.profiles) {
        if profiles.get(id.get_ref()).is_none() {
            return Err(at.error_at(id.span(), unknown_profile(id.get_ref(), &profiles)));
        }
        if key.get_ref() == "default" {
            default_profile = Some(id.into_inner());
        } else {
            profile_globs.push((glob(&at, &key)?, id.into_inner()));
        }
    }

    let mut per_file_ignores = Vec::new();
    for (key, codes) in in_file_order(raw.per_file_ignores) {
        let codes = codes
            .iter()
            .map(|c| rule_pattern(&at, c))
            .collect::<Result<Vec<_>, _>>()?;
        per_file_ignores.push((glob(&at, &key)?, codes));
    }

    let include = match &raw.include {
        Some(globs) => globs
            .iter()
            .map(|g| glob(&at, g))
            .collect::<Result<_, _>>()?,
        None => vec![PathGlob::new(super::DEFAULT_INCLUDE).expect("valid default")],
    };
    let exclude = raw
        .exclude
        .iter()
        .map(|g| glob(&at, g))
        .collect::<Result<_, _>>()?;
    let officials_registries: Vec<_> = raw
        .officials
        .registries
        .iter()
        .map(|p| root.join(p.get_ref()))
        .collect();
    let officials = (!officials_registries.is_empty()).then(|| {
        let entries = raw
            .officials
            .registries
            .iter()
            .zip(&officials_registries)
            .map(|(written, path)| Entry {
                path: path.clone(),
                named_at: at.error_at(written.span(), String::new()),
            })
            .collect();
        Arc::new(UserRegistries::new(entries, cache.clone()))
    });
    read_files.extend(officials_registries.iter().cloned());
    let romanisation = raw
        .officials
        .romanisation
        .as_ref()
        .map(|r| romanisation(&at, r))
        .transpose()?;

    let limits = limits(&at, &raw.limits)?;

    let config = Config {
        path: Some(path.to_owned()),
        root,
        selection,
        profiles,
        default_profile,
        officials_registries,
        officials,
        romanisation,
        limits,
        read_files,
        include,
        exclude,
        profile_globs,
        per_file_ignores,
    };
    // A configuration that runs an O rule loads its registries now, so a bad
    // one is an error at start-up as it always was; others never read them.
    if load_registries && config.runs_officials_rules() {
        config.officials()?;
    }
    Ok(config)
}

/// `[limits]`: a size with a unit, or a number of bytes; a count.
fn limits(at: &Locator, raw: &RawLimits) -> Result<Limits, ConfigError> {
    let mut limits = Limits::default();
    if let Some(value) = &raw.max_file_size {
        let size = match value.get_ref() {
            toml::Value::String(text) => parse_size(text),
            toml::Value::Integer(n) => u64::try_from(*n).map_err(|_| format!("invalid size `{n}`")),
            other => Err(format!(
                "invalid type: {} `{other}`, expected a size such as \"64MB\"",
                other.type_str()
            )),
        }
        .map_err(|message| at.error_at(value.span(), message))?;
        if size == 0 {
            return Err(at.error_at(value.span(), "the size must be at least 1 byte"));
        }
        limits.max_file_size = size;
    }
    if let Some(value) = &raw.max_diagnostics_per_file {
        limits.max_diagnostics_per_file = match value.get_ref() {
            toml::Value::Integer(n) if *n >= 1 => usize::try_from(*n).unwrap_or(usize::MAX),
            other => {
                return Err(at.error_at(
                    value.span(),
                    format!("invalid value `{other}`: expected a whole number of at least 1"),
                ))
            }
        };
    }
    Ok(limits)
}

fn romanisation(at: &Locator, text: &SpannedStr) -> Result<Romanisation, ConfigError> {
    Romanisation::parse(text.get_ref()).ok_or_else(|| {
        let mut message = format!(
            "unknown romanisation `{}`: expected `pinyin` or `wade-giles`",
            text.get_ref()
        );
        if let Some(best) = did_you_mean(text.get_ref(), ["pinyin", "wade-giles"]) {
            message.push_str(&format!("; did you mean `{best}`?"));
        }
        at.error_at(text.span(), message)
    })
}

/// A profile file: one profile, in the format of the built-in ones.
fn parse_profile_file(text: &str, path: &Path) -> Result<Profile, ConfigError> {
    let at = Locator::new(path, text);
    let profile: Profile = toml::from_str(text).map_err(|e| at.toml_error(&e))?;
    check_profile(&profile, |segments| at.span_of(segments).unwrap_or(0..0))
        .map_err(|(span, message)| at.error_at(span, message))?;
    Ok(profile)
}

/// What serde cannot check about a profile: its id and its regexes.
fn check_profile(
    profile: &Profile,
    span_of: impl Fn(&[&str]) -> std::ops::Range<usize>,
) -> Result<(), (std::ops::Range<usize>, String)> {
    if profile.id.trim().is_empty() || profile.id.contains(char::is_whitespace) {
        return Err((
            span_of(&["id"]),
            format!(
                "invalid profile id `{}`: use letters, digits and dashes",
                profile.id
            ),
        ));
    }
    for (i, field) in profile.fields.iter().enumerate() {
        if let Some(pattern) = &field.pattern {
            if let Err(e) = regex::Regex::new(pattern) {
                let index = i.to_string();
                let detail = e.to_string();
                let last = detail.lines().last().unwrap_or_default().trim();
                return Err((
                    span_of(&["field", index.as_str(), "pattern"]),
                    format!("invalid regular expression `{pattern}`: {last}"),
                ));
            }
        }
    }
    Ok(())
}

fn selection(at: &Locator, raw: super::raw::RawRules) -> Result<RuleSelection, ConfigError> {
    let patterns = |list: &[SpannedStr]| -> Result<Vec<String>, ConfigError> {
        list.iter().map(|c| rule_pattern(at, c)).collect()
    };
    let mut selection = RuleSelection {
        select: raw.select.as_deref().map(patterns).transpose()?,
        extend_select: patterns(&raw.extend_select)?,
        ignore: patterns(&raw.ignore)?,
        severity: BTreeMap::new(),
    };
    // Longest key wins, for "off" as for levels: `B = "off"` with
    // `B004 = "hint"` leaves B004 on. So "off" is resolved per rule here.
    let mut levels: Vec<(String, Option<Severity>)> = Vec::new();
    for (key, value) in in_file_order(raw.severity) {
        let pattern = rule_pattern(at, &key)?;
        let level = match value.get_ref().as_str() {
            "off" => None,
            other => Some(Severity::parse(other).ok_or_else(|| {
                let mut message = format!(
                    "invalid severity `{other}`: expected `error`, `warning`, `info`, `hint` or `off`"
                );
                if let Some(best) =
                    did_you_mean(other, ["error", "warning", "info", "hint", "off"])
                {
                    message.push_str(&format!("; did you mean `{best}`?"));
                }
                at.error_at(value.span(), message)
            })?),
        };
        levels.retain(|(p, _)| *p != pattern);
        levels.push((pattern, level));
    }
    for rule in rules::all() {
        let code = rule.meta().code;
        let longest = levels
            .iter()
            .filter(|(p, _)| code.starts_with(p.as_str()))
            .max_by_key(|(p, _)| p.len());
        if let Some((_, None)) = longest {
            selection.ignore.push(code.to_owned());
        }
    }
    selection.severity = levels
        .into_iter()
        .filter_map(|(p, level)| level.map(|l| (p, l)))
        .collect();
    Ok(selection)
}

/// A rule code, a prefix of one, a rule name (→ its code) or `ALL` (→ the
/// empty prefix, which every code starts with).
fn rule_pattern(at: &Locator, text: &SpannedStr) -> Result<String, ConfigError> {
    resolve_rule_pattern(text.get_ref()).map_err(|message| at.error_at(text.span(), message))
}

/// [`rule_pattern`] of plain text (the command line's `--select`): the
/// error is the message alone.
pub(super) fn resolve_rule_pattern(text: &str) -> Result<String, String> {
    if text == ALL {
        return Ok(String::new());
    }
    let all = rules::all();
    if let Some(rule) = all.iter().find(|r| r.meta().name == text) {
        return Ok(rule.meta().code.to_owned());
    }
    if !text.is_empty() && all.iter().any(|r| r.meta().code.starts_with(text)) {
        return Ok(text.to_owned());
    }
    let mut message = format!("unknown rule code `{text}`");
    let candidates = all
        .iter()
        .flat_map(|r| [r.meta().code, r.meta().name])
        .chain([ALL]);
    if let Some(best) = did_you_mean(text, candidates) {
        message.push_str(&format!("; did you mean `{best}`?"));
    } else {
        message.push_str("; `cablelint rules` lists them");
    }
    Err(message)
}

fn unknown_profile(id: &str, profiles: &ProfileSet) -> String {
    let ids = profiles.ids();
    let mut message = format!("unknown profile `{id}`");
    match did_you_mean(id, ids.iter().copied()) {
        Some(best) => message.push_str(&format!("; did you mean `{best}`?")),
        None => message.push_str(&format!("; known profiles: {}", ids.join(", "))),
    }
    message
}

fn glob(at: &Locator, pattern: &SpannedStr) -> Result<PathGlob, ConfigError> {
    PathGlob::new(pattern.get_ref()).map_err(|message| at.error_at(pattern.span(), message))
}
