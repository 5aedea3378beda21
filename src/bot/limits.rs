//! Fitting a [`Reply`] into a chat platform's size limits, with visible truncation ("…").
//!
//! Platforms refuse oversized messages outright (serenity refuses content over 2,000
//! characters before sending, Discord answers 400 for a field value over 1,024), and a
//! refused answer is no answer. [`fit`] shortens every part to its limit, keeps citations
//! whole, and then trims the whole card to the platform's total.

use super::reply::{Field, Reply};

/// Size limits in characters (Unicode scalar values, as serenity counts them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    pub content: usize,
    pub title: usize,
    pub description: usize,
    pub field_name: usize,
    pub field_value: usize,
    pub fields: usize,
    pub footer: usize,
    /// Title, description, field names and values and footer together.
    pub total: usize,
    pub button_label: usize,
}

impl Limits {
    /// Discord's message and embed limits.
    pub const DISCORD: Limits = Limits {
        content: 2000,
        title: 256,
        description: 4096,
        field_name: 256,
        field_value: 1024,
        fields: 25,
        footer: 2048,
        total: 6000,
        button_label: 80,
    };
}

const ELLIPSIS: char = '…';
/// What a field value or description keeps at least before whole fields are dropped.
const MIN_KEEP: usize = 80;

fn len(s: &str) -> usize {
    s.chars().count()
}

/// `s` cut to at most `max` characters, ending in "…" when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if len(s) <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out: String = s.chars().take(max - 1).collect();
    let trimmed = out.trim_end().len();
    out.truncate(trimmed);
    out.push(ELLIPSIS);
    out
}

/// Cuts a field's value so that value + citation fit in `max`; the citation stays whole
/// unless it alone is too long.
fn fit_field_value(field: &mut Field, max: usize) {
    match &field.citation {
        Some(citation) => {
            let citation_len = len(citation);
            if citation_len + 1 >= max {
                field.value.clear();
                field.citation = Some(truncate(citation, max));
            } else if !field.value.is_empty() {
                field.value = truncate(&field.value, max - citation_len - 1);
            }
        }
        None => field.value = truncate(&field.value, max),
    }
}

fn field_len(field: &Field) -> usize {
    len(&field.name) + len(&field.full_value())
}

/// The characters that count towards [`Limits::total`].
pub fn total_len(reply: &Reply) -> usize {
    len(&reply.title)
        + len(&reply.description)
        + reply.fields.iter().map(field_len).sum::<usize>()
        + reply.footer.as_deref().map_or(0, len)
}

/// Returns `reply` cut to `limits`; everything cut ends in "…".
pub fn fit(mut reply: Reply, limits: &Limits) -> Reply {
    reply.content = reply.content.map(|c| truncate(&c, limits.content));
    reply.title = truncate(&reply.title, limits.title);
    reply.description = truncate(&reply.description, limits.description);
    reply.footer = reply.footer.map(|f| truncate(&f, limits.footer));
    if reply.fields.len() > limits.fields {
        let hidden = reply.fields.len() - (limits.fields.saturating_sub(1));
        reply.fields.truncate(limits.fields.saturating_sub(1));
        if limits.fields > 0 {
            reply.fields.push(Field {
                name: ELLIPSIS.to_string(),
                value: format!("(+{hidden})"),
                citation: None,
            });
        }
    }
    for field in &mut reply.fields {
        field.name = truncate(field.name.trim(), limits.field_name);
        if field.name.is_empty() {
            field.name = ELLIPSIS.to_string();
        }
        fit_field_value(field, limits.field_value);
        if field.full_value().trim().is_empty() {
            field.value = ELLIPSIS.to_string();
        }
    }
    for button in &mut reply.buttons {
        button.label = truncate(&button.label, limits.button_label);
    }
    shrink_to_total(&mut reply, limits);
    reply
}

