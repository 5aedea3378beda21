//! Draft review: "am I allowed to post *this*?" for a whole draft post.
//!
//! 1. The draft is split into sentences ([`passage::split_sentences`]).
//! 2. Cheap, explainable detectors mark what each sentence carries: figures, customer
//!    names, people in photos, premises and screens, gifts and paid posts, politics,
//!    unreleased things, job ads, crises, the logo or official accounts, colleagues.
//!    Each detector is a handful of word lists; a finding names the trigger word.
//! 3. For each finding guidebot asks itself a focused question (in the draft's language,
//!    phrased like an employee would ask it), keeps the passages that really answer it
//!    (the best one, and others that speak of the same thing), and takes the finding's
//!    verdict from them.
//! 4. The review's verdict is the strictest clear verdict among the findings; a draft
//!    without findings gets an all-clear that names what was checked.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::answer::{Passage, Verdict};
use crate::config::Config;
use crate::engine::Engine;
use crate::lang::{self, Lang};
use crate::passage;
use crate::{Error, Result};

/// What kind of content a part of a draft carries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// Figures, money, percentages, business results.
    Figures,
    /// Customer, partner or competitor names and projects.
    Names,
    /// People (colleagues, children, guests) in photos or videos.
    PeopleInPhotos,
    /// Offices, screens, whiteboards, screenshots.
    Premises,
    /// Gifts, sponsorship, paid or advertising posts.
    Gifts,
    /// Political statements.
    Politics,
    /// Confidential or unreleased things.
    Confidential,
    /// Job ads and recruiting.
    JobAds,
    /// Crises, incidents, outages, accidents, criticism.
    Crisis,
    /// The company's logo, brand or official accounts.
    Logo,
    /// Colleagues' personal matters (sick leave, resignations, conflicts).
    Colleagues,
    /// Press, podcasts, talks.
    Media,
    /// Speaking for the company, or privately about its industry.
    Employer,
}

/// Everyday phrases in which a trigger means something else: "die Qual der Wahl" is no
/// election, "bis bald" announces no product, a French press prints no news, a roof that
/// leaks leaks no data, and whoever writes "als Kundin" is the customer.
const OTHER_SENSES: &[&str] = &[
    "qual der wahl",
    "erste wahl",
    "zweite wahl",
    "freie wahl",
    "bis bald",
    "bis ganz bald",
    "see you soon",
    "french press",
    "knoblauchpresse",
    "zitronenpresse",
    "saftpresse",
    "slow down",
    "slowed down",
    "slowing down",
    "calm down",
    "sit down",
    "settle down",
    "upside down",
    "leaking roof",
    "leaky roof",
    "roof leaks",
    "roof is leaking",
    "als kundin",
    "als kunde",
    "as a customer",
    "as the customer",
    "feierabend",
    "feiertag",
    "feiertage",
    "festgelegt",
    "festgestellt",
    "schneller als letztes jahr",
    "schneller als im letzten jahr",
    "besser als letztes jahr",
    "faster than last year",
    "better than last year",
];

/// Words of private life: a post about the family, a birthday or a holiday.
const PRIVATE_LIFE: &[&str] = &[
    "schwester",
    "bruder",
    "mutter",
    "vater",
    "mama",
    "papa",
    "oma",
    "omas",
    "opa",
    "opas",
    "tochter",
    "sohn",
    "ehemann",
    "ehefrau",
    "geburtstag",
    "hochzeit",
    "urlaub",
    "familie",
    "wohnzimmer",
    "kinderzimmer",
    "garten",
    "verein",
    "hund",
    "katze",
    "sister",
    "brother",
    "mom",
    "mum",
    "dad",
    "mother",
    "father",
    "husband",
    "wife",
    "daughter",
    "son",
    "grandma",
    "grandpa",
    "birthday",
    "wedding",
    "vacation",
    "holiday",
    "family",
    "trip",
    "garden",
    "club",
    "dog",
    "cat",
    "neighborhood",
    "neighbourhood",
    "haus",
    "wohnung",
    "küche",
    "keller",
    "balkon",
    "kinder",
    "zwillinge",
    "nachbarn",
    "house",
    "kitchen",
    "bathroom",
    "basement",
    "backyard",
    "kids",
    "twins",
    "neighbors",
    "neighbours",
];

/// Words of work: a post that uses one speaks of the job.
const WORK: &[&str] = &[
    "arbeit",
    "beruf",
    "job",
    "firma",
    "unternehmen",
    "kolleg",
    "kunde",
    "kundin",
    "projekt",
    "produkt",
    "team",
    "büro",
    "chef",
    "dienst",
];

/// English words of work, matched whole: "projected" is no project, a "workout" no work.
const WORK_WORDS: &[&str] = &[
    "work",
    "works",
    "working",
    "workplace",
    "workday",
    "company",
    "companies",
    "colleague",
    "colleagues",
    "coworker",
    "coworkers",
    "co-worker",
    "co-workers",
    "customer",
    "customers",
    "client",
    "clients",
    "project",
    "projects",
    "product",
    "products",
    "release",
    "releases",
    "office",
    "offices",
    "boss",
    "employer",
    "agency",
    "business",
];

/// Whether a draft is plainly about private life — family, a birthday, a holiday — and
/// says nothing of work or of the organisation (`names_organisation`): its "streng
/// vertraulich" is a surprise cake, its "zero leaks" a kept secret, its "breach" a
/// whale's.
fn about_private_life(draft: &str, names_organisation: impl Fn(&str) -> bool) -> bool {
    let words = Words::new(draft);
    let private = words.exact(PRIVATE_LIFE).is_some()
        || words
            .lower
            .iter()
            // German compounds end in the word: "Lieblingsschwester". Short English
            // words end others ("person").
            .any(|w| {
                PRIVATE_LIFE
                    .iter()
                    .any(|p| p.len() >= 5 && w.len() > p.len() + 2 && w.ends_with(p))
            });
    let work = words.prefix(WORK).is_some()
        || words.exact(WORK_WORDS).is_some()
        || words.original.iter().any(|w| names_organisation(w));
    private && !work
}

/// Kinds whose triggers private posts use in everyday senses: the garden's harvest in
/// kilos, a "top secret" birdhouse. (Politics is not among them: a party's local
/// association is a club too.)
const FIGURATIVE_IN_PRIVATE_POSTS: &[Kind] = &[Kind::Confidential, Kind::Crisis, Kind::Figures];

/// Whether the sentence uses the trigger in one of its [`OTHER_SENSES`].
fn in_other_sense(w: &Words, trigger: &str) -> bool {
    let trigger = trigger.to_lowercase();
    OTHER_SENSES
        .iter()
        .any(|phrase| phrase.contains(trigger.as_str()) && w.phrase(&[phrase]).is_some())
}

/// Every kind, in the order findings are listed.
pub const ALL_KINDS: [Kind; 13] = [
    Kind::Figures,
    Kind::Names,
    Kind::PeopleInPhotos,
    Kind::Premises,
    Kind::Gifts,
    Kind::Politics,
    Kind::Confidential,
    Kind::JobAds,
    Kind::Crisis,
    Kind::Logo,
    Kind::Colleagues,
    Kind::Media,
    Kind::Employer,
];

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Figures => "figures",
            Kind::Names => "names",
            Kind::PeopleInPhotos => "people_in_photos",
            Kind::Premises => "premises",
            Kind::Gifts => "gifts",
            Kind::Politics => "politics",
            Kind::Confidential => "confidential",
            Kind::JobAds => "job_ads",
            Kind::Crisis => "crisis",
            Kind::Logo => "logo",
            Kind::Colleagues => "colleagues",
            Kind::Media => "media",
            Kind::Employer => "employer",
        }
    }

    /// The words shown to a person.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Kind::Figures, Lang::De) => "Zahlen und Geschäftszahlen",
            (Kind::Names, Lang::De) => "Kunden, Partner und Wettbewerber",
            (Kind::PeopleInPhotos, Lang::De) => "Personen auf Fotos",
            (Kind::Premises, Lang::De) => "Büros, Bildschirme und Whiteboards",
            (Kind::Gifts, Lang::De) => "Geschenke, Sponsoring und Werbung",
            (Kind::Politics, Lang::De) => "Politische Äußerungen",
            (Kind::Confidential, Lang::De) => "Vertrauliches und Unveröffentlichtes",
            (Kind::JobAds, Lang::De) => "Stellenanzeigen",
            (Kind::Crisis, Lang::De) => "Krisen, Störungen und Unfälle",
            (Kind::Logo, Lang::De) => "Logo und offizielle Konten",
            (Kind::Colleagues, Lang::De) => "Kolleginnen und Kollegen",
            (Kind::Media, Lang::De) => "Presse, Podcasts und Vorträge",
            (Kind::Employer, Lang::De) => "Sprechen für das Unternehmen",
            (Kind::Media, Lang::En) => "press, podcasts and talks",
            (Kind::Employer, Lang::En) => "speaking for the company",
            (Kind::Figures, Lang::En) => "figures and business results",
            (Kind::Names, Lang::En) => "customers, partners and competitors",
            (Kind::PeopleInPhotos, Lang::En) => "people in photos",
            (Kind::Premises, Lang::En) => "offices, screens and whiteboards",
            (Kind::Gifts, Lang::En) => "gifts, sponsorship and advertising",
            (Kind::Politics, Lang::En) => "political statements",
            (Kind::Confidential, Lang::En) => "confidential and unreleased things",
            (Kind::JobAds, Lang::En) => "job ads",
            (Kind::Crisis, Lang::En) => "crises, outages and accidents",
            (Kind::Logo, Lang::En) => "logo and official accounts",
            (Kind::Colleagues, Lang::En) => "colleagues",
        }
    }
}

/// One thing in the draft that a rule speaks to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The sentence of the draft that triggered the finding, word for word.
    pub excerpt: String,
    pub kind: Kind,
    /// The word that triggered the detector (for explaining, not a contract).
    #[serde(default)]
    pub trigger: String,
    pub verdict: Option<Verdict>,
    pub passages: Vec<Passage>,
    /// Raised by a photo alone (flagged, or only "📸" / "Foto" in the text), which says
    /// nothing of who is in it: its rules are cited, not applied.
    #[serde(skip)]
    pub only_a_photo: bool,
}

/// A reviewed draft: the `ask --json` answer shape plus findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// The draft.
    pub question: String,
    /// True when no rule applies to the draft (no finding found a passage).
    pub abstained: bool,
    pub verdict: Option<Verdict>,
    /// All cited passages, best first, without duplicates.
    pub passages: Vec<Passage>,
    pub lang: Lang,
    pub contact: String,
    pub findings: Vec<Finding>,
    /// The kinds of content the draft was checked for.
    pub checked: Vec<Kind>,
}

impl Review {
    /// The kinds the draft was checked for that found nothing, for the all-clear line.
    pub fn unremarkable_kinds(&self) -> Vec<Kind> {
        self.checked
            .iter()
            .copied()
            .filter(|k| !self.findings.iter().any(|f| f.kind == *k))
            .collect()
    }
}

/// A detector hit before retrieval: which kind, the focused question's topic, the trigger.
#[derive(Debug, Clone, PartialEq)]
struct Hit {
    kind: Kind,
    topic: Topic,
    trigger: String,
    sentence: usize,
}

/// The rule a hit asks about: each has a focused question per language.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Topic {
    Figures,
    BigDeal,
    Customer,
    ReferenceCustomer,
    CustomerDetails,
    Competitor,
    PhotoColleagues,
    PhotoOwnChildren,
    EventStage,
    Freebie,
    PoliticsCompany,
    PoliticalDonations,
    Released,
    LogoMeme,
    PrivateOpinion,
    CriticizeCompany,
    Journalist,
    Podcast,
    Talk,
    PhotoChildren,
    PhotoCustomers,
    PhotoEvent,
    PhotoTradeFair,
    PhotoGeneric,
    Office,
    ServerRoom,
    Screens,
    Screenshots,
    Gift,
    PaidPost,
    AdLabel,
    Voucher,
    Trip,
    Sponsoring,
    Politics,
    Unreleased,
    InternalDocs,
    JobShare,
    JobOwnText,
    JobUnpublished,
    Referral,
    Candidates,
    Accident,
    Outage,
    Security,
    Criticism,
    Shitstorm,
    Logo,
    ProfilePicture,
    Merchandise,
    OwnAccount,
    OnBehalf,
    ColleagueMatters,
}

