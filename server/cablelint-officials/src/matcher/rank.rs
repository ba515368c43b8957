//! Choosing between people who share a name: given names and initials
//! written before the surname, the title written in the text, the posts held
//! on the document date, glosses, and other mentions in the same text.

use std::borrow::Cow;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use smallvec::SmallVec;

use super::context::Word;
use super::patterns::{Entry, PatternTable};
use super::Matcher;
use super::{Candidate, CandidateList, Mention, MentionForm};
use crate::date::Date;
use crate::fold::{fold_to_ascii, fold_to_ascii_into};
use crate::model::Post;
use crate::model::{Person, VariantKind};
use crate::title::{PostSense, TitleSense};

mod completions;

pub(crate) use completions::*;

// Weights. Only their order matters: a contradiction-free given name beats a
// fitting title, which beats merely holding some post on the date.
const GLOSS_AGREES: i32 = 10;
const TITLE_FITS_ON_DATE: i32 = 8;
const GIVEN_NAME_FITS: i32 = 6;
const IN_POST_ON_DATE: i32 = 4;
const TITLE_FITS_SOME_POST: i32 = 3;
const NAMED_IN_FULL_ELSEWHERE: i32 = 3;
const TITLE_FITS_NO_POST: i32 = -2;
const NOT_ALIVE_ON_DATE: i32 = -6;

/// Given names or initials written before a surname that fit some of the
/// people the surname may name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct GivenEvidence {
    /// Where the given names start in the reading.
    pub start: usize,
    /// People whose given names fit.
    pub persons: Vec<usize>,
    /// Only initials were written ("N.S.", "R.").
    pub initials_only: bool,
}

/// A written given-name token: a whole word (lowercase ASCII-folded unless
/// it is plain ASCII, when it is compared ignoring case) or an initial.
enum Token<'a> {
    Word(Cow<'a, str>),
    Initial(char),
}

/// Appends the tokens of one written word to `out`.
fn push_tokens<'a>(word: &Word<'a>, out: &mut Vec<Token<'a>>) {
    match word.initials() {
        Some(letters) => out.extend(
            letters
                .into_iter()
                .map(|c| Token::Initial(c.to_ascii_lowercase())),
        ),
        None if word.text.is_ascii() => out.extend(
            word.text
                .split('-')
                .filter(|w| !w.is_empty())
                .map(|w| Token::Word(Cow::Borrowed(w))),
        ),
        None => {
            let folded = fold_to_ascii(word.text).to_ascii_lowercase();
            out.extend(
                folded
                    .split('-')
                    .filter(|w| !w.is_empty())
                    .map(|w| Token::Word(Cow::Owned(w.to_owned()))),
            );
        }
    }
}

/// Whether written tokens are a prefix of a person's given names, word for
/// word or initial for word ("Stepan V." fits "Stepan Vasilyevich").
fn fits(written: &[Token<'_>], given: &[Cow<'static, str>]) -> bool {
    written.len() <= given.len()
        && written.iter().zip(given).all(|(token, name)| {
            let name_initial = name.chars().next();
            match token {
                Token::Initial(c) => name_initial == Some(*c),
                Token::Word(w) if name.len() <= 2 && name.ends_with('.') => {
                    w.chars().next().map(|c| c.to_ascii_lowercase()) == name_initial
                }
                Token::Word(w) => w.eq_ignore_ascii_case(name),
            }
        })
}

