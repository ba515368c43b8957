//! Code actions end to end: each edit the server proposes is applied as a
//! client applies it, and the resulting text is checked exactly.

mod common;

use common::*;
use serde_json::{json, Value};

const URI: &str = "file:///nonexistent-cablelint-test/actions.cable";

async fn actions(
    client: &TestClient,
    uri: &str,
    range: Value,
    only: Option<&[&str]>,
) -> Vec<Value> {
    let mut context = json!({"diagnostics": []});
    if let Some(only) = only {
        context["only"] = json!(only);
    }
    client
        .result(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": range, "context": context}),
        )
        .await
        .as_array()
        .cloned()
        .unwrap_or_default()
}

fn titled<'a>(actions: &'a [Value], title: &str) -> &'a Value {
    actions
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.starts_with(title)))
        .unwrap_or_else(|| panic!("no action `{title}` in {actions:#?}"))
}

fn apply(text: &str, action: &Value, uri: &str, utf8: bool) -> String {
    let edits = action["edit"]["changes"][uri]
        .as_array()
        .expect("edits for the document");
    apply_text_edits(text, edits, utf8)
}

#[tokio::test]
async fn quick_fix_edits_are_exact_on_cjk_astral_crlf_lines_in_both_encodings() {
    let text = "发往:乌鲁木齐 𠀋 [] ok\r\nthe 26th [], Ji\r\n";
    for (capabilities, utf8) in [(pull_capabilities(), false), (utf8_capabilities(), true)] {
        let (client, _) = TestClient::start(capabilities).await;
        client.open(URI, text).await;
        let at = client_position(text, text.find('[').unwrap(), utf8);
        let list = actions(&client, URI, json!({"start": at, "end": at}), None).await;
        let fix = titled(&list, "Delete the empty brackets");
        assert_eq!(fix["kind"], "quickfix");
        assert_eq!(fix["diagnostics"][0]["code"], "B004");
        // Unsafe fixes are offered, marked, and never preferred.
        assert!(fix["title"].as_str().unwrap().contains("unsafe"));
        assert_eq!(fix["isPreferred"], false);
        assert_eq!(
            apply(text, fix, URI, utf8),
            "发往:乌鲁木齐 𠀋 ok\r\nthe 26th [], Ji\r\n"
        );
        assert!(client.shutdown_and_exit().await);
    }
}

