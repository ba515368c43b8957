//! Cache keys: one per (file content, everything else that decides what
//! `lint::check` reports for it).
//!
//! The hash is BLAKE3 rather than xxh3: a key stands in for "this file and
//! these settings were checked already", so a collision would print a wrong
//! report. BLAKE3 is cryptographic (no two files share a key, even crafted
//! ones) and still hashes at GB/s per core with SIMD, far below the cost of
//! reading and parsing a file; the `blake3` crate is the reference
//! implementation, kept by its authors.
//!
//! No rule sees a file's path (`CheckOptions` and the text are all a rule
//! gets), so the path is not in the key: what the path decides (profile by
//! glob, per-file ignores) is already in the file's `CheckOptions`.

use super::entry::FORMAT;
use cablelint_core::lint::CheckOptions;
use cablelint_officials::{Matcher, NameVariant, NativeName, Person, PersonName, Post};
use std::collections::HashMap;
use std::fmt::Write as _;

/// The key of one file's entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Key([u8; 32]);

impl Key {
    pub fn from_bytes(bytes: [u8; 32]) -> Key {
        Key(bytes)
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    pub fn to_hex(self) -> String {
        blake3::Hash::from(self.0).to_hex().to_string()
    }
}

/// A digest of the settings one file is checked with (the configuration as
/// resolved for it, the cablelint build): the key of a file is its bytes
/// hashed with this digest as the BLAKE3 key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct OptionsDigest([u8; 32]);

impl OptionsDigest {
    pub fn key_of(&self, file_bytes: &[u8]) -> Key {
        Key(*blake3::keyed_hash(&self.0, file_bytes).as_bytes())
    }
}

/// Computes [`OptionsDigest`]s, hashing each officials registry once however
/// many option sets share it (a user registry may hold 100,000 people).
#[derive(Default)]
pub struct Digests {
    registries: HashMap<usize, blake3::Hash>,
}

impl Digests {
    pub fn of(&mut self, options: &CheckOptions) -> OptionsDigest {
        // Destructured field by field: a new field in `CheckOptions` does not
        // compile here until someone decides how it enters the key.
        let CheckOptions {
            profiles,
            parse,
            selection,
            officials,
            romanisation,
            limits,
        } = options;
        let mut hasher = blake3::Hasher::new();
        hasher.update(b"cablelint result cache\0");
        hasher.update(&FORMAT.to_le_bytes());
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        hasher.update(&build_stamp());
        let mut text = HashText(&mut hasher);
        // `Debug` text is exact (every field, every string) and stable within
        // one build, which the key also names. A profile's `Debug` is its
        // definition alone (its prepared tables print as `..`).
        // The limits: the findings cap changes a result (the size limit is
        // applied before a file is read or looked up).
        let _ = write!(
            text,
            "\0{selection:?}\0{parse:?}\0{romanisation:?}\0{limits:?}"
        );
        for profile in profiles.iter() {
            let _ = write!(text, "\0{profile:?}");
        }
        match officials {
            // The built-in registry is part of the build.
            None => hasher.update(b"\0built-in officials"),
            Some(matcher) => match matcher.source_digest() {
                // A registry made through the compiled-registry cache is
                // named by a digest of what it is made from (version,
                // built-in registry, the files' bytes): reading 1,000 people field by
                // field cost 14 M instructions a run, the key nothing more.
                // The tags differ, so the two kinds of digest never meet.
                Some(source) => hasher.update(b"\0officials by source\0").update(source),
                None => {
                    let digest = *self
                        .registries
                        .entry(std::sync::Arc::as_ptr(matcher) as usize)
                        .or_insert_with(|| registry_digest(matcher));
                    hasher.update(b"\0officials\0").update(digest.as_bytes())
                }
            },
        };
        OptionsDigest(*hasher.finalize().as_bytes())
    }
}

fn registry_digest(matcher: &Matcher) -> blake3::Hash {
    let mut out = Fields(Vec::new());
    for person in matcher.registry().persons() {
        // Field by field, so a new field does not compile here unseen. Where
        // an entry was written (for go-to-definition) is no part of a check's
        // result: the same registry named by another path is the same.
        // Strings go in length-prefixed, as bytes: hashing their `Debug`
        // text (the earlier form) cost 73 M instructions per 1,000 people.
        let Person {
            id,
            name,
            native,
            variants,
            surname_alone,
            born,
            died,
            summary,
            posts,
            sources,
            origin: _,
        } = person;
        let PersonName {
            text,
            system,
            family,
            given,
            order,
        } = name;
        out.str(id);
        out.str(text);
        out.debug(system);
        out.str(family);
        out.opt_str(given.as_deref());
        out.debug(order);
        out.count(native.len());
        for NativeName { text, script } in native {
            out.str(text);
            out.debug(script);
        }
        out.count(variants.len());
        for variant in variants {
            let NameVariant {
                text,
                system,
                kind,
                family,
                alone,
            } = variant;
            out.str(text);
            out.debug(system);
            out.debug(kind);
            out.opt_str(family.as_deref());
            out.debug(alone);
        }
        out.debug(surname_alone);
        out.debug(born);
        out.debug(died);
        out.str(summary);
        out.count(posts.len());
        for post in posts {
            let Post {
                title,
                org,
                start,
                end,
                source,
                note,
            } = post;
            out.str(title);
            out.str(org);
            out.debug(start);
            out.debug(end);
            out.str(source);
            out.opt_str(note.as_deref());
        }
        out.count(sources.len());
        for source in sources {
            out.str(source);
        }
    }
    blake3::hash(&out.0)
}

/// Writes values into a buffer, hashed whole at the end (a BLAKE3 update
/// per small value cost more than the values), so that no two sequences of
/// them write the same bytes: strings and lists length-prefixed, small
/// values as their `Debug` text ended by a NUL (their `Debug` holds none).
struct Fields(Vec<u8>);

impl Fields {
    fn count(&mut self, n: usize) {
        self.0.extend_from_slice(&(n as u64).to_le_bytes());
    }

