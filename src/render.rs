//! Plain-text rendering of answers and reports, for the terminal.

use crate::answer::Answer;
use crate::config::Config;
use crate::engine::ReindexReport;
use crate::lang::Lang;

/// The answer as a person reads it in a terminal.
pub fn answer_text(answer: &Answer, config: &Config) -> String {
    let mut out = String::new();
    if answer.abstained {
        out.push_str(&not_covered(answer.lang, &answer.contact));
        out.push('\n');
        return out;
    }
    match answer.verdict {
        Some(verdict) => out.push_str(&format!(
            "{} {}\n\n",
            verdict.emoji(),
            verdict.label(answer.lang)
        )),
        None => out.push_str(match answer.lang {
            Lang::De => "ℹ️ Kein eindeutiges Urteil – das sagen die Richtlinien dazu:\n\n",
            Lang::En => "ℹ️ No clear verdict – here is what the guidelines say:\n\n",
        }),
    }
    for (i, passage) in answer.passages.iter().enumerate() {
        out.push_str(&format!("{}. {}\n", i + 1, passage.breadcrumb()));
        for line in passage.text.lines() {
            out.push_str(&format!("   > {line}\n"));
        }
        let mut citation = format!("   {}", passage.citation());
        if let Some(verdict) = passage.verdict {
            citation.push_str(&format!(
                "  [{} {}]",
                verdict.emoji(),
                verdict.label(answer.lang)
            ));
        }
        if passage.stale {
            citation.push_str(match answer.lang {
                Lang::De => "  (Stand der letzten fehlerfreien Version)",
                Lang::En => "  (from the last good version of this file)",
            });
        }
        out.push_str(&citation);
        out.push('\n');
        if let Some(url) = config.citation_url(&passage.file, passage.line_start, passage.line_end)
        {
            out.push_str(&format!("   {url}\n"));
        }
        out.push('\n');
    }
    out
}

/// The honest "not covered" message with the contact.
pub fn not_covered(lang: Lang, contact: &str) -> String {
    match lang {
        Lang::De => {
            format!("ℹ️ Dazu sagen die Richtlinien nichts. Bitte frag direkt nach: {contact}")
        }
        Lang::En => format!("ℹ️ The guidelines don't cover this. Please ask: {contact}"),
    }
}

/// A re-index report, one fact a line.
pub fn report_text(report: &ReindexReport) -> String {
    let mut out = format!(
        "Indexed {} documents, {} sections in {} ms.\n",
        report.documents,
        report.sections,
        report.duration.as_millis()
    );
    let list = |label: &str, files: &[String]| {
        if files.is_empty() {
            String::new()
        } else {
            format!("{label}: {}\n", files.join(", "))
        }
    };
    out.push_str(&list("Added", &report.added));
    out.push_str(&list("Changed", &report.changed));
    out.push_str(&list("Removed", &report.removed));
    for error in &report.errors {
        out.push_str(&format!("Error: {}\n", error.reason));
    }
    out.push_str(&list(
        "Still served from the last good version",
        &report.stale,
    ));
    out
}
