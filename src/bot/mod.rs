//! The chat bot's core, free of any chat platform: the commands (ask, reindex,
//! guidelines, help), who may re-index, per-user rate limits, the question-length cap,
//! 👍/👎 feedback, "more passages" paging and error ids.
//!
//! Adapters (Discord, the terminal, later Slack) turn platform events into calls on
//! [`Bot`] with a [`Caller`] built from plain data, and show the [`Reply`] they get back.
//! Every method here is synchronous and may block on the engine: async adapters call it
//! from `tokio::task::spawn_blocking`.

pub mod feedback;
pub mod limits;
pub mod rate_limit;
pub mod reply;
pub mod review_reply;
pub mod small_talk;

use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use time::OffsetDateTime;

use crate::answer::Answer;
use crate::config::Config;
use crate::engine::{DocumentInfo, Engine, ReindexReport};
use crate::lang::{self, Lang};

pub use feedback::FeedbackLog;
pub use limits::{fit, Limits};
pub use rate_limit::RateLimiter;
pub use reply::{Button, ButtonAction, Field, Reply};

/// The environment variable with the salt for hashing user ids in feedback.
pub const FEEDBACK_SALT_ENV: &str = "GUIDEBOT_FEEDBACK_SALT";

/// Answers kept for buttons ("more passages", votes); older ones expire.
const STORED_ANSWERS: usize = 1000;

/// What the bot needs from the engine; implemented by [`Engine`] and by fakes in tests.
pub trait Backend: Send + Sync {
    fn ask(&self, question: &str) -> crate::Result<Answer>;
    fn reindex(&self) -> crate::Result<ReindexReport>;
    fn documents(&self) -> Vec<DocumentInfo>;
    fn built_at(&self) -> OffsetDateTime;
    fn config(&self) -> &Config;
    /// Reviews a draft post against the guidelines.
    fn review(&self, draft: &str, photo: bool) -> crate::Result<crate::review::Review>;
}

impl Backend for Engine {
    fn ask(&self, question: &str) -> crate::Result<Answer> {
        Engine::ask(self, question)
    }
    fn reindex(&self) -> crate::Result<ReindexReport> {
        Engine::reindex(self)
    }
    fn documents(&self) -> Vec<DocumentInfo> {
        Engine::documents(self)
    }
    fn built_at(&self) -> OffsetDateTime {
        Engine::built_at(self)
    }
    fn config(&self) -> &Config {
        Engine::config(self)
    }
    fn review(&self, draft: &str, photo: bool) -> crate::Result<crate::review::Review> {
        crate::review::review(self, draft, photo)
    }
}

/// Discord's ADMINISTRATOR permission bit.
pub const ADMINISTRATOR: u64 = 1 << 3;
/// Discord's MANAGE_GUILD ("Manage Server") permission bit.
pub const MANAGE_GUILD: u64 = 1 << 5;

/// Whether a member may re-index: ADMINISTRATOR or MANAGE_GUILD among the permissions
/// the platform computed for them, or one of the configured admin roles.
pub fn is_admin(permissions: Option<u64>, roles: &[u64], admin_roles: &[u64]) -> bool {
    permissions.is_some_and(|bits| bits & (ADMINISTRATOR | MANAGE_GUILD) != 0)
        || roles.iter().any(|role| admin_roles.contains(role))
}

/// Where a request comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// A server channel: member permissions and roles apply.
    Guild,
    /// A direct message: no admin commands.
    Direct,
    /// The local terminal: the operator may do everything.
    Local,
}

/// Who asks, as plain data.
#[derive(Debug, Clone, PartialEq)]
pub struct Caller {
    /// Platform-qualified user id, e.g. `discord:80351110224678912`.
    pub user: String,
    /// The language of the user's client, when known.
    pub lang: Option<Lang>,
    /// Permission bits the platform computed for the member (guilds only).
    pub permissions: Option<u64>,
    pub roles: Vec<u64>,
    pub place: Place,
}

impl Caller {
    /// The operator at the terminal.
    pub fn local() -> Caller {
        let lang = ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .find_map(|key| std::env::var(key).ok().filter(|v| !v.is_empty()))
            .and_then(|tag| Lang::from_tag(&tag));
        Caller {
            user: "terminal:local".into(),
            lang,
            permissions: None,
            roles: Vec::new(),
            place: Place::Local,
        }
    }

