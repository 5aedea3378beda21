//! Reading the verdict a guideline sentence states: the handbook's rule markers
//! ("❌ Nicht erlaubt:"), plain guideline prose ("ist verboten", "feel free to") and FAQ
//! answers ("Yes, but …"). When in doubt there is no verdict: wrongly telling someone
//! "allowed" is the worst answer guidebot can give.

use crate::answer::Verdict;

/// A verdict found in a sentence, and how it was stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    pub verdict: Verdict,
    pub how: Stated,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stated {
    /// A rule marker at the start of a line ("Erlaubt:", "❌").
    Marker,
    /// Ordinary guideline prose.
    Prose,
    /// An FAQ answer starting "Yes"/"No": its meaning depends on the question's polarity.
    Answer,
    /// A requirement ruled out ("Diese Entscheidung sollte keinesfalls Bedingung für eine
    /// Teilnahme sein"): doing the thing without it is allowed, and refusing it for
    /// want of it is not. Its meaning depends on which of the two the question asks.
    Waiver,
    /// Silence taken as consent ("Consider no response … after 24 hours consent to
    /// publish"): going ahead is allowed once nobody objected, which only a question
    /// saying so meets.
    SilenceConsent,
}

/// Rule markers as the comms team writes them, checked case-insensitively at the start of
/// a block once emoji and bold are gone. Longer ones first so "Nicht erlaubt:" wins over
/// "Erlaubt". The lint suggests these spellings.
pub(crate) const MARKERS: &[(&str, Verdict)] = &[
    ("Nicht erlaubt", Verdict::NotAllowed),
    ("Nur mit Freigabe", Verdict::NeedsApproval),
    ("Nur nach Freigabe", Verdict::NeedsApproval),
    ("Erlaubt, wenn", Verdict::Conditional),
    ("Erlaubt wenn", Verdict::Conditional),
    ("Erlaubt, sofern", Verdict::Conditional),
    ("Unter Bedingungen", Verdict::Conditional),
    ("Erlaubt", Verdict::Allowed),
    ("Verboten", Verdict::NotAllowed),
    ("Not allowed", Verdict::NotAllowed),
    ("Allowed if", Verdict::Conditional),
    ("Allowed, if", Verdict::Conditional),
    ("Allowed", Verdict::Allowed),
    ("Ask first", Verdict::NeedsApproval),
    ("Approval needed", Verdict::NeedsApproval),
    ("Needs approval", Verdict::NeedsApproval),
    ("Don't", Verdict::NotAllowed),
    ("Do not", Verdict::NotAllowed),
    ("Don’t", Verdict::NotAllowed),
    ("Do", Verdict::Allowed),
];

/// Emoji that state a verdict at the start of a rule (with or without the variation
/// selector U+FE0F).
pub(crate) const EMOJI_MARKERS: &[(&str, Verdict)] = &[
    ("✅", Verdict::Allowed),
    ("✔️", Verdict::Allowed),
    ("✔", Verdict::Allowed),
    ("❌", Verdict::NotAllowed),
    ("🚫", Verdict::NotAllowed),
    ("⛔", Verdict::NotAllowed),
    ("⚠️", Verdict::NeedsApproval),
    ("⚠", Verdict::NeedsApproval),
    ("🔶", Verdict::Conditional),
];

const APPROVAL: &[&str] = &[
    "nur mit freigabe",
    "nur nach freigabe",
    "nur nach vorheriger freigabe",
    "vorherige freigabe",
    "vorheriger freigabe",
    "ohne freigabe",
    "ohne vorherige freigabe",
    "freigabe einholen",
    "freigabe ein",
    "freigeben lassen",
    "freigegeben werden",
    "bedarf der freigabe",
    "bedürfen der freigabe",
    "braucht eine freigabe",
    "brauchen eine freigabe",
    "nur mit zustimmung",
    "nicht ohne zustimmung",
    "ohne zustimmung",
    "ohne genehmigung",
    "nur mit genehmigung",
    "genehmigt werden",
    "vorher abstimmen",
    "vorab abstimmen",
    "in absprache mit",
    "nach rücksprache",
    "nur nach rücksprache",
    "vorher fragen",
    "vorher bescheid",
    "vorab bescheid",
    "vorab informieren",
    "vorher informieren",
    "vorher nachfragen",
    "ungefragt",
    "ohne zu fragen",
    "ohne nachzufragen",
    "ohne vorher zu fragen",
    "without asking",
    "antrag stellen",
    "antrag gestellt",
    "antrag einreichen",
    "stellen einen antrag",
    "stellt einen antrag",
    "schriftlichen antrag",
    "beantragen",
    "beantragt werden",
    "ask first",
    "ask before",
    "know beforehand",
    "know in advance",
    "check before",
    "ask for approval",
    "requires approval",
    "require approval",
    "needs approval",
    "need approval",
    "must be approved",
    "needs to be approved",
    "need to be approved",
    "only with approval",
    "without approval",
    "prior approval",
    "get approval",
    "seek approval",
    "only with permission",
    "without permission",
    "without explicit permission",
    "without explicit consent",
    "without their consent",
    "without prior",
    "without written",
    "ohne ausdrückliche",
    "ohne schriftliche",
    "get permission",
    "only after discussing",
    "only after consulting",
    "only after checking",
    "only after talking",
    "nach absprache",
    "check with",
    "clear it with",
    "signed off",
    "sign-off",
    "sign off",
];

const PROHIBITION: &[&str] = &[
    "nicht erlaubt",
    "nicht gestattet",
    "nicht zulässig",
    "unzulässig",
    "ist verboten",
    "sind verboten",
    "verboten",
    "untersagt",
    "strafbar",
    "darf nicht",
    "dürfen nicht",
    "darfst nicht",
    "dürfen keine",
    "darf keine",
    "darf kein",
    "dürfen kein",
    "nicht veröffentlicht werden",
    "nicht gepostet werden",
    "nicht geteilt werden",
    "niemals",
    "auf keinen fall",
    "keinesfalls",
    "tabu",
    "unterlassen",
    "geben keine",
    "veröffentlichen keine",
    "posten keine",
    "teilen keine",
    "nennen keine",
    "zeigen keine",
    "verwenden keine",
    "äußern sich nicht",
    "äußern uns nicht",
    "keine auskünfte",
    "not allowed",
    "not permitted",
    "is prohibited",
    "are prohibited",
    "prohibited from",
    "prohibited",
    "prohibits",
    "not be permitted",
    "not be allowed",
    "should neither",
    "is illegal",
    "are out of scope",
    "is out of scope",
    "not focus on",
    "are illegal",
    "forbidden",
    "may not",
    "must not",
    "mustn't",
    "cannot",
    "can not",
    "never post",
    "never share",
    "never ",
    "do not",
    "don't",
    "don’t",
    "is a violation",
    "would violate",
    "violates",
    "not acceptable",
    "unacceptable",
    "refrain from",
    "not okay",
    "not ok",
];

/// Sentence openings that forbid.
const FORBIDDING_OPENINGS: &[&str] = &[
    "avoid ",
    "refrain ",
    "vermeiden sie ",
    "vermeide ",
    "verzichten sie ",
    "verzichte ",
];

