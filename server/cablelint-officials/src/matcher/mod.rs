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
mod examine;
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
mod spare;
mod starts;
pub(crate) mod tables;

use std::borrow::Cow;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use std::collections::HashSet;

use smallvec::SmallVec;

use crate::date::Date;
use crate::model::{Person, Post};
use crate::registry::Registry;
use crate::title::{PostSense, TitleSense};

use first_words::FirstWords;
use lookup::PatternLookup;
use lookups::Lookups;
use openings::Openings;
use patterns::PatternTable;
use prefixes::Prefixes;
use reading::Reading;
use scan::{Candidates, Tester};
use starts::after_rejected;
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
            words,
            post_senses,
        } = tables;
        // Searches start only where a name can (see `next_name_start_by_words`), so
        // a sorted list serves as well as an automaton and builds in a
        // fraction of the time.
        let lookups = Lookups::build(table.patterns(), order, &words);
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
        self.find_mentions_outside_if(text, date, skip, |_| true)
    }

    /// [`Matcher::find_mentions_outside`] when `wanted` says that the
    /// mentions as first examined (their candidates' people known, not yet
    /// scored) hold one that matters to the caller; else an empty list.
    /// The work after that examination (scores, editorial completions,
    /// glosses, people named elsewhere, the final order of candidates)
    /// then is not done (about 3 K instructions a generated cable). They add no mention and never give one a title or
    /// change it; they widen a span to a bracket that completes the name
    /// (a surname so completed becomes a full name), take a mention into
    /// the one before it, and reorder or drop candidates, never adding
    /// one. So a `wanted` that asks about titles, title senses, forms
    /// other than a completed surname, or whether some candidate is a
    /// given person, sees what the full list would hold.
    pub fn find_mentions_outside_if(
        &self,
        text: &str,
        date: Option<Date>,
        skip: &[Range<usize>],
        wanted: impl FnOnce(&[Mention]) -> bool,
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
        // What scoring each mention's candidates takes, beside `found`.
        let mut scorings: SmallVec<[rank::Scoring; FEW_MENTIONS]> = SmallVec::new();
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
        while let Some((start, (pattern, length))) = match &candidates {
            Some(candidates) => self.next_hit_by_words(read, pos, candidates),
            None => self.next_hit_bytewise(read, pos),
        } {
            let span = start..start + length;
            match self.examine(&reading, text, span.clone(), pattern, floor) {
                Some((mention, scoring)) => {
                    pos = span.end;
                    floor = span.end;
                    if found.is_empty() {
                        found.reserve(FEW_MENTIONS);
                    }
                    found.push(mention);
                    scorings.push(scoring);
                }
                None => pos = after_rejected(read, span.start),
            }
        }
        if !wanted(&found) {
            found.clear();
            return found;
        }
        for (mention, scoring) in found.iter_mut().zip(&scorings) {
            rank::score_candidates(
                &self.post_senses,
                &self.post_days,
                &self.life_days,
                &mut mention.candidates,
                scoring,
                date_days,
            );
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

#[cfg(test)]
mod tests;