impl Topic {
    /// The focused question guidebot asks itself.
    fn question(self, lang: Lang) -> &'static str {
        use Topic::*;
        match (self, lang) {
            (Figures, Lang::De) => "Darf ich Umsatzzahlen oder andere Geschäftszahlen veröffentlichen?",
            (Figures, Lang::En) => "May I post revenue or other business figures?",
            (BigDeal, Lang::De) => "Darf ich andeuten, dass wir einen großen Auftrag unterschrieben haben?",
            (BigDeal, Lang::En) => "May I hint that we signed a big deal?",
            (Customer, Lang::De) => "Darf ich den Namen eines Kunden nennen?",
            (Customer, Lang::En) => "May I name a customer?",
            (ReferenceCustomer, Lang::De) => "Darf ich einen Referenzkunden nennen und auf die veröffentlichte Fallstudie verlinken?",
            (ReferenceCustomer, Lang::En) => "May I name a listed reference customer and link to the published case study?",
            (CustomerDetails, Lang::De) => "Darf ich Details aus einem Kundenprojekt posten?",
            (CustomerDetails, Lang::En) => "May I post details from a customer project?",
            (Competitor, Lang::De) => "Darf ich unser Produkt mit Wettbewerbern vergleichen oder mich über Wettbewerber äußern?",
            (Competitor, Lang::En) => "May I compare our product with competitors or comment on competitors?",
            (PhotoOwnChildren, Lang::De) => "Darf ich Fotos von meinen eigenen Kindern posten?",
            (PhotoOwnChildren, Lang::En) => "May I post photos of my own children?",
            (EventStage, Lang::De) => "Darf ich Videos von Reden der Geschäftsführung auf einer Veranstaltung posten?",
            (EventStage, Lang::En) => "May I post videos of management speeches at a company event?",
            (Freebie, Lang::De) => "Darf ich ein Produkt bewerten, das mir ein Hersteller kostenlos zum Testen gegeben hat?",
            (Freebie, Lang::En) => "May I post a review of a product I got for free?",
            (PoliticsCompany, Lang::De) => "Darf ich politische Aussagen mit dem Firmenlogo, Firmenkleidung oder im Namen der Firma machen?",
            (PoliticsCompany, Lang::En) => "May I combine political statements with the company logo, company clothing or the company name?",
            (PoliticalDonations, Lang::De) => "Darf ich zu Spenden für eine Partei oder einen Kandidaten aufrufen?",
            (PoliticalDonations, Lang::En) => "May I ask people to donate or contribute to a political party or candidate?",
            (Released, Lang::De) => "Darf ich über Funktionen sprechen, die schon in den offiziellen Release Notes stehen?",
            (Released, Lang::En) => "May I talk about features that are already in the official release notes?",
            (LogoMeme, Lang::De) => "Darf ich das Firmenlogo verändern oder als Meme verwenden?",
            (LogoMeme, Lang::En) => "May I change the company logo or use it in a meme?",
            (PrivateOpinion, Lang::De) => "Darf ich mich privat zu Themen unserer Branche äußern, wenn ich sage, dass es meine persönliche Meinung ist?",
            (PrivateOpinion, Lang::En) => "May I comment on topics from our industry in a personal capacity, saying the views are my own?",
            (CriticizeCompany, Lang::De) => "Darf ich sachliche Kritik an meinem Arbeitgeber posten?",
            (CriticizeCompany, Lang::En) => "May I post factual criticism of my employer?",
            (Journalist, Lang::De) => "Darf ich einem Journalisten Auskunft über das Unternehmen geben?",
            (Journalist, Lang::En) => "May I give a journalist a statement about the company?",
            (Podcast, Lang::De) => "Darf ich als Gast in einem Podcast über meine Arbeit sprechen?",
            (Podcast, Lang::En) => "May I appear as a guest on a podcast and talk about my job?",
            (Talk, Lang::De) => "Darf ich einen technischen Vortrag auf einem Meetup oder einer Konferenz halten?",
            (Talk, Lang::En) => "May I give a technical talk at a meetup or conference?",
            (PhotoColleagues, Lang::De) => "Darf ich Fotos von Kolleginnen und Kollegen posten?",
            (PhotoColleagues, Lang::En) => "May I post photos of colleagues?",
            (PhotoChildren, Lang::De) => "Darf ich Fotos posten, auf denen Kinder zu sehen sind?",
            (PhotoChildren, Lang::En) => "May I post pictures of kids?",
            (PhotoCustomers, Lang::De) => "Darf ich Fotos posten, auf denen Kunden zu sehen sind?",
            (PhotoCustomers, Lang::En) => "May I post photos that show customers?",
            (PhotoEvent, Lang::De) => "Darf ich Fotos von einer Veranstaltung wie dem Sommerfest posten?",
            (PhotoEvent, Lang::En) => "May I post photos from an event like the summer party?",
            (PhotoTradeFair, Lang::De) => "Darf ich Fotos vom Messestand oder von einer Konferenz posten?",
            (PhotoTradeFair, Lang::En) => "May I post photos from our trade fair stand or a conference?",
            (PhotoGeneric, Lang::De) => "Darf ich Fotos posten, auf denen Kolleginnen und Kollegen zu sehen sind?",
            (PhotoGeneric, Lang::En) => "May I post photos that show colleagues?",
            (Office, Lang::De) => "Darf ich Fotos aus dem Büro posten?",
            (Office, Lang::En) => "May I post photos of the office?",
            (ServerRoom, Lang::De) => "Darf ich Fotos vom Serverraum oder von Zugangskarten posten?",
            (ServerRoom, Lang::En) => "May I post photos of the server room or access badges?",
            (Screens, Lang::De) => "Darf ich ein Bild veröffentlichen, auf dem ein Whiteboard oder Bildschirm lesbar ist?",
            (Screens, Lang::En) => "May I post a photo where a screen or whiteboard is readable?",
            (Screenshots, Lang::De) => "Darf ich Screenshots aus internen Tools posten?",
            (Screenshots, Lang::En) => "May I post screenshots of internal tools?",
            (Gift, Lang::De) => "Darf ich ein Geschenk oder einen Gutschein von einem Lieferanten annehmen und darüber posten?",
            (Gift, Lang::En) => "May I accept a gift or voucher from a vendor and post about it?",
            (PaidPost, Lang::De) => "Darf ich eine bezahlte Partnerschaft oder Werbung für eine Firma posten?",
            (PaidPost, Lang::En) => "May I do a paid partnership post?",
            (AdLabel, Lang::De) => "Wie muss ich Werbung kennzeichnen?",
            (AdLabel, Lang::En) => "How do I label advertising in a post?",
            (Voucher, Lang::De) => "Darf ich Gutscheine, Rabattcodes oder Affiliate-Links posten?",
            (Voucher, Lang::En) => "May I post vouchers, discount codes or affiliate links?",
            (Trip, Lang::De) => "Darf ich eine Einladung zu einer Reise oder Veranstaltung annehmen?",
            (Trip, Lang::En) => "May I accept an invitation to a trip or event paid by a vendor?",
            (Sponsoring, Lang::De) => "Darf ich über Sponsoring posten?",
            (Sponsoring, Lang::En) => "May I post about sponsoring?",
            (Politics, Lang::De) => "Darf ich mich politisch äußern, etwa zu einer Wahl oder Partei?",
            (Politics, Lang::En) => "May I make political statements, for example about an election or a party?",
            (Unreleased, Lang::De) => "Darf ich über unveröffentlichte Produkte, Roadmaps oder Release-Termine posten?",
            (Unreleased, Lang::En) => "May I post about unreleased products, roadmaps or release dates?",
            (InternalDocs, Lang::De) => "Darf ich interne Dokumente, E-Mails oder Chats veröffentlichen?",
            (InternalDocs, Lang::En) => "May I post internal documents, emails or chats?",
            (JobShare, Lang::De) => "Darf ich eine Stellenanzeige teilen?",
            (JobShare, Lang::En) => "May I share a job ad?",
            (JobOwnText, Lang::De) => "Darf ich eine Stellenanzeige in eigenen Worten mit Gehalt oder Homeoffice posten?",
            (JobOwnText, Lang::En) => "May I write my own job ad with salary or remote work details?",
            (JobUnpublished, Lang::De) => "Darf ich eine Stelle posten, die noch nicht ausgeschrieben ist?",
            (JobUnpublished, Lang::En) => "May I post a job that is not yet published?",
            (Referral, Lang::De) => "Darf ich mit der Empfehlungsprämie werben?",
            (Referral, Lang::En) => "May I advertise the referral bonus?",
            (Candidates, Lang::De) => "Darf ich etwas über Bewerbungsgespräche oder Bewerbende posten?",
            (Candidates, Lang::En) => "May I post about candidates or job interviews?",
            (Accident, Lang::De) => "Darf ich Fotos oder Videos von einem Unfall posten?",
            (Accident, Lang::En) => "May I post photos or news of an accident?",
            (Outage, Lang::De) => "Darf ich posten, dass ein Kunde von einer Störung betroffen ist?",
            (Outage, Lang::En) => "May I post that a customer is affected by an outage?",
            (Security, Lang::De) => "Darf ich über einen Sicherheitsvorfall oder ein Datenleck öffentlich sprechen?",
            (Security, Lang::En) => "May I post about a security incident or data leak?",
            (Criticism, Lang::De) => "Darf ich im Namen der Firma auf Kritik und negative Kommentare antworten?",
            (Criticism, Lang::En) => "May I reply to criticism and negative comments on behalf of the company?",
            (Shitstorm, Lang::De) => "Wie verhalte ich mich bei einem Shitstorm?",
            (Shitstorm, Lang::En) => "What do I do in a shitstorm?",
            (Logo, Lang::De) => "Darf ich das Firmenlogo in eigenen Grafiken verwenden?",
            (Logo, Lang::En) => "May I use the company logo in my own graphics?",
            (ProfilePicture, Lang::De) => "Darf ich das Firmenlogo als Profilbild verwenden?",
            (ProfilePicture, Lang::En) => "May I use the company logo as my profile picture?",
            (Merchandise, Lang::De) => "Darf ich Fotos mit Firmenkleidung oder Merchandise posten?",
            (Merchandise, Lang::En) => "May I post photos with company clothing or merchandise?",
            (OwnAccount, Lang::De) => "Darf ich einen eigenen Team- oder Produkt-Account eröffnen?",
            (OwnAccount, Lang::En) => "May I open my own team or product account?",
            (OnBehalf, Lang::De) => "Darf ich im Namen des Unternehmens sprechen?",
            (OnBehalf, Lang::En) => "May I speak on behalf of the company?",
            (ColleagueMatters, Lang::De) => "Darf ich öffentlich über die Krankmeldung, Kündigung oder Konflikte eines Kollegen schreiben?",
            (ColleagueMatters, Lang::En) => "May I post about a colleague's resignation, sick leave or conflicts?",
        }
    }
}

/// A draft's words, lower-cased, with the original spelling kept for name detection.
struct Words {
    lower: Vec<String>,
    original: Vec<String>,
    text: String,
}

impl Words {
    fn new(sentence: &str) -> Words {
        let original: Vec<String> = sentence
            .split(|c: char| {
                !(c.is_alphanumeric() || matches!(c, '#' | '@' | '%' | '€' | '$' | '-'))
            })
            .map(|w| w.trim_matches('-').to_string())
            .filter(|w| !w.is_empty())
            .collect();
        let mut lower: Vec<String> = original.iter().map(|w| w.to_lowercase()).collect();
        // "Bring-your-kids" also speaks of "kids".
        let parts: Vec<String> = lower
            .iter()
            .filter(|w| w.contains('-'))
            .flat_map(|w| w.split('-').map(str::to_string).collect::<Vec<_>>())
            .filter(|w| !w.is_empty())
            .collect();
        lower.extend(parts);
        Words {
            lower,
            original,
            text: format!(" {} ", sentence.to_lowercase()),
        }
    }

    /// The first word that starts with one of `prefixes` (lower-case stems), or ends in
    /// a longer one (but for an inflection): German compounds end in the word that names
    /// them ("Stromausfall" is an "Ausfall", "Werbepräsente" are "Präsente"), while a
    /// word it merely stands in names something else ("Abschlusspräsentation").
    fn prefix(&self, prefixes: &[&str]) -> Option<String> {
        self.lower
            .iter()
            .find(|w| {
                prefixes
                    .iter()
                    .any(|p| w.starts_with(p) || (p.chars().count() >= 6 && ends_in_head(w, p)))
            })
            .cloned()
    }

