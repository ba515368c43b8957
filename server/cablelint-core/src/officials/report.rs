//! Plain-data views of the officials a document names: the hover text of one
//! person, and the `cablelint officials FILE` report.

use std::fmt::Write;

use cablelint_officials::{title_has_rank, Date, Matcher, Person, Post};
use serde::Serialize;

use super::date::document_date;
use super::mentions::{mentions, ResolvedMention};
use crate::model::Document;
use crate::text::Span;

/// A post as plain strings, for JSON.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PostOnDate {
    pub title: String,
    pub org: String,
    pub start: String,
    /// None when the registry records no end.
    pub end: Option<String>,
}

impl From<&Post> for PostOnDate {
    fn from(post: &Post) -> Self {
        PostOnDate {
            title: post.title.to_string(),
            org: post.org.to_string(),
            start: post.start.to_string(),
            end: post.end.map(|d| d.to_string()),
        }
    }
}

/// One person the document names, with every place it names them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct OfficialEntry {
    pub id: String,
    pub name: String,
    /// The name in native scripts.
    pub native: Vec<String>,
    /// Posts held on the document's date (empty when it is unknown).
    pub posts_on_date: Vec<PostOnDate>,
    /// Whether some mention could also denote another person.
    pub ambiguous: bool,
    /// Byte spans of the names as written.
    pub mentions: Vec<Span>,
}

/// The people a document names, in order of first mention.
pub fn officials_report(doc: &Document, matcher: &Matcher) -> Vec<OfficialEntry> {
    let date = document_date(doc);
    let mut entries: Vec<OfficialEntry> = Vec::new();
    for mention in mentions(doc, matcher) {
        let id = mention.person_id(matcher);
        let index = match entries.iter().position(|e| e.id == id) {
            Some(index) => index,
            None => {
                let person = &matcher.registry().persons()[mention.person_index];
                entries.push(OfficialEntry {
                    id: person.id.to_string(),
                    name: person.name.text.to_string(),
                    native: person.native.iter().map(|n| n.text.to_string()).collect(),
                    posts_on_date: date
                        .map(|d| person.posts_on(d).map(PostOnDate::from).collect())
                        .unwrap_or_default(),
                    ambiguous: false,
                    mentions: Vec::new(),
                });
                entries.len() - 1
            }
        };
        let entry = &mut entries[index];
        entry.ambiguous |= !mention.unambiguous;
        entry.mentions.push(mention.span);
    }
    entries
}

fn years(post: &Post) -> String {
    match post.end {
        Some(end) => format!("{}–{}", post.start, end),
        None => format!("{}–", post.start),
    }
}

/// Markdown describing `person` as of `date`: name and native script, the
/// posts held that day, the span of the career, the summary and sources, and
/// a note when `written_title` (the title the text gives them) fits none of
/// the posts held that day.
pub fn hover_markdown(person: &Person, date: Option<Date>, written_title: Option<&str>) -> String {
    let mut out = format!("**{}**", person.name.text);
    if !person.native.is_empty() {
        let native: Vec<&str> = person.native.iter().map(|n| &*n.text).collect();
        let _ = write!(out, " ({})", native.join(" / "));
    }
    out.push_str("\n\n");
    if let Some(date) = date {
        let held: Vec<&Post> = person.posts_on(date).collect();
        if held.is_empty() {
            let _ = writeln!(out, "No recorded post on {date}.");
        } else {
            let _ = writeln!(out, "On {date}:");
            for post in &held {
                let _ = writeln!(out, "- {}, {} ({})", post.title, post.org, years(post));
            }
        }
        if let Some(title) = written_title.filter(|t| title_has_rank(t)) {
            if !person.title_held_on(title, date) {
                let _ = writeln!(
                    out,
                    "\n⚠ The text calls them *{}*, which fits no post they held on {date}.",
                    title.trim()
                );
            }
        }
        out.push('\n');
    }
    let first = person.posts.iter().map(|p| p.start.first_day()).min();
    let last_post = person
        .posts
        .iter()
        .max_by_key(|p| p.end.map_or(i64::MAX, |e| e.last_day()));
    if let (Some(first), Some(last)) = (
        person
            .posts
            .iter()
            .find(|p| Some(p.start.first_day()) == first),
        last_post,
    ) {
        let end = last.end.map_or_else(|| "…".to_owned(), |e| e.to_string());
        let _ = writeln!(out, "Career: {} to {end}.\n", first.start);
    }
    if !person.summary.is_empty() {
        let _ = writeln!(out, "{}\n", person.summary.trim());
    }
    if !person.sources.is_empty() {
        let _ = writeln!(out, "Source: {}", person.sources.join("; "));
    }
    out.trim_end().to_owned()
}

