//! Guessing a file's profile from its content, when neither a directive nor the
//! configuration names one. The guess is reported, never silent.

use super::{ProfileSet, GENERIC};

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

pub fn detect_profile(text: &str, profiles: &ProfileSet) -> (String, Detection) {
    let head = &text[..super::super::text::floor_char_boundary(text, HEAD)];
    let tail_start = super::super::text::floor_char_boundary(
        text,
        text.len().saturating_sub(TAIL).max(head.len()),
    );
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
    fn a_single_marker_is_not_enough() {
        let (id, how) = detect_profile(
            "Letter to the Department of State\n",
            &ProfileSet::builtin(),
        );
        assert_eq!((id.as_str(), how), (GENERIC, Detection::Fallback));
    }
}
