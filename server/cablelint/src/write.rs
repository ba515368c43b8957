//! Writing fixed files back without ever leaving one half-written: the new
//! bytes go to a temporary file beside the original, which then replaces it.

use std::io::{self, Write};
use std::path::Path;

/// Replaces the file at `path` (following symlinks) with `new_bytes`, keeping
/// its permissions (and, where allowed, owner). Refuses a read-only file and a
/// file whose content is no longer `expected` (changed while we worked).
pub fn write_atomically(path: &Path, expected: &[u8], new_bytes: &[u8]) -> io::Result<()> {
    let target = std::fs::canonicalize(path)?;
    let metadata = std::fs::metadata(&target)?;
    if metadata.permissions().readonly() {
        return Err(io::Error::new(
            io::ErrorKind::PermissionDenied,
            "the file is read-only",
        ));
    }
    let dir = target.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".cablelint-")
        .suffix(".tmp")
        .tempfile_in(dir)?;
    temp.write_all(new_bytes)?;
    temp.as_file().sync_all()?;
    std::fs::set_permissions(temp.path(), metadata.permissions())?;
    keep_owner(temp.path(), &metadata);
    if std::fs::read(&target)? != expected {
        return Err(io::Error::other(
            "the file changed on disk while it was being fixed",
        ));
    }
    temp.persist(&target).map_err(|e| e.error)?;
    Ok(())
}

#[cfg(unix)]
fn keep_owner(path: &Path, metadata: &std::fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    // Only root may give a file away; for anyone else this is a no-op.
    let _ = std::os::unix::fs::chown(path, Some(metadata.uid()), Some(metadata.gid()));
}

#[cfg(not(unix))]
fn keep_owner(_path: &Path, _metadata: &std::fs::Metadata) {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.cable");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"old", "new 𠀋\r\n".as_bytes()).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), "new 𠀋\r\n".as_bytes());
        let mode = std::fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        // Nothing is left behind in the directory.
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn refuses_read_only_and_changed_files() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.cable");
        std::fs::write(&path, "old").unwrap();
        let err = write_atomically(&path, b"older", b"new").unwrap_err();
        assert_eq!(
            err.to_string(),
            "the file changed on disk while it was being fixed"
        );
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
        let err = write_atomically(&path, b"old", b"new").unwrap_err();
        assert_eq!(err.to_string(), "the file is read-only");
        assert_eq!(std::fs::read(&path).unwrap(), b"old");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn writes_through_a_symlink_to_its_target() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.cable");
        let link = dir.path().join("link.cable");
        std::fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomically(&link, b"old", b"new").unwrap();
        assert!(std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink());
        assert_eq!(std::fs::read(&target).unwrap(), b"new");
    }
}