    /// The first word equal to one of `words`.
    fn exact(&self, words: &[&str]) -> Option<String> {
        self.lower
            .iter()
            .find(|w| words.contains(&w.as_str()))
            .cloned()
    }

    /// The first phrase (matched on word boundaries of the lower-cased text).
    fn phrase(&self, phrases: &[&str]) -> Option<String> {
        phrases
            .iter()
            .find(|p| {
                self.text.match_indices(*p).any(|(i, _)| {
                    let before = self.text[..i].chars().next_back();
                    let after = self.text[i + p.len()..].chars().next();
                    !before.is_some_and(char::is_alphanumeric)
                        && !after.is_some_and(char::is_alphanumeric)
                })
            })
            .map(|p| p.to_string())
    }

    fn any(&self, prefixes: &[&str], exact: &[&str], phrases: &[&str]) -> Option<String> {
        self.prefix(prefixes)
            .or_else(|| self.exact(exact))
            .or_else(|| self.phrase(phrases))
    }
}

/// Whether `word` ends in `head`, but for an inflection ("-e", "-en", "-s", "-ern").
fn ends_in_head(word: &str, head: &str) -> bool {
    const MAX_INFLECTION: usize = 3;
    word.rmatch_indices(head)
        .next()
        .is_some_and(|(i, _)| word[i + head.len()..].chars().count() <= MAX_INFLECTION)
}

/// A number of thousands or more: "4.800", "12,000", "25000" (but "23.50" is 23.5).
fn large_number(word: &str) -> bool {
    let digits: String = word
        .chars()
        .filter(|c| c.is_ascii_digit() || matches!(c, '.' | ','))
        .collect();
    let mut groups = digits.split(['.', ',']);
    let whole = groups.next().unwrap_or_default();
    whole.len() >= 4 || groups.any(|group| group.len() == 3)
}

fn has_digit(w: &str) -> bool {
    w.chars().any(|c| c.is_ascii_digit())
}

/// "75k", "30m": a number of thousands or millions. Small ones ("5K" run, "2pm") and
/// clock times are no business figures.
fn thousands_or_millions(word: &str) -> bool {
    let Some(number) = word.strip_suffix(['k', 'm']) else {
        return false;
    };
    let value: Option<f32> = number.replace(',', ".").parse().ok();
    !word.ends_with("am") && !word.ends_with("pm") && value.is_some_and(|v| v >= 20.0)
}

/// Figures: percentages, money, large numbers, or business-figure words.
fn detect_figures(w: &Words) -> Option<(Topic, String)> {
    if let Some(t) = w.phrase(&[
        "größten auftrag",
        "größter auftrag",
        "biggest deal",
        "largest deal",
        "biggest contract",
        "largest contract",
        "big deal",
        "record quarter",
        "rekordquartal",
        "rekordjahr",
        "record year",
        "deal unterschrieben",
        "auftrag unterschrieben",
        "signed a deal",
        "signed the deal",
        "just signed",
        "gerade unterschrieben",
    ]) {
        return Some((Topic::BigDeal, t));
    }
    let deal = w.prefix(&[
        "auftrag",
        "vertrag",
        "deal",
        "contract",
        "kunde",
        "customer",
        "abschluss",
    ]);
    let superlative = w.any(
        &[
            "größt",
            "dickst",
            "riesig",
            "biggest",
            "largest",
            "huge",
            "rekord",
            "record",
            "historisch",
        ],
        &["mega", "riesen"],
        &[
            "der firmengeschichte",
            "in our history",
            "in unserer geschichte",
        ],
    );
    if let (Some(d), Some(_)) = (&deal, &superlative) {
        return Some((Topic::BigDeal, d.clone()));
    }
    let business = w.any(
        &[
            "umsatz",
            "umsätz",
            "revenue",
            "marge",
            "margin",
            "gewinn",
            "profit",
            "turnover",
            "auftragsvolumen",
            "ebit",
            "quartalszahl",
            "geschäftszahl",
            "kennzahl",
            "arr",
            "wachstum",
            "growth",
            "headcount",
            "sales",
        ],
        &["mrr", "kpi", "kpis"],
        &[],
    );
    // A percentage is a business figure when a group reports it ("wir sind um 20 %
    // gewachsen", "our churn dropped 3%"); "4 % schneller als letztes Jahr" after a
    // half marathon is one person's.
    let speaks_for_a_group = w
        .any(&["unser"], &["wir", "uns", "we", "us", "our", "ours"], &[])
        .is_some();
    let amount = w.lower.iter().enumerate().find_map(|(i, word)| {
        let next = w.lower.get(i + 1).map(String::as_str).unwrap_or("");
        let numeric = has_digit(word);
        let percent = word.ends_with('%') || matches!(next, "%" | "prozent" | "percent");
        // So is a sum of money, or one beside a deal, or a large one: one person's "$40
        // derailleur hanger" or "Materialkosten 238 €" is no business figure.
        let money = word.contains('€')
            || word.contains('$')
            || matches!(next, "eur" | "euro" | "€" | "$" | "usd");
        let business_money = speaks_for_a_group || deal.is_some() || large_number(word);
        let unit = (percent && speaks_for_a_group)
            || (money && business_money)
            || matches!(
                next,
                "mio"
                    | "millionen"
                    | "million"
                    | "millions"
                    | "mrd"
                    | "milliarden"
                    | "billion"
                    | "k"
                    | "kunden"
                    | "customers"
                    | "nutzer"
                    | "users"
                    | "mitarbeitende"
                    | "employees"
                    | "neukunden"
            )
            || thousands_or_millions(word);
        (numeric && unit).then(|| word.clone())
    });
    match (business, amount) {
        (Some(b), _) => Some((Topic::Figures, b)),
        (None, Some(a)) => Some((Topic::Figures, a)),
        _ => None,
    }
}

const CUSTOMER_PREFIXES: &[&str] = &[
    "kunde",
    "kunden",
    "kundin",
    "customer",
    "client",
    "referenzkund",
    "stadtwerk",
    "netzbetreiber",
    "spedition",
    "energieversorger",
    "auftraggeber",
];
const COMPANY_SUFFIXES: &[&str] = &["gmbh", "ag", "se", "inc", "ltd", "kg", "llc", "co"];

/// Customer, partner, competitor names.
fn detect_names(w: &Words, common: &dyn Fn(&str) -> bool) -> Option<(Topic, String)> {
    if let Some(t) = w.any(
        // "Wettbewerber" compete with us; a "Kuchenwettbewerb" is a contest.
        &["wettbewerber", "konkurren", "competitor", "mitbewerb"],
        &[],
        &[
            "other vendors",
            "andere anbieter",
            "anderen anbieter",
            "runs circles",
            "die konkurrenz",
        ],
    ) {
        return Some((Topic::Competitor, t));
    }
    // A comparison compares with competitors when the organisation or its product
    // speaks ("unser Tool ist doppelt so schnell wie …", "Wave is so much better than
    // …": a name the guidelines use throughout, or a document's); one runner's "faster
    // than 63 % of women in my age group" compares with no one's product.
    let names_the_organisation = || {
        w.original.iter().any(|word| {
            let lower = word.to_lowercase();
            word.chars().next().is_some_and(char::is_uppercase)
                && ![Lang::De, Lang::En]
                    .iter()
                    .any(|l| crate::analysis::is_stop_word(&lower, *l))
                && common(word)
        })
    };
    // Asked only of a comparison: it looks up every capitalised word.
    let for_the_organisation = || {
        names_the_organisation()
            || w.any(
                &["unser", "produkt", "product", "tool", "service"],
                &["wir", "we", "our"],
                &[],
            )
            .is_some()
    };
    if let Some(t) = w
        .phrase(&[
            "besser als",
            "schneller als",
            "better than",
            "faster than",
            "cheaper than",
            "günstiger als",
            "im vergleich zu",
            "compared to",
            "doppelt so",
            "dreimal so",
            "twice as",
            "so schnell wie",
        ])
        .filter(|_| for_the_organisation())
    {
        return Some((Topic::Competitor, t));
    }
    let details = w.any(
        &[
            "go-live",
            "golive",
            "rollout",
            "roll-out",
            "livegang",
            "kundenprojekt",
            "on-site",
            "vor-ort",
        ],
        &["live"],
        &[
            "go live",
            "went live",
            "ging live",
            "geht live",
            "gehen live",
            "vor ort",
            "on site",
        ],
    );
    // "Kunde", "customer" … but not "Kundendaten" / "customer data" (that is a leak).
    let customer = w.lower.iter().enumerate().find_map(|(i, word)| {
        let next = w.lower.get(i + 1).map(String::as_str).unwrap_or("");
        (CUSTOMER_PREFIXES.iter().any(|p| word.starts_with(p))
            && !word.contains("daten")
            && !next.starts_with("data")
            && !next.starts_with("daten"))
        .then(|| word.clone())
    });
    let company = w
        .original
        .iter()
        .enumerate()
        .find(|(i, word)| {
            *i > 0
                && COMPANY_SUFFIXES.contains(&word.to_lowercase().as_str())
                && w.original[i - 1]
                    .chars()
                    .next()
                    .is_some_and(char::is_uppercase)
                && !common(&w.original[i - 1])
        })
        .map(|(i, word)| format!("{} {}", w.original[i - 1], word));
    let named = company.or_else(|| {
        // "bei X" / "für X" / "at X" / "for X" / "with X" where X looks like a name:
        // capitalised, not a word the guidelines use all the time (the company's own
        // name, common nouns), and in German (where all nouns are capitalised) with a
        // second capital ("LogiSoft").
        w.original.windows(2).find_map(|pair| {
            let prep = pair[0].to_lowercase();
            let name = &pair[1];
            let english = matches!(prep.as_str(), "at" | "for" | "with");
            let capitalised =
                name.chars().next().is_some_and(char::is_uppercase) && name.chars().count() > 2;
            let is_name = capitalised
                && !common(name)
                && !ENGLISH_CAPITALISED.contains(&name.to_lowercase().as_str())
                && (english || name.chars().skip(1).any(char::is_uppercase));
            (matches!(prep.as_str(), "bei" | "für" | "von" | "at" | "for" | "with") && is_name)
                .then(|| format!("{} {}", pair[0], name))
        })
    });
    if let Some(t) = details
        .clone()
        .filter(|_| customer.is_some() || named.is_some())
    {
        return Some((Topic::CustomerDetails, t));
    }
    let reference = w.any(
        &["referenz", "fallstudie", "erfolgsgeschichte"],
        &[],
        &["case study", "reference customer", "success story"],
    );
    if let (Some(t), true) = (reference, customer.is_some() || named.is_some()) {
        return Some((Topic::ReferenceCustomer, t));
    }
    if let Some(t) = customer {
        return Some((Topic::Customer, t));
    }
    named.map(|t| (Topic::Customer, t))
}

/// Capitalised English words that are no company names.
const ENGLISH_CAPITALISED: &[&str] = &[
    "christmas",
    "easter",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "linkedin",
    "instagram",
    "twitter",
    "mastodon",
    "youtube",
    "github",
    "tiktok",
    "facebook",
    "google",
    "the",
    "this",
    "that",
    "senator",
    "president",
    "governor",
    "mayor",
    "congressman",
    "congresswoman",
    "representative",
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "home",
    "work",
    "lunch",
    "new",
    "last",
    "next",
];

const PHOTO_PREFIXES: &[&str] = &[
    "foto",
    "bild",
    "selfie",
    "schnappschuss",
    "aufnahme",
    "photo",
    "picture",
    "video",
    "clip",
    "reel",
    "livestream",
    "gruppenbild",
    "teamfoto",
    "snapshot",
];
const PHOTO_EMOJI: &[char] = &['📸', '📷', '🎥', '📹', '🤳'];

fn mentions_photo(w: &Words) -> Option<String> {
    w.prefix(PHOTO_PREFIXES)
        // Whole words only: "pick" and "picnic" are no pictures.
        .or_else(|| w.exact(&["pic", "pics"]))
        .or_else(|| {
            w.text
                .chars()
                .find(|c| PHOTO_EMOJI.contains(c))
                .map(|c| c.to_string())
        })
        .filter(|t| !matches!(t.as_str(), "bildung" | "bildschirm" | "bildschirme"))
}

