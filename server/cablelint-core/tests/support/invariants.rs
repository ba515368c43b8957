//! What must hold for any input bytes whatsoever: nothing panics, every span
//! the model, the rules and the fixes produce lies on character boundaries
//! inside the text, and fixing never corrupts text outside its edits. Shared
//! by the stable property test (tests/properties.rs), the replay of fuzz
//! regressions (tests/fuzz_regressions.rs) and the cargo-fuzz targets
//! (fuzz/), which include this file by path.
#![allow(dead_code)] // each includer uses a part

use cablelint_core::fix::{apply_edits, apply_fixes, round_edits, MAX_ROUNDS};
use cablelint_core::lint::{self, CheckOptions, RuleSelection};
use cablelint_core::model::ParseOptions;
use cablelint_core::profile::ProfileSet;
use cablelint_core::{Applicability, Document, Span};
use cablelint_core::{Edit, SourceText};

/// Every rule on, with the profile `choice` picks (0: detect from the text).
/// Built once: loading the profiles costs more than checking a small input.
pub fn options(choice: u8) -> &'static CheckOptions {
    static ALL: std::sync::OnceLock<Vec<CheckOptions>> = std::sync::OnceLock::new();
    let all = ALL.get_or_init(|| {
        let profiles = ProfileSet::builtin();
        let ids: Vec<Option<String>> = std::iter::once(None)
            .chain(profiles.ids().iter().map(|s| Some(s.to_string())))
            .collect();
        ids.into_iter()
            .map(|profile| CheckOptions {
                profiles: profiles.clone(),
                parse: ParseOptions { profile },
                selection: RuleSelection {
                    select: Some(vec![String::new()]),
                    ..RuleSelection::default()
                },
                ..CheckOptions::default()
            })
            .collect()
    });
    &all[choice as usize % all.len()]
}

fn assert_span(text: &str, span: Span, what: &str) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what}: span {span:?} outside 0..{}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what}: span {span:?} splits a character"
    );
}

pub fn check_document(doc: &Document) {
    let text = doc.text();
    assert_eq!(doc.line_kinds.len(), doc.lines.line_count());
    // Sections tile the text: contiguous, in order, from 0 to the end.
    let mut at = 0;
    for section in &doc.sections {
        assert_eq!(section.span.start, at, "sections leave a gap or overlap");
        assert_span(text, section.span, "section");
        at = section.span.end;
    }
    assert_eq!(at, text.len(), "sections do not reach the end");
    for field in &doc.fields {
        assert_span(text, field.label, "field label");
        assert_span(text, field.value, "field value");
    }
    for bracket in &doc.brackets.list {
        assert_span(text, bracket.span(), "bracket");
    }
    for directive in &doc.directives {
        assert_span(text, directive.span, "directive");
    }
}

/// Runs the parser, every rule and the fixer over `bytes`.
pub fn check_bytes(bytes: &[u8], profile_choice: u8) {
    let options = options(profile_choice);
    let source = SourceText::from_bytes(bytes);
    if source.invalid_utf8_at.is_none() {
        // Decoding loses nothing: the file's bytes come back.
        assert_eq!(source.to_file_string(&source.text).as_bytes(), bytes);
    }
    let result = lint::check(source.clone(), options);
    let doc = &result.document;
    let text = doc.text();
    check_document(doc);
    for d in &result.diagnostics {
        assert_span(text, d.span, d.code);
        let _ = doc.lines.line_col(text, d.span.start);
        let _ = doc.lines.line_col(text, d.span.end);
        for related in &d.related {
            assert_span(text, related.span, d.code);
        }
        if let Some(fix) = &d.fix {
            let mut edits: Vec<&Edit> = fix.edits.iter().collect();
            for edit in &edits {
                assert_span(text, edit.span, d.code);
            }
            edits.sort_by_key(|e| (e.span.start, e.span.end));
            for pair in edits.windows(2) {
                assert!(
                    pair[0].span.end <= pair[1].span.start,
                    "{}: a fix's own edits overlap",
                    d.code
                );
            }
            check_edits_keep_the_rest(text, &edits);
        }
    }

    // One round with every fix: text outside the outermost edits is kept.
    let (round, _) = apply_fixes(text, &result.diagnostics, Applicability::Unsafe);
    let all: Vec<&Edit> = result
        .diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .flat_map(|f| f.edits.iter())
        .collect();
    if let (Some(lo), Some(hi)) = (
        all.iter().map(|e| e.span.start).min(),
        all.iter().map(|e| e.span.end).max(),
    ) {
        assert!(round.starts_with(&text[..lo]) && round.ends_with(&text[hi..]));
    } else {
        assert_eq!(round, text);
    }

    // Fixing to the end: never touches a file that did not decode cleanly;
    // otherwise its result parses and checks again without trouble.
    let fixed = lint::fix(source.clone(), options, Applicability::Unsafe);
    if source.invalid_utf8_at.is_some() {
        assert_eq!(fixed.fixes_applied, 0);
        assert_eq!(fixed.text, source.text);
    } else if fixed.fixes_applied == 0 {
        assert_eq!(fixed.text, source.text);
    }
    check_document(&fixed.result.document);
    assert_eq!(fixed.result.document.text(), fixed.text);
}

