//! Rendering a draft review ([`crate::review::Review`]) into a chat-neutral [`Reply`],
//! like an answer: the overall verdict line first, then one field per finding with the
//! draft's sentence, the verdict for it, and the first passage's quote and citation.

use time::OffsetDateTime;

use super::reply::{passage_field, tr, Field, Reply};
use crate::config::Config;
use crate::lang::Lang;
use crate::review::Review;

const GREEN: u32 = 0x2e_cc_71;
const BLUE: u32 = 0x34_98_db;

/// How many findings one reply shows (Discord allows 25 fields; keep it readable).
pub const MAX_FINDINGS: usize = 10;

/// The overall verdict line of a review.
pub fn review_verdict_line(review: &Review) -> String {
    let lang = review.lang;
    if review.findings.is_empty() {
        return format!(
            "✅ {}",
            tr(
                lang,
                "All clear: your draft touches none of the rules checked",
                "Keine Auffälligkeiten: Dein Entwurf berührt keine der geprüften Regeln"
            )
        );
    }
    match review.verdict {
        Some(v) => format!("{} {}", v.emoji(), v.label(lang)),
        None => format!(
            "ℹ️ {}",
            tr(
                lang,
                "No clear verdict: these rules apply to your draft",
                "Kein eindeutiges Urteil: Diese Regeln betreffen deinen Entwurf"
            )
        ),
    }
}

