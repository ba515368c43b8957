//! Editorial completions of a name in brackets: `Gromyko [Andrei]`, a
//! surname completed with the person's given names, taken into the
//! mention; and the brackets right after a mention that glosses use too.

use super::*;

/// Whether `current` is the whole content of a bracket that opens right
/// after `previous`: `Filippov [Stalin]`, `Gromyko [Andrei]`.
pub(super) fn bracketed_right_after(text: &str, previous: &Mention, current: &Mention) -> bool {
    // The one-byte test first: most mentions are in no bracket.
    if !text[current.span.end..].starts_with(']') {
        return false;
    }
    let between = text
        .get(previous.span.end..current.span.start)
        .unwrap_or("");
    between.trim_start().starts_with('[') && between.trim() == "["
}

/// `Gromyko [Andrei]`: a surname completed in brackets with the person's
/// given name(s). The bracket is part of that name: the mention before it
/// takes it in, and no second person (Ștefan Andrei) is named there. A
/// bracket naming someone else (a gloss, `Filippov [Stalin]`) stays.
pub(crate) fn absorb_given_name_completions(
    persons: &[Person],
    given_names: &GivenNamesTable,
    text: &str,
    mentions: &mut Vec<Mention>,
) {
    if mentions.is_empty() {
        return;
    }
    // Kept mentions are compacted to the front (`kept` is the last of
    // them): removing each absorbed one moved the whole tail, quadratic on
    // one big document (94 M instructions on a 10 MB file).
    let mut kept = 0;
    for i in 1..mentions.len() {
        let (previous, current) = (&mentions[kept], &mentions[i]);
        let completes = bracketed_right_after(text, previous, current)
            && !current
                .candidates
                .iter()
                .any(|c| previous.candidates.iter().any(|p| p.person == c.person))
            && previous.candidates.iter().any(|candidate| {
                given_names
                    .of(persons, candidate.person)
                    .is_some_and(|names| names.hold_all(&text[current.span.clone()]))
            });
        if completes {
            let end = current.span.end + ']'.len_utf8();
            take_in_bracket(&mut mentions[kept], end);
        } else {
            kept += 1;
            // Most mentions absorb none: then each is in its place, and a
            // swap with itself would still copy it three times.
            if kept != i {
                mentions.swap(kept, i);
            }
        }
    }
    mentions.truncate(kept + 1);
    absorb_given_names_in_plain_brackets(persons, given_names, text, mentions);
}

/// `Rusk [Dean]`, `Gromyko [Andrei] and …`: a surname completed in brackets
/// with given names that are no mention of their own (a lone "Andrei" with
/// no title is not taken for Ștefan Andrei), so the pass above finds no
/// mention in the bracket to take in. Only the person's own given names
/// qualify; the candidates they fit are kept, the others dropped.
pub(super) fn absorb_given_names_in_plain_brackets(
    persons: &[Person],
    given_names: &GivenNamesTable,
    text: &str,
    mentions: &mut [Mention],
) {
    for i in 0..mentions.len() {
        // A full name ("Zhou Enlai", "Zhou [Enlai]") is complete already.
        if mentions[i].form != MentionForm::Surname {
            continue;
        }
        let Some(content) = bracket_opening_at(text, mentions[i].span.end) else {
            continue;
        };
        // A mention inside the bracket: a gloss, or taken in above.
        if mentions
            .get(i + 1)
            .is_some_and(|next| next.span.start < content.end)
        {
            continue;
        }
        let written = &text[content.clone()];
        let fits = |candidate: &Candidate| {
            given_names
                .of(persons, candidate.person)
                .is_some_and(|names| names.hold_all(written))
        };
        let mention = &mut mentions[i];
        // Most surnames name one person: kept if the bracket fits them,
        // with nothing to drop.
        if let [only] = &mention.candidates[..] {
            if fits(only) {
                take_in_bracket(mention, content.end + ']'.len_utf8());
            }
            continue;
        }
        // Asked once per candidate: `retain` would ask again.
        let fitting: SmallVec<[bool; 4]> = mention.candidates.iter().map(fits).collect();
        if !fitting.contains(&true) {
            continue;
        }
        let mut fit = fitting.iter();
        mention
            .candidates
            .retain(|_| fit.next().copied().unwrap_or(false));
        take_in_bracket(mention, content.end + ']'.len_utf8());
    }
}

/// Widens `mention` to the bracket completing it, which ends at `end`: a
/// surname so completed is a full name.
pub(super) fn take_in_bracket(mention: &mut Mention, end: usize) {
    mention.span.end = end;
    if mention.form == MentionForm::Surname {
        mention.form = MentionForm::FullName;
    }
}

/// The content of a one-line `[…]` holding no other bracket that opens at
/// `at`, after spaces or tabs.
pub(super) fn bracket_opening_at(text: &str, at: usize) -> Option<Range<usize>> {
    let rest = text.get(at..)?.as_bytes();
    // Spaces and tabs are single bytes: stepped over as bytes.
    let gap = rest
        .iter()
        .position(|&b| b != b' ' && b != b'\t')
        .unwrap_or(rest.len());
    if rest.get(gap) != Some(&b'[') {
        return None;
    }
    let start = at + gap + 1;
    // The four are ASCII: a byte search finds what `str::find` does, at a
    // fraction of its cost per byte.
    let length = text.as_bytes()[start..]
        .iter()
        .position(|&b| matches!(b, b'[' | b']' | b'\n' | b'\r'))?;
    (length > 0 && text[start + length..].starts_with(']')).then_some(start..start + length)
}

