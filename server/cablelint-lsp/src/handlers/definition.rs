//! Go to definition on an official's name: the person's entry in the
//! registry file that defines them. A user registry is opened where it is;
//! the built-in registry, compiled into the binary, is written once per
//! version to `<temp>/cablelint-registry-<version>/` and opened there as a
//! plain `file://` document (read-only in spirit: edits there change nothing).

use crate::position::TextMap;
use crate::state::State;
use cablelint_core::{LineIndex, Span};
use cablelint_officials::{Origin, BUILTIN_FILES};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{GotoDefinitionParams, GotoDefinitionResponse, Location, Uri};

pub async fn definition(
    state: &State,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let at = params.text_document_position_params;
    let Some(analysis) = state.analysis(&at.text_document.uri).await else {
        return Ok(None);
    };
    let offset = analysis.map(state.encoding()).offset(at.position);
    let on = |span: Span| span.start <= offset && offset < span.end;
    let Some(mention) = analysis
        .mentions()
        .iter()
        .find(|m| on(m.span) || m.title.is_some_and(on))
    else {
        return Ok(None);
    };
    let person = &analysis.matcher().registry().persons()[mention.person_index];
    Ok(location(state, &person.origin).map(GotoDefinitionResponse::Scalar))
}

/// Where an entry is: its file (the built-in ones written out first) and
/// the range of its `[[person]]` table.
fn location(state: &State, origin: &Origin) -> Option<Location> {
    let (path, text) = match BUILTIN_FILES
        .iter()
        .find(|(name, _)| **name == *origin.file)
    {
        Some((name, text)) => (builtin_dir()?.join(name), (*text).to_owned()),
        None => {
            let path = PathBuf::from(origin.file.as_ref());
            let text = std::fs::read_to_string(&path)
                .map_err(|e| tracing::warn!("cannot read {}: {e}", path.display()))
                .ok()?;
            (path, text)
        }
    };
    let lines = LineIndex::new(&text);
    let map = TextMap::new(&text, &lines, state.encoding());
    let end = origin.span.end.min(text.len());
    let start = origin.span.start.min(end);
    Some(Location {
        uri: Uri::from_file_path(&path)?,
        range: map.range(Span::new(start, end)),
    })
}

/// The built-in registry files on disk, written on first use.
pub fn builtin_dir() -> Option<&'static Path> {
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir =
            std::env::temp_dir().join(format!("cablelint-registry-{}", env!("CARGO_PKG_VERSION")));
        match write_builtin(&dir) {
            Ok(()) => Some(dir),
            Err(error) => {
                tracing::warn!(
                    "cannot write the built-in registry to {}: {error}",
                    dir.display()
                );
                None
            }
        }
    })
    .as_deref()
}

/// Writes each file unless it is already there with the same text (another
/// server may have written it); through a temporary name, so a reader never
/// sees half a file.
fn write_builtin(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)?;
    for (name, text) in BUILTIN_FILES {
        let path = dir.join(name);
        if std::fs::read_to_string(&path).is_ok_and(|on_disk| on_disk == *text) {
            continue;
        }
        let partial = dir.join(format!(".{name}.{}", std::process::id()));
        std::fs::write(&partial, text)?;
        std::fs::rename(&partial, &path)?;
    }
    Ok(())
}
