//! Guessing a file's profile from its content, when neither a directive nor the
//! configuration names one. The guess is reported, never silent.

use super::marker_keys::KeyedMarkers;
use super::{Profile, ProfileSet};
use aho_corasick::{packed, AhoCorasick, Input, MatchKind};
use std::collections::HashMap;
use std::sync::Arc;

/// How the profile of a document was chosen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Detection {
    /// `% cablelint: profile = …` in the file.
    Directive,
    /// `cablelint.toml` (or the client's settings) named it.
    Configured,
    /// Detected from these markers found in the text.
    Detected { markers: Vec<String> },
    /// Nothing pointed anywhere: the generic profile.
    Fallback,
}

impl Detection {
    pub fn describe(&self) -> String {
        match self {
            Detection::Directive => "named by a directive in the file".to_owned(),
            Detection::Configured => "named by the configuration".to_owned(),
            Detection::Detected { markers } => {
                // Written into one buffer of the right size: the JSON output
                // asks for this text once per file.
                const HEAD: &str = "detected from ";
                let len = markers.iter().map(|m| m.len() + 2).sum::<usize>();
                let mut text = String::with_capacity(HEAD.len() + len);
                text.push_str(HEAD);
                for (i, marker) in markers.iter().enumerate() {
                    if i > 0 {
                        text.push_str(", ");
                    }
                    text.push_str(marker);
                }
                text
            }
            Detection::Fallback => "no collection recognised".to_owned(),
        }
    }
}

/// Only the head and tail of a file carry form headers and citations; a
/// bounded window keeps detection cheap on huge files.
const HEAD: usize = 16 * 1024;
const TAIL: usize = 4 * 1024;
/// One marker can be a coincidence ("Department of State" in a Polish
/// report); two make a collection.
const MIN_MARKERS: usize = 2;

/// Every profile's markers in one search, so detection reads the head and
/// tail once instead of once per marker.
#[derive(Debug)]
pub(crate) struct MarkerIndex {
    /// Finds the markers by a rare pair of bytes each, where every marker
    /// has one (the built-ins do): a cheaper scan than the anchors' search.
    keyed: Option<KeyedMarkers>,
    /// Finds the markers' anchors (see [`anchor_offset`]); `None` when no
    /// marker has any.
    search: Option<AnchorSearch>,
    /// For each profile (in set order), the index in `texts` of each of its
    /// markers; a marker shared by two profiles is one text.
    patterns: Vec<Vec<usize>>,
    texts: Vec<String>,
    /// For each byte, the non-empty markers (indices into `texts`) whose
    /// anchor starts with it, with the anchor's offset in the marker: a hit
    /// is checked against those alone.
    by_anchor_byte: Vec<Vec<(usize, usize)>>,
    /// With at most 64 marker texts, which markers are found is one word;
    /// see [`FoundWord`].
    word: Option<FoundWord>,
}

/// The markers found, as one bit per marker text: no list to allocate per
/// document, and a profile whose markers are all different counts its own
/// with one `count_ones`.
#[derive(Debug)]
struct FoundWord {
    /// The empty markers' bits: an empty marker is in every text.
    empty: u64,
    /// For each profile, the bits of its markers; `None` for a profile that
    /// lists a marker twice (it counts twice, as in the list), which is
    /// counted marker by marker.
    profiles: Vec<Option<u64>>,
}

impl FoundWord {
    fn new(texts: &[&str], patterns: &[Vec<usize>]) -> Option<FoundWord> {
        if texts.len() > 64 {
            return None;
        }
        let bit = |i: usize| 1u64 << i;
        let empty = (0..texts.len())
            .filter(|&i| texts[i].is_empty())
            .fold(0, |word, i| word | bit(i));
        let profiles = patterns
            .iter()
            .map(|markers| {
                let word = markers.iter().fold(0, |word, &m| word | bit(m));
                (word.count_ones() as usize == markers.len()).then_some(word)
            })
            .collect();
        Some(FoundWord { empty, profiles })
    }
}

