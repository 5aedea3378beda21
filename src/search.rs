//! From a question to ranked, trimmed, cited passages — or an honest "not covered".
//!
//! 1. The question becomes *concepts*: its content words, each with the terms that may
//!    stand for it (stem, compound parts, the other language's stem, synonyms, a typo
//!    correction). Questions are never parsed as query syntax.
//! 2. tantivy's BM25 over title, headings and body (headings weigh more) finds candidates.
//! 3. Candidates are re-ranked by how much of the question they cover (IDF-weighted),
//!    in the headings and within one sentence (proximity).
//! 4. When the best candidate covers too little of the question, guidebot abstains.

use std::collections::HashSet;

use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, BoostQuery, Occur, Query, TermQuery};
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{TantivyDocument, Term};

use crate::analysis::{self, is_question_noise, is_stop_word};
use crate::answer::{Answer, Passage, Verdict};
use crate::index::{DocumentTitle, Snapshot};
use crate::lang::{self, Lang};
use crate::passage;
use crate::synonyms::Synonyms;
use crate::{audience, scope, verdict};
use crate::{Error, Result};

/// A content word of the question and the index terms that can stand for it.
#[derive(Debug, Clone, PartialEq)]
pub struct Concept {
    pub word: String,
    /// (term, weight ≤ 1).
    pub terms: Vec<(String, f32)>,
    /// How rare (informative) the concept is in the guidelines.
    pub idf: f32,
    /// Whether any of its terms occurs in the guidelines.
    pub known: bool,
    /// Whether the guidelines use the word itself (or a synonym, other form or
    /// correction of it), not just a part of the compound it is.
    pub named: bool,
    /// The parts of the compound the word is ("Kundenname" → Kunde, Name), among `terms`.
    pub parts: Vec<String>,
    /// Written in capitals, as a name is ("TTS", "FBI"): it names a document in any
    /// language, however short.
    pub acronym: bool,
    /// The words the synonym list and glossary give for the whole word, as written
    /// ("Bundesbediensteter" → "federal", "employee").
    pub equivalents: Vec<String>,
    /// Terms that stand for a word of one language only, the glossary's translations:
    /// they count in that language's sections alone (the English "intern" for
    /// "Praktikantin" is not the German "interne").
    pub language_bound: Vec<(String, Lang)>,
}

impl Concept {
    /// Whether one of the concept's terms passes `has` (is in a section, a sentence…).
    fn has_term(&self, has: impl Fn(&str) -> bool) -> bool {
        self.terms.iter().any(|(t, _)| has(t))
    }
}

/// The analysed question.
#[derive(Debug, Clone, PartialEq)]
pub struct QueryPlan {
    pub lang: Lang,
    pub concepts: Vec<Concept>,
}

impl QueryPlan {
    /// The question as matched against a section in `lang`: without the terms bound to
    /// the other language.
    fn for_section_in(&self, lang: Lang) -> std::borrow::Cow<'_, QueryPlan> {
        let foreign = |c: &Concept| c.language_bound.iter().any(|(_, l)| *l != lang);
        if !self.concepts.iter().any(foreign) {
            return std::borrow::Cow::Borrowed(self);
        }
        let mut plan = self.clone();
        for Concept {
            terms,
            language_bound,
            ..
        } in &mut plan.concepts
        {
            terms.retain(|(t, _)| !language_bound.iter().any(|(b, l)| b == t && *l != lang));
        }
        std::borrow::Cow::Owned(plan)
    }
}

/// A concept's terms as they are gathered, each with the language it is bound to.
#[derive(Default)]
struct TermList {
    terms: Vec<(String, f32)>,
    /// Per term: `Some(lang)` while every source of it was bound to `lang`.
    langs: Vec<Option<Lang>>,
}

impl TermList {
    /// Adds a term (one letter says nothing), keeping its best weight; it stays bound to
    /// a language only while every source of it is.
    fn push(&mut self, term: String, weight: f32, lang: Option<Lang>) {
        if term.chars().count() < 2 {
            return;
        }
        match self.terms.iter().position(|(t, _)| *t == term) {
            Some(i) => {
                self.terms[i].1 = self.terms[i].1.max(weight);
                if self.langs[i] != lang {
                    self.langs[i] = None;
                }
            }
            None => {
                self.terms.push((term, weight));
                self.langs.push(lang);
            }
        }
    }

    /// Pushes a synonym's stem: a translation's in its own language alone, any other
    /// synonym's in both (names and loanwords are both languages' words).
    fn push_synonym(
        &mut self,
        analyzer: &analysis::Analyzer,
        synonym: &(String, Option<Lang>),
        weight: f32,
        question_lang: Lang,
        parts_weight: Option<f32>,
    ) {
        let (word, bound) = synonym;
        let langs = match bound {
            Some(l) => vec![*l],
            None => vec![question_lang, question_lang.other()],
        };
        for l in langs {
            self.push(analyzer.stem(word, l), weight, *bound);
            if let Some(parts_weight) = parts_weight {
                for part in analyzer.extra_terms(word, l) {
                    self.push(part, parts_weight, *bound);
                }
            }
        }
    }

    fn language_bound(&self) -> Vec<(String, Lang)> {
        self.terms
            .iter()
            .zip(&self.langs)
            .filter_map(|((t, _), l)| l.map(|l| (t.clone(), l)))
            .collect()
    }
}

/// Tuning of ranking and abstaining, in one place.
#[derive(Debug, Clone, Copy)]
pub struct Tuning {
    pub candidates: usize,
    /// Below this share of the question's (IDF-weighted) content, guidebot abstains.
    pub min_coverage: f32,
    /// Unknown words (not in any guideline) count this much of their IDF in coverage:
    /// questions carry incidental words the guidelines never use.
    pub unknown_weight: f32,
    /// The best passage must match at least this much IDF mass of the question.
    pub min_matched_idf: f32,
    /// Other passages must cover at least this share of what the best one covers.
    pub min_relative_coverage: f32,
    /// A verdict is given only when its section covers this much of the question…
    pub min_verdict_coverage: f32,
    /// …and the sentence stating it this much.
    pub min_verdict_relevance: f32,
    /// A restriction ("not allowed", "ask first") is the cautious answer: wrongly given,
    /// it costs a question to the comms team, not a breach. It is given when its section
    /// covers this much of the question…
    pub min_restriction_coverage: f32,
    /// …and its sentence this much.
    pub min_restriction_relevance: f32,
    /// An FAQ answer's verdict is given only when the FAQ's heading covers this much.
    pub min_answer_heading_coverage: f32,
    /// …or the whole FAQ entry this much: the question is then the entry's, in other
    /// words ("video call" for "videoconference").
    pub min_answer_section_coverage: f32,
    /// A question that neither asks what is allowed nor speaks of social media or
    /// communication is answered only when the best passage covers this much of it…
    pub min_off_topic_coverage: f32,
    /// …or its headings this much.
    pub min_off_topic_heading_coverage: f32,
    /// "Allowed" is given only when the best passage's score beats the runner-up's by
    /// this much…
    pub min_allowed_margin: f32,
    /// …unless it is an FAQ's answer whose question (its heading) covers this much of
    /// the asked one.
    pub min_faq_question_coverage: f32,
    /// A runner-up scoring at least this share of the best passage's score, with another
    /// verdict, leaves the question without one: the ranking can't tell which rule was
    /// asked about.
    pub contested_share: f32,
    /// With guidelines from several organisations, a section's score keeps this share
    /// when the question names another organisation's document (1.0: no focus).
    pub named_elsewhere: f32,
}

