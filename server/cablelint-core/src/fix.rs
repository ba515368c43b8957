//! Applying fixes: edits are spliced back to front; a fix whose edits overlap
//! one already taken waits for the next round, and rounds repeat until the
//! text stops changing (or a bound is hit, so a fix that undoes another
//! cannot loop for ever).

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::text::Span;
use std::collections::{BTreeMap, BTreeSet};

/// At most this many rounds of lint-and-fix.
pub const MAX_ROUNDS: usize = 10;

/// Applies one round: every fix at or above `min` whose edits do not overlap
/// an earlier one. Returns the new text and how many fixes were applied.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], min: Applicability) -> (String, usize) {
    let (edits, applied) = round_edits(text, diagnostics, min);
    (apply_edits(text, &edits), applied)
}

/// The edits one round applies (every fix at or above `min` whose edits lie
/// on character boundaries inside `text` and overlap neither an earlier fix's
/// nor one another), and how many fixes they come from.
pub fn round_edits<'a>(
    text: &str,
    diagnostics: &'a [Diagnostic],
    min: Applicability,
) -> (Vec<&'a Edit>, usize) {
    let mut taken = Taken::default();
    let mut edits: Vec<&Edit> = Vec::new();
    let mut applied = 0;
    for fix in diagnostics
        .iter()
        .filter_map(|d| d.fix.as_ref())
        .filter(|f| f.applicability >= min)
    {
        let valid = fix.edits.iter().all(|e| {
            e.span.end <= text.len()
                && text.is_char_boundary(e.span.start)
                && text.is_char_boundary(e.span.end)
        });
        // Each edit against those taken and against the fix's own others.
        let mut own = Taken::default();
        let clashes = fix
            .edits
            .iter()
            .any(|e| taken.clashes(e.span) || !own.insert(e.span));
        if valid && !clashes {
            for edit in &fix.edits {
                taken.insert(edit.span);
            }
            edits.extend(fix.edits.iter());
            applied += 1;
        }
    }
    (edits, applied)
}

/// The spans of edits taken so far, for overlap tests in logarithmic time:
/// a file with 100,000 fixes must not compare each with every other.
#[derive(Default)]
struct Taken {
    /// Non-empty spans, start → end; they never overlap one another.
    ranges: BTreeMap<usize, usize>,
    /// Insertion points.
    points: BTreeSet<usize>,
}

impl Taken {
    /// Whether `span` overlaps a taken span (as [`overlaps`] decides).
    fn clashes(&self, span: Span) -> bool {
        // Only the last range starting before the span's end can reach it.
        let reach = if span.is_empty() {
            span.start
        } else {
            span.end
        };
        let range_clash = self
            .ranges
            .range(..reach)
            .next_back()
            .is_some_and(|(&start, &end)| overlaps(Span::new(start, end), span));
        let point_clash =
            !span.is_empty() && self.points.range(span.start + 1..span.end).next().is_some();
        range_clash || point_clash
    }

    /// Takes `span`, unless it clashes; returns whether it was taken.
    fn insert(&mut self, span: Span) -> bool {
        if self.clashes(span) {
            return false;
        }
        if span.is_empty() {
            self.points.insert(span.start);
        } else {
            self.ranges.insert(span.start, span.end);
        }
        true
    }
}

/// Splices non-overlapping edits into `text`.
pub fn apply_edits(text: &str, edits: &[&Edit]) -> String {
    let mut sorted: Vec<&Edit> = edits.to_vec();
    // Stable: two insertions at one offset keep the order they were given.
    sorted.sort_by_key(|e| (e.span.start, e.span.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for edit in sorted {
        out.push_str(&text[at..edit.span.start]);
        out.push_str(&edit.new_text);
        at = edit.span.end;
    }
    out.push_str(&text[at..]);
    out
}

/// Empty spans (insertions) overlap a range that strictly contains them, and
/// an insertion at the same point as another insertion is allowed.
fn overlaps(a: Span, b: Span) -> bool {
    if a.is_empty() || b.is_empty() {
        let (point, range) = if a.is_empty() {
            (a.start, b)
        } else {
            (b.start, a)
        };
        return range.start < point && point < range.end;
    }
    a.start < b.end && b.start < a.end
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_apply_back_to_front_and_keep_the_rest() {
        let text = "发往:乌鲁木齐 𠀋 [ …]\r\n";
        let a = Edit::replace(
            Span::new(text.find('[').unwrap(), text.find(']').unwrap() + 1),
            "[...]",
        );
        let b = Edit::insert(0, "Level: Normal\r\n");
        assert_eq!(
            apply_edits(text, &[&a, &b]),
            "Level: Normal\r\n发往:乌鲁木齐 𠀋 [...]\r\n"
        );
    }

    #[test]
    fn taken_spans_clash_exactly_as_overlaps_says() {
        // Every pair of small spans, against a brute-force `overlaps`.
        let spans: Vec<Span> = (0..6)
            .flat_map(|a| (a..6).map(move |b| Span::new(a, b)))
            .collect();
        for taken_list in spans.windows(2).step_by(3) {
            let mut taken = Taken::default();
            let mut kept = Vec::new();
            for &span in taken_list {
                if taken.insert(span) {
                    kept.push(span);
                }
            }
            for &span in &spans {
                let expected = kept.iter().any(|&t| overlaps(t, span));
                assert_eq!(taken.clashes(span), expected, "{kept:?} vs {span:?}");
            }
        }
    }

    #[test]
    fn many_fixes_apply_in_one_round() {
        use crate::diagnostic::{Fix, Severity};
        let text = "[ ] ".repeat(50_000);
        let diagnostics: Vec<Diagnostic> = (0..50_000)
            .map(|i| Diagnostic {
                code: "B004",
                name: "empty-bracket",
                severity: Severity::Warning,
                message: String::new(),
                span: Span::new(i * 4, i * 4 + 3),
                fix: Some(Fix {
                    title: "Delete".into(),
                    applicability: Applicability::Safe,
                    edits: vec![Edit::replace(Span::new(i * 4, i * 4 + 3), "")],
                }),
                related: Vec::new(),
                person: None,
            })
            .collect();
        let (fixed, applied) = apply_fixes(&text, &diagnostics, Applicability::Safe);
        assert_eq!(applied, 50_000);
        assert_eq!(fixed, " ".repeat(50_000));
    }

    #[test]
    fn overlapping_ranges_clash_but_touching_ones_do_not() {
        assert!(overlaps(Span::new(0, 3), Span::new(2, 5)));
        assert!(!overlaps(Span::new(0, 3), Span::new(3, 5)));
        assert!(overlaps(Span::new(0, 3), Span::empty(1)));
        assert!(!overlaps(Span::empty(3), Span::empty(3)));
    }
}
