//! `check --statistics`: how many findings each rule made over the run, as
//! ruff's `--statistics` prints them, instead of the findings themselves.
//! Counts are kept per rule as files arrive, so a run of any size holds
//! one row per rule.

use crate::report::{FileReport, Summary};
use cablelint_core::Applicability;
use serde::Serialize;
use std::io::{self, Write};

/// One rule's row.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleCount {
    pub code: &'static str,
    pub name: &'static str,
    pub count: usize,
    /// Findings `--fix` would fix.
    pub fixable: usize,
    /// Findings only `--fix --unsafe-fixes` would fix.
    pub fixable_unsafe: usize,
}

/// The rows, by code.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct RuleCounts(Vec<RuleCount>);

impl RuleCounts {
    pub fn of(report: &FileReport) -> RuleCounts {
        let mut counts = RuleCounts::default();
        for d in &report.diagnostics {
            let row = counts.row(d.code, d.name);
            row.count += 1;
            match d.fix.as_ref().map(|f| f.applicability) {
                Some(Applicability::Safe) => row.fixable += 1,
                Some(Applicability::Unsafe) => row.fixable_unsafe += 1,
                None => {}
            }
        }
        counts
    }

    pub fn merge(&mut self, other: &RuleCounts) {
        for theirs in &other.0 {
            let row = self.row(theirs.code, theirs.name);
            row.count += theirs.count;
            row.fixable += theirs.fixable;
            row.fixable_unsafe += theirs.fixable_unsafe;
        }
    }

    fn row(&mut self, code: &'static str, name: &'static str) -> &mut RuleCount {
        let at = match self.0.binary_search_by(|row| row.code.cmp(code)) {
            Ok(at) => at,
            Err(at) => {
                let row = RuleCount {
                    code,
                    name,
                    count: 0,
                    fixable: 0,
                    fixable_unsafe: 0,
                };
                self.0.insert(at, row);
                at
            }
        };
        &mut self.0[at]
    }

    /// Most frequent first; equal counts by code.
    fn ranked(&self) -> Vec<&RuleCount> {
        let mut rows: Vec<&RuleCount> = self.0.iter().collect();
        rows.sort_by(|a, b| b.count.cmp(&a.count).then(a.code.cmp(b.code)));
        rows
    }

    /// A table: count, code, `[*]` when `--fix` fixes some of them (`[-]`
    /// when only `--unsafe-fixes` does), name; `fixing`: after `--fix`, the
    /// markers would promise what was just done, so they are left out.
    pub fn write_table(&self, out: &mut dyn Write, fixing: bool) -> io::Result<()> {
        let rows = self.ranked();
        let width = rows.first().map_or(1, |row| row.count.to_string().len());
        for row in rows {
            let marker = match (fixing, row.fixable, row.fixable_unsafe) {
                (true, _, _) => "",
                (false, 1.., _) => "[*] ",
                (false, 0, 1..) => "[-] ",
                (false, 0, 0) => "[ ] ",
            };
            writeln!(
                out,
                "{:>width$}  {}  {marker}{}",
                row.count, row.code, row.name
            )?;
        }
        Ok(())
    }

    /// `{"version": 1, "statistics": [rows, most frequent first],
    /// "summary": {…}}`, the summary as in the JSON report.
    pub fn write_json(&self, out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
        #[derive(Serialize)]
        struct Statistics<'a> {
            version: u32,
            statistics: Vec<&'a RuleCount>,
            summary: super::json::JsonSummary,
        }
        let statistics = Statistics {
            version: 1,
            statistics: self.ranked(),
            summary: super::json::json_summary(summary),
        };
        serde_json::to_writer_pretty(&mut *out, &statistics).map_err(io::Error::other)?;
        out.write_all(b"\n")
    }
}
