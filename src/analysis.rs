//! Text analysis shared by indexing and querying: words, stop words, German compound
//! splitting, stemming. Both sides run the same code, so a question's terms meet the
//! guidelines' terms.
//!
//! German: lowercase, stop words out, compounds split against a vocabulary (the index's
//! own words plus a small built-in list), Snowball stemming (which also folds umlauts,
//! ß and the "oe" spelling). English: lowercase, possessives stripped, stop words out,
//! Snowball stemming.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::lang::Lang;

/// Bump when analysis (or how files are cut into sections) changes: an index built with
/// another version is rebuilt.
pub const ANALYSIS_VERSION: u32 = 16;

/// A term produced from a text, with where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    pub term: String,
    /// Word position; compound parts share the whole word's position.
    pub position: usize,
    pub offset_from: usize,
    pub offset_to: usize,
}

/// A word as it stands in a text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Word<'a> {
    pub text: &'a str,
    pub offset_from: usize,
    pub offset_to: usize,
}

/// Splits text into words: runs of letters and digits. An apostrophe between letters
/// stays inside the word ("company's", "don't") so possessives can be handled.
pub fn words(text: &str) -> Vec<Word<'_>> {
    let urls = url_spans(text);
    let mut out = words_with_urls(text);
    // A web address names a place, it says nothing: "https://twitter.com/matplotlib" in
    // a list of venues must not make the list the section about Twitter.
    if !urls.is_empty() {
        out.retain(|w| !urls.iter().any(|u| u.contains(&w.offset_from)));
    }
    out
}

/// Byte ranges of bare web addresses ("https://…", "www.…") up to the next whitespace.
fn url_spans(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut spans = Vec::new();
    let mut from = 0;
    while let Some(found) = ["https://", "http://", "www."]
        .iter()
        .filter_map(|p| text[from..].find(p).map(|i| from + i))
        .min()
    {
        let end = text[found..]
            .find(|c: char| c.is_whitespace() || matches!(c, ')' | '>' | '"'))
            .map_or(text.len(), |i| found + i);
        spans.push(found..end.max(found + 1));
        from = end.max(found + 1);
    }
    spans
}

fn words_with_urls(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (i, &(offset, c)) in chars.iter().enumerate() {
        let inner_apostrophe = (c == '\'' || c == '’')
            && start.is_some()
            && chars.get(i + 1).is_some_and(|(_, n)| n.is_alphabetic());
        // "E-Mail" is one word (and the same as "email"), unlike "Social-Media".
        let e_hyphen = c == '-'
            && start.is_some_and(|s| matches!(&text[s..offset], "e" | "E"))
            && chars.get(i + 1).is_some_and(|(_, n)| n.is_alphabetic());
        if c.is_alphanumeric() || inner_apostrophe || e_hyphen {
            start.get_or_insert(offset);
        } else if let Some(s) = start.take() {
            out.push(Word {
                text: &text[s..offset],
                offset_from: s,
                offset_to: offset,
            });
        }
    }
    if let Some(s) = start {
        out.push(Word {
            text: &text[s..],
            offset_from: s,
            offset_to: text.len(),
        });
    }
    out
}

/// Lowercases and folds German umlauts and ß, for vocabulary look-ups.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars().flat_map(char::to_lowercase) {
        match c {
            'ä' => out.push('a'),
            'ö' => out.push('o'),
            'ü' => out.push('u'),
            'ß' => out.push_str("ss"),
            '’' => out.push('\''),
            _ => out.push(c),
        }
    }
    out
}

const GERMAN_STOP_WORDS: &str = "\
nicht gegen ab woran worauf wozu wieviel wieviele aber alle allem allen aller alles als also am an ander andere anderen anderer anderes
auch auf aus bei beim bin bis bist da damit dann das dass daß dein deine dem den denn
der des dessen deshalb die dies diese diesem diesen dieser dieses doch dort du durch ein
eine einem einen einer eines er es etwa etwas euch euer eure für gibt hab habe haben hat
hatte hier hin ich ihm ihn ihr ihre ihrem ihren ihrer im in ins ist ja jede jedem jeden
jeder jedes jetzt kann kein keine keinem keinen keiner man manche mein meine meinem
meinen meiner meines mich mir mit muss muß müssen nach noch nun nur ob oder ohne schon
sehr sein seine seinem seinen seiner selbst sich sie sind so soll sollen sollte sondern
um und uns unser unsere unserem unseren unserer unter vom von vor war waren was weil
welche welchem welchen welcher welches wenn wer werde werden wie wieder will wir wird wo
wollen zu zum zur über bzw z b ggf usw einfach mal gerne gern eigentlich bitte okay ok
hallo hi eigene eigenen eigener eigenes ganz dazu davon darüber darauf dabei";

