//! A hand-written writer of pretty JSON for the fixed shapes of the JSON and
//! SARIF outputs: byte for byte what `serde_json::to_string_pretty` gives
//! (two spaces a level, `": "` after keys, strings escaped as serde_json
//! escapes them), with every line after the first indented by a base.
//! Going through serde cost about 2,000 instructions a diagnostic; this
//! writes straight into the piece's buffer.

mod scalars;

use scalars::ESCAPE;
pub use scalars::{write_escaped, write_plain_string, write_string, write_uint};

/// Writes one JSON value, token by token, into `out`.
pub struct Pretty<'a> {
    out: &'a mut Vec<u8>,
    /// Indentation of every line after the first, before the levels.
    base: &'static [u8],
    /// `base` is spaces only, so a line's indentation is a slice of
    /// [`NEW_LINES`].
    spaces_only: bool,
    level: usize,
    /// The open array or object has no member yet.
    first: bool,
}

impl<'a> Pretty<'a> {
    /// A writer whose first line continues the current line of `out` and
    /// whose other lines start with `base`.
    pub fn new(out: &'a mut Vec<u8>, base: &'static str) -> Self {
        Pretty {
            out,
            base: base.as_bytes(),
            spaces_only: base.bytes().all(|b| b == b' '),
            level: 0,
            first: false,
        }
    }

    #[inline]
    pub fn begin_object(&mut self) {
        self.begin(b'{');
    }

    #[inline]
    pub fn end_object(&mut self) {
        self.end(b'}');
    }

    #[inline]
    pub fn begin_array(&mut self) {
        self.begin(b'[');
    }

    #[inline]
    pub fn end_array(&mut self) {
        self.end(b']');
    }

    /// Starts a member of the open object: its value comes next. `key` is
    /// a literal that needs no escaping.
    #[inline]
    pub fn key(&mut self, key: &str) {
        debug_assert!(!key.bytes().any(|b| ESCAPE[usize::from(b)] != 0));
        self.member();
        self.out.push(b'"');
        self.out.extend_from_slice(key.as_bytes());
        self.out.extend_from_slice(b"\": ");
    }

    /// Starts an element of the open array: its value comes next.
    #[inline]
    pub fn element(&mut self) {
        self.member();
    }

    pub fn string(&mut self, text: &str) {
        write_string(self.out, text);
    }

    #[inline]
    pub fn uint(&mut self, n: usize) {
        write_uint(self.out, n);
    }

    /// (No output writes a boolean per file; the tests write them.)
    #[cfg(test)]
    pub fn bool(&mut self, value: bool) {
        self.out
            .extend_from_slice(if value { b"true" } else { b"false" });
    }

    /// (No output writes a null member by member; the tests write them.)
    #[cfg(test)]
    pub fn null(&mut self) {
        self.out.extend_from_slice(b"null");
    }

    /// `"key": "text"`.
    #[inline]
    pub fn string_field(&mut self, key: &str, text: &str) {
        self.key(key);
        self.string(text);
    }

    /// `"key": n`.
    #[inline]
    pub fn uint_field(&mut self, key: &str, n: usize) {
        self.key(key);
        self.uint(n);
    }

    /// An object of unsigned numbers, `{"k": n, …}`: what `begin_object`,
    /// one `uint_field` a member and `end_object` write, in one pass with
    /// the indentation worked out once (a range's positions are most of
    /// what the JSON output writes).
    pub fn uint_object(&mut self, fields: &[(&str, usize)]) {
        let inner = self.base.len() + 2 * (self.level + 1);
        if fields.is_empty() || !self.spaces_only || inner >= NEW_LINES.len() {
            self.begin_object();
            for &(key, n) in fields {
                self.uint_field(key, n);
            }
            self.end_object();
            return;
        }
        let out = &mut *self.out;
        out.reserve(fields.len() * (NEW_LINES.len() + 32) + NEW_LINES.len() + 1);
        out.push(b'{');
        for (i, &(key, n)) in fields.iter().enumerate() {
            debug_assert!(!key.bytes().any(|b| ESCAPE[usize::from(b)] != 0));
            if i > 0 {
                out.push(b',');
            }
            let len = out.len();
            out.extend_from_slice(NEW_LINES);
            out.truncate(len + 1 + inner);
            out.push(b'"');
            out.extend_from_slice(key.as_bytes());
            out.extend_from_slice(b"\": ");
            write_uint(out, n);
        }
        let len = out.len();
        out.extend_from_slice(NEW_LINES);
        out.truncate(len + 1 + inner - 2);
        out.push(b'}');
        self.first = false;
    }

