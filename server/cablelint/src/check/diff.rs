//! `--diff`: a file's unified diff, and the totals printed after them.

use std::io::Write;

pub(super) fn unified_diff(path: &str, old: &str, new: &str) -> String {
    similar::TextDiff::from_lines(old, new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"))
        .to_string()
}

/// How many fixes `--diff` showed, in how many files.
#[derive(Default)]
pub(super) struct DiffTotals {
    fixes: usize,
    files: usize,
}

impl DiffTotals {
    pub(super) fn add(&mut self, diff: Option<&(String, usize)>) {
        if let Some((_, fixes)) = diff {
            self.fixes += fixes;
            self.files += 1;
        }
    }

    pub(super) fn print(&self) {
        eprintln!(
            "Would fix {} problem{} in {} file{}.",
            self.fixes,
            if self.fixes == 1 { "" } else { "s" },
            self.files,
            if self.files == 1 { "" } else { "s" }
        );
    }
}

pub(super) fn write_diff(
    out: &mut dyn Write,
    diff: Option<&(String, usize)>,
) -> std::io::Result<()> {
    if let Some((diff, _)) = diff {
        out.write_all(diff.as_bytes())?;
        out.flush()?;
    }
    Ok(())
}
