//! Finding mentions of registry people in plain text.
//!
//! One sorted list of every name form of every person answers, at each
//! place a name may start, which form is the longest there (ignoring ASCII
//! case); there is no regex per name. Each hit is then checked locally: word boundaries, capitalisation, and, for
//! forms that are not distinctive on their own ("Ji", "Kim", "Page"), a
//! context that makes it a name (a title, initials, a given name, an
//! editorial completion, a signature line). Candidates are ranked by the
//! document date and the title written in the text.

mod builtin_tables;
mod chars;
mod context;
mod first_words;
mod lookup;
mod lookups;
mod openings;
mod patterns;
mod prefixes;
mod rank;
mod reading;
mod scan;
#[cfg(target_arch = "x86_64")]
mod simd;
pub(crate) mod tables;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use std::collections::HashSet;

use smallvec::SmallVec;

use crate::date::Date;
use crate::fold::is_unspaced_script;
use crate::model::{Person, Post};
use crate::registry::Registry;
use crate::title::{analyse, PostSense, TitleSense};

use first_words::{FirstWords, Verdict, Word};
use lookup::PatternLookup;
use lookups::Lookups;
use openings::Openings;
use patterns::{FormKind, PatternTable};
use prefixes::Prefixes;
use reading::Reading;
use scan::{Candidates, Tester, Window};
use tables::MatcherTables;

/// How a mention names the person.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MentionForm {
    /// A complete name in some romanisation ("Ji Pengfei", "Chi P'eng-fei",
    /// "Stepan V. Chervonenko").
    FullName,
    /// A name in a native script ("姬鹏飞").
    Native,
    /// A cover name ("Filippov").
    Pseudonym,
    /// Initials and surname ("N.S. Khrushchev", "R. Kennedy").
    Initials,
    /// A family name or short form, recognised from its context or because
    /// it is distinctive ("Vice Minister Ji", "Chervonenko").
    Surname,
}

/// A person who may be meant, with the evidence for them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    /// Index into [`Matcher::registry`]`.persons()`.
    pub person: usize,
    /// Higher is likelier; only the order is meaningful.
    pub score: i32,
    /// The person may have held some post on the document date.
    pub in_post_on_date: bool,
    /// The title written in the text fits one of the person's posts (on the
    /// document date when there is one).
    pub title_fits: bool,
}

/// The ranked candidates of one mention. Most names denote one person or
/// two: they are held inline, sparing an allocation and a free per mention
/// (about six per cable).
pub type CandidateList = SmallVec<[Candidate; 2]>;

/// A name found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mention {
    /// Byte span of the name, widened to take in editorial brackets that
    /// complete it (`Ji [Pengfei]`, `[Stepan V.] Chervonenko`, `M.[ikoyan]`).
    pub span: Range<usize>,
    /// Byte span of a title written before or after the name ("Vice
    /// Minister", "Comr.", "Ambassador in Great Britain").
    pub title: Option<Range<usize>>,
    pub form: MentionForm,
    /// Index (in the returned list) of the mention this one glosses in
    /// brackets, as `[Stalin]` glosses `Filippov`.
    pub glosses: Option<usize>,
    /// Ranked, best first; never empty.
    pub candidates: CandidateList,
    /// The sense of the title as written in the text (`title`), analysed
    /// once here so that rules comparing it with posts
    /// ([`Matcher::title_sense_held_on`]) need not analyse it again.
    pub title_sense: Option<TitleSense>,
}

impl Mention {
    /// The best-ranked candidate.
    #[inline]
    pub fn best(&self) -> &Candidate {
        &self.candidates[0]
    }

    /// The span from the title (if any) to the end of the name.
    #[inline]
    pub fn full_span(&self) -> Range<usize> {
        match &self.title {
            Some(title) => title.start.min(self.span.start)..title.end.max(self.span.end),
            None => self.span.clone(),
        }
    }
}

impl Registry {
    /// Builds the mention matcher over every name form. The matcher keeps
    /// its own copy of the registry so it can live in long-running servers.
    pub fn matcher(&self) -> Matcher {
        Matcher::new(Arc::new(self.clone()))
    }

    /// [`Registry::matcher`] without the copy, for a registry built only to
    /// be matched (a large user registry would otherwise be held twice).
    pub fn into_matcher(self) -> Matcher {
        Matcher::new(Arc::new(self))
    }
}

/// Finds mentions of the people of a registry.
#[derive(Clone, Debug)]
pub struct Matcher {
    registry: Arc<Registry>,
    /// The longest name form at a place, ignoring ASCII case.
    lookup: PatternLookup,
    table: PatternTable,
    /// Lower-case first words of names ("de", "van"): the only lower-case
    /// word starts where a name may begin.
    lowercase_openers: HashSet<String>,
    longest_lowercase_opener: usize,
    /// First bytes of those words: most lower-case words are ruled out by
    /// one table look-up, without finding their end or hashing them.
    lowercase_opener_first_bytes: [bool; 256],
    /// The fast scan's test, over the distinct first two bytes of those
    /// words ("de"; a one-letter word has no second) when they are few and
    /// ASCII; None when the scan must go byte by byte.
    tester: Option<Tester>,
    /// Per person, per post: the post's title analysed once, so ranking a
    /// mention by its written title does not re-read every post title.
    post_senses: Vec<Vec<PostSense>>,
    /// Per person, per post: the days it may have been held.
    post_days: Vec<Vec<rank::DayRange>>,
    /// Per person: the days they may have been alive.
    life_days: Vec<rank::DayRange>,
    /// First bytes of every pattern, tested before the look-up.
    prefixes: Prefixes,
    /// First words of every pattern, tested before the look-up.
    first_words: FirstWords,
    /// First three bytes of every pattern, tested before the first words.
    openings: Openings,
    /// Every word of every Latin name form, lower case; built on first use.
    name_words: OnceLock<HashSet<String>>,
    /// Per person, their given names folded to lower-case ASCII where they
    /// fold, each made on first use.
    given_names: rank::GivenNamesTable,
    /// A digest of everything the registry was made from, when known (see
    /// [`Matcher::source_digest`]).
    source: Option<[u8; 32]>,
}

impl Matcher {
    /// Builds the look-up over every name form of every person.
    pub fn new(registry: Arc<Registry>) -> Matcher {
        let tables = MatcherTables::build(&registry);
        Matcher::with_tables(registry, tables)
    }

    /// The matcher over `registry` from its tables (made by
    /// [`MatcherTables::build`], here or in the build script).
    pub(crate) fn with_tables(registry: Arc<Registry>, tables: MatcherTables) -> Matcher {
        let MatcherTables {
            table,
            order,
            post_senses,
        } = tables;
        // Searches start only where a name can (see `next_name_start_by_words`), so
        // a sorted list serves as well as an automaton and builds in a
        // fraction of the time.
        let lookups = Lookups::build(table.patterns(), order);
        Matcher::with_lookups(registry, table, post_senses, lookups)
    }

