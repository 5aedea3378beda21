//! End-to-end: the real `guidebot serve` binary against a fake Discord on loopback
//! (`tests/support/fake_discord.rs`), driven through Discord v10 payloads.

// The fake's GUILD_CREATE is one large `json!`.
#![recursion_limit = "256"]

mod support;

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use serde_json::{json, Value};
use support::fake_discord::{self as fake, FakeDiscord, Request};

/// Kills the bot when the test ends, however it ends, and shows its log on failure.
struct Bot {
    child: Child,
    log: std::path::PathBuf,
}

impl Bot {
    fn log(&self) -> String {
        std::fs::read_to_string(&self.log).unwrap_or_default()
    }
}

impl Drop for Bot {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        if std::thread::panicking() {
            eprintln!("---- guidebot log ----\n{}", self.log());
        }
    }
}

fn spawn_bot(fake: &FakeDiscord, dir: &Path) -> Bot {
    let log = dir.join("guidebot.log");
    let log_file = std::fs::File::create(&log).unwrap();
    let child = Command::new(env!("CARGO_BIN_EXE_guidebot"))
        .arg("serve")
        .current_dir(dir)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DISCORD_TOKEN", "fake-token.for-the.fake-discord")
        // Discord's documentation names `…/api` the base URL; serenity wants the origin.
        .env(
            "GUIDEBOT_DISCORD_API_URL",
            format!("{}/api/v10", fake.rest_url),
        )
        .env("GUIDEBOT_DISCORD_GUILD_ID", fake::GUILD_ID.to_string())
        .env(
            "GUIDEBOT_GUIDELINES",
            Path::new(env!("CARGO_MANIFEST_DIR")).join("guidelines"),
        )
        .env("GUIDEBOT_INDEX", dir.join("index"))
        .env("GUIDEBOT_FEEDBACK_FILE", dir.join("feedback.jsonl"))
        // Everything, so that the check below covers every library's logging.
        .env("RUST_LOG", "trace")
        .stdin(Stdio::null())
        .stdout(log_file.try_clone().unwrap())
        .stderr(log_file)
        .spawn()
        .expect("start guidebot");
    Bot { child, log }
}

fn callback_of(id: u64) -> impl Fn(&Request) -> bool {
    move |r| r.method == "POST" && r.path.contains(&format!("/interactions/{id}/"))
}

/// The message the user finally sees for interaction `id`: the callback's data when it
/// answered at once (type 4), else the edit of the original after a deferral (type 5).
/// Returns (callback body, message body).
async fn answer_to(fake: &FakeDiscord, id: u64, token: &str) -> (Value, Value) {
    let callback = fake
        .wait_for(Duration::from_secs(10), callback_of(id))
        .await
        .unwrap_or_else(|| panic!("no callback for interaction {id}"))
        .body;
    match callback["type"].as_u64() {
        Some(4) => {
            let data = callback["data"].clone();
            (callback, data)
        }
        Some(5) => {
            let edit = fake
                .wait_for(Duration::from_secs(30), |r| {
                    r.method == "PATCH" && r.path.contains(&format!("/{token}/messages/@original"))
                })
                .await
                .unwrap_or_else(|| panic!("deferred interaction {id} was never answered"))
                .body;
            (callback, edit)
        }
        other => panic!("unexpected callback type {other:?}: {callback}"),
    }
}

fn text_of(message: &Value) -> String {
    let mut text = message["content"].as_str().unwrap_or("").to_string();
    for embed in message["embeds"].as_array().into_iter().flatten() {
        for key in ["title", "description"] {
            text.push_str(embed[key].as_str().unwrap_or(""));
            text.push('\n');
        }
        for field in embed["fields"].as_array().into_iter().flatten() {
            text.push_str(field["name"].as_str().unwrap_or(""));
            text.push('\n');
            text.push_str(field["value"].as_str().unwrap_or(""));
            text.push('\n');
        }
    }
    text
}

fn assert_never_pings(message: &Value) {
    assert_eq!(
        message["allowed_mentions"]["parse"],
        json!([]),
        "allowed_mentions must be empty: {message}"
    );
}

