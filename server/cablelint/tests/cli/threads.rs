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

/// A text over the size from which one file is checked on two threads
/// (`lint::PARALLEL_FROM_BYTES`): every rule's documented wrong example,
/// over and over, with CRLF lines, CJK and astral characters and
/// directives between them.
fn long_document() -> String {
    let rules = cablelint_core::rules::all();
    let mut text = String::new();
    let mut i = 0;
    while text.len() <= cablelint_core::lint::PARALLEL_FROM_BYTES + 4096 {
        let rule = rules[i % rules.len()].meta();
        let mut example = format!(
            "{}\n\n发往:乌鲁木齐 𠀋 Vice Minister Ji [Pengfei met him.\n\n",
            rule.wrong
        );
        if i % 2 == 1 {
            example = example.replace('\n', "\r\n");
        }
        if i % 7 == 0 {
            text.push_str("% cablelint: disable-next-line B001\n");
        }
        text.push_str(&example);
        i += 1;
    }
    text
}

/// One long document alone in a run of two threads is checked on both;
/// what it reports is what one thread reports, in every format that
/// carries findings, and beside a short file (each then on one thread).
#[test]
fn one_long_document_on_two_threads_reports_what_one_thread_does() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("long.cable"), long_document()).unwrap();
    std::fs::write(dir.path().join("short.cable"), "Ji [Pengfei met him.\n").unwrap();
    for (format, files) in [
        ("json", &["long.cable"][..]),
        ("concise", &["long.cable"]),
        ("json", &["long.cable", "short.cable"]),
    ] {
        let run = |threads: &str| {
            let mut args = vec!["check", "--no-config", "--no-cache", "--format", format];
            args.extend(["--threads", threads]);
            args.extend(files);
            cablelint(dir.path(), &args)
        };
        let (one, two) = (run("1"), run("2"));
        assert_eq!(one.code, 1, "{}", one.stderr);
        assert!(one.stdout.len() > 10_000, "{format}: few findings");
        assert_eq!(one.stdout, two.stdout, "{format} {files:?}");
        assert_eq!(one.stderr, two.stderr, "{format} {files:?}");
        assert_eq!(one.code, two.code);
        // The long file alone is split; beside another, it is not.
        let mut args = vec!["-v", "check", "--no-config", "--no-cache", "--threads", "2"];
        args.extend(files);
        let verbose = cablelint(dir.path(), &args);
        let split = verbose.stderr.contains("one document on two threads");
        assert_eq!(split, files.len() == 1, "{}", verbose.stderr);
    }
}
