//! The engine: the live index behind every adapter. Questions are answered from an
//! immutable snapshot; a re-index builds a new one beside it and swaps it in atomically.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use arc_swap::ArcSwap;
use serde::Serialize;

use crate::answer::Answer;
use crate::config::Config;
use crate::index::{self, BuildOptions, Manifest, Snapshot};
use crate::lang::Lang;
use crate::search::{self, Tuning};
use crate::synonyms::Synonyms;
use crate::Result;

/// A file that could not be indexed, and why.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FileError {
    pub file: String,
    pub reason: String,
}

/// What a re-index did.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct ReindexReport {
    pub documents: usize,
    pub sections: usize,
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
    pub errors: Vec<FileError>,
    /// Broken files still served from their last good version.
    pub stale: Vec<String>,
    #[serde(serialize_with = "as_millis")]
    pub duration: Duration,
}

fn as_millis<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_u64(d.as_millis() as u64)
}

/// One indexed document, for listings.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentInfo {
    pub file: String,
    pub title: String,
    pub lang: Lang,
    pub owner: Option<String>,
    pub reviewed: Option<String>,
    pub sections: usize,
    pub stale: bool,
}

/// The serving state: an index snapshot and the synonyms used with it.
struct Live {
    snapshot: Snapshot,
    synonyms: Synonyms,
}

/// Shared by all adapters (`Send + Sync`; wrap in `Arc`).
pub struct Engine {
    config: Config,
    live: ArcSwap<Live>,
    tuning: Tuning,
    /// Held while a re-index runs; concurrent callers wait and share its report.
    reindexing: Mutex<()>,
    /// Numbers re-indexes in the order they start.
    started: std::sync::atomic::AtomicU64,
    /// The number of the last finished re-index, with its report.
    finished: Mutex<(u64, Option<ReindexReport>)>,
}

impl Engine {
    /// Opens the index, building or refreshing it when the guidelines changed since.
    /// A damaged index is rebuilt; only an unusable guidelines folder with no index to
    /// fall back on is an error.
    pub fn open(config: Config) -> Result<Engine> {
        Self::load(config, true).map(|(engine, _)| engine)
    }

    /// Opens the index and re-indexes once, returning that re-index's report: what
    /// `guidebot index` does. (Unlike `open` followed by `reindex`, which would build twice
    /// when the guidelines changed and report the second, empty, difference.)
    pub fn open_and_reindex(config: Config) -> Result<(Engine, ReindexReport)> {
        let (engine, built) = Self::load(config, false)?;
        match built {
            Some(report) => Ok((engine, report)),
            None => {
                let report = engine.reindex()?;
                Ok((engine, report))
            }
        }
    }

    /// Opens the index; with `refresh`, rebuilds it when the guidelines changed. Builds
    /// one when none is usable and returns that build's report.
    fn load(config: Config, refresh: bool) -> Result<(Engine, Option<ReindexReport>)> {
        let existing = match index::open(&config.index) {
            Ok(snapshot) => snapshot,
            Err(error) => {
                tracing::warn!(%error, "index unusable; rebuilding it");
                None
            }
        };
        let outdated = match &existing {
            Some(_) if !refresh => false,
            Some(snapshot) => {
                index::is_outdated(snapshot, &config.guidelines, config.max_file_bytes)
                    .unwrap_or(true)
            }
            None => true,
        };
        let mut built = None;
        let snapshot = match (existing, outdated) {
            (Some(snapshot), false) => snapshot,
            (existing, _) => match index::build(&build_options(&config), existing.as_ref()) {
                Ok((snapshot, report)) => {
                    log_report(&report);
                    built = Some(report);
                    snapshot
                }
                Err(error) => match existing {
                    Some(snapshot) => {
                        tracing::error!(%error, "re-index failed; serving the last good index");
                        snapshot
                    }
                    None => return Err(error),
                },
            },
        };
        let synonyms = load_synonyms(&config).unwrap_or_else(|error| {
            tracing::warn!(%error, "synonyms not used");
            Synonyms::builtin()
        });
        let engine = Engine {
            config,
            live: ArcSwap::from_pointee(Live { snapshot, synonyms }),
            tuning: Tuning::default(),
            reindexing: Mutex::new(()),
            started: std::sync::atomic::AtomicU64::new(0),
            finished: Mutex::new((0, None)),
        };
        Ok((engine, built))
    }

    /// Answers a question: up to 3 passages, the next ones in `Answer::more`.
    pub fn ask(&self, question: &str) -> Result<Answer> {
        self.answer_with(question, &self.tuning)
    }

    /// Finds the rules a text touches, like [`Engine::ask`] except that names in the text
    /// don't focus the search on one organisation's document: a draft names agencies,
    /// places and people in passing ("a federal hiring freeze"), a question names whose
    /// rules it asks about. A restriction needs the same evidence as any verdict: an
    /// objection to a harmless draft costs its author more than a cautious answer to a
    /// question.
    pub fn find_rules(&self, text: &str) -> Result<Answer> {
        let tuning = Tuning {
            named_elsewhere: 1.0,
            min_restriction_coverage: self.tuning.min_verdict_coverage,
            min_restriction_relevance: self.tuning.min_verdict_relevance,
            ..self.tuning
        };
        self.answer_with(text, &tuning)
    }

