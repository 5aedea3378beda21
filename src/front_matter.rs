//! Front matter: the YAML (`---`) or TOML (`+++`) block at the top of a guideline file.
//!
//! Split off before markdown parsing, so a closing `---` can never be mistaken for a
//! setext heading underline.

use serde::Serialize;

/// The metadata the comms team keeps on each guideline document.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct FrontMatter {
    pub title: Option<String>,
    pub lang: Option<String>,
    pub owner: Option<String>,
    /// `YYYY-MM-DD` as written; validated by the lint, not here.
    pub reviewed: Option<String>,
    pub tags: Vec<String>,
}

/// Which syntax the block was written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    Yaml,
    Toml,
}

/// A front matter block found at the top of a file, not yet parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct RawFrontMatter<'a> {
    pub syntax: Syntax,
    pub content: &'a str,
    /// Byte offset in the file where the markdown body starts (after the closing fence).
    pub body_start: usize,
}

/// Why a front matter block could not be used.
#[derive(Debug, Clone, PartialEq)]
pub struct FrontMatterError {
    /// 1-based line in the file.
    pub line: usize,
    pub reason: String,
}

/// Finds a front matter block at the very start of `text`. An opening fence without a
/// closing one is an error: the whole file would otherwise be swallowed or misread.
pub fn split(text: &str) -> Result<Option<RawFrontMatter<'_>>, FrontMatterError> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let fence = text[..first_line_end].trim_end();
    let syntax = match fence {
        "---" => Syntax::Yaml,
        "+++" => Syntax::Toml,
        _ => return Ok(None),
    };
    let mut offset = first_line_end;
    let mut line_no = 1;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        line_no += 1;
        let line = text[offset..end].trim_end();
        let closes = match syntax {
            Syntax::Yaml => line == "---" || line == "...",
            Syntax::Toml => line == "+++",
        };
        if closes {
            return Ok(Some(RawFrontMatter {
                syntax,
                content: &text[first_line_end..offset],
                body_start: end,
            }));
        }
        offset = end;
    }
    Err(FrontMatterError {
        line: 1,
        reason: format!(
            "the front matter opened with `{fence}` is never closed (last line {line_no})"
        ),
    })
}

/// Parses the block into the fields guidebot knows. Unknown fields are ignored here
/// (the lint reports them); wrong types are errors.
pub fn parse(raw: &RawFrontMatter<'_>) -> Result<FrontMatter, FrontMatterError> {
    let value: serde_json::Value = match raw.syntax {
        Syntax::Yaml => {
            if raw.content.trim().is_empty() {
                serde_json::Value::Object(Default::default())
            } else {
                serde_norway::from_str(raw.content).map_err(|e| FrontMatterError {
                    line: 1 + e.location().map_or(1, |l| l.line()),
                    reason: first_line(&e.to_string()),
                })?
            }
        }
        Syntax::Toml => {
            let table: toml::Table = raw.content.parse().map_err(|e: toml::de::Error| {
                let line = e
                    .span()
                    .map_or(1, |s| raw.content[..s.start].matches('\n').count() + 1);
                FrontMatterError {
                    line: 1 + line,
                    reason: first_line(e.message()),
                }
            })?;
            toml_to_json(toml::Value::Table(table))
        }
    };
    from_value(&value)
}

fn first_line(message: &str) -> String {
    message.lines().next().unwrap_or(message).trim().to_string()
}