impl Default for Tuning {
    fn default() -> Self {
        Tuning {
            candidates: 40,
            min_coverage: 0.2,
            unknown_weight: 0.3,
            min_matched_idf: 3.0,
            min_relative_coverage: 0.6,
            min_verdict_coverage: 0.3,
            min_verdict_relevance: 0.25,
            min_restriction_coverage: 0.2,
            min_restriction_relevance: 0.1,
            min_answer_heading_coverage: 0.15,
            min_answer_section_coverage: 0.6,
            min_off_topic_coverage: 0.85,
            min_off_topic_heading_coverage: 0.65,
            min_allowed_margin: 0.25,
            min_faq_question_coverage: 0.3,
            contested_share: 0.95,
            named_elsewhere: 0.5,
        }
    }
}

/// Questions are cut to this many words before analysis: enough for any real question,
/// and a pasted essay cannot build a huge query.
const MAX_QUESTION_WORDS: usize = 80;

const HEADING_BOOST: f32 = 2.5;
const PATH_BOOST: f32 = 1.2;
const TITLE_BOOST: f32 = 1.0;
const BODY_BOOST: f32 = 1.0;

/// Doubt said in two words ("not sure", "nicht sicher"), whose second word alone means
/// nothing to search for, in the one word the synonym list knows ("unsure",
/// "unsicher"): a question that is unsure of a post asks for the rule on what to do when
/// in doubt.
fn one_word_doubt(question: &str) -> String {
    const DOUBT: &[(&str, &str)] = &[
        ("not sure", "unsure"),
        ("not certain", "uncertain"),
        ("nicht sicher", "unsicher"),
        ("nicht so sicher", "unsicher"),
    ];
    let mut text = question.to_string();
    for (phrase, word) in DOUBT {
        // ASCII lowercasing keeps byte offsets, and the rest of the question its capitals.
        if let Some(at) = text.to_ascii_lowercase().find(phrase) {
            text.replace_range(at..at + phrase.len(), word);
        }
    }
    text
}

/// Set phrases that stress what the question says but name nothing ("will auf keinen
/// Fall fotografiert werden"): their nouns ("Fall") would match unrelated words
/// ("Zweifelsfall").
fn without_emphasis(question: &str) -> String {
    const EMPHASIS: &[&str] = &[
        "auf gar keinen fall",
        "auf keinen fall",
        "auf jeden fall",
        "in jedem fall",
        "in keinem fall",
        "in any case",
        "by no means",
        "no matter what",
    ];
    let mut text = question.to_string();
    for phrase in EMPHASIS {
        // ASCII lowercasing keeps byte offsets.
        while let Some(at) = text.to_ascii_lowercase().find(phrase) {
            text.replace_range(at..at + phrase.len(), " ");
        }
    }
    text
}

/// Turns a question into concepts.
pub fn plan(question: &str, snapshot: &Snapshot, synonyms: &Synonyms) -> QueryPlan {
    let lang = lang::detect(question).unwrap_or(snapshot.main_lang);
    let analyzer = &snapshot.analyzer;
    let mut concepts: Vec<Concept> = Vec::new();
    let mut seen = HashSet::new();
    let question = &one_word_doubt(&without_emphasis(question));
    let question_words: Vec<_> = analysis::words(question)
        .into_iter()
        .take(MAX_QUESTION_WORDS)
        .collect();
    // In a question typed in capitals, capitals mark no names.
    let capitalised = question_words.iter().filter(|w| is_acronym(w.text)).count();
    let shouting = capitalised * 2 > question_words.len();
    for word in question_words {
        let lower = word.text.to_lowercase();
        let is_number = lower.chars().any(|c| c.is_ascii_digit());
        // "koennen" is "können" typed without umlauts.
        let with_umlauts = || {
            lower
                .replace("ae", "ä")
                .replace("oe", "ö")
                .replace("ue", "ü")
        };
        let noise = is_question_noise(&lower, lang)
            || (lang == Lang::De && is_question_noise(&with_umlauts(), lang))
            || is_question_noise(&analyzer.stem(&lower, Lang::En), lang)
            || (is_stop_word(&lower, lang.other()) && lower.len() <= 4);
        // Numbers count only where the guidelines use them ("über 50 EUR").
        // A word with digits the synonym list knows ("k8s") is a word.
        let unknown_number = is_number
            && !snapshot.doc_freq.contains_key(&lower)
            && synonyms.lookup(&lower, lang).is_empty();
        if noise || unknown_number {
            continue;
        }
        if !seen.insert(lower.clone()) {
            continue;
        }
        let mut list = TermList::default();
        list.push(analyzer.stem(&lower, lang), 1.0, None);
        for form in analyzer.verb_forms(&lower, lang) {
            list.push(form, 0.9, None);
        }
        // Compound parts stand for part of the word only ("Elternzeit" is not about any
        // "Zeit"): they match, but do not make the word one the guidelines use.
        let part_words = analyzer.compound_words(&lower, lang);
        let mut parts: Vec<String> = Vec::new();
        for part in analyzer.part_terms(&part_words, lang) {
            parts.push(part.clone());
            list.push(part, 0.8, None);
        }
        // The compound's head names what it is ("Bürgermeister*kandidaten*" are
        // candidates): its synonyms stand for the word, weakly. They are looked up by
        // the head as written: a stem stemmed again loses letters ("bedienst").
        if let Some(head) = part_words.last() {
            for synonym in synonym_words(synonyms, analyzer, head, lang) {
                list.push_synonym(analyzer, &synonym, 0.5, lang, None);
            }
        }
        // The word read as the other language: mostly the same word (names, "Logo",
        // "Instagram", "Twitter" in a German question on an English page), so nearly
        // as good as the word itself.
        list.push(analyzer.stem(&lower, lang.other()), 0.9, None);
        let equivalents = synonym_words(synonyms, analyzer, &lower, lang);
        for synonym in &equivalents {
            list.push_synonym(analyzer, synonym, 0.7, lang, Some(0.4));
        }
        let known =
            |terms: &[(String, f32)]| terms.iter().any(|(t, _)| snapshot.doc_freq.contains_key(t));
        if !known(&list.terms) {
            if let Some((corrected, corrected_lang)) = snapshot.spelling.correct(&lower) {
                let corrected = corrected.to_string();
                list.push(analyzer.stem(&corrected, corrected_lang), 0.9, None);
                for part in analyzer.extra_terms(&corrected, corrected_lang) {
                    list.push(part, 0.7, None);
                }
            }
        }
        // A misspelt colloquial word ("konkurenz") stands for its synonyms' words.
        if !known(&list.terms) {
            if let Some((key, key_lang)) = synonyms.correct(&lower) {
                for synonym in synonym_words(synonyms, analyzer, key, key_lang) {
                    list.push_synonym(analyzer, &synonym, 0.6, lang, None);
                }
            }
        }
        let language_bound = list.language_bound();
        let terms = list.terms;
        let is_known = known(&terms);
        let named = terms
            .iter()
            .any(|(t, _)| !parts.contains(t) && snapshot.doc_freq.contains_key(t));
        let idf = concept_idf(snapshot, &terms);
        concepts.push(Concept {
            word: lower,
            terms,
            idf,
            known: is_known,
            named,
            parts,
            acronym: !shouting && is_acronym(word.text),
            equivalents: equivalents.into_iter().map(|(word, _)| word).collect(),
            language_bound,
        });
    }
    let intents = intent_concepts(question, snapshot);
    if !intents.is_empty() {
        // "How *long* …" asks about time; "long" would find "as long as".
        concepts.retain(|c| !INTENT_FILLERS.contains(&c.word.as_str()));
    }
    concepts.extend(intents);
    QueryPlan { lang, concepts }
}