    fn answer_with(&self, text: &str, tuning: &Tuning) -> Result<Answer> {
        let live = self.live.load();
        search::answer(
            &live.snapshot,
            &live.synonyms,
            text,
            &self.config.contact,
            tuning,
        )
    }

    /// Re-reads the guidelines and swaps in a new index; questions keep being answered
    /// from the old one until the switch. Callers that arrive while a re-index runs wait
    /// for it and get its report instead of starting another. A failed re-index leaves
    /// the old index serving.
    pub fn reindex(&self) -> Result<ReindexReport> {
        use std::sync::atomic::Ordering;
        // Only a re-index that *started* after this call arrived has seen the changes
        // that prompted it; one already running when it arrived may have missed them.
        let arrived = self.started.load(Ordering::SeqCst);
        let _guard = self.reindexing.lock().unwrap_or_else(|p| p.into_inner());
        {
            let finished = self.finished.lock().unwrap_or_else(|p| p.into_inner());
            if finished.0 > arrived {
                if let Some(report) = &finished.1 {
                    return Ok(report.clone());
                }
            }
        }
        let number = self.started.fetch_add(1, Ordering::SeqCst) + 1;
        let current = self.live.load_full();
        let (snapshot, mut report) =
            index::build(&build_options(&self.config), Some(&current.snapshot))?;
        let synonyms = match load_synonyms(&self.config) {
            Ok(synonyms) => synonyms,
            Err(error) => {
                report.errors.push(FileError {
                    file: crate::synonyms::FILE_NAME.to_string(),
                    reason: error.to_string(),
                });
                current.synonyms.clone()
            }
        };
        self.live.store(Arc::new(Live { snapshot, synonyms }));
        log_report(&report);
        let mut finished = self.finished.lock().unwrap_or_else(|p| p.into_inner());
        finished.0 = number;
        finished.1 = Some(report.clone());
        Ok(report)
    }

    /// Re-indexes when a guideline file changed since the serving index was built.
    pub fn reindex_if_changed(&self) -> Result<Option<ReindexReport>> {
        let changed = {
            let live = self.live.load();
            index::is_outdated(
                &live.snapshot,
                &self.config.guidelines,
                self.config.max_file_bytes,
            )? || synonyms_changed(&live.snapshot, &self.config)
        };
        if changed {
            self.reindex().map(Some)
        } else {
            Ok(None)
        }
    }

    /// The indexed documents, in file order.
    pub fn documents(&self) -> Vec<DocumentInfo> {
        let live = self.live.load();
        live.snapshot
            .manifest
            .files
            .iter()
            .map(|(file, entry)| DocumentInfo {
                file: file.clone(),
                title: entry.title.clone(),
                lang: entry.lang,
                owner: entry.owner.clone(),
                reviewed: entry.reviewed.clone(),
                sections: entry.sections,
                stale: entry.stale,
            })
            .collect()
    }

    /// When the serving index was built.
    pub fn built_at(&self) -> time::OffsetDateTime {
        let live = self.live.load();
        time::OffsetDateTime::parse(
            &live.snapshot.manifest.built_at,
            &time::format_description::well_known::Rfc3339,
        )
        .unwrap_or(time::OffsetDateTime::UNIX_EPOCH)
    }

    /// The serving index's manifest (provenance: hashes, git commit, stale files).
    pub fn manifest(&self) -> Manifest {
        self.live.load().snapshot.manifest.clone()
    }

    /// The serving snapshot, for tools that look inside (eval, review).
    pub fn with_snapshot<T>(&self, f: impl FnOnce(&Snapshot, &Synonyms) -> T) -> T {
        let live = self.live.load();
        f(&live.snapshot, &live.synonyms)
    }

    pub fn tuning(&self) -> &Tuning {
        &self.tuning
    }

    pub fn config(&self) -> &Config {
        &self.config
    }
}

fn build_options(config: &Config) -> BuildOptions {
    BuildOptions {
        guidelines: config.guidelines.clone(),
        index: config.index.clone(),
        max_file_bytes: config.max_file_bytes,
        default_lang: Lang::De,
    }
}

fn load_synonyms(config: &Config) -> Result<Synonyms> {
    Synonyms::load(&config.guidelines)
}

fn synonyms_changed(snapshot: &Snapshot, config: &Config) -> bool {
    let now = std::fs::read(config.guidelines.join(crate::synonyms::FILE_NAME))
        .ok()
        .map(|b| crate::document::content_hash(&b));
    now != snapshot.manifest.synonyms_hash
}

fn log_report(report: &ReindexReport) {
    tracing::info!(
        documents = report.documents,
        sections = report.sections,
        added = report.added.len(),
        changed = report.changed.len(),
        removed = report.removed.len(),
        errors = report.errors.len(),
        millis = report.duration.as_millis() as u64,
        "index built"
    );
    for error in &report.errors {
        tracing::warn!(file = %error.file, reason = %error.reason, "guideline file not indexed");
    }
}