/// Phrases that forbid whatever else the sentence says ("we should avoid linking to …,
/// given the attention it may generate").
const FORBIDDING_PHRASES: &[&str] = &[
    "best not to ",
    "absolutely no ",
    "should avoid ",
    "please avoid ",
    "must avoid ",
    "also, avoid ",
    "be careful not to ",
    "mindful not to ",
];

/// Prohibitions denied.
const NOT_PROHIBITED: &[&str] = &[
    "not prohibited",
    "not be prohibited",
    "not forbidden",
    "does not violate",
    "would not violate",
    "will not violate",
    "is not a violation",
    "does not prohibit",
    "do not prohibit",
    "would not prohibit",
    "nicht verboten",
    "nicht strafbar",
    "kein verstoß",
    "nicht untersagt",
];

/// A permission bound to conditions: "dürfen nur gepostet werden, wenn …", "may only".
const ONLY_IF: &[&str] = &[
    "dürfen nur ",
    "darf nur ",
    "nur mit einwilligung",
    "nur mit ihrer",
    "nur mit seiner",
    "nur mit ausdrücklicher",
    "may only ",
    "can only ",
];

/// A rule bound to a condition without a modal verb ("verwenden Sie nur, wenn …"): read
/// after prohibitions, so "darf nicht veröffentlicht werden – verpixeln reicht nur, wenn
/// …" stays a prohibition.
const ONLY_WHEN: &[&str] = &[
    " nur, wenn ",
    " nur dann, wenn ",
    " only if ",
    " only when ",
    " ausschließlich als ",
    " nur als ",
    " only as ",
];

/// Obligations to disclose: "muss das kennzeichnen", "must be labelled as an ad" — allowed
/// when done.
const DISCLOSURE: &[&str] = &[
    "kennzeichnen",
    "gekennzeichnet",
    "must disclose",
    "must be disclosed",
    "must label",
    "must be labelled",
    "must be labeled",
    "must be marked",
];

const PERMISSION: &[&str] = &[
    "ist erlaubt",
    "sind erlaubt",
    "erlaubt",
    "gestattet",
    "dürfen gerne",
    "darfst gerne",
    "dürfen sie gerne",
    "darf gerne",
    "gerne teilen",
    "ausdrücklich erwünscht",
    "erwünscht",
    "willkommen",
    "zulässig",
    "ist in ordnung",
    "feel free",
    "is acceptable",
    "are acceptable",
    "you may",
    "you can",
    " may, ",
    "are welcome to",
    "is allowed",
    "are allowed",
    "is permitted",
    "are permitted",
    "may ",
    "encouraged",
    "is fine",
    "go ahead",
    "is okay",
    "is ok",
    "can be granted",
    "may be granted",
    "are free to",
    "is free to",
    "spricht nichts dagegen",
    "spricht nichts gegen",
    "nothing wrong with",
];

const CONDITION: &[&str] = &[
    "sofern",
    "solange",
    "wenn ",
    "falls",
    "unter der voraussetzung",
    "vorausgesetzt",
    "in angemessenem umfang",
    "angemessen",
    "nur wenn",
    "aber ",
    "jedoch",
    "as long as",
    "so long as",
    "provided that",
    "provided ",
    "only if",
    " if ",
    "unless",
    "but ",
    "however",
    "reasonable",
    "as appropriate",
];

/// The verdict a sentence states, if clear. `starts_block` says the sentence opens a
/// paragraph or list item (where markers stand); `opens_section` that it is the first
/// sentence of a section's body (where FAQ answers stand).
pub fn detect(sentence: &str, starts_block: bool, opens_section: bool) -> Option<Finding> {
    let trimmed = sentence.trim();
    if starts_block {
        if let Some(verdict) = marker(trimmed) {
            return Some(Finding {
                verdict,
                how: Stated::Marker,
            });
        }
    }
    if opens_section {
        if let Some(verdict) = yes_no_answer(trimmed) {
            return Some(Finding {
                verdict,
                how: Stated::Answer,
            });
        }
    }
    if rules_out_requirement(trimmed) {
        return Some(Finding {
            verdict: Verdict::Allowed,
            how: Stated::Waiver,
        });
    }
    if counts_silence_as_consent(trimmed) {
        return Some(Finding {
            verdict: Verdict::Allowed,
            how: Stated::SilenceConsent,
        });
    }
    prose(trimmed).map(|verdict| Finding {
        verdict,
        how: Stated::Prose,
    })
}

/// How rules speak of nobody objecting…
const SILENCE: &[&str] = &[
    "no response",
    "no reply",
    "no objection",
    "not dissenting",
    "no dissent",
    "keine rückmeldung",
    "keine antwort",
    "kein widerspruch",
    "keine einwände",
    "keine einwendungen",
    "nicht widerspr",
];

/// …and of what that silence counts as.
const SILENCE_COUNTS_AS: &[&str] = &[
    "consent",
    "approv",
    "agreement",
    "zustimmung",
    "freigabe",
    "freigegeben",
    "einverständnis",
    "einverstanden",
    "genehmigt",
];

/// Whether a rule counts silence as consent: "Consider no response … after 24 hours
/// consent to publish", "Gibt es binnen 24 Stunden keinen Widerspruch, gilt der Beitrag
/// als freigegeben".
fn counts_silence_as_consent(sentence: &str) -> bool {
    let lower = sentence
        .to_lowercase()
        .replace("keinen widerspruch", "kein widerspruch");
    SILENCE.iter().any(|p| lower.contains(p)) && SILENCE_COUNTS_AS.iter().any(|p| lower.contains(p))
}

/// Ways a question reports that nobody objected ("no one replied", "keine Einwände").
const SILENCE_REPORTED: &[&str] = &[
    "no response",
    "no reply",
    "no replies",
    "no answer",
    "no objection",
    "no feedback",
    "no reaction",
    "nobody replied",
    "no one replied",
    "nobody has replied",
    "no one has replied",
    "nobody responded",
    "no one responded",
    "nobody answered",
    "no one answered",
    "nobody objected",
    "no one objected",
    "nobody has objected",
    "no one has objected",
    "nobody said anything",
    "no one said anything",
    "nobody dissented",
    "no one dissented",
    "didn't hear back",
    "haven't heard back",
    "heard nothing",
    "keine antwort",
    "keine rückmeldung",
    "keine rueckmeldung",
    "kein widerspruch",
    "keinen widerspruch",
    "keine einwände",
    "keine einwaende",
    "keine reaktion",
    "niemand hat geantwortet",
    "keiner hat geantwortet",
    "hat niemand geantwortet",
    "hat keiner geantwortet",
    "niemand hat widersprochen",
    "keiner hat widersprochen",
    "hat niemand widersprochen",
    "hat keiner widersprochen",
    "niemand hat sich gemeldet",
    "keiner hat sich gemeldet",
    "hat sich niemand gemeldet",
    "hat sich keiner gemeldet",
    "nichts gehört",
    "nix gehört",
];

/// Whether a question reports that nobody objected to what it asks about.
pub fn reports_silence(question: &str) -> bool {
    let lower = question.to_lowercase().replace('’', "'");
    SILENCE_REPORTED.iter().any(|p| lower.contains(p))
}

/// Requirements, as guidelines name them before what they would be required for.
const REQUIREMENTS: &[&str] = &[
    "bedingung für",
    "voraussetzung für",
    "condition for",
    "condition of",
    "requirement for",
    "requirement of",
    "prerequisite for",
    "prerequisite of",
];

