//! 👍 / 👎 feedback, appended as one JSON object per line to the feedback file.
//!
//! A record holds the question, the cited passages (file, heading path, lines), the
//! verdict, the vote and an RFC 3339 timestamp. Users appear only as a salted SHA-256
//! hash: the salt comes from `GUIDEBOT_FEEDBACK_SALT`, or is made once at random and kept
//! in `<feedback file>.salt` beside the feedback file, so the same person hashes the same
//! across restarts but can't be looked up by id.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock};

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::answer::{Answer, Verdict};

/// One line of the feedback file.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedbackRecord {
    /// RFC 3339, UTC.
    pub timestamp: String,
    /// `up` or `down`.
    pub vote: &'static str,
    pub question: String,
    pub verdict: Option<Verdict>,
    pub abstained: bool,
    pub lang: crate::lang::Lang,
    pub passages: Vec<CitedPassage>,
    /// Salted SHA-256 of the platform-qualified user id, hex.
    pub user: String,
}

/// A passage as cited in the answer that was voted on.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CitedPassage {
    pub file: String,
    pub heading_path: Vec<String>,
    pub line_start: usize,
    pub line_end: usize,
}

/// Appends feedback records; safe to share between threads.
#[derive(Debug)]
pub struct FeedbackLog {
    path: PathBuf,
    env_salt: Option<String>,
    salt: OnceLock<String>,
    write: Mutex<()>,
}

impl FeedbackLog {
    /// `env_salt` is `GUIDEBOT_FEEDBACK_SALT`; without it a salt file is used.
    pub fn new(path: impl Into<PathBuf>, env_salt: Option<String>) -> Self {
        FeedbackLog {
            path: path.into(),
            env_salt: env_salt.filter(|s| !s.trim().is_empty()),
            salt: OnceLock::new(),
            write: Mutex::new(()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn salt_path(&self) -> PathBuf {
        let mut name = self.path.file_name().unwrap_or_default().to_os_string();
        name.push(".salt");
        self.path.with_file_name(name)
    }

    fn salt(&self) -> std::io::Result<&str> {
        if let Some(salt) = self.salt.get() {
            return Ok(salt);
        }
        let salt = match &self.env_salt {
            Some(salt) => salt.clone(),
            None => load_or_create_salt(&self.salt_path())?,
        };
        Ok(self.salt.get_or_init(|| salt))
    }

    /// Salted hash of a user id (`discord:1234`).
    pub fn hash_user(&self, user: &str) -> std::io::Result<String> {
        let salt = self.salt()?;
        let mut hasher = Sha256::new();
        hasher.update(salt.as_bytes());
        hasher.update(b"\0");
        hasher.update(user.as_bytes());
        Ok(hex(&hasher.finalize()))
    }

    /// Builds the record for a vote on `answer`'s shown passages.
    pub fn record(
        &self,
        answer: &Answer,
        shown: usize,
        up: bool,
        user: &str,
        now: time::OffsetDateTime,
    ) -> std::io::Result<FeedbackRecord> {
        let timestamp = now
            .to_offset(time::UtcOffset::UTC)
            .format(&time::format_description::well_known::Rfc3339)
            .map_err(std::io::Error::other)?;
        Ok(FeedbackRecord {
            timestamp,
            vote: if up { "up" } else { "down" },
            question: answer.question.clone(),
            verdict: answer.verdict,
            abstained: answer.abstained,
            lang: answer.lang,
            passages: answer
                .passages
                .iter()
                .chain(answer.more.iter())
                .take(shown)
                .map(|p| CitedPassage {
                    file: p.file.clone(),
                    heading_path: p.heading_path.clone(),
                    line_start: p.line_start,
                    line_end: p.line_end,
                })
                .collect(),
            user: self.hash_user(user)?,
        })
    }

    /// Appends one record as a line.
    pub fn append(&self, record: &FeedbackRecord) -> std::io::Result<()> {
        let mut line = serde_json::to_string(record).map_err(std::io::Error::other)?;
        line.push('\n');
        let _guard = self.write.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(parent) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent)?;
        }
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&self.path)?;
        file.write_all(line.as_bytes())?;
        file.flush()
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn load_or_create_salt(path: &Path) -> std::io::Result<String> {
    match std::fs::read_to_string(path) {
        Ok(salt) if !salt.trim().is_empty() => return Ok(salt.trim().to_string()),
        Ok(_) => {}
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => return Err(e),
    }
    let mut hasher = Sha256::new();
    for _ in 0..4 {
        hasher.update(super::random_u64().to_le_bytes());
    }
    hasher.update(std::process::id().to_le_bytes());
    let salt = hex(&hasher.finalize());
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent)?;
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    match options.open(path) {
        Ok(mut file) => {
            file.write_all(salt.as_bytes())?;
            Ok(salt)
        }
        // Another process made it first: use theirs.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            Ok(std::fs::read_to_string(path)?.trim().to_string())
        }
        Err(e) => Err(e),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::reply::tests::answer;
    use crate::lang::Lang;

    #[test]
    fn appends_one_json_line_per_vote_without_raw_user_ids() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("fb/feedback.jsonl");
        let log = FeedbackLog::new(&path, None);
        let a = answer(Lang::De, Some(Verdict::NeedsApproval), 3, 2);
        let now = time::macros::datetime!(2024-05-01 09:30 UTC);
        for up in [true, false] {
            let record = log.record(&a, 3, up, "discord:4242", now).unwrap();
            log.append(&record).unwrap();
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2);
        let first = &lines[0];
        assert_eq!(first["vote"], "up");
        assert_eq!(lines[1]["vote"], "down");
        assert_eq!(first["timestamp"], "2024-05-01T09:30:00Z");
        assert_eq!(first["verdict"], "needs_approval");
        assert_eq!(first["question"], a.question);
        assert_eq!(first["passages"].as_array().unwrap().len(), 3);
        assert_eq!(
            first["passages"][0]["file"],
            "de/social-media-richtlinie.md"
        );
        assert_eq!(first["passages"][0]["line_start"], 1);
        assert_eq!(first["passages"][0]["heading_path"][1], "Abschnitt 0");
        assert!(!text.contains("4242"));
        assert_eq!(first["user"].as_str().unwrap().len(), 64);
        assert_eq!(first["user"], lines[1]["user"]);
        // The salt is kept beside the feedback file and reused.
        let salt = std::fs::read_to_string(dir.path().join("fb/feedback.jsonl.salt")).unwrap();
        assert_eq!(salt.len(), 64);
        let again = FeedbackLog::new(&path, None);
        assert_eq!(
            again.hash_user("discord:4242").unwrap(),
            first["user"].as_str().unwrap()
        );
    }

    #[test]
    fn env_salt_wins_and_changes_the_hash() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("feedback.jsonl");
        let a = FeedbackLog::new(&path, Some("pepper".into()));
        let b = FeedbackLog::new(&path, Some("salt".into()));
        assert_ne!(a.hash_user("u").unwrap(), b.hash_user("u").unwrap());
        assert_eq!(a.hash_user("u").unwrap(), a.hash_user("u").unwrap());
        assert!(!dir.path().join("feedback.jsonl.salt").exists());
    }
}
