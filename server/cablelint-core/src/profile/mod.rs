//! Collection profiles: which header fields a kind of cable has, under which
//! labels in which languages, and which house conventions apply. Profiles are
//! data (TOML), so collections can add or override them without code.

mod detect;
mod field_pattern;
mod line_filter;
mod marker_keys;

pub(crate) use detect::detect_shared;
pub use detect::{detect_profile, Detection};
pub(crate) use field_pattern::FieldPattern;
pub(crate) use line_filter::LineFilter;

use serde::Deserialize;
use std::sync::{Arc, LazyLock, OnceLock};

/// What a header field's value holds, so rules can judge it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum ValueKind {
    #[default]
    Text,
    Number,
    Date,
    DateTime,
    Classification,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldSpec {
    /// Stable field id, e.g. `dispatch-no`.
    pub id: String,
    /// Labels in the translation, as transcribers write them ("Receiver").
    #[serde(default)]
    pub labels: Vec<String>,
    /// Labels of the original-language header ("发往").
    #[serde(default)]
    pub original_labels: Vec<String>,
    #[serde(default)]
    pub required: bool,
    /// Whether the field may stand with no value (archives print empty
    /// "Approved by:" lines when the slot was blank on the form).
    #[serde(default = "yes")]
    pub may_be_empty: bool,
    #[serde(default)]
    pub kind: ValueKind,
    /// May the field occur more than once (e.g. "Copy to")?
    #[serde(default)]
    pub repeatable: bool,
    /// A regular expression that a whole header line may match instead of a
    /// label: unlabelled fields such as a FRUS dateline or a bare date.
    #[serde(default)]
    pub pattern: Option<String>,
    /// Equivalences between original-language values and their translation
    /// (`平` = "Normal"), used to compare the two headers.
    #[serde(default)]
    pub values: Vec<ValuePair>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ValuePair {
    pub original: String,
    pub translation: String,
}

fn yes() -> bool {
    true
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Conventions {
    /// The collection's own spelling of an omission mark.
    #[serde(default = "default_ellipsis")]
    pub house_ellipsis: String,
    /// Other spellings accepted without a finding.
    #[serde(default = "default_accepted_ellipses")]
    pub accepted_ellipses: Vec<String>,
    /// Whether an editorial bracket may run across a line break.
    #[serde(default = "yes")]
    pub multiline_brackets: bool,
    /// Whether header labels outside the profile are normal (the generic
    /// profile cannot know every collection's labels).
    #[serde(default)]
    pub open_labels: bool,
}

impl Default for Conventions {
    fn default() -> Self {
        Conventions {
            house_ellipsis: default_ellipsis(),
            accepted_ellipses: default_accepted_ellipses(),
            multiline_brackets: true,
            open_labels: false,
        }
    }
}

fn default_ellipsis() -> String {
    "[...]".to_owned()
}
fn default_accepted_ellipses() -> Vec<String> {
    vec!["[…]".to_owned()]
}

#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct DetectSpec {
    /// Texts whose presence near the top of a file votes for this profile.
    #[serde(default)]
    pub markers: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    pub name: String,
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    pub conventions: Conventions,
    #[serde(default)]
    pub detect: DetectSpec,
    #[serde(default, rename = "field")]
    pub fields: Vec<FieldSpec>,
    /// Labels sorted and patterns compiled on first use, once per profile
    /// rather than once per document (compiling dominated `check` before).
    #[serde(skip)]
    prepared: PreparedOnce,
}

/// [`Prepared`], made on first use. Its `Debug` shows nothing, so a profile's
/// `Debug` text is its definition alone, whether prepared or not (the CLI's
/// result cache keys on that text).
#[derive(Clone, Default)]
struct PreparedOnce(OnceLock<Prepared>);

impl std::fmt::Debug for PreparedOnce {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("..")
    }
}

