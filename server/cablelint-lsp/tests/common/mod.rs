//! An in-process LSP client: the server runs on a tokio duplex stream and we
//! speak framed JSON-RPC to it, as typos-lsp and rust-analyzer test theirs.
//! It answers the server's own requests (configuration, registrations) and
//! collects notifications for the tests to wait on.

#![allow(dead_code)] // each test file uses a different part

use cablelint_lsp::framing::{read_frame, write_frame, Frame};
use serde_json::{json, Value};
use std::collections::{HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{BufReader, DuplexStream, WriteHalf};
use tokio::sync::{mpsc, oneshot};

/// Long enough for a debug build on a loaded machine; only hit on a hang.
pub const TIMEOUT: Duration = Duration::from_secs(60);

type Writer = Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>;

pub struct TestClient {
    writer: Writer,
    next_id: AtomicI64,
    pending: Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>>,
    notifications: tokio::sync::Mutex<(VecDeque<Value>, mpsc::UnboundedReceiver<Value>)>,
    /// Requests the server sent us, in order.
    pub server_requests: Arc<Mutex<Vec<Value>>>,
    /// What we answer to `workspace/configuration`.
    pub settings: Arc<Mutex<Value>>,
    /// Responses without a request of ours (answers to malformed input).
    pub orphan_responses: Arc<Mutex<Vec<Value>>>,
    server: tokio::task::JoinHandle<bool>,
}

/// Capabilities of a client like VS Code: UTF-16, pulls diagnostics.
pub fn pull_capabilities() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "textDocument": {"diagnostic": {"dynamicRegistration": false},
                         "completion": {"completionItem": {"resolveSupport":
                             {"properties": ["documentation", "detail", "additionalTextEdits"]}}}},
        "workspace": {"configuration": true, "diagnostics": {"refreshSupport": true},
                      "didChangeWatchedFiles": {"dynamicRegistration": true},
                      "workspaceEdit": {"documentChanges": true, "resourceOperations": ["create"]}}
    })
}

/// Capabilities of a client like Neovim 0.7: UTF-16, no pull diagnostics.
pub fn push_capabilities() -> Value {
    json!({"textDocument": {"publishDiagnostics": {"relatedInformation": true}}})
}

/// A client that offers UTF-8 positions and takes pushed diagnostics.
pub fn utf8_capabilities() -> Value {
    json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}})
}

impl TestClient {
    /// Starts a server and initializes it with these capabilities.
    pub async fn start(capabilities: Value) -> (TestClient, Value) {
        TestClient::start_with(
            json!({"processId": null, "rootUri": null, "capabilities": capabilities}),
        )
        .await
    }

    /// A client (pull diagnostics; UTF-8 positions when `utf8`) that has
    /// opened `text` at `uri`.
    pub async fn with_open(uri: &str, text: &str, utf8: bool) -> TestClient {
        let capabilities = if utf8 {
            utf8_capabilities()
        } else {
            pull_capabilities()
        };
        let (client, _) = TestClient::start(capabilities).await;
        client.open(uri, text).await;
        client
    }

    pub async fn start_with(initialize_params: Value) -> (TestClient, Value) {
        TestClient::start_with_options(initialize_params, Default::default()).await
    }

    /// [`TestClient::start_with`] a server given these command-line options.
    pub async fn start_with_options(
        initialize_params: Value,
        options: cablelint_lsp::ServerOptions,
    ) -> (TestClient, Value) {
        let client = TestClient::connect_with(options);
        let result = client.result("initialize", initialize_params).await;
        client.notify("initialized", json!({})).await;
        (client, result)
    }

    /// A server and a client, not yet initialized.
    pub fn connect() -> TestClient {
        TestClient::connect_with(Default::default())
    }

