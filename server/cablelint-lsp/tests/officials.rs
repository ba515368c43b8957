//! Officials in the editor: hover on names, dates and brackets; go to the
//! registry entry (built-in or the user's); names completed after a title
//! or `[`, ranked by the posts held on the document's date. Lines carry CJK
//! and astral-plane text so positions are checked in UTF-16 and UTF-8.

mod common;

use common::*;
use serde_json::{json, Value};

const URI: &str = "file:///nonexistent-cablelint-test/officials.cable";
const TEXT: &str = "June 28, 1962\n\nCable\n\n发往 𠀋 Foreign Minister Ji Pengfei met Chervonenko [illegible].\r\nVice Minister Ji left.\r\n";

fn at(text: &str, needle: &str, utf8: bool) -> Value {
    let offset = text.find(needle).expect("needle in text");
    client_position(text, offset, utf8)
}

fn params(uri: &str, position: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position})
}

async fn started(text: &str, utf8: bool) -> TestClient {
    TestClient::with_open(URI, text, utf8).await
}

#[tokio::test]
async fn hover_on_a_name_shows_the_person_on_the_document_date() {
    for utf8 in [false, true] {
        let client = started(TEXT, utf8).await;
        let hover = client
            .result("textDocument/hover", params(URI, at(TEXT, "Pengfei", utf8)))
            .await;
        let markdown = hover["contents"]["value"].as_str().unwrap();
        assert_eq!(hover["contents"]["kind"], "markdown");
        assert!(markdown.starts_with("**Ji Pengfei** (姬鹏飞"), "{markdown}");
        assert!(
            markdown.contains("On 1962-06-28:\n- Vice Minister of Foreign Affairs"),
            "{markdown}"
        );
        assert!(
            markdown.contains("⚠ The text calls them *Foreign Minister*"),
            "{markdown}"
        );
        assert!(markdown.contains("Career: "), "{markdown}");
        assert!(markdown.contains("Source: "), "{markdown}");
        // The range covers the title and the name as written.
        let start = TEXT.find("Foreign Minister").unwrap();
        let end = TEXT.find(" met").unwrap();
        assert_eq!(
            hover["range"],
            json!({"start": client_position(TEXT, start, utf8), "end": client_position(TEXT, end, utf8)})
        );
        assert!(client.shutdown_and_exit().await);
    }
}

#[tokio::test]
async fn hover_on_a_date_and_a_bracket() {
    let client = started(TEXT, false).await;
    let hover = client
        .result("textDocument/hover", params(URI, pos(0, 3)))
        .await;
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(markdown.starts_with("**Date** `1962-06-28`"), "{markdown}");
    assert!(markdown.contains("Role: **"), "{markdown}");
    assert!(
        markdown.contains("This is the document's own date."),
        "{markdown}"
    );
    assert_eq!(hover["range"], range((0, 0), (0, 13)));
    let hover = client
        .result(
            "textDocument/hover",
            params(URI, at(TEXT, "illegible]", false)),
        )
        .await;
    assert_eq!(
        hover["contents"]["value"],
        "**Editorial bracket: illegible** — text that cannot be read."
    );
    let start = TEXT.find("[illegible]").unwrap();
    assert_eq!(
        hover["range"],
        json!({"start": client_position(TEXT, start, false), "end": client_position(TEXT, start + 11, false)})
    );
    // Plain text: nothing.
    let hover = client
        .result("textDocument/hover", params(URI, at(TEXT, "left", false)))
        .await;
    assert_eq!(hover, Value::Null);
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn definition_of_a_built_in_person_is_their_entry_in_the_written_out_registry() {
    let client = started(TEXT, false).await;
    let location = client
        .result(
            "textDocument/definition",
            params(URI, at(TEXT, "Chervonenko", false)),
        )
        .await;
    let uri = location["uri"].as_str().unwrap();
    assert!(uri.starts_with("file://"), "{uri}");
    assert!(
        uri.ends_with("/cablelint-registry-0.1.0/ussr.toml"),
        "{uri}"
    );
    let text = std::fs::read_to_string(uri.trim_start_matches("file://")).unwrap();
    let line = location["range"]["start"]["line"].as_u64().unwrap() as usize;
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[line], "[[person]]");
    assert_eq!(lines[line + 1], "id = \"chervonenko\"");
    assert_eq!(location["range"]["start"]["character"], 0);
    // Not on a name: nothing.
    let nothing = client
        .result(
            "textDocument/definition",
            params(URI, at(TEXT, "left", false)),
        )
        .await;
    assert_eq!(nothing, Value::Null);
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn definition_of_a_person_from_a_user_registry_is_in_that_file() {
    let dir = user_registry_workspace();
    let uri = format!("file://{}", dir.path().join("a.cable").display());
    let text = "June 28, 1962\n\nCable\n\n发往 𠀋 Ambassador Pavel Novák called.\n";
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(&uri, text).await;
    let location = client
        .result(
            "textDocument/definition",
            params(&uri, at(text, "Novák", false)),
        )
        .await;
    assert_eq!(
        location["uri"],
        format!("file://{}", dir.path().join("ours.toml").display())
    );
    assert_eq!(location["range"]["start"], pos(1, 0));
    let hover = client
        .result("textDocument/hover", params(&uri, at(text, "Pavel", false)))
        .await;
    let markdown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        markdown.contains("- Ambassador, Czechoslovakia (1960–1964)"),
        "{markdown}"
    );
    assert!(client.shutdown_and_exit().await);
}

