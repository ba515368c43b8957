//! Completion, outline, folding, selection ranges, semantic tokens and
//! document links, on the seed cable and on lines with CJK and astral text.

mod common;

use common::*;
use serde_json::{json, Value};

const URI: &str = "file:///nonexistent-cablelint-test/features.cable";

fn doc(uri: &str) -> Value {
    json!({"uri": uri})
}

async fn started(text: &str, utf8: bool) -> TestClient {
    TestClient::with_open(URI, text, utf8).await
}

fn labels(completion: &Value) -> Vec<String> {
    completion_items(completion)
        .iter()
        .map(|i| i["label"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn completes_profile_labels_at_the_start_of_a_header_line() {
    let text = seed_cable();
    // A new line typed after "Level: Normal" in the English header.
    let at = text.find("Level: Normal").unwrap() + "Level: Normal".len();
    let mut edited = text.clone();
    edited.insert_str(at, "\nFor");
    let client = started(&edited, false).await;
    let position = client_position(&edited, at + "\nFor".len(), false);
    let items = client
        .result(
            "textDocument/completion",
            json!({"textDocument": doc(URI), "position": position}),
        )
        .await;
    let names = labels(&items);
    assert!(
        names.contains(&"Foreign Ministry Dispatch No.".to_owned()),
        "{names:?}"
    );
    assert!(
        names.contains(&"发往".to_owned()),
        "original labels too: {names:?}"
    );
    let dispatch = items
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["label"] == "Foreign Ministry Dispatch No.")
        .unwrap();
    let edit = &dispatch["textEdit"];
    assert_eq!(edit["newText"], "Foreign Ministry Dispatch No.: ");
    // The edit replaces what was typed ("For"), and applies cleanly.
    let applied = apply_text_edits(&edited, std::slice::from_ref(edit), false);
    assert!(applied.contains("Level: Normal\nForeign Ministry Dispatch No.: \n"));
    // In the body, no labels.
    let body = client_position(
        &edited,
        edited.find("handed our memorandum").unwrap(),
        false,
    );
    let items = client
        .result(
            "textDocument/completion",
            json!({"textDocument": doc(URI), "position": body}),
        )
        .await;
    assert!(labels(&items).is_empty(), "{items}");
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn completes_bracket_keywords_after_an_open_bracket() {
    let text = "发往 𠀋 words [il]\r\nmore\r\n";
    for utf8 in [false, true] {
        let client = started(text, utf8).await;
        let at = client_position(text, text.find("[il").unwrap() + 3, utf8);
        let items = client
            .result(
                "textDocument/completion",
                json!({"textDocument": doc(URI), "position": at}),
            )
            .await;
        // Keywords, then officials' names (tests/officials.rs).
        assert_eq!(labels(&items)[..3], ["[illegible]", "[sic]", "[...]"]);
        let illegible = completion_items(&items)[0]["textEdit"].clone();
        // The auto-closed `]` is replaced too.
        assert_eq!(
            apply_text_edits(text, &[illegible], utf8),
            "发往 𠀋 words [illegible]\r\nmore\r\n"
        );
        assert!(client.shutdown_and_exit().await);
    }
}

#[tokio::test]
async fn the_outline_has_header_fields_body_closing_and_citation() {
    let text = seed_cable();
    let client = started(&text, false).await;
    let symbols = client
        .result(
            "textDocument/documentSymbol",
            json!({"textDocument": doc(URI)}),
        )
        .await;
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    for expected in ["Original header", "Header", "Body", "Closing", "Citation"] {
        assert!(
            names.contains(&expected),
            "{expected} missing from {names:?}"
        );
    }
    let header = symbols
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "Header")
        .unwrap();
    let fields: Vec<(&str, &str)> = header["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap(),
                c["detail"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(
        fields.contains(&("Receiver", "Wulumuqi [Urumqi]")),
        "{fields:?}"
    );
    assert!(
        fields.contains(&("Foreign Ministry Dispatch No.", "508")),
        "{fields:?}"
    );
    // Every child lies inside its parent, and every selection inside its range.
    for symbol in symbols.as_array().unwrap() {
        check_nesting(&text, symbol, None);
    }
    assert!(client.shutdown_and_exit().await);
}

fn check_nesting(text: &str, symbol: &Value, parent: Option<(usize, usize)>) {
    let span = |r: &Value| {
        (
            client_offset(text, &r["start"], false),
            client_offset(text, &r["end"], false),
        )
    };
    let range = span(&symbol["range"]);
    let selection = span(&symbol["selectionRange"]);
    assert!(range.0 <= selection.0 && selection.1 <= range.1, "{symbol}");
    if let Some(parent) = parent {
        assert!(parent.0 <= range.0 && range.1 <= parent.1, "{symbol}");
    }
    for child in symbol["children"].as_array().into_iter().flatten() {
        check_nesting(text, child, Some(range));
    }
}

#[tokio::test]
async fn folding_ranges_cover_sections_and_multiline_brackets() {
    let text = "Level: Normal\nDispatch No. 508\n\nBody one [Translator's note:\nspans lines] end.\nMore body.\n";
    let client = started(text, false).await;
    let folds = client
        .result(
            "textDocument/foldingRange",
            json!({"textDocument": doc(URI)}),
        )
        .await;
    let pairs: Vec<(u64, u64)> = folds
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["startLine"].as_u64().unwrap(),
                f["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert!(
        pairs.contains(&(3, 4)),
        "the note spanning lines 3-4 folds: {pairs:?}"
    );
    assert!(pairs.iter().all(|(a, b)| a < b));
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn selection_grows_from_word_to_bracket_to_line_to_document() {
    let text = "乌鲁木齐 𠀋 said [Chervonenko’s statement] then\r\nnext\r\n";
    for utf8 in [false, true] {
        let client = started(text, utf8).await;
        let at = client_position(text, text.find("statement").unwrap() + 2, utf8);
        let result = client
            .result(
                "textDocument/selectionRange",
                json!({"textDocument": doc(URI), "positions": [at]}),
            )
            .await;
        let mut chain = Vec::new();
        let mut node = &result[0];
        while node.is_object() {
            let start = client_offset(text, &node["range"]["start"], utf8);
            let end = client_offset(text, &node["range"]["end"], utf8);
            chain.push(&text[start..end]);
            node = &node["parent"];
        }
        assert_eq!(
            chain,
            [
                "statement",
                "Chervonenko’s statement",
                "[Chervonenko’s statement]",
                "乌鲁木齐 𠀋 said [Chervonenko’s statement] then",
                text.trim_end(),
                text,
            ],
            "utf8: {utf8}"
        );
        assert!(client.shutdown_and_exit().await);
    }
}

/// Decodes the relative token stream into (line, column, length, type).
fn decode(tokens: &Value) -> Vec<(u64, u64, u64, u64)> {
    let data: Vec<u64> = tokens["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    let mut out = Vec::new();
    let (mut line, mut column) = (0, 0);
    for chunk in data.chunks(5) {
        if chunk[0] > 0 {
            line += chunk[0];
            column = chunk[1];
        } else {
            column += chunk[1];
        }
        out.push((line, column, chunk[2], chunk[3]));
    }
    out
}

#[tokio::test]
async fn semantic_tokens_mark_labels_values_dates_and_bracket_classes() {
    let text = "Receiver: Wulumuqi [Urumqi]\n28 June [1962]\nLevel: Normal\n\n𠀋 发往 [illegible] and [sic] and [Note: see [1]] ok\n";
    for utf8 in [false, true] {
        let (client, init) = TestClient::start(if utf8 {
            utf8_capabilities()
        } else {
            pull_capabilities()
        })
        .await;
        let legend: Vec<String> = init["capabilities"]["semanticTokensProvider"]["legend"]
            ["tokenTypes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap().to_owned())
            .collect();
        client.open(URI, text).await;
        let tokens = client
            .result(
                "textDocument/semanticTokens/full",
                json!({"textDocument": doc(URI)}),
            )
            .await;
        let named: Vec<(String, String)> = decode(&tokens)
            .into_iter()
            .map(|(line, column, length, kind)| {
                let start = client_offset(text, &pos(line as u32, column as u32), utf8);
                let end = client_offset(text, &pos(line as u32, (column + length) as u32), utf8);
                (text[start..end].to_owned(), legend[kind as usize].clone())
            })
            .collect();
        let has = |piece: &str, kind: &str| named.iter().any(|(p, k)| p == piece && k == kind);
        assert!(has("Receiver", "headerLabel"), "{named:?}");
        assert!(has("Wulumuqi ", "headerValue"), "{named:?}");
        assert!(has("[Urumqi]", "bracketGloss"), "{named:?}");
        assert!(has("[illegible]", "bracketIllegible"), "{named:?}");
        assert!(has("[sic]", "bracketSic"), "{named:?}");
        // The nested footnote mark splits its editor's note.
        assert!(has("[1]", "bracketFootnoteMark"), "{named:?}");
        assert!(has("[Note: see ", "bracketEditorNote"), "{named:?}");
        assert!(has("]", "bracketEditorNote"), "{named:?}");
        // Range requests give the tokens of that range only.
        let ranged = client
            .result(
                "textDocument/semanticTokens/range",
                json!({"textDocument": doc(URI), "range": range((4, 0), (5, 0))}),
            )
            .await;
        assert!(decode(&ranged).iter().all(|t| t.0 == 4), "{ranged}");
        assert!(client.shutdown_and_exit().await);
    }
}

#[tokio::test]
async fn every_recognised_date_is_a_date_token() {
    let text = seed_cable();
    let (client, init) = TestClient::start(pull_capabilities()).await;
    let legend = init["capabilities"]["semanticTokensProvider"]["legend"]["tokenTypes"].clone();
    client.open(URI, &text).await;
    let tokens = client
        .result(
            "textDocument/semanticTokens/full",
            json!({"textDocument": doc(URI)}),
        )
        .await;
    let date = legend
        .as_array()
        .unwrap()
        .iter()
        .position(|t| t == "date")
        .unwrap() as u64;
    let dates: Vec<String> = decode(&tokens)
        .into_iter()
        .filter(|t| t.3 == date)
        .map(|(line, column, length, _)| {
            let start = client_offset(&text, &pos(line as u32, column as u32), false);
            let end = client_offset(&text, &pos(line as u32, (column + length) as u32), false);
            text[start..end].to_owned()
        })
        .collect();
    // Every date the recogniser reads: archive line, the 批发 code (after
    // CJK on its line), body references, the header date whose supplied
    // `[1962]` stays a bracket token.
    assert_eq!(
        dates,
        [
            "June 28, 1962",
            "628",
            "2 June",
            "11 June",
            "26th ",
            "2 June",
            "11 June",
            "28 June "
        ]
    );
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn urls_in_the_citation_are_links() {
    let text = "Body.\n\nDocument Information\n\n发往 𠀋 Source: https://digitalarchive.wilsoncenter.org/document/121234.\n";
    for utf8 in [false, true] {
        let client = started(text, utf8).await;
        let links = client
            .result(
                "textDocument/documentLink",
                json!({"textDocument": doc(URI)}),
            )
            .await;
        let link = &links[0];
        assert_eq!(
            link["target"],
            "https://digitalarchive.wilsoncenter.org/document/121234"
        );
        let start = client_offset(text, &link["range"]["start"], utf8);
        let end = client_offset(text, &link["range"]["end"], utf8);
        assert_eq!(
            &text[start..end],
            "https://digitalarchive.wilsoncenter.org/document/121234"
        );
        assert!(client.shutdown_and_exit().await);
    }
}

#[tokio::test]
async fn a_byte_order_mark_in_the_editor_text_shifts_nothing() {
    let text = "\u{FEFF}the 26th [], Ji\n";
    let client = started(text, false).await;
    let items = client.pull(URI).await;
    let start = client_offset(text, &items[0]["range"]["start"], false);
    assert_eq!(&text[start..start + 2], "[]");
    assert!(client.shutdown_and_exit().await);
}
