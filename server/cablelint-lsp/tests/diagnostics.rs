//! Negotiation and diagnostics: encodings, push or pull (never both), the
//! fields every diagnostic carries, related information, stale versions.

mod common;

use common::*;
use serde_json::{json, Value};

const URI: &str = "file:///nonexistent-cablelint-test/doc.cable";

/// `[]` after a CJK word and an astral character, on a CRLF line.
const TEXT: &str = "发往:乌鲁木齐 𠀋 [] ok\r\nthe 26th [], Ji\r\n";

fn range_of(d: &Value) -> ((u64, u64), (u64, u64)) {
    let r = &d["range"];
    (
        (
            r["start"]["line"].as_u64().unwrap(),
            r["start"]["character"].as_u64().unwrap(),
        ),
        (
            r["end"]["line"].as_u64().unwrap(),
            r["end"]["character"].as_u64().unwrap(),
        ),
    )
}

#[tokio::test]
async fn utf16_is_the_default_and_ranges_count_utf16_units() {
    let (client, init) = TestClient::start(push_capabilities()).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-16");
    assert!(init["capabilities"].get("diagnosticProvider").is_none());
    client.open(URI, TEXT).await;
    let diagnostics = client.diagnostics(URI, 1).await;
    let b004: Vec<_> = diagnostics.iter().filter(|d| d["code"] == "B004").collect();
    // 发往:乌鲁木齐 (7 units) + space + 𠀋 (2 units) + space = 11.
    assert_eq!(range_of(b004[0]), ((0, 11), (0, 13)));
    assert_eq!(range_of(b004[1]), ((1, 9), (1, 11)));
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn utf8_is_chosen_when_offered_and_ranges_count_bytes() {
    let (client, init) = TestClient::start(utf8_capabilities()).await;
    assert_eq!(init["capabilities"]["positionEncoding"], "utf-8");
    client.open(URI, TEXT).await;
    let diagnostics = client.diagnostics(URI, 1).await;
    let first = diagnostics.iter().find(|d| d["code"] == "B004").unwrap();
    // 发往 (6 bytes) + ':' (1) + 乌鲁木齐 (12) + ' ' (1) + 𠀋 (4) + ' ' (1) = 25.
    assert_eq!(range_of(first), ((0, 25), (0, 27)));
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn every_diagnostic_has_code_link_source_and_severity() {
    let (client, _) = TestClient::start(push_capabilities()).await;
    client
        .open(
            URI,
            "% cablelint: disable-lines B004\r\nOn the 26th [], Ji.\r\n",
        )
        .await;
    let diagnostics = client.diagnostics(URI, 1).await;
    let codes: Vec<&str> = diagnostics
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert_eq!(codes, ["E002", "B004"]);
    for d in &diagnostics {
        assert_eq!(d["source"], "cablelint");
        let code = d["code"].as_str().unwrap();
        let href = d["codeDescription"]["href"].as_str().unwrap();
        assert!(href.ends_with(&format!("/docs/rules/{code}.md")), "{href}");
        assert!(d["severity"].as_u64().is_some());
    }
    assert_eq!(diagnostics[0]["severity"], 1); // error
    assert_eq!(diagnostics[1]["severity"], 2); // warning
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn the_docs_base_url_is_a_setting() {
    let (client, _) = TestClient::start_with(json!({
        "capabilities": push_capabilities(),
        "initializationOptions": {"docsBaseUrl": "https://docs.example.org/rules/"}
    }))
    .await;
    client.open(URI, "On the 26th [], Ji.\n").await;
    let diagnostics = client.diagnostics(URI, 1).await;
    assert_eq!(
        diagnostics[0]["codeDescription"]["href"],
        "https://docs.example.org/rules/B004.md"
    );
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn pull_clients_get_pulled_diagnostics_and_never_pushed_ones() {
    let (client, init) = TestClient::start(pull_capabilities()).await;
    assert_eq!(
        init["capabilities"]["diagnosticProvider"]["identifier"],
        "cablelint"
    );
    client.open(URI, TEXT).await;
    let report = client
        .result(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(report["kind"], "full");
    assert_eq!(report["items"].as_array().unwrap().len(), 2);
    let id = report["resultId"].as_str().unwrap().to_owned();
    // Same text: unchanged.
    let again = client
        .result(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}, "previousResultId": id}),
        )
        .await;
    assert_eq!(again["kind"], "unchanged");
    // After an edit the report is new and right.
    client
        .change(
            URI,
            2,
            json!([{"range": range((1, 9), (1, 11)), "text": "[of June]"}]),
        )
        .await;
    let items = client.pull(URI).await;
    assert_eq!(items.len(), 1);
    let notes = client.drain_notifications().await;
    assert!(
        notes
            .iter()
            .all(|n| n["method"] != "textDocument/publishDiagnostics"),
        "pushed to a pull client: {notes:?}"
    );
    assert!(client.shutdown_and_exit().await);
}

/// Pulled and pushed diagnostics are written by cablelint itself (not
/// through tower-lsp-server): a pull client gets exactly what a push client
/// is sent, a pull with bad parameters still gets tower-lsp-server's error,
/// and a pull after `shutdown` its refusal.
#[tokio::test]
async fn pulled_reports_are_what_push_clients_get_and_bad_pulls_get_errors() {
    // A BOM, CRLF, CJK and 𠀋; unpaired brackets with related information.
    let text = "\u{FEFF}发往 𠀋 [Ji\r\n𠀋] x [ ] ]] [[ 乌鲁木齐 […]\r\n[x] 𠀋𠀋 ]\r";
    let (pusher, _) = TestClient::start(push_capabilities()).await;
    pusher.open(URI, text).await;
    let pushed = pusher.diagnostics(URI, 1).await;
    assert!(pushed.len() >= 4, "{pushed:?}");
    assert!(pushed.iter().any(|d| d.get("relatedInformation").is_some()));
    assert!(pusher.shutdown_and_exit().await);

    let (puller, _) = TestClient::start(pull_capabilities()).await;
    puller.open(URI, text).await;
    let report = puller
        .result(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(report["kind"], "full");
    assert!(report["resultId"].is_string());
    assert_eq!(report["items"], Value::Array(pushed));
    // A document that is not open: an empty full report.
    let other = puller
        .result(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": "file:///nonexistent-cablelint-test/other.cable"}}),
        )
        .await;
    assert_eq!(other, json!({"kind": "full", "items": []}));
    let bad = puller
        .request("textDocument/diagnostic", json!({"textDocument": 5}))
        .await;
    assert_eq!(bad["error"]["code"], -32602, "{bad}");
    puller.result("shutdown", Value::Null).await;
    let late = puller
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    assert_eq!(late["error"]["code"], -32600, "{late}");
    puller.notify("exit", Value::Null).await;
    assert!(puller.wait_server().await);
}

#[tokio::test]
async fn pushes_after_each_change_with_the_version_it_describes() {
    let (client, _) = TestClient::start(push_capabilities()).await;
    client.open(URI, TEXT).await;
    assert_eq!(client.diagnostics(URI, 1).await.len(), 2);
    client
        .change(
            URI,
            2,
            json!([{"range": range((0, 11), (0, 13)), "text": "[sic]"}]),
        )
        .await;
    let diagnostics = client.diagnostics(URI, 2).await;
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(range_of(&diagnostics[0]), ((1, 9), (1, 11)));
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn rapid_changes_never_publish_a_stale_version_and_end_on_the_last() {
    let (client, _) = TestClient::start(push_capabilities()).await;
    client.open(URI, "x\n").await;
    client.diagnostics(URI, 1).await;
    // 1,000 edits without waiting: type "[]" and delete it again, over and over.
    for version in 2..=1001 {
        let change = if version % 2 == 0 {
            json!([{"range": range((0, 1), (0, 1)), "text": " []"}])
        } else {
            json!([{"range": range((0, 1), (0, 4)), "text": ""}])
        };
        client.change(URI, version, change).await;
    }
    // Version 1001 deleted the brackets: no finding.
    assert_eq!(client.diagnostics(URI, 1001).await.len(), 0);
    assert_eq!(client.server_text(URI).await, (1001, "x\n".to_owned()));
    let mut last = 1;
    for note in client.drain_notifications().await {
        if note["method"] == "textDocument/publishDiagnostics" {
            let version = note["params"]["version"].as_i64().unwrap();
            assert!(version > last, "published version {version} after {last}");
            last = version;
        }
    }
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn a_stale_incremental_change_is_refused_not_applied() {
    let (client, _) = TestClient::start(push_capabilities()).await;
    client.open(URI, "abc\n").await;
    client
        .change(
            URI,
            3,
            json!([{"range": range((0, 0), (0, 0)), "text": "1"}]),
        )
        .await;
    client
        .change(
            URI,
            2,
            json!([{"range": range((0, 0), (0, 0)), "text": "2"}]),
        )
        .await;
    assert_eq!(client.server_text(URI).await, (3, "1abc\n".to_owned()));
    // A whole-text change always brings the two sides back together.
    client.change(URI, 2, json!([{"text": "fresh\n"}])).await;
    assert_eq!(client.server_text(URI).await, (2, "fresh\n".to_owned()));
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn closing_a_document_clears_its_diagnostics() {
    let (client, _) = TestClient::start(push_capabilities()).await;
    client.open(URI, TEXT).await;
    client.diagnostics(URI, 1).await;
    client
        .notify(
            "textDocument/didClose",
            json!({"textDocument": {"uri": URI}}),
        )
        .await;
    let cleared = client
        .wait_for("cleared diagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == URI
                && m["params"]["diagnostics"] == json!([])
        })
        .await;
    assert!(cleared["params"].get("version").is_none_or(Value::is_null));
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn the_seed_cable_is_checked_with_its_profile() {
    let (client, _) = TestClient::start(pull_capabilities()).await;
    let text = seed_cable();
    client.open(URI, &text).await;
    // The seed cable is clean for the rules that exist; the pull still works
    // on a real document and every range lies inside it.
    let items = client.pull(URI).await;
    for item in &items {
        let end = client_offset(&text, &item["range"]["end"], false);
        assert!(end <= text.len());
    }
    assert!(client.shutdown_and_exit().await);
}