/// People in photos: a photo (flag or words) and people.
fn detect_people(w: &Words, photo: bool) -> Option<(Topic, String)> {
    let photo_word = mentions_photo(w);
    if !photo && photo_word.is_none() {
        return None;
    }
    let child = w.any(
        &[
            "kinder",
            "kids",
            "child",
            "baby",
            "babies",
            "sohn",
            "söhne",
            "tochter",
            "töchter",
            "nachwuchs",
            "kita",
        ],
        &[
            "kind",
            "kid",
            "son",
            "sons",
            "daughter",
            "daughters",
            "kleinen",
            "kleine",
        ],
        &[],
    );
    if let Some(t) = child {
        let own = w
            .exact(&[
                "mein", "meine", "meinen", "meinem", "meiner", "my", "unser", "unsere",
            ])
            .is_some()
            && w.exact(&["kinder", "kids", "children", "von"]).is_none();
        return Some((
            if own {
                Topic::PhotoOwnChildren
            } else {
                Topic::PhotoChildren
            },
            t,
        ));
    }
    if let Some(t) = w.any(
        &[
            "kunde",
            "kunden",
            "kundin",
            "customer",
            "client",
            "gäste",
            "gast",
            "besucher",
            "visitor",
            "guest",
            "leitstelle",
            "leitwarte",
            "umspannwerk",
            "substation",
            "kraftwerk",
            "power plant",
            "control room",
        ],
        &[],
        &["control room", "power plant"],
    ) {
        return Some((Topic::PhotoCustomers, t));
    }
    if let Some(t) = w.any(
        &[
            "messe",
            "konferenz",
            "conference",
            "standbesuch",
            "tradeshow",
            "trade-fair",
            "energiemesse",
        ],
        &["booth", "stand", "halle"],
        &["trade fair", "trade show"],
    ) {
        return Some((Topic::PhotoTradeFair, t));
    }
    let event = w.any(
        &[
            "sommerfest",
            "weihnachtsfeier",
            "hackathon",
            "firmenlauf",
            "feier",
            "party",
            "fest",
            "betriebsausflug",
            "teamevent",
            "offsite",
            "familientag",
            "summer",
        ],
        &["event"],
        &["christmas party", "summer party"],
    );
    if let Some(t) = event {
        if w.any(
            &[
                "rede",
                "speech",
                "keynote",
                "bühne",
                "stage",
                "ansprache",
                "präsentation",
                "presentation",
                "vortrag",
            ],
            &["ceo", "cto", "geschäftsführ"],
            &[],
        )
        .is_some()
        {
            return Some((Topic::EventStage, t));
        }
        return Some((Topic::PhotoEvent, t));
    }
    let people = w.any(
        &[
            "kolleg",
            "colleague",
            "team",
            "coworker",
            "co-worker",
            "leute",
            "gruppe",
            "chef",
            "azubi",
            "praktikant",
            "mitarbeit",
            "crew",
            "gang",
            "people",
            "everyone",
            "boss",
            "manager",
            "truppe",
        ],
        // "alle" as a whole word: "alles" is everything, not everybody.
        &["alle", "allen"],
        &[],
    );
    if let Some(t) = people {
        return Some((Topic::PhotoColleagues, t));
    }
    if photo {
        return Some((
            Topic::PhotoGeneric,
            photo_word.unwrap_or_else(|| "photo".into()),
        ));
    }
    // A photo word alone (e.g. "Foto vom Sonnenuntergang") shows no person.
    None
}

/// Premises, screens, whiteboards, screenshots.
fn detect_premises(w: &Words, photo: bool) -> Option<(Topic, String)> {
    if let Some(t) = w.any(
        &["screenshot", "screencap", "bildschirmfoto"],
        &["jira", "confluence", "intranet"],
        &["screen grab"],
    ) {
        return Some((Topic::Screenshots, t));
    }
    let visual = photo || mentions_photo(w).is_some();
    if let Some(t) = w.any(
        &[
            "serverraum",
            "rechenzentrum",
            "zugangskart",
            "badge",
            "zugangskontroll",
            "alarmanlage",
            "schlüssel",
            "mitarbeiterausweis",
            "server-raum",
            "serverschrank",
            "rack",
            "verkabelung",
            "cabling",
        ],
        &[],
        &[
            "server room",
            "data center",
            "data centre",
            "access card",
            "key card",
        ],
    ) {
        if visual
            || w.any(
                &["serverraum", "rechenzentrum"],
                &[],
                &["server room", "data center"],
            )
            .is_some()
        {
            return Some((Topic::ServerRoom, t));
        }
    }
    if !visual {
        return None;
    }
    if let Some(t) = w.any(
        &[
            "whiteboard",
            "bildschirm",
            "monitor",
            "screen",
            "flipchart",
            "kanban",
            "post-it",
            "postit",
            "folie",
            "slide",
            "display",
            "ticket",
            "board",
        ],
        &[],
        &["battle station"],
    ) {
        return Some((Topic::Screens, t));
    }
    if let Some(t) = w.any(
        &[
            "büro",
            "office",
            "schreibtisch",
            "desk",
            "arbeitsplatz",
            "dachterrasse",
            "workspace",
            "kantine",
            "küche",
            "firmengelände",
            "campus",
            "headquarter",
            "zentrale",
            "setup",
        ],
        &["hq"],
        &[],
    ) {
        return Some((Topic::Office, t));
    }
    None
}

/// Gifts, paid posts, advertising, sponsoring.
fn detect_gifts(w: &Words) -> Option<(Topic, String)> {
    if let Some(t) = w.any(
        &[
            "rabattcode",
            "rabatt-code",
            "affiliate",
            "discount",
            "promo",
            "gutscheincode",
        ],
        &["code"],
        &[
            "promo code",
            "my code",
            "meinem code",
            "meinen code",
            "% off",
            "prozent rabatt",
        ],
    ) {
        return Some((Topic::Voucher, t));
    }
    if let Some(t) = w.any(
        &[
            "testbericht",
            "testgerät",
            "test-gerät",
            "leihgerät",
            "testlizenz",
        ],
        &[],
        &[
            "kostenlos testen",
            "kostenlos ausprobieren",
            "kostenlos ausprobiert",
            "kostenlos getestet",
            "gratis testen",
            "for free",
            "free trial",
            "free license",
            "free licence",
            "review unit",
            "test device",
            "zur verfügung gestellt",
            "provided free",
        ],
    ) {
        return Some((Topic::Freebie, t));
    }
    if let Some(t) = w
        .any(
            // "#sp" is the label itself, not the start of "#spring" or "#sport".
            &["#collab", "#partner", "#kooperation"],
            &["#sp"],
            &["thanks to", "danke an"],
        )
        .filter(|t| t.starts_with('#'))
    {
        // A vague label: the rule on labelling advertising applies.
        return Some((Topic::AdLabel, t));
    }
    if let Some(t) = w.any(
        // "#ad" is the label, not the start of "#adoptdontshop" or "#adventure".
        &["#anzeige", "#werbung", "#sponsored", "#paid"],
        &[
            "#ad",
            "#ads",
            "anzeige",
            "werbung",
            "sponsored",
            "gesponsert",
        ],
        &[
            "paid partnership",
            "bezahlte partnerschaft",
            "in kooperation mit",
            "in collaboration with",
            "paid me",
            "paid us",
            "bezahlt mich",
        ],
    ) {
        return Some((Topic::PaidPost, t));
    }
    let thanks = w
        .any(&["danke", "thank", "dank"], &["thx", "merci"], &[])
        .is_some();
    if let Some(t) = w.any(
        &[
            "geschenk",
            "geschenkt",
            "unboxing",
            "präsent",
            "gift",
            "freebie",
            "gutschein",
            "voucher",
        ],
        &["kostenlos", "gratis", "umsonst"],
        &[
            "sent over",
            "sent me",
            "sent us",
            "zugeschickt",
            "geschickt",
            "spendiert",
            "mitgebracht",
            "überreicht",
        ],
    ) {
        if !matches!(
            t.as_str(),
            "geschickt" | "sent over" | "sent me" | "sent us"
        ) || thanks
        {
            return Some((Topic::Gift, t));
        }
    }
    if let Some(t) = w.any(
        &[
            "einladung",
            "eingeladen",
            "invited",
            "invitation",
            "reise",
            "trip",
            "hotel",
            "flüge",
            "flights",
        ],
        &[],
        &[],
    ) {
        if w.any(
            &[
                "hersteller",
                "anbieter",
                "vendor",
                "lieferant",
                "supplier",
                "partner",
                "bezahlt",
                "paid",
                "übernimmt",
                "covered",
                "spendier",
                "included",
                "inklusive",
                "inkl",
            ],
            &[],
            &[],
        )
        .is_some()
        {
            return Some((Topic::Trip, t));
        }
    }
    if let Some(t) = w.prefix(&["sponsor"]) {
        return Some((Topic::Sponsoring, t));
    }
    None
}

/// How people say where they work.
const OWN_EMPLOYER: &str =
    "arbeite bei|arbeite für|arbeite seit|work at|work for|working at|working for|\
     job at|employed at|employed by|employee at|employee of";

fn own_employer() -> Vec<&'static str> {
    OWN_EMPLOYER.split('|').map(str::trim).collect()
}

/// Political words beyond the sample handbook's: offices, campaigns, partisanship
/// (prefixes, and phrases matched whole).
/// Bodies that hold votes and campaigns of their own.
const NON_POLITICAL_BODIES: &[&str] = &[
    "verein",
    "club",
    "tsv",
    "hauptversammlung",
    "mitgliederversammlung",
    "kassenwart",
    "contest",
    "wettbewerb",
    "cook-off",
    "turnier",
    "tournament",
    "dungeons",
    "spieleabend",
    "game",
    "schützen",
    "elternbeirat",
    "klassensprecher",
];

/// Words of elections and campaigns, which clubs and games use too.
const ELECTION_WORDS: &[&str] = &[
    "wahl",
    "wähl",
    "election",
    "vote",
    "voting",
    "voted",
    "campaign",
    "abgestimmt",
    "stimmen",
];

/// Words that name politics itself.
const POLITICAL_WORDS: &[&str] = &[
    "partei",
    "polit",
    "bundestag",
    "landtag",
    "kommunal",
    "senat",
    "congress",
    "kanzler",
    "president",
    "präsident",
    "democrat",
    "republican",
    "partisan",
    "candidate",
    "kandidat",
    "bürgermeister",
    "mayor",
    "governor",
    "abgeordnet",
];

const POLITICS_PREFIXES: &str = "senat partisan nonpartisan ballot reelect re-elect nominee \
     congressm congressw caucus fundrais kommunalwahl bürgermeister stadtrat gemeinderat";
const POLITICS_PHRASES: &str =
    "state assembly|school board|phone bank|yard sign|county commissioner|\
     for governor|for mayor|for congress|for president|run for office|running for|political party|\
     city council|ob-kandidat|wählen gehen";

/// Words that raise a politics finding: stems, whole words and phrases.
const POLITICS_TRIGGER_PREFIXES: &[&str] = &[
    "wahl",
    "wähl",
    "partei",
    "bundestag",
    "landtag",
    "election",
    "politi",
    "kundgebung",
    "protest",
    "petition",
    "wahlkampf",
    "kandidat",
    "campaign",
    "abgeordnet",
    "regierung",
    "government",
    "klimastreik",
    "senator",
    "congress",
    "kanzler",
    "klimagerechtigkeit",
    "marching",
    "demonstr",
];
const POLITICS_TRIGGER_WORDS: &[&str] = &[
    "vote",
    "voting",
    "voted",
    "cdu",
    "csu",
    "spd",
    "fdp",
    "afd",
    "grüne",
    "grünen",
    "linke",
    "bsw",
    "democrats",
    "republicans",
    "labour",
    "tories",
    "gop",
    "maga",
    "demo",
    "demos",
    "march",
    "president",
    "präsident",
];
const POLITICS_TRIGGER_PHRASES: &[&str] =
    &["fridays for future", "climate justice", "climate strike"];

/// Triggers that everyday life uses too: a board game's campaign, a club's vote, a
/// protest against a referee, "government websites".
const AMBIGUOUS_POLITICS: &[&str] = &[
    "campaign",
    "government",
    "regierung",
    "vote",
    "voting",
    "voted",
    "march",
    "demo",
    "protest",
    "petition",
    "president",
    "präsident",
];

