//! Synonyms the comms team keeps in `synonyms.toml` next to the guidelines: colloquial
//! words employees use, mapped to the words the guidelines use, per language.
//!
//! ```toml
//! [de]
//! posten = ["teilen", "veröffentlichen", "hochladen"]
//! [en]
//! pic = ["photo", "picture"]
//! ```

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::{LazyLock, OnceLock};

use crate::lang::Lang;
use crate::{Error, Result};

/// Adds to `known` the words it lacks, keeping its order.
fn add_missing(known: &mut Vec<String>, words: impl IntoIterator<Item = String>) {
    for word in words {
        if !known.contains(&word) {
            known.push(word);
        }
    }
}

/// The file name looked for in the guidelines folder.
pub const FILE_NAME: &str = "synonyms.toml";

/// Colloquial word → guideline words, per language. Keys are matched on their folded
/// lowercase form.
#[derive(Debug, Clone, Default)]
pub struct Synonyms {
    by_lang: HashMap<Lang, HashMap<String, Vec<String>>>,
    /// The entries by their keys' stems, per language: built on first use, so looking up
    /// a word's inflections costs one hash lookup, not a stemmer run per entry.
    by_stem: OnceLock<HashMap<Lang, HashMap<String, Vec<String>>>>,
    /// Per language, the words its entries give only as the glossary's translations
    /// (the German entry "praktikantin" gives the English "intern"): they stand for the
    /// other language's word and must only meet that language's pages, where the same
    /// letters may mean something else ("intern" is also German for "internal").
    translations: HashMap<Lang, HashSet<String>>,
}

impl PartialEq for Synonyms {
    fn eq(&self, other: &Self) -> bool {
        self.by_lang == other.by_lang
    }
}

/// A problem in the synonyms file, for the lint.
#[derive(Debug, Clone, PartialEq)]
pub struct SynonymProblem {
    pub line: usize,
    pub message: String,
}

/// guidebot's built-in everyday vocabulary (see `synonyms_builtin.toml`).
const BUILTIN: &str = include_str!("synonyms_builtin.toml");

/// guidebot's built-in English ↔ German glossary (see `glossary_de_en.toml`).
const GLOSSARY: &str = include_str!("glossary_de_en.toml");

impl Synonyms {
    /// The built-in everyday vocabulary and the English ↔ German glossary, which apply
    /// to every guidelines folder.
    pub fn builtin() -> Synonyms {
        // Parsed once per process: the engine and every index build use them.
        static BUILTIN_SYNONYMS: LazyLock<Synonyms> = LazyLock::new(Synonyms::parse_builtin);
        BUILTIN_SYNONYMS.clone()
    }

    fn parse_builtin() -> Synonyms {
        // The files are part of guidebot and tested below; a mistake in them must not
        // stop the bot, so they degrade to no built-in synonyms.
        let mut builtin = Self::parse(BUILTIN).unwrap_or_default();
        if let Ok(glossary) = Self::parse_glossary(GLOSSARY) {
            let same_language = builtin.words_by_lang();
            for (lang, entries) in glossary.by_lang {
                let translations = builtin.translations.entry(lang).or_default();
                for words in entries.values() {
                    translations.extend(
                        words
                            .iter()
                            .filter(|w| !same_language.get(&lang).is_some_and(|s| s.contains(*w)))
                            .cloned(),
                    );
                }
                for (word, words) in entries {
                    builtin.add_words(lang, word, words);
                }
            }
        }
        builtin
    }

    /// Every word the entries give, per language.
    fn words_by_lang(&self) -> HashMap<Lang, HashSet<String>> {
        self.by_lang
            .iter()
            .map(|(lang, entries)| (*lang, entries.values().flatten().cloned().collect()))
            .collect()
    }

    /// The language of `word` as an entry of `lang` gives it: the other language's for
    /// a translation from the glossary, `None` for a word that may stand in either.
    pub fn language_of(&self, word: &str, lang: Lang) -> Option<Lang> {
        self.translations
            .get(&lang)
            .is_some_and(|t| t.contains(word))
            .then(|| lang.other())
    }

