//! Passages: the part of a section that answers a question — its best-matching
//! sentences with their neighbours — and the verdict stated there.

use std::collections::HashSet;

use crate::amounts;
use crate::answer::Verdict;
use crate::document::Section;
use crate::verdict::{self, Finding, Stated};

/// A sentence of a section, with where it stands.
#[derive(Debug, Clone, PartialEq)]
pub struct Sentence {
    pub text: String,
    pub block: usize,
    pub line_start: usize,
    pub line_end: usize,
    /// First sentence of its paragraph or list item (where rule markers stand).
    pub starts_block: bool,
    /// First sentence of the section's body (where FAQ answers stand).
    pub opens_section: bool,
    /// The sentence is (part of) a list item.
    pub in_list: bool,
    /// The sentence ends with a colon: it introduces what follows ("Nicht veröffentlicht
    /// werden dürfen:").
    pub leads_in: bool,
}

// Abbreviations after which a period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "z.", "b.", "z.b.", "d.h.", "u.a.", "bzw.", "ca.", "nr.", "dr.", "vgl.", "ggf.", "inkl.",
    "evtl.", "usw.", "etc.", "e.g.", "i.e.", "vs.", "mr.", "ms.", "st.", "u.", "s.", "abs.",
    "max.", "min.", "bspw.", "sog.", "zzgl.", "no.",
];

/// Splits a block's text into sentences at `.`, `!`, `?` followed by a space and an
/// uppercase letter, digit or symbol, but not after common abbreviations.
pub fn split_sentences(text: &str) -> Vec<&str> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for i in 0..chars.len() {
        let (offset, c) = chars[i];
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let Some(&(_, next)) = chars.get(i + 1) else {
            continue;
        };
        if !next.is_whitespace() {
            continue;
        }
        let following = chars[i + 1..]
            .iter()
            .map(|(_, c)| *c)
            .find(|c| !c.is_whitespace());
        let Some(following) = following else { continue };
        if following.is_lowercase() {
            continue;
        }
        let word_start = text[..offset]
            .rfind(char::is_whitespace)
            .map_or(start, |p| p + 1);
        let word = text[word_start..=offset].to_lowercase();
        if c == '.' && ABBREVIATIONS.contains(&word.as_str()) {
            continue;
        }
        let end = offset + c.len_utf8();
        let sentence = text[start..end].trim();
        if !sentence.is_empty() {
            sentences.push(sentence);
        }
        start = end;
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        sentences.push(rest);
    }
    sentences
}

/// All sentences of a section, in order.
pub fn sentences(section: &Section) -> Vec<Sentence> {
    let mut out = Vec::new();
    for (block_index, block) in section.blocks.iter().enumerate() {
        for (i, text) in split_sentences(&block.text).into_iter().enumerate() {
            out.push(Sentence {
                text: text.to_string(),
                block: block_index,
                line_start: block.line_start,
                line_end: block.line_end,
                starts_block: i == 0,
                opens_section: out.is_empty(),
                in_list: block.kind == crate::section::BlockKind::ListItem,
                leads_in: text.trim_end().ends_with(':'),
            });
        }
    }
    out
}

/// The verdict each sentence states; sentences inherit a rule marker from the start of
/// their list item or paragraph.
pub fn sentence_verdicts(sentences: &[Sentence]) -> Vec<Option<Finding>> {
    let mut out: Vec<Option<Finding>> = Vec::with_capacity(sentences.len());
    // What each sentence states itself, before any inheriting.
    let mut stated: Vec<Option<Finding>> = Vec::with_capacity(sentences.len());
    let mut block_marker: Option<(usize, Finding)> = None;
    for (sentence, lead_in) in sentences.iter().zip(lead_ins(sentences)) {
        let found = verdict::detect(
            &sentence.text,
            sentence.starts_block,
            sentence.opens_section,
        );
        if sentence.starts_block {
            block_marker = found
                .filter(|f| f.how == Stated::Marker)
                .map(|f| (sentence.block, f));
        }
        let inherited = block_marker
            .filter(|(block, _)| *block == sentence.block)
            .map(|(_, f)| f);
        // A verdict stated by a lead-in ("Verboten sind:") holds for the list after it.
        let listed = lead_in.and_then(|l| stated[l]);
        stated.push(found);
        out.push(inherited.or(found).or(listed));
    }
    out
}

/// How much of the question a sentence speaks to.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Relevance {
    /// IDF-weighted share of the whole question the sentence covers (0–1).
    pub coverage: f32,
    /// Share of what the question asks *beyond the section's topic* (the concepts its
    /// headings don't already name) that the sentence covers (0–1). This is what tells
    /// a section's rules apart: in "Fotos von Kollegen", "Darf ich Fotos von Kollegen
    /// beim Essen posten?" is decided by "beim Essen".
    pub specific: f32,
}

/// How much of the question a piece of a section speaks to.
pub trait Rate {
    fn rate(&self, text: &str) -> Relevance;

    /// The share of the question the text covers by what its words name: their own
    /// terms and the heads of compounds, not the other parts ("keine Containernummern"
    /// excludes numbers, not the containers a question mentions).
    fn coverage_by_heads(&self, text: &str) -> f32 {
        self.rate(text).coverage
    }
}

impl<F: Fn(&str) -> Relevance> Rate for F {
    fn rate(&self, text: &str) -> Relevance {
        self(text)
    }
}

/// How a quote's verdict was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VerdictBasis {
    /// An FAQ answer ("No. …") to the question in the section's heading.
    Answer,
    /// The rule that speaks to what the question asks beyond the section's topic.
    Specific,
    /// The question asks nothing beyond the section's topic: the rule that speaks most
    /// to the whole question.
    Topic,
}

/// A trimmed quote from a section.
#[derive(Debug, Clone, PartialEq)]
pub struct Quote {
    pub text: String,
    pub line_start: usize,
    pub line_end: usize,
    pub verdict: Option<Verdict>,
    pub verdict_sentence: Option<String>,
    /// How much of the question the verdict's sentence itself speaks to (0–1).
    pub verdict_relevance: f32,
    /// How much of what the question asks beyond the topic that sentence speaks to.
    pub verdict_specific: f32,
    pub verdict_basis: Option<VerdictBasis>,
    /// How much of the question the best sentence covers (0–1).
    pub best_sentence_coverage: f32,
}