// TOML dates become strings so both syntaxes share one field extraction.
fn toml_to_json(value: toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match value {
        toml::Value::String(s) => J::String(s),
        toml::Value::Integer(i) => J::from(i),
        toml::Value::Float(f) => J::from(f),
        toml::Value::Boolean(b) => J::Bool(b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            J::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

fn from_value(value: &serde_json::Value) -> Result<FrontMatter, FrontMatterError> {
    let map = match value {
        serde_json::Value::Object(map) => map,
        serde_json::Value::Null => return Ok(FrontMatter::default()),
        _ => {
            return Err(FrontMatterError {
                line: 2,
                reason: "front matter must be a set of `key: value` fields".into(),
            })
        }
    };
    let text_field = |key: &str| -> Result<Option<String>, FrontMatterError> {
        match map.get(key) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.trim().to_string())),
            Some(serde_json::Value::Number(n)) => Ok(Some(n.to_string())),
            Some(other) => Err(FrontMatterError {
                line: 2,
                reason: format!("`{key}` must be text, found {}", kind_of(other)),
            }),
        }
    };
    let tags = match map.get("tags") {
        None | Some(serde_json::Value::Null) => Vec::new(),
        Some(serde_json::Value::String(s)) => s
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect(),
        Some(serde_json::Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                serde_json::Value::String(s) => Ok(s.trim().to_string()),
                other => Err(FrontMatterError {
                    line: 2,
                    reason: format!("`tags` must be a list of text, found {}", kind_of(other)),
                }),
            })
            .collect::<Result<_, _>>()?,
        Some(other) => {
            return Err(FrontMatterError {
                line: 2,
                reason: format!("`tags` must be a list, found {}", kind_of(other)),
            })
        }
    };
    Ok(FrontMatter {
        title: text_field("title")?,
        lang: text_field("lang")?.or(text_field("language")?),
        owner: text_field("owner")?,
        reviewed: text_field("reviewed")?,
        tags,
    })
}

fn kind_of(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "nothing",
        serde_json::Value::Bool(_) => "true/false",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "text",
        serde_json::Value::Array(_) => "a list",
        serde_json::Value::Object(_) => "a nested table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_text(text: &str) -> Result<Option<FrontMatter>, FrontMatterError> {
        match split(text)? {
            None => Ok(None),
            Some(raw) => parse(&raw).map(Some),
        }
    }

    #[test]
    fn yaml_fields() {
        let fm = parse_text("---\ntitle: Fotos\nlang: de\nowner: Team K\nreviewed: 2026-09-15\ntags: [a, b]\n---\n# X\n")
            .unwrap()
            .unwrap();
        assert_eq!(fm.title.as_deref(), Some("Fotos"));
        assert_eq!(fm.reviewed.as_deref(), Some("2026-09-15"));
        assert_eq!(fm.tags, vec!["a", "b"]);
    }

    #[test]
    fn toml_fields_with_date_literal() {
        let fm = parse_text(
            "+++\ntitle = \"Dienstanweisung\"\nlang = \"de\"\nreviewed = 2025-01-31\n+++\nText\n",
        )
        .unwrap()
        .unwrap();
        assert_eq!(fm.title.as_deref(), Some("Dienstanweisung"));
        assert_eq!(fm.reviewed.as_deref(), Some("2025-01-31"));
    }

    #[test]
    fn body_start_after_fence_with_crlf() {
        let text = "---\r\ntitle: A\r\n---\r\n# H\r\n";
        let raw = split(text).unwrap().unwrap();
        assert_eq!(&text[raw.body_start..], "# H\r\n");
        assert_eq!(parse(&raw).unwrap().title.as_deref(), Some("A"));
    }

    #[test]
    fn missing_front_matter_is_none() {
        assert_eq!(parse_text("# Just a heading\n").unwrap(), None);
    }

    #[test]
    fn broken_yaml_reports_line() {
        let err = parse_text("---\ntitle: A\nlang: [de\n---\n# H\n").unwrap_err();
        assert!(err.line >= 2, "{err:?}");
    }

    #[test]
    fn unclosed_fence_is_error() {
        assert!(parse_text("---\ntitle: A\n# H\n").is_err());
    }

    #[test]
    fn wrong_type_is_error() {
        let err = parse_text("---\ntitle: [a, b]\n---\n").unwrap_err();
        assert!(err.reason.contains("title"));
    }
}
