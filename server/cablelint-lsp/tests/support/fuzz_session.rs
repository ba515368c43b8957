//! One fuzzed session with the language server's message handling, in
//! process over an in-memory duplex (`cablelint_lsp::serve`, as the tests
//! use it): a session of
//! structured steps (open, valid incremental edits in the negotiated
//! encoding, whole-text changes, closes, feature requests at valid or wild
//! positions, cancels, messages of known methods with arbitrary params,
//! well-framed arbitrary bodies), then arbitrary raw bytes, then the end of
//! input. Asserts: no panic anywhere (libFuzzer aborts on any panic, even
//! one caught by tokio); everything the server writes is a framed JSON-RPC
//! 2.0 message; every request of ours gets a response; the server's text of
//! every document edited only through valid edits is the client's; the
//! server ends when its input ends or after `exit`.
//!
//! Shared by the cargo-fuzz target `lsp` (fuzz/fuzz_targets/lsp.rs) and the
//! replay of its regressions in `cargo test` (tests/fuzz_regressions.rs),
//! which include this file by path.

use arbitrary::Arbitrary;
use cablelint_lsp::framing::{read_frame, write_frame, Frame};
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncWriteExt, BufReader, DuplexStream, WriteHalf};

/// Documents the client model tracks. Nothing else in a session names them
/// (a message that does is seen and the model stops checking).
const TRACKED: [&str; 2] = ["file:///fuzz-tracked/a.cable", "untitled:fuzz-tracked-b"];
const LOOSE: &str = "file:///fuzz-loose/c.cable";
const MARK: &str = "fuzz-tracked";
/// Far from any id an arbitrary body is likely to carry.
const FIRST_ID: i64 = 1 << 40;
const WAIT: Duration = Duration::from_secs(30);

const REQUESTS: &[&str] = &[
    "textDocument/hover",
    "textDocument/codeAction",
    "textDocument/diagnostic",
    "textDocument/completion",
    "textDocument/definition",
    "textDocument/documentSymbol",
    "textDocument/foldingRange",
    "textDocument/selectionRange",
    "textDocument/semanticTokens/full",
    "textDocument/semanticTokens/range",
    "textDocument/documentLink",
    "cablelint/documentInfo",
    "cablelint/officials",
    "cablelint/documentText",
];

/// Methods a free-form message uses (with arbitrary params).
const METHODS: &[&str] = &[
    "textDocument/didOpen",
    "textDocument/didChange",
    "textDocument/didClose",
    "textDocument/hover",
    "textDocument/codeAction",
    "textDocument/diagnostic",
    "textDocument/completion",
    "textDocument/definition",
    "textDocument/semanticTokens/range",
    "workspace/didChangeConfiguration",
    "workspace/didChangeWatchedFiles",
    "cablelint/documentInfo",
    "cablelint/officials",
    "cablelint/documentText",
    "$/cancelRequest",
    "$/setTrace",
    "initialize",
    "initialized",
    "shutdown",
    "no/such/method",
];

#[derive(Arbitrary, Debug)]
struct Session {
    utf8: bool,
    pull: bool,
    init_options: Option<Json>,
    steps: Vec<Step>,
    /// Raw bytes after the structured part: may break the framing.
    tail: Vec<u8>,
    /// End with `shutdown` and `exit` (when there is no tail), else close.
    exit: bool,
}

#[derive(Arbitrary, Debug)]
enum Step {
    Open {
        doc: bool,
        text: String,
    },
    Edit {
        doc: bool,
        start: u16,
        len: u8,
        text: String,
    },
    Replace {
        doc: bool,
        text: String,
    },
    Close {
        doc: bool,
    },
    Request {
        kind: u8,
        doc: u8,
        at: u16,
        wild: Option<(u32, u32)>,
    },
    Cancel {
        back: u8,
    },
    Message {
        method: u8,
        params: Json,
        request: bool,
    },
    Frame(Vec<u8>),
}

/// Arbitrary JSON (depth-limited when converted).
#[derive(Arbitrary, Debug)]
enum Json {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    Uri(u8),
    Array(Vec<Json>),
    Object(Vec<(String, Json)>),
}

impl Json {
    fn value(&self, depth: usize) -> Value {
        if depth > 24 {
            return Value::Null;
        }
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => json!(b),
            Json::Int(i) => json!(i),
            Json::Float(f) => json!(f),
            Json::Str(s) => json!(s),
            Json::Uri(i) => json!(uri(*i)),
            Json::Array(items) => Value::Array(items.iter().map(|j| j.value(depth + 1)).collect()),
            Json::Object(fields) => {
                let map: Map<String, Value> = fields
                    .iter()
                    .map(|(k, v)| (k.clone(), v.value(depth + 1)))
                    .collect();
                Value::Object(map)
            }
        }
    }
}

