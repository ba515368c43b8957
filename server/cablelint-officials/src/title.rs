//! Titles as written in cables ("Vice Minister", "Soviet Ambassador",
//! "Comr.") and whether one fits the title of a registry post ("Vice Minister
//! of Foreign Affairs").
//!
//! Titles are compared by meaning, not by string: both sides are reduced to
//! a rank ("minister", "ambassador"…), a vice/first modifier and a domain
//! ("foreign", "defense"…). Nationality words ("Soviet", "Cuban") and
//! connectors are ignored, so "the Korean ambassador" fits "Ambassador to
//! the PRC".

use std::sync::LazyLock;

use crate::codec::{Reader, Writer};
use crate::fold::fold_to_ascii;

/// What one word of a title contributes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum WordClass {
    /// Minister, ambassador, president… (the head noun of a title).
    Rank,
    /// Vice, deputy, first, acting, foreign, defense, prime…
    Qualifier,
    /// Comrade, Mr., Dr., Marshal: says a person follows, constrains no post.
    Honorific,
    /// of, the, for, to, affairs… (only inside a title).
    Connector,
    /// Anything else.
    Other,
}

const RANK_WORDS: &[&str] = &[
    "ambassador",
    "ambassadors",
    "amb",
    "minister",
    "ministers",
    "premier",
    "pm",
    "fm",
    "president",
    "chairman",
    "chairwoman",
    "secretary",
    "chancellor",
    "consul",
    "envoy",
    "charge",
    "counsellor",
    "counselor",
    "attache",
    "director",
    "governor",
    "senator",
    "mayor",
    "commissar",
    "representative",
    "delegate",
    "member",
    "leader",
    "king",
    "emperor",
    "undersecretary",
    "commander",
    "attorney",
    // Abbreviations of telegrams and FRUS ([`ABBREVIATED_TITLE_WORDS`]).
    "pres",
    "secy",
    "sec",
    "atty",
    "gov",
    "sen",
    "fonmin",
    "depfonmin",
    "primin",
    "sovamb",
    "fonsec",
];

const QUALIFIER_WORDS: &[&str] = &[
    "vice",
    "deputy",
    "first",
    "second",
    "third",
    "acting",
    // When the title was held, told apart from the document's date
    // ([`TitleTime`]).
    "former",
    "ex",
    "late",
    "onetime",
    "erstwhile",
    "retired",
    "outgoing",
    "future",
    "incoming",
    "designate",
    "elect",
    "then",
    "assistant",
    "under",
    "prime",
    "foreign",
    "external",
    "defense",
    "defence",
    "war",
    "interior",
    "state",
    "trade",
    "finance",
    "national",
    "general",
    "special",
    "extraordinary",
    "plenipotentiary",
    "permanent",
    "executive",
    "party",
    "politburo",
    "cc",
    "dep",
    "depy",
    "asst",
];

const HONORIFIC_WORDS: &[&str] = &[
    "comrade",
    "comr",
    "cde",
    "com",
    "tov",
    "tovarishch",
    "mr",
    "mrs",
    "ms",
    "messrs",
    "dr",
    "sir",
    "lord",
    "lady",
    "baron",
    "count",
    "prince",
    "monsieur",
    "herr",
    "frau",
    "senor",
    "madame",
    "mme",
    "excellency",
    "hon",
    "honorable",
    "honourable",
    "marshal",
    "admiral",
    "colonel",
    "gen",
    "adm",
    "col",
    "citizen",
];

const CONNECTOR_WORDS: &[&str] = &[
    "of",
    "for",
    "the",
    "to",
    "at",
    "in",
    "on",
    "and",
    "d",
    "affaires",
    "affairs",
    "relations",
    "council",
    "ministry",
];

/// The rank and qualifier words above that are abbreviations, with the
/// word each stands for in a title's sense (a compound such as "FonMin"
/// stands for itself and is read whole). Written with a period ("Amb.
/// Thompson", "Dep. FM Kuznetsov"), one does not end a sentence.
const ABBREVIATED_TITLE_WORDS: &[(&str, &str)] = &[
    ("amb", "ambassador"),
    ("pres", "president"),
    ("secy", "secretary"),
    ("sec", "secretary"),
    ("atty", "attorney"),
    ("gov", "governor"),
    ("sen", "senator"),
    ("dep", "deputy"),
    ("depy", "deputy"),
    ("asst", "assistant"),
    ("fonmin", "fonmin"),
    ("depfonmin", "depfonmin"),
    ("primin", "primin"),
    ("sovamb", "sovamb"),
    ("fonsec", "fonsec"),
];

/// Whether a word (its trailing period removed, any ASCII case) is one of
/// [`ABBREVIATED_TITLE_WORDS`].
pub(crate) fn is_abbreviated_title_word(word: &str) -> bool {
    ABBREVIATED_TITLE_WORDS
        .iter()
        .any(|(abbreviation, _)| word.eq_ignore_ascii_case(abbreviation))
}

/// The full word an abbreviated title word stands for in a title's sense
/// ("Secy." is "secretary"); "" for other words. "Gen." is "general" only
/// beside a rank it completes ("Atty. Gen.", "Gen. Secy."); alone it is the
/// military honorific.
fn expanded(words: &[&str], i: usize) -> &'static str {
    fn one(word: &str) -> Option<&'static str> {
        ABBREVIATED_TITLE_WORDS
            .iter()
            .find(|(abbreviation, _)| *abbreviation == word)
            .map(|&(_, full)| full)
    }
    let Some(&word) = words.get(i) else {
        return "";
    };
    if let Some(full) = one(word) {
        return full;
    }
    if word == "gen" {
        let completes = |j: Option<usize>| {
            let neighbour = j.and_then(|j| words.get(j)).copied().unwrap_or("");
            matches!(
                one(neighbour).unwrap_or(neighbour),
                "secretary" | "attorney" | "consul" | "governor"
            )
        };
        if completes(i.checked_sub(1)) || completes(Some(i + 1)) {
            return "general";
        }
    }
    ""
}

/// The longest word in the tables above.
pub(crate) const LONGEST_CLASSIFIED: usize = 16;

