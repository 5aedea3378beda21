//! Scoring for `guidebot eval`: question sets (retrieval, abstaining, verdicts) and
//! draft sets (draft review), each next to a plain baseline so every report shows what
//! guidebot adds.
//!
//! ## Question files
//! One JSON object a line: `{"q": "...", "expect": [{"file": "x.md", "heading": "H"}],
//! "verdict": ["not_allowed"]}`. A passage *hits* when its `file` ends with the expected
//! `file` and the expected `heading` (case-insensitive, whitespace folded) occurs in its
//! heading path joined by `" > "`. An empty `expect` means the bot must abstain.
//!
//! Figures:
//! - `n`: all questions; `in_scope` / `out_of_scope`: with / without expected sections.
//! - `hit_at_1`, `hit_at_3`, `mrr`: over in-scope questions, ranking the passages the
//!   answer shows and then its further passages (`Answer::more`); an abstention is a miss.
//! - `abstain_accuracy`: over all questions, the share where "abstained" equals "expect
//!   is empty"; `out_of_scope_abstained` and `in_scope_abstained` break it down (a
//!   never-abstaining ranker still scores in_scope / n here, so read them together).
//! - `verdict_accuracy`: over questions that have a `verdict` key (`judged`), the share
//!   whose overall verdict is in the list. An abstention has no verdict, so it is
//!   accurate only where `null` is listed. A missing verdict is never *wrong*, only not
//!   accurate.
//! - `wrong_verdicts`: questions with a `verdict` key that got a verdict (not `null`)
//!   outside the list — the costly mistake ("allowed" when it is not).
//!
//! The `--baseline` figures are plain BM25 (tantivy's default tokenizer, no stemming,
//! no boosts, no abstaining, no verdicts) over the same sections.
//!
//! ## Draft files
//! One JSON object a line: `{"draft": "...", "photo": false, "expect": [...],
//! "verdict": ["not_allowed"]}`; `expect: []` marks a harmless draft.
//! - `recall`: expected sections found among all passages the review cites, over all
//!   expected sections of all drafts.
//! - `verdict_accuracy`, `wrong_verdicts`: as for questions, over drafts with a `verdict`.
//! - `false_objections`: harmless drafts that got `not_allowed`, `needs_approval` or
//!   `conditional`.
//! - `passages_per_draft`: how many passages are cited on average (recall's price).
//!
//! The `ask` figures score plain `guidebot ask` with the whole draft as the question.

use std::collections::HashSet;
use std::io::BufRead;
use std::path::Path;

use serde::{Deserialize, Serialize};
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Schema, Value, STORED, TEXT};
use tantivy::tokenizer::TextAnalyzer;
use tantivy::{doc, Index, TantivyDocument, Term};

use crate::answer::{Passage, Verdict};
use crate::document::Section;
use crate::engine::Engine;
use crate::{Error, Result};

/// An expected section.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Expect {
    pub file: String,
    pub heading: String,
}

/// One line of a question file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuestionCase {
    pub q: String,
    #[serde(default)]
    pub expect: Vec<Expect>,
    /// Acceptable overall verdicts (`null` allowed); absent when not judged.
    #[serde(default, deserialize_with = "some_list")]
    pub verdict: Option<Vec<Option<Verdict>>>,
}

/// One line of a draft file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DraftCase {
    pub draft: String,
    #[serde(default)]
    pub photo: bool,
    #[serde(default)]
    pub expect: Vec<Expect>,
    #[serde(default, deserialize_with = "some_list")]
    pub verdict: Option<Vec<Option<Verdict>>>,
}

/// `"verdict": [...]` → `Some(list)`, absent → `None` (serde's default).
fn some_list<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<Option<Vec<Option<Verdict>>>, D::Error> {
    Vec::<Option<Verdict>>::deserialize(d).map(Some)
}

/// The figures for one ranker on a question set.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Figures {
    pub n: usize,
    pub in_scope: usize,
    pub out_of_scope: usize,
    pub hit_at_1: f64,
    pub hit_at_3: f64,
    pub mrr: f64,
    pub abstain_accuracy: f64,
    /// Out-of-scope questions that abstained (the rest were answered wrongly).
    pub out_of_scope_abstained: usize,
    /// In-scope questions that abstained (false "not covered").
    pub in_scope_abstained: usize,
    /// Questions with a `verdict` key.
    pub judged: usize,
    pub verdict_accuracy: f64,
    pub wrong_verdicts: usize,
}

/// `guidebot eval FILE`: guidebot's figures, and the baseline's when asked for.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EvalReport {
    #[serde(flatten)]
    pub guidebot: Figures,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Figures>,
}

