//! The in-memory model of a registry entry: a person, the forms of their
//! name, and the posts they held. Built from the TOML format by
//! [`crate::format`]; everything here has been validated.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

use serde::Deserialize;

use crate::date::Date;
use crate::title;

/// One official.
#[derive(Clone, Debug, PartialEq)]
pub struct Person {
    /// Stable identifier, e.g. `ji-pengfei`. User registries override
    /// built-in entries with the same id.
    pub id: Cow<'static, str>,
    /// The canonical name.
    pub name: PersonName,
    /// The name in native scripts (Chinese characters, Cyrillic, Hangul…).
    pub native: Vec<NativeName>,
    /// Other romanisations, short forms and pseudonyms.
    pub variants: Vec<NameVariant>,
    /// Whether the family name on its own (no title, no given name) is a
    /// mention of this person. True for distinctive names such as
    /// "Chervonenko"; false for "Kim", "Li" or "Page".
    pub surname_alone: bool,
    pub born: Option<Date>,
    pub died: Option<Date>,
    pub summary: Cow<'static, str>,
    pub posts: Vec<Post>,
    pub sources: Vec<Cow<'static, str>>,
    /// Where the entry was read from, for go-to-definition.
    pub origin: Origin,
}

/// The canonical name and how it divides into family and given names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PersonName {
    pub text: Cow<'static, str>,
    pub system: System,
    pub family: Cow<'static, str>,
    pub given: Option<Cow<'static, str>>,
    pub order: NameOrder,
}

/// Whether the family name comes first ("Ji Pengfei") or last ("Dean Rusk").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NameOrder {
    FamilyFirst,
    GivenFirst,
}

/// The romanisation (or spelling convention) a Latin-script form follows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum System {
    /// Hanyu Pinyin (PRC standard since 1958; used by the Wilson Center).
    Pinyin,
    /// Wade–Giles, common in Western sources before 1979.
    WadeGiles,
    /// Chinese Postal romanisation ("Peking", "Chungking").
    Postal,
    /// BGN/PCGN romanisation of Russian.
    BgnPcgn,
    /// ALA–Library of Congress romanisation.
    LibraryOfCongress,
    /// Scholarly (scientific) transliteration of Cyrillic.
    Scholarly,
    /// German transliteration of Cyrillic ("Tschernenko").
    German,
    /// French transliteration of Cyrillic ("Khrouchtchev").
    French,
    /// Polish transliteration of Cyrillic ("Chruszczow").
    Polish,
    /// McCune–Reischauer romanisation of Korean.
    MccuneReischauer,
    /// South Korean Revised Romanisation.
    RevisedRomanization,
    /// Hepburn romanisation of Japanese.
    Hepburn,
    /// Vietnamese alphabet (quốc ngữ), with or without its diacritics.
    Vietnamese,
    /// The person's own Latin-alphabet spelling (English, Polish, Czech…).
    Latin,
    /// A customary English spelling that follows no system
    /// ("Chiang Kai-shek", "Kim Il Sung", "Vyshinsky").
    Conventional,
    Other,
}

impl System {
    pub fn as_str(&self) -> &'static str {
        match self {
            System::Pinyin => "pinyin",
            System::WadeGiles => "wade-giles",
            System::Postal => "postal",
            System::BgnPcgn => "bgn-pcgn",
            System::LibraryOfCongress => "library-of-congress",
            System::Scholarly => "scholarly",
            System::German => "german",
            System::French => "french",
            System::Polish => "polish",
            System::MccuneReischauer => "mccune-reischauer",
            System::RevisedRomanization => "revised-romanization",
            System::Hepburn => "hepburn",
            System::Vietnamese => "vietnamese",
            System::Latin => "latin",
            System::Conventional => "conventional",
            System::Other => "other",
        }
    }
}