/// Looks for the longest run of given names before the surname that fits
/// at least one person the surname may name.
pub(crate) fn given_evidence(
    table: &PatternTable,
    entries: &[Entry],
    words: &[Word<'_>],
) -> Option<GivenEvidence> {
    if words.is_empty() || !may_fit_someone(table, entries, words) {
        return None;
    }
    given_evidence_from_tokens(table, entries, words)
}

/// [`given_evidence`] without the test of first letters: the tokens of the
/// words compared with every person's given names (also the oracle).
fn given_evidence_from_tokens(
    table: &PatternTable,
    entries: &[Entry],
    words: &[Word<'_>],
) -> Option<GivenEvidence> {
    if words.is_empty() {
        return None;
    }
    // The tokens of every word once: a shorter run's are a suffix of them.
    let mut all = Vec::new();
    let mut first_token = Vec::with_capacity(words.len());
    for word in words {
        first_token.push(all.len());
        push_tokens(word, &mut all);
    }
    for skip in 0..words.len() {
        let run = &words[skip..];
        let written = &all[first_token[skip]..];
        let persons: Vec<usize> = entries
            .iter()
            .map(|e| e.person)
            .filter(|&p| {
                table
                    .given_names(p)
                    .iter()
                    .any(|given| fits(written, given))
            })
            .collect();
        if !persons.is_empty() {
            return Some(GivenEvidence {
                start: run[0].start,
                persons,
                initials_only: written.iter().all(|t| matches!(t, Token::Initial(_))),
            });
        }
    }
    None
}

/// Whether some run of `words` may fit the given names of a person of
/// `entries`: a necessary condition of [`given_evidence`] finding one,
/// tested without making tokens. The first token of a run is its first
/// word's, which for an ASCII word (initials or a capitalised word) starts
/// with its first letter; every way [`fits`] compares a token with a name
/// needs that letter to begin the name, ignoring ASCII case. Words that are
/// not ASCII are left to [`given_evidence`].
fn may_fit_someone(table: &PatternTable, entries: &[Entry], words: &[Word<'_>]) -> bool {
    words.iter().any(|word| {
        let (Some(&first), true) = (word.text.as_bytes().first(), word.text.is_ascii()) else {
            return true;
        };
        let first = first.to_ascii_lowercase();
        entries.iter().any(|entry| {
            table.given_names(entry.person).iter().any(|given| {
                given
                    .first()
                    .and_then(|name| name.as_bytes().first())
                    .is_some_and(|b| b.to_ascii_lowercase() == first)
            })
        })
    })
}

/// The people the entries may name, in entry order, not yet scored
/// ([`score_candidates`]). People whose given names contradict written
/// ones are left out, and so are entries whose form needs a context when
/// there is none (`has_context`). None left: the hit is no mention.
pub(crate) fn candidates_of(
    entries: &[Entry],
    has_context: bool,
    given: Option<&GivenEvidence>,
) -> CandidateList {
    let mut candidates = CandidateList::new();
    // Forms that need a context to be a name count only with one.
    for entry in entries.iter().filter(|e| e.alone || has_context) {
        // Entries of one pattern name distinct people; this is a guard.
        if candidates.iter().any(|c| c.person == entry.person) {
            continue;
        }
        if given.is_some_and(|g| !g.persons.contains(&entry.person)) {
            continue;
        }
        candidates.push(Candidate {
            person: entry.person,
            score: 0,
            in_post_on_date: false,
            title_fits: false,
        });
    }
    candidates
}

/// What scoring a mention's candidates needs besides the registry and the
/// date: kept from its examination, so that the scores are reckoned only
/// for a list the caller wants (`Matcher::find_mentions_outside_if`).
#[derive(Clone, Copy)]
pub(crate) struct Scoring {
    /// Given names were written, and fit every candidate.
    pub given: bool,
    /// The written title's sense, when it names a rank.
    pub ranked_title: Option<TitleSense>,
}

/// Scores the candidates of a mention ([`candidates_of`]). `post_senses`
/// holds, per person, the analysed title of each post (see
/// [`PostSense`]); `date_days` are the days of the document's date,
/// reckoned once per document.
pub(crate) fn score_candidates(
    post_senses: &[Vec<PostSense>],
    post_days: &[Vec<DayRange>],
    life_days: &[DayRange],
    candidates: &mut [Candidate],
    scoring: &Scoring,
    date_days: Option<DayRange>,
) {
    // `Post::held_on`, with the days of the date and of each post reckoned
    // once rather than for every post of every candidate.
    let held = |days: &DayRange| date_days.is_some_and(|date| days.overlaps(&date));
    for candidate in candidates {
        let person = candidate.person;
        let senses = &post_senses[person];
        let days = &post_days[person];
        let mut score = 0;
        if scoring.given {
            score += GIVEN_NAME_FITS;
        }
        let in_post_on_date = days.iter().any(held);
        if in_post_on_date {
            score += IN_POST_ON_DATE;
        }
        // `person.alive_on(date)`, with the days reckoned once.
        if date_days.is_some_and(|date| !life_days[person].overlaps(&date)) {
            score += NOT_ALIVE_ON_DATE;
        }
        let mut title_fits = false;
        if let Some(title) = &scoring.ranked_title {
            let held_on_date = days
                .iter()
                .zip(senses)
                .any(|(days, sense)| held(days) && sense.fitted_by(title));
            if held_on_date {
                title_fits = true;
                score += TITLE_FITS_ON_DATE;
            } else if senses.iter().any(|sense| sense.fitted_by(title)) {
                title_fits = date_days.is_none();
                score += TITLE_FITS_SOME_POST;
            } else {
                score += TITLE_FITS_NO_POST;
            }
        }
        *candidate = Candidate {
            person,
            score,
            in_post_on_date,
            title_fits,
        };
    }
}

impl Matcher {
    /// [`Matcher::title_held_on`] for a title already analysed, such as a
    /// mention's [`super::Mention::title_sense`].
    pub fn title_sense_held_on(&self, person: usize, written: &TitleSense, date: Date) -> bool {
        // `post.held_on(date)` with the posts' days reckoned once (by
        // `Matcher::new`) and the date's once here, not once per post.
        let (Some(days), Some(senses)) = (self.post_days.get(person), self.post_senses.get(person))
        else {
            return false;
        };
        let day = DayRange::of_date(date);
        // "former Foreign Minister Molotov" in 1962: held before the date.
        let held_when_written = |days: &DayRange| match written.when {
            crate::title::TitleTime::OnDate => days.overlaps(&day),
            crate::title::TitleTime::Before => days.first <= day.last,
            crate::title::TitleTime::After => days.last >= day.first,
            crate::title::TitleTime::Any => true,
        };
        days.iter()
            .zip(senses)
            .any(|(days, sense)| held_when_written(days) && sense.fitted_by(written))
            || (crate::title::is_courtesy_title(written)
                && self.registry.persons().get(person).is_some_and(|person| {
                    crate::title::courtesy_title_fits(written, &person.posts, senses, date)
                }))
    }

    /// [`Matcher::post_fitting_title`] for a title already analysed.
    pub fn post_fitting_title_sense(&self, person: usize, written: &TitleSense) -> Option<&Post> {
        self.posts_fitting(person, *written).next()
    }

    /// The post the written title fits that lies nearest `date` (ties: the
    /// first in the registry), for a message naming what the person held
    /// "at another time": Deng Xiaoping's vice premiership of 1973–76, not
    /// of 1952–68, for a text of July 1976.
    pub fn post_fitting_title_sense_near(
        &self,
        person: usize,
        written: &TitleSense,
        date: Date,
    ) -> Option<&Post> {
        let day = DayRange::of_date(date);
        self.posts_fitting(person, *written)
            .min_by_key(|post| DayRange::of(post.start, post.end.as_ref()).gap_to(&day))
    }

    /// The person's posts that the written title fits, in registry order.
    fn posts_fitting(&self, person: usize, written: TitleSense) -> impl Iterator<Item = &Post> {
        let posts = self
            .registry
            .persons()
            .get(person)
            .map_or(&[][..], |p| &p.posts[..]);
        let senses = self.post_senses.get(person).map_or(&[][..], |s| &s[..]);
        posts
            .iter()
            .zip(senses)
            .filter(move |(_, sense)| sense.fitted_by(&written))
            .map(|(post, _)| post)
    }
}

/// The days a date or a post may stand for, as `yyyymmdd` keys: from the
/// first day of the start to the last day of the end (open: no end).
#[derive(Clone, Copy, Debug)]
pub(crate) struct DayRange {
    first: i64,
    last: i64,
}

impl DayRange {
    /// The days of a document's date.
    pub(crate) fn of_date(date: Date) -> DayRange {
        DayRange::of(date, Some(&date))
    }

    pub(crate) fn of(start: Date, end: Option<&Date>) -> DayRange {
        DayRange {
            first: start.first_day(),
            last: end.map_or(i64::MAX, Date::last_day),
        }
    }

    /// The days a person may have been alive: from the first day of their
    /// birth date to the last of their death date, open where unknown.
    /// Overlapping a date's days is [`Person::alive_on`] that date.
    pub(crate) fn of_life(person: &Person) -> DayRange {
        DayRange {
            first: person.born.map_or(i64::MIN, |born| born.first_day()),
            last: person.died.map_or(i64::MAX, |died| died.last_day()),
        }
    }

    /// Whether the two may share a day: [`Date::may_fall_within`].
    fn overlaps(&self, other: &DayRange) -> bool {
        self.first <= other.last && other.first <= self.last
    }

    /// About how many days lie between the two (0 if they overlap): a
    /// `yyyymmdd` key read as 372-day years of 31-day months, close enough
    /// to tell the nearer of two terms.
    fn gap_to(&self, other: &DayRange) -> i64 {
        let days = |key: i64| key / 10_000 * 372 + key / 100 % 100 * 31 + key % 100;
        if self.overlaps(other) {
            0
        } else if self.last < other.first {
            days(other.first) - days(self.last)
        } else {
            days(self.first) - days(other.last)
        }
    }
}

/// `Filippov [Stalin]`, `Pak Heon-yeong [Pak Hon Yong]`: a name glossed in
/// brackets right after another. People named by both are preferred in both.
pub(crate) fn link_glosses(text: &str, mentions: &mut [Mention]) {
    for i in 1..mentions.len() {
        let (head, tail) = mentions.split_at_mut(i);
        let (previous, current) = (&mut head[i - 1], &mut tail[0]);
        if !bracketed_right_after(text, previous, current) {
            continue;
        }
        let shared: HashSet<usize> = previous
            .candidates
            .iter()
            .map(|c| c.person)
            .filter(|p| current.candidates.iter().any(|c| c.person == *p))
            .collect();
        if shared.is_empty() {
            continue;
        }
        current.glosses = Some(i - 1);
        for candidate in previous
            .candidates
            .iter_mut()
            .chain(current.candidates.iter_mut())
        {
            if shared.contains(&candidate.person) {
                candidate.score += GLOSS_AGREES;
            }
        }
    }
}

/// A person named unambiguously somewhere in the text ("Robert Kennedy") is
/// likelier to be meant by an ambiguous mention ("Kennedy") elsewhere.
pub(crate) fn boost_coreferent(mentions: &mut [Mention]) {
    // Only a mention with more than one candidate is boosted: most
    // documents have none, and then the people named are not gathered
    // (and sorted) for nothing.
    if mentions.iter().all(|m| m.candidates.len() <= 1) {
        return;
    }
    // A document names few people: a list beats a hash set, and on the
    // stack it costs no allocation per document.
    let mut named: SmallVec<[usize; 16]> =
        mentions.iter().filter_map(named_without_doubt).collect();
    if named.is_empty() {
        return;
    }
    named.sort_unstable();
    named.dedup();
    for mention in mentions.iter_mut().filter(|m| m.candidates.len() > 1) {
        for candidate in mention.candidates.iter_mut() {
            if named.binary_search(&candidate.person).is_ok() {
                candidate.score += NAMED_IN_FULL_ELSEWHERE;
            }
        }
    }
}

/// The person a mention names without doubt: a name that is more than a
/// surname and fits one person ("Raúl Castro"), or a surname whose title
/// fits only one of its bearers ("Prime Minister Castro" in 1962 is
/// Fidel, not his brother, then minister of the armed forces).
fn named_without_doubt(mention: &Mention) -> Option<usize> {
    match mention.candidates.as_slice() {
        [only] if mention.form != MentionForm::Surname => Some(only.person),
        [best, rest @ ..] if best.title_fits && rest.iter().all(|c| !c.title_fits) => {
            Some(best.person)
        }
        _ => None,
    }
}

/// Best first; ties keep registry order (data files list the likelier
/// person first).
pub(crate) fn sort_candidates(candidates: &mut [Candidate]) {
    candidates.sort_by(|a, b| b.score.cmp(&a.score).then(a.person.cmp(&b.person)));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::Registry;

    /// The plain version, which folded every name into new strings.
    fn are_given_names_of_oracle(person: &Person, words: &str) -> bool {
        let folded = |word: &str| fold_to_ascii(word).to_lowercase();
        let mut given: Vec<String> = Vec::new();
        if let Some(name) = &person.name.given {
            given.extend(name.split_whitespace().map(folded));
        }
        for variant in &person.variants {
            if let (VariantKind::Full, Some(family)) = (variant.kind, &variant.family) {
                let without_family = variant.text.replacen(&**family, " ", 1);
                given.extend(without_family.split_whitespace().map(folded));
            }
        }
        let mut written = words.split_whitespace().peekable();
        written.peek().is_some() && written.all(|word| given.contains(&folded(word)))
    }

    #[test]
    fn given_names_are_compared_as_the_plain_version_folds_them() {
        let registry = Registry::builtin();
        let persons = registry.persons();
        // Every person's given names, written as they are, in capitals and
        // without diacritics, tried against every person.
        let mut tried = vec![
            String::new(),
            "  ".into(),
            "Andrei Dean".into(),
            "MIECZYSŁAW".into(),
            "Pengfei 𠀋".into(),
            "ANDREI ANDREYEVICH".into(),
        ];
        for person in persons {
            for given in person.name.given.iter() {
                tried.push(given.to_string());
                tried.push(given.to_uppercase());
                tried.push(fold_to_ascii(given).into_owned());
            }
        }
        let mut matched = 0;
        for words in &tried {
            for person in persons {
                let expected = are_given_names_of_oracle(person, words);
                matched += usize::from(expected);
                assert_eq!(
                    GivenNames::of(person).hold_all(words),
                    expected,
                    "{} {words:?}",
                    person.id
                );
            }
        }
        assert!(matched > persons.len(), "only {matched} matches");
    }

    /// [`bracket_opening_at`] as first written, with `str::find`.
    fn bracket_opening_at_oracle(text: &str, at: usize) -> Option<Range<usize>> {
        let rest = text.get(at..)?;
        let gap = rest.len() - rest.trim_start_matches([' ', '\t']).len();
        if !rest[gap..].starts_with('[') {
            return None;
        }
        let start = at + gap + 1;
        let length = text[start..].find(['[', ']', '\n', '\r'])?;
        (length > 0 && text[start + length..].starts_with(']')).then_some(start..start + length)
    }

    #[test]
    fn brackets_after_names_are_found_as_a_character_search_finds_them() {
        let text = "Gromyko [Andrei] Ji\t [Péngfei 𠀋] Kim [\nx] Li [] Ma [a[b]] Zhou [Enlai\r]\
                    Mao [Zedong";
        let mut found = 0;
        for at in (0..=text.len() + 1).filter(|&i| i > text.len() || text.is_char_boundary(i)) {
            let expected = bracket_opening_at_oracle(text, at);
            assert_eq!(bracket_opening_at(text, at), expected, "at {at}");
            found += usize::from(expected.is_some());
        }
        assert!(found >= 3, "only {found} brackets");
    }

    #[test]
    fn the_first_letter_test_never_changes_the_given_names_found() {
        let matcher = Registry::builtin().matcher();
        let runs = [
            "Stepan V.",
            "S.V.",
            "N.S.",
            "Nikita Sergeyevich",
            "Robert F.",
            "R.",
            "Pengfei",
            "Zhou",
            "J.-P.",
            "Jean-Paul",
            "Anastas Ivanovich",
            "Mieczysław",
            "Ádám",
            "Soviet Ambassador",
            "Comrade",
            "Dean",
            "A. A.",
            "Zhou Enlai",
            "É.",
        ];
        let mut found = 0;
        for pattern in 0..matcher.pattern_count() {
            let entries = matcher.table.entries(pattern);
            for run in runs {
                let mut words = Vec::new();
                let mut at = 0;
                for text in run.split(' ') {
                    words.push(Word::new(text, at));
                    at += text.len() + 1;
                }
                let fast = given_evidence(&matcher.table, entries, &words);
                let full = given_evidence_from_tokens(&matcher.table, entries, &words);
                assert_eq!(fast, full, "{run:?} before pattern {pattern}");
                found += usize::from(fast.is_some());
            }
        }
        assert!(found > 20, "only {found} given names found");
    }

    #[test]
    fn an_analysed_title_fits_the_posts_its_text_fits() {
        let matcher = Registry::builtin().matcher();
        let titles = [
            "Vice Minister",
            "Foreign Minister",
            "[Soviet Ambassador]",
            "Comrade",
            "Premier",
            "Chargé d'Affaires",
            "First Deputy Minister of Foreign Affairs",
            "President",
        ];
        let dates = [
            "1950",
            "1962-06-28",
            "1975-03",
            "1991-12-25",
            "1949-10-01",
            "1958-02",
            "1972",
        ]
        .map(|d| d.parse::<Date>().expect("a date"));
        for person in 0..matcher.registry().persons().len() {
            for title in titles {
                let sense = crate::title::analyse(title);
                assert_eq!(
                    matcher.post_fitting_title_sense(person, &sense),
                    matcher.post_fitting_title(person, title)
                );
                for date in dates {
                    let held = matcher.title_sense_held_on(person, &sense, date);
                    assert_eq!(
                        held,
                        matcher.title_held_on(person, title, date),
                        "{person} {title} {date:?}"
                    );
                    // The posts' days reckoned once answer as each post's
                    // `held_on` does.
                    let posts = &matcher.registry().persons()[person].posts;
                    let senses = &matcher.post_senses[person];
                    let by_posts = posts.iter().zip(senses).any(|(post, post_sense)| {
                        post.held_on(date) && post_sense.fitted_by(&sense)
                    }) || (crate::title::is_courtesy_title(&sense)
                        && crate::title::courtesy_title_fits(&sense, posts, senses, date));
                    assert_eq!(held, by_posts, "{person} {title} {date:?}");
                }
            }
        }
        let sense = crate::title::analyse("Ambassador");
        assert!(!matcher.title_sense_held_on(usize::MAX, &sense, dates[0]));
        assert_eq!(matcher.post_fitting_title_sense(usize::MAX, &sense), None);
    }

    #[test]
    fn a_life_overlaps_a_date_when_the_person_may_be_alive_on_it() {
        let mut dates = Vec::new();
        for year in (1880..=2030).step_by(3) {
            dates.push(Date::year(year));
            for month in [1, 6, 12] {
                dates.push(Date::month(year, month).expect("a month"));
                for day in [1, 15, 28] {
                    dates.push(Date::day(year, month, day).expect("a day"));
                }
            }
        }
        let mut checked = 0;
        for person in Registry::builtin().iter() {
            let life = DayRange::of_life(person);
            for &date in &dates {
                assert_eq!(
                    life.overlaps(&DayRange::of(date, Some(&date))),
                    person.alive_on(date),
                    "{} on {date:?}",
                    person.id
                );
                checked += 1;
            }
        }
        assert!(checked > 10_000);
    }
}
