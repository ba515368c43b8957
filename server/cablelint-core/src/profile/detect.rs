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
    fn a_single_marker_is_not_enough() {
        let (id, how) = detect_profile(
            "Letter to the Department of State\n",
            &ProfileSet::builtin(),
        );
        assert_eq!((id.as_str(), how), (GENERIC, Detection::Fallback));
    }
}
