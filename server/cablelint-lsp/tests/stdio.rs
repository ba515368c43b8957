//! The built server as a process on stdio: stdout carries nothing but
//! protocol frames, logs go to stderr, the process ends on `exit` (even if
//! the client keeps stdin open) and when the client vanishes.

use cablelint_lsp::framing::{read_frame, write_frame, Frame};
use serde_json::{json, Value};
use std::process::Stdio;
use std::time::{Duration, Instant};
use tokio::io::{AsyncReadExt, BufReader};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};

const LIMIT: Duration = Duration::from_secs(30);

fn spawn(args: &[&str]) -> (Child, ChildStdin, BufReader<ChildStdout>) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cablelint-lsp"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .expect("server starts");
    let stdin = child.stdin.take().unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    (child, stdin, stdout)
}

async fn send(stdin: &mut ChildStdin, message: Value) {
    write_frame(stdin, message.to_string().as_bytes())
        .await
        .unwrap();
}

/// Reads frames until a response with this id (`null` for errors about
/// unreadable input); every frame must be valid JSON-RPC.
async fn response(stdout: &mut BufReader<ChildStdout>, id: Value) -> Value {
    loop {
        let frame = tokio::time::timeout(LIMIT, read_frame(stdout))
            .await
            .expect("an answer in time")
            .unwrap()
            .expect("a frame");
        let Frame::Body(body) = frame else {
            panic!("bad frame on stdout: {frame:?}")
        };
        let message: Value = serde_json::from_slice(&body).expect("only JSON on stdout");
        assert_eq!(message["jsonrpc"], "2.0");
        if message["id"] == id && message.get("method").is_none() {
            return message;
        }
    }
}

async fn initialize(stdin: &mut ChildStdin, stdout: &mut BufReader<ChildStdout>) {
    send(
        stdin,
        json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}),
    )
    .await;
    let init = response(stdout, json!(1)).await;
    assert_eq!(init["result"]["serverInfo"]["name"], "cablelint");
    send(
        stdin,
        json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}),
    )
    .await;
}

async fn exit_code(child: &mut Child) -> (i32, Duration) {
    let started = Instant::now();
    let status = tokio::time::timeout(LIMIT, child.wait())
        .await
        .expect("the process ends")
        .unwrap();
    (
        status.code().expect("exited, not killed"),
        started.elapsed(),
    )
}

#[tokio::test]
async fn shutdown_then_exit_ends_with_0_while_stdin_stays_open() {
    let (mut child, mut stdin, mut stdout) = spawn(&["--stdio", "--log-level", "debug"]);
    initialize(&mut stdin, &mut stdout).await;
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
            {"uri": "file:///x.cable", "languageId": "cable", "version": 1, "text": "发往 []\n"}}}),
    )
    .await;
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    )
    .await;
    assert_eq!(response(&mut stdout, json!(2)).await["result"], Value::Null);
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"})).await;
    // stdin is still open here: the server must not wait for it to close.
    let (code, _) = exit_code(&mut child).await;
    assert_eq!(code, 0);
    // Whatever else is on stdout is whole frames of JSON.
    let mut rest = Vec::new();
    stdout.read_to_end(&mut rest).await.unwrap();
    let mut reader = BufReader::new(rest.as_slice());
    while let Some(frame) = read_frame(&mut reader).await.unwrap() {
        let Frame::Body(body) = frame else {
            panic!("bad frame: {frame:?}")
        };
        serde_json::from_slice::<Value>(&body).expect("JSON");
    }
    // The debug log went to stderr.
    let mut log = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .await
        .unwrap();
    assert!(log.contains("shutdown"), "{log}");
    drop(stdin);
}

#[tokio::test]
async fn exit_without_shutdown_ends_with_1() {
    let (mut child, mut stdin, mut stdout) = spawn(&[]);
    initialize(&mut stdin, &mut stdout).await;
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"})).await;
    assert_eq!(exit_code(&mut child).await.0, 1);
    drop(stdin);
}

#[tokio::test]
async fn the_process_ends_when_the_client_vanishes() {
    let (mut child, mut stdin, mut stdout) = spawn(&["--stdio"]);
    initialize(&mut stdin, &mut stdout).await;
    drop(stdin);
    drop(stdout);
    assert_eq!(exit_code(&mut child).await.0, 1);
}

#[tokio::test]
async fn a_malformed_frame_is_answered_on_the_real_transport() {
    let (mut child, mut stdin, mut stdout) = spawn(&["--stdio"]);
    initialize(&mut stdin, &mut stdout).await;
    write_frame(&mut stdin, b"{not json").await.unwrap();
    let error = response(&mut stdout, Value::Null).await;
    assert_eq!(error["error"]["code"], -32700);
    // Still serving.
    send(
        &mut stdin,
        json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown"}),
    )
    .await;
    assert!(response(&mut stdout, json!(2)).await.get("error").is_none());
    send(&mut stdin, json!({"jsonrpc": "2.0", "method": "exit"})).await;
    assert_eq!(exit_code(&mut child).await.0, 0);
    drop(stdin);
}

#[tokio::test]
async fn unknown_arguments_are_refused_with_2() {
    let (mut child, stdin, _stdout) = spawn(&["--frobnicate"]);
    drop(stdin);
    let (code, _) = exit_code(&mut child).await;
    assert_eq!(code, 2);
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .await
        .unwrap();
    assert!(err.contains("unknown argument `--frobnicate`"), "{err}");
}
