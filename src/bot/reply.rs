//! A chat-neutral reply and the pure functions that render guidebot's results into one.
//!
//! A [`Reply`] is what every adapter shows: a title (the verdict line), a description,
//! fields (one per cited passage), a footer and buttons. Discord turns it into an embed,
//! the terminal into plain text, Slack (later) into blocks. Rendering is a function of the
//! data alone, so it is tested here without any chat platform; fitting a reply into a
//! platform's size limits is a separate step ([`super::limits::fit`]).

use time::OffsetDateTime;

use super::small_talk::SmallTalk;
use crate::answer::{Answer, Passage, Verdict};
use crate::config::Config;
use crate::engine::{DocumentInfo, ReindexReport};
use crate::lang::Lang;

/// How many passages one reply shows; "More passages" pages through the rest.
pub const PAGE_SIZE: usize = 3;

/// Custom-id prefix of every button guidebot sends; clicks on other ids are not ours.
pub const BUTTON_PREFIX: &str = "gb:";

/// A chat-neutral message.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reply {
    /// Plain text shown above the card (rarely used).
    pub content: Option<String>,
    /// The first line: for answers, the verdict.
    pub title: String,
    pub description: String,
    pub fields: Vec<Field>,
    pub footer: Option<String>,
    pub buttons: Vec<Button>,
    /// Shown only to the person who asked (where the platform supports it).
    pub ephemeral: bool,
    /// Accent colour, `0xRRGGBB`.
    pub color: Option<u32>,
}

/// One block of a reply: for answers, a quoted passage and its citation.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Field {
    pub name: String,
    pub value: String,
    /// Shown on its own line after `value`; kept whole when `value` is truncated.
    pub citation: Option<String>,
}

impl Field {
    /// `value`, then the citation on its own line.
    pub fn full_value(&self) -> String {
        match &self.citation {
            Some(citation) if self.value.is_empty() => citation.clone(),
            Some(citation) => format!("{}\n{}", self.value, citation),
            None => self.value.clone(),
        }
    }
}

/// A button under a reply; `id` is what the platform sends back on a click.
#[derive(Debug, Clone, PartialEq)]
pub struct Button {
    pub id: String,
    pub label: String,
    pub emoji: Option<String>,
}

/// What a button click asks for, parsed from its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ButtonAction {
    Vote { answer_id: String, up: bool },
    More { answer_id: String, offset: usize },
}

impl ButtonAction {
    pub fn id(&self) -> String {
        match self {
            ButtonAction::Vote {
                answer_id,
                up: true,
            } => format!("{BUTTON_PREFIX}up:{answer_id}"),
            ButtonAction::Vote {
                answer_id,
                up: false,
            } => {
                format!("{BUTTON_PREFIX}down:{answer_id}")
            }
            ButtonAction::More { answer_id, offset } => {
                format!("{BUTTON_PREFIX}more:{answer_id}:{offset}")
            }
        }
    }

    /// `None` for ids guidebot did not make.
    pub fn parse(id: &str) -> Option<ButtonAction> {
        let rest = id.strip_prefix(BUTTON_PREFIX)?;
        let (kind, rest) = rest.split_once(':')?;
        let valid_id = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric());
        match kind {
            "up" | "down" if valid_id(rest) => Some(ButtonAction::Vote {
                answer_id: rest.to_string(),
                up: kind == "up",
            }),
            "more" => {
                let (answer_id, offset) = rest.split_once(':')?;
                valid_id(answer_id).then_some(())?;
                Some(ButtonAction::More {
                    answer_id: answer_id.to_string(),
                    offset: offset.parse().ok()?,
                })
            }
            _ => None,
        }
    }
}

/// Picks the English or German wording.
pub(crate) fn tr(lang: Lang, en: &str, de: &str) -> String {
    match lang {
        Lang::En => en.to_string(),
        Lang::De => de.to_string(),
    }
}

const GREEN: u32 = 0x2e_cc_71;
const RED: u32 = 0xe7_4c_3c;
const AMBER: u32 = 0xf1_c4_0f;
const ORANGE: u32 = 0xe6_7e_22;
const BLUE: u32 = 0x34_98_db;
const GREY: u32 = 0x95_a5_a6;

