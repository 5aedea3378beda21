//! `guidebot check`: a fast lint for the people who write the guidelines. It needs no
//! index and reads every file once, reusing the parsers the index is built with, so what
//! it reports is what guidebot would stumble over.
//!
//! Errors are problems that make guidebot skip a file or misread a rule (broken front
//! matter, a misspelled rule marker, a dead link); warnings are things to tidy (an overdue
//! review, an empty section, a duplicate heading).

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use pulldown_cmark::{Event, LinkType, Parser, Tag};
use serde::Serialize;

use crate::analysis::edit_distance;
use crate::answer::Verdict;
use crate::config::Config;
use crate::document;
use crate::front_matter::{self, RawFrontMatter, Syntax};
use crate::lang::Lang;
use crate::section::{self, LineIndex, ParsedSection};
use crate::synonyms::{self, Synonyms};
use crate::verdict::{EMOJI_MARKERS, MARKERS};

/// How bad a finding is: errors fail `guidebot check` (exit 1), warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl std::fmt::Display for Severity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One problem in one file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// Path relative to the guidelines folder, `/`-separated.
    pub file: String,
    /// 1-based line; 0 when the finding is about the file or folder as a whole.
    pub line: usize,
    pub severity: Severity,
    pub message: String,
}

/// Front matter fields guidebot reads; anything else is probably a typo.
const KNOWN_FIELDS: &[&str] = &["title", "lang", "language", "owner", "reviewed", "tags"];
const REQUIRED_FIELDS: &[&str] = &["title", "lang", "owner", "reviewed"];

/// Bold labels that look like a marker to edit distance but are ordinary words.
const NOT_MARKERS: &[&str] = &[
    "verbote", "dos", "do's", "don'ts", "donts", "don’ts", "note",
];

/// Lints the guidelines folder. Never fails: an unreadable folder is a finding too.
pub fn check(guidelines: &Path, config: &Config, today: time::Date) -> Vec<Finding> {
    let mut findings = Vec::new();
    match document::discover(guidelines) {
        Ok(files) => {
            if files.is_empty() {
                findings.push(Finding {
                    file: ".".into(),
                    line: 0,
                    severity: Severity::Warning,
                    message: format!(
                        "no guideline files (*.md) in {}; README files are not guidelines",
                        guidelines.display()
                    ),
                });
            }
            let mut anchors = AnchorCache::default();
            for file in &files {
                let mut lint = FileLint {
                    root: guidelines,
                    file,
                    config,
                    today,
                    findings: Vec::new(),
                };
                lint.run(&mut anchors);
                findings.extend(lint.findings);
            }
        }
        Err(error) => findings.push(Finding {
            file: guidelines.display().to_string(),
            line: 0,
            severity: Severity::Error,
            message: error.to_string(),
        }),
    }
    check_synonyms(guidelines, &mut findings);
    findings.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    findings
}

/// One finding a line: `file:line: error|warning: message`.
pub fn render_text(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        if f.line == 0 {
            out.push_str(&format!("{}: {}: {}\n", f.file, f.severity, f.message));
        } else {
            out.push_str(&format!(
                "{}:{}: {}: {}\n",
                f.file, f.line, f.severity, f.message
            ));
        }
    }
    out
}

fn check_synonyms(guidelines: &Path, findings: &mut Vec<Finding>) {
    let path = guidelines.join(synonyms::FILE_NAME);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return,
        Err(e) => {
            findings.push(error(synonyms::FILE_NAME, 0, e.to_string()));
            return;
        }
    };
    let text = match std::str::from_utf8(&bytes) {
        Ok(text) => text,
        Err(e) => {
            findings.push(not_utf8(synonyms::FILE_NAME, &bytes, &e));
            return;
        }
    };
    if let Err(problems) = Synonyms::parse(text) {
        for problem in problems {
            findings.push(error(synonyms::FILE_NAME, problem.line, problem.message));
        }
    }
}

fn error(file: &str, line: usize, message: impl Into<String>) -> Finding {
    Finding {
        file: file.to_string(),
        line,
        severity: Severity::Error,
        message: message.into(),
    }
}

fn not_utf8(file: &str, bytes: &[u8], e: &std::str::Utf8Error) -> Finding {
    let line = bytes[..e.valid_up_to()]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1;
    error(
        file,
        line,
        format!(
            "not valid UTF-8 (first bad byte at offset {}); save the file as UTF-8",
            e.valid_up_to()
        ),
    )
}

