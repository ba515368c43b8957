//! `cablelint.toml`: discovery and parsing. (Filled in by the configuration work.)
