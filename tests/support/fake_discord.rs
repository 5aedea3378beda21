//! A fake Discord on 127.0.0.1 that speaks API v10, for end-to-end tests of the bot.
//!
//! - REST (hand-rolled HTTP/1.1 on tokio, keep-alive): `GET /api/v10/gateway` and
//!   `/gateway/bot`, `GET /api/v10/users/@me`, `GET /api/v10/oauth2/applications/@me`,
//!   command registration (global and guild), interaction callbacks, webhook edits and
//!   follow-ups, channel messages. Every request is recorded.
//! - Gateway (tokio-tungstenite): HELLO, IDENTIFY → READY + GUILD_CREATE, heartbeats
//!   answered with HEARTBEAT_ACK and counted, and dispatches sent by the test.
//!
//! Payloads carry every field serenity 0.12 requires; a dispatch missing one is silently
//! dropped by serenity (`Event::Unknown`), which `payloads_parse_as_serenity_types` guards.

#![allow(dead_code)]

use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use futures_util::{SinkExt, StreamExt};
use serde_json::{json, Value};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;
use tokio_tungstenite::tungstenite::Message as WsMessage;

pub const APPLICATION_ID: u64 = 1_100_000_000_000_000_001;
/// Deliberately different from the application id, as on real Discord.
pub const BOT_USER_ID: u64 = 1_100_000_000_000_000_002;
pub const GUILD_ID: u64 = 1_100_000_000_000_000_003;
pub const CHANNEL_ID: u64 = 1_100_000_000_000_000_004;
pub const MEMBER_ID: u64 = 1_100_000_000_000_000_005;
pub const ADMIN_ROLE_ID: u64 = 1_100_000_000_000_000_006;
/// The role Discord makes for a bot when it joins a guild.
pub const BOT_ROLE_ID: u64 = 1_100_000_000_000_000_007;
pub const HEARTBEAT_INTERVAL_MS: u64 = 1000;
/// Every permission bit Discord knows, as sent for an administrator.
pub const ALL_PERMISSIONS: &str = "2251799813685247";

/// One request the bot made.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub body: Value,
}

#[derive(Default)]
struct State {
    requests: Mutex<Vec<Request>>,
    heartbeats: AtomicUsize,
    identifies: Mutex<Vec<Value>>,
    gateway: Mutex<Option<mpsc::UnboundedSender<WsMessage>>>,
    seq: AtomicU64,
    ids: AtomicU64,
    /// How many of the next channel messages are refused with 429.
    rate_limited_messages: AtomicUsize,
}

/// A running fake; its servers live as long as the test's tokio runtime.
#[derive(Clone)]
pub struct FakeDiscord {
    pub rest_url: String,
    pub gateway_url: String,
    state: Arc<State>,
}

