//! "Add this label to the profile": an unknown header label goes into the
//! `[profile-labels.<profile>]` table of `cablelint.toml` (created if there is none
//! and the client can create files).

use super::{action, edit_of};
use crate::analysis::Analysis;
use crate::config::edit::add_label;
use crate::config::CONFIG_FILE_NAME as FILE_NAME;
use crate::handlers::lifecycle::file_path;
use crate::position::TextMap;
use crate::state::State;
use cablelint_core::model::HeaderField;
use cablelint_core::{LineIndex, Span};
use std::path::PathBuf;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CreateFile, CreateFileOptions, DocumentChangeOperation,
    DocumentChanges, OneOf, OptionalVersionedTextDocumentIdentifier, ResourceOp, TextDocumentEdit,
    TextEdit, Uri, WorkspaceEdit,
};

pub fn actions(
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
            f.field.is_none()
                && !f.label.is_empty()
                && super::touches(doc.lines.line_span(f.line), span)
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
            let Some(edit) = super::fix_all::minimal_edit(&old, &new) else {
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

    #[test]
    fn field_ids_from_labels() {
        assert_eq!(field_id("Telegraph No."), "telegraph-no");
        assert_eq!(field_id("密级"), "密级");
    }
}