/// The figures for one way of reviewing drafts.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct DraftFigures {
    pub n: usize,
    pub harmless: usize,
    /// Expected sections over all drafts.
    pub expected: usize,
    pub found: usize,
    pub recall: f64,
    pub judged: usize,
    pub verdict_accuracy: f64,
    pub wrong_verdicts: usize,
    pub false_objections: usize,
    pub passages_per_draft: f64,
}

/// `guidebot eval FILE --drafts`: `review` next to plain `ask` with the whole draft.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftEvalReport {
    #[serde(flatten)]
    pub review: DraftFigures,
    pub ask: DraftFigures,
}

/// Reads a JSONL file, skipping blank lines and `//` comments.
pub fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>> {
    let file = std::fs::File::open(path)
        .map_err(|e| Error::io(format!("opening {}", path.display()), e))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| Error::io(format!("reading {}", path.display()), e))?;
        let line = line.trim();
        if line.is_empty() || line.starts_with("//") {
            continue;
        }
        let case = serde_json::from_str(line).map_err(|e| {
            Error::Config(format!(
                "{}:{}: not a valid line: {e}",
                path.display(),
                i + 1
            ))
        })?;
        out.push(case);
    }
    Ok(out)
}

fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Whether a passage at `file` with `heading_path` is the expected section.
pub fn hits(expect: &Expect, file: &str, heading_path: &[String]) -> bool {
    file.ends_with(&expect.file) && fold(&heading_path.join(" > ")).contains(&fold(&expect.heading))
}

