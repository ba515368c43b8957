//! A minimal reader of `cablelint.toml`, standing in for
//! `cablelint_core::config` until that lands: the lead swaps this module for
//! it (`discover`, `load`, `FileConfig::apply`, `add_label` are all the
//! server uses). Keys it does not know are left alone, so a file written for
//! the full configuration still loads.
//!
//! ```toml
//! profile = "prc-mfa-cable"            # for files with no profile directive
//! [rules]
//! select = ["B", "H"]                  # default: every rule enabled by default
//! extend-select = ["H009"]
//! ignore = ["B004"]
//! severity = { B004 = "error" }
//! [[profiles]]                         # whole profiles, as the built-in TOML ones
//! id = "my-collection"
//! name = "My collection"
//! [labels.prc-mfa-cable]               # more labels for a profile's fields;
//! telegraph-no = ["Telegraph No."]     # an id it lacks adds an optional field
//! ```

use cablelint_core::profile::{FieldSpec, Profile, ProfileSet};
use cablelint_core::{CheckOptions, Severity};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const FILE_NAME: &str = "cablelint.toml";

#[derive(Debug, Clone, PartialEq)]
pub struct ConfigError {
    pub message: String,
    /// Byte range in the file, when the error has a place.
    pub span: Option<Range<usize>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub struct FileConfig {
    profile: Option<Spanned<String>>,
    #[serde(default)]
    rules: Rules,
    #[serde(default)]
    profiles: Vec<Profile>,
    #[serde(default)]
    labels: BTreeMap<String, Spanned<BTreeMap<String, Vec<String>>>>,
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct Rules {
    select: Option<Vec<String>>,
    #[serde(default)]
    extend_select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: BTreeMap<String, Severity>,
}

/// The configuration file nearest to `dir`, looking upward.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

pub fn load(path: &Path) -> Result<FileConfig, ConfigError> {
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        message: format!("cannot read {}: {e}", path.display()),
        span: None,
    })?;
    parse(&text)
}

pub fn parse(text: &str) -> Result<FileConfig, ConfigError> {
    let config: FileConfig = toml::from_str(text).map_err(|e| ConfigError {
        message: e.message().trim().to_owned(),
        span: e.span(),
    })?;
    let mut known = ProfileSet::builtin();
    for profile in &config.profiles {
        known.insert(profile.clone());
    }
    let unknown = |id: &str, span: Range<usize>, what: &str| ConfigError {
        message: format!(
            "{what} `{id}` is not a known profile (known: {})",
            known.ids().join(", ")
        ),
        span: Some(span),
    };
    if let Some(profile) = &config.profile {
        if known.get(profile.get_ref()).is_none() {
            return Err(unknown(profile.get_ref(), profile.span(), "profile"));
        }
    }
    for (id, fields) in &config.labels {
        if known.get(id).is_none() {
            return Err(unknown(id, fields.span(), "labels for"));
        }
    }
    Ok(config)
}

impl FileConfig {
    /// Lays this file's settings over `options` (the file wins where it speaks).
    pub fn apply(&self, options: &mut CheckOptions) {
        for profile in &self.profiles {
            options.profiles.insert(profile.clone());
        }
        for (id, fields) in &self.labels {
            if let Some(mut profile) = options.profiles.get(id).cloned() {
                for (field, labels) in fields.get_ref() {
                    add_labels(&mut profile, field, labels);
                }
                options.profiles.insert(profile);
            }
        }
        if let Some(profile) = &self.profile {
            options.parse.profile = Some(profile.get_ref().clone());
        }
        let selection = &mut options.selection;
        if let Some(select) = &self.rules.select {
            selection.select = Some(select.clone());
        }
        selection
            .extend_select
            .extend(self.rules.extend_select.iter().cloned());
        selection.ignore.extend(self.rules.ignore.iter().cloned());
        for (code, severity) in &self.rules.severity {
            selection.severity.insert(code.clone(), *severity);
        }
    }
}

