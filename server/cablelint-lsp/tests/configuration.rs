//! Configuration: `cablelint.toml` as the CLI reads it, reloaded when the
//! client reports a change; settings from the client; a broken file shown as
//! a diagnostic and a message while the last good configuration stays.

mod common;

use common::*;
use serde_json::{json, Value};
use std::path::Path;
use std::time::Duration;

const CABLE: &str = "发往 𠀋\nOn the 26th [], Ji.\n";

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

async fn codes_eventually(client: &TestClient, uri: &str, want: &[&str]) {
    let mut got = Vec::new();
    for _ in 0..300 {
        got = client
            .pull(uri)
            .await
            .iter()
            .map(|d| d["code"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>();
        if got == want {
            return;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    panic!("diagnostics stayed {got:?}, wanted {want:?}");
}

#[tokio::test]
async fn reads_cablelint_toml_and_reloads_it_when_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("cablelint.toml");
    std::fs::write(&config, "[rules]\nignore = [\"B004\"]\n").unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    let uri = file_uri(&dir.path().join("sub/a.cable"));
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(&uri, CABLE).await;
    // Found upward from the document's folder.
    codes_eventually(&client, &uri, &[]).await;
    std::fs::write(&config, "[rules]\nseverity = { B004 = \"error\" }\n").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(&config), "type": 2}]}),
        )
        .await;
    codes_eventually(&client, &uri, &["B004"]).await;
    let items = client.pull(&uri).await;
    assert_eq!(items[0]["severity"], 1);
    // (Deleted or broken: the last good one stays; see survival_config.rs.)
    // The pull client was asked to refresh.
    let requests = client.server_requests.lock().unwrap().clone();
    assert!(
        requests
            .iter()
            .any(|r| r["method"] == "workspace/diagnostic/refresh"),
        "{requests:?}"
    );
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn registers_a_watcher_for_configuration_files() {
    let (client, _) = TestClient::start(pull_capabilities()).await;
    let mut registration = None;
    for _ in 0..300 {
        registration = client
            .server_requests
            .lock()
            .unwrap()
            .iter()
            .find(|r| r["method"] == "client/registerCapability")
            .cloned();
        if registration.is_some() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    let registration = registration.expect("a registration");
    let entry = &registration["params"]["registrations"][0];
    assert_eq!(entry["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        entry["registerOptions"]["watchers"][0]["globPattern"],
        "**/*.toml"
    );
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn a_broken_file_is_reported_and_the_last_good_one_kept() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("cablelint.toml");
    std::fs::write(&config, "[rules]\nignore = [\"B004\"]\n").unwrap();
    let uri = file_uri(&dir.path().join("a.cable"));
    let config_uri = file_uri(&config);
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(&uri, CABLE).await;
    codes_eventually(&client, &uri, &[]).await;
    // 发往 before the error: the column counts UTF-16 units.
    std::fs::write(&config, "# 发往 𠀋\n[rules]\nignore = \"B004\"\n").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 2}]}),
        )
        .await;
    let published = client
        .wait_for("a diagnostic on cablelint.toml", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == config_uri
                && !m["params"]["diagnostics"].as_array().unwrap().is_empty()
        })
        .await;
    let diagnostic = &published["params"]["diagnostics"][0];
    assert_eq!(diagnostic["severity"], 1);
    assert_eq!(diagnostic["source"], "cablelint");
    assert_eq!(diagnostic["range"], range((2, 9), (2, 15)));
    let message = client
        .wait_for("a message", |m| m["method"] == "window/showMessage")
        .await;
    assert_eq!(message["params"]["type"], 1);
    assert!(
        message["params"]["message"]
            .as_str()
            .unwrap()
            .contains("cablelint.toml:3:10"),
        "{message}"
    );
    // The server keeps running with the last good configuration.
    assert!(client.pull(&uri).await.is_empty());
    // Fixed: the diagnostic is cleared.
    std::fs::write(&config, "[rules]\nignore = []\n").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 2}]}),
        )
        .await;
    client
        .wait_for("the config diagnostic cleared", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == config_uri
                && m["params"]["diagnostics"] == json!([])
        })
        .await;
    codes_eventually(&client, &uri, &["B004"]).await;
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn a_file_broken_from_the_start_is_reported_when_a_document_opens() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("cablelint.toml");
    std::fs::write(&config, "[profiles]\ndefault = \"no-such-profile\"\n").unwrap();
    let uri = file_uri(&dir.path().join("a.cable"));
    let (client, _) = TestClient::start(push_capabilities()).await;
    client.open(&uri, CABLE).await;
    let published = client
        .wait_for("a diagnostic on cablelint.toml", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == file_uri(&config)
        })
        .await;
    let message = published["params"]["diagnostics"][0]["message"]
        .as_str()
        .unwrap();
    assert!(
        message.contains("unknown profile `no-such-profile`"),
        "{message}"
    );
    // The document is still checked, with the defaults.
    let codes: Vec<Value> = client
        .diagnostics(&uri, 1)
        .await
        .iter()
        .map(|d| d["code"].clone())
        .collect();
    assert_eq!(codes, [json!("B004")]);
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn client_settings_apply_and_the_file_wins_where_both_speak() {
    let uri = "untitled:Untitled-1";
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(uri, CABLE).await;
    codes_eventually(&client, uri, &["B004"]).await;
    // Pulled with workspace/configuration after a change notification.
    *client.settings.lock().unwrap() = json!({"ignore": ["B004"]});
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": null}),
        )
        .await;
    codes_eventually(&client, uri, &[]).await;
    // Sent inline.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"cablelint": {"severity": {"B004": "hint"}}}}),
        )
        .await;
    codes_eventually(&client, uri, &["B004"]).await;
    assert_eq!(client.pull(uri).await[0]["severity"], 4);
    // Bad settings: a message, and the previous ones stay.
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"cablelint": {"ignore": 5}}}),
        )
        .await;
    let message = client
        .wait_for("a warning", |m| m["method"] == "window/showMessage")
        .await;
    assert!(message["params"]["message"]
        .as_str()
        .unwrap()
        .contains("invalid cablelint settings"));
    assert_eq!(client.pull(uri).await[0]["severity"], 4);
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn the_file_wins_over_settings() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("cablelint.toml"),
        "[rules]\nseverity = { B004 = \"error\" }\n",
    )
    .unwrap();
    let uri = file_uri(&dir.path().join("a.cable"));
    let client = TestClient::connect();
    *client.settings.lock().unwrap() = json!({"severity": {"B004": "hint", "E002": "hint"}});
    client
        .result("initialize", json!({"capabilities": pull_capabilities()}))
        .await;
    client.notify("initialized", json!({})).await;
    client
        .open(&uri, "% cablelint: bogus\nOn the 26th [], Ji.\n")
        .await;
    // The settings arrive (E002 turns into a hint) but the file's B004 level holds.
    let mut severities = Vec::new();
    for _ in 0..300 {
        severities = client
            .pull(&uri)
            .await
            .iter()
            .map(|d| (d["code"].clone(), d["severity"].clone()))
            .collect();
        if severities.contains(&(json!("E002"), json!(4))) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(
        severities,
        [(json!("E002"), json!(4)), (json!("B004"), json!(1))]
    );
    assert!(client.shutdown_and_exit().await);
}

