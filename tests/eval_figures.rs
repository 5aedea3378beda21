//! Retrieval quality floors, measured with `guidebot eval` on the dev sets. The floors are
//! the figures reached so far (see the retrieval issue's targets for where they must go):
//! a change that lowers them fails here.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn eval(set: &str, guidelines: &Path) -> Value {
    eval_with(set, guidelines, &[])
}

/// Runs `guidebot eval` on a dev set with its own index and returns the JSON figures.
fn eval_with(set: &str, guidelines: &Path, flags: &[&str]) -> Value {
    let index = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_guidebot"))
        .arg("eval")
        .arg(repo().join("tests/eval").join(set))
        .args(flags)
        .arg("--guidelines")
        .arg(guidelines)
        .arg("--index")
        .arg(index.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

/// The target: at most one wrong verdict per 50 questions.
fn assert_at_most_one_wrong_per_fifty(report: &Value) {
    let per_fifty = figure(report, "n") / 50.0;
    assert!(
        figure(report, "wrong_verdicts") <= per_fifty.floor(),
        "{report}"
    );
}

/// The real guidelines beside the project (CI has them); a notice when they are missing.
fn shared_corpus() -> Option<PathBuf> {
    let corpus = repo().join("../shared/corpus");
    if corpus.is_dir() {
        Some(corpus)
    } else {
        eprintln!("notice: ../shared/corpus not found; corpus figures not measured");
        None
    }
}

fn figure(report: &Value, key: &str) -> f64 {
    report[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} in {report}"))
}

#[test]
fn handbook_figures_hold() {
    let report = eval("handbook.jsonl", &repo().join("guidelines"));
    eprintln!("handbook: {report}");
    assert!(figure(&report, "hit_at_1") >= 0.85, "{report}");
    assert!(figure(&report, "hit_at_3") >= 0.95, "{report}");
    assert!(
        figure(&report, "out_of_scope_abstained") >= 14.0,
        "{report}"
    );
    assert!(figure(&report, "verdict_accuracy") >= 0.75, "{report}");
    assert_at_most_one_wrong_per_fifty(&report);
}

#[test]
fn corpus_figures_hold() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let report = eval("corpus.jsonl", &corpus);
    eprintln!("corpus: {report}");
    assert!(figure(&report, "hit_at_1") >= 0.85, "{report}");
    assert!(figure(&report, "hit_at_3") >= 0.95, "{report}");
    assert!(
        figure(&report, "out_of_scope_abstained") >= 13.0,
        "{report}"
    );
    assert!(figure(&report, "verdict_accuracy") >= 0.75, "{report}");
    assert_at_most_one_wrong_per_fifty(&report);
}

/// Questions on the corpus written apart from the ranking work (by someone who saw the
/// guidelines, not guidebot's answers): the closest stand-in for unseen questions.
#[test]
fn held_out_corpus_figures_hold() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    for (set, hit_at_1, hit_at_3, wrong) in [
        ("corpus_holdout_de.jsonl", 0.68, 0.84, 1.0),
        ("corpus_holdout_en.jsonl", 0.78, 0.88, 2.0),
        ("corpus_fresh.jsonl", 0.81, 0.90, 2.0),
        ("corpus_fresh2.jsonl", 0.86, 0.94, 1.0),
        ("corpus_fresh3.jsonl", 0.85, 0.93, 2.0),
        ("corpus_fresh4.jsonl", 0.80, 0.92, 1.0),
        ("corpus_fresh5.jsonl", 0.80, 0.86, 2.0),
        ("corpus_fresh6.jsonl", 0.88, 0.96, 0.0),
        ("corpus_fresh7.jsonl", 0.80, 0.92, 2.0),
        ("corpus_fresh8.jsonl", 0.78, 0.86, 4.0),
        ("corpus_fresh9.jsonl", 0.71, 0.82, 2.0),
        ("corpus_fresh10.jsonl", 0.74, 0.82, 1.0),
        ("corpus_fresh11.jsonl", 0.76, 0.88, 1.0),
        ("corpus_fresh12.jsonl", 0.78, 0.90, 3.0),
        ("corpus_fresh13.jsonl", 0.67, 0.78, 1.0),
    ] {
        let report = eval(set, &corpus);
        eprintln!("{set}: {report}");
        assert!(figure(&report, "hit_at_1") >= hit_at_1, "{set}: {report}");
        assert!(figure(&report, "hit_at_3") >= hit_at_3, "{set}: {report}");
        assert!(
            figure(&report, "abstain_accuracy") >= 0.85,
            "{set}: {report}"
        );
        assert!(
            figure(&report, "wrong_verdicts") <= wrong,
            "{set}: {report}"
        );
    }
}

#[test]
fn draft_review_meets_its_targets() {
    let report = eval_with("drafts.jsonl", &repo().join("guidelines"), &["--drafts"]);
    eprintln!("drafts: {report}");
    assert!(figure(&report, "recall") >= 0.9, "{report}");
    assert!(figure(&report, "verdict_accuracy") >= 0.8, "{report}");
    let harmless = figure(&report, "harmless");
    assert!(
        figure(&report, "false_objections") <= (harmless / 10.0).floor().max(1.0),
        "{report}"
    );
}

#[test]
fn draft_review_on_the_corpus_holds() {
    let Some(corpus) = shared_corpus() else {
        return;
    };
    let report = eval_with("corpus_drafts.jsonl", &corpus, &["--drafts"]);
    eprintln!("corpus drafts: {report}");
    assert!(figure(&report, "recall") >= 0.6, "{report}");
    assert!(figure(&report, "verdict_accuracy") >= 0.65, "{report}");
    assert!(figure(&report, "wrong_verdicts") <= 5.0, "{report}");
    assert!(figure(&report, "false_objections") <= 1.0, "{report}");
    // Drafts written apart from the review work, as the held-out question sets are.
    let report = eval_with("corpus_drafts_fresh.jsonl", &corpus, &["--drafts"]);
    eprintln!("fresh corpus drafts: {report}");
    assert!(figure(&report, "recall") >= 0.59, "{report}");
    assert!(figure(&report, "wrong_verdicts") <= 2.0, "{report}");
    assert!(figure(&report, "false_objections") <= 1.0, "{report}");
    // Everyday posts (pets, races, gardens) whose words look like triggers.
    let report = eval_with("harmless_drafts.jsonl", &corpus, &["--drafts"]);
    eprintln!("harmless drafts: {report}");
    assert!(figure(&report, "false_objections") <= 3.0, "{report}");
    // Everyday posts full of words that look like triggers ("Data breach at our house:
    // the dog found the treats"), and posts that do break a rule.
    let report = eval_with("drafts_fresh2.jsonl", &corpus, &["--drafts"]);
    eprintln!("fresh drafts 2: {report}");
    assert!(figure(&report, "recall") >= 0.42, "{report}");
    assert!(figure(&report, "false_objections") <= 8.0, "{report}");
    // Twenty everyday posts and twenty that break a rule, written apart from guidebot.
    let report = eval_with("drafts_fresh3.jsonl", &corpus, &["--drafts"]);
    eprintln!("fresh drafts 3: {report}");
    assert!(figure(&report, "recall") >= 0.62, "{report}");
    assert!(figure(&report, "false_objections") <= 3.0, "{report}");
}