/// A word written in capitals, as acronyms are: "TTS", "GSA", "FBI".
fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    (2..=5).contains(&letters) && word.chars().all(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// What some ways of asking are about, though their words are all noise: "Was passiert,
/// wenn …?" asks about consequences, "Who approves …?" about who is responsible, "How
/// long …?" about processing times.
const INTENTS: &[(&[&str], &[&str])] = &[
    (
        &[
            "was passiert",
            "what happens",
            "what will happen",
            "what can happen",
            "worst that can happen",
            "get fired",
            "be fired",
            "fire me",
            "was droht",
            "welche folgen",
            "gefeuert",
            "rausgeschmissen",
        ],
        &[
            "konsequenzen",
            "folgen",
            "consequences",
            "verstöße",
            "breaches",
            "penalties",
            "sanctions",
            "maßnahmen",
        ],
    ),
    (
        &[
            "wer ist zuständig",
            "wer entscheidet",
            "wer gibt",
            "wen frage",
            "an wen",
            "wie erreiche",
            "who approves",
            "who decides",
            "who is responsible",
            "who do i ask",
            "who do i contact",
            "who can i ask",
            "how do i reach",
            "how do i contact",
        ],
        &[
            "zuständig",
            "zuständigkeiten",
            "ansprechpartner",
            "kontakt",
            "responsible",
            "contact",
            "contacts",
        ],
    ),
    (
        &[
            "how much time",
            "how much of my time",
            "how often may",
            "wie viel zeit",
            "wie viel darf",
            "wie oft darf",
        ],
        &[
            "reasonable",
            "measure",
            "angemessen",
            "angemessenem",
            "umfang",
        ],
    ),
    (
        &[
            "wie lange",
            "wie schnell",
            "how long",
            "how quickly",
            "how fast",
        ],
        &[
            "bearbeitungszeit",
            "bearbeitungszeiten",
            "dauer",
            "tage",
            "days",
            "hours",
        ],
    ),
    (
        // Since when a rule applies: its entry into force.
        &[
            "seit wann",
            "ab wann gilt",
            "ab wann gelten",
            "since when",
            "take effect",
            "takes effect",
            "in kraft",
            "come into force",
        ],
        &["inkrafttreten", "kraft", "effective", "force"],
    ),
];

/// Words of an intent's phrase that would otherwise count as the question's topic.
const INTENT_FILLERS: &[&str] = &[
    "seit", "since", "kraft", "long", "lange", "quickly", "schnell", "fast", "time", "zeit",
    "much", "viel", "often", "oft", "fire", "fired", "gefeuert", "worst",
];

/// Concepts for the intents a question's way of asking shows; only terms the
/// guidelines use count.
fn intent_concepts(question: &str, snapshot: &Snapshot) -> Vec<Concept> {
    let lower = question.to_lowercase();
    let analyzer = &snapshot.analyzer;
    INTENTS
        .iter()
        .filter(|(phrases, _)| phrases.iter().any(|p| lower.contains(p)))
        .filter_map(|(phrases, words)| {
            let mut terms: Vec<(String, f32)> = Vec::new();
            for word in words.iter() {
                for l in [Lang::De, Lang::En] {
                    let term = analyzer.stem(word, l);
                    if snapshot.doc_freq.contains_key(&term)
                        && !terms.iter().any(|(t, _)| *t == term)
                    {
                        terms.push((term, 0.8));
                    }
                }
            }
            (!terms.is_empty()).then(|| Concept {
                word: phrases[0].to_string(),
                idf: concept_idf(snapshot, &terms),
                terms,
                known: true,
                named: true,
                parts: Vec::new(),
                acronym: false,
                equivalents: Vec::new(),
                language_bound: Vec::new(),
            })
        })
        .collect()
}

/// Synonyms of a word, looked up by the word itself and by its stem, so "poste" finds
/// the entry for "posten".
fn synonym_words(
    synonyms: &Synonyms,
    analyzer: &analysis::Analyzer,
    word: &str,
    lang: Lang,
) -> Vec<(String, Option<Lang>)> {
    let mut out: Vec<(String, Option<Lang>)> = Vec::new();
    for l in [lang, lang.other()] {
        let stem = analyzer.stem(word, l);
        let found =
            synonyms
                .lookup(word, l)
                .iter()
                .chain(synonyms.lookup_stem(&stem, l, |key, l| analyzer.stem(key, l)));
        for synonym in found {
            let bound = synonyms.language_of(synonym, l);
            match out.iter_mut().find(|(w, _)| w == synonym) {
                Some((_, known)) if *known != bound => *known = None,
                Some(_) => {}
                None => out.push((synonym.clone(), bound)),
            }
        }
    }
    out.sort();
    out
}

/// A concept's informativeness: the IDF of its best-weighted known term; an unknown
/// concept counts as maximally informative (it is what the guidelines lack).
fn concept_idf(snapshot: &Snapshot, terms: &[(String, f32)]) -> f32 {
    let max_idf = snapshot.idf("\u{0}never-a-term");
    terms
        .iter()
        .filter(|(t, _)| snapshot.doc_freq.contains_key(t))
        .map(|(t, w)| (snapshot.idf(t), *w))
        .max_by(|a, b| a.1.total_cmp(&b.1).then(b.0.total_cmp(&a.0)))
        .map_or(max_idf, |(idf, _)| idf)
}

/// IDF-weighted share of the concepts a term set covers (0–1), and the IDF mass matched.
/// Unknown concepts weigh `unknown_weight` of their IDF.
pub fn coverage(
    plan: &QueryPlan,
    unknown_weight: f32,
    has_term: impl Fn(&str) -> bool,
) -> (f32, f32) {
    let weight = |c: &Concept| {
        if c.known {
            c.idf
        } else {
            c.idf * unknown_weight
        }
    };
    let total: f32 = plan.concepts.iter().map(weight).sum();
    if total <= 0.0 {
        return (0.0, 0.0);
    }
    let mut covered = 0.0;
    let mut mass = 0.0;
    for concept in &plan.concepts {
        let strength = concept_strength(concept, &has_term);
        covered += weight(concept) * strength;
        mass += concept.idf * strength;
    }
    (covered / total, mass)
}

/// How much of the question the best run of a few consecutive sentences covers, with
/// what `also` covers (the headings); `None` for a section short enough to be read
/// whole.
fn best_window_coverage(
    windows: &[HashSet<String>],
    plan: &QueryPlan,
    unknown: f32,
    also: impl Fn(&str) -> bool,
) -> Option<f32> {
    windows
        .iter()
        .map(|window| coverage(plan, unknown, |t| also(t) || window.contains(t)).0)
        .reduce(f32::max)
}

/// Rates a section's sentences against the question.
struct SentenceRater<'a> {
    plan: &'a QueryPlan,
    /// What the question asks beyond the section's headings.
    beyond_topic: Option<&'a QueryPlan>,
    analyzer: &'a analysis::Analyzer,
    lang: Lang,
    unknown: f32,
}

impl passage::Rate for SentenceRater<'_> {
    fn rate(&self, text: &str) -> passage::Relevance {
        let terms = self.analyzer.term_set(text, self.lang);
        passage::Relevance {
            coverage: coverage(self.plan, self.unknown, |t| terms.contains(t)).0,
            specific: self
                .beyond_topic
                .map_or(0.0, |p| coverage(p, 0.0, |t| terms.contains(t)).0),
        }
    }

    fn coverage_by_heads(&self, text: &str) -> f32 {
        let terms = self.analyzer.head_term_set(text, self.lang);
        coverage(self.plan, self.unknown, |t| terms.contains(t)).0
    }
}