    /// The matcher over `registry` from its pattern table, the analysed
    /// titles of its posts and the look-up tables over its patterns (made
    /// by [`Lookups::build`], or copied from the build script's statics).
    fn with_lookups(
        registry: Arc<Registry>,
        table: PatternTable,
        post_senses: Vec<Vec<PostSense>>,
        lookups: Lookups,
    ) -> Matcher {
        let Lookups {
            lookup,
            prefixes,
            first_words,
            openings,
            openers,
        } = lookups;
        let lowercase_openers = openers
            .into_iter()
            .map(Cow::into_owned)
            .collect::<HashSet<String>>();
        let longest_lowercase_opener = lowercase_openers.iter().map(String::len).max().unwrap_or(0);
        let mut lowercase_opener_first_bytes = [false; 256];
        for word in &lowercase_openers {
            if let Some(&b) = word.as_bytes().first() {
                lowercase_opener_first_bytes[usize::from(b)] = true;
            }
        }
        let post_days = registry
            .iter()
            .map(|person| {
                person
                    .posts
                    .iter()
                    .map(|post| rank::DayRange::of(post.start, post.end.as_ref()))
                    .collect()
            })
            .collect();
        let life_days = registry.iter().map(rank::DayRange::of_life).collect();
        let mut prefixes_of_openers: Vec<OpenerPrefix> = lowercase_openers
            .iter()
            .map(|w| (w.as_bytes()[0], w.as_bytes().get(1).copied()))
            .collect();
        prefixes_of_openers.sort_unstable();
        prefixes_of_openers.dedup();
        let opener_prefixes = (prefixes_of_openers.len() <= MAX_OPENER_BYTES
            && prefixes_of_openers
                .iter()
                .all(|&(a, b)| a.is_ascii_lowercase() && b.is_none_or(|b| b.is_ascii())))
        .then_some(prefixes_of_openers);
        let tester = opener_prefixes.as_deref().map(Tester::new);
        Matcher {
            registry,
            lookup,
            table,
            lowercase_openers,
            longest_lowercase_opener,
            lowercase_opener_first_bytes,
            tester,
            post_senses,
            post_days,
            life_days,
            prefixes,
            first_words,
            openings,
            name_words: OnceLock::new(),
            given_names: rank::GivenNamesTable::default(),
            source: None,
        }
    }

    /// The matcher over the built-in registry, with the analysed titles of
    /// its posts, from the tables the build script wrote as statics (see
    /// `builtin_tables.rs`).
    pub(crate) fn with_builtin_tables(
        registry: Arc<Registry>,
        post_senses: Vec<Vec<PostSense>>,
    ) -> Matcher {
        let table = builtin_tables::builtin_pattern_table();
        let lookups = builtin_tables::builtin_lookups();
        Matcher::with_lookups(registry, table, post_senses, lookups)
    }

    /// This matcher, named by `digest` of everything its registry was made
    /// from (see [`Matcher::source_digest`]).
    pub(crate) fn with_source(mut self, digest: [u8; 32]) -> Matcher {
        self.source = Some(digest);
        self
    }

    /// A digest of everything the registry was made from — this build's
    /// version and built-in registry, each user registry file's bytes in
    /// order (not its name, which decides only where people were written) —
    /// when [`crate::merged_matcher`] made it with a cache folder;
    /// None otherwise. Matchers with the same digest hold the same registry,
    /// so the digest can stand for the registry in a cache key without
    /// reading its people (the registry is never changed after it is made).
    pub fn source_digest(&self) -> Option<&[u8; 32]> {
        self.source.as_ref()
    }

    pub fn registry(&self) -> &Registry {
        &self.registry
    }

    /// The person a candidate refers to.
    pub fn person(&self, candidate: &Candidate) -> &Person {
        &self.registry.persons()[candidate.person]
    }

    /// Whether a title written in a text matches a post the person (an index
    /// into [`Matcher::registry`]`.persons()`) may have held on `date`: as
    /// [`Person::title_held_on`], with the post titles analysed once.
    pub fn title_held_on(&self, person: usize, title_text: &str, date: Date) -> bool {
        self.title_sense_held_on(person, &crate::title::analyse(title_text), date)
    }

    /// The first post of a person (an index into
    /// [`Matcher::registry`]`.persons()`) whose title a title written in a
    /// text fits, whatever the date: as [`crate::title_matches`] over the
    /// person's posts, with the post titles analysed once.
    pub fn post_fitting_title(&self, person: usize, title_text: &str) -> Option<&Post> {
        self.post_fitting_title_sense(person, &crate::title::analyse(title_text))
    }

    /// Whether `word` (ignoring ASCII case) is a family name or a word of a
    /// Latin name form of someone in the registry: one look-up, however
    /// large the registry.
    pub fn is_name_word(&self, word: &str) -> bool {
        self.name_words
            .get_or_init(|| {
                let mut words = HashSet::new();
                for person in self.registry.iter() {
                    words.insert(person.name.family.to_ascii_lowercase());
                    for form in person.latin_forms() {
                        words.extend(form.split_whitespace().map(str::to_ascii_lowercase));
                    }
                }
                words
            })
            .contains(&word.to_ascii_lowercase())
    }

    /// Number of distinct patterns looked up.
    pub fn pattern_count(&self) -> usize {
        self.table.patterns().len()
    }

    /// Mentions in `text`, in order. `date` (the document's date) ranks
    /// people who held a post on that date first.
    pub fn find_mentions(&self, text: &str, date: Option<Date>) -> Vec<Mention> {
        self.find_mentions_outside(text, date, &[])
    }

