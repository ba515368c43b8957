//! Output is the same whatever the thread count and however early files are
//! checked.

use crate::common::{cablelint, file_paths};

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..40 {
        std::fs::create_dir_all(dir.path().join(format!("d{}", i % 7))).unwrap();
        std::fs::write(
            dir.path().join(format!("d{}/f{i}.cable", i % 7)),
            format!("Line {i} [] and [ ] here.\n"),
        )
        .unwrap();
    }
    let one = cablelint(dir.path(), &["check", "--threads", "1", "--format", "json"]);
    let many = cablelint(dir.path(), &["check", "--threads", "8", "--format", "json"]);
    assert_eq!(one.code, 1);
    assert_eq!(one.stdout, many.stdout);
    let json = one.json();
    let paths = file_paths(&json);
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted);
    assert_eq!(paths.len(), 40);
}

/// With two threads, files the walk finds first are checked while it
/// runs: more files than are checked that way, in folders, some with
/// invalid UTF-8 and a BOM, and a shard, give what one thread gives.
#[test]
fn files_checked_while_the_walk_runs_come_out_in_path_order() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..700 {
        let folder = dir.path().join(format!("d{}", i % 5));
        std::fs::create_dir_all(&folder).unwrap();
        let mut text = format!("Line {i} [] and [ ] here 𠀋.\r\n").into_bytes();
        if i % 50 == 0 {
            text.extend_from_slice(b"bad \xff byte\n");
        }
        if i % 70 == 0 {
            text.splice(0..0, "\u{FEFF}".bytes());
        }
        std::fs::write(folder.join(format!("f{i}.cable")), text).unwrap();
    }
    for extra in [&[][..], &["--shard", "2/3"]] {
        for format in ["json", "human"] {
            let run = |threads: &str| {
                let mut args = vec!["check", "--no-cache", "--format", format];
                args.extend(["--threads", threads]);
                args.extend(extra);
                cablelint(dir.path(), &args)
            };
            let (one, two) = (run("1"), run("2"));
            assert_eq!(one.code, 1);
            assert_eq!(one.stdout, two.stdout, "{format} {extra:?}");
            assert_eq!(one.stderr, two.stderr, "{format} {extra:?}");
            assert_eq!(one.code, two.code);
        }
    }
}
