//! The Discord adapter (serenity 0.12): converts Discord events into calls on the
//! platform-neutral [`Bot`] and its [`Reply`]s into serenity builders. No command logic
//! lives here.
//!
//! - Slash commands `/ask`, `/review`, `/reindex`, `/guidelines` and `/help`, and the message
//!   command "Check against guidelines" (a draft review of the message), are registered at start,
//!   for one guild when `GUIDEBOT_DISCORD_GUILD_ID` is set, else globally.
//! - A message that mentions the bot (or the role Discord made for it), and any DM, is a
//!   question; the answer replies to it.
//! - Buttons under answers: 👍 / 👎 and "More passages"; clicks on messages the bot didn't
//!   send, or on buttons it didn't make, change nothing and get a short private notice.
//! - Every message carries empty `allowed_mentions`, so nothing the bot quotes can ping.
//! - Interactions are answered within Discord's 3 seconds: quick work is answered at
//!   once, slow work (always `/reindex`) is deferred and the original response edited.
//! - `GUIDEBOT_DISCORD_API_URL` points serenity's REST client at a proxy or a fake
//!   (serenity honours its proxy setting only with its rate limiter off).

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use std::time::Duration;

use anyhow::Context as _;
use serenity::all::{
    ButtonStyle, Command, CommandInteraction, CommandOptionType, CommandType, ComponentInteraction,
    Context, CreateActionRow, CreateAllowedMentions, CreateButton, CreateCommand,
    CreateCommandOption, CreateEmbed, CreateEmbedFooter, CreateInteractionResponse,
    CreateInteractionResponseMessage, CreateMessage, EditInteractionResponse, EventHandler,
    GatewayError, GatewayIntents, Guild, GuildId, Http, HttpBuilder, Interaction,
    InteractionContext, InteractionId, Member, Message, MessageReference, ReactionType, Ready,
    ResolvedValue, RoleId, User, UserId,
};
use serenity::builder::Builder as _;
use serenity::client::ClientBuilder;

use crate::bot::{self, fit, Bot, Caller, Limits, Place, Reply};
use crate::config::Config;
use crate::engine::Engine;
use crate::lang::Lang;

/// How long an interaction's work may take before it is deferred (Discord allows 3 s).
const ANSWER_AT_ONCE_WITHIN: Duration = Duration::from_millis(2000);

/// How long closing the gateway connection may take on SIGTERM / Ctrl-C.
const SHUTDOWN_WITHIN: Duration = Duration::from_secs(5);

/// Pauses before sending a REST request again when Discord answers 429 (too many
/// requests) or 502 (no gateway free to process it): its advice is to wait and retry.
/// serenity retries by itself only with its rate limiter on, which a custom API URL
/// turns off.
const RETRY_PAUSES: [Duration; 3] = [
    Duration::from_millis(500),
    Duration::from_secs(1),
    Duration::from_secs(2),
];