const MAX_QUOTE_CHARS: usize = 480;

/// Picks the sentences of `section` that answer: the best-scoring one, its neighbour,
/// a second strong one, and the sentence carrying the verdict. `rate` tells how much of
/// the question a sentence speaks to.
pub fn quote(section: &Section, question: &str, rate: impl Rate) -> Quote {
    let sentences = sentences(section);
    if sentences.is_empty() {
        return Quote {
            text: String::new(),
            line_start: section.line_start,
            line_end: section.line_end,
            verdict: None,
            verdict_sentence: None,
            verdict_relevance: 0.0,
            verdict_specific: 0.0,
            verdict_basis: None,
            best_sentence_coverage: 0.0,
        };
    }
    let mut relevance: Vec<Relevance> = sentences.iter().map(|s| rate.rate(&s.text)).collect();
    read_list_items_with_their_lead_in(&sentences, &rate, &mut relevance);
    read_references_with_what_they_refer_to(&sentences, &rate, &mut relevance);
    let mut verdicts = sentence_verdicts(&sentences);
    drop_answers_to_other_questions(section, &mut verdicts);
    apply_amounts(&sentences, question, &mut verdicts, &mut relevance);
    apply_silence(&sentences, question, &mut verdicts, &mut relevance);
    fail_excluding_conditions(&sentences, question, &rate, &mut verdicts);
    let scores: Vec<f32> = relevance.iter().map(|r| r.coverage).collect();
    let best = (0..sentences.len())
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    let mut chosen: HashSet<usize> = HashSet::from([best]);
    let mut length = sentences[best].text.len();
    let mut add = |i: usize, chosen: &mut HashSet<usize>| {
        if !chosen.contains(&i) && length + sentences[i].text.len() <= MAX_QUOTE_CHARS {
            length += sentences[i].text.len();
            chosen.insert(i);
        }
    };
    let asking: Vec<bool> = sentences
        .iter()
        .map(|s| s.text.trim_end().ends_with('?'))
        .collect();
    // What the rules say of consent matters only where they state a verdict, and not at
    // all when the question says nobody is asked; that is read once.
    let question_skips_consent = verdict::skips_approval(question);
    let consent: Vec<Consent> = sentences
        .iter()
        .zip(&verdicts)
        .map(|(s, found)| match found {
            Some(_) if !question_skips_consent => Consent::of(&s.text),
            _ => Consent::Silent,
        })
        .collect();
    let examples = example_items(&sentences);
    let choice = choose_verdict(&verdicts, &relevance, &asking, &consent, &examples);
    if let Some(choice) = &choice {
        add(choice.sentence, &mut chosen);
    }
    // Context: the lead-in before a best sentence that is a short list item, else the next sentence.
    if best + 1 < sentences.len() && sentences[best + 1].block == sentences[best].block {
        add(best + 1, &mut chosen);
    }
    if best > 0 && !sentences[best].starts_block {
        add(best - 1, &mut chosen);
    }
    if let Some(second) = (0..sentences.len())
        .filter(|i| !chosen.contains(i) && scores[*i] >= 0.7 * scores[best] && scores[*i] > 0.0)
        .max_by(|&a, &b| scores[a].total_cmp(&scores[b]).then(b.cmp(&a)))
    {
        add(second, &mut chosen);
    }
    let mut indices: Vec<usize> = chosen.into_iter().collect();
    indices.sort_unstable();
    let text = join_quote(&sentences, &indices);
    let line_start = indices
        .iter()
        .map(|&i| sentences[i].line_start)
        .min()
        .unwrap_or(section.line_start);
    let line_end = indices
        .iter()
        .map(|&i| sentences[i].line_end)
        .max()
        .unwrap_or(section.line_end);
    let choice = choice.filter(|c| chosen_contains(&indices, c.sentence));
    let verdict = choice
        .as_ref()
        .and_then(|c| match c.finding.how {
            Stated::Waiver => waiver_verdict(&sentences[c.sentence].text, question, &rate),
            _ => Some(verdict::resolve(
                c.finding,
                answered_question(section, question),
            )),
        })
        .map(|v| verdict::for_skipped_approval(v, question));
    Quote {
        text,
        line_start,
        line_end,
        verdict,
        verdict_sentence: choice.as_ref().map(|c| sentences[c.sentence].text.clone()),
        verdict_relevance: choice.as_ref().map_or(0.0, |c| scores[c.vouching]),
        verdict_specific: choice
            .as_ref()
            .map_or(0.0, |c| relevance[c.vouching].specific),
        verdict_basis: choice.map(|c| c.basis),
        best_sentence_coverage: scores[best],
    }
}

/// The verdict of a ruled-out requirement on the question. Refusing someone for want of
/// it is not allowed; doing without it is allowed only when the question speaks of what
/// it was required for ("Teilnahme" in "… sollte keinesfalls Bedingung für eine
/// Teilnahme sein") — a question about the photos the sentence also names is not
/// answered by it.
fn waiver_verdict(rule: &str, question: &str, rate: &impl Rate) -> Option<Verdict> {
    let verdict = verdict::resolve_waiver(question);
    let speaks_of_it =
        || verdict::required_for(rule).is_some_and(|what| rate.rate(what).coverage > 0.0);
    (verdict != Verdict::Allowed || speaks_of_it()).then_some(verdict)
}

/// Which sentences are list items after a lead-in that announces examples ("For
/// example:", "Zum Beispiel:").
fn example_items(sentences: &[Sentence]) -> Vec<bool> {
    const ANNOUNCING: &[&str] = &[
        "example",
        "e.g.",
        "for instance",
        "beispiel",
        "z. b.",
        "z.b.",
    ];
    let announces = |lead_in: &Sentence| {
        let lower = lead_in.text.to_lowercase();
        ANNOUNCING.iter().any(|a| lower.contains(a))
    };
    lead_ins(sentences)
        .into_iter()
        .map(|lead_in| lead_in.is_some_and(|l| announces(&sentences[l])))
        .collect()
}