/// Political statements; with the company's name, logo, clothing or hashtags, the
/// stricter rule for political statements tied to the company.
fn detect_politics(w: &Words, whole: &Words) -> Option<(Topic, String)> {
    let prefixes: Vec<&str> = POLITICS_PREFIXES.split_whitespace().collect();
    let phrases: Vec<&str> = POLITICS_PHRASES.split('|').map(str::trim).collect();
    let general = || w.prefix(&prefixes).or_else(|| w.phrase(&phrases));
    // A vote or a campaign among a club, a contest or a game is no politics, unless
    // the post names politics too ("Ortsverein … Kommunalwahl").
    let outside_politics = whole.prefix(NON_POLITICAL_BODIES).is_some()
        && general().is_none()
        && whole.prefix(POLITICAL_WORDS).is_none();
    let t = w
        .any(
            POLITICS_TRIGGER_PREFIXES,
            POLITICS_TRIGGER_WORDS,
            POLITICS_TRIGGER_PHRASES,
        )
        .or_else(general)?;
    if outside_politics && ELECTION_WORDS.iter().any(|e| t.starts_with(e)) {
        return None;
    }
    // A word politics shares with everyday life needs a second sign of politics in the
    // draft: a board game's campaign, "government websites" or "I voted" alone are none.
    let ambiguous = |word: &str| AMBIGUOUS_POLITICS.iter().any(|a| word.starts_with(a));
    if ambiguous(&t) {
        let unambiguous = |list: &[&'static str]| -> Vec<&'static str> {
            list.iter().copied().filter(|p| !ambiguous(p)).collect()
        };
        let corroborated = whole.prefix(POLITICAL_WORDS).is_some()
            || whole.prefix(&prefixes).is_some()
            || whole.phrase(&phrases).is_some()
            || whole
                .any(
                    &unambiguous(POLITICS_TRIGGER_PREFIXES),
                    &unambiguous(POLITICS_TRIGGER_WORDS),
                    POLITICS_TRIGGER_PHRASES,
                )
                .is_some();
        if !corroborated {
            return None;
        }
    }
    let company = whole
        .any(
            &[
                "logo",
                "firmen",
                "company",
                "hoodie",
                "shirt",
                "#",
                "büro",
                "office",
                "unternehmen",
                "arbeitgeber",
                "employer",
            ],
            &["wir", "we", "kranich"],
            &["from work", "von der arbeit", "im namen", "on behalf"],
        )
        .is_some()
        || whole.lower.iter().any(|x| x.starts_with('#'));
    // Asking for money for a party or candidate is a rule of its own in many
    // guidelines (the Hatch Act forbids it outright).
    let asks_for_donations = whole
        .any(
            &["donat", "spende", "spendet", "fundrais", "contribut"],
            &["spenden"],
            &["chip in"],
        )
        .is_some();
    let topic = if asks_for_donations {
        Topic::PoliticalDonations
    } else if company {
        Topic::PoliticsCompany
    } else {
        Topic::Politics
    };
    Some((topic, t))
}

/// Confidential or unreleased things.
fn detect_confidential(w: &Words) -> Option<(Topic, String)> {
    if let Some(t) = w.any(
        &["vertraulich", "confidential", "chatverlauf", "nda"],
        &[
            "interne",
            "internen",
            "internal",
            "e-mail",
            "email",
            "mail",
            "slack",
            "teams-chat",
        ],
        &["interne mail", "internal email"],
    ) {
        return Some((Topic::InternalDocs, t));
    }
    if let Some(t) = w.any(
        &[],
        &[],
        &[
            "release notes",
            "release-notes",
            "now available",
            "ab sofort verfügbar",
            "jetzt verfügbar",
            "new in this",
            "neu in diesem",
            "neu im release",
            "just released",
            "released today",
            "heute erschienen",
        ],
    ) {
        return Some((Topic::Released, t));
    }
    w.any(
        &[
            "roadmap",
            "demnächst",
            "unveröffentlicht",
            "unreleased",
            "beta",
            "teaser",
            "sneak",
            "geheim",
            "secret",
            "launch",
            "release-termin",
            "releasetermin",
            "ankündig",
            "prototyp",
            "prototype",
        ],
        &["bald", "soon", "upcoming", "tba", "psst", "pssst"],
        &[
            "coming soon",
            "stay tuned",
            "neues produkt",
            "neue produkt",
            "neues modul",
            "new product",
            "new feature",
            "new module",
            "neues feature",
            "neue funktion",
            "nächste version",
            "next version",
            "next release",
            "nächsten release",
            "kann noch nicht",
            "darf noch nicht",
            "noch nicht verraten",
            "can't say more",
            "cannot say more",
            "big news",
            "große neuigkeiten",
            "what we're building",
            "was wir bauen",
            "next year's plans",
            "pläne für",
        ],
    )
    .map(|t| (Topic::Unreleased, t))
}

/// How a post says that someone is hired.
const HIRING_PHRASES: &[&str] = &[
    "wir suchen",
    "we're looking for",
    "we are looking for",
    "sucht verstärkung",
    "join us",
    "join our team",
    "looking for a",
];

/// Job ads and recruiting.
fn detect_jobs(w: &Words) -> Option<(Topic, String)> {
    let job = w
        .any(
            &[
                "stelle",
                "stellen",
                "job",
                "hiring",
                "bewerb",
                "karriere",
                "recruit",
                "vacanc",
                "werkstudent",
                "verstärkung",
                "position",
                "apply",
                "applicant",
                "candidate",
                "interview",
                "vorstellungsgespräch",
                "nachfolge",
                "empfehlungsprämie",
                "referral",
                "teamleitung",
                "abteilungsleitung",
            ],
            &["opening", "openings", "role"],
            &[HIRING_PHRASES, &["wird frei", "frei wird"]].concat(),
        )
        // A "Wettbewerb" is a contest or the market, its "Wettbewerber" competitors: no
        // one applies for a job there.
        .filter(|job| !job.contains("wettbewerb"))?;
    if w.any(&["prämie", "referral", "empfehlung", "bonus"], &[], &[])
        .is_some()
        && w.any(&["split", "teilen", "share", "halbe", "half"], &[], &[])
            .is_some()
        || w.prefix(&["referral", "empfehlungsprämie", "empfehlungslink"])
            .is_some()
    {
        return Some((Topic::Referral, job));
    }
    if w.any(
        &[
            "bewerber",
            "bewerbende",
            "vorstellungsgespräch",
            "bewerbungsgespräch",
            "applicant",
            "interview",
            "lebenslauf",
        ],
        &["candidates", "cv"],
        &[],
    )
    .is_some()
    {
        return Some((Topic::Candidates, job));
    }
    if w.any(
        &[
            "nachfolge",
            "nachfolger",
            "demnächst",
            "verlässt",
            "leaving",
            "soon",
        ],
        &["bald"],
        &[
            "not yet",
            "noch nicht",
            "wird frei",
            "frei wird",
            "unter uns",
        ],
    )
    .is_some()
    {
        return Some((Topic::JobUnpublished, job));
    }
    if w.any(
        &[
            "gehalt",
            "salary",
            "homeoffice",
            "home-office",
            "remote",
            "dienstwagen",
            "firmenwagen",
            "bonus",
            "jung",
            "young",
            "€",
        ],
        &[],
        &["digital native", "company car"],
    )
    .is_some()
        || w.lower
            .iter()
            .any(|x| has_digit(x) && (x.ends_with('k') || x.contains('€')))
    {
        return Some((Topic::JobOwnText, job));
    }
    // "Mein erster Arbeitstag als Werkstudentin" is no job ad: sharing one needs a
    // search ("wir suchen", "hiring", a link to a posting).
    let ad = w
        .any(
            &[
                "hiring",
                "stellenanzeige",
                "bewirb",
                "apply",
                "karriere",
                "career",
                "vacanc",
            ],
            &["jobs", "opening", "openings", "http", "https"],
            HIRING_PHRASES,
        )
        .is_some()
        || w.text.contains("karriere.")
        || w.text.contains("/jobs");
    ad.then_some((Topic::JobShare, job))
}

/// Crises, outages, accidents, criticism.
fn detect_crisis(w: &Words) -> Option<(Topic, String)> {
    if let Some(t) = w.any(
        &[
            "unfall",
            "accident",
            "verletz",
            "injur",
            "feuer",
            "notfall",
            "emergency",
            "feuerwehr",
            "krankenwagen",
            "rettungswagen",
            "ambulance",
            "notarzt",
            "sanitäter",
            "paramedic",
            "gestürzt",
            "umgekippt",
            "verunglück",
        ],
        &["brand", "fire", "fell", "rtw"],
        &["fell down"],
    ) {
        return Some((Topic::Accident, t));
    }
    if let Some(t) = w.any(
        &[
            "datenleck",
            "leak",
            "breach",
            "gehackt",
            "hacked",
            "hacker",
            "sicherheitslück",
            "sicherheitsvorfall",
            "vulnerab",
            "ransomware",
            "kundendaten",
            "datenbank",
        ],
        &[],
        &[
            "security incident",
            "customer data",
            "customer database",
            "paste site",
            "darknet",
            "dark web",
        ],
    ) {
        return Some((Topic::Security, t));
    }
    if let Some(t) = w.any(
        &[
            "ausfall",
            "ausgefallen",
            "störung",
            "outage",
            "incident",
            "offline",
            "downtime",
            "panne",
            "fehlerhaft",
            "abgestürzt",
            "absturz",
        ],
        &["down", "kaputt", "lahm", "bug", "crash", "crashed"],
        &[
            "geht nicht",
            "nicht erreichbar",
            "läuft nicht",
            "funktioniert nicht",
            "not working",
        ],
    ) {
        return Some((Topic::Outage, t));
    }
    if let Some(t) = w.prefix(&["shitstorm"]) {
        return Some((Topic::Shitstorm, t));
    }
    if let Some(t) = w.any(
        &[
            "kritik",
            "kritisier",
            "criticism",
            "criticiz",
            "critici",
            "hater",
            "beschwerde",
            "complain",
            "backlash",
            "herzieh",
            "lästern",
            "hetz",
            "troll",
            "meckern",
        ],
        &[],
        &[
            "bad review",
            "schlechte bewertung",
            "negative kommentare",
            "negative comments",
        ],
    ) {
        return Some((Topic::Criticism, t));
    }
    // Criticism of the company itself.
    let boss = w.any(
        &[
            "management",
            "geschäftsführung",
            "leadership",
            "vorstand",
            "führung",
            "policy",
            "richtlinie",
        ],
        &[
            "chef",
            "boss",
            "firma",
            "company",
            "arbeitgeber",
            "employer",
        ],
        &[],
    );
    let negative = w.any(
        &[
            "mistake",
            "fehler",
            "schlecht",
            "terrible",
            "falsch",
            "enttäusch",
            "disappoint",
            "unfair",
            "frustrat",
            "ärger",
            "lächerlich",
            "ridiculous",
        ],
        &["bad", "wrong", "awful"],
        &["unpopular opinion"],
    );
    match (boss, negative) {
        (Some(t), Some(_)) => Some((Topic::CriticizeCompany, t)),
        _ => None,
    }
}

/// Logo, brand, official accounts.
fn detect_logo(w: &Words) -> Option<(Topic, String)> {
    if let Some(t) = w.any(
        &["profilbild", "profilfoto", "avatar"],
        &[],
        &["profile picture", "profile pic", "profile photo"],
    ) {
        return Some((Topic::ProfilePicture, t));
    }
    if let Some(t) = w.any(&["logo", "signet", "firmenlogo", "markenzeichen"], &[], &[]) {
        if w.any(
            &[
                "meme",
                "verändert",
                "umgestaltet",
                "bearbeitet",
                "modified",
                "edited",
                "remix",
                "parod",
            ],
            &[],
            &["wearing", "mit sonnenbrille"],
        )
        .is_some()
        {
            return Some((Topic::LogoMeme, t));
        }
        return Some((Topic::Logo, t));
    }
    if let Some(t) = w.any(
        &["hoodie", "firmenkleidung", "merch", "firmenshirt"],
        &[],
        &["company shirt", "company t-shirt", "company hoodie"],
    ) {
        return Some((Topic::Merchandise, t));
    }
    // A mug or a sticker is merchandise when it is the organisation's: an "I Voted"
    // sticker or the morning's coffee mug is none.
    let branded = || {
        w.any(
            &["unser", "logo", "marke", "firmen", "company", "brand"],
            &["our", "we"],
            &[],
        )
        .is_some()
    };
    if let Some(t) = w.any(&["tasse", "sticker"], &[], &[]).filter(|_| branded()) {
        return Some((Topic::Merchandise, t));
    }
    let channel = w.lower.iter().find(|x| {
        ["kanal", "account", "channel", "konto", "handle"]
            .iter()
            .any(|p| x.ends_with(p) || x.contains(&format!("{p}-")))
    });
    let new = w.any(
        &[
            "neu",
            "gestartet",
            "starte",
            "eröffnet",
            "gegründet",
            "launch",
        ],
        &["new", "started", "starting", "opened"],
        &["ab heute", "from today"],
    );
    let handle = w.lower.iter().find(|x| x.starts_with('@') && x.len() > 2);
    let follow = w.any(
        &["folgt", "folgen", "follow"],
        &["abonniert", "subscribe"],
        &[],
    );
    if let (Some(c), Some(_)) = (channel, &new) {
        return Some((Topic::OwnAccount, c.clone()));
    }
    // Asking people to follow an account is what an account's own rules speak of.
    if let (Some(h), Some(_)) = (handle, &follow) {
        return Some((Topic::OwnAccount, h.clone()));
    }
    w.any(
        &[],
        &[],
        &[
            "offizieller account",
            "offizielle account",
            "offiziellen account",
            "official account",
            "offizieller kanal",
            "official channel",
            "team-account",
            "team account",
        ],
    )
    .map(|t| (Topic::OwnAccount, t))
}

/// A public reply: the sentence opens with someone's handle ("@angrydev42 …"). Rules
/// on answering comments, criticism and questions speak to it.
fn detect_reply(w: &Words) -> Option<(Topic, String)> {
    w.original
        .first()
        .filter(|x| x.starts_with('@') && x.chars().count() > 2)
        .map(|x| (Topic::Criticism, x.clone()))
}

/// Colleagues' personal matters.
fn detect_colleagues(w: &Words) -> Option<(Topic, String)> {
    w.any(
        &[
            "krankgeschrieben",
            "krankmeld",
            "gekündigt",
            "kündigung",
            "kündigt",
            "entlassen",
            "fired",
            "resign",
            "sick",
            "burnout",
            "abmahnung",
            "streit",
            "konflikt",
            "conflict",
            "verlässt",
        ],
        &["krank", "quit", "quits"],
        &["laid off"],
    )
    .map(|t| (Topic::ColleagueMatters, t))
}

/// Speaking for the company, or privately about the industry.
fn detect_employer(w: &Words) -> Option<(Topic, String)> {
    if let Some(t) = w.any(
        &[],
        &[],
        &[
            "im namen",
            "on behalf",
            "for the company",
            "speaking for",
            "für das unternehmen",
            "für die firma",
            "wir als unternehmen",
            "as a company",
            "offizielle stellungnahme",
            "official statement",
            "we promise",
            "wir versprechen",
            "wir garantieren",
            "we guarantee",
            "versprechen wir",
            "garantieren wir",
        ],
    ) {
        return Some((Topic::OnBehalf, t));
    }
    w.any(
        &[],
        &[],
        &[
            "views are my own",
            "views my own",
            "opinions are my own",
            "my own views",
            "my own opinion",
            "personal opinion",
            "private meinung",
            "persönliche meinung",
            "spreche ich privat",
            "ich spreche privat",
            "meine meinung",
            "my opinion",
        ],
    )
    .map(|t| (Topic::PrivateOpinion, t))
}

/// Press, podcasts, talks.
fn detect_media(w: &Words) -> Option<(Topic, String)> {
    if let Some(t) = w.any(
        &[
            "journalist",
            "reporter",
            "redakteur",
            "presse",
            "zeitung",
            "magazin",
            "handelsblatt",
        ],
        &["press", "newspaper"],
        &[],
    ) {
        return Some((Topic::Journalist, t));
    }
    let me = w
        .any(
            &[],
            &[
                "ich", "i", "i'm", "i'll", "mein", "meinen", "meine", "my", "me", "mir", "mich",
            ],
            &["i am", "i will"],
        )
        .is_some();
    if !me {
        return None;
    }
    if let Some(t) = w.any(
        &["podcast", "livestream", "twitch"],
        &[],
        &["youtube show", "zu gast", "as a guest", "a guest on"],
    ) {
        return Some((Topic::Podcast, t));
    }
    w.any(
        &[
            "vortrag",
            "talk",
            "keynote",
            "meetup",
            "konferenz",
            "conference",
            "panel",
            "workshop",
        ],
        &["speaking", "spreche"],
        &[],
    )
    .filter(|_| {
        w.any(
            &[
                "halte",
                "halten",
                "giving",
                "give",
                "speak",
                "spreche",
                "präsentiere",
                "present",
            ],
            &["my", "mein", "meinen", "meinem"],
            &[],
        )
        .is_some()
    })
    .map(|t| (Topic::Talk, t))
}

/// All detector hits of a draft, in draft order, one per topic.
fn detect(sentences: &[&str], photo: bool, common: &dyn Fn(&str) -> bool) -> Vec<Hit> {
    let mut hits = Vec::new();
    let whole = Words::new(&sentences.join(" "));
    // The photo (flag or photo words anywhere) makes every sentence a caption.
    let visual = photo || mentions_photo(&whole).is_some();
    for (i, sentence) in sentences.iter().enumerate() {
        let w = Words::new(sentence);
        let mut push = |kind: Kind, found: Option<(Topic, String)>| {
            if let Some((topic, trigger)) = found.filter(|(_, t)| !in_other_sense(&w, t)) {
                hits.push(Hit {
                    kind,
                    topic,
                    trigger,
                    sentence: i,
                });
            }
        };
        // Money in a gift or voucher is the gift's value, not a business figure.
        let gift = detect_gifts(&w);
        let figures = detect_figures(&w).filter(|(topic, trigger)| {
            gift.is_none() || *topic != Topic::Figures || !has_digit(trigger)
        });
        push(Kind::Figures, figures);
        // A capitalised name beside campaign words is a candidate, and where the author
        // works is the employer: neither is a customer.
        let names = detect_names(&w, common).filter(|(topic, _)| {
            *topic != Topic::Customer
                || (detect_politics(&w, &w).is_none() && w.phrase(&own_employer()).is_none())
        });
        push(Kind::Names, names);
        push(Kind::PeopleInPhotos, detect_people(&w, visual));
        push(Kind::Premises, detect_premises(&w, visual));
        push(Kind::Gifts, gift);
        push(Kind::Politics, detect_politics(&w, &whole));
        push(Kind::Confidential, detect_confidential(&w));
        push(Kind::JobAds, detect_jobs(&w));
        push(Kind::Crisis, detect_crisis(&w).or_else(|| detect_reply(&w)));
        push(Kind::Logo, detect_logo(&w));
        push(Kind::Colleagues, detect_colleagues(&w));
        push(Kind::Media, detect_media(&w));
        push(Kind::Employer, detect_employer(&w));
    }
    // With a photo, people may be in it even when the text doesn't say so.
    if photo && !hits.iter().any(|h| h.kind == Kind::PeopleInPhotos) {
        hits.push(Hit {
            kind: Kind::PeopleInPhotos,
            topic: Topic::PhotoGeneric,
            trigger: PHOTO_FLAG.into(),
            sentence: 0,
        });
    }
    // The generic photo question adds nothing next to a specific one.
    let specific_photo = hits
        .iter()
        .any(|h| h.kind == Kind::PeopleInPhotos && h.topic != Topic::PhotoGeneric);
    if specific_photo {
        hits.retain(|h| h.topic != Topic::PhotoGeneric);
    }
    // One finding per topic: the first sentence that triggered it.
    let mut seen = HashSet::new();
    hits.retain(|h| seen.insert(h.topic));
    hits
}

/// The trigger of the finding a photo raises by itself.
const PHOTO_FLAG: &str = "photo";

/// The passages of a focused answer that really answer it: the best one, and a second
/// one when it scores nearly as well.
fn applying(passages: &[Passage]) -> Vec<Passage> {
    let Some(best) = passages.first().map(|p| p.score) else {
        return Vec::new();
    };
    passages
        .iter()
        .enumerate()
        .filter(|(i, p)| *i == 0 || p.score >= best * 0.9)
        .map(|(_, p)| p.clone())
        .take(2)
        .collect()
}

/// A passage found by the question in the draft's other language must score at least
/// this much to be cited.
const OTHER_LANGUAGE_MIN_SCORE: f32 = 0.65;

fn same_passage(a: &Passage, b: &Passage) -> bool {
    a.file == b.file && a.anchor == b.anchor && a.section_line_start == b.section_line_start
}

/// Asks the focused question for a hit in both languages (handbooks often keep a topic
/// in one language only) and keeps the passages that really answer it: the best ones
/// in the draft's language, and the other language's when they match confidently.
fn focused_passages(
    engine: &Engine,
    topic: Topic,
    lang: Lang,
    excerpt: &str,
) -> Result<Vec<Passage>> {
    // The focused question names the topic in the guidelines' words; the draft's own
    // sentence adds what is specific to it (the election, the customer, the feature).
    let first = engine.ask(topic.question(lang))?;
    let mut passages = if first.abstained {
        Vec::new()
    } else {
        applying(&first.passages)
    };
    let specific = engine.find_rules(&format!("{} {excerpt}", topic.question(lang)))?;
    if let Some(p) = specific.passages.first().filter(|_| !specific.abstained) {
        if !passages.iter().any(|q| same_passage(p, q)) {
            passages.push(p.clone());
        }
    }
    let second = engine.ask(topic.question(lang.other()))?;
    if !second.abstained {
        let unclear = passages.iter().all(|p| p.verdict.is_none());
        for p in applying(&second.passages) {
            // The same rule found again: the other wording may make its verdict clear.
            if let Some(q) = passages.iter_mut().find(|q| same_passage(&p, q)) {
                if q.verdict.is_none() && p.verdict.is_some() {
                    *q = p;
                }
                continue;
            }
            let confident = p.score >= OTHER_LANGUAGE_MIN_SCORE;
            // Beside rules in the draft's own language, a rule from the other language
            // may warn but never clear: a wrong "allowed" is the worst answer.
            let permissive = matches!(p.verdict, Some(Verdict::Allowed | Verdict::Conditional));
            let only_warns = passages.is_empty() || !permissive;
            if (confident || passages.is_empty()) && (p.verdict.is_some() || unclear) && only_warns
            {
                passages.push(p);
            }
        }
    }
    Ok(passages)
}

/// Phrasings of each kind's topic in the words any organisation's rules tend to use
/// (English and German), asked together with the draft's own sentence: the focused
/// questions speak the sample handbook's language, these find rules worded otherwise.
/// Each string is one phrasing, words separated by whitespace.
fn vocabulary(kind: Kind) -> &'static [&'static str] {
    match kind {
        Kind::Figures => &[
            "figures revenue financial results numbers confidential",
            "Zahlen Umsatz Geschäftszahlen vertraulich",
        ],
        Kind::Names => &[
            "customer client partner name confidential permission",
            "Kunde Partner Namen nennen Zustimmung",
        ],
        Kind::PeopleInPhotos => &[
            "photo picture people consent identifiable permission",
            "images video persons privacy personal data",
            "Foto Bild Personen Einwilligung erkennbar Persönlichkeitsrechte",
        ],
        Kind::Premises => &[
            "photo office screen workplace internal information",
            "Foto Büro Bildschirm Arbeitsplatz intern",
        ],
        Kind::Gifts => &[
            "promote commercial company vendor sponsor endorsement product",
            "gift sponsorship advertising paid disclosure",
            "Werbung Sponsoring Geschenk Kooperation Produkt kennzeichnen",
        ],
        Kind::Politics => &[
            "partisan political activity candidate campaign election party",
            "political contribution donation fundraising solicit vote",
            "Wahl Partei Kandidat Wahlkampf politisch Neutralität",
        ],
        Kind::Confidential => &[
            "confidential internal unreleased not public embargo information",
            "vertraulich intern unveröffentlicht Verschwiegenheit Informationen",
        ],
        Kind::JobAds => &[
            "job posting recruiting hiring vacancy",
            "Stellenanzeige Bewerbung Recruiting Stelle",
        ],
        Kind::Crisis => &[
            "respond reply negative troll criticism polite comments",
            "crisis incident accident emergency statement",
            "Kritik Krise antworten Kommentare Unfall sachlich",
        ],
        Kind::Logo => &[
            "logo brand official account trademark",
            "Logo Marke offizieller Account Kanal",
        ],
        Kind::Colleagues => &[
            "colleagues personal information privacy coworkers",
            "Kollegen persönliche Daten Privatsphäre",
        ],
        Kind::Media => &[
            "press media journalist interview speaking event",
            "Presse Medien Journalist Interview Vortrag",
        ],
        Kind::Employer => &[
            "speak on behalf official capacity personal views own opinion",
            "im Namen sprechen dienstlich privat persönliche Meinung",
        ],
    }
}