/// 1-based rank of the first passage that hits any expected section.
fn first_hit<'a>(
    expect: &[Expect],
    ranked: impl IntoIterator<Item = (&'a str, &'a [String])>,
) -> Option<usize> {
    ranked
        .into_iter()
        .position(|(file, path)| expect.iter().any(|e| hits(e, file, path)))
        .map(|p| p + 1)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        round3(a as f64 / b as f64)
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Accumulates question figures.
#[derive(Default)]
struct Tally {
    n: usize,
    in_scope: usize,
    hit1: usize,
    hit3: usize,
    rr: f64,
    abstain_ok: usize,
    oos_abstained: usize,
    in_scope_abstained: usize,
    judged: usize,
    verdict_ok: usize,
    wrong: usize,
}

impl Tally {
    /// Returns whether the case was fully right (for `--verbose`).
    fn add(
        &mut self,
        case: &QuestionCase,
        abstained: bool,
        rank: Option<usize>,
        verdict: Option<Verdict>,
    ) -> bool {
        self.n += 1;
        let mut ok = true;
        if !case.expect.is_empty() {
            self.in_scope += 1;
            match rank {
                Some(1) => {
                    self.hit1 += 1;
                    self.hit3 += 1;
                }
                Some(r) if r <= 3 => {
                    self.hit3 += 1;
                    ok = false;
                }
                _ => ok = false,
            }
            if let Some(r) = rank {
                self.rr += 1.0 / r as f64;
            }
        }
        match (abstained, case.expect.is_empty()) {
            (true, true) => self.oos_abstained += 1,
            (true, false) => self.in_scope_abstained += 1,
            _ => {}
        }
        if abstained == case.expect.is_empty() {
            self.abstain_ok += 1;
        } else {
            ok = false;
        }
        if let Some(acceptable) = &case.verdict {
            self.judged += 1;
            if acceptable.contains(&verdict) {
                self.verdict_ok += 1;
            } else {
                ok = false;
                if verdict.is_some() {
                    self.wrong += 1;
                }
            }
        }
        ok
    }

    fn figures(&self) -> Figures {
        Figures {
            n: self.n,
            in_scope: self.in_scope,
            out_of_scope: self.n - self.in_scope,
            hit_at_1: ratio(self.hit1, self.in_scope),
            hit_at_3: ratio(self.hit3, self.in_scope),
            mrr: if self.in_scope == 0 {
                0.0
            } else {
                round3(self.rr / self.in_scope as f64)
            },
            abstain_accuracy: ratio(self.abstain_ok, self.n),
            out_of_scope_abstained: self.oos_abstained,
            in_scope_abstained: self.in_scope_abstained,
            judged: self.judged,
            verdict_accuracy: ratio(self.verdict_ok, self.judged),
            wrong_verdicts: self.wrong,
        }
    }
}

fn describe(passages: &[Passage]) -> String {
    if passages.is_empty() {
        return "(nothing)".into();
    }
    passages
        .iter()
        .take(3)
        .map(|p| {
            format!(
                "{} > {} [{}]",
                p.file,
                p.heading_path.join(" > "),
                p.verdict.map_or("-", |v| v.as_str())
            )
        })
        .collect::<Vec<_>>()
        .join(" | ")
}

fn describe_expect(expect: &[Expect]) -> String {
    if expect.is_empty() {
        return "(abstain)".into();
    }
    expect
        .iter()
        .map(|e| format!("{} > {}", e.file, e.heading))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn describe_verdicts(verdicts: &Option<Vec<Option<Verdict>>>) -> String {
    match verdicts {
        None => "-".into(),
        Some(list) => list
            .iter()
            .map(|v| v.map_or("null", |v| v.as_str()))
            .collect::<Vec<_>>()
            .join("/"),
    }
}

/// Scores a question file with guidebot; `baseline` is filled in by [`baseline_questions`].
pub fn eval_questions(engine: &Engine, path: &Path, verbose: bool) -> Result<EvalReport> {
    let cases: Vec<QuestionCase> = read_jsonl(path)?;
    let mut tally = Tally::default();
    for case in &cases {
        let (abstained, ranked, verdict) = match engine.ask(&case.q) {
            Ok(answer) => {
                let mut ranked = answer.passages.clone();
                ranked.extend(answer.more.iter().cloned());
                (answer.abstained, ranked, answer.verdict)
            }
            // An unanswerable question (empty, only punctuation) counts as abstained.
            Err(Error::BadQuestion(_)) => (true, Vec::new(), None),
            Err(e) => return Err(e),
        };
        let rank = first_hit(
            &case.expect,
            ranked
                .iter()
                .map(|p| (p.file.as_str(), p.heading_path.as_slice())),
        );
        let ok = tally.add(case, abstained, rank, verdict);
        if verbose && !ok {
            eprintln!(
                "MISS {:?}\n  expected: {} verdict {}\n  got{}: {} verdict {} (rank {})",
                case.q,
                describe_expect(&case.expect),
                describe_verdicts(&case.verdict),
                if abstained { " (abstained)" } else { "" },
                describe(&ranked),
                verdict.map_or("null", |v| v.as_str()),
                rank.map_or("-".to_string(), |r| r.to_string()),
            );
        }
    }
    Ok(EvalReport {
        guidebot: tally.figures(),
        baseline: None,
    })
}

/// Scores a question file with the plain BM25 baseline (never abstains, no verdicts).
pub fn baseline_questions(engine: &Engine, path: &Path) -> Result<Figures> {
    let cases: Vec<QuestionCase> = read_jsonl(path)?;
    let bm25 = Baseline::build(&engine.with_snapshot(|s, _| s.sections.clone()))?;
    let mut tally = Tally::default();
    for case in &cases {
        let ranked = bm25.search(&case.q, 10)?;
        let rank = first_hit(
            &case.expect,
            ranked
                .iter()
                .map(|s| (s.file.as_str(), s.heading_path.as_slice())),
        );
        tally.add(case, false, rank, None);
    }
    Ok(tally.figures())
}

/// Plain BM25 over the sections: tantivy's default tokenizer, no boosts.
pub struct Baseline {
    index: Index,
    reader: tantivy::IndexReader,
    fields: [tantivy::schema::Field; 3],
    ord: tantivy::schema::Field,
    tokenizer: TextAnalyzer,
    sections: Vec<Section>,
}

impl Baseline {
    /// Builds a small in-RAM index with the default tokenizer on title, headings and body.
    pub fn build(sections: &[Section]) -> Result<Baseline> {
        let mut builder = Schema::builder();
        let title = builder.add_text_field("title", TEXT);
        let headings = builder.add_text_field("headings", TEXT);
        let body = builder.add_text_field("body", TEXT);
        let ord = builder.add_u64_field("ord", STORED);
        let index = Index::create_in_ram(builder.build());
        let mut writer = index.writer_with_num_threads::<TantivyDocument>(1, 15_000_000)?;
        for (i, section) in sections.iter().enumerate() {
            writer.add_document(doc!(
                title => section.title.clone(),
                headings => section.heading_path.join(" "),
                body => section.text(),
                ord => i as u64,
            ))?;
        }
        writer.commit()?;
        let reader = index.reader()?;
        let tokenizer = index
            .tokenizers()
            .get("default")
            .ok_or_else(|| Error::Config("tantivy has no default tokenizer".into()))?;
        Ok(Baseline {
            index,
            reader,
            fields: [title, headings, body],
            ord,
            tokenizer,
            sections: sections.to_vec(),
        })
    }

    /// The best `limit` sections for a question, as plain BM25 ranks them.
    pub fn search(&self, question: &str, limit: usize) -> Result<Vec<&Section>> {
        let mut tokenizer = self.tokenizer.clone();
        let mut words: Vec<String> = Vec::new();
        let mut stream = tokenizer.token_stream(question);
        while let Some(token) = stream.next() {
            if !words.contains(&token.text) {
                words.push(token.text.clone());
            }
        }
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        for word in &words {
            for field in self.fields {
                clauses.push((
                    Occur::Should,
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, word),
                        IndexRecordOption::WithFreqs,
                    )),
                ));
            }
        }
        if clauses.is_empty() {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let hits = searcher.search(
            &BooleanQuery::new(clauses),
            &TopDocs::with_limit(limit).order_by_score(),
        )?;
        let mut out = Vec::new();
        for (_, address) in hits {
            let doc: TantivyDocument = searcher.doc(address)?;
            if let Some(section) = doc
                .get_first(self.ord)
                .and_then(|v| v.as_u64())
                .and_then(|i| self.sections.get(i as usize))
            {
                out.push(section);
            }
        }
        let _ = &self.index;
        Ok(out)
    }
}