pub(crate) fn verdict_color(verdict: Option<Verdict>) -> u32 {
    match verdict {
        Some(Verdict::Allowed) => GREEN,
        Some(Verdict::NotAllowed) => RED,
        Some(Verdict::NeedsApproval) => AMBER,
        Some(Verdict::Conditional) => ORANGE,
        None => BLUE,
    }
}

/// Everything besides the answer that rendering it needs.
#[derive(Debug, Clone)]
pub struct AnswerContext<'a> {
    pub config: &'a Config,
    /// When the serving index was built (footer).
    pub built_at: OffsetDateTime,
    /// Id under which the answer is kept for buttons; no buttons without one.
    pub answer_id: Option<&'a str>,
    /// Set when the question was cut to `max_question_chars`: its original length.
    pub truncated_from: Option<usize>,
}

/// `2024-05-01 09:30 UTC`
pub fn format_timestamp(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02} {:02}:{:02} UTC",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute()
    )
}

/// The verdict line: `✅ Allowed`, or `ℹ️ …` when there is no verdict.
pub fn verdict_line(answer: &Answer) -> String {
    let lang = answer.lang;
    match (answer.abstained, answer.verdict) {
        (true, _) => format!(
            "ℹ️ {}",
            tr(
                lang,
                "Not covered by the guidelines",
                "Nicht in den Richtlinien geregelt"
            )
        ),
        (false, Some(verdict)) => format!("{} {}", verdict.emoji(), verdict.label(lang)),
        (false, None) => format!(
            "ℹ️ {}",
            tr(
                lang,
                "No clear verdict: here is what the guidelines say",
                "Kein eindeutiges Urteil: Das sagen die Richtlinien"
            )
        ),
    }
}

/// A passage as a field: the breadcrumb, the quote, the (linked) citation.
pub fn passage_field(passage: &Passage, config: &Config, lang: Lang) -> Field {
    let mut value = quote(&passage.text);
    if passage.stale {
        value.push_str(&format!(
            "\n_{}_",
            tr(
                lang,
                "(from the last good version of this file)",
                "(aus der letzten fehlerfreien Fassung dieser Datei)"
            )
        ));
    }
    let citation = passage.citation();
    let citation = match config.citation_url(&passage.file, passage.line_start, passage.line_end) {
        Some(url) => format!("[{citation}]({url})"),
        None => format!("`{citation}`"),
    };
    Field {
        name: passage.breadcrumb(),
        value,
        citation: Some(citation),
    }
}

/// Markdown block quote of `text`.
fn quote(text: &str) -> String {
    let text = text.trim();
    if text.is_empty() {
        return String::new();
    }
    text.lines()
        .map(|line| format!("> {}", line.trim_end()))
        .collect::<Vec<_>>()
        .join("\n")
}

fn footer(built_at: OffsetDateTime, lang: Lang) -> String {
    format!(
        "{} {} · guidebot",
        tr(lang, "Index built", "Index erstellt"),
        format_timestamp(built_at)
    )
}

fn answer_buttons(answer_id: &str, more_offset: Option<usize>, lang: Lang) -> Vec<Button> {
    let mut buttons = vec![
        Button {
            id: ButtonAction::Vote {
                answer_id: answer_id.to_string(),
                up: true,
            }
            .id(),
            label: tr(lang, "Helpful", "Hilfreich"),
            emoji: Some("👍".into()),
        },
        Button {
            id: ButtonAction::Vote {
                answer_id: answer_id.to_string(),
                up: false,
            }
            .id(),
            label: tr(lang, "Not helpful", "Nicht hilfreich"),
            emoji: Some("👎".into()),
        },
    ];
    if let Some(offset) = more_offset {
        buttons.push(Button {
            id: ButtonAction::More {
                answer_id: answer_id.to_string(),
                offset,
            }
            .id(),
            label: tr(lang, "More passages", "Weitere Textstellen"),
            emoji: None,
        });
    }
    buttons
}