/// Runs the bot until the connection ends or SIGTERM / Ctrl-C.
pub async fn run(engine: Arc<Engine>, token: String) -> anyhow::Result<()> {
    let token = token.trim().to_string();
    anyhow::ensure!(
        !token.is_empty(),
        "DISCORD_TOKEN is empty: set it to the bot token from Discord's developer portal"
    );
    let config = engine.config().clone();
    let bot = Arc::new(Bot::new(engine));

    let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
    tokio::spawn(async move {
        shutdown_signal().await;
        tracing::info!("shutdown requested");
        let _ = stop_tx.send(true);
    });

    let mut intents = GatewayIntents::GUILDS
        | GatewayIntents::GUILD_MESSAGES
        | GatewayIntents::DIRECT_MESSAGES
        | GatewayIntents::MESSAGE_CONTENT;
    loop {
        let handler = Handler {
            bot: Arc::clone(&bot),
            config: config.clone(),
            me: OnceLock::new(),
            bot_roles: Mutex::new(HashMap::new()),
            registered: AtomicBool::new(false),
        };
        let mut client = ClientBuilder::new_with_http(http(&token, &config), intents)
            .event_handler(handler)
            .await
            .context("setting up the Discord client")?;
        let manager = Arc::clone(&client.shard_manager);
        let mut stop = stop_rx.clone();
        tracing::info!(?intents, "connecting to Discord");
        // Stop waits for nobody: while no shard is connected (start-up, a reconnect),
        // serenity's shutdown has no shard to tell and `start` would not return.
        let result = tokio::select! {
            result = client.start() => result,
            _ = stop.wait_for(|stop| *stop) => {
                let closed = tokio::time::timeout(SHUTDOWN_WITHIN, manager.shutdown_all()).await;
                if closed.is_err() {
                    tracing::warn!("the gateway did not close in time; stopping anyway");
                }
                return Ok(());
            }
        };
        match result {
            Ok(()) => return Ok(()),
            Err(_) if *stop_rx.borrow() => return Ok(()),
            Err(serenity::Error::Gateway(GatewayError::DisallowedGatewayIntents))
                if intents.contains(GatewayIntents::MESSAGE_CONTENT) =>
            {
                tracing::warn!(
                    "Discord refused the Message Content intent: it is not enabled for this \
                     application (developer portal → Bot → Privileged Gateway Intents). \
                     Continuing without it: slash commands, mentions and DMs still work."
                );
                intents.remove(GatewayIntents::MESSAGE_CONTENT);
            }
            Err(serenity::Error::Gateway(GatewayError::InvalidAuthentication)) => {
                anyhow::bail!("Discord refused DISCORD_TOKEN: check the bot token")
            }
            Err(e) => return Err(anyhow::Error::new(e).context("Discord connection failed")),
        }
    }
}

/// The REST client: empty `allowed_mentions` by default, and the API base URL override.
fn http(token: &str, config: &Config) -> Http {
    let mut builder =
        HttpBuilder::new(token).default_allowed_mentions(CreateAllowedMentions::new());
    if let Some(url) = &config.discord.api_url {
        let url = api_origin(url);
        tracing::info!(%url, "using a custom Discord API URL");
        builder = builder.proxy(url).ratelimiter_disabled(true);
    }
    builder.build()
}

/// The scheme and host of a Discord API URL. serenity puts its proxy in place of
/// `https://discord.com` and adds `/api/v10/…` itself, while Discord's documentation
/// calls `https://discord.com/api` (or `…/api/v10`) the base URL: either form works.
fn api_origin(url: &str) -> &str {
    let url = url.trim().trim_end_matches('/');
    let Some((rest, last)) = url.rsplit_once('/') else {
        return url;
    };
    let versioned =
        last.len() > 1 && last.starts_with('v') && last[1..].chars().all(|c| c.is_ascii_digit());
    let url = if versioned { rest } else { url };
    url.strip_suffix("/api").unwrap_or(url)
}

