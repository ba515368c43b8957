//! A guard between the client's byte stream and tower-lsp-server.
//!
//! tower-lsp-server reads with a `FramedRead` that ends its stream after the
//! first decoding error, so a single malformed frame would end the server.
//! Here every frame is checked first: good ones go to the server byte for
//! byte, bad ones are answered with a JSON-RPC error by us. Our answers and
//! the server's output are merged frame by frame, so they never interleave.

use crate::framing::{read_frame, write_frame, Frame};
use serde_json::{json, Value};
use tokio::io::{AsyncRead, AsyncWrite, BufReader};
use tokio::sync::mpsc;
use tower_lsp_server::jsonrpc::{Request, Response};

/// Frames for the output writer; `None` says the server has finished.
pub(crate) type OutputFrames = mpsc::UnboundedSender<Option<Vec<u8>>>;

/// Copies checked frames from `input` to the server until the input ends.
pub(crate) async fn guard_input<R, W>(input: R, mut server_input: W, output: OutputFrames)
where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut reader = BufReader::with_capacity(64 * 1024, input);
    loop {
        let frame = match read_frame(&mut reader).await {
            Ok(Some(frame)) => frame,
            Ok(None) => break,
            Err(error) => {
                tracing::info!("input closed: {error}");
                break;
            }
        };
        let reply = match frame {
            Frame::Body(body) => match check_message(&body) {
                Ok(()) => {
                    if let Err(error) = write_frame(&mut server_input, &body).await {
                        tracing::info!("server input closed: {error}");
                        break;
                    }
                    continue;
                }
                Err(reply) => reply,
            },
            Frame::Malformed(problem) => {
                tracing::warn!("malformed frame: {problem}");
                error_reply(Value::Null, -32700, &format!("Parse error: {problem}"))
            }
        };
        let _ = output.send(Some(reply));
    }
}

/// Copies the server's frames to the shared output until the server is done.
pub(crate) async fn forward_output<R>(server_output: R, output: OutputFrames)
where
    R: AsyncRead + Unpin,
{
    let mut reader = BufReader::with_capacity(64 * 1024, server_output);
    while let Ok(Some(frame)) = read_frame(&mut reader).await {
        match frame {
            Frame::Body(body) => {
                let _ = output.send(Some(body));
            }
            Frame::Malformed(problem) => tracing::error!("server wrote a bad frame: {problem}"),
        }
    }
    let _ = output.send(None);
}

/// Writes frames to the real output, one whole frame at a time.
pub(crate) async fn write_output<W>(
    mut output: W,
    mut frames: mpsc::UnboundedReceiver<Option<Vec<u8>>>,
) where
    W: AsyncWrite + Unpin,
{
    while let Some(Some(body)) = frames.recv().await {
        if let Err(error) = write_frame(&mut output, &body).await {
            tracing::info!("output closed: {error}");
            break;
        }
    }
}

/// Accepts exactly what tower-lsp-server's decoder accepts: a request,
/// notification or response in JSON-RPC 2.0.
fn check_message(body: &[u8]) -> Result<(), Vec<u8>> {
    if std::str::from_utf8(body).is_err() {
        return Err(error_reply(
            Value::Null,
            -32700,
            "Parse error: message is not UTF-8",
        ));
    }
    if let Ok(request) = serde_json::from_slice::<Request>(body) {
        // LSP: a request (not a notification) whose method starts with `$/`
        // is answered MethodNotFound. tower-lsp-server drops its
        // MethodNotFound for `$/` methods even for requests, so the client
        // would wait for ever: we answer it here.
        if let (Some(id), true) = (request.id(), request.method().starts_with("$/")) {
            let id = serde_json::to_value(id).unwrap_or(Value::Null);
            return Err(error_reply(
                id,
                -32601,
                &format!("Method not found: {}", truncate(request.method())),
            ));
        }
        return Ok(());
    }
    if serde_json::from_slice::<Response>(body).is_ok() {
        return Ok(());
    }
    match serde_json::from_slice::<Value>(body) {
        Err(error) => Err(error_reply(
            Value::Null,
            -32700,
            &format!("Parse error: {error}"),
        )),
        Ok(value) => {
            let id = value
                .get("id")
                .filter(|id| id.is_number() || id.is_string())
                .cloned();
            tracing::warn!(
                "not a JSON-RPC 2.0 message: {}",
                truncate(&value.to_string())
            );
            Err(error_reply(
                id.unwrap_or(Value::Null),
                -32600,
                "Invalid request: not a JSON-RPC 2.0 request, notification or response",
            ))
        }
    }
}

fn error_reply(id: Value, code: i64, message: &str) -> Vec<u8> {
    json!({"jsonrpc": "2.0", "id": id, "error": {"code": code, "message": message}})
        .to_string()
        .into_bytes()
}

fn truncate(text: &str) -> String {
    text.chars().take(200).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(reply: Vec<u8>) -> (Value, i64) {
        let value: Value = serde_json::from_slice(&reply).unwrap();
        (
            value["id"].clone(),
            value["error"]["code"].as_i64().unwrap(),
        )
    }

    #[test]
    fn accepts_messages_and_answers_everything_else() {
        assert!(check_message(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#).is_ok());
        assert!(check_message(br#"{"jsonrpc":"2.0","method":"exit"}"#).is_ok());
        assert!(check_message(br#"{"jsonrpc":"2.0","id":3,"result":null}"#).is_ok());
        assert_eq!(
            code(check_message(b"{\"jsonrpc\":").unwrap_err()),
            (Value::Null, -32700)
        );
        assert_eq!(
            code(check_message(b"\xff\xfe").unwrap_err()),
            (Value::Null, -32700)
        );
        assert_eq!(
            code(check_message(br#"{"jsonrpc":"1.0","id":7,"method":"x"}"#).unwrap_err()),
            (json!(7), -32600)
        );
        assert_eq!(
            code(check_message(b"[1,2]").unwrap_err()),
            (Value::Null, -32600)
        );
    }

    /// Found by the `lsp` fuzz target: a `$/` method sent as a request got
    /// no response at all.
    #[test]
    fn dollar_requests_are_answered_method_not_found() {
        assert_eq!(
            code(
                check_message(br#"{"jsonrpc":"2.0","id":5,"method":"$/setTrace","params":"x"}"#)
                    .unwrap_err()
            ),
            (json!(5), -32601)
        );
        assert_eq!(
            code(check_message(br#"{"jsonrpc":"2.0","id":"a","method":"$/unknown"}"#).unwrap_err()),
            (json!("a"), -32601)
        );
        // As notifications they go through (and may be ignored).
        assert!(check_message(br#"{"jsonrpc":"2.0","method":"$/unknown"}"#).is_ok());
        assert!(check_message(
            br#"{"jsonrpc":"2.0","method":"$/cancelRequest","params":{"id":1}}"#
        )
        .is_ok());
    }
}
