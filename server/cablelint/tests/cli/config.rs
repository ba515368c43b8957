//! Configuration files and the command-line options that override them,
//! the exit status's threshold included.

use crate::common::{cablelint, sandbox};
use expect_test::expect;

#[test]
fn fail_on_sets_the_threshold() {
    let dir = sandbox("cli");
    let args = |level: &'static str| {
        [
            "check",
            "--format",
            "github",
            "--fail-on",
            level,
            "bom-crlf.cable",
        ]
    };
    assert_eq!(cablelint(dir.path(), &args("warning")).code, 1);
    assert_eq!(cablelint(dir.path(), &args("error")).code, 0);
    assert_eq!(cablelint(dir.path(), &args("never")).code, 0);
    assert_eq!(cablelint(dir.path(), &args("hint")).code, 1);
    let usage = cablelint(dir.path(), &["check", "--fail-on", "loud"]);
    assert_eq!(usage.code, 2);
    assert!(
        usage.stderr.contains("invalid value 'loud'"),
        "{}",
        usage.stderr
    );
}

#[test]
fn configuration_sets_profiles_severities_ignores_and_excludes() {
    let dir = sandbox("cli-project");
    cablelint(dir.path(), &["check", "--format", "github"])
    .expect(
        0,
        expect![[r#"
            ::notice file=frus/telegram.cable,line=4,col=16,endLine=4,endColumn=18,title=B004 empty-bracket::empty editorial bracket
            ::notice file=top.cable,line=1,col=5,endLine=1,endColumn=7,title=B004 empty-bracket::empty editorial bracket
        "#]],
        expect![[""]],
    );
    let json = cablelint(dir.path(), &["check", "--format", "json", "frus"]);
    let json = json.json();
    assert_eq!(json["files"][0]["profile"], "frus-telegram");
    assert_eq!(
        json["files"][0]["profile_detection"]["method"],
        "configured"
    );
}

#[test]
fn no_config_and_explicit_config() {
    let dir = sandbox("cli-project");
    cablelint(
        dir.path(),
        &["check", "--no-config", "--format", "github"])
    .expect(
        1,
        expect![[r#"
            ::warning file=drafts/d.cable,line=1,col=7,endLine=1,endColumn=9,title=B004 empty-bracket::empty editorial bracket
            ::warning file=frus/telegram.cable,line=4,col=16,endLine=4,endColumn=18,title=B004 empty-bracket::empty editorial bracket
            ::warning file=nested/n.cable,line=1,col=8,endLine=1,endColumn=10,title=B004 empty-bracket::empty editorial bracket
            ::warning file=quiet/q.cable,line=1,col=7,endLine=1,endColumn=9,title=B004 empty-bracket::empty editorial bracket
            ::warning file=top.cable,line=1,col=5,endLine=1,endColumn=7,title=B004 empty-bracket::empty editorial bracket
        "#]],
        expect![[""]],
    );
    let run = cablelint(
        dir.path(),
        &[
            "check",
            "--config",
            "nested/cablelint.toml",
            "--format",
            "github",
        ],
    );
    run.expect(0, expect![[""]], expect![[""]]);
}

#[test]
fn select_extend_select_and_ignore_on_the_command_line_override_the_configuration() {
    let dir = sandbox("cli-project");
    std::fs::write(
        dir.path().join("o.cable"),
        "Ambassador Xyzzyqq met him [].\n",
    )
    .unwrap();
    let github = |args: &[&str]| {
        let mut all = vec!["check", "--no-cache", "--format", "github"];
        all.extend_from_slice(args);
        cablelint(dir.path(), &all)
    };
    // `--select` replaces the selection and the ignores of each
    // configuration (nested/ ignores B004); severities and per-file
    // ignores (quiet/) still apply.
    github(&["--select", "empty-bracket", "frus", "nested", "quiet"]).expect(
        1,
        expect![[r#"
            ::notice file=frus/telegram.cable,line=4,col=16,endLine=4,endColumn=18,title=B004 empty-bracket::empty editorial bracket
            ::warning file=nested/n.cable,line=1,col=8,endLine=1,endColumn=10,title=B004 empty-bracket::empty editorial bracket
        "#]],
        expect![[""]],
    );
    github(&["--ignore", "B004", "frus", "nested", "top.cable"]).expect(
        0,
        expect![[""]],
        expect![[""]],
    );
    // A rule off by default, comma-separated with another.
    github(&["--extend-select", "O003,B004", "o.cable"]).expect(
        0,
        expect![[r#"
            ::notice file=o.cable,line=1,col=1,endLine=1,endColumn=19,title=O003 unknown-official::no official named `Xyzzyqq` in the officials registry
            ::notice file=o.cable,line=1,col=28,endLine=1,endColumn=30,title=B004 empty-bracket::empty editorial bracket
        "#]],
        expect![[""]],
    );
    github(&["--select", "ALL", "--ignore", "B", "o.cable"]).expect(
        0,
        expect![[r#"
            ::notice file=o.cable,line=1,col=1,endLine=1,endColumn=19,title=O003 unknown-official::no official named `Xyzzyqq` in the officials registry
        "#]],
        expect![[""]],
    );
    github(&["--select", "B004,B9"]).expect(
        2,
        expect![[""]],
        expect![[r#"
            error: `--select`: unknown rule code `B9`; `cablelint rules` lists them
        "#]],
    );
    github(&["--no-config", "--ignore", "O0031"]).expect(
        2,
        expect![[""]],
        expect![[r#"
            error: `--ignore`: unknown rule code `O0031`; did you mean `O003`?
        "#]],
    );
}

#[test]
fn a_bad_configuration_stops_the_run_naming_file_line_and_key() {
    let dir = sandbox("cli-bad-config");
    let run = cablelint(dir.path(), &["check"]);
    let stderr = run
        .stderr
        .replace(&dir.path().display().to_string(), "$DIR");
    assert_eq!(run.stdout, "");
    expect![[r#"
        error: $DIR/cablelint.toml:2:16: `rules.select[1]`: unknown rule code `B04`; did you mean `B004`?
    "#]].assert_eq(&stderr);
    assert_eq!(run.code, 2);
}
