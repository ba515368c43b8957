//! Generated registries for benchmarks and scale tests: a registry of any
//! size in the documented TOML format, deterministic for a given seed, so
//! that runs are comparable and nothing large is kept in the repository.
//!
//! Most people get invented names built from syllables ("Tervinkel"), which
//! never occur in real text; one in five gets a real surname that is also
//! an English word or a common East Asian or Slavic family name ("Long",
//! "Hill", "Li", "Ivanov"), as a real registry of thousands of officials
//! would. Those names are what costs a matcher time: they occur everywhere
//! and must be checked against their context.

use std::fmt::Write as _;

/// A person of a generated registry: family name and full name, for writing
/// text that mentions them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntheticName {
    pub family: String,
    pub full: String,
}

/// Real surnames that are also words or very common: the adversarial part.
const COMMON_SURNAMES: &[&str] = &[
    "Long", "Young", "Brown", "King", "Hall", "Park", "Lee", "Kim", "Li", "Wang", "Zhang", "Chen",
    "Liu", "Yang", "Huang", "Zhao", "Wu", "Sun", "Ma", "Hu", "Ivanov", "Petrov", "Smirnov",
    "Popov", "Smith", "May", "Bush", "Ford", "Hill", "White", "Green", "Black", "Rice", "Rose",
    "Page", "Hull", "Bell", "Grant", "Price", "Stone", "Wood", "Law", "Mills", "Cook", "Hunt",
    "Moore", "Wells", "Sharp", "Best", "Fox", "Nash", "Frank", "Chase", "Cole", "Dean", "Hope",
    "West", "North", "Nam", "Tran", "Nguyen", "Pak", "Choe", "Ri", "Novak", "Kowalski", "Nowak",
    "Horvath", "Marshall", "Church", "Temple", "Case", "Cross", "Lane",
];

const SYLLABLES: &[&str] = &[
    "ka", "lo", "vin", "ter", "mar", "sho", "ren", "dal", "pet", "nov", "zu", "bra", "kel", "mi",
    "tov", "ran", "gos", "hel", "ost", "sar", "vel", "dor", "ina", "ul", "bek", "fa", "gri", "jun",
];

const TITLES: &[&str] = &[
    "Ambassador to Nowhere",
    "Vice Minister of Foreign Affairs",
    "Minister of Foreign Affairs",
    "Chargé d'Affaires",
    "Premier",
    "Secretary of State",
];

/// A small deterministic generator (xorshift), so runs are comparable; the
/// benchmarks that write text around a generated registry use it too.
pub struct Rng(u64);

impl Rng {
    /// A generator for `seed` (any value; zero would stick, so it is made odd).
    pub fn new(seed: u64) -> Rng {
        Rng(seed | 1)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    pub fn below(&mut self, n: usize) -> usize {
        // n is small; the modulo bias does not matter here.
        (self.next_u64() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn invented(rng: &mut Rng, syllables: usize) -> String {
    let mut word = String::new();
    for _ in 0..syllables {
        let syllable: &&str = rng.pick(SYLLABLES);
        word.push_str(syllable);
    }
    capitalise(&word)
}

/// A registry of `count` generated people as TOML, with ids `synthetic-0`…,
/// and their names. Each person has a full name, a Latin variant with an
/// initial ("K. Tervinkel"), one or two dated posts and a summary.
pub fn registry_toml(count: usize, seed: u64) -> (String, Vec<SyntheticName>) {
    let mut rng = Rng::new(seed);
    let mut toml = String::with_capacity(count * 520);
    let mut names = Vec::with_capacity(count);
    for index in 0..count {
        let common = rng.below(5) == 0;
        let family = if common {
            (*rng.pick(COMMON_SURNAMES)).to_owned()
        } else {
            invented(&mut rng, 3)
        };
        let given = invented(&mut rng, 2);
        let full = format!("{given} {family}");
        let initial = &given[..1];
        let start = 1900 + rng.below(70);
        let end = start + 1 + rng.below(12);
        let title = *rng.pick(TITLES);
        let second_title = *rng.pick(TITLES);
        // Invented surnames are distinctive; real ones need a context.
        let alone = !common;
        writeln!(
            toml,
            "[[person]]\n\
             id = \"synthetic-{index}\"\n\
             name = {{ text = \"{full}\", system = \"other\", family = \"{family}\", given = \"{given}\", order = \"given-first\" }}\n\
             variants = [{{ text = \"{initial}. {family}\", system = \"other\", family = \"{family}\" }}]\n\
             surname_alone = {alone}\n\
             summary = \"Generated person {index}, for benchmarks.\"\n\
             posts = [\n  \
               {{ title = \"{title}\", org = \"Synthetic Ministry\", start = \"{start}\", end = \"{end}\", source = \"generated\" }},\n  \
               {{ title = \"{second_title}\", org = \"Synthetic Ministry\", start = \"{end}\", end = \"{}\", source = \"generated\" }},\n\
             ]\n",
            end + 1 + rng.below(8),
        )
        .expect("writing to a String cannot fail");
        names.push(SyntheticName { family, full });
    }
    (toml, names)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Registry;

    #[test]
    fn generated_registries_load_and_are_deterministic() {
        let (toml, names) = registry_toml(200, 7);
        let registry = Registry::from_toml_str(&toml, "synthetic.toml").expect("valid TOML");
        assert_eq!(registry.len(), 200);
        assert_eq!(names.len(), 200);
        assert_eq!(registry_toml(200, 7).0, toml);
        assert_ne!(registry_toml(200, 8).0, toml);
        assert!(names
            .iter()
            .any(|n| COMMON_SURNAMES.contains(&n.family.as_str())));
    }
}
