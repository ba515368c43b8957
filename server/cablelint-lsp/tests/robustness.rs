//! Bad input gets an error response or nothing, never a crash or a hang:
//! unknown documents, out-of-range positions, malformed frames and JSON,
//! a 10 MB document.

mod common;

use common::*;
use serde_json::{json, Value};

const URI: &str = "file:///nonexistent-cablelint-test/robust.cable";

/// A request every feature answers, to prove the server is still there.
async fn alive(client: &TestClient) {
    let result = client
        .result("cablelint/documentText", json!({"uri": URI}))
        .await;
    assert!(result["text"].is_string());
}

fn feature_requests(uri: &str, position: Value) -> Vec<(&'static str, Value)> {
    let doc = json!({"uri": uri});
    let range = json!({"start": position, "end": position});
    vec![
        ("textDocument/diagnostic", json!({"textDocument": doc})),
        (
            "textDocument/codeAction",
            json!({"textDocument": doc, "range": range, "context": {"diagnostics": []}}),
        ),
        (
            "textDocument/completion",
            json!({"textDocument": doc, "position": position}),
        ),
        ("textDocument/documentSymbol", json!({"textDocument": doc})),
        ("textDocument/foldingRange", json!({"textDocument": doc})),
        (
            "textDocument/selectionRange",
            json!({"textDocument": doc, "positions": [position]}),
        ),
        (
            "textDocument/semanticTokens/full",
            json!({"textDocument": doc}),
        ),
        (
            "textDocument/semanticTokens/range",
            json!({"textDocument": doc, "range": range}),
        ),
        ("textDocument/documentLink", json!({"textDocument": doc})),
    ]
}