fn add_labels(profile: &mut Profile, field: &str, labels: &[String]) {
    match profile.fields.iter_mut().find(|f| f.id == field) {
        Some(spec) => {
            for label in labels {
                if !spec.labels.contains(label) {
                    spec.labels.push(label.clone());
                }
            }
        }
        None => {
            // Built through serde so the field's defaults stay the profile format's.
            let mut table = toml::Table::new();
            table.insert("id".into(), field.into());
            table.insert("labels".into(), labels.to_vec().into());
            match toml::Value::Table(table).try_into::<FieldSpec>() {
                Ok(spec) => profile.fields.push(spec),
                Err(error) => tracing::error!("cannot add field `{field}`: {error}"),
            }
        }
    }
}

/// `text` (a configuration file, possibly empty) with `label` added to
/// `field` of `profile`, formatting and comments kept.
pub fn add_label(text: &str, profile: &str, field: &str, label: &str) -> Result<String, String> {
    let mut document: toml_edit::DocumentMut = text
        .parse()
        .map_err(|e: toml_edit::TomlError| e.to_string())?;
    let labels = document
        .entry("labels")
        .or_insert_with(|| {
            let mut table = toml_edit::Table::new();
            table.set_implicit(true);
            toml_edit::Item::Table(table)
        })
        .as_table_like_mut()
        .ok_or("`labels` is not a table")?;
    let fields = labels
        .entry(profile)
        .or_insert(toml_edit::table())
        .as_table_like_mut()
        .ok_or_else(|| format!("`labels.{profile}` is not a table"))?;
    let list = fields
        .entry(field)
        .or_insert(toml_edit::value(toml_edit::Array::new()))
        .as_array_mut()
        .ok_or_else(|| format!("`labels.{profile}.{field}` is not a list"))?;
    if !list.iter().any(|v| v.as_str() == Some(label)) {
        list.push(label);
    }
    Ok(document.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_rules_profiles_and_labels() {
        let config = parse(
            "profile = \"prc-mfa-cable\"\nunknown-key = 1\n[rules]\nignore = [\"B004\"]\nseverity = { E002 = \"warning\" }\n\
             [labels.prc-mfa-cable]\ntelegraph-no = [\"Telegraph No.\"]\nreceiver = [\"Addressee\"]\n",
        )
        .unwrap();
        let mut options = CheckOptions::default();
        config.apply(&mut options);
        assert_eq!(options.parse.profile.as_deref(), Some("prc-mfa-cable"));
        assert_eq!(options.selection.ignore, ["B004"]);
        assert_eq!(options.selection.severity["E002"], Severity::Warning);
        let profile = options.profiles.get("prc-mfa-cable").unwrap();
        assert_eq!(
            profile.field("telegraph-no").unwrap().labels,
            ["Telegraph No."]
        );
        assert!(profile
            .field("receiver")
            .unwrap()
            .labels
            .contains(&"Addressee".to_owned()));
    }

    #[test]
    fn errors_name_their_place() {
        let text = "[rules]\nignore = \"B004\"\n";
        let error = parse(text).unwrap_err();
        assert_eq!(&text[error.span.clone().unwrap()], "\"B004\"", "{error:?}");
        let text = "profile = \"nope\"\n";
        let error = parse(text).unwrap_err();
        assert!(
            error.message.contains("`nope` is not a known profile"),
            "{error:?}"
        );
        assert_eq!(&text[error.span.unwrap()], "\"nope\"");
        assert!(parse("profile = \n").unwrap_err().span.is_some());
    }

    #[test]
    fn adding_a_label_keeps_the_rest_of_the_file() {
        let text = "# ours\nprofile = \"prc-mfa-cable\" # kept\n";
        let out = add_label(text, "prc-mfa-cable", "telegraph-no", "Telegraph No.").unwrap();
        assert_eq!(
            out,
            "# ours\nprofile = \"prc-mfa-cable\" # kept\n\n[labels.prc-mfa-cable]\ntelegraph-no = [\"Telegraph No.\"]\n"
        );
        let again = add_label(&out, "prc-mfa-cable", "telegraph-no", "电报号").unwrap();
        assert!(
            again.contains("telegraph-no = [\"Telegraph No.\", \"电报号\"]"),
            "{again}"
        );
        assert_eq!(
            add_label("", "generic", "x", "X").unwrap(),
            "[labels.generic]\nx = [\"X\"]\n"
        );
        assert!(add_label("labels = 3\n", "generic", "x", "X").is_err());
    }
}
