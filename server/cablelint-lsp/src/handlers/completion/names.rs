//! Officials' names: after a title (`Minister `, `Ambassador `, `Comrade `…)
//! and in an opening `[`, ranked by the posts people held on the document's
//! date: those whose post fits the written title first, then anyone in
//! office that day, then the rest alive that day.

use crate::analysis::Analysis;
use crate::position::TextMap;
use crate::state::State;
use cablelint_core::officials::{builtin_matcher, document_date, hover_markdown};
use cablelint_core::Span;
use cablelint_officials::{fold_to_ascii, title_matches, Date, Person};
use regex::Regex;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, MarkupContent,
    MarkupKind, TextEdit, Uri,
};

/// When a name's documentation is made: with the list, or when the editor
/// shows the item (`completionItem/resolve`). Every person alive on the
/// date is offered, so the documentation of all of them made at once was
/// most of a 370 KB answer to each request.
#[derive(Clone, Copy)]
pub enum Docs<'a> {
    Now,
    Later(&'a Uri),
}

/// At most this many names are sent at once, the likeliest first: the
/// list is marked incomplete, and the editor asks again as the name is
/// typed (a user registry may hold thousands of people).
const MOST_NAMES: usize = 100;

/// Names offered, and whether typing on should ask for them again (some
/// were left out: not matching what is typed, or past [`MOST_NAMES`]).
pub struct Offered {
    pub items: Vec<CompletionItem>,
    pub incomplete: bool,
}

/// What an item carries to be resolved: the documentation as it would
/// have been made with the list.
#[derive(Serialize, Deserialize)]
struct Pending {
    uri: Uri,
    person: String,
    date: Option<String>,
    title: Option<String>,
}

/// A title word, a space, and the start of a name (possibly nothing yet).
static AFTER_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(minister|ambassador|comrade|premier|chairman|secretary|president|marshal|general|counsellor|counselor|envoy|mr\.|mrs\.|cde\.)\s+(\p{L}[\p{L}.'’-]*)?$",
    )
    .expect("a valid pattern")
});

/// The title as written: the title word with up to three capitalised words
/// before it ("Vice Foreign Minister", not "met Foreign Minister", nor
/// "June], Vice Minister").
fn written_title(before: &str) -> Option<(&str, usize)> {
    let captures = AFTER_TITLE.captures(before)?;
    let word = captures.get(1)?;
    let typed = captures.get(2).map_or(0, |m| m.len());
    let mut start = word.start();
    // "Vice-Premier": the title word's hyphenated prefix belongs to it.
    let hyphenated = before[..start].trim_end_matches(|c: char| c.is_alphabetic() || c == '-');
    if before[hyphenated.len()..start].ends_with('-') {
        start = hyphenated.len();
    }
    for _ in 0..3 {
        let head = before[..start].trim_end();
        let Some(previous) = head.split_whitespace().next_back() else {
            break;
        };
        // A word that ends a clause ("June],", "Moscow.") is not part of it.
        let title_word = previous.starts_with(|c: char| c.is_uppercase())
            && previous.chars().all(|c| c.is_alphabetic() || c == '-');
        if head.len() == start || !title_word {
            break;
        }
        start = head.len() - previous.len();
    }
    Some((&before[start..word.end()], typed))
}

/// Names after a title in `before` (the line up to the cursor), whose last
/// `typed` bytes are the name being typed; `None` when no title precedes.
pub fn after_title(
    analysis: &Analysis,
    map: &TextMap,
    before: &str,
    cursor: usize,
    docs: Docs,
) -> Option<Offered> {
    let (title, typed) = written_title(before)?;
    let range = map.range(Span::new(cursor - typed, cursor));
    let begun = &before[before.len() - typed..];
    Some(items(analysis, Some(title), begun, docs, |person, form| {
        let name = person.name.text.to_string();
        (form.to_owned(), TextEdit::new(range, name))
    }))
}

/// Names in a bracket being opened: `[` + typed up to the cursor, with the
/// editor's own `]` after it replaced too.
pub fn in_bracket(analysis: &Analysis, map: &TextMap, typed: Span, docs: Docs) -> Offered {
    let text = analysis.document.text();
    let end = if text[typed.end..].starts_with(']') {
        typed.end + 1
    } else {
        typed.end
    };
    let range = map.range(Span::new(typed.start, end));
    // After the `[`.
    let begun = &text[typed.start + 1..typed.end];
    items(analysis, None, begun, docs, |person, form| {
        let supplied = format!("[{}]", person.name.text);
        (format!("[{form}]"), TextEdit::new(range, supplied))
    })
}

/// What is typed of a name, as [`name_begun`] compares it: folded once per
/// request, not once per person.
fn folded(begun: &str) -> String {
    fold_to_ascii(begun).to_lowercase()
}

