//! What is written before a name: a title read back from it ("Vice
//! Minister Ji", "the minister of foreign affairs of the DPRK") and the
//! given names or initials ("Stepan V. Chervonenko"), over the words
//! before it read once.

use super::*;

/// Connectors that join the parts of one title ("Minister of Foreign
/// Affairs", "Ambassador in Great Britain"); others ("and", "to the" of a
/// heading) end it.
#[cfg(test)]
pub(super) const JOINERS: &[&str] = &[
    "of",
    "for",
    "the",
    "in",
    "at",
    "to",
    "on",
    "affairs",
    "affaires",
    "relations",
    "d'affaires",
    "d’affaires",
];

/// Whether the word is one of [`JOINERS`], ignoring ASCII case: compared
/// with the joiners of its length only, as this runs at the word before
/// every name.
pub(super) fn joins_title(word: &Word<'_>) -> bool {
    let Some((lower, n)) = ascii_lowercase::<12>(word.text) else {
        return false;
    };
    matches!(
        &lower[..n],
        b"of"
            | b"for"
            | b"the"
            | b"in"
            | b"at"
            | b"to"
            | b"on"
            | b"affairs"
            | b"affaires"
            | b"relations"
            | b"d'affaires"
            | b"d\xE2\x80\x99affaires"
    )
}

/// Whether a word of class `class` may be one of [`JOINERS`]: each is a
/// connector but "d'affaires", written with either apostrophe, which is
/// an Other (tested).
pub(super) fn may_join_title(word: &Word<'_>, class: WordClass) -> bool {
    class == WordClass::Connector
        || (class == WordClass::Other && matches!(word.text.as_bytes().first(), Some(b'd' | b'D')))
}

/// `text` with its ASCII letters in lower case, on the stack, when it is at
/// most `N` bytes long.
pub(super) fn ascii_lowercase<const N: usize>(text: &str) -> Option<([u8; N], usize)> {
    let mut lower = [0u8; N];
    lower
        .get_mut(..text.len())?
        .copy_from_slice(text.as_bytes());
    lower.make_ascii_lowercase();
    Some((lower, text.len()))
}

/// Whether the word is one of `words` (lowercase), ignoring ASCII case.
pub(super) fn is_one_of(word: &Word<'_>, words: &[&str]) -> bool {
    words.iter().any(|w| word.text.eq_ignore_ascii_case(w))
}

/// Connectors after which a place may follow inside a title ("in Great
/// Britain", "to China", "of the DPRK").
pub(super) fn introduces_place(word: &Word<'_>) -> bool {
    ascii_lowercase::<3>(word.text)
        .is_some_and(|(lower, n)| matches!(&lower[..n], b"of" | b"in" | b"at" | b"to" | b"the"))
}

