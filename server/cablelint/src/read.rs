//! Reading a file to check with as few system calls as the kernel allows:
//! one `open`, one `statx` (its size serves the size limit and the buffer's
//! capacity), one `read` for a regular file that holds what `statx` said,
//! one `close`. `std::fs::metadata` and `std::fs::read` took two `statx`
//! and two `read` (the second to see the end) per file.

use std::cell::Cell;
use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

thread_local! {
    /// The buffer of a file this thread is done with, holding its bytes:
    /// the next file is read into it. A new buffer is zero-filled before
    /// the read (safe code cannot read into uninitialised memory), which
    /// cost about as much as the rest of reading; a reused one is filled
    /// only past the last file's length.
    static SPARE: Cell<Vec<u8>> = const { Cell::new(Vec::new()) };
}

/// Larger buffers are freed, not kept: a thread holds at most this much.
const MAX_SPARE: usize = 1 << 20;

/// Gives a file's buffer (its bytes, or its decoded text's) back to this
/// thread for the next [`Opened::read_all`]; the longer of it and the
/// spare already held is kept.
pub fn recycle(bytes: Vec<u8>) {
    if bytes.capacity() > MAX_SPARE {
        return;
    }
    SPARE.with(|spare| {
        let held = spare.take();
        spare.set(if held.len() >= bytes.len() {
            held
        } else {
            bytes
        });
    });
}

/// An open file and its size as `statx` saw it.
pub struct Opened {
    file: File,
    size: u64,
    regular: bool,
}

impl Opened {
    pub fn open(path: &Path) -> io::Result<Opened> {
        let file = File::open(path)?;
        let metadata = file.metadata()?;
        Ok(Opened {
            file,
            size: metadata.len(),
            regular: metadata.is_file(),
        })
    }

    pub fn size(&self) -> u64 {
        self.size
    }