async fn shutdown_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(e) => {
                tracing::warn!("can't listen for SIGTERM: {e}");
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Sends a REST request, and again after a pause while Discord answers that it can't
/// take it now (429, 502); other outcomes are returned as they are.
async fn with_retries<T, F, Fut>(what: &str, mut send: F) -> serenity::Result<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = serenity::Result<T>>,
{
    let mut pauses = RETRY_PAUSES.iter();
    loop {
        match send().await {
            Err(e) if is_busy(&e) => match pauses.next() {
                Some(pause) => {
                    tracing::info!(what, ?pause, "Discord is busy ({e}); trying again");
                    tokio::time::sleep(*pause).await;
                }
                None => return Err(e),
            },
            other => return other,
        }
    }
}

/// Sends a reply with [`with_retries`]; a failure is logged (the user sees nothing
/// either way, and the bot goes on).
async fn send_or_warn<T, F, Fut>(what: &str, send: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = serenity::Result<T>>,
{
    if let Err(e) = with_retries(what, send).await {
        tracing::warn!("{what} failed: {e}");
    }
}

/// Whether Discord refused a request for now only: rate limited or no gateway free.
fn is_busy(error: &serenity::Error) -> bool {
    match error {
        serenity::Error::Http(http) => http.status_code().is_some_and(is_busy_status),
        _ => false,
    }
}

fn is_busy_status(status: serenity::http::StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 502)
}

/// The message context-menu command (right-click a message → Apps).
pub const CHECK_MESSAGE: &str = "Check against guidelines";

/// The slash commands, each with a description (Discord refuses commands without one).
pub fn commands() -> Vec<CreateCommand> {
    vec![
        CreateCommand::new("ask")
            .description("Ask whether you may post something: answered from the guidelines, cited")
            .description_localized(
                "de",
                "Frag, ob du etwas posten darfst: Antwort aus den Richtlinien, mit Quelle",
            )
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::String,
                    "question",
                    "Your question, e.g. May I post a photo from the team event?",
                )
                .description_localized(
                    "de",
                    "Deine Frage, z. B. Darf ich ein Foto vom Teamevent posten?",
                )
                .required(true),
            )
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::Boolean,
                    "public",
                    "Show the answer to the whole channel (default: only to you)",
                )
                .description_localized(
                    "de",
                    "Antwort für den ganzen Kanal zeigen (sonst nur für dich)",
                )
                .required(false),
            ),
        CreateCommand::new("reindex")
            .description("Admins: re-read the guidelines and rebuild the search index")
            .description_localized(
                "de",
                "Admins: Richtlinien neu einlesen und den Suchindex neu bauen",
            )
            .dm_permission(false)
            .contexts(vec![InteractionContext::Guild]),
        CreateCommand::new("guidelines")
            .description("List the guideline documents with owner and review date")
            .description_localized(
                "de",
                "Die Richtlinien-Dokumente mit Verantwortlichen und Prüfdatum",
            ),
        CreateCommand::new("review")
            .description("Check a draft post against the guidelines: findings with citations")
            .description_localized(
                "de",
                "Prüfe einen Post-Entwurf gegen die Richtlinien: Funde mit Quellen",
            )
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::String,
                    "draft",
                    "The text of your post, e.g. Great day at the summer party!",
                )
                .description_localized(
                    "de",
                    "Der Text deines Posts, z. B. Schöner Tag beim Sommerfest!",
                )
                .required(true),
            )
            .add_option(
                CreateCommandOption::new(
                    CommandOptionType::Boolean,
                    "photo",
                    "The post includes a photo or video",
                )
                .description_localized("de", "Der Post enthält ein Foto oder Video")
                .required(false),
            ),
        CreateCommand::new(CHECK_MESSAGE)
            .kind(CommandType::Message)
            .name_localized("de", "Mit Richtlinien abgleichen"),
        CreateCommand::new("help")
            .description("How to ask guidebot, what it can and can't do, whom to contact")
            .description_localized(
                "de",
                "So fragst du guidebot, was er kann und nicht kann, wen du fragst",
            ),
    ]
}

struct Handler {
    bot: Arc<Bot>,
    config: Config,
    /// The bot's own user (from READY): to spot mentions and our own messages.
    me: OnceLock<UserId>,
    /// The roles Discord made for bots in each guild, with their bot: people often pick
    /// the bot's role instead of the bot when they type "@guidebot".
    bot_roles: Mutex<HashMap<RoleId, UserId>>,
    registered: AtomicBool,
}

