//! The `cablelint` binary run over the fixtures in tests/fixtures: stdout,
//! stderr and exit status asserted exactly. Each test copies its fixtures into
//! a fresh directory and runs there, so paths in the output are stable and
//! `--fix` never touches the repository. `UPDATE_EXPECT=1` rewrites snapshots.

#[path = "../common/mod.rs"]
mod common;

mod ci;
mod config;
mod corpus;
mod fix;
mod human;
mod inputs;
mod json;
mod officials;
mod rules;
mod statistics;
mod threads;