impl FakeDiscord {
    pub async fn start() -> FakeDiscord {
        let rest = TcpListener::bind("127.0.0.1:0").await.expect("bind REST");
        let gateway = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind gateway");
        let rest_url = format!("http://{}", rest.local_addr().unwrap());
        let gateway_url = format!("ws://{}", gateway.local_addr().unwrap());
        let state = Arc::new(State {
            ids: AtomicU64::new(1_200_000_000_000_000_000),
            ..State::default()
        });
        let fake = FakeDiscord {
            rest_url,
            gateway_url,
            state,
        };
        let f = fake.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = rest.accept().await {
                let f = f.clone();
                tokio::spawn(async move {
                    let _ = f.serve_http(stream).await;
                });
            }
        });
        let f = fake.clone();
        tokio::spawn(async move {
            while let Ok((stream, _)) = gateway.accept().await {
                let f = f.clone();
                tokio::spawn(async move {
                    let _ = f.serve_gateway(stream).await;
                });
            }
        });
        fake
    }

    /// A fresh snowflake.
    pub fn next_id(&self) -> u64 {
        self.state.ids.fetch_add(1, Ordering::SeqCst)
    }

    /// Refuses the next `n` channel messages with 429 Too Many Requests, as Discord does
    /// when a bucket is exhausted.
    pub fn rate_limit_next_messages(&self, n: usize) {
        self.state.rate_limited_messages.store(n, Ordering::SeqCst);
    }

    pub fn requests(&self) -> Vec<Request> {
        self.state.requests.lock().unwrap().clone()
    }

    pub fn heartbeats(&self) -> usize {
        self.state.heartbeats.load(Ordering::SeqCst)
    }

    pub fn identifies(&self) -> Vec<Value> {
        self.state.identifies.lock().unwrap().clone()
    }

    /// Waits until a recorded request matches, polling; `None` after `timeout`.
    pub async fn wait_for(
        &self,
        timeout: Duration,
        matches: impl Fn(&Request) -> bool,
    ) -> Option<Request> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(found) = self.requests().into_iter().find(|r| matches(r)) {
                return Some(found);
            }
            if Instant::now() >= deadline {
                return None;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
    }

    /// Waits until `condition` holds, polling; false after `timeout`.
    pub async fn wait_until(
        &self,
        timeout: Duration,
        condition: impl Fn(&FakeDiscord) -> bool,
    ) -> bool {
        let deadline = Instant::now() + timeout;
        while !condition(self) {
            if Instant::now() >= deadline {
                return false;
            }
            tokio::time::sleep(Duration::from_millis(20)).await;
        }
        true
    }

    /// Sends a dispatch (`op` 0) to the connected bot.
    pub fn dispatch(&self, event: &str, data: Value) {
        let seq = self.state.seq.fetch_add(1, Ordering::SeqCst) + 1;
        let payload = json!({"op": 0, "t": event, "s": seq, "d": data});
        let sender = self.state.gateway.lock().unwrap().clone();
        sender
            .expect("the bot is not connected to the gateway")
            .send(WsMessage::Text(payload.to_string()))
            .expect("gateway connection closed");
    }

    async fn serve_gateway(&self, stream: TcpStream) -> anyhow::Result<()> {
        let ws = tokio_tungstenite::accept_async(stream).await?;
        let (mut sink, mut source) = ws.split();
        let (tx, mut rx) = mpsc::unbounded_channel::<WsMessage>();
        *self.state.gateway.lock().unwrap() = Some(tx.clone());
        tokio::spawn(async move {
            while let Some(message) = rx.recv().await {
                if sink.send(message).await.is_err() {
                    break;
                }
            }
        });
        let hello = json!({"op": 10, "d": {"heartbeat_interval": HEARTBEAT_INTERVAL_MS}});
        tx.send(WsMessage::Text(hello.to_string()))?;
        while let Some(message) = source.next().await {
            let text = match message? {
                WsMessage::Text(text) => text,
                WsMessage::Close(_) => break,
                _ => continue,
            };
            let payload: Value = serde_json::from_str(&text)?;
            match payload["op"].as_u64() {
                Some(1) => {
                    self.state.heartbeats.fetch_add(1, Ordering::SeqCst);
                    tx.send(WsMessage::Text(json!({"op": 11}).to_string()))?;
                }
                Some(2) => {
                    self.state
                        .identifies
                        .lock()
                        .unwrap()
                        .push(payload["d"].clone());
                    self.dispatch("READY", ready(&self.gateway_url));
                    self.dispatch("GUILD_CREATE", guild_create());
                }
                Some(6) => self.dispatch("RESUMED", json!({})),
                _ => {}
            }
        }
        Ok(())
    }

    async fn serve_http(&self, stream: TcpStream) -> anyhow::Result<()> {
        let mut stream = BufReader::new(stream);
        loop {
            let mut request_line = String::new();
            if stream.read_line(&mut request_line).await? == 0 {
                return Ok(());
            }
            let mut parts = request_line.split_whitespace();
            let method = parts.next().unwrap_or("").to_string();
            let path = parts.next().unwrap_or("").to_string();
            let mut content_length = 0;
            loop {
                let mut header = String::new();
                if stream.read_line(&mut header).await? == 0 {
                    return Ok(());
                }
                let header = header.trim_end();
                if header.is_empty() {
                    break;
                }
                if let Some((name, value)) = header.split_once(':') {
                    if name.eq_ignore_ascii_case("content-length") {
                        content_length = value.trim().parse().unwrap_or(0);
                    }
                }
            }
            let mut body = vec![0; content_length];
            stream.read_exact(&mut body).await?;
            let body = serde_json::from_slice(&body).unwrap_or(Value::Null);
            let request = Request { method, path, body };
            let (status, response) = self
                .rate_limited(&request)
                .unwrap_or_else(|| self.route(&request));
            self.state.requests.lock().unwrap().push(request);
            let reason = match status {
                200 => "OK",
                204 => "No Content",
                429 => "Too Many Requests",
                _ => "Not Found",
            };
            let head = match &response {
                Some(body) => format!(
                    "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n",
                    body.len()
                ),
                None => format!("HTTP/1.1 {status} {reason}\r\n\r\n"),
            };
            let stream = stream.get_mut();
            stream.write_all(head.as_bytes()).await?;
            if let Some(body) = response {
                stream.write_all(body.as_bytes()).await?;
            }
            stream.flush().await?;
        }
    }

    /// The 429 answer to a channel message while messages are rate limited.
    fn rate_limited(&self, request: &Request) -> Option<(u16, Option<String>)> {
        let message = request.method == "POST"
            && request.path.starts_with("/api/v10/channels/")
            && request.path.ends_with("/messages");
        let limited = message
            && self
                .state
                .rate_limited_messages
                .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |n| n.checked_sub(1))
                .is_ok();
        limited.then(|| {
            let body = json!({"message": "You are being rate limited.", "retry_after": 0.3, "global": false});
            (429, Some(body.to_string()))
        })
    }

    fn route(&self, request: &Request) -> (u16, Option<String>) {
        let path = request.path.split('?').next().unwrap_or("");
        let Some(path) = path.strip_prefix("/api/v10") else {
            return (
                404,
                Some(json!({"message": "404: Not Found", "code": 0}).to_string()),
            );
        };
        let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
        let ok = |v: Value| (200, Some(v.to_string()));
        match (request.method.as_str(), segments.as_slice()) {
            ("GET", ["gateway"]) => ok(json!({"url": self.gateway_url})),
            ("GET", ["gateway", "bot"]) => ok(json!({
                "url": self.gateway_url,
                "shards": 1,
                "session_start_limit": {"total": 1000, "remaining": 999, "reset_after": 0, "max_concurrency": 1}
            })),
            ("GET", ["users", "@me"]) => ok(bot_user()),
            ("GET", ["oauth2", "applications", "@me"]) => ok(application()),
            ("PUT", ["applications", _, "commands"])
            | ("PUT", ["applications", _, "guilds", _, "commands"]) => ok(json!([])),
            ("POST", ["interactions", _, _, "callback"]) => (204, None),
            ("PATCH", ["webhooks", _, _, "messages", _]) | ("POST", ["webhooks", _, _]) => {
                ok(self.sent_message(&request.body, Some(64)))
            }
            ("POST", ["channels", _, "messages"]) => ok(self.sent_message(&request.body, None)),
            _ => (
                404,
                Some(json!({"message": "404: Not Found", "code": 0}).to_string()),
            ),
        }
    }

    /// The message object Discord returns for a message the bot sent.
    fn sent_message(&self, body: &Value, flags: Option<u64>) -> Value {
        let mut message = message(self.next_id(), bot_user(), "");
        message["flags"] = json!(flags.unwrap_or(0));
        if let Some(components) = body.get("components") {
            message["components"] = components.clone();
        }
        message
    }
}