    fn may_reindex(&self, config: &Config) -> bool {
        match self.place {
            Place::Local => true,
            Place::Direct => false,
            Place::Guild => is_admin(
                self.permissions,
                &self.roles,
                &config.discord.admin_role_ids,
            ),
        }
    }
}

struct Stored {
    answer: Answer,
    /// Passages shown so far (for feedback records).
    shown: usize,
}

/// Answers by id, oldest evicted first.
#[derive(Default)]
struct AnswerStore {
    answers: HashMap<String, Stored>,
    order: VecDeque<String>,
}

impl AnswerStore {
    fn insert(&mut self, id: String, answer: Answer) {
        while self.order.len() >= STORED_ANSWERS {
            if let Some(old) = self.order.pop_front() {
                self.answers.remove(&old);
            }
        }
        let shown = answer.passages.len().min(reply::PAGE_SIZE);
        self.order.push_back(id.clone());
        self.answers.insert(id, Stored { answer, shown });
    }
}

/// A random number from the standard library's OS-seeded hasher keys.
pub(crate) fn random_u64() -> u64 {
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    hasher.write_u128(nanos);
    hasher.finish()
}

/// A short id to quote to the user and find in the logs: `E-4F2A9C`.
pub fn new_error_id() -> String {
    format!("E-{:06X}", random_u64() & 0xFF_FFFF)
}

/// The short apology shown for internal errors; the details go to the log under `id`.
pub fn internal_error_reply(lang: Lang, id: &str) -> Reply {
    reply::render_notice(
        format!(
            "😓 {}",
            reply::tr(lang, "Something went wrong", "Da ist etwas schiefgegangen")
        ),
        match lang {
            Lang::En => format!(
                "Sorry, I couldn't do that. Please try again later; if it keeps happening, \
                 give the admins this error id: `{id}`."
            ),
            Lang::De => format!(
                "Das hat leider nicht geklappt. Bitte versuch es später noch einmal; wenn es \
                 wieder passiert, nenne den Admins diese Fehlernummer: `{id}`."
            ),
        },
    )
}

/// Logs `error` under a new error id and returns the apology to show.
pub fn report_internal_error(lang: Lang, what: &str, error: &dyn std::fmt::Display) -> Reply {
    let id = new_error_id();
    tracing::error!(error_id = %id, "{what} failed: {error}");
    internal_error_reply(lang, &id)
}

/// The question cut to `max` characters, and its original length when it was cut.
pub fn cap_question(question: &str, max: usize) -> (&str, Option<usize>) {
    let count = question.chars().count();
    if count <= max {
        return (question, None);
    }
    let end = question
        .char_indices()
        .nth(max)
        .map_or(question.len(), |(i, _)| i);
    (question[..end].trim_end(), Some(count))
}

/// The chat bot: one per process, shared by all conversations.
pub struct Bot {
    backend: Arc<dyn Backend>,
    limiter: Mutex<RateLimiter>,
    store: Mutex<AnswerStore>,
    feedback: FeedbackLog,
    session: u64,
    counter: AtomicU64,
}

impl Bot {
    /// A bot on `backend`, taking the feedback salt from `GUIDEBOT_FEEDBACK_SALT`.
    pub fn new(backend: Arc<dyn Backend>) -> Bot {
        let salt = std::env::var(FEEDBACK_SALT_ENV).ok();
        Bot::with_feedback_salt(backend, salt)
    }

    pub fn with_feedback_salt(backend: Arc<dyn Backend>, salt: Option<String>) -> Bot {
        let config = backend.config();
        let feedback = FeedbackLog::new(config.feedback_file.clone(), salt);
        let limiter = RateLimiter::new(config.rate_limit_per_minute);
        Bot {
            backend,
            limiter: Mutex::new(limiter),
            store: Mutex::new(AnswerStore::default()),
            feedback,
            session: random_u64() & 0xFF_FFFF,
            counter: AtomicU64::new(0),
        }
    }

    pub fn config(&self) -> &Config {
        self.backend.config()
    }

