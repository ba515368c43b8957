//! `cablelint explain`, `cablelint rules` and `cablelint profiles`: what the
//! tool knows, printed from the registry and the profile set.

use crate::cli::{ExplainArgs, ListArgs, ListFormat, ProfilesArgs};
use crate::docs;
use crate::ExitStatus;
use cablelint_core::config::{find_config, Config};
use cablelint_core::rules;
use serde_json::json;
use std::io::Write;

pub fn explain(args: &ExplainArgs) -> ExitStatus {
    if args.all {
        let Some(dir) = &args.output_dir else {
            return ExitStatus::error("--all needs --output-dir");
        };
        return match docs::write_pages(dir) {
            Ok(count) => {
                eprintln!("Wrote {count} pages to {}.", dir.display());
                ExitStatus::Success
            }
            Err(e) => {
                eprintln!("error: {}: {e}", dir.display());
                ExitStatus::Failure
            }
        };
    }
    let code = args.rule.as_deref().unwrap_or_default();
    match rules::by_code(code) {
        Some(rule) => {
            let page = rule.meta().documentation();
            match &args.output_dir {
                Some(dir) => {
                    let path = dir.join(format!("{}.md", rule.meta().code));
                    match std::fs::create_dir_all(dir)
                        .and_then(|()| std::fs::write(&path, docs::rule_page(rule.meta())))
                    {
                        Ok(()) => ExitStatus::Success,
                        Err(e) => {
                            eprintln!("error: {}: {e}", path.display());
                            ExitStatus::Failure
                        }
                    }
                }
                None => print(&page),
            }
        }
        None => {
            let all = rules::all();
            let candidates = all.iter().flat_map(|r| [r.meta().code, r.meta().name]);
            let best = candidates
                .map(|c| {
                    (
                        strsim::jaro_winkler(&code.to_lowercase(), &c.to_lowercase()),
                        c,
                    )
                })
                .filter(|(score, _)| *score >= 0.8)
                .max_by(|a, b| a.0.total_cmp(&b.0));
            match best {
                Some((_, c)) => eprintln!("error: unknown rule `{code}`; did you mean `{c}`?"),
                None => eprintln!("error: unknown rule `{code}`; `cablelint rules` lists them"),
            }
            ExitStatus::Failure
        }
    }
}

pub fn rules(args: &ListArgs) -> ExitStatus {
    let all = rules::all();
    let text = match args.format {
        ListFormat::Json => {
            let list: Vec<_> = all
                .iter()
                .map(|r| {
                    let m = r.meta();
                    json!({
                        "code": m.code,
                        "name": m.name,
                        "severity": m.default_severity.as_str(),
                        "enabled": m.default_enabled,
                        "fix": docs::fix_word(m.fix),
                        "summary": m.summary,
                        "url": docs::rule_url(m.code),
                    })
                })
                .collect();
            json_text(&list)
        }
        ListFormat::Human => {
            let mut out = String::new();
            // Columns as wide as their longest entry, so every row lines up.
            let name_width = all.iter().map(|r| r.meta().name.len()).max().unwrap_or(0);
            for rule in all {
                let m = rule.meta();
                out.push_str(&format!(
                    "{:<5} {:<name_width$} {:<8}{} fix:{:<10} {}\n",
                    m.code,
                    m.name,
                    m.default_severity.as_str(),
                    if m.default_enabled { "    " } else { " off" },
                    docs::fix_word(m.fix),
                    m.summary
                ));
            }
            out
        }
    };
    print(&text)
}

pub fn profiles(args: &ProfilesArgs) -> ExitStatus {
    let cwd = std::env::current_dir().unwrap_or_default();
    let path = args.config.clone().or_else(|| find_config(&cwd));
    let config = match path {
        // Listing profiles runs no rule: the officials registries a
        // configuration names are not read (nor their errors reported).
        Some(path) => match Config::load_without_registries(&path) {
            Ok(config) => config,
            Err(e) => return ExitStatus::error(e),
        },
        None => Config::default(),
    };
    let text = match args.format {
        ListFormat::Json => {
            let list: Vec<_> = config
                .profiles
                .iter()
                .map(|p| {
                    json!({
                        "id": p.id,
                        "name": p.name,
                        "description": p.description,
                        "fields": p.fields.iter().map(|f| &f.id).collect::<Vec<_>>(),
                        "markers": p.detect.markers,
                    })
                })
                .collect();
            json_text(&list)
        }
        ListFormat::Human => config
            .profiles
            .iter()
            .map(|p| format!("{:<26} {}\n", p.id, p.name))
            .collect(),
    };
    print(&text)
}

fn json_text<T: serde::Serialize>(value: &T) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

fn print(text: &str) -> ExitStatus {
    let mut out = anstream::stdout();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitStatus::Success,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitStatus::Success,
        Err(e) => {
            eprintln!("error: cannot write: {e}");
            ExitStatus::Failure
        }
    }
}