/// A capitalised word that may qualify a title as a nationality or place:
/// "Soviet", "Polish", "US", "DPRK", "Taiwan’s". A heuristic on the word's
/// shape, because headings in title case ("Opposing the Visit of Prime
/// Minister Sato") must not be swallowed into the title.
pub(super) fn is_nationality_like(word: &Word<'_>) -> bool {
    let bare = word.text.trim_end_matches('.');
    if is_upper_case_letters(bare) {
        return true;
    }
    if !word.is_capitalised() {
        return false;
    }
    // An ASCII word folds to itself: its suffix is compared ignoring case,
    // without a lower-case copy (this runs at each word before a title).
    if bare.is_ascii() {
        let bytes = bare.as_bytes();
        return NATIONALITY_SUFFIXES.iter().any(|suffix| {
            bytes.len() >= suffix.len()
                && bytes[bytes.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
        });
    }
    let lower = fold_to_ascii(bare).to_ascii_lowercase();
    NATIONALITY_SUFFIXES
        .iter()
        .any(|suffix| lower.ends_with(suffix))
}

/// Endings of nationalities and places in a title ("Soviet", "Polish").
const NATIONALITY_SUFFIXES: [&str; 11] = [
    "an", "ese", "ish", "ch", "ic", "et", "i", "'s", "’s", "ean", "ian",
];

/// Whether `bare` has two letters or more and all are capitals ("US",
/// "DPRK", "U.S"), counted without collecting them.
fn is_upper_case_letters(bare: &str) -> bool {
    let mut letters = 0;
    for c in bare.chars().filter(|c| c.is_alphabetic()) {
        if !c.is_uppercase() {
            return false;
        }
        letters += 1;
    }
    letters >= 2
}

/// [`is_nationality_like`] as it was first written (collecting the
/// letters, lowering a copy): the oracle of the tests.
#[cfg(test)]
pub(super) fn is_nationality_like_by_copies(word: &Word<'_>) -> bool {
    let bare = word.text.trim_end_matches('.');
    let letters: String = bare.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.chars().count() >= 2 && letters.chars().all(char::is_uppercase) {
        return true;
    }
    let lower = fold_to_ascii(bare).to_ascii_lowercase();
    word.is_capitalised()
        && [
            "an", "ese", "ish", "ch", "ic", "et", "i", "'s", "’s", "ean", "ian",
        ]
        .iter()
        .any(|suffix| lower.ends_with(suffix))
}

/// The title phrase ending just before `pos` ("Vice Minister", "[Soviet
/// Ambassador]", "the minister of foreign affairs of the DPRK"), not
/// reaching back before `floor`.
///
/// Read backwards from the name: an optional place ("of the DPRK", "in
/// Great Britain"), then the nearest rank or honorific, then qualifiers
/// ("Vice", "Prime", "Foreign") and at most two nationalities ("Soviet").
pub(crate) fn title_before(text: &str, pos: usize, floor: usize) -> Option<Range<usize>> {
    title_in(&mut WordsBefore::new(text, pos, floor))
}

/// [`title_before`] over words already (partly) read.
// Inlined into `examine`, its one caller per hit (a call and a frame
// cost about as much as the common case, one word read).
#[inline]
pub(crate) fn title_in(words: &mut WordsBefore<'_>) -> Option<Range<usize>> {
    title_with_rank_in(words).or_else(|| military_general_in(words))
}

/// "General Taylor": a qualifier inside titles ("Consul General",
/// "Attorney General") is the military rank right before a name, and
/// names no post, as "Marshal" does not.
#[inline]
fn military_general_in(words: &WordsBefore<'_>) -> Option<Range<usize>> {
    let nearest = words.read.first().copied().flatten()?;
    matches!(nearest.text, "General" | "GENERAL").then(|| nearest.start..nearest.end())
}

/// [`title_in`] of a title with a rank or honorific in it.
#[inline]
fn title_with_rank_in(words: &mut WordsBefore<'_>) -> Option<Range<usize>> {
    // words[0] is nearest the name. Find the rank, deciding at the first
    // word in the common case (a word that cannot come between a title and
    // a name).
    let mut rank = None;
    let mut k = 0;
    while let Some(word) = words.get(k) {
        let class = words.class(k);
        // Only a connector or "d'affaires" (an Other) joins a title: the
        // class, needed anyway, spares the test of most words.
        if k == 0 && may_join_title(&word, class) && joins_title(&word) {
            return None;
        }
        match class {
            WordClass::Rank | WordClass::Honorific => {
                rank = Some(k);
                break;
            }
            class if !may_come_between_title_and_name(&word, class) => return None,
            _ => {}
        }
        k += 1;
    }
    let rank = rank?;
    // The classes of the words before the rank were all found above.
    let has_place_word = (0..rank).any(|k| words.class(k) == WordClass::Other);
    if has_place_word && !(0..rank).any(|k| introduces_place(&words.word(k))) {
        return None;
    }
    // Further back: qualifiers, ranks and at most two nationalities, read
    // only as far as they go.
    let mut far = rank;
    let mut nationalities = 0;
    let mut k = rank + 1;
    while let Some(word) = words.get(k) {
        match words.class(k) {
            WordClass::Rank | WordClass::Qualifier | WordClass::Honorific if nationalities == 0 => {
                far = k
            }
            WordClass::Connector
                if nationalities == 0 && !is_one_of(&word, &["to", "in", "at", "on", "and"]) =>
            {
                // Only inside a longer title: "Chairman of the Council of Ministers".
                let mut next = k + 1;
                while words.get(next).is_some() && words.class(next) == WordClass::Connector {
                    next += 1;
                }
                if !(words.get(next).is_some()
                    && matches!(words.class(next), WordClass::Rank | WordClass::Qualifier))
                {
                    break;
                }
            }
            WordClass::Other if nationalities < 2 && is_nationality_like(&word) => {
                nationalities += 1;
                far = k;
            }
            _ => break,
        }
        k += 1;
    }
    Some(words.word(far).start..words.word(0).end())
}

/// The words before a position, nearest first, read on demand: at most
/// [`MAX_TITLE_WORDS`], none before `floor`, and none from before the end
/// of a sentence (a period, unless the word is an abbreviation such as
/// "Comr.", "Cde.", "Mr.", "Amb.", "Dep." or initials).
pub(crate) struct WordsBefore<'t> {
    text: &'t str,
    floor: usize,
    cursor: usize,
    done: bool,
    /// On the stack: this runs for every name. Options, so that making
    /// the array writes no placeholder words (a 256-byte copy per name).
    read: [Option<Word<'t>>; MAX_TITLE_WORDS],
    /// The class of each word read, found when first asked for: many words
    /// read (the one that stops the given names, say) are never classed,
    /// and `Word::class` is the dearest step of reading a word.
    classes: [Option<WordClass>; MAX_TITLE_WORDS],
    count: usize,
}

impl<'t> WordsBefore<'t> {
    // Inlined so that the arrays are built in the caller's frame, not
    // built and then copied (a `memcpy` per name).
    #[inline(always)]
    pub(crate) fn new(text: &'t str, pos: usize, floor: usize) -> Self {
        WordsBefore {
            text,
            floor,
            cursor: pos,
            done: false,
            read: [None; MAX_TITLE_WORDS],
            classes: [None; MAX_TITLE_WORDS],
            count: 0,
        }
    }

    /// The class of the k-th word, which has been read.
    pub(super) fn class(&mut self, k: usize) -> WordClass {
        match self.classes[k] {
            Some(class) => class,
            None => {
                let class = self.word(k).class();
                self.classes[k] = Some(class);
                class
            }
        }
    }

    /// The k-th word, which has been read.
    pub(super) fn word(&self, k: usize) -> Word<'t> {
        self.read[k].expect("a word read")
    }

    /// The k-th word, reading back as far as needed. Inlined: most calls
    /// ask again for a word already read, and a call cost more than that.
    #[inline(always)]
    pub(super) fn get(&mut self, k: usize) -> Option<Word<'t>> {
        if k < self.count {
            return self.read[k];
        }
        self.read_up_to(k)
    }

    /// [`WordsBefore::get`] of a word not read yet. Inlined too: every
    /// name reads at least one word, and the call cost more than the
    /// larger callers (about 160 instructions per document, measured).
    #[inline]
    pub(super) fn read_up_to(&mut self, k: usize) -> Option<Word<'t>> {
        while self.count <= k && !self.done {
            self.read_one();
        }
        self.read.get(k).copied().flatten()
    }

    /// The first `count` words (all read), nearest last: the given names
    /// [`given_word_count`] found.
    pub(crate) fn given_words(&self, count: usize) -> GivenWords<'t> {
        let mut words = GivenWords {
            words: [NO_WORD; MAX_GIVEN_WORDS],
            count,
        };
        for k in 0..count {
            words.words[count - 1 - k] = self.word(k);
        }
        words
    }

    pub(super) fn read_one(&mut self) {
        if self.count >= MAX_TITLE_WORDS {
            self.done = true;
            return;
        }
        let word = word_before(self.text, self.cursor).filter(|w| w.start >= self.floor);
        let Some(word) = word else {
            self.done = true;
            return;
        };
        // Only a word ending in a period needs its class here.
        let mut class = None;
        if word.text.ends_with('.') {
            let known = word.class();
            if known != WordClass::Honorific
                && !word.is_initials()
                && !(matches!(known, WordClass::Rank | WordClass::Qualifier)
                    && crate::title::is_abbreviated_title_word(word.text.trim_end_matches('.')))
            {
                self.done = true;
                return;
            }
            class = Some(known);
        }
        self.cursor = word.start;
        self.read[self.count] = Some(word);
        self.classes[self.count] = class;
        self.count += 1;
    }
}

