//! Shared by the examples that read a folder of cables.

use std::path::{Path, PathBuf};

/// `path` itself if it is a file, else every file under it that `keep`
/// accepts, in sorted path order (so that two runs print the same).
pub fn files_in(
    path: &Path,
    keep: fn(&Path) -> bool,
    out: &mut Vec<PathBuf>,
) -> std::io::Result<()> {
    if path.is_file() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .map(|e| e.map(|e| e.path()))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for entry in entries {
        if entry.is_dir() {
            files_in(&entry, keep, out)?;
        } else if keep(&entry) {
            out.push(entry);
        }
    }
    Ok(())
}

/// The files `cablelint check` reads in a folder.
#[allow(dead_code)] // not every example filters
pub fn is_cable_or_txt(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "txt" || e == "cable")
}