/// Whether the question states that a permission's condition holds: "If you are
/// speaking at an event, it is okay to post live" for "I'm giving a talk at a conference
/// — may I live-tweet it?". Only a condition that opens the sentence ("If …, …", "Wenn
/// …, …") counts, and every one of its words must be among the question's.
fn condition_met(
    plan: &QueryPlan,
    analyzer: &analysis::Analyzer,
    sentence: &str,
    lang: Lang,
) -> bool {
    let Some(clause) = leading_condition(sentence) else {
        return false;
    };
    // The condition's content words: "someone", "you" and the like say nothing.
    let terms = analyzer.whole_word_terms(clause, lang, |w| !analysis::is_question_noise(w, lang));
    !terms.is_empty()
        && terms
            .iter()
            .all(|term| plan.concepts.iter().any(|c| c.has_term(|t| t == term)))
}

/// The condition a sentence opens with, up to the comma that ends it.
fn leading_condition(sentence: &str) -> Option<&str> {
    let lower = sentence.trim_start().to_lowercase();
    let opener = ["if ", "wenn ", "falls ", "sofern "]
        .iter()
        .find(|o| lower.starts_with(**o))?;
    let text = sentence.trim_start();
    let rest = text.get(opener.len()..)?;
    let (clause, main) = rest.split_once(',')?;
    (!main.trim().is_empty()).then_some(clause)
}

/// The question's concepts that have a term passing `has` (in a section, a sentence…).
fn concepts_in<'a>(
    plan: &'a QueryPlan,
    has: impl Fn(&str) -> bool + 'a,
) -> impl Iterator<Item = &'a Concept> {
    plan.concepts.iter().filter(move |c| c.has_term(&has))
}

/// A restriction given on less evidence than other verdicts must state at least this
/// many of the question's concepts.
const MIN_RESTRICTION_CONCEPTS: usize = 2;

/// A restriction stating just one of the question's concepts needs that concept to be
/// at least this rare: a word most sections share says nothing of the rule.
const MIN_SOLE_CONCEPT_IDF: f32 = 2.0;

/// Below this IDF a question word is too common to tell a section's rules apart.
const MIN_SPECIFIC_IDF: f32 = 1.0;

/// What the question asks beyond a section's topic: its known concepts that the
/// section's headings don't name. `None` when the headings name them all.
fn beyond_topic(plan: &QueryPlan, in_headings: impl Fn(&str) -> bool) -> Option<QueryPlan> {
    let concepts: Vec<Concept> = plan
        .concepts
        .iter()
        // Words in nearly every section (the company's name) tell no rule apart.
        .filter(|c| c.known && c.idf >= MIN_SPECIFIC_IDF)
        .filter(|c| !c.terms.iter().any(|(t, w)| *w >= 0.6 && in_headings(t)))
        .cloned()
        .collect();
    (!concepts.is_empty()).then_some(QueryPlan {
        lang: plan.lang,
        concepts,
    })
}

/// How strongly a term set matches a concept (0–1): its best-weighted term, except that
/// a compound's parts count by how many of them match — "Unternehmensname" shares only
/// the "Name" of "Kundenname".
pub(crate) fn concept_strength(concept: &Concept, has_term: &impl Fn(&str) -> bool) -> f32 {
    let direct = concept
        .terms
        .iter()
        .filter(|(t, _)| !concept.parts.contains(t) && has_term(t))
        .map(|(_, w)| *w)
        .fold(0.0, f32::max);
    let parts = concept.parts.len();
    let matched = concept.parts.iter().filter(|p| has_term(p)).count();
    let from_parts = if matched == 0 {
        0.0
    } else {
        COMPOUND_PART_WEIGHT * (0.5 + 0.5 * matched as f32 / parts as f32)
    };
    direct.max(from_parts)
}

/// A concept matched at least this strongly counts as matched evidence.
const FIRM_MATCH: f32 = 0.5;

/// What a compound's parts weigh together, when all of them match.
const COMPOUND_PART_WEIGHT: f32 = 0.8;

fn build_query(plan: &QueryPlan, snapshot: &Snapshot) -> BooleanQuery {
    let fields = snapshot.fields;
    let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
    for concept in &plan.concepts {
        for (term, weight) in &concept.terms {
            if !snapshot.doc_freq.contains_key(term) {
                continue;
            }
            for (field, boost) in [
                (fields.heading, HEADING_BOOST),
                (fields.path, PATH_BOOST),
                (fields.title, TITLE_BOOST),
                (fields.body, BODY_BOOST),
            ] {
                let query = TermQuery::new(
                    Term::from_field_text(field, term),
                    IndexRecordOption::WithFreqs,
                );
                clauses.push((
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(query), boost * weight)),
                ));
            }
        }
    }
    BooleanQuery::new(clauses)
}

/// A candidate section after re-ranking.
#[derive(Debug, Clone)]
struct Candidate {
    ord: usize,
    score: f32,
    /// The score before the rules for the asker's class of people were put first.
    unadjusted_score: f32,
    /// The question names another document: this section's rules are not the ones asked
    /// about, and its verdict is not the answer.
    named_elsewhere: bool,
    coverage: f32,
    matched_idf: f32,
    matched_concepts: usize,
    /// How many of the question's concepts the verdict's sentence states…
    verdict_concepts: usize,
    /// …and the IDF of the rarest of them.
    verdict_concept_idf: f32,
    /// The section is in the question's language.
    same_lang: bool,
    features: Features,
    quote: passage::Quote,
}

impl Candidate {
    /// Whether the section's verdict answers the question. It does when the section
    /// matches the question well and the verdict's sentence speaks to it; an FAQ answer
    /// ("No. …") answers the question in its heading, so it does when the heading
    /// matches. A section of a document the question doesn't ask about answers nothing.
    fn verdict_is_clear(&self, tuning: &Tuning) -> bool {
        let quote = &self.quote;
        if self.named_elsewhere {
            return false;
        }
        match quote.verdict_basis {
            Some(passage::VerdictBasis::Answer) => {
                self.features.heading_coverage >= tuning.min_answer_heading_coverage
                    || self.coverage >= tuning.min_answer_section_coverage
            }
            Some(_) => {
                let clear = self.coverage >= tuning.min_verdict_coverage
                    && quote.verdict_relevance >= tuning.min_verdict_relevance;
                // The cautious answer on less evidence, but never on one common shared
                // word: a sentence that meets the question in "post" alone is no rule
                // about it. One rare word of the question's own language ("Dienst-PC",
                // "block") is, when the section covers much of the question.
                let sole_rare_concept = self.verdict_concepts == 1
                    && self.verdict_concept_idf >= MIN_SOLE_CONCEPT_IDF
                    && self.same_lang
                    && self.coverage >= tuning.min_verdict_coverage;
                let cautious = quote.verdict.is_some_and(Verdict::restricts)
                    && (self.verdict_concepts >= MIN_RESTRICTION_CONCEPTS || sole_rare_concept)
                    && self.coverage >= tuning.min_restriction_coverage
                    && quote.verdict_relevance >= tuning.min_restriction_relevance;
                clear || cautious
            }
            None => false,
        }
    }
}

/// What the re-ranking looks at, per candidate.
#[derive(Debug, Clone, Copy, Default, serde::Serialize)]
struct Features {
    bm25: f32,
    bm25_norm: f32,
    coverage: f32,
    window_coverage: f32,
    heading_coverage: f32,
    own_heading_coverage: f32,
    sentence_coverage: f32,
    phrase_coverage: f32,
    document_coverage: f32,
}