/// A word that may stand between a rank and the name: a qualifier, a
/// connector or a capitalised place ("Ambassador in Great Britain").
pub(super) fn may_come_between_title_and_name(word: &Word<'_>, class: WordClass) -> bool {
    match class {
        // A word of time comes before the rank ("former Ambassador
        // Yudin"), never after it ("the Minister then Kosygin").
        WordClass::Qualifier => ascii_lowercase::<16>(word.text).is_none_or(|(lower, n)| {
            std::str::from_utf8(&lower[..n])
                .map_or(true, |lower| crate::title::time_of_word(lower).is_none())
        }),
        WordClass::Connector => true,
        WordClass::Other => word.is_capitalised() && !word.is_initials(),
        _ => false,
    }
}

/// The given names or initials before a surname, on the stack: this runs
/// for every name.
pub(crate) struct GivenWords<'t> {
    words: [Word<'t>; MAX_GIVEN_WORDS],
    count: usize,
}

impl<'t> std::ops::Deref for GivenWords<'t> {
    type Target = [Word<'t>];

    fn deref(&self) -> &[Word<'t>] {
        &self.words[..self.count]
    }
}

/// Up to three initials or capitalised words just before a surname,
/// nearest last ("Stepan", "V." for "Stepan V. Chervonenko").
#[cfg(test)]
pub(crate) fn given_words_before(text: &str, pos: usize, floor: usize) -> GivenWords<'_> {
    given_words_in(&mut WordsBefore::new(text, pos, floor))
}

