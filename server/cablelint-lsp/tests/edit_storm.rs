//! 1,000 edits a second for ten seconds: 10,000 incremental edits, paced,
//! over several documents, inserting and deleting CJK, astral-plane (𠀋),
//! CRLF, lone CR and bracket text at random places. Afterwards the server's
//! text of every document is the client's, and its diagnostics are those of
//! a fresh check of that text; every diagnostics push during the storm
//! carries exactly the findings of the version it names. A correctness test:
//! nothing here is timed.

mod common;

use cablelint_core::{CheckOptions, SourceText};
use common::*;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::time::Duration;

const EDITS: usize = 10_000;
const PER_TICK: usize = 10;
const TICK: Duration = Duration::from_millis(10);

const SNIPPETS: &[&str] = &[
    "发往",
    "𠀋",
    "\r\n",
    "\n",
    "\r",
    "[",
    "]",
    "[]",
    "[...]",
    "[illegible]",
    " ",
    "x",
    "…",
    "On the 26th ",
    "June 28, 1962",
    "Ji Pengfei",
    "e\u{301}",
    "𠀋𠀋\r\n",
    "Subject: ",
    "% cablelint: disable-next-line B004\r\n",
    "([",
    "])",
];

/// A small deterministic generator (xorshift64*): the same storm every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

/// Offsets an LSP position can name: character boundaries, never between
/// the `\r` and `\n` of a CRLF.
fn positions(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .filter(|&i| !(i > 0 && bytes[i - 1] == b'\r' && bytes.get(i) == Some(&b'\n')))
        .collect()
}

/// One random content change to `text`, applied to it; returns the LSP change.
fn random_change(rng: &mut Rng, text: &mut String) -> Value {
    let places = positions(text);
    let at = rng.below(places.len());
    let start = places[at];
    // Big documents shrink more than they grow.
    let big = text.len() > 6000;
    let span = if rng.below(10) < if big { 2 } else { 6 } {
        0
    } else {
        rng.below(if big { 40 } else { 12 })
    };
    let end = places[(at + span).min(places.len() - 1)];
    let insert = if rng.below(if big { 2 } else { 6 }) == 0 {
        ""
    } else {
        SNIPPETS[rng.below(SNIPPETS.len())]
    };
    let change = json!({
        "range": {
            "start": client_position(text, start, false),
            "end": client_position(text, end, false),
        },
        "text": insert,
    });
    text.replace_range(start..end, insert);
    change
}

/// A diagnostic as the test compares it: code, range, severity, message.
fn key(diagnostic: &Value) -> Value {
    json!([
        diagnostic["code"],
        diagnostic["range"],
        diagnostic["severity"],
        diagnostic["message"]
    ])
}

/// What a fresh check of `text` finds (the defaults: no configuration
/// file, no settings), as the client would see them.
fn fresh_check(text: &str) -> Vec<Value> {
    let result = cablelint_core::check(SourceText::from_str(text), &CheckOptions::default());
    result
        .diagnostics
        .iter()
        .map(|d| {
            let severity = match d.severity {
                cablelint_core::Severity::Error => 1,
                cablelint_core::Severity::Warning => 2,
                cablelint_core::Severity::Info => 3,
                cablelint_core::Severity::Hint => 4,
            };
            json!([
                d.code,
                {
                    "start": client_position(text, d.span.start, false),
                    "end": client_position(text, d.span.end, false),
                },
                severity,
                d.message
            ])
        })
        .collect()
}

fn starting_texts() -> Vec<String> {
    vec![
        seed_cable(),
        "发往 𠀋 [] 乌鲁木齐\r\nTo: Foreign Ministry\r\nOn the 26th [], Ji.\r\n".to_owned(),
        "Cable\rFrom: Prague\rSubject: 𠀋\r\r[illegible] …\r".to_owned(),
        String::new(),
    ]
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn ten_thousand_edits_leave_the_same_text_and_fresh_diagnostics() {
    let (client, _) = TestClient::start(push_capabilities()).await;
    let mut texts = starting_texts();
    let uris: Vec<String> = (0..texts.len())
        .map(|i| format!("file:///nonexistent-cablelint-test/storm-{i}.cable"))
        .collect();
    for (uri, text) in uris.iter().zip(&texts) {
        client.open(uri, text).await;
    }
    let mut versions = vec![1_i64; texts.len()];
    // Every version's text, to check what is published for it.
    let mut history: HashMap<(usize, i64), String> = HashMap::new();
    for (doc, text) in texts.iter().enumerate() {
        history.insert((doc, 1), text.clone());
    }
    let mut rng = Rng(0x5EED_CAB1E);
    let start = tokio::time::Instant::now();
    let mut sent = 0;
    let mut tick = 0;
    while sent < EDITS {
        for _ in 0..PER_TICK.min(EDITS - sent) {
            let doc = rng.below(texts.len());
            // Now and then two changes in one notification, applied in order.
            let count = if rng.below(8) == 0 { 2 } else { 1 };
            let changes: Vec<Value> = (0..count)
                .map(|_| random_change(&mut rng, &mut texts[doc]))
                .collect();
            versions[doc] += 1;
            history.insert((doc, versions[doc]), texts[doc].clone());
            client
                .change(&uris[doc], versions[doc], Value::Array(changes))
                .await;
            sent += 1;
        }
        tick += 1;
        tokio::time::sleep_until(start + TICK * tick).await;
    }

    for (doc, uri) in uris.iter().enumerate() {
        let (version, text) = client.server_text(uri).await;
        assert_eq!(version, versions[doc], "{uri}");
        assert_eq!(text, texts[doc], "{uri}: the server's text differs");
        let final_push: Vec<Value> = client
            .diagnostics(uri, versions[doc])
            .await
            .iter()
            .map(key)
            .collect();
        assert_eq!(final_push, fresh_check(&texts[doc]), "{uri}");
    }

    // Every push during the storm was for a version in order, with that
    // version's findings.
    let mut last_seen: HashMap<String, i64> = HashMap::new();
    let mut checked = 0;
    for message in client.drain_notifications().await {
        if message["method"] != "textDocument/publishDiagnostics" {
            continue;
        }
        let uri = message["params"]["uri"].as_str().unwrap().to_owned();
        let version = message["params"]["version"].as_i64().expect("a version");
        let doc = uris
            .iter()
            .position(|u| *u == uri)
            .expect("a storm document");
        let last = last_seen.entry(uri.clone()).or_insert(0);
        assert!(
            version >= *last,
            "{uri}: v{version} published after v{last}"
        );
        *last = version;
        let items: Vec<Value> = message["params"]["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(key)
            .collect();
        assert_eq!(
            items,
            fresh_check(&history[&(doc, version)]),
            "{uri} v{version}"
        );
        checked += 1;
    }
    assert!(checked > 0, "no diagnostics were pushed during the storm");
    assert!(client.shutdown_and_exit().await);
}