    fn connect_with(options: cablelint_lsp::ServerOptions) -> TestClient {
        let (ours, theirs) = tokio::io::duplex(1 << 20);
        let (server_in, server_out) = tokio::io::split(theirs);
        let server = tokio::spawn(cablelint_lsp::serve(server_in, server_out, options));
        let (reader, writer) = tokio::io::split(ours);
        let writer: Writer = Arc::new(tokio::sync::Mutex::new(writer));
        let pending: Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>> = Arc::default();
        let server_requests: Arc<Mutex<Vec<Value>>> = Arc::default();
        let settings = Arc::new(Mutex::new(json!({})));
        let orphan_responses: Arc<Mutex<Vec<Value>>> = Arc::default();
        let (notify_tx, notify_rx) = mpsc::unbounded_channel();
        tokio::spawn(read_loop(
            BufReader::new(reader),
            writer.clone(),
            pending.clone(),
            notify_tx,
            server_requests.clone(),
            settings.clone(),
            orphan_responses.clone(),
        ));
        TestClient {
            writer,
            next_id: AtomicI64::new(1),
            pending,
            notifications: tokio::sync::Mutex::new((VecDeque::new(), notify_rx)),
            server_requests,
            settings,
            orphan_responses,
            server,
        }
    }

    pub async fn send(&self, message: &Value) {
        self.send_raw(message.to_string().as_bytes()).await;
    }

    /// Sends a body with a correct header (the body may be anything).
    pub async fn send_raw(&self, body: &[u8]) {
        let mut writer = self.writer.lock().await;
        write_frame(&mut *writer, body)
            .await
            .expect("server input open");
    }

    /// Sends bytes as they are, header and all.
    pub async fn send_bytes(&self, bytes: &[u8]) {
        use tokio::io::AsyncWriteExt;
        let mut writer = self.writer.lock().await;
        writer.write_all(bytes).await.expect("server input open");
        writer.flush().await.expect("flush");
    }

    /// The whole response (`result` or `error`) to a request.
    pub async fn request(&self, method: &str, params: Value) -> Value {
        let (_, rx) = self.send_request(method, params).await;
        tokio::time::timeout(TIMEOUT, rx)
            .await
            .unwrap_or_else(|_| panic!("no response to {method} in {TIMEOUT:?}"))
            .expect("reader alive")
    }

    /// Sends a request without waiting: its id, and where its response arrives.
    pub async fn send_request(
        &self,
        method: &str,
        params: Value,
    ) -> (i64, oneshot::Receiver<Value>) {
        let id = self.next_id.fetch_add(1, Ordering::SeqCst);
        let (tx, rx) = oneshot::channel();
        self.pending.lock().unwrap().insert(id, tx);
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        (id, rx)
    }

    /// `$/cancelRequest` for one of our requests.
    pub async fn cancel(&self, id: i64) {
        self.notify("$/cancelRequest", json!({"id": id})).await;
    }