/// [`given_words_before`] from the words before the surname, which
/// [`title_in`] may read on: a word that ends a sentence is never given.
#[cfg(test)]
pub(crate) fn given_words_in<'t>(before: &mut WordsBefore<'t>) -> GivenWords<'t> {
    let count = given_word_count(before);
    before.given_words(count)
}

/// How many of the words before the surname (nearest first) are given
/// names or initials, as [`given_words_in`] finds them: a count, as most
/// names have none, and the words are in `before` already
/// ([`WordsBefore::given_words`] gathers them when there are some).
// Inlined into `examine`, its one caller per hit (a call and a frame
// cost about as much as the common case, one word read).
#[inline]
pub(crate) fn given_word_count(before: &mut WordsBefore<'_>) -> usize {
    let mut count = 0;
    while count < MAX_GIVEN_WORDS {
        let k = count;
        let Some(word) = before.get(k) else {
            break;
        };
        // A word starting in ASCII lower case (most words before a name)
        // is neither initials nor capitalised.
        if word
            .text
            .as_bytes()
            .first()
            .is_some_and(u8::is_ascii_lowercase)
        {
            break;
        }
        let given_like = word.is_initials()
            || (word.is_capitalised()
                && before.class(k) == WordClass::Other
                && !word.text.ends_with('.'));
        if !given_like {
            break;
        }
        count += 1;
    }
    count
}
