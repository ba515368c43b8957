//! The server survives its configuration going away or going bad mid-session:
//! `cablelint.toml` and a user officials registry, each deleted and each
//! broken, keep their last good contents in force, the client is told so
//! (a message, and a diagnostic on the file at fault where there is a file),
//! and fixing the file brings its new contents into force.

mod common;

use common::*;
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

const CABLE: &str =
    "June 28, 1962\n\nCable\n\n发往 𠀋 On the 26th [], Ambassador Pavel Novák called.\r\n";

const REGISTRY: &str = "# 𠀋 our registry\n[[person]]\nid = \"pavel-novak\"\nname = { text = \"Pavel Novák\", system = \"latin\", family = \"Novák\", given = \"Pavel\", order = \"given-first\" }\nsurname_alone = true\nsummary = \"A clerk.\"\nsources = [\"Our notes\"]\nposts = [{ title = \"Ambassador\", org = \"Czechoslovakia\", start = \"1960\", end = \"1964\", source = \"Our notes\" }]\n";

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// How many times the server has asked the client to pull diagnostics again
/// (it does so after every configuration change it has applied).
fn refreshes(client: &TestClient) -> usize {
    client
        .server_requests
        .lock()
        .unwrap()
        .iter()
        .filter(|r| r["method"] == "workspace/diagnostic/refresh")
        .count()
}

/// Tells the server a watched file changed (1 created, 2 changed, 3 deleted)
/// and waits until it has applied the result to the open documents.
async fn file_event(client: &TestClient, path: &Path, kind: u8) {
    let before = refreshes(client);
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(path), "type": kind}]}),
        )
        .await;
    for _ in 0..3000 {
        if refreshes(client) > before {
            return;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    panic!("the server did not apply the change to {}", path.display());
}

/// (code, severity) of every finding on `uri`.
async fn findings(client: &TestClient, uri: &str) -> Vec<(String, i64)> {
    client
        .pull(uri)
        .await
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["severity"].as_i64().unwrap(),
            )
        })
        .collect()
}

async fn message(client: &TestClient, containing: &str) -> Value {
    client
        .wait_for(&format!("a message with {containing:?}"), |m| {
            m["method"] == "window/showMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains(containing))
        })
        .await
}

async fn published(client: &TestClient, uri: &str, empty: bool) -> Vec<Value> {
    let what = format!(
        "{} diagnostics on {uri}",
        if empty { "cleared" } else { "some" }
    );
    let message = client
        .wait_for(&what, |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == uri
                && m["params"]["diagnostics"]
                    .as_array()
                    .is_some_and(|d| d.is_empty() == empty)
        })
        .await;
    message["params"]["diagnostics"].as_array().unwrap().clone()
}