const ENGLISH_STOP_WORDS: &str = "\
what's whats where's who's how's that's there's a about above after again all am an and any are as at be because been before being below
between both but by could did do does doing down during each few for from had
has have having he her here hers herself him himself his how i if in into is it its
itself just me more most my myself no nor not of on once only or other our ours
ourselves out over own same she should so some such than that the their theirs them
themselves then there these they this those through to too under until up very was we
were what when where which while who whom why will with would you your yours yourself
yourselves can may might must shall don't dont doesn't isn't it's i'm i'd i'll i've
we're you're let also etc e g ie eg please hi hello ok okay really actually something
anything thing things get got s t onto upon towards toward across us";

/// Words that say nothing about a question's topic beyond "is this okay?": every
/// guideline question has them. Dropped from questions only (guideline text keeps them,
/// they carry verdicts there).
const GERMAN_QUESTION_NOISE: &str = "\
ganze ganzen liegt liegen eigentlich checken gemacht darf dürfen dürfte darfst erlaubt verboten okay ok kann können könnte sollte sollen muss
müssen richtig geht gehen eigentlich überhaupt irgendwie einfach frage fragen gilt regel
regeln richtlinie richtlinien problem problematisch möglich lassen machen tun erlaubnis
zulässig gestattet nehmen nehme mache macht gehe sagen sage sehen sieht finde finden
brauche brauchen bekomme bekommt bekommen kommen kommt steht stehen läuft gerade grad
kurz lange dauert heute morgen gestern bald immer wirklich echt genau schlimm doof cool
toll super lieber besser gut klar mehr viel viele wenig nen halt eben trotzdem obwohl
wann warum wieso weshalb wofür womit hab hast hätte hätten würde wäre wären gab lasse möchte möchten
jemand jemanden dinge sachen sache leute hilfe helfen passiert passieren funktioniert
funktionieren falsch nochmal sowas irgendwas irgendwo dafür dagegen damit darum gehts
weiß wissen glaube denke drin rein raus dran drauf klappt reicht ordnung per paar
mal gern gerne bisschen woran würden würde heißt hieß nix ner nem wohl quasi sozusagen
irgendwann los voll drunter drüber eh total völlig ziemlich krass mega neu neue neuen
neuer neues heut oben unten hinten vorne endlich stolz";
const ENGLISH_QUESTION_NOISE: &str = "\
allowed permitted okay ok fine can could may might should must need needs rule rules
policy policies guideline guidelines am i allow permission possible problem alright
acceptable way want like make do does doing go against violate violation break breaking
prohibited forbidden legal legit cool much many keep say said use using ask still
got put take taking made going know wanna gonna think see look tell give even now today
tomorrow yesterday soon good bad thing stuff someone somebody anyone anybody guy guys
lot lots extra yet already happen happens happened kind sort anyway maybe basically
right wrong sure whether help quick quickly real totally pretty whatever would hey
thanks gotta kinda literally wondering wonder curious just
anyways btw fyi tbh idk lol new bit nothing everything";

fn word_set(words: &'static str) -> HashSet<&'static str> {
    words.split_whitespace().collect()
}

static GERMAN_STOP: LazyLock<HashSet<&str>> = LazyLock::new(|| word_set(GERMAN_STOP_WORDS));
static ENGLISH_STOP: LazyLock<HashSet<&str>> = LazyLock::new(|| word_set(ENGLISH_STOP_WORDS));
static GERMAN_NOISE: LazyLock<HashSet<&str>> = LazyLock::new(|| word_set(GERMAN_QUESTION_NOISE));
static ENGLISH_NOISE: LazyLock<HashSet<&str>> = LazyLock::new(|| word_set(ENGLISH_QUESTION_NOISE));

/// Whether `word` (lowercase) is a stop word in `lang`.
pub fn is_stop_word(word: &str, lang: Lang) -> bool {
    match lang {
        Lang::De => GERMAN_STOP.contains(word),
        Lang::En => ENGLISH_STOP.contains(word),
    }
}

/// A bare number in a question is a pay grade, a team's size or a time ("GS-11", "a
/// team of 8", "back in 2 hrs"), not its topic; limits and amounts are read from the
/// question's text (see `amounts`).
fn is_number(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| c.is_ascii_digit())
}

