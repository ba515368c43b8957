//! Compiled officials registries in the editor: kept in the workspace's
//! `.cablelint_cache` (as `cablelint check` keeps them there), read back by
//! the next server, compiled again when the registry is edited, and an
//! unwritable cache folder costs only speed.

mod common;

use common::*;
use serde_json::{json, Value};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

const TEXT: &str = "June 28, 1962\n\nCable\n\n发往 𠀋 Ambassador Pavel Novák called.\n";

fn file_uri(path: &Path) -> String {
    format!("file://{}", path.display())
}

/// A server with `a.cable` of the workspace open.
async fn session(dir: &Path) -> (TestClient, String) {
    let uri = file_uri(&dir.join("a.cable"));
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(&uri, TEXT).await;
    (client, uri)
}

/// The hover text on "Pavel".
async fn hover(client: &TestClient, uri: &str) -> String {
    let position = client_position(TEXT, TEXT.find("Pavel").unwrap(), false);
    let hover = client
        .result(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": position}),
        )
        .await;
    hover["contents"]["value"]
        .as_str()
        .unwrap_or_default()
        .to_owned()
}

/// The compiled registries in the workspace's cache, by name.
fn compiled(dir: &Path) -> Vec<PathBuf> {
    let Ok(listing) = std::fs::read_dir(dir.join(".cablelint_cache/officials")) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = listing.map(|e| e.unwrap().path()).collect();
    files.sort();
    files
}

#[tokio::test]
async fn a_second_server_reads_the_compiled_registry_from_the_cache() {
    let dir = user_registry_workspace();
    let (client, uri) = session(dir.path()).await;
    let first = hover(&client, &uri).await;
    assert!(
        first.contains("- Ambassador, Czechoslovakia (1960–1964)"),
        "{first}"
    );
    assert!(client.shutdown_and_exit().await);
    let [file] = compiled(dir.path())
        .try_into()
        .expect("one compiled registry");
    assert!(dir.path().join(".cablelint_cache/CACHEDIR.TAG").is_file());
    let written = std::fs::metadata(&file).unwrap().ino();

    let (client, uri) = session(dir.path()).await;
    assert_eq!(hover(&client, &uri).await, first);
    assert!(client.shutdown_and_exit().await);
    // Read, not parsed and written again (a write replaces the file).
    assert_eq!(compiled(dir.path()), std::slice::from_ref(&file));
    assert_eq!(std::fs::metadata(&file).unwrap().ino(), written);
}

#[tokio::test]
async fn a_registry_edited_mid_session_is_compiled_again() {
    let dir = user_registry_workspace();
    let (client, uri) = session(dir.path()).await;
    assert!(hover(&client, &uri).await.contains("(1960–1964)"));
    let registry = dir.path().join("ours.toml");
    std::fs::write(&registry, USER_REGISTRY.replace("1964", "1963")).unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(&registry), "type": 2}]}),
        )
        .await;
    let deadline = std::time::Instant::now() + TIMEOUT;
    let mut now = hover(&client, &uri).await;
    while !now.contains("(1960–1963)") && std::time::Instant::now() < deadline {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
        now = hover(&client, &uri).await;
    }
    assert!(
        now.contains("- Ambassador, Czechoslovakia (1960–1963)"),
        "{now}"
    );
    assert_eq!(
        compiled(dir.path()).len(),
        2,
        "the edit has a key of its own"
    );
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn an_unwritable_cache_folder_still_gives_hover_results() {
    let dir = user_registry_workspace();
    // A path through a file cannot be made, by root either.
    std::fs::write(dir.path().join(".cablelint_cache"), "not a folder").unwrap();
    let (client, uri) = session(dir.path()).await;
    let markdown = hover(&client, &uri).await;
    assert!(
        markdown.contains("- Ambassador, Czechoslovakia (1960–1964)"),
        "{markdown}"
    );
    // Nothing is said to the user: no message, no finding on a file but
    // the document's own.
    let shown: Vec<Value> = client
        .drain_notifications()
        .await
        .into_iter()
        .filter(|m| {
            m["method"] == "window/showMessage"
                || (m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] != uri
                    && m["params"]["diagnostics"] != json!([]))
        })
        .collect();
    assert!(shown.is_empty(), "{shown:?}");
    assert!(client.shutdown_and_exit().await);
    assert_eq!(
        std::fs::read(dir.path().join(".cablelint_cache")).unwrap(),
        b"not a folder"
    );
}

#[tokio::test]
async fn no_cache_keeps_nothing() {
    let dir = user_registry_workspace();
    let (client, _) = TestClient::start_with_options(
        json!({"processId": null, "rootUri": null, "capabilities": pull_capabilities()}),
        cablelint_lsp::ServerOptions {
            no_cache: true,
            ..Default::default()
        },
    )
    .await;
    let uri = file_uri(&dir.path().join("a.cable"));
    client.open(&uri, TEXT).await;
    assert!(hover(&client, &uri).await.contains("(1960–1964)"));
    assert!(client.shutdown_and_exit().await);
    assert!(!dir.path().join(".cablelint_cache").exists());
}
