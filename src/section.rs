//! Markdown → sections: every heading starts a section that knows its heading path, its
//! anchor, its exact source lines and its plain text, block by block.
//!
//! Positions come from pulldown-cmark's offset iterator over the original file, so the
//! citations guidebot prints point at the lines the comms team wrote.

use pulldown_cmark::{Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use serde::{Deserialize, Serialize};

/// What kind of markdown block a piece of text came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Paragraph,
    ListItem,
    TableRow,
    Code,
    Quote,
    Html,
}

/// One block of a section's plain text with the source lines it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    pub line_start: usize,
    pub line_end: usize,
}

/// A section as parsed from markdown, before the document's metadata is attached.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedSection {
    /// Headings from the top-level one down to this section's own; empty for a file
    /// without headings.
    pub heading_path: Vec<String>,
    /// Heading level 1–6; 0 for a file without headings.
    pub level: u8,
    pub anchor: String,
    /// 1-based, inclusive, in the original file.
    pub line_start: usize,
    pub line_end: usize,
    pub blocks: Vec<Block>,
    /// 1-based line of the heading itself (equals `line_start` unless text before the
    /// first heading was folded into this section).
    pub heading_line: usize,
}

/// The parser options guidebot reads guidelines with, pinned in one place.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Maps byte offsets of a file to 1-based line numbers.
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { line_starts }
    }

    /// The line containing byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&start| start <= offset)
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

/// Splits a markdown file into sections. `body_start` is where the markdown begins
/// (after front matter); offsets and lines refer to the whole `text`.
pub fn parse_sections(text: &str, body_start: usize) -> Vec<ParsedSection> {
    let lines = LineIndex::new(text);
    let mut builder = SectionBuilder::new(text, &lines);
    let body = &text[body_start..];
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        let range = (range.start + body_start)..(range.end + body_start);
        builder.event(event, range);
    }
    builder.finish()
}

struct PendingHeading {
    level: u8,
    start: usize,
    text: String,
    explicit_id: Option<String>,
}

struct BlockBuffer {
    kind: BlockKind,
    text: String,
    start: Option<usize>,
    end: usize,
}

struct SectionBuilder<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    sections: Vec<ParsedSection>,
    /// Blocks of the current section (or of the text before the first heading).
    current: Option<ParsedSection>,
    preamble: Vec<Block>,
    stack: Vec<(u8, String)>,
    heading: Option<PendingHeading>,
    block: BlockBuffer,
    in_html_comment: bool,
    anchors_seen: std::collections::HashMap<String, usize>,
    /// Set inside a table row so cells are separated.
    cell_index: usize,
}

impl<'a> SectionBuilder<'a> {
    fn new(text: &'a str, lines: &'a LineIndex) -> Self {
        SectionBuilder {
            text,
            lines,
            sections: Vec::new(),
            current: None,
            preamble: Vec::new(),
            stack: Vec::new(),
            heading: None,
            block: BlockBuffer {
                kind: BlockKind::Paragraph,
                text: String::new(),
                start: None,
                end: 0,
            },
            in_html_comment: false,
            anchors_seen: Default::default(),
            cell_index: 0,
        }
    }

