//! `--shard K/N`: a deterministic split of a collection for a CI matrix.
//! Each file goes to the shard its path hashes to (FNV-1a: stable across
//! machines, runs and Rust versions), so every file is in exactly one shard
//! and adding a file never moves the others.

use std::str::FromStr;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based.
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// Whether the file shown as `path` belongs to this shard.
    pub fn contains(&self, path: &str) -> bool {
        // Separators are normalised so a Windows runner splits alike.
        let hash = path.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
            let b = if b == b'\\' { b'/' } else { b };
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        });
        hash % u64::from(self.count) == u64::from(self.index - 1)
    }
}

impl FromStr for Shard {
    type Err = String;

    fn from_str(s: &str) -> Result<Shard, String> {
        let usage = || format!("`{s}`: expected K/N with 1 <= K <= N, e.g. 2/8");
        let (k, n) = s.split_once('/').ok_or_else(usage)?;
        let index: u32 = k.trim().parse().map_err(|_| usage())?;
        let count: u32 = n.trim().parse().map_err(|_| usage())?;
        if index == 0 || count == 0 || index > count {
            return Err(usage());
        }
        Ok(Shard { index, count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_k_of_n_and_names_bad_input() {
        assert_eq!("2/8".parse(), Ok(Shard { index: 2, count: 8 }));
        for bad in ["0/3", "4/3", "1", "a/b", "1/0", ""] {
            let err = bad.parse::<Shard>().unwrap_err();
            assert!(err.contains("expected K/N"), "{err}");
        }
    }

    #[test]
    fn every_file_is_in_exactly_one_shard_and_shards_are_even() {
        let paths: Vec<String> = (0..10_000)
            .map(|i| format!("collection/{}/{i:05} 𠀋.cable", i % 37))
            .collect();
        let n = 7;
        let mut sizes = vec![0; n as usize];
        for path in &paths {
            let owners: Vec<u32> = (1..=n)
                .filter(|&k| Shard { index: k, count: n }.contains(path))
                .collect();
            assert_eq!(owners.len(), 1, "{path}: {owners:?}");
            sizes[owners[0] as usize - 1] += 1;
        }
        // Fair within 10% of the mean.
        for size in sizes {
            assert!((1286..=1572).contains(&size), "{size}");
        }
        assert!(Shard { index: 1, count: 1 }.contains("anything"));
        let windows = Shard { index: 3, count: 5 };
        assert_eq!(
            windows.contains("a\\b.cable"),
            windows.contains("a/b.cable")
        );
    }
}
