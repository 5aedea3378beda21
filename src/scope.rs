//! guidebot's scope: social media and company communication. A question that neither
//! asks whether something is allowed nor mentions anything of that world ("How do I
//! request vacation days?", "Wann ist die nächste Betriebsversammlung?") is most likely
//! about something the guidelines don't cover, even when a few of its words occur in
//! them — so it must be matched nearly completely before guidebot answers it.

/// Words of social media and company communication, matched as the start of a question's
/// words ("Posten", "LinkedIn-Profil" → "profil").
const WORD_STARTS: &[&str] = &[
    "social",
    "media",
    "medien",
    "post",
    "gepost",
    "tweet",
    "twitter",
    "retweet",
    "repost",
    "linkedin",
    "instagram",
    "insta",
    "facebook",
    "tiktok",
    "youtube",
    "mastodon",
    "reddit",
    "xing",
    "threads",
    "bluesky",
    "snapchat",
    "whatsapp",
    "telegram",
    "discord",
    "blog",
    "podcast",
    "livestream",
    "stream",
    "video",
    "film",
    "record",
    "aufzeichn",
    "aufnahme",
    "kamera",
    "camera",
    "sender",
    "foto",
    "photo",
    "pic",
    "bild",
    "selfie",
    "screenshot",
    "share",
    "teile",
    "teilen",
    "geteilt",
    "publish",
    "veröffentlich",
    "comment",
    "kommentar",
    "like",
    "follow",
    "folge",
    "hashtag",
    "profil",
    "profile",
    "account",
    "konto",
    "kanal",
    "channel",
    "handle",
    "presse",
    "press",
    "journalis",
    "interview",
    "reporter",
    "kommunikation",
    "communicat",
    "comms",
    "öffentlich",
    "public",
    "online",
    "internet",
    "bewertung",
    "review",
    "logo",
    "marke",
    "brand",
    "influencer",
    "sponsor",
    "werbung",
    "advertis",
    "anzeige",
    "ad",
    "ads",
    "politi",
    "partei",
    "party",
    "partisan",
    "candidate",
    "kandidat",
    "campaign",
    "wahl",
    "election",
    "hatch",
    "gift",
    "geschenk",
    "voucher",
    "gutschein",
    "vertraulich",
    "confidential",
    "kunde",
    "customer",
    "client",
    "wettbewerb",
    "competitor",
    "konkurrenz",
    "stellenanzeige",
    "stellenaus",
    "job",
    "recruit",
    "shitstorm",
    "kritik",
    "critic",
    "troll",
    "crisis",
    "krise",
    "richtlinie",
    "guideline",
    "policy",
    "rule",
    "regel",
    "freigabe",
    "approv",
    "disclaimer",
    "meme",
    "newsletter",
    "website",
    "webseite",
    "message",
    "nachricht",
    "dm",
    "bio",
    "empfehl",
    "referral",
    "prämie",
    "bonus",
    "conferen",
    "konferenz",
    "vortrag",
    "speak",
    "event",
    "veranstaltung",
    "messe",
    "outage",
    "störung",
    "incident",
    "unfall",
    "notfall",
    "datenleck",
    "leak",
    "security",
    "sicherheit",
];

/// Whether a question speaks of social media or company communication at all.
pub fn mentions_communication(question: &str) -> bool {
    question
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .any(|word| WORD_STARTS.iter().any(|start| word.starts_with(start)))
}

/// Ways of asking for a platform's craft — what works, what size, what format — or for
/// practicalities (what to buy, what is paid for) rather than for a rule: social-media
/// guidelines rarely say, so such a question must be matched nearly completely, like
/// one from outside guidebot's world.
const CRAFT_QUESTIONS: &[&str] = &[
    "best time",
    "most engagement",
    "more engagement",
    "most reach",
    "more reach",
    "more followers",
    "what size",
    "which size",
    "what format",
    "which format",
    "dimensions",
    "resolution",
    "beste zeit",
    "beste uhrzeit",
    "mehr reichweite",
    "mehr follower",
    "welches format",
    "welche größe",
    "welche auflösung",
    "wie lang darf ein",
    "wie lang darf das",
    // Practicalities rather than rules: what to buy, what is paid for, how to secure
    // an account.
    "which camera",
    "what camera",
    "should we buy",
    "should i buy",
    "welche kamera",
    "sollen wir kaufen",
    "soll ich kaufen",
    "reimburse",
    "erstattet",
    "erstatten",
    "expense",
    "budget",
    "two-factor",
    "2fa",
    "zwei-faktor",
];

/// Whether a question asks for a platform's craft rather than for a rule.
pub fn asks_for_craft(question: &str) -> bool {
    let lower = question.to_lowercase();
    CRAFT_QUESTIONS.iter().any(|p| lower.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn questions_about_a_platforms_craft() {
        assert!(asks_for_craft(
            "What's the best time of day to post on LinkedIn?"
        ));
        assert!(asks_for_craft(
            "Welches Format sollte ein LinkedIn-Banner haben?"
        ));
        assert!(asks_for_craft(
            "Bekomme ich LinkedIn Premium erstattet, wenn ich es beruflich nutze?"
        ));
        assert!(asks_for_craft(
            "How do I turn on two-factor authentication on my Twitter account?"
        ));
        assert!(!asks_for_craft("Darf ich Fotos von Kollegen posten?"));
    }

    #[test]
    fn questions_about_communication() {
        assert!(mentions_communication(
            "Wie erreiche ich das Kommunikationsteam?"
        ));
        assert!(mentions_communication(
            "How long does it take to get a post approved?"
        ));
        assert!(mentions_communication(
            "Darf ich das Firmenlogo als Profilbild nehmen?"
        ));
        assert!(mentions_communication(
            "Gilt die Social-Media-Richtlinie für Azubis?"
        ));
        assert!(mentions_communication(
            "Ein Lokalsender will beim Hackathon filmen. Lassen wir das zu?"
        ));
    }

    #[test]
    fn questions_about_something_else() {
        assert!(!mentions_communication("How do I request vacation days?"));
        assert!(!mentions_communication(
            "Wann ist die nächste Betriebsversammlung?"
        ));
        assert!(!mentions_communication(
            "Wie rechne ich meine Reisekosten ab?"
        ));
    }
}
