//! `$/cancelRequest` for hover, code actions, diagnostics and completion,
//! sent while the request runs and after it was answered: every request gets
//! exactly one response (its result, or -32800 RequestCancelled), the server
//! keeps serving, and nothing is published for a version that is not current.

mod common;

use cablelint_core::{CheckOptions, SourceText};
use common::*;
use serde_json::{json, Value};
use std::collections::HashMap;

const REQUEST_CANCELLED: i64 = -32800;

fn requests(uri: &str, position: Value) -> Vec<(&'static str, Value)> {
    let doc = json!({"uri": uri});
    let range = json!({"start": position, "end": position});
    vec![
        (
            "textDocument/hover",
            json!({"textDocument": doc, "position": position}),
        ),
        (
            "textDocument/codeAction",
            json!({"textDocument": doc, "range": range, "context": {"diagnostics": []}}),
        ),
        ("textDocument/diagnostic", json!({"textDocument": doc})),
        (
            "textDocument/completion",
            json!({"textDocument": doc, "position": position}),
        ),
    ]
}

async fn response(rx: tokio::sync::oneshot::Receiver<Value>, method: &str) -> Value {
    tokio::time::timeout(TIMEOUT, rx)
        .await
        .unwrap_or_else(|_| panic!("no response to a cancelled {method}"))
        .expect("reader alive")
}

/// The answer is the request's result or RequestCancelled, nothing else.
fn assert_answered(method: &str, response: &Value) -> bool {
    match response.get("error") {
        None => {
            assert!(response.get("result").is_some(), "{method}: {response}");
            false
        }
        Some(error) => {
            assert_eq!(error["code"], REQUEST_CANCELLED, "{method}: {response}");
            true
        }
    }
}

/// A document big enough that analysing it takes a while, so a cancel can
/// arrive while the request runs (and, once cancelled, is never cached).
fn big_text() -> String {
    let seed = seed_cable();
    let mut text = String::new();
    while text.len() < 3 * 1024 * 1024 {
        text.push_str(&seed);
        text.push_str("\r\nOn the 26th [], 𠀋 发往 Ji Pengfei.\r\n");
    }
    text
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_cancelled_in_flight_or_after_their_answer_each_get_one_response() {
    let uri = "file:///nonexistent-cablelint-test/cancel.cable";
    let text = big_text();
    let client = TestClient::with_open(uri, &text, false).await;
    let position = client_position(&text, text.find("Ji Pengfei").unwrap(), false);

    // Cancelled at once, while each one waits for the document's analysis.
    let mut cancelled = 0;
    for (method, params) in requests(uri, position.clone()) {
        let (id, rx) = client.send_request(method, params).await;
        client.cancel(id).await;
        if assert_answered(method, &response(rx, method).await) {
            cancelled += 1;
        }
    }
    // The first request has seconds of work ahead of it in a debug build,
    // the cancel a few microseconds.
    assert!(cancelled > 0, "no request was cancelled in flight");

    // Several in flight at once, cancelled in reverse order.
    let mut in_flight = Vec::new();
    for (method, params) in requests(uri, position.clone()) {
        in_flight.push((method, client.send_request(method, params).await));
    }
    for (_, (id, _)) in in_flight.iter().rev() {
        client.cancel(*id).await;
    }
    for (method, (_, rx)) in in_flight {
        assert_answered(method, &response(rx, method).await);
    }

    // Answered first, cancelled after: the answer stands, no second one.
    for (method, params) in requests(uri, position.clone()) {
        let (id, rx) = client.send_request(method, params).await;
        let answer = response(rx, method).await;
        assert!(answer.get("error").is_none(), "{method}: {answer}");
        client.cancel(id).await;
    }
    // A cancel for a request that never existed is ignored.
    client.cancel(999_999).await;

    // Still serving: the diagnostics are those of the text.
    let items = client.pull(uri).await;
    let expected = cablelint_core::check(SourceText::from_str(&text), &CheckOptions::default());
    assert_eq!(items.len(), expected.diagnostics.len());
    let orphans = client.orphan_responses.lock().unwrap().clone();
    assert!(
        orphans.is_empty(),
        "responses nobody asked for: {orphans:?}"
    );
    assert!(client.shutdown_and_exit().await);
}

/// Pushed diagnostics while a client edits, asks and cancels: every push
/// names a version in order and carries that version's findings; the last
/// is for the final text.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cancelling_while_editing_publishes_nothing_stale() {
    let uri = "file:///nonexistent-cablelint-test/cancel-push.cable";
    let mut text = "发往 𠀋 [] 乌鲁木齐\r\nOn the 26th [], Ji Pengfei.\r\n".repeat(200);
    let (client, _) = TestClient::start(push_capabilities()).await;
    client.open(uri, &text).await;
    let mut history: HashMap<i64, String> = HashMap::from([(1, text.clone())]);
    let mut pending = Vec::new();
    for version in 2..=120_i64 {
        // Alternately add and remove an empty bracket at the start of line 1.
        let change = if version % 2 == 0 {
            text.insert_str(text.find("On").unwrap(), "[]");
            json!({"range": range((1, 0), (1, 0)), "text": "[]"})
        } else {
            text.replace_range(
                text.find("[]On").unwrap()..text.find("[]On").unwrap() + 2,
                "",
            );
            json!({"range": range((1, 0), (1, 2)), "text": ""})
        };
        client.change(uri, version, json!([change])).await;
        history.insert(version, text.clone());
        let (method, params) = requests(uri, pos(1, 3)).swap_remove(version as usize % 4);
        let (id, rx) = client.send_request(method, params).await;
        if version % 3 != 0 {
            client.cancel(id).await;
        }
        pending.push((method, rx));
    }
    for (method, rx) in pending {
        assert_answered(method, &response(rx, method).await);
    }
    let last = client.diagnostics(uri, 120).await;
    assert_eq!(last.len(), fresh_count(&history[&120]));
    let mut seen = 0;
    for message in client.drain_notifications().await {
        if message["method"] != "textDocument/publishDiagnostics" {
            continue;
        }
        let version = message["params"]["version"].as_i64().expect("a version");
        assert!(version >= seen, "v{version} published after v{seen}");
        assert!(version <= 120, "v{version} was never sent");
        seen = version;
        let count = message["params"]["diagnostics"].as_array().unwrap().len();
        assert_eq!(count, fresh_count(&history[&version]), "v{version}");
    }
    assert!(client.orphan_responses.lock().unwrap().is_empty());
    assert!(client.shutdown_and_exit().await);
}

fn fresh_count(text: &str) -> usize {
    cablelint_core::check(SourceText::from_str(text), &CheckOptions::default())
        .diagnostics
        .len()
}