/// Renders an answer: verdict line as title, up to [`PAGE_SIZE`] passages as fields,
/// the contact when the guidelines don't cover the question, the index date as footer.
pub fn render_answer(answer: &Answer, ctx: &AnswerContext<'_>) -> Reply {
    let lang = answer.lang;
    let mut notes = Vec::new();
    if answer.abstained {
        notes.push(match lang {
            Lang::En => format!(
                "The guidelines don't cover this. Please ask {}.",
                answer.contact
            ),
            Lang::De => format!(
                "Dazu sagen die Richtlinien nichts. Bitte frag {}.",
                answer.contact
            ),
        });
    }
    if let Some(original) = ctx.truncated_from {
        let max = ctx.config.max_question_chars;
        notes.push(match lang {
            Lang::En => {
                format!("_Your question had {original} characters; I answered its first {max}._")
            }
            Lang::De => format!(
                "_Deine Frage hatte {original} Zeichen; ich habe auf die ersten {max} geantwortet._"
            ),
        });
    }
    let fields = answer
        .passages
        .iter()
        .take(PAGE_SIZE)
        .map(|p| passage_field(p, ctx.config, lang))
        .collect();
    let more_offset = (!answer.more.is_empty()).then_some(0);
    Reply {
        content: None,
        title: verdict_line(answer),
        description: notes.join("\n\n"),
        fields,
        footer: Some(footer(ctx.built_at, lang)),
        buttons: ctx
            .answer_id
            .map(|id| answer_buttons(id, more_offset, lang))
            .unwrap_or_default(),
        ephemeral: false,
        color: Some(if answer.abstained {
            GREY
        } else {
            verdict_color(answer.verdict)
        }),
    }
}

/// The next page of passages from `answer.more`, starting at `offset`.
pub fn render_more(answer: &Answer, offset: usize, ctx: &AnswerContext<'_>) -> Reply {
    let lang = answer.lang;
    let page: Vec<&Passage> = answer.more.iter().skip(offset).take(PAGE_SIZE).collect();
    let next = offset + page.len();
    let description = if page.is_empty() {
        tr(
            lang,
            "There are no further passages.",
            "Es gibt keine weiteren Textstellen.",
        )
    } else {
        String::new()
    };
    let more_offset = (next < answer.more.len()).then_some(next);
    Reply {
        content: None,
        title: tr(lang, "More passages", "Weitere Textstellen"),
        description,
        fields: page
            .into_iter()
            .map(|p| passage_field(p, ctx.config, lang))
            .collect(),
        footer: Some(footer(ctx.built_at, lang)),
        buttons: match (ctx.answer_id, more_offset) {
            (Some(id), Some(offset)) => answer_buttons(id, Some(offset), lang)
                .into_iter()
                .filter(|b| b.id.starts_with(&format!("{BUTTON_PREFIX}more:")))
                .collect(),
            _ => Vec::new(),
        },
        ephemeral: true,
        color: Some(BLUE),
    }
}

/// The answer to a greeting or a thank-you: a person's, with a pointer to asking.
pub fn render_small_talk(talk: SmallTalk) -> Reply {
    let (title, text) = match talk {
        SmallTalk::Greeting(lang) => (
            "👋",
            tr(
                lang,
                "Hi! Ask me whether you may post something, e.g. “May I post a photo from the \
                 team event?” I answer from the social-media guidelines, quoted and cited. \
                 /help says more.",
                "Hallo! Frag mich, ob du etwas posten darfst, z. B. „Darf ich ein Foto vom \
                 Teamevent posten?“ Ich antworte aus den Social-Media-Richtlinien, zitiert und \
                 mit Quelle. /help sagt mehr.",
            ),
        ),
        SmallTalk::Thanks(lang) => (
            "🙂",
            tr(
                lang,
                "You're welcome! Ask again any time.",
                "Gern geschehen! Frag jederzeit wieder.",
            ),
        ),
    };
    render_notice(title, text)
}

/// A short notice (rate limit, refusal, error …) with no fields.
pub fn render_notice(title: impl Into<String>, text: impl Into<String>) -> Reply {
    Reply {
        title: title.into(),
        description: text.into(),
        ephemeral: true,
        color: Some(GREY),
        ..Reply::default()
    }
}

