//! A cache of compiled user registries: the built-in registry with user
//! registry files merged over it, in the compact form of `codec.rs`, with
//! the matcher's tables, keyed by everything they are made from.
//!
//! Parsing 1,000 people of TOML and building their matcher costs about
//! 125 M instructions; decoding the compiled form costs a small fraction of
//! that. A cache file is trusted only whole: its magic, format, key and a
//! BLAKE3 checksum of its contents must match and both parts must decode,
//! else the files are parsed again (and the cache rewritten) — a damaged
//! cache can cost time, never change a result or stop a run.

use crate::load::{parse_registry, LoadError};
use crate::matcher::tables::MatcherTables;
use crate::{codec, Matcher, Registry};
use std::path::{Path, PathBuf};
use std::sync::Arc;

const MAGIC: &[u8; 8] = b"CLOFFREG";
/// Raised whenever the layout or the meaning of the stored parts changes
/// (2: the built-in people by place, the first words' order; 3: a written
/// "second" or "third" in title senses). The format
/// is part of each file's key and name, and is checked again on reading:
/// a file of another format is never read, only rebuilt.
const FORMAT: u32 = 3;
/// The build script's digest of the built-in registry and the matcher's
/// tables over it (`build.rs`): hashing the encoded built-in registry at
/// every run cost more than a tenth of reading a large user registry.
const BUILTIN_DIGEST: &[u8; 32] = include_bytes!(concat!(env!("OUT_DIR"), "/builtin-digest.bin"));
const KEY_LEN: usize = 32;
const HEADER_LEN: usize = MAGIC.len() + 4 + KEY_LEN + 8;

/// What the cache did for one [`merged_matcher_cached`] call, for logs and
/// tests.
#[derive(Debug)]
pub enum CacheUse {
    /// No cache folder was given.
    Off,
    /// The compiled form was read from this file.
    Read(PathBuf),
    /// The registries were parsed and their compiled form written here.
    Written(PathBuf),
    /// The registries were parsed; the compiled form could not be written
    /// (the next load parses again).
    NotWritten(PathBuf, std::io::Error),
}

/// The built-in registry with `files` merged over it (later files override
/// earlier entries with the same id), and its matcher; with `cache_dir`, the
/// compiled form is read from there when it matches and written when not.
/// The error names the index of the file at fault.
pub fn merged_matcher(
    files: &[PathBuf],
    cache_dir: Option<&Path>,
) -> Result<Matcher, (usize, LoadError)> {
    merged_matcher_cached(files, cache_dir).map(|(matcher, _)| matcher)
}

/// [`merged_matcher`], saying what the cache did.
pub fn merged_matcher_cached(
    files: &[PathBuf],
    cache_dir: Option<&Path>,
) -> Result<(Matcher, CacheUse), (usize, LoadError)> {
    // Bytes, not text: a file found in the cache needs no check that it
    // is UTF-8 (its key is made from its bytes, and only a file that was
    // compiled has a cache file).
    let mut contents: Vec<(String, Vec<u8>)> = Vec::with_capacity(files.len());
    for (index, path) in files.iter().enumerate() {
        let origin = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => contents.push((origin, bytes)),
            Err(error) => {
                // Files are reported in order, as when each is parsed in
                // turn: a fault in an earlier one comes first.
                compile(&texts_of(contents)?)?;
                return Err((index, unreadable(origin, &error)));
            }
        }
    }
    let Some(dir) = cache_dir else {
        return compile(&texts_of(contents)?)
            .map(|registry| (registry.into_matcher(), CacheUse::Off));
    };
    let (key, source) = keys_of(&contents);
    let file = dir.join(format!("officials-{}.bin", key.to_hex()));
    if let Some(matcher) = std::fs::read(&file).ok().and_then(|b| read(b, &key)) {
        return Ok((
            matcher.with_source(*source.as_bytes()),
            CacheUse::Read(file),
        ));
    }
    let registry = compile(&texts_of(contents)?)?;
    let tables = MatcherTables::build(&registry);
    // A cache that cannot be written is no error: the next load parses again.
    let used = match write(dir, &file, &key, &registry, &tables) {
        Ok(()) => CacheUse::Written(file),
        Err(error) => CacheUse::NotWritten(file, error),
    };
    let matcher = Matcher::with_tables(Arc::new(registry), tables);
    Ok((matcher.with_source(*source.as_bytes()), used))
}

