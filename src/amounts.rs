//! Amounts in rules and questions: "gifts worth up to 50 EUR" applies to a 30-euro
//! bottle of wine, "more than 50 EUR" does not. Rules that name a limit are read against
//! the amount the question names, so the rule that applies gives the verdict.

/// A limit a rule names.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Bound {
    AtMost(f64),
    Below(f64),
    Above(f64),
    AtLeast(f64),
}

impl Bound {
    fn admits(self, amount: f64) -> bool {
        match self {
            Bound::AtMost(n) => amount <= n,
            Bound::Below(n) => amount < n,
            Bound::Above(n) => amount > n,
            Bound::AtLeast(n) => amount >= n,
        }
    }
}

// Words before a number that make it a limit, longest first.
const UPPER_INCLUSIVE: &[&str] = &[
    "no more than",
    "not more than",
    "nicht mehr als",
    "up to",
    "at most",
    "bis zu",
    "maximal",
    "höchstens",
    "max",
    "bis",
];
const UPPER_EXCLUSIVE: &[&str] = &["less than", "weniger als", "under", "below", "unter"];
const LOWER_EXCLUSIVE: &[&str] = &[
    "more than",
    "mehr als",
    "greater than",
    "exceeding",
    "above",
    "over",
    "über",
];
const LOWER_INCLUSIVE: &[&str] = &["at least", "mindestens", "from", "ab"];

/// Whether a rule applies to the amount the question names: `Some(false)` when the rule
/// names a limit the amount falls outside of, `Some(true)` when inside, `None` when either
/// names no amount.
pub fn rule_applies(rule: &str, question: &str) -> Option<bool> {
    let amount = question_amount(question)?;
    let bounds = bounds(rule);
    if bounds.is_empty() {
        return None;
    }
    Some(bounds.iter().all(|b| b.admits(amount)))
}

/// The amount a question names: "worth about 30 euros" → 30; "gifts over 50?" → just
/// over 50.
fn question_amount(question: &str) -> Option<f64> {
    let lower = question.to_lowercase();
    let names_money = [
        "€", "$", "£", "eur", "euro", "usd", "dollar", "chf", "franken",
    ]
    .iter()
    .any(|c| lower.contains(c));
    let words = words(&lower);
    for (i, word) in words.iter().enumerate() {
        let Some(n) = number(word) else { continue };
        let limit = limit_before(&words[..i]).map(|bound| bound(n));
        // Other numbers ("Q3 2024", "3 Kollegen") are not amounts.
        if !names_money && limit.is_none() {
            continue;
        }
        return Some(match limit {
            Some(Bound::Above(_)) => n + 0.01,
            Some(Bound::Below(_)) => n - 0.01,
            _ => n,
        });
    }
    None
}

/// Whether the question asks for more of something than a rule's upper limit on it
/// allows: "5 tweets in the same hour" against "no more than three tweets per hour".
/// Counts are matched by the word that follows them ("tweets", "Beiträge").
pub fn count_exceeds_limit(rule: &str, question: &str) -> bool {
    let rule = rule.to_lowercase();
    let question = question.to_lowercase();
    let rule_words = words(&rule);
    let asked = counts(&words(&question));
    rule_words.iter().enumerate().any(|(i, word)| {
        let (Some(limit), Some(unit)) = (count(word), rule_words.get(i + 1)) else {
            return false;
        };
        let Some(bound) = limit_before(&rule_words[..i]).map(|make| make(limit)) else {
            return false;
        };
        matches!(bound, Bound::AtMost(_) | Bound::Below(_))
            && asked
                .iter()
                .any(|(n, asked_unit)| same_unit(unit, asked_unit) && !bound.admits(*n))
    })
}

/// Whether the question asks for a larger share of something than a rule's upper limit
/// allows: "about half of it is about my company" against "self-promotion should be no
/// more than about a quarter of the post".
pub fn share_exceeds_limit(rule: &str, question: &str) -> bool {
    let rule = with_percent_words(&rule.to_lowercase());
    let rule_words = words(&rule);
    let limit = (0..rule_words.len()).find_map(|i| {
        let (share, _) = share_at(&rule_words[i..])?;
        let before = without_hedges(&rule_words[..i]);
        match limit_before(before)?(share) {
            bound @ (Bound::AtMost(_) | Bound::Below(_)) => Some(bound),
            _ => None,
        }
    });
    let Some(limit) = limit else {
        return false;
    };
    let question = with_percent_words(&question.to_lowercase());
    let question_words = words(&question);
    (0..question_words.len()).any(|i| {
        share_at(&question_words[i..]).is_some_and(|(share, explicit)| {
            (explicit || part_of_something(&question_words[i..])) && !limit.admits(share)
        })
    })
}