/// Accumulates draft figures.
#[derive(Default)]
struct DraftTally {
    n: usize,
    harmless: usize,
    expected: usize,
    found: usize,
    judged: usize,
    verdict_ok: usize,
    wrong: usize,
    false_objections: usize,
    passages: usize,
}

impl DraftTally {
    /// Returns the expected sections that were missed and whether the verdict was fine.
    fn add<'a>(
        &mut self,
        case: &'a DraftCase,
        passages: &[Passage],
        verdict: Option<Verdict>,
    ) -> (Vec<&'a Expect>, bool) {
        self.n += 1;
        self.passages += passages.len();
        let mut missed = Vec::new();
        for expect in &case.expect {
            self.expected += 1;
            if passages
                .iter()
                .any(|p| hits(expect, &p.file, &p.heading_path))
            {
                self.found += 1;
            } else {
                missed.push(expect);
            }
        }
        let mut verdict_fine = true;
        if case.expect.is_empty() {
            self.harmless += 1;
            if verdict.is_some_and(|v| v != Verdict::Allowed) {
                self.false_objections += 1;
                verdict_fine = false;
            }
        }
        if let Some(acceptable) = &case.verdict {
            self.judged += 1;
            if acceptable.contains(&verdict) {
                self.verdict_ok += 1;
            } else {
                verdict_fine = false;
                if verdict.is_some() {
                    self.wrong += 1;
                }
            }
        }
        (missed, verdict_fine)
    }

    fn figures(&self) -> DraftFigures {
        DraftFigures {
            n: self.n,
            harmless: self.harmless,
            expected: self.expected,
            found: self.found,
            recall: ratio(self.found, self.expected),
            judged: self.judged,
            verdict_accuracy: ratio(self.verdict_ok, self.judged),
            wrong_verdicts: self.wrong,
            false_objections: self.false_objections,
            passages_per_draft: if self.n == 0 {
                0.0
            } else {
                round3(self.passages as f64 / self.n as f64)
            },
        }
    }
}

/// Scores a draft file with `review`, next to plain `ask` with the whole draft.
pub fn eval_drafts(engine: &Engine, path: &Path, verbose: bool) -> Result<DraftEvalReport> {
    let cases: Vec<DraftCase> = read_jsonl(path)?;
    let mut review_tally = DraftTally::default();
    let mut ask_tally = DraftTally::default();
    for case in &cases {
        let review = crate::review::review(engine, &case.draft, case.photo)?;
        let (missed, verdict_fine) = review_tally.add(case, &review.passages, review.verdict);
        if verbose && (!missed.is_empty() || !verdict_fine) {
            let kinds: Vec<String> = review
                .findings
                .iter()
                .map(|f| {
                    format!(
                        "{}:{}",
                        f.kind.as_str(),
                        f.verdict.map_or("null", |v| v.as_str())
                    )
                })
                .collect();
            eprintln!(
                "MISS {:?}{}\n  missed: {}\n  verdict {} (acceptable {})\n  findings: {}\n  cited: {}",
                case.draft,
                if case.photo { " [photo]" } else { "" },
                describe_expect(&missed.into_iter().cloned().collect::<Vec<_>>()),
                review.verdict.map_or("null", |v| v.as_str()),
                describe_verdicts(&case.verdict),
                kinds.join(", "),
                review
                    .passages
                    .iter()
                    .map(|p| format!("{} > {}", p.file, p.heading_path.join(" > ")))
                    .collect::<Vec<_>>()
                    .join(" | "),
            );
        }
        let (passages, verdict) = match engine.ask(&case.draft) {
            Ok(answer) => (answer.passages, answer.verdict),
            Err(Error::BadQuestion(_)) => (Vec::new(), None),
            Err(e) => return Err(e),
        };
        ask_tally.add(case, &passages, verdict);
    }
    Ok(DraftEvalReport {
        review: review_tally.figures(),
        ask: ask_tally.figures(),
    })
}

