//! A guideline document: one markdown file in the guidelines folder, read, its front
//! matter parsed and its body split into sections.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::front_matter::{self, FrontMatter};
use crate::lang::{self, Lang};
use crate::section::{self, Block};
use crate::{Error, Result};

/// Files larger than this are refused by default: a guideline is prose, not a data dump.
pub const DEFAULT_MAX_FILE_BYTES: u64 = 1024 * 1024;

/// A section of a guideline document: the unit guidebot indexes, quotes and cites.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    /// Path relative to the guidelines folder, `/`-separated.
    pub file: String,
    /// The document's title.
    pub title: String,
    pub heading_path: Vec<String>,
    pub anchor: String,
    pub level: u8,
    pub line_start: usize,
    pub line_end: usize,
    pub lang: Lang,
    pub blocks: Vec<Block>,
}

impl Section {
    /// The section's plain text, one block a line.
    pub fn text(&self) -> String {
        self.blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The section's own heading (the last of its path), or the document title.
    pub fn heading(&self) -> &str {
        self.heading_path
            .last()
            .map_or(self.title.as_str(), String::as_str)
    }

    /// `Title › Heading › Subheading`, without repeating a title that is also the H1.
    pub fn breadcrumb(&self) -> String {
        breadcrumb(&self.title, &self.heading_path)
    }
}

/// `Title › Heading › Subheading` for a document title and heading path, without
/// repeating a title that is also the H1.
pub fn breadcrumb(title: &str, heading_path: &[String]) -> String {
    let mut parts: Vec<&str> = vec![title];
    for heading in heading_path {
        if parts.last() != Some(&heading.as_str()) {
            parts.push(heading);
        }
    }
    parts.join(" › ")
}

/// A parsed guideline document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub file: String,
    pub title: String,
    pub lang: Lang,
    pub owner: Option<String>,
    pub reviewed: Option<String>,
    pub tags: Vec<String>,
    /// Whether the file had a front matter block at all.
    pub has_front_matter: bool,
    /// Hex SHA-256 of the file's bytes.
    pub hash: String,
    pub sections: Vec<Section>,
}

/// Hex SHA-256 of some bytes: the identity of a guideline file's content.
pub fn content_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Parses a document from its text. `file` names it in sections and errors;
/// `default_lang` applies when neither front matter nor the text tell the language.
pub fn parse_document(file: &str, bytes: &[u8], default_lang: Lang) -> Result<Document> {
    let text = std::str::from_utf8(bytes).map_err(|e| Error::UnreadableFile {
        path: file.to_string(),
        reason: format!(
            "not valid UTF-8 (first bad byte at offset {}); save the file as UTF-8",
            e.valid_up_to()
        ),
    })?;
    let hash = content_hash(bytes);
    // A byte-order mark sits on line 1 and changes no line numbers.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let front_matter_error = |e: front_matter::FrontMatterError| Error::FrontMatter {
        path: file.to_string(),
        line: e.line,
        reason: e.reason,
    };
    let raw = front_matter::split(text).map_err(front_matter_error)?;
    let (meta, body_start) = match &raw {
        Some(raw) => (
            front_matter::parse(raw).map_err(front_matter_error)?,
            raw.body_start,
        ),
        None => (FrontMatter::default(), 0),
    };
    let parsed = section::split_faq_entries(section::parse_sections(text, body_start));
    let title = meta
        .title
        .clone()
        .filter(|t| !t.is_empty())
        .or_else(|| {
            parsed
                .iter()
                .find(|s| s.level == 1)
                .and_then(|s| s.heading_path.last().cloned())
        })
        .unwrap_or_else(|| file_stem(file));
    let lang = meta
        .lang
        .as_deref()
        .and_then(Lang::from_tag)
        .or_else(|| lang::detect(&text[body_start..]))
        .unwrap_or(default_lang);
    let sections = parsed
        .into_iter()
        .map(|s| Section {
            file: file.to_string(),
            title: title.clone(),
            heading_path: s.heading_path,
            anchor: s.anchor,
            level: s.level,
            line_start: s.line_start,
            line_end: s.line_end,
            lang,
            blocks: s.blocks,
        })
        .collect();
    Ok(Document {
        file: file.to_string(),
        title,
        lang,
        owner: meta.owner,
        reviewed: meta.reviewed,
        tags: meta.tags,
        has_front_matter: raw.is_some(),
        hash,
        sections,
    })
}

fn file_stem(file: &str) -> String {
    let name = file.rsplit('/').next().unwrap_or(file);
    name.rsplit_once('.')
        .map_or(name, |(stem, _)| stem)
        .to_string()
}

