//! `source.fixAll.cablelint`: every safe fix (unsafe ones too when the
//! `unsafeFixes` setting allows), in rounds as `cablelint check --fix` does.

use super::{action, edit_of, fix_all_kind};
use crate::analysis::{run_guarded, Analysis};
use crate::position::Encoding;
use cablelint_core::diagnostic::Edit;
use cablelint_core::lint::fix;
use cablelint_core::{Applicability, SourceText, Span};
use tower_lsp_server::ls_types::{CodeAction, Uri};

pub async fn fix_all(
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

#[cfg(test)]
mod tests {
    use super::*;
    use cablelint_core::fix::apply_edits;

    fn apply(text: &str, edit: &Edit) -> String {
        apply_edits(text, &[edit])
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
}