/// Distinct expected-file names, for sanity checks of a dev set.
pub fn expected_files(cases: &[DraftCase]) -> HashSet<String> {
    cases
        .iter()
        .flat_map(|c| c.expect.iter().map(|e| e.file.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn expect(file: &str, heading: &str) -> Expect {
        Expect {
            file: file.into(),
            heading: heading.into(),
        }
    }

    #[test]
    fn hit_matching_folds_case_and_whitespace() {
        let path = vec!["Fotos und Videos".to_string(), "Kinder".to_string()];
        assert!(hits(
            &expect("fotos-und-videos.md", "videos >  KINDER"),
            "de/fotos-und-videos.md",
            &path
        ));
        assert!(!hits(
            &expect("logo.md", "Kinder"),
            "de/fotos-und-videos.md",
            &path
        ));
    }

    #[test]
    fn verdict_keys_parse() {
        let case: QuestionCase =
            serde_json::from_str(r#"{"q":"x","expect":[],"verdict":[null,"allowed"]}"#).unwrap();
        assert_eq!(case.verdict, Some(vec![None, Some(Verdict::Allowed)]));
        let case: QuestionCase = serde_json::from_str(r#"{"q":"x","expect":[]}"#).unwrap();
        assert_eq!(case.verdict, None);
    }

    #[test]
    fn tally_counts_as_documented() {
        let mut tally = Tally::default();
        let judged = |v: Vec<Option<Verdict>>| QuestionCase {
            q: "q".into(),
            expect: vec![expect("a.md", "A")],
            verdict: Some(v),
        };
        // Hit at 1, right verdict.
        tally.add(
            &judged(vec![Some(Verdict::NotAllowed)]),
            false,
            Some(1),
            Some(Verdict::NotAllowed),
        );
        // Hit at 2, no verdict: not accurate, not wrong.
        tally.add(
            &judged(vec![Some(Verdict::NotAllowed)]),
            false,
            Some(2),
            None,
        );
        // Wrong verdict.
        tally.add(
            &judged(vec![Some(Verdict::NotAllowed)]),
            false,
            Some(1),
            Some(Verdict::Allowed),
        );
        // Out of scope, abstained.
        tally.add(
            &QuestionCase {
                q: "wifi".into(),
                expect: vec![],
                verdict: None,
            },
            true,
            None,
            None,
        );
        let f = tally.figures();
        assert_eq!((f.n, f.in_scope, f.out_of_scope), (4, 3, 1));
        assert_eq!(f.hit_at_1, 0.667);
        assert_eq!(f.hit_at_3, 1.0);
        assert_eq!(f.mrr, round3((1.0 + 0.5 + 1.0) / 3.0));
        assert_eq!(f.abstain_accuracy, 1.0);
        assert_eq!(f.judged, 3);
        assert_eq!(f.verdict_accuracy, 0.333);
        assert_eq!(f.wrong_verdicts, 1);
    }

    #[test]
    fn baseline_ranks_by_plain_words() {
        let section = |file: &str, heading: &str, body: &str| Section {
            file: file.into(),
            title: "T".into(),
            heading_path: vec![heading.into()],
            anchor: heading.to_lowercase(),
            level: 2,
            line_start: 1,
            line_end: 2,
            lang: crate::lang::Lang::En,
            blocks: vec![crate::section::Block {
                kind: crate::section::BlockKind::Paragraph,
                text: body.into(),
                line_start: 2,
                line_end: 2,
            }],
        };
        let sections = vec![
            section("a.md", "Photos", "Ask colleagues before posting photos."),
            section("b.md", "Logo", "Never change the logo."),
        ];
        let bm25 = Baseline::build(&sections).unwrap();
        let ranked = bm25.search("Can I change the LOGO? field:body", 5).unwrap();
        assert_eq!(ranked[0].file, "b.md");
        assert!(bm25.search("?!", 5).unwrap().is_empty());
    }
}