/// Whether a sentence rules a requirement out: "sollte keinesfalls Bedingung für eine
/// Teilnahme sein", "is not a requirement for attending" — a negation among the few
/// words before the requirement.
fn rules_out_requirement(sentence: &str) -> bool {
    const WITHIN: usize = 4;
    let lower = sentence.to_lowercase();
    REQUIREMENTS.iter().any(|requirement| {
        lower.match_indices(requirement).any(|(at, _)| {
            let before: Vec<&str> = lower[..at]
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .filter(|w| !w.is_empty())
                .collect();
            before.iter().rev().take(WITHIN).any(|w| {
                matches!(
                    *w,
                    "nicht"
                        | "kein"
                        | "keine"
                        | "keinesfalls"
                        | "niemals"
                        | "not"
                        | "no"
                        | "never"
                        | "isn't"
                        | "mustn't"
                        | "shouldn't"
                )
            })
        })
    })
}

/// What a ruled-out requirement was for: the first word after "Bedingung für" that is
/// no article ("Teilnahme" in "… Bedingung für eine Teilnahme am Hackathon sein").
pub fn required_for(sentence: &str) -> Option<&str> {
    const ARTICLES: &[&str] = &[
        "a", "an", "the", "any", "der", "die", "das", "den", "dem", "des", "ein", "eine", "einen",
        "einem", "einer", "eines", "jede", "jeden", "jeder",
    ];
    let lower = sentence.to_lowercase();
    let end = REQUIREMENTS
        .iter()
        .filter_map(|r| lower.find(r).map(|at| at + r.len()))
        .min()?;
    // The offset is the lowercased text's. It fits the original unless a letter before
    // it changes byte length when lowercased (rare in guidelines); then the word read
    // may be off, or `get` finds no char boundary and there is none.
    let rest = sentence.get(end..)?;
    rest.split(|c: char| !c.is_alphanumeric() && c != '-')
        .filter(|w| !w.is_empty())
        .find(|w| !ARTICLES.contains(&w.to_lowercase().as_str()))
}

/// Ways a question asks about refusing someone or making something a requirement ("Can
/// we tell them they can't take part?", "davon abhängig machen").
const REFUSING: &[&str] = &[
    "ausschließen",
    "ausschliessen",
    "ausschluss",
    "nicht mitmachen",
    "nicht teilnehmen",
    "nicht dabei sein",
    "nicht kommen",
    "zuhause bleiben",
    "zu hause bleiben",
    "abhängig machen",
    "abhaengig machen",
    "zur bedingung",
    "zur voraussetzung",
    "wegschicken",
    "exclude",
    "can't take part",
    "cannot take part",
    "can't participate",
    "cannot participate",
    "can't join",
    "cannot join",
    "not take part",
    "not participate",
    "turn them away",
    "turn away",
    "kick",
    "stay home",
    "a requirement",
    "a condition",
    "a prerequisite",
    "mandatory",
];

/// The verdict of a ruled-out requirement on the question: refusing someone for want of
/// it is not allowed — though asked whether one *must* refuse, the answer is that they
/// may take part — and anything else the question asks is allowed.
pub fn resolve_waiver(question: &str) -> Verdict {
    let lower = format!(" {} ", question.to_lowercase().replace('’', "'"));
    let refusing = REFUSING.iter().any(|p| lower.contains(p));
    let obliged = [
        " muss ",
        " müssen ",
        " must ",
        " have to ",
        " need to ",
        " required to ",
    ]
    .iter()
    .any(|p| lower.contains(p));
    if refusing && !obliged {
        Verdict::NotAllowed
    } else {
        Verdict::Allowed
    }
}

fn marker(text: &str) -> Option<Verdict> {
    let mut rest = text;
    let mut emoji_verdict = None;
    for (emoji, verdict) in EMOJI_MARKERS {
        if let Some(after) = rest.strip_prefix(emoji) {
            rest = after.trim_start_matches('\u{fe0f}').trim_start();
            emoji_verdict = Some(*verdict);
            break;
        }
    }
    let lower = rest.to_lowercase();
    for (word, verdict) in MARKERS {
        if let Some(after) = lower.strip_prefix(word.to_lowercase().as_str()) {
            // A marker is a label: it ends with a colon (or a dash) right after the word.
            let after = after.trim_start();
            if after.starts_with(':') || after.starts_with(" -") || after.starts_with('–') {
                return Some(*verdict);
            }
        }
    }
    emoji_verdict
}

fn yes_no_answer(text: &str) -> Option<Verdict> {
    let lower = text.to_lowercase();
    // An answer per group: "Less Restricted Employees: Yes, but with some limitations."
    if let Some((label, rest)) = lower.split_once(':') {
        let rest = rest.trim_start();
        let short_label = label.chars().count() <= 40 && !label.contains(['.', '?']);
        if short_label
            && ["yes", "no", "ja", "nein"]
                .iter()
                .any(|w| rest.starts_with(w))
        {
            return yes_no_answer(rest);
        }
    }
    let word_end = lower
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(lower.len());
    let (word, rest) = lower.split_at(word_end);
    let follows_punctuation = rest.starts_with(['.', ',', ';', ':', '!']);
    if !follows_punctuation {
        return None;
    }
    let rest = rest[1..].trim_start();
    match word {
        "yes" | "ja" => {
            let conditional = [
                "but", "if", "as long", "provided", "only", "aber", "wenn", "sofern", "solange",
                "nur", "however", "jedoch",
            ]
            .iter()
            .any(|w| rest.starts_with(w));
            Some(if conditional {
                Verdict::Conditional
            } else {
                Verdict::Allowed
            })
        }
        "no" | "nein" => Some(Verdict::NotAllowed),
        _ => None,
    }
}