/// "25%" and "25 %" read as "25 percent", so the sign survives splitting into words.
fn with_percent_words(text: &str) -> String {
    text.replace('%', " percent ")
}

/// Words that soften an amount without changing it: "no more than about a quarter".
fn without_hedges<'a, 'b>(before: &'b [&'a str]) -> &'b [&'a str] {
    const HEDGES: &[&str] = &[
        "about",
        "roughly",
        "approximately",
        "around",
        "etwa",
        "ca",
        "circa",
        "rund",
        "ungefähr",
    ];
    let mut end = before.len();
    while end > 0 && HEDGES.contains(&before[end - 1]) {
        end -= 1;
    }
    &before[..end]
}

/// The share the words start with, and whether it was a percentage (unmistakably a
/// share): "a quarter" → 0.25, "half" → 0.5, "zwei Drittel" → 0.67, "30 percent" → 0.3.
fn share_at(words: &[&str]) -> Option<(f64, bool)> {
    const FRACTIONS: &[(&str, f64)] = &[
        ("half", 0.5),
        ("hälfte", 0.5),
        ("third", 1.0 / 3.0),
        ("thirds", 1.0 / 3.0),
        ("drittel", 1.0 / 3.0),
        ("quarter", 0.25),
        ("quarters", 0.25),
        ("viertel", 0.25),
        ("fifth", 0.2),
        ("fifths", 0.2),
        ("fünftel", 0.2),
        ("tenth", 0.1),
        ("zehntel", 0.1),
    ];
    const ONE: &[&str] = &[
        "a", "one", "ein", "eine", "einem", "einen", "einer", "die", "zur",
    ];
    let first = *words.first()?;
    if let (Some(n), Some(&"percent" | &"prozent")) = (number(first), words.get(1)) {
        return Some((n / 100.0, true));
    }
    let fraction = |word: &str| FRACTIONS.iter().find(|(w, _)| *w == word).map(|(_, v)| *v);
    if let Some(share) = fraction(first) {
        return Some((share, false));
    }
    let next = fraction(words.get(1)?)?;
    if ONE.contains(&first) {
        return Some((next, false));
    }
    count(first).map(|times| (times * next, false))
}

/// Whether a fraction word is a share of something ("half of it", "die Hälfte des
/// Beitrags", "half the post"), not an ordinal or a name ("a third party").
fn part_of_something(words: &[&str]) -> bool {
    const OF: &[&str] = &["of", "the", "der", "des", "davon", "vom", "von"];
    words.iter().take(3).skip(1).any(|w| OF.contains(w))
}

/// The counted things a question names: "5 tweets" → (5, "tweets").
fn counts<'a>(words: &[&'a str]) -> Vec<(f64, &'a str)> {
    words
        .windows(2)
        .filter_map(|pair| Some((count(pair[0])?, pair[1])))
        .collect()
}

/// A count in digits or words ("3", "three", "drei").
fn count(word: &str) -> Option<f64> {
    const WORDS: &[(&str, f64)] = &[
        ("one", 1.0),
        ("two", 2.0),
        ("three", 3.0),
        ("four", 4.0),
        ("five", 5.0),
        ("six", 6.0),
        ("seven", 7.0),
        ("eight", 8.0),
        ("nine", 9.0),
        ("ten", 10.0),
        ("eins", 1.0),
        ("zwei", 2.0),
        ("drei", 3.0),
        ("vier", 4.0),
        ("fünf", 5.0),
        ("sechs", 6.0),
        ("sieben", 7.0),
        ("acht", 8.0),
        ("neun", 9.0),
        ("zehn", 10.0),
    ];
    WORDS
        .iter()
        .find(|(w, _)| *w == word)
        .map(|(_, n)| *n)
        .or_else(|| {
            word.chars()
                .all(|c| c.is_ascii_digit())
                .then(|| number(word))
                .flatten()
        })
}

/// Whether two words name the same counted thing: "tweets" and "tweet", "Beiträge" and
/// "Beitrag" share their first five letters.
fn same_unit(a: &str, b: &str) -> bool {
    const STEM: usize = 5;
    let stem = |w: &str| w.chars().take(STEM).collect::<String>();
    a.chars().count() >= 4 && b.chars().count() >= 4 && stem(a) == stem(b)
}

fn bounds(rule: &str) -> Vec<Bound> {
    let lower = rule.to_lowercase();
    let words = words(&lower);
    let mut out = Vec::new();
    for (i, word) in words.iter().enumerate() {
        let Some(n) = number(word) else { continue };
        if let Some(bound) = limit_before(&words[..i]) {
            out.push(bound(n));
        }
    }
    out
}