    #[inline]
    fn begin(&mut self, bracket: u8) {
        self.out.push(bracket);
        self.level += 1;
        self.first = true;
    }

    #[inline]
    fn end(&mut self, bracket: u8) {
        self.level -= 1;
        if !self.first {
            self.new_line();
        }
        self.out.push(bracket);
        // The container is itself a member of the one around it.
        self.first = false;
    }

    #[inline]
    fn member(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
        self.new_line();
    }

    /// A line break and the indentation of the current level. When it fits
    /// [`NEW_LINES`], all of that is copied and the excess cut off: a copy
    /// of constant size is a few vector moves, where one of variable size
    /// (or a loop of small ones) cost more than the rest of a member.
    #[inline]
    fn new_line(&mut self) {
        let width = self.base.len() + 2 * self.level;
        if self.spaces_only && width < NEW_LINES.len() {
            let len = self.out.len();
            self.out.extend_from_slice(NEW_LINES);
            self.out.truncate(len + 1 + width);
            return;
        }
        self.out.push(b'\n');
        self.out.extend_from_slice(self.base);
        for _ in 0..self.level {
            self.out.extend_from_slice(b"  ");
        }
    }
}

/// A line break and the spaces of the deepest indentation written in one
/// copy.
const NEW_LINES: &[u8; 65] = b"\n                                                                ";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// Writes a `serde_json::Value` with [`Pretty`], as the outputs write
    /// their structs.
    fn write_value(p: &mut Pretty, value: &Value) {
        match value {
            Value::Null => p.null(),
            Value::Bool(b) => p.bool(*b),
            Value::Number(n) => p.uint(n.as_u64().unwrap() as usize),
            Value::String(s) => p.string(s),
            Value::Array(items) => {
                p.begin_array();
                for item in items {
                    p.element();
                    write_value(p, item);
                }
                p.end_array();
            }
            Value::Object(members) => {
                p.begin_object();
                for (key, item) in members {
                    p.key(key);
                    write_value(p, item);
                }
                p.end_object();
            }
        }
    }

    #[test]
    fn a_uint_object_is_what_its_members_one_by_one_give() {
        let fields: &[(&str, usize)] = &[("line", 1), ("column", 22), ("offset", usize::MAX)];
        let wide: &'static str = Box::leak(" ".repeat(70).into_boxed_str());
        for indent in ["", "    ", "          ", "\t", wide] {
            for depth in [0, 1, 3, 40] {
                for fields in [fields, &fields[..1], &[]] {
                    let (mut one_pass, mut by_member) = (Vec::new(), Vec::new());
                    for (out, fast) in [(&mut one_pass, true), (&mut by_member, false)] {
                        let mut p = Pretty::new(out, indent);
                        for _ in 0..depth {
                            p.begin_array();
                            p.element();
                        }
                        if fast {
                            p.uint_object(fields);
                        } else {
                            p.begin_object();
                            for &(key, n) in fields {
                                p.uint_field(key, n);
                            }
                            p.end_object();
                        }
                        p.element();
                        p.null();
                        for _ in 0..depth {
                            p.end_array();
                        }
                    }
                    assert_eq!(
                        String::from_utf8(one_pass).unwrap(),
                        String::from_utf8(by_member).unwrap(),
                        "{indent:?} {depth}"
                    );
                }
            }
        }
    }

    #[test]
    fn values_are_written_as_serde_json_pretty_prints_them_indented() {
        let deep = (0..40).fold(
            serde_json::json!("𠀋\n\"x\""),
            |v, i| serde_json::json!({ "level": i, "inner": [v, [], {}, null, true], "empty": [] }),
        );
        for value in [
            serde_json::json!({}),
            serde_json::json!([]),
            serde_json::json!(0),
            serde_json::json!(usize::MAX),
            serde_json::json!({ "a": [1, { "b": null }], "c": "line\nbreak", "d": false }),
            serde_json::json!([[[]], [{}], "\u{1}"]),
            deep,
        ] {
            for indent in ["", "    ", "          ", "\t"] {
                let mut got = Vec::new();
                write_value(&mut Pretty::new(&mut got, indent), &value);
                let expected = serde_json::to_string_pretty(&value)
                    .unwrap()
                    .replace('\n', &format!("\n{indent}"));
                assert_eq!(String::from_utf8(got).unwrap(), expected);
            }
        }
    }
}