#[serenity::async_trait]
impl EventHandler for Handler {
    async fn ready(&self, ctx: Context, ready: Ready) {
        let _ = self.me.set(ready.user.id);
        tracing::info!(
            user = %ready.user.name,
            guilds = ready.guilds.len(),
            "connected to Discord"
        );
        if self.registered.swap(true, Ordering::SeqCst) {
            return;
        }
        let result = match self.config.discord.guild_id {
            Some(guild) => with_retries("registering commands", || {
                GuildId::new(guild).set_commands(&ctx.http, commands())
            })
            .await
            .map(|c| (c.len(), "guild")),
            None => with_retries("registering commands", || {
                Command::set_global_commands(&ctx.http, commands())
            })
            .await
            .map(|c| (c.len(), "global")),
        };
        match result {
            Ok((count, scope)) => tracing::info!(count, scope, "slash commands registered"),
            Err(e) => {
                self.registered.store(false, Ordering::SeqCst);
                tracing::error!("registering slash commands failed: {e}");
            }
        }
    }

    async fn guild_create(&self, _ctx: Context, guild: Guild, _is_new: Option<bool>) {
        let mut bot_roles = self.bot_roles.lock().unwrap_or_else(|e| e.into_inner());
        for role in guild.roles.values() {
            if let Some(bot) = role.tags.bot_id {
                bot_roles.insert(role.id, bot);
            }
        }
    }

    async fn interaction_create(&self, ctx: Context, interaction: Interaction) {
        match interaction {
            Interaction::Command(command) => self.command(&ctx, command).await,
            Interaction::Component(click) => self.click(&ctx, click).await,
            _ => {}
        }
    }

    async fn message(&self, ctx: Context, msg: Message) {
        if msg.author.bot {
            return;
        }
        let Some(me) = self.me(&ctx).await else {
            return;
        };
        let direct = msg.guild_id.is_none();
        // Discord lists mentioned users in `mentions`; the raw `<@id>` in the text counts
        // too, in case a client or proxy leaves the list empty. The bot's own role
        // stands for the bot.
        let own_roles = self.own_roles(me);
        let mentioned = msg.mentions_user_id(me)
            || msg.content.contains(&format!("<@{me}>"))
            || msg.content.contains(&format!("<@!{me}>"))
            || msg.mention_roles.iter().any(|r| own_roles.contains(r));
        if !direct && !mentioned {
            return;
        }
        let question = strip_mention(&msg.content, me, &own_roles);
        let caller = Caller {
            user: user_key(&msg.author),
            lang: None,
            permissions: None,
            roles: Vec::new(),
            place: if direct { Place::Direct } else { Place::Guild },
        };
        tracing::debug!(
            direct,
            chars = question.chars().count(),
            "question by message"
        );
        let bot = Arc::clone(&self.bot);
        let lang = crate::lang::detect(&question).unwrap_or(Lang::En);
        let reply = blocking(lang, move || bot.ask(&caller, &question)).await;
        // Still answer (without the reply link) if the question was deleted meanwhile.
        let mut reference = MessageReference::from(&msg);
        reference.fail_if_not_exists = Some(false);
        let builder = channel_message(&reply).reference_message(reference);
        send_or_warn("sending the answer to a message", || {
            msg.channel_id.send_message(&ctx.http, builder.clone())
        })
        .await;
    }
}