    fn store(&self) -> std::sync::MutexGuard<'_, AnswerStore> {
        self.store.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn next_answer_id(&self) -> String {
        let n = self.counter.fetch_add(1, Ordering::Relaxed);
        format!("{:06x}{n:x}", self.session)
    }

    fn lang_of(caller: &Caller) -> Lang {
        caller.lang.unwrap_or(Lang::En)
    }

    /// Answers a question: rate limit, length cap, engine, rendering.
    pub fn ask(&self, caller: &Caller, question: &str) -> Reply {
        self.ask_at(caller, question, Instant::now())
    }

    fn ask_at(&self, caller: &Caller, question: &str, now: Instant) -> Reply {
        let question = question.trim();
        let lang = lang::detect(question).or(caller.lang).unwrap_or(Lang::En);
        if question.is_empty() {
            return reply::render_notice(
                "❓",
                reply::tr(
                    lang,
                    "Please ask a question, e.g. “May I post a photo from the team event?”",
                    "Bitte stell eine Frage, z. B. „Darf ich ein Foto vom Teamevent posten?“",
                ),
            );
        }
        // "hi" and "danke!" ask nothing: searching the guidelines for them only finds
        // the rules on thank-you gifts.
        if let Some(talk) = small_talk::small_talk(question) {
            return reply::render_small_talk(talk);
        }
        if let Some(slow_down) = self.rate_limited(caller, lang, now) {
            return slow_down;
        }
        let (question, truncated_from) = cap_question(question, self.config().max_question_chars);
        match self.backend.ask(question) {
            Ok(answer) => {
                let id = self.next_answer_id();
                let rendered = reply::render_answer(
                    &answer,
                    &reply::AnswerContext {
                        config: self.config(),
                        built_at: self.backend.built_at(),
                        answer_id: Some(&id),
                        truncated_from,
                    },
                );
                self.store().insert(id, answer);
                rendered
            }
            Err(crate::Error::BadQuestion(why)) => reply::render_notice(
                "❓",
                match lang {
                    Lang::En => format!("I can't answer that as asked: {why}"),
                    Lang::De => format!("So kann ich das nicht beantworten: {why}"),
                },
            ),
            Err(e) => report_internal_error(lang, "answering a question", &e),
        }
    }

    /// A friendly "slow down" when `caller` is over the per-minute limit (questions and
    /// draft reviews count together).
    fn rate_limited(&self, caller: &Caller, lang: Lang, now: Instant) -> Option<Reply> {
        let limited = self
            .limiter
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .check(&caller.user, now);
        let wait = limited.err()?;
        let seconds = wait.as_secs().max(1);
        let per_minute = self.config().rate_limit_per_minute;
        Some(reply::render_notice(
            "⏳",
            match lang {
                Lang::En => format!(
                    "You're asking faster than I can keep up with (at most {per_minute} questions \
                     a minute). Please try again in {seconds} s."
                ),
                Lang::De => format!(
                    "Du fragst schneller, als ich mitkomme (höchstens {per_minute} Fragen pro \
                     Minute). Bitte versuch es in {seconds} s noch einmal."
                ),
            },
        ))
    }

    /// Reviews a draft post: rate limit, engine (which caps the draft), rendering; ephemeral.
    pub fn review(&self, caller: &Caller, draft: &str, photo: bool) -> Reply {
        self.review_at(caller, draft, photo, Instant::now())
    }

    fn review_at(&self, caller: &Caller, draft: &str, photo: bool, now: Instant) -> Reply {
        let draft = draft.trim();
        let lang = lang::detect(draft).or(caller.lang).unwrap_or(Lang::En);
        if draft.is_empty() && !photo {
            return reply::render_notice(
                "❓",
                reply::tr(
                    lang,
                    "Please paste the text of your post, e.g. “Great day at the summer party!”",
                    "Bitte füge den Text deines Posts ein, z. B. „Schöner Tag beim Sommerfest!“",
                ),
            );
        }
        if let Some(slow_down) = self.rate_limited(caller, lang, now) {
            return slow_down;
        }
        match self.backend.review(draft, photo) {
            Ok(review) => {
                let mut rendered =
                    review_reply::render_review(&review, self.config(), self.backend.built_at());
                rendered.ephemeral = true;
                rendered
            }
            Err(crate::Error::BadQuestion(why)) => reply::render_notice(
                "❓",
                match lang {
                    Lang::En => format!("I can't review that: {why}"),
                    Lang::De => format!("Das kann ich nicht prüfen: {why}"),
                },
            ),
            Err(e) => report_internal_error(lang, "reviewing a draft", &e),
        }
    }