/// The title words by first letter and length: classifying a word (done for
/// every word next to every name) compares it with one or two candidates
/// instead of every title word.
/// A title word, its [`pack_lowercase`] key and its class.
type TitleWord = (&'static str, u128, WordClass);

/// Each word is held with its [`pack_lowercase`] key, so that a word is
/// compared with a bucket's words as one integer each.
static WORD_TABLE: LazyLock<Vec<Vec<TitleWord>>> = LazyLock::new(|| {
    let mut table = vec![Vec::new(); 26 * (LONGEST_CLASSIFIED + 1)];
    for (words, class) in [
        (RANK_WORDS, WordClass::Rank),
        (QUALIFIER_WORDS, WordClass::Qualifier),
        (HONORIFIC_WORDS, WordClass::Honorific),
        (CONNECTOR_WORDS, WordClass::Connector),
    ] {
        for &word in words {
            if let Some(slot) = table_slot(word.as_bytes()) {
                let bucket: &mut Vec<TitleWord> = &mut table[slot];
                // The first table a word is in decides, as a match would.
                if !bucket.iter().any(|(w, _, _)| *w == word) {
                    bucket.push((word, pack_lowercase(word.as_bytes()), class));
                }
            }
        }
    }
    table
});

/// Which slots of [`WORD_TABLE`] hold a word, known at compile time: most
/// words next to a name ("said", "Hanoi", "regard") have a first letter and
/// length no title word has, and are classified without the table.
static SLOT_USED: [bool; 26 * (LONGEST_CLASSIFIED + 1)] = slots_of(&[
    RANK_WORDS,
    QUALIFIER_WORDS,
    HONORIFIC_WORDS,
    CONNECTOR_WORDS,
]);

/// The slots (as [`SLOT_USED`]) of rank and qualifier words: a title
/// written after a name starts with one, and most words after a name have
/// a first letter and length none has.
static RANK_OR_QUALIFIER_SLOTS: [bool; 26 * (LONGEST_CLASSIFIED + 1)] =
    slots_of(&[RANK_WORDS, QUALIFIER_WORDS]);

/// Per first two letters (lower case, `aa` to `zz`), the lengths of the
/// title words starting with them, as bits: a finer sieve than the slots
/// (first letter and length), as common words share those with title
/// words ("statement" and "secretary", "support" and "senator").
static TITLE_WORD_LENGTHS: [u32; 26 * 26] = lengths_by_two_letters(&[
    RANK_WORDS,
    QUALIFIER_WORDS,
    HONORIFIC_WORDS,
    CONNECTOR_WORDS,
]);

/// [`TITLE_WORD_LENGTHS`] of the rank and qualifier words.
static RANK_OR_QUALIFIER_LENGTHS: [u32; 26 * 26] =
    lengths_by_two_letters(&[RANK_WORDS, QUALIFIER_WORDS]);

/// The index of a word's first two bytes in [`TITLE_WORD_LENGTHS`] when
/// both are ASCII letters (in any case).
#[inline]
fn two_letters(word: &[u8]) -> Option<usize> {
    let [a, b, ..] = word else {
        return None;
    };
    let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
    (a.is_ascii_lowercase() && b.is_ascii_lowercase())
        .then(|| usize::from(a - b'a') * 26 + usize::from(b - b'a'))
}

/// Whether `lengths` (a table made by [`lengths_by_two_letters`]) rules
/// out `word`: its first two bytes are letters and no word of the lists
/// starts with them and has its length. Words it cannot judge (a letter
/// and a non-letter, one letter) are not ruled out.
#[inline]
fn ruled_out_by_two_letters(lengths: &[u32; 26 * 26], word: &[u8]) -> bool {
    two_letters(word)
        .is_some_and(|i| word.len() > LONGEST_CLASSIFIED || lengths[i] & (1 << word.len()) == 0)
}

const fn lengths_by_two_letters(lists: &[&[&str]]) -> [u32; 26 * 26] {
    let mut lengths = [0u32; 26 * 26];
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            let word = lists[l][i].as_bytes();
            if word.len() >= 2 && word.len() <= LONGEST_CLASSIFIED {
                let (a, b) = (word[0].to_ascii_lowercase(), word[1].to_ascii_lowercase());
                if a.is_ascii_lowercase() && b.is_ascii_lowercase() {
                    lengths[(a - b'a') as usize * 26 + (b - b'a') as usize] |= 1 << word.len();
                }
            }
            i += 1;
        }
        l += 1;
    }
    lengths
}

/// The slots of [`WORD_TABLE`] the words of `lists` fall in.
const fn slots_of(lists: &[&[&str]]) -> [bool; 26 * (LONGEST_CLASSIFIED + 1)] {
    let mut used = [false; 26 * (LONGEST_CLASSIFIED + 1)];
    let mut l = 0;
    while l < lists.len() {
        let mut i = 0;
        while i < lists[l].len() {
            let word = lists[l][i].as_bytes();
            // As `table_slot`.
            let first = word[0].to_ascii_lowercase();
            if first.is_ascii_lowercase() && word.len() <= LONGEST_CLASSIFIED {
                used[(first - b'a') as usize * (LONGEST_CLASSIFIED + 1) + word.len()] = true;
            }
            i += 1;
        }
        l += 1;
    }
    used
}

/// Whether an ASCII word without a hyphen (or trailing period) may be
/// classed [`WordClass::Rank`] or [`WordClass::Qualifier`]: false when no
/// such word has its first letter and length.
#[inline]
pub(crate) fn may_be_rank_or_qualifier(word: &[u8]) -> bool {
    !ruled_out_by_two_letters(&RANK_OR_QUALIFIER_LENGTHS, word)
        && table_slot(word).is_some_and(|slot| RANK_OR_QUALIFIER_SLOTS[slot])
}

/// [`may_be_rank_or_qualifier`] for a word that is not plain ASCII
/// (trailing periods removed), before it is folded: false when folding it
/// cannot make a rank or qualifier word. Folding keeps ASCII bytes and
/// turns every other character into one or two ASCII bytes (or leaves it,
/// and then the word matches no title word): a word without a hyphen of
/// any kind that starts with two ASCII letters folds to a word starting
/// with them, between its count of characters and its count of bytes
/// long. Given names after a surname ("Maneli [Mieczysław]") are ruled
/// out here; folding them cost about 570 instructions a word.
pub(crate) fn may_be_rank_or_qualifier_folded(word: &str) -> bool {
    let bytes = word.as_bytes();
    // Every hyphen that folds to `-` (U+2010 to U+2013) starts with E2.
    let Some(two) = two_letters(bytes).filter(|_| !bytes.iter().any(|&b| b == b'-' || b == 0xE2))
    else {
        return true;
    };
    // Bytes that start a character: not continuation bytes (10xxxxxx).
    let characters = bytes.iter().filter(|&&b| (b as i8) >= -0x40).count();
    let longest = bytes.len().min(LONGEST_CLASSIFIED);
    (characters..=longest).any(|len| RANK_OR_QUALIFIER_LENGTHS[two] & (1 << len) != 0)
}

