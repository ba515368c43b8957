//! Pretty JSON written inside a larger document that is streamed piece by
//! piece: every line after the first is indented to the depth at which the
//! piece sits, so the pieces join into what serialising the whole document
//! at once would give.

use serde::Serialize;
use std::io::{self, Write};

/// Appends `value` to `buffer` as pretty JSON (two spaces a level, as
/// `serde_json::to_string_pretty`) whose first line continues the current
/// line and whose other lines start with `indent`. serde_json writes token
/// by token, so the piece is built in memory and written out in one go.
pub fn serialize_into<T: Serialize>(
    buffer: &mut Vec<u8>,
    indent: &'static str,
    value: &T,
) -> io::Result<()> {
    let formatter = IndentedFormatter {
        base: indent.as_bytes(),
        level: 0,
        has_value: false,
    };
    let mut serializer = serde_json::Serializer::with_formatter(buffer, formatter);
    value.serialize(&mut serializer).map_err(io::Error::other)
}

/// [`serialize_into`] a fresh buffer, then written to `out`.
pub fn write_value<T: Serialize>(
    out: &mut dyn Write,
    indent: &'static str,
    value: &T,
) -> io::Result<()> {
    let mut buffer = Vec::new();
    serialize_into(&mut buffer, indent, value)?;
    out.write_all(&buffer)
}

/// serde_json's `PrettyFormatter` with every line after the first indented
/// by `base` more; each line's indentation is one write. (Strings escape
/// their line breaks, so every line break is written here.)
struct IndentedFormatter {
    base: &'static [u8],
    level: usize,
    has_value: bool,
}

impl IndentedFormatter {
    /// `separator` (a line break, or a comma and one), then the indentation.
    fn new_line<W: ?Sized + Write>(&self, writer: &mut W, separator: &[u8]) -> io::Result<()> {
        const SPACES: &[u8] = &[b' '; 64];
        writer.write_all(separator)?;
        writer.write_all(self.base)?;
        let mut width = 2 * self.level;
        while width > 0 {
            let step = width.min(SPACES.len());
            writer.write_all(&SPACES[..step])?;
            width -= step;
        }
        Ok(())
    }

    /// `[` or `{`: one level deeper, nothing in it yet.
    fn open<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level += 1;
        self.has_value = false;
        writer.write_all(bracket)
    }

    /// `]` or `}`, on a line of its own unless nothing came before it.
    fn close<W: ?Sized + Write>(&mut self, writer: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.level -= 1;
        if self.has_value {
            self.new_line(writer, b"\n")?;
        }
        writer.write_all(bracket)
    }

    /// Before an array's value or an object's key: on a new line, after a
    /// comma unless it is the first.
    fn new_item<W: ?Sized + Write>(&self, writer: &mut W, first: bool) -> io::Result<()> {
        self.new_line(writer, if first { b"\n" } else { b",\n" })
    }
}

impl serde_json::ser::Formatter for IndentedFormatter {
    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"[")
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"]")
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_item(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.open(writer, b"{")
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.close(writer, b"}")
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.new_item(writer, first)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        writer.write_all(b": ")
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, _writer: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_formatter_is_the_pretty_one_indented() {
        let deep = (0..40).fold(
            serde_json::json!("𠀋\n\"x\""),
            |v, i| serde_json::json!({ "level": i, "inner": [v, [], {}], "empty": [] }),
        );
        for value in [
            serde_json::json!({}),
            serde_json::json!([]),
            serde_json::json!({ "a": [1, { "b": null }], "c": "line\nbreak" }),
            deep,
        ] {
            for indent in ["", "    ", "          "] {
                let mut got = Vec::new();
                serialize_into(&mut got, indent, &value).unwrap();
                let expected = serde_json::to_string_pretty(&value)
                    .unwrap()
                    .replace('\n', &format!("\n{indent}"));
                assert_eq!(String::from_utf8(got).unwrap(), expected);
            }
        }
    }
}
