//! Prints every header (H) finding on a set of files, for reviewing the rules
//! against real cables:
//!
//!     cargo run -p cablelint-core --example header_findings -- [--all-profiles] FILE…
//!
//! Each file is checked with the profile detected from its text; with
//! `--all-profiles`, once under each built-in profile as well.

use cablelint_core::lint::{check, CheckOptions, RuleSelection};
use cablelint_core::model::ParseOptions;
use cablelint_core::profile::ProfileSet;
use cablelint_core::SourceText;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut all_profiles = false;
    let mut files = Vec::new();
    for arg in std::env::args().skip(1) {
        if arg == "--all-profiles" {
            all_profiles = true;
        } else {
            files.push(arg);
        }
    }
    if files.is_empty() {
        eprintln!("usage: header_findings [--all-profiles] FILE…");
        return ExitCode::FAILURE;
    }
    let profiles = ProfileSet::builtin();
    let mut runs: Vec<Option<String>> = vec![None];
    if all_profiles {
        runs.extend(profiles.ids().into_iter().map(|id| Some(id.to_owned())));
    }
    let mut total = 0;
    for path in &files {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let name = path.rsplit('/').next().unwrap_or(path);
        for profile in &runs {
            let options = CheckOptions {
                profiles: profiles.clone(),
                parse: ParseOptions {
                    profile: profile.clone(),
                },
                selection: RuleSelection {
                    select: Some(vec!["H".into()]),
                    ..Default::default()
                },
                ..Default::default()
            };
            let result = check(SourceText::from_bytes(&bytes), &options);
            let doc = &result.document;
            let how = if profile.is_some() {
                "forced"
            } else {
                "detected"
            };
            for d in &result.diagnostics {
                total += 1;
                let at = doc.lines.line_col(doc.text(), d.span.start);
                let line = doc.slice(doc.lines.line_content_span(doc.text(), at.line));
                println!(
                    "{name}:{}:{} [{} {how}] {} {}: {}\n    | {}",
                    at.line + 1,
                    at.column_chars + 1,
                    doc.profile.id,
                    d.severity.as_str(),
                    d.code,
                    d.message,
                    line.chars().take(110).collect::<String>()
                );
                for r in &d.related {
                    let at = doc.lines.line_col(doc.text(), r.span.start);
                    println!(
                        "    related {}:{}: {}",
                        at.line + 1,
                        at.column_chars + 1,
                        r.message
                    );
                }
            }
        }
    }
    eprintln!("{total} findings in {} files", files.len());
    ExitCode::SUCCESS
}
