//! A run whose only officials' rules are O001 and O002 gets the mentions
//! those two may report or none (`Context::mentions`): their findings must
//! be those of a run that finds every mention (one with O003 too), on
//! texts made of registry names, titles, brackets and dates.

use crate::lint::{self, CheckOptions, RuleSelection};
use crate::officials::mentions::{mentions_on, mentions_where};
use crate::officials::{builtin_matcher, document_date, Romanisation};
use crate::text::SourceText;

/// A small deterministic generator (xorshift), so a failure can be rerun.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// Names as texts write them: full names in every system, surnames alone,
/// surnames completed in brackets, given names in brackets after them.
fn name_pieces() -> Vec<String> {
    let mut pieces = Vec::new();
    for (i, person) in builtin_matcher().registry().persons().iter().enumerate() {
        // Every seventh person keeps the texts short and the run quick.
        if i % 7 != 0 {
            continue;
        }
        let family = &person.name.family;
        pieces.push(person.name.text.to_string());
        pieces.push(family.to_string());
        if let Some(given) = &person.name.given {
            pieces.push(format!("{family} [{given}]"));
            pieces.push(format!("[{given}] {family}"));
        }
        pieces.extend(person.variants.iter().map(|v| v.text.to_string()));
    }
    pieces
}

const OTHER_PIECES: &[&str] = &[
    "Vice Minister",
    "Foreign Minister",
    "Minister of Foreign Affairs",
    "Ambassador",
    "ambassador",
    "Comrade",
    "Premier",
    "Chairman",
    "First Secretary",
    "Second Secretary",
    "General Secretary",
    "President",
    "Mr.",
    "met",
    "said that",
    "and",
    "the",
    "[of June]",
    "[Translator's note: see above]",
    "(",
    ")",
    ",",
    ".\n\n",
    "\n",
];

const DATE_LINES: &[&str] = &[
    "June 28, 1962\n\n",
    "1949\n\n",
    "16 October 1971\n\n",
    "March 3, 1958\n\n",
    "",
];

fn text(rng: &mut Rng, names: &[String]) -> String {
    let mut text = DATE_LINES[rng.below(DATE_LINES.len())].to_owned();
    for _ in 0..4 + rng.below(30) {
        match rng.below(3) {
            0 => text.push_str(&names[rng.below(names.len())]),
            _ => text.push_str(OTHER_PIECES[rng.below(OTHER_PIECES.len())]),
        }
        text.push(' ');
    }
    text
}

fn options(codes: &[&str], romanisation: Romanisation) -> CheckOptions {
    CheckOptions {
        selection: RuleSelection {
            select: Some(codes.iter().map(|c| c.to_string()).collect()),
            ..Default::default()
        },
        romanisation,
        ..Default::default()
    }
}

/// The findings of O001 and O002 on `text`, with O003 in the run or not.
fn findings(text: &str, with_o003: bool, romanisation: Romanisation) -> Vec<String> {
    let codes: &[&str] = match with_o003 {
        true => &["O001", "O002", "O003"],
        false => &["O001", "O002"],
    };
    lint::check(SourceText::from_str(text), &options(codes, romanisation))
        .diagnostics
        .iter()
        .filter(|d| d.code != "O003")
        .map(|d| format!("{d:?}"))
        .collect()
}

#[test]
fn o001_and_o002_find_the_same_with_only_their_mentions() {
    let names = name_pieces();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let (mut reported, mut spared) = (0, 0);
    for i in 0..1500 {
        let romanisation = match i % 3 {
            0 => Romanisation::WadeGiles,
            _ => Romanisation::Pinyin,
        };
        let text = text(&mut rng, &names);
        let lean = findings(&text, false, romanisation);
        assert_eq!(lean, findings(&text, true, romanisation), "{text:?}");
        reported += usize::from(!lean.is_empty());
        // How often the last passes were spared: a document with mentions
        // none of which the two rules may report.
        let doc = crate::model::Document::parse_str(&text);
        let (matcher, date) = (builtin_matcher(), document_date(&doc));
        let wanted = |m: &_| super::may_be_reported(doc.text(), matcher, m, date, romanisation);
        if mentions_where(&doc, matcher, date, wanted).is_empty()
            && !mentions_on(&doc, matcher, date).is_empty()
        {
            spared += 1;
        }
    }
    // Both kinds of document were met: the comparison tested something.
    assert!(reported > 100, "{reported} documents with findings");
    assert!(spared > 100, "{spared} documents spared");
}