/// Whether `word` (lowercase) is question noise in `lang` (see the lists above).
pub fn is_question_noise(word: &str, lang: Lang) -> bool {
    is_number(word)
        || is_stop_word(word, lang)
        || match lang {
            Lang::De => GERMAN_NOISE.contains(word),
            Lang::En => ENGLISH_NOISE.contains(word),
        }
}

/// Common German words that make up the compounds guidelines and questions use; the
/// index's own vocabulary is added to these.
const GERMAN_BASE_WORDS: &str = "\
account accounts adresse agentur aktion angebot anfrage anzeige anzeigen arbeit arbeits
arbeitgeber aufnahme aufnahmen ausschreibung ausschreibungen auftrag beitrag beiträge
bericht betrieb bewerber bewerbung bild bilder blog buch büro chef daten dienst
dienstlich druck einladung einwilligung empfehlung ereignis event fall feier fest firma
firmen foto fotos frage freigabe führung gebäude geheimnis geheimnisse gehalt geld
geschäft geschenk geschenke gesicht gespräch gruppe handy haus hinweis info information
informationen inhalt inhalte interview jahr kamera kanal kanäle karriere kollege
kollegen kommentar kommunikation konferenz konto konten kosten krise kritik kunde kunden
leitung logo marke marken medien media meinung messe mitarbeiter mitarbeitende nachricht
name namen netz netzwerk nummer nummern partei partner person personal plattform politik post posting
presse privat produkt produkte profil programm projekt projekte prozess rat recht rechte
rede regel reise richtlinie schutz screenshot seite social sponsor sponsoring sprecher
stand stelle stellen storm team termin text titel umsatz unfall unternehmen unternehmens
urheber veranstaltung verbot vertrag video videos vorfall vorgesetzte wahl werbung wert
zahl zahlen zeit zeitung ziel zugang";

/// Endings of feminine nouns, which gendered spellings ("Mitarbeiter*innen") put in the
/// vocabulary as words of their own: "Kolleginnen" is no compound of "innen".
const FEMININE_ENDINGS: &[&str] = &["in", "innen"];

/// The words compounds are split into: German words from the guidelines themselves plus
/// [`GERMAN_BASE_WORDS`], folded.
#[derive(Debug, Clone, Default)]
pub struct Vocabulary {
    words: HashSet<String>,
    /// How often each English word occurs, for telling glued words ("workplacereceive",
    /// a lost space in converted text) from ordinary ones.
    english: HashMap<String, u32>,
}