#[tokio::test]
async fn ignore_actions_write_the_suppression_directive_and_silence_the_finding() {
    let text = "发往:𠀋\r\nthe 26th [], Ji\r\n";
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(URI, text).await;
    let list = actions(&client, URI, range((1, 9), (1, 11)), Some(&["quickfix"])).await;
    let line = apply(text, titled(&list, "Ignore B004 on this line"), URI, false);
    assert_eq!(
        line,
        "发往:𠀋\r\n% cablelint: disable-next-line B004\r\nthe 26th [], Ji\r\n"
    );
    let file = apply(text, titled(&list, "Ignore B004 in this file"), URI, false);
    assert_eq!(
        file,
        "% cablelint: disable-file B004\r\n发往:𠀋\r\nthe 26th [], Ji\r\n"
    );
    // Applied, each one silences B004.
    for (version, new_text) in [(2, &line), (3, &file)] {
        client
            .change(URI, version, json!([{"text": new_text}]))
            .await;
        let items = client.pull(URI).await;
        assert!(items.iter().all(|d| d["code"] != "B004"), "{items:?}");
    }
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn findings_about_directives_offer_no_ignore_action() {
    let text = "% cablelint: disable-lines B004\nBody.\n";
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(URI, text).await;
    let list = actions(&client, URI, range((0, 0), (0, 5)), None).await;
    assert!(
        list.iter()
            .all(|a| !a["title"].as_str().unwrap().starts_with("Ignore")),
        "{list:?}"
    );
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn fix_all_takes_safe_fixes_only_unless_unsafe_ones_are_allowed() {
    let text = "发往 𠀋 [] a\r\nthe 26th [], Ji\r\n";
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(URI, text).await;
    let whole = range((0, 0), (2, 0));
    // B004's fix is unsafe: no safe fix, no fix-all.
    let list = actions(&client, URI, whole.clone(), Some(&["source.fixAll"])).await;
    assert!(list.is_empty(), "{list:?}");
    // With unsafe fixes allowed (a setting), fix-all applies them all.
    *client.settings.lock().unwrap() = json!({"unsafeFixes": true});
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": null}),
        )
        .await;
    let mut list = Vec::new();
    for _ in 0..200 {
        list = actions(
            &client,
            URI,
            whole.clone(),
            Some(&["source.fixAll.cablelint"]),
        )
        .await;
        if !list.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let fix_all = titled(&list, "Fix all");
    assert_eq!(fix_all["kind"], "source.fixAll.cablelint");
    assert_eq!(
        apply(text, fix_all, URI, false),
        "发往 𠀋 a\r\nthe 26th, Ji\r\n"
    );
    // Quick fixes are not sent when only source actions are asked for.
    assert!(list.iter().all(|a| a["kind"] != "quickfix"));
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn unknown_labels_can_be_added_to_the_profile_in_cablelint_toml() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("cablelint.toml");
    std::fs::write(
        &config,
        "# collection settings 𠀋\r\n[profiles]\r\ndefault = \"prc-mfa-cable\"\r\n",
    )
    .unwrap();
    let cable = dir.path().join("a.cable");
    let uri = format!("file://{}", cable.display());
    let config_uri = format!("file://{}", config.display());
    let text =
        "Receiver: Wulumuqi [Urumqi]\nTelegraph Office: Urumqi\nLevel: Normal\n\nBody text here.\n";
    let (client, _) = TestClient::start(pull_capabilities()).await;
    client.open(&uri, text).await;
    let list = actions(&client, &uri, range((1, 3), (1, 3)), None).await;
    let add = titled(
        &list,
        "Add label `Telegraph Office` to profile `prc-mfa-cable`",
    );
    let edits = add["edit"]["changes"][&config_uri]
        .as_array()
        .expect("an edit to cablelint.toml");
    let old = std::fs::read_to_string(&config).unwrap();
    let new = apply_text_edits(&old, edits, false);
    assert_eq!(
        new,
        "# collection settings 𠀋\r\n[profiles]\r\ndefault = \"prc-mfa-cable\"\r\n\r\n[profile-labels.prc-mfa-cable]\r\ntelegraph-office = [\"Telegraph Office\"]\r\n"
    );
    // Written and reloaded, the label is known: the action is gone.
    std::fs::write(&config, &new).unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": config_uri, "type": 2}]}),
        )
        .await;
    let mut gone = false;
    for _ in 0..200 {
        let list = actions(&client, &uri, range((1, 3), (1, 3)), None).await;
        if list
            .iter()
            .all(|a| !a["title"].as_str().unwrap().starts_with("Add label"))
        {
            gone = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(gone, "the label is still unknown after the reload");
    assert!(client.shutdown_and_exit().await);
}

#[tokio::test]
async fn with_no_config_file_the_label_action_creates_one() {
    let dir = tempfile::tempdir().unwrap();
    let cable = dir.path().join("a.cable");
    let uri = format!("file://{}", cable.display());
    let text = "Receiver: Wulumuqi\nTelegraph Office: Urumqi\nLevel: Normal\n\nBody.\n";
    let (client, _) = TestClient::start_with(json!({
        "capabilities": pull_capabilities(),
        "workspaceFolders": [{"uri": format!("file://{}", dir.path().display()), "name": "w"}],
    }))
    .await;
    client.open(&uri, text).await;
    let list = actions(&client, &uri, range((1, 0), (1, 0)), None).await;
    let add = titled(&list, "Add label `Telegraph Office`");
    let changes = add["edit"]["documentChanges"].as_array().unwrap();
    let config_uri = format!("file://{}/cablelint.toml", dir.path().display());
    assert_eq!(changes[0]["kind"], "create");
    assert_eq!(changes[0]["uri"], config_uri);
    assert_eq!(changes[1]["textDocument"]["uri"], config_uri);
    let profile = changes[1]["edits"][0]["newText"].as_str().unwrap();
    assert!(
        profile.contains("telegraph-office = [\"Telegraph Office\"]"),
        "{profile}"
    );
    assert!(client.shutdown_and_exit().await);
}