/// The search for anchors: the packed (Teddy) searcher where the machine
/// has one, otherwise an Aho-Corasick automaton.
#[derive(Debug)]
enum AnchorSearch {
    Packed(packed::Searcher),
    Automaton(AhoCorasick),
}

impl AnchorSearch {
    fn new(anchors: &[&[u8]]) -> AnchorSearch {
        let packed = packed::Config::new()
            .match_kind(packed::MatchKind::LeftmostFirst)
            .builder()
            .extend(anchors)
            .build();
        match packed {
            Some(searcher) => AnchorSearch::Packed(searcher),
            None => AnchorSearch::Automaton(
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostFirst)
                    .build(anchors)
                    .expect("profile markers are plain strings of bounded size"),
            ),
        }
    }

    /// Where the leftmost anchor at or after `at` starts.
    fn next_start(&self, bytes: &[u8], at: usize) -> Option<usize> {
        match self {
            AnchorSearch::Packed(searcher) => searcher
                .find_in(bytes, aho_corasick::Span::from(at..bytes.len()))
                .map(|hit| hit.start()),
            AnchorSearch::Automaton(automaton) => automaton
                .find(Input::new(bytes).span(at..bytes.len()))
                .map(|hit| hit.start()),
        }
    }
}

/// Where a marker's anchor starts: the search looks for the marker from its
/// four bytes least common in running text (`Secretary of State` rather than
/// `to the `), which the packed search passes over with far fewer false
/// starts; each hit is checked against the whole marker.
fn anchor_offset(marker: &[u8]) -> usize {
    // Lower-case letters and spaces fill prose; capitals, digits,
    // punctuation and other scripts are rarer.
    let weight = |b: &u8| match b {
        b'a'..=b'z' => 4,
        b' ' => 5,
        _ => 1,
    };
    let windows = marker.len().saturating_sub(3).max(1);
    (0..windows)
        .min_by_key(|&o| marker[o..].iter().take(4).map(weight).sum::<u32>())
        .unwrap_or(0)
}

impl MarkerIndex {
    pub(crate) fn new(profiles: &[Arc<Profile>]) -> MarkerIndex {
        Self::build(profiles, true)
    }

    /// The index, with the keyed search when `keyed` allows it (the tests
    /// build both).
    fn build(profiles: &[Arc<Profile>], keyed: bool) -> MarkerIndex {
        let mut unique: HashMap<&str, usize> = HashMap::new();
        let mut texts: Vec<&str> = Vec::new();
        let patterns: Vec<Vec<usize>> = profiles
            .iter()
            .map(|profile| {
                profile
                    .detect
                    .markers
                    .iter()
                    .map(|marker| {
                        *unique.entry(marker.as_str()).or_insert_with(|| {
                            texts.push(marker.as_str());
                            texts.len() - 1
                        })
                    })
                    .collect()
            })
            .collect();
        // An empty marker is in every text (as `str::contains` has it); in
        // the search it would match everywhere and hide the others.
        let mut by_anchor_byte = vec![Vec::new(); 256];
        let mut anchors: Vec<&[u8]> = Vec::new();
        for (i, text) in texts.iter().enumerate() {
            let bytes = text.as_bytes();
            if bytes.is_empty() {
                continue;
            }
            let offset = anchor_offset(bytes);
            by_anchor_byte[usize::from(bytes[offset])].push((i, offset));
            if !anchors.contains(&&bytes[offset..]) {
                anchors.push(&bytes[offset..]);
            }
        }
        MarkerIndex {
            keyed: if keyed {
                KeyedMarkers::new(&texts)
            } else {
                None
            },
            search: (!anchors.is_empty()).then(|| AnchorSearch::new(&anchors)),
            word: FoundWord::new(&texts, &patterns),
            patterns,
            texts: texts.into_iter().map(str::to_owned).collect(),
            by_anchor_byte,
        }
    }

