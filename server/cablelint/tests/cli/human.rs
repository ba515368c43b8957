//! Human-readable output: profiles named, spans underlined, colour.

use crate::common::{cablelint, sandbox};
use expect_test::expect;
use std::process::Command;

#[test]
fn clean_files_name_their_profile_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    // A PRC cable's form header (detected) and a memo nothing recognises.
    let prc = "发往:乌鲁木齐\n等级:急\n外发e508\n\nReceiver: Wulumuqi\n\nForeign Ministry Dispatch No. 508\n\nLevel: Urgent\n\nThe meeting was held.\n";
    std::fs::write(dir.path().join("prc.cable"), prc).unwrap();
    std::fs::write(
        dir.path().join("memo.cable"),
        "Memo 𠀋\r\n\r\nThe meeting was held.\r\n",
    )
    .unwrap();
    cablelint(dir.path(), &["check", "--no-cache"]).expect(0, expect![[r#"
        No problems found; 2 files checked.
        1 file without findings matched no collection and was checked with the generic profile (--show-profiles names it).
    "#]], expect![[""]]);
    cablelint(dir.path(), &["check", "--no-cache", "--show-profiles"]).expect(
        0,
        expect![[r#"
            memo.cable: profile generic (no collection recognised)
            prc.cable: profile prc-mfa-cable (detected from 发往, 等级, 外发, Foreign Ministry Dispatch No.)
            No problems found; 2 files checked.
        "#]],
        expect![[""]],
    );
}

#[test]
fn human_output_underlines_spans_and_names_profiles() {
    let dir = sandbox("cli");
    cablelint(dir.path(), &["check"])
    .expect(
        1,
        expect![[r#"
            bom-crlf.cable: profile generic (no collection recognised)
            bom-crlf.cable:2:6: warning[B004] empty editorial bracket
              |
            2 | 发往 𠀋 [] 乌鲁木齐
              |         ^^
              |
              = help: unsafe fix: Delete the empty brackets

            bom-crlf.cable:3:13: warning[B004] empty editorial bracket
              |
            3 | On the 26th [ ], Ji met him.
              |             ^^^
              |
              = help: unsafe fix: Delete the empty brackets

            directive.cable: profile generic (no collection recognised)
            directive.cable:1:1: error[E002] unknown directive `disable-lines`: expected `profile`, `disable-file` or `disable-next-line`
              |
            1 | % cablelint: disable-lines B004
              | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^

            directive.cable:4:6: warning[B004] empty editorial bracket
              |
            4 |     Tab    [] 𠀋 here.
              |            ^^
              |
              = help: unsafe fix: Delete the empty brackets

            invalid-utf8.cable: profile generic (no collection recognised)
            invalid-utf8.cable:2:1: error[E001] invalid UTF-8 on line 2 (byte 19); the file will not be fixed
              |
            2 | �� bad bytes
              | ^

            invalid-utf8.cable:3:13: warning[B004] empty editorial bracket
              |
            3 | On the 26th [], Ji met him.
              |             ^^
              |
              = help: unsafe fix: Delete the empty brackets

            prc-clean.cable: profile prc-mfa-cable (detected from 发往, 等级, 外发, 复来报号, Foreign Ministry Dispatch No.)
            prc-clean.cable:1:14: info[B006] `(` is not closed before its paragraph ends (line 2)
              |
            1 | 发往:乌鲁木齐   批发:(   628
              |                      ^

            Found 7 problems (2 errors, 4 warnings, 1 info) in 4 of 4 files checked; 4 fixable with --fix --unsafe-fixes.
        "#]],
        expect![[""]],
    );
}

#[test]
fn a_clean_file_passes() {
    let dir = sandbox("cli");
    cablelint(dir.path(), &["check", "prc-clean.cable"])
    .expect(
        0,
        expect![[r#"
            prc-clean.cable: profile prc-mfa-cable (detected from 发往, 等级, 外发, 复来报号, Foreign Ministry Dispatch No.)
            prc-clean.cable:1:14: info[B006] `(` is not closed before its paragraph ends (line 2)
              |
            1 | 发往:乌鲁木齐   批发:(   628
              |                      ^

            Found 1 problem (1 info) in 1 of 1 file checked.
        "#]],
        expect![[""]],
    );
}

#[test]
fn colour_only_when_asked_or_on_a_terminal() {
    let dir = sandbox("cli");
    let plain = cablelint(dir.path(), &["check", "directive.cable"]);
    assert!(!plain.stdout.contains('\u{1b}'));
    let always = cablelint(
        dir.path(),
        &["check", "--color", "always", "directive.cable"],
    );
    assert!(always.stdout.contains("\u{1b}["));
    let mut command = Command::new(env!("CARGO_BIN_EXE_cablelint"));
    let never = command
        .args(["check", "--color", "never", "directive.cable"])
        .env("CLICOLOR_FORCE", "1")
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(!String::from_utf8(never.stdout).unwrap().contains('\u{1b}'));
}