    /// The `result` of a request, which must not fail.
    pub async fn result(&self, method: &str, params: Value) -> Value {
        let response = self.request(method, params).await;
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    pub async fn notify(&self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    /// Waits for the first notification that `matches`, keeping the others.
    pub async fn wait_for(&self, what: &str, matches: impl Fn(&Value) -> bool) -> Value {
        let mut guard = self.notifications.lock().await;
        let (buffer, rx) = &mut *guard;
        if let Some(at) = buffer.iter().position(&matches) {
            return buffer.remove(at).expect("present");
        }
        let deadline = tokio::time::Instant::now() + TIMEOUT;
        loop {
            match tokio::time::timeout_at(deadline, rx.recv()).await {
                Ok(Some(message)) if matches(&message) => return message,
                Ok(Some(message)) => buffer.push_back(message),
                Ok(None) => panic!("server closed while waiting for {what}"),
                Err(_) => panic!("no {what} in {TIMEOUT:?}; got {buffer:?}"),
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    pub async fn diagnostics(&self, uri: &str, version: i64) -> Vec<Value> {
        let message = self
            .wait_for(&format!("diagnostics for {uri} v{version}"), |m| {
                m["method"] == "textDocument/publishDiagnostics"
                    && m["params"]["uri"] == uri
                    && m["params"]["version"] == version
            })
            .await;
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    /// Every notification received so far (and not yet waited for).
    pub async fn drain_notifications(&self) -> Vec<Value> {
        let mut guard = self.notifications.lock().await;
        let (buffer, rx) = &mut *guard;
        while let Ok(message) = rx.try_recv() {
            buffer.push_back(message);
        }
        buffer.drain(..).collect()
    }

    pub async fn open(&self, uri: &str, text: &str) {
        self.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "cable", "version": 1, "text": text}}),
        )
        .await;
    }

    pub async fn change(&self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": changes}),
        )
        .await;
    }

    /// The server's copy of a document.
    pub async fn server_text(&self, uri: &str) -> (i64, String) {
        let result = self
            .result("cablelint/documentText", json!({"uri": uri}))
            .await;
        (
            result["version"].as_i64().expect("version"),
            result["text"].as_str().expect("text").to_owned(),
        )
    }

    /// Pulls diagnostics (for clients that declared pull support).
    pub async fn pull(&self, uri: &str) -> Vec<Value> {
        let report = self
            .result(
                "textDocument/diagnostic",
                json!({"textDocument": {"uri": uri}}),
            )
            .await;
        assert_eq!(report["kind"], "full", "{report}");
        report["items"].as_array().cloned().unwrap_or_default()
    }

    /// `shutdown` then `exit`; returns whether the server ended cleanly.
    pub async fn shutdown_and_exit(self) -> bool {
        self.result("shutdown", Value::Null).await;
        self.notify("exit", Value::Null).await;
        self.wait_server().await
    }

    pub async fn wait_server(self) -> bool {
        tokio::time::timeout(TIMEOUT, self.server)
            .await
            .expect("server ends after exit")
            .expect("server task did not panic")
    }
}

#[allow(clippy::too_many_arguments)]
async fn read_loop(
    mut reader: BufReader<tokio::io::ReadHalf<DuplexStream>>,
    writer: Writer,
    pending: Arc<Mutex<HashMap<i64, oneshot::Sender<Value>>>>,
    notifications: mpsc::UnboundedSender<Value>,
    server_requests: Arc<Mutex<Vec<Value>>>,
    settings: Arc<Mutex<Value>>,
    orphans: Arc<Mutex<Vec<Value>>>,
) {
    while let Ok(Some(frame)) = read_frame(&mut reader).await {
        let Frame::Body(body) = frame else {
            panic!("server sent a malformed frame: {frame:?}");
        };
        let message: Value = serde_json::from_slice(&body).expect("server sends JSON");
        assert_eq!(message["jsonrpc"], "2.0", "{message}");
        let method = message.get("method").and_then(Value::as_str);
        match (method, message.get("id")) {
            (Some(method), Some(id)) => {
                server_requests.lock().unwrap().push(message.clone());
                let result = match method {
                    "workspace/configuration" => {
                        let items = message["params"]["items"].as_array().map_or(0, Vec::len);
                        Value::Array(vec![settings.lock().unwrap().clone(); items])
                    }
                    _ => Value::Null,
                };
                let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
                let mut writer = writer.lock().await;
                let _ = write_frame(&mut *writer, reply.to_string().as_bytes()).await;
            }
            (Some(_), None) => {
                let _ = notifications.send(message);
            }
            (None, id) => {
                let waiter = id
                    .and_then(Value::as_i64)
                    .and_then(|id| pending.lock().unwrap().remove(&id));
                match waiter {
                    Some(waiter) => {
                        let _ = waiter.send(message);
                    }
                    None => orphans.lock().unwrap().push(message),
                }
            }
        }
    }
}

/// The shared corpus (never copied into the repository).
pub fn corpus() -> PathBuf {
    if let Ok(dir) = std::env::var("CABLELINT_CORPUS") {
        return PathBuf::from(dir);
    }
    let beside_repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus");
    if beside_repo.is_dir() {
        beside_repo
    } else {
        PathBuf::from("/work/shared/corpus")
    }
}

pub fn seed_cable() -> String {
    let path = corpus().join("seed-cable-1962-06-28.txt");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// A position as JSON.
/// A user registry of one person, Pavel Novák, ambassador 1960–1964.
pub const USER_REGISTRY: &str = "# 𠀋 our registry\n[[person]]\nid = \"pavel-novak\"\nname = { text = \"Pavel Novák\", system = \"latin\", family = \"Novák\", given = \"Pavel\", order = \"given-first\" }\nsurname_alone = true\nsummary = \"A clerk.\"\nsources = [\"Our notes\"]\nposts = [{ title = \"Ambassador\", org = \"Czechoslovakia\", start = \"1960\", end = \"1964\", source = \"Our notes\" }]\n";

/// A workspace whose `cablelint.toml` merges [`USER_REGISTRY`] (`ours.toml`).
pub fn user_registry_workspace() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ours.toml"), USER_REGISTRY).unwrap();
    std::fs::write(
        dir.path().join("cablelint.toml"),
        "[officials]\nregistries = [\"ours.toml\"]\n",
    )
    .unwrap();
    dir
}

/// The items of a completion answer: a list, or (marked incomplete) an
/// object holding one; none for `null`.
pub fn completion_items(completion: &Value) -> &[Value] {
    completion
        .as_array()
        .or_else(|| completion["items"].as_array())
        .map_or(&[], Vec::as_slice)
}

pub fn pos(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

pub fn range(a: (u32, u32), b: (u32, u32)) -> Value {
    json!({"start": pos(a.0, a.1), "end": pos(b.0, b.1)})
}

/// Applies LSP text edits (in `encoding` units) to `text`, as a client does.
pub fn apply_text_edits(text: &str, edits: &[Value], utf8: bool) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let start = client_offset(text, &e["range"]["start"], utf8);
            let end = client_offset(text, &e["range"]["end"], utf8);
            (
                start,
                end,
                e["newText"].as_str().expect("newText").to_owned(),
            )
        })
        .collect();
    spans.sort_by_key(|(s, e, _)| (*s, *e));
    let mut out = String::new();
    let mut at = 0;
    for (start, end, new) in spans {
        assert!(start >= at, "overlapping edits {edits:?}");
        out.push_str(&text[at..start]);
        out.push_str(&new);
        at = end;
    }
    out.push_str(&text[at..]);
    out
}