#[tokio::test]
async fn requests_for_unknown_documents_get_empty_answers() {
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(URI, "x\n").await;
    for (method, params) in feature_requests("file:///nowhere.cable", pos(0, 0)) {
        let response = client.request(method, params).await;
        let result = &response["result"];
        let empty = result.is_null()
            || result == &json!([])
            || result["items"] == json!([])
            || response.get("error").is_some();
        assert!(empty, "{method}: {response}");
    }
    // Changes and closes for unknown documents are ignored.
    client
        .change("file:///nowhere.cable", 2, json!([{"text": "y"}]))
        .await;
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": "file:///nowhere.cable"}}),
        )
        .await;
    let error = client
        .request(
            "cablelint/documentText",
            json!({"uri": "file:///nowhere.cable"}),
        )
        .await;
    assert_eq!(error["error"]["code"], -32602);
    alive(&client).await;
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn out_of_range_positions_clamp() {
    let text = "发往 𠀋 []\r\nline two []\r\n";
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(URI, text).await;
    for position in [
        pos(0, 9999),
        pos(9999, 0),
        pos(u32::MAX, u32::MAX),
        pos(0, 4),
    ] {
        for (method, params) in feature_requests(URI, position.clone()) {
            let response = client.request(method, params).await;
            assert!(
                response.get("error").is_none(),
                "{method} at {position}: {response}"
            );
        }
    }
    // An edit past the end appends; one inside the surrogate pair of 𠀋 lands on a boundary.
    client
        .change(
            URI,
            2,
            json!([{"range": range((99, 0), (99, 5)), "text": "end"}]),
        )
        .await;
    client
        .change(
            URI,
            3,
            json!([{"range": range((0, 4), (0, 4)), "text": "|"}]),
        )
        .await;
    let (_, server) = client.server_text(URI).await;
    assert_eq!(server, "发往 𠀋| []\r\nline two []\r\nend");
    // A reversed range is read start-first.
    client
        .change(
            URI,
            4,
            json!([{"range": range((1, 4), (1, 0)), "text": "LINE"}]),
        )
        .await;
    assert_eq!(
        client.server_text(URI).await.1,
        "发往 𠀋| []\r\nLINE two []\r\nend"
    );
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn malformed_messages_get_an_error_and_the_server_keeps_going() {
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(URI, "x\n").await;
    // Not JSON.
    client
        .send_raw(b"{\"jsonrpc\": \"2.0\", \"id\": 99, \"method\": ")
        .await;
    // JSON, but no JSON-RPC message.
    client
        .send_raw(br#"{"jsonrpc": "1.0", "id": 98, "method": "x"}"#)
        .await;
    // Not UTF-8.
    client.send_raw(b"\xff\xfe\xfd").await;
    // A broken header, then a good message right behind it.
    client.send_bytes(b"Content-Length: many\r\n\r\n").await;
    client.send_bytes(b"Garbage-Line\r\n\r\n").await;
    alive(&client).await;
    let orphans = client.orphan_responses.lock().unwrap().clone();
    let codes: Vec<(Value, i64)> = orphans
        .iter()
        .map(|o| (o["id"].clone(), o["error"]["code"].as_i64().unwrap()))
        .collect();
    assert_eq!(
        codes,
        [
            (Value::Null, -32700),
            (json!(98), -32600),
            (Value::Null, -32700),
            (Value::Null, -32700),
            (Value::Null, -32700)
        ]
    );
    // Unknown methods and bad params are the server's to answer.
    let unknown = client.request("textDocument/noSuchThing", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601);
    let bad = client
        .request("textDocument/completion", json!({"nonsense": true}))
        .await;
    assert_eq!(bad["error"]["code"], -32602);
    alive(&client).await;
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn requests_before_initialize_are_refused() {
    let client = TestClient::connect();
    let response = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(response["error"]["code"], -32002);
    client
        .result("initialize", json!({"capabilities": {}}))
        .await;
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn exit_without_shutdown_ends_the_server_unclean() {
    let (client, _) = TestClient::start(push_capabilities()).await;
    client.notify("exit", Value::Null).await;
    assert!(!client.wait_server().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_ten_megabyte_document_is_answered() {
    let seed = seed_cable();
    let mut text = String::with_capacity(10 * 1024 * 1024 + seed.len());
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(&seed);
        text.push_str("\r\nOn the 26th [], 𠀋 发往.\r\n");
    }
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(URI, &text).await;
    let items = client.pull(URI).await;
    assert!(items.iter().filter(|d| d["code"] == "B004").count() > 100);
    let last_line = text.lines().count() as u32;
    client
        .change(
            URI,
            2,
            json!([{"range": range((last_line, 0), (last_line, 0)), "text": "[]"}]),
        )
        .await;
    let after = client.pull(URI).await;
    assert_eq!(after.len(), items.len() + 1);
    for (method, params) in feature_requests(URI, pos(last_line, 1)) {
        let response = client.request(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method}: {}",
            response["error"]
        );
    }
    assert!(client.shutdown_and_exit().await);
}

/// A document over `limits.max-file-size` gets one E003 diagnostic that
/// names its size and the key, every feature still answers (with nothing),
/// and raising the limit in cablelint.toml lets it be checked.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_document_over_the_size_limit_gets_one_clear_diagnostic() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("cablelint.toml");
    std::fs::write(&config, "[limits]\nmax-file-size = \"2KB\"\n").unwrap();
    let uri = format!("file://{}", dir.path().join("big.cable").display());
    let text = "发往 𠀋 [] [unclosed\r\n".repeat(200);
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(&uri, &text).await;
    let items = client.pull(&uri).await;
    assert_eq!(items.len(), 1, "{items:?}");
    assert_eq!(items[0]["code"], "E003");
    assert_eq!(items[0]["severity"], 1);
    assert_eq!(items[0]["range"], range((0, 0), (0, 0)));
    assert_eq!(
        items[0]["message"],
        format!(
            "file not checked: it is 5.2 KB ({} bytes), over the limit of 2 KB; raise `limits.max-file-size` in cablelint.toml to check it",
            text.len()
        )
    );
    for (method, params) in feature_requests(&uri, pos(3, 2)) {
        let response = client.request(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method}: {}",
            response["error"]
        );
    }
    // Raised: checked as any other document.
    std::fs::write(&config, "[limits]\nmax-file-size = \"1MB\"\n").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": format!("file://{}", config.display()), "type": 2}]}),
        )
        .await;
    let mut codes = Vec::new();
    for _ in 0..300 {
        codes = client
            .pull(&uri)
            .await
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>();
        if !codes.contains(&"E003".to_owned()) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(!codes.contains(&"E003".to_owned()), "{codes:?}");
    assert_eq!(codes.iter().filter(|c| *c == "B004").count(), 200);
    assert!(client.shutdown_and_exit().await);
}
