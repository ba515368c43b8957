//! Globs in `cablelint.toml`, matched against paths relative to the file's
//! directory, the way `.gitignore` reads them: a pattern without `/` matches a
//! name at any depth, one with `/` matches from the configuration's directory;
//! `*` stays within one path component and `**` crosses them.

use globset::{GlobBuilder, GlobMatcher};
use std::path::Path;

#[derive(Debug, Clone)]
pub struct PathGlob {
    matcher: GlobMatcher,
    anchored: bool,
    /// For `*.ext` (a star, then characters no glob treats specially): the
    /// `.ext` a name must end with. Matched so, a walk's names need no
    /// glob engine (the default `*.cable` is the usual include).
    name_suffix: Option<String>,
}

impl PathGlob {
    pub fn new(pattern: &str) -> Result<PathGlob, String> {
        if pattern.trim().is_empty() {
            return Err("empty glob".to_owned());
        }
        let pattern = pattern.strip_prefix("./").unwrap_or(pattern);
        let anchored = pattern.trim_end_matches('/').contains('/');
        let pattern = pattern.trim_start_matches('/').trim_end_matches('/');
        let glob = GlobBuilder::new(pattern)
            .literal_separator(true)
            .backslash_escape(true)
            .build()
            .map_err(|e| format!("invalid glob `{pattern}`: {}", e.kind()))?;
        let name_suffix = pattern
            .strip_prefix('*')
            .filter(|rest| !anchored && !rest.contains(['*', '?', '[', ']', '{', '}', '\\', '/']))
            .map(str::to_owned);
        Ok(PathGlob {
            matcher: glob.compile_matcher(),
            anchored,
            name_suffix,
        })
    }

    /// Whether the glob names this path itself.
    pub fn matches_path(&self, relative: &Path) -> bool {
        if self.anchored {
            self.matcher.is_match(relative)
        } else {
            file_name(relative).is_some_and(|name| match &self.name_suffix {
                Some(suffix) => name.as_encoded_bytes().ends_with(suffix.as_bytes()),
                None => self.matcher.is_match(name),
            })
        }
    }

    /// Whether the glob names this path or a directory it lies in, so
    /// `exclude = ["drafts"]` covers everything under `drafts/`.
    pub fn matches_path_or_parent(&self, relative: &Path) -> bool {
        relative
            .ancestors()
            .filter(|p| !p.as_os_str().is_empty())
            .any(|p| self.matches_path(p))
    }
}

/// `path.file_name()`, read from the bytes when the last `/`-separated
/// part is a name (not empty, `.` or `..`): then it is the last component.
/// (`Path::file_name` parses components from the back: a third of what
/// `Config::is_included` cost each file of a walk.)
fn file_name(path: &Path) -> Option<&std::ffi::OsStr> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let bytes = path.as_os_str().as_bytes();
        let name = match bytes.iter().rposition(|&b| b == b'/') {
            Some(slash) => &bytes[slash + 1..],
            None => bytes,
        };
        if !matches!(name, b"" | b"." | b"..") {
            return Some(std::ffi::OsStr::from_bytes(name));
        }
    }
    path.file_name()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_name_is_what_path_file_name_gives() {
        for path in [
            "a.cable",
            "dir/a.cable",
            "/abs/dir/a.cable",
            "dir/",
            "dir/.",
            "dir/..",
            "dir//a",
            "./a",
            ".",
            "..",
            "/",
            "",
            "a/./",
            ".hidden",
            "dir/.hidden",
            "dir/..x",
            "dir/x.",
        ] {
            let path = Path::new(path);
            assert_eq!(file_name(path), path.file_name(), "{path:?}");
        }
    }

    /// `*.ext` globs matched by their suffix match what globset matches.
    #[test]
    fn suffix_globs_match_as_globset_matches() {
        let names = [
            "a.cable",
            ".cable",
            "cable",
            "a.cable.bak",
            "a.CABLE",
            "x/a.cable",
            "a.cable/",
            "姬鹏飞 𠀋.cable",
            "a.txt",
            "a.tx",
            ".txt",
            "a..cable",
            "a b.cable",
            "*.cable",
            "",
            "dir/sub/a.txt",
        ];
        let mut suffixed = 0;
        for pattern in [
            "*.cable",
            "*.txt",
            "*",
            "*cable",
            "*.ca?le",
            "*.[ct]xt",
            "*.{a,b}",
            "**/*.cable",
            "a/*.cable",
            "*.c\\able",
        ] {
            let glob = PathGlob::new(pattern).unwrap();
            suffixed += usize::from(glob.name_suffix.is_some());
            let engine = PathGlob {
                name_suffix: None,
                ..glob.clone()
            };
            for name in names {
                let path = Path::new(name);
                assert_eq!(
                    glob.matches_path(path),
                    engine.matches_path(path),
                    "{pattern} {name}"
                );
            }
        }
        assert_eq!(suffixed, 4, "*.cable, *.txt, *, *cable");
    }

    #[test]
    fn unanchored_globs_match_names_at_any_depth() {
        let glob = PathGlob::new("*.cable").unwrap();
        assert!(glob.matches_path(Path::new("a/b/c.cable")));
        assert!(!glob.matches_path(Path::new("a/b/c.txt")));
    }

    #[test]
    fn anchored_globs_match_from_the_root_and_stars_stay_in_a_component() {
        let glob = PathGlob::new("prc/*.cable").unwrap();
        assert!(glob.matches_path(Path::new("prc/a.cable")));
        assert!(!glob.matches_path(Path::new("x/prc/a.cable")));
        assert!(!glob.matches_path(Path::new("prc/sub/a.cable")));
        let deep = PathGlob::new("prc/**/*.cable").unwrap();
        assert!(deep.matches_path(Path::new("prc/sub/a.cable")));
    }

    #[test]
    fn directory_globs_cover_their_contents() {
        let glob = PathGlob::new("drafts/").unwrap();
        assert!(glob.matches_path_or_parent(Path::new("drafts/x/a.cable")));
        assert!(!glob.matches_path_or_parent(Path::new("final/a.cable")));
        let name = PathGlob::new("old").unwrap();
        assert!(name.matches_path_or_parent(Path::new("a/old/b.cable")));
    }

    #[test]
    fn bad_globs_are_errors() {
        assert_eq!(
            PathGlob::new("[a").unwrap_err(),
            "invalid glob `[a`: unclosed character class; missing ']'"
        );
        assert_eq!(PathGlob::new(" ").unwrap_err(), "empty glob");
    }
}
