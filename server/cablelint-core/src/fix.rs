//! Applying fixes: edits are spliced back to front; a fix whose edits overlap
//! one already taken waits for the next round, and rounds repeat until the
//! text stops changing (or a bound is hit, so a fix that undoes another
//! cannot loop for ever).

use crate::diagnostic::{Applicability, Diagnostic, Edit};
use crate::text::Span;

/// At most this many rounds of lint-and-fix.
pub const MAX_ROUNDS: usize = 10;

/// Applies one round: every fix at or above `min` whose edits do not overlap
/// an earlier one. Returns the new text and how many fixes were applied.
pub fn apply_fixes(text: &str, diagnostics: &[Diagnostic], min: Applicability) -> (String, usize) {
    let (taken, applied) = round_edits(text, diagnostics, min);
    (apply_edits(text, &taken), applied)
}

/// The edits one round applies (every fix at or above `min` whose edits lie
/// on character boundaries inside `text` and overlap no earlier fix's), and
/// how many fixes they come from.
pub fn round_edits<'a>(
    text: &str,
    diagnostics: &'a [Diagnostic],
    min: Applicability,
) -> (Vec<&'a Edit>, usize) {
    let mut taken: Vec<&Edit> = Vec::new();
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
        let clashes = fix
            .edits
            .iter()
            .any(|e| taken.iter().any(|t| overlaps(t.span, e.span)));
        if valid && !clashes {
            taken.extend(fix.edits.iter());
            applied += 1;
        }
    }
    (taken, applied)
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
    fn overlapping_ranges_clash_but_touching_ones_do_not() {
        assert!(overlaps(Span::new(0, 3), Span::new(2, 5)));
        assert!(!overlaps(Span::new(0, 3), Span::new(3, 5)));
        assert!(overlaps(Span::new(0, 3), Span::empty(1)));
        assert!(!overlaps(Span::empty(3), Span::empty(3)));
    }
}