    /// Which markers occur anywhere in `haystacks`. Markers overlap ("Telegram
    /// From the Department of State" holds two), so the search resumes one byte
    /// after each start, and every marker whose anchor could start there is
    /// tried: the non-overlapping search keeps its fast prefilter, which an
    /// overlapping one would lose, and hits are rare.
    fn found(&self, haystacks: [&str; 2]) -> Vec<bool> {
        let mut found: Vec<bool> = self.texts.iter().map(String::is_empty).collect();
        self.mark_found(haystacks, |i| found[i] = true);
        found
    }

    /// Calls `mark` with the index of each non-empty marker found in
    /// `haystacks` (once or more).
    fn mark_found(&self, haystacks: [&str; 2], mut mark: impl FnMut(usize)) {
        if let Some(keyed) = self.keyed.as_ref().filter(|_| KeyedMarkers::scans_fast()) {
            for haystack in haystacks {
                keyed.mark_found(&self.texts, haystack.as_bytes(), &mut mark);
            }
            return;
        }
        let Some(search) = &self.search else {
            return;
        };
        for haystack in haystacks {
            let bytes = haystack.as_bytes();
            let mut at = 0;
            while let Some(start) = search.next_start(bytes, at) {
                for &(i, offset) in &self.by_anchor_byte[usize::from(bytes[start])] {
                    if start
                        .checked_sub(offset)
                        .is_some_and(|from| bytes[from..].starts_with(self.texts[i].as_bytes()))
                    {
                        mark(i);
                    }
                }
                at = start + 1;
            }
        }
    }

    /// The first profile (by index) with the most markers found, at least
    /// [`MIN_MARKERS`], and which marker texts were found.
    fn best(&self, haystacks: [&str; 2]) -> Option<(usize, Found)> {
        let found = match &self.word {
            Some(word) => {
                let mut bits = word.empty;
                self.mark_found(haystacks, |i| bits |= 1 << i);
                Found::Word(bits)
            }
            None => Found::List(self.found(haystacks)),
        };
        let mut best: Option<(usize, usize)> = None;
        for (p, patterns) in self.patterns.iter().enumerate() {
            let count = match (&found, self.word.as_ref().and_then(|w| w.profiles[p])) {
                (Found::Word(bits), Some(mine)) => (bits & mine).count_ones() as usize,
                _ => patterns.iter().filter(|&&m| found.has(m)).count(),
            };
            if count >= MIN_MARKERS && best.is_none_or(|(_, most)| count > most) {
                best = Some((p, count));
            }
        }
        best.map(|(p, _)| (p, found))
    }
}

/// Which marker texts were found: one bit each, or a list for more than 64.
enum Found {
    Word(u64),
    List(Vec<bool>),
}

impl Found {
    fn has(&self, marker: usize) -> bool {
        match self {
            Found::Word(bits) => bits >> marker & 1 == 1,
            Found::List(list) => list[marker],
        }
    }
}

pub fn detect_profile(text: &str, profiles: &ProfileSet) -> (String, Detection) {
    let (profile, how) = detect_shared(text, profiles);
    (profile.id.clone(), how)
}

