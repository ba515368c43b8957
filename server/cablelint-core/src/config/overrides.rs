//! Rule selection given on the command line (`--select`, `--extend-select`,
//! `--ignore`), laid over each configuration's `[rules]` as Ruff lays its
//! command line over `pyproject.toml`.

use super::validate::resolve_rule_pattern;
use super::{Config, ConfigError};

/// Codes, prefixes or rule names (or `ALL`), resolved and checked.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SelectionOverride {
    /// Replaces the configuration's `select`, `extend-select` and `ignore`
    /// (severities set to `off` included): what the command line names runs.
    pub select: Option<Vec<String>>,
    /// Run these as well.
    pub extend_select: Vec<String>,
    /// Never run these (per-file ignores still apply on top).
    pub ignore: Vec<String>,
}

impl SelectionOverride {
    /// Resolves each item as `[rules]` does; the error names the first item
    /// that is no rule, with the nearest one.
    pub fn patterns(items: &[String]) -> Result<Vec<String>, String> {
        items
            .iter()
            .map(|item| resolve_rule_pattern(item.trim()))
            .collect()
    }

    pub fn is_empty(&self) -> bool {
        self.select.is_none() && self.extend_select.is_empty() && self.ignore.is_empty()
    }
}

impl Config {
    /// Lays `over` on this configuration's rule selection. A selection that
    /// now runs an O rule loads the configured officials registries, so a
    /// bad one is reported here, naming file, line and field.
    pub fn override_selection(&mut self, over: &SelectionOverride) -> Result<(), ConfigError> {
        if over.is_empty() {
            return Ok(());
        }
        let selection = &mut self.selection;
        if let Some(select) = &over.select {
            selection.select = Some(select.clone());
            selection.extend_select.clear();
            selection.ignore.clear();
        }
        selection
            .extend_select
            .extend(over.extend_select.iter().cloned());
        selection.ignore.extend(over.ignore.iter().cloned());
        if self.runs_officials_rules() {
            self.officials()?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn enabled(config: &Config) -> Vec<&'static str> {
        crate::rules::all()
            .iter()
            .map(|r| r.meta())
            .filter(|m| config.selection.is_enabled(m.code, m.default_enabled))
            .map(|m| m.code)
            .collect()
    }

    fn over(select: Option<&[&str]>, extend: &[&str], ignore: &[&str]) -> SelectionOverride {
        let owned = |items: &[&str]| -> Vec<String> {
            let items: Vec<String> = items.iter().map(|s| s.to_string()).collect();
            SelectionOverride::patterns(&items).unwrap()
        };
        SelectionOverride {
            select: select.map(owned),
            extend_select: owned(extend),
            ignore: owned(ignore),
        }
    }

    const CONFIG: &str =
        "[rules]\nselect = [\"B\"]\nignore = [\"B004\"]\n\n[rules.severity]\nB007 = \"off\"\n";

    #[test]
    fn select_replaces_the_configured_selection_and_its_ignores() {
        let mut config = Config::from_toml_str(CONFIG, Path::new("/c/cablelint.toml")).unwrap();
        assert!(!enabled(&config).contains(&"B004"));
        config
            .override_selection(&over(Some(&["B004", "impossible-date"]), &[], &[]))
            .unwrap();
        assert_eq!(enabled(&config), ["B004", "D001"]);
    }

    #[test]
    fn extend_select_and_ignore_add_to_the_configured_selection() {
        let mut config = Config::from_toml_str(CONFIG, Path::new("/c/cablelint.toml")).unwrap();
        config
            .override_selection(&over(None, &["O003"], &["B001"]))
            .unwrap();
        assert_eq!(enabled(&config), ["B002", "B003", "B005", "B006", "O003"]);
        // ALL, then everything but the B family.
        let mut config = Config::default();
        config
            .override_selection(&over(Some(&["ALL"]), &[], &["B"]))
            .unwrap();
        let on = enabled(&config);
        assert!(on.contains(&"O003") && !on.iter().any(|c| c.starts_with('B')));
    }

    #[test]
    fn unknown_codes_name_the_nearest_rule() {
        let items = vec!["D001".to_owned(), " O009".to_owned()];
        assert_eq!(
            SelectionOverride::patterns(&items),
            Err("unknown rule code `O009`; did you mean `O003`?".to_owned())
        );
        assert_eq!(
            SelectionOverride::patterns(&["unclosed-bracket".to_owned()]),
            Ok(vec!["B001".to_owned()])
        );
    }

    #[test]
    fn selecting_an_o_rule_loads_the_registries_and_reports_a_bad_one() {
        let dir = std::env::temp_dir().join(format!("cablelint-override-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("people.toml"), "[[person]]\nid = 5\n").unwrap();
        let text = "[rules]\nselect = [\"B\"]\n\n[officials]\nregistries = [\"people.toml\"]\n";
        let mut config = Config::from_toml_str(text, &dir.join("cablelint.toml")).unwrap();
        let error = config
            .override_selection(&over(None, &["O001"], &[]))
            .unwrap_err()
            .to_string();
        assert!(error.contains("people.toml:2"), "{error}");
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