#[derive(Debug, Clone)]
struct Prepared {
    labels: Vec<(String, usize, bool)>,
    /// Each label's [`LabelHead`], in the order of `labels`.
    heads: Vec<LabelHead>,
    /// Lower-cased first character → indices into `labels`, in their order:
    /// a line is tried only against the labels that can start it. ASCII keys
    /// (nearly every line's first character) index a table, the rest a map.
    label_starts: LabelStarts,
    patterns: Vec<FieldPattern>,
    /// Each field's id, shared by the header fields that name it.
    field_ids: Vec<Arc<str>>,
}

/// A label's first eight bytes (all of a shorter one) as a 64-bit word, for
/// a test that rules most labels out before they are compared in full.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LabelHead {
    /// The bytes, ASCII letters in lower case.
    pub(crate) lower: u64,
    /// `0x20` in each byte that is an ASCII letter: or-ed into ASCII text,
    /// it folds the letters there to lower case and changes nothing else.
    pub(crate) fold: u64,
    /// `0xFF` in each byte the label has; none for a label with a non-ASCII
    /// byte, which the test then never rules out.
    pub(crate) bytes: u64,
}

impl LabelHead {
    pub(crate) fn of(label: &str) -> LabelHead {
        if !label.is_ascii() {
            return LabelHead::default();
        }
        let mut head = LabelHead::default();
        for (i, b) in label.bytes().take(8).enumerate() {
            let shift = 8 * i;
            head.lower |= u64::from(b.to_ascii_lowercase()) << shift;
            if b.is_ascii_alphabetic() {
                head.fold |= 0x20 << shift;
            }
            head.bytes |= 0xFF << shift;
        }
        head
    }
}

/// The key of `label_starts`: a character's first lower-case character.
pub(crate) fn fold_first(c: char) -> char {
    c.to_lowercase().next().unwrap_or(c)
}

/// Label indices by the folded first character (see [`fold_first`]).
#[derive(Debug, Clone, Default)]
struct LabelStarts {
    ascii: Vec<Vec<usize>>,
    /// Sorted by key: a profile has a few dozen such keys at most, which a
    /// binary search finds faster than hashing the key.
    other: Vec<(char, Vec<usize>)>,
}

impl LabelStarts {
    fn push(&mut self, key: char, label: usize) {
        if key.is_ascii() {
            if self.ascii.is_empty() {
                self.ascii = vec![Vec::new(); 128];
            }
            self.ascii[key as usize].push(label);
        } else {
            match self.other.binary_search_by_key(&key, |&(k, _)| k) {
                Ok(at) => self.other[at].1.push(label),
                Err(at) => self.other.insert(at, (key, vec![label])),
            }
        }
    }

    /// The labels whose first character folds as `c` does.
    #[inline]
    fn get(&self, c: char) -> &[usize] {
        // An ASCII character folds to its ASCII lower case; others may fold
        // to ASCII too (the Kelvin sign to `k`), so they go through `fold_first`.
        let key = if c.is_ascii() {
            c.to_ascii_lowercase()
        } else {
            fold_first(c)
        };
        let found = if key.is_ascii() {
            self.ascii.get(key as usize)
        } else {
            self.other
                .binary_search_by_key(&key, |&(k, _)| k)
                .ok()
                .map(|at| &self.other[at].1)
        };
        found.map_or(&[], Vec::as_slice)
    }
}