/// A person's given names, in the canonical name and the full variants,
/// folded to ASCII where they fold and in lower case: looked through for
/// each bracket after a name, where reading every variant again cost
/// 9 K instructions a generated cable.
#[derive(Clone, Debug)]
pub(crate) struct GivenNames(Box<[Box<str>]>);

/// Each person's [`GivenNames`], made the first time a bracket after their
/// name is looked at: making them all cost every run with O rules 1.25 M
/// instructions at start-up.
#[derive(Clone, Debug, Default)]
pub(crate) struct GivenNamesTable(OnceLock<Box<[OnceLock<GivenNames>]>>);

impl GivenNamesTable {
    pub(super) fn of<'t>(&'t self, persons: &[Person], person: usize) -> Option<&'t GivenNames> {
        let slots = self
            .0
            .get_or_init(|| persons.iter().map(|_| OnceLock::new()).collect());
        let slot = slots.get(person)?;
        Some(slot.get_or_init(|| GivenNames::of(&persons[person])))
    }
}

impl GivenNames {
    pub(crate) fn of(person: &Person) -> GivenNames {
        let canonical = person.name.given.iter().flat_map(|g| g.split_whitespace());
        let mut folded: Vec<Box<str>> = Vec::new();
        let mut add = |word: &str| {
            let word: Box<str> = fold_to_ascii(word).to_lowercase().into();
            if !folded.contains(&word) {
                folded.push(word);
            }
        };
        canonical.for_each(&mut add);
        for variant in &person.variants {
            if let (VariantKind::Full, Some(family)) = (variant.kind, &variant.family) {
                let without_family = variant.text.replacen(&**family, " ", 1);
                without_family.split_whitespace().for_each(&mut add);
            }
        }
        GivenNames(folded.into())
    }

    /// Whether every word of `words` is one of these names (ignoring case
    /// and diacritics), the first written with a capital.
    pub(super) fn hold_all(&self, words: &str) -> bool {
        // Given names are capitalised: most brackets after a name ("[sic]",
        // "[of March]", "[…]") are ruled out by their first letter. Most
        // brackets start with it, an ASCII capital, tested as a byte.
        let starts_with_capital = match words.as_bytes().first() {
            Some(&b) if b.is_ascii_graphic() => b.is_ascii_uppercase(),
            _ => words.trim_start().starts_with(char::is_uppercase),
        };
        if !starts_with_capital {
            return false;
        }
        if words.is_ascii() {
            every_ascii_word(words.as_bytes(), |word| self.hold_ascii(word))
        } else {
            words.split_whitespace().all(|word| self.hold(word))
        }
    }

    pub(super) fn hold(&self, word: &str) -> bool {
        if word.is_ascii() {
            return self.hold_ascii(word.as_bytes());
        }
        // Stored folded and in lower case: a word that folds to ASCII
        // (most, "Mieczysław" too) is compared without allocating.
        let mut buffer = [0u8; 64];
        if let Some(folded) = fold_to_ascii_into(word, &mut buffer).filter(|f| f.is_ascii()) {
            return self.hold_ascii(folded);
        }
        let folded = fold_to_ascii(word).to_lowercase();
        self.0.iter().any(|given| **given == *folded)
    }

    /// [`GivenNames::hold`] of an ASCII word. The names are in lower case
    /// (no ASCII capital: `to_lowercase` makes none), so only the word's
    /// letters are lowered to compare them ignoring ASCII case.
    pub(super) fn hold_ascii(&self, word: &[u8]) -> bool {
        self.0.iter().any(|given| {
            given.len() == word.len()
                && given
                    .bytes()
                    .zip(word)
                    .all(|(g, &w)| g == w.to_ascii_lowercase())
        })
    }
}

/// Whether `test` holds for every word of `bytes` split at ASCII white
/// space, as `str::split_ascii_whitespace` splits (a loop over the bytes:
/// this runs at each bracket after a name).
#[inline]
pub(super) fn every_ascii_word(bytes: &[u8], mut test: impl FnMut(&[u8]) -> bool) -> bool {
    let mut at = 0;
    loop {
        while at < bytes.len() && bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if at == bytes.len() {
            return true;
        }
        let start = at;
        while at < bytes.len() && !bytes[at].is_ascii_whitespace() {
            at += 1;
        }
        if !test(&bytes[start..at]) {
            return false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_by_bytes_are_those_split_ascii_whitespace_finds() {
        for text in [
            "",
            " ",
            "Dean",
            " Dean",
            "Dean ",
            "Stepan V.",
            "Andrei\tAndreyevich",
            "a  b\n\rc\x0Cd",
            "\t\t",
            "Pak Hon Yong ",
            "x y z w",
        ] {
            let mut found = Vec::new();
            let all = every_ascii_word(text.as_bytes(), |word| {
                found.push(word.to_vec());
                true
            });
            let expected: Vec<Vec<u8>> = text
                .split_ascii_whitespace()
                .map(|w| w.as_bytes().to_vec())
                .collect();
            assert!(all);
            assert_eq!(found, expected, "{text:?}");
            // The first word a test turns down ends the walk.
            let mut seen = 0;
            let none = every_ascii_word(text.as_bytes(), |_| {
                seen += 1;
                false
            });
            assert_eq!(
                (none, seen),
                (expected.is_empty(), usize::from(!expected.is_empty()))
            );
        }
    }
}