impl Handler {
    async fn command(&self, ctx: &Context, command: CommandInteraction) {
        let caller = caller(
            &command.user,
            command.member.as_deref(),
            command.guild_id,
            &command.locale,
        );
        let lang = caller.lang.unwrap_or(Lang::En);
        let bot = Arc::clone(&self.bot);
        let (id, token) = (command.id, command.token.as_str());
        tracing::debug!(command = %command.data.name, "slash command");
        match command.data.name.as_str() {
            "ask" => {
                let (question, public) = ask_options(&command);
                respond(
                    ctx,
                    (id, token),
                    !public,
                    lang,
                    Some(ANSWER_AT_ONCE_WITHIN),
                    move || bot.ask(&caller, &question),
                )
                .await
            }
            "review" => {
                let (draft, photo) = review_options(&command);
                respond(
                    ctx,
                    (id, token),
                    true,
                    lang,
                    Some(ANSWER_AT_ONCE_WITHIN),
                    move || bot.review(&caller, &draft, photo),
                )
                .await
            }
            CHECK_MESSAGE => {
                let draft = target_message_content(&command);
                respond(
                    ctx,
                    (id, token),
                    true,
                    lang,
                    Some(ANSWER_AT_ONCE_WITHIN),
                    move || bot.review(&caller, &draft, false),
                )
                .await
            }
            "reindex" => match bot.reindex_refusal(&caller) {
                Some(refusal) => {
                    respond(
                        ctx,
                        (id, token),
                        true,
                        lang,
                        Some(ANSWER_AT_ONCE_WITHIN),
                        move || refusal,
                    )
                    .await
                }
                None => {
                    respond(ctx, (id, token), true, lang, None, move || {
                        bot.reindex(&caller)
                    })
                    .await
                }
            },
            "guidelines" => {
                respond(
                    ctx,
                    (id, token),
                    true,
                    lang,
                    Some(ANSWER_AT_ONCE_WITHIN),
                    move || bot.guidelines(&caller),
                )
                .await
            }
            "help" => {
                respond(
                    ctx,
                    (id, token),
                    true,
                    lang,
                    Some(ANSWER_AT_ONCE_WITHIN),
                    move || bot.help(&caller),
                )
                .await
            }
            other => {
                tracing::warn!(command = other, "unknown slash command");
                let reply = bot::reply::render_notice("❓", "Unknown command. Try /help.");
                respond(
                    ctx,
                    (id, token),
                    true,
                    lang,
                    Some(ANSWER_AT_ONCE_WITHIN),
                    move || reply,
                )
                .await
            }
        }
    }

    async fn click(&self, ctx: &Context, click: ComponentInteraction) {
        let Some(me) = self.me(ctx).await else { return };
        let custom_id = click.data.custom_id.clone();
        let caller = caller(
            &click.user,
            click.member.as_ref(),
            click.guild_id,
            &click.locale,
        );
        let lang = caller.lang.unwrap_or(Lang::En);
        let bot = Arc::clone(&self.bot);
        // A click on a message the bot didn't send, or on a button it didn't make, does
        // nothing, but is answered: Discord shows "This interaction failed" otherwise.
        let ours = click.message.author.id == me && bot::ButtonAction::parse(&custom_id).is_some();
        if !ours {
            tracing::debug!(%custom_id, "a click on a button the bot didn't make");
        }
        respond(
            ctx,
            (click.id, click.token.as_str()),
            true,
            lang,
            Some(ANSWER_AT_ONCE_WITHIN),
            move || {
                ours.then(|| bot.button(&caller, &custom_id))
                    .flatten()
                    .unwrap_or_else(|| {
                        bot::reply::render_notice("", "This button is not one of mine.")
                    })
            },
        )
        .await
    }

    /// The roles Discord made for this bot, in the guilds seen so far.
    fn own_roles(&self, me: UserId) -> Vec<RoleId> {
        let bot_roles = self.bot_roles.lock().unwrap_or_else(|e| e.into_inner());
        bot_roles
            .iter()
            .filter(|(_, bot)| **bot == me)
            .map(|(role, _)| *role)
            .collect()
    }

    /// The bot's own user: from READY, or asked of Discord when an event is handled
    /// before READY's handler has run (serenity runs handlers concurrently).
    async fn me(&self, ctx: &Context) -> Option<UserId> {
        if let Some(&me) = self.me.get() {
            return Some(me);
        }
        match with_retries("asking for the bot's own user", || {
            ctx.http.get_current_user()
        })
        .await
        {
            Ok(user) => Some(*self.me.get_or_init(|| user.id)),
            Err(e) => {
                tracing::warn!("can't tell the bot's own user: {e}");
                None
            }
        }
    }
}

/// `discord:<user id>`: the key for rate limits and (hashed) feedback.
fn user_key(user: &User) -> String {
    format!("discord:{}", user.id)
}