/// The share of the question's neighbouring concept pairs ("campaign email", "profile
/// picture") that stand close together in the section: the proximity bonus.
fn pair_coverage(plan: &QueryPlan, pairs: &HashSet<(String, String)>) -> f32 {
    let neighbours: Vec<(&Concept, &Concept)> =
        plan.concepts.windows(2).map(|w| (&w[0], &w[1])).collect();
    if neighbours.is_empty() {
        return 0.0;
    }
    let primary = |c: &Concept| {
        c.terms
            .iter()
            .filter(|(_, w)| *w >= 0.6)
            .map(|(t, _)| t.clone())
            .collect::<Vec<_>>()
    };
    let matched = neighbours
        .iter()
        .filter(|(a, b)| {
            let (a, b) = (primary(a), primary(b));
            a.iter().any(|x| {
                b.iter().any(|y| {
                    pairs.contains(&(x.clone(), y.clone()))
                        || pairs.contains(&(y.clone(), x.clone()))
                })
            })
        })
        .count();
    matched as f32 / neighbours.len() as f32
}

/// Answers a question from a snapshot.
pub fn answer(
    snapshot: &Snapshot,
    synonyms: &Synonyms,
    question: &str,
    contact: &str,
    tuning: &Tuning,
) -> Result<Answer> {
    let question = question.trim();
    if analysis::words(question).is_empty() {
        // Web addresses are no words: a question of nothing else is not empty, but says
        // nothing to search for.
        let message = if question.chars().any(char::is_alphanumeric) {
            "the question is only a web address: say what you want to do with it, e.g. \"Darf ich diesen Link auf LinkedIn teilen?\""
        } else {
            "the question is empty: ask about something, e.g. \"Darf ich Fotos von Kollegen posten?\""
        };
        return Err(Error::BadQuestion(message.into()));
    }
    let plan = plan(question, snapshot, synonyms);
    let mut answer = Answer {
        question: question.to_string(),
        abstained: true,
        verdict: None,
        passages: Vec::new(),
        lang: plan.lang,
        contact: contact.to_string(),
        more: Vec::new(),
    };
    if !plan.concepts.iter().any(|c| c.known) {
        return Ok(answer);
    }
    let candidates = rank(snapshot, &plan, question, tuning)?;
    if std::env::var_os("GUIDEBOT_DEBUG_RANKING").is_some() {
        debug_ranking(snapshot, &plan, &candidates, tuning);
    }
    let Some(best) = candidates.first() else {
        return Ok(answer);
    };
    // Thin evidence (one matched word, little IDF mass) only counts against a question
    // that also asks about something the guidelines never mention: "Urlaub beantragen"
    // matching "Freigabe beantragen" is not an answer.
    let has_unknown = plan.concepts.iter().any(|c| !c.named);
    let thin_evidence = best.matched_idf < tuning.min_matched_idf || best.matched_concepts < 2;
    // A question outside guidebot's world ("How do I request vacation days?") that
    // doesn't ask what is allowed must be matched nearly completely — by the section or
    // by its headings (a question naming a guideline's topic is on topic).
    let outside_world =
        !verdict::asks_permission(question) && !scope::mentions_communication(question);
    let off_topic = (outside_world || scope::asks_for_craft(question))
        && best.features.heading_coverage < tuning.min_off_topic_heading_coverage
        && best.coverage < tuning.min_off_topic_coverage;
    // How much of the question the guidelines cover. The rules for the asker's class of
    // people may rank first while covering less than the passage that would rank first
    // without that: its coverage counts too.
    let first_unadjusted = candidates
        .iter()
        .max_by(|a, b| a.unadjusted_score.total_cmp(&b.unadjusted_score));
    let covered = first_unadjusted.map_or(best.coverage, |c| c.coverage.max(best.coverage));
    if covered < tuning.min_coverage || (has_unknown && thin_evidence) || off_topic {
        return Ok(answer);
    }
    let floor = best.coverage * tuning.min_relative_coverage;
    let shown: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| c.coverage >= floor)
        .take(9)
        .collect();
    let mut passages: Vec<Passage> = shown
        .iter()
        .map(|c| to_passage(snapshot, c, tuning))
        .collect();
    answer.abstained = false;
    let faq_answer = answers_the_very_question(best, &candidates[1..], tuning);
    // "Who counts as further restricted?" asks no permission: no verdict on it, though
    // the passages may state some.
    let asks_information =
        verdict::asks_information(question) && !verdict::asks_permission(question);
    let states_rule: Vec<bool> = shown.iter().map(|c| c.quote.verdict.is_some()).collect();
    answer.verdict =
        overall_verdict(&passages, &states_rule, faq_answer, tuning).filter(|_| !asks_information);
    answer.more = passages.split_off(passages.len().min(3));
    answer.passages = passages;
    Ok(answer)
}

/// How much more of the question a rival FAQ's heading must cover to be the better
/// match: headings of neighbouring FAQs share most words, and a word's worth decides.
const CLEARLY_MORE: f32 = 0.1;

/// Whether the best passage is an FAQ answer to the very question asked: its heading
/// (the FAQ's question) covers much of it — one that shares a word or two ("Twitter")
/// answers another question — and no close runner-up's heading covers more ("profile
/// picture" asks the FAQ on profile pictures, not the one on cover photos whose answer
/// mentions profiles).
fn answers_the_very_question(best: &Candidate, rivals: &[Candidate], tuning: &Tuning) -> bool {
    let heading_coverage = best.features.heading_coverage;
    best.quote.verdict_basis == Some(passage::VerdictBasis::Answer)
        && heading_coverage >= tuning.min_faq_question_coverage
        && !rivals.iter().any(|rival| {
            best.score - rival.score < tuning.min_allowed_margin
                && rival.features.heading_coverage > heading_coverage + CLEARLY_MORE
        })
}

/// The answer's verdict: the best passage's, unless a runner-up that matches the question
/// just as well says something else — then the question is too broad for one verdict
/// ("Darf ich Fotos posten?" touches the rule on children and the one on colleagues).
///
/// "Allowed" is the answer that must be surest (wrongly given, it is the worst answer):
/// unless an FAQ answers the very question ("May I …? Yes."), it stands only when the
/// best passage clearly beats every runner-up that doesn't also say "allowed".
/// `states_rule` says, per passage, whether its section states any verdict, clear or not.
fn overall_verdict(
    passages: &[Passage],
    states_rule: &[bool],
    faq_answer: bool,
    tuning: &Tuning,
) -> Option<Verdict> {
    let best = passages.first()?;
    let contested = passages.iter().skip(1).any(|p| {
        p.score >= tuning.contested_share * best.score
            && p.verdict.is_some_and(|v| Some(v) != best.verdict)
    });
    // The introduction of the best rule's own page, stating no rule itself, is no rival.
    let introduces_best = |p: &Passage| {
        p.verdict.is_none()
            && p.file == best.file
            && p.heading_path.len() < best.heading_path.len()
            && best.heading_path.starts_with(&p.heading_path)
    };
    // Nor is a runner-up that also says "allowed" (often the same rule in the other
    // language), or one whose section states no rule at all (a definition): it
    // contradicts nothing.
    let close_rival = passages
        .iter()
        .zip(states_rule)
        .skip(1)
        .any(|(p, &states)| {
            best.score - p.score < tuning.min_allowed_margin
                && p.verdict != Some(Verdict::Allowed)
                && (states || p.verdict.is_some())
                && !introduces_best(p)
        });
    let unsure_permission = best.verdict == Some(Verdict::Allowed) && !faq_answer && close_rival;
    if contested || unsure_permission {
        None
    } else {
        best.verdict
    }
}