/// Words by which a German sentence refers to the one before it ("Diese Entscheidung …",
/// "Ließe man Jugendliche ohne diese teilnehmen …"). English "this", "these" and "such"
/// are left out: FAQ answers open sentence after sentence with them, pointing at the
/// entry's question more than at the sentence before, and read as references they
/// outweighed the entries' own Yes/No (measured on the corpus sets).
const REFERRING: &[&str] = &[
    "dies", "diese", "dieser", "dieses", "diesen", "diesem", "solche", "solcher", "solches",
    "solchen",
];

/// How far into a sentence a referring word still points back at the sentence before.
const REFERRING_WITHIN: usize = 8;

/// A sentence that refers to the one before it ("Es ist verständlich, wenn man nicht auf
/// Fotos abgebildet werden möchte. Diese Entscheidung sollte keinesfalls Bedingung für
/// eine Teilnahme sein") speaks to the question as the two do together.
fn read_references_with_what_they_refer_to(
    sentences: &[Sentence],
    rate: &impl Rate,
    relevance: &mut [Relevance],
) {
    for i in 1..sentences.len() {
        let (before, sentence) = (&sentences[i - 1], &sentences[i]);
        if sentence.in_list || sentence.block != before.block {
            continue;
        }
        let lower = sentence.text.to_lowercase();
        let refers = lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .take(REFERRING_WITHIN)
            .any(|w| REFERRING.contains(&w));
        if refers {
            read_together(&mut relevance[i], rate, before, sentence);
        }
    }
}

/// A list item completes the sentence that leads into it ("Employees may not:" … "host
/// a political fundraiser"): it speaks to the question as the two do together.
fn read_list_items_with_their_lead_in(
    sentences: &[Sentence],
    rate: &impl Rate,
    relevance: &mut [Relevance],
) {
    for (i, lead_in) in lead_ins(sentences).into_iter().enumerate() {
        if let Some(lead_in) = lead_in {
            read_together(&mut relevance[i], rate, &sentences[lead_in], &sentences[i]);
        }
    }
}

/// For each sentence of a list item, the sentence that leads into its list ("Verboten
/// sind:", "For example:"), if there is one.
fn lead_ins(sentences: &[Sentence]) -> Vec<Option<usize>> {
    let mut lead_in = None;
    sentences
        .iter()
        .enumerate()
        .map(|(i, sentence)| {
            if sentence.in_list {
                lead_in
            } else {
                lead_in = sentence.leads_in.then_some(i);
                None
            }
        })
        .collect()
}

/// A sentence speaks to the question at least as much as it does read together with the
/// sentence it completes or refers to (`context`).
fn read_together(
    relevance: &mut Relevance,
    rate: &impl Rate,
    context: &Sentence,
    sentence: &Sentence,
) {
    let together = rate.rate(&format!("{} {}", context.text, sentence.text));
    relevance.coverage = relevance.coverage.max(together.coverage);
    relevance.specific = relevance.specific.max(together.specific);
}

/// "Yes." to "Am I still considered on duty?" says nothing about what is allowed: an FAQ
/// answer counts as a verdict only when the FAQ's heading asks permission or asks what
/// the team does ("Do we engage with hostile messages? No.").
fn drop_answers_to_other_questions(section: &Section, verdicts: &mut [Option<Finding>]) {
    let heading = section.heading().trim();
    if heading.ends_with('?')
        && !verdict::asks_permission(heading)
        && !verdict::asks_team_practice(heading)
    {
        for finding in verdicts.iter_mut() {
            if finding.is_some_and(|f| f.how == Stated::Answer) {
                *finding = None;
            }
        }
    }
}

/// A rule whose limit the asked amount falls outside of ("more than 50 EUR" for a
/// 30-euro gift) does not apply; one whose limit it falls inside of is the rule for the
/// asked case, as relevant as the section's most relevant sentence.
fn apply_amounts(
    sentences: &[Sentence],
    question: &str,
    verdicts: &mut [Option<Finding>],
    relevance: &mut [Relevance],
) {
    let most = most_relevant(relevance);
    for (i, sentence) in sentences.iter().enumerate() {
        // "No more than three tweets per hour" forbids the fifth, "no more than a quarter
        // of the post" forbids half of it: a limit the question goes beyond is the rule
        // for it, stated or not as a verdict.
        if amounts::count_exceeds_limit(&sentence.text, question)
            || amounts::share_exceeds_limit(&sentence.text, question)
        {
            verdicts[i] = Some(Finding {
                verdict: Verdict::NotAllowed,
                how: Stated::Prose,
            });
            relevance[i] = most;
            continue;
        }
        if verdicts[i].is_none() {
            continue;
        }
        match amounts::rule_applies(&sentence.text, question) {
            Some(false) => verdicts[i] = None,
            Some(true) => relevance[i] = most,
            None => {}
        }
    }
}

/// The most any sentence of the section speaks to the question, on each measure: what a
/// rule for the asked case is given when the question's amount or circumstance singles
/// it out.
fn most_relevant(relevance: &[Relevance]) -> Relevance {
    relevance
        .iter()
        .fold(Relevance::default(), |m, r| Relevance {
            coverage: m.coverage.max(r.coverage),
            specific: m.specific.max(r.specific),
        })
}

/// Silence taken as consent answers a question that reports the silence: the asking the
/// rules require is done ("ask on the dev list" is met), and going ahead is allowed — the
/// rule for the asked case, as relevant as the section's most relevant sentence. For any
/// other question it states nothing.
fn apply_silence(
    sentences: &[Sentence],
    question: &str,
    verdicts: &mut [Option<Finding>],
    relevance: &mut [Relevance],
) {
    let taking_silence: Vec<usize> = (0..sentences.len())
        .filter(|&i| verdicts[i].is_some_and(|f| f.how == Stated::SilenceConsent))
        .collect();
    if taking_silence.is_empty() {
        return;
    }
    if !verdict::reports_silence(question) {
        for &i in &taking_silence {
            verdicts[i] = None;
        }
        return;
    }
    let most = most_relevant(relevance);
    for &i in &taking_silence {
        relevance[i] = most;
        let block = sentences[i].block;
        for (j, sentence) in sentences.iter().enumerate() {
            let asks_first = verdicts[j].is_some_and(|f| f.verdict == Verdict::NeedsApproval);
            if sentence.block == block && asks_first {
                verdicts[j] = None;
            }
        }
    }
}