    /// The whole file, in one buffer allocated once. The buffer has one
    /// byte more than the size: a regular file whose read stops short of
    /// it with exactly the size read is at its end (it would have filled
    /// the spare byte had it grown), so no read is spent on seeing that.
    /// Anything else (a file that grew or reads short, a pipe, `/proc`) is
    /// read until a read returns nothing.
    pub fn read_all(mut self) -> io::Result<Vec<u8>> {
        let expected = usize::try_from(self.size).unwrap_or(usize::MAX);
        if expected > MAX_SPARE {
            return self.read_big(expected);
        }
        let first = if expected == 0 {
            SIZELESS_BUFFER
        } else {
            expected.saturating_add(1)
        };
        let mut bytes = SPARE.with(Cell::take);
        grow_to(&mut bytes, first)?;
        let mut filled = 0;
        loop {
            if filled == bytes.len() {
                grow_to(&mut bytes, filled.saturating_mul(2))?;
            }
            match self.file.read(&mut bytes[filled..]) {
                Ok(0) => break,
                Ok(n) => {
                    filled += n;
                    if self.regular && filled == expected && filled < bytes.len() {
                        break;
                    }
                }
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        bytes.truncate(filled);
        Ok(bytes)
    }
}

impl Opened {
    /// A file too big for its buffer to be kept for the next one: read by
    /// std's `read_to_end`, which fills the buffer's spare capacity without
    /// zero-filling it first (a zero-filled 50 MB file cost a memset of
    /// 50 MB, one instruction a byte, before the read). It costs one more
    /// `statx` and a read at the end, nothing beside the file's size.
    fn read_big(mut self, expected: usize) -> io::Result<Vec<u8>> {
        let mut bytes = Vec::new();
        bytes
            .try_reserve_exact(expected.saturating_add(1))
            .map_err(|_| out_of_memory())?;
        self.file.read_to_end(&mut bytes)?;
        Ok(bytes)
    }
}

fn out_of_memory() -> io::Error {
    io::Error::new(
        io::ErrorKind::OutOfMemory,
        "the file does not fit in memory",
    )
}

/// The bytes as a `String` if they are UTF-8, else the bytes back. What
/// `String::from_utf8` does, validated with SIMD (`simdutf8`): std's
/// validator cost about 0.5 instructions a byte, a tenth of the CLI's
/// cost outside the rules.
pub fn into_string(bytes: Vec<u8>) -> Result<String, Vec<u8>> {
    if simdutf8::basic::from_utf8(&bytes).is_err() {
        return Err(bytes);
    }
    // SAFETY: `simdutf8` has just validated every byte as UTF-8 (its
    // `basic` API fails exactly where `std::str::from_utf8` does; the
    // tests below hold the two to the same answer).
    Ok(unsafe { String::from_utf8_unchecked(bytes) })
}

/// What a file that says it is empty (a pipe, a `/proc` file) is read into
/// first; it doubles as it fills.
const SIZELESS_BUFFER: usize = 8 * 1024;

/// Makes `bytes` `len` long, zero-filling what it adds (a longer buffer is
/// cut), or fails as `std::fs::read` does when the memory cannot be had (a
/// file too large for it is an error, not an abort).
fn grow_to(bytes: &mut Vec<u8>, len: usize) -> io::Result<()> {
    if len <= bytes.len() {
        bytes.truncate(len);
        return Ok(());
    }
    bytes
        .try_reserve_exact(len - bytes.len())
        .map_err(|_| out_of_memory())?;
    bytes.resize(len, 0);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(path: &Path) -> Vec<u8> {
        Opened::open(path).unwrap().read_all().unwrap()
    }

    #[test]
    fn reads_files_whole_whatever_their_size_and_content() {
        let dir = tempfile::tempdir().unwrap();
        for content in [
            Vec::new(),
            b"x".to_vec(),
            "\u{FEFF}姬鹏飞 𠀋\r\n".as_bytes().to_vec(),
            b"\xff\xfe invalid \x80".to_vec(),
            "[𠀋] ".repeat(100_000).into_bytes(),
            // Over `MAX_SPARE`: read by `read_big`.
            "[𠀋] 姬鹏飞\r\n".repeat(MAX_SPARE / 10).into_bytes(),
        ] {
            let path = dir.path().join("a.cable");
            std::fs::write(&path, &content).unwrap();
            let opened = Opened::open(&path).unwrap();
            assert_eq!(opened.size(), content.len() as u64);
            assert_eq!(opened.read_all().unwrap(), content);
        }
    }

    /// `/proc` files say they are empty and are not; a file that grew after
    /// `statx` is read to its new end.
    #[test]
    fn files_larger_than_their_size_are_read_to_the_end() {
        #[cfg(target_os = "linux")]
        {
            let status = read(Path::new("/proc/self/status"));
            assert!(status.starts_with(b"Name:"), "{status:?}");
            assert!(status.ends_with(b"\n"));
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("grows.cable");
        std::fs::write(&path, "short").unwrap();
        let opened = Opened::open(&path).unwrap();
        let longer = "longer text 𠀋 ".repeat(1000);
        std::fs::write(&path, &longer).unwrap();
        assert_eq!(opened.read_all().unwrap(), longer.as_bytes());
        // The same for a file big enough for `read_big`.
        std::fs::write(&path, "x".repeat(MAX_SPARE + 1)).unwrap();
        let opened = Opened::open(&path).unwrap();
        let longer = "longer text 𠀋 ".repeat(MAX_SPARE / 10);
        std::fs::write(&path, &longer).unwrap();
        assert_eq!(opened.read_all().unwrap(), longer.as_bytes());
    }

    /// Files read one after another into the buffers of those before
    /// (longer, shorter, empty) hold their own bytes only.
    #[test]
    fn a_recycled_buffer_holds_only_the_next_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.cable");
        for content in [
            "[𠀋] long file ".repeat(500),
            "short 姬鹏飞\r\n".to_owned(),
            String::new(),
            "x".to_owned(),
            "\u{FEFF}medium ".repeat(40),
            "[𠀋] longer file still ".repeat(600),
        ] {
            std::fs::write(&path, &content).unwrap();
            let bytes = read(&path);
            assert_eq!(bytes, content.as_bytes());
            recycle(bytes);
        }
        // A buffer over the limit is not kept: the smaller spare stays.
        recycle(vec![b'z'; MAX_SPARE + 1]);
        std::fs::write(&path, "y").unwrap();
        assert_eq!(read(&path), b"y");
    }

    /// Valid text (ASCII, CJK, astral, BOM, CRLF; lengths around the
    /// SIMD block sizes) converts unchanged; any invalid byte anywhere
    /// (truncated sequences, surrogates, overlongs, stray continuation
    /// bytes) gives the bytes back, as `String::from_utf8` does.
    #[test]
    fn into_string_agrees_with_std_on_valid_and_invalid_bytes() {
        let mut cases: Vec<Vec<u8>> = vec![
            Vec::new(),
            b"ASCII only\r\n".to_vec(),
            "\u{FEFF}姬鹏飞 [𠀋] 外交部\r\n".as_bytes().to_vec(),
            b"\xff".to_vec(),
            b"\xed\xa0\x80 surrogate".to_vec(),
            b"\xc0\xaf overlong".to_vec(),
            b"\xf4\x90\x80\x80 past U+10FFFF".to_vec(),
            b"stray \x80 continuation".to_vec(),
            "truncated 𠀋".as_bytes()[..13].to_vec(),
        ];
        for len in [15, 16, 31, 32, 33, 63, 64, 65, 127, 128, 129, 1000] {
            let ascii = "a".repeat(len).into_bytes();
            let mixed: Vec<u8> = "x姬𠀋".repeat(len).into_bytes();
            for base in [ascii, mixed] {
                cases.push(base.clone());
                // An invalid byte at the start, in the middle, at the end,
                // and a sequence cut by the end.
                for at in [0, base.len() / 2, base.len() - 1] {
                    let mut bad = base.clone();
                    bad[at] = 0xFF;
                    cases.push(bad);
                }
                let mut cut = base.clone();
                cut.extend_from_slice(&"𠀋".as_bytes()[..3]);
                cases.push(cut);
            }
        }
        for bytes in cases {
            let expected = String::from_utf8(bytes.clone()).map_err(|e| e.into_bytes());
            assert_eq!(into_string(bytes.clone()), expected, "{bytes:?}");
        }
    }

    #[test]
    fn a_buffer_that_cannot_be_had_is_an_error() {
        let mut bytes = Vec::new();
        let err = grow_to(&mut bytes, usize::MAX).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::OutOfMemory);
        grow_to(&mut bytes, 3).unwrap();
        assert_eq!(bytes, [0, 0, 0]);
    }

    #[test]
    fn a_missing_file_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let err = Opened::open(&dir.path().join("missing.cable"))
            .err()
            .unwrap();
        assert_eq!(err.kind(), io::ErrorKind::NotFound);
    }
}
