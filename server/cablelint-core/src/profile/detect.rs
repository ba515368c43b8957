//! Guessing a file's profile from its content, when neither a directive nor the
//! configuration names one. The guess is reported, never silent.

use super::{Profile, ProfileSet, GENERIC};
use aho_corasick::{AhoCorasick, Input, MatchKind};
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
            Detection::Detected { markers } => format!("detected from {}", markers.join(", ")),
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

/// Every profile's markers in one Aho-Corasick automaton, so detection reads
/// the head and tail once instead of once per marker.
#[derive(Debug)]
pub(crate) struct MarkerIndex {
    automaton: AhoCorasick,
    /// For each profile (in set order), the automaton's pattern of each of
    /// its markers; a marker shared by two profiles is one pattern.
    patterns: Vec<Vec<usize>>,
    texts: Vec<String>,
    /// For each byte, the non-empty markers (indices into `texts`) that
    /// start with it: a hit is checked against those alone.
    by_first_byte: Vec<Vec<usize>>,
}

impl MarkerIndex {
    pub(crate) fn new(profiles: &[Arc<Profile>]) -> MarkerIndex {
        let mut unique: HashMap<&str, usize> = HashMap::new();
        let mut texts: Vec<&str> = Vec::new();
        let patterns = profiles
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
        // the automaton it would match everywhere and hide the others.
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(texts.iter().filter(|t| !t.is_empty()))
            .expect("profile markers are plain strings of bounded size");
        let mut by_first_byte = vec![Vec::new(); 256];
        for (i, text) in texts.iter().enumerate() {
            if let Some(&first) = text.as_bytes().first() {
                by_first_byte[usize::from(first)].push(i);
            }
        }
        MarkerIndex {
            automaton,
            patterns,
            texts: texts.into_iter().map(str::to_owned).collect(),
            by_first_byte,
        }
    }

    /// Which patterns occur anywhere in `haystacks`. Markers overlap ("Telegram
    /// From the Department of State" holds two), so the search resumes one byte
    /// after each start, and every marker is tried where one begins: the
    /// non-overlapping search keeps its fast prefilter, which an overlapping
    /// one would lose, and hits are rare.
    fn found(&self, haystacks: [&str; 2]) -> Vec<bool> {
        let mut found: Vec<bool> = self.texts.iter().map(String::is_empty).collect();
        for haystack in haystacks {
            let bytes = haystack.as_bytes();
            let mut at = 0;
            while let Some(hit) = self.automaton.find(Input::new(bytes).span(at..bytes.len())) {
                let rest = &bytes[hit.start()..];
                // Only markers with the hit's first byte can start here (an
                // empty marker was found from the outset).
                for &i in &self.by_first_byte[usize::from(rest[0])] {
                    found[i] |= rest.starts_with(self.texts[i].as_bytes());
                }
                at = hit.start() + 1;
            }
        }
        found
    }
}

pub fn detect_profile(text: &str, profiles: &ProfileSet) -> (String, Detection) {
    let head = &text[..super::super::text::floor_char_boundary(text, HEAD)];
    let tail_start = super::super::text::floor_char_boundary(
        text,
        text.len().saturating_sub(TAIL).max(head.len()),
    );
    let tail = &text[tail_start..];
    let index = profiles.marker_index();
    let found = index.found([head, tail]);
    let mut best: Option<(&str, Vec<String>)> = None;
    for (profile, patterns) in profiles.iter().zip(&index.patterns) {
        let count = patterns.iter().filter(|&&p| found[p]).count();
        if count >= MIN_MARKERS && best.as_ref().is_none_or(|(_, b)| count > b.len()) {
            let markers = profile
                .detect
                .markers
                .iter()
                .zip(patterns)
                .filter(|(_, &p)| found[p])
                .map(|(m, _)| m.clone())
                .collect();
            best = Some((&profile.id, markers));
        }
    }
    match best {
        Some((id, markers)) => (id.to_owned(), Detection::Detected { markers }),
        None => (GENERIC.to_owned(), Detection::Fallback),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_single_marker_is_not_enough() {
        let (id, how) = detect_profile(
            "Letter to the Department of State\n",
            &ProfileSet::builtin(),
        );
        assert_eq!((id.as_str(), how), (GENERIC, Detection::Fallback));
    }
}