    /// Every single German word the vocabulary knows, keys and equivalents: with them
    /// compounds in questions split even where the guidelines never use the part
    /// ("Wahlkampf*kundgebung*").
    pub fn german_words(&self) -> impl Iterator<Item = &str> {
        self.by_lang
            .get(&Lang::De)
            .into_iter()
            .flat_map(|entries| entries.iter())
            .flat_map(|(key, words)| std::iter::once(key).chain(words))
            .map(String::as_str)
            .filter(|w| w.chars().all(char::is_alphabetic))
    }

    /// Adds words to a key's entry, skipping those it already has.
    fn add_words(&mut self, lang: Lang, key: String, words: impl IntoIterator<Item = String>) {
        self.by_stem = OnceLock::new();
        let known = self
            .by_lang
            .entry(lang)
            .or_default()
            .entry(key)
            .or_default();
        add_missing(known, words);
    }

    /// Reads a glossary (`[en_de]` english = ["deutsch", …]) as synonyms in both
    /// directions: the English word stands for its German equivalents and each German
    /// word for the English one.
    fn parse_glossary(text: &str) -> std::result::Result<Synonyms, String> {
        let table: toml::Table = quote_bare_keys(text)
            .parse()
            .map_err(|e: toml::de::Error| e.to_string())?;
        let pairs = table
            .get("en_de")
            .and_then(|v| v.as_table())
            .ok_or("the glossary needs an [en_de] section")?;
        let mut glossary = Synonyms::default();
        for (english, german) in pairs {
            let english = crate::analysis::fold(english.trim());
            let german: Vec<String> = german
                .as_array()
                .ok_or_else(|| format!("`{english}` must map to a list"))?
                .iter()
                .filter_map(|w| w.as_str().map(|w| w.trim().to_lowercase()))
                .collect();
            for word in &german {
                let back = crate::analysis::fold(word);
                glossary.add_words(Lang::De, back, [english.clone()]);
            }
            glossary.add_words(Lang::En, english, german);
        }
        Ok(glossary)
    }

    /// `other`'s entries added to these, replacing entries with the same key.
    pub fn merged_with(mut self, other: Synonyms) -> Synonyms {
        self.by_stem = OnceLock::new();
        for (lang, words) in other.words_by_lang() {
            if let Some(translations) = self.translations.get_mut(&lang) {
                translations.retain(|t| !words.contains(t));
            }
        }
        for (lang, entries) in other.by_lang {
            self.by_lang.entry(lang).or_default().extend(entries);
        }
        self
    }

    /// The built-in vocabulary plus `synonyms.toml` from the guidelines folder (a missing
    /// file adds nothing).
    pub fn load(guidelines: &Path) -> Result<Synonyms> {
        Self::load_file(guidelines).map(|own| Self::builtin().merged_with(own))
    }

    fn load_file(guidelines: &Path) -> Result<Synonyms> {
        let path = guidelines.join(FILE_NAME);
        match std::fs::read_to_string(&path) {
            Ok(text) => Self::parse(&text).map_err(|problems| Error::Synonyms {
                path: FILE_NAME.to_string(),
                reason: problems
                    .iter()
                    .map(|p| format!("line {}: {}", p.line, p.message))
                    .collect::<Vec<_>>()
                    .join("; "),
            }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(Synonyms::default()),
            Err(e) => Err(Error::Synonyms {
                path: FILE_NAME.to_string(),
                reason: e.to_string(),
            }),
        }
    }

    /// Parses the file's text; every problem is reported with its line.
    pub fn parse(text: &str) -> std::result::Result<Synonyms, Vec<SynonymProblem>> {
        let text = &quote_bare_keys(text);
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| {
            vec![SynonymProblem {
                line: e
                    .span()
                    .map_or(1, |s| text[..s.start].matches('\n').count() + 1),
                message: e.message().to_string(),
            }]
        })?;
        let line_of = |needle: &str| {
            text.lines()
                .position(|l| l.trim_start().starts_with(needle))
                .map_or(1, |i| i + 1)
        };
        let mut problems = Vec::new();
        let mut synonyms = Synonyms::default();
        for (section, value) in table {
            let Some(lang) = Lang::from_tag(&section) else {
                problems.push(SynonymProblem {
                    line: line_of(&format!("[{section}")),
                    message: format!("unknown language section [{section}]; use [de] or [en]"),
                });
                continue;
            };
            let Some(entries) = value.as_table() else {
                problems.push(SynonymProblem {
                    line: line_of(&section),
                    message: format!("`{section}` must be a section: [{section}]"),
                });
                continue;
            };
            let map = synonyms.by_lang.entry(lang).or_default();
            for (word, alternatives) in entries {
                let words = alternatives.as_array().map(|items| {
                    items
                        .iter()
                        .map(|item| item.as_str().map(|s| s.trim().to_lowercase()))
                        .collect::<Option<Vec<_>>>()
                });
                match words {
                    Some(Some(words)) if !words.is_empty() && words.iter().all(|w| !w.is_empty()) => {
                        map.insert(crate::analysis::fold(word.trim()), words);
                    }
                    _ => problems.push(SynonymProblem {
                        line: line_of(word),
                        message: format!("`{word}` must map to a non-empty list of words, like {word} = [\"a\", \"b\"]"),
                    }),
                }
            }
        }
        if problems.is_empty() {
            Ok(synonyms)
        } else {
            Err(problems)
        }
    }