fn prose(text: &str) -> Option<Verdict> {
    let lower = format!(" {} ", text.to_lowercase().replace(':', " :"));
    // "Although the Act prohibits soliciting contributions, employees are not responsible
    // for what others post": the concession is background, the main clause the rule.
    let lower = match CONCESSIONS
        .iter()
        .find(|c| lower.trim_start().starts_with(**c))
    {
        Some(_) => match lower.split_once(',') {
            Some((_, main)) => format!(" {} ", main.trim()),
            None => lower,
        },
        None => lower,
    };
    // "However, such employees may, for example:" contrasts with the sentence before;
    // it sets no condition of its own.
    let lower = match lower.trim_start().strip_prefix("however, ") {
        Some(rest) => format!(" {rest}"),
        None => lower,
    };
    let lower = without_possibility(&lower);
    if APPROVAL.iter().any(|p| lower.contains(p)) || asks_when_in_doubt(&lower) {
        return Some(Verdict::NeedsApproval);
    }
    // Imperatives that forbid: "Avoid sharing negative stories …", "Verzichten Sie auf …".
    let opening = lower.trim_start();
    if FORBIDDING_OPENINGS.iter().any(|p| opening.starts_with(p))
        || FORBIDDING_PHRASES.iter().any(|p| lower.contains(p))
    {
        return Some(Verdict::NotAllowed);
    }
    if ONLY_IF.iter().any(|p| lower.contains(p)) {
        return Some(Verdict::Conditional);
    }
    // "Nothing about this discussion suggests that it is prohibited": no rule, a
    // judgement on a case.
    if doubts_what_follows(&lower) {
        return None;
    }
    // "would not be prohibited", "nicht verboten": a prohibition denied is a permission.
    if NOT_PROHIBITED.iter().any(|p| lower.contains(p)) || denies_violation(&lower) {
        let conditional = CONDITION.iter().any(|p| lower.contains(p));
        return Some(if conditional {
            Verdict::Conditional
        } else {
            Verdict::Allowed
        });
    }
    // Modal verbs belong to the prohibition they help state ("Nothing … may be posted").
    if forbids_by_structure(&lower)
        && !PERMISSION
            .iter()
            .filter(|p| !matches!(**p, "may " | "you may" | "you can"))
            .any(|p| lower.contains(p))
    {
        return Some(Verdict::NotAllowed);
    }
    if PROHIBITION.iter().any(|p| lower.contains(p)) {
        // "nicht nur erlaubt, sondern erwünscht" and the like are too tangled to call:
        // permission words that remain once the prohibitions are taken out.
        let mut rest = lower.clone();
        for p in PROHIBITION {
            rest = rest.replace(p, " ");
        }
        if PERMISSION.iter().any(|p| rest.contains(p)) {
            return None;
        }
        return Some(Verdict::NotAllowed);
    }
    let obliged = [" muss ", " müssen ", " must "]
        .iter()
        .any(|p| lower.contains(p));
    if ONLY_WHEN.iter().any(|p| lower.contains(p))
        || (obliged && DISCLOSURE.iter().any(|p| lower.contains(p)))
    {
        return Some(Verdict::Conditional);
    }
    if PERMISSION.iter().any(|p| lower.contains(p)) || permits_by_structure(&lower) {
        if CONDITION.iter().any(|p| lower.contains(p)) {
            return Some(Verdict::Conditional);
        }
        return Some(Verdict::Allowed);
    }
    None
}

/// "Information shared over dinner may not be for public dissemination", "may not be
/// accurate": "may not be" before anything but a participle says what is possible, not
/// what is forbidden ("may not be posted"). Such phrases are taken out before the
/// sentence is read.
fn without_possibility(lower: &str) -> String {
    const PHRASE: &str = " may not be ";
    let mut out = String::with_capacity(lower.len());
    let mut rest = lower;
    while let Some(at) = rest.find(PHRASE) {
        let after = &rest[at + PHRASE.len()..];
        let next: String = after
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '-')
            .collect();
        out.push_str(&rest[..at]);
        out.push_str(if is_english_participle(&next) {
            PHRASE
        } else {
            " perhaps not be "
        });
        rest = after;
    }
    out.push_str(rest);
    out
}

/// An English past participle ("posted", "shared", "taken", "sent").
fn is_english_participle(word: &str) -> bool {
    const IRREGULAR: &[&str] = &[
        "made",
        "done",
        "said",
        "put",
        "sent",
        "shown",
        "taken",
        "given",
        "written",
        "seen",
        "told",
        "sold",
        "held",
        "kept",
        "left",
        "brought",
        "set",
        "read",
        "run",
        "spent",
        "built",
        "hung",
        "worn",
        "known",
        "drawn",
        "found",
        "thrown",
        "forwarded",
    ];
    (word.len() > 3 && (word.ends_with("ed") || word.ends_with("en"))) || IRREGULAR.contains(&word)
}

/// "When in doubt, ask", "If you're unclear on whether a post is OK, ask on the list",
/// "Im Zweifel fragen Sie die Pressestelle": doubt sends the reader to ask first.
fn asks_when_in_doubt(lower: &str) -> bool {
    const DOUBT: &[&str] = &[
        "in doubt",
        "unclear",
        "unsure",
        "not sure",
        "im zweifel",
        "unsicher",
        "nicht sicher",
    ];
    const ASK: &[&str] = &[
        " ask ",
        " ask,",
        " ask.",
        "fragen sie",
        " frag ",
        "nachfragen",
    ];
    let padded = format!("{lower} ");
    DOUBT.iter().any(|d| lower.contains(d)) && ASK.iter().any(|a| padded.contains(a))
}

/// The words of a lowercased sentence, punctuation dropped.
fn plain_words(lower: &str) -> Vec<&str> {
    lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect()
}

/// "… is not a Hatch Act violation", "there is no policy violation", "kein Verstoß gegen
/// die Richtlinie": a violation denied, with up to three words naming what is violated.
fn denies_violation(lower: &str) -> bool {
    const WITHIN: usize = 3;
    let words = plain_words(lower);
    words.iter().enumerate().any(|(i, w)| {
        let denial = match *w {
            "no" | "kein" => Some(i + 1),
            "not" if words.get(i + 1) == Some(&"a") => Some(i + 2),
            _ => None,
        };
        denial.is_some_and(|from| {
            words[from.min(words.len())..]
                .iter()
                .take(WITHIN + 1)
                .any(|w| matches!(*w, "violation" | "verstoß" | "breach"))
        })
    })
}

/// "Nothing … suggests that …", "nichts deutet darauf hin, dass …": what follows is
/// denied, so its rule words state no rule.
fn doubts_what_follows(lower: &str) -> bool {
    const WITHIN: usize = 5;
    const SHOWING: &[&str] = &[
        "suggests",
        "indicates",
        "shows",
        "implies",
        "means",
        "deutet",
        "weist",
        "zeigt",
    ];
    let words = plain_words(lower);
    words.iter().enumerate().any(|(i, w)| {
        matches!(*w, "nothing" | "nichts")
            && words[i + 1..]
                .iter()
                .take(WITHIN)
                .any(|w| SHOWING.contains(w))
    })
}

/// Openings of a clause that concedes before the rule follows.
const CONCESSIONS: &[&str] = &["although ", "even though ", "obwohl ", "obgleich "];

/// German modal verbs that forbid when negated ("dürfen … nicht").
const GERMAN_MODALS: &[&str] = &[
    "darf", "dürfen", "darfst", "dürft", "dürfe", "soll", "sollen", "sollte", "sollten", "sollst",
];

const GERMAN_NEGATIONS: &[&str] = &[
    "nicht", "kein", "keine", "keinen", "keinem", "keiner", "keines", "nie", "niemals", "nichts",
];

/// Words opening a clause whose negation is a condition, not a rule ("wenn … nicht").
const SUBORDINATORS: &[&str] = &[
    "wenn", "falls", "sofern", "solange", "weil", "da", "ob", "dass", "damit", "bis", "wie", "was",
    "wer", "if", "unless", "when", "whether", "because", "as", "while",
];

/// Rules whose words stand apart, read clause by clause: "Private Konten dürfen das
/// Firmenlogo nicht als Profilbild verwenden", "Teilen Sie den Fund nicht weiter",
/// "Fotos von Verletzten werden nicht gepostet", "Nothing from interviews may be posted",
/// "Only the press office publishes statements", "Solche Informationen sind vertraulich".
fn forbids_by_structure(lower: &str) -> bool {
    let opening = lower.trim_start();
    if opening.starts_with("only the ")
        || lower.contains("nur, wer ")
        || lower.contains(" only those who ")
        || opening.starts_with("nur die ")
        || opening.starts_with("nur der ")
        || lower.contains("ausschließlich die ")
        || lower.contains("ausschließlich der ")
        || lower.contains("ausschließlich das ")
    {
        return true;
    }
    lists_bans(lower) || main_clauses(lower).any(|words| forbidding_clause(&words))
}