impl Profile {
    fn prepared(&self) -> &Prepared {
        self.prepared.0.get_or_init(|| {
            let mut labels: Vec<_> = self
                .fields
                .iter()
                .enumerate()
                .flat_map(|(i, f)| {
                    f.labels
                        .iter()
                        .map(move |l| (l.clone(), i, false))
                        .chain(f.original_labels.iter().map(move |l| (l.clone(), i, true)))
                })
                .collect();
            labels.sort_by_key(|(l, _, _)| std::cmp::Reverse(l.chars().count()));
            // Configuration validation reports bad patterns; here they match nothing.
            let patterns = self
                .fields
                .iter()
                .enumerate()
                .filter_map(|(i, f)| FieldPattern::new(f.pattern.as_deref()?, i))
                .collect();
            let mut label_starts = LabelStarts::default();
            for (i, (label, _, _)) in labels.iter().enumerate() {
                if let Some(c) = label.chars().next() {
                    label_starts.push(fold_first(c), i);
                }
            }
            Prepared {
                heads: labels.iter().map(|(l, _, _)| LabelHead::of(l)).collect(),
                labels,
                label_starts,
                patterns,
                field_ids: self
                    .fields
                    .iter()
                    .map(|f| Arc::from(f.id.as_str()))
                    .collect(),
            }
        })
    }

    /// The labels (longest first) whose first character is `c`, without
    /// case, each with its field index, whether it is an original-language
    /// label, and its [`LabelHead`].
    // Inlined: a header line asks for several lists, each a few loads.
    #[inline]
    pub(crate) fn labels_starting_with(
        &self,
        c: char,
    ) -> impl Iterator<Item = (&str, usize, bool, LabelHead)> {
        let prepared = self.prepared();
        prepared.label_starts.get(c).iter().map(|&i| {
            let (label, field, original) = &prepared.labels[i];
            (label.as_str(), *field, *original, prepared.heads[i])
        })
    }

    /// The fields' `pattern`s, each with its field's index.
    pub(crate) fn patterns(&self) -> &[FieldPattern] {
        &self.prepared().patterns
    }

    /// The id of the field at `index` in [`Profile::fields`], shared.
    pub(crate) fn field_id(&self, index: usize) -> Arc<str> {
        Arc::clone(&self.prepared().field_ids[index])
    }

    pub fn field(&self, id: &str) -> Option<&FieldSpec> {
        self.fields.iter().find(|f| f.id == id)
    }

    /// Adds translation labels to the field `field_id`; a field the profile
    /// lacks is added as an optional one with the format's defaults.
    /// (`cablelint.toml`'s `[profile-labels]`.)
    pub fn add_labels(&mut self, field_id: &str, labels: &[String]) {
        match self.fields.iter_mut().find(|f| f.id == field_id) {
            Some(spec) => {
                for label in labels {
                    if !spec.labels.contains(label) {
                        spec.labels.push(label.clone());
                    }
                }
            }
            None => self.fields.push(FieldSpec {
                id: field_id.to_owned(),
                labels: labels.to_vec(),
                original_labels: Vec::new(),
                required: false,
                may_be_empty: yes(),
                kind: ValueKind::default(),
                repeatable: false,
                pattern: None,
                values: Vec::new(),
            }),
        }
        // A clone keeps what its original prepared: the labels changed.
        self.prepared = PreparedOnce::default();
    }

    /// Every (label, field index, is-original-language) triple, longest label
    /// first so "Foreign Ministry Dispatch No." wins over "Dispatch No.".
    pub fn labels(&self) -> Vec<(&str, usize, bool)> {
        self.prepared()
            .labels
            .iter()
            .map(|(l, i, o)| (l.as_str(), *i, *o))
            .collect()
    }
}

/// The profiles known to one run: the built-ins plus any the configuration adds
/// or overrides (same id replaces).
#[derive(Debug, Clone)]
pub struct ProfileSet {
    /// Shared, so every document of a run uses the same prepared profile.
    profiles: Vec<Arc<Profile>>,
    /// Every profile's detection markers in one automaton, built on first use
    /// and shared by the clones of this set.
    markers: Arc<OnceLock<detect::MarkerIndex>>,
}

static BUILTIN_SET: LazyLock<ProfileSet> = LazyLock::new(|| {
    let profiles = BUILTIN
        .iter()
        .map(|(name, text)| {
            let profile: Profile = toml::from_str(text)
                .unwrap_or_else(|e| panic!("built-in profile {name} is invalid: {e}"));
            Arc::new(profile)
        })
        .collect();
    ProfileSet {
        profiles,
        markers: Arc::default(),
    }
});