#[tokio::test]
async fn cablelint_toml_deleted_or_broken_keeps_the_last_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("cablelint.toml");
    let config_uri = file_uri(&config);
    std::fs::write(&config, "[rules]\nselect = [\"B\"]\nignore = [\"B004\"]\n").unwrap();
    let uri = file_uri(&dir.path().join("a.cable"));
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(&uri, CABLE).await;
    assert_eq!(findings(&client, &uri).await, []);

    // Deleted: the last good one stays in force, and the client is told.
    std::fs::remove_file(&config).unwrap();
    file_event(&client, &config, 3).await;
    let warning = message(&client, "was deleted").await;
    assert_eq!(warning["params"]["type"], 2, "{warning}");
    assert!(warning["params"]["message"]
        .as_str()
        .unwrap()
        .contains(&config.display().to_string()));
    assert_eq!(findings(&client, &uri).await, []);
    // A document opened now, beside the deleted file, gets it too.
    let second = file_uri(&dir.path().join("b.cable"));
    client.open(&second, CABLE).await;
    assert_eq!(findings(&client, &second).await, []);

    // Restored with other contents: those are in force.
    std::fs::write(
        &config,
        "[rules]\nselect = [\"B\"]\nseverity = { B004 = \"error\" }\n",
    )
    .unwrap();
    file_event(&client, &config, 1).await;
    assert_eq!(findings(&client, &uri).await, [("B004".to_owned(), 1)]);
    assert_eq!(findings(&client, &second).await, [("B004".to_owned(), 1)]);

    // Broken: a diagnostic on the file, a message, the last good one kept.
    std::fs::write(&config, "[rules]\nselect = [\"B\"]\nseverity = 7\n").unwrap();
    file_event(&client, &config, 2).await;
    let shown = published(&client, &config_uri, false).await;
    assert_eq!(shown[0]["range"]["start"]["line"], 2, "{shown:?}");
    let error = message(&client, "the last good configuration stays in force").await;
    assert_eq!(error["params"]["type"], 1);
    assert_eq!(findings(&client, &uri).await, [("B004".to_owned(), 1)]);

    // Broken, then deleted: still the last good one; the diagnostic goes.
    std::fs::remove_file(&config).unwrap();
    file_event(&client, &config, 3).await;
    published(&client, &config_uri, true).await;
    message(&client, "was deleted").await;
    assert_eq!(findings(&client, &uri).await, [("B004".to_owned(), 1)]);

    // Fixed: its contents are in force, nothing is shown on it.
    std::fs::write(&config, "[rules]\nselect = [\"B\"]\n").unwrap();
    file_event(&client, &config, 1).await;
    assert_eq!(findings(&client, &uri).await, [("B004".to_owned(), 2)]);
    assert!(client
        .drain_notifications()
        .await
        .iter()
        .all(|m| m["params"]["uri"] != config_uri || m["params"]["diagnostics"] == json!([])));
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn a_config_deleted_that_never_loaded_leaves_the_defaults() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("cablelint.toml");
    std::fs::write(&config, "[rules\n").unwrap();
    let uri = file_uri(&dir.path().join("a.cable"));
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(&uri, CABLE).await;
    published(&client, &file_uri(&config), false).await;
    std::fs::remove_file(&config).unwrap();
    file_event(&client, &config, 3).await;
    published(&client, &file_uri(&config), true).await;
    let codes: Vec<String> = findings(&client, &uri)
        .await
        .into_iter()
        .map(|(code, _)| code)
        .collect();
    assert!(codes.contains(&"B004".to_owned()), "{codes:?}");
    assert!(client.shutdown_and_exit().await);
}

/// The ids of the officials the document names, as the server sees them.
async fn officials(client: &TestClient, uri: &str) -> Vec<String> {
    let result = client
        .result("cablelint/officials", json!({"textDocument": {"uri": uri}}))
        .await;
    result
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["id"].as_str().unwrap().to_owned())
        .collect()
}

#[tokio::test]
async fn a_registry_deleted_or_broken_keeps_the_last_good_one() {
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("ours.toml");
    let registry_uri = file_uri(&registry);
    let config = dir.path().join("cablelint.toml");
    let config_uri = file_uri(&config);
    std::fs::write(&registry, REGISTRY).unwrap();
    std::fs::write(&config, "[officials]\nregistries = [\"ours.toml\"]\n").unwrap();
    let uri = file_uri(&dir.path().join("a.cable"));
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(&uri, CABLE).await;
    assert_eq!(officials(&client, &uri).await, ["pavel-novak"]);

    // Deleted: shown on the configuration line that names it; kept.
    std::fs::remove_file(&registry).unwrap();
    file_event(&client, &registry, 3).await;
    let shown = published(&client, &config_uri, false).await;
    assert_eq!(shown[0]["range"]["start"]["line"], 1, "{shown:?}");
    assert!(
        shown[0]["message"]
            .as_str()
            .unwrap()
            .contains("cannot read officials registry"),
        "{shown:?}"
    );
    message(&client, "the last good configuration stays in force").await;
    assert_eq!(officials(&client, &uri).await, ["pavel-novak"]);

    // Restored: the diagnostic goes.
    std::fs::write(&registry, REGISTRY).unwrap();
    file_event(&client, &registry, 1).await;
    published(&client, &config_uri, true).await;
    assert_eq!(officials(&client, &uri).await, ["pavel-novak"]);

    // Broken: shown on the registry itself, at the line at fault; kept.
    std::fs::write(&registry, REGISTRY.replace("\"1960\"", "\"1960-13\"")).unwrap();
    file_event(&client, &registry, 2).await;
    let shown = published(&client, &registry_uri, false).await;
    assert_eq!(shown[0]["range"]["start"]["line"], 7, "{shown:?}");
    message(&client, "ours.toml:8:").await;
    assert_eq!(officials(&client, &uri).await, ["pavel-novak"]);

    // Fixed with a new entry: the new registry is in force.
    std::fs::write(&registry, REGISTRY.replace("pavel-novak", "p-novak")).unwrap();
    file_event(&client, &registry, 2).await;
    published(&client, &registry_uri, true).await;
    assert_eq!(officials(&client, &uri).await, ["p-novak"]);
    assert!(client.shutdown_and_exit().await);
}
