//! guidebot's settings: defaults, then `guidebot.toml`, then `GUIDEBOT_*` environment
//! variables, then command-line flags (applied by the binary). Secrets such as the Discord
//! token are never read from the file: only from the environment, by the adapter.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::{Error, Result};

/// The comms contact named when the guidelines don't answer; the sample handbook's team.
pub const DEFAULT_CONTACT: &str =
    "Team Unternehmenskommunikation (kommunikation@kranich-software.example, #frag-die-kommunikation)";

/// All settings, with defaults filled in.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Folder with the guideline markdown.
    pub guidelines: PathBuf,
    /// Folder holding the search index.
    pub index: PathBuf,
    /// Whom to ask when the guidelines don't cover a question.
    pub contact: String,
    /// Web address of the guidelines folder (e.g. the repository's tree URL); citations
    /// link to `{source_url}/{file}#L{start}-L{end}` when set.
    pub source_url: Option<String>,
    /// Files larger than this many bytes are refused.
    pub max_file_bytes: u64,
    /// Reviews older than this many days are flagged as overdue.
    pub review_max_age_days: u32,
    /// Questions per user and minute in chat.
    pub rate_limit_per_minute: u32,
    /// Questions longer than this many characters are answered on their beginning.
    pub max_question_chars: usize,
    /// Append-only JSONL file for 👍/👎 feedback.
    pub feedback_file: PathBuf,
    /// Seconds of quiet after a guideline edit before the bot re-indexes.
    pub watch_debounce_secs: f64,
    pub discord: DiscordConfig,
}

/// Discord-specific settings (never the token).
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct DiscordConfig {
    /// Register commands in this guild only (takes effect at once).
    pub guild_id: Option<u64>,
    /// Roles whose members may `/reindex` besides Administrator / Manage Server.
    pub admin_role_ids: Vec<u64>,
    /// Where Discord's REST API is, for HTTP proxies and tests: `http://host:port`, or
    /// with Discord's `/api` or `/api/v10` after it.
    pub api_url: Option<String>,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            guidelines: PathBuf::from("guidelines"),
            index: PathBuf::from("index"),
            contact: DEFAULT_CONTACT.to_string(),
            source_url: None,
            max_file_bytes: crate::document::DEFAULT_MAX_FILE_BYTES,
            review_max_age_days: 365,
            rate_limit_per_minute: 10,
            max_question_chars: 1000,
            feedback_file: PathBuf::from("feedback.jsonl"),
            watch_debounce_secs: 2.0,
            discord: DiscordConfig::default(),
        }
    }
}

impl Config {
    /// Loads `path` if given (it must exist), else `guidebot.toml` in the working folder
    /// if present, then applies the environment.
    pub fn load(path: Option<&Path>) -> Result<Config> {
        let mut config = match path {
            Some(path) => Self::from_file(path)?,
            None if Path::new("guidebot.toml").exists() => {
                Self::from_file(Path::new("guidebot.toml"))?
            }
            None => Config::default(),
        };
        config.apply_env(|key| std::env::var(key).ok())?;
        Ok(config)
    }

    pub fn from_file(path: &Path) -> Result<Config> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Error::Config(format!("{}: {e}", path.display())))?;
        toml::from_str(&text)
            .map_err(|e| Error::Config(format!("{}: {}", path.display(), e.message())))
    }

    /// Applies `GUIDEBOT_*` variables; `get` is the environment (a closure for tests).
    pub fn apply_env(&mut self, get: impl Fn(&str) -> Option<String>) -> Result<()> {
        let get = |key: &str| get(key).filter(|v| !v.trim().is_empty());
        if let Some(v) = get("GUIDEBOT_GUIDELINES") {
            self.guidelines = PathBuf::from(v);
        }
        if let Some(v) = get("GUIDEBOT_INDEX") {
            self.index = PathBuf::from(v);
        }
        if let Some(v) = get("GUIDEBOT_CONTACT") {
            self.contact = v;
        }
        if let Some(v) = get("GUIDEBOT_SOURCE_URL") {
            self.source_url = Some(v.trim_end_matches('/').to_string());
        }
        if let Some(v) = get("GUIDEBOT_FEEDBACK_FILE") {
            self.feedback_file = PathBuf::from(v);
        }
        if let Some(v) = get("GUIDEBOT_RATE_LIMIT_PER_MINUTE") {
            self.rate_limit_per_minute = parse_number("GUIDEBOT_RATE_LIMIT_PER_MINUTE", &v)?;
        }
        if let Some(v) = get("GUIDEBOT_WATCH_DEBOUNCE_SECS") {
            self.watch_debounce_secs = parse_number("GUIDEBOT_WATCH_DEBOUNCE_SECS", &v)?;
        }
        if let Some(v) = get("GUIDEBOT_DISCORD_GUILD_ID") {
            self.discord.guild_id = Some(parse_number("GUIDEBOT_DISCORD_GUILD_ID", &v)?);
        }
        if let Some(v) = get("GUIDEBOT_DISCORD_ADMIN_ROLE_IDS") {
            self.discord.admin_role_ids = v
                .split(',')
                .map(|id| parse_number("GUIDEBOT_DISCORD_ADMIN_ROLE_IDS", id.trim()))
                .collect::<Result<_>>()?;
        }
        if let Some(v) = get("GUIDEBOT_DISCORD_API_URL") {
            self.discord.api_url = Some(v.trim_end_matches('/').to_string());
        }
        Ok(())
    }

    /// A link to the cited lines, when `source_url` is configured.
    pub fn citation_url(&self, file: &str, line_start: usize, line_end: usize) -> Option<String> {
        let base = self.source_url.as_deref()?;
        Some(format!("{base}/{file}#L{line_start}-L{line_end}"))
    }
}

fn parse_number<T: std::str::FromStr>(key: &str, value: &str) -> Result<T> {
    value
        .trim()
        .parse()
        .map_err(|_| Error::Config(format!("{key}={value:?} is not a valid number")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_overrides_defaults() {
        let mut config = Config::default();
        config
            .apply_env(|key| match key {
                "GUIDEBOT_GUIDELINES" => Some("/g".into()),
                "GUIDEBOT_DISCORD_ADMIN_ROLE_IDS" => Some("1, 2".into()),
                "GUIDEBOT_SOURCE_URL" => Some("https://git.example/guides/".into()),
                _ => None,
            })
            .unwrap();
        assert_eq!(config.guidelines, PathBuf::from("/g"));
        assert_eq!(config.discord.admin_role_ids, vec![1, 2]);
        assert_eq!(
            config.citation_url("de/a.md", 3, 5).as_deref(),
            Some("https://git.example/guides/de/a.md#L3-L5")
        );
    }

    #[test]
    fn bad_number_is_a_clear_error() {
        let mut config = Config::default();
        let err = config
            .apply_env(|key| (key == "GUIDEBOT_RATE_LIMIT_PER_MINUTE").then(|| "ten".into()))
            .unwrap_err();
        assert!(err.to_string().contains("GUIDEBOT_RATE_LIMIT_PER_MINUTE"));
    }

    #[test]
    fn unknown_file_keys_are_rejected() {
        let err = toml::from_str::<Config>("guidlines = \"x\"").unwrap_err();
        assert!(err.message().contains("unknown field"));
    }
}
