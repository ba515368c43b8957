//! Pretty JSON written inside a larger document that is streamed piece by
//! piece: every line after the first is indented to the depth at which the
//! piece sits, so the pieces join into what serialising the whole document
//! at once would give.

use std::io::{self, Write};

/// Indents every line written through it after the first line break it
/// sees (or from the start, if told it is at a line start). Strings in JSON
/// escape their line breaks, so every line break is layout.
pub struct Indented<'w> {
    out: &'w mut dyn Write,
    indent: &'static [u8],
    at_line_start: bool,
}

impl<'w> Indented<'w> {
    pub fn new(out: &'w mut dyn Write, indent: &'static str, at_line_start: bool) -> Self {
        Indented {
            out,
            indent: indent.as_bytes(),
            at_line_start,
        }
    }
}

impl Write for Indented<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, mut buf: &[u8]) -> io::Result<()> {
        while !buf.is_empty() {
            if self.at_line_start {
                self.out.write_all(self.indent)?;
                self.at_line_start = false;
            }
            match buf.iter().position(|&b| b == b'\n') {
                Some(i) => {
                    self.out.write_all(&buf[..=i])?;
                    self.at_line_start = true;
                    buf = &buf[i + 1..];
                }
                None => {
                    self.out.write_all(buf)?;
                    buf = &[];
                }
            }
        }
        Ok(())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// serde_json writes token by token: a buffer in front of the indenting
/// writer turns those into a few large writes.
pub fn buffered<'a, 'w>(indented: &'a mut Indented<'w>) -> io::BufWriter<&'a mut Indented<'w>> {
    io::BufWriter::with_capacity(16 * 1024, indented)
}

/// Writes `value` as pretty JSON whose first line continues the current
/// line and whose other lines are indented by `indent`.
pub fn write_value<T: serde::Serialize>(
    out: &mut dyn Write,
    indent: &'static str,
    value: &T,
) -> io::Result<()> {
    let mut indented = Indented::new(out, indent, false);
    let mut buffered = buffered(&mut indented);
    serde_json::to_writer_pretty(&mut buffered, value).map_err(io::Error::other)?;
    buffered.flush()
}