/// Loose documents and a few odd URIs; never a tracked one.
fn uri(i: u8) -> &'static str {
    [
        LOOSE,
        "untitled:x",
        "file:///",
        "file:///fuzz-loose/cablelint.toml",
        "x:y",
    ][i as usize % 5]
}

type Writer = Arc<tokio::sync::Mutex<WriteHalf<DuplexStream>>>;
/// Responses to our requests by id; the watch ticks at each one.
type Answers = Arc<Mutex<HashMap<i64, Value>>>;
type Ticks = tokio::sync::watch::Sender<u64>;

struct Client {
    writer: Writer,
    answers: Answers,
    ticks: tokio::sync::watch::Receiver<u64>,
    next_id: i64,
    sent: Vec<i64>,
    /// The input is closed (or the server told to exit): nothing more is sent.
    closed: bool,
}

impl Client {
    async fn send(&mut self, message: &Value) {
        self.send_body(message.to_string().as_bytes()).await;
    }

    async fn send_body(&mut self, body: &[u8]) {
        if self.closed {
            return;
        }
        let mut writer = self.writer.lock().await;
        if write_frame(&mut *writer, body).await.is_err() {
            self.closed = true;
        }
    }

    async fn request(&mut self, method: &str, params: Value) -> i64 {
        let id = self.next_id;
        self.next_id += 1;
        self.sent.push(id);
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}))
            .await;
        id
    }

    async fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}))
            .await;
    }

    async fn answer(&mut self, id: i64) -> Value {
        let deadline = tokio::time::Instant::now() + WAIT;
        loop {
            self.ticks.borrow_and_update();
            if let Some(answer) = self.answers.lock().unwrap().get(&id) {
                return answer.clone();
            }
            match tokio::time::timeout_at(deadline, self.ticks.changed()).await {
                Ok(Ok(())) => {}
                Ok(Err(_)) => panic!("the server's output ended before it answered {id}"),
                Err(_) => panic!("no response to request {id}"),
            }
        }
    }
}

/// What the client believes a tracked document holds; `known` is false
/// once a free-form message may have changed it.
#[derive(Clone)]
struct Model {
    open: bool,
    version: i32,
    text: String,
    known: bool,
}

impl Default for Model {
    fn default() -> Self {
        Model {
            open: false,
            version: 0,
            text: String::new(),
            known: true,
        }
    }
}

/// Runs the session `data` describes (read as libFuzzer's structured
/// targets read theirs); inputs too short for one are skipped.
pub fn run_bytes(data: &[u8]) {
    let Ok(session) = Session::arbitrary_take_rest(arbitrary::Unstructured::new(data)) else {
        return;
    };
    if std::env::var_os("CABLELINT_FUZZ_DEBUG").is_some() {
        eprintln!("{session:#?}");
    }
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(run(session));
    // Dropping the runtime drops whatever the server left running.
}