/// The first of the person's names (canonical, variants, native) with a
/// word that starts as `begun` (already [`folded`]) does, diacritics and
/// case aside: the editor filters the items by it, so `Chou` keeps Zhou Enlai.
fn name_begun<'p>(person: &'p Person, begun: &str) -> Option<&'p str> {
    if begun.is_empty() {
        return Some(&person.name.text);
    }
    let forms = std::iter::once(&*person.name.text)
        .chain(person.variants.iter().map(|v| &*v.text))
        .chain(person.native.iter().map(|n| &*n.text));
    forms.into_iter().find(|form| {
        fold_to_ascii(form)
            .to_lowercase()
            .split([' ', '-', '.'])
            .any(|word| word.starts_with(begun))
    })
}

fn items(
    analysis: &Analysis,
    title: Option<&str>,
    begun: &str,
    docs: Docs,
    edit: impl Fn(&Person, &str) -> (String, TextEdit),
) -> Offered {
    let date = document_date(&analysis.document);
    let mut items = Vec::new();
    let mut incomplete = false;
    let begun = folded(begun);
    for person in analysis.matcher().registry().persons() {
        let Some(form) = name_begun(person, &begun) else {
            incomplete = true;
            continue;
        };
        let (rank, posts) = match date {
            Some(date) => {
                if !person.alive_on(date) {
                    continue;
                }
                let held: Vec<_> = person.posts_on(date).collect();
                let fits = title.is_some_and(|t| held.iter().any(|p| title_matches(t, &p.title)));
                let rank = if fits {
                    0
                } else if held.is_empty() {
                    2
                } else {
                    1
                };
                (rank, held)
            }
            None => (2, Vec::new()),
        };
        let detail = match posts.first() {
            Some(post) => format!("{}, {}", post.title, post.org),
            None => person.summary.to_string(),
        };
        let (filter, text_edit) = edit(person, form);
        let (documentation, data) = match docs {
            Docs::Now => (Some(markdown(person, date, title)), None),
            Docs::Later(uri) => {
                let pending = Pending {
                    uri: uri.clone(),
                    person: person.id.to_string(),
                    date: date.map(|d| d.to_string()),
                    title: title.map(str::to_owned),
                };
                (None, serde_json::to_value(pending).ok())
            }
        };
        items.push(CompletionItem {
            label: person.name.text.to_string(),
            kind: Some(CompletionItemKind::REFERENCE),
            detail: Some(detail),
            documentation,
            data,
            sort_text: Some(format!("{rank}{}", person.name.text)),
            filter_text: Some(filter),
            text_edit: Some(CompletionTextEdit::Edit(text_edit)),
            ..CompletionItem::default()
        });
    }
    if items.len() > MOST_NAMES {
        items.sort_unstable_by(|a, b| a.sort_text.cmp(&b.sort_text));
        items.truncate(MOST_NAMES);
        incomplete = true;
    }
    Offered { items, incomplete }
}

fn markdown(person: &Person, date: Option<Date>, title: Option<&str>) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value: hover_markdown(person, date, title),
    })
}

/// `completionItem/resolve`: the documentation of a name offered with
/// [`Docs::Later`], from the registry of the document's configuration (the
/// built-in one once the document is closed). Other items come back as
/// they are.
pub async fn resolve(state: &State, mut item: CompletionItem) -> CompletionItem {
    let Some(pending) = item
        .data
        .as_ref()
        .and_then(|data| serde_json::from_value::<Pending>(data.clone()).ok())
    else {
        return item;
    };
    let analysis = state.analysis(&pending.uri).await;
    let matcher = analysis
        .as_ref()
        .map_or(&**builtin_matcher(), |a| a.matcher());
    if let Some(person) = matcher.registry().get(&pending.person) {
        let date = pending.date.and_then(|d| d.parse().ok());
        item.documentation = Some(markdown(person, date, pending.title.as_deref()));
    }
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_found_before_the_name_being_typed() {
        let title = |s: &str| written_title(s).map(|(t, typed)| (t.to_owned(), typed));
        assert_eq!(
            title("发往 𠀋 met Vice Foreign Minister Ji"),
            Some(("Vice Foreign Minister".into(), 2))
        );
        assert_eq!(title("Comrade "), Some(("Comrade".into(), 0)));
        assert_eq!(title("the Minister said"), Some(("Minister".into(), 4)));
        assert_eq!(
            title("The Soviet Ambassador "),
            Some(("The Soviet Ambassador".into(), 0))
        );
        assert_eq!(
            title("On the 26th [of June], Vice Minister "),
            Some(("Vice Minister".into(), 0))
        );
        assert_eq!(
            title("He left Moscow. Ambassador Ch"),
            Some(("Ambassador".into(), 2))
        );
        assert_eq!(
            title("the Vice-Premier Li"),
            Some(("Vice-Premier".into(), 2))
        );
        assert_eq!(title("Ministers met"), None);
        assert_eq!(title("Ambassador"), None);
    }
}