const REGISTRY: &str = "[[person]]\nid = \"pavel-novak\"\nname = { text = \"Pavel Novák\", system = \"latin\", family = \"Novák\", given = \"Pavel\", order = \"given-first\" }\nsurname_alone = true\nsummary = \"A clerk.\"\nsources = [\"Our notes\"]\nposts = [{ title = \"Ambassador\", org = \"Czechoslovakia\", start = \"1960\", end = \"1964\", source = \"Our notes\" }]\n";

#[tokio::test]
async fn a_broken_registry_file_is_shown_on_itself_and_reloaded_when_it_changes() {
    let dir = tempfile::tempdir().unwrap();
    let registry = dir.path().join("ours.toml");
    std::fs::write(&registry, REGISTRY.replace("\"1960\"", "\"1960-13\"")).unwrap();
    std::fs::write(
        dir.path().join("cablelint.toml"),
        "[officials]\nregistries = [\"ours.toml\"]\n",
    )
    .unwrap();
    let uri = file_uri(&dir.path().join("a.cable"));
    let registry_uri = file_uri(&registry);
    let (client, _) = TestClient::start(push_capabilities()).await;
    client.open(&uri, CABLE).await;
    let published = client
        .wait_for("a diagnostic on the registry", |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == registry_uri
        })
        .await;
    let diagnostic = &published["params"]["diagnostics"][0];
    assert_eq!(diagnostic["range"]["start"]["line"], 6);
    assert!(
        diagnostic["message"]
            .as_str()
            .unwrap()
            .starts_with("`person[0].posts[0].start`: "),
        "{diagnostic}"
    );
    std::fs::write(&registry, REGISTRY).unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": registry_uri, "type": 2}]}),
        )
        .await;
    client
        .wait_for("the registry diagnostic cleared", |m| {
            m["method"] == "textDocument/publishDiagnostics"
                && m["params"]["uri"] == registry_uri
                && m["params"]["diagnostics"] == json!([])
        })
        .await;
    assert!(client.shutdown_and_exit().await);
}
