//! Incremental sync, property-tested through the server: random inserts and
//! deletes over CJK, astral-plane characters and CRLF, in both encodings,
//! sent as a client sends them (without waiting), and after every step the
//! server's text equals the client's.

mod common;

use common::*;
use proptest::prelude::*;
use serde_json::json;

const URI: &str = "file:///nonexistent-cablelint-test/sync.cable";

const PIECES: &[&str] = &[
    "a",
    "发往",
    "𠀋",
    "\r\n",
    "\n",
    "\r",
    "[",
    "]",
    " ",
    "é",
    "乌鲁木齐",
];

#[derive(Debug, Clone)]
struct Edit {
    /// Where, as fractions of the text (turned into char boundaries).
    start: f64,
    len: f64,
    insert: String,
    /// Send as two changes in one notification (tests in-order application).
    split: bool,
}

fn edits() -> impl Strategy<Value = Vec<Edit>> {
    let edit = (
        0.0..=1.0f64,
        0.0..=0.3f64,
        prop::collection::vec(prop::sample::select(PIECES), 0..4),
        any::<bool>(),
    )
        .prop_map(|(start, len, pieces, split)| Edit {
            start,
            len,
            insert: pieces.concat(),
            split,
        });
    prop::collection::vec(edit, 1..25)
}

fn initial() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..20).prop_map(|p| p.concat())
}

/// Character boundaries a client can address: not between `\r` and `\n`.
fn boundaries(text: &str) -> Vec<usize> {
    text.char_indices()
        .map(|(i, _)| i)
        .chain([text.len()])
        .filter(|&i| {
            !(i > 0 && text.as_bytes()[i - 1] == b'\r' && text.as_bytes().get(i) == Some(&b'\n'))
        })
        .collect()
}

fn pick(points: &[usize], fraction: f64) -> usize {
    points[((points.len() - 1) as f64 * fraction).round() as usize]
}

/// One content change, computed the way a client computes it.
fn change(
    text: &mut String,
    start: usize,
    end: usize,
    insert: &str,
    utf8: bool,
) -> serde_json::Value {
    let range = json!({
        "start": client_position(text, start, utf8),
        "end": client_position(text, end, utf8),
    });
    text.replace_range(start..end, insert);
    json!({"range": range, "text": insert})
}

async fn run(initial: String, edits: Vec<Edit>, utf8: bool) -> Result<(), TestCaseError> {
    let capabilities = if utf8 {
        utf8_capabilities()
    } else {
        pull_capabilities()
    };
    let (client, _) = TestClient::start(capabilities).await;
    client.open(URI, &initial).await;
    let mut text = initial;
    for (step, edit) in edits.iter().enumerate() {
        let version = step as i64 + 2;
        let points = boundaries(&text);
        let start = pick(&points, edit.start);
        let end = pick(&points, (edit.start + edit.len).min(1.0)).max(start);
        let joins_crlf = text[..start].ends_with('\r') && text[end..].starts_with('\n');
        let changes = if edit.split && !joins_crlf {
            // Delete first, then insert at the same place, in one notification
            // (unless the deletion joins a CRLF, where no client can point).
            let delete = change(&mut text, start, end, "", utf8);
            let insert = change(&mut text, start, start, &edit.insert, utf8);
            json!([delete, insert])
        } else {
            json!([change(&mut text, start, end, &edit.insert, utf8)])
        };
        client.change(URI, version, changes).await;
        let (server_version, server_text) = client.server_text(URI).await;
        prop_assert_eq!(server_version, version);
        prop_assert_eq!(&server_text, &text, "after step {} ({:?})", step, edit);
    }
    prop_assert!(client.shutdown_and_exit().await);
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn server_text_equals_client_text_after_every_edit(initial in initial(), edits in edits(), utf8: bool) {
        let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(run(initial, edits, utf8))?;
    }
}

/// Many edits in flight at once: no waiting between them, so the server's
/// handlers overlap (tower-lsp runs four at a time); the text must still
/// come out as the client's.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn edits_sent_back_to_back_apply_in_order() {
    let (client, _) = TestClient::start(pull_capabilities()).await;
    let mut text = String::from("发往:𠀋\r\n");
    client.open(URI, &text).await;
    for version in 2..=400i64 {
        let at = boundaries(&text)[(version as usize * 7) % boundaries(&text).len()];
        let piece = PIECES[version as usize % PIECES.len()];
        let change = change(&mut text, at, at, piece, false);
        client.change(URI, version, json!([change])).await;
    }
    assert_eq!(client.server_text(URI).await, (400, text));
    assert!(client.shutdown_and_exit().await);
}
