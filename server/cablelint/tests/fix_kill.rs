//! `--fix` killed mid-run never leaves a file half-written: each file is
//! either exactly its old content or exactly its fixed content.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn sample() -> Vec<u8> {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/samples/with-mistakes.cable");
    std::fs::read(path).unwrap()
}

fn fix_command(dir: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_cablelint"));
    command
        .args([
            "check",
            "--no-config",
            "--fix",
            "--format",
            "json",
            "--threads",
            "2",
            ".",
        ])
        .current_dir(dir)
        .stdout(Stdio::null())
        .stderr(Stdio::null());
    command
}

fn cable_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "cable"))
        .collect();
    files.sort();
    files
}

#[test]
fn killing_a_large_fix_run_leaves_every_file_old_or_new() {
    let old = sample();
    // What a complete run makes of the sample (CRLF and a BOM included).
    let reference = tempfile::tempdir().unwrap();
    let mut crlf_bom = b"\xef\xbb\xbf".to_vec();
    crlf_bom.extend(
        String::from_utf8(old.clone())
            .unwrap()
            .replace('\n', "\r\n")
            .bytes(),
    );
    std::fs::write(reference.path().join("a.cable"), &old).unwrap();
    std::fs::write(reference.path().join("b.cable"), &crlf_bom).unwrap();
    fix_command(reference.path()).status().unwrap();
    let new = std::fs::read(reference.path().join("a.cable")).unwrap();
    let new_crlf_bom = std::fs::read(reference.path().join("b.cable")).unwrap();
    assert_ne!(old, new, "the sample has something to fix");

    let mut killed_midway = false;
    for delay_ms in [0, 0, 150, 400] {
        let dir = tempfile::tempdir().unwrap();
        for i in 0..2000 {
            let content = if i % 2 == 0 { &old } else { &crlf_bom };
            std::fs::write(dir.path().join(format!("{i:04}.cable")), content).unwrap();
        }
        let mut child = fix_command(dir.path()).spawn().unwrap();
        match delay_ms {
            // Kill as soon as the first file has been written back.
            0 => {
                let first = dir.path().join("0000.cable");
                while std::fs::read(&first).unwrap() == old && child.try_wait().unwrap().is_none() {
                    std::thread::sleep(Duration::from_millis(1));
                }
            }
            _ => std::thread::sleep(Duration::from_millis(delay_ms)),
        }
        let _ = child.kill();
        let status = child.wait().unwrap();
        let (mut olds, mut news) = (0, 0);
        for path in cable_files(dir.path()) {
            let i: usize = path.file_stem().unwrap().to_str().unwrap().parse().unwrap();
            let bytes = std::fs::read(&path).unwrap();
            let (was, fixed) = if i % 2 == 0 {
                (&old, &new)
            } else {
                (&crlf_bom, &new_crlf_bom)
            };
            if &bytes == was {
                olds += 1;
            } else if &bytes == fixed {
                news += 1;
            } else {
                panic!(
                    "{}: neither old nor new content after a kill",
                    path.display()
                );
            }
        }
        assert_eq!(olds + news, 2000, "no file lost ({status:?})");
        eprintln!("killed after {delay_ms} ms: {olds} old, {news} fixed");
        killed_midway |= olds > 0 && news > 0;
    }
    // The runs killed right after the first write stopped midway.
    assert!(killed_midway, "no kill landed in the middle of a run");
}