/// Bans listed without a verb: "Bei Unfällen gilt eine Nachrichtensperre: Keine Fotos,
/// keine Vermutungen über Ursachen", "No photos, no names, no badges."
fn lists_bans(lower: &str) -> bool {
    let bans = |clause: &str| {
        let clause = clause.trim_start();
        ["keine ", "kein ", "no "]
            .iter()
            .any(|k| clause.starts_with(k))
    };
    let after_colon = lower.split(':').skip(1).any(bans);
    let repeated = [", keine ", ", kein ", ", no "]
        .iter()
        .any(|k| lower.contains(k));
    after_colon || (bans(lower) && repeated)
}

/// Relative pronouns: a clause after a comma that starts with one describes something
/// ("Teilnehmende, die nicht abgebildet werden möchten") rather than stating a rule.
const RELATIVE_PRONOUNS: &[&str] = &[
    "die", "der", "das", "denen", "dem", "den", "deren", "dessen", "welche", "welcher", "who",
    "which", "that",
];

/// The clauses of a sentence that can state a rule, as words: not conditions ("wenn …",
/// "Sollte es … geben"), not relative clauses.
fn main_clauses(lower: &str) -> impl Iterator<Item = Vec<&str>> {
    lower
        .split([',', ';', ':', '–', '—', '(', ')'])
        .enumerate()
        .filter_map(|(n, clause)| {
            let words: Vec<&str> = clause
                .split(|c: char| !c.is_alphanumeric() && c != '\'')
                .filter(|w| !w.is_empty())
                .collect();
            let first = *words.first()?;
            let condition = SUBORDINATORS.contains(&first)
                || (n == 0 && matches!(first, "sollte" | "sollten" | "should"));
            let relative = n > 0 && RELATIVE_PRONOUNS.contains(&first);
            (!condition && !relative).then_some(words)
        })
}

/// "Auf Diensthandys dürfen Sie Apps installieren": a German modal of permission in a
/// main clause without negation.
fn permits_by_structure(lower: &str) -> bool {
    main_clauses(lower).any(|words| {
        words
            .iter()
            .any(|w| matches!(*w, "darf" | "dürfen" | "darfst" | "dürft"))
            && !words.iter().any(|w| GERMAN_NEGATIONS.contains(w))
            && !words.contains(&"nur")
    })
}

fn forbidding_clause(words: &[&str]) -> bool {
    let Some(&first) = words.first() else {
        return false;
    };
    let negation = words.iter().position(|w| GERMAN_NEGATIONS.contains(w));
    let negated = negation.is_some_and(|n| words.get(n + 1) != Some(&"nur"));
    // "Private Konten dürfen das Firmenlogo nicht … verwenden."
    if negated && words.iter().any(|w| GERMAN_MODALS.contains(w)) {
        return true;
    }
    // A rule for the staff: "Beschäftigte geben keine Auskünfte", "Auf einen Shitstorm
    // antworten Mitarbeiterinnen und Mitarbeiter nicht selbst".
    let staff = words.iter().any(|w| {
        [
            "mitarbeiter",
            "mitarbeitende",
            "beschäftigte",
            "angestellte",
            "bedienstete",
        ]
        .iter()
        .any(|s| w.starts_with(s))
    });
    if negated && staff {
        return true;
    }
    // Formal imperative: "Teilen Sie den Fund nicht weiter", "Bitte schreiben Sie keine …".
    let verb_at = usize::from(first == "bitte");
    if negated && words.get(verb_at + 1) == Some(&"sie") && words.len() > verb_at + 2 {
        return true;
    }
    // Passive: "… werden nicht gepostet".
    if let Some(n) = negation.filter(|_| negated) {
        let passive = words.iter().any(|w| matches!(*w, "werden" | "wird"));
        if passive && words[n + 1..].iter().any(|w| is_participle(w)) {
            return true;
        }
    }
    // "Nothing from job interviews may be posted", "No photos may be taken".
    if matches!(first, "nothing" | "no" | "none" | "nobody" | "nichts")
        && words
            .iter()
            .any(|w| matches!(*w, "may" | "can" | "should" | "must" | "darf" | "dürfen"))
    {
        return true;
    }
    let text = words.join(" ");
    [
        "should not",
        "shouldn't",
        "shall not",
        "will not",
        "won't",
        "not be posted",
        "not be shared",
        "not be published",
        "not be used",
        "not accepted",
        "not appropriate",
        "is confidential",
        "are confidential",
        "ist vertraulich",
        "sind vertraulich",
    ]
    .iter()
    .any(|p| text.contains(p))
}

/// A German past participle: "gepostet", "veröffentlicht", "hochgeladen".
fn is_participle(word: &str) -> bool {
    let ends = word.ends_with('t') || word.ends_with("en");
    let prefixed = ["ge", "ver", "be", "er", "ent", "zer"]
        .iter()
        .any(|p| word.starts_with(p))
        || word
            .char_indices()
            .skip(2)
            .any(|(i, _)| word[i..].starts_with("ge"));
    ends && prefixed && word.chars().count() > 4
}

/// Whether a question asks what is allowed ("May I …?", "Is it a violation …?", "Darf
/// ich …?") rather than something else ("Am I considered on duty …?"): only then is a
/// Yes/No answer to it a verdict.
pub fn asks_permission(question: &str) -> bool {
    let lower = format!(" {} ", question.to_lowercase());
    // A German yes/no question opens with its verb: "Sollen wir … aufzeichnen?" asks
    // what to do, "Welche Hashtags sollen wir nehmen?" asks for information.
    let opens_with_should = ["sollen ", "sollten "]
        .iter()
        .any(|p| lower.trim_start().starts_with(p));
    asks_about_violation(question)
        || opens_with_should
        || [
            " may ",
            " can ",
            " could ",
            " allowed",
            " permitted",
            "permissible",
            " okay",
            " ok ",
            " ok?",
            " fine",
            " need ",
            " should ",
            " brauche ",
            " sollte ",
            " soll ",
            " könnten ",
            " dürften ",
            " geht das",
            " in ordnung",
            "acceptable",
            "appropriate",
            " required to",
            " have to",
            " darf ",
            " dürfen ",
            " darfst ",
            " kann ",
            " können ",
            " erlaubt",
            " gestattet",
            " zulässig",
            " muss ",
            " müssen ",
        ]
        .iter()
        .any(|p| lower.contains(p))
}

/// Whether a question asks what the team does ("Do we engage with hostile messages?"):
/// in an FAQ, its "No." is the team's rule.
pub fn asks_team_practice(question: &str) -> bool {
    let lower = question.trim_start().to_lowercase();
    [
        "do we ",
        "will we ",
        "should we ",
        "machen wir ",
        "sollen wir ",
    ]
    .iter()
    .any(|p| lower.starts_with(p))
}

/// Whether a question asks who, what, when, where, why or how ("Who counts as further
/// restricted?") — information, not a verdict.
pub fn asks_information(question: &str) -> bool {
    let lower = question.trim_start().to_lowercase();
    let first = lower
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default();
    [
        "who", "whom", "what", "which", "when", "where", "why", "how", "wer", "wen", "wem", "was",
        "welche", "welcher", "welches", "wann", "wo", "warum", "wieso", "wie",
    ]
    .contains(&first)
}