/// "Only if no container numbers are readable" and the question has container numbers
/// in its photo: the condition fails, and the permission forbids.
fn fail_excluding_conditions(
    sentences: &[Sentence],
    question: &str,
    rate: &impl Rate,
    verdicts: &mut [Option<Finding>],
) {
    for (i, finding) in verdicts.iter_mut().enumerate() {
        if let Some(f) = finding
            .as_mut()
            .filter(|f| f.verdict == Verdict::Conditional)
        {
            if names_what_condition_excludes(&sentences[i].text, question, rate) {
                f.verdict = Verdict::NotAllowed;
            }
        }
    }
}

/// Conditions that exclude things: "wenn keine Containernummern … lesbar sind",
/// "as long as no customer names are visible".
const EXCLUDING_CONDITIONS: &[&str] = &[
    "wenn keine ",
    "wenn kein ",
    "sofern keine ",
    "sofern kein ",
    "solange keine ",
    "solange kein ",
    "falls keine ",
    "if no ",
    "as long as no ",
    "provided no ",
    "provided that no ",
];

/// Whether the question asks about something a permission's condition rules out: the
/// excluded things cover part of the question that the rest of the rule does not, by
/// what they are rather than what they are made of (the containers in a photo are no
/// "Containernummern"), and the question doesn't itself say they are absent ("ohne
/// Kennzeichen").
fn names_what_condition_excludes(rule: &str, question: &str, rate: &impl Rate) -> bool {
    let lower = rule.to_lowercase();
    let Some(start) = EXCLUDING_CONDITIONS
        .iter()
        .filter_map(|p| lower.find(p))
        .min()
    else {
        return false;
    };
    let question = question.to_lowercase();
    // "ohne Kennzeichen", "die Nummern erkennt man nicht", "you can't read the numbers":
    // the question says the condition holds.
    let question_excludes = [
        "ohne ", "keine ", "kein ", " nicht ", " nicht.", " nicht,", "without ", " no ", " not ",
        "n't ", "cannot ",
    ]
    .iter()
    .any(|p| format!(" {question} ").contains(p));
    if question_excludes || !rule.is_char_boundary(start) {
        return false;
    }
    let rest = &rule[..start];
    rate.coverage_by_heads(rule) > rate.coverage_by_heads(rest) + 0.05
}

/// The verdict a section gives on a question, and the sentence that carries it.
#[derive(Debug, Clone, Copy, PartialEq)]
struct VerdictChoice {
    sentence: usize,
    /// The sentence whose relevance vouches for the verdict: the rule's own, or the
    /// situation it follows.
    vouching: usize,
    finding: Finding,
    basis: VerdictBasis,
}

/// How specific to the question a rule after an FAQ answer must be to answer instead.
const MIN_ASIDE: f32 = 0.15;

/// Reads the section's verdict on the question:
/// - a Yes/No answer opening an FAQ section answers the section's question;
/// - otherwise the rule that speaks most to what the question asks beyond the
///   section's topic decides (or, when it asks nothing beyond the topic, the rule that
///   speaks most to the whole question) — provided that rule is nearly as relevant as
///   the section's most relevant sentence: when that sentence states no verdict, there
///   is none.
///
/// Among near-tied rules the one that covers more of the whole question wins, and among
/// those the strictest, because a wrong "allowed" is the worst answer guidebot can give.
fn choose_verdict(
    verdicts: &[Option<Finding>],
    relevance: &[Relevance],
    asking: &[bool],
    consent: &[Consent],
    examples: &[bool],
) -> Option<VerdictChoice> {
    let stating: Vec<usize> = (0..verdicts.len())
        .filter(|&i| verdicts[i].is_some())
        .collect();
    // …unless a later restriction of the entry speaks more to what the question asks
    // beyond the entry's own question ("Do we engage with hostile messages? No. … Block
    // them only after discussing with the team" asked "Can I block him?"; "Yes, but …
    // not while on duty" asked about the office).
    let more_specific_rule = |answer: usize| {
        stating.iter().any(|&j| {
            j != answer
                && verdicts[j].is_some_and(|f| f.verdict.restricts())
                && relevance[j].specific > relevance[answer].specific.max(MIN_ASIDE)
        })
    };
    if let Some(&i) = stating
        .iter()
        .find(|&&i| verdicts[i].is_some_and(|f| f.how == Stated::Answer) && !more_specific_rule(i))
    {
        return Some(VerdictChoice {
            sentence: i,
            vouching: i,
            finding: verdicts[i]?,
            basis: VerdictBasis::Answer,
        });
    }
    let most_specific = relevance.iter().map(|r| r.specific).fold(0.0, f32::max);
    let basis = if most_specific > 0.0 {
        VerdictBasis::Specific
    } else {
        VerdictBasis::Topic
    };
    let key = |i: usize| match basis {
        VerdictBasis::Specific => relevance[i].specific,
        _ => relevance[i].coverage,
    };
    let most_relevant = (0..relevance.len()).map(key).fold(0.0, f32::max);
    let top = stating.iter().map(|&i| key(i)).fold(0.0, f32::max);
    if top <= 0.0 || top < 0.6 * most_relevant {
        return rule_after_situation(verdicts, relevance, asking, key, basis);
    }
    let near_tied: Vec<usize> = stating
        .iter()
        .copied()
        .filter(|&i| key(i) >= 0.9 * top)
        .collect();
    let near_tied = prefer_marked_rules(near_tied, &stating, verdicts, examples, key, top);
    let near_tied = let_consent_answer(near_tied, &stating, verdicts, consent, key, basis);
    let strictness = |i: usize| verdicts[i].map_or(0, |f| f.verdict.strictness());
    // A question that asks two things ("share the ad and add that the pay is great") is
    // answered by the rule that restricts: a permission for one part must not clear the
    // other.
    let permits = |i: usize| {
        verdicts[i].is_some_and(|f| matches!(f.verdict, Verdict::Allowed | Verdict::Conditional))
    };
    let mixed = near_tied.iter().any(|&i| permits(i)) && near_tied.iter().any(|&i| !permits(i));
    let sentence = near_tied.iter().copied().max_by(|&a, &b| {
        let by_coverage = relevance[a].coverage.total_cmp(&relevance[b].coverage);
        let by_strictness = strictness(a).cmp(&strictness(b));
        let order = if mixed {
            by_strictness.then(by_coverage)
        } else {
            by_coverage.then(by_strictness)
        };
        order.then(key(a).total_cmp(&key(b))).then(b.cmp(&a))
    })?;
    Some(VerdictChoice {
        sentence,
        vouching: sentence,
        finding: verdicts[sentence]?,
        basis,
    })
}