/// The files' bytes as text, in order; the error of the first that is not
/// UTF-8 is what reading it as text gives (after the faults of the files
/// before it, as when each is parsed in turn).
fn texts_of(contents: Vec<(String, Vec<u8>)>) -> Result<Vec<(String, String)>, (usize, LoadError)> {
    let mut texts = Vec::with_capacity(contents.len());
    for (index, (origin, bytes)) in contents.into_iter().enumerate() {
        match String::from_utf8(bytes) {
            Ok(text) => texts.push((origin, text)),
            Err(not_text) => {
                let error = match std::io::read_to_string(not_text.as_bytes()) {
                    Err(error) => error,
                    Ok(_) => {
                        std::io::Error::new(std::io::ErrorKind::InvalidData, not_text.utf8_error())
                    }
                };
                compile(&texts)?;
                return Err((index, unreadable(origin, &error)));
            }
        }
    }
    Ok(texts)
}

fn unreadable(origin: String, error: &std::io::Error) -> LoadError {
    LoadError {
        origin,
        line: 0,
        column: 0,
        field: None,
        span: None,
        message: format!("cannot read file: {error}"),
    }
}

fn compile(texts: &[(String, String)]) -> Result<Registry, (usize, LoadError)> {
    let mut registry = Registry::builtin().clone();
    for (index, (origin, text)) in texts.iter().enumerate() {
        registry.merge(parse_registry(text, origin).map_err(|e| (index, e))?);
    }
    Ok(registry)
}

/// Everything the compiled form depends on: this build (its build-id,
/// version, built-in registry and the tables over it), and each file's name (people keep where they were
/// written) and bytes, in order.
#[cfg(test)]
fn key_of<T: AsRef<[u8]>>(texts: &[(String, T)]) -> blake3::Hash {
    keys_of(texts).0
}

/// The compiled form's key (see `key_of`) and the matcher's source digest
/// ([`Matcher::source_digest`]): the same input without the files' names,
/// which decide only where people were written, no check's result — so a
/// registry named by another path keeps its result-cache entries. The key
/// is made from the digest and the names, so every byte is hashed once.
fn keys_of<T: AsRef<[u8]>>(texts: &[(String, T)]) -> (blake3::Hash, blake3::Hash) {
    let mut source = blake3::Hasher::new();
    source.update(b"cablelint officials registry source\0");
    source
        .update(env!("CARGO_PKG_VERSION").as_bytes())
        .update(b"\0");
    for part in
        std::iter::once(&BUILTIN_DIGEST[..]).chain(texts.iter().map(|(_, text)| text.as_ref()))
    {
        source
            .update(&(part.len() as u64).to_le_bytes())
            .update(part);
    }
    let source = source.finalize();
    let mut key = blake3::Hasher::new();
    key.update(MAGIC).update(&FORMAT.to_le_bytes());
    // The build that compiles: one rebuilt from changed code (a title's
    // sense, a table's layout) never reads what another build wrote, even
    // when FORMAT and the version stay. Without a build-id, FORMAT alone.
    key.update(buildid::build_id().unwrap_or_default());
    key.update(source.as_bytes());
    for (origin, _) in texts {
        key.update(&(origin.len() as u64).to_le_bytes())
            .update(origin.as_bytes());
    }
    (key.finalize(), source)
}

fn encode(key: &blake3::Hash, registry: &Registry, tables: &MatcherTables) -> Vec<u8> {
    let registry = codec::encode_over(registry, Registry::builtin());
    let mut out = Vec::with_capacity(HEADER_LEN + registry.len() * 2);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT.to_le_bytes());
    out.extend_from_slice(key.as_bytes());
    out.extend_from_slice(&(registry.len() as u64).to_le_bytes());
    out.extend_from_slice(&registry);
    out.extend_from_slice(&tables.encode());
    let checksum = blake3::hash(&out);
    out.extend_from_slice(checksum.as_bytes());
    out
}