fn ask(
    fake: &FakeDiscord,
    id: u64,
    token: &str,
    question: &str,
    public: Option<bool>,
    member: Value,
) {
    let mut options = vec![json!({"name": "question", "type": 3, "value": question})];
    if let Some(public) = public {
        options.push(json!({"name": "public", "type": 5, "value": public}));
    }
    fake.dispatch(
        "INTERACTION_CREATE",
        fake::slash_command(id, token, "ask", json!(options), member),
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn discord_bot_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let fake = FakeDiscord::start().await;
    let bot = spawn_bot(&fake, dir.path());
    let plain_member = || fake::member(fake::MEMBER_ID, "0", &[]);

    // Startup: gateway URL from REST, IDENTIFY with the token, commands registered for
    // the guild under the application id (not the bot user's id).
    let mut bot = bot;
    let deadline = std::time::Instant::now() + Duration::from_secs(40);
    while fake.identifies().is_empty() {
        if let Some(status) = bot.child.try_wait().unwrap() {
            panic!("guidebot exited early ({status}); log:\n{}", bot.log());
        }
        assert!(
            std::time::Instant::now() < deadline,
            "the bot never identified on the gateway; log:\n{}",
            bot.log()
        );
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let identify = &fake.identifies()[0];
    assert_eq!(identify["token"], "Bot fake-token.for-the.fake-discord");
    // Nor as bytes: a websocket library's frame dump shows IDENTIFY in hex.
    let token_hex: String = "fake-token".bytes().map(|b| format!("{b:02x}")).collect();
    let log = bot.log();
    assert!(
        !log.contains("fake-token") && !log.contains(&token_hex),
        "the token must never be logged"
    );
    let intents = identify["intents"].as_u64().unwrap_or(0);
    for (bit, name) in [
        (1 << 9, "GUILD_MESSAGES"),
        (1 << 12, "DIRECT_MESSAGES"),
        (1 << 15, "MESSAGE_CONTENT"),
    ] {
        assert!(
            intents & bit != 0,
            "IDENTIFY lacks the {name} intent: {intents}"
        );
    }
    let registration = fake
        .wait_for(Duration::from_secs(10), |r| {
            r.method == "PUT" && r.path.ends_with("/commands")
        })
        .await
        .expect("slash commands were not registered");
    assert_eq!(
        registration.path,
        format!(
            "/api/v10/applications/{}/guilds/{}/commands",
            fake::APPLICATION_ID,
            fake::GUILD_ID
        )
    );
    let commands = registration.body.as_array().expect("a list of commands");
    let mut names: Vec<&str> = commands.iter().filter_map(|c| c["name"].as_str()).collect();
    names.sort_unstable();
    assert_eq!(
        names,
        [
            "Check against guidelines",
            "ask",
            "guidelines",
            "help",
            "reindex",
            "review"
        ]
    );
    let check = commands
        .iter()
        .find(|c| c["name"] == "Check against guidelines")
        .unwrap();
    assert_eq!(check["type"], 3, "a message context-menu command: {check}");
    for command in commands.iter().filter(|c| c["type"] != 3) {
        assert!(
            !command["description"].as_str().unwrap_or("").is_empty(),
            "{command}"
        );
        for option in command["options"].as_array().into_iter().flatten() {
            assert!(
                !option["description"].as_str().unwrap_or("").is_empty(),
                "{option}"
            );
        }
    }
    let reindex = commands.iter().find(|c| c["name"] == "reindex").unwrap();
    assert_eq!(reindex["dm_permission"], false);

    // /ask: private by default, with a citation and buttons.
    let question = "Darf ich Fotos von Kolleginnen und Kollegen posten?";
    let id = fake.next_id();
    ask(&fake, id, "tok-ask", question, None, plain_member());
    let (callback, answer) = answer_to(&fake, id, "tok-ask").await;
    assert_eq!(
        callback["data"]["flags"], 64,
        "ephemeral by default: {callback}"
    );
    assert_never_pings(&answer);
    let text = text_of(&answer);
    assert!(text.contains(".md:"), "no citation in {text}");
    let first_answer = answer.clone();
    let vote_up = answer["components"][0]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["custom_id"].as_str())
        .find(|id| id.starts_with("gb:up:"))
        .unwrap_or_else(|| panic!("no 👍 button in {answer}"))
        .to_string();

    // /review: private, verdict and findings with citations.
    let id = fake.next_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        fake::slash_command(
            id,
            "tok-review",
            "review",
            json!([
                {"name": "draft", "type": 3, "value": "Tolles Foto mit meinen Kolleginnen vom Sommerfest!"},
                {"name": "photo", "type": 5, "value": true}
            ]),
            plain_member(),
        ),
    );
    let (callback, review) = answer_to(&fake, id, "tok-review").await;
    assert_eq!(
        callback["data"]["flags"], 64,
        "review is ephemeral: {callback}"
    );
    assert_never_pings(&review);
    let text = text_of(&review);
    assert!(text.contains(".md:"), "no citation in {text}");

    // /ask public:true is for the channel.
    let id = fake.next_id();
    ask(
        &fake,
        id,
        "tok-public",
        question,
        Some(true),
        plain_member(),
    );
    let (callback, answer) = answer_to(&fake, id, "tok-public").await;
    let flags = callback["data"]["flags"].as_u64().unwrap_or(0);
    assert_eq!(
        flags & 64,
        0,
        "public answer must not be ephemeral: {callback}"
    );
    assert!(text_of(&answer).contains(".md:"));

    // A mention containing @everyone is answered as a reply, pinging nobody.
    let mention_id = fake.next_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        fake::guild_mention(
            mention_id,
            &format!(
                "<@{}> @everyone Darf ich ein Foto vom Sommerfest posten?",
                fake::BOT_USER_ID
            ),
        ),
    );
    let reply = fake
        .wait_for(Duration::from_secs(10), |r| {
            r.method == "POST"
                && r.path == format!("/api/v10/channels/{}/messages", fake::CHANNEL_ID)
        })
        .await
        .expect("no reply to the mention")
        .body;
    assert_never_pings(&reply);
    assert_eq!(
        reply["message_reference"]["message_id"],
        mention_id.to_string(),
        "the answer replies to the question: {reply}"
    );

    // Picking the bot's role instead of the bot in "@guidebot" asks the bot too.
    let role_mention_id = fake.next_id();
    let mut role_mention = fake::guild_mention(
        role_mention_id,
        &format!(
            "<@&{}> Darf ich Fotos von Kollegen posten?",
            fake::BOT_ROLE_ID
        ),
    );
    role_mention["mentions"] = json!([]);
    role_mention["mention_roles"] = json!([fake::BOT_ROLE_ID.to_string()]);
    fake.dispatch("MESSAGE_CREATE", role_mention);
    let role_key = role_mention_id.to_string();
    let role_reply = fake
        .wait_for(Duration::from_secs(10), |r| {
            r.method == "POST"
                && r.body["message_reference"]["message_id"].as_str() == Some(role_key.as_str())
        })
        .await
        .expect("no reply to a mention of the bot's role")
        .body;
    assert!(text_of(&role_reply).contains(".md:"), "{role_reply}");

    // Rate limited (429) twice: the answer is sent again after a pause, not lost.
    fake.rate_limit_next_messages(2);
    let limited_id = fake.next_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        fake::guild_mention(
            limited_id,
            &format!("<@{}> Darf ich Umsatzzahlen posten?", fake::BOT_USER_ID),
        ),
    );
    let limited_key = limited_id.to_string();
    let replies_to_limited = |f: &FakeDiscord| {
        f.requests()
            .iter()
            .filter(|r| {
                r.method == "POST"
                    && r.body["message_reference"]["message_id"].as_str()
                        == Some(limited_key.as_str())
            })
            .count()
    };
    assert!(
        fake.wait_until(Duration::from_secs(10), |f| replies_to_limited(f) == 3)
            .await,
        "the answer was not sent again after 429: {} tries; log:\n{}",
        replies_to_limited(&fake),
        bot.log()
    );

    // A DM is a question too.
    let dm_id = fake.next_id();
    fake.dispatch(
        "MESSAGE_CREATE",
        fake::direct_message(dm_id, "Can I accept a free gift from a vendor?"),
    );
    let dm_reply = fake
        .wait_for(Duration::from_secs(10), |r| {
            r.method == "POST"
                && r.path == format!("/api/v10/channels/{}/messages", fake::DM_CHANNEL_ID)
        })
        .await
        .expect("no reply to the DM")
        .body;
    assert_never_pings(&dm_reply);
    assert!(text_of(&dm_reply).contains(".md:"), "{dm_reply}");

    // /reindex: refused for a plain member, nothing happens; performed for an admin.
    let id = fake.next_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        fake::slash_command(id, "tok-reindex-no", "reindex", json!([]), plain_member()),
    );
    let (callback, refusal) = answer_to(&fake, id, "tok-reindex-no").await;
    assert_eq!(callback["type"], 4, "a refusal is immediate: {callback}");
    assert_eq!(callback["data"]["flags"], 64);
    assert!(text_of(&refusal).contains("admins"), "{refusal}");
    assert!(!bot.log().contains("re-index requested"));

    let id = fake.next_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        fake::slash_command(
            id,
            "tok-reindex-admin",
            "reindex",
            json!([]),
            fake::member(fake::MEMBER_ID, fake::ALL_PERMISSIONS, &[]),
        ),
    );
    let (callback, report) = answer_to(&fake, id, "tok-reindex-admin").await;
    assert_eq!(callback["type"], 5, "re-indexing is deferred: {callback}");
    assert_eq!(callback["data"]["flags"], 64);
    assert!(text_of(&report).contains("documents"), "{report}");
    assert_never_pings(&report);

    // 👍 on the bot's answer is recorded; a click on someone else's message is ignored.
    let stranger_click = fake.next_id();
    fake.dispatch(
        "INTERACTION_CREATE",
        fake::button_click(
            stranger_click,
            "tok-stranger",
            &vote_up,
            fake::message(
                fake.next_id(),
                fake::user(fake::MEMBER_ID, "kim", false),
                "hi",
            ),
            plain_member(),
        ),
    );
    let id = fake.next_id();
    let mut ours = fake::message(fake.next_id(), fake::bot_user(), "");
    ours["flags"] = json!(64);
    fake.dispatch(
        "INTERACTION_CREATE",
        fake::button_click(id, "tok-vote", &vote_up, ours, plain_member()),
    );
    let (_, thanks) = answer_to(&fake, id, "tok-vote").await;
    assert!(text_of(&thanks).contains("Danke"), "{thanks}");
    let feedback =
        std::fs::read_to_string(dir.path().join("feedback.jsonl")).expect("feedback file");
    let record: Value = serde_json::from_str(feedback.lines().next().unwrap()).unwrap();
    assert_eq!(record["vote"], "up");
    assert_eq!(record["question"], question);
    assert!(record["passages"][0]["file"]
        .as_str()
        .unwrap()
        .ends_with(".md"));
    assert!(
        !feedback.contains(&fake::MEMBER_ID.to_string()),
        "user ids are hashed"
    );
    // A click on a message the bot didn't send changes nothing, but is answered
    // (privately), or Discord shows "This interaction failed".
    let (_, notice) = answer_to(&fake, stranger_click, "tok-stranger").await;
    assert!(text_of(&notice).contains("not one of mine"), "{notice}");
    let feedback =
        std::fs::read_to_string(dir.path().join("feedback.jsonl")).expect("feedback file");
    assert_eq!(
        feedback.lines().count(),
        1,
        "only our button counted: {feedback}"
    );

    // "More passages" shows the next ones, privately.
    let more = first_answer["components"][0]["components"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|b| b["custom_id"].as_str())
        .find(|id| id.starts_with("gb:more:"))
        .unwrap_or_else(|| panic!("no More passages button in {first_answer}"));
    let id = fake.next_id();
    let ours = fake::message(fake.next_id(), fake::bot_user(), "");
    fake.dispatch(
        "INTERACTION_CREATE",
        fake::button_click(id, "tok-more", more, ours, plain_member()),
    );
    let (callback, page) = answer_to(&fake, id, "tok-more").await;
    assert_eq!(callback["data"]["flags"], 64);
    assert!(text_of(&page).contains(".md:"), "{page}");

    // A 6,000-character question is answered, and the bot keeps heartbeating.
    let long = "Darf ich Fotos von Kolleginnen und Kollegen auf LinkedIn posten? "
        .repeat(100)
        .chars()
        .take(6000)
        .collect::<String>();
    let id = fake.next_id();
    ask(&fake, id, "tok-long", &long, None, plain_member());
    let (_, answer) = answer_to(&fake, id, "tok-long").await;
    let text = text_of(&answer);
    assert!(text.contains("6000"), "the answer notes the cut: {text}");
    let beats = fake.heartbeats();
    assert!(
        fake.wait_until(Duration::from_secs(5), |f| f.heartbeats() >= beats + 2)
            .await,
        "the bot stopped heartbeating"
    );

    // Graceful shutdown on SIGTERM.
    #[cfg(unix)]
    {
        let status = Command::new("kill")
            .args(["-TERM", &bot.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let deadline = std::time::Instant::now() + Duration::from_secs(10);
        let exited = loop {
            if let Some(status) = bot.child.try_wait().unwrap() {
                break Some(status);
            }
            if std::time::Instant::now() > deadline {
                break None;
            }
            tokio::time::sleep(Duration::from_millis(50)).await;
        };
        let status = exited.expect("guidebot did not stop on SIGTERM");
        assert!(
            status.success(),
            "exit after SIGTERM: {status}; log:\n{}",
            bot.log()
        );
    }
}

/// Every payload the fake sends parses into the serenity type it stands for; a missing
/// field would make serenity drop the event without a word.
#[test]
fn payloads_parse_as_serenity_types() {
    use serenity::all::{Event, GatewayEvent, Guild, Interaction, Message, Ready};

    fn parse<T: serde::de::DeserializeOwned>(what: &str, value: Value) -> T {
        serde_json::from_value(value).unwrap_or_else(|e| panic!("{what}: {e}"))
    }
    let ready: Ready = parse("READY", fake::ready("ws://127.0.0.1:1"));
    assert_eq!(ready.application.id.get(), fake::APPLICATION_ID);
    let _: Guild = parse("GUILD_CREATE", fake::guild_create());
    let member = fake::member(
        fake::MEMBER_ID,
        fake::ALL_PERMISSIONS,
        &[fake::ADMIN_ROLE_ID],
    );
    let command = fake::slash_command(
        1,
        "t",
        "ask",
        json!([{"name": "question", "type": 3, "value": "?"}]),
        member.clone(),
    );
    match parse::<Interaction>("slash command", command.clone()) {
        Interaction::Command(c) => {
            let m = c.member.expect("member");
            assert!(m.permissions.expect("permissions").administrator());
            assert_eq!(m.roles[0].get(), fake::ADMIN_ROLE_ID);
        }
        other => panic!("not a command: {other:?}"),
    }
    let click = fake::button_click(
        2,
        "t",
        "gb:up:1",
        fake::message(3, fake::bot_user(), ""),
        member,
    );
    assert!(matches!(
        parse::<Interaction>("button click", click.clone()),
        Interaction::Component(_)
    ));
    let mention = fake::guild_mention(4, "<@1> hi");
    let m: Message = parse("MESSAGE_CREATE", mention.clone());
    assert!(m.mentions_user_id(fake::BOT_USER_ID));
    let _: serenity::all::CurrentApplicationInfo = parse("application", fake::application());

    // And as whole gateway events, which is where serenity falls back to Unknown.
    for (name, data) in [
        ("READY", fake::ready("ws://127.0.0.1:1")),
        ("GUILD_CREATE", fake::guild_create()),
        ("INTERACTION_CREATE", command),
        ("INTERACTION_CREATE", click),
        ("MESSAGE_CREATE", mention),
    ] {
        let event: GatewayEvent = parse(name, json!({"op": 0, "s": 1, "t": name, "d": data}));
        match event {
            GatewayEvent::Dispatch(_, Event::Unknown(_)) => panic!("{name} parsed as Unknown"),
            GatewayEvent::Dispatch(..) => {}
            other => panic!("{name}: {other:?}"),
        }
    }
}
