//! Code actions: each finding's own fix, "ignore this rule" on the line or in
//! the file (a `% cablelint:` directive, `ignore`), "add this label to the
//! profile" (`add_label`), and `source.fixAll.cablelint` (`fix_all`).

mod add_label;
mod fix_all;
mod ignore;

use crate::analysis::Analysis;
use crate::handlers::diagnostics::convert;
use crate::state::State;
use cablelint_core::{Applicability, Span};
use std::collections::{HashMap, HashSet};
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, CodeActionResponse,
    CodeActionTriggerKind, TextEdit, Uri, WorkspaceEdit,
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
        add_label::actions(state, &analysis, &uri, span, &mut actions);
    }
    // Fixing the whole file costs a lint per round: only when asked for.
    let automatic =
        params.context.trigger_kind == Some(CodeActionTriggerKind::AUTOMATIC) && only.is_none();
    if wants(&fix_all_kind()) && !automatic {
        let unsafe_fixes = state.config().settings().unsafe_fixes;
        if let Some(action) = fix_all::fix_all(&analysis, &uri, encoding, unsafe_fixes).await {
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
            let edit = map.text_edit(&ignore::on_line(doc, finding.code, line));
            let mut action = action(
                format!("Ignore {} on this line", finding.code),
                CodeActionKind::QUICKFIX,
                edit_of(uri, vec![edit]),
            );
            action.diagnostics = Some(vec![diagnostic.clone()]);
            ignores.push(action);
        }
        if seen_file.insert(finding.code) {
            let edit = map.text_edit(&ignore::in_file(doc, finding.code));
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
pub(super) fn action(title: String, kind: CodeActionKind, edit: WorkspaceEdit) -> CodeAction {
    CodeAction {
        title,
        kind: Some(kind),
        edit: Some(edit),
        ..CodeAction::default()
    }
}

pub(super) fn edit_of(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}