pub fn user(id: u64, name: &str, bot: bool) -> Value {
    json!({
        "id": id.to_string(),
        "username": name,
        "discriminator": "0",
        "global_name": name,
        "avatar": null,
        "bot": bot,
        "public_flags": 0
    })
}

pub fn bot_user() -> Value {
    user(BOT_USER_ID, "guidebot", true)
}

pub fn application() -> Value {
    json!({
        "id": APPLICATION_ID.to_string(),
        "name": "guidebot",
        "icon": null,
        "description": "Answers from the social-media guidelines",
        "bot_public": false,
        "bot_require_code_grant": false,
        "verify_key": "0000000000000000000000000000000000000000000000000000000000000000",
        "flags": 0,
        "bot": bot_user()
    })
}

pub fn ready(gateway_url: &str) -> Value {
    json!({
        "v": 10,
        "user": bot_user(),
        "guilds": [{"id": GUILD_ID.to_string(), "unavailable": true}],
        "session_id": "fake-session",
        "resume_gateway_url": gateway_url,
        "shard": [0, 1],
        "application": {"id": APPLICATION_ID.to_string(), "flags": 0}
    })
}

pub fn guild_create() -> Value {
    json!({
        "id": GUILD_ID.to_string(),
        "name": "Kranich Software",
        "icon": null,
        "splash": null,
        "discovery_splash": null,
        "owner_id": MEMBER_ID.to_string(),
        "afk_channel_id": null,
        "afk_timeout": 300,
        "verification_level": 0,
        "default_message_notifications": 0,
        "explicit_content_filter": 0,
        "roles": [{
            "id": BOT_ROLE_ID.to_string(),
            "name": "guidebot",
            "color": 0,
            "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null},
            "hoist": false,
            "icon": null,
            "unicode_emoji": null,
            "position": 1,
            "permissions": "0",
            "managed": true,
            "mentionable": false,
            "flags": 0,
            "tags": {"bot_id": BOT_USER_ID.to_string()}
        }],
        "emojis": [],
        "features": [],
        "mfa_level": 0,
        "application_id": null,
        "system_channel_id": null,
        "system_channel_flags": 0,
        "rules_channel_id": null,
        "vanity_url_code": null,
        "description": null,
        "banner": null,
        "premium_tier": 0,
        "preferred_locale": "de",
        "public_updates_channel_id": null,
        "nsfw_level": 0,
        "stickers": [],
        "premium_progress_bar_enabled": false,
        "joined_at": "2024-01-01T00:00:00.000000+00:00",
        "large": false,
        "unavailable": false,
        "member_count": 2,
        "voice_states": [],
        "members": [],
        "channels": [{
            "id": CHANNEL_ID.to_string(),
            "type": 0,
            "guild_id": GUILD_ID.to_string(),
            "name": "allgemein",
            "position": 0,
            "permission_overwrites": [],
            "nsfw": false,
            "parent_id": null
        }],
        "threads": [],
        "presences": [],
        "stage_instances": [],
        "guild_scheduled_events": []
    })
}

