//! Counts over a whole run.

use super::FileReport;
use cablelint_core::{Applicability, Severity};

/// Counts over a whole run.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub files_with_findings: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub hints: usize,
    /// Findings `--fix` would fix.
    pub fixable_safe: usize,
    /// Findings only `--fix --unsafe-fixes` would fix.
    pub fixable_unsafe: usize,
    pub fixes_applied: usize,
    pub files_fixed: usize,
    /// Files checked with the generic profile because nothing named or
    /// recognised their collection, whose profile the human output did not
    /// name: files without findings, unless `--show-profiles`.
    pub clean_files_generic: usize,
}

impl Summary {
    /// Counts one more file.
    pub fn add(&mut self, report: &FileReport) {
        let s = self;
        s.files += 1;
        s.clean_files_generic +=
            usize::from(report.diagnostics.is_empty() && report.fell_back_to_generic());
        {
            if !report.diagnostics.is_empty() {
                s.files_with_findings += 1;
            }
            if report.fixes_applied > 0 {
                s.files_fixed += 1;
                s.fixes_applied += report.fixes_applied;
            }
            for d in &report.diagnostics {
                match d.severity {
                    Severity::Error => s.errors += 1,
                    Severity::Warning => s.warnings += 1,
                    Severity::Info => s.infos += 1,
                    Severity::Hint => s.hints += 1,
                }
                match d.fix.as_ref().map(|f| f.applicability) {
                    Some(Applicability::Safe) => s.fixable_safe += 1,
                    Some(Applicability::Unsafe) => s.fixable_unsafe += 1,
                    None => {}
                }
            }
        }
    }

    /// Adds the counts of other files.
    pub fn merge(&mut self, other: &Summary) {
        self.files += other.files;
        self.files_with_findings += other.files_with_findings;
        self.errors += other.errors;
        self.warnings += other.warnings;
        self.infos += other.infos;
        self.hints += other.hints;
        self.fixable_safe += other.fixable_safe;
        self.fixable_unsafe += other.fixable_unsafe;
        self.fixes_applied += other.fixes_applied;
        self.files_fixed += other.files_fixed;
        self.clean_files_generic += other.clean_files_generic;
    }

    pub fn findings(&self) -> usize {
        self.errors + self.warnings + self.infos + self.hints
    }
}
