//! Settings the client sends (`initializationOptions`, `workspace/configuration`
//! for the section `cablelint`, `workspace/didChangeConfiguration`). A
//! `cablelint.toml` wins over them where both speak, so the editor shows
//! what CI reports.

use cablelint_core::{CheckOptions, Severity};
use serde::Deserialize;
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

    pub fn apply(&self, options: &mut CheckOptions) {
        if let Some(profile) = &self.profile {
            options.parse.profile = Some(profile.clone());
        }
        let selection = &mut options.selection;
        if let Some(select) = &self.select {
            selection.select = Some(select.clone());
        }
        selection
            .extend_select
            .extend(self.extend_select.iter().cloned());
        selection.ignore.extend(self.ignore.iter().cloned());
        for (code, severity) in &self.severity {
            selection.severity.insert(code.clone(), *severity);
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
        let error = Settings::from_value(&json!({"ignore": "B004"})).unwrap_err();
        assert!(error.contains("invalid cablelint settings"), "{error}");
    }
}
