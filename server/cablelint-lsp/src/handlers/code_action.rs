//! Code actions: each finding's own fix, "ignore this rule" on the line or in
//! the file (a `% cablelint:` directive), "add this label to the profile",
//! and `source.fixAll.cablelint` for every safe fix at once.

use crate::analysis::{run_guarded, Analysis};
use crate::config::file::{add_label, FILE_NAME};
use crate::handlers::diagnostics::convert;
use crate::handlers::lifecycle::file_path;
use crate::position::{Encoding, TextMap};
use crate::state::State;
use cablelint_core::diagnostic::Edit;
use cablelint_core::lint::fix;
use cablelint_core::model::{DirectiveKind, HeaderField};
use cablelint_core::{Applicability, Document, LineIndex, SourceText, Span};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    CodeActionTriggerKind, CreateFile, CreateFileOptions, DocumentChangeOperation, DocumentChanges,
    OneOf, OptionalVersionedTextDocumentIdentifier, ResourceOp, TextDocumentEdit, TextEdit, Uri,
    WorkspaceEdit,
};

pub const FIX_ALL: &str = "source.fixAll.cablelint";

pub fn fix_all_kind() -> CodeActionKind {
    CodeActionKind::new(FIX_ALL)
}

pub async fn code_action(
    state: &State,
    params: CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let uri = params.text_document.uri;
    let Some(analysis) = state.analysis(&uri).await else {
        return Ok(None);
    };
    let encoding = state.encoding();
    let map = analysis.map(encoding);
    let span = map.span(params.range);
    let only = params.context.only.as_deref();
    let wants = |kind: &CodeActionKind| {
        only.is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    let mut actions = Vec::new();
    if wants(&CodeActionKind::QUICKFIX) {
        quick_fixes(state, &analysis, &uri, span, &mut actions);
        add_label_actions(state, &analysis, &uri, span, &mut actions);
    }
    // Fixing the whole file costs a lint per round: only when asked for.
    let automatic =
        params.context.trigger_kind == Some(CodeActionTriggerKind::AUTOMATIC) && only.is_none();
    if wants(&fix_all_kind()) && !automatic {
        let unsafe_fixes = state.config().settings().unsafe_fixes;
        if let Some(action) = fix_all(&analysis, &uri, encoding, unsafe_fixes).await {
            actions.push(action);
        }
    }
    Ok(Some(
        actions
            .into_iter()
            .map(CodeActionOrCommand::CodeAction)
            .collect(),
    ))
}

fn touches(a: Span, b: Span) -> bool {
    a.start <= b.end && b.start <= a.end
}

fn quick_fixes(
    state: &State,
    analysis: &Analysis,
    uri: &Uri,
    span: Span,
    actions: &mut Vec<CodeAction>,
) {
    let encoding = state.encoding();
    let map = analysis.map(encoding);
    let docs_base = state.docs_base();
    let doc = &analysis.document;
    let mut ignores = Vec::new();
    let mut seen_line: HashSet<(&str, usize)> = HashSet::new();
    let mut seen_file: HashSet<&str> = HashSet::new();
    for finding in analysis
        .diagnostics
        .iter()
        .filter(|d| touches(d.span, span))
    {
        let diagnostic = convert(analysis, finding, uri, encoding, &docs_base);
        if let Some(fix) = &finding.fix {
            let edits = fix.edits.iter().map(|e| map.text_edit(e)).collect();
            let title = match fix.applicability {
                Applicability::Safe => fix.title.clone(),
                Applicability::Unsafe => format!("{} (unsafe: check the result)", fix.title),
            };
            let mut action = action(title, CodeActionKind::QUICKFIX, edit_of(uri, edits));
            action.diagnostics = Some(vec![diagnostic.clone()]);
            action.is_preferred = Some(fix.applicability == Applicability::Safe);
            actions.push(action);
        }
        // Findings about directives themselves cannot be silenced by one.
        if finding.code.starts_with('E') {
            continue;
        }
        let line = doc.lines.line_of(finding.span.start);
        if seen_line.insert((finding.code, line)) {
            let edit = map.text_edit(&ignore_on_line(doc, finding.code, line));
            let mut action = action(
                format!("Ignore {} on this line", finding.code),
                CodeActionKind::QUICKFIX,
                edit_of(uri, vec![edit]),
            );
            action.diagnostics = Some(vec![diagnostic.clone()]);
            ignores.push(action);
        }
        if seen_file.insert(finding.code) {
            let edit = map.text_edit(&ignore_in_file(doc, finding.code));
            let mut action = action(
                format!("Ignore {} in this file", finding.code),
                CodeActionKind::QUICKFIX,
                edit_of(uri, vec![edit]),
            );
            action.diagnostics = Some(vec![diagnostic]);
            ignores.push(action);
        }
    }
    // Real fixes first, silencing after.
    actions.extend(ignores);
}

/// `% cablelint: disable-next-line CODE` above `line`, or `CODE` added to
/// such a directive already there.
pub fn ignore_on_line(doc: &Document, code: &str, line: usize) -> Edit {
    let existing = line.checked_sub(1).and_then(|above| {
        doc.directives.iter().find(|d| {
            d.line == above
                && matches!(&d.kind, DirectiveKind::DisableNextLine { codes } if !codes.is_empty())
        })
    });
    match existing {
        Some(directive) => Edit::insert(directive.span.end, format!(", {code}")),
        None => Edit::insert(
            doc.lines.line_span(line).start,
            format!("% cablelint: disable-next-line {code}{}", doc.line_ending()),
        ),
    }
}

/// `% cablelint: disable-file CODE` at the top, or `CODE` added to the
/// file's existing `disable-file` directive.
pub fn ignore_in_file(doc: &Document, code: &str) -> Edit {
    let existing = doc
        .directives
        .iter()
        .find(|d| matches!(&d.kind, DirectiveKind::DisableFile { codes } if !codes.is_empty()));
    match existing {
        Some(directive) => Edit::insert(directive.span.end, format!(", {code}")),
        None => Edit::insert(
            0,
            format!("% cablelint: disable-file {code}{}", doc.line_ending()),
        ),
    }
}

async fn fix_all(
    analysis: &Analysis,
    uri: &Uri,
    encoding: Encoding,
    unsafe_fixes: bool,
) -> Option<CodeAction> {
    let min = if unsafe_fixes {
        Applicability::Unsafe
    } else {
        Applicability::Safe
    };
    let fixable = analysis
        .diagnostics
        .iter()
        .any(|d| d.fix.as_ref().is_some_and(|f| f.applicability >= min));
    if !fixable {
        return None;
    }
    let text = analysis.text().to_owned();
    let options = analysis.options.clone();
    let fixed = run_guarded(text.len(), move || {
        let source = SourceText {
            text,
            has_bom: false,
            invalid_utf8_at: None,
        };
        fix(source, &options, min).text
    })
    .await?;
    let edit = minimal_edit(analysis.text(), &fixed)?;
    let edit = analysis.map(encoding).text_edit(&edit);
    let title = if unsafe_fixes {
        "Fix all cablelint findings (unsafe fixes included)"
    } else {
        "Fix all safely fixable cablelint findings"
    };
    Some(action(
        title.to_owned(),
        fix_all_kind(),
        edit_of(uri, vec![edit]),
    ))
}

/// One edit turning `old` into `new`: the span between their common prefix
/// and suffix. `None` when they are equal.
pub fn minimal_edit(old: &str, new: &str) -> Option<Edit> {
    if old == new {
        return None;
    }
    let mut prefix = old
        .bytes()
        .zip(new.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(prefix) || !new.is_char_boundary(prefix) {
        prefix -= 1;
    }
    let max_suffix = (old.len() - prefix).min(new.len() - prefix);
    let mut suffix = old
        .bytes()
        .rev()
        .zip(new.bytes().rev())
        .take(max_suffix)
        .take_while(|(a, b)| a == b)
        .count();
    while !old.is_char_boundary(old.len() - suffix) || !new.is_char_boundary(new.len() - suffix) {
        suffix -= 1;
    }
    Some(Edit::replace(
        Span::new(prefix, old.len() - suffix),
        &new[prefix..new.len() - suffix],
    ))
}

fn add_label_actions(
    state: &State,
    analysis: &Analysis,
    uri: &Uri,
    span: Span,
    actions: &mut Vec<CodeAction>,
) {
    let doc = &analysis.document;
    let unknown: Vec<&HeaderField> = doc
        .fields
        .iter()
        .filter(|f| {
            f.field.is_none() && !f.label.is_empty() && touches(doc.lines.line_span(f.line), span)
        })
        .collect();
    if unknown.is_empty() {
        return;
    }
    let Some(config_path) = config_file_for(state, uri) else {
        return;
    };
    let Some(config_uri) = Uri::from_file_path(&config_path) else {
        return;
    };
    let exists = config_path.is_file();
    if !exists && !state.session().create_files {
        return;
    }
    let old = if exists {
        match std::fs::read_to_string(&config_path) {
            Ok(text) => text,
            Err(error) => {
                tracing::warn!("cannot read {}: {error}", config_path.display());
                return;
            }
        }
    } else {
        String::new()
    };
    for field in unknown {
        let label = doc.slice(field.label).trim();
        let new = match add_label(&old, &doc.profile.id, &field_id(label), label) {
            Ok(new) => new,
            Err(error) => {
                tracing::warn!("cannot add a label to {}: {error}", config_path.display());
                return;
            }
        };
        let title = format!(
            "Add label `{label}` to profile `{}` in {FILE_NAME}",
            doc.profile.id
        );
        let edit = if exists {
            let Some(edit) = minimal_edit(&old, &new) else {
                continue;
            };
            let lines = LineIndex::new(&old);
            let edit = TextMap::new(&old, &lines, state.encoding()).text_edit(&edit);
            edit_of(&config_uri, vec![edit])
        } else {
            create_with(&config_uri, new)
        };
        actions.push(action(title, CodeActionKind::QUICKFIX, edit));
    }
}

/// The document's configuration file, or where a new one would go: the
/// workspace folder holding the document, else the document's folder.
fn config_file_for(state: &State, uri: &Uri) -> Option<PathBuf> {
    if let Some(path) = state
        .documents()
        .get(uri)
        .and_then(|d| d.config_path.clone())
    {
        return Some(path);
    }
    let document = file_path(uri)?;
    let roots = state.session().workspace_roots;
    let dir = roots
        .into_iter()
        .find(|root| document.starts_with(root))
        .or_else(|| document.parent().map(PathBuf::from))?;
    Some(dir.join(FILE_NAME))
}

/// A field id for a new label: `Telegraph No.` → `telegraph-no`; labels
/// with no ASCII letters (`密级`) are their own id.
pub fn field_id(label: &str) -> String {
    let id = label
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect::<Vec<_>>()
        .join("-");
    if id.is_empty() {
        label.to_owned()
    } else {
        id
    }
}

fn action(title: String, kind: CodeActionKind, edit: WorkspaceEdit) -> CodeAction {
    CodeAction {
        title,
        kind: Some(kind),
        edit: Some(edit),
        ..CodeAction::default()
    }
}

fn edit_of(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

fn create_with(uri: &Uri, text: String) -> WorkspaceEdit {
    let create = DocumentChangeOperation::Op(ResourceOp::Create(CreateFile {
        uri: uri.clone(),
        options: Some(CreateFileOptions {
            overwrite: Some(false),
            ignore_if_exists: Some(true),
        }),
        annotation_id: None,
    }));
    let insert = DocumentChangeOperation::Edit(TextDocumentEdit {
        text_document: OptionalVersionedTextDocumentIdentifier {
            uri: uri.clone(),
            version: None,
        },
        edits: vec![OneOf::Left(TextEdit::new(Default::default(), text))],
    });
    WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(vec![create, insert])),
        ..WorkspaceEdit::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use cablelint_core::fix::apply_edits;

    fn apply(text: &str, edit: &Edit) -> String {
        apply_edits(text, &[edit])
    }

    fn parse(text: &str) -> Document {
        Document::parse_str(text)
    }

    #[test]
    fn ignore_directives_are_inserted_or_extended_with_the_file_line_ending() {
        let text = "发往:𠀋\r\nOn the 26th [], Ji.\r\n";
        let doc = parse(text);
        let line = apply(text, &ignore_on_line(&doc, "B004", 1));
        assert_eq!(
            line,
            "发往:𠀋\r\n% cablelint: disable-next-line B004\r\nOn the 26th [], Ji.\r\n"
        );
        let again = apply(&line, &ignore_on_line(&parse(&line), "B001", 2));
        assert_eq!(
            again,
            "发往:𠀋\r\n% cablelint: disable-next-line B004, B001\r\nOn the 26th [], Ji.\r\n"
        );
        let file = apply(text, &ignore_in_file(&doc, "B004"));
        assert_eq!(
            file,
            "% cablelint: disable-file B004\r\n发往:𠀋\r\nOn the 26th [], Ji.\r\n"
        );
        let file2 = apply(&file, &ignore_in_file(&parse(&file), "H"));
        assert!(
            file2.starts_with("% cablelint: disable-file B004, H\r\n"),
            "{file2:?}"
        );
    }

    #[test]
    fn minimal_edit_keeps_common_ends_and_whole_characters() {
        assert_eq!(minimal_edit("same", "same"), None);
        let edit = minimal_edit("发往 [] 𠀋", "发往 𠀋").unwrap();
        assert_eq!(apply("发往 [] 𠀋", &edit), "发往 𠀋");
        // 发 (E5 8F 91) and 叒 (E5 8F 92) share two bytes: the edit must not split them.
        let edit = minimal_edit("a发b", "a叒b").unwrap();
        assert_eq!((edit.span, edit.new_text.as_str()), (Span::new(1, 4), "叒"));
        let edit = minimal_edit("aaa", "aaaa").unwrap();
        assert_eq!(apply("aaa", &edit), "aaaa");
    }

    #[test]
    fn field_ids_from_labels() {
        assert_eq!(field_id("Telegraph No."), "telegraph-no");
        assert_eq!(field_id("密级"), "密级");
    }
}