fn table_slot(word: &[u8]) -> Option<usize> {
    let first = word.first()?.to_ascii_lowercase();
    (first.is_ascii_lowercase() && word.len() <= LONGEST_CLASSIFIED)
        .then(|| usize::from(first - b'a') * (LONGEST_CLASSIFIED + 1) + word.len())
}

/// Classifies a lowercase ASCII-folded word (trailing period removed).
pub(crate) fn classify_word(word: &str) -> WordClass {
    classify_bytes(word.as_bytes())
}

/// [`classify_word`] on bytes, in any ASCII letter case.
pub(crate) fn classify_bytes(word: &[u8]) -> WordClass {
    if word.len() > LONGEST_CLASSIFIED {
        return WordClass::Other;
    }
    classify_packed_as_written(word, pack(word))
}

/// `word` (at most [`LONGEST_CLASSIFIED`] bytes) with its ASCII capitals in
/// lower case, as the bytes of an integer, zero after the word. Two words
/// of one length are equal ignoring ASCII case exactly when their keys are
/// equal (other bytes are kept as they are).
///
/// Built from a few overlapping loads and lowered sixteen bytes at once:
/// this runs for every word next to every name, and copying into an array
/// and lowering it byte by byte cost about a hundred instructions a word.
/// [`pack_lowercase_bytewise`] is the plain version (the test oracle).
#[inline]
pub(crate) fn pack_lowercase(word: &[u8]) -> u128 {
    ascii_lowercase_packed(pack(word))
}

/// `word` (at most sixteen bytes) as the bytes of an integer, zero after
/// it, letters as written. Two loads that may overlap cover every length
/// of a range (a byte loaded twice lands in the same place both times).
#[inline]
pub(crate) fn pack(word: &[u8]) -> u128 {
    let n = word.len();
    debug_assert!(n <= LONGEST_CLASSIFIED);
    match n {
        0 => 0,
        1..=3 => {
            let b = |i: usize| u128::from(word[i]) << (8 * i);
            b(0) | b(n / 2) | b(n - 1)
        }
        4..=7 => {
            let load = |i: usize| {
                let four: [u8; 4] = word[i..i + 4].try_into().expect("four bytes");
                u128::from(u32::from_le_bytes(four)) << (8 * i)
            };
            load(0) | load(n - 4)
        }
        _ => {
            let load = |i: usize| {
                let eight: [u8; 8] = word[i..i + 8].try_into().expect("eight bytes");
                u128::from(u64::from_le_bytes(eight)) << (8 * i)
            };
            load(0) | load(n - 8)
        }
    }
}

/// Each ASCII capital of a packed word in lower case, other bytes kept: per
/// byte, the low seven bits compared with `A` and `Z` by adding to them (no
/// carry leaves a byte), and 0x20 set where the byte is an ASCII capital.
#[inline]
fn ascii_lowercase_packed(x: u128) -> u128 {
    const EACH: u128 = u128::from_le_bytes([0x01; 16]);
    const HIGH: u128 = EACH * 0x80;
    let low = x & !HIGH;
    let from_a = low + EACH * u128::from(0x80 - b'A');
    let past_z = low + EACH * u128::from(0x80 - b'Z' - 1);
    let capital = from_a & !past_z & !x & HIGH;
    x | (capital >> 2)
}

/// [`pack_lowercase`] byte by byte, as it was: the oracle.
#[cfg(test)]
fn pack_lowercase_bytewise(word: &[u8]) -> u128 {
    let mut bytes = [0u8; LONGEST_CLASSIFIED];
    bytes[..word.len()].copy_from_slice(word);
    bytes.make_ascii_lowercase();
    u128::from_le_bytes(bytes)
}

/// [`classify_bytes`] of a word of at most [`LONGEST_CLASSIFIED`] bytes
/// packed as written (`packed` is [`pack`] of it): lowered only when a
/// title word has its first letter and length, which most words next to a
/// name ("said", "Hanoi", "Anatoly") do not.
#[inline]
pub(crate) fn classify_packed_as_written(word: &[u8], packed: u128) -> WordClass {
    match table_slot(word) {
        Some(slot) if SLOT_USED[slot] => {
            let key = ascii_lowercase_packed(packed);
            WORD_TABLE[slot]
                .iter()
                .find(|&&(_, k, _)| k == key)
                .map_or(WordClass::Other, |&(_, _, class)| class)
        }
        _ => WordClass::Other,
    }
}

/// [`classify_bytes`] of an ASCII word without a hyphen, of any length:
/// its first letter and length are looked at first, and it is packed only
/// when a title word has both.
#[inline]
pub(crate) fn classify_plain(word: &[u8]) -> WordClass {
    if ruled_out_by_two_letters(&TITLE_WORD_LENGTHS, word) {
        return WordClass::Other;
    }
    match table_slot(word) {
        Some(slot) if SLOT_USED[slot] => {
            let key = pack_lowercase(word);
            WORD_TABLE[slot]
                .iter()
                .find(|&&(_, k, _)| k == key)
                .map_or(WordClass::Other, |&(_, _, class)| class)
        }
        _ => WordClass::Other,
    }
}

/// [`classify_bytes`] of a word of at most [`LONGEST_CLASSIFIED`] bytes
/// whose [`pack_lowercase`] key is `key`: one integer comparison with each
/// title word of its first letter and length. (The oracle of
/// [`classify_packed_as_written`].)
#[cfg(test)]
pub(crate) fn classify_packed(word: &[u8], key: u128) -> WordClass {
    table_slot(word)
        .filter(|&slot| SLOT_USED[slot])
        .and_then(|slot| WORD_TABLE[slot].iter().find(|&&(_, k, _)| k == key))
        .map_or(WordClass::Other, |&(_, _, class)| class)
}

/// The class [`classify_bytes`] gave before words were packed: the oracle
/// of the packed comparison.
#[cfg(test)]
pub(crate) fn classify_bytes_by_comparison(word: &[u8]) -> WordClass {
    table_slot(word)
        .filter(|&slot| SLOT_USED[slot])
        .and_then(|slot| {
            WORD_TABLE[slot]
                .iter()
                .find(|(w, _, _)| w.as_bytes().eq_ignore_ascii_case(word))
        })
        .map_or(WordClass::Other, |&(_, _, class)| class)
}