fn items(completion: &Value) -> Vec<(String, String)> {
    let mut items: Vec<(String, String)> = completion_items(completion)
        .iter()
        .map(|i| {
            (
                i["sortText"].as_str().unwrap_or_default().to_owned(),
                i["label"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    items.sort();
    items
}

#[tokio::test]
async fn names_complete_after_a_title_ranked_by_posts_on_the_date() {
    let text = "June 28, 1962\n\nCable\n\nThe 𠀋 envoy met Foreign Minister Ch\n";
    for utf8 in [false, true] {
        let client = started(text, utf8).await;
        let end = text.len() - 1;
        let completion = client
            .result(
                "textDocument/completion",
                params(URI, client_position(text, end, utf8)),
            )
            .await;
        let ranked = items(&completion);
        let first: Vec<&str> = ranked
            .iter()
            .take_while(|(sort, _)| sort.starts_with('0'))
            .map(|(_, label)| label.as_str())
            .collect();
        assert!(
            first.contains(&"Chen Yi"),
            "{first:?} {:?}",
            &ranked[..5.min(ranked.len())]
        );
        assert!(!first.contains(&"Ji Pengfei"), "a vice minister: {first:?}");
        // Zhou Enlai was Premier that day: in office, after the ministers;
        // offered for "Ch" by his Wade-Giles name, which the editor filters by.
        assert!(ranked.contains(&("1Zhou Enlai".into(), "Zhou Enlai".into())));
        let zhou = completion_items(&completion)
            .iter()
            .find(|i| i["label"] == "Zhou Enlai")
            .unwrap();
        assert_eq!(zhou["filterText"], "Chou En-lai");
        // Names that begin otherwise are left to the next request.
        assert!(!ranked.iter().any(|(_, label)| label.contains("Gromyko")));
        assert_eq!(completion["isIncomplete"], true);
        // The edit replaces the name begun after the title.
        let chen = completion_items(&completion)
            .iter()
            .find(|i| i["label"] == "Chen Yi")
            .unwrap();
        let start = text.find("Ch\n").unwrap();
        assert_eq!(
            chen["textEdit"]["range"],
            json!({"start": client_position(text, start, utf8), "end": client_position(text, end, utf8)})
        );
        assert_eq!(
            apply_text_edits(text, &[chen["textEdit"].clone()], utf8),
            text.replace("Ch\n", "Chen Yi\n")
        );
        assert!(client.shutdown_and_exit().await);
    }
}

#[tokio::test]
async fn with_no_name_begun_the_likeliest_hundred_are_offered() {
    let text = "June 28, 1962\n\nCable\n\nThe 𠀋 envoy met Foreign Minister \n";
    let client = started(text, false).await;
    let completion = client
        .result(
            "textDocument/completion",
            params(URI, client_position(text, text.len() - 1, false)),
        )
        .await;
    assert_eq!(completion["isIncomplete"], true);
    let ranked = items(&completion);
    assert_eq!(ranked.len(), 100);
    let first: Vec<&str> = ranked
        .iter()
        .take_while(|(sort, _)| sort.starts_with('0'))
        .map(|(_, label)| label.as_str())
        .collect();
    for minister in ["Chen Yi", "Andrei Andreyevich Gromyko", "Adam Rapacki"] {
        assert!(first.contains(&minister), "{minister}: {first:?}");
    }
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn a_names_documentation_is_sent_when_the_editor_shows_it() {
    let text = "June 28, 1962\n\nCable\n\nThe 𠀋 envoy met Foreign Minister Ji\n";
    let documentation = |item: &Value| item["documentation"]["value"].as_str().map(str::to_owned);
    // Like VS Code, the first client asks for documentation on resolve;
    // the second (UTF-8, no resolveSupport) gets it with the list.
    for utf8 in [false, true] {
        let client = started(text, utf8).await;
        let completion = client
            .result(
                "textDocument/completion",
                params(URI, client_position(text, text.len() - 1, utf8)),
            )
            .await;
        let items = completion_items(&completion);
        let ji = items.iter().find(|i| i["label"] == "Ji Pengfei").unwrap();
        let shown = if utf8 {
            assert!(items.iter().all(|i| i.get("data").is_none()));
            documentation(ji).expect("documentation with the list")
        } else {
            assert!(items.iter().all(|i| i.get("documentation").is_none()));
            let resolved = client.result("completionItem/resolve", ji.clone()).await;
            // Nothing else changes.
            let mut without = resolved.clone();
            without.as_object_mut().unwrap().remove("documentation");
            assert_eq!(&without, ji);
            documentation(&resolved).expect("documentation on resolve")
        };
        assert!(shown.starts_with("**Ji Pengfei** (姬鹏飞"), "{shown}");
        assert!(shown.contains("On 1962-06-28:\n- Vice Minister"), "{shown}");
        assert!(shown.contains("calls them *Foreign Minister*"), "{shown}");
        assert!(client.shutdown_and_exit().await);
    }
}

#[tokio::test]
async fn resolving_an_item_without_pending_documentation_returns_it_unchanged() {
    let client = started(TEXT, false).await;
    let keyword = json!({"label": "[sic]", "detail": "so in the original"});
    assert_eq!(
        client
            .result("completionItem/resolve", keyword.clone())
            .await,
        keyword
    );
    // Documentation pending for a person no registry has: none is made.
    let unknown = json!({"label": "X", "data": {"uri": URI, "person": "no-such-person",
                                               "date": null, "title": null}});
    assert_eq!(
        client
            .result("completionItem/resolve", unknown.clone())
            .await,
        unknown
    );
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn names_complete_in_an_opening_bracket_after_the_keywords() {
    let text = "June 28, 1962\n\nCable\n\nThe 𠀋 envoy met [Zh]\n";
    let client = started(text, false).await;
    let cursor = text.find("]\n").unwrap();
    let completion = client
        .result(
            "textDocument/completion",
            params(URI, client_position(text, cursor, false)),
        )
        .await;
    let ranked = items(&completion);
    let keywords: Vec<&str> = ranked[..3].iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(
        keywords,
        ["[...]", "[illegible]", "[sic]"],
        "keywords come first"
    );
    let zhou = completion_items(&completion)
        .iter()
        .find(|i| i["label"] == "Zhou Enlai")
        .expect("Zhou Enlai offered");
    assert_eq!(
        apply_text_edits(text, &[zhou["textEdit"].clone()], false),
        text.replace("[Zh]", "[Zhou Enlai]")
    );
    assert!(client.shutdown_and_exit().await);
}
