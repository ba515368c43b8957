//! Pack files: many cache entries in one file, each a self-checking record.
//!
//! ```text
//! pack   = MAGIC record*
//! record = key (32 bytes) | seen (u64 LE, seconds since 1970) | length (u32 LE)
//!          | checksum (32 bytes) | payload (length bytes)
//! ```
//!
//! The checksum is BLAKE3 of the key, `seen`, the length and the payload, so
//! a record whose header or payload is damaged is refused as a whole. A pack
//! is only ever appended to by the run that made it, under a temporary name,
//! and renamed into place whole; a pack cut short (a power cut, a full disk)
//! loses its last records, never reports a wrong one.

use super::key::Key;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, Write};

/// The first bytes of every pack: a file without them is not read. "v2" is
/// the version of this record framing, not of the entries inside
/// ([`super::entry::FORMAT`], which names the cache's subdirectory).
pub const MAGIC: &[u8] = b"cablelint cache pack v2\n";
const HEADER: usize = 32 + 8 + 4 + 32;
/// No entry is this large (a file's diagnostics are capped); a length above
/// it is damage, and the rest of the pack cannot be trusted to line up.
pub const MAX_PAYLOAD: u32 = 256 << 20;

/// Where a record sits in its pack, as the pack's header says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub key: Key,
    pub seen: u64,
    /// Offset of the record (its header) in the pack.
    pub at: u64,
    pub len: u32,
}

impl Found {
    /// The bytes the record takes, header included.
    pub fn size(&self) -> u64 {
        HEADER as u64 + u64::from(self.len)
    }
}

/// One record's bytes.
#[cfg(test)]
pub fn record(key: &Key, seen: u64, payload: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(HEADER + payload.len());
    write_record(&mut bytes, key, seen, payload).expect("a Vec takes any bytes");
    bytes
}

/// Writes one record: its header (checksum included), then the payload,
/// straight from the caller's buffer.
pub fn write_record(out: &mut impl Write, key: &Key, seen: u64, payload: &[u8]) -> io::Result<()> {
    let len = u32::try_from(payload.len()).unwrap_or(u32::MAX);
    let mut header = [0; HEADER];
    header[..32].copy_from_slice(key.as_bytes());
    header[32..40].copy_from_slice(&seen.to_le_bytes());
    header[40..44].copy_from_slice(&len.to_le_bytes());
    let checksum = checksum(&header[..44], payload);
    header[44..].copy_from_slice(checksum.as_bytes());
    out.write_all(&header)?;
    out.write_all(payload)
}

fn checksum(head: &[u8], payload: &[u8]) -> blake3::Hash {
    let mut hasher = blake3::Hasher::new();
    hasher.update(head).update(payload);
    hasher.finalize()
}

/// The records of a pack, as their headers place them; checksums are checked
/// when a record is read. Stops at the first header that does not fit in
/// the file. A file that is not a pack has no records.
pub fn scan(file: &File) -> io::Result<Vec<Found>> {
    let size = file.metadata()?.len();
    let mut reader = BufReader::with_capacity(64 * 1024, file);
    reader.rewind()?;
    let mut magic = [0; MAGIC.len()];
    if reader.read_exact(&mut magic).is_err() || magic != MAGIC {
        return Ok(Vec::new());
    }
    let mut found = Vec::new();
    let mut at = MAGIC.len() as u64;
    let mut header = [0; HEADER];
    while at + HEADER as u64 <= size {
        if reader.read_exact(&mut header).is_err() {
            break;
        }
        let (key, seen, len) = parse_header(&header);
        let record = Found { key, seen, at, len };
        if len > MAX_PAYLOAD || at + record.size() > size {
            break;
        }
        found.push(record);
        at += record.size();
        skip(&mut reader, len)?;
    }
    Ok(found)
}

fn parse_header(header: &[u8; HEADER]) -> (Key, u64, u32) {
    let mut key = [0; 32];
    key.copy_from_slice(&header[..32]);
    let mut seen = [0; 8];
    seen.copy_from_slice(&header[32..40]);
    let mut len = [0; 4];
    len.copy_from_slice(&header[40..44]);
    (
        Key::from_bytes(key),
        u64::from_le_bytes(seen),
        u32::from_le_bytes(len),
    )
}

/// Moves past `len` bytes: within the buffer when they are there (no
/// system call), else by seeking.
fn skip(reader: &mut BufReader<&File>, len: u32) -> io::Result<()> {
    let buffered = reader.buffer().len();
    if (len as usize) <= buffered {
        reader.consume(len as usize);
        Ok(())
    } else {
        reader.seek_relative(i64::from(len))
    }
}

