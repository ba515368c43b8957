//! A small backtracking matcher for the date forms. Each form is a tree of
//! [`Node`]s built in code (see `forms.rs`), matched anchored at a candidate
//! position in the order a regex's leftmost-first semantics prefer: greedy
//! repetitions try more first, alternatives left to right, and the first
//! path that reaches the end wins. Letters compare under Unicode simple case
//! folding, as `(?i)` does. Every repetition is bounded and every repeated
//! piece consumes a character, so a match costs at most a few hundred steps.

use super::words::{fold, MonthFound, NAMES};

/// One piece of a form, with what it can start with: a match of `kind`
/// takes a first byte in `first` unless it can match the empty string
/// (`nullable`). The matcher gives up on a piece at once when the byte at
/// hand is not in its set, which spares most of the backtracking.
pub(super) struct Node {
    pub(super) kind: Kind,
    first: ByteSet,
    nullable: bool,
}

pub(super) enum Kind {
    /// Letters compared case-insensitively; written in folded (lower) case.
    Lit(&'static str),
    /// Characters compared exactly (Roman numerals, Chinese characters).
    Exact(&'static str),
    /// One character the predicate accepts.
    Class(fn(char) -> bool),
    /// The node or nothing, the node first (`?`).
    Opt(Box<Node>),
    /// `min..=max` of the node, greedy.
    Repeat(Box<Node>, u8, u8),
    /// `min..=max` of the node, fewest first.
    Lazy(Box<Node>, u8, u8),
    Seq(Vec<Node>),
    Alt(Vec<Node>),
    /// A capture group: its index among the form's groups, and its content.
    Group(usize, Box<Node>),
    /// An ASCII word boundary, looking at the whole text around the range.
    Boundary,
    /// Takes nothing; false (given the bytes up to the end and the place)
    /// where what follows cannot match, a cheap test before a costly piece.
    Guard(fn(&[u8], usize) -> bool),
    /// Any month name, longest first (see `lexicon::month_alternation`).
    Month,
    /// Any weekday name.
    Weekday,
}

impl Node {
    /// False when no match of the node can start with `byte` (its first
    /// byte set, unless it can match the empty string).
    pub(super) fn may_start_with(&self, byte: u8) -> bool {
        self.nullable || self.first.contains(byte)
    }

    /// Whether every match of the node starts with a word boundary (`\b`
    /// first): it cannot match where none is.
    pub(super) fn starts_with_boundary(&self) -> bool {
        match &self.kind {
            Kind::Boundary => true,
            Kind::Seq(nodes) => nodes.first().is_some_and(Node::starts_with_boundary),
            Kind::Group(_, node) => node.starts_with_boundary(),
            _ => false,
        }
    }
}

/// A set of bytes.
#[derive(Clone, Copy, Default)]
struct ByteSet([u64; 4]);

impl ByteSet {
    fn contains(self, b: u8) -> bool {
        self.0[usize::from(b >> 6)] & (1 << (b & 63)) != 0
    }

    fn insert(&mut self, b: u8) {
        self.0[usize::from(b >> 6)] |= 1 << (b & 63);
    }

    fn union(self, other: ByteSet) -> ByteSet {
        let mut out = self;
        for (o, p) in out.0.iter_mut().zip(other.0) {
            *o |= p;
        }
        out
    }

    /// Every byte that is not ASCII: any character outside ASCII may fold
    /// to or stand for the piece (a conservative set, never too small).
    fn non_ascii() -> ByteSet {
        ByteSet([0, 0, u64::MAX, u64::MAX])
    }

    /// The first bytes of a character `c` folds with, plus every non-ASCII
    /// byte (the Kelvin sign folds with k, long s with s).
    fn folding(c: char) -> ByteSet {
        let mut set = ByteSet::non_ascii();
        if c.is_ascii() {
            let b = c as u8;
            set.insert(b.to_ascii_lowercase());
            set.insert(b.to_ascii_uppercase());
        }
        set
    }
}

fn node(kind: Kind, first: ByteSet, nullable: bool) -> Node {
    Node {
        kind,
        first,
        nullable,
    }
}

pub(super) fn lit(word: &'static str) -> Node {
    let first = word
        .chars()
        .next()
        .map(ByteSet::folding)
        .unwrap_or_default();
    node(Kind::Lit(word), first, word.is_empty())
}

pub(super) fn exact(word: &'static str) -> Node {
    let mut first = ByteSet::default();
    if let Some(&b) = word.as_bytes().first() {
        first.insert(b);
    }
    node(Kind::Exact(word), first, word.is_empty())
}

pub(super) fn class(accepts: fn(char) -> bool) -> Node {
    let mut first = ByteSet::non_ascii();
    for b in 0..0x80u8 {
        if accepts(char::from(b)) {
            first.insert(b);
        }
    }
    node(Kind::Class(accepts), first, false)
}

pub(super) fn opt(inner: Node) -> Node {
    let first = inner.first;
    node(Kind::Opt(Box::new(inner)), first, true)
}

pub(super) fn repeat(inner: Node, min: u8, max: u8) -> Node {
    let (first, nullable) = (inner.first, min == 0 || inner.nullable);
    node(Kind::Repeat(Box::new(inner), min, max), first, nullable)
}

pub(super) fn lazy(inner: Node, min: u8, max: u8) -> Node {
    let (first, nullable) = (inner.first, min == 0 || inner.nullable);
    node(Kind::Lazy(Box::new(inner), min, max), first, nullable)
}

pub(super) fn seq(nodes: Vec<Node>) -> Node {
    // A sequence inside a sequence is spliced in: one step less per piece.
    let nodes: Vec<Node> = nodes
        .into_iter()
        .flat_map(|n| match n.kind {
            Kind::Seq(inner) => inner,
            _ => vec![n],
        })
        .collect();
    let mut first = ByteSet::default();
    let mut nullable = true;
    for n in &nodes {
        first = first.union(n.first);
        if !n.nullable {
            nullable = false;
            break;
        }
    }
    node(Kind::Seq(nodes), first, nullable)
}

pub(super) fn alt(nodes: Vec<Node>) -> Node {
    let first = nodes
        .iter()
        .fold(ByteSet::default(), |s, n| s.union(n.first));
    let nullable = nodes.iter().any(|n| n.nullable);
    node(Kind::Alt(nodes), first, nullable)
}

pub(super) fn group(index: usize, inner: Node) -> Node {
    let (first, nullable) = (inner.first, inner.nullable);
    node(Kind::Group(index, Box::new(inner)), first, nullable)
}

pub(super) fn guard(test: fn(&[u8], usize) -> bool) -> Node {
    node(Kind::Guard(test), ByteSet::default(), true)
}

pub(super) fn boundary() -> Node {
    node(Kind::Boundary, ByteSet::default(), true)
}

fn letters() -> ByteSet {
    let mut set = ByteSet::non_ascii();
    for b in (b'a'..=b'z').chain(b'A'..=b'Z') {
        set.insert(b);
    }
    set
}

pub(super) fn month() -> Node {
    node(Kind::Month, letters(), false)
}

pub(super) fn weekday() -> Node {
    node(Kind::Weekday, letters(), false)
}

/// The most turns a repeated class takes (`{0,12}?` after 批发).
pub(super) const MAX_RUN: usize = 12;

/// The most groups a form has.
pub(super) const MAX_GROUPS: usize = 8;
const UNSET: usize = usize::MAX;

/// What is left to match after a node: the rest of a sequence, a group's
/// end, or the remaining turns of a repetition.
enum Next<'a> {
    Done,
    Then(&'a [Node], &'a Next<'a>),
    Close(usize, &'a Next<'a>),
    Again(&'a Node, u8, u8, bool, &'a Next<'a>),
}

/// One anchored match attempt over `text`, never past `end`.
pub(super) struct Matcher<'t> {
    text: &'t str,
    end: usize,
    /// Start and end of each group, `UNSET` when it did not take part.
    slots: [usize; 2 * MAX_GROUPS],
    /// The month name a fast path found in the match (`fast.rs`), for
    /// reading it without a second look-up; forgotten with the groups.
    month: Option<MonthFound>,
}

impl<'t> Matcher<'t> {
    pub(super) fn new(text: &'t str, end: usize) -> Self {
        Matcher {
            text,
            end,
            slots: [UNSET; 2 * MAX_GROUPS],
            month: None,
        }
    }

    /// Where the preferred match of `node` at `at` ends; the groups hold
    /// that match's captures.
    pub(super) fn run(&mut self, node: &Node, at: usize) -> Option<usize> {
        self.slots = [UNSET; 2 * MAX_GROUPS];
        self.month = None;
        self.one(node, at, &Next::Done)
    }

    /// The text matched in.
    pub(super) fn text(&self) -> &'t str {
        self.text
    }

    pub(super) fn text_bytes(&self) -> &'t [u8] {
        self.text.as_bytes()
    }