impl Vocabulary {
    /// Builds the vocabulary from German texts.
    pub fn from_texts<'a>(texts: impl IntoIterator<Item = &'a str>) -> Self {
        let mut words: HashSet<String> = GERMAN_BASE_WORDS.split_whitespace().map(fold).collect();
        for text in texts {
            for word in self::words(text) {
                let folded = fold(word.text);
                if folded.chars().count() >= 3 && folded.chars().all(char::is_alphabetic) {
                    // Plural and case endings stripped too, so "Pausen" in a guideline
                    // lets "Mittagspause" split: a cheap stand-in for a lemmatiser.
                    for ending in ["en", "n", "e", "s"] {
                        if let Some(base) = folded.strip_suffix(ending) {
                            if base.chars().count() >= 4 {
                                words.insert(base.to_string());
                            }
                        }
                    }
                    words.insert(folded);
                }
            }
        }
        Vocabulary {
            words,
            english: HashMap::new(),
        }
    }

    /// Adds German words known apart from the guidelines (the built-in glossary's).
    pub fn with_german_words<'a>(mut self, words: impl IntoIterator<Item = &'a str>) -> Self {
        self.words.extend(
            words
                .into_iter()
                .map(fold)
                .filter(|w| w.chars().count() >= 4),
        );
        self
    }

    /// Adds English texts, whose word counts let [`Vocabulary::split_glued`] find words
    /// that lost the space between them.
    pub fn with_english_texts<'a>(mut self, texts: impl IntoIterator<Item = &'a str>) -> Self {
        for text in texts {
            for word in self::words(text) {
                let folded = fold(word.text);
                if folded.chars().all(|c| c.is_ascii_alphabetic()) {
                    *self.english.entry(folded).or_default() += 1;
                }
            }
        }
        self
    }

    /// Splits an English word that is two common words without the space between them
    /// ("employeewhile", "workplaceforward"): the word itself is rare and both halves
    /// occur on their own several times as often. Returns no parts otherwise.
    pub fn split_glued(&self, folded: &str) -> Vec<String> {
        const MIN_PART: usize = 4;
        let count = |w: &str| self.english.get(w).copied().unwrap_or(0);
        let whole = count(folded);
        if folded.len() < 2 * MIN_PART + 1 || whole > 8 || !folded.is_ascii() {
            return Vec::new();
        }
        let best = (MIN_PART..=folded.len() - MIN_PART)
            .map(|split| folded.split_at(split))
            .map(|(head, tail)| (count(head).min(count(tail)), head, tail))
            .filter(|&(rarer, _, _)| rarer >= 2 && rarer >= 3 * whole)
            .max_by_key(|&(rarer, _, _)| rarer);
        let Some((_, head, tail)) = best else {
            return Vec::new();
        };
        [head, tail]
            .into_iter()
            .filter(|part| !is_stop_word(part, Lang::En))
            .map(str::to_string)
            .collect()
    }

    pub fn contains(&self, folded: &str) -> bool {
        self.words.contains(folded)
    }

    /// Splits a folded German compound into the vocabulary words it is made of, allowing
    /// the linking elements -s-, -es-, -n-, -en-, -e- between them. Returns no parts when
    /// the word does not decompose.
    pub fn split_compound(&self, folded: &str) -> Vec<String> {
        let chars: Vec<char> = folded.chars().collect();
        if chars.len() < 7 || !chars.iter().all(|c| c.is_alphabetic()) {
            return Vec::new();
        }
        self.split_chars(&chars, 0).unwrap_or_default()
    }

    fn split_chars(&self, chars: &[char], depth: usize) -> Option<Vec<String>> {
        if depth > 3 {
            return None;
        }
        // Prefer the longest head (the last part carries a German compound's meaning).
        for split in 3..=chars.len().saturating_sub(4) {
            let head: String = chars[split..].iter().collect();
            if !self.contains(&head) || FEMININE_ENDINGS.contains(&head.as_str()) {
                continue;
            }
            let modifier: String = chars[..split].iter().collect();
            if let Some(mut parts) = self.modifier_parts(&modifier, depth) {
                parts.push(head);
                return Some(parts);
            }
        }
        // A known head of five or more letters after an unknown modifier still tells
        // what the compound is about ("Quartalszahlen" is about "Zahlen").
        if depth == 0 {
            for split in 4..=chars.len().saturating_sub(5) {
                let head: String = chars[split..].iter().collect();
                if self.contains(&head) && !FEMININE_ENDINGS.contains(&head.as_str()) {
                    return Some(vec![head]);
                }
            }
        }
        None
    }

    fn modifier_parts(&self, modifier: &str, depth: usize) -> Option<Vec<String>> {
        let stems = ["", "s", "es", "n", "en", "e"]
            .iter()
            .filter_map(|link| modifier.strip_suffix(link))
            .filter(|stem| stem.chars().count() >= 3);
        let stems: Vec<&str> = stems.collect();
        if let Some(stem) = stems.iter().find(|stem| self.contains(stem)) {
            return Some(vec![stem.to_string()]);
        }
        stems.iter().find_map(|stem| {
            let chars: Vec<char> = stem.chars().collect();
            if chars.len() >= 7 {
                self.split_chars(&chars, depth + 1)
            } else {
                None
            }
        })
    }
}

/// The verb inside a German past participle ("gepostet" → "postet"), if the word looks
/// like one: "ge" + at least five letters, ending in -t or -en.
fn participle_base(folded: &str) -> Option<&str> {
    let rest = folded.strip_prefix("ge")?;
    let long_enough = rest.chars().count() >= 5;
    (long_enough && (rest.ends_with('t') || rest.ends_with("en"))).then_some(rest)
}

/// Analyzes text for one language. Cheap to clone; shares the vocabulary.
#[derive(Clone)]
pub struct Analyzer {
    german: std::sync::Arc<frostem::Stemmer>,
    english: std::sync::Arc<frostem::Stemmer>,
    vocabulary: std::sync::Arc<Vocabulary>,
}