/// A guild member as sent with interactions: `permissions` as a string.
pub fn member(user_id: u64, permissions: &str, roles: &[u64]) -> Value {
    json!({
        "user": user(user_id, "kim", false),
        "nick": null,
        "avatar": null,
        "roles": roles.iter().map(|r| r.to_string()).collect::<Vec<_>>(),
        "joined_at": "2024-01-01T00:00:00.000000+00:00",
        "premium_since": null,
        "deaf": false,
        "mute": false,
        "flags": 0,
        "pending": false,
        "permissions": permissions
    })
}

fn interaction(id: u64, token: &str, kind: u8, data: Value, member: Value) -> Value {
    json!({
        "id": id.to_string(),
        "application_id": APPLICATION_ID.to_string(),
        "type": kind,
        "data": data,
        "guild_id": GUILD_ID.to_string(),
        "channel_id": CHANNEL_ID.to_string(),
        "channel": {"id": CHANNEL_ID.to_string(), "type": 0, "name": "allgemein", "permissions": ALL_PERMISSIONS},
        "member": member,
        "token": token,
        "version": 1,
        "app_permissions": ALL_PERMISSIONS,
        "locale": "en-US",
        "guild_locale": "de",
        "entitlements": [],
        "authorizing_integration_owners": {"0": GUILD_ID.to_string()},
        "context": 0,
        "attachment_size_limit": 10485760
    })
}

/// INTERACTION_CREATE for a slash command with `options` (`[{name, type, value}]`).
pub fn slash_command(id: u64, token: &str, name: &str, options: Value, member: Value) -> Value {
    interaction(
        id,
        token,
        2,
        json!({
            "id": "1100000000000000100",
            "name": name,
            "type": 1,
            "options": options,
            "guild_id": GUILD_ID.to_string()
        }),
        member,
    )
}

/// INTERACTION_CREATE for a button click on `message`.
pub fn button_click(id: u64, token: &str, custom_id: &str, message: Value, member: Value) -> Value {
    let mut click = interaction(
        id,
        token,
        3,
        json!({"custom_id": custom_id, "component_type": 2}),
        member,
    );
    click["message"] = message;
    click
}

/// A message object (MESSAGE_CREATE `d`, or a message the bot sent).
pub fn message(id: u64, author: Value, content: &str) -> Value {
    json!({
        "id": id.to_string(),
        "channel_id": CHANNEL_ID.to_string(),
        "author": author,
        "content": content,
        "timestamp": "2024-05-01T09:30:00.000000+00:00",
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": [],
        "embeds": [],
        "pinned": false,
        "type": 0,
        "flags": 0,
        "components": []
    })
}

/// MESSAGE_CREATE in the guild channel by a member, mentioning the bot.
pub fn guild_mention(id: u64, content: &str) -> Value {
    let mut m = message(id, user(MEMBER_ID, "kim", false), content);
    m["guild_id"] = json!(GUILD_ID.to_string());
    m["mentions"] = json!([bot_user()]);
    m["member"] = json!({
        "roles": [],
        "joined_at": "2024-01-01T00:00:00.000000+00:00",
        "deaf": false,
        "mute": false,
        "flags": 0
    });
    m
}

pub const DM_CHANNEL_ID: u64 = 1_100_000_000_000_000_007;

/// MESSAGE_CREATE in a direct message to the bot (no guild, no member, no mention).
pub fn direct_message(id: u64, content: &str) -> Value {
    let mut m = message(id, user(MEMBER_ID, "kim", false), content);
    m["channel_id"] = json!(DM_CHANNEL_ID.to_string());
    m
}