    /// Forgets every group, before a match made by hand (`fast.rs`).
    pub(super) fn clear_groups(&mut self) {
        self.slots = [UNSET; 2 * MAX_GROUPS];
        self.month = None;
    }

    /// Notes the month name a fast path found (after [`Matcher::clear_groups`]).
    pub(super) fn set_month(&mut self, month: MonthFound) {
        self.month = Some(month);
    }

    /// The month name the fast path that made the match found, if one did.
    pub(super) fn month(&self) -> Option<MonthFound> {
        self.month
    }

    pub(super) fn set_group(&mut self, index: usize, start: usize, end: usize) {
        self.slots[2 * index] = start;
        self.slots[2 * index + 1] = end;
    }

    /// Where the preferred match of `node` at `at` ends, keeping the groups
    /// set so far: the rest of a form whose start was matched by hand.
    pub(super) fn continue_with(&mut self, node: &Node, at: usize) -> Option<usize> {
        self.one(node, at, &Next::Done)
    }

    pub(super) fn group(&self, index: usize) -> Option<(usize, usize)> {
        let (start, end) = (self.slots[2 * index], self.slots[2 * index + 1]);
        (start != UNSET && end != UNSET).then_some((start, end))
    }

    fn one(&mut self, node: &Node, at: usize, next: &Next) -> Option<usize> {
        // The byte at `at` when the piece must take one, known to be in its set.
        let mut byte = None;
        if !node.nullable {
            let b = *self.text.as_bytes()[..self.end].get(at)?;
            if !node.first.contains(b) {
                return None;
            }
            byte = Some(b);
        }
        // An ASCII byte in the set of one ASCII letter, sign or class is a
        // match: the sets hold exactly the ASCII bytes that match.
        let ascii = byte.is_some_and(|b| b.is_ascii());
        match &node.kind {
            Kind::Lit(word) if ascii && word.len() == 1 => self.resume(next, at + 1),
            Kind::Class(_) if ascii => self.resume(next, at + 1),
            Kind::Lit(word) => {
                let end = self.literal(word, at, true)?;
                self.resume(next, end)
            }
            Kind::Exact(word) => {
                let end = self.literal(word, at, false)?;
                self.resume(next, end)
            }
            Kind::Class(accepts) => {
                let (c, len) = self.char_at(at)?;
                if accepts(c) {
                    self.resume(next, at + len)
                } else {
                    None
                }
            }
            Kind::Opt(inner) => {
                let found = if self.may_take(inner, at) {
                    self.one(inner, at, next)
                } else {
                    None
                };
                found.or_else(|| self.resume(next, at))
            }
            Kind::Repeat(inner, min, max) => match inner.kind {
                Kind::Class(accepts) => self.class_run(accepts, *min, *max, true, at, next),
                _ => self.repeat(inner, *min, *max, true, at, next),
            },
            Kind::Lazy(inner, min, max) => match inner.kind {
                Kind::Class(accepts) => self.class_run(accepts, *min, *max, false, at, next),
                _ => self.repeat(inner, *min, *max, false, at, next),
            },
            Kind::Seq(nodes) => self.sequence(nodes, at, next),
            Kind::Alt(nodes) => nodes.iter().find_map(|n| self.one(n, at, next)),
            Kind::Group(index, inner) => {
                let saved = self.slots[2 * index];
                self.slots[2 * index] = at;
                let close = Next::Close(2 * index + 1, next);
                let found = self.one(inner, at, &close);
                if found.is_none() {
                    self.slots[2 * index] = saved;
                }
                found
            }
            Kind::Guard(test) => {
                if test(&self.text.as_bytes()[..self.end], at) {
                    self.resume(next, at)
                } else {
                    None
                }
            }
            Kind::Boundary => {
                if is_word_boundary(self.text.as_bytes(), at) {
                    self.resume(next, at)
                } else {
                    None
                }
            }
            Kind::Month => {
                let ends = NAMES.months.ends(self.text, at, self.end);
                ends.iter().rev().find_map(|&e| self.resume(next, e))
            }
            Kind::Weekday => {
                let ends = NAMES.weekdays.ends(self.text, at, self.end);
                ends.iter().rev().find_map(|&e| self.resume(next, e))
            }
        }
    }