/// Whether a question asks "is this a violation?" rather than "is this okay?": then an
/// FAQ's "No." means the action is allowed.
pub fn asks_about_violation(question: &str) -> bool {
    let lower = question.to_lowercase();
    [
        "violat",
        "break the",
        "breaking the",
        "against the",
        "prohibited",
        "forbidden",
        "in trouble",
        "penal",
        "punish",
        "illegal",
        "problem",
        "subject to",
        "problematisch",
        "verstoß",
        "verstoss",
        "verstoße",
        "verboten",
        "ärger",
        "strafbar",
        "bestraft",
    ]
    .iter()
    .any(|p| lower.contains(p))
}

/// The verdict on the asked-about action, given how it was stated and the question.
pub fn resolve(finding: Finding, question: &str) -> Verdict {
    if finding.how != Stated::Answer || !asks_about_violation(question) {
        return finding.verdict;
    }
    match finding.verdict {
        Verdict::NotAllowed => Verdict::Allowed,
        Verdict::Allowed => Verdict::NotAllowed,
        Verdict::Conditional | Verdict::NeedsApproval => finding.verdict,
    }
}

/// Ways a question says the approval a rule requires will be skipped ("without asking
/// them first", "ohne Freigabe").
const SKIPPED_APPROVAL: &[&str] = &[
    "without asking",
    "without first asking",
    "without permission",
    "without approval",
    "without consent",
    "without their consent",
    "without checking",
    "without telling",
    "ohne zu fragen",
    "ohne vorher zu fragen",
    "ohne nachzufragen",
    "ohne freigabe",
    "ohne zustimmung",
    "ohne erlaubnis",
    "ohne einwilligung",
    "ohne genehmigung",
    "ohne rücksprache",
    "ohne bescheid",
];

/// Whether the question says approval or consent will be skipped ("ohne zu fragen").
pub fn skips_approval(question: &str) -> bool {
    let lower = question.to_lowercase();
    SKIPPED_APPROVAL.iter().any(|p| lower.contains(p))
}

/// A rule that requires approval forbids what the question says will be done without
/// it.
pub fn for_skipped_approval(verdict: Verdict, question: &str) -> Verdict {
    if verdict == Verdict::NeedsApproval && skips_approval(question) {
        Verdict::NotAllowed
    } else {
        verdict
    }
}

/// A ban on going without consent: "Schnappschüsse von Kollegen, die nicht gefragt
/// wurden", "photos of people who have not agreed".
const WITHOUT_CONSENT: &[&str] = &[
    "nicht gefragt",
    "nicht zugestimmt",
    "nicht eingewilligt",
    "ohne zustimmung",
    "ohne ihre zustimmung",
    "ohne einwilligung",
    "ohne ihre einwilligung",
    "ohne erlaubnis",
    "ohne zu fragen",
    "without consent",
    "without their consent",
    "without permission",
    "without asking",
    "not been asked",
    "were not asked",
    "have not agreed",
    "haven't agreed",
    "did not agree",
];

/// Consent as a permission's condition: "wenn alle … zugestimmt haben", "with their
/// consent".
const CONSENT: &[&str] = &[
    "zugestimmt",
    "zustimmung",
    "einwilligung",
    "eingewilligt",
    "einverstanden",
    "consent",
    "agreed",
    "permission",
];

/// Whether a rule bans doing something without the consent of those concerned.
pub fn bans_going_without_consent(rule: &str) -> bool {
    let lower = rule.to_lowercase();
    WITHOUT_CONSENT.iter().any(|p| lower.contains(p))
}