/// Section anchors of link targets, parsed once per file.
#[derive(Default)]
struct AnchorCache {
    by_path: HashMap<PathBuf, Option<HashSet<String>>>,
}

impl AnchorCache {
    /// The anchors of a markdown file, or `None` when it cannot be read as markdown.
    fn anchors(&mut self, path: &Path, max_bytes: u64) -> Option<&HashSet<String>> {
        self.by_path
            .entry(path.to_path_buf())
            .or_insert_with(|| {
                let meta = std::fs::metadata(path).ok()?;
                if meta.len() > max_bytes {
                    return None;
                }
                let bytes = std::fs::read(path).ok()?;
                let text = std::str::from_utf8(&bytes).ok()?;
                let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                let body_start = front_matter::split(text).ok()?.map_or(0, |r| r.body_start);
                Some(
                    section::parse_sections(text, body_start)
                        .into_iter()
                        .map(|s| s.anchor)
                        .collect(),
                )
            })
            .as_ref()
    }
}

/// The checks of one guideline file.
struct FileLint<'a> {
    root: &'a Path,
    file: &'a str,
    config: &'a Config,
    today: time::Date,
    findings: Vec<Finding>,
}

impl FileLint<'_> {
    fn push(&mut self, line: usize, severity: Severity, message: impl Into<String>) {
        self.findings.push(Finding {
            file: self.file.to_string(),
            line,
            severity,
            message: message.into(),
        });
    }

    fn run(&mut self, anchors: &mut AnchorCache) {
        let bytes = match document::read_guideline(self.root, self.file, self.config.max_file_bytes)
        {
            Ok(bytes) => bytes,
            Err(e) => {
                let message = match e {
                    crate::Error::UnreadableFile { reason, .. } => reason,
                    other => other.to_string(),
                };
                self.push(0, Severity::Error, message);
                return;
            }
        };
        let text = match std::str::from_utf8(&bytes) {
            Ok(text) => text,
            Err(e) => {
                self.findings.push(not_utf8(self.file, &bytes, &e));
                return;
            }
        };
        // A byte-order mark changes no line numbers; the parsers skip it too.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let body_start = match front_matter::split(text) {
            Ok(Some(raw)) => {
                self.front_matter(&raw);
                raw.body_start
            }
            Ok(None) => {
                self.push(
                    1,
                    Severity::Error,
                    "no front matter: start the file with a `---` block giving title, lang, owner and reviewed",
                );
                0
            }
            Err(e) => {
                self.push(
                    e.line,
                    Severity::Error,
                    format!("broken front matter: {}", e.reason),
                );
                return;
            }
        };
        let sections = section::parse_sections(text, body_start);
        self.sections(text, &sections);
        self.markers(text, body_start);
        self.links(text, body_start, anchors);
    }

    fn front_matter(&mut self, raw: &RawFrontMatter<'_>) {
        let field_line = |key: &str| field_line(raw, key);
        let meta = match front_matter::parse(raw) {
            Ok(meta) => meta,
            Err(e) => {
                // Type errors name the field (`title` must be text …): point at its line.
                let line = KNOWN_FIELDS
                    .iter()
                    .find(|k| e.reason.contains(&format!("`{k}`")))
                    .and_then(|k| field_line(k))
                    .unwrap_or(e.line);
                self.push(
                    line,
                    Severity::Error,
                    format!("broken front matter: {}", e.reason),
                );
                return;
            }
        };
        for key in raw_keys(raw) {
            if KNOWN_FIELDS.contains(&key.as_str()) {
                continue;
            }
            let suggestion = KNOWN_FIELDS
                .iter()
                .find(|k| edit_distance(&key.to_lowercase(), k, 2).is_some())
                .map(|k| format!("; did you mean `{k}`?"))
                .unwrap_or_default();
            let line = field_line(&key).unwrap_or(2);
            self.push(
                line,
                Severity::Warning,
                format!("unknown front matter field `{key}`{suggestion}"),
            );
        }
        let values = [
            ("title", &meta.title),
            ("lang", &meta.lang),
            ("owner", &meta.owner),
            ("reviewed", &meta.reviewed),
        ];
        for (key, value) in values {
            debug_assert!(REQUIRED_FIELDS.contains(&key));
            match value {
                None => self.push(
                    1,
                    Severity::Error,
                    format!("front matter lacks the required field `{key}`"),
                ),
                Some(v) if v.is_empty() => self.push(
                    field_line(key).unwrap_or(1),
                    Severity::Error,
                    format!("front matter field `{key}` is empty"),
                ),
                Some(_) => {}
            }
        }
        if let Some(lang) = meta.lang.as_deref().filter(|l| !l.is_empty()) {
            if Lang::from_tag(lang).is_none() {
                let line = field_line("lang")
                    .or_else(|| field_line("language"))
                    .unwrap_or(1);
                self.push(
                    line,
                    Severity::Error,
                    format!("unknown language `{lang}`; use `de` or `en`"),
                );
            }
        }
        if let Some(reviewed) = meta.reviewed.as_deref().filter(|r| !r.is_empty()) {
            self.reviewed(reviewed, field_line("reviewed").unwrap_or(1));
        }
    }

    fn reviewed(&mut self, reviewed: &str, line: usize) {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        let date = match time::Date::parse(reviewed, &format) {
            Ok(date) => date,
            Err(_) => {
                self.push(
                    line,
                    Severity::Error,
                    format!("`reviewed: {reviewed}` is not a date; write it as YYYY-MM-DD"),
                );
                return;
            }
        };
        if date > self.today {
            self.push(
                line,
                Severity::Error,
                format!(
                    "`reviewed: {reviewed}` is in the future (today is {})",
                    self.today
                ),
            );
            return;
        }
        let age = (self.today - date).whole_days();
        let max = i64::from(self.config.review_max_age_days);
        if age > max {
            self.push(
                line,
                Severity::Warning,
                format!(
                    "review overdue: last reviewed {reviewed}, {age} days ago (limit {max} days)"
                ),
            );
        }
    }

    fn sections(&mut self, text: &str, sections: &[ParsedSection]) {
        if sections.is_empty() {
            self.push(0, Severity::Warning, "the document has no text");
            return;
        }
        let lines: Vec<&str> = text.lines().collect();
        // Duplicate anchors: what a heading asks for (its `{#id}` or its slug), before the
        // parser makes it unique with `-1`.
        let mut seen: HashMap<String, (usize, String)> = HashMap::new();
        for s in sections.iter().filter(|s| s.level > 0) {
            let heading = s.heading_path.last().cloned().unwrap_or_default();
            let raw_line = lines.get(s.heading_line - 1).copied().unwrap_or("");
            let wanted = explicit_id(raw_line).unwrap_or_else(|| section::slug(&heading));
            match seen.get(&wanted) {
                Some((line, first)) if *first == heading => self.push(
                    s.heading_line,
                    Severity::Warning,
                    format!(
                        "duplicate heading `{heading}` (first on line {line}); links to #{wanted} reach only the first, and citations cannot tell them apart"
                    ),
                ),
                Some((line, _)) => self.push(
                    s.heading_line,
                    Severity::Warning,
                    format!(
                        "duplicate anchor #{wanted} (first used on line {line}); this heading's anchor becomes #{}",
                        s.anchor
                    ),
                ),
                None => {
                    seen.insert(wanted, (s.heading_line, heading));
                }
            }
        }
        // Empty: no text before the next heading, unless that heading is a subheading of
        // this one (a heading that only groups its subsections is fine).
        for (i, s) in sections.iter().enumerate() {
            if s.level == 0 || !s.blocks.is_empty() {
                continue;
            }
            let has_children = sections.get(i + 1).is_some_and(|next| next.level > s.level);
            if !has_children {
                let heading = s.heading_path.last().cloned().unwrap_or_default();
                self.push(
                    s.heading_line,
                    Severity::Warning,
                    format!("empty section `{heading}`: add text or remove the heading"),
                );
            }
        }
    }

    /// Bold labels at the start of a line that are almost, but not quite, a rule marker,
    /// and marker emoji that contradict their marker word.
    fn markers(&mut self, text: &str, body_start: usize) {
        let first_line = LineIndex::new(text).line_of(body_start);
        let mut fence: Option<String> = None;
        let mut in_comment = false;
        for (i, line) in text.lines().enumerate().skip(first_line - 1) {
            let number = i + 1;
            let trimmed = line.trim_start();
            if let Some(open) = &fence {
                if trimmed.starts_with(open.as_str()) {
                    fence = None;
                }
                continue;
            }
            if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                fence = Some(trimmed[..3].to_string());
                continue;
            }
            if in_comment {
                in_comment = !line.contains("-->");
                continue;
            }
            if trimmed.starts_with("<!--") && !trimmed.contains("-->") {
                in_comment = true;
                continue;
            }
            let Some(label) = bold_label(trimmed) else {
                continue;
            };
            self.check_label(number, &label);
        }
    }

    fn check_label(&mut self, line: usize, label: &Label) {
        let lower = normalize(&label.text);
        if let Some((marker, verdict)) = MARKERS.iter().find(|(m, _)| normalize(m) == lower) {
            if let Some((emoji, emoji_verdict)) = label.emoji {
                if emoji_verdict != *verdict {
                    let severity = if contradicts(emoji_verdict, *verdict) {
                        Severity::Error
                    } else {
                        Severity::Warning
                    };
                    let expected = EMOJI_MARKERS
                        .iter()
                        .find(|(_, v)| v == verdict)
                        .map_or("", |(e, _)| e);
                    self.push(
                        line,
                        severity,
                        format!(
                            "the emoji {emoji} contradicts the marker `{marker}:`; write {expected} **{marker}:**"
                        ),
                    );
                }
            }
            return;
        }
        if !label.colon || NOT_MARKERS.contains(&lower.as_str()) || lower.chars().count() < 4 {
            return;
        }
        let best = MARKERS
            .iter()
            .filter_map(|(marker, _)| {
                let target = normalize(marker);
                let chars = target.chars().count();
                if chars < 5 {
                    return None;
                }
                // A plural or inflected label ("Don'ts", "Allowed uses") is not a typo.
                if lower.starts_with(&target) {
                    return None;
                }
                let max = if chars <= 8 {
                    1
                } else if chars <= 14 {
                    2
                } else {
                    3
                };
                edit_distance(&lower, &target, max).map(|d| (d, *marker))
            })
            .min_by_key(|(d, _)| *d);
        if let Some((_, marker)) = best {
            self.push(
                line,
                Severity::Error,
                format!(
                    "misspelled rule marker `{}:`; did you mean `{marker}:`? guidebot reads no verdict from it",
                    label.text
                ),
            );
        }
    }

    fn links(&mut self, text: &str, body_start: usize, anchors: &mut AnchorCache) {
        let lines = LineIndex::new(text);
        let body = &text[body_start..];
        let parser = Parser::new_ext(body, section::markdown_options()).into_offset_iter();
        let dir = Path::new(self.file)
            .parent()
            .map(|p| self.root.join(p))
            .unwrap_or_else(|| self.root.to_path_buf());
        for (event, range) in parser {
            let (dest, kind) = match event {
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    ..
                }) if !matches!(link_type, LinkType::Autolink | LinkType::Email) => {
                    (dest_url, "link")
                }
                Event::Start(Tag::Image { dest_url, .. }) => (dest_url, "image"),
                _ => continue,
            };
            let line = lines.line_of(body_start + range.start);
            let dest = dest.trim();
            // Web links, in-page anchors and site-rooted paths (`/docs/x.pdf`, resolved
            // by a web server, not by the guidelines folder) are not checked.
            if dest.is_empty() || dest.starts_with('#') || dest.starts_with('/') || has_scheme(dest)
            {
                continue;
            }
            let (path_part, fragment) = match dest.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (dest, None),
            };
            let path_part = path_part.split('?').next().unwrap_or(path_part);
            let decoded = percent_decode(path_part);
            let target = dir.join(&decoded);
            if !target.exists() {
                self.push(
                    line,
                    Severity::Error,
                    format!("broken {kind}: `{dest}` does not exist"),
                );
                continue;
            }
            let Some(fragment) = fragment.filter(|f| !f.is_empty()) else {
                continue;
            };
            let is_markdown = decoded.to_lowercase().ends_with(".md")
                || decoded.to_lowercase().ends_with(".markdown");
            if !is_markdown || is_line_anchor(fragment) {
                continue;
            }
            let fragment = percent_decode(fragment).to_lowercase();
            if let Some(known) = anchors.anchors(&target, self.config.max_file_bytes) {
                if !known.contains(&fragment) {
                    let near = known
                        .iter()
                        .filter_map(|a| edit_distance(&fragment, a, 3).map(|d| (d, a)))
                        .min()
                        .map(|(_, a)| format!("; did you mean #{a}?"))
                        .unwrap_or_default();
                    self.push(
                        line,
                        Severity::Warning,
                        format!("broken link: `{dest}`: no heading with anchor #{fragment} in {decoded}{near}"),
                    );
                }
            }
        }
    }
}