/// True when a passage speaks of its kind: its heading or text holds a word of the
/// kind's vocabulary (compared by the word's first letters, so "partisan" and
/// "Partei" find their inflections).
fn speaks_of(passage: &Passage, kind: Kind) -> bool {
    let text = format!("{} {}", passage.heading_path.join(" "), passage.text).to_lowercase();
    vocabulary(kind)
        .iter()
        .flat_map(|phrasing| phrasing.split_whitespace())
        .map(|word| word.to_lowercase())
        .filter(|word| word.chars().count() >= 4)
        .any(|word| {
            let head: String = word.chars().take(6).collect();
            text.contains(&head)
        })
}

/// How many passages of each vocabulary phrasing are cited.
const VOCABULARY_PASSAGES: usize = 3;

/// The rules the draft's own sentence finds with the kind's general vocabulary: the
/// top passages of each phrasing that was answered (not abstained) and speak of the
/// kind. Only the best matches ([`applying`]) lend the finding their verdict, and a
/// match this loose may warn but never clears: "allowed" is dropped. The others are
/// cited without a verdict.
fn vocabulary_passages(engine: &Engine, kind: Kind, excerpt: &str) -> Result<Vec<Passage>> {
    let mut out: Vec<Passage> = Vec::new();
    for phrasing in vocabulary(kind) {
        let answer = engine.find_rules(&format!("{excerpt} {phrasing}"))?;
        if answer.abstained {
            continue;
        }
        let best = applying(&answer.passages);
        let rest = answer
            .passages
            .iter()
            .take(VOCABULARY_PASSAGES)
            .skip(best.len());
        let rest = rest.cloned().map(|mut p| {
            p.verdict = None;
            p.verdict_sentence = None;
            p
        });
        for mut p in best.into_iter().chain(rest) {
            if !speaks_of(&p, kind) || out.iter().any(|q| same_passage(&p, q)) {
                continue;
            }
            if p.verdict == Some(Verdict::Allowed) {
                p.verdict = None;
            }
            out.push(p);
        }
    }
    Ok(out)
}

