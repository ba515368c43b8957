//! Offsets in the decoded text mapped back to the file's bytes.

/// Maps offsets in the decoded text back to the file's bytes: the BOM is
/// counted, and each invalid UTF-8 sequence (one U+FFFD, 3 bytes, in the
/// decoded text) is counted at its real length.
pub struct OffsetMap {
    bom: usize,
    /// (decoded offset, file offset) at the edges of each replacement.
    anchors: Vec<(usize, usize)>,
}

impl OffsetMap {
    pub fn new(raw: &[u8], has_bom: bool) -> OffsetMap {
        let mut anchors = Vec::new();
        if std::str::from_utf8(raw).is_err() {
            let (mut decoded, mut file) = (0, 0);
            for chunk in raw.utf8_chunks() {
                decoded += chunk.valid().len();
                file += chunk.valid().len();
                if !chunk.invalid().is_empty() {
                    anchors.push((decoded, file));
                    decoded += char::REPLACEMENT_CHARACTER.len_utf8();
                    file += chunk.invalid().len();
                    anchors.push((decoded, file));
                }
            }
        }
        OffsetMap {
            bom: if has_bom { 3 } else { 0 },
            anchors,
        }
    }

    /// [`OffsetMap::new`] for bytes already known to be valid UTF-8, without
    /// validating them again: only the BOM shifts offsets.
    pub fn for_valid_utf8(has_bom: bool) -> OffsetMap {
        OffsetMap {
            bom: if has_bom { 3 } else { 0 },
            anchors: Vec::new(),
        }
    }

    pub fn file_offset(&self, text_offset: usize) -> usize {
        let decoded = text_offset + self.bom;
        match self.anchors.iter().rev().find(|(d, _)| *d <= decoded) {
            Some((d, f)) => f + (decoded - d),
            None => decoded,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_count_the_bom_and_invalid_bytes_at_their_real_length() {
        let map = OffsetMap::new("\u{FEFF}ab".as_bytes(), true);
        assert_eq!(map.file_offset(1), 4);
        // Each of 0xFF and 0xFE is an invalid sequence of its own: two U+FFFD.
        let raw = b"a\xff\xfeb";
        let decoded = String::from_utf8_lossy(raw);
        let map = OffsetMap::new(raw, false);
        let b = decoded.find('b').unwrap();
        assert_eq!(map.file_offset(b), 3);
        assert_eq!(map.file_offset(1), 1);
        assert_eq!(map.file_offset(4), 2);
    }

    #[test]
    fn valid_text_maps_as_the_validating_constructor_maps_it() {
        for (raw, bom) in [
            ("\u{FEFF}发往 𠀋\r\nx", true),
            ("plain [x]\n", false),
            ("", false),
        ] {
            let (checked, known) = (
                OffsetMap::new(raw.as_bytes(), bom),
                OffsetMap::for_valid_utf8(bom),
            );
            for offset in 0..=raw.len() {
                assert_eq!(
                    checked.file_offset(offset),
                    known.file_offset(offset),
                    "{raw:?} {offset}"
                );
            }
        }
    }
}