/// The payload of a record, if its header still says what `found` says and
/// its checksum holds.
pub fn read(file: &File, found: &Found) -> Option<Vec<u8>> {
    let mut bytes = vec![0; usize::try_from(found.size()).ok()?];
    read_exact_at(file, &mut bytes, found.at).ok()?;
    let (head, rest) = bytes.split_at(HEADER);
    let mut header = [0; HEADER];
    header.copy_from_slice(head);
    let (key, seen, len) = parse_header(&header);
    let sound = key == found.key
        && seen == found.seen
        && len == found.len
        && checksum(&head[..44], rest).as_bytes()[..] == head[44..];
    sound.then(|| bytes.split_off(HEADER))
}

#[cfg(unix)]
fn read_exact_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, buf, at)
}

#[cfg(windows)]
fn read_exact_at(file: &File, mut buf: &mut [u8], mut at: u64) -> io::Result<()> {
    use std::os::windows::fs::FileExt;
    while !buf.is_empty() {
        match file.seek_read(buf, at)? {
            0 => return Err(io::ErrorKind::UnexpectedEof.into()),
            n => {
                buf = &mut buf[n..];
                at += n as u64;
            }
        }
    }
    Ok(())
}

#[cfg(not(any(unix, windows)))]
fn read_exact_at(_: &File, _: &mut [u8], _: u64) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn key(n: u8) -> Key {
        Key::from_bytes([n; 32])
    }

    /// A pack of these (key, payload) records, all seen at time 5.
    fn pack(records: &[(u8, &[u8])]) -> Vec<u8> {
        let mut bytes = MAGIC.to_vec();
        for (n, payload) in records {
            bytes.extend(record(&key(*n), 5, payload));
        }
        bytes
    }

    fn file_of(bytes: &[u8]) -> File {
        let mut file = tempfile::tempfile().unwrap();
        file.write_all(bytes).unwrap();
        file
    }

    const RECORDS: [(u8, &[u8]); 3] = [
        (1, "发往 𠀋 {\"a\":1}".as_bytes()),
        (2, b""),
        (1, b"a later record of key 1"),
    ];

    #[test]
    fn records_are_found_and_read_back() {
        let file = file_of(&pack(&RECORDS));
        let found = scan(&file).unwrap();
        assert_eq!(found.len(), 3);
        for (found, (n, payload)) in found.iter().zip(RECORDS) {
            assert_eq!((found.key, found.seen), (key(n), 5));
            assert_eq!(read(&file, found).as_deref(), Some(payload));
        }
    }

    /// Whatever is cut or flipped, a record read back is one that was
    /// written, under its own key.
    #[test]
    fn a_cut_or_damaged_pack_never_gives_a_wrong_payload() {
        let whole = pack(&RECORDS);
        let sound = |file: &File| {
            for found in scan(file).unwrap() {
                if let Some(payload) = read(file, &found) {
                    assert!(
                        RECORDS
                            .iter()
                            .any(|(n, p)| key(*n) == found.key && *p == payload),
                        "{found:?}"
                    );
                }
            }
        };
        for len in 0..whole.len() {
            let file = file_of(&whole[..len]);
            sound(&file);
            let complete = scan(&file).unwrap().len();
            // Cut inside the last record: the first two are still there.
            if len >= whole.len() - (HEADER + RECORDS[2].1.len()) {
                assert_eq!(complete, 2, "cut at {len}");
            }
        }
        for at in 0..whole.len() {
            let mut bad = whole.clone();
            bad[at] ^= 0x01;
            let file = file_of(&bad);
            sound(&file);
            let readable = scan(&file)
                .unwrap()
                .iter()
                .filter(|f| read(&file, f).is_some())
                .count();
            assert!(readable <= 2, "flipped at {at}");
        }
    }

    #[test]
    fn a_file_that_is_not_a_pack_has_no_records() {
        for bytes in [&b""[..], b"cablelint cache pack v1\n", &[0xFF; 500]] {
            assert_eq!(scan(&file_of(bytes)).unwrap(), []);
        }
        let mut huge = MAGIC.to_vec();
        huge.extend_from_slice(&[7; 40]);
        huge.extend_from_slice(&u32::MAX.to_le_bytes());
        huge.extend_from_slice(&[0; 32]);
        assert_eq!(scan(&file_of(&huge)).unwrap(), []);
    }

    #[test]
    fn a_record_read_through_a_stale_header_is_refused() {
        let file = file_of(&pack(&RECORDS));
        let mut found = scan(&file).unwrap()[0];
        found.seen += 1;
        assert_eq!(read(&file, &found), None);
        found.seen -= 1;
        found.key = key(9);
        assert_eq!(read(&file, &found), None);
    }
}
