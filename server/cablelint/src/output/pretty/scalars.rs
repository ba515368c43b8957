//! Strings and numbers written as serde_json writes them, straight into
//! the piece's buffer.

/// `text` as a JSON string, escaped exactly as serde_json escapes it: `"`
/// and `\` with a backslash, the control characters below U+0020 as `\b`,
/// `\t`, `\n`, `\f`, `\r` or `\u00xx` (lowercase hex); everything else,
/// DEL and non-ASCII included, as it is.
pub fn write_string(out: &mut Vec<u8>, text: &str) {
    out.reserve(text.len() + 2);
    out.push(b'"');
    write_escaped(out, text);
    out.push(b'"');
}

/// `text` escaped as in [`write_string`], without the quotes: for a string
/// written in pieces.
pub fn write_escaped(out: &mut Vec<u8>, text: &str) {
    let bytes = text.as_bytes();
    let clean = clean_prefix(bytes);
    if clean == bytes.len() {
        out.extend_from_slice(bytes);
        return;
    }
    out.extend_from_slice(&bytes[..clean]);
    let mut run_start = clean;
    for (i, &byte) in bytes.iter().enumerate().skip(clean) {
        let escape = ESCAPE[usize::from(byte)];
        if escape == 0 {
            continue;
        }
        out.extend_from_slice(&bytes[run_start..i]);
        run_start = i + 1;
        if escape == b'u' {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.extend_from_slice(&[
                b'\\',
                b'u',
                b'0',
                b'0',
                HEX[usize::from(byte >> 4)],
                HEX[usize::from(byte & 0xF)],
            ]);
        } else {
            out.extend_from_slice(&[b'\\', escape]);
        }
    }
    out.extend_from_slice(&bytes[run_start..]);
}

/// `n` in decimal, as `itoa` writes it. Below 10^8 (every line, column and
/// offset short of a 100 MB file) the digits are written two at a time
/// from a table, each number in one or two copies of constant size:
/// `itoa` and then a copy of its few bytes, of variable size, cost a call
/// to `memcpy` a number (the JSON output writes about ten a diagnostic),
/// and a digit at a time, or all eight at once in a `u64`, cost as much.
#[inline(always)]
pub fn write_uint(out: &mut Vec<u8>, n: usize) {
    if n < 10_000 {
        write_below_10_000(out, n);
    } else if n < 100_000_000 {
        write_below_10_000(out, n / 10_000);
        let low = n % 10_000;
        let ([a, b], [c, d]) = (digit_pair(low / 100), digit_pair(low % 100));
        out.extend_from_slice(&[a, b, c, d]);
    } else {
        out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
    }
}

/// [`write_uint`] for `n` below 10,000.
#[inline(always)]
fn write_below_10_000(out: &mut Vec<u8>, n: usize) {
    if n < 10 {
        out.push(b'0' + n as u8);
    } else if n < 100 {
        out.extend_from_slice(&digit_pair(n));
    } else {
        let [c, d] = digit_pair(n % 100);
        let high = n / 100;
        if high < 10 {
            out.extend_from_slice(&[b'0' + high as u8, c, d]);
        } else {
            let [a, b] = digit_pair(high);
            out.extend_from_slice(&[a, b, c, d]);
        }
    }
}

/// The two digits of `n` (below 100), a leading zero included.
#[inline]
fn digit_pair(n: usize) -> [u8; 2] {
    const PAIRS: &[u8; 200] = b"\
        0001020304050607080910111213141516171819\
        2021222324252627282930313233343536373839\
        4041424344454647484950515253545556575859\
        6061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899";
    let i = 2 * (n % 100);
    [PAIRS[i], PAIRS[i + 1]]
}

/// A string known to need no escape (a rule's code or name, a severity):
/// written without looking at its bytes. The tests check every such
/// string [`write_string`] would have written the same. (Inline: adding a
/// method elsewhere in `output` once moved it out of line, and the JSON
/// output cost ~100 instructions more a generated cable.)
#[inline]
pub fn write_plain_string(out: &mut Vec<u8>, text: &str) {
    debug_assert_eq!(clean_prefix(text.as_bytes()), text.len(), "{text:?}");
    out.reserve(text.len() + 2);
    out.push(b'"');
    out.extend_from_slice(text.as_bytes());
    out.push(b'"');
}