    /// The guideline words for a colloquial `word` in `lang`.
    pub fn lookup(&self, word: &str, lang: Lang) -> &[String] {
        self.by_lang
            .get(&lang)
            .and_then(|map| map.get(&crate::analysis::fold(word)))
            .map_or(&[], Vec::as_slice)
    }

    /// The key one typo away from `word` ("konkurenz" → "konkurrenz", "sponsered" →
    /// "sponsored"), in either language: employees misspell colloquial words too. Words
    /// under 6 characters are never corrected, and only by one edit: among some 2,000
    /// keys, two edits find a different word too often.
    pub fn correct(&self, word: &str) -> Option<(&str, Lang)> {
        let folded = crate::analysis::fold(word);
        let len = folded.chars().count();
        if len < 6 {
            return None;
        }
        self.by_lang
            .iter()
            .flat_map(|(lang, entries)| entries.keys().map(move |key| (key, *lang)))
            .filter_map(|(key, lang)| {
                let distance = crate::analysis::typo_distance(&folded, key, 1)?;
                Some((distance, key.as_str(), lang))
            })
            .min()
            .map(|(_, key, lang)| (key, lang))
    }

    /// The words of every entry whose key has the stem `stem` in `lang` ("tenders" for
    /// "tender"); `stem_of` is the analyzer's stemmer.
    pub fn lookup_stem(
        &self,
        stem: &str,
        lang: Lang,
        stem_of: impl Fn(&str, Lang) -> String,
    ) -> &[String] {
        let by_stem = self.by_stem.get_or_init(|| {
            let mut by_stem: HashMap<Lang, HashMap<String, Vec<String>>> = HashMap::new();
            for (lang, entries) in &self.by_lang {
                let stems = by_stem.entry(*lang).or_default();
                for (key, words) in entries {
                    let known = stems.entry(stem_of(key, *lang)).or_default();
                    add_missing(known, words.iter().cloned());
                }
            }
            by_stem
        });
        by_stem
            .get(&lang)
            .and_then(|stems| stems.get(stem))
            .map_or(&[], Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.by_lang.values().map(HashMap::len).sum()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// TOML allows only ASCII in bare keys, but German words have umlauts: the comms team
/// writes `veröffentlichen = [...]`, so such keys are quoted before parsing (lines stay
/// where they are, for the lint's line numbers).
fn quote_bare_keys(text: &str) -> String {
    text.lines()
        .map(|line| {
            let trimmed = line.trim_start();
            let Some((key, rest)) = trimmed.split_once('=') else {
                return line.to_string();
            };
            let key = key.trim_end();
            let bare = !key.is_empty()
                && !key.starts_with(['"', '\'', '[', '#'])
                && !key.contains(char::is_whitespace);
            if bare && !key.is_ascii() {
                let indent = &line[..line.len() - trimmed.len()];
                format!("{indent}\"{key}\" ={rest}")
            } else {
                line.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typo_of_a_key_finds_the_key() {
        let s = Synonyms::parse(
            "[de]\nkonkurrenz = [\"wettbewerber\"]\n[en]\nsponsored = [\"advertising\"]\n",
        )
        .unwrap();
        assert_eq!(s.correct("konkurenz"), Some(("konkurrenz", Lang::De)));
        assert_eq!(s.correct("sponsered"), Some(("sponsored", Lang::En)));
        assert_eq!(s.correct("sponsor"), None, "two edits away");
        assert_eq!(s.correct("konk"), None, "too short to correct");
    }

    #[test]
    fn parses_and_looks_up_folded() {
        let s = Synonyms::parse(
            "[de]\nposten = [\"teilen\", \"veröffentlichen\"]\n[en]\npic = [\"photo\"]\n",
        )
        .unwrap();
        assert_eq!(s.lookup("Posten", Lang::De), ["teilen", "veröffentlichen"]);
        assert_eq!(s.lookup("pic", Lang::En), ["photo"]);
        assert!(s.lookup("pic", Lang::De).is_empty());
    }

    #[test]
    fn builtin_vocabulary_parses_and_company_entries_override_it() {
        assert!(
            Synonyms::parse(BUILTIN).is_ok(),
            "{:?}",
            Synonyms::parse(BUILTIN).err()
        );
        let builtin = Synonyms::builtin();
        assert!(builtin
            .lookup("azubis", Lang::De)
            .contains(&"auszubildende".to_string()));
        let own = Synonyms::parse("[de]\nazubis = [\"lehrlinge\"]\n").unwrap();
        let merged = builtin.merged_with(own);
        assert_eq!(merged.lookup("azubis", Lang::De), ["lehrlinge"]);
        assert!(!merged.lookup("chef", Lang::De).is_empty());
    }

    #[test]
    fn german_keys_need_no_quotes() {
        let s = Synonyms::parse("[de]\nveröffentlichen = [\"posten\"]\n").unwrap();
        assert_eq!(s.lookup("veröffentlichen", Lang::De), ["posten"]);
    }

    #[test]
    fn translations_know_their_language() {
        let synonyms = Synonyms::builtin();
        // "intern" is also German ("interne"), but for "Praktikantin" it is English.
        assert!(synonyms
            .lookup("praktikantin", Lang::De)
            .contains(&"intern".to_string()));
        assert_eq!(synonyms.language_of("intern", Lang::De), Some(Lang::En));
        assert_eq!(synonyms.language_of("geschenk", Lang::En), Some(Lang::De));
        // Same-language synonyms may stand in either language's pages.
        assert_eq!(synonyms.language_of("instagram", Lang::De), None);
        // A word the company's own list gives in a language is no mere translation.
        let own = Synonyms::parse("[de]\nazubi = [\"intern\"]\n").unwrap();
        let merged = Synonyms::builtin().merged_with(own);
        assert_eq!(merged.language_of("intern", Lang::De), None);
    }

    #[test]
    fn glossary_reads_both_ways() {
        assert!(Synonyms::parse_glossary(GLOSSARY).is_ok());
        let builtin = Synonyms::builtin();
        assert!(builtin
            .lookup("colleague", Lang::En)
            .contains(&"kollegen".to_string()));
        assert!(builtin
            .lookup("geschenke", Lang::De)
            .contains(&"gifts".to_string()));
        // Entries of the everyday vocabulary keep theirs next to the glossary's.
        assert!(builtin
            .lookup("pic", Lang::En)
            .contains(&"photo".to_string()));
    }

    #[test]
    fn problems_carry_lines() {
        let problems =
            Synonyms::parse("[de]\nposten = \"teilen\"\n[fr]\nx = [\"y\"]\n").unwrap_err();
        assert_eq!(problems.len(), 2);
        assert_eq!(
            problems
                .iter()
                .find(|p| p.message.contains("posten"))
                .unwrap()
                .line,
            2
        );
        assert_eq!(
            problems
                .iter()
                .find(|p| p.message.contains("[fr]"))
                .unwrap()
                .line,
            3
        );
        assert!(Synonyms::parse("[de\n").is_err());
    }
}