/// The documents a question names: with guidelines from several sources, a word of one
/// or two documents' titles or file names that no other document uses (their
/// organisation's or project's name: "Stadtwerke", "matplotlib", "Hatch Act") says
/// which document is asked about. `None` when the question names none (a company's own
/// name, used by all its documents, names none).
fn named_documents(plan: &QueryPlan, snapshot: &Snapshot) -> Option<NamedDocuments> {
    const MIN_DOCUMENTS: usize = 3;
    const MAX_NAMED: usize = 2;
    if snapshot.document_titles.len() < MIN_DOCUMENTS {
        return None;
    }
    let mut named = NamedDocuments::default();
    // The word itself, or its equivalent in another document's language: a synonym
    // in the question's own language names nothing.
    for concept in plan.concepts.iter().filter(|c| c.named) {
        let naming: Vec<(&String, &str)> = snapshot
            .document_titles
            .iter()
            .filter_map(|(file, title)| {
                naming_word(snapshot, plan, concept, title).map(|word| (file, word))
            })
            .collect();
        let users = |file: &String, word: &str| {
            let term = snapshot
                .analyzer
                .stem(word, snapshot.document_titles[file].lang);
            snapshot
                .document_terms
                .iter()
                .filter(|(_, terms)| terms.contains(&term))
                .map(|(user, _)| user)
                .collect::<Vec<_>>()
        };
        let users_of_naming: Vec<Vec<&String>> = naming
            .iter()
            .map(|(file, word)| users(file, word))
            .collect();
        let naming: Vec<&String> = naming.into_iter().map(|(file, _)| file).collect();
        // A word most documents use names none of them. The few that use it speak of
        // what it names ("federal" names the Hatch Act page and is the FAQ's word too).
        if !naming.is_empty() && users_of_naming.iter().all(|u| u.len() <= MAX_NAMED) {
            named
                .files
                .extend(users_of_naming.into_iter().flatten().cloned());
            named.files.extend(naming.into_iter().cloned());
            named
                .naming_terms
                .extend(concept.terms.iter().map(|(term, _)| term.clone()));
        }
    }
    (!named.files.is_empty()).then_some(named)
}

/// The documents a question names, and the terms of the words that name them.
#[derive(Debug, Default)]
struct NamedDocuments {
    files: HashSet<String>,
    /// Every section of a named document speaks of what its name names: "matplotlib" in
    /// "should the matplotlib account follow Guido?" is covered by matplotlib's
    /// "Following Guide", which never repeats the project's name.
    naming_terms: HashSet<String>,
}

/// The word by which a question word names a document: the word itself when it is in
/// the document's title or file name. Across languages only a longer word counts, as
/// names are ("Stadtwerke" in an English question names the German instruction, English
/// "mark" does not name the German "Logo und Marke"), or one written in capitals ("TTS").
/// A word no document of its own language uses may also name a document by its
/// glossary equivalent, if a long one: "Bundesbediensteter" names the page on federal
/// employees, while "Arbeitsplatz", the German pages' own word, names no English page on
/// the workplace.
fn naming_word<'a>(
    snapshot: &Snapshot,
    plan: &QueryPlan,
    concept: &'a Concept,
    title: &DocumentTitle,
) -> Option<&'a str> {
    let analyzer = &snapshot.analyzer;
    if title.lang == plan.lang {
        if title.has_word(analyzer, &concept.word) {
            return Some(&concept.word);
        }
        // A short form the guidelines never write ("k8s", "OSC") names what the synonym
        // list spells out ("kubernetes"); an everyday word ("benutze") names nothing.
        let short_form = concept.acronym || concept.word.chars().any(|c| c.is_ascii_digit());
        let unwritten = short_form
            && !snapshot
                .doc_freq
                .contains_key(&analyzer.stem(&concept.word, plan.lang));
        if !unwritten {
            return None;
        }
        return concept
            .equivalents
            .iter()
            .find(|word| title.has_word(analyzer, word))
            .map(String::as_str);
    }
    let long = |word: &str| word.chars().count() >= MIN_NAME_ACROSS_LANGUAGES;
    if (long(&concept.word) || concept.acronym) && title.has_word(analyzer, &concept.word) {
        return Some(&concept.word);
    }
    let own_term = analyzer.stem(&concept.word, plan.lang);
    let used_in_own_language = snapshot.document_terms.iter().any(|(file, terms)| {
        snapshot
            .document_titles
            .get(file)
            .is_some_and(|t| t.lang == plan.lang)
            && terms.contains(&own_term)
    });
    if used_in_own_language {
        return None;
    }
    concept
        .equivalents
        .iter()
        .find(|word| {
            word.chars().count() >= MIN_NAME_BY_EQUIVALENT && title.has_word(analyzer, word)
        })
        .map(String::as_str)
}

/// Words shorter than this name no document written in the other language.
const MIN_NAME_ACROSS_LANGUAGES: usize = 6;

/// A glossary equivalent names a document only when it is at least this long: the
/// shorter ones are everyday words ("Medien" for "journalist", "office" for "Büro").
const MIN_NAME_BY_EQUIVALENT: usize = 7;