/// Applying one fix changes only what lies between its first and last edit,
/// and by exactly the lengths the edits say.
fn check_edits_keep_the_rest(text: &str, edits: &[&Edit]) {
    let (Some(first), Some(last)) = (edits.first(), edits.last()) else {
        return;
    };
    let out = apply_edits(text, edits);
    assert!(out.starts_with(&text[..first.span.start]));
    assert!(out.ends_with(&text[last.span.end..]));
    let removed: usize = edits.iter().map(|e| e.span.len()).sum();
    let inserted: usize = edits.iter().map(|e| e.new_text.len()).sum();
    assert_eq!(out.len(), text.len() - removed + inserted);
}

/// The fix engine with every fix (safe and unsafe), round by round as
/// `lint::fix` runs them:
/// - every fix's edits lie on character boundaries inside the text, so the
///   engine never has to drop one as invalid;
/// - a round's result is exactly the text with that round's edits spliced
///   in (spliced here independently): nothing outside them changes, the
///   untouched prefix and suffix included;
/// - the rounds reach a fixed point within the engine's round limit, and the
///   engine's own result is that fixed point;
/// - fixing the safe-fixed text again with safe fixes changes nothing;
/// - a file that is not valid UTF-8 is never fixed.
pub fn check_fix_bytes(bytes: &[u8], profile_choice: u8) {
    let options = options(profile_choice);
    let source = SourceText::from_bytes(bytes);
    if source.invalid_utf8_at.is_some() {
        let outcome = lint::fix(source.clone(), options, Applicability::Unsafe);
        assert_eq!(outcome.fixes_applied, 0);
        assert_eq!(outcome.text, source.text);
        return;
    }
    let has_bom = source.has_bom;
    let reparse = |text: &str| SourceText {
        text: text.to_owned(),
        has_bom,
        invalid_utf8_at: None,
    };

    let mut text = source.text.clone();
    let mut rounds = 0;
    loop {
        let result = lint::check(reparse(&text), options);
        for diagnostic in &result.diagnostics {
            for edit in diagnostic.fix.iter().flat_map(|f| &f.edits) {
                assert_span(&text, edit.span, diagnostic.code);
            }
        }
        let (edits, applied) = round_edits(&text, &result.diagnostics, Applicability::Unsafe);
        let (next, engine_applied) = apply_fixes(&text, &result.diagnostics, Applicability::Unsafe);
        assert_eq!(applied, engine_applied);
        assert_eq!(
            next,
            splice(&text, &edits),
            "a round changed text outside its edits"
        );
        if applied == 0 || next == text {
            break;
        }
        assert!(
            rounds < MAX_ROUNDS,
            "fixes still change the text after {MAX_ROUNDS} rounds: {text:?} -> {next:?}"
        );
        rounds += 1;
        text = next;
    }
    let engine = lint::fix(source.clone(), options, Applicability::Unsafe);
    assert_eq!(
        engine.text, text,
        "the engine stopped short of the fixed point"
    );
    assert_eq!(engine.result.document.source.has_bom, has_bom);

    let safe = lint::fix(source, options, Applicability::Safe);
    let again = lint::fix(reparse(&safe.text), options, Applicability::Safe);
    assert_eq!(
        again.text, safe.text,
        "safe fixes change their own result again"
    );
    assert_eq!(again.fixes_applied, 0);
}

/// The text with `edits` spliced in, written independently of the engine:
/// edits in order of position (insertions at one point in the order given),
/// never overlapping, the text between them copied as it is.
fn splice(text: &str, edits: &[&Edit]) -> String {
    let mut order: Vec<usize> = (0..edits.len()).collect();
    order.sort_by_key(|&i| (edits[i].span.start, edits[i].span.end, i));
    let mut out = String::new();
    let mut at = 0;
    for i in order {
        let edit = edits[i];
        assert!(
            edit.span.start >= at,
            "edits overlap: {:?} starts before {at}",
            edit.span
        );
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.new_text);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Arbitrary bytes as `cablelint.toml`: a configuration or an error, never a
/// panic; an error's position, when it has one, lies inside the text.
pub fn check_config_bytes(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let path = std::path::Path::new("/fuzz/cablelint.toml");
    if let Err(error) = cablelint_core::config::Config::from_toml_str(text, path) {
        if let Some((line, column)) = error.position {
            assert!(line >= 1 && column >= 1);
            // Lines end at \n, \r\n or a lone \r, as everywhere in cablelint.
            assert!(line <= text.split(['\n', '\r']).count());
        }
        let _ = error.to_string();
    }
}