/// Who clicked or typed, as plain data for the bot core.
fn caller(user: &User, member: Option<&Member>, guild: Option<GuildId>, locale: &str) -> Caller {
    Caller {
        user: user_key(user),
        lang: Lang::from_tag(locale),
        permissions: member.and_then(|m| m.permissions).map(|p| p.bits()),
        roles: member
            .map(|m| m.roles.iter().map(|r| r.get()).collect())
            .unwrap_or_default(),
        place: if guild.is_some() {
            Place::Guild
        } else {
            Place::Direct
        },
    }
}

fn ask_options(command: &CommandInteraction) -> (String, bool) {
    let mut question = String::new();
    let mut public = false;
    for option in command.data.options() {
        match (option.name, option.value) {
            ("question", ResolvedValue::String(text)) => question = text.to_string(),
            ("public", ResolvedValue::Boolean(value)) => public = value,
            _ => {}
        }
    }
    (question, public)
}

fn review_options(command: &CommandInteraction) -> (String, bool) {
    let mut draft = String::new();
    let mut photo = false;
    for option in command.data.options() {
        match (option.name, option.value) {
            ("draft", ResolvedValue::String(text)) => draft = text.to_string(),
            ("photo", ResolvedValue::Boolean(value)) => photo = value,
            _ => {}
        }
    }
    (draft, photo)
}

/// The content of the message a context-menu command was used on (empty if unknown).
fn target_message_content(command: &CommandInteraction) -> String {
    command
        .data
        .target_id
        .and_then(|target| {
            command
                .data
                .resolved
                .messages
                .get(&target.to_message_id())
                .map(|m| m.content.clone())
        })
        .unwrap_or_default()
}

/// The message text without the bot's own mention (`<@id>`, `<@!id>`, or its role's
/// `<@&id>`).
fn strip_mention(content: &str, me: UserId, own_roles: &[RoleId]) -> String {
    let mut text = content
        .replace(&format!("<@{me}>"), " ")
        .replace(&format!("<@!{me}>"), " ");
    for role in own_roles {
        text = text.replace(&format!("<@&{role}>"), " ");
    }
    text.trim().to_string()
}

/// Runs blocking bot work off the async runtime; a panic becomes an error reply.
async fn blocking(lang: Lang, work: impl FnOnce() -> Reply + Send + 'static) -> Reply {
    joined(lang, tokio::task::spawn_blocking(work).await)
}

fn joined(lang: Lang, result: Result<Reply, tokio::task::JoinError>) -> Reply {
    result.unwrap_or_else(|e| bot::report_internal_error(lang, "a bot task", &e))
}

/// Answers an interaction with `work`'s reply: at once when it finishes within `wait`,
/// otherwise (and always when `wait` is `None`) after a deferral, by editing the original.
async fn respond(
    ctx: &Context,
    (id, token): (InteractionId, &str),
    ephemeral: bool,
    lang: Lang,
    wait: Option<Duration>,
    work: impl FnOnce() -> Reply + Send + 'static,
) {
    let mut task = tokio::task::spawn_blocking(work);
    if let Some(wait) = wait {
        if let Ok(result) = tokio::time::timeout(wait, &mut task).await {
            let reply = joined(lang, result);
            let message = interaction_message(&reply, ephemeral || reply.ephemeral);
            let response = CreateInteractionResponse::Message(message);
            send_or_warn("answering an interaction", || {
                response.clone().execute(&ctx.http, (id, token))
            })
            .await;
            return;
        }
    }
    let defer = CreateInteractionResponse::Defer(
        CreateInteractionResponseMessage::new().ephemeral(ephemeral),
    );
    send_or_warn("deferring an interaction", || {
        defer.clone().execute(&ctx.http, (id, token))
    })
    .await;
    let reply = joined(lang, task.await);
    let edit = edit_message(&reply);
    send_or_warn("editing a deferred interaction response", || {
        edit.clone().execute(&ctx.http, token)
    })
    .await;
}

