//! Greetings and thanks in chat. People say "hi" before they ask and "danke!" after an
//! answer; searching the guidelines for those words finds nothing useful ("thanks" meets
//! the rules on thank-you gifts), so the bot answers them as a person would.

use crate::lang::Lang;

/// What a message that asks nothing says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SmallTalk {
    Greeting(Lang),
    Thanks(Lang),
}

/// Words that open a greeting, with their language.
const GREETINGS: &[(&str, Lang)] = &[
    ("hi", Lang::En),
    ("hello", Lang::En),
    ("hey", Lang::En),
    ("hiya", Lang::En),
    ("morning", Lang::En),
    ("hallo", Lang::De),
    ("moin", Lang::De),
    ("servus", Lang::De),
    ("grüß", Lang::De),
    ("grüezi", Lang::De),
    ("morgen", Lang::De),
    ("tag", Lang::De),
    ("abend", Lang::De),
];

/// Words that say thank you, with their language.
const THANKS: &[(&str, Lang)] = &[
    ("thanks", Lang::En),
    ("thank", Lang::En),
    ("thx", Lang::En),
    ("ty", Lang::En),
    ("cheers", Lang::En),
    ("danke", Lang::De),
    ("dankeschön", Lang::De),
    ("dankeschoen", Lang::De),
    ("dank", Lang::De),
    ("merci", Lang::De),
];

/// Words that may stand beside a greeting or thanks without asking anything.
const FILLERS: &[&str] = &[
    "a", "all", "alles", "bot", "cool", "dir", "du", "euch", "everyone", "gott", "good", "great",
    "guidebot", "guten", "gut", "klar", "lot", "many", "much", "nice", "ok", "okay", "perfect",
    "perfekt", "prima", "schön", "schoen", "sehr", "so", "super", "there", "toll", "top", "very",
    "vielen", "you", "zusammen",
];

/// The greeting or thanks a message is, when that is all it is ("Danke!", "hi there",
/// "ok super, vielen Dank 🙏"); `None` for anything that might be a question.
pub fn small_talk(message: &str) -> Option<SmallTalk> {
    if message.contains('?') {
        return None;
    }
    let lower = message.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    if words.is_empty() || words.len() > 6 {
        return None;
    }
    let find = |list: &[(&str, Lang)]| {
        words.iter().find_map(|w| {
            list.iter()
                .find(|(word, _)| word == w)
                .map(|(_, lang)| *lang)
        })
    };
    let known = |w: &&str| {
        FILLERS.contains(w)
            || GREETINGS.iter().any(|(word, _)| word == w)
            || THANKS.iter().any(|(word, _)| word == w)
    };
    if !words.iter().all(known) {
        return None;
    }
    find(THANKS)
        .map(SmallTalk::Thanks)
        .or_else(|| find(GREETINGS).map(SmallTalk::Greeting))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greetings_and_thanks_are_recognised() {
        assert_eq!(small_talk("hi"), Some(SmallTalk::Greeting(Lang::En)));
        assert_eq!(
            small_talk("Hallo zusammen!"),
            Some(SmallTalk::Greeting(Lang::De))
        );
        assert_eq!(
            small_talk("Guten Morgen"),
            Some(SmallTalk::Greeting(Lang::De))
        );
        assert_eq!(small_talk("Danke!"), Some(SmallTalk::Thanks(Lang::De)));
        assert_eq!(
            small_talk("ok super, vielen Dank 🙏"),
            Some(SmallTalk::Thanks(Lang::De))
        );
        assert_eq!(
            small_talk("thanks a lot!"),
            Some(SmallTalk::Thanks(Lang::En))
        );
        assert_eq!(
            small_talk("Thank you very much"),
            Some(SmallTalk::Thanks(Lang::En))
        );
    }

    #[test]
    fn questions_are_no_small_talk() {
        for message in [
            "hi, darf ich Fotos vom Sommerfest posten",
            "Danke für die Einladung – darf ich das Geschenk annehmen?",
            "thanks?",
            "Can I post a thank-you note to a customer",
            "Dankeschön-Geschenk vom Lieferanten annehmen",
            "ok",
            "",
        ] {
            assert_eq!(small_talk(message), None, "{message}");
        }
    }
}
