//! The library's one error type.

use std::path::PathBuf;

/// Everything that can go wrong inside guidebot's core.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A guideline file could not be read (missing, permissions, not UTF-8, too large).
    #[error("{path}: {reason}")]
    UnreadableFile { path: String, reason: String },
    /// A guideline file's front matter is not valid YAML/TOML or has wrong field types.
    #[error("{path}:{line}: broken front matter: {reason}")]
    FrontMatter {
        path: String,
        line: usize,
        reason: String,
    },
    /// The guidelines folder itself is missing or unreadable.
    #[error("guidelines folder {}: {reason}", path.display())]
    GuidelinesDir { path: PathBuf, reason: String },
    /// The on-disk index is missing, from an older version, or damaged.
    #[error("index at {}: {reason}", path.display())]
    Index { path: PathBuf, reason: String },
    /// A question that cannot be answered as asked (empty, only punctuation …).
    #[error("{0}")]
    BadQuestion(String),
    /// The synonyms file is not valid.
    #[error("{path}: {reason}")]
    Synonyms { path: String, reason: String },
    /// A configuration value is invalid.
    #[error("configuration: {0}")]
    Config(String),
    /// tantivy failed underneath.
    #[error("search engine: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// Plain I/O failure with what was being done.
    #[error("{context}: {source}")]
    Io {
        context: String,
        #[source]
        source: std::io::Error,
    },
}

/// The crate's result alias.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            context: context.into(),
            source,
        }
    }
}
