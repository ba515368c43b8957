//! Settings the client sends (`initializationOptions`, `workspace/configuration`
//! for the section `cablelint`, `workspace/didChangeConfiguration`). They
//! fill in what `cablelint.toml` leaves unsaid: the file wins where both
//! speak, so the editor shows what CI reports (see `fill_in`).

use cablelint_core::config::Config;
use cablelint_core::officials::Romanisation;
use cablelint_core::{CheckOptions, Severity};
use serde::{Deserialize, Deserializer};
use serde_json::Value;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Settings {
    /// Profile for files that name none and have no configuration file.
    pub profile: Option<String>,
    pub select: Option<Vec<String>>,
    pub extend_select: Vec<String>,
    pub ignore: Vec<String>,
    pub severity: BTreeMap<String, Severity>,
    /// Let `source.fixAll.cablelint` apply unsafe fixes too.
    pub unsafe_fixes: bool,
    /// Where rule pages live; a rule's link is this base + `CODE.md`.
    pub docs_base_url: Option<String>,
    /// A `tracing` filter for the server's log (`info`, `debug`, `cablelint_lsp=trace`…).
    pub log_level: Option<String>,
    /// `pinyin` or `wade-giles`: the spelling rule O002 prefers.
    #[serde(deserialize_with = "romanisation")]
    pub romanisation: Option<Romanisation>,
}

fn romanisation<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Romanisation>, D::Error> {
    match Option::<String>::deserialize(d)? {
        None => Ok(None),
        Some(text) if text.is_empty() => Ok(None),
        Some(text) => Romanisation::parse(&text).map(Some).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "unknown romanisation `{text}`: expected `pinyin` or `wade-giles`"
            ))
        }),
    }
}

impl Settings {
    /// Reads settings from what a client sent: either the `cablelint`
    /// section itself or an object holding it. `null` means defaults.
    pub fn from_value(value: &Value) -> Result<Settings, String> {
        let section = value.get("cablelint").unwrap_or(value);
        if section.is_null() {
            return Ok(Settings::default());
        }
        Settings::deserialize(section).map_err(|e| format!("invalid cablelint settings: {e}"))
    }

    /// Lays these settings under `options`, which `config` made: each
    /// setting applies only where the file said nothing. The file's
    /// `select` replaces the setting's, `ignore` and `extend-select` add
    /// up, the file's severity for a code wins, a profile the file names
    /// for the document wins (and a directive in the text wins over both).
    pub fn fill_in(&self, options: &mut CheckOptions, config: &Config) {
        if options.parse.profile.is_none() {
            options.parse.profile = self.profile.clone();
        }
        let selection = &mut options.selection;
        if selection.select.is_none() {
            selection.select = self.select.clone();
        }
        selection
            .extend_select
            .extend(self.extend_select.iter().cloned());
        selection.ignore.extend(self.ignore.iter().cloned());
        for (code, severity) in &self.severity {
            selection.severity.entry(code.clone()).or_insert(*severity);
        }
        if config.romanisation.is_none() {
            if let Some(romanisation) = self.romanisation {
                options.romanisation = romanisation;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_the_section_or_a_wrapper_and_reports_bad_types() {
        let wrapped = json!({"cablelint": {"ignore": ["B004"], "severity": {"E": "hint"}, "unsafeFixes": true}});
        let settings = Settings::from_value(&wrapped).unwrap();
        assert_eq!(settings.ignore, ["B004"]);
        assert!(settings.unsafe_fixes);
        assert_eq!(settings.severity["E"], Severity::Hint);
        assert_eq!(
            Settings::from_value(&json!(null)).unwrap(),
            Settings::default()
        );
        assert_eq!(
            Settings::from_value(&json!({"profile": "generic"}))
                .unwrap()
                .profile
                .as_deref(),
            Some("generic")
        );
        assert_eq!(
            Settings::from_value(&json!({"romanisation": "wade-giles"}))
                .unwrap()
                .romanisation,
            Some(Romanisation::WadeGiles)
        );
        let error = Settings::from_value(&json!({"romanisation": "hepburn"})).unwrap_err();
        assert!(error.contains("unknown romanisation `hepburn`"), "{error}");
        let error = Settings::from_value(&json!({"ignore": "B004"})).unwrap_err();
        assert!(error.contains("invalid cablelint settings"), "{error}");
    }
}