/// Reads a guideline file's bytes, refusing files over `max_bytes`.
pub fn read_guideline(root: &Path, file: &str, max_bytes: u64) -> Result<Vec<u8>> {
    let path = root.join(file);
    let unreadable = |reason: String| Error::UnreadableFile {
        path: file.to_string(),
        reason,
    };
    let meta = std::fs::metadata(&path).map_err(|e| unreadable(e.to_string()))?;
    if meta.len() > max_bytes {
        return Err(unreadable(format!(
            "{} bytes is over the limit of {max_bytes} bytes; split the document",
            meta.len()
        )));
    }
    std::fs::read(&path).map_err(|e| unreadable(e.to_string()))
}

/// Whether a file in the guidelines folder is a guideline. README files describe the
/// folder's conventions for the comms team; they are not rules and are never indexed.
pub fn is_guideline_file(relative: &str) -> bool {
    let name = relative.rsplit('/').next().unwrap_or(relative);
    let lower = name.to_lowercase();
    (lower.ends_with(".md") || lower.ends_with(".markdown"))
        && !lower.starts_with("readme.")
        && !name.starts_with('.')
}

/// Lists the guideline files below `root`, relative and `/`-separated, sorted.
/// Hidden folders (`.git`) are skipped.
pub fn discover(root: &Path) -> Result<Vec<String>> {
    let meta = std::fs::metadata(root).map_err(|e| Error::GuidelinesDir {
        path: root.to_path_buf(),
        reason: e.to_string(),
    })?;
    if !meta.is_dir() {
        return Err(Error::GuidelinesDir {
            path: root.to_path_buf(),
            reason: "not a folder".into(),
        });
    }
    let mut files = Vec::new();
    let mut pending: Vec<PathBuf> = vec![root.to_path_buf()];
    while let Some(dir) = pending.pop() {
        let entries = std::fs::read_dir(&dir).map_err(|e| Error::GuidelinesDir {
            path: dir.clone(),
            reason: e.to_string(),
        })?;
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with('.') {
                continue;
            }
            let path = entry.path();
            let Ok(file_type) = entry.file_type() else {
                continue;
            };
            if file_type.is_dir() {
                pending.push(path);
            } else if let Ok(relative) = path.strip_prefix(root) {
                let relative = relative
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                if is_guideline_file(&relative) {
                    files.push(relative);
                }
            }
        }
    }
    files.sort();
    Ok(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_from_front_matter_then_h1_then_file_name() {
        let doc = parse_document(
            "de/a.md",
            b"---\ntitle: Richtlinie\nlang: de\n---\n# Other\n",
            Lang::En,
        )
        .unwrap();
        assert_eq!(doc.title, "Richtlinie");
        assert_eq!(doc.lang, Lang::De);
        let doc = parse_document("a.md", b"# From H1\ntext\n", Lang::En).unwrap();
        assert_eq!(doc.title, "From H1");
        let doc = parse_document("x/no-title.md", b"just text\n", Lang::En).unwrap();
        assert_eq!(doc.title, "no-title");
    }

    #[test]
    fn bom_and_umlauts() {
        let doc = parse_document(
            "f.md",
            "\u{feff}# Äußerungen\nÜber Kunden schreiben wir nicht.\n".as_bytes(),
            Lang::En,
        )
        .unwrap();
        assert_eq!(doc.sections[0].heading_path, vec!["Äußerungen"]);
        assert_eq!(doc.sections[0].line_start, 1);
        assert_eq!(doc.lang, Lang::De, "detected from text");
    }

    #[test]
    fn broken_front_matter_names_the_file() {
        let err =
            parse_document("de/kaputt.md", b"---\ntitle: [x\n---\n# A\n", Lang::De).unwrap_err();
        assert!(err.to_string().starts_with("de/kaputt.md:"), "{err}");
    }

    #[test]
    fn invalid_utf8_is_an_error() {
        let err = parse_document("bad.md", b"# A\n\xff\xfe\n", Lang::De).unwrap_err();
        assert!(err.to_string().contains("UTF-8"));
    }

    #[test]
    fn readme_is_not_a_guideline() {
        assert!(!is_guideline_file("README.md"));
        assert!(!is_guideline_file("de/readme.md"));
        assert!(is_guideline_file("de/fotos.md"));
        assert!(!is_guideline_file("synonyms.toml"));
    }

    #[test]
    fn breadcrumb_does_not_repeat_title() {
        let doc = parse_document("a.md", b"# Guide\n## Photos\ntext\n", Lang::En).unwrap();
        assert_eq!(doc.sections[1].breadcrumb(), "Guide › Photos");
    }
}