/// A reply as an embed (already fitted to Discord's limits).
fn embed(reply: &Reply) -> CreateEmbed {
    let mut embed = CreateEmbed::new();
    if !reply.title.is_empty() {
        embed = embed.title(&reply.title);
    }
    if !reply.description.is_empty() {
        embed = embed.description(&reply.description);
    }
    for field in &reply.fields {
        embed = embed.field(&field.name, field.full_value(), false);
    }
    if let Some(footer) = &reply.footer {
        embed = embed.footer(CreateEmbedFooter::new(footer));
    }
    if let Some(color) = reply.color {
        embed = embed.colour(color);
    }
    embed
}

fn components(reply: &Reply) -> Vec<CreateActionRow> {
    reply
        .buttons
        .chunks(5)
        .take(5)
        .map(|row| {
            CreateActionRow::Buttons(
                row.iter()
                    .map(|b| {
                        let button = CreateButton::new(&b.id)
                            .label(&b.label)
                            .style(ButtonStyle::Secondary);
                        match &b.emoji {
                            Some(emoji) => button.emoji(ReactionType::Unicode(emoji.clone())),
                            None => button,
                        }
                    })
                    .collect(),
            )
        })
        .collect()
}

/// The interaction response for `reply`.
pub fn interaction_message(reply: &Reply, ephemeral: bool) -> CreateInteractionResponseMessage {
    let reply = fit(reply.clone(), &Limits::DISCORD);
    let mut message = CreateInteractionResponseMessage::new()
        .embed(embed(&reply))
        .components(components(&reply))
        .ephemeral(ephemeral)
        .allowed_mentions(CreateAllowedMentions::new());
    if let Some(content) = reply.content.as_deref().filter(|c| !c.is_empty()) {
        message = message.content(content);
    }
    message
}

/// The edit of a deferred interaction response for `reply`.
pub fn edit_message(reply: &Reply) -> EditInteractionResponse {
    let reply = fit(reply.clone(), &Limits::DISCORD);
    let mut message = EditInteractionResponse::new()
        .embed(embed(&reply))
        .components(components(&reply))
        .allowed_mentions(CreateAllowedMentions::new());
    if let Some(content) = reply.content.as_deref().filter(|c| !c.is_empty()) {
        message = message.content(content);
    }
    message
}