/// Ranks a title may name; bit positions in [`TitleSense::ranks`].
const RANKS: &[&str] = &[
    "premier",
    "minister",
    "attorney-general",
    "secretary-general",
    "secretary",
    "consul-general",
    "governor-general",
    "under",
    "ambassador",
    "president",
    "chairman",
    "chancellor",
    "consul",
    "envoy",
    "charge",
    "counsellor",
    "attache",
    "director",
    "governor",
    "senator",
    "mayor",
    "commissar",
    "representative",
    "member",
    "leader",
    "king",
    "emperor",
    "commander",
];

/// Domains a title may name; bit positions in [`TitleSense::domains`].
const DOMAINS: &[&str] = &[
    "foreign", "defense", "interior", "state", "trade", "finance",
];

fn bit(names: &[&str], name: &str) -> u32 {
    debug_assert!(names.contains(&name), "{name} is missing from its table");
    names.iter().position(|n| *n == name).map_or(0, |i| 1 << i)
}

/// The meaning of a title, reduced for comparison: sets of ranks and
/// domains as bits, so that comparing two titles allocates nothing.
///
/// A written title is analysed once per mention (see
/// [`crate::Mention::title_sense`]) and compared with every post of every
/// candidate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TitleSense {
    pub(crate) ranks: u32,
    pub(crate) vice: bool,
    pub(crate) first: bool,
    /// A written "second" or "third" ("Second Secretary"): the post must
    /// not be a first one.
    pub(crate) later: bool,
    pub(crate) domains: u32,
    pub(crate) honorific: bool,
    /// When a written title says the post was held: "former", "future",
    /// "then". Never set for a post's own title.
    pub(crate) when: TitleTime,
    /// A written "acting": someone standing in, usually a deputy ("acting
    /// Foreign Minister Kuznetsov", First Deputy Minister in 1962), so
    /// "vice" need not agree. Never set for a post's own title.
    pub(crate) acting: bool,
}

/// The time a word of a title says its post was held at ("former",
/// "future", "then"; lower-case ASCII), or None for other words.
pub(crate) fn time_of_word(word: &str) -> Option<TitleTime> {
    Some(match word {
        "former" | "ex" | "late" | "onetime" | "erstwhile" | "retired" | "outgoing" => {
            TitleTime::Before
        }
        "future" | "incoming" | "designate" | "elect" => TitleTime::After,
        "then" => TitleTime::Any,
        _ => return None,
    })
}

/// When a written title says its post was held, against the document's
/// date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum TitleTime {
    /// On the date (no word says otherwise).
    #[default]
    OnDate,
    /// Before it or on it: "former", "ex-", "the late", "outgoing".
    Before,
    /// After it or on it: "future", "incoming", "-designate", "-elect".
    After,
    /// At some time: "then" (the time the text speaks of).
    Any,
}

impl TitleSense {
    fn rank(&mut self, rank: &'static str) {
        self.ranks |= bit(RANKS, rank);
    }

    fn domain(&mut self, domain: &'static str) {
        self.domains |= bit(DOMAINS, domain);
    }

    /// Whether the title names a post at all (as opposed to a bare
    /// honorific such as "Comrade"): [`title_has_rank`].
    pub fn has_rank(&self) -> bool {
        self.ranks != 0
    }

    /// Whether this written title fits a post of sense `post`: every rank
    /// and domain written is in the post, "vice" agrees, a written "first"
    /// is in the post, and a written "second" or "third" is not a first
    /// one ("Second Secretary" does not fit "First Secretary").
    fn fits(&self, post: &TitleSense) -> bool {
        self.ranks & !post.ranks == 0
            && (self.vice == post.vice || self.acting)
            && (!self.first || post.first)
            && !(self.later && post.first)
            && self.domains & !post.domains == 0
    }
}

/// The title of a registry post, analysed once (by the matcher, per post)
/// rather than for every mention it is compared with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PostSense {
    whole: TitleSense,
    /// A combined post ("Vice Premier and Minister of Foreign Affairs") is
    /// held under each of its parts, so "Minister of Foreign Affairs" fits
    /// it and "Vice Minister" does not. Empty when the title has one part,
    /// or when a part has no rank of its own ("Minister of Trade and
    /// Industry"), which keeps the title whole.
    parts: Vec<TitleSense>,
}

impl PostSense {
    pub(crate) fn new(post_title: &str) -> PostSense {
        // A post's own "Acting President" is the post; only a written
        // title's "acting" or "former" changes what it fits.
        let of_post = |title: &str| TitleSense {
            when: TitleTime::OnDate,
            acting: false,
            ..analyse(title)
        };
        let parts: Vec<TitleSense> = post_title.split(" and ").map(of_post).collect();
        let combined = parts.len() > 1 && parts.iter().all(TitleSense::has_rank);
        PostSense {
            whole: of_post(post_title),
            parts: if combined { parts } else { Vec::new() },
        }
    }

    /// Writes the sense in the compact form of `codec.rs`.
    // The library only decodes; the build script (and the tests) encode.
    #[cfg_attr(not(test), allow(dead_code))]
    pub(crate) fn encode(&self, out: &mut Writer) {
        encode_sense(&self.whole, out);
        out.usize(self.parts.len());
        for part in &self.parts {
            encode_sense(part, out);
        }
    }

    /// The sense [`PostSense::encode`] wrote.
    pub(crate) fn decode(input: &mut Reader<'_>) -> Option<PostSense> {
        Some(PostSense {
            whole: decode_sense(input)?,
            parts: input.list(decode_sense)?,
        })
    }

    /// Whether a written title (see [`analyse`]) fits this post. A bare
    /// honorific fits every post.
    pub(crate) fn fitted_by(&self, written: &TitleSense) -> bool {
        if !written.has_rank() {
            return written.honorific;
        }
        if self.parts.is_empty() {
            written.fits(&self.whole)
        } else {
            self.parts.iter().any(|part| written.fits(part))
        }
    }
}

#[cfg_attr(not(test), allow(dead_code))]
fn encode_sense(sense: &TitleSense, out: &mut Writer) {
    out.usize(sense.ranks as usize);
    out.usize(sense.domains as usize);
    out.bool(sense.vice);
    out.bool(sense.first);
    out.bool(sense.later);
    out.bool(sense.honorific);
}

fn decode_sense(input: &mut Reader<'_>) -> Option<TitleSense> {
    Some(TitleSense {
        ranks: u32::try_from(input.usize()?).ok()?,
        domains: u32::try_from(input.usize()?).ok()?,
        vice: input.bool()?,
        first: input.bool()?,
        later: input.bool()?,
        honorific: input.bool()?,
        when: TitleTime::OnDate,
        acting: false,
    })
}