/// The hover for one resolved mention of `doc`.
pub fn hover_for_mention(doc: &Document, matcher: &Matcher, mention: &ResolvedMention) -> String {
    let person = &matcher.registry().persons()[mention.person_index];
    let title = mention.title.map(|t| doc.slice(t));
    let date = document_date(doc);
    let mut text = hover_markdown(person, date, title);
    if !mention.others.is_empty() {
        let persons = matcher.registry().persons();
        let others: Vec<String> = mention
            .others
            .iter()
            .map(|&index| describe_briefly(&persons[index], date))
            .collect();
        let _ = write!(text, "\n\nMay also be: {}", others.join("; "));
    }
    text
}

/// "Ji Dengkui (姬登奎), Vice Premier": who else a surname could mean, by
/// name rather than registry id, with a post held on the date if any.
fn describe_briefly(person: &Person, date: Option<Date>) -> String {
    let mut out = person.name.text.to_string();
    if let Some(native) = person.native.first() {
        let _ = write!(out, " ({})", native.text);
    }
    if let Some(post) = date.and_then(|d| person.posts_on(d).next()) {
        let _ = write!(out, ", {}", post.title);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::officials::builtin_matcher;
    use expect_test::expect;

    #[test]
    fn hover_names_the_post_held_and_the_disagreeing_title() {
        let matcher = builtin_matcher();
        let ji = matcher.registry().get("ji-pengfei").expect("built in");
        let date = "1962-06-28".parse().ok();
        expect![[r#"
            **Ji Pengfei** (姬鹏飞 / 姬鵬飛)

            On 1962-06-28:
            - Vice Minister of Foreign Affairs, PRC Ministry of Foreign Affairs (1955–1972)

            ⚠ The text calls them *Foreign Minister*, which fits no post they held on 1962-06-28.

            Career: 1950-09 to 1990.

            PRC diplomat: first head of mission to the GDR, Vice Minister of Foreign Affairs for most of the 1950s and 1960s, then Minister of Foreign Affairs.

            Source: Wikipedia: Ji Pengfei; Wikipedia: Minister of Foreign Affairs (China)"#]]
        .assert_eq(&hover_markdown(ji, date, Some("Foreign Minister")));
        assert!(!hover_markdown(ji, date, Some("Vice Minister")).contains('⚠'));
        assert!(!hover_markdown(ji, None, Some("Foreign Minister")).contains("On "));
    }

    #[test]
    fn hover_on_a_bare_surname_names_the_others_it_could_mean() {
        let text = "28 June 1962\n\n发往 𠀋 Vice Minister Ji rejected it.\r\n";
        let doc = Document::parse_str(text);
        let matcher = builtin_matcher();
        let found = mentions(&doc, matcher);
        let ji = found
            .iter()
            .find(|m| &text[m.span.range()] == "Ji")
            .expect("Ji is found");
        let hover = hover_for_mention(&doc, matcher, ji);
        let also = hover.rsplit("\n\n").next().unwrap_or_default();
        expect!["May also be: Ji Dengkui (纪登奎)"].assert_eq(also);
    }

    #[test]
    fn report_groups_mentions_by_person_in_order_of_first_mention() {
        let text = "June 28, 1962\n\nCable\n\n发往 𠀋 Ji Pengfei met Chervonenko.\r\nVice Minister Ji left.\r\n";
        let doc = Document::parse_str(text);
        let report = officials_report(&doc, builtin_matcher());
        let json = serde_json::to_string(&report).expect("serialises");
        assert!(json.contains("\"id\":\"ji-pengfei\""), "{json}");
        let ji = &report[0];
        assert_eq!(ji.id, "ji-pengfei");
        let written: Vec<&str> = ji.mentions.iter().map(|s| &text[s.range()]).collect();
        assert_eq!(written, ["Ji Pengfei", "Ji"]);
        assert_eq!(report[1].id, "chervonenko");
        assert_eq!(
            ji.posts_on_date[0].title,
            "Vice Minister of Foreign Affairs"
        );
    }
}
