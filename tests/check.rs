//! `guidebot check` end to end: the shipped handbook passes (warnings at most), a broken
//! copy fails with `file:line: error: message` lines, `--json` is machine-readable, and
//! bad usage exits 2.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn check(guidelines: &Path, extra: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_guidebot"));
    command
        .arg("check")
        .args(extra)
        .arg("--guidelines")
        .arg(guidelines)
        .current_dir(std::env::temp_dir());
    for (key, _) in std::env::vars() {
        if key.starts_with("GUIDEBOT_") {
            command.env_remove(key);
        }
    }
    command.output().expect("guidebot runs")
}

#[test]
fn shipped_handbook_has_no_errors() {
    let out = check(&repo().join("guidelines"), &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(!stdout.contains(": error:"), "{stdout}");
}

#[test]
fn broken_handbook_fails_with_one_finding_per_line() {
    let dir = tempfile::tempdir().unwrap();
    let de = dir.path().join("de");
    std::fs::create_dir_all(&de).unwrap();
    std::fs::write(
        de.join("a.md"),
        "---\ntitle: A\nlang: de\nowner: K\nreviewed: 2026-01-01\n---\n# A\n\n- ✅ **Erlaub:** Fotos.\n\n[x](fehlt.md)\n",
    )
    .unwrap();
    std::fs::write(de.join("b.md"), "# B\n\nText.\n").unwrap();
    let out = check(dir.path(), &[]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines.contains(&"de/a.md:9: error: misspelled rule marker `Erlaub:`; did you mean `Erlaubt:`? guidebot reads no verdict from it"), "{stdout}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("de/a.md:11: error: broken link")),
        "{stdout}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("de/b.md:1: error: no front matter")),
        "{stdout}"
    );

    let out = check(dir.path(), &["--json"]);
    assert_eq!(out.status.code(), Some(1));
    let findings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &findings.as_array().unwrap()[0];
    for key in ["file", "line", "severity", "message"] {
        assert!(first.get(key).is_some(), "{first}");
    }
}

#[test]
fn bad_usage_exits_2() {
    let out = check(&repo().join("guidelines"), &["--no-such-flag"]);
    assert_eq!(out.status.code(), Some(2));
}