/// Titles up to this many bytes are analysed on the stack.
const SHORT_TITLE: usize = 96;
/// The most words of a title analysed on the stack.
const MOST_TITLE_WORDS: usize = 16;

/// Reduces a title to its sense.
pub(crate) fn analyse(title: &str) -> TitleSense {
    // Written titles are short and almost always ASCII, and one is analysed
    // for every mention with a title: their lower-case words are cut on
    // the stack, without the folded copy, the lower-case copy and the list
    // of words of `analyse_by_splitting` (which ASCII leaves unfolded).
    let bytes = title.as_bytes();
    if bytes.len() <= SHORT_TITLE && bytes.is_ascii() {
        let mut buffer = [0u8; SHORT_TITLE];
        let lower = &mut buffer[..bytes.len()];
        lower.copy_from_slice(bytes);
        lower.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(lower) {
            let mut words = [""; MOST_TITLE_WORDS];
            let mut count = 0;
            for word in lower
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| !w.is_empty())
            {
                let Some(slot) = words.get_mut(count) else {
                    return analyse_by_splitting(title);
                };
                *slot = word;
                count += 1;
            }
            return sense_of_words(&words[..count]);
        }
    }
    analyse_by_splitting(title)
}

/// [`analyse`] with a folded, lower-case copy of the title and a list of
/// its words: for long or non-ASCII titles, and the oracle of the
/// stack-only path.
fn analyse_by_splitting(title: &str) -> TitleSense {
    let folded = fold_to_ascii(title).to_ascii_lowercase();
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    sense_of_words(&words)
}

/// Whether `words[i]` follows "people's" (cut as "people" "s") or
/// "peoples".
fn after_peoples(words: &[&str], i: usize) -> bool {
    match i {
        0 => false,
        1 => words[0] == "peoples",
        _ => words[i - 1] == "peoples" || (words[i - 1] == "s" && words[i - 2] == "people"),
    }
}

/// The sense of a title's lower-case ASCII words.
fn sense_of_words(words: &[&str]) -> TitleSense {
    let mut sense = TitleSense::default();
    // Each word with its abbreviation expanded ("Dep." is "deputy").
    let at = |i: usize| match expanded(words, i) {
        "" => words.get(i).copied().unwrap_or(""),
        full => full,
    };
    let next = |i: usize| at(i + 1);
    let prev = |i: usize| if i == 0 { "" } else { at(i - 1) };
    for i in 0..words.len() {
        let word = at(i);
        if let Some(when) = time_of_word(word) {
            sense.when = when;
            continue;
        }
        match word {
            "prime" if next(i) == "minister" => sense.rank("premier"),
            "minister" if prev(i) == "prime" => {}
            "premier" | "pm" => sense.rank("premier"),
            "ministers" if prev(i) == "of" && prev(i.saturating_sub(1)) == "council" => {
                sense.rank("premier")
            }
            "minister" | "ministers" => sense.rank("minister"),
            "fm" | "fonmin" => {
                sense.rank("minister");
                sense.domain("foreign");
            }
            "depfonmin" => {
                sense.rank("minister");
                sense.domain("foreign");
                sense.vice = true;
            }
            "primin" => sense.rank("premier"),
            "sovamb" => sense.rank("ambassador"),
            "fonsec" => {
                sense.rank("secretary");
                sense.domain("foreign");
            }
            "attorney" if next(i) == "general" => sense.rank("attorney-general"),
            "general" if prev(i) == "attorney" => {}
            "secretary" if next(i) == "general" || prev(i) == "general" => {
                sense.rank("secretary-general");
                sense.rank("secretary");
            }
            "general" if next(i) == "secretary" || prev(i) == "secretary" => {}
            "consul" if next(i) == "general" => sense.rank("consul-general"),
            "general" if prev(i) == "consul" => {}
            "governor" if next(i) == "general" => sense.rank("governor-general"),
            "general" if prev(i) == "governor" => {}
            "undersecretary" => {
                sense.rank("secretary");
                sense.rank("under");
            }
            "under" if next(i) == "secretary" => sense.rank("under"),
            "secretary" => sense.rank("secretary"),
            "ambassador" | "ambassadors" => sense.rank("ambassador"),
            "president" => sense.rank("president"),
            "chairman" | "chairwoman" => sense.rank("chairman"),
            "chancellor" => sense.rank("chancellor"),
            "consul" => sense.rank("consul"),
            "envoy" => sense.rank("envoy"),
            "charge" => sense.rank("charge"),
            "counsellor" | "counselor" => sense.rank("counsellor"),
            "attache" => sense.rank("attache"),
            "director" => sense.rank("director"),
            "governor" => sense.rank("governor"),
            "senator" => sense.rank("senator"),
            "mayor" => sense.rank("mayor"),
            // Soviet ministers were people's commissars until March 1946:
            // "Minister" fits "People's Commissar for Supply", and the
            // chairman of their council is a premier, as of the Council of
            // Ministers. (A written "People's Commissar" still needs the
            // post to name a commissar.)
            "commissars" if after_peoples(words, i) && words[..i].contains(&"council") => {
                sense.rank("premier")
            }
            "commissar" | "commissars" if after_peoples(words, i) => {
                sense.rank("commissar");
                sense.rank("minister");
            }
            "commissar" => sense.rank("commissar"),
            "representative" => sense.rank("representative"),
            "member" => sense.rank("member"),
            "leader" => sense.rank("leader"),
            "king" => sense.rank("king"),
            "emperor" => sense.rank("emperor"),
            "commander" => sense.rank("commander"),
            "vice" | "deputy" => sense.vice = true,
            "first" => sense.first = true,
            "second" | "third" => sense.later = true,
            "acting" => sense.acting = true,
            "foreign" | "external" => sense.domain("foreign"),
            // "People's Commissar for Military and Naval Affairs" was
            // Trotsky's post: "Commissar for War" in FRUS.
            "defense" | "defence" | "war" | "military" | "naval" => sense.domain("defense"),
            "armed" if next(i) == "forces" => sense.domain("defense"),
            "interior" => sense.domain("interior"),
            "state" if next(i) != "council" && prev(i) == "of" => sense.domain("state"),
            "trade" | "commerce" => sense.domain("trade"),
            "finance" | "treasury" => sense.domain("finance"),
            _ if classify_word(word) == WordClass::Honorific => sense.honorific = true,
            _ => {}
        }
    }
    sense
}