impl fmt::Display for System {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A name written in a non-Latin script.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NativeName {
    pub text: Cow<'static, str>,
    pub script: Script,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Script {
    SimplifiedChinese,
    TraditionalChinese,
    Cyrillic,
    Hangul,
    Hanja,
    Japanese,
    Other,
}

/// What a variant form is, which decides when it counts as a mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum VariantKind {
    /// A complete name in another romanisation ("Chi P'eng-fei"); matched on
    /// its own.
    #[default]
    Full,
    /// A one-word reference ("Ji", "Dong", "Fidel"): matched only with a
    /// title, initials, a given name or an editorial completion, unless the
    /// variant says `alone = true`.
    Short,
    /// A cover name ("Filippov" for Stalin); matched on its own.
    Pseudonym,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NameVariant {
    pub text: Cow<'static, str>,
    pub system: System,
    pub kind: VariantKind,
    /// Family-name part of a full variant (derived from the name order when
    /// the file does not give it).
    pub family: Option<Cow<'static, str>>,
    /// Whether this form is a mention without any context.
    pub alone: bool,
}

/// A post held between two dates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Post {
    pub title: Cow<'static, str>,
    pub org: Cow<'static, str>,
    pub start: Date,
    /// None when the file does not record the end; such a post is treated as
    /// still held.
    pub end: Option<Date>,
    pub source: Cow<'static, str>,
    /// Disagreements between sources, uncertainty, acting status.
    pub note: Option<Cow<'static, str>>,
}

impl Post {
    /// Whether the post may have been held on `date`, respecting the
    /// precision of all three dates.
    pub fn held_on(&self, date: Date) -> bool {
        date.may_fall_within(&self.start, self.end.as_ref())
    }
}

/// Where an entry was defined.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The file name or the name passed to `Registry::from_toml_str`.
    pub file: Arc<str>,
    /// Byte span of the `[[person]]` table in that file.
    pub span: Range<usize>,
    /// 1-based line of the start of the span.
    pub line: usize,
}

impl Person {
    /// Posts that may have been held on `date`.
    pub fn posts_on(&self, date: Date) -> impl Iterator<Item = &Post> + '_ {
        self.posts.iter().filter(move |post| post.held_on(date))
    }

    /// Whether a title written in a text ("Foreign Minister", "Vice
    /// Minister", "Ambassador") matches a post this person may have held on
    /// `date`. A bare honorific ("Comrade", "Mr.") matches any post held.
    /// "Ambassador" and "Governor" alone are also courtesy titles: a
    /// former governor keeps the title; heads of mission with an
    /// ambassador's rank bear "Ambassador", and so do former ambassadors
    /// holding no other titled post that day.
    pub fn title_held_on(&self, title_text: &str, date: Date) -> bool {
        if self
            .posts_on(date)
            .any(|post| title::title_matches(title_text, &post.title))
        {
            return true;
        }
        let written = title::analyse(title_text);
        title::is_courtesy_title(&written) && {
            let senses: Vec<_> = self
                .posts
                .iter()
                .map(|p| title::PostSense::new(&p.title))
                .collect();
            title::courtesy_title_fits(&written, &self.posts, &senses, date)
        }
    }

    /// Whether a title written in a text matches any post of this person,
    /// whatever the date.
    pub fn title_ever_held(&self, title_text: &str) -> bool {
        self.posts
            .iter()
            .any(|post| title::title_matches(title_text, &post.title))
    }

    /// Whether the person may have been alive on `date` (unknown birth or
    /// death dates do not exclude anything).
    pub fn alive_on(&self, date: Date) -> bool {
        let born_ok = self.born.is_none_or(|born| date.may_be_after(&born));
        let died_ok = self.died.is_none_or(|died| died.may_be_after(&date));
        born_ok && died_ok
    }

    /// Every Latin-script form of the name: canonical first, then variants.
    pub fn latin_forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(&*self.name.text).chain(self.variants.iter().map(|v| &*v.text))
    }
}