/// A bold label at the start of a line: `- ✅ **Erlaubt:** …`.
#[derive(Debug)]
struct Label {
    emoji: Option<(&'static str, Verdict)>,
    /// The label without the bold markers and without its colon.
    text: String,
    /// The label ends with a colon (inside or right after the bold).
    colon: bool,
}

fn bold_label(line: &str) -> Option<Label> {
    let mut rest = line.trim_start();
    while let Some(after) = rest.strip_prefix('>') {
        rest = after.trim_start();
    }
    rest = strip_list_marker(rest);
    for task in ["[ ] ", "[x] ", "[X] "] {
        if let Some(after) = rest.strip_prefix(task) {
            rest = after.trim_start();
        }
    }
    let (emoji, after) = strip_emoji(rest);
    rest = after;
    let delimiter = if rest.starts_with("**") {
        "**"
    } else if rest.starts_with("__") {
        "__"
    } else {
        return None;
    };
    let inner_and_rest = &rest[2..];
    let close = inner_and_rest.find(delimiter)?;
    let inner = inner_and_rest[..close].trim();
    let after_bold = &inner_and_rest[close + 2..];
    // An emoji may also stand inside the bold: `**✅ Erlaubt:**`.
    let (inner_emoji, inner) = strip_emoji(inner);
    let emoji = emoji.or(inner_emoji);
    let (text, colon) = match inner.strip_suffix(':') {
        Some(text) => (text.trim_end(), true),
        None => (inner, after_bold.trim_start().starts_with(':')),
    };
    if text.is_empty() || text.chars().count() > 40 {
        return None;
    }
    Some(Label {
        emoji,
        text: text.to_string(),
        colon,
    })
}

fn strip_list_marker(line: &str) -> &str {
    for bullet in ["- ", "* ", "+ "] {
        if let Some(rest) = line.strip_prefix(bullet) {
            return rest.trim_start();
        }
    }
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    if digits > 0 {
        let rest = &line[digits..];
        if let Some(rest) = rest.strip_prefix(". ").or_else(|| rest.strip_prefix(") ")) {
            return rest.trim_start();
        }
    }
    line
}

fn strip_emoji(text: &str) -> (Option<(&'static str, Verdict)>, &str) {
    for (emoji, verdict) in EMOJI_MARKERS {
        if let Some(after) = text.strip_prefix(emoji) {
            let after = after.trim_start_matches('\u{fe0f}').trim_start();
            return (Some((emoji, *verdict)), after);
        }
    }
    (None, text)
}

fn normalize(label: &str) -> String {
    section::collapse_whitespace(&label.to_lowercase().replace('’', "'"))
}

/// Whether an emoji and a marker word say opposite things (not just a nuance such as
/// ✅ before "Erlaubt, wenn").
fn contradicts(a: Verdict, b: Verdict) -> bool {
    let permissive = |v: Verdict| matches!(v, Verdict::Allowed | Verdict::Conditional);
    (permissive(a) && b == Verdict::NotAllowed) || (permissive(b) && a == Verdict::NotAllowed)
}

/// The 1-based file line of a top-level front matter key.
fn field_line(raw: &RawFrontMatter<'_>, key: &str) -> Option<usize> {
    raw.content
        .lines()
        .position(|l| {
            let l = l.trim_end();
            let rest = match raw.syntax {
                Syntax::Yaml => l
                    .strip_prefix(key)
                    .map(str::trim_start)
                    .filter(|r| r.starts_with(':')),
                Syntax::Toml => l
                    .strip_prefix(key)
                    .map(str::trim_start)
                    .filter(|r| r.starts_with('=')),
            };
            rest.is_some()
        })
        // Line 1 is the opening fence.
        .map(|i| i + 2)
}

/// The top-level keys as written, for the unknown-field warning.
fn raw_keys(raw: &RawFrontMatter<'_>) -> Vec<String> {
    match raw.syntax {
        Syntax::Yaml => serde_norway::from_str::<serde_json::Value>(raw.content)
            .ok()
            .and_then(|v| v.as_object().map(|m| m.keys().cloned().collect()))
            .unwrap_or_default(),
        Syntax::Toml => raw
            .content
            .parse::<toml::Table>()
            .map(|t| t.keys().cloned().collect())
            .unwrap_or_default(),
    }
}

/// `{#id}` at the end of a heading line.
fn explicit_id(line: &str) -> Option<String> {
    let line = line.trim_end().trim_end_matches('#').trim_end();
    let inner = line.strip_suffix('}')?;
    let start = inner.rfind('{')?;
    inner[start + 1..]
        .split_whitespace()
        .find_map(|attr| attr.strip_prefix('#'))
        .map(str::to_string)
}

fn has_scheme(dest: &str) -> bool {
    match dest.split_once(':') {
        Some((scheme, _)) => {
            let mut chars = scheme.chars();
            chars.next().is_some_and(|c| c.is_ascii_alphabetic())
                && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// GitHub's line anchors (`#L12`, `#L12-L20`) are not headings.
fn is_line_anchor(fragment: &str) -> bool {
    let mut parts = fragment.splitn(2, '-');
    let is_line = |p: &str| {
        p.strip_prefix('L')
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
    };
    parts.next().is_some_and(is_line) && parts.next().is_none_or(is_line)
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = |b: u8| (b as char).to_digit(16);
            if let (Some(high), Some(low)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD_FRONT: &str =
        "---\ntitle: Fotos\nlang: de\nowner: Team K\nreviewed: 2026-05-20\n---\n";

    fn today() -> time::Date {
        time::macros::date!(2026 - 11 - 24)
    }

    /// Writes `files` into a temp folder and lints it.
    fn lint(files: &[(&str, &[u8])]) -> Vec<Finding> {
        let dir = tempfile::tempdir().unwrap();
        for (name, content) in files {
            let path = dir.path().join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, content).unwrap();
        }
        check(dir.path(), &Config::default(), today())
    }

    fn doc(body: &str) -> Vec<u8> {
        format!("{GOOD_FRONT}{body}").into_bytes()
    }

    fn messages(findings: &[Finding]) -> Vec<String> {
        findings
            .iter()
            .map(|f| format!("{}:{}: {}: {}", f.file, f.line, f.severity, f.message))
            .collect()
    }

    fn has(findings: &[Finding], line: usize, severity: Severity, needle: &str) -> bool {
        findings
            .iter()
            .any(|f| f.line == line && f.severity == severity && f.message.contains(needle))
    }

    #[test]
    fn clean_document_has_no_findings() {
        let findings = lint(&[(
            "de/a.md",
            &doc("# Fotos\n\nIntro.\n\n## Kollegen\n\n- ✅ **Erlaubt:** Fragen.\n- ❌ **Nicht erlaubt:** Ohne Frage.\n"),
        )]);
        assert!(findings.is_empty(), "{:#?}", messages(&findings));
    }

    #[test]
    fn missing_and_broken_front_matter() {
        let findings = lint(&[
            ("none.md", b"# A\n\nText.\n"),
            ("broken.md", b"---\ntitle: [a\n---\n# A\nText.\n"),
            ("unclosed.md", b"---\ntitle: A\n# A\n"),
            (
                "partial.md",
                b"---\ntitle: A\nlang: fr\nreviwed: 2026-01-01\n---\n# A\nText.\n",
            ),
        ]);
        let m = messages(&findings);
        assert!(
            has(&findings, 1, Severity::Error, "no front matter"),
            "{m:#?}"
        );
        assert!(
            findings
                .iter()
                .any(|f| f.file == "broken.md" && f.severity == Severity::Error),
            "{m:#?}"
        );
        assert!(
            findings
                .iter()
                .any(|f| f.file == "unclosed.md" && f.message.contains("never closed")),
            "{m:#?}"
        );
        let partial: Vec<_> = findings.iter().filter(|f| f.file == "partial.md").collect();
        assert!(
            partial.iter().any(|f| f.message.contains("`owner`")),
            "{m:#?}"
        );
        assert!(
            partial
                .iter()
                .any(|f| f.message.contains("`reviewed`") && f.severity == Severity::Error),
            "{m:#?}"
        );
        assert!(
            partial
                .iter()
                .any(|f| f.line == 3 && f.message.contains("unknown language `fr`")),
            "{m:#?}"
        );
        assert!(
            partial
                .iter()
                .any(|f| f.line == 4 && f.message.contains("did you mean `reviewed`")),
            "{m:#?}"
        );
    }

    #[test]
    fn wrongly_typed_field_points_at_its_line() {
        let findings = lint(&[(
            "a.md",
            b"---\nlang: de\nowner: K\ntitle: [a, b]\nreviewed: 2026-01-01\n---\n# A\nx\n",
        )]);
        assert!(
            has(&findings, 4, Severity::Error, "`title` must be text"),
            "{:#?}",
            messages(&findings)
        );
    }

    #[test]
    fn review_dates() {
        let front = |date: &str| {
            format!("---\ntitle: A\nlang: en\nowner: K\nreviewed: {date}\n---\n# A\nText.\n")
                .into_bytes()
        };
        let findings = lint(&[
            ("future.md", &front("2027-01-01")),
            ("old.md", &front("2024-01-01")),
            ("bad.md", &front("01.02.2026")),
            ("fine.md", &front("2026-11-24")),
        ]);
        let m = messages(&findings);
        assert!(
            findings.iter().any(|f| f.file == "future.md"
                && f.line == 5
                && f.severity == Severity::Error
                && f.message.contains("future")),
            "{m:#?}"
        );
        assert!(
            findings.iter().any(|f| f.file == "old.md"
                && f.severity == Severity::Warning
                && f.message.contains("overdue")),
            "{m:#?}"
        );
        assert!(
            findings.iter().any(|f| f.file == "bad.md"
                && f.severity == Severity::Error
                && f.message.contains("YYYY-MM-DD")),
            "{m:#?}"
        );
        assert!(!findings.iter().any(|f| f.file == "fine.md"), "{m:#?}");
    }

    #[test]
    fn toml_front_matter_with_date_literal() {
        let findings = lint(&[(
            "a.md",
            b"+++\ntitle = \"A\"\nlang = \"de\"\nowner = \"K\"\nreviewed = 2026-01-31\n+++\n# A\nText.\n",
        )]);
        assert!(findings.is_empty(), "{:#?}", messages(&findings));
    }

    #[test]
    fn duplicate_headings_and_anchors() {
        let findings = lint(&[(
            "a.md",
            &doc("# A\n\nx\n\n## Beispiele\n\nx\n\n## Beispiele\n\ny\n\n## Andere {#beispiele}\n\nz\n"),
        )]);
        let m = messages(&findings);
        assert!(
            has(
                &findings,
                15,
                Severity::Warning,
                "duplicate heading `Beispiele` (first on line 11)"
            ),
            "{m:#?}"
        );
        assert!(
            has(
                &findings,
                19,
                Severity::Warning,
                "duplicate anchor #beispiele"
            ),
            "{m:#?}"
        );
    }

    #[test]
    fn empty_sections_but_not_grouping_headings() {
        let findings = lint(&[(
            "a.md",
            &doc("# A\n\n## Gruppe\n\n### Eins\n\nText.\n\n## Leer\n\n<!-- todo -->\n\n## Voll\n\nText.\n\n## Ende\n"),
        )]);
        let m = messages(&findings);
        let empty: Vec<_> = findings
            .iter()
            .filter(|f| f.message.contains("empty section"))
            .collect();
        assert_eq!(empty.len(), 2, "{m:#?}");
        assert!(has(&findings, 15, Severity::Warning, "`Leer`"), "{m:#?}");
        assert!(has(&findings, 23, Severity::Warning, "`Ende`"), "{m:#?}");
    }

    #[test]
    fn misspelled_markers_and_contradicting_emoji() {
        let findings = lint(&[(
            "a.md",
            &doc(concat!(
                "# A\n\n",
                "- ✅ **Erlaub:** eins\n",          // 9
                "- ❌ **Not Alowed:** zwei\n",      // 10
                "- ⚠️ **Nur mit Freigbe:** drei\n", // 11
                "- ✅ **Nicht erlaubt:** vier\n",   // 12
                "- **Hinweis:** fünf\n",            // 13
                "- **Don'ts:** sechs\n",            // 14
                "- 🔶 **Allowed if:** sieben\n",    // 15
                "**Erlaubt**: acht\n\n",            // 16
                "```\n- **Erlaub:** code\n```\n",   // 18-20
            )),
        )]);
        let m = messages(&findings);
        assert!(
            has(&findings, 9, Severity::Error, "did you mean `Erlaubt:`"),
            "{m:#?}"
        );
        assert!(
            has(
                &findings,
                10,
                Severity::Error,
                "did you mean `Not allowed:`"
            ),
            "{m:#?}"
        );
        assert!(
            has(
                &findings,
                11,
                Severity::Error,
                "did you mean `Nur mit Freigabe:`"
            ),
            "{m:#?}"
        );
        assert!(has(&findings, 12, Severity::Error, "contradicts"), "{m:#?}");
        assert_eq!(findings.len(), 4, "{m:#?}");
    }

    #[test]
    fn links_between_guidelines() {
        let findings = lint(&[
            (
                "de/a.md",
                &doc(concat!(
                "# A\n\n",
                "[ok](b.md) [ok2](../en/c.md#photos) [web](https://x.example/nope.md) [mail](mailto:a@b)\n\n", // 9
                "[gone](freigabe.md)\n\n",           // 11
                "[bad anchor](../en/c.md#fotos)\n\n", // 13
                "[self](#whatever) [line](b.md#L3-L5) [umlaut](b.md#%C3%A4u%C3%9Ferungen)\n", // 15
            )),
            ),
            ("de/b.md", &doc("# B\n\n## Äußerungen\n\nText.\n")),
            ("en/c.md", &doc("# C\n\n## Photos\n\nText.\n")),
        ]);
        let m = messages(&findings);
        assert!(
            has(
                &findings,
                11,
                Severity::Error,
                "`freigabe.md` does not exist"
            ),
            "{m:#?}"
        );
        assert!(has(&findings, 13, Severity::Warning, "#fotos"), "{m:#?}");
        assert_eq!(findings.len(), 2, "{m:#?}");
    }

    #[test]
    fn bad_bytes_big_files_and_synonyms() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(
            dir.path().join("latin1.md"),
            b"---\ntitle: A\n---\n# Gr\xfc\xdfe\n",
        )
        .unwrap();
        std::fs::write(dir.path().join("big.md"), doc(&"Text.\n".repeat(100))).unwrap();
        std::fs::write(
            dir.path().join("synonyms.toml"),
            "[de]\nposten = \"teilen\"\n",
        )
        .unwrap();
        let config = Config {
            max_file_bytes: 200,
            ..Config::default()
        };
        let findings = check(dir.path(), &config, today());
        let m = messages(&findings);
        assert!(
            findings
                .iter()
                .any(|f| f.file == "latin1.md" && f.line == 4 && f.message.contains("UTF-8")),
            "{m:#?}"
        );
        assert!(
            findings
                .iter()
                .any(|f| f.file == "big.md" && f.message.contains("over the limit")),
            "{m:#?}"
        );
        assert!(
            findings
                .iter()
                .any(|f| f.file == "synonyms.toml" && f.line == 2 && f.severity == Severity::Error),
            "{m:#?}"
        );
    }

    #[test]
    fn missing_folder_is_a_finding_not_a_panic() {
        let findings = check(
            Path::new("/nonexistent/guidelines"),
            &Config::default(),
            today(),
        );
        assert_eq!(findings.len(), 1);
        assert_eq!(findings[0].severity, Severity::Error);
    }

    #[test]
    fn text_format() {
        let text = render_text(&[
            error("de/a.md", 3, "broken"),
            Finding {
                file: "b.md".into(),
                line: 0,
                severity: Severity::Warning,
                message: "big".into(),
            },
        ]);
        assert_eq!(text, "de/a.md:3: error: broken\nb.md: warning: big\n");
    }

    #[test]
    fn helpers() {
        assert_eq!(explicit_id("## Regeln {#rules}").as_deref(), Some("rules"));
        assert_eq!(explicit_id("## Regeln"), None);
        assert!(is_line_anchor("L3-L5") && is_line_anchor("L12") && !is_line_anchor("Lob"));
        assert_eq!(percent_decode("a%20b%C3%A4%"), "a bä%");
        assert!(has_scheme("https://x") && has_scheme("mailto:x") && !has_scheme("a.md"));
    }
}