/// A channel message for `reply` (answers to mentions and DMs).
pub fn channel_message(reply: &Reply) -> CreateMessage {
    let reply = fit(reply.clone(), &Limits::DISCORD);
    let mut message = CreateMessage::new()
        .embed(embed(&reply))
        .components(components(&reply))
        .allowed_mentions(CreateAllowedMentions::new());
    if let Some(content) = reply.content.as_deref().filter(|c| !c.is_empty()) {
        message = message.content(content);
    }
    message
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answer::Verdict;
    use crate::bot::reply::{render_answer, tests::answer, AnswerContext};
    use serde_json::{json, Value};

    fn answer_reply(quote_len: usize) -> Reply {
        let config = Config::default();
        let mut a = answer(Lang::En, Some(Verdict::Allowed), 3, 2);
        for p in &mut a.passages {
            p.text = format!("@everyone {}", "x".repeat(quote_len));
        }
        render_answer(
            &a,
            &AnswerContext {
                config: &config,
                built_at: time::OffsetDateTime::UNIX_EPOCH,
                answer_id: Some("a1"),
                truncated_from: None,
            },
        )
    }

    #[test]
    fn every_command_and_option_has_a_description() {
        let commands = serde_json::to_value(commands()).unwrap();
        for command in commands.as_array().unwrap() {
            if command["type"] == 3 {
                // Message commands have a name only; Discord refuses a description.
                assert_eq!(command["name"], CHECK_MESSAGE);
                assert_eq!(command["description"].as_str().unwrap_or(""), "");
                continue;
            }
            assert!(
                !command["description"].as_str().unwrap_or("").is_empty(),
                "{command}"
            );
            assert!(command["description"].as_str().unwrap().chars().count() <= 100);
            for option in command["options"].as_array().into_iter().flatten() {
                assert!(!option["description"].as_str().unwrap_or("").is_empty());
                assert!(option["description"].as_str().unwrap().chars().count() <= 100);
            }
        }
        let reindex = &commands[1];
        assert_eq!(reindex["name"], "reindex");
        assert_eq!(reindex["dm_permission"], false);
        assert_eq!(reindex["contexts"], json!([0]));
    }

    #[test]
    fn responses_never_ping_and_respect_ephemerality() {
        let reply = answer_reply(20);
        let private = serde_json::to_value(interaction_message(&reply, true)).unwrap();
        assert_eq!(private["allowed_mentions"]["parse"], json!([]));
        assert_eq!(private["flags"], 64);
        let public = serde_json::to_value(interaction_message(&reply, false)).unwrap();
        assert_ne!(public["flags"], 64);
        let embed = &private["embeds"][0];
        assert_eq!(embed["title"], "✅ Allowed");
        assert!(embed["fields"][0]["value"]
            .as_str()
            .unwrap()
            .ends_with("`de/social-media-richtlinie.md:1-4`"));
        let buttons = &private["components"][0]["components"];
        assert_eq!(buttons.as_array().unwrap().len(), 3);
        assert_eq!(buttons[0]["custom_id"], "gb:up:a1");
        for builder in [
            serde_json::to_value(edit_message(&reply)).unwrap(),
            serde_json::to_value(channel_message(&reply)).unwrap(),
        ] {
            assert_eq!(builder["allowed_mentions"]["parse"], json!([]));
        }
    }

    #[test]
    fn oversized_answers_are_fitted_before_sending() {
        let reply = answer_reply(5000);
        let message = serde_json::to_value(channel_message(&reply)).unwrap();
        let embed = &message["embeds"][0];
        let mut total = 0;
        for field in embed["fields"].as_array().unwrap() {
            let value = field["value"].as_str().unwrap();
            assert!(value.chars().count() <= 1024);
            assert!(value.contains('…'));
            total += value.chars().count() + field["name"].as_str().unwrap().chars().count();
        }
        let text = |v: &Value| v.as_str().map_or(0, |s| s.chars().count());
        total +=
            text(&embed["title"]) + text(&embed["description"]) + text(&embed["footer"]["text"]);
        assert!(total <= 6000);
    }

    #[test]
    fn api_urls_are_cut_to_their_origin() {
        for url in [
            "http://127.0.0.1:9000",
            "http://127.0.0.1:9000/",
            "http://127.0.0.1:9000/api",
            "http://127.0.0.1:9000/api/v10/",
        ] {
            assert_eq!(api_origin(url), "http://127.0.0.1:9000", "{url}");
        }
        assert_eq!(
            api_origin("https://proxy.example/discord/api/v9"),
            "https://proxy.example/discord"
        );
    }

    #[test]
    fn only_refusals_for_now_are_retried() {
        use serenity::http::StatusCode;
        let busy = |code: u16| is_busy_status(StatusCode::from_u16(code).unwrap());
        assert!(busy(429));
        assert!(busy(502));
        assert!(!busy(400));
        assert!(!busy(403));
        assert!(!busy(404));
        assert!(!is_busy(&serenity::Error::Other("not a refusal")));
    }

    #[test]
    fn mentions_are_stripped_from_questions() {
        let me = UserId::new(42);
        let roles = [RoleId::new(7)];
        assert_eq!(
            strip_mention("<@42> May I post this?", me, &roles),
            "May I post this?"
        );
        assert_eq!(
            strip_mention("Hey <@!42>, may I?", me, &roles),
            "Hey  , may I?"
        );
        assert_eq!(strip_mention("<@&7> may I?", me, &roles), "may I?");
        assert_eq!(
            strip_mention("<@43> hi <@&8>", me, &roles),
            "<@43> hi <@&8>"
        );
    }
}