    /// Mentions in `text` outside the byte ranges `skip` (an archive's
    /// chrome and citation), in order; offsets are those of `text`. The
    /// skipped ranges read as blank (their line breaks kept), so no mention
    /// and no title or given name is taken from them.
    pub fn find_mentions_outside(
        &self,
        text: &str,
        date: Option<Date>,
        skip: &[Range<usize>],
    ) -> Vec<Mention> {
        let reading = Reading::new(text, skip);
        let read = reading.text();
        // Reckoned once here rather than for every mention.
        let date_days = date.map(rank::DayRange::of_date);
        // A cable names a few people: its list gets room at the first
        // mention found (`FEW_MENTIONS`). A collection in one file gets room
        // for one mention per 512 bytes from the start (more than the real
        // corpus averages), so that a list of megabytes is not copied and
        // faulted in again at every doubling.
        let mut found = Vec::new();
        if text.len() >= BIG_TEXT {
            reserve_for_collection(&mut found, text.len());
        }
        let mut pos = 0;
        // End (in the reading) of the last mention: context scans do not
        // reach back into it, so "Pak Il-u [Pak Il U]" stays two mentions.
        let mut floor = 0;
        // Every byte is tested here, a chunk at a time, before the first
        // name start is looked at.
        let candidates = self
            .tester
            .as_ref()
            .map(|tester| Candidates::new(read.as_bytes(), tester));
        // The oracle of the tests: the plain path, every name start found
        // byte by byte and looked up among every pattern, against which
        // the chunks and the early rejections are checked.
        #[cfg(test)]
        let candidates = candidates.filter(|_| !tests::NO_EARLY_REJECTION.get());
        // Name forms are looked up only where a name can start (a word that
        // begins with a capital, a name particle, or a CJK character), and
        // only when some pattern begins with the word there: most text is
        // never looked up, which keeps `check` fast.
        while let Some((start, look_up)) = match &candidates {
            Some(candidates) => self.next_hit_by_words(read, pos, candidates),
            None => self.next_hit_bytewise(read, pos),
        } {
            let rest = &read.as_bytes()[start..];
            let longest = match look_up {
                LookUp::ByFirstWord(word) => {
                    self.first_words.longest_pattern(word, rest, &self.lookup)
                }
                LookUp::Everything => self.lookup.longest_prefix(rest),
            };
            let Some((pattern, length)) = longest else {
                pos = after_rejected(read, start);
                continue;
            };
            let span = start..start + length;
            match self.examine(&reading, text, span.clone(), pattern, date_days, floor) {
                Some(mention) => {
                    pos = span.end;
                    floor = span.end;
                    if found.is_empty() {
                        found.reserve(FEW_MENTIONS);
                    }
                    found.push(mention);
                }
                None => pos = after_rejected(read, span.start),
            }
        }
        if !found.is_empty() {
            rank::absorb_given_name_completions(
                self.registry.persons(),
                &self.given_names,
                text,
                &mut found,
            );
        }
        rank::link_glosses(text, &mut found);
        rank::boost_coreferent(&mut found);
        for mention in &mut found {
            rank::sort_candidates(&mut mention.candidates);
        }
        found
    }

    /// Whether a pattern found at `start`, a place where a name may start,
    /// can be a mention: the first three bytes and then the first word for
    /// ASCII words, the prefix test otherwise. Exact: no test rejects a place where the
    /// look-up finds a pattern that `examine` could accept (see
    /// `openings.rs`, `first_words.rs` and `prefixes.rs`).
    /// None when ruled out, else how to look the place up.
    #[inline(always)]
    fn may_be_a_name_at(&self, rest: &[u8]) -> Option<LookUp> {
        #[cfg(test)]
        if tests::NO_EARLY_REJECTION.get() {
            return Some(LookUp::Everything);
        }
        // Every place the scans hand out starts with a capital or a
        // particle's first letter.
        if rest[0].is_ascii() && !self.openings.may_open_word(rest) {
            return None;
        }
        self.may_be_a_name_by_words(rest)
    }

    /// [`Matcher::may_be_a_name_at`] at a place whose first bytes
    /// `Openings::may_open_word` has passed, if they are ASCII.
    #[inline(always)]
    fn may_be_a_name_by_words(&self, rest: &[u8]) -> Option<LookUp> {
        let verdict = if rest[0].is_ascii() {
            self.first_words.verdict(rest)
        } else {
            Verdict::Undecided
        };
        match verdict {
            Verdict::NoName => None,
            Verdict::Maybe(word) => Some(LookUp::ByFirstWord(word)),
            Verdict::Undecided => self.prefixes.may_start(rest).then_some(LookUp::Everything),
        }
    }

    /// The first name start at or after `from` (as
    /// [`Matcher::next_name_start_by_words`] finds them) that
    /// [`Matcher::may_be_a_name_at`] does not rule out: the place to look
    /// up. One loop for both, as it runs at every capital of every
    /// document; a rejected place is passed as `after_rejected` would.
    #[inline(never)]
    fn next_hit_by_words(
        &self,
        read: &str,
        from: usize,
        candidates: &Candidates,
    ) -> Option<(usize, LookUp)> {
        let bytes = read.as_bytes();
        // Most places are capitals after a space or a punctuation mark, and
        // most of those are ruled out by their first bytes: that is tested
        // first, on the chunk's window, where the bytes around a place
        // need no bounds checks; only the places that pass it, and the
        // others, are tested in full.
        // (Says whether the place is such a capital.) Capitals and name
        // particles inside ASCII words, and the later bytes of characters,
        // are passed over here too.
        // Whether the word at a name particle's first letter ("delegation")
        // has more ASCII letters and digits than the longest particle:
        // then it opens no name in lower case
        // (`opens_a_name_in_lower_case` would say so after a call).
        let longest = self.longest_lowercase_opener;
        let outruns_the_openers = |window: &Window, i: usize| {
            longest < 4
                && window[i + 1..=i + 1 + longest]
                    .iter()
                    .all(|&c| is_ascii_alnum_class(BYTE_CLASS[usize::from(c)]))
        };
        let opens_a_name = |window: &Window, i: usize| {
            let b = window[i + 1];
            if b.is_ascii_uppercase() {
                let first_four = window[i + 1..i + 5].try_into().expect("four bytes");
                // A capital whose first three bytes open no name is passed
                // over whatever is before it: most are, so that is tested
                // before the byte before.
                if !self.openings.may_open_three(first_four) {
                    return None;
                }
                return match BYTE_CLASS[usize::from(window[i])] {
                    OTHER_ASCII => self.openings.passes_four(first_four).then_some(true),
                    NON_ASCII => Some(false),
                    _ => None,
                };
            }
            let passed_over = if b.is_ascii() {
                is_ascii_alnum_class(BYTE_CLASS[usize::from(window[i])])
                    || outruns_the_openers(window, i)
            } else {
                b < 0xC0
            };
            (!passed_over).then_some(false)
        };
        candidates.find_from(bytes, from, opens_a_name, |at, plain_capital| {
            if plain_capital {
                // Its first bytes passed `opens_a_name`.
                return self.may_be_a_name_by_words(&bytes[at..]);
            }
            let b = bytes[at];
            if b.is_ascii() {
                let before = if at == 0 { b' ' } else { bytes[at - 1] };
                // Inside an ASCII word, or after a non-ASCII letter or digit.
                let inside_a_word = match BYTE_CLASS[usize::from(before)] {
                    OTHER_ASCII => false,
                    NON_ASCII => alphanumeric_before(read, at),
                    _ => true,
                };
                if inside_a_word
                    || (!b.is_ascii_uppercase() && !self.opens_a_name_in_lower_case(read, at))
                {
                    return None;
                }
                return self.may_be_a_name_at(&bytes[at..]);
            }
            // The chunks hand out every byte of a character: its first
            // decides.
            if !read.is_char_boundary(at) {
                return None;
            }
            let c = read[at..].chars().next()?;
            ((is_unspaced_script(c)
                || (chars::is_alphabetic(c)
                    && !c.is_lowercase()
                    && !alphanumeric_before(read, at)))
                && self.prefixes.may_start(&bytes[at..]))
            .then_some(LookUp::Everything)
        })
    }