    /// Whether `node` can match at `at`, by its byte set alone.
    fn may_take(&self, node: &Node, at: usize) -> bool {
        node.nullable
            || self.text.as_bytes()[..self.end]
                .get(at)
                .is_some_and(|&b| node.first.contains(b))
    }

    fn sequence(&mut self, nodes: &[Node], at: usize, next: &Next) -> Option<usize> {
        match nodes.split_first() {
            None => self.resume(next, at),
            Some((first, rest)) => self.one(first, at, &Next::Then(rest, next)),
        }
    }

    fn resume(&mut self, next: &Next, at: usize) -> Option<usize> {
        match next {
            Next::Done => Some(at),
            Next::Then(rest, next) => self.sequence(rest, at, next),
            Next::Close(slot, next) => {
                let saved = self.slots[*slot];
                self.slots[*slot] = at;
                let found = self.resume(next, at);
                if found.is_none() {
                    self.slots[*slot] = saved;
                }
                found
            }
            Next::Again(node, min, max, greedy, next) => {
                self.repeat(node, *min, *max, *greedy, at, next)
            }
        }
    }

    /// `min..=max` more turns of `node` (every turn consumes a character).
    fn repeat(
        &mut self,
        node: &Node,
        min: u8,
        max: u8,
        greedy: bool,
        at: usize,
        next: &Next,
    ) -> Option<usize> {
        let more = |m: &mut Self| {
            if max == 0 {
                return None;
            }
            let again = Next::Again(node, min.saturating_sub(1), max - 1, greedy, next);
            m.one(node, at, &again)
        };
        let stop = |m: &mut Self| if min == 0 { m.resume(next, at) } else { None };
        if greedy {
            more(self).or_else(|| stop(self))
        } else {
            stop(self).or_else(|| more(self))
        }
    }