/// The matcher a cache file holds, or None unless it is whole and made
/// from this input.
fn read(bytes: Vec<u8>, key: &blake3::Hash) -> Option<Matcher> {
    let body_len = bytes.len().checked_sub(KEY_LEN)?;
    if body_len < HEADER_LEN
        || &bytes[..MAGIC.len()] != MAGIC
        || bytes[MAGIC.len()..MAGIC.len() + 4] != FORMAT.to_le_bytes()
        || bytes[MAGIC.len() + 4..MAGIC.len() + 4 + KEY_LEN] != *key.as_bytes()
        || blake3::hash(&bytes[..body_len]).as_bytes()[..] != bytes[body_len..]
    {
        return None;
    }
    let len_at = HEADER_LEN - 8;
    let registry_len = u64::from_le_bytes(bytes[len_at..HEADER_LEN].try_into().ok()?);
    let registry_end = HEADER_LEN.checked_add(usize::try_from(registry_len).ok()?)?;
    if registry_end > body_len {
        return None;
    }
    let registry = codec::decode_over(&bytes[HEADER_LEN..registry_end], Registry::builtin())?;
    // The tables copy what they keep: a language server reads registries
    // at every reload, and leaked bytes would add up.
    let tables = MatcherTables::decode(&bytes[registry_end..body_len], &registry)?;
    Some(Matcher::with_tables(Arc::new(registry), tables))
}

