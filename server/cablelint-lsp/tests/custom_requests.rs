//! The requests the VS Code extension asks beyond LSP
//! (editors/vscode/PROTOCOL.md): `cablelint/documentInfo` and
//! `cablelint/officials`.

mod common;

use common::*;
use serde_json::{json, Value};

const URI: &str = "file:///nonexistent-cablelint-test/custom.cable";

fn doc(uri: &str) -> Value {
    json!({"textDocument": {"uri": uri}})
}

#[tokio::test]
async fn document_info_of_the_seed_cable() {
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(URI, &seed_cable()).await;
    let info = client.result("cablelint/documentInfo", doc(URI)).await;
    assert_eq!(info["profile"]["id"], "prc-mfa-cable");
    assert_eq!(info["profile"]["source"], "detected");
    let markers = info["profile"]["markers"].as_array().unwrap();
    assert!(markers.contains(&json!("发往")), "{info}");
    assert!(info["profile"]["name"]
        .as_str()
        .is_some_and(|n| !n.is_empty()));
    assert_eq!(info["date"], "1962-06-28");
    let source = info["dateSource"].as_str().unwrap();
    assert!(source.contains("archive date line"), "{source}");
    // Not open: null.
    let none = client
        .result(
            "cablelint/documentInfo",
            doc("file:///nonexistent-cablelint-test/closed.cable"),
        )
        .await;
    assert_eq!(none, Value::Null);
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn document_info_says_who_named_the_profile() {
    let (client, _) = TestClient::start_with(json!({
        "capabilities": pull_capabilities(),
        "initializationOptions": {"profile": "frus-telegram"},
    }))
    .await;
    client.open(URI, "Some text 𠀋 without a date.\n").await;
    let info = client.result("cablelint/documentInfo", doc(URI)).await;
    assert_eq!(info["profile"]["id"], "frus-telegram");
    assert_eq!(info["profile"]["source"], "setting");
    assert_eq!(info["date"], Value::Null);
    assert_eq!(info["dateSource"], Value::Null);
    let other = "file:///nonexistent-cablelint-test/directive.cable";
    client
        .open(other, "% cablelint: profile = polish-ciphergram\nText.\n")
        .await;
    let info = client.result("cablelint/documentInfo", doc(other)).await;
    assert_eq!(info["profile"]["source"], "directive");
    assert_eq!(info["profile"]["id"], "polish-ciphergram");

    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cablelint.toml"),
        "[profiles]\ndefault = \"generic\"\n",
    )
    .unwrap();
    let configured = format!("file://{}", dir.path().join("a.cable").display());
    client.open(&configured, "Text.\n").await;
    let info = client
        .result("cablelint/documentInfo", doc(&configured))
        .await;
    assert_eq!(info["profile"]["source"], "config");
    assert_eq!(info["profile"]["id"], "generic");
    assert!(client.shutdown_and_exit().await);
}

const TEXT: &str =
    "June 28, 1962\n\nCable\n\n发往 𠀋 Ji Pengfei met Chervonenko.\r\nVice Minister Ji left.\r\n";

#[tokio::test]
async fn officials_lists_people_with_ranges_posts_and_names() {
    for utf8 in [false, true] {
        let capabilities = if utf8 {
            utf8_capabilities()
        } else {
            pull_capabilities()
        };
        let (client, _) = TestClient::start(capabilities).await;
        client.open(URI, TEXT).await;
        let list = client.result("cablelint/officials", doc(URI)).await;
        let list = list.as_array().unwrap();
        assert_eq!(list[0]["id"], "ji-pengfei");
        assert_eq!(list[0]["name"], "Ji Pengfei");
        let range_of = |needle: &str, from: usize| {
            let start = from + TEXT[from..].find(needle).unwrap();
            json!({"start": client_position(TEXT, start, utf8), "end": client_position(TEXT, start + needle.len(), utf8)})
        };
        let second_line = TEXT.find("Vice").unwrap();
        assert_eq!(
            list[0]["ranges"],
            json!([range_of("Ji Pengfei", 0), range_of("Ji", second_line)])
        );
        assert_eq!(
            list[0]["post"],
            "Vice Minister of Foreign Affairs, PRC Ministry of Foreign Affairs (1955–1972)"
        );
        assert_eq!(list[0]["names"][0], "Ji Pengfei");
        assert!(list[0]["names"]
            .as_array()
            .unwrap()
            .contains(&json!("姬鹏飞")));
        assert_eq!(list[1]["id"], "chervonenko");
        assert_eq!(list[1]["ranges"], json!([range_of("Chervonenko", 0)]));
        assert!(
            list[1]["post"].as_str().unwrap().starts_with("Ambassador"),
            "{}",
            list[1]
        );
        assert!(client.shutdown_and_exit().await);
    }
}