    /// A repeated class: each turn takes one character and no group, so
    /// the turns are counted first and the rest tried after each count, the
    /// most first when greedy (what turn-by-turn backtracking would do).
    #[inline(never)]
    fn class_run(
        &mut self,
        accepts: fn(char) -> bool,
        min: u8,
        max: u8,
        greedy: bool,
        at: usize,
        next: &Next,
    ) -> Option<usize> {
        let mut ends = [at; MAX_RUN + 1];
        let mut count = 0;
        while count < usize::from(max).min(MAX_RUN) {
            match self.char_at(ends[count]) {
                Some((c, len)) if accepts(c) => {
                    ends[count + 1] = ends[count] + len;
                    count += 1;
                }
                _ => break,
            }
        }
        let min = usize::from(min);
        if count < min {
            return None;
        }
        if greedy {
            (min..=count).rev().find_map(|k| self.resume(next, ends[k]))
        } else {
            (min..=count).find_map(|k| self.resume(next, ends[k]))
        }
    }

    fn char_at(&self, at: usize) -> Option<(char, usize)> {
        if at >= self.end {
            return None;
        }
        let byte = self.text.as_bytes()[at];
        if byte.is_ascii() {
            return Some((char::from(byte), 1));
        }
        let c = self.text[at..self.end].chars().next()?;
        Some((c, c.len_utf8()))
    }

    /// The end of `word` written at `at` (folded when `fold_case`).
    fn literal(&self, word: &str, at: usize, fold_case: bool) -> Option<usize> {
        let mut pos = at;
        for want in word.chars() {
            let (c, len) = self.char_at(pos)?;
            let c = if fold_case { fold(c) } else { c };
            if c != want {
                return None;
            }
            pos += len;
        }
        Some(pos)
    }
}

/// The last piece of a sequence (a form's tree is one).
pub(super) fn last_piece(node: &Node) -> Option<&Node> {
    match &node.kind {
        Kind::Seq(nodes) => nodes.last(),
        _ => None,
    }
}

/// `(?-u:\b)`: a word character ([0-9A-Za-z_]) on one side only.
/// It runs at every place the scanner tries and inside most forms, so the
/// word bytes are a table (one load each, no compares);
/// [`is_word_boundary_plain`] is the tests' oracle.
#[inline]
pub(crate) fn is_word_boundary(bytes: &[u8], at: usize) -> bool {
    let before = at > 0 && WORD_BYTES[usize::from(bytes[at - 1])];
    let after = bytes.get(at).is_some_and(|&b| WORD_BYTES[usize::from(b)]);
    before != after
}

/// The ASCII word bytes [0-9A-Za-z_].
static WORD_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    table
};

/// [`is_word_boundary`] as the regex states it: the tests' oracle.
#[cfg(test)]
pub(crate) fn is_word_boundary_plain(bytes: &[u8], at: usize) -> bool {
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let before = at > 0 && is_word(bytes[at - 1]);
    let after = bytes.get(at).is_some_and(|&b| is_word(b));
    before != after
}