/// The kind of limit the words right before a number state, to be made with the number.
fn limit_before(before: &[&str]) -> Option<fn(f64) -> Bound> {
    let tail = |n: usize| before[before.len().saturating_sub(n)..].join(" ");
    let ends_with = |phrases: &[&str]| {
        phrases.iter().any(|p| {
            let n = p.split(' ').count();
            tail(n) == *p
        })
    };
    if ends_with(UPPER_INCLUSIVE) {
        Some(Bound::AtMost)
    } else if ends_with(UPPER_EXCLUSIVE) {
        Some(Bound::Below)
    } else if ends_with(LOWER_EXCLUSIVE) {
        Some(Bound::Above)
    } else if ends_with(LOWER_INCLUSIVE) {
        Some(Bound::AtLeast)
    } else {
        None
    }
}

/// Words, with currency signs split off ("300€" → "300").
fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '.' || c == ','))
        .map(|w| w.trim_matches(|c: char| c == '.' || c == ','))
        .filter(|w| !w.is_empty())
        .collect()
}

fn number(word: &str) -> Option<f64> {
    let digits = word.trim_end_matches(|c: char| c.is_alphabetic());
    if digits.is_empty() || !digits.chars().next()?.is_ascii_digit() {
        return None;
    }
    // "1.000" and "1,000" are thousands; "2,50" is a decimal.
    let normalized = if digits.len() > 4 && (digits.contains('.') || digits.contains(',')) {
        digits.replace(['.', ','], "")
    } else {
        digits.replace(',', ".")
    };
    normalized.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn limits_are_read_against_the_asked_amount() {
        let small = "Accepting small gifts worth up to 50 EUR, such as a book.";
        let large = "Not allowed: Accepting gifts worth more than 50 EUR.";
        let wine = "A vendor sent me a bottle of wine worth about 30 euros. Can I keep it?";
        assert_eq!(rule_applies(small, wine), Some(true));
        assert_eq!(rule_applies(large, wine), Some(false));
        let watch = "vendor offered me a free smartwatch (~300€), can i accept it?";
        assert_eq!(rule_applies(small, watch), Some(false));
        assert_eq!(rule_applies(large, watch), Some(true));
        assert_eq!(rule_applies(large, "gifts over 50?"), Some(true));
        assert_eq!(rule_applies(small, "gifts over 50?"), Some(false));
        assert_eq!(
            rule_applies(
                "Geschenke bis 25 Euro dürfen Sie annehmen.",
                "Ein Headset für 120 Euro?"
            ),
            Some(false)
        );
    }

    #[test]
    fn counts_beyond_a_limit() {
        let rule =
            "However, there should be no more than three tweets per hour (including retweets).";
        assert!(count_exceeds_limit(
            rule,
            "ok if I schedule like 5 tweets in the same hour?"
        ));
        assert!(count_exceeds_limit(rule, "can I post five tweets an hour?"));
        assert!(!count_exceeds_limit(rule, "can I post 2 tweets an hour?"));
        assert!(!count_exceeds_limit(rule, "can I post 5 photos?"));
        assert!(!count_exceeds_limit("Tweets are welcome.", "5 tweets?"));
    }

    #[test]
    fn shares_beyond_a_limit() {
        let rule = "Limited self/corporate promotion is acceptable, but should be no more than about a quarter of the content of the blog/discourse post.";
        assert!(share_exceeds_limit(
            rule,
            "about half of it is about my company's consulting services, is that fine?"
        ));
        assert!(share_exceeds_limit(
            rule,
            "roughly a third of it talks about my company's services"
        ));
        assert!(share_exceeds_limit(
            rule,
            "my company takes up 40% of the post"
        ));
        assert!(!share_exceeds_limit(
            rule,
            "about a fifth of it is about my company"
        ));
        assert!(!share_exceeds_limit(
            rule,
            "can I mention third party packages?"
        ));
        assert!(!share_exceeds_limit(rule, "can I mention my company?"));
        assert!(share_exceeds_limit(
            "Eigenwerbung darf höchstens ein Viertel des Beitrags ausmachen.",
            "Geht es, wenn die Hälfte des Artikels über meine Firma ist?"
        ));
        assert!(!share_exceeds_limit(
            "Promotion is welcome in half of our posts.",
            "about half of it is about my company"
        ));
    }

    #[test]
    fn no_amount_no_reading() {
        assert_eq!(
            rule_applies("Gifts up to 50 EUR are fine.", "Can I keep a gift?"),
            None
        );
        assert_eq!(
            rule_applies("Gifts are fine.", "A gift worth 30 euros?"),
            None
        );
        assert_eq!(
            rule_applies("Ab 2025 gelten neue Regeln.", "Darf ich 3 Fotos posten?"),
            None
        );
    }
}
