//! Links from a diagnostic to its rule's page (`docs/rules/<CODE>.md`).
//!
//! The base comes from, in order: the client setting `docsBaseUrl`, the
//! `--docs-base-url` option, the pages shipped beside the binary
//! (`<exe dir>/docs/rules/`, or the repository's `docs/rules/` when run from
//! `target/<profile>/`), and last a placeholder on the project's
//! documented-invalid domain, [`PLACEHOLDER_BASE`].

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::OnceLock;
use tower_lsp_server::ls_types::Uri;

pub const PLACEHOLDER_BASE: &str = "https://example.invalid/cablelint/docs/rules/";

/// The base used when neither the client nor the command line gives one.
pub fn default_base() -> &'static str {
    static BASE: OnceLock<String> = OnceLock::new();
    BASE.get_or_init(|| {
        std::env::current_exe()
            .ok()
            .and_then(|exe| shipped_docs(&exe))
            .and_then(|dir| Uri::from_file_path(&dir))
            .map(|uri| format!("{}/", uri.as_str().trim_end_matches('/')))
            .unwrap_or_else(|| PLACEHOLDER_BASE.to_owned())
    })
}

fn shipped_docs(exe: &Path) -> Option<PathBuf> {
    let dir = exe.parent()?;
    let candidates = [
        dir.join("docs/rules"),
        // target/debug/cablelint → <repo>/docs/rules
        dir.parent()?.parent()?.join("docs/rules"),
    ];
    candidates.into_iter().find(|c| c.is_dir())
}

/// The page of rule `code` under `base`.
pub fn rule_link(base: &str, code: &str) -> Option<Uri> {
    let separator = if base.ends_with('/') { "" } else { "/" };
    Uri::from_str(&format!("{base}{separator}{code}.md")).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_join_base_and_code() {
        assert_eq!(
            rule_link(PLACEHOLDER_BASE, "B004").unwrap().as_str(),
            "https://example.invalid/cablelint/docs/rules/B004.md"
        );
        assert_eq!(
            rule_link("file:///opt/cablelint/docs/rules", "E002")
                .unwrap()
                .as_str(),
            "file:///opt/cablelint/docs/rules/E002.md"
        );
        assert!(rule_link("not a uri at all", "B004").is_none());
    }

    #[test]
    fn shipped_docs_are_found_beside_the_binary() {
        let dir = tempfile::tempdir().unwrap();
        let exe = dir.path().join("target/debug/cablelint");
        std::fs::create_dir_all(exe.parent().unwrap()).unwrap();
        assert_eq!(shipped_docs(&exe), None);
        std::fs::create_dir_all(dir.path().join("docs/rules")).unwrap();
        assert_eq!(shipped_docs(&exe), Some(dir.path().join("docs/rules")));
    }
}
