//! The engine: the live index behind every adapter. Questions are answered from an
//! immutable snapshot; a re-index builds a new one beside it and swaps it in atomically.
//! (Skeleton: bodies land with the index and search modules.)

use std::time::Duration;

use serde::Serialize;

use crate::answer::Answer;
use crate::config::Config;
use crate::lang::Lang;
use crate::{Error, Result};

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

/// Shared by all adapters (`Send + Sync`; wrap in `Arc`).
pub struct Engine {
    config: Config,
}

impl Engine {
    /// Opens the index, building or refreshing it when the guidelines changed.
    pub fn open(config: Config) -> Result<Engine> {
        Ok(Engine { config })
    }

    /// Answers a question: up to 3 passages, the next ones in `Answer::more`.
    pub fn ask(&self, question: &str) -> Result<Answer> {
        let _ = question;
        Err(Error::BadQuestion("not built yet".into()))
    }

    /// Re-reads the guidelines and swaps in a new index. Concurrent calls coalesce.
    pub fn reindex(&self) -> Result<ReindexReport> {
        Err(Error::BadQuestion("not built yet".into()))
    }

    pub fn documents(&self) -> Vec<DocumentInfo> {
        Vec::new()
    }

    /// When the serving index was built.
    pub fn built_at(&self) -> time::OffsetDateTime {
        time::OffsetDateTime::UNIX_EPOCH
    }

    pub fn config(&self) -> &Config {
        &self.config
    }
}