/// How relevant a marked rule must be, as a share of the most relevant prose verdict,
/// to answer before it.
const MARKED_RULE_SHARE: f32 = 0.8;

/// A section that marks its rules ("❌ Nicht erlaubt: …") states its verdicts there: when
/// the near-tied rules are all prose, the marked rules nearly as relevant
/// ([`MARKED_RULE_SHARE`]) answer instead.
fn prefer_marked_rules(
    near_tied: Vec<usize>,
    stating: &[usize],
    verdicts: &[Option<Finding>],
    examples: &[bool],
    key: impl Fn(usize) -> f32,
    top: f32,
) -> Vec<usize> {
    // A marked example ("For example: - Don't: @18F's Angela is speaking at this event -
    // sign up and go!") shows the rule before it; it matches a question by its names
    // and scene, so it does not answer before the prose rules.
    let marked = |i: usize| verdicts[i].is_some_and(|f| f.how == Stated::Marker) && !examples[i];
    if near_tied.iter().any(|&i| marked(i)) {
        return near_tied;
    }
    let marked_near: Vec<usize> = stating
        .iter()
        .copied()
        .filter(|&i| marked(i) && key(i) >= MARKED_RULE_SHARE * top)
        .collect();
    if marked_near.is_empty() {
        near_tied
    } else {
        marked_near
    }
}

/// "🔶 Allowed if everyone recognisable agreed" and "❌ Not allowed: snapshots of
/// colleagues who were not asked" are one rule seen from two sides: unless the question
/// says nobody is asked, the permission and its condition answer it — when it is among
/// the near-tied rules, or the question asks nothing beyond the section's topic.
fn let_consent_answer(
    near_tied: Vec<usize>,
    stating: &[usize],
    verdicts: &[Option<Finding>],
    consent: &[Consent],
    key: impl Fn(usize) -> f32,
    basis: VerdictBasis,
) -> Vec<usize> {
    let is = |i: usize, v: Verdict| verdicts[i].is_some_and(|f| f.verdict == v);
    let permission = stating
        .iter()
        .copied()
        .filter(|&i| is(i, Verdict::Conditional) && consent[i] == Consent::Condition)
        .max_by(|&a, &b| key(a).total_cmp(&key(b)));
    let Some(permission) = permission else {
        return near_tied;
    };
    if basis != VerdictBasis::Topic && !near_tied.contains(&permission) {
        return near_tied;
    }
    let mut answering: Vec<usize> = near_tied
        .into_iter()
        .filter(|&i| !(is(i, Verdict::NotAllowed) && consent[i] == Consent::BanWithout))
        .collect();
    if !answering.contains(&permission) {
        answering.push(permission);
    }
    answering
}

/// What a rule says of consent, as far as the question leaves it open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Consent {
    /// Nothing, or the question itself says consent is skipped, or no rule.
    Silent,
    /// A ban on going without consent.
    BanWithout,
    /// Consent as a condition.
    Condition,
}

impl Consent {
    fn of(sentence: &str) -> Self {
        if verdict::bans_going_without_consent(sentence) {
            Consent::BanWithout
        } else if verdict::asks_consent(sentence) {
            Consent::Condition
        } else {
            Consent::Silent
        }
    }
}

/// When the sentence that speaks most to the question describes a situation rather
/// than a rule ("Beim Familientag sind oft Kinder dabei."), the marked rule that follows
/// it within the next two sentences answers ("❌ Nicht erlaubt: Fotos, auf denen fremde
/// Kinder erkennbar sind …"). So does the answer right after a question the section
/// asks itself ("Q: Do we engage with hostile messages?" "A: No. Don't feed the trolls.").
fn rule_after_situation(
    verdicts: &[Option<Finding>],
    relevance: &[Relevance],
    asking: &[bool],
    key: impl Fn(usize) -> f32,
    basis: VerdictBasis,
) -> Option<VerdictChoice> {
    let situation =
        (0..relevance.len()).max_by(|&a, &b| key(a).total_cmp(&key(b)).then(b.cmp(&a)))?;
    if key(situation) <= 0.0 || verdicts[situation].is_some() {
        return None;
    }
    let answers = asking.get(situation).copied().unwrap_or(false)
        && verdicts.get(situation + 1).is_some_and(Option::is_some);
    let sentence = if answers {
        situation + 1
    } else {
        (situation + 1..verdicts.len().min(situation + 3))
            .find(|&i| verdicts[i].is_some_and(|f| f.how == Stated::Marker))?
    };
    Some(VerdictChoice {
        sentence,
        vouching: situation,
        finding: verdicts[sentence]?,
        basis,
    })
}

/// The question a Yes/No answer answers: an FAQ section's heading when it is a question
/// ("Is it a violation to …?" answered "No." means allowed), else the asker's.
fn answered_question<'a>(section: &'a Section, question: &'a str) -> &'a str {
    let heading = section.heading().trim();
    if heading.ends_with('?') {
        heading
    } else {
        question
    }
}

fn chosen_contains(indices: &[usize], i: usize) -> bool {
    indices.binary_search(&i).is_ok()
}