/// How many bytes from the start need no escape, give or take a chunk:
/// all of them (`bytes.len()`) or fewer, from where the escaping loop
/// must look byte by byte. Most strings need no escape: they are checked
/// 16 bytes at a time (a fold without early exit vectorises), and the
/// last bytes as the last 16, overlapping the chunk before, rather than
/// one by one; strings under 16 bytes are checked as a padded copy.
fn clean_prefix(bytes: &[u8]) -> usize {
    let dirty = |chunk: &[u8]| chunk.iter().fold(false, |any, &b| any | needs_escape(b));
    if bytes.len() < 16 {
        let mut padded = [b' '; 16];
        padded[..bytes.len()].copy_from_slice(bytes);
        return if dirty(&padded) { 0 } else { bytes.len() };
    }
    let mut clean = 0;
    for chunk in bytes.chunks_exact(16) {
        if dirty(chunk) {
            return clean;
        }
        clean += 16;
    }
    if dirty(&bytes[bytes.len() - 16..]) {
        return clean;
    }
    bytes.len()
}

/// Whether [`ESCAPE`] has an escape for `byte`, as arithmetic.
fn needs_escape(byte: u8) -> bool {
    byte < 0x20 || byte == b'"' || byte == b'\\'
}

/// For each byte: 0 if it stands for itself, else the letter after the
/// backslash (`u` for `\u00xx`).
pub(super) static ESCAPE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = b'u';
        byte += 1;
    }
    table[0x08] = b'b';
    table[0x09] = b't';
    table[0x0A] = b'n';
    table[0x0C] = b'f';
    table[0x0D] = b'r';
    table[b'"' as usize] = b'"';
    table[b'\\' as usize] = b'\\';
    table
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_as_itoa_writes_them() {
        let mut values: Vec<usize> = (0..200_000).collect();
        values.extend((0..100_000_000).step_by(9_973));
        values.extend((0..100).map(|i| 99_999_950 + i));
        for power in (1..19).map(|p| 10usize.pow(p)) {
            values.extend([power - 1, power, power + 1, power.saturating_mul(3) + 7]);
        }
        values.extend([99_999_999, 100_000_000, 123_456_789, usize::MAX]);
        for n in values {
            let mut out = b"x".to_vec();
            write_uint(&mut out, n);
            assert_eq!(out, format!("x{n}").as_bytes(), "{n}");
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let every_ascii: String = (0u8..=0x7F).map(char::from).collect();
        for text in [
            "",
            "plain",
            "姬鹏飞 𠀋 \u{FEFF}\u{FFFD}\u{2028}\u{2029}\u{85}",
            "\"quoted\" \\back\\slash\\ \\\"",
            "\u{0}\u{1}\u{8}\u{9}\u{a}\u{b}\u{c}\u{d}\u{1b}\u{1f}\u{7f} end",
            "\r\n\t𠀋\"\\",
            &every_ascii,
            &"0123456789abcdef".repeat(3),
            &format!("{}\"", "0123456789abcdef".repeat(2)),
            &format!("{}\u{1f}{}\\", "姬鹏飞𠀋".repeat(5), "x".repeat(15)),
        ] {
            let mut got = Vec::new();
            write_string(&mut got, text);
            assert_eq!(
                String::from_utf8(got).unwrap(),
                serde_json::to_string(text).unwrap()
            );
        }
    }

    /// Every char class at every place of strings around the chunk
    /// sizes: escaped as serde_json escapes it (the oracle).
    #[test]
    fn every_char_class_is_escaped_as_serde_json_escapes_it_anywhere() {
        let classes = [
            "a",
            "\u{0}",
            "\u{8}",
            "\t",
            "\n",
            "\u{b}",
            "\u{c}",
            "\r",
            "\u{1b}",
            "\u{1f}",
            " ",
            "\"",
            "\\",
            "/",
            "\u{7f}",
            "\u{80}",
            "é",
            "\u{7ff}",
            "姬",
            "\u{2028}",
            "\u{2029}",
            "\u{FEFF}",
            "\u{FFFD}",
            "𠀋",
            "\u{10FFFF}",
        ];
        // Text decoded from invalid UTF-8 holds U+FFFD where bytes were.
        let replaced = String::from_utf8_lossy(b"in\xffva\xc3lid \xf0\x9f end").into_owned();
        for class in classes.iter().copied().chain([replaced.as_str()]) {
            for len in [0, 1, 14, 15, 16, 17, 31, 32, 33, 47, 50] {
                for at in [0, len / 2, len] {
                    let text = format!("{}{class}{}", "x".repeat(at), "y".repeat(len - at));
                    let mut got = Vec::new();
                    write_string(&mut got, &text);
                    assert_eq!(
                        String::from_utf8(got).unwrap(),
                        serde_json::to_string(&text).unwrap(),
                        "{text:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn the_escape_table_and_the_arithmetic_agree() {
        for byte in 0..=u8::MAX {
            assert_eq!(needs_escape(byte), ESCAPE[usize::from(byte)] != 0, "{byte}");
        }
    }
}
