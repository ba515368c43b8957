//! `--fix` and `--diff`: what is rewritten, what never is.

use crate::common::{cablelint, sandbox};
use expect_test::expect;

#[test]
fn fix_applies_only_safe_fixes_by_default() {
    let dir = sandbox("cli");
    let before = std::fs::read(dir.path().join("bom-crlf.cable")).unwrap();
    let run = cablelint(dir.path(), &["check", "--fix", "bom-crlf.cable"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        std::fs::read(dir.path().join("bom-crlf.cable")).unwrap(),
        before
    );
}

#[test]
fn unsafe_fixes_rewrite_the_file_keeping_bom_and_crlf() {
    let dir = sandbox("cli");
    cablelint(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "bom-crlf.cable"],
    )
    .expect(
        0,
        expect![[r#"
            Fixed 2 problems in 1 file.
            No problems found; 1 file checked.
            1 file without findings matched no collection and was checked with the generic profile (--show-profiles names it).
        "#]],
        expect![[""]],
    );
    assert_eq!(
        std::fs::read(dir.path().join("bom-crlf.cable")).unwrap(),
        "\u{FEFF}Receiver: Wulumuqi [Urumqi]\r\n发往 𠀋 乌鲁木齐\r\nOn the 26th, Ji met him.\r\n"
            .as_bytes()
    );
}

#[test]
fn a_read_only_file_is_left_untouched_with_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = sandbox("cli");
    let path = dir.path().join("bom-crlf.cable");
    let before = std::fs::read(&path).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o444)).unwrap();
    cablelint(
        dir.path(),
        &[
            "check",
            "--fix",
            "--unsafe-fixes",
            "--format",
            "github",
            "bom-crlf.cable",
        ])
    .expect(
        2,
        expect![[r#"
        ::warning file=bom-crlf.cable,line=2,col=6,endLine=2,endColumn=8,title=B004 empty-bracket::empty editorial bracket
        ::warning file=bom-crlf.cable,line=3,col=13,endLine=3,endColumn=16,title=B004 empty-bracket::empty editorial bracket
    "#]],
        expect![[r#"
        error: bom-crlf.cable: not fixed: the file is read-only
    "#]],
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn a_file_with_invalid_utf8_is_never_fixed() {
    let dir = sandbox("cli");
    let path = dir.path().join("invalid-utf8.cable");
    let before = std::fs::read(&path).unwrap();
    cablelint(
        dir.path(),
        &["check", "--fix", "--unsafe-fixes", "invalid-utf8.cable"])
    .expect(
        2,
        expect![[r#"
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

            Found 2 problems (1 error, 1 warning) in 1 of 1 file checked; 1 fixable with --fix --unsafe-fixes; 1 path failed (errors on stderr).
        "#]],
        expect![[r#"
        error: invalid-utf8.cable: not fixed: invalid UTF-8 at byte 19; re-save the file as UTF-8
    "#]],
    );
    assert_eq!(std::fs::read(&path).unwrap(), before);
}

#[test]
fn diff_shows_the_fixes_and_writes_nothing() {
    let dir = sandbox("cli");
    let before = std::fs::read(dir.path().join("directive.cable")).unwrap();
    cablelint(
        dir.path(),
        &[
            "check",
            "--diff",
            "--unsafe-fixes",
            "directive.cable",
            "bom-crlf.cable",
        ],
    )
    .expect(
        1,
        expect![[r#"
            --- a/bom-crlf.cable
            +++ b/bom-crlf.cable
            @@ -1,3 +1,3 @@
             <BOM>Receiver: Wulumuqi [Urumqi]␍
            -发往 𠀋 [] 乌鲁木齐␍
            -On the 26th [ ], Ji met him.␍
            +发往 𠀋 乌鲁木齐␍
            +On the 26th, Ji met him.␍
            --- a/directive.cable
            +++ b/directive.cable
            @@ -1,4 +1,4 @@
             % cablelint: disable-lines B004
             % cablelint: disable-next-line B004
             On the 26th [], Ji met him.
            -	Tab	[] 𠀋 here.
            +	Tab	 𠀋 here.
        "#]],
        expect![[r#"
        Would fix 3 problems in 2 files.
    "#]],
    );
    assert_eq!(
        std::fs::read(dir.path().join("directive.cable")).unwrap(),
        before
    );
}