    fn event(&mut self, event: Event<'_>, range: std::ops::Range<usize>) {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                self.flush_block();
                self.heading = Some(PendingHeading {
                    level: heading_level(level),
                    start: range.start,
                    text: String::new(),
                    explicit_id: id.map(|id| id.to_string()),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.close_heading(),
            Event::Start(tag) => self.start_block(tag),
            Event::End(tag) => self.end_block(tag),
            Event::Text(text) | Event::Code(text) => self.push_text(&text, range),
            Event::InlineMath(text) | Event::DisplayMath(text) => self.push_text(&text, range),
            Event::Html(html) | Event::InlineHtml(html) => {
                let visible = strip_html(&html, &mut self.in_html_comment);
                if !visible.trim().is_empty() {
                    self.push_text(&visible, range);
                }
            }
            Event::SoftBreak | Event::HardBreak => self.push_separator(" "),
            Event::TaskListMarker(done) => {
                self.push_text(if done { "[x] " } else { "[ ] " }, range)
            }
            Event::FootnoteReference(label) => self.push_text(&format!("[{label}]"), range),
            Event::Rule => self.flush_block(),
        }
    }

    fn start_block(&mut self, tag: Tag<'_>) {
        let kind = match tag {
            Tag::Paragraph => None,
            Tag::Item => Some(BlockKind::ListItem),
            Tag::TableHead | Tag::TableRow => {
                self.cell_index = 0;
                Some(BlockKind::TableRow)
            }
            Tag::TableCell => {
                if self.cell_index > 0 {
                    self.push_separator(" | ");
                }
                self.cell_index += 1;
                return;
            }
            Tag::CodeBlock(_) => Some(BlockKind::Code),
            Tag::BlockQuote(_) => Some(BlockKind::Quote),
            Tag::HtmlBlock => Some(BlockKind::Html),
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => Some(BlockKind::Paragraph),
            _ => return,
        };
        self.flush_block();
        if let Some(kind) = kind {
            self.block.kind = kind;
        }
    }

    fn end_block(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::Item
            | TagEnd::TableHead
            | TagEnd::TableRow
            | TagEnd::CodeBlock
            | TagEnd::BlockQuote(_)
            | TagEnd::HtmlBlock
            | TagEnd::FootnoteDefinition
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => {
                // A paragraph inside a list item stays a list item.
                let kind = self.block.kind;
                self.flush_block();
                if matches!(tag, TagEnd::Paragraph) {
                    self.block.kind = kind;
                } else {
                    self.block.kind = BlockKind::Paragraph;
                }
            }
            _ => {}
        }
    }

    fn push_text(&mut self, text: &str, range: std::ops::Range<usize>) {
        if let Some(heading) = &mut self.heading {
            heading.text.push_str(text);
            return;
        }
        if self.block.start.is_none() {
            // Skip leading whitespace of the block so its first line is the text's line.
            let lead = self.text[range.clone()].len() - self.text[range.clone()].trim_start().len();
            self.block.start = Some(range.start + lead);
        }
        self.block.end = self.block.end.max(range.end);
        self.block.text.push_str(text);
    }

    fn push_separator(&mut self, separator: &str) {
        if let Some(heading) = &mut self.heading {
            heading.text.push(' ');
        } else if !self.block.text.is_empty() {
            self.block.text.push_str(separator);
        }
    }

    fn flush_block(&mut self) {
        let Some(start) = self.block.start.take() else {
            self.block.text.clear();
            return;
        };
        let raw = std::mem::take(&mut self.block.text);
        let text = if self.block.kind == BlockKind::Code {
            raw.trim_end().to_string()
        } else {
            collapse_whitespace(&raw)
        };
        if text.is_empty() {
            return;
        }
        let end = self.block.end.max(start + 1);
        let block = Block {
            kind: self.block.kind,
            text,
            line_start: self.lines.line_of(start),
            line_end: self.lines.line_of(end - 1),
        };
        match &mut self.current {
            Some(section) => section.blocks.push(block),
            None => self.preamble.push(block),
        }
    }

    fn close_heading(&mut self) {
        let Some(heading) = self.heading.take() else {
            return;
        };
        let heading_line = self.lines.line_of(heading.start);
        self.close_section(heading_line);
        let title = collapse_whitespace(&heading.text);
        while self
            .stack
            .last()
            .is_some_and(|(level, _)| *level >= heading.level)
        {
            self.stack.pop();
        }
        self.stack.push((heading.level, title.clone()));
        let anchor = self.unique_anchor(heading.explicit_id.unwrap_or_else(|| slug(&title)));
        let mut blocks = Vec::new();
        let mut line_start = heading_line;
        if self.sections.is_empty() && !self.preamble.is_empty() {
            line_start = self.preamble[0].line_start;
            blocks = std::mem::take(&mut self.preamble);
        }
        self.current = Some(ParsedSection {
            heading_path: self.stack.iter().map(|(_, t)| t.clone()).collect(),
            level: heading.level,
            anchor,
            line_start,
            line_end: heading_line,
            blocks,
            heading_line,
        });
    }