impl std::fmt::Debug for Analyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Analyzer").finish_non_exhaustive()
    }
}

impl Analyzer {
    pub fn new(vocabulary: Vocabulary) -> Self {
        Analyzer {
            german: std::sync::Arc::new(frostem::Stemmer::new(frostem::Algorithm::German)),
            english: std::sync::Arc::new(frostem::Stemmer::new(frostem::Algorithm::English)),
            vocabulary: std::sync::Arc::new(vocabulary),
        }
    }

    pub fn vocabulary(&self) -> &Vocabulary {
        &self.vocabulary
    }

    /// The index term for one word (no stop-word check, no compound split).
    pub fn stem(&self, word: &str, lang: Lang) -> String {
        let mut lower = word.to_lowercase().replace('’', "'");
        if lower.starts_with("e-") {
            lower.remove(1);
        }
        match lang {
            Lang::De => self.german.stem(&lower).into_owned(),
            Lang::En => {
                let base = lower
                    .strip_suffix("'s")
                    .or_else(|| lower.strip_suffix('\''))
                    .unwrap_or(&lower);
                let base = base.replace('\'', "");
                self.english.stem(&base).into_owned()
            }
        }
    }

    /// The stems of a German compound's parts, or of an English word glued to the next
    /// one (empty when it does not split).
    pub fn compound_parts(&self, word: &str, lang: Lang) -> Vec<String> {
        self.part_terms(&self.compound_words(word, lang), lang)
    }

    /// The words a German compound (or glued English word) is made of, folded and not
    /// stemmed, head last (empty when it does not split).
    pub fn compound_words(&self, word: &str, lang: Lang) -> Vec<String> {
        match lang {
            Lang::De => self.vocabulary.split_compound(&fold(word)),
            Lang::En => self.vocabulary.split_glued(&fold(word)),
        }
    }

    /// The index terms of a compound's words.
    pub fn part_terms(&self, words: &[String], lang: Lang) -> Vec<String> {
        words
            .iter()
            .map(|part| self.stem(part, lang))
            .filter(|part| part.chars().count() >= 3)
            .collect()
    }

    /// Other index terms for the same German word where the stemmer falls short.
    pub fn verb_forms(&self, word: &str, lang: Lang) -> Vec<String> {
        if lang != Lang::De {
            return Vec::new();
        }
        let folded = fold(word);
        let mut forms = Vec::new();
        // The stemmer keeps the "ge-" of past participles: "gepostet" should meet
        // "posten", "geteilt" meet "teilen".
        if let Some(rest) = participle_base(&folded) {
            forms.push(self.stem(rest, Lang::De));
            if let Some(verb) = rest.strip_suffix('t') {
                forms.push(self.stem(verb, Lang::De));
            }
        }
        // The stemmer leaves the -t of "teilt", "verdient" (and weak participles): the
        // form without it meets the infinitive ("teilen", "verdienen").
        if folded.chars().count() >= 5 && folded.ends_with('t') && !folded.ends_with("st") {
            forms.push(self.stem(&folded[..folded.len() - 1], Lang::De));
        }
        if let Some(base) = self.masculine_base(&folded) {
            forms.push(self.stem(base, Lang::De));
        }
        forms.sort();
        forms.dedup();
        forms
    }