    /// Why `caller` may not re-index, as a polite refusal; `None` when they may.
    pub fn reindex_refusal(&self, caller: &Caller) -> Option<Reply> {
        if caller.may_reindex(self.config()) {
            return None;
        }
        let lang = Self::lang_of(caller);
        Some(reply::render_notice(
            format!("🔒 {}", reply::tr(lang, "Admins only", "Nur für Admins")),
            match caller.place {
                Place::Direct => reply::tr(
                    lang,
                    "Re-indexing is only available in a server, not in direct messages.",
                    "Neu indexieren geht nur auf einem Server, nicht in Direktnachrichten.",
                ),
                _ => reply::tr(
                    lang,
                    "Sorry, only server admins (Administrator or Manage Server permission, or an \
                     admin role) can re-index the guidelines. Nothing was changed.",
                    "Tut mir leid, nur Server-Admins (Berechtigung Administrator oder Server \
                     verwalten, oder eine Admin-Rolle) können die Richtlinien neu indexieren. \
                     Es wurde nichts geändert.",
                ),
            },
        ))
    }

    /// Re-reads the guidelines, if `caller` may; slow (seconds): adapters defer first.
    pub fn reindex(&self, caller: &Caller) -> Reply {
        if let Some(refusal) = self.reindex_refusal(caller) {
            tracing::info!(user = %caller.user, "re-index refused");
            return refusal;
        }
        let lang = Self::lang_of(caller);
        tracing::info!(user = %caller.user, "re-index requested");
        match self.backend.reindex() {
            Ok(report) => {
                tracing::info!(
                    documents = report.documents,
                    sections = report.sections,
                    errors = report.errors.len(),
                    "re-indexed"
                );
                reply::render_reindex(&report, lang)
            }
            Err(e) => report_internal_error(lang, "re-indexing", &e),
        }
    }

    /// The indexed documents with owner and review date.
    pub fn guidelines(&self, caller: &Caller) -> Reply {
        let config = self.config();
        reply::render_documents(
            &self.backend.documents(),
            OffsetDateTime::now_utc().date(),
            config.review_max_age_days,
            Self::lang_of(caller),
        )
    }

    pub fn help(&self, caller: &Caller) -> Reply {
        reply::render_help(&self.config().contact, Self::lang_of(caller))
    }