fn join_quote(sentences: &[Sentence], indices: &[usize]) -> String {
    let mut text = String::new();
    if indices.first().is_some_and(|&i| i > 0) {
        text.push_str("… ");
    }
    for (n, &i) in indices.iter().enumerate() {
        if n > 0 {
            let previous = indices[n - 1];
            if i != previous + 1 {
                text.push_str(" … ");
            } else if sentences[i].block != sentences[previous].block {
                text.push('\n');
            } else {
                text.push(' ');
            }
        }
        text.push_str(&sentences[i].text);
    }
    if indices.last().is_some_and(|&i| i + 1 < sentences.len()) {
        text.push_str(" …");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_document;
    use crate::lang::Lang;

    #[test]
    fn splits_sentences_but_not_abbreviations() {
        assert_eq!(
            split_sentences(
                "Fotos z. B. vom Sommerfest sind ok. Aber nicht von Kindern! Why? Because."
            ),
            vec![
                "Fotos z. B. vom Sommerfest sind ok.",
                "Aber nicht von Kindern!",
                "Why?",
                "Because."
            ]
        );
        assert_eq!(
            split_sentences("Version 3.8.1 is out."),
            vec!["Version 3.8.1 is out."]
        );
    }

    #[test]
    fn an_faq_entry_is_answered_by_its_answer() {
        let md = "# FAQ\n\nQ: Will the account follow others?\n\nA: Not decided yet.\n\nQ: Do we engage with hostile messages?\n\nA: No. Mute them.\n";
        let doc = parse_document("f.md", md.as_bytes(), Lang::En).unwrap();
        let entry = doc
            .sections
            .iter()
            .find(|s| s.heading() == "Do we engage with hostile messages?")
            .unwrap();
        let quote = quote(
            entry,
            "some troll keeps replying nasty stuff, should we engage?",
            |_: &str| Relevance {
                coverage: 0.5,
                specific: 0.5,
            },
        );
        assert_eq!(quote.verdict, Some(Verdict::NotAllowed));
        assert!(quote
            .verdict_sentence
            .is_some_and(|s| s.starts_with("A: No.")));
    }

    #[test]
    fn silence_taken_as_consent_answers_only_a_question_reporting_it() {
        let md = "# Posting\n\n- If you're unsure whether a post is OK, ask on the dev list with a draft. Consider no response after 24 hours consent to publish.\n";
        let doc = parse_document("f.md", md.as_bytes(), Lang::En).unwrap();
        let ask = |question: &str| {
            quote(&doc.sections[0], question, |_: &str| Relevance {
                coverage: 0.5,
                specific: 0.0,
            })
            .verdict
        };
        assert_eq!(
            ask("put my draft on the dev list a day ago, nobody replied. can I post it?"),
            Some(Verdict::Allowed)
        );
        assert_eq!(
            ask("not sure my post is ok, can I just publish it?"),
            Some(Verdict::NeedsApproval)
        );
    }

    #[test]
    fn a_later_restriction_on_what_was_asked_outweighs_the_entrys_yes() {
        let md = "# FAQ\n\n## May I post about candidates?\n\nYes, but with some limitations.\n\nYou may not do so while on duty.\n";
        let doc = parse_document("f.md", md.as_bytes(), Lang::En).unwrap();
        let entry = &doc.sections[1];
        let ask = |duty_specific: f32| {
            quote(
                entry,
                "can I post about a candidate from the office?",
                |s: &str| {
                    let specific = if s.contains("on duty") {
                        duty_specific
                    } else {
                        0.05
                    };
                    Relevance {
                        coverage: 0.5,
                        specific,
                    }
                },
            )
            .verdict
        };
        assert_eq!(ask(0.6), Some(Verdict::NotAllowed));
        // A restriction that speaks no more to the question leaves the answer standing.
        assert_eq!(ask(0.05), Some(Verdict::Conditional));
    }

    #[test]
    fn a_question_the_section_asks_itself_is_answered_by_the_next_sentence() {
        let md = "# Tips\n\nWill the account follow others? That is not decided yet. Do we engage with hostile messages? Don't feed the trolls. Mute them.\n";
        let doc = parse_document("f.md", md.as_bytes(), Lang::En).unwrap();
        let quote = quote(
            &doc.sections[0],
            "some troll keeps replying nasty stuff, should we engage?",
            |s: &str| {
                let coverage = if s.contains("hostile") { 0.8 } else { 0.1 };
                Relevance {
                    coverage,
                    specific: coverage,
                }
            },
        );
        assert_eq!(quote.verdict, Some(Verdict::NotAllowed));
        assert!(
            quote.text.contains("Don't feed the trolls"),
            "{}",
            quote.text
        );
    }

    #[test]
    fn quote_picks_relevant_sentence_with_marker_verdict_and_lines() {
        let md = "# Fotos\n\nFotos sind beliebt. Wir freuen uns über Beiträge.\n\n- ❌ **Nicht erlaubt:** Fotos von Kindern posten.\n- ✅ **Erlaubt:** Fotos vom Büro ohne Personen.\n\nMehr dazu beim Team.\n";
        let doc = parse_document("f.md", md.as_bytes(), Lang::De).unwrap();
        let quote = quote(
            &doc.sections[0],
            "Darf ich Fotos von Kindern posten?",
            |s: &str| {
                let (coverage, specific) = if s.contains("Kindern") {
                    (1.0, 1.0)
                } else if s.contains("Fotos") {
                    (0.3, 0.0)
                } else {
                    (0.0, 0.0)
                };
                Relevance { coverage, specific }
            },
        );
        assert_eq!(quote.verdict, Some(Verdict::NotAllowed));
        assert!(
            quote
                .text
                .contains("Nicht erlaubt: Fotos von Kindern posten."),
            "{}",
            quote.text
        );
        assert!(quote.text.starts_with("… "), "{}", quote.text);
        assert_eq!((quote.line_start, quote.line_end), (5, 5));
    }

    #[test]
    fn a_marked_example_does_not_answer_before_the_rule() {
        let md = "# Events\n\nIf you are speaking at an event, it is okay to post live.\n\nLimit your tweet to facts. For example:\n\n- Don't: Sam is speaking at this event - sign up and go!\n- Do: Sam is speaking about our priorities.\n";
        let doc = parse_document("e.md", md.as_bytes(), Lang::En).unwrap();
        // The example shares the question's scene nearly as much as the rule does.
        let rate = |s: &str| {
            let coverage = if s.contains("okay to post live") {
                0.6
            } else if s.contains("this event") {
                0.5
            } else {
                0.0
            };
            Relevance {
                coverage,
                specific: coverage,
            }
        };
        let answer = quote(
            &doc.sections[0],
            "Sam is speaking at an event, may I post live?",
            rate,
        );
        assert!(answer
            .verdict_sentence
            .unwrap()
            .starts_with("If you are speaking"));
    }

    #[test]
    fn a_sentence_is_read_with_the_one_it_refers_to() {
        let md = "# Fotos\n\nDie Eltern unterschreiben eine Einverständniserklärung. Ohne diese ist eine Teilnahme strafbar. Manche möchten nicht auf Fotos. Diese Entscheidung sollte keinesfalls Bedingung für eine Teilnahme sein.\n";
        let doc = parse_document("f.md", md.as_bytes(), Lang::De).unwrap();
        // The question speaks of photos and taking part; neither rule names both.
        let rate = |s: &str| {
            let named = ["Fotos", "Teilnahme"]
                .iter()
                .filter(|w| s.contains(**w))
                .count();
            let coverage = named as f32 * 0.4;
            Relevance {
                coverage,
                specific: coverage,
            }
        };
        let asked = "Sie will nicht auf Fotos – darf sie trotzdem teilnehmen?";
        let answer = quote(&doc.sections[0], asked, rate);
        assert_eq!(answer.verdict, Some(Verdict::Allowed));
        assert!(answer
            .verdict_sentence
            .unwrap()
            .starts_with("Diese Entscheidung"));
        let refusing =
            "Sie will nicht auf Fotos – dürfen wir sagen, dass sie nicht teilnehmen kann?";
        let answer = quote(&doc.sections[0], refusing, rate);
        assert_eq!(answer.verdict, Some(Verdict::NotAllowed));
        // Asked about the photos alone, the rule on taking part says nothing.
        let rate_photos = |s: &str| Relevance {
            coverage: if s.contains("Fotos") { 0.5 } else { 0.0 },
            specific: if s.contains("Fotos") { 0.5 } else { 0.0 },
        };
        let answer = quote(&doc.sections[0], "Darf ich Fotos hochladen?", rate_photos);
        assert_eq!(answer.verdict, None);
    }

    #[test]
    fn a_question_asking_two_things_gets_the_restricting_rule() {
        let md = "# Jobs\n\nStellenanzeigen dürfen geteilt werden. Eigene Formulierungen zum Gehalt sind nicht gestattet.\n";
        let doc = parse_document("j.md", md.as_bytes(), Lang::De).unwrap();
        // "Share the ad" is a little more of the question than "add a line on pay".
        let rate = |s: &str| Relevance {
            coverage: if s.contains("geteilt") { 0.5 } else { 0.45 },
            specific: if s.contains("geteilt") { 0.5 } else { 0.47 },
        };
        let asked = "Darf ich die Anzeige teilen und dazuschreiben, dass man gut verdient?";
        let answer = quote(&doc.sections[0], asked, rate);
        assert_eq!(answer.verdict, Some(Verdict::NotAllowed));
    }

    #[test]
    fn a_condition_the_question_fails_forbids() {
        let md = "# Betrieb\n\nFotos aus Lagerhallen dürfen nur gepostet werden, wenn keine Containernummern lesbar sind.\n";
        let doc = parse_document("b.md", md.as_bytes(), Lang::De).unwrap();
        let rate = |s: &str| Relevance {
            coverage: if s.contains("Containernummern") {
                0.6
            } else {
                0.0
            } + if s.contains("Lagerhallen") { 0.3 } else { 0.0 },
            specific: 0.5,
        };
        let with = quote(&doc.sections[0], "Foto mit Containernummern ok?", rate);
        assert_eq!(with.verdict, Some(Verdict::NotAllowed));
        let without = quote(&doc.sections[0], "Foto ohne Containernummern ok?", rate);
        assert_eq!(without.verdict, Some(Verdict::Conditional));
        let unreadable = quote(
            &doc.sections[0],
            "Die Containernummern erkennt man nicht. Ok?",
            rate,
        );
        assert_eq!(unreadable.verdict, Some(Verdict::Conditional));
    }

    #[test]
    fn an_amount_outside_a_rules_limit_leaves_that_rule_out() {
        let md = "# Gifts\n\n- Allowed: gifts worth up to 50 EUR.\n- Not allowed: gifts worth more than 50 EUR.\n";
        let doc = parse_document("g.md", md.as_bytes(), Lang::En).unwrap();
        let rate = |_: &str| Relevance {
            coverage: 0.5,
            specific: 0.5,
        };
        let wine = quote(&doc.sections[0], "A gift worth 30 euros?", rate);
        assert_eq!(wine.verdict, Some(Verdict::Allowed));
        let watch = quote(&doc.sections[0], "A gift worth 300 euros?", rate);
        assert_eq!(watch.verdict, Some(Verdict::NotAllowed));
    }

    #[test]
    fn the_marked_rule_after_the_asked_situation_answers() {
        let md = "# Kinder\n\nBeim Familientag sind oft Kinder dabei.\n\n- ❌ **Nicht erlaubt:** Fotos, auf denen fremde Kinder erkennbar sind.\n";
        let doc = parse_document("k.md", md.as_bytes(), Lang::De).unwrap();
        let rate = |s: &str| {
            let specific = if s.contains("Familientag") { 0.8 } else { 0.0 };
            Relevance {
                coverage: 0.3 + specific / 2.0,
                specific,
            }
        };
        let q = quote(&doc.sections[0], "Fotos von Kindern vom Familientag?", rate);
        assert_eq!(q.verdict, Some(Verdict::NotAllowed));
        assert!(q.verdict_relevance > 0.6, "vouched for by the situation");
    }

    #[test]
    fn a_ban_on_going_without_consent_leaves_the_permission_with_consent_to_answer() {
        let md = "# Fotos von Kollegen\n\n- 🔶 **Erlaubt, wenn:** Alle Kollegen vorher zugestimmt haben.\n- ❌ **Nicht erlaubt:** Bilder von Kollegen, die nicht gefragt wurden, oder Bilder beim Essen.\n";
        let doc = parse_document("f.md", md.as_bytes(), Lang::De).unwrap();
        // Asked about the section's topic: the ban names "Bilder" and "Kollegen", the
        // permission only "Kollegen".
        let rate = |s: &str| Relevance {
            coverage: 0.4 + if s.contains("Bilder") { 0.3 } else { 0.0 },
            specific: 0.0,
        };
        let asked = |q: &str| quote(&doc.sections[0], q, rate).verdict;
        assert_eq!(
            asked("Darf ich Bilder von Kollegen posten?"),
            Some(Verdict::Conditional)
        );
        assert_eq!(
            asked("Darf ich Bilder von Kollegen posten, ohne zu fragen?"),
            Some(Verdict::NotAllowed)
        );
        let rate_eating = |s: &str| {
            let specific = if s.contains("Essen") { 0.8 } else { 0.0 };
            Relevance {
                coverage: 0.4 + specific / 2.0,
                specific,
            }
        };
        let eating = quote(
            &doc.sections[0],
            "Bilder von Kollegen beim Essen?",
            rate_eating,
        );
        assert_eq!(eating.verdict, Some(Verdict::NotAllowed));
    }

    #[test]
    fn a_marked_rule_answers_before_the_prose_around_it() {
        let md = "# Eigene Texte\n\nEine Anzeige muss sauber formuliert sein und darf keine Zusagen enthalten.\n\n- ⚠️ **Nur mit Freigabe:** Eine Anzeige in eigenen Worten umformulieren.\n";
        let doc = parse_document("e.md", md.as_bytes(), Lang::De).unwrap();
        // The prose shares "formuliert" with the question, the marked rule "Worten":
        // nearly as much.
        let rate = |s: &str| {
            let specific = if s.contains("formuliert") {
                0.4
            } else if s.contains("Worten") {
                0.35
            } else {
                0.0
            };
            Relevance {
                coverage: 0.3 + specific,
                specific,
            }
        };
        let q = quote(
            &doc.sections[0],
            "Darf ich die Anzeige in eigenen Worten formulieren?",
            rate,
        );
        assert_eq!(q.verdict, Some(Verdict::NeedsApproval));
        // A marked rule that speaks much less to the question does not.
        let rate = |s: &str| {
            let specific = if s.contains("formuliert") {
                0.4
            } else if s.contains("Worten") {
                0.2
            } else {
                0.0
            };
            Relevance {
                coverage: 0.3 + specific,
                specific,
            }
        };
        let q = quote(&doc.sections[0], "Darf ich Zusagen machen?", rate);
        assert_eq!(q.verdict, Some(Verdict::NotAllowed));
    }

    #[test]
    fn list_items_are_read_with_their_lead_in() {
        let md = "# Rules\n\nEmployees may not:\n\n- Host a fundraiser\n- Wear buttons\n";
        let doc = parse_document("r.md", md.as_bytes(), Lang::En).unwrap();
        let sentences = sentences(&doc.sections[0]);
        // Relevance here: the share of the words "employees" and "host" a text contains.
        let rate = |text: &str| {
            let lower = text.to_lowercase();
            let share = ["employees", "host"]
                .iter()
                .filter(|w| lower.contains(*w))
                .count() as f32
                / 2.0;
            Relevance {
                coverage: share,
                specific: share,
            }
        };
        let mut relevance: Vec<Relevance> = sentences.iter().map(|s| rate.rate(&s.text)).collect();
        read_list_items_with_their_lead_in(&sentences, &rate, &mut relevance);
        let coverage: Vec<f32> = relevance.iter().map(|r| r.coverage).collect();
        assert_eq!(coverage, vec![0.5, 1.0, 0.5]);
    }

    #[test]
    fn list_items_take_the_verdict_of_their_lead_in() {
        let md = "# Daten\n\nNicht veröffentlicht werden dürfen:\n\n- Kundendaten\n- Zählerstände\n\nSonst gilt der Rest.\n";
        let doc = parse_document("d.md", md.as_bytes(), Lang::De).unwrap();
        let sentences = sentences(&doc.sections[0]);
        let verdicts: Vec<Option<Verdict>> = sentence_verdicts(&sentences)
            .iter()
            .map(|f| f.map(|f| f.verdict))
            .collect();
        assert_eq!(
            verdicts,
            vec![
                Some(Verdict::NotAllowed),
                Some(Verdict::NotAllowed),
                Some(Verdict::NotAllowed),
                None
            ]
        );
    }

    #[test]
    fn faq_answer_verdict_respects_question_polarity() {
        let md = "# Will I violate the Hatch Act if I like a candidate's page?\n\nNo. You may like it while off duty. Details follow.\n";
        let doc = parse_document("faq.md", md.as_bytes(), Lang::En).unwrap();
        let q = quote(
            &doc.sections[0],
            "May I like a candidate's page on Facebook?",
            |s: &str| Relevance {
                coverage: if s.contains("like") { 0.8 } else { 0.1 },
                specific: 0.0,
            },
        );
        assert_eq!(q.verdict, Some(Verdict::Allowed));
        assert!(q.text.starts_with("No."), "{}", q.text);

        let md = "# May I wear a campaign button at work?\n\nNo. Employees may not engage in political activity on duty.\n";
        let doc = parse_document("faq.md", md.as_bytes(), Lang::En).unwrap();
        let q = quote(
            &doc.sections[0],
            "Would a campaign button at work break the rules?",
            |s: &str| Relevance {
                coverage: if s.contains("button") { 0.8 } else { 0.3 },
                specific: 0.0,
            },
        );
        assert_eq!(
            q.verdict,
            Some(Verdict::NotAllowed),
            "the heading's question is what 'No.' answers"
        );
    }
}
