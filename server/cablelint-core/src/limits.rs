//! How big a file cablelint checks, and how many findings it keeps for one
//! file: bounds on time and memory that `[limits]` in `cablelint.toml`
//! raises. Over a bound a file is not dropped in silence: it gets one
//! finding (E003, E004) that names the size and the key.

use std::fmt;

/// `[limits]`: what one file may cost.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Limits {
    /// Files larger than this (in bytes, BOM included) are not checked.
    pub max_file_size: u64,
    /// At most this many findings are kept for one file (in text order).
    pub max_diagnostics_per_file: usize,
}

/// 64 MB: 20,000 times the size of a typical cable, and checked in about
/// two seconds with about four times its size in memory (see
/// tests/bench/adversarial.sh); a bigger file is almost always a mistake
/// (a whole collection pasted into one file, a binary with the wrong name).
pub const DEFAULT_MAX_FILE_SIZE: u64 = 64 * 1_000_000;

/// A real cable has a handful of findings; a hundred thousand means the
/// file is not what the rules are for, and more would only cost memory.
pub const DEFAULT_MAX_DIAGNOSTICS_PER_FILE: usize = 100_000;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            max_diagnostics_per_file: DEFAULT_MAX_DIAGNOSTICS_PER_FILE,
        }
    }
}

impl Limits {
    /// Whether a file of `size` bytes is over `max_file_size`.
    pub fn too_large(&self, size: u64) -> Option<TooLarge> {
        (size > self.max_file_size).then_some(TooLarge {
            size,
            limit: self.max_file_size,
        })
    }
}

/// A file that was not checked because of its size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TooLarge {
    pub size: u64,
    pub limit: u64,
}

/// Parses a size such as `64MB`, `512 KiB`, `1.5GB` or `1000` (bytes).
/// KB, MB, GB are powers of 1000; KiB, MiB, GiB powers of 1024; units are
/// not case-sensitive.
pub fn parse_size(text: &str) -> Result<u64, String> {
    let trimmed = text.trim();
    let split = trimmed
        .find(|c: char| !(c.is_ascii_digit() || c == '.'))
        .unwrap_or(trimmed.len());
    let (number, unit) = trimmed.split_at(split);
    let invalid = || {
        format!(
            "invalid size `{text}`: write a number and a unit, such as `64MB`, `512KiB` or `1GB`"
        )
    };
    let number: f64 = number.parse().map_err(|_| invalid())?;
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "kb" | "k" => 1_000,
        "mb" | "m" => 1_000_000,
        "gb" | "g" => 1_000_000_000,
        "kib" => 1 << 10,
        "mib" => 1 << 20,
        "gib" => 1 << 30,
        _ => return Err(invalid()),
    };
    let bytes = number * factor as f64;
    if !bytes.is_finite() || bytes >= u64::MAX as f64 {
        return Err(format!("invalid size `{text}`: too large"));
    }
    Ok(bytes.round() as u64)
}

/// A size for people: `1.5 MB`, `64 MB`, `900 bytes`.
pub struct HumanSize(pub u64);

impl HumanSize {
    /// With the exact count after a rounded one: `1.5 MB (1500123 bytes)`.
    pub fn with_bytes(&self) -> String {
        if self.0 < 1_000 {
            self.to_string()
        } else {
            format!("{self} ({} bytes)", self.0)
        }
    }
}

impl fmt::Display for HumanSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = self.0;
        let (value, unit) = match bytes {
            0..1_000 => return write!(f, "{bytes} bytes"),
            1_000..1_000_000 => (bytes as f64 / 1e3, "KB"),
            1_000_000..1_000_000_000 => (bytes as f64 / 1e6, "MB"),
            _ => (bytes as f64 / 1e9, "GB"),
        };
        if value.fract() == 0.0 {
            write!(f, "{value} {unit}")
        } else {
            write!(f, "{value:.1} {unit}")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_take_decimal_and_binary_units() {
        assert_eq!(parse_size("64MB"), Ok(64_000_000));
        assert_eq!(parse_size("64 mb"), Ok(64_000_000));
        assert_eq!(parse_size("512KiB"), Ok(512 * 1024));
        assert_eq!(parse_size("1.5GB"), Ok(1_500_000_000));
        assert_eq!(parse_size("2GiB"), Ok(2 << 30));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert_eq!(parse_size("10B"), Ok(10));
        assert!(parse_size("64 parsecs")
            .unwrap_err()
            .contains("`64 parsecs`"));
        assert!(parse_size("MB").is_err());
        assert!(parse_size("").is_err());
        assert!(parse_size("1.2.3MB").is_err());
        assert!(parse_size("99999999999999999999GB").is_err());
    }

    #[test]
    fn sizes_print_for_people() {
        assert_eq!(HumanSize(900).to_string(), "900 bytes");
        assert_eq!(HumanSize(64_000_000).to_string(), "64 MB");
        assert_eq!(HumanSize(100_000_743).to_string(), "100.0 MB");
        assert_eq!(HumanSize(1_500).to_string(), "1.5 KB");
        assert_eq!(HumanSize(2_000_000_000).to_string(), "2 GB");
        assert_eq!(HumanSize(900).with_bytes(), "900 bytes");
        assert_eq!(HumanSize(1_500).with_bytes(), "1.5 KB (1500 bytes)");
    }

    #[test]
    fn only_files_over_the_limit_are_too_large() {
        let limits = Limits {
            max_file_size: 10,
            ..Limits::default()
        };
        assert_eq!(limits.too_large(10), None);
        assert_eq!(
            limits.too_large(11),
            Some(TooLarge {
                size: 11,
                limit: 10
            })
        );
    }
}