    /// [`Matcher::next_hit_by_words`] over [`Matcher::next_name_start_bytewise`].
    fn next_hit_bytewise(&self, read: &str, from: usize) -> Option<(usize, LookUp)> {
        let mut at = from;
        loop {
            let start = self.next_name_start_bytewise(read, at)?;
            if let Some(look_up) = self.may_be_a_name_at(&read.as_bytes()[start..]) {
                return Some((start, look_up));
            }
            at = after_rejected(read, start);
        }
    }

    /// The first place at or after `from` where a name may start: a word
    /// start (no letter or digit before it) whose first letter is a capital
    /// or whose word opens a registry name in lower case ("de"), or any
    /// character of an unspaced script. For registries whose lower-case
    /// name openers start with at most [`MAX_OPENER_BYTES`] distinct ASCII
    /// bytes (the built-in one: "de"): only word starts with a capital or
    /// those bytes, and non-ASCII characters, need a look, and
    /// `candidates` (over `read`) has tested every byte for them a chunk at
    /// a time. This
    /// loop sees every byte of every document. (The scan itself runs in
    /// [`Matcher::next_hit_by_words`]; this is its oracle's half.)
    #[cfg(test)]
    fn next_name_start_by_words(
        &self,
        read: &str,
        from: usize,
        candidates: &Candidates,
    ) -> Option<usize> {
        let bytes = read.as_bytes();
        let mut at = from;
        loop {
            at = candidates.next_from(at, bytes)?;
            let b = bytes[at];
            if b.is_ascii() {
                // No ASCII letter or digit is before it; a non-ASCII one
                // may be.
                let starts_name =
                    (at == 0 || bytes[at - 1].is_ascii() || !alphanumeric_before(read, at))
                        && (b.is_ascii_uppercase() || self.opens_a_name_in_lower_case(read, at));
                if starts_name {
                    return Some(at);
                }
                at += 1;
                continue;
            }
            let c = read[at..].chars().next()?;
            if is_unspaced_script(c)
                || (chars::is_alphabetic(c) && !c.is_lowercase() && !alphanumeric_before(read, at))
            {
                return Some(at);
            }
            at += c.len_utf8();
        }
    }

    /// [`Matcher::next_name_start_by_words`] a byte at a time, for registries with
    /// names that begin in lower case with many different letters.
    fn next_name_start_bytewise(&self, read: &str, from: usize) -> Option<usize> {
        let bytes = read.as_bytes();
        let mut previous_alnum = read[..from]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric);
        let mut at = from;
        while at < bytes.len() {
            let b = bytes[at];
            match BYTE_CLASS[usize::from(b)] {
                OTHER_ASCII => {
                    previous_alnum = false;
                    at += 1;
                    continue;
                }
                NON_ASCII => {}
                class => {
                    if !previous_alnum
                        && (class == UPPER
                            || (class == LOWER
                                && self.lowercase_opener_first_bytes[usize::from(b)]
                                && self.opens_a_name_in_lower_case(read, at)))
                    {
                        return Some(at);
                    }
                    // The rest of an ASCII word cannot start a name.
                    at += 1;
                    while at < bytes.len()
                        && is_ascii_alnum_class(BYTE_CLASS[usize::from(bytes[at])])
                    {
                        at += 1;
                    }
                    previous_alnum = true;
                    continue;
                }
            }
            let c = read[at..].chars().next().unwrap_or(' ');
            if is_unspaced_script(c) {
                return Some(at);
            }
            if c.is_alphabetic()
                && !previous_alnum
                && (!c.is_lowercase()
                    || (self.lowercase_opener_first_bytes[usize::from(b)]
                        && self.opens_a_name_in_lower_case(read, at)))
            {
                return Some(at);
            }
            previous_alnum = c.is_alphanumeric();
            at += c.len_utf8();
        }
        None
    }

    fn opens_a_name_in_lower_case(&self, read: &str, at: usize) -> bool {
        // Most words are ruled out by their length, found without reading
        // past the longest opener.
        let bytes = read.as_bytes();
        let limit = (at + self.longest_lowercase_opener + 1).min(bytes.len());
        let mut end = at;
        while end < limit && bytes[end].is_ascii_alphanumeric() {
            end += 1;
        }
        if end < limit && !bytes[end].is_ascii() {
            // A non-ASCII letter may continue the word.
            end = read[at..]
                .find(|ch: char| !ch.is_alphanumeric())
                .map_or(read.len(), |i| at + i);
        }
        end - at <= self.longest_lowercase_opener && self.lowercase_openers.contains(&read[at..end])
    }

    /// Turns one look-up hit into a mention, or rejects it. (Never
    /// inlined, like the scan: it runs for a few places per document.)
    #[inline(never)]
    fn examine(
        &self,
        reading: &Reading<'_>,
        original: &str,
        span: Range<usize>,
        pattern: usize,
        date_days: Option<rank::DayRange>,
        floor: usize,
    ) -> Option<Mention> {
        let read = reading.text();
        let matched = &read[span.clone()];
        if !has_word_boundaries(read, &span) || !is_capitalised_like_a_name(matched) {
            return None;
        }
        let entries = self.table.entries(pattern);

        // Context that makes a short form a name.
        // The word after the name is read once, for an institution's name
        // and for a title written after the name.
        let next_word = context::word_after_on_line(read, span.end);
        if context::names_an_institution_by(next_word) {
            return None;
        }
        // The words before the name are read once, for given names and
        // for a title.
        let mut before = context::WordsBefore::new(read, span.start, floor);
        let given = match context::given_word_count(&mut before) {
            // Most names have no given name before them.
            0 => None,
            count => rank::given_evidence(&self.table, entries, &before.given_words(count)),
        };
        let name_start = given.as_ref().map_or(span.start, |g| g.start);
        let name_span = name_start..span.end;
        let title_before = match &given {
            None => context::title_in(&mut before),
            Some(given) => context::title_before(read, given.start, floor),
        };
        let title_in_reading = title_before
            .or_else(|| context::parenthesised_after_title(read, &name_span, floor))
            .or_else(|| context::title_after_word(read, span.end, next_word));

        let mut original_span =
            reading.original_start(name_span.start)..reading.original_end(name_span.end);
        let completed = widen_to_brackets(original, &mut original_span, reading.skipped());
        // A signature line is the last context looked for: most names
        // with a context have another. A context counts only for forms
        // that need one (`usable`, `score_candidates`): when every entry
        // is a name alone, the line is not looked at.
        let has_context = title_in_reading.is_some()
            || given.is_some()
            || completed
            || (entries.iter().any(|entry| !entry.alone)
                && context::is_signature_line(read, &name_span));

        let usable = |entry: &&patterns::Entry| entry.alone || has_context;
        let form = match (entries.iter().filter(usable).map(|e| e.kind).min()?, &given) {
            (FormKind::Native, _) => MentionForm::Native,
            (FormKind::Pseudonym, _) => MentionForm::Pseudonym,
            (FormKind::Short, Some(g)) if g.initials_only => MentionForm::Initials,
            (FormKind::Short, Some(_)) | (FormKind::Full, _) => MentionForm::FullName,
            (FormKind::Short, None) => MentionForm::Surname,
        };
        let title_text = title_in_reading.as_ref().map(|r| &read[r.clone()]);
        // Analysed once: for ranking, and (below) for rules.
        let title_sense = title_text.map(analyse);
        let candidates = rank::score_candidates(
            &self.post_senses,
            &self.post_days,
            &self.life_days,
            entries,
            has_context,
            given.as_ref(),
            title_sense.filter(TitleSense::has_rank),
            date_days,
        );
        if candidates.is_empty() {
            return None;
        }
        let title = title_in_reading.map(|r| {
            let mut mapped = reading.original_start(r.start)..reading.original_end(r.end);
            widen_to_brackets(original, &mut mapped, reading.skipped());
            mapped
        });
        // The title as written may differ from its reading (brackets in
        // it): then it is analysed as written.
        let title_sense = match (&title, title_text) {
            (Some(written), Some(read_title)) if original[written.clone()] != *read_title => {
                Some(analyse(&original[written.clone()]))
            }
            _ => title_sense,
        };
        Some(Mention {
            span: original_span,
            title,
            form,
            glosses: None,
            candidates,
            title_sense,
        })
    }
}

