//! The scanner's table and word-at-a-time shortcuts against their plain
//! versions, over every byte (or pair of bytes) they can meet.

use super::super::engine::{is_word_boundary, is_word_boundary_plain};

#[test]
fn word_boundaries_are_found_by_table_as_by_the_byte_classes() {
    for before in 0..=255u8 {
        for after in 0..=255u8 {
            let bytes = [before, after];
            for at in 0..=2 {
                assert_eq!(
                    is_word_boundary(&bytes, at),
                    is_word_boundary_plain(&bytes, at),
                    "{bytes:?} at {at}"
                );
            }
        }
    }
    assert!(is_word_boundary(b"", 0) == is_word_boundary_plain(b"", 0));
}

#[test]
fn square_brackets_are_found_eight_bytes_at_a_time_as_one_at_a_time() {
    use super::super::read::{has_square_bracket, has_square_bracket_plain};
    // Every byte at every place of a block and of the bytes after it.
    for len in 0..=19 {
        for at in 0..len {
            for b in 0..=255u8 {
                let mut bytes = vec![b'a'; len];
                bytes[at] = b;
                assert_eq!(
                    has_square_bracket(&bytes),
                    has_square_bracket_plain(&bytes),
                    "{bytes:?}"
                );
                // Next to the bytes around a bracket's value.
                bytes.iter_mut().for_each(|x| *x = b ^ 1);
                assert_eq!(has_square_bracket(&bytes), has_square_bracket_plain(&bytes));
            }
        }
    }
}

#[test]
fn only_the_forms_known_to_start_inside_a_number_can() {
    use super::super::candidates::INSIDE_NUMBER;
    use super::super::forms::{AFTER_BOUNDARY, BY_FIRST_BYTE, PATTERNS};
    for digit in b'0'..=b'9' {
        let inside = BY_FIRST_BYTE[usize::from(digit)] & !*AFTER_BOUNDARY;
        let forms: Vec<_> = PATTERNS
            .iter()
            .enumerate()
            .filter(|(i, _)| inside & (1 << i) != 0)
            .map(|(_, p)| p.form)
            .collect();
        assert_eq!(forms, INSIDE_NUMBER, "after {}", char::from(digit));
    }
}
