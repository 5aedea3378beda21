//! Re-indexing the comms team can trust, end to end: questions during a re-index, broken
//! files, SIGKILL at random moments of `guidebot index`, and the added/changed/removed
//! report. Each test works on its own copy of the sample handbook in a temp folder.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Instant;

use guidebot::config::Config;
use guidebot::engine::Engine;
use serde_json::Value;

const PHOTO_QUESTION: &str = "Darf ich Fotos von Kollegen posten?";

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A temp folder with a copy of the sample handbook in `g/` and room for an index in `i/`.
struct Handbook {
    dir: tempfile::TempDir,
}

impl Handbook {
    fn new() -> Handbook {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("guidelines"), &dir.path().join("g"));
        Handbook { dir }
    }

    fn guidelines(&self) -> PathBuf {
        self.dir.path().join("g")
    }

    fn index(&self) -> PathBuf {
        self.dir.path().join("i")
    }

    fn file(&self, name: &str) -> PathBuf {
        self.guidelines().join(name)
    }

    fn append(&self, name: &str, text: &str) {
        use std::io::Write;
        let mut file = std::fs::OpenOptions::new()
            .append(true)
            .open(self.file(name))
            .unwrap();
        file.write_all(text.as_bytes()).unwrap();
    }

    fn config(&self) -> Config {
        Config {
            guidelines: self.guidelines(),
            index: self.index(),
            ..Config::default()
        }
    }

    /// The `guidebot` binary on this handbook, run from the temp folder (so no
    /// `guidebot.toml` of the developer's is read).
    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new(env!("CARGO_BIN_EXE_guidebot"));
        command
            .args(args)
            .arg("--guidelines")
            .arg(self.guidelines())
            .arg("--index")
            .arg(self.index())
            .current_dir(self.dir.path())
            .env_remove("DISCORD_TOKEN")
            .env_remove("RUST_LOG");
        for (key, _) in std::env::vars() {
            if key.starts_with("GUIDEBOT_") {
                command.env_remove(key);
            }
        }
        command
    }

    fn run(&self, args: &[&str]) -> Output {
        self.command(args).output().expect("guidebot runs")
    }

    fn index_json(&self) -> (i32, Value) {
        let out = self.run(&["index", "--json"]);
        let code = out.status.code().unwrap_or(-1);
        let json = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
            panic!(
                "index --json printed no JSON ({e}): {}\n{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            )
        });
        (code, json)
    }

    fn ask_json(&self, question: &str) -> Value {
        answer_of(self.run(&["ask", "--json", question]))
    }

    fn current(&self) -> String {
        std::fs::read_to_string(self.index().join("CURRENT")).unwrap_or_default()
    }

    fn generations(&self) -> usize {
        std::fs::read_dir(self.index())
            .map(|entries| {
                entries
                    .flatten()
                    .filter(|e| e.file_name().to_string_lossy().starts_with("gen-"))
                    .count()
            })
            .unwrap_or(0)
    }
}