    /// The word a feminine noun is formed from, when the vocabulary knows it:
    /// "Praktikantin" and "Praktikantinnen" meet the "Praktikanten" of a guideline,
    /// which the stemmer keeps apart. "Termin" or "Magazin" are no feminine forms:
    /// "Term" and "Magaz" are no words of the guidelines.
    fn masculine_base<'w>(&self, folded: &'w str) -> Option<&'w str> {
        const MIN_BASE: usize = 5;
        let base = folded
            .strip_suffix("innen")
            .or_else(|| folded.strip_suffix("in"))?;
        (base.chars().count() >= MIN_BASE && self.vocabulary.contains(base)).then_some(base)
    }

    /// Compound parts and verb forms: every extra index term of a word.
    pub fn extra_terms(&self, word: &str, lang: Lang) -> Vec<String> {
        let mut terms = self.compound_parts(word, lang);
        terms.extend(self.verb_forms(word, lang));
        terms.sort();
        terms.dedup();
        terms
    }

    /// Index terms of a text: stop words dropped, compounds add their parts at the same
    /// position.
    pub fn analyze(&self, text: &str, lang: Lang) -> Vec<Token> {
        let mut tokens = Vec::new();
        for (position, word) in words(text).into_iter().enumerate() {
            let lower = word.text.to_lowercase();
            if is_stop_word(&lower, lang) {
                continue;
            }
            let term = self.stem(&lower, lang);
            for part in self.extra_terms(&lower, lang) {
                if part != term {
                    tokens.push(Token {
                        term: part,
                        position,
                        offset_from: word.offset_from,
                        offset_to: word.offset_to,
                    });
                }
            }
            tokens.push(Token {
                term,
                position,
                offset_from: word.offset_from,
                offset_to: word.offset_to,
            });
        }
        tokens
    }

    /// The set of terms in a text.
    pub fn term_set(&self, text: &str, lang: Lang) -> HashSet<String> {
        self.analyze(text, lang)
            .into_iter()
            .map(|t| t.term)
            .collect()
    }

    /// The terms of a text that name what its words are: each word's own terms and the
    /// head of each compound, not its other parts (a "Containernummer" is a number, not
    /// a container).
    pub fn head_term_set(&self, text: &str, lang: Lang) -> HashSet<String> {
        let mut terms = HashSet::new();
        for word in words(text) {
            let lower = word.text.to_lowercase();
            if is_stop_word(&lower, lang) {
                continue;
            }
            let compound = self.compound_words(&lower, lang);
            if let Some(head) = compound.last() {
                terms.extend(self.part_terms(std::slice::from_ref(head), lang));
            }
            terms.extend(self.verb_forms(&lower, lang));
            terms.insert(self.stem(&lower, lang));
        }
        terms
    }

    /// The index terms of a text's whole words, without compound parts: stop words and
    /// the (lowercase) words `keep` rejects are dropped. Names are whole words.
    pub fn whole_word_terms(
        &self,
        text: &str,
        lang: Lang,
        keep: impl Fn(&str) -> bool,
    ) -> Vec<String> {
        words(text)
            .into_iter()
            .map(|word| word.text.to_lowercase())
            .filter(|word| !is_stop_word(word, lang) && keep(word))
            .map(|word| self.stem(&word, lang))
            .collect()
    }
}

/// Surface words of the guidelines with their frequencies, for typo correction.
#[derive(Debug, Clone, Default)]
pub struct SpellingDictionary {
    words: HashMap<String, (u32, Lang)>,
}

impl SpellingDictionary {
    pub fn add_text(&mut self, text: &str, lang: Lang) {
        for word in words(text) {
            let lower = word.text.to_lowercase();
            if lower.chars().count() >= 4 && lower.chars().all(char::is_alphabetic) {
                self.words.entry(lower).or_insert((0, lang)).0 += 1;
            }
        }
    }

    /// The most frequent guideline word within edit distance 1 (2 for words of 9+
    /// characters) of `word`, if any. Words under 5 characters are never corrected.
    pub fn correct(&self, word: &str) -> Option<(&str, Lang)> {
        let lower = word.to_lowercase();
        let len = lower.chars().count();
        if len < 5 || self.words.contains_key(&lower) {
            return None;
        }
        let max = if len >= 9 { 2 } else { 1 };
        self.words
            .iter()
            .filter_map(|(candidate, &(count, lang))| {
                let distance = typo_distance(&lower, candidate, max)?;
                Some((distance, std::cmp::Reverse(count), candidate.as_str(), lang))
            })
            .min()
            .map(|(_, _, word, lang)| (word, lang))
    }
}

/// How many edits a typo `word` is from `candidate`, if at most `max`: a cheap length
/// check first, as most candidates differ in length by more.
pub fn typo_distance(word: &str, candidate: &str, max: usize) -> Option<usize> {
    if candidate.chars().count().abs_diff(word.chars().count()) > max {
        return None;
    }
    edit_distance(word, candidate, max)
}