/// Whether a title as written in a text fits the title of a post.
///
/// A bare honorific ("Comrade", "Cde.", "Mr.") fits every post: it tells that
/// a person is named, not which post they hold. Otherwise every rank and
/// domain written must appear in the post, "vice"/"deputy" must agree, and a
/// written "first" must be in the post ("First Deputy Minister").
pub fn title_matches(text_title: &str, post_title: &str) -> bool {
    PostSense::new(post_title).fitted_by(&analyse(text_title))
}

/// Whether a written title is one rank alone that is also a courtesy title
/// (no "vice", no domain, whatever country or state is named):
/// "Ambassador" or "Governor". See [`courtesy_title_fits`].
pub(crate) fn is_courtesy_title(written: &TitleSense) -> bool {
    let courtesy = bit(RANKS, "ambassador") | bit(RANKS, "governor");
    written.ranks.count_ones() == 1
        && written.ranks & courtesy != 0
        && !written.vice
        && !written.first
        && written.domains == 0
}

/// Whether a post that is not an embassy carries the rank and title of
/// ambassador: a permanent representative to the United Nations, the chief
/// of the US or PRC liaison office of 1973–79, a deputy ambassador.
pub(crate) fn ranks_as_ambassador(post_title: &str) -> bool {
    post_title.contains("Permanent Representative")
        || post_title.starts_with("Chief of the Liaison Office")
        // The deputy ambassadors in Saigon (U. Alexis Johnson, William
        // Porter) held an ambassador's personal rank: FRUS calls them
        // "Ambassador".
        || post_title.starts_with("Deputy Ambassador")
}

/// Whether someone with these posts (and their senses, in the same order)
/// may be given the courtesy title `written` ([`is_courtesy_title`]) on
/// `date` though they held no such post that day.
///
/// - "Governor": a former governor keeps the title for life, whatever
///   they hold later ("Governor Harriman", Assistant Secretary of State
///   in 1962, in FRUS).
/// - "Ambassador": heads of missions with an ambassador's rank bear it
///   ([`ranks_as_ambassador`]: "Ambassador Huang Chen", chief of the PRC
///   Liaison Office in 1975), and former ambassadors keep it while they
///   hold no post with a title of its own: a foreign minister who was once
///   an ambassador is "Minister", so "Ambassador Gromyko" in 1968 is still
///   reported.
pub(crate) fn courtesy_title_fits(
    written: &TitleSense,
    posts: &[crate::model::Post],
    senses: &[PostSense],
    date: crate::date::Date,
) -> bool {
    let both = || posts.iter().zip(senses);
    let earlier = |post: &crate::model::Post, sense: &PostSense| {
        sense.whole.ranks & written.ranks != 0
            && !sense.whole.vice
            && date.may_be_after(&post.start)
    };
    if written.ranks == bit(RANKS, "governor") {
        return both().any(|(post, sense)| earlier(post, sense));
    }
    if both().any(|(post, _)| post.held_on(date) && ranks_as_ambassador(&post.title)) {
        return true;
    }
    let titled_that_day = both().any(|(post, sense)| post.held_on(date) && sense.whole.has_rank());
    !titled_that_day && both().any(|(post, sense)| earlier(post, sense))
}