/// The answer a finished `guidebot ask --json` printed; it must have succeeded.
fn answer_of(out: Output) -> Value {
    assert!(
        out.status.success(),
        "ask exited {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("ask --json prints one JSON object")
}

fn strings(value: &Value) -> Vec<String> {
    value
        .as_array()
        .map(|items| {
            items
                .iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect()
        })
        .unwrap_or_default()
}

fn passage_files(answer: &Value) -> Vec<(String, bool)> {
    answer["passages"]
        .as_array()
        .map(|passages| {
            passages
                .iter()
                .map(|p| {
                    (
                        p["file"].as_str().unwrap_or("").to_string(),
                        p["stale"].as_bool().unwrap_or(false),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

const EXTRA: &str = "---\ntitle: Firmenwagen\nlang: de\nowner: Team K\nreviewed: 2026-01-01\n---\n\n# Firmenwagen\n\nRegeln für Fotos mit dem Firmenwagen.\n\n## Firmenwagen mit Werbefolie\n\n- ❌ **Nicht erlaubt:** Den Firmenwagen mit Werbefolie für private Spaßvideos filmen.\n\n## Firmenwagen im Urlaub\n\n- ✅ **Erlaubt:** Urlaubsfotos, auf denen der Firmenwagen ohne Kennzeichen zu sehen ist.\n";

/// (a) Threads keep asking while another thread re-indexes again and again, with the
/// guidelines edited in between: no question fails, and every question is answered from
/// a whole index (one of the two states the folder is in, never a mix or a half).
#[test]
fn questions_during_reindex_never_fail_and_never_see_a_partial_index() {
    let handbook = Handbook::new();
    let engine = Arc::new(Engine::open(handbook.config()).unwrap());
    let base_sections = engine.with_snapshot(|s, _| s.sections.len());
    let base_docs = engine.documents().len();
    std::fs::write(handbook.file("de/firmenwagen.md"), EXTRA).unwrap();
    engine.reindex().unwrap();
    let extra_sections = engine.with_snapshot(|s, _| s.sections.len()) - base_sections;
    assert!(extra_sections >= 3);
    std::fs::remove_file(handbook.file("de/firmenwagen.md")).unwrap();
    engine.reindex().unwrap();

    let stop = Arc::new(AtomicBool::new(false));
    let asked = Arc::new(AtomicUsize::new(0));
    let askers: Vec<_> = (0..3)
        .map(|n| {
            let engine = Arc::clone(&engine);
            let stop = Arc::clone(&stop);
            let asked = Arc::clone(&asked);
            std::thread::spawn(move || {
                let questions = [
                    PHOTO_QUESTION,
                    "Can I share our job ads on LinkedIn?",
                    "Darf ich das Firmenlogo verwenden?",
                ];
                let mut i = n;
                while !stop.load(Ordering::SeqCst) {
                    let question = questions[i % questions.len()];
                    i += 1;
                    let answer = engine
                        .ask(question)
                        .unwrap_or_else(|e| panic!("{question}: {e}"));
                    assert!(
                        !answer.abstained && !answer.passages.is_empty(),
                        "{question} lost its answer during a re-index: {answer:?}"
                    );
                    // The snapshot a question sees is whole: its manifest and its
                    // sections agree, and it is one of the folder's two states.
                    engine.with_snapshot(|snapshot, _| {
                        let listed: usize =
                            snapshot.manifest.files.values().map(|f| f.sections).sum();
                        let len = snapshot.sections.len();
                        assert_eq!(listed, len, "manifest and sections disagree");
                        assert!(
                            len == base_sections || len == base_sections + extra_sections,
                            "partial index: {len} sections"
                        );
                        let with_extra = snapshot.manifest.files.contains_key("de/firmenwagen.md");
                        assert_eq!(with_extra, len != base_sections);
                    });
                    asked.fetch_add(1, Ordering::SeqCst);
                }
            })
        })
        .collect();

    for round in 0..8 {
        // Edit the handbook: add or remove a whole document, and change another one.
        let present = round % 2 == 0;
        if present {
            std::fs::write(handbook.file("de/firmenwagen.md"), EXTRA).unwrap();
        } else {
            std::fs::remove_file(handbook.file("de/firmenwagen.md")).unwrap();
        }
        handbook.append("de/kontakt.md", &format!("\nRunde {round}.\n"));
        let report = engine.reindex().unwrap();
        assert!(report.errors.is_empty(), "{report:?}");
        // The next question after the switch sees the new rules.
        assert_eq!(engine.documents().len(), base_docs + usize::from(present));
        let answer = engine
            .ask("Darf ich den Firmenwagen mit Werbefolie filmen?")
            .unwrap();
        let cites_extra = answer
            .passages
            .iter()
            .any(|p| p.file == "de/firmenwagen.md");
        assert_eq!(cites_extra, present, "round {round}: {answer:?}");
    }
    stop.store(true, Ordering::SeqCst);
    for asker in askers {
        asker.join().expect("an asking thread failed");
    }
    assert!(asked.load(Ordering::SeqCst) > 8, "the askers hardly ran");
}

/// Concurrent re-index requests (several admins typing `/reindex`) all succeed, and a
/// request made after an edit always sees that edit.
#[test]
fn concurrent_reindex_calls_coalesce_and_see_the_latest_edit() {
    let handbook = Handbook::new();
    let engine = Arc::new(Engine::open(handbook.config()).unwrap());
    std::fs::write(handbook.file("de/firmenwagen.md"), EXTRA).unwrap();
    let callers: Vec<_> = (0..4)
        .map(|_| {
            let engine = Arc::clone(&engine);
            std::thread::spawn(move || engine.reindex().unwrap())
        })
        .collect();
    for caller in callers {
        let report = caller.join().unwrap();
        assert!(report.errors.is_empty());
    }
    assert!(engine
        .documents()
        .iter()
        .any(|d| d.file == "de/firmenwagen.md"));
}

/// (b) Broken files are reported by name, `guidebot index` exits 1, every other file is
/// indexed, and a broken file with a last good version is answered from it, marked
/// stale, until it is fixed.
#[test]
fn broken_files_are_reported_and_the_rest_stays_answerable() {
    let handbook = Handbook::new();
    let (code, first) = handbook.index_json();
    assert_eq!(code, 0, "{first}");
    let documents = first["documents"].as_u64().unwrap();

    // A file with a good version turns into invalid UTF-8; another grows over the size
    // limit; two new files are broken from the start.
    let photos = "de/fotos-und-videos.md";
    let mut bytes = std::fs::read(handbook.file(photos)).unwrap();
    bytes.extend_from_slice(b"\n\nGr\xfc\xdfe aus Latin-1.\n");
    std::fs::write(handbook.file(photos), bytes).unwrap();
    std::fs::write(
        handbook.dir.path().join("guidebot.toml"),
        "max_file_bytes = 20000\n",
    )
    .unwrap();
    handbook.append("de/logo-und-marke.md", &"\nFülltext. ".repeat(2000));
    std::fs::write(
        handbook.file("de/kaputt.md"),
        "---\ntitle: [unclosed\nlang: de\n---\n# Kaputt\n\nText.\n",
    )
    .unwrap();
    std::fs::write(
        handbook.file("en/huge.md"),
        format!("# Huge\n\n{}", "Words. ".repeat(5000)),
    )
    .unwrap();

    let (code, report) = handbook.index_json();
    assert_eq!(code, 1, "a broken file must fail CI: {report}");
    let errors: Vec<(String, String)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["file"].as_str().unwrap().to_string(),
                e["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let reason = |file: &str| {
        errors
            .iter()
            .find(|(f, _)| f == file)
            .map(|(_, r)| r.clone())
            .unwrap_or_else(|| panic!("{file} not reported: {errors:?}"))
    };
    assert!(reason(photos).contains("UTF-8"));
    assert!(reason("de/kaputt.md").contains("front matter"));
    assert!(reason("en/huge.md").contains("limit"));
    assert!(reason("de/logo-und-marke.md").contains("limit"));
    assert_eq!(errors.len(), 4, "{errors:?}");
    let mut stale = strings(&report["stale"]);
    stale.sort();
    assert_eq!(
        stale,
        vec![photos.to_string(), "de/logo-und-marke.md".into()]
    );
    // Every other file is still indexed, and the two stale ones too.
    assert_eq!(report["documents"].as_u64().unwrap(), documents);

    // The text report names the files as well.
    let out = handbook.run(&["index"]);
    assert_eq!(out.status.code(), Some(1));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    for file in [photos, "de/kaputt.md", "en/huge.md", "de/logo-und-marke.md"] {
        assert!(text.contains(file), "{file} missing from: {text}");
    }

    // The photo rules stay answerable, marked stale; other files are not stale.
    let generation = handbook.current();
    let answer = handbook.ask_json(PHOTO_QUESTION);
    let files = passage_files(&answer);
    assert!(
        files.iter().any(|(f, stale)| f == photos && *stale),
        "{answer}"
    );
    assert!(files
        .iter()
        .all(|(f, stale)| *stale == (f == photos || f == "de/logo-und-marke.md")));
    // Asking does not rebuild the index just because a file is still broken.
    assert_eq!(
        handbook.current(),
        generation,
        "ask rebuilt an unchanged index"
    );

    // Fixed: the file is fresh again and reported as changed.
    std::fs::copy(
        repo().join("guidelines").join(photos),
        handbook.file(photos),
    )
    .unwrap();
    std::fs::copy(
        repo().join("guidelines/de/logo-und-marke.md"),
        handbook.file("de/logo-und-marke.md"),
    )
    .unwrap();
    std::fs::remove_file(handbook.file("de/kaputt.md")).unwrap();
    std::fs::remove_file(handbook.file("en/huge.md")).unwrap();
    let (code, report) = handbook.index_json();
    assert_eq!(code, 0, "{report}");
    let mut changed = strings(&report["changed"]);
    changed.sort();
    assert_eq!(
        changed,
        vec![photos.to_string(), "de/logo-und-marke.md".into()]
    );
    assert!(strings(&report["stale"]).is_empty());
    let answer = handbook.ask_json(PHOTO_QUESTION);
    assert!(
        passage_files(&answer).iter().all(|(_, stale)| !stale),
        "{answer}"
    );
}

/// A deterministic pseudo-random sequence in [0, 1) (a 64-bit LCG; no rand crate).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// (c) The kill loop: `guidebot index` is SIGKILLed at pseudo-random moments of a
/// re-index, 24 times; after every kill the index opens and answers.
#[test]
fn sigkill_at_random_moments_of_a_reindex_leaves_an_index_that_answers() {
    let handbook = Handbook::new();
    let (code, _) = handbook.index_json();
    assert_eq!(code, 0);
    // Time runs like the ones killed below (process start, an edited file, build, exit)
    // to spread the kills over them; the faster of two, as other tests share the CPU.
    let full_run = (0..2)
        .map(|n| {
            handbook.append("de/kontakt.md", &format!("\nMessung {n}.\n"));
            let started = Instant::now();
            assert_eq!(handbook.index_json().0, 0);
            started.elapsed()
        })
        .min()
        .unwrap();
    let mut random = Lcg(0x5eed_c0ff_ee15_900d);
    let mut estimate = full_run;
    let mut killed_mid_run = 0;
    for round in 0..24 {
        // Work for the re-index: edit a file (and every third round, add or remove one).
        handbook.append("de/kontakt.md", &format!("\nÄnderung {round}.\n"));
        if round % 3 == 0 {
            let extra = handbook.file("de/firmenwagen.md");
            if extra.exists() {
                std::fs::remove_file(extra).unwrap();
            } else {
                std::fs::write(extra, EXTRA).unwrap();
            }
        }
        let delay = estimate.mul_f64(random.next());
        let mut child = handbook
            .command(&["index"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        // Runs get faster once the tests running beside this one are done: keep the
        // kills spread over a run as it is now.
        if child.try_wait().unwrap().is_none() {
            killed_mid_run += 1;
            estimate = estimate.mul_f64(1.1);
        } else {
            estimate = estimate.mul_f64(0.7);
        }
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();

        let answer = handbook.ask_json(PHOTO_QUESTION);
        let files = passage_files(&answer);
        assert!(
            !files.is_empty(),
            "round {round} (killed after {delay:?}): no passages: {answer}"
        );
        assert!(
            files.iter().any(|(f, _)| f == "de/fotos-und-videos.md"),
            "round {round}: {answer}"
        );
        // Crashed builds leave no pile of generations behind.
        assert!(
            handbook.generations() <= 3,
            "round {round}: {} generations",
            handbook.generations()
        );
    }
    eprintln!("{killed_mid_run} of 24 kills hit a running re-index (runs take {full_run:?})");
    assert!(
        killed_mid_run >= 8,
        "only {killed_mid_run} of 24 kills hit a running re-index"
    );
    let (code, report) = handbook.index_json();
    assert_eq!(code, 0, "{report}");
}

/// (d) `guidebot index --json` reports added, changed and removed files.
#[test]
fn index_reports_added_changed_and_removed_files() {
    let handbook = Handbook::new();
    let (code, first) = handbook.index_json();
    assert_eq!(code, 0);
    let added = strings(&first["added"]);
    assert_eq!(added.len(), 11, "{first}");
    assert!(added.contains(&"de/fotos-und-videos.md".to_string()));
    assert!(strings(&first["changed"]).is_empty());

    handbook.append("de/kontakt.md", "\nNeu: ein Satz.\n");
    std::fs::write(handbook.file("de/firmenwagen.md"), EXTRA).unwrap();
    std::fs::remove_file(handbook.file("en/contacts.md")).unwrap();
    let (code, report) = handbook.index_json();
    assert_eq!(code, 0, "{report}");
    assert_eq!(strings(&report["added"]), vec!["de/firmenwagen.md"]);
    assert_eq!(strings(&report["changed"]), vec!["de/kontakt.md"]);
    assert_eq!(strings(&report["removed"]), vec!["en/contacts.md"]);

    // Nothing changed: nothing reported.
    let (code, report) = handbook.index_json();
    assert_eq!(code, 0);
    for key in ["added", "changed", "removed", "stale"] {
        assert!(strings(&report[key]).is_empty(), "{key}: {report}");
    }

    // Provenance: the manifest records a hash per file.
    let engine = Engine::open(handbook.config()).unwrap();
    let manifest = engine.manifest();
    assert_eq!(manifest.files.len(), 11);
    assert!(manifest.files.values().all(|f| f.hash.len() == 64));
}

/// An index written by another guidebot version (analysis or schema version in the
/// manifest) is rebuilt from the files, not from what it stored.
#[test]
fn an_index_from_another_version_is_rebuilt_from_the_files() {
    let handbook = Handbook::new();
    assert_eq!(handbook.index_json().0, 0);
    let manifest_path = handbook
        .index()
        .join(handbook.current().trim())
        .join("manifest.json");
    let mut manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(&manifest_path).unwrap()).unwrap();
    manifest["analysis_version"] = Value::from(0);
    manifest["files"]["de/kontakt.md"]["title"] = Value::from("Veraltet");
    std::fs::write(&manifest_path, manifest.to_string()).unwrap();

    let engine = Engine::open(handbook.config()).unwrap();
    let kontakt = engine
        .documents()
        .into_iter()
        .find(|d| d.file == "de/kontakt.md")
        .unwrap();
    assert_eq!(kontakt.title, "Kontakt und Ansprechpartner");
    assert!(engine.manifest().is_current_version());
}

#[test]
fn processes_building_one_fresh_index_at_once_all_answer() {
    let handbook = Handbook::new();
    let children: Vec<_> = (0..4)
        .map(|_| {
            handbook
                .command(&["ask", "--json", PHOTO_QUESTION])
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("guidebot starts")
        })
        .collect();
    let answers: Vec<Value> = children
        .into_iter()
        .map(|child| answer_of(child.wait_with_output().unwrap()))
        .collect();
    assert!(answers.iter().all(|a| a == &answers[0]));
    assert!(!passage_files(&answers[0]).is_empty());
    assert_eq!(
        handbook.generations(),
        1,
        "one generation serves, none is left over"
    );
}
