//! What is checked: standard input, named files, walks, missing paths.

use crate::common::{cablelint, cablelint_stdin, sandbox};
use expect_test::expect;

#[test]
fn stdin_is_checked_under_its_given_name() {
    let dir = sandbox("cli");
    cablelint_stdin(
        dir.path(),
        &["check", "--stdin-filename", "letters/x.cable"],
        "发往 𠀋 [] ok\n".as_bytes(),
    )
    .expect(
        1,
        expect![[r#"
        letters/x.cable: profile generic (no collection recognised)
        letters/x.cable:1:6: warning[B004] empty editorial bracket
          |
        1 | 发往 𠀋 [] ok
          |         ^^
          |
          = help: unsafe fix: Delete the empty brackets

        Found 1 problem (1 warning) in 1 of 1 file checked; 1 fixable with --fix --unsafe-fixes.
    "#]],
        expect![[""]],
    );
}

#[test]
fn stdin_fixed_goes_to_stdout_and_the_report_to_stderr() {
    let dir = sandbox("cli");
    let run = cablelint_stdin(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "-"],
        "\u{FEFF}a [] b\r\n".as_bytes(),
    )
    .expect(
        0,
        expect![[r#"
            <BOM>a b␍
        "#]],
        expect![[r#"
            Fixed 1 problem in 1 file.
            No problems found; 1 file checked.
            1 file without findings matched no collection and was checked with the generic profile (--show-profiles names it).
        "#]],
    );
    assert_eq!(run.stdout.as_bytes(), "\u{FEFF}a b\r\n".as_bytes());
}

#[test]
fn named_files_are_checked_whatever_their_extension_and_walks_skip_them() {
    let dir = sandbox("cli");
    cablelint(dir.path(), &["check", "--format", "github", "notes.txt"])
    .expect(
        1,
        expect![[r#"
        ::warning file=notes.txt,line=1,col=13,endLine=1,endColumn=15,title=B004 empty-bracket::empty editorial bracket
    "#]],
        expect![[""]],
    );
    let walked = cablelint(dir.path(), &["check", "--format", "json", "."]);
    assert!(!walked.stdout.contains("notes.txt"));
}

#[test]
fn walks_respect_gitignore() {
    let dir = sandbox("cli");
    std::fs::write(dir.path().join(".gitignore"), "directive.cable\n").unwrap();
    let run = cablelint(dir.path(), &["check", "--format", "json"]);
    assert!(!run.stdout.contains("directive.cable"));
    assert!(run.stdout.contains("bom-crlf.cable"));
}

#[test]
fn a_missing_path_is_an_error_but_the_rest_is_checked() {
    let dir = sandbox("cli");
    cablelint(
        dir.path(),
        &[
            "check",
            "--format",
            "github",
            "nope.cable",
            "prc-clean.cable",
        ])
    .expect(
        2,
        expect![[r#"
            ::notice file=prc-clean.cable,line=1,col=14,endLine=1,endColumn=15,title=B006 unbalanced-punctuation::`(` is not closed before its paragraph ends (line 2)
        "#]],
        expect![[r#"
        error: nope.cable: No such file or directory (os error 2)
    "#]],
    );
}