/// Adds passages not yet cited.
fn merge(passages: &mut Vec<Passage>, more: Vec<Passage>) {
    for p in more {
        if !passages.iter().any(|q| same_passage(&p, q)) {
            passages.push(p);
        }
    }
}

/// The strictest clear verdict among a finding's passages. A permissive one counts only
/// when the best-matching rule is clear too: beside an unclear best match it is a weak
/// match that must not clear the draft.
fn finding_verdict(passages: &[Passage]) -> Option<Verdict> {
    let best_is_clear = passages.first().is_some_and(|p| p.verdict.is_some());
    strictest(passages.iter().filter_map(|p| p.verdict), best_is_clear)
}

/// The strictest of `verdicts`; a permissive one ("allowed", "allowed if") only when
/// `may_permit`.
fn strictest(verdicts: impl Iterator<Item = Verdict>, may_permit: bool) -> Option<Verdict> {
    let strictest = verdicts.max_by_key(|v| v.strictness())?;
    let permissive = matches!(strictest, Verdict::Allowed | Verdict::Conditional);
    (!permissive || may_permit).then_some(strictest)
}

/// The strictest clear verdict among the findings. A permissive one ("allowed",
/// "allowed if") clears the draft only when every finding is clear: a rule that applies
/// without a clear verdict leaves the draft undecided, never cleared.
fn overall_verdict(findings: &[Finding]) -> Option<Verdict> {
    let all_clear = findings
        .iter()
        .all(|f| f.verdict.is_some() || f.only_a_photo);
    strictest(findings.iter().filter_map(|f| f.verdict), all_clear)
}

/// Reviews a draft post against the guidelines.
pub fn review(engine: &Engine, draft: &str, photo: bool) -> Result<Review> {
    let draft_trimmed = draft.trim();
    if draft_trimmed.chars().all(|c| !c.is_alphanumeric()) && !photo {
        return Err(Error::BadQuestion(
            "the draft is empty: paste the text of your post, e.g. guidebot review \"Schöner Tag beim Sommerfest!\"".into(),
        ));
    }
    // Cut very long drafts: nobody posts more, and it bounds the work.
    let limited: String = draft_trimmed.chars().take(5000).collect();
    let draft_lang =
        lang::detect(&limited).unwrap_or_else(|| engine.with_snapshot(|s, _| s.main_lang));
    let sentences: Vec<&str> = limited.lines().flat_map(passage::split_sentences).collect();
    // A capitalised word the guidelines use in many sections, or one naming a document,
    // is the company's own name or an ordinary noun, not a customer's or partner's name.
    let hits = engine.with_snapshot(|snapshot, _| {
        // The organisation whose rules these are, named in a document's title
        // ("Stadtwerke Talbrück", "GSA"), is where the author works: no customer.
        let names_a_document = |word: &str| {
            snapshot
                .document_titles
                .values()
                .any(|title| title.has_word(&snapshot.analyzer, word))
        };
        let common = |word: &str| {
            let lower = word.to_lowercase();
            names_a_document(word)
                || [Lang::De, Lang::En].into_iter().any(|l| {
                    let stem = snapshot.analyzer.stem(&lower, l);
                    snapshot.doc_freq.get(&stem).copied().unwrap_or(0) >= 3
                })
        };
        let mut hits = detect(&sentences, photo, &common);
        if about_private_life(&limited, names_a_document) {
            hits.retain(|hit| !FIGURATIVE_IN_PRIVATE_POSTS.contains(&hit.kind));
        }
        hits.retain(|hit| {
            let named = hit
                .trigger
                .split_whitespace()
                .next_back()
                .unwrap_or_default();
            !(hit.topic == Topic::Customer && names_a_document(named))
        });
        hits
    });
    let mut findings: Vec<Finding> = Vec::new();
    for hit in hits {
        let excerpt = sentences.get(hit.sentence).copied().unwrap_or_default();
        let mut passages = focused_passages(engine, hit.topic, draft_lang, excerpt)?;
        if passages.is_empty()
            && hit.kind == Kind::PeopleInPhotos
            && hit.topic != Topic::PhotoGeneric
        {
            // No rule for this kind of photo: the general rule on people in photos.
            passages = focused_passages(engine, Topic::PhotoGeneric, draft_lang, excerpt)?;
        }
        merge(
            &mut passages,
            vocabulary_passages(engine, hit.kind, excerpt)?,
        );
        if passages.is_empty() {
            continue;
        }
        // A photo alone doesn't say who is in it, whether the post flags it or its text
        // says "📸": the photo rules are cited, not applied.
        let photo_alone = hit.topic == Topic::PhotoGeneric;
        let verdict = if photo_alone {
            None
        } else {
            finding_verdict(&passages)
        };
        let excerpt = sentences
            .get(hit.sentence)
            .map(|s| s.to_string())
            .unwrap_or_default();
        findings.push(Finding {
            excerpt,
            kind: hit.kind,
            trigger: hit.trigger,
            verdict,
            passages,
            only_a_photo: photo_alone,
        });
    }
    let verdict = overall_verdict(&findings);
    let mut passages: Vec<Passage> = Vec::new();
    let mut ordered: Vec<&Finding> = findings.iter().collect();
    ordered.sort_by_key(|f| std::cmp::Reverse(f.verdict.map_or(0, |v| v.strictness() + 1)));
    for finding in ordered {
        for p in &finding.passages {
            if !passages.iter().any(|q| same_passage(p, q)) {
                passages.push(p.clone());
            }
        }
    }
    Ok(Review {
        question: draft_trimmed.to_string(),
        abstained: findings.is_empty(),
        verdict,
        passages,
        lang: draft_lang,
        contact: engine.config().contact.clone(),
        findings,
        checked: ALL_KINDS.to_vec(),
    })
}

