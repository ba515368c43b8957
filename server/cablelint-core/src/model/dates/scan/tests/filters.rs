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
    use super::super::pairs::{has_square_bracket, has_square_bracket_plain};
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

#[test]
fn digit_runs_are_counted_eight_bytes_at_a_time_as_one_at_a_time() {
    use super::super::quick::{digit_run, digit_run_plain};
    use crate::test_random::Rng;
    // Bytes near the digits' edges, and others.
    let alphabet = [
        b'/', b'0', b'5', b'9', b':', b' ', b'a', 0x80, 0xB9, 0xE2, 0xFF, 0x00,
    ];
    let mut rng = Rng(0x05EE_DD16);
    for _ in 0..20_000 {
        let bytes = rng.bytes_of(&alphabet, 14);
        let len = bytes.len();
        for at in 0..=len + 1 {
            assert_eq!(
                digit_run(&bytes, at),
                digit_run_plain(&bytes, at),
                "{bytes:?} at {at}"
            );
        }
    }
    for b in 0..=255u8 {
        for at in 0..8 {
            let mut bytes = [b'7'; 9];
            bytes[at] = b;
            assert_eq!(
                digit_run(&bytes, 0),
                digit_run_plain(&bytes, 0),
                "{bytes:?}"
            );
        }
    }
}

#[test]
fn a_form_ruled_out_by_its_number_fails_its_own_test() {
    use super::super::forms::PATTERNS;
    use super::super::quick::{number_class, number_may_start, BY_NUMBER};
    // What may follow the byte after the number: spaces, dashes, months,
    // Roman numerals, numbers, suffixes, Chinese characters, nothing.
    let tails: [&[u8]; 14] = [
        b"",
        b" ",
        b"  -",
        b"-",
        b"\xe2\x80\x93",
        b"XI.62",
        b"/12/1962",
        b"12.62",
        b" June",
        b"of June",
        b"t ",
        b"\xe5\xb9\xb4",
        b"30 p.m.",
        b"0-11",
    ];
    for (i, pattern) in PATTERNS.iter().enumerate() {
        for run in 1..=6 {
            for after in 0..=255u8 {
                let allowed = number_may_start(pattern.form, number_class(run), after);
                assert_eq!(
                    allowed,
                    BY_NUMBER[number_class(run)][usize::from(after)] & (1 << i) != 0
                );
                // A digit after the number would lengthen it.
                if allowed || after.is_ascii_digit() {
                    continue;
                }
                for tail in tails {
                    let mut bytes = vec![b'1'; run];
                    bytes.push(after);
                    bytes.extend_from_slice(tail);
                    assert!(
                        !(pattern.may_start)(&bytes, 0),
                        "{:?} passes its test at {bytes:?}",
                        pattern.form
                    );
                }
                if after == 0 {
                    // The section ends after the number.
                    assert!(
                        !(pattern.may_start)(&vec![b'1'; run], 0),
                        "{:?}",
                        pattern.form
                    );
                }
            }
        }
    }
}

#[test]
fn brackets_nested_deeper_than_kept_in_place_are_paired_as_with_a_list() {
    use super::super::pairs::{trim_brackets, trim_brackets_with_a_list};
    use crate::text::Span;
    for depth in 6..=11 {
        for text in [
            format!("{}28 June{}", "[".repeat(depth), "]".repeat(depth)),
            format!("{}28 June]", "[".repeat(depth)),
            format!("[28] [June] {}1962", "[".repeat(depth)),
        ] {
            let (mut by_place, mut by_list) = (Span::new(0, text.len()), Span::new(0, text.len()));
            assert_eq!(
                (trim_brackets(&text, &mut by_place).to_vec(), by_place),
                (trim_brackets_with_a_list(&text, &mut by_list), by_list),
                "{text:?}"
            );
        }
    }
}

#[test]
fn plain_ascii_is_skipped_sixty_four_bytes_at_a_time_up_to_the_first_stop() {
    use super::super::candidates::skip_plain_ascii;
    // Every byte value at every place of two steps of sixty-four and some,
    // from starts that put the stop in either block of a step.
    for value in 0..=255u8 {
        let stops = !value.is_ascii() || value.is_ascii_digit();
        for at in 0..140 {
            let mut bytes = vec![b'x'; 140];
            bytes[at] = value;
            for start in [0, 1, 31, 33] {
                let expected = if stops && at >= start { at } else { 140 };
                assert_eq!(
                    skip_plain_ascii(&bytes, start, 140),
                    expected,
                    "{value:#x} at {at} from {start}"
                );
            }
        }
    }
}

#[test]
fn of_the_characters_led_by_e2_only_those_the_scanner_decodes_start_a_date() {
    use super::super::candidates::{CIRCLE_SECOND, SYMBOL_LEAD};
    use super::super::forms::starts_chinese_date;
    // U+2000 to U+2FFF: every character whose UTF-8 form starts with E2.
    for c in ('\u{2000}'..='\u{2FFF}').filter(|c| !c.is_ascii()) {
        let mut buffer = [0; 4];
        let bytes = c.encode_utf8(&mut buffer).as_bytes();
        assert_eq!(bytes[0], SYMBOL_LEAD);
        if starts_chinese_date(c) {
            assert_eq!(bytes[1], CIRCLE_SECOND, "{c}");
        }
    }
    assert!(starts_chinese_date('○'));
}