/// Written to a temporary file renamed into place, so a reader never sees
/// half a file (and a crash leaves at worst a stray temporary).
fn write(
    dir: &Path,
    file: &Path,
    key: &blake3::Hash,
    registry: &Registry,
    tables: &MatcherTables,
) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let temporary = dir.join(format!(
        ".officials-{}.{}.tmp",
        key.to_hex(),
        std::process::id()
    ));
    std::fs::write(&temporary, encode(key, registry, tables))?;
    std::fs::rename(&temporary, file).inspect_err(|_| {
        let _ = std::fs::remove_file(&temporary);
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synthetic::registry_toml;

    struct Setup {
        _scratch: tempfile::TempDir,
        files: Vec<PathBuf>,
        cache: PathBuf,
        text: String,
    }

    fn setup() -> Setup {
        let scratch = tempfile::tempdir().expect("a scratch directory");
        let (toml, names) = registry_toml(40, 11);
        let (other, _) = registry_toml(5, 12);
        let files = vec![scratch.path().join("a.toml"), scratch.path().join("b.toml")];
        std::fs::write(&files[0], toml).unwrap();
        std::fs::write(&files[1], other).unwrap();
        let text = names
            .iter()
            .map(|n| format!("Minister {} met {} today.", n.full, n.family))
            .collect::<Vec<_>>()
            .join(" ");
        let cache = scratch.path().join("cache");
        Setup {
            _scratch: scratch,
            files,
            cache,
            text,
        }
    }

    /// What a matcher finds, as comparable text.
    fn found(matcher: &Matcher, text: &str) -> String {
        format!("{:?}", matcher.find_mentions(text, None))
    }

    fn cache_file(setup: &Setup) -> PathBuf {
        let entries: Vec<_> = std::fs::read_dir(&setup.cache)
            .expect("the cache directory")
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(entries.len(), 1, "{entries:?}");
        entries[0].clone()
    }

    #[test]
    fn a_cold_and_a_warm_cache_give_what_parsing_gives() {
        let setup = setup();
        let parsed = merged_matcher(&setup.files, None).expect("valid");
        assert!(!setup.cache.exists(), "no cache without a directory");
        let cold = merged_matcher(&setup.files, Some(&setup.cache)).expect("valid");
        let file = cache_file(&setup);
        let key = {
            let texts: Vec<_> = setup
                .files
                .iter()
                .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
                .collect();
            key_of(&texts)
        };
        let stored = read(std::fs::read(&file).unwrap(), &key).expect("a whole cache file");
        let warm = merged_matcher(&setup.files, Some(&setup.cache)).expect("valid");
        assert!(
            found(&parsed, &setup.text).contains("Mention"),
            "names found"
        );
        for matcher in [&cold, &stored, &warm] {
            assert_eq!(matcher.registry(), parsed.registry());
            assert_eq!(found(matcher, &setup.text), found(&parsed, &setup.text));
        }
        // A file made from other input is refused.
        assert!(read(std::fs::read(&file).unwrap(), &blake3::hash(b"other")).is_none());
    }

    #[test]
    fn a_damaged_cache_is_parsed_again_and_rewritten() {
        let setup = setup();
        let parsed = merged_matcher(&setup.files, None).expect("valid");
        merged_matcher(&setup.files, Some(&setup.cache)).expect("valid");
        let file = cache_file(&setup);
        let whole = std::fs::read(&file).unwrap();
        let mut flipped = whole.clone();
        flipped[whole.len() / 2] ^= 0x20;
        let damaged: Vec<Vec<u8>> = vec![
            flipped,
            whole[..whole.len() / 2].to_vec(),
            whole[..whole.len() - 1].to_vec(),
            whole[..10].to_vec(),
            Vec::new(),
            [whole.as_slice(), b"more"].concat(),
        ];
        for bytes in damaged {
            std::fs::write(&file, &bytes).unwrap();
            let matcher = merged_matcher(&setup.files, Some(&setup.cache)).expect("valid");
            assert_eq!(matcher.registry(), parsed.registry());
            assert_eq!(found(&matcher, &setup.text), found(&parsed, &setup.text));
            assert_eq!(std::fs::read(&file).unwrap(), whole, "rewritten whole");
        }
    }

    #[test]
    fn an_edited_registry_is_compiled_again() {
        let setup = setup();
        merged_matcher(&setup.files, Some(&setup.cache)).expect("valid");
        let (changed, _) = registry_toml(6, 13);
        std::fs::write(&setup.files[1], changed).unwrap();
        let parsed = merged_matcher(&setup.files, None).expect("valid");
        let cached = merged_matcher(&setup.files, Some(&setup.cache)).expect("valid");
        assert_eq!(cached.registry(), parsed.registry());
        assert_eq!(std::fs::read_dir(&setup.cache).unwrap().count(), 2);
    }

    #[test]
    fn errors_name_the_file_at_fault_cache_or_not() {
        let setup = setup();
        std::fs::write(&setup.files[1], "[[person]]\nid = 3\n").unwrap();
        for cache in [None, Some(setup.cache.as_path())] {
            let (index, error) = merged_matcher(&setup.files, cache).unwrap_err();
            assert_eq!(index, 1);
            assert_eq!(error.line, 2, "{error:?}");
        }
        // A fault in an earlier file comes before an unreadable later one.
        let bad_first = [setup.files[1].clone(), setup.cache.join("gone.toml")];
        let (index, error) = merged_matcher(&bad_first, Some(&setup.cache)).unwrap_err();
        assert_eq!((index, error.line), (0, 2));
        let missing = [setup.files[0].clone(), setup.cache.join("gone.toml")];
        let (index, error) = merged_matcher(&missing, Some(&setup.cache)).unwrap_err();
        assert_eq!((index, error.line), (1, 0));
        assert!(error.message.starts_with("cannot read file: "), "{error:?}");
    }

    /// A file of another format under this input's name (as an older
    /// build would have written, were the format not part of the name) is
    /// refused even when whole, and rewritten in this format.
    #[test]
    fn a_cache_file_of_another_format_is_rebuilt_not_read() {
        let setup = setup();
        let parsed = merged_matcher(&setup.files, None).expect("valid");
        merged_matcher(&setup.files, Some(&setup.cache)).expect("valid");
        let file = cache_file(&setup);
        let whole = std::fs::read(&file).unwrap();
        let format_at = MAGIC.len()..MAGIC.len() + 4;
        for old in [0u32, 1, FORMAT + 1] {
            let mut bytes = whole[..whole.len() - KEY_LEN].to_vec();
            bytes[format_at.clone()].copy_from_slice(&old.to_le_bytes());
            let checksum = blake3::hash(&bytes);
            bytes.extend_from_slice(checksum.as_bytes());
            std::fs::write(&file, &bytes).unwrap();
            let (matcher, used) =
                merged_matcher_cached(&setup.files, Some(&setup.cache)).expect("valid");
            assert!(
                matches!(used, CacheUse::Written(_)),
                "format {old}: {used:?}"
            );
            assert_eq!(matcher.registry(), parsed.registry());
            assert_eq!(found(&matcher, &setup.text), found(&parsed, &setup.text));
            assert_eq!(std::fs::read(&file).unwrap(), whole, "rewritten whole");
        }
        let (_, used) = merged_matcher_cached(&setup.files, Some(&setup.cache)).expect("valid");
        assert!(matches!(used, CacheUse::Read(_)), "{used:?}");
    }

    /// What a cache file holds makes the matcher a fresh build makes: the
    /// same registry and tables (the first words' order kept, not sorted
    /// again), and the built-in people shared with the built-in registry.
    #[test]
    fn the_matcher_read_from_a_cache_file_is_the_one_built_afresh() {
        let setup = setup();
        merged_matcher(&setup.files, Some(&setup.cache)).expect("valid");
        let bytes = std::fs::read(cache_file(&setup)).unwrap();
        let texts: Vec<_> = setup
            .files
            .iter()
            .map(|p| (p.display().to_string(), std::fs::read_to_string(p).unwrap()))
            .collect();
        let registry = compile(&texts).expect("valid");
        let built = MatcherTables::build(&registry);
        let body = bytes.len() - KEY_LEN;
        let registry_len =
            u64::from_le_bytes(bytes[HEADER_LEN - 8..HEADER_LEN].try_into().unwrap()) as usize;
        let stored = &bytes[HEADER_LEN..HEADER_LEN + registry_len];
        assert_eq!(
            codec::decode_over(stored, Registry::builtin()).as_ref(),
            Some(&registry)
        );
        // Each built-in person is a flag, not an entry.
        assert!(
            stored.len() < codec::encode(&registry).len() / 2,
            "{} bytes",
            stored.len()
        );
        let tables = MatcherTables::decode(&bytes[HEADER_LEN + registry_len..body], &registry)
            .expect("whole tables");
        // The first words' order among them (the tables it makes are
        // those a sort makes: see `first_words.rs`).
        assert_eq!(tables, built);
    }

    /// A file that is not UTF-8 is refused as reading it as text refuses
    /// it, in its place among the other faults, cache or not (the files
    /// are read as bytes, and checked only when they are parsed).
    #[test]
    fn a_file_that_is_not_text_is_refused_in_order() {
        let setup = setup();
        let mut bytes = std::fs::read(&setup.files[1]).unwrap();
        bytes.insert(20, 0xff);
        std::fs::write(&setup.files[1], &bytes).unwrap();
        let expected = std::fs::read_to_string(&setup.files[1]).unwrap_err();
        for cache in [None, Some(setup.cache.as_path())] {
            let (index, error) = merged_matcher(&setup.files, cache).unwrap_err();
            assert_eq!((index, error.line), (1, 0));
            assert_eq!(error.message, format!("cannot read file: {expected}"));
            // After a fault in an earlier file; before an unreadable later one.
            let bad_first = [setup.files[1].clone(), setup.cache.join("gone.toml")];
            assert_eq!(merged_matcher(&bad_first, cache).unwrap_err().0, 0);
        }
        std::fs::write(&setup.files[0], "[[person]]\nid = 3\n").unwrap();
        for cache in [None, Some(setup.cache.as_path())] {
            let (index, error) = merged_matcher(&setup.files, cache).unwrap_err();
            assert_eq!((index, error.line), (0, 2), "{error:?}");
        }
        assert!(!setup.cache.exists(), "nothing compiled, nothing written");
    }
}