    fn str(&mut self, text: &str) {
        self.count(text.len());
        self.0.extend_from_slice(text.as_bytes());
    }

    fn opt_str(&mut self, text: Option<&str>) {
        match text {
            None => self.0.push(b'n'),
            Some(text) => {
                self.0.push(b's');
                self.str(text);
            }
        }
    }

    fn debug(&mut self, value: &impl std::fmt::Debug) {
        let _ = std::io::Write::write_fmt(&mut self.0, format_args!("{value:?}"));
        self.0.push(0);
    }
}

/// Names the build beyond its version: the linker's build-id, a digest of
/// the executable's code and data, so a rebuilt binary (a release build
/// from a working copy, a debug build after an edit) never reads results
/// another build wrote, while the same binary installed again (a CI run
/// that reinstalls it) still reads its own. Without a build-id a debug
/// build falls back to its executable's size and time; a release build to
/// its version alone, as ruff's cache does.
fn build_stamp() -> Vec<u8> {
    if let Some(id) = buildid::build_id() {
        let mut stamp = b"build-id ".to_vec();
        stamp.extend_from_slice(id);
        return stamp;
    }
    if !cfg!(debug_assertions) {
        return Vec::new();
    }
    let stamp = std::env::current_exe()
        .and_then(std::fs::metadata)
        .map(|m| {
            let modified = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("debug build {} {modified}", m.len())
        })
        .unwrap_or_default();
    stamp.into_bytes()
}

/// Feeds formatted text straight into a hasher, without building a string.
struct HashText<'a>(&'a mut blake3::Hasher);