    /// Ends the current section just before `next_line` (or at the end of the file).
    fn close_section(&mut self, next_line: usize) {
        if let Some(mut section) = self.current.take() {
            section.line_end = self.last_content_line(section.heading_line, next_line);
            self.sections.push(section);
        }
    }

    fn last_content_line(&self, first: usize, next_line: usize) -> usize {
        let mut line = next_line.saturating_sub(1).max(first);
        while line > first && self.line_text(line).trim().is_empty() {
            line -= 1;
        }
        line
    }

    fn line_text(&self, line: usize) -> &str {
        self.text.lines().nth(line - 1).unwrap_or("")
    }

    fn unique_anchor(&mut self, base: String) -> String {
        let count = self.anchors_seen.entry(base.clone()).or_insert(0);
        let anchor = if *count == 0 {
            base
        } else {
            format!("{base}-{count}")
        };
        *count += 1;
        anchor
    }

    fn finish(mut self) -> Vec<ParsedSection> {
        self.flush_block();
        let end_line = self.lines.line_count() + 1;
        self.close_section(end_line);
        if self.sections.is_empty() && !self.preamble.is_empty() {
            // A file without any heading is one section.
            let blocks = std::mem::take(&mut self.preamble);
            let line_start = blocks[0].line_start;
            let line_end = self.last_content_line(line_start, end_line);
            self.sections.push(ParsedSection {
                heading_path: Vec::new(),
                level: 0,
                anchor: String::new(),
                line_start,
                line_end,
                blocks,
                heading_line: line_start,
            });
        }
        self.sections
    }
}

/// Openings of an FAQ entry's question written as a paragraph rather than a heading.
const FAQ_QUESTION_LABELS: &[&str] = &["Q:", "Q.", "Frage:", "F:"];

/// Openings of an FAQ entry's answer.
const FAQ_ANSWER_LABELS: &[&str] = &["A:", "A.", "Antwort:"];

/// The question of an FAQ entry written as a paragraph ("Q: Do we engage with hostile
/// messages?"), without its label.
fn faq_question(block: &Block) -> Option<&str> {
    if block.kind != BlockKind::Paragraph {
        return None;
    }
    let question = FAQ_QUESTION_LABELS
        .iter()
        .find_map(|label| block.text.strip_prefix(label))?
        .trim();
    (question.ends_with('?') && question.len() > 3).then_some(question)
}

fn is_faq_answer(block: &Block) -> bool {
    FAQ_ANSWER_LABELS.iter().any(|l| block.text.starts_with(l))
}