async fn run(session: Session) {
    let (ours, theirs) = tokio::io::duplex(1 << 16);
    let (server_in, server_out) = tokio::io::split(theirs);
    let server = tokio::spawn(cablelint_lsp::serve(
        server_in,
        server_out,
        Default::default(),
    ));
    let (reader, writer) = tokio::io::split(ours);
    let writer: Writer = Arc::new(tokio::sync::Mutex::new(writer));
    let answers: Answers = Arc::default();
    let (ticks, ticked) = tokio::sync::watch::channel(0);
    // A panic in it aborts a fuzzing run (libFuzzer's panic hook) and is
    // recorded by the replay test's hook.
    tokio::spawn(read_loop(
        BufReader::new(reader),
        writer.clone(),
        answers.clone(),
        ticks,
    ));
    let mut client = Client {
        writer: writer.clone(),
        answers,
        ticks: ticked,
        next_id: FIRST_ID,
        sent: Vec::new(),
        closed: false,
    };
    let mut models = [Model::default(), Model::default()];
    let mut shut_down = false;

    let capabilities = match (session.utf8, session.pull) {
        (true, _) => json!({"general": {"positionEncodings": ["utf-8", "utf-16"]}}),
        (false, true) => json!({"textDocument": {"diagnostic": {}},
                                "workspace": {"configuration": true, "diagnostics": {"refreshSupport": true},
                                              "didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        (false, false) => json!({}),
    };
    let mut init = json!({"processId": null, "rootUri": null, "capabilities": capabilities});
    if let Some(options) = &session.init_options {
        init["initializationOptions"] = options.value(0);
    }
    let started = std::time::Instant::now();
    let debug = std::env::var_os("CABLELINT_FUZZ_DEBUG").is_some();
    let stage = |what: &str| {
        if debug {
            eprintln!("{:>8.3}s {what}", started.elapsed().as_secs_f64());
        }
    };
    let id = client.request("initialize", init).await;
    client.answer(id).await;
    client.notify("initialized", json!({})).await;

    stage("initialized");
    for step in &session.steps {
        if client.closed {
            break;
        }
        match step {
            Step::Open { doc, text } => {
                let i = *doc as usize;
                models[i] = Model {
                    open: true,
                    version: 1,
                    text: text.clone(),
                    known: true,
                };
                client
                    .notify(
                        "textDocument/didOpen",
                        json!({"textDocument": {"uri": TRACKED[i], "languageId": "cable", "version": 1, "text": text}}),
                    )
                    .await;
            }
            Step::Edit {
                doc,
                start,
                len,
                text,
            } => {
                let i = *doc as usize;
                let model = &mut models[i];
                if !model.open {
                    continue;
                }
                let places = positions(&model.text);
                let first = *start as usize % places.len();
                let last = (first + *len as usize).min(places.len() - 1);
                let (a, b) = (places[first], places[last]);
                let range = json!({
                    "start": position(&model.text, a, session.utf8),
                    "end": position(&model.text, b, session.utf8),
                });
                model.text.replace_range(a..b, text);
                model.version += 1;
                let version = model.version;
                client
                    .notify(
                        "textDocument/didChange",
                        json!({"textDocument": {"uri": TRACKED[i], "version": version},
                               "contentChanges": [{"range": range, "text": text}]}),
                    )
                    .await;
            }
            Step::Replace { doc, text } => {
                let i = *doc as usize;
                let model = &mut models[i];
                if !model.open {
                    continue;
                }
                model.text = text.clone();
                model.version += 1;
                let version = model.version;
                client
                    .notify(
                        "textDocument/didChange",
                        json!({"textDocument": {"uri": TRACKED[i], "version": version},
                               "contentChanges": [{"text": text}]}),
                    )
                    .await;
            }
            Step::Close { doc } => {
                let i = *doc as usize;
                models[i].open = false;
                client
                    .notify(
                        "textDocument/didClose",
                        json!({"textDocument": {"uri": TRACKED[i]}}),
                    )
                    .await;
            }
            Step::Request {
                kind,
                doc,
                at,
                wild,
            } => {
                let method = REQUESTS[*kind as usize % REQUESTS.len()];
                let (uri, text) = match *doc % 3 {
                    0 | 1 => (
                        TRACKED[(*doc % 3) as usize],
                        models[(*doc % 3) as usize].text.as_str(),
                    ),
                    _ => (LOOSE, ""),
                };
                let place = match wild {
                    Some((line, character)) => json!({"line": line, "character": character}),
                    None => {
                        let places = positions(text);
                        position(text, places[*at as usize % places.len()], session.utf8)
                    }
                };
                let doc = json!({"uri": uri});
                let range = json!({"start": place, "end": place});
                let params = match method {
                    "textDocument/codeAction" => {
                        json!({"textDocument": doc, "range": range, "context": {"diagnostics": []}})
                    }
                    "textDocument/semanticTokens/range" => {
                        json!({"textDocument": doc, "range": range})
                    }
                    "textDocument/selectionRange" => {
                        json!({"textDocument": doc, "positions": [place]})
                    }
                    "textDocument/hover"
                    | "textDocument/completion"
                    | "textDocument/definition" => {
                        json!({"textDocument": doc, "position": place})
                    }
                    "cablelint/documentText" => json!({"uri": uri}),
                    _ => json!({"textDocument": doc}),
                };
                client.request(method, params).await;
            }
            Step::Cancel { back } => {
                if let Some(&id) = client.sent.iter().rev().nth(*back as usize) {
                    client.notify("$/cancelRequest", json!({"id": id})).await;
                }
            }
            Step::Message {
                method,
                params,
                request,
            } => {
                let method = METHODS[*method as usize % METHODS.len()];
                let params = params.value(0);
                if params.to_string().contains(MARK) {
                    models.iter_mut().for_each(|m| m.known = false);
                }
                if method == "shutdown" {
                    shut_down = true;
                }
                if *request {
                    client.request(method, params).await;
                } else {
                    client.notify(method, params).await;
                }
            }
            Step::Frame(body) => {
                // What the server will read, if it reads it as a message.
                if let Ok(message) = serde_json::from_slice::<Value>(body) {
                    let method = message.get("method").and_then(Value::as_str);
                    if method == Some("shutdown") {
                        shut_down = true;
                    }
                    if method == Some("exit") {
                        client.send_body(body).await;
                        client.closed = true;
                        break;
                    }
                    if message.to_string().contains(MARK) {
                        models.iter_mut().for_each(|m| m.known = false);
                    }
                }
                client.send_body(body).await;
            }
        }
    }

    stage("steps sent");
    if !client.closed && !shut_down {
        // Every request of ours is answered, and the server has every text
        // that only valid edits made.
        for (i, model) in models.iter().enumerate() {
            if !model.open {
                continue;
            }
            let id = client
                .request("cablelint/documentText", json!({"uri": TRACKED[i]}))
                .await;
            let answer = client.answer(id).await;
            if !model.known {
                continue;
            }
            assert_eq!(answer["result"]["version"], model.version, "{answer}");
            assert_eq!(
                answer["result"]["text"].as_str(),
                Some(model.text.as_str()),
                "the server's text of {} differs",
                TRACKED[i]
            );
        }
        for &id in &client.sent.clone() {
            let answer = client.answer(id).await;
            assert!(
                answer.get("result").is_some() || answer["error"]["code"].is_i64(),
                "{answer}"
            );
        }
    }

    stage("checked");
    // The end: raw bytes and a closed input, or shutdown and exit.
    if !session.tail.is_empty() || !session.exit || client.closed || shut_down {
        if !client.closed {
            let mut writer = writer.lock().await;
            let _ = writer.write_all(&session.tail).await;
            let _ = writer.shutdown().await;
        }
    } else {
        let id = client.request("shutdown", Value::Null).await;
        client.answer(id).await;
        client.notify("exit", Value::Null).await;
    }
    {
        // Close our side, or the server could wait on it for ever.
        let mut writer = writer.lock().await;
        let _ = writer.shutdown().await;
    }
    stage("input ended");
    match tokio::time::timeout(WAIT, server).await {
        Ok(Ok(_)) => {}
        Ok(Err(error)) => std::panic::resume_unwind(error.into_panic()),
        Err(_) => panic!("the server did not end after its input closed"),
    }
}

/// Reads the server's output: every frame a JSON-RPC 2.0 message; answers
/// its requests as a plain client would; keeps responses to ours.
async fn read_loop(
    mut reader: BufReader<tokio::io::ReadHalf<DuplexStream>>,
    writer: Writer,
    answers: Answers,
    ticks: Ticks,
) {
    while let Ok(Some(frame)) = read_frame(&mut reader).await {
        let Frame::Body(body) = frame else {
            panic!("the server wrote a malformed frame: {frame:?}");
        };
        let message: Value = serde_json::from_slice(&body).expect("the server writes JSON");
        assert_eq!(message["jsonrpc"], "2.0", "{message}");
        let method = message.get("method").and_then(Value::as_str);
        match (method, message.get("id")) {
            (Some(method), Some(id)) => {
                let result = match method {
                    "workspace/configuration" => {
                        let items = message["params"]["items"].as_array().map_or(0, Vec::len);
                        Value::Array(vec![json!({}); items])
                    }
                    _ => Value::Null,
                };
                let reply = json!({"jsonrpc": "2.0", "id": id, "result": result});
                let mut writer = writer.lock().await;
                let _ = write_frame(&mut *writer, reply.to_string().as_bytes()).await;
            }
            (Some(_), None) => {}
            (None, id) => {
                assert!(
                    message.get("result").is_some() || message.get("error").is_some(),
                    "{message}"
                );
                if let Some(id) = id.and_then(Value::as_i64).filter(|&id| id >= FIRST_ID) {
                    let previous = answers.lock().unwrap().insert(id, message.clone());
                    assert!(previous.is_none(), "two responses to request {id}");
                    ticks.send_modify(|n| *n += 1);
                }
            }
        }
    }
}

/// Offsets a position can name: character boundaries, never inside a CRLF.
fn positions(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    (0..=text.len())
        .filter(|&i| text.is_char_boundary(i))
        .filter(|&i| !(i > 0 && bytes[i - 1] == b'\r' && bytes.get(i) == Some(&b'\n')))
        .collect()
}

/// The LSP position of a byte offset as a client computes it: lines end at
/// `\r\n`, `\n` or `\r`; columns in UTF-8 bytes or UTF-16 units.
fn position(text: &str, offset: usize, utf8: bool) -> Value {
    let before = &text[..offset];
    let line_start = before.rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line = before.matches('\n').count() + before.matches('\r').count()
        - before.matches("\r\n").count();
    let column: usize = before[line_start..]
        .chars()
        .map(|c| if utf8 { c.len_utf8() } else { c.len_utf16() })
        .sum();
    json!({"line": line, "character": column})
}
