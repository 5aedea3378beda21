//! The two languages guidebot's guidelines are written in, and telling them apart.

use serde::{Deserialize, Serialize};

/// A guideline or question language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    De,
    En,
}

impl Lang {
    /// Parses a front-matter language tag: `de`, `de-DE`, `German`, `en_GB` …
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let tag = tag.trim().to_lowercase();
        let primary = tag.split(['-', '_']).next().unwrap_or("");
        match primary {
            "de" | "deu" | "ger" | "german" | "deutsch" => Some(Lang::De),
            "en" | "eng" | "english" | "englisch" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
        }
    }

    pub fn other(self) -> Lang {
        match self {
            Lang::De => Lang::En,
            Lang::En => Lang::De,
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

// Short function words that are frequent in one language and rare in the other.
const GERMAN_MARKERS: &[&str] = &[
    "der", "die", "das", "und", "ist", "ich", "nicht", "ein", "eine", "einen", "zu", "mit", "auf",
    "für", "von", "den", "dem", "des", "darf", "dürfen", "kann", "können", "wie", "was", "wer",
    "wann", "wo", "muss", "soll", "sind", "auch", "oder", "wenn", "mein", "meine", "meinen",
    "unser", "unsere", "bei", "im", "vom", "zum", "zur", "über", "sich", "es", "man", "mir",
    "mich", "wir", "uns", "sie", "aus", "nach", "noch", "schon", "bitte", "erlaubt", "privat",
    "welche", "warum", "als", "ob", "dass", "habe", "hat", "werden", "wird",
];
const ENGLISH_MARKERS: &[&str] = &[
    "the", "and", "is", "i", "not", "a", "an", "to", "with", "on", "for", "of", "can", "may",
    "how", "what", "who", "when", "where", "must", "should", "are", "also", "or", "if", "my",
    "our", "at", "in", "about", "it", "we", "you", "they", "from", "after", "please", "allowed",
    "which", "why", "as", "whether", "that", "have", "has", "will", "do", "does", "am", "be",
    "this", "there", "would", "could", "share", "post",
];

/// Guesses the language of a short text from its function words and letters.
/// Returns `None` when there is no evidence either way.
pub fn detect(text: &str) -> Option<Lang> {
    let mut de = 0i32;
    let mut en = 0i32;
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let lower = word.to_lowercase();
        if GERMAN_MARKERS.contains(&lower.as_str()) {
            de += 2;
        }
        if ENGLISH_MARKERS.contains(&lower.as_str()) {
            en += 2;
        }
        if lower.contains(['ä', 'ö', 'ü', 'ß']) {
            de += 3;
        }
    }
    match de.cmp(&en) {
        std::cmp::Ordering::Greater => Some(Lang::De),
        std::cmp::Ordering::Less => Some(Lang::En),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags() {
        assert_eq!(Lang::from_tag("de-DE"), Some(Lang::De));
        assert_eq!(Lang::from_tag(" EN "), Some(Lang::En));
        assert_eq!(Lang::from_tag("fr"), None);
    }

    #[test]
    fn detects_questions() {
        assert_eq!(
            detect("Darf ich Fotos von Kollegen posten?"),
            Some(Lang::De)
        );
        assert_eq!(
            detect("darf ich das firmenlogo als profilbild nehmen"),
            Some(Lang::De)
        );
        assert_eq!(detect("Can I post a pic of my colleague?"), Some(Lang::En));
        assert_eq!(detect("Schöne Grüße"), Some(Lang::De));
        assert_eq!(detect("LinkedIn"), None);
    }
}