/// Renders a review: verdict line as title, one field per finding (excerpt, verdict,
/// quoted passage, citation), the kinds checked without findings, the index date.
pub fn render_review(review: &Review, config: &Config, built_at: OffsetDateTime) -> Reply {
    let lang = review.lang;
    let mut fields = Vec::new();
    for finding in review.findings.iter().take(MAX_FINDINGS) {
        let verdict = finding.verdict.map_or_else(
            || {
                format!(
                    "ℹ️ {}",
                    tr(lang, "no clear verdict", "kein eindeutiges Urteil")
                )
            },
            |v| format!("{} {}", v.emoji(), v.label(lang)),
        );
        let mut value = format!("„{}“ → {}", finding.excerpt.trim(), verdict);
        let mut citation = None;
        if let Some(passage) = finding.passages.first() {
            let field: Field = passage_field(passage, config, lang);
            value.push_str(&format!("\n**{}**", field.name));
            if !field.value.is_empty() {
                value.push('\n');
                value.push_str(&field.value);
            }
            let mut cites: Vec<String> = field.citation.into_iter().collect();
            for more in finding.passages.iter().skip(1) {
                if let Some(c) = passage_field(more, config, lang).citation {
                    cites.push(c);
                }
            }
            citation = Some(cites.join(" · "));
        }
        fields.push(Field {
            name: finding.kind.label(lang).to_string(),
            value,
            citation,
        });
    }
    let mut notes = Vec::new();
    let others: Vec<&str> = review
        .unremarkable_kinds()
        .into_iter()
        .map(|k| k.label(lang))
        .collect();
    if review.findings.is_empty() {
        notes.push(format!(
            "{}: {}.",
            tr(lang, "Checked", "Geprüft"),
            others.join(", ")
        ));
    } else if !others.is_empty() {
        notes.push(format!(
            "{}: {}.",
            tr(
                lang,
                "Also checked, nothing found",
                "Außerdem geprüft, unauffällig"
            ),
            others.join(", ")
        ));
    }
    if review.findings.len() > MAX_FINDINGS {
        notes.push(match lang {
            Lang::En => format!(
                "_Showing {MAX_FINDINGS} of {} findings._",
                review.findings.len()
            ),
            Lang::De => format!(
                "_{MAX_FINDINGS} von {} Funden gezeigt._",
                review.findings.len()
            ),
        });
    }
    notes.push(match lang {
        Lang::En => format!("If in doubt, ask {}.", review.contact),
        Lang::De => format!("Im Zweifel frag {}.", review.contact),
    });
    Reply {
        content: None,
        title: review_verdict_line(review),
        description: notes.join("\n\n"),
        fields,
        footer: Some(format!(
            "{} {} · guidebot",
            tr(lang, "Index built", "Index erstellt"),
            super::reply::format_timestamp(built_at)
        )),
        buttons: Vec::new(),
        ephemeral: true,
        color: Some(match (review.findings.is_empty(), review.verdict) {
            (true, _) => GREEN,
            (false, None) => BLUE,
            (false, Some(v)) => super::reply::verdict_color(Some(v)),
        }),
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::answer::Verdict;
    use crate::bot::limits::{fit, Limits};
    use crate::bot::reply::tests::passage;
    use crate::review::{Finding, Kind, ALL_KINDS};

    pub(crate) fn review(findings: usize, excerpt_len: usize) -> Review {
        let kinds = ALL_KINDS;
        let findings: Vec<Finding> = (0..findings)
            .map(|i| Finding {
                excerpt: format!("Tolles Foto vom Sommerfest {}", "x".repeat(excerpt_len)),
                kind: kinds[i % kinds.len()],
                trigger: "Foto".into(),
                verdict: Some(Verdict::NeedsApproval),
                passages: vec![passage(
                    "de/social-media-richtlinie.md",
                    "Fotos",
                    (12, 20),
                    "Fotos von Kolleginnen nur mit Einwilligung.",
                )],
                only_a_photo: false,
            })
            .collect();
        Review {
            question: "Tolles Foto vom Sommerfest".into(),
            abstained: findings.is_empty(),
            verdict: (!findings.is_empty()).then_some(Verdict::NeedsApproval),
            passages: Vec::new(),
            lang: Lang::De,
            contact: "Team Kommunikation".into(),
            findings,
            checked: ALL_KINDS.to_vec(),
        }
    }

    #[test]
    fn verdict_first_then_findings_with_excerpt_and_citation() {
        let config = Config::default();
        let reply = render_review(&review(1, 0), &config, OffsetDateTime::UNIX_EPOCH);
        assert_eq!(reply.title, "⚠️ Nur mit Freigabe");
        assert!(reply.to_plain_text().starts_with("⚠️ Nur mit Freigabe"));
        assert!(reply.ephemeral);
        assert_eq!(reply.fields.len(), 1);
        let field = &reply.fields[0];
        assert!(field.value.starts_with("„Tolles Foto vom Sommerfest“ → ⚠️"));
        assert!(field.value.contains("> Fotos von Kolleginnen"));
        assert_eq!(
            field.citation.as_deref(),
            Some("`de/social-media-richtlinie.md:12-20`")
        );
        assert!(reply.description.contains("Team Kommunikation"));
    }

    #[test]
    fn all_clear_lists_what_was_checked() {
        let config = Config::default();
        let reply = render_review(&review(0, 0), &config, OffsetDateTime::UNIX_EPOCH);
        assert!(reply.title.starts_with("✅ Keine Auffälligkeiten"));
        assert!(reply.fields.is_empty());
        assert!(reply.description.contains(Kind::Logo.label(Lang::De)));
    }

    #[test]
    fn huge_reviews_fit_discord_and_keep_citations() {
        let config = Config::default();
        let reply = render_review(&review(30, 3000), &config, OffsetDateTime::UNIX_EPOCH);
        assert_eq!(reply.fields.len(), MAX_FINDINGS);
        let fitted = fit(reply, &Limits::DISCORD);
        let mut total = fitted.title.chars().count() + fitted.description.chars().count();
        for field in &fitted.fields {
            let value = field.full_value();
            assert!(value.chars().count() <= 1024);
            assert!(value.ends_with("`de/social-media-richtlinie.md:12-20`"));
            total += value.chars().count() + field.name.chars().count();
        }
        total += fitted.footer.as_deref().map_or(0, |f| f.chars().count());
        assert!(total <= 6000);
    }
}