/// How a place that passed the early tests is looked up.
#[derive(Clone, Copy)]
enum LookUp {
    /// Among the patterns of the ASCII word there (exact where a pattern
    /// found can be a mention: see `FirstWords::longest_pattern`).
    ByFirstWord(Word),
    /// Among every pattern.
    Everything,
}

// Out of line: a cable never comes here.
#[cold]
#[inline(never)]
fn reserve_for_collection(found: &mut Vec<Mention>, text_len: usize) {
    found.reserve(text_len / 512);
}

/// Room made for mentions at the first one found.
const FEW_MENTIONS: usize = 16;

/// The most distinct beginnings of lower-case name openers the fast scan
/// tests for (each costs a few instructions per eight bytes).
const MAX_OPENER_BYTES: usize = 4;

/// Texts from this length on (a whole collection in one file, not a cable)
/// get their mention list's room at once.
const BIG_TEXT: usize = 1 << 20;

/// The first byte of a lower-case name opener and its second, if any.
type OpenerPrefix = (u8, Option<u8>);

/// Whether the character before `at` is a letter or digit.
#[inline(always)]
fn alphanumeric_before(read: &str, at: usize) -> bool {
    match read.as_bytes()[..at].last() {
        None => false,
        Some(b) if b.is_ascii() => b.is_ascii_alphanumeric(),
        Some(_) => read[..at]
            .chars()
            .next_back()
            .is_some_and(chars::is_alphanumeric),
    }
}

// Classes of bytes for `next_name_start_bytewise`, which sees every byte.
const OTHER_ASCII: u8 = 0;
const LOWER: u8 = 1;
const UPPER: u8 = 2;
const DIGIT: u8 = 3;
const NON_ASCII: u8 = 4;

static BYTE_CLASS: [u8; 256] = {
    let mut table = [OTHER_ASCII; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        table[b] = if byte >= 0x80 {
            NON_ASCII
        } else if byte.is_ascii_lowercase() {
            LOWER
        } else if byte.is_ascii_uppercase() {
            UPPER
        } else if byte.is_ascii_digit() {
            DIGIT
        } else {
            OTHER_ASCII
        };
        b += 1;
    }
    table
};

fn is_ascii_alnum_class(class: u8) -> bool {
    matches!(class, LOWER | UPPER | DIGIT)
}

/// Where to search again after a hit at `start` was rejected: the next
/// byte after an ASCII letter (the scans never stop inside a word), or the
/// next character when it is not ASCII (in unspaced scripts any character
/// may start a name).
#[inline]
fn after_rejected(read: &str, start: usize) -> usize {
    start
        + match read.as_bytes()[start] {
            0..0x80 => 1,
            0xC0..0xE0 => 2,
            0xE0..0xF0 => 3,
            _ => 4,
        }
}

/// Whether the hit is a whole word (or words). Chinese and Japanese forms
/// are exempt: those scripts do not separate words.
fn has_word_boundaries(text: &str, span: &Range<usize>) -> bool {
    // Most names start with an ASCII letter between ASCII bytes: then each
    // neighbour is a whole character and is tested as a byte, without
    // decoding characters (this runs at every place examined).
    let bytes = text.as_bytes();
    let before = span.start.checked_sub(1).map(|i| bytes[i]);
    let after = bytes.get(span.end).copied();
    let ascii = |b: Option<u8>| b.is_none_or(|b| b.is_ascii());
    if bytes.get(span.start).is_some_and(u8::is_ascii) && ascii(before) && ascii(after) {
        return !before.is_some_and(|b| b.is_ascii_alphanumeric())
            && !after.is_some_and(|b| b.is_ascii_alphanumeric());
    }
    has_word_boundaries_by_chars(text, span)
}

/// [`has_word_boundaries`] character by character: where a neighbour is
/// not ASCII, and the oracle of the byte test.
fn has_word_boundaries_by_chars(text: &str, span: &Range<usize>) -> bool {
    let first = text[span.start..].chars().next();
    if first.is_some_and(is_unspaced_script) {
        return true;
    }
    let before = text[..span.start].chars().next_back();
    let after = text[span.end..].chars().next();
    !before.is_some_and(chars::is_alphanumeric) && !after.is_some_and(chars::is_alphanumeric)
}

/// The look-up ignores ASCII case so that "ZHOU ENLAI" and "FILIPPOV"
/// match; but an all-lowercase hit ("page", "hull", "li") is a common word,
/// not a name.
fn is_capitalised_like_a_name(matched: &str) -> bool {
    // Most names start with an ASCII capital: it is their first letter.
    if matched
        .as_bytes()
        .first()
        .is_some_and(u8::is_ascii_uppercase)
    {
        return true;
    }
    is_capitalised_like_a_name_by_chars(matched)
}