/// The review as a person reads it in a terminal.
pub fn render_text(review: &Review, config: &Config) -> String {
    let lang = review.lang;
    let mut out = String::new();
    if review.findings.is_empty() {
        let checked: Vec<&str> = review.checked.iter().map(|k| k.label(lang)).collect();
        out.push_str(&match lang {
            Lang::De => format!(
                "✅ Keine Auffälligkeiten: Ihr Entwurf berührt keine der geprüften Regeln.\nGeprüft: {}.\nIm Zweifel: {}\n",
                checked.join(", "),
                review.contact
            ),
            Lang::En => format!(
                "✅ All clear: your draft touches none of the rules checked.\nChecked: {}.\nIf in doubt: {}\n",
                checked.join(", "),
                review.contact
            ),
        });
        return out;
    }
    match review.verdict {
        Some(v) => out.push_str(&format!("{} {}\n\n", v.emoji(), v.label(lang))),
        None => out.push_str(match lang {
            Lang::De => "ℹ️ Kein eindeutiges Urteil – diese Regeln betreffen Ihren Entwurf:\n\n",
            Lang::En => "ℹ️ No clear verdict – these rules apply to your draft:\n\n",
        }),
    }
    for finding in &review.findings {
        let verdict = finding.verdict.map_or_else(
            || match lang {
                Lang::De => "ℹ️ kein eindeutiges Urteil".to_string(),
                Lang::En => "ℹ️ no clear verdict".to_string(),
            },
            |v| format!("{} {}", v.emoji(), v.label(lang)),
        );
        out.push_str(&format!(
            "• „{}“ ({}) → {}\n",
            finding.excerpt,
            finding.kind.label(lang),
            verdict
        ));
        for p in &finding.passages {
            out.push_str(&format!("    → {} ({})\n", p.breadcrumb(), p.citation()));
            if let Some(sentence) = p.verdict_sentence.as_deref().or(Some(p.text.as_str())) {
                let first: String = sentence
                    .lines()
                    .next()
                    .unwrap_or("")
                    .chars()
                    .take(200)
                    .collect();
                out.push_str(&format!("      > {first}\n"));
            }
            if let Some(url) = config.citation_url(&p.file, p.line_start, p.line_end) {
                out.push_str(&format!("      {url}\n"));
            }
        }
    }
    let others: Vec<&str> = review
        .unremarkable_kinds()
        .into_iter()
        .map(|k| k.label(lang))
        .collect();
    if !others.is_empty() {
        out.push_str(&match lang {
            Lang::De => format!("\nAußerdem geprüft, unauffällig: {}.\n", others.join(", ")),
            Lang::En => format!("\nAlso checked, nothing found: {}.\n", others.join(", ")),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(dir: &std::path::Path) -> Engine {
        engine_with(
            dir,
            "de/richtlinie.md",
            "---\ntitle: Richtlinie\nlang: de\n---\n\n# Richtlinie\n\n\
             ## Zahlen und Umsatz\n\n\
             - ❌ **Nicht erlaubt:** Umsatzzahlen und andere Geschäftszahlen veröffentlichen.\n\n\
             ## Fotos von Kollegen\n\n\
             - 🔶 **Erlaubt, wenn:** Sie Fotos von Kolleginnen und Kollegen posten, die vorher zugestimmt haben.\n\n\
             ## Politik\n\n\
             - ✅ **Erlaubt:** Sich privat politisch äußern, etwa zu einer Wahl.\n",
        )
    }

    /// An engine on a guidelines folder in `dir` holding the one document `file`.
    fn engine_with(dir: &std::path::Path, file: &str, markdown: &str) -> Engine {
        let path = dir.join("guidelines").join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, markdown).unwrap();
        let config = Config {
            guidelines: dir.join("guidelines"),
            index: dir.join("index"),
            ..Config::default()
        };
        Engine::open(config).unwrap()
    }

    fn topics(draft: &str, photo: bool) -> Vec<Topic> {
        let sentences = passage::split_sentences(draft);
        detect(&sentences, photo, &|w| w == "Kranich")
            .into_iter()
            .map(|h| h.topic)
            .collect()
    }

    #[test]
    fn detectors_explain_what_they_saw() {
        assert_eq!(
            topics("Unser Umsatz ist um 20 % gestiegen!", false),
            vec![Topic::Figures]
        );
        assert!(
            topics("Spent the week at Hafenlogistik Bremerhaven.", false)
                .contains(&Topic::Customer)
        );
        assert!(topics("Die Kinder hatten Spaß!", true).contains(&Topic::PhotoChildren));
        assert!(topics("Geht wählen! #TeamKranich", false).contains(&Topic::PoliticsCompany));
        assert!(topics("Psst… bald kommt unser neues Modul.", false).contains(&Topic::Unreleased));
        assert!(topics(
            "We're hiring! Apply via my referral link and we split the bonus.",
            false
        )
        .contains(&Topic::Referral));
        // A name beside campaign words is a candidate; where one works, the employer.
        let candidate = topics("Vote for Ramirez for Senate!", false);
        assert!(candidate.contains(&Topic::Politics) && !candidate.contains(&Topic::Customer));
        assert!(!topics("Ich arbeite bei den Stadtwerken.", false).contains(&Topic::Customer));
        assert!(topics("Wir verladen die Fracht von FruitCo.", false).contains(&Topic::Customer));
        // Harmless drafts trigger nothing.
        for harmless in [
            "Schöner Tag beim Sommerfest!",
            "Heute 10 km beim Alsterlauf geschafft – neue Bestzeit!",
            "Three years at Kranich today. Grateful for everything.",
            "Our open-source library just passed 1000 commits 🎉",
            "Signed up for the 5K on Saturday, start at 2pm!",
        ] {
            assert_eq!(topics(harmless, false), vec![], "{harmless}");
        }
        // A photo always raises the question of who is in it.
        assert_eq!(topics("Urlaub!", true), vec![Topic::PhotoGeneric]);
    }

    #[test]
    fn words_that_only_start_like_a_trigger_trigger_nothing() {
        assert!(topics("Adopted this weekend #adoptdontshop #spring", false).is_empty());
        assert!(topics("Come find me and I'll help you pick a first issue!", false).is_empty());
        assert!(!topics("Loving this new blender #ad", false).is_empty());
        assert!(!topics("Look at this pic from the office party", false).is_empty());
    }

    #[test]
    fn we_in_a_photo_post_is_no_colleague() {
        assert_eq!(
            topics("We adopted a rescue pup! Pic attached.", true),
            vec![Topic::PhotoGeneric]
        );
        assert!(topics("Das ganze Team beim Grillen 📸", true).contains(&Topic::PhotoColleagues));
    }

    #[test]
    fn triggers_in_other_senses_trigger_nothing() {
        assert!(topics("Die Qual der Wahl: Pistazie oder Stracciatella?", false).is_empty());
        assert!(topics("Endlich Urlaub! Bis bald!", false).is_empty());
        assert!(topics("French press coffee on the porch.", false).is_empty());
        assert!(topics(
            "Kleiner Erfahrungsbericht als Kundin: super Service.",
            false
        )
        .is_empty());
        assert!(!topics("Geht wählen, es ist Wahl!", false).is_empty());
    }

    #[test]
    fn clubs_and_contests_vote_without_politics() {
        assert!(topics(
            "Wahl beim Schützenverein: 31 von 38 Stimmen für mich!",
            false
        )
        .is_empty());
        assert!(topics("Erster Platz beim Kuchenwettbewerb!", false).is_empty());
        assert!(topics(
            "Jahreshauptversammlung beim TSV: jetzt Kassenwart. Wahlkampf gab's keinen.",
            false
        )
        .is_empty());
        assert_eq!(
            topics(
                "Mit meinem Ortsverein einen Stand zur Kommunalwahl aufgebaut.",
                false
            ),
            vec![Topic::Politics]
        );
        assert_eq!(
            topics("Unsere Wettbewerber sind viel langsamer.", false),
            vec![Topic::Competitor]
        );
    }

    #[test]
    fn everyday_senses_of_political_words_need_a_second_sign_of_politics() {
        assert!(topics("Finished our board game campaign after 14 sessions.", false).is_empty());
        assert!(topics("Voted early this morning, then coffee.", false).is_empty());
        assert!(topics("Try our tool if you build government websites.", false).is_empty());
        assert_eq!(
            topics("Voted early: the Democrats need every vote.", false),
            vec![Topic::Politics]
        );
        assert_eq!(
            topics(
                "Volunteering for the campaign of our mayoral candidate.",
                false
            ),
            vec![Topic::Politics]
        );
    }

    #[test]
    fn a_comparison_is_with_competitors_when_the_organisation_speaks() {
        assert!(topics(
            "Just ran my first 10K! Strava says that's faster than 63% of women my age.",
            false
        )
        .is_empty());
        assert_eq!(
            topics("Unser Tool ist doppelt so schnell wie die anderen.", false),
            vec![Topic::Competitor]
        );
        assert_eq!(
            topics("Kranich is so much better than that bloated suite.", false),
            vec![Topic::Competitor]
        );
    }

    #[test]
    fn asking_for_money_for_a_candidate_is_a_rule_of_its_own() {
        assert_eq!(
            topics("Lopez for governor! Chip in $10 before Friday.", false),
            vec![Topic::PoliticalDonations]
        );
        assert_eq!(
            topics(
                "Unterstützt unsere Kandidatin zur Kommunalwahl und spendet!",
                false
            ),
            vec![Topic::PoliticalDonations]
        );
        assert_eq!(
            topics("Lopez for governor! See you at the rally.", false),
            vec![Topic::Politics]
        );
    }

    #[test]
    fn a_mug_or_sticker_is_merchandise_when_it_is_the_organisations() {
        assert!(topics("Proudly wore my 'I Voted' sticker to school.", false).is_empty());
        assert!(topics("Erst mal eine Tasse Kaffee.", false).is_empty());
        assert_eq!(
            topics("Unsere neuen Sticker mit dem Logo sind da!", false),
            vec![Topic::Logo]
        );
        assert_eq!(
            topics("Our new stickers are here, grab one at the booth!", false),
            vec![Topic::Merchandise]
        );
    }

    #[test]
    fn a_compound_is_what_its_last_word_names() {
        assert!(topics("Bei der Abschlusspräsentation hatte ich Gänsehaut.", false).is_empty());
        assert!(!topics("Danke für das tolle Werbepräsent vom Lieferanten!", false).is_empty());
        assert!(!topics("Der Stromausfall gestern war heftig.", false).is_empty());
    }

    #[test]
    fn a_sum_of_money_is_a_business_figure_when_a_group_or_a_deal_speaks_of_it() {
        assert!(topics("New part for my bike: a $40 derailleur hanger.", false).is_empty());
        assert!(topics("Hochbett gebaut, Materialkosten 238 €.", false).is_empty());
        assert_eq!(
            topics("Wir haben 40 € pro Lizenz bezahlt.", false),
            vec![Topic::Figures]
        );
        assert_eq!(
            topics("Der Auftrag bringt 12.000 €.", false),
            vec![Topic::Figures]
        );
        assert_eq!(
            topics("Neuer Vertrag mit der Reederei: 900 € pro Monat.", false),
            vec![Topic::Figures]
        );
        assert!(large_number("4.800") && large_number("12,000") && large_number("25000"));
        assert!(!large_number("23.50") && !large_number("238"));
    }

    #[test]
    fn a_percentage_is_a_business_figure_when_a_group_reports_it() {
        assert!(topics("Halbmarathon: rund 4 % schneller als letztes Jahr.", false).is_empty());
        assert_eq!(
            topics("Wir sind dieses Jahr um 20 % gewachsen!", false),
            vec![Topic::Figures]
        );
    }

    #[test]
    fn the_organisation_a_document_is_for_is_no_customer() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine_with(
            dir.path(),
            "dienstanweisung.md",
            "# Dienstanweisung der Stadtwerke Talbrück\n\n## Datenschutz\n\n\
             Namen von Kundinnen und Kunden werden nicht veröffentlicht.\n",
        );
        let kinds = |draft: &str| -> Vec<Kind> {
            let review = review(&engine, draft, false).unwrap();
            review.findings.iter().map(|f| f.kind).collect()
        };
        assert!(
            !kinds("Nach Feierabend bei den Stadtwerken: Tomaten gießen.").contains(&Kind::Names)
        );
        assert!(kinds("Heute bei unserem Kunden Müller GmbH gewesen.").contains(&Kind::Names));
    }

    #[test]
    fn home_and_kids_make_a_private_post_unless_it_speaks_of_work() {
        let none = |_: &str| false;
        assert!(about_private_life(
            "Found the leak under the kitchen sink: a $4 washer. Me: 1, house: 0.",
            none
        ));
        assert!(about_private_life(
            "Lemonade stand launch: the twins made $23.50. Projected Q4 revenue: unclear.",
            none
        ));
        assert!(!about_private_life(
            "The twins visited the office: our Q4 revenue is up 20 %.",
            none
        ));
        assert!(!about_private_life(
            "Unser Haus, unser Team: Umsatz plus 20 %.",
            none
        ));
    }

    #[test]
    fn a_private_posts_secrets_and_leaks_are_no_company_matters() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine_with(
            dir.path(),
            "richtlinie.md",
            "# Richtlinie der Stadtwerke Talbrück\n\n## Vertrauliches\n\n\
             Vertrauliche Informationen und interne Pläne werden nicht veröffentlicht.\n",
        );
        let kinds = |draft: &str| -> Vec<Kind> {
            let review = review(&engine, draft, false).unwrap();
            review.findings.iter().map(|f| f.kind).collect()
        };
        let cake =
            "Streng vertraulich: Für den Geburtstag meiner Schwester steht die Torte schon bereit.";
        assert!(!kinds(cake).contains(&Kind::Confidential));
        // Work, or the organisation, in the same post: the secret may be the company's.
        for draft in [
            "Streng vertraulich: Für den Geburtstag meiner Schwester plant mein Team etwas.",
            "Streng vertraulich: Die Stadtwerke planen zum Geburtstag meiner Schwester etwas.",
            "Streng vertraulich: Unsere internen Pläne für nächstes Jahr stehen.",
        ] {
            assert!(kinds(draft).contains(&Kind::Confidential), "{draft}");
        }
    }

    #[test]
    fn reviews_a_draft_with_findings_and_an_overall_verdict() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine(dir.path());
        let review = review(
            &engine,
            "Was für ein Jahr! Unser Umsatz ist um 20 % gestiegen.",
            false,
        )
        .unwrap();
        assert!(!review.abstained);
        assert_eq!(review.verdict, Some(Verdict::NotAllowed));
        let finding = &review.findings[0];
        assert_eq!(finding.kind, Kind::Figures);
        assert_eq!(finding.excerpt, "Unser Umsatz ist um 20 % gestiegen.");
        assert!(finding.passages[0]
            .heading_path
            .join(" > ")
            .contains("Zahlen"));
        let json = serde_json::to_value(&review).unwrap();
        assert_eq!(json["findings"][0]["kind"], "figures");
        assert_eq!(json["verdict"], "not_allowed");
        let text = render_text(&review, engine.config());
        assert!(text.contains("Unser Umsatz ist um 20 % gestiegen.") && text.contains("→"));
        assert!(text.contains("de/richtlinie.md:"), "{text}");
    }

    #[test]
    fn a_photo_named_but_not_described_is_cited_not_applied() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine(dir.path());
        for draft in ["Geht wählen!", "Mein Foto vom Wahltag: geht wählen!"] {
            let reviewed = review(&engine, draft, true).unwrap();
            let photo = reviewed
                .findings
                .iter()
                .find(|f| f.kind == Kind::PeopleInPhotos)
                .expect("the photo is a finding");
            assert_eq!(photo.verdict, None, "{draft}");
            // The photo leaves the politics rule's permission standing.
            assert_eq!(reviewed.verdict, Some(Verdict::Allowed), "{draft}");
        }
    }

    #[test]
    fn harmless_drafts_get_an_all_clear_and_photos_a_finding() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine(dir.path());
        let clear = review(&engine, "Schöner Tag beim Sommerfest!", false).unwrap();
        assert!(clear.findings.is_empty() && clear.passages.is_empty());
        assert_eq!(clear.verdict, None);
        assert_eq!(clear.checked.len(), ALL_KINDS.len());
        let text = render_text(&clear, engine.config());
        assert!(
            text.contains("Geprüft:") && text.contains("Personen auf Fotos"),
            "{text}"
        );

        let photo = review(&engine, "Schöner Tag beim Sommerfest!", true).unwrap();
        assert!(photo
            .findings
            .iter()
            .any(|f| f.kind == Kind::PeopleInPhotos));
    }

    #[test]
    fn empty_drafts_are_a_usage_error() {
        let dir = tempfile::tempdir().unwrap();
        let engine = engine(dir.path());
        assert!(matches!(
            review(&engine, "  ?! ", false),
            Err(Error::BadQuestion(_))
        ));
        // Very long drafts are cut, not refused.
        let long = "Schöner Tag. ".repeat(2000);
        assert!(review(&engine, &long, false).is_ok());
    }
}