fn list(items: &[String]) -> String {
    items
        .iter()
        .map(|item| format!("`{item}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// What a re-index did: counts, files added/changed/removed, per-file errors, duration.
pub fn render_reindex(report: &ReindexReport, lang: Lang) -> Reply {
    let seconds = report.duration.as_secs_f64();
    let summary = match lang {
        Lang::En => format!(
            "Indexed **{}** documents with **{}** sections in {seconds:.2} s.",
            report.documents, report.sections
        ),
        Lang::De => format!(
            "**{}** Dokumente mit **{}** Abschnitten in {seconds:.2} s indexiert.",
            report.documents, report.sections
        ),
    };
    let mut fields = Vec::new();
    let mut push = |name: String, items: &[String]| {
        if !items.is_empty() {
            fields.push(Field {
                name: format!("{name} ({})", items.len()),
                value: list(items),
                citation: None,
            });
        }
    };
    push(tr(lang, "Added", "Neu"), &report.added);
    push(tr(lang, "Changed", "Geändert"), &report.changed);
    push(tr(lang, "Removed", "Entfernt"), &report.removed);
    push(
        tr(
            lang,
            "Served from the last good version",
            "Aus der letzten fehlerfreien Fassung",
        ),
        &report.stale,
    );
    if report.added.is_empty() && report.changed.is_empty() && report.removed.is_empty() {
        fields.push(Field {
            name: tr(lang, "Changes", "Änderungen"),
            value: tr(lang, "No files changed.", "Keine Datei geändert."),
            citation: None,
        });
    }
    if !report.errors.is_empty() {
        fields.push(Field {
            name: format!("{} ({})", tr(lang, "Errors", "Fehler"), report.errors.len()),
            value: report
                .errors
                .iter()
                .map(|e| format!("`{}`: {}", e.file, e.reason))
                .collect::<Vec<_>>()
                .join("\n"),
            citation: None,
        });
    }
    Reply {
        content: None,
        title: if report.errors.is_empty() {
            format!("✅ {}", tr(lang, "Re-indexed", "Neu indexiert"))
        } else {
            format!(
                "⚠️ {}",
                tr(lang, "Re-indexed with errors", "Neu indexiert, mit Fehlern")
            )
        },
        description: summary,
        fields,
        footer: None,
        buttons: Vec::new(),
        ephemeral: true,
        color: Some(if report.errors.is_empty() {
            GREEN
        } else {
            AMBER
        }),
    }
}

/// Whether a `YYYY-MM-DD` review date is more than `max_age_days` before `today`;
/// a missing or unreadable date counts as overdue.
pub fn review_overdue(reviewed: Option<&str>, today: time::Date, max_age_days: u32) -> bool {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    match reviewed.and_then(|r| time::Date::parse(r.trim(), &format).ok()) {
        Some(date) => (today - date).whole_days() > i64::from(max_age_days),
        None => true,
    }
}

/// The indexed documents with owner and review date, overdue reviews flagged.
pub fn render_documents(
    docs: &[DocumentInfo],
    today: time::Date,
    max_age_days: u32,
    lang: Lang,
) -> Reply {
    let mut lines = Vec::new();
    let mut overdue = 0;
    for doc in docs {
        let owner = doc
            .owner
            .clone()
            .unwrap_or_else(|| tr(lang, "no owner", "ohne Verantwortliche"));
        let reviewed = match &doc.reviewed {
            Some(date) => format!("{} {date}", tr(lang, "reviewed", "geprüft")),
            None => tr(lang, "never reviewed", "nie geprüft"),
        };
        let mut line = format!(
            "• **{}** (`{}`) · {owner} · {reviewed}",
            doc.title, doc.file
        );
        if review_overdue(doc.reviewed.as_deref(), today, max_age_days) {
            overdue += 1;
            line.push_str(&format!(
                " · ⚠️ {}",
                tr(lang, "review overdue", "Prüfung überfällig")
            ));
        }
        if doc.stale {
            line.push_str(&format!(
                " · {}",
                tr(
                    lang,
                    "served from last good version",
                    "letzte fehlerfreie Fassung"
                )
            ));
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(tr(
            lang,
            "No documents are indexed.",
            "Keine Dokumente indexiert.",
        ));
    }
    let footer = match lang {
        Lang::En => format!(
            "{} documents · {overdue} overdue (reviews older than {max_age_days} days)",
            docs.len()
        ),
        Lang::De => format!(
            "{} Dokumente · {overdue} überfällig (Prüfung älter als {max_age_days} Tage)",
            docs.len()
        ),
    };
    Reply {
        content: None,
        title: format!("📚 {}", tr(lang, "Guidelines", "Richtlinien")),
        description: lines.join("\n"),
        fields: Vec::new(),
        footer: Some(footer),
        buttons: Vec::new(),
        ephemeral: true,
        color: Some(if overdue > 0 { AMBER } else { BLUE }),
    }
}

/// How to ask, what the bot can and can't do, whom to contact.
pub fn render_help(contact: &str, lang: Lang) -> Reply {
    let description = match lang {
        Lang::En => format!(
            "Ask me whether you may post something, e.g. `/ask question: May I post a photo \
             from the team event?` You can also mention me or send me a direct message.\n\n\
             **What I do:** I quote the company's social-media guidelines word for word, with \
             the file and lines they come from, and say whether they allow it (✅ allowed, \
             ❌ not allowed, ⚠️ needs approval, 🔶 allowed under conditions).\n\
             **What I don't do:** I don't judge beyond the guidelines, and I don't see your \
             draft unless you paste it. `/ask` answers only you unless you set `public: true`.\n\n\
             **Commands:** `/ask`, `/review` (check a draft post against every rule it \
             touches, privately), `/guidelines` (the documents and their review dates), \
             `/help`, `/reindex` (admins: re-read the guidelines).\n\n\
             When the guidelines don't cover your question, ask {contact}."
        ),
        Lang::De => format!(
            "Frag mich, ob du etwas posten darfst, z. B. `/ask question: Darf ich ein Foto vom \
             Teamevent posten?` Du kannst mich auch erwähnen oder mir eine Direktnachricht \
             schreiben.\n\n\
             **Was ich tue:** Ich zitiere die Social-Media-Richtlinien des Unternehmens wörtlich, \
             mit Datei und Zeilen, und sage, ob sie es erlauben (✅ erlaubt, ❌ nicht erlaubt, \
             ⚠️ nur mit Freigabe, 🔶 unter Bedingungen).\n\
             **Was ich nicht tue:** Ich urteile nicht über die Richtlinien hinaus und sehe \
             deinen Entwurf nur, wenn du ihn einfügst. `/ask` antwortet nur dir, außer mit \
             `public: true`.\n\n\
             **Befehle:** `/ask`, `/review` (einen Entwurf gegen alle berührten Regeln prüfen, \
             nur für dich), `/guidelines` (die Dokumente und ihre Prüfdaten), `/help`, \
             `/reindex` (Admins: Richtlinien neu einlesen).\n\n\
             Wenn die Richtlinien deine Frage nicht beantworten, frag {contact}."
        ),
    };
    Reply {
        title: format!(
            "❓ {}",
            tr(lang, "How to use guidebot", "So nutzt du guidebot")
        ),
        description,
        ephemeral: true,
        color: Some(BLUE),
        ..Reply::default()
    }
}

impl Reply {
    /// The reply as plain text, for terminals and logs: title, description, fields, footer.
    pub fn to_plain_text(&self) -> String {
        let mut parts = Vec::new();
        if let Some(content) = self.content.as_deref().filter(|c| !c.is_empty()) {
            parts.push(content.to_string());
        }
        if !self.title.is_empty() {
            parts.push(self.title.clone());
        }
        if !self.description.is_empty() {
            parts.push(self.description.clone());
        }
        for field in &self.fields {
            parts.push(format!("## {}\n{}", field.name, field.full_value()));
        }
        if let Some(footer) = self.footer.as_deref() {
            parts.push(format!("— {footer}"));
        }
        parts.join("\n\n")
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn passage(file: &str, heading: &str, lines: (usize, usize), text: &str) -> Passage {
        Passage {
            file: file.into(),
            title: "Social-Media-Richtlinie".into(),
            heading_path: vec!["Social-Media-Richtlinie".into(), heading.into()],
            anchor: heading.to_lowercase(),
            line_start: lines.0,
            line_end: lines.1,
            score: 1.0,
            text: text.into(),
            verdict: Some(Verdict::NeedsApproval),
            verdict_sentence: None,
            section_line_start: lines.0,
            section_line_end: lines.1,
            stale: false,
        }
    }

    pub(crate) fn answer(lang: Lang, verdict: Option<Verdict>, n: usize, more: usize) -> Answer {
        let make = |i: usize| {
            passage(
                "de/social-media-richtlinie.md",
                &format!("Abschnitt {i}"),
                (10 * i + 1, 10 * i + 4),
                &format!("Fotos von Kolleginnen nur mit Einwilligung. ({i})"),
            )
        };
        Answer {
            question: "Darf ich Fotos von Kollegen posten?".into(),
            abstained: false,
            verdict,
            passages: (0..n).map(make).collect(),
            lang,
            contact: "Team Kommunikation".into(),
            more: (n..n + more).map(make).collect(),
        }
    }

    fn ctx(config: &Config) -> AnswerContext<'_> {
        AnswerContext {
            config,
            built_at: time::macros::datetime!(2024-05-01 09:30 UTC),
            answer_id: Some("abc1"),
            truncated_from: None,
        }
    }

    #[test]
    fn verdict_line_comes_first_in_the_question_language() {
        let config = Config::default();
        let de = render_answer(
            &answer(Lang::De, Some(Verdict::NeedsApproval), 2, 0),
            &ctx(&config),
        );
        assert_eq!(de.title, "⚠️ Nur mit Freigabe");
        assert!(de.to_plain_text().starts_with("⚠️ Nur mit Freigabe"));
        let en = render_answer(
            &answer(Lang::En, Some(Verdict::Allowed), 1, 0),
            &ctx(&config),
        );
        assert_eq!(en.title, "✅ Allowed");
        let none = render_answer(&answer(Lang::En, None, 1, 0), &ctx(&config));
        assert!(none.title.starts_with("ℹ️ "));
    }

    #[test]
    fn passages_become_fields_with_citations() {
        let config = Config::default();
        let reply = render_answer(
            &answer(Lang::De, Some(Verdict::Allowed), 5, 0),
            &ctx(&config),
        );
        assert_eq!(reply.fields.len(), PAGE_SIZE);
        let field = &reply.fields[0];
        assert_eq!(field.name, "Social-Media-Richtlinie › Abschnitt 0");
        assert!(field.value.starts_with("> Fotos von Kolleginnen"));
        assert_eq!(
            field.citation.as_deref(),
            Some("`de/social-media-richtlinie.md:1-4`")
        );
        assert_eq!(
            reply.footer.as_deref(),
            Some("Index erstellt 2024-05-01 09:30 UTC · guidebot")
        );
    }

    #[test]
    fn citations_link_to_the_source_when_configured() {
        let config = Config {
            source_url: Some("https://git.example/handbook/tree/main/guidelines".into()),
            ..Config::default()
        };
        let reply = render_answer(
            &answer(Lang::En, Some(Verdict::Allowed), 1, 0),
            &ctx(&config),
        );
        assert_eq!(
            reply.fields[0].citation.as_deref(),
            Some(
                "[de/social-media-richtlinie.md:1-4](https://git.example/handbook/tree/main/guidelines/de/social-media-richtlinie.md#L1-L4)"
            )
        );
    }

    #[test]
    fn abstaining_names_the_contact() {
        let config = Config::default();
        let mut a = answer(Lang::En, None, 0, 0);
        a.abstained = true;
        a.contact = "comms@example.com".into();
        let reply = render_answer(&a, &ctx(&config));
        assert_eq!(reply.title, "ℹ️ Not covered by the guidelines");
        assert!(reply.description.contains("don't cover"));
        assert!(reply.description.contains("comms@example.com"));
        assert!(reply.fields.is_empty());
    }

    #[test]
    fn buttons_vote_and_page() {
        let config = Config::default();
        let reply = render_answer(
            &answer(Lang::En, Some(Verdict::Allowed), 3, 4),
            &ctx(&config),
        );
        let ids: Vec<&str> = reply.buttons.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["gb:up:abc1", "gb:down:abc1", "gb:more:abc1:0"]);
        let no_more = render_answer(
            &answer(Lang::En, Some(Verdict::Allowed), 3, 0),
            &ctx(&config),
        );
        assert_eq!(no_more.buttons.len(), 2);

        let a = answer(Lang::En, Some(Verdict::Allowed), 3, 4);
        let page = render_more(&a, 0, &ctx(&config));
        assert_eq!(page.fields.len(), 3);
        assert_eq!(page.buttons.len(), 1);
        assert_eq!(page.buttons[0].id, "gb:more:abc1:3");
        let last = render_more(&a, 3, &ctx(&config));
        assert_eq!(last.fields.len(), 1);
        assert!(last.buttons.is_empty());
        let beyond = render_more(&a, 9, &ctx(&config));
        assert!(beyond.fields.is_empty());
        assert!(beyond.description.contains("no further"));
    }

    #[test]
    fn button_ids_round_trip_and_reject_strangers() {
        for action in [
            ButtonAction::Vote {
                answer_id: "a1".into(),
                up: true,
            },
            ButtonAction::Vote {
                answer_id: "a1".into(),
                up: false,
            },
            ButtonAction::More {
                answer_id: "a1".into(),
                offset: 6,
            },
        ] {
            assert_eq!(ButtonAction::parse(&action.id()), Some(action));
        }
        for stranger in [
            "",
            "up:a1",
            "gb:",
            "gb:up:",
            "gb:more:a1",
            "gb:more:a1:x",
            "gb:up:a b",
            "gb:zap:a1",
        ] {
            assert_eq!(ButtonAction::parse(stranger), None, "{stranger}");
        }
    }

    #[test]
    fn long_question_note() {
        let config = Config::default();
        let mut c = ctx(&config);
        c.truncated_from = Some(6000);
        let reply = render_answer(&answer(Lang::En, Some(Verdict::Allowed), 1, 0), &c);
        assert!(reply.description.contains("6000 characters"));
        assert!(reply.description.contains("first 1000"));
    }

    #[test]
    fn overdue_reviews_are_flagged() {
        let today = time::macros::date!(2025 - 06 - 01);
        assert!(!review_overdue(Some("2025-01-01"), today, 365));
        assert!(review_overdue(Some("2023-01-01"), today, 365));
        assert!(review_overdue(None, today, 365));
        assert!(review_overdue(Some("someday"), today, 365));
        let docs = vec![
            DocumentInfo {
                file: "de/a.md".into(),
                title: "A".into(),
                lang: Lang::De,
                owner: Some("Comms".into()),
                reviewed: Some("2023-01-01".into()),
                sections: 3,
                stale: false,
            },
            DocumentInfo {
                file: "en/b.md".into(),
                title: "B".into(),
                lang: Lang::En,
                owner: None,
                reviewed: Some("2025-05-01".into()),
                sections: 2,
                stale: false,
            },
        ];
        let reply = render_documents(&docs, today, 365, Lang::En);
        let lines: Vec<&str> = reply.description.lines().collect();
        assert!(lines[0].contains("Comms") && lines[0].contains("overdue"));
        assert!(!lines[1].contains("overdue"));
        assert!(reply.footer.unwrap().contains("1 overdue"));
    }

    #[test]
    fn reindex_report_lists_changes_and_errors() {
        let report = ReindexReport {
            documents: 11,
            sections: 80,
            added: vec!["en/new.md".into()],
            changed: vec![],
            removed: vec!["en/old.md".into()],
            errors: vec![crate::engine::FileError {
                file: "de/kaputt.md".into(),
                reason: "broken front matter".into(),
            }],
            stale: vec![],
            duration: std::time::Duration::from_millis(1250),
        };
        let reply = render_reindex(&report, Lang::En);
        assert!(reply.title.contains("errors"));
        assert!(reply.description.contains("**11** documents"));
        assert!(reply.description.contains("1.25 s"));
        let text = reply.to_plain_text();
        assert!(text.contains("Added (1)") && text.contains("`en/new.md`"));
        assert!(text.contains("Removed (1)"));
        assert!(text.contains("`de/kaputt.md`: broken front matter"));
    }

    #[test]
    fn help_names_the_contact() {
        let reply = render_help("comms@example.com", Lang::De);
        assert!(reply.description.contains("comms@example.com"));
        assert!(reply.description.contains("/reindex"));
    }
}