/// [`detect_profile`] with the chosen profile itself (the generic one when
/// nothing is recognised), shared rather than named: the parse needs the
/// profile, and copying its id to look it up again cost a string and a
/// search of the set.
pub(crate) fn detect_shared<'s>(
    text: &str,
    profiles: &'s ProfileSet,
) -> (&'s Arc<Profile>, Detection) {
    let head = &text[..super::super::text::floor_char_boundary(text, HEAD)];
    let tail_start = super::super::text::floor_char_boundary(
        text,
        text.len().saturating_sub(TAIL).max(head.len()),
    );
    let tail = &text[tail_start..];
    let index = profiles.marker_index();
    // The first profile with the most markers (at least two) wins; only its
    // markers are copied out.
    let Some((p, found)) = index.best([head, tail]) else {
        return (profiles.generic_shared(), Detection::Fallback);
    };
    let profile = &profiles.profiles[p];
    let markers = profile
        .detect
        .markers
        .iter()
        .zip(&index.patterns[p])
        .filter(|(_, &m)| found.has(m))
        .map(|(marker, _)| marker.clone())
        .collect();
    (profile, Detection::Detected { markers })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::profile::GENERIC;

    #[test]
    fn chinese_form_header_selects_the_prc_profile() {
        let (id, how) = detect_profile(
            "发往:乌鲁木齐\n等级:平    外发e508\n",
            &ProfileSet::builtin(),
        );
        assert_eq!(id, "prc-mfa-cable");
        assert!(matches!(how, Detection::Detected { markers } if markers.len() == 3));
    }

    #[test]
    fn words_about_the_state_department_do_not_make_a_frus_telegram() {
        // A Romanian telegram from Washington, as in the real corpus.
        let (id, _) = detect_profile(
            "To: Comrade Nicolae Ghenea,\n\nHyland said that the Department of State would respond. If the message were relayed to the Department of State, the Secretary of State would see it.\n",
            &ProfileSet::builtin(),
        );
        assert_eq!(id, GENERIC);
    }

    #[test]
    fn frus_heads_and_prc_telegram_forms_are_recognised() {
        let set = ProfileSet::builtin();
        for (text, expected) in [
            ("22. Telegram From the Embassy in the Soviet Union to the Department of State\n\nMoscow, February 4, 1961, 5 p.m.\n", "frus-telegram"),
            ("724.3415/4185: Telegram\n\nThe Secretary of State to the Ambassador in Chile (Sevier)\n", "frus-telegram"),
            ("Outgoing Telegram of Foreign Ministry\nApproved by: Ji Pengfei\nForeign Ministry Outgoing (64) January No.879\n", "prc-mfa-cable"),
            ("Dispatched from Havana on 11.21.1962 at 2:00\nCame to the Decoding Department at 11.21 at 16:00\n", "polish-ciphergram"),
        ] {
            assert_eq!(detect_profile(text, &set).0, expected, "{text}");
        }
    }

    #[test]
    fn overlapping_markers_both_count() {
        // "Telegram From the" and "From the Department of State" share words.
        let (id, how) = detect_profile(
            "Telegram From the Department of State to the Embassy in Poland\n",
            &ProfileSet::builtin(),
        );
        assert_eq!(id, "frus-telegram");
        assert_eq!(
            how,
            Detection::Detected {
                markers: vec![
                    "Telegram From the".to_owned(),
                    "From the Department of State".to_owned()
                ]
            }
        );
    }

    #[test]
    fn an_empty_marker_in_a_user_profile_matches_without_a_panic() {
        let mut set = ProfileSet::builtin();
        let mut profile = set.get(GENERIC).unwrap().clone();
        profile.id = "empty-markers".to_owned();
        profile.detect.markers = vec![String::new(), "Dispatch".to_owned()];
        set.insert(profile);
        // The empty marker is in every text, as `str::contains` has it.
        assert_eq!(detect_profile("Dispatch", &set).0, "empty-markers");
        assert_eq!(detect_profile("no such word", &set).0, GENERIC);
    }

    /// What the search must find: each marker by `str::contains`.
    fn found_by_contains(index: &MarkerIndex, haystacks: [&str; 2]) -> Vec<bool> {
        index
            .texts
            .iter()
            .map(|t| haystacks.iter().any(|h| h.contains(t.as_str())))
            .collect()
    }

    /// Texts made of marker pieces, overlapping markers, CJK, astral
    /// characters, CRLF and a BOM, and every corpus document.
    fn oracle_texts(markers: &[String]) -> Vec<String> {
        let mut rng = crate::test_random::Rng(0x9E37_79B9_7F4A_7C15);
        let filler = [
            " ",
            "\r\n",
            "\n",
            "𠀋",
            "发往:",
            "ШИФР",
            "\u{feff}",
            "the ",
            "to the ",
            "Foreign ",
            "[",
            "]",
            ": ",
            "Tel",
            "Teleg",
            "Ministry ",
            "No.",
            "x",
            " No.",
            "Secretary",
        ];
        let mut texts: Vec<String> = crate::test_corpus::documents()
            .into_iter()
            .map(|(_, text)| text)
            .collect();
        for _ in 0..400 {
            let mut text = String::new();
            for _ in 0..rng.below(40) {
                if rng.below(3) == 0 && !markers.is_empty() {
                    let marker = &markers[rng.below(markers.len())];
                    // A whole marker or a cut one (on a character boundary).
                    let cut = crate::text::floor_char_boundary(marker, rng.below(marker.len() + 1));
                    let from = crate::text::floor_char_boundary(marker, rng.below(cut + 1));
                    text.push_str(match rng.below(3) {
                        0 => marker,
                        1 => &marker[..cut],
                        _ => &marker[from..],
                    });
                } else {
                    text.push_str(filler[rng.below(filler.len())]);
                }
            }
            texts.push(text);
        }
        texts
    }

    /// Both searches (by keys where the markers have them, by anchors)
    /// find what `str::contains` finds.
    fn assert_search_finds_what_contains_finds(set: &ProfileSet) {
        let keyed = set.marker_index();
        assert!(
            keyed.keyed.is_some(),
            "these markers all have a rare pair of bytes"
        );
        let anchored = MarkerIndex::build(&set.profiles, false);
        for text in oracle_texts(&keyed.texts) {
            // The whole text, and a head and tail cut as detection cuts them.
            let cut = crate::text::floor_char_boundary(&text, text.len() / 2);
            for haystacks in [[text.as_str(), ""], [&text[..cut], &text[cut..]]] {
                let expected = found_by_contains(keyed, haystacks);
                assert_eq!(keyed.found(haystacks), expected, "{haystacks:?}");
                assert_eq!(anchored.found(haystacks), expected, "{haystacks:?}");
            }
        }
    }

    #[test]
    fn the_anchored_search_finds_every_builtin_marker_that_contains_finds() {
        assert_search_finds_what_contains_finds(&ProfileSet::builtin());
    }

    #[test]
    fn many_and_short_user_markers_are_found_as_contains_finds_them() {
        // Short markers, shared anchors, and more than a packed searcher
        // takes (the automaton serves).
        for count in [3, 40, 300] {
            let mut set = ProfileSet::builtin();
            let mut profile = set.get(GENERIC).unwrap().clone();
            profile.id = format!("many-{count}");
            profile.detect.markers = (0..count)
                .map(|i| match i % 5 {
                    0 => format!("Marker {i}"),
                    1 => format!("发往{i}𠀋"),
                    2 => format!("{i}"),
                    3 => "x No.".to_owned(),
                    _ => format!("Z{}", "q".repeat(i % 7)),
                })
                .collect();
            set.insert(profile);
            assert_search_finds_what_contains_finds(&set);
        }
    }

    /// Detection as first written: every marker by `str::contains` on the
    /// head and tail, each better profile's markers collected as it is met.
    fn detect_profile_oracle(text: &str, profiles: &ProfileSet) -> (String, Detection) {
        let head = &text[..crate::text::floor_char_boundary(text, HEAD)];
        let tail_start =
            crate::text::floor_char_boundary(text, text.len().saturating_sub(TAIL).max(head.len()));
        let tail = &text[tail_start..];
        let mut best: Option<(&str, Vec<String>)> = None;
        for profile in profiles.iter() {
            let markers: Vec<String> = profile
                .detect
                .markers
                .iter()
                .filter(|m| head.contains(m.as_str()) || tail.contains(m.as_str()))
                .cloned()
                .collect();
            if markers.len() >= MIN_MARKERS
                && best.as_ref().is_none_or(|(_, b)| markers.len() > b.len())
            {
                best = Some((&profile.id, markers));
            }
        }
        match best {
            Some((id, markers)) => (id.to_owned(), Detection::Detected { markers }),
            None => (GENERIC.to_owned(), Detection::Fallback),
        }
    }

    #[test]
    fn detection_chooses_as_the_plain_search_chooses() {
        let mut sets = vec![ProfileSet::builtin()];
        // A user profile with many markers, some shared with the built-ins,
        // which ties with and beats them.
        let mut many = ProfileSet::builtin();
        let mut profile = many.get(GENERIC).unwrap().clone();
        profile.id = "many".to_owned();
        profile.detect.markers = (0..70)
            .map(|i| match i % 4 {
                0 => format!("Marker {i}"),
                1 => "[Telegram]".to_owned(),
                2 => "发往".to_owned(),
                _ => "File No.".to_owned(),
            })
            .collect();
        many.insert(profile);
        sets.push(many.clone());
        // A profile that lists a marker twice (counted twice), and one with
        // more than 64 marker texts (found as a list, not a word).
        let mut twice = ProfileSet::builtin();
        let mut profile = twice.get(GENERIC).unwrap().clone();
        profile.id = "twice".to_owned();
        profile.detect.markers = vec!["File No.".to_owned(), "File No.".to_owned()];
        twice.insert(profile);
        sets.push(twice);
        let mut profile = many.get(GENERIC).unwrap().clone();
        profile.id = "over-64".to_owned();
        profile.detect.markers = (0..90)
            .map(|i| match i % 3 {
                0 => format!("Marker {i}"),
                1 => "[Telegram]".to_owned(),
                _ => format!("发往{i}"),
            })
            .collect();
        many.insert(profile);
        assert!(many.marker_index().word.is_none());
        sets.push(many);
        // Markers of lower-case words and spaces only have no rare byte:
        // the anchors' search finds them.
        let mut common = ProfileSet::builtin();
        let mut profile = common.get(GENERIC).unwrap().clone();
        profile.id = "common".to_owned();
        profile.detect.markers = vec![
            "the ".to_owned(),
            "to the ".to_owned(),
            "File No.".to_owned(),
        ];
        common.insert(profile);
        assert!(common.marker_index().keyed.is_none());
        sets.push(common);
        for set in &sets {
            let markers = set.marker_index().texts.clone();
            let mut texts = oracle_texts(&markers);
            // Long texts, so the head and tail windows cut them.
            let long: Vec<String> = texts.iter().take(60).map(|t| t.repeat(40)).collect();
            texts.extend(long);
            for text in &texts {
                assert_eq!(
                    detect_profile(text, set),
                    detect_profile_oracle(text, set),
                    "{text:?}"
                );
                // The shared profile is the one the id names in the set.
                let (id, _) = detect_profile(text, set);
                let named = set.get_shared(&id).unwrap_or(set.generic_shared());
                assert!(Arc::ptr_eq(detect_shared(text, set).0, named), "{text:?}");
            }
        }
    }

    #[test]
    fn descriptions_join_the_markers() {
        for markers in [
            Vec::new(),
            vec!["File No.".to_owned()],
            vec!["[Telegram]".to_owned(), "发往".to_owned(), "𠀋".to_owned()],
        ] {
            let joined = format!("detected from {}", markers.join(", "));
            assert_eq!(Detection::Detected { markers }.describe(), joined);
        }
    }

    #[test]
    fn anchors_avoid_the_commonest_bytes_of_prose() {
        assert_eq!(anchor_offset(b"to the Secretary of State"), 7);
        assert_eq!(anchor_offset(b"File No."), 4);
        assert_eq!(anchor_offset(b"[Telegram]"), 0);
        assert_eq!(anchor_offset(b"ab"), 0);
        assert_eq!(anchor_offset(b""), 0);
    }

    #[test]
    fn a_single_marker_is_not_enough() {
        let (id, how) = detect_profile(
            "Letter to the Department of State\n",
            &ProfileSet::builtin(),
        );
        assert_eq!((id.as_str(), how), (GENERIC, Detection::Fallback));
    }
}