impl std::fmt::Write for HashText<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.update(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cablelint_core::config::Config;
    use cablelint_core::Severity;
    use std::path::Path;

    const TEXT: &[u8] = "\u{FEFF}发往 𠀋 [] 乌鲁木齐\r\n".as_bytes();

    fn key(options: &CheckOptions, bytes: &[u8]) -> Key {
        Digests::default().of(options).key_of(bytes)
    }

    /// GNU and LLVM linkers on Linux write a build-id by default (Debian's
    /// and the Rust toolchain's do): were it missing, two release builds of
    /// one version would share results again.
    #[cfg(target_os = "linux")]
    #[test]
    fn the_build_is_named_by_its_build_id() {
        let stamp = build_stamp();
        assert!(stamp.starts_with(b"build-id "), "{stamp:?}");
        assert!(stamp.len() >= b"build-id ".len() + 16, "{stamp:?}");
        assert_eq!(stamp, build_stamp());
    }

    #[test]
    fn the_same_file_and_options_give_the_same_key() {
        let options = CheckOptions::default();
        assert_eq!(key(&options, TEXT), key(&options, TEXT));
        assert_eq!(key(&options, TEXT), key(&options.clone(), TEXT));
        assert_eq!(key(&options, TEXT).to_hex().len(), 64);
    }

    #[test]
    fn every_byte_and_every_setting_changes_the_key() {
        let base = CheckOptions::default();
        let mut keys = vec![key(&base, TEXT), key(&base, &TEXT[3..])];
        let mut crlf_to_lf = TEXT.to_vec();
        crlf_to_lf.retain(|&b| b != b'\r');
        keys.push(key(&base, &crlf_to_lf));
        let variants: Vec<fn(&mut CheckOptions)> = vec![
            |o| o.selection.ignore.push("B004".into()),
            |o| o.selection.extend_select.push("O003".into()),
            |o| o.selection.select = Some(vec!["B".into()]),
            |o| {
                o.selection.severity.insert("B004".into(), Severity::Hint);
            },
            |o| o.parse.profile = Some("prc-mfa-cable".into()),
            |o| {
                o.romanisation = cablelint_core::officials::Romanisation::WadeGiles;
            },
            |o| {
                let mut profile = o.profiles.get("generic").unwrap().clone();
                profile.conventions.house_ellipsis = "…".into();
                o.profiles.insert(profile);
            },
        ];
        for change in &variants {
            let mut options = base.clone();
            change(&mut options);
            keys.push(key(&options, TEXT));
        }
        let mut unique = keys.clone();
        unique.sort_by_key(|k| k.to_hex());
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "{keys:?}");
    }

    #[test]
    fn preparing_a_profile_does_not_change_the_key() {
        let options = CheckOptions::default();
        let before = key(&options, TEXT);
        for profile in options.profiles.iter() {
            profile.labels();
        }
        cablelint_core::lint::check(cablelint_core::SourceText::from_bytes(TEXT), &options);
        assert_eq!(key(&options, TEXT), before);
    }

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    const PERSON: &str = "[[person]]\nid = \"pavel-novak\"\nname = { text = \"Pavel Novák\", system = \"latin\", family = \"Novák\", given = \"Pavel\", order = \"given-first\" }\nsurname_alone = true\nsummary = \"A clerk.\"\nsources = [\"Our notes\"]\nposts = [{ title = \"Ambassador\", org = \"Czechoslovakia\", start = \"1960\", end = \"1964\", source = \"Our notes\" }]\n";

    const PROFILE: &str =
        "id = \"ours\"\nname = \"Ours\"\n[[field]]\nid = \"receiver\"\nlabels = [\"Receiver\"]\n";

    /// The key of a file under the configuration at `dir`, loaded afresh.
    fn key_under(dir: &Path) -> Key {
        let config = Config::load(&dir.join("cablelint.toml")).unwrap();
        key(&config.check_options(&dir.join("a.cable")), TEXT)
    }

    /// A scratch directory with this `cablelint.toml`.
    fn project(config: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        write(&dir.path().join("cablelint.toml"), config);
        dir
    }

    #[test]
    fn a_changed_registry_or_profile_file_changes_the_key() {
        let dir = project(
            "profile-files = [\"p/ours.toml\"]\n[officials]\nregistries = [\"o/ours.toml\"]\n",
        );
        let dir = dir.path();
        write(&dir.join("o/ours.toml"), PERSON);
        write(&dir.join("p/ours.toml"), PROFILE);
        let first = key_under(dir);
        assert_eq!(key_under(dir), first, "loading again is the same key");

        write(&dir.join("o/ours.toml"), &PERSON.replace("1964", "1965"));
        let registry_changed = key_under(dir);
        assert_ne!(registry_changed, first);

        write(
            &dir.join("p/ours.toml"),
            &PROFILE.replace("\"Receiver\"", "\"To\""),
        );
        let profile_changed = key_under(dir);
        assert_ne!(profile_changed, registry_changed);
        assert_ne!(profile_changed, first);
    }

    /// The key of a file checked with the registry `file`, made through the
    /// compiled-registry cache at `cache` as `cablelint check` makes it.
    fn key_with_compiled(file: &Path, cache: Option<&Path>) -> Key {
        let matcher = cablelint_officials::merged_matcher(&[file.to_path_buf()], cache).unwrap();
        assert_eq!(matcher.source_digest().is_some(), cache.is_some());
        let options = CheckOptions {
            officials: Some(std::sync::Arc::new(matcher)),
            ..CheckOptions::default()
        };
        key(&options, TEXT)
    }

    #[test]
    fn an_edited_registry_file_changes_the_key_through_the_compiled_cache() {
        let dir = tempfile::tempdir().unwrap();
        let (file, cache) = (dir.path().join("o/ours.toml"), dir.path().join("cache"));
        write(&file, PERSON);
        let cold = key_with_compiled(&file, Some(&cache));
        let warm = key_with_compiled(&file, Some(&cache));
        assert_eq!(warm, cold, "a cached registry is the same registry");

        write(&file, &PERSON.replace("1964", "1965"));
        let edited = key_with_compiled(&file, Some(&cache));
        assert_ne!(edited, cold);
        assert_eq!(key_with_compiled(&file, Some(&cache)), edited, "warm");

        write(&file, PERSON);
        assert_eq!(key_with_compiled(&file, Some(&cache)), cold, "back again");
        // The same bytes under another name: the same registry.
        let moved = dir.path().join("elsewhere/theirs.toml");
        write(&moved, PERSON);
        assert_eq!(key_with_compiled(&moved, Some(&cache)), cold, "moved");
        // Without the cache the people are read field by field: another
        // kind of digest, which never meets the cache's key.
        let parsed = key_with_compiled(&file, None);
        assert_ne!(parsed, cold);
        assert_ne!(parsed, edited);
    }

    #[test]
    fn per_file_ignores_and_profile_globs_give_files_their_own_keys() {
        let dir = project(
            "[profiles]\n\"prc/**\" = \"prc-mfa-cable\"\n[per-file-ignores]\n\"drafts/**\" = [\"B004\"]\n",
        );
        let dir = dir.path();
        let config = Config::load(&dir.join("cablelint.toml")).unwrap();
        let mut digests = Digests::default();
        let mut key_at = |path: &str| {
            digests
                .of(&config.check_options(&dir.join(path)))
                .key_of(TEXT)
        };
        let plain = key_at("a.cable");
        assert_eq!(key_at("b/c.cable"), plain, "same settings, same key");
        assert_ne!(key_at("prc/a.cable"), plain);
        assert_ne!(key_at("drafts/a.cable"), plain);
        assert_ne!(key_at("drafts/a.cable"), key_at("prc/a.cable"));
    }
}