fn rank(
    snapshot: &Snapshot,
    plan: &QueryPlan,
    question: &str,
    tuning: &Tuning,
) -> Result<Vec<Candidate>> {
    let named = named_documents(plan, snapshot);
    let asked_class = audience::asked_class(&snapshot.classes, plan, question, snapshot);
    let asks_permission = verdict::asks_permission(question);
    let query = build_query(plan, snapshot);
    let searcher = snapshot.reader.searcher();
    let hits = searcher.search(
        &query,
        &TopDocs::with_limit(tuning.candidates).order_by_score(),
    )?;
    let max_bm25 = hits.first().map_or(1.0, |(s, _)| s.max(f32::EPSILON));
    let mut found: Vec<(f32, usize)> = Vec::with_capacity(hits.len());
    for (bm25, address) in hits {
        let doc: TantivyDocument = searcher.doc(address)?;
        if let Some(ord) = doc.get_first(snapshot.fields.ord).and_then(|v| v.as_u64()) {
            found.push((bm25, ord as usize));
        }
    }
    // Every section of a named document is a candidate: its name counts as covered there,
    // which BM25 does not know ("how should the matplotlib account talk about itself?"
    // asks matplotlib's "Twitter Persona", whose text shares only "person" with it).
    if let Some(named) = &named {
        let seen: HashSet<usize> = found.iter().map(|&(_, ord)| ord).collect();
        let more = snapshot
            .sections
            .iter()
            .enumerate()
            .filter(|(ord, section)| named.files.contains(&section.file) && !seen.contains(ord))
            .map(|(ord, _)| (0.0, ord));
        found.extend(more);
    }
    // The question as each language's sections see it: translations count in their own.
    let (plan_de, plan_en) = (plan.for_section_in(Lang::De), plan.for_section_in(Lang::En));
    let mut candidates = Vec::with_capacity(found.len());
    for (bm25, ord) in found {
        let Some(section) = snapshot.sections.get(ord) else {
            continue;
        };
        let plan = match section.lang {
            Lang::De => plan_de.as_ref(),
            Lang::En => plan_en.as_ref(),
        };
        let terms = &snapshot.section_terms[ord];
        let unknown = tuning.unknown_weight;
        let in_named = named.as_ref().filter(|n| n.files.contains(&section.file));
        let names_document = |t: &str| in_named.is_some_and(|n| n.naming_terms.contains(t));
        let (section_coverage, matched_idf) = coverage(plan, unknown, |t| {
            terms.heading.contains(t) || terms.body.contains(t) || names_document(t)
        });
        let window_coverage = best_window_coverage(&terms.windows, plan, unknown, |t| {
            terms.heading.contains(t) || names_document(t)
        })
        .unwrap_or(section_coverage);
        let (heading_coverage, _) = coverage(plan, unknown, |t| terms.heading.contains(t));
        let analyzer = &snapshot.analyzer;
        let beyond_topic = beyond_topic(plan, |t| terms.heading.contains(t));
        let rater = SentenceRater {
            plan,
            beyond_topic: beyond_topic.as_ref(),
            analyzer,
            lang: section.lang,
            unknown,
        };
        let mut quote = passage::quote(section, question, rater);
        if quote.verdict == Some(Verdict::Conditional)
            && quote.verdict_basis != Some(passage::VerdictBasis::Answer)
            && quote
                .verdict_sentence
                .as_deref()
                .is_some_and(|sentence| condition_met(plan, analyzer, sentence, section.lang))
        {
            quote.verdict = Some(Verdict::Allowed);
        }
        let phrase_coverage = pair_coverage(plan, &terms.pairs);
        let document_coverage = snapshot
            .document_terms
            .get(&section.file)
            .map_or(0.0, |doc| coverage(plan, unknown, |t| doc.contains(t)).0);
        let (own_heading_coverage, _) = coverage(plan, unknown, |t| terms.own_heading.contains(t));
        let features = Features {
            bm25,
            bm25_norm: bm25 / max_bm25,
            coverage: section_coverage,
            window_coverage,
            heading_coverage,
            own_heading_coverage,
            sentence_coverage: quote.best_sentence_coverage,
            phrase_coverage,
            document_coverage,
        };
        let same_lang = if section.lang == plan.lang { 1.0 } else { 0.0 };
        // Weights fitted on the dev sets (see the retrieval issue's closing note): how much
        // of the question the section and its headings cover matters most (half of it
        // counted in the best few consecutive sentences, so that a long section does not
        // win by covering a little everywhere), then whether one sentence covers it and
        // whether neighbouring question words stand together;
        // BM25, the question's language and how much of it the whole document speaks to
        // break ties.
        let score = 0.2 * features.bm25_norm
            + 0.25 * (section_coverage + window_coverage)
            + 0.35 * heading_coverage
            + 0.35 * quote.best_sentence_coverage
            + 0.2 * phrase_coverage
            + 0.1 * same_lang
            + 0.1 * document_coverage;
        let named_elsewhere = named.is_some() && in_named.is_none();
        let score = if named_elsewhere {
            score * tuning.named_elsewhere
        } else {
            score
        };
        let unadjusted_score = score;
        let score = score
            + asked_class.map_or(0.0, |asked| {
                audience::adjustment(asked, &snapshot.classes, ord, snapshot, asks_permission)
            });
        // The verdict's sentence, read once for how many of the question's concepts it
        // states and how rare the rarest of them is. The name of the document asked
        // about counts as stated by each of its rules: for "can I DM @kubernetesio and
        // ask them to tweet …?", "The kubernetesio account will not … reply to any
        // accounts" states two concepts; a name is no rare word of the rule, though.
        let verdict_terms = quote
            .verdict_sentence
            .as_deref()
            .map(|sentence| analyzer.term_set(sentence, section.lang));
        let (verdict_concepts, verdict_concept_idf) =
            verdict_terms.as_ref().map_or((0, 0.0), |terms| {
                (
                    concepts_in(plan, |t| terms.contains(t) || names_document(t)).count(),
                    concepts_in(plan, |t| terms.contains(t))
                        .map(|c| c.idf)
                        .fold(0.0, f32::max),
                )
            });
        candidates.push(Candidate {
            ord,
            score,
            unadjusted_score,
            named_elsewhere,
            coverage: section_coverage,
            matched_idf,
            features,
            // A concept met only by a part of a synonym ("Büro" in an "office" question
            // via "Bürogebäude") is too loose a match to count as evidence.
            matched_concepts: plan
                .concepts
                .iter()
                .filter(|c| {
                    concept_strength(c, &|t: &str| {
                        terms.heading.contains(t) || terms.body.contains(t) || names_document(t)
                    }) >= FIRM_MATCH
                })
                .count(),
            verdict_concepts,
            verdict_concept_idf,
            same_lang: section.lang == plan.lang,
            quote,
        });
    }
    candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.ord.cmp(&b.ord)));
    Ok(candidates)
}

fn to_passage(snapshot: &Snapshot, candidate: &Candidate, tuning: &Tuning) -> Passage {
    let section = &snapshot.sections[candidate.ord];
    let quote = &candidate.quote;
    let clear = candidate.verdict_is_clear(tuning);
    let verdict: Option<Verdict> = quote.verdict.filter(|_| clear);
    Passage {
        file: section.file.clone(),
        title: section.title.clone(),
        heading_path: section.heading_path.clone(),
        anchor: section.anchor.clone(),
        line_start: quote.line_start,
        line_end: quote.line_end,
        score: (candidate.score * 1000.0).round() / 1000.0,
        text: quote.text.clone(),
        verdict,
        verdict_sentence: verdict.and(quote.verdict_sentence.clone()),
        section_line_start: section.line_start,
        section_line_end: section.line_end,
        stale: snapshot.is_stale(section),
    }
}