/// [`is_capitalised_like_a_name`] character by character (the oracle of
/// its first test).
fn is_capitalised_like_a_name_by_chars(matched: &str) -> bool {
    let mut letters = matched
        .chars()
        .filter(|&c| chars::is_alphabetic(c))
        .peekable();
    let Some(&first) = letters.peek() else {
        return false;
    };
    !first.is_lowercase() || is_unspaced_script(first) || matched.chars().any(char::is_uppercase)
}

/// Whether `bytes` hold a `[` or a `]`: eight bytes at a time, the last
/// eight overlapping the ones before (a byte equal to one of them leaves a
/// zero byte after the exclusive or).
#[inline(always)]
fn has_bracket(bytes: &[u8]) -> bool {
    const LOW: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let in_eight = |eight: &[u8]| {
        let word = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
        let has_zero = |x: u64| x.wrapping_sub(LOW) & !x & HIGH != 0;
        has_zero(word ^ (LOW * u64::from(b'['))) || has_zero(word ^ (LOW * u64::from(b']')))
    };
    let Some(last) = bytes.last_chunk::<8>() else {
        return bytes.iter().any(|&b| b == b'[' || b == b']');
    };
    bytes.chunks_exact(8).any(in_eight) || in_eight(last)
}

/// Widens `span` to balance editorial brackets it cuts through, so that
/// `Ji [Pengfei` becomes `Ji [Pengfei]`. Returns whether the span now
/// contains a bracket (the name was completed by an editor). Brackets in
/// the `skipped` ranges (sorted, merged) are not the text's and are passed
/// over.
///
/// Most names have no bracket: eight bytes at a time say so here, inlined
/// into the caller, and only names with one pay for the frame of
/// [`widen_across_brackets`].
#[inline(always)]
fn widen_to_brackets(text: &str, span: &mut Range<usize>, skipped: &[Range<usize>]) -> bool {
    has_bracket(&text.as_bytes()[span.clone()]) && widen_across_brackets(text, span, skipped)
}