/// Damerau–Levenshtein distance (adjacent transpositions cost 1), or `None` above `max`.
pub fn edit_distance(a: &str, b: &str, max: usize) -> Option<usize> {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev2 = vec![0usize; b.len() + 1];
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0usize; b.len() + 1];
    for i in 1..=a.len() {
        current[0] = i;
        let mut row_min = current[0];
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut value = (prev[j] + 1)
                .min(current[j - 1] + 1)
                .min(prev[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                value = value.min(prev2[j - 2] + 1);
            }
            current[j] = value;
            row_min = row_min.min(value);
        }
        if row_min > max {
            return None;
        }
        std::mem::swap(&mut prev2, &mut prev);
        std::mem::swap(&mut prev, &mut current);
    }
    let distance = prev[b.len()];
    (distance <= max).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn analyzer(texts: &[&str]) -> Analyzer {
        Analyzer::new(Vocabulary::from_texts(texts.iter().copied()))
    }

    fn terms(a: &Analyzer, text: &str, lang: Lang) -> Vec<String> {
        a.analyze(text, lang).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn web_addresses_are_no_words() {
        let found: Vec<&str> =
            words("Venues: https://twitter.com/acme and www.acme.example (the blog).")
                .iter()
                .map(|w| w.text)
                .collect();
        assert_eq!(found, ["Venues", "and", "the", "blog"]);
    }

    #[test]
    fn german_umlauts_and_oe_spelling_meet() {
        let a = analyzer(&[]);
        assert_eq!(
            a.stem("veröffentlichen", Lang::De),
            a.stem("veroeffentlichen", Lang::De)
        );
        assert_eq!(
            a.stem("Äußerungen", Lang::De),
            a.stem("äusserungen", Lang::De)
        );
    }

    #[test]
    fn feminine_forms_meet_the_word_they_are_formed_from() {
        let a = analyzer(&["Praktikanten und Kollegen. Der nächste Termin steht im Magazin."]);
        let base = a.stem("Praktikanten", Lang::De);
        assert!(a.extra_terms("Praktikantin", Lang::De).contains(&base));
        assert!(a.extra_terms("Praktikantinnen", Lang::De).contains(&base));
        let colleague = a.stem("Kollegen", Lang::De);
        assert!(a.extra_terms("Kolleginnen", Lang::De).contains(&colleague));
        // Words that merely end in -in stay as they are.
        for word in ["Termin", "Magazin", "LinkedIn"] {
            assert_eq!(
                a.extra_terms(word, Lang::De),
                Vec::<String>::new(),
                "{word}"
            );
        }
    }

    #[test]
    fn feminine_endings_are_no_compound_parts() {
        // Gendered spellings put "innen" in the vocabulary as a word of its own.
        let a = analyzer(&["Liebe Kolleg*innen, bitte beachten Sie die Kollegen"]);
        assert!(a.compound_words("Kolleginnen", Lang::De).is_empty());
    }

    #[test]
    fn compound_words_keep_the_head_as_written() {
        let a = analyzer(&["Der Bund und seine Bediensteter"]);
        assert_eq!(
            a.compound_words("Bundesbediensteter", Lang::De),
            vec!["bund".to_string(), "bediensteter".to_string()]
        );
    }

    #[test]
    fn head_terms_name_a_compound_by_its_head() {
        let a = analyzer(&[
            "Der Container und die Nummern",
            "Das Auto und sein Kennzeichen",
        ]);
        let t = a.head_term_set("keine Containernummern oder Autokennzeichen", Lang::De);
        assert!(t.contains(&a.stem("nummern", Lang::De)), "{t:?}");
        assert!(t.contains(&a.stem("kennzeichen", Lang::De)), "{t:?}");
        assert!(!t.contains(&a.stem("container", Lang::De)), "{t:?}");
        assert!(!t.contains(&a.stem("auto", Lang::De)), "{t:?}");
    }

    #[test]
    fn compounds_split_into_known_words() {
        let a = analyzer(&["Das Logo der Firma", "Stellenanzeigen teilen"]);
        let t = terms(&a, "Firmenlogo", Lang::De);
        assert!(t.contains(&a.stem("logo", Lang::De)), "{t:?}");
        let t = terms(&a, "Profilbild", Lang::De);
        assert!(
            t.contains(&a.stem("bild", Lang::De)) && t.contains(&a.stem("profil", Lang::De)),
            "{t:?}"
        );
        let t = terms(&a, "Stellenausschreibung", Lang::De);
        assert!(t.contains(&a.stem("stellen", Lang::De)), "{t:?}");
        let t = terms(&a, "Mitarbeiterempfehlungsprogramm", Lang::De);
        assert!(t.contains(&a.stem("empfehlung", Lang::De)), "{t:?}");
        assert!(t.contains(&a.stem("programm", Lang::De)), "{t:?}");
    }

    #[test]
    fn participles_meet_their_verb() {
        let a = analyzer(&[]);
        let t = terms(&a, "gepostet", Lang::De);
        assert!(t.contains(&a.stem("posten", Lang::De)), "{t:?}");
        assert!(
            terms(&a, "Geschenk", Lang::De).len() == 1,
            "not a participle"
        );
        let t = terms(&a, "geteilt", Lang::De);
        assert!(
            a.compound_parts("geteilt", Lang::De).is_empty(),
            "a verb form, not a compound"
        );
        assert!(t.contains(&a.stem("teilen", Lang::De)), "{t:?}");
        let t = terms(&a, "verdient", Lang::De);
        assert!(t.contains(&a.stem("verdienen", Lang::De)), "{t:?}");
    }

    #[test]
    fn hyphenated_compounds_yield_their_parts() {
        let a = analyzer(&[]);
        let t = terms(&a, "Social-Media-Richtlinie", Lang::De);
        assert!(t.contains(&a.stem("richtlinie", Lang::De)), "{t:?}");
    }

    #[test]
    fn numbers_are_question_noise() {
        assert!(is_question_noise("11", Lang::En));
        assert!(is_question_noise("2024", Lang::De));
        assert!(!is_question_noise("q3", Lang::En));
        assert!(!is_question_noise("volunteer", Lang::En));
    }

    #[test]
    fn stop_words_dropped_and_possessives_stripped() {
        let a = analyzer(&[]);
        assert_eq!(
            terms(&a, "the company's logo", Lang::En),
            vec!["compani", "logo"]
        );
        assert!(terms(&a, "Darf ich das und die", Lang::De)
            .iter()
            .all(|t| t == "darf"));
    }

    #[test]
    fn typo_correction_prefers_close_frequent_words() {
        let mut d = SpellingDictionary::default();
        d.add_text("negative stories about competing projects", Lang::En);
        assert_eq!(d.correct("negatve").map(|(w, _)| w), Some("negative"));
        assert_eq!(d.correct("projcts").map(|(w, _)| w), Some("projects"));
        assert_eq!(d.correct("negative"), None, "known words stay");
        assert_eq!(d.correct("wifi"), None, "short words are never corrected");
    }

    #[test]
    fn edit_distance_counts_transpositions_once() {
        assert_eq!(edit_distance("colleage", "colleague", 2), Some(1));
        assert_eq!(edit_distance("recieve", "receive", 1), Some(1));
        assert_eq!(edit_distance("abc", "xyz", 1), None);
    }

    #[test]
    fn e_mail_is_one_word_and_the_same_as_email() {
        let words: Vec<&str> = words("Die E-Mail-Adresse, Social-Media")
            .iter()
            .map(|w| w.text)
            .collect();
        assert_eq!(words, ["Die", "E-Mail", "Adresse", "Social", "Media"]);
        let analyzer = analyzer(&[]);
        assert_eq!(
            analyzer.stem("E-Mail", Lang::En),
            analyzer.stem("email", Lang::En)
        );
    }

    #[test]
    fn glued_english_words_split_into_the_words_they_are() {
        let text = "A federal employee may forward email in the workplace. The workplace \
                    rules: an employee may not forward partisan email at work. \
                    Do not forward it from the workplace, says the employee handbook. \
                    While on duty, while at work and while travelling, the same holds. \
                    May a federal employeewhile in the workplaceforward an email?";
        let vocabulary = Vocabulary::default().with_english_texts([text]);
        assert_eq!(
            vocabulary.split_glued("workplaceforward"),
            vec!["workplace".to_string(), "forward".to_string()]
        );
        // "while" is a stop word: only the employee is left.
        assert_eq!(
            vocabulary.split_glued("employeewhile"),
            vec!["employee".to_string()]
        );
        // Ordinary words stay whole.
        assert!(vocabulary.split_glued("workplace").is_empty());
        assert!(vocabulary.split_glued("partisan").is_empty());
        let analyzer = Analyzer::new(vocabulary);
        assert!(analyzer
            .term_set("workplaceforward", Lang::En)
            .contains(&analyzer.stem("forward", Lang::En)));
    }
}