/// Prints the query plan and the top candidates to stderr, for tuning: one JSON line
/// per candidate with each concept's match strength in headings, body and best sentence.
fn debug_ranking(snapshot: &Snapshot, plan: &QueryPlan, candidates: &[Candidate], tuning: &Tuning) {
    for (rank, c) in candidates.iter().enumerate() {
        let s = &snapshot.sections[c.ord];
        let terms = &snapshot.section_terms[c.ord];
        let concepts: Vec<serde_json::Value> = plan
            .concepts
            .iter()
            .map(|concept| {
                serde_json::json!({
                    "word": concept.word, "idf": concept.idf, "known": concept.known, "terms": concept.terms,
                    "df": concept.terms.iter().map(|(t, _)| snapshot.doc_freq.get(t).copied().unwrap_or(0)).max(),
                    "heading": concept_strength(concept, &|t: &str| terms.heading.contains(t)),
                    "own": concept_strength(concept, &|t: &str| terms.own_heading.contains(t)),
                    "body": concept_strength(concept, &|t: &str| terms.body.contains(t) || terms.heading.contains(t)),
                })
            })
            .collect();
        let line = serde_json::json!({
            "rank": rank, "score": c.score, "same_lang": s.lang == plan.lang, "coverage": c.coverage, "file": s.file,
            "heading": s.heading_path.join(" > "), "sentence": c.quote.best_sentence_coverage,
            "concepts": concepts, "n": snapshot.sections.len(), "features": c.features,
            "matched_concepts": c.matched_concepts, "matched_idf": c.matched_idf,
            "verdict": c.quote.verdict, "verdict_relevance": c.quote.verdict_relevance,
            "verdict_sentence": c.quote.verdict_sentence, "verdict_specific": c.quote.verdict_specific,
            "verdict_basis": c.quote.verdict_basis.map(|b| format!("{b:?}")),
            "clear": c.verdict_is_clear(tuning), "named_elsewhere": c.named_elsewhere,
            "verdict_concept_count": c.verdict_concepts,
            "verdict_concepts": c.quote.verdict_sentence.as_ref().map(|v| {
                let terms = snapshot.analyzer.term_set(v, s.lang);
                concepts_in(plan, |t| terms.contains(t)).map(|k| k.word.clone()).collect::<Vec<_>>()
            }),
        });
        eprintln!("RANKING {line}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn doubt_in_two_words_becomes_the_one_word_synonyms_know() {
        assert_eq!(
            one_word_doubt("Not sure if my post for the Wave account is OK"),
            "unsure if my post for the Wave account is OK"
        );
        assert_eq!(
            one_word_doubt("Bin nicht sicher, ob ich das Foto posten darf"),
            "Bin unsicher, ob ich das Foto posten darf"
        );
        assert_eq!(
            one_word_doubt("Darf ich das posten?"),
            "Darf ich das posten?"
        );
    }

    #[test]
    fn emphasis_is_no_part_of_what_is_asked() {
        assert_eq!(
            without_emphasis("Sie will auf keinen Fall fotografiert werden")
                .split_whitespace()
                .collect::<Vec<_>>(),
            ["Sie", "will", "fotografiert", "werden"]
        );
        assert_eq!(
            without_emphasis("Darf ich den Fall posten?"),
            "Darf ich den Fall posten?"
        );
    }

    /// A candidate whose section covers `coverage` of the question and states `verdict`
    /// in a sentence covering `relevance` of it, with `concepts` of its concepts.
    fn candidate(verdict: Verdict, coverage: f32, relevance: f32, concepts: usize) -> Candidate {
        Candidate {
            ord: 0,
            score: 1.0,
            unadjusted_score: 1.0,
            named_elsewhere: false,
            coverage,
            matched_idf: 10.0,
            matched_concepts: 3,
            verdict_concepts: concepts,
            verdict_concept_idf: 3.0,
            same_lang: true,
            features: Features::default(),
            quote: passage::Quote {
                text: String::new(),
                line_start: 1,
                line_end: 1,
                verdict: Some(verdict),
                verdict_sentence: Some("The rule.".into()),
                verdict_relevance: relevance,
                verdict_specific: 0.0,
                verdict_basis: Some(passage::VerdictBasis::Specific),
                best_sentence_coverage: relevance,
            },
        }
    }

    #[test]
    fn conditions_that_open_a_sentence() {
        assert_eq!(
            leading_condition("If you are speaking at an event, it is okay to post live."),
            Some("you are speaking at an event")
        );
        assert_eq!(
            leading_condition("Wenn alle zugestimmt haben, dürfen Sie das Foto posten."),
            Some("alle zugestimmt haben")
        );
        assert_eq!(leading_condition("Posts are okay if approved."), None);
        assert_eq!(leading_condition("If in doubt, ask."), Some("in doubt"));
    }

    #[test]
    fn a_well_matched_rule_states_any_verdict() {
        let tuning = Tuning::default();
        assert!(candidate(Verdict::Allowed, 0.6, 0.5, 3).verdict_is_clear(&tuning));
        assert!(candidate(Verdict::NotAllowed, 0.6, 0.5, 3).verdict_is_clear(&tuning));
    }

    #[test]
    fn restrictions_need_less_evidence_than_permissions() {
        let tuning = Tuning::default();
        // A chatty question: the section covers a quarter of it, the rule's sentence
        // states two of its concepts.
        assert!(candidate(Verdict::NotAllowed, 0.25, 0.18, 2).verdict_is_clear(&tuning));
        assert!(candidate(Verdict::NeedsApproval, 0.25, 0.18, 2).verdict_is_clear(&tuning));
        assert!(!candidate(Verdict::Allowed, 0.25, 0.18, 2).verdict_is_clear(&tuning));
        assert!(!candidate(Verdict::Conditional, 0.25, 0.18, 2).verdict_is_clear(&tuning));
    }

    #[test]
    fn a_restriction_sharing_one_common_word_with_the_question_is_not_clear() {
        let tuning = Tuning::default();
        let mut common = candidate(Verdict::NotAllowed, 0.8, 0.24, 1);
        common.verdict_concept_idf = 1.3;
        assert!(!common.verdict_is_clear(&tuning));
    }

    #[test]
    fn a_restriction_sharing_one_rare_word_in_the_questions_language_is_clear() {
        let tuning = Tuning::default();
        // "Darf ich in der Mittagspause am Dienst-PC kurz Insta checken?" and "Die private
        // Nutzung sozialer Medien am dienstlichen Arbeitsplatzrechner ist nicht gestattet."
        let rare = candidate(Verdict::NotAllowed, 0.5, 0.18, 1);
        assert!(rare.verdict_is_clear(&tuning));
        let mut translated = rare.clone();
        translated.same_lang = false;
        assert!(!translated.verdict_is_clear(&tuning));
        let mut thin = rare.clone();
        thin.coverage = 0.25;
        assert!(!thin.verdict_is_clear(&tuning));
        let mut permission = rare;
        permission.quote.verdict = Some(Verdict::Allowed);
        assert!(!permission.verdict_is_clear(&tuning));
    }

    fn shown(heading: &str, score: f32, verdict: Option<Verdict>) -> Passage {
        Passage {
            file: "rules.md".into(),
            title: "Rules".into(),
            heading_path: vec!["Rules".into(), heading.into()],
            anchor: String::new(),
            line_start: 1,
            line_end: 1,
            score,
            text: String::new(),
            verdict,
            verdict_sentence: None,
            section_line_start: 1,
            section_line_end: 1,
            stale: false,
        }
    }

    #[test]
    fn a_close_runner_up_holds_back_allowed_only_if_it_states_a_rule() {
        let tuning = Tuning::default();
        let passages = [
            shown("Permitted activities", 0.75, Some(Verdict::Allowed)),
            shown("Who is further restricted?", 0.6, None),
        ];
        // The runner-up defines terms and states no rule: it contradicts nothing.
        assert_eq!(
            overall_verdict(&passages, &[true, false], false, &tuning),
            Some(Verdict::Allowed)
        );
        // Its rule is unclear for this question, but it has one: "allowed" is unsure.
        assert_eq!(
            overall_verdict(&passages, &[true, true], false, &tuning),
            None
        );
    }

    #[test]
    fn a_runner_up_within_a_few_percent_with_another_verdict_leaves_no_verdict() {
        let tuning = Tuning::default();
        // Two FAQ entries a question matches almost equally ("forward to my own account"
        // vs "forward to others"): which rule applies is not clear, so no verdict.
        let close = [
            shown("Forward to others?", 1.37, Some(Verdict::NotAllowed)),
            shown("Forward to your own account?", 1.32, Some(Verdict::Allowed)),
        ];
        assert_eq!(overall_verdict(&close, &[true, true], true, &tuning), None);
        let clear = [
            shown("Forward to others?", 1.37, Some(Verdict::NotAllowed)),
            shown("Forward to your own account?", 1.2, Some(Verdict::Allowed)),
        ];
        assert_eq!(
            overall_verdict(&clear, &[true, true], true, &tuning),
            Some(Verdict::NotAllowed)
        );
    }

    /// An FAQ answer whose heading covers `heading_coverage` of the question.
    fn faq(verdict: Verdict, score: f32, heading_coverage: f32) -> Candidate {
        let mut faq = candidate(verdict, 0.7, 0.0, 0);
        faq.score = score;
        faq.features.heading_coverage = heading_coverage;
        faq.quote.verdict_basis = Some(passage::VerdictBasis::Answer);
        faq
    }

    #[test]
    fn an_faq_answers_the_very_question_unless_a_close_one_asks_it_better() {
        let tuning = Tuning::default();
        let cover_photo = faq(Verdict::Allowed, 1.2, 0.5);
        // Alone, or ahead of FAQs whose questions match no better, it answers.
        assert!(answers_the_very_question(&cover_photo, &[], &tuning));
        let similar = faq(Verdict::Conditional, 1.1, 0.55);
        assert!(answers_the_very_question(&cover_photo, &[similar], &tuning));
        // A close FAQ whose question covers clearly more of the asked one.
        let profile_picture = faq(Verdict::Conditional, 1.1, 0.65);
        assert!(!answers_the_very_question(
            &cover_photo,
            std::slice::from_ref(&profile_picture),
            &tuning
        ));
        // Far behind, it is no rival.
        let mut far = profile_picture;
        far.score = 0.5;
        assert!(answers_the_very_question(&cover_photo, &[far], &tuning));
    }

    #[test]
    fn a_document_the_question_does_not_ask_about_gives_no_verdict() {
        let tuning = Tuning::default();
        let mut elsewhere = candidate(Verdict::NotAllowed, 0.9, 0.9, 4);
        elsewhere.named_elsewhere = true;
        assert!(!elsewhere.verdict_is_clear(&tuning));
    }
}