/// [`widen_to_brackets`] of a span that holds a bracket.
#[inline(never)]
fn widen_across_brackets(text: &str, span: &mut Range<usize>, skipped: &[Range<usize>]) -> bool {
    const REACH: usize = 80;
    let bytes = text.as_bytes();
    let inside = &bytes[span.clone()];
    // One pass for the counts and the first and last of each bracket.
    let (mut opens, mut closes) = (0usize, 0usize);
    let (mut first_open, mut first_close) = (None, None);
    let (mut last_open, mut last_close) = (None, None);
    for (i, &b) in inside.iter().enumerate() {
        match b {
            b'[' => {
                opens += 1;
                first_open.get_or_insert(i);
                last_open = Some(i);
            }
            b']' => {
                closes += 1;
                first_close.get_or_insert(i);
                last_close = Some(i);
            }
            _ => {}
        }
    }
    if opens + closes == 0 {
        return false;
    }
    let is_skipped = |pos: usize| {
        let i = skipped.partition_point(|r| r.end <= pos);
        skipped.get(i).is_some_and(|r| r.start <= pos)
    };
    // A `]` before any `[` inside: its `[` is before the span.
    let close_first = match (first_close, first_open) {
        (Some(close), Some(open)) => close < open,
        (Some(_), None) => true,
        _ => false,
    };
    // The nearest bracket outside the span decides: a `]` met looking back
    // (or a `[` looking ahead) first means the one inside is unbalanced in
    // the text too (`Ji [Pengfei handed … [Stepan V.]`), and the span stays.
    let is_bracket = |i: &usize| matches!(bytes[*i], b'[' | b']') && !is_skipped(*i);
    if close_first {
        let floor = span.start.saturating_sub(REACH);
        if let Some(open) = (floor..span.start).rev().find(is_bracket) {
            if bytes[open] == b'[' {
                span.start = open;
            }
        }
    }
    // More `[` than `]`: the completion continues after the span.
    if opens > closes || last_open > last_close {
        let ceiling = (span.end + REACH).min(text.len());
        if let Some(close) = (span.end..ceiling).find(is_bracket) {
            if bytes[close] == b']' {
                span.end = close + 1;
            }
        }
    }
    // The span only grew, and held a bracket before it did: no need to
    // look for one again (the tests still do).
    debug_assert!(bytes[span.clone()].iter().any(|&b| b == b'[' || b == b']'));
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    thread_local! {
        /// Turns off the chunks' scan and every early rejection
        /// (`may_be_a_name_at`): the plain path, a byte-by-byte scan
        /// looking up every name start, that the oracle tests compare
        /// with.
        pub(super) static NO_EARLY_REJECTION: Cell<bool> = const { Cell::new(false) };
    }

    /// Mentions found with the early rejections and without them.
    fn with_and_without_rejections(
        matcher: &Matcher,
        text: &str,
        skip: &[Range<usize>],
    ) -> (Vec<Mention>, Vec<Mention>) {
        let date = Date::day(1962, 6, 28).ok();
        let fast = matcher.find_mentions_outside(text, date, skip);
        NO_EARLY_REJECTION.set(true);
        let slow = matcher.find_mentions_outside(text, date, skip);
        NO_EARLY_REJECTION.set(false);
        (fast, slow)
    }

    /// A registry whose lower-case name openers are too many for the fast
    /// scan ("van", "von", "al", "ibn", "le", "de"): the byte-wise scan.
    fn matcher_with_many_openers() -> Matcher {
        let mut toml = String::new();
        for (id, name, family, given) in [
            ("vds", "Max van der Stoel", "van der Stoel", "Max"),
            ("vb", "Wernher von Braun", "von Braun", "Wernher"),
            ("ah", "Ali al-Hashimi", "al-Hashimi", "Ali"),
            ("is", "Ahmad ibn Saud", "ibn Saud", "Ahmad"),
            ("lp", "Jean le Pen", "le Pen", "Jean"),
        ] {
            toml += &format!(
                "[[person]]\nid = \"{id}\"\nname = {{ text = \"{name}\", system = \"other\", \
                 family = \"{family}\", given = \"{given}\", order = \"given-first\" }}\n"
            );
        }
        let mut registry = Registry::from_toml_str(&toml, "test.toml").expect("valid registry");
        registry.merge(Registry::builtin().clone());
        registry.into_matcher()
    }

    /// Texts that put names next to everything the early rejections look
    /// at: brackets, CRLF, CJK and astral characters, non-ASCII letters,
    /// apostrophes, short words, openers, the end of the text.
    fn tricky_texts() -> Vec<String> {
        let mut texts: Vec<String> = [
            "Vice Minister Ji [Pengfei] met Soviet Ambassador Chervonenko.",
            "Ji\r\nPengfei\r\nChervonenko\r\n[Stepan V.] Chervonenko\r\nM.[ikoyan] M[ikoyan]",
            "姬鹏飞同志 𠀋Ji Ji𠀋 𠀋姬鹏飞 Ji’s Ji' JI, ji, Jiang Ji-Pengfei",
            "de Gaulle, (de Gaulle) and deGaulle; De Gaulle; d[e] Gaulle; van der Stoel von Braun",
            "the delegation of de Gaulle, de9 dé Gaulle de\nGaulle deputy (de) de",
            "al-Hashimi ibn Saud le Pen Le Pen LE PEN [le] Pen",
            "Comr. Stalin [Filippov] and N.S. Khrushchev; R. Kennedy; Zhou [Enlai]",
            "ÉTAT Łódź Raúl Roa Đồng Phạm Văn Đồng Посол Червоненко",
            "The Ambassador in Great Britain (Page) to the Secretary of State\n\nLansing\n",
            "Ji",
            "J",
            "",
            "Mao",
            "Zhou[Enlai]",
            "[Zhou] Enlai [Mao Zedong]",
        ]
        .map(String::from)
        .to_vec();
        // Names of the built-in registry written every way the cables do.
        let registry = Registry::builtin();
        let mut rng = crate::synthetic::Rng::new(7);
        let mut text = String::new();
        for (i, person) in registry.iter().enumerate().step_by(3) {
            let name = &person.name.text;
            let family = &person.name.family;
            let filler = [
                "the ", "said ", "and ", "Soviet ", "Comrade ", "\r\n", "[", "] ", "姬 ", "𠀋 ",
            ];
            text += filler[(rng.next_u64() % filler.len() as u64) as usize];
            text += match i % 5 {
                0 => name.to_string(),
                1 => family.to_string(),
                2 => format!("{} [{}]", family, name),
                3 => family.to_uppercase(),
                _ => format!("Minister {}", family),
            }
            .as_str();
            text += if i % 7 == 0 { "\r\n" } else { ". " };
        }
        texts.push(text);
        texts
    }

    #[test]
    fn early_rejections_never_change_what_is_found() {
        let builtin = Registry::builtin().matcher();
        let many_openers = matcher_with_many_openers();
        assert!(builtin.tester.is_some());
        assert!(many_openers.tester.is_none());
        let mut texts = tricky_texts();
        let corpus = std::env::var_os("CABLELINT_CORPUS")
            .map(std::path::PathBuf::from)
            .unwrap_or_else(|| std::path::PathBuf::from("/work/shared/corpus"));
        if let Ok(entries) = std::fs::read_dir(corpus.join("real")) {
            let mut files: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).collect();
            files.sort();
            for path in files
                .iter()
                .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            {
                texts.push(std::fs::read_to_string(path).expect("a corpus file"));
            }
        }
        for matcher in [&builtin, &many_openers] {
            for text in &texts {
                // Also with part of the text skipped (blanked).
                let third = (text.len() / 3..text.len())
                    .find(|&i| text.is_char_boundary(i))
                    .unwrap_or(text.len());
                let first_third = 0..third;
                for skip in [&[], std::slice::from_ref(&first_third)] {
                    let (fast, slow) = with_and_without_rejections(matcher, text, skip);
                    assert_eq!(fast, slow, "{:?}", &text[..text.len().min(200)]);
                }
            }
        }
    }

    /// Random texts (proptest-style, from fixed seeds) built of the
    /// registry's names and pieces of them, words that share their first
    /// letters, capitals inside words, digits, brackets, CRLF, non-ASCII
    /// and CJK characters, in every order: the fast scan (the chunks'
    /// tests and the early rejections of `may_be_a_name_at`) must find
    /// exactly what the plain path finds, a byte-by-byte scan that looks
    /// up every name start among every pattern. The plain path is kept
    /// for this: any faster scan is checked against it.
    #[test]
    fn random_texts_find_what_the_plain_path_finds() {
        let matcher = Registry::builtin().matcher();
        assert!(matcher.tester.is_some());
        let patterns = matcher.table.patterns();
        let pieces: Vec<&str> =
            " | | |, |. |\r\n|\n|[|]|(|)|’s |'|-|9|1962|the |de |De |side|USSR|\
             McCarthy|Soviet |The |Ambassador |Vice Minister |Comrade |Raúl |é|É|姬|𠀋|—|Ж|x|\
             A|Zh|Chi|Kim|Ji|Li|Ma|Mao|Zhou"
                .split('|')
                .collect();
        let mut rng = crate::synthetic::Rng::new(11);
        let mut mentions = 0;
        for _ in 0..300 {
            let mut text = String::new();
            let length = rng.below(120);
            for _ in 0..length {
                match rng.below(6) {
                    0 | 1 => text += *rng.pick(&pieces),
                    2 => text += &patterns[rng.below(patterns.len())],
                    3 => {
                        // A pattern cut short, run on, or in capitals.
                        let pattern: &str = &patterns[rng.below(patterns.len())];
                        let cut = (1..=pattern.len())
                            .filter(|&i| pattern.is_char_boundary(i))
                            .nth(rng.below(4))
                            .unwrap_or(pattern.len());
                        text += &pattern[..cut];
                        if rng.below(2) == 0 {
                            text += *rng.pick(&["ov", "s", "é", "1", "ang"]);
                        }
                    }
                    4 => text += &patterns[rng.below(patterns.len())].to_uppercase(),
                    _ => text += " ",
                }
                // Mostly words apart, sometimes run together.
                if rng.below(4) != 0 {
                    text += *rng.pick(&[" ", " ", ", ", ". ", "\r\n", " [", "] ", " (", ") "]);
                }
            }
            let (fast, slow) = with_and_without_rejections(&matcher, &text, &[]);
            assert_eq!(fast, slow, "{text:?}");
            mentions += fast.len();
        }
        assert!(
            mentions > 3000,
            "{mentions} mentions: the texts should name people"
        );
    }

    fn starts(text: &str, mut next: impl FnMut(&str, usize) -> Option<usize>) -> Vec<usize> {
        let mut found = Vec::new();
        let mut at = 0;
        while let Some(start) = next(text, at) {
            found.push(start);
            at = start + text[start..].chars().next().map_or(1, char::len_utf8);
        }
        found
    }

    #[test]
    fn word_boundaries_tested_as_bytes_are_those_tested_as_characters() {
        let mut texts = tricky_texts();
        texts.push("a1 Ji9 9Ji éJi Jié 姬Ji Ji姬 𠀋Ji Ji𠀋 \u{a0}Ji\u{a0} (Ji) x".into());
        let mut checked = 0;
        for text in &texts {
            let bounds: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            for (n, &start) in bounds.iter().enumerate() {
                for &end in bounds[n + 1..].iter().take(6) {
                    let span = start..end;
                    assert_eq!(
                        has_word_boundaries(text, &span),
                        has_word_boundaries_by_chars(text, &span),
                        "{:?}",
                        &text[span]
                    );
                    assert_eq!(
                        is_capitalised_like_a_name(&text[span.clone()]),
                        is_capitalised_like_a_name_by_chars(&text[span.clone()]),
                        "{:?}",
                        &text[span]
                    );
                    checked += 1;
                }
            }
        }
        assert!(checked > 10_000, "only {checked}");
    }

    #[test]
    fn finds_brackets_as_a_byte_search_does() {
        let text = "abc[def]ghijklmnop]qrstuvwxyz[{}\\^_ZYXé姬[𠀋]".as_bytes();
        for start in 0..=text.len() {
            for end in start..=text.len() {
                let part = &text[start..end];
                let expected = part.iter().any(|&b| b == b'[' || b == b']');
                assert_eq!(has_bracket(part), expected, "{start}..{end}");
            }
        }
    }

    #[test]
    fn brackets_widen_names_but_not_into_skipped_text() {
        let text = "met Ji [Pengfei] and [Stepan V.] Chervonenko and Kim [\nsource ] x";
        let widened = |name: &str, skipped: &[Range<usize>]| {
            let start = text.find(name).unwrap();
            let mut span = start..start + name.len();
            let completed = widen_to_brackets(text, &mut span, skipped);
            (completed, text[span].to_owned())
        };
        assert_eq!(widened("Ji [Pengfei", &[]), (true, "Ji [Pengfei]".into()));
        assert_eq!(
            widened("Stepan V.] Chervonenko", &[]),
            (true, "[Stepan V.] Chervonenko".into())
        );
        assert_eq!(widened("Kim [", &[]), (true, "Kim [\nsource ]".into()));
        let source = text.find("source").unwrap();
        let skipped = [source..text.len(), text.len()..text.len()];
        assert_eq!(widened("Kim [", &skipped), (true, "Kim [".into()));
        assert_eq!(widened("met", &[]), (false, "met".into()));
    }

    #[test]
    fn an_unclosed_bracket_is_not_closed_by_the_next_bracket() {
        let widened = |text: &str, name: &str| {
            let start = text.find(name).unwrap();
            let mut span = start..start + name.len();
            widen_to_brackets(text, &mut span, &[]);
            text[span].to_owned()
        };
        let text = "Ji [Pengfei handed it to [Stepan V.] Chervonenko";
        assert_eq!(widened(text, "Ji [Pengfei"), "Ji [Pengfei");
        let text = "Ji [Pengfei] and Stepan V.] Chervonenko";
        assert_eq!(
            widened(text, "Stepan V.] Chervonenko"),
            "Stepan V.] Chervonenko"
        );
        // The brackets that do close are still taken in.
        let text = "Ji [Pengfei] and [Stepan V.] Chervonenko";
        assert_eq!(widened(text, "Ji [Pengfei"), "Ji [Pengfei]");
        assert_eq!(
            widened(text, "Stepan V.] Chervonenko"),
            "[Stepan V.] Chervonenko"
        );
    }

    #[test]
    fn the_post_fitting_a_title_is_the_first_that_title_matches_finds() {
        let matcher = Matcher::builtin();
        let titles = [
            "Vice Minister",
            "Ambassador",
            "Foreign Minister",
            "Comrade",
            "Premier",
            "First Secretary",
            "President",
            "Chairman",
            "Deputy Minister of Foreign Affairs",
        ];
        for (index, person) in matcher.registry().iter().enumerate() {
            for title in titles {
                let expected = person
                    .posts
                    .iter()
                    .find(|p| crate::title_matches(title, &p.title));
                assert_eq!(
                    matcher.post_fitting_title(index, title),
                    expected,
                    "{} {title}",
                    person.id
                );
            }
        }
        assert_eq!(matcher.post_fitting_title(usize::MAX, "Ambassador"), None);
    }

    #[test]
    fn the_fast_scan_finds_the_same_name_starts_as_the_bytewise_one() {
        let builtin = Registry::builtin().matcher();
        assert_eq!(
            builtin.tester.as_ref().map(Tester::openers),
            Some(&[(b'd', Some(b'e'))][..])
        );
        let (toml, _) = crate::synthetic::registry_toml(50, 1);
        let mut with_more_openers = Registry::from_toml_str(
            &(toml + "[[person]]\nid = \"vds\"\nname = { text = \"Max van der Stoel\", system = \"other\", family = \"van der Stoel\", given = \"Max\", order = \"given-first\" }\n"),
            "test.toml",
        )
        .expect("valid registry");
        with_more_openers.merge(Registry::builtin().clone());
        let with_more_openers = with_more_openers.matcher();
        assert_eq!(
            with_more_openers.tester.as_ref().map(Tester::openers),
            Some(&[(b'd', Some(b'e')), (b'v', Some(b'a'))][..])
        );
        let texts = [
            "Vice Minister Ji [Pengfei] met Soviet Ambassador Chervonenko.",
            "abcDef gHI 9A a9B x-Y x'Z de Gaulle, (de Gaulle) and deGaulle van der Stoel",
            "1234567d de\nabcdefgde vanx van d-e d",
            "ÉTAT Łódź éA aÉ Ωmega ωMEGA ﬁX dé de",
            "中文Ji 姬鹏飞同志 𠀋Ji ji de",
            "Посол Червоненко и посол",
            "\u{feff}A\r\nB\tC  D,E.F(G)[H]",
            "",
            "d",
            "lowercase only text with no capitals at all, more than eight bytes",
        ];
        for matcher in [&builtin, &with_more_openers] {
            let tester = matcher.tester.as_ref().expect("few openers");
            for text in texts {
                let candidates = Candidates::new(text.as_bytes(), tester);
                assert_eq!(
                    starts(text, |t, at| matcher.next_name_start_by_words(
                        t,
                        at,
                        &candidates
                    )),
                    starts(text, |t, at| matcher.next_name_start_bytewise(t, at)),
                    "{text:?}"
                );
            }
        }
        let tester = builtin.tester.as_ref().expect("few openers");
        let candidates = Candidates::new(texts[1].as_bytes(), tester);
        let found = starts(texts[1], |t, at| {
            builtin.next_name_start_by_words(t, at, &candidates)
        });
        let words: Vec<&str> = found.iter().map(|&i| &texts[1][i..i + 2]).collect();
        assert_eq!(words, ["Y ", "Z ", "de", "Ga", "de", "Ga", "St"]);
    }
}