fn shrink_to_total(reply: &mut Reply, limits: &Limits) {
    let mut excess = total_len(reply).saturating_sub(limits.total);
    if excess == 0 {
        return;
    }
    // 1. Shorten quotes, last field first, down to MIN_KEEP each.
    for field in reply.fields.iter_mut().rev() {
        if excess == 0 {
            break;
        }
        let before = field_len(field);
        let value_len = len(&field.value);
        if value_len > MIN_KEEP {
            let keep = value_len - excess.min(value_len - MIN_KEEP);
            field.value = truncate(&field.value, keep);
            excess = excess.saturating_sub(before - field_len(field));
        }
    }
    // 2. Shorten the description down to MIN_KEEP.
    let description_len = len(&reply.description);
    if excess > 0 && description_len > MIN_KEEP {
        let keep = description_len - excess.min(description_len - MIN_KEEP);
        reply.description = truncate(&reply.description, keep);
        excess = total_len(reply).saturating_sub(limits.total);
    }
    // 3. Drop whole fields from the end.
    while excess > 0 && !reply.fields.is_empty() {
        reply.fields.pop();
        excess = total_len(reply).saturating_sub(limits.total);
    }
    // 4. Whatever is left: description, footer, title.
    if excess > 0 {
        let keep = len(&reply.description).saturating_sub(excess);
        reply.description = truncate(&reply.description, keep);
        excess = total_len(reply).saturating_sub(limits.total);
    }
    if excess > 0 {
        if let Some(footer) = &reply.footer {
            let keep = len(footer).saturating_sub(excess);
            reply.footer = Some(truncate(footer, keep)).filter(|f| !f.is_empty());
        }
        excess = total_len(reply).saturating_sub(limits.total);
    }
    if excess > 0 {
        let keep = len(&reply.title).saturating_sub(excess);
        reply.title = truncate(&reply.title, keep);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bot::reply::Button;

    fn check_within(reply: &Reply, limits: &Limits) {
        assert!(reply.content.as_deref().map_or(0, len) <= limits.content);
        assert!(len(&reply.title) <= limits.title);
        assert!(len(&reply.description) <= limits.description);
        assert!(reply.fields.len() <= limits.fields);
        for field in &reply.fields {
            assert!(!field.name.is_empty() && len(&field.name) <= limits.field_name);
            let value = field.full_value();
            assert!(!value.is_empty() && len(&value) <= limits.field_value);
        }
        assert!(reply.footer.as_deref().map_or(0, len) <= limits.footer);
        assert!(
            total_len(reply) <= limits.total,
            "total {}",
            total_len(reply)
        );
    }

    #[test]
    fn truncation_is_visible_and_char_safe() {
        assert_eq!(truncate("short", 10), "short");
        assert_eq!(truncate("abcdef", 4), "abc…");
        assert_eq!(truncate("ab   cdef", 4), "ab…");
        assert_eq!(truncate("äöüäöü", 3), "äö…");
        assert_eq!(truncate("x", 0), "");
        assert_eq!(len(&truncate(&"🔶".repeat(50), 10)), 10);
    }

    #[test]
    fn small_replies_are_untouched() {
        let reply = Reply {
            title: "✅ Allowed".into(),
            description: "fine".into(),
            fields: vec![Field {
                name: "A › B".into(),
                value: "> quote".into(),
                citation: Some("`a.md:1-2`".into()),
            }],
            footer: Some("Index built".into()),
            ..Reply::default()
        };
        assert_eq!(fit(reply.clone(), &Limits::DISCORD), reply);
    }

    #[test]
    fn every_part_is_cut_to_discord_limits() {
        let huge = "@everyone ".repeat(1000);
        let reply = Reply {
            content: Some(huge.clone()),
            title: huge.clone(),
            description: huge.clone(),
            fields: (0..40)
                .map(|i| Field {
                    name: format!("{i} {huge}"),
                    value: huge.clone(),
                    citation: Some(format!("`de/datei-{i}.md:10-20`")),
                })
                .collect(),
            footer: Some(huge.clone()),
            buttons: vec![Button {
                id: "gb:up:1".into(),
                label: huge.clone(),
                emoji: None,
            }],
            ephemeral: true,
            color: None,
        };
        let limits = Limits::DISCORD;
        let fitted = fit(reply, &limits);
        check_within(&fitted, &limits);
        assert!(fitted.title.ends_with('…'));
        assert!(fitted.description.ends_with('…'));
        assert!(len(&fitted.buttons[0].label) <= 80);
        // Citations of the fields that remain are whole.
        for field in &fitted.fields {
            if let Some(citation) = &field.citation {
                assert!(citation.ends_with("-20`"), "{citation}");
            }
        }
    }

    #[test]
    fn field_value_keeps_its_citation() {
        let reply = Reply {
            title: "t".into(),
            fields: vec![Field {
                name: "n".into(),
                value: "> ".to_string() + &"x".repeat(3000),
                citation: Some("[a.md:1-9](https://example.com/a.md#L1-L9)".into()),
            }],
            ..Reply::default()
        };
        let fitted = fit(reply, &Limits::DISCORD);
        let value = fitted.fields[0].full_value();
        assert_eq!(len(&value), 1024);
        assert!(value.ends_with("…\n[a.md:1-9](https://example.com/a.md#L1-L9)"));
    }

    #[test]
    fn total_is_enforced_by_shortening_quotes_first() {
        // 3 full fields (~3 × 1030) + a 4000-character description exceed 6000.
        let reply = Reply {
            title: "✅ Allowed".into(),
            description: "d".repeat(4000),
            fields: (0..3)
                .map(|i| Field {
                    name: format!("Field {i}"),
                    value: "q".repeat(2000),
                    citation: Some("`a.md:1-2`".into()),
                })
                .collect(),
            footer: Some("Index built".into()),
            ..Reply::default()
        };
        let fitted = fit(reply, &Limits::DISCORD);
        check_within(&fitted, &Limits::DISCORD);
        assert_eq!(fitted.fields.len(), 3);
        assert!(fitted.fields[2].value.ends_with('…'));
        assert_eq!(len(&fitted.description), 4000);
    }

    #[test]
    fn tiny_limits_still_terminate_within_bounds() {
        let limits = Limits {
            content: 5,
            title: 5,
            description: 5,
            field_name: 5,
            field_value: 5,
            fields: 1,
            footer: 5,
            total: 12,
            button_label: 3,
        };
        let reply = Reply {
            title: "a".repeat(50),
            description: "b".repeat(50),
            fields: vec![
                Field {
                    name: "c".repeat(50),
                    value: "d".repeat(50),
                    citation: Some("`citation.md:1-2`".into()),
                };
                3
            ],
            footer: Some("e".repeat(50)),
            ..Reply::default()
        };
        let fitted = fit(reply, &limits);
        check_within(&fitted, &limits);
    }
}