/// Whether a rule's condition is consent.
pub fn asks_consent(rule: &str) -> bool {
    let lower = rule.to_lowercase();
    CONSENT.iter().any(|p| lower.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn verdict(s: &str) -> Option<Verdict> {
        detect(s, true, false).map(|f| f.verdict)
    }

    #[test]
    fn a_denied_suggestion_states_no_rule() {
        assert_eq!(
            verdict("Even though this proposal was made by a candidate, nothing about this discussion suggests that it is political activity prohibited by the Hatch Act."),
            None
        );
        assert_eq!(
            verdict("Nothing may be posted before the press release."),
            Some(Verdict::NotAllowed)
        );
    }

    #[test]
    fn nothing_against_it_is_a_permission() {
        assert_eq!(
            verdict("Es spricht nichts dagegen, offizielle Beiträge zu teilen."),
            Some(Verdict::Allowed)
        );
        assert_eq!(
            verdict("There is nothing wrong with liking the project's posts."),
            Some(Verdict::Allowed)
        );
    }

    #[test]
    fn silence_taken_as_consent() {
        let rule = "Consider no response or a majority of committers not dissenting after 24 hours consent to publish; however, dissenting opinions should be considered respectfully prior to posting.";
        assert_eq!(
            detect(rule, false, false).map(|f| (f.verdict, f.how)),
            Some((Verdict::Allowed, Stated::SilenceConsent))
        );
        assert_eq!(
            detect(
                "Gibt es binnen 24 Stunden keinen Widerspruch, gilt der Beitrag als freigegeben.",
                false,
                false
            )
            .map(|f| f.how),
            Some(Stated::SilenceConsent)
        );
        assert_eq!(
            detect(
                "Ask on the dev list with a draft of your post.",
                false,
                false
            )
            .map(|f| f.how),
            None
        );
        assert!(reports_silence(
            "put my draft on the dev list 30 hours ago and nobody replied. can I post it?"
        ));
        assert!(reports_silence(
            "Seit zwei Tagen keine Rückmeldung – darf ich posten?"
        ));
        assert!(!reports_silence(
            "I put my draft on the dev list. Can I post it now?"
        ));
    }

    #[test]
    fn handbook_markers() {
        assert_eq!(
            verdict("✅ Erlaubt: Stellenanzeigen teilen."),
            Some(Verdict::Allowed)
        );
        assert_eq!(
            verdict("❌ Nicht erlaubt: Umsatzzahlen posten."),
            Some(Verdict::NotAllowed)
        );
        assert_eq!(
            verdict("⚠️ Nur mit Freigabe: Kundennamen nennen."),
            Some(Verdict::NeedsApproval)
        );
        assert_eq!(
            verdict("🔶 Erlaubt, wenn: alle einverstanden sind."),
            Some(Verdict::Conditional)
        );
        assert_eq!(
            verdict("Ask first: customer logos."),
            Some(Verdict::NeedsApproval)
        );
        assert_eq!(
            verdict("Not allowed: posting figures."),
            Some(Verdict::NotAllowed)
        );
        assert_eq!(
            verdict("Allowed if: you add a disclaimer."),
            Some(Verdict::Conditional)
        );
    }

    #[test]
    fn german_prose() {
        assert_eq!(
            verdict("Nicht veröffentlicht werden dürfen Fotos von Kindern."),
            Some(Verdict::NotAllowed)
        );
        assert_eq!(
            verdict("Das Posten von Interna ist verboten."),
            Some(Verdict::NotAllowed)
        );
        assert_eq!(
            verdict("Kundennamen nur nach Freigabe durch die Kommunikation."),
            Some(Verdict::NeedsApproval)
        );
        assert_eq!(
            verdict("Fotos von Kollegen nicht ohne Zustimmung posten."),
            Some(Verdict::NeedsApproval)
        );
        assert_eq!(
            verdict("Die private Nutzung ist in angemessenem Umfang erlaubt, sofern die Arbeit nicht leidet."),
            Some(Verdict::Conditional)
        );
        assert_eq!(
            verdict("Die Freigabe erteilt das Team Kommunikation."),
            None
        );
        assert_eq!(
            verdict("Fachbereiche, die einen eigenen Auftritt wünschen, stellen einen schriftlichen Antrag."),
            Some(Verdict::NeedsApproval)
        );
    }

    #[test]
    fn a_requirement_ruled_out_allows_doing_without_and_forbids_refusing() {
        let waiver = |s: &str| detect(s, true, false).map(|f| (f.verdict, f.how));
        assert_eq!(
            waiver("Diese Entscheidung sollte keinesfalls Bedingung für eine Teilnahme am Hackathon sein."),
            Some((Verdict::Allowed, Stated::Waiver))
        );
        assert_eq!(
            waiver("Signing up for the newsletter is not a requirement for attending."),
            Some((Verdict::Allowed, Stated::Waiver))
        );
        assert_ne!(
            waiver("Grundvoraussetzung einer Teilnahme muss eine Einverständniserklärung sein.")
                .map(|(_, how)| how),
            Some(Stated::Waiver)
        );
        assert_eq!(
            required_for("Das sollte keinesfalls Bedingung für eine Teilnahme sein."),
            Some("Teilnahme")
        );
        assert_eq!(
            resolve_waiver("Darf er trotzdem mitmachen?"),
            Verdict::Allowed
        );
        assert_eq!(
            resolve_waiver("Can we just tell them they can't take part then?"),
            Verdict::NotAllowed
        );
        assert_eq!(
            resolve_waiver("Können wir die Teilnahme davon abhängig machen?"),
            Verdict::NotAllowed
        );
        // Asked whether one must refuse: no, they may take part.
        assert_eq!(
            resolve_waiver("Müssen wir sie dann ausschließen?"),
            Verdict::Allowed
        );
    }

    #[test]
    fn strafbar_is_a_prohibition() {
        assert_eq!(
            verdict("Ließe man Jugendliche ohne Erklärung teilnehmen, machte man sich strafbar."),
            Some(Verdict::NotAllowed)
        );
        assert_eq!(
            verdict("Das Teilen eines öffentlichen Beitrags ist nicht strafbar."),
            Some(Verdict::Allowed)
        );
    }

    #[test]
    fn may_not_be_is_a_prohibition_only_before_a_participle() {
        assert_eq!(
            verdict("Information shared over dinner may not be for public dissemination."),
            None
        );
        assert_eq!(verdict("Such figures may not be accurate."), None);
        assert_eq!(
            verdict("Badges may not be shown in photos."),
            Some(Verdict::NotAllowed)
        );
        assert_eq!(
            verdict("Customer names may not be posted."),
            Some(Verdict::NotAllowed)
        );
    }

    /// Legal prose: what a law prohibits and what it does not, violations denied, and
    /// a concession that only sets the scene for the rule.
    #[test]
    fn what_a_law_prohibits_and_what_it_does_not() {
        let cases = [
            ("This restriction prohibits employees from wearing campaign buttons at work.", Some(Verdict::NotAllowed)),
            ("An employee would not be permitted to post while on duty.", Some(Verdict::NotAllowed)),
            ("They should neither share donation links nor retweet them.", Some(Verdict::NotAllowed)),
            ("As a rule we should avoid linking to personal blogs, given the attention it may generate.", Some(Verdict::NotAllowed)),
            ("Agencies should be mindful not to include op-eds in news clips.", Some(Verdict::NotAllowed)),
            ("The Act does not prohibit employees from expressing opinions on issues.", Some(Verdict::Allowed)),
            ("Listening to the radio at work, without more, is not a Hatch Act violation.", Some(Verdict::Allowed)),
            ("If the post goes to all followers, there is no policy violation.", Some(Verdict::Conditional)),
            ("Although the Act prohibits soliciting contributions, employees are not responsible for what others post on their page.", None),
            ("A violation can lead to removal from service.", None),
            // What an account does not cover it does not post.
            ("Other projects, unless there is a common cause, are out of scope for this account.", Some(Verdict::NotAllowed)),
            ("Examples of topics that this group does NOT focus on include:", Some(Verdict::NotAllowed)),
            // "However" opening a sentence contrasts with the one before: no condition.
            ("However, such employees may, for example:", Some(Verdict::Allowed)),
            ("Employees may post, however only from their own accounts.", Some(Verdict::Conditional)),
        ];
        for (sentence, expected) in cases {
            assert_eq!(verdict(sentence), expected, "{sentence}");
        }
    }

    #[test]
    fn rules_whose_words_stand_apart() {
        let forbidden = [
            "Private Konten dürfen das Firmenlogo nicht als Profilbild verwenden.",
            "Teilen Sie den Fund nicht weiter, auch nicht, um andere zu warnen.",
            "Wenn Sie Kritik sehen, antworten Sie bitte nicht selbst im Namen des Unternehmens.",
            "Bitte schreiben Sie keine Bewertungen auf Aufforderung Ihrer Führungskraft.",
            "Fotos von Unfallorten werden nicht gepostet – weder privat noch dienstlich.",
            "Nothing from job interviews may be posted that could identify a person.",
            "Only the press office publishes press releases.",
            "Öffentliche Aussagen machen ausschließlich die Unternehmenskommunikation und der Kunde.",
            "You should not share internal dashboards.",
            "Direct requests to the account are not accepted.",
            "Solche Informationen sind vertraulich.",
            "Auf einen Shitstorm antworten Mitarbeiterinnen und Mitarbeiter nicht selbst.",
            "Beschäftigte geben in sozialen Medien keine Auskünfte zu Störungen.",
            "Interviews für Medien gibt nur, wer von der Pressestelle beauftragt wurde.",
        ];
        for sentence in forbidden {
            assert_eq!(verdict(sentence), Some(Verdict::NotAllowed), "{sentence}");
        }
        let not_rules = [
            "Sollte es Teilnehmende geben, die nicht abgebildet werden möchten, muss dies kenntlich gemacht werden.",
            "Es gibt einen Ort, der von der Kamera nicht erfasst wird.",
            "Wie Sie dann vorgehen, steht unter Krisen.",
            "Das gilt, wenn die Aufgaben nicht leiden.",
            "Wer sich nicht zeigen möchte, muss das nicht begründen.",
            "Sie müssen nicht jeden Beitrag kommentieren.",
        ];
        for sentence in not_rules {
            assert_eq!(verdict(sentence), None, "{sentence}");
        }
    }

    #[test]
    fn bans_listed_without_a_verb() {
        assert_eq!(
            verdict("Bei Unfällen im Hafen gilt eine Nachrichtensperre: Keine Fotos, keine Vermutungen über Ursachen."),
            Some(Verdict::NotAllowed)
        );
        assert_eq!(
            verdict("No photos, no names, no badges."),
            Some(Verdict::NotAllowed)
        );
        assert_eq!(verdict("No problem if the logo is small."), None);
    }

    #[test]
    fn lead_ins_ending_in_a_colon() {
        assert_eq!(
            verdict("Such employees, for example, may:"),
            Some(Verdict::Allowed)
        );
        assert_eq!(
            verdict("Less restricted federal employees may not:"),
            Some(Verdict::NotAllowed)
        );
    }

    #[test]
    fn german_modal_of_permission() {
        assert_eq!(
            verdict(
                "Auf Firmenlaptops und Diensthandys dürfen Sie Social-Media-Apps installieren."
            ),
            Some(Verdict::Allowed)
        );
        assert_eq!(
            verdict(
                "Sie dürfen Stellenanzeigen teilen, sofern der Link auf die Karriereseite führt."
            ),
            Some(Verdict::Conditional)
        );
    }

    #[test]
    fn denied_prohibitions_are_permissions() {
        assert_eq!(
            verdict("Watching such stations in the workplace does not violate the Hatch Act."),
            Some(Verdict::Allowed)
        );
        assert_eq!(
            verdict("An employee would not be prohibited from having a photograph if all of the following apply."),
            Some(Verdict::Conditional)
        );
    }

    #[test]
    fn permissions_bound_to_conditions() {
        assert_eq!(
            verdict("Fotos vom Terminal dürfen nur gepostet werden, wenn keine Kennzeichen lesbar sind."),
            Some(Verdict::Conditional)
        );
        assert_eq!(
            verdict("Kolleginnen und Kollegen dürfen nur mit ihrer ausdrücklichen Einwilligung gezeigt werden."),
            Some(Verdict::Conditional)
        );
        assert_eq!(
            verdict("You may only post from your own account."),
            Some(Verdict::Conditional)
        );
        assert_eq!(
            verdict("Fotos aus dem Internet verwenden Sie nur, wenn Sie die Nutzungsrechte haben."),
            Some(Verdict::Conditional)
        );
        assert_eq!(
            verdict("Politische Meinungen äußern Sie ausschließlich als Privatperson."),
            Some(Verdict::Conditional)
        );
        assert_eq!(
            verdict("Wer von einem Lieferanten Geschenke erhält, muss das kennzeichnen."),
            Some(Verdict::Conditional)
        );
        assert_eq!(
            verdict("Wenn etwas lesbar ist, darf das Bild nicht veröffentlicht werden – verpixeln reicht nur, wenn es nicht mehr zu entziffern ist."),
            Some(Verdict::NotAllowed)
        );
        assert_eq!(
            verdict("Only with approval from the press office."),
            Some(Verdict::NeedsApproval)
        );
    }

    #[test]
    fn doubt_sends_the_reader_to_ask_first() {
        let stated = |s: &str| detect(s, false, false).map(|f| f.verdict);
        assert_eq!(stated("When in doubt, ask"), Some(Verdict::NeedsApproval));
        assert_eq!(
            stated("If you're unclear on whether a post is OK, ask on the dev list."),
            Some(Verdict::NeedsApproval)
        );
        assert_eq!(
            stated("Im Zweifel fragen Sie die Pressestelle."),
            Some(Verdict::NeedsApproval)
        );
        assert_eq!(stated("Some things are unclear."), None);
    }

    #[test]
    fn doing_it_unasked_means_ask_first() {
        let unasked = |s: &str| detect(s, false, false).map(|f| f.verdict);
        assert_eq!(
            unasked("Niemand mag es, wenn ungefragt der eigene Bildschirm abfotografiert wird."),
            Some(Verdict::NeedsApproval)
        );
        assert_eq!(
            unasked("Don't post photos of people's screens without asking."),
            Some(Verdict::NeedsApproval)
        );
    }

    #[test]
    fn approval_the_question_skips_forbids() {
        let asked = "Can I post a photo of a contributor without asking them first?";
        assert_eq!(
            for_skipped_approval(Verdict::NeedsApproval, asked),
            Verdict::NotAllowed
        );
        let asked = "Can I post a photo of a contributor?";
        assert_eq!(
            for_skipped_approval(Verdict::NeedsApproval, asked),
            Verdict::NeedsApproval
        );
        let asked = "Darf ich das Foto ohne Freigabe posten?";
        assert_eq!(
            for_skipped_approval(Verdict::Allowed, asked),
            Verdict::Allowed
        );
    }

    #[test]
    fn english_prose() {
        assert_eq!(
            verdict("Employees may not use the logo."),
            Some(Verdict::NotAllowed)
        );
        assert_eq!(
            verdict("Feel free to share our blog posts."),
            Some(Verdict::Allowed)
        );
        assert_eq!(
            verdict("Never post customer data."),
            Some(Verdict::NotAllowed)
        );
        assert_eq!(
            verdict("Avoid sharing negative stories about competing projects."),
            Some(Verdict::NotAllowed)
        );
        assert_eq!(
            verdict("It's often a good idea to ask before sharing information that might be non-public."),
            Some(Verdict::NeedsApproval)
        );
        assert_eq!(
            verdict("Please let the outreach team know beforehand so they can provide guidance."),
            Some(Verdict::NeedsApproval)
        );
        assert_eq!(
            verdict("Block them as a last resort and only after discussing with team members."),
            Some(Verdict::NeedsApproval)
        );
        assert_eq!(verdict("Use the template to avoid typos."), None);
        assert_eq!(verdict("The account is run by the comms team."), None);
    }

    #[test]
    fn questions_for_information() {
        assert!(asks_information(
            "Who counts as a further restricted employee?"
        ));
        assert!(asks_information("Wie lange dauert die Freigabe?"));
        assert!(!asks_information("Darf ich Fotos posten?"));
        assert!(!asks_information("gifts over 50?"));
    }

    #[test]
    fn faq_questions_that_ask_permission() {
        assert!(asks_permission(
            "May a federal employee display a campaign logo?"
        ));
        assert!(asks_permission("Is it a violation to like a post?"));
        assert!(asks_permission("Darf ich Fotos posten?"));
        assert!(asks_permission(
            "Sollen wir die Präsentationen aufzeichnen und veröffentlichen?"
        ));
        assert!(!asks_permission("Welche Hashtags sollen wir nehmen?"));
        assert!(!asks_permission(
            "Am I still considered on duty for purposes of the Hatch Act during that time?"
        ));
    }

    #[test]
    fn faq_questions_that_ask_what_the_team_does() {
        assert!(asks_team_practice("Do we engage with hostile messages?"));
        assert!(asks_team_practice("Sollen wir auf Trolle antworten?"));
        assert!(!asks_team_practice("What do we post on Fridays?"));
        assert!(!asks_team_practice("Am I on duty during that time?"));
    }

    #[test]
    fn faq_answers_and_polarity() {
        let no = detect("No. Federal employees may express opinions.", false, true).unwrap();
        assert_eq!(no.how, Stated::Answer);
        assert_eq!(
            resolve(no, "Will I violate the Hatch Act if I like a post?"),
            Verdict::Allowed
        );
        assert_eq!(
            resolve(no, "Can I fundraise on Facebook?"),
            Verdict::NotAllowed
        );
        let labelled = detect(
            "Less Restricted Employees: Yes, but with some limitations.",
            false,
            true,
        )
        .unwrap();
        assert_eq!(labelled.verdict, Verdict::Conditional);
        let yes_but = detect("Yes, but only if you are off duty.", false, true).unwrap();
        assert_eq!(yes_but.verdict, Verdict::Conditional);
        assert_eq!(detect("Nobody asked.", false, true), None);
    }
}
