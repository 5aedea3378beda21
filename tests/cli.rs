//! End-to-end tests of the `guidebot` binary on the shipped sample handbook: index, ask
//! (text and JSON), abstaining and bad input.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs guidebot on the sample handbook with its own index folder.
fn guidebot(index: &Path, args: &[&str]) -> Output {
    guidebot_on(&repo().join("guidelines"), index, args)
}

/// Runs guidebot on a guidelines folder with its own index folder.
fn guidebot_on(guidelines: &Path, index: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_guidebot"))
        .args(args)
        .arg("--guidelines")
        .arg(guidelines)
        .arg("--index")
        .arg(index)
        .env_remove("DISCORD_TOKEN")
        .env_remove("GUIDEBOT_GUIDELINES")
        .env_remove("GUIDEBOT_INDEX")
        .output()
        .expect("guidebot runs")
}

fn ask_json(index: &Path, question: &str) -> Value {
    ask_json_on(&repo().join("guidelines"), index, question)
}

fn ask_json_on(guidelines: &Path, index: &Path, question: &str) -> Value {
    let out = guidebot_on(guidelines, index, &["ask", "--json", question]);
    assert!(
        out.status.success(),
        "{question}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8(out.stdout).expect("UTF-8 output");
    assert_eq!(
        stdout.trim().lines().count(),
        1,
        "exactly one JSON object: {stdout}"
    );
    serde_json::from_str(&stdout).expect("valid JSON")
}

/// A guidelines folder holding `files`: (file name, markdown).
fn guidelines_with(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in files {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Questions with the file and heading their first passage must cite.
const CITED: &[(&str, &str, &str)] = &[
    (
        "Darf ich Fotos von Kollegen posten?",
        "de/fotos-und-videos.md",
        "Fotos von Kolleginnen und Kollegen",
    ),
    (
        "darf ich das firmenlogo als profilbild nehmen",
        "de/logo-und-marke.md",
        "Profilbilder",
    ),
    (
        "Darf ich Umsatzzahlen auf LinkedIn teilen?",
        "de/social-media-richtlinie.md",
        "Zahlen",
    ),
    (
        "Darf ich die Stellenanzeigen von Kranich auf LinkedIn teilen?",
        "de/stellenanzeigen-teilen.md",
        "Stellenanzeigen",
    ),
    (
        "Wer ist für die Freigabe von Posts zuständig?",
        "de/freigabeprozess.md",
        "Zuständigkeiten",
    ),
    (
        "Was mache ich bei einem Shitstorm?",
        "de/krisen-und-shitstorms.md",
        "Shitstorm",
    ),
    (
        "Can I accept a gift from a vendor?",
        "en/paid-partnerships-and-gifts.md",
        "Gifts",
    ),
    (
        "A journalist contacted me on LinkedIn. What should I do?",
        "en/press-and-journalists.md",
        "journalist",
    ),
    (
        "Do I have to label a sponsored post as an ad?",
        "en/paid-partnerships-and-gifts.md",
        "",
    ),
    (
        "Can I post about politics on my private account?",
        "en/social-media-guidelines.md",
        "Politic",
    ),
    (
        "Darf ich während der Arbeitszeit auf Social Media sein?",
        "de/social-media-richtlinie.md",
        "Arbeitszeit",
    ),
    (
        "Darf ich Fotos von Kindern vom Sommerfest posten?",
        "de/fotos-und-videos.md",
        "Kinder",
    ),
];

#[test]
fn index_then_ask_cites_the_right_sections() {
    let index = tempfile::tempdir().unwrap();
    let out = guidebot(index.path(), &["index"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("documents"), "{report}");

    let mut misses = Vec::new();
    for (question, file, heading) in CITED {
        let answer = ask_json(index.path(), question);
        let top = &answer["passages"][0];
        let path = top["heading_path"].as_array().map(|h| {
            h.iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(" > ")
        });
        let ok = top["file"] == *file
            && path
                .as_deref()
                .is_some_and(|p| p.to_lowercase().contains(&heading.to_lowercase()));
        if !ok {
            misses.push(format!("{question} -> {} {:?}", top["file"], path));
        }
    }
    assert!(misses.is_empty(), "wrong citations:\n{}", misses.join("\n"));
}

#[test]
fn json_shape_is_the_contract() {
    let index = tempfile::tempdir().unwrap();
    let answer = ask_json(
        index.path(),
        "Darf ich Fotos von Kindern vom Sommerfest posten?",
    );
    assert_eq!(answer["abstained"], false);
    assert!(answer["question"].is_string());
    let verdicts = ["allowed", "not_allowed", "needs_approval", "conditional"];
    assert!(answer["verdict"].is_null() || verdicts.contains(&answer["verdict"].as_str().unwrap()));
    let passages = answer["passages"].as_array().unwrap();
    assert!(!passages.is_empty() && passages.len() <= 3);
    for p in passages {
        assert!(p["file"].as_str().unwrap().ends_with(".md"));
        assert!(!p["file"].as_str().unwrap().contains('\\'));
        assert!(p["title"].is_string() && p["anchor"].is_string() && p["text"].is_string());
        assert!(p["heading_path"].is_array());
        let (start, end) = (
            p["line_start"].as_u64().unwrap(),
            p["line_end"].as_u64().unwrap(),
        );
        assert!(start >= 1 && start <= end, "{start}-{end}");
        assert!(p["score"].is_number());
        assert!(p["verdict"].is_null() || verdicts.contains(&p["verdict"].as_str().unwrap()));
    }
    // The quoted text stands in the cited lines of the file.
    let first = &passages[0];
    let source = std::fs::read_to_string(
        repo()
            .join("guidelines")
            .join(first["file"].as_str().unwrap()),
    )
    .unwrap();
    let lines: Vec<&str> = source.lines().collect();
    let cited = lines[first["line_start"].as_u64().unwrap() as usize - 1
        ..first["line_end"].as_u64().unwrap() as usize]
        .join(" ");
    let quoted_word = first["text"]
        .as_str()
        .unwrap()
        .split_whitespace()
        .find(|w| w.len() > 6 && w.chars().all(char::is_alphabetic))
        .unwrap();
    assert!(cited.contains(quoted_word), "{quoted_word} not in {cited}");
}

#[test]
fn out_of_scope_questions_abstain_and_name_the_contact() {
    let index = tempfile::tempdir().unwrap();
    for question in [
        "Wie ist das Passwort fürs Gäste-WLAN?",
        "Was gibt es heute in der Kantine?",
    ] {
        let answer = ask_json(index.path(), question);
        assert_eq!(answer["abstained"], true, "{question}: {answer}");
        assert_eq!(answer["passages"].as_array().unwrap().len(), 0);
        assert!(answer["verdict"].is_null());
    }
    let out = guidebot(
        index.path(),
        &["ask", "Wie beantrage ich einen Firmenparkplatz?"],
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("kommunikation@kranich-software.example"),
        "{text}"
    );
}

/// Verdicts on the sample handbook that take more than a keyword: the rule that speaks
/// to what the question adds, an amount read against a rule's limit, and a rule only the
/// German pages state, asked in English.
#[test]
fn verdicts_follow_the_rule_that_applies() {
    let index = tempfile::tempdir().unwrap();
    for (question, verdict) in [
        (
            "darf ich das firmenlogo als profilbild nehmen",
            "not_allowed",
        ),
        ("gifts over 50?", "not_allowed"),
        (
            "A vendor sent me a bottle of wine worth about 30 euros. Can I keep it?",
            "allowed",
        ),
        (
            "vendor offered me a free smartwatch (~300€), can i accept it and post an unboxing?",
            "not_allowed",
        ),
        (
            "can I post pics of my colleagues' kids from family day",
            "not_allowed",
        ),
        (
            "Fotos von unserem Messestand auf der Energiemesse – darf ich die teilen?",
            "allowed",
        ),
    ] {
        let answer = ask_json(index.path(), question);
        assert_eq!(answer["verdict"], verdict, "{question}: {answer}");
    }
}

/// Questions about other things at work abstain, even when a few of their words occur
/// in the guidelines; questions for information get passages but no verdict.
#[test]
fn off_topic_questions_abstain_and_information_questions_get_no_verdict() {
    let index = tempfile::tempdir().unwrap();
    for question in [
        "How do I request vacation days?",
        "Wie rechne ich meine Reisekosten von der Dienstreise ab?",
    ] {
        let answer = ask_json(index.path(), question);
        assert_eq!(answer["abstained"], true, "{question}: {answer}");
    }
    let answer = ask_json(
        index.path(),
        "Wer ist für die Freigabe von Posts zuständig?",
    );
    assert_eq!(answer["abstained"], false, "{answer}");
    assert!(answer["verdict"].is_null(), "{answer}");
}

#[test]
fn text_answer_has_verdict_breadcrumb_and_citation() {
    let index = tempfile::tempdir().unwrap();
    let out = guidebot(
        index.path(),
        &["ask", "Darf ich Fotos von Kindern vom Sommerfest posten?"],
    );
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Fotos und Videos › Kinder"), "{text}");
    assert!(text.contains("de/fotos-und-videos.md:"), "{text}");
}

#[test]
fn bad_input_is_a_clear_error_not_a_panic() {
    let index = tempfile::tempdir().unwrap();
    let out = guidebot(index.path(), &["ask", "   "]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("empty"));
    let out = guidebot(index.path(), &["ask", "https://example.com/post/1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("web address"));

    // Query syntax is just text.
    for question in [
        "title:logo AND body:\"x",
        "*:* OR (((",
        "+-~^2 \"",
        "@everyone <@&123> darf ich?",
    ] {
        let out = guidebot(index.path(), &["ask", "--json", question]);
        assert!(
            out.status.success(),
            "{question}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    // A huge question is answered, not refused.
    let huge = "Darf ich Fotos von Kollegen posten? ".repeat(2000);
    let out = guidebot(index.path(), &["ask", "--json", &huge]);
    assert!(out.status.success());

    let out = Command::new(env!("CARGO_BIN_EXE_guidebot"))
        .arg("--no-such-flag")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn unreadable_guidelines_folder_is_a_clear_error() {
    let index = tempfile::tempdir().unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_guidebot"))
        .args([
            "ask",
            "Darf ich?",
            "--guidelines",
            "/nonexistent/guidelines",
            "--index",
        ])
        .arg(index.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/guidelines"));
}

#[test]
fn every_corpus_file_indexes_and_answers() {
    let corpus = repo().join("../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("notice: ../shared/corpus not found; corpus test skipped");
        return;
    }
    let index = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| guidebot_on(&corpus, index.path(), args);
    let out = run(&["index", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"].as_array().unwrap().len(), 0, "{report}");
    let files = std::fs::read_dir(&corpus).unwrap().filter(|e| {
        e.as_ref()
            .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "md"))
    });
    assert_eq!(
        report["documents"].as_u64().unwrap() as usize,
        files.count()
    );
    let out = run(&[
        "ask",
        "--json",
        "Can I like a candidate's Facebook page while at work?",
    ]);
    let answer: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(answer["abstained"], false);
    assert!(answer["passages"][0]["file"]
        .as_str()
        .unwrap()
        .contains("hatch-act"));
}

/// Guidelines from several organisations: a question naming one of them is answered from
/// its document, though another states a rule on the same topic in nearly the same words.
#[test]
fn a_question_naming_an_organisation_is_answered_from_its_document() {
    let guidelines = guidelines_with(&[
        (
            "acme.md",
            "# Acme Robotics social media policy\n\n## Photos at work\n\nPhotos taken in the office may be posted when no screens are visible.\n",
        ),
        (
            "northwind.md",
            "# Northwind Bank social media policy\n\n## Photos at work\n\nPhotos of the office must not be posted: office photos show customer data on desks.\n",
        ),
        (
            "glacier.md",
            "# Glacier Foods social media policy\n\n## Gifts\n\nGifts from suppliers are declined.\n",
        ),
    ]);
    let index = tempfile::tempdir().unwrap();
    // Northwind's rule shares more of the question's words ("desks"); it asks about Acme.
    let answer = ask_json_on(
        guidelines.path(),
        index.path(),
        "Acme: may I post office photos showing desks?",
    );
    assert_eq!(answer["passages"][0]["file"], "acme.md", "{answer}");
}

/// The glossary's English "intern" for "Praktikantin" meets English pages only: on a
/// German page the same letters are "interne" (internal), a rule the question is not about.
#[test]
fn a_translation_meets_only_the_pages_of_its_language() {
    let guidelines = guidelines_with(&[(
        "richtlinie.md",
        "---\ntitle: Social-Media-Richtlinie\nlang: de\n---\n# Social-Media-Richtlinie\n\n## Vertraulichkeit\n\nInterne Vorgänge dürfen nicht veröffentlicht werden.\n\n## Ausbildung und Praktikum\n\nPraktikanten dürfen auf LinkedIn von ihrem Praktikum erzählen.\n",
    )]);
    let index = tempfile::tempdir().unwrap();
    let answer = ask_json_on(
        guidelines.path(),
        index.path(),
        "Was gilt für mich als Praktikantin auf LinkedIn?",
    );
    let cited: Vec<&Value> = answer["passages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| &p["heading_path"][1])
        .collect();
    assert_eq!(cited, ["Ausbildung und Praktikum"], "{answer}");
}

/// Every section of a named document speaks of what the name names: "Acme" (the file's
/// name) is covered by Acme's "Following" rule, which never repeats the project's name,
/// and not only by Acme's introduction, which does.
#[test]
fn a_named_documents_sections_all_speak_of_its_name() {
    let guidelines = guidelines_with(&[
        (
            "acme.md",
            "# Community guide\n\nThe Acme Twitter account posts news from the Acme project; many people follow it.\n\n## Following\n\nOnly follow organisations. Do not follow individual people, not even Guido.\n",
        ),
        (
            "borealis.md",
            "# Borealis community guide\n\n## Gifts\n\nGifts from sponsors are declined.\n",
        ),
        (
            "cobalt.md",
            "# Cobalt community guide\n\n## Meetups\n\nMeetups are announced on the mailing list.\n",
        ),
    ]);
    let index = tempfile::tempdir().unwrap();
    let answer = ask_json_on(
        guidelines.path(),
        index.path(),
        "should the Acme twitter follow Guido?",
    );
    let first = &answer["passages"][0];
    assert_eq!(first["heading_path"][1], "Following", "{answer}");
    assert_eq!(answer["verdict"], "not_allowed", "{answer}");
}

/// A German question names an English document by an acronym in capitals ("TTS") or by
/// a word whose glossary equivalent is in the title ("Bundesbediensteter": federal),
/// though a German rule shares more of its words.
#[test]
fn a_german_question_names_an_english_document_by_acronym_or_translation() {
    let guidelines = guidelines_with(&[
        (
            "federal.md",
            "# Federal employee guide\n\n## Photos at work\n\nPhotos taken in the office must not be posted.\n",
        ),
        (
            "tts.md",
            "# Social media (TTS handbook)\n\n## Photos\n\nPhotos taken in the office must not be posted.\n",
        ),
        (
            "nordwerk.md",
            "---\nlanguage: de\n---\n# Richtlinie der Nordwerk GmbH\n\n## Fotos\n\nFotos aus dem Büro dürfen gepostet werden, wenn keine Bildschirme zu sehen sind.\n",
        ),
    ]);
    let index = tempfile::tempdir().unwrap();
    for (question, file) in [
        (
            "Darf ich als Bundesbediensteter Fotos aus dem Büro posten?",
            "federal.md",
        ),
        (
            "Darf ich für den TTS-Kanal Fotos aus dem Büro posten?",
            "tts.md",
        ),
    ] {
        let answer = ask_json_on(guidelines.path(), index.path(), question);
        assert_eq!(answer["passages"][0]["file"], file, "{question}: {answer}");
    }
    // Without a name the company's own German rule answers.
    let answer = ask_json_on(
        guidelines.path(),
        index.path(),
        "Darf ich Fotos aus dem Büro posten?",
    );
    assert_eq!(answer["passages"][0]["file"], "nordwerk.md", "{answer}");
}

/// A rule of the document the question names speaks of what the name names: "The
/// account will not reply to any comments" on Acme's page answers whether to reply under
/// an Acme tweet, though the rule shares only "reply" with the question.
#[test]
fn a_named_documents_rule_states_the_name() {
    let guidelines = guidelines_with(&[
        (
            "acme.md",
            "# Acme account guide\n\nThe Acme X account shares news from the Acme project.\n\n## Usage policy\n\nThe account shares meetup news. The account will not reply to any comments.\n",
        ),
        (
            "borealis.md",
            "# Borealis community guide\n\n## Gifts\n\nGifts from sponsors are declined.\n",
        ),
        (
            "cobalt.md",
            "# Cobalt community guide\n\n## Meetups\n\nMeetups are announced on the mailing list.\n\n## Tweets\n\nTweets link to the blog.\n",
        ),
    ]);
    let index = tempfile::tempdir().unwrap();
    let answer = ask_json_on(
        guidelines.path(),
        index.path(),
        "someone asked about sponsor gifts for a meetup under an acme tweet, should I reply?",
    );
    assert_eq!(
        answer["passages"][0]["heading_path"][1], "Usage policy",
        "{answer}"
    );
    assert_eq!(answer["verdict"], "not_allowed", "{answer}");
}

/// A permission bound to a condition the question says holds is a permission: the
/// speaker may post live; anyone else is told the condition.
#[test]
fn a_condition_the_question_meets_makes_a_permission() {
    let guidelines = guidelines_with(&[
        (
            "events.md",
            "# Events\n\n## Live posts\n\nIf you are speaking at an event, it is okay to post live from the event.\n\n## Badges\n\nConference badges are returned at the desk.\n\n## Travel\n\nTravel is booked by the office.\n\n## Gifts\n\nGifts from sponsors are declined.\n",
        ),
    ]);
    let index = tempfile::tempdir().unwrap();
    let asked = |q: &str| ask_json_on(guidelines.path(), index.path(), q)["verdict"].clone();
    assert_eq!(
        asked("I'm speaking at the event tomorrow - can I post live?"),
        "allowed"
    );
    assert_eq!(asked("Can I post live from the event?"), "conditional");
}

/// "Seit wann …?" asks when the rules took effect: the section on their entry into force
/// answers, though its words are not the question's.
#[test]
fn since_when_is_answered_by_the_entry_into_force() {
    let guidelines = guidelines_with(&[
        (
            "richtlinie.md",
            "# Social-Media-Richtlinie\n\n## Geltungsbereich\n\nDiese Social-Media-Richtlinie gilt für alle Beschäftigten und Auszubildenden.\n\n## Fotos\n\nFotos aus dem Lager werden nicht gepostet.\n\n## Inkrafttreten\n\nDiese Richtlinie tritt am 1. März 2026 in Kraft.\n",
        ),
        (
            "themen.md",
            "# Themen\n\n## Kunden\n\nKundennamen nennen wir nur mit Freigabe.\n\n## Zahlen\n\nUmsatzzahlen bleiben intern.\n\n## Presse\n\nPresseanfragen beantwortet die Pressestelle.\n\n## Geschenke\n\nGeschenke von Lieferanten lehnen wir ab.\n\n## Politik\n\nPolitische Meinungen äußern Sie als Privatperson.\n\n## Krisen\n\nIm Shitstorm antwortet das Kommunikationsteam.\n",
        ),
    ]);
    let index = tempfile::tempdir().unwrap();
    let answer = ask_json_on(
        guidelines.path(),
        index.path(),
        "seit wann ist die social media richtlinie verbindlich?",
    );
    assert_eq!(
        answer["passages"][0]["heading_path"][1], "Inkrafttreten",
        "{answer}"
    );
}

/// "How much time …" asks about the measure a rule allows, not about any rule that says
/// "time": the rule on working hours that allows use "in reasonable measure" answers.
#[test]
fn how_much_time_is_answered_by_the_rule_on_reasonable_measure() {
    let index = tempfile::tempdir().unwrap();
    let answer = ask_json(
        index.path(),
        "how much time on social media during work is ok?",
    );
    let first = &answer["passages"][0];
    assert!(
        first["heading_path"].to_string().contains("working hours"),
        "{answer}"
    );
    assert_eq!(answer["verdict"], "conditional", "{answer}");
}

/// A rule that asks for permission first forbids what the question says is done without
/// asking.
#[test]
fn skipping_a_required_permission_is_not_allowed() {
    let guidelines = guidelines_with(&[
        (
            "photos.md",
            "# Community rules\n\n## Photos of contributors\n\nNever include photos or user handles of contributors without explicit permission.\n\n## Release notes\n\nRelease notes are written by the release team.\n\n## Sponsors\n\nSponsors are thanked in the yearly report.\n\n## Meetups\n\nMeetups are announced on the mailing list.\n",
        ),
    ]);
    let index = tempfile::tempdir().unwrap();
    let asked = |q: &str| ask_json_on(guidelines.path(), index.path(), q)["verdict"].clone();
    assert_eq!(
        asked("Can I post a photo of a contributor with their handle?"),
        "needs_approval"
    );
    assert_eq!(
        asked("Can I post a photo of a contributor with their handle without asking them first?"),
        "not_allowed"
    );
}

/// "Allowed" needs the best rule to clearly beat its rivals; the introduction of that
/// rule's own page, which states no rule, is no rival.
#[test]
fn a_rule_is_not_contested_by_its_own_pages_introduction() {
    let index = tempfile::tempdir().unwrap();
    let answer = ask_json(index.path(), "Can I share our job openings on LinkedIn?");
    assert_eq!(answer["verdict"], "allowed", "{answer}");
    assert_eq!(
        answer["passages"][0]["file"],
        "de/stellenanzeigen-teilen.md"
    );
}

/// Guidelines that sort people into classes, with near-identical rules per class: a
/// question from someone a class's definition lists, or from "a regular employee" (the
/// class that holds most people), is answered from that class's rules.
#[test]
fn the_rules_for_the_askers_class_of_people_answer() {
    let guidelines = guidelines_with(&[(
        "campaigns.md",
        "# Campaign activity rules\n\n\
         ## Who are general staff?\n\nMost employees of the city are general staff.\n\n\
         ## Who are sworn staff?\n\nSworn staff work in the harbour patrol, the fire brigade or the emergency dispatch centre.\n\n\
         ## Rules for general staff\n\nGeneral staff may put up campaign posters for a candidate outside working hours.\n\n\
         ## Rules for sworn staff\n\nSworn staff may not put up campaign posters for a candidate.\n\n\
         ## Press\n\nThe press office answers journalists.\n\n\
         ## Gifts\n\nGifts from suppliers are declined.\n\n\
         ## Photos\n\nPhotos of colleagues need their consent.\n\n\
         ## Logo\n\nThe city logo is used on official accounts only.\n\n\
         ## Customer data\n\nCustomer data is never posted.\n\n\
         ## Working hours\n\nPrivate browsing during working hours is kept short.\n",
    )]);
    let index = tempfile::tempdir().unwrap();
    let first_heading = |q: &str| {
        let answer = ask_json_on(guidelines.path(), index.path(), q);
        answer["passages"][0]["heading_path"]
            .as_array()
            .and_then(|path| path.last())
            .and_then(|h| h.as_str())
            .unwrap_or_default()
            .to_string()
    };
    assert_eq!(
        first_heading(
            "I'm a harbour patrol officer. Can I put up campaign posters for a candidate?"
        ),
        "Rules for sworn staff"
    );
    assert_eq!(
        first_heading("I'm a regular employee. Can I put up campaign posters for a candidate?"),
        "Rules for general staff"
    );
}

/// A question about something the guidelines never mention ("dog") is not answered by a
/// section that shares only a verb with it and part of a synonym ("bring" in German
/// "bringt"; "stellen", part of "Dienststellen", a word for "offices").
#[test]
fn a_loose_match_does_not_answer_a_question_about_something_never_mentioned() {
    // Enough other sections that "bring" is a rare, telling word.
    let others: String = (1..=40)
        .map(|n| format!("## Thema {n}\n\nRegel Nummer {n} gilt für Beiträge.\n\n"))
        .collect();
    let rules = format!(
        "---\nlanguage: de\n---\n# Regeln\n\n## Minderjährige\n\nDie Arbeit mit Minderjährigen bringt besondere Anforderungen mit sich. Am Ende stellen die Jugendlichen ihre Projekte vor.\n\n{others}"
    );
    let guidelines = guidelines_with(&[("regeln.md", &rules)]);
    let index = tempfile::tempdir().unwrap();
    let answer = ask_json_on(
        guidelines.path(),
        index.path(),
        "can i bring my dog to the office?",
    );
    assert_eq!(answer["abstained"], true, "{answer}");
}
