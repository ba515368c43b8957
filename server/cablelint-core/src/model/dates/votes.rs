//! Counting the days the statements of a document's date name: the
//! anchor (`resolve.rs`) and D002 both pick the day most of them give.
//! A document states its date a few times: up to [`SHORT_VOTES`] votes
//! are kept on the stack and counted by searching them (no allocation, no
//! sort). Beyond, the votes are sorted by day and counted in runs, so a
//! document stating its date many times costs n log n (searching costs n²
//! when every statement names another day).

/// Votes (a day, and the rank of the role stating it: lower ranks first).
pub(crate) struct Votes {
    short: [(i64, usize); SHORT_VOTES],
    len: usize,
    many: Vec<(i64, usize)>,
}

/// How many votes [`Votes`] counts by searching them.
pub(super) const SHORT_VOTES: usize = 8;

impl Votes {
    pub(crate) fn new() -> Votes {
        Votes {
            short: [(0, 0); SHORT_VOTES],
            len: 0,
            many: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, day: i64, rank: usize) {
        if self.len < SHORT_VOTES {
            self.short[self.len] = (day, rank);
            self.len += 1;
        } else {
            if self.many.is_empty() {
                self.many.extend_from_slice(&self.short);
            }
            self.many.push((day, rank));
        }
    }

    /// The day most votes name (the best rank, then the earliest day, on a
    /// tie).
    pub(crate) fn best(mut self) -> Option<i64> {
        if self.many.is_empty() {
            best_of_few(&self.short[..self.len])
        } else {
            best_by_sorting(&mut self.many)
        }
    }
}

/// [`Votes::best`] for a few votes, each day's votes counted by a search.
fn best_of_few(votes: &[(i64, usize)]) -> Option<i64> {
    // Each day's key is unique (it holds the day), so which vote of a day
    // stands for it is no matter to the maximum.
    votes
        .iter()
        .map(|&(day, _)| {
            let (count, rank) = votes
                .iter()
                .filter(|&&(d, _)| d == day)
                .fold((0, usize::MAX), |(count, rank), &(_, r)| {
                    (count + 1, rank.min(r))
                });
            (day, (count, rank))
        })
        .max_by_key(|&(day, (count, rank))| {
            (count, std::cmp::Reverse(rank), std::cmp::Reverse(day))
        })
        .map(|(day, _)| day)
}

/// [`best_of_few`] for many votes: sorted by day and counted in runs (the
/// plain way, and the tests' oracle for the few).
pub(crate) fn best_by_sorting(votes: &mut [(i64, usize)]) -> Option<i64> {
    votes.sort_unstable();
    // Each day's key is unique (it holds the day), so which run comes
    // first is no matter to the maximum.
    votes
        .chunk_by(|a, b| a.0 == b.0)
        .map(|same_day| {
            let rank = same_day.iter().map(|&(_, r)| r).min().unwrap_or(usize::MAX);
            (same_day[0].0, (same_day.len(), rank))
        })
        .max_by_key(|&(day, (count, rank))| {
            (count, std::cmp::Reverse(rank), std::cmp::Reverse(day))
        })
        .map(|(day, _)| day)
}

#[cfg(test)]
mod tests {
    use super::{best_by_sorting, Votes, SHORT_VOTES};
    use crate::test_random::Rng;

    #[test]
    fn the_votes_counted_in_place_give_the_sorted_counts_day() {
        let mut rng = Rng(0x1962_0628_0000_0d02);
        for _ in 0..20_000 {
            let count = rng.below(2 * SHORT_VOTES + 4);
            let list: Vec<(i64, usize)> = (0..count)
                .map(|_| (rng.below(4) as i64 - 1, rng.below(5)))
                .collect();
            let mut votes = Votes::new();
            for &(day, rank) in &list {
                votes.push(day, rank);
            }
            assert_eq!(votes.best(), best_by_sorting(&mut list.clone()), "{list:?}");
        }
    }
}