/// A client's own reading of an LSP position (independent of the server's
/// code): walk lines split at \r\n, \n, \r; count UTF-16 units or bytes.
pub fn client_offset(text: &str, position: &Value, utf8: bool) -> usize {
    let line = position["line"].as_u64().expect("line") as usize;
    let character = position["character"].as_u64().expect("character") as usize;
    let mut starts = vec![0];
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            i += 2;
            starts.push(i);
        } else if bytes[i] == b'\n' || bytes[i] == b'\r' {
            i += 1;
            starts.push(i);
        } else {
            i += 1;
        }
    }
    let Some(&start) = starts.get(line) else {
        return text.len();
    };
    let end = starts.get(line + 1).copied().unwrap_or(text.len());
    let content = text[start..end].trim_end_matches(['\r', '\n']);
    let mut units = 0;
    for (at, c) in content.char_indices() {
        if units >= character {
            return start + at;
        }
        units += if utf8 { c.len_utf8() } else { c.len_utf16() };
    }
    start + content.len()
}

/// The LSP position of a byte offset, as a client computes it.
pub fn client_position(text: &str, offset: usize, utf8: bool) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + before.matches('\r').count()
        - before.matches("\r\n").count();
    let column: usize = before[line_start..]
        .chars()
        .map(|c| if utf8 { c.len_utf8() } else { c.len_utf16() })
        .sum();
    pos(line as u32, column as u32)
}