/// Whether a written title names a post at all (as opposed to a bare
/// honorific such as "Comrade").
pub fn title_has_rank(text_title: &str) -> bool {
    analyse(text_title).has_rank()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packing_lowers_as_the_bytewise_packing_does() {
        let mut rng = crate::synthetic::Rng::new(11);
        // Every byte value at every place, and the bytes around the
        // letters' edges ('@' 'A' 'Z' '[' '`' 'a' 'z' '{') most often.
        let edges = [
            0u8, b'@', b'A', b'Z', b'[', b'`', b'a', b'z', b'{', 0x7F, 0x80, 0xC1, 0xDA, 0xFF,
        ];
        let mut checked = 0;
        for len in 0..=LONGEST_CLASSIFIED {
            for round in 0..2_000 {
                let word: Vec<u8> = (0..len)
                    .map(|i| {
                        let r = rng.next_u64();
                        if round < 256 {
                            (round as u8).wrapping_add(i as u8)
                        } else if r % 2 == 0 {
                            edges[(r >> 8) as usize % edges.len()]
                        } else {
                            (r >> 8) as u8
                        }
                    })
                    .collect();
                assert_eq!(
                    pack_lowercase(&word),
                    pack_lowercase_bytewise(&word),
                    "{word:?}"
                );
                checked += 1;
            }
        }
        for word in [
            "",
            "a",
            "Of",
            "THE",
            "Vice",
            "MINISTER",
            "Plenipotentiary",
            "ministerministerm",
        ] {
            let bytes = &word.as_bytes()[..word.len().min(LONGEST_CLASSIFIED)];
            assert_eq!(
                pack_lowercase(bytes),
                pack_lowercase_bytewise(bytes),
                "{word}"
            );
        }
        assert!(checked > 30_000);
    }

    #[test]
    fn lowering_only_for_used_slots_classifies_as_comparing_does() {
        let mut words: Vec<String> = Vec::new();
        for list in [
            RANK_WORDS,
            QUALIFIER_WORDS,
            HONORIFIC_WORDS,
            CONNECTOR_WORDS,
        ] {
            for word in list {
                words.push(word.to_string());
                words.push(word.to_uppercase());
                words.push(word[..word.len() - 1].to_string());
                words.push(format!("{word}x"));
                let mut mixed: Vec<u8> = word.bytes().collect();
                mixed[0] = mixed[0].to_ascii_uppercase();
                words.push(String::from_utf8(mixed).expect("ASCII"));
            }
        }
        words.extend(
            [
                "",
                "a",
                "Z",
                "Anatoly",
                "Hanoi",
                "said",
                "[minister",
                "@mbassador",
            ]
            .map(String::from),
        );
        for word in &words {
            let bytes = word.as_bytes();
            assert_eq!(
                classify_bytes(bytes),
                classify_bytes_by_comparison(bytes),
                "{word}"
            );
            if bytes.len() <= LONGEST_CLASSIFIED {
                assert_eq!(
                    classify_packed_as_written(bytes, pack(bytes)),
                    classify_packed(bytes, pack_lowercase_bytewise(bytes)),
                    "{word}"
                );
            }
        }
    }

    #[test]
    fn rank_and_qualifier_words_pass_their_slots() {
        let mut passed = 0;
        for word in RANK_WORDS
            .iter()
            .chain(QUALIFIER_WORDS)
            .chain(HONORIFIC_WORDS)
            .chain(CONNECTOR_WORDS)
            .chain(&["said", "telegram", "the", "Vice", "MINISTER", "x", ""])
        {
            for word in [word.to_string(), word.to_uppercase()] {
                let class = classify_bytes(word.as_bytes());
                if matches!(class, WordClass::Rank | WordClass::Qualifier) {
                    assert!(may_be_rank_or_qualifier(word.as_bytes()), "{word}");
                    passed += 1;
                }
            }
        }
        assert!(passed > 100, "{passed}");
        // Every title word passes the two-letter sieve of its classes.
        for word in RANK_WORDS
            .iter()
            .chain(QUALIFIER_WORDS)
            .chain(HONORIFIC_WORDS)
            .chain(CONNECTOR_WORDS)
        {
            for word in [word.to_string(), word.to_uppercase()] {
                assert!(!ruled_out_by_two_letters(
                    &TITLE_WORD_LENGTHS,
                    word.as_bytes()
                ));
                assert_eq!(
                    classify_plain(word.as_bytes()),
                    classify_bytes(word.as_bytes())
                );
            }
        }
        for word in [
            "military",
            "statement",
            "support",
            "said",
            "telegram",
            "d",
            "x",
            "",
            "a'",
            "mi",
        ] {
            let bytes = word.as_bytes();
            assert_eq!(
                classify_plain(bytes),
                classify_bytes_by_comparison(bytes),
                "{word}"
            );
        }
        assert!(ruled_out_by_two_letters(&TITLE_WORD_LENGTHS, b"statement"));
        assert!(!ruled_out_by_two_letters(&TITLE_WORD_LENGTHS, b"military"));
        assert!(!may_be_rank_or_qualifier(b"support"));
        assert!(!may_be_rank_or_qualifier(b"the"));
        assert!(!may_be_rank_or_qualifier(b"telegram"));
    }

    #[test]
    fn the_used_slots_are_those_the_word_table_fills() {
        for (slot, words) in WORD_TABLE.iter().enumerate() {
            assert_eq!(SLOT_USED[slot], !words.is_empty(), "slot {slot}");
        }
    }

    #[test]
    fn the_stack_analysis_is_the_analysis_by_splitting() {
        let mut titles: Vec<String> = [
            "",
            "Vice Minister",
            "VICE MINISTER of FOREIGN affairs",
            "[Soviet Ambassador]",
            "Chargé d'Affaires",
            "Chargé d’Affaires a.i.",
            "Comr.",
            "the minister of foreign affairs of the DPRK",
            "Chairman of the Council of Ministers",
            "Prime-Minister",
            "Secretary General",
            "General Secretary",
            "Attorney General",
            "Consul General, Governor General",
            "Under Secretary of State",
            "armed forces minister",
            "State Council Premier",
            "Minister of State",
            "a b c d e f g h i j k l m n o p",
            "a b c d e f g h i j k l m n o p q",
            "Ambassador 𠀋 Extraordinary",
            "Посол Ambassador",
        ]
        .map(String::from)
        .to_vec();
        for person in crate::Registry::builtin().iter() {
            for post in &person.posts {
                titles.push(post.title.to_string());
                titles.push(post.title.to_uppercase());
                titles.push(format!("First Deputy {}", post.title));
            }
        }
        titles.push("Minister ".repeat(20));
        let words: Vec<&str> = RANK_WORDS
            .iter()
            .chain(QUALIFIER_WORDS)
            .chain(HONORIFIC_WORDS)
            .chain(CONNECTOR_WORDS)
            .copied()
            .collect();
        for (i, a) in words.iter().enumerate() {
            let b = words[(i * 7 + 3) % words.len()];
            let c = words[(i * 13 + 5) % words.len()];
            titles.push(format!("{a} {b}-{c}."));
            titles.push(format!("{c} {a}, {b}"));
        }
        for title in &titles {
            assert_eq!(analyse(title), analyse_by_splitting(title), "{title:?}");
        }
        assert!(titles.len() > 300);
    }

    #[test]
    fn every_title_word_ends_with_an_ascii_letter() {
        // `Word::class` relies on it to pass over words ending otherwise.
        for words in WORD_TABLE.iter() {
            for (word, _, _) in words {
                assert!(
                    word.bytes().last().is_some_and(|b| b.is_ascii_alphabetic()),
                    "{word}"
                );
            }
        }
    }

    #[test]
    fn every_title_word_is_classified_and_others_are_not() {
        for word in RANK_WORDS {
            assert_eq!(classify_word(word), WordClass::Rank, "{word}");
        }
        for word in QUALIFIER_WORDS {
            assert_eq!(classify_word(word), WordClass::Qualifier, "{word}");
        }
        for word in HONORIFIC_WORDS {
            assert_eq!(classify_word(word), WordClass::Honorific, "{word}");
        }
        for word in CONNECTOR_WORDS {
            assert_eq!(classify_word(word), WordClass::Connector, "{word}");
        }
        for word in [
            "",
            "zhou",
            "ministerial",
            "ambassadorx",
            "9th",
            "d'affaires",
            "éminence",
        ] {
            assert_eq!(classify_word(word), WordClass::Other, "{word}");
        }
    }

    #[test]
    fn written_titles_fit_post_titles() {
        let fits = [
            ("Vice Minister", "Vice Minister of Foreign Affairs"),
            ("Foreign Minister", "Minister of Foreign Affairs"),
            (
                "minister of foreign affairs of the DPRK",
                "Vice Premier and Minister of Foreign Affairs",
            ),
            (
                "Vice Premier",
                "Vice Premier and Minister of Foreign Affairs",
            ),
            ("foreign minister", "Minister of Foreign Affairs"),
            ("Soviet Ambassador", "Ambassador to the PRC"),
            ("the Korean ambassador", "Ambassador to the PRC"),
            (
                "Deputy Foreign Minister",
                "Deputy Minister of Foreign Affairs",
            ),
            (
                "deputy minister of foreign affairs",
                "Vice Minister of Foreign Affairs",
            ),
            (
                "First Deputy Minister",
                "First Deputy Minister of Foreign Affairs",
            ),
            ("Premier", "Premier of the State Council"),
            ("Prime Minister", "Chairman of the Council of Ministers"),
            ("Prime Minister", "Premier of the State Council"),
            ("PM", "Prime Minister"),
            ("Chairman", "Chairman of the Council of Ministers"),
            ("National Defense Minister", "Minister of National Defense"),
            (
                "Cuban Defense Minister",
                "Minister of the Revolutionary Armed Forces",
            ),
            (
                "Minister of External Relations",
                "Minister of Foreign Affairs",
            ),
            ("Attorney General", "Attorney General of the United States"),
            ("Secretary", "Secretary of State"),
            ("Secretary of State", "Secretary of State"),
            (
                "Secretary-General",
                "Secretary-General of the United Nations",
            ),
            ("President", "President of the United States"),
            ("Comrade", "Vice Minister of Foreign Affairs"),
            ("Comr.", "General Secretary of the CPSU"),
            ("Cde.", "Chairman of the Chinese Communist Party"),
            ("Chargé d'Affaires", "Chargé d'Affaires in Moscow"),
            ("Minister", "People's Commissar for Supply"),
            ("Foreign Minister", "People's Commissar for Foreign Affairs"),
            ("Commissar", "People's Commissar for Supply"),
            ("People's Commissar", "People’s Commissar of Defence"),
            ("Premier", "Chairman of the Council of People's Commissars"),
            (
                "Deputy Premier",
                "Deputy Chairman of the Council of People's Commissars",
            ),
            (
                "Second Secretary",
                "Second Secretary of the Central Committee of the Communist Party of Ukraine",
            ),
            (
                "Secretary",
                "First Secretary of the Communist Party of Ukraine",
            ),
            // Abbreviations of telegrams and FRUS.
            ("Amb.", "Ambassador to the Soviet Union"),
            ("SovAmb", "Ambassador to the PRC"),
            ("Pres.", "President of the United States"),
            ("Secy.", "Secretary of State"),
            ("Sec.", "Secretary of State"),
            ("Under Secy.", "Under Secretary of State"),
            ("Atty. Gen.", "Attorney General of the United States"),
            ("Gen. Secy.", "General Secretary of the CPSU"),
            ("Dep. FM", "First Deputy Minister of Foreign Affairs"),
            (
                "Depy. Foreign Minister",
                "Deputy Minister of Foreign Affairs",
            ),
            ("DepFonMin", "Vice Minister of Foreign Affairs"),
            ("FonMin", "Minister of Foreign Affairs"),
            ("PriMin", "Prime Minister"),
            ("FonSec", "Secretary of State for Foreign Affairs"),
            ("Gov.", "Governor of New York"),
            ("Gen.", "Minister of National Defense"),
            ("Ambassador-at-Large", "Ambassador-at-Large"),
            (
                "Commissar for War",
                "People's Commissar for Military and Naval Affairs",
            ),
        ];
        for (written, post) in fits {
            assert!(
                title_matches(written, post),
                "{written:?} should fit {post:?}"
            );
        }
    }

    #[test]
    fn every_abbreviation_is_a_rank_or_qualifier_word() {
        for (abbreviation, _) in ABBREVIATED_TITLE_WORDS {
            assert!(
                matches!(
                    classify_word(abbreviation),
                    WordClass::Rank | WordClass::Qualifier
                ),
                "{abbreviation}"
            );
        }
    }

    #[test]
    fn words_of_time_and_acting_are_read_from_written_titles_only() {
        for (written, when) in [
            ("Foreign Minister", TitleTime::OnDate),
            ("former Foreign Minister", TitleTime::Before),
            ("ex-Premier", TitleTime::Before),
            ("the late Premier", TitleTime::Before),
            ("outgoing Ambassador", TitleTime::Before),
            ("future Premier", TitleTime::After),
            ("Ambassador-designate", TitleTime::After),
            ("President-elect", TitleTime::After),
            ("then Foreign Minister", TitleTime::Any),
            ("then-Vice Minister", TitleTime::Any),
        ] {
            let sense = analyse(written);
            assert_eq!(sense.when, when, "{written}");
            assert!(sense.has_rank(), "{written}");
        }
        assert!(analyse("acting Foreign Minister").acting);
        // Acting for the minister: a deputy's post fits, another
        // ministry's does not.
        assert!(title_matches(
            "acting Foreign Minister",
            "First Deputy Minister of Foreign Affairs"
        ));
        assert!(!title_matches(
            "acting Foreign Minister",
            "First Deputy Chairman of the Council of Ministers"
        ));
        // A post's own "Acting President" is the post, held on its dates.
        let post = PostSense::new("Acting President of the State Council");
        assert!(!post.whole.acting && post.whole.when == TitleTime::OnDate);
        assert!(post.fitted_by(&analyse("President")));
    }

    #[test]
    fn titles_that_do_not_fit() {
        let misfits = [
            ("Foreign Minister", "Vice Minister of Foreign Affairs"),
            ("Vice Minister", "Minister of Foreign Affairs"),
            (
                "Vice Minister",
                "Vice Premier and Minister of Foreign Affairs",
            ),
            (
                "Minister of Defense",
                "Vice Premier and Minister of Foreign Affairs",
            ),
            ("Ambassador", "Minister of Foreign Affairs"),
            ("Foreign Minister", "Minister of National Defense"),
            ("Defense Minister", "Minister of Foreign Affairs"),
            ("Minister", "Prime Minister"),
            ("People's Commissar", "Minister of Foreign Trade"),
            ("Premier", "People's Commissar for Supply"),
            ("Minister", "Political Commissar of the Front"),
            (
                "First Deputy Minister",
                "Deputy Minister of Foreign Affairs",
            ),
            ("President", "Vice President of the United States"),
            ("Secretary of State", "Secretary of Defense"),
            ("Attorney General", "Secretary of State"),
            ("Soviet", "Ambassador to the PRC"),
            (
                "Second Secretary",
                "First Secretary of the Communist Party of Ukraine",
            ),
            (
                "Third Secretary",
                "First Secretary of the Central Committee",
            ),
            (
                "First Secretary",
                "Second Secretary of the Central Committee of the Communist Party of Ukraine",
            ),
            ("Dep. FM", "Minister of Foreign Affairs"),
            ("FonMin", "Vice Minister of Foreign Affairs"),
            ("DepFonMin", "Minister of Foreign Affairs"),
            ("Pres.", "Vice President of the United States"),
            (
                "Gen. Secy.",
                "First Secretary of the Central Committee of the CPSU",
            ),
            ("Atty. Gen.", "Secretary of State"),
            ("Amb.", "Minister of Foreign Affairs"),
            (
                "Commissar for Foreign Affairs",
                "People's Commissar for Military and Naval Affairs",
            ),
        ];
        for (written, post) in misfits {
            assert!(
                !title_matches(written, post),
                "{written:?} should not fit {post:?}"
            );
        }
    }
}