/// Splits FAQ sections whose entries are paragraphs ("Q: …?" then "A: …") into one
/// section per entry, its question as the heading: one section answering several
/// questions matches each of them poorly, and its first answer would be read as the
/// answer to all. A section counts as an FAQ when a labelled question is followed by a
/// labelled answer, or when it holds several labelled questions. Entries keep the FAQ
/// heading's anchor: the page has none of its own for them.
pub fn split_faq_entries(sections: Vec<ParsedSection>) -> Vec<ParsedSection> {
    let mut out = Vec::with_capacity(sections.len());
    for section in sections {
        let questions: Vec<usize> = (0..section.blocks.len())
            .filter(|&i| faq_question(&section.blocks[i]).is_some())
            .collect();
        let answered = questions
            .iter()
            .any(|&i| section.blocks.get(i + 1).is_some_and(is_faq_answer));
        if questions.is_empty() || (!answered && questions.len() < 2) {
            out.push(section);
            continue;
        }
        let mut parent = section;
        let entries = parent.blocks.split_off(questions[0]);
        let (heading_path, level, anchor) = (
            parent.heading_path.clone(),
            parent.level,
            parent.anchor.clone(),
        );
        parent.line_end = parent
            .blocks
            .last()
            .map_or(parent.heading_line, |last| last.line_end);
        out.push(parent);
        let mut entry: Option<ParsedSection> = None;
        for block in entries {
            if let Some(question) = faq_question(&block) {
                out.extend(entry.take());
                let mut path = heading_path.clone();
                path.push(question.to_string());
                entry = Some(ParsedSection {
                    heading_path: path,
                    level: level.saturating_add(1),
                    anchor: anchor.clone(),
                    line_start: block.line_start,
                    line_end: block.line_end,
                    blocks: Vec::new(),
                    heading_line: block.line_start,
                });
            } else if let Some(entry) = entry.as_mut() {
                entry.line_end = block.line_end;
                entry.blocks.push(block);
            }
        }
        out.extend(entry);
    }
    out
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Collapses runs of whitespace to single spaces and trims.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A heading's anchor the way GitHub and most markdown sites make it: lowercase, letters,
/// digits, `-` and `_` kept (umlauts too), spaces to `-`, everything else dropped.
pub fn slug(heading: &str) -> String {
    let mut slug = String::with_capacity(heading.len());
    for c in heading.trim().chars() {
        if c.is_alphanumeric() || c == '-' || c == '_' {
            slug.extend(c.to_lowercase());
        } else if c.is_whitespace() {
            slug.push('-');
        }
    }
    slug
}

/// Removes HTML comments and tags, keeping text between tags. `in_comment` carries an
/// open `<!--` across the separate events of a multi-line HTML block.
fn strip_html(html: &str, in_comment: &mut bool) -> String {
    let mut out = String::new();
    let mut rest = html;
    loop {
        if *in_comment {
            match rest.find("-->") {
                Some(end) => {
                    rest = &rest[end + 3..];
                    *in_comment = false;
                }
                None => return out,
            }
        }
        match (rest.find("<!--"), rest.find('<')) {
            (Some(comment), Some(tag)) if comment <= tag => {
                out.push_str(&rest[..comment]);
                rest = &rest[comment + 4..];
                *in_comment = true;
            }
            (_, Some(tag)) => {
                out.push_str(&rest[..tag]);
                match rest[tag..].find('>') {
                    Some(close) => rest = &rest[tag + close + 1..],
                    None => return out,
                }
            }
            (_, None) => {
                out.push_str(rest);
                return out;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sections(text: &str) -> Vec<ParsedSection> {
        parse_sections(text, 0)
    }

    fn texts(section: &ParsedSection) -> Vec<&str> {
        section.blocks.iter().map(|b| b.text.as_str()).collect()
    }

    #[test]
    fn nested_headings_build_paths_and_exact_lines() {
        let md = "# Guide\n\nIntro.\n\n## Photos\n\nText one.\n\n### Colleagues\n\n- Ask first.\n- Then post.\n\n## Logo\nNever.\n";
        let s = sections(md);
        assert_eq!(s.len(), 4);
        assert_eq!(s[0].heading_path, vec!["Guide"]);
        assert_eq!((s[0].line_start, s[0].line_end), (1, 3));
        assert_eq!(s[2].heading_path, vec!["Guide", "Photos", "Colleagues"]);
        assert_eq!((s[2].line_start, s[2].line_end), (9, 12));
        assert_eq!(texts(&s[2]), vec!["Ask first.", "Then post."]);
        assert_eq!(s[2].blocks[1].line_start, 12);
        assert_eq!(s[3].heading_path, vec!["Guide", "Logo"]);
        assert_eq!((s[3].line_start, s[3].line_end), (14, 15));
        assert_eq!(s[3].anchor, "logo");
    }

    #[test]
    fn faq_entries_written_as_paragraphs_become_sections() {
        let md = "## FAQ\n\nSee below.\n\nQ: Do we follow accounts?\n\nA: Yes.\n\nQ: Do we engage with trolls?\n\nA: No. Mute them.\n\nBlock only as a last resort.\n";
        let s = split_faq_entries(sections(md));
        assert_eq!(s.len(), 3);
        assert_eq!(texts(&s[0]), vec!["See below."]);
        assert_eq!((s[0].line_start, s[0].line_end), (1, 3));
        assert_eq!(s[1].heading_path, vec!["FAQ", "Do we follow accounts?"]);
        assert_eq!((s[1].line_start, s[1].line_end), (5, 7));
        assert_eq!(s[2].heading_path, vec!["FAQ", "Do we engage with trolls?"]);
        assert_eq!(
            texts(&s[2]),
            vec!["A: No. Mute them.", "Block only as a last resort."]
        );
        assert_eq!((s[2].line_start, s[2].line_end), (9, 13));
        assert_eq!((s[2].level, s[2].anchor.as_str()), (3, "faq"));
    }

    #[test]
    fn a_lone_question_paragraph_is_no_faq() {
        let md = "## Tips\n\nQ: Why post at all?\n\nBecause people read it.\n";
        let s = split_faq_entries(sections(md));
        assert_eq!(s.len(), 1);
        assert_eq!(texts(&s[0]).len(), 2);
    }

    #[test]
    fn setext_headings() {
        let md = "Title\n=====\n\nBody.\n\nSub\n---\nMore.\n";
        let s = sections(md);
        assert_eq!(s.len(), 2);
        assert_eq!(s[1].heading_path, vec!["Title", "Sub"]);
        assert_eq!(s[1].line_start, 6);
        assert_eq!(s[1].line_end, 8);
    }

    #[test]
    fn hash_inside_code_block_is_not_a_heading() {
        let md = "# A\n\n```\n# not a heading\n```\n\n## B\n";
        let s = sections(md);
        assert_eq!(s.len(), 2);
        assert_eq!(texts(&s[0]), vec!["# not a heading"]);
        assert_eq!(s[0].blocks[0].kind, BlockKind::Code);
    }

    #[test]
    fn crlf_line_endings() {
        let md = "# A\r\n\r\nOne.\r\n\r\n## B\r\n\r\nTwo\r\nlines.\r\n";
        let s = sections(md);
        assert_eq!((s[0].line_start, s[0].line_end), (1, 3));
        assert_eq!((s[1].line_start, s[1].line_end), (5, 8));
        assert_eq!(texts(&s[1]), vec!["Two lines."]);
    }

    #[test]
    fn text_before_first_heading_joins_first_section() {
        let md = "<!-- source: x -->\nPreface text.\n\n# Title\n\nBody.\n";
        let s = sections(md);
        assert_eq!(s.len(), 1);
        assert_eq!(texts(&s[0]), vec!["Preface text.", "Body."]);
        assert_eq!(s[0].line_start, 2);
        assert_eq!(s[0].heading_line, 4);
    }

    #[test]
    fn html_comments_dropped_and_inline_markup_flattened() {
        let md = "# A\n\n<!--\nhidden\n-->\n\nSee **bold** and [link](x.md) and `code`.\n\n| Who | What |\n|---|---|\n| Team | Posts |\n";
        let s = sections(md);
        let t = texts(&s[0]);
        assert_eq!(t[0], "See bold and link and code.");
        assert_eq!(t[1], "Who | What");
        assert_eq!(t[2], "Team | Posts");
        assert!(!t.iter().any(|b| b.contains("hidden")));
    }

    #[test]
    fn umlauts_and_duplicate_anchors() {
        let md = "# Fotos & Videos\n## Einwilligung\n## Einwilligung\n## Äußerungen über Kunden\n";
        let s = sections(md);
        assert_eq!(s[0].anchor, "fotos--videos");
        assert_eq!(s[1].anchor, "einwilligung");
        assert_eq!(s[2].anchor, "einwilligung-1");
        assert_eq!(s[3].anchor, "äußerungen-über-kunden");
    }

    #[test]
    fn file_without_headings_is_one_section() {
        let s = sections("Just text.\n\nMore text.\n\n");
        assert_eq!(s.len(), 1);
        assert!(s[0].heading_path.is_empty());
        assert_eq!((s[0].line_start, s[0].line_end), (1, 3));
    }

    #[test]
    fn body_offset_keeps_file_line_numbers() {
        let md = "---\ntitle: x\n---\n# H\nText.\n";
        let s = parse_sections(md, 16);
        assert_eq!(s[0].line_start, 4);
        assert_eq!(s[0].blocks[0].line_start, 5);
    }

    #[test]
    fn explicit_heading_id_is_the_anchor() {
        let s = sections("# Regeln {#rules}\n");
        assert_eq!(s[0].anchor, "rules");
        assert_eq!(s[0].heading_path, vec!["Regeln"]);
    }
}