    /// Handles a button click; `None` when the id is not one of guidebot's.
    pub fn button(&self, caller: &Caller, custom_id: &str) -> Option<Reply> {
        let action = ButtonAction::parse(custom_id)?;
        let lang = Self::lang_of(caller);
        let expired = || {
            reply::render_notice(
                "⌛",
                reply::tr(
                    lang,
                    "This answer is too old for buttons now. Please ask again.",
                    "Diese Antwort ist zu alt für Knöpfe. Bitte frag noch einmal.",
                ),
            )
        };
        Some(match action {
            ButtonAction::Vote { answer_id, up } => {
                let (answer, shown) = {
                    let store = self.store();
                    match store.answers.get(&answer_id) {
                        Some(s) => (s.answer.clone(), s.shown),
                        None => return Some(expired()),
                    }
                };
                let lang = answer.lang;
                let result = self
                    .feedback
                    .record(&answer, shown, up, &caller.user, OffsetDateTime::now_utc())
                    .and_then(|record| self.feedback.append(&record));
                match result {
                    Ok(()) => reply::render_notice(
                        if up { "👍" } else { "👎" },
                        reply::tr(
                            lang,
                            "Thanks for your feedback!",
                            "Danke für dein Feedback!",
                        ),
                    ),
                    Err(e) => report_internal_error(
                        lang,
                        &format!("recording feedback in {}", self.feedback.path().display()),
                        &e,
                    ),
                }
            }
            ButtonAction::More { answer_id, offset } => {
                let mut store = self.store();
                let Some(stored) = store.answers.get_mut(&answer_id) else {
                    return Some(expired());
                };
                let rendered = reply::render_more(
                    &stored.answer,
                    offset,
                    &reply::AnswerContext {
                        config: self.backend.config(),
                        built_at: self.backend.built_at(),
                        answer_id: Some(&answer_id),
                        truncated_from: None,
                    },
                );
                let page_end = stored.answer.passages.len()
                    + (offset + reply::PAGE_SIZE).min(stored.answer.more.len());
                stored.shown = stored.shown.max(page_end);
                rendered
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::Verdict;
    use crate::bot::reply::tests::answer;

    struct Fake {
        config: Config,
        fail: bool,
    }

    impl Backend for Fake {
        fn ask(&self, question: &str) -> crate::Result<Answer> {
            if self.fail {
                return Err(crate::Error::Index {
                    path: "/secret/index".into(),
                    reason: "damaged".into(),
                });
            }
            if question == "?" {
                return Err(crate::Error::BadQuestion("only punctuation".into()));
            }
            let mut a = answer(Lang::En, Some(Verdict::Allowed), 3, 4);
            a.question = question.to_string();
            Ok(a)
        }
        fn reindex(&self) -> crate::Result<ReindexReport> {
            Ok(ReindexReport {
                documents: 2,
                sections: 5,
                ..ReindexReport::default()
            })
        }
        fn documents(&self) -> Vec<DocumentInfo> {
            Vec::new()
        }
        fn built_at(&self) -> OffsetDateTime {
            OffsetDateTime::UNIX_EPOCH
        }
        fn config(&self) -> &Config {
            &self.config
        }
        fn review(&self, _draft: &str, _photo: bool) -> crate::Result<crate::review::Review> {
            if self.fail {
                return Err(crate::Error::BadQuestion("failing".into()));
            }
            Ok(crate::bot::review_reply::tests::review(1, 0))
        }
    }

    fn bot(dir: &std::path::Path, rate: u32, fail: bool) -> Bot {
        let config = Config {
            feedback_file: dir.join("feedback.jsonl"),
            rate_limit_per_minute: rate,
            discord: crate::config::DiscordConfig {
                admin_role_ids: vec![77],
                ..Default::default()
            },
            ..Config::default()
        };
        Bot::with_feedback_salt(Arc::new(Fake { config, fail }), Some("test".into()))
    }

    fn member(permissions: u64, roles: Vec<u64>) -> Caller {
        Caller {
            user: "discord:1".into(),
            lang: Some(Lang::En),
            permissions: Some(permissions),
            roles,
            place: Place::Guild,
        }
    }

    #[test]
    fn admin_decision_from_plain_data() {
        assert!(is_admin(Some(ADMINISTRATOR), &[], &[]));
        assert!(is_admin(Some(MANAGE_GUILD), &[], &[]));
        assert!(is_admin(Some(u64::MAX), &[], &[]));
        assert!(!is_admin(Some(0x400 | 0x800), &[], &[]));
        assert!(!is_admin(None, &[1], &[2]));
        assert!(is_admin(None, &[1, 2], &[2]));
        assert!(is_admin(Some(0), &[5], &[5]));
    }

    #[test]
    fn reindex_refused_for_members_and_dms_allowed_for_admins() {
        let dir = tempfile::tempdir().unwrap();
        let bot = bot(dir.path(), 10, false);
        let refused = bot.reindex(&member(0, vec![]));
        assert!(refused.title.contains("Admins only"));
        assert!(refused.description.contains("Nothing was changed"));
        let mut dm = member(u64::MAX, vec![]);
        dm.place = Place::Direct;
        assert!(bot.reindex_refusal(&dm).is_some());
        assert!(bot.reindex_refusal(&member(0, vec![77])).is_none());
        let done = bot.reindex(&member(u64::MAX, vec![]));
        assert!(done.description.contains("**2** documents"), "{done:?}");
        assert!(bot.reindex_refusal(&Caller::local()).is_none());
    }

    #[test]
    fn rate_limit_gives_a_friendly_message() {
        let dir = tempfile::tempdir().unwrap();
        let bot = bot(dir.path(), 2, false);
        let caller = member(0, vec![]);
        let now = Instant::now();
        assert!(bot
            .ask_at(&caller, "May I post this?", now)
            .title
            .contains("Allowed"));
        assert!(bot
            .ask_at(&caller, "May I post this?", now)
            .title
            .contains("Allowed"));
        let limited = bot.ask_at(&caller, "May I post this?", now);
        assert!(limited.description.contains("at most 2 questions a minute"));
        assert!(limited.ephemeral);
    }

    #[test]
    fn greetings_and_thanks_get_a_reply_not_a_search() {
        let dir = tempfile::tempdir().unwrap();
        let bot = bot(dir.path(), 10, false);
        let caller = member(0, vec![]);
        let thanks = bot.ask(&caller, "Danke!");
        assert!(thanks.description.contains("Gern geschehen"), "{thanks:?}");
        let hello = bot.ask(&caller, "hi there");
        assert!(hello.description.contains("May I post"), "{hello:?}");
        assert!(bot.store().answers.is_empty(), "nothing was searched");
        assert!(bot
            .ask(&caller, "hi, may I post this?")
            .title
            .contains("Allowed"));
    }

    #[test]
    fn long_questions_are_answered_on_their_beginning() {
        let dir = tempfile::tempdir().unwrap();
        let bot = bot(dir.path(), 10, false);
        let question = "ä".repeat(6000);
        assert_eq!(cap_question(&question, 1000).0.chars().count(), 1000);
        assert_eq!(cap_question(&question, 1000).1, Some(6000));
        assert_eq!(cap_question("short", 1000), ("short", None));
        let reply = bot.ask(&member(0, vec![]), &question);
        assert!(reply.description.contains("6000"), "{reply:?}");
        let stored = bot.store();
        let answer = &stored.answers.values().next().unwrap().answer;
        assert_eq!(answer.question.chars().count(), 1000);
    }

    #[test]
    fn internal_errors_show_an_id_not_the_details() {
        let dir = tempfile::tempdir().unwrap();
        let bot = bot(dir.path(), 10, true);
        let reply = bot.ask(&member(0, vec![]), "May I post this?");
        assert!(reply.description.contains("`E-"), "{reply:?}");
        assert!(!reply.to_plain_text().contains("/secret"));
        let bad = bot_ok(dir.path()).ask(&member(0, vec![]), "?");
        assert!(bad.description.contains("only punctuation"));
        let empty = bot_ok(dir.path()).ask(&member(0, vec![]), "   ");
        assert!(empty.description.contains("Please ask"));
    }

    fn bot_ok(dir: &std::path::Path) -> Bot {
        bot(dir, 10, false)
    }

    #[test]
    fn buttons_vote_and_page_through_stored_answers() {
        let dir = tempfile::tempdir().unwrap();
        let bot = bot(dir.path(), 10, false);
        let caller = member(0, vec![]);
        let reply = bot.ask(&caller, "May I post this?");
        let ids: Vec<String> = reply.buttons.iter().map(|b| b.id.clone()).collect();
        assert_eq!(ids.len(), 3);
        let more = bot.button(&caller, &ids[2]).unwrap();
        assert_eq!(more.fields.len(), 3);
        let thanks = bot.button(&caller, &ids[0]).unwrap();
        assert!(thanks.description.contains("Thanks"));
        let text = std::fs::read_to_string(dir.path().join("feedback.jsonl")).unwrap();
        let record: serde_json::Value = serde_json::from_str(text.trim()).unwrap();
        assert_eq!(record["vote"], "up");
        assert_eq!(record["question"], "May I post this?");
        // 3 passages + the 3 shown by "more passages".
        assert_eq!(record["passages"].as_array().unwrap().len(), 6);
        assert!(bot.button(&caller, "someone-elses-button").is_none());
        let expired = bot.button(&caller, "gb:up:ffffff99").unwrap();
        assert!(expired.description.contains("too old"));
    }

    #[test]
    fn the_store_forgets_the_oldest_answers() {
        let mut store = AnswerStore::default();
        for i in 0..STORED_ANSWERS + 5 {
            store.insert(i.to_string(), answer(Lang::En, None, 1, 0));
        }
        assert_eq!(store.answers.len(), STORED_ANSWERS);
        assert!(!store.answers.contains_key("0"));
        assert!(store
            .answers
            .contains_key(&(STORED_ANSWERS + 4).to_string()));
    }
}
