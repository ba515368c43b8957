//! The LSP base protocol: each message is a block of `Name: value` header
//! lines, a blank line, and `Content-Length` bytes of JSON. Used by the
//! transport guard and by the tests' client.

use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// A body larger than this is refused (and skipped) rather than allocated.
pub const MAX_BODY: usize = 512 * 1024 * 1024;
/// A header line longer than this is garbage, not a header.
const MAX_HEADER_LINE: usize = 8 * 1024;

/// One unit read from the stream.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A well-framed body (not yet known to be valid JSON).
    Body(Vec<u8>),
    /// Bytes that were not a frame; the reader has skipped past them.
    Malformed(String),
}

/// Reads the next frame; `Ok(None)` at the end of the stream.
pub async fn read_frame<R: AsyncBufRead + Unpin>(reader: &mut R) -> std::io::Result<Option<Frame>> {
    let mut content_length: Option<usize> = None;
    let mut problem: Option<String> = None;
    let mut saw_header = false;
    let mut line = Vec::new();
    loop {
        line.clear();
        let read = (&mut *reader)
            .take(MAX_HEADER_LINE as u64)
            .read_until(b'\n', &mut line)
            .await?;
        if read == 0 {
            return Ok(if saw_header {
                Some(Frame::Malformed("stream ended inside a header".into()))
            } else {
                None
            });
        }
        if !line.ends_with(b"\n") && read == MAX_HEADER_LINE {
            problem.get_or_insert_with(|| "header line too long".into());
            saw_header = true;
            continue;
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if !saw_header {
                continue; // blank lines between messages are tolerated
            }
            break;
        }
        saw_header = true;
        // A body without a trailing newline runs into the next header: find
        // where the header starts so one bad message cannot eat the next.
        let header = match text.to_ascii_lowercase().find("content-length:") {
            Some(0) | None => text,
            Some(at) => {
                problem.get_or_insert_with(|| "garbage before a header".into());
                &text[at..]
            }
        };
        match header.split_once(':') {
            Some((name, value)) if name.eq_ignore_ascii_case("content-length") => {
                match value.trim().parse::<usize>() {
                    Ok(length) => content_length = Some(length),
                    Err(_) => {
                        content_length = None;
                        problem.get_or_insert_with(|| {
                            format!("bad Content-Length `{}`", value.trim())
                        });
                    }
                }
            }
            Some((name, _)) if name.eq_ignore_ascii_case("content-type") => {}
            Some((name, _)) if is_token(name) => {}
            _ => {
                problem.get_or_insert_with(|| format!("not a header line: `{}`", truncate(header)));
            }
        }
    }
    let Some(length) = content_length else {
        return Ok(Some(Frame::Malformed(
            problem.unwrap_or_else(|| "missing Content-Length header".into()),
        )));
    };
    if length > MAX_BODY {
        let skipped = tokio::io::copy(
            &mut (&mut *reader).take(length as u64),
            &mut tokio::io::sink(),
        )
        .await?;
        return Ok(Some(Frame::Malformed(format!(
            "message of {length} bytes is over the limit of {MAX_BODY} (skipped {skipped})"
        ))));
    }
    if let Some(problem) = problem {
        // A usable length was found after all: keep the message, note the noise.
        tracing::warn!("skipped bytes before a message: {problem}");
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).await?;
    Ok(Some(Frame::Body(body)))
}

/// Writes one message with its header and flushes.
pub async fn write_frame<W: AsyncWrite + Unpin>(
    writer: &mut W,
    body: &[u8],
) -> std::io::Result<()> {
    let header = format!("Content-Length: {}\r\n\r\n", body.len());
    writer.write_all(header.as_bytes()).await?;
    writer.write_all(body).await?;
    writer.flush().await
}

fn is_token(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn truncate(text: &str) -> String {
    text.chars().take(40).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(input: &[u8]) -> Vec<Frame> {
        let mut reader = tokio::io::BufReader::new(input);
        let mut out = Vec::new();
        while let Some(frame) = read_frame(&mut reader).await.unwrap() {
            out.push(frame);
        }
        out
    }

    #[tokio::test]
    async fn reads_frames_and_recovers_after_garbage() {
        let input = b"Content-Length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{}\
garbage\r\n\r\nContent-Length: 3\r\n\r\n[1]";
        let got = frames(input).await;
        assert_eq!(got[0], Frame::Body(b"{}".to_vec()));
        assert!(
            matches!(&got[1], Frame::Malformed(m) if m.contains("garbage")),
            "{got:?}"
        );
        assert_eq!(got[2], Frame::Body(b"[1]".to_vec()));
        assert_eq!(got.len(), 3);
    }

    #[tokio::test]
    async fn a_body_without_newline_does_not_swallow_the_next_message() {
        // The first frame says 2 bytes but sends 5: the rest runs into the next header.
        let input = b"Content-Length: 2\r\n\r\n{}abcContent-Length: 2\r\n\r\n{}";
        let got = frames(input).await;
        assert_eq!(
            got,
            [Frame::Body(b"{}".to_vec()), Frame::Body(b"{}".to_vec())]
        );
        let input = b"Content-Length: 2\r\n\r\n{}\r\nContent-Length: 2\r\n\r\n{}";
        assert_eq!(frames(input).await.len(), 2);
    }

    #[tokio::test]
    async fn bad_lengths_are_reported_not_fatal() {
        let input = b"Content-Length: lots\r\n\r\nContent-Length: 2\r\n\r\n{}";
        let got = frames(input).await;
        assert!(matches!(&got[0], Frame::Malformed(m) if m.contains("lots")));
        assert_eq!(got[1], Frame::Body(b"{}".to_vec()));
        let huge = format!("Content-Length: {}\r\n\r\nabc", MAX_BODY + 1);
        let got = frames(huge.as_bytes()).await;
        assert!(matches!(&got[0], Frame::Malformed(m) if m.contains("over the limit")));
    }
}