const BUILTIN: &[(&str, &str)] = &[
    ("generic.toml", include_str!("builtin/generic.toml")),
    (
        "prc-mfa-cable.toml",
        include_str!("builtin/prc-mfa-cable.toml"),
    ),
    (
        "polish-ciphergram.toml",
        include_str!("builtin/polish-ciphergram.toml"),
    ),
    (
        "soviet-ciphered-telegram.toml",
        include_str!("builtin/soviet-ciphered-telegram.toml"),
    ),
    (
        "frus-telegram.toml",
        include_str!("builtin/frus-telegram.toml"),
    ),
];

pub const GENERIC: &str = "generic";

impl ProfileSet {
    /// The built-in profiles (parsed once per process).
    pub fn builtin() -> ProfileSet {
        BUILTIN_SET.clone()
    }

    pub fn get(&self, id: &str) -> Option<&Profile> {
        self.get_shared(id).map(|p| &**p)
    }

    pub fn get_shared(&self, id: &str) -> Option<&Arc<Profile>> {
        self.profiles.iter().find(|p| p.id == id)
    }

    pub fn generic(&self) -> &Profile {
        self.generic_shared()
    }

    pub fn generic_shared(&self) -> &Arc<Profile> {
        self.get_shared(GENERIC)
            .expect("the generic profile is built in")
    }

    pub fn iter(&self) -> impl Iterator<Item = &Profile> {
        self.profiles.iter().map(|p| &**p)
    }

    pub fn ids(&self) -> Vec<&str> {
        self.profiles.iter().map(|p| p.id.as_str()).collect()
    }

    /// Adds a profile, replacing a known one with the same id.
    pub fn insert(&mut self, profile: Profile) {
        let profile = Arc::new(profile);
        match self.profiles.iter_mut().find(|p| p.id == profile.id) {
            Some(slot) => *slot = profile,
            None => self.profiles.push(profile),
        }
        self.markers = Arc::default();
    }

    pub(crate) fn marker_index(&self) -> &detect::MarkerIndex {
        self.markers
            .get_or_init(|| detect::MarkerIndex::new(&self.profiles))
    }
}

impl Default for ProfileSet {
    fn default() -> Self {
        ProfileSet::builtin()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_profiles_parse_and_have_unique_field_ids() {
        let set = ProfileSet::builtin();
        assert!(set.ids().len() >= 5);
        for profile in set.iter() {
            let mut ids: Vec<_> = profile.fields.iter().map(|f| &f.id).collect();
            ids.sort();
            ids.dedup();
            assert_eq!(
                ids.len(),
                profile.fields.len(),
                "duplicate field id in {}",
                profile.id
            );
            for field in &profile.fields {
                assert!(
                    !field.labels.is_empty()
                        || !field.original_labels.is_empty()
                        || field.pattern.is_some(),
                    "{}: {} has no way to be found",
                    profile.id,
                    field.id
                );
            }
        }
    }

    #[test]
    fn labels_come_longest_first() {
        let set = ProfileSet::builtin();
        let labels = set.get("prc-mfa-cable").unwrap().labels();
        let lengths: Vec<_> = labels.iter().map(|(l, _, _)| l.chars().count()).collect();
        assert!(lengths.windows(2).all(|w| w[0] >= w[1]));
    }

    #[test]
    fn debug_text_is_the_definition_whether_prepared_or_not() {
        let fresh = ProfileSet::builtin().get("prc-mfa-cable").unwrap().clone();
        let before = format!("{fresh:?}");
        assert!(!fresh.labels().is_empty());
        assert_eq!(format!("{fresh:?}"), before);
        let mut changed = fresh.clone();
        changed.add_labels("receiver", &["Addressee".to_owned()]);
        assert_ne!(format!("{changed:?}"), before);
    }
}
