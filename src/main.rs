//! The `guidebot` command: parses flags, dispatches, maps errors to exit codes.

use std::io::Read;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};
use guidebot::config::Config;
use guidebot::engine::Engine;

/// Exit codes, documented in the README.
mod exit {
    pub const OK: u8 = 0;
    /// Internal failure, or findings (file errors on `index`, errors on `check`).
    pub const FAILURE: u8 = 1;
    /// Bad usage or input.
    pub const USAGE: u8 = 2;
}

/// guidebot answers "am I allowed to post this?" from your social-media guidelines,
/// quoted and cited.
#[derive(Parser, Debug)]
#[command(name = "guidebot", version, about)]
struct Cli {
    /// Settings file (default: guidebot.toml in the working folder, if present).
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Guidelines folder (default: guidelines; env GUIDEBOT_GUIDELINES).
    #[arg(long, global = true, value_name = "DIR")]
    guidelines: Option<PathBuf>,
    /// Index folder (default: index; env GUIDEBOT_INDEX).
    #[arg(long, global = true, value_name = "DIR")]
    index: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Run the bot: on Discord when DISCORD_TOKEN is set, else as a terminal chat.
    Serve,
    /// Build or refresh the index; exits 1 when a file could not be indexed.
    Index {
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Lint the guidelines folder (no index needed); exits 1 on errors, 0 on warnings only.
    Check {
        /// Print the findings as a JSON array.
        #[arg(long)]
        json: bool,
    },
    /// Ask a question ("-" reads it from standard input).
    Ask {
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// The question.
        #[arg(required = true, num_args = 1..)]
        question: Vec<String>,
    },
    /// Score a question file (JSONL) and print JSON figures; with --drafts, a draft file.
    Eval {
        /// The JSONL file.
        file: PathBuf,
        /// Print each miss to standard error.
        #[arg(long)]
        verbose: bool,
        /// Also score plain BM25 (default tokenizer, no boosts, no abstaining).
        #[arg(long)]
        baseline: bool,
        /// The file holds drafts: score `review` next to plain `ask`.
        #[arg(long)]
        drafts: bool,
    },
    /// Review a draft post against the guidelines ("-" reads it from standard input).
    Review {
        /// The post comes with a photo or video.
        #[arg(long)]
        photo: bool,
        /// Print one JSON object instead of text.
        #[arg(long)]
        json: bool,
        /// The draft.
        #[arg(required = true, num_args = 1..)]
        draft: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let code = if error.use_stderr() {
                exit::USAGE
            } else {
                exit::OK
            };
            let _ = error.print();
            return ExitCode::from(code);
        }
    };
    init_logging();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(error) => {
            eprintln!("guidebot: {error:#}");
            let usage = error.chain().any(|e| {
                matches!(
                    e.downcast_ref::<guidebot::Error>(),
                    Some(guidebot::Error::BadQuestion(_))
                )
            });
            ExitCode::from(if usage { exit::USAGE } else { exit::FAILURE })
        }
    }
}

fn init_logging() {
    // Logs go to stderr so `--json` output on stdout stays one clean object.
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("warn"));
    // The websocket library dumps whole frames at debug and trace, IDENTIFY and the bot
    // token with them: whatever RUST_LOG asks for, it logs no more than info.
    let filter = ["tungstenite=info", "tokio_tungstenite=info"]
        .into_iter()
        .filter_map(|directive| directive.parse().ok())
        .fold(filter, |filter, directive| filter.add_directive(directive));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

fn load_config(cli: &Cli) -> anyhow::Result<Config> {
    let mut config = Config::load(cli.config.as_deref()).context("loading settings")?;
    if let Some(dir) = &cli.guidelines {
        config.guidelines = dir.clone();
    }
    if let Some(dir) = &cli.index {
        config.index = dir.clone();
    }
    Ok(config)
}

fn open_engine(config: Config) -> anyhow::Result<Engine> {
    let guidelines = config.guidelines.display().to_string();
    Engine::open(config).with_context(|| format!("opening the guidelines in {guidelines}"))
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    let config = load_config(&cli)?;
    match cli.command {
        None | Some(Command::Serve) => serve(config),
        Some(Command::Index { json }) => index(config, json),
        Some(Command::Ask { json, question }) => ask(config, json, &question),
        Some(Command::Eval {
            file,
            verbose,
            baseline,
            drafts,
        }) => eval(config, &file, verbose, baseline, drafts),
        Some(Command::Review { photo, json, draft }) => review(config, photo, json, &draft),
        Some(Command::Check { json }) => check(config, json),
    }
}

/// Runs the bot: on Discord when `DISCORD_TOKEN` is set, otherwise the same bot core as
/// a terminal chat, so the README's run command always does something useful.
fn serve(config: Config) -> anyhow::Result<u8> {
    let token = std::env::var("DISCORD_TOKEN")
        .ok()
        .map(|t| t.trim().to_string())
        .filter(|t| !t.is_empty());
    let engine = std::sync::Arc::new(open_engine(config)?);
    // Edits in the guidelines folder re-index by themselves while the bot runs; without a
    // watcher the bot still serves and `/reindex` still works.
    let _watcher = guidebot::watch::spawn_watcher(engine.clone())
        .map_err(|error| tracing::warn!(%error, "not watching the guidelines folder for edits"))
        .ok();
    match token {
        Some(token) => {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .build()
                .context("starting the async runtime")?;
            runtime.block_on(guidebot::adapters::discord::run(engine, token))?;
        }
        None => {
            eprintln!("guidebot: no DISCORD_TOKEN set; chatting in the terminal instead (/help for commands).");
            guidebot::adapters::terminal::run(engine)?;
        }
    }
    Ok(exit::OK)
}

fn index(config: Config, json: bool) -> anyhow::Result<u8> {
    let guidelines = config.guidelines.display().to_string();
    let (_engine, report) = Engine::open_and_reindex(config)
        .with_context(|| format!("indexing the guidelines in {guidelines}"))?;
    if json {
        write_out(&format!("{}\n", serde_json::to_string(&report)?))?;
    } else {
        write_out(&guidebot::render::report_text(&report))?;
    }
    Ok(if report.errors.is_empty() {
        exit::OK
    } else {
        exit::FAILURE
    })
}

fn read_question(words: &[String]) -> anyhow::Result<String> {
    if words.len() == 1 && words[0] == "-" {
        let mut text = String::new();
        std::io::stdin()
            .read_to_string(&mut text)
            .context("reading the question from standard input")?;
        return Ok(text);
    }
    Ok(words.join(" "))
}

fn ask(config: Config, json: bool, words: &[String]) -> anyhow::Result<u8> {
    let question = read_question(words)?;
    let engine = open_engine(config)?;
    let answer = engine.ask(&question)?;
    if json {
        write_out(&format!("{}\n", serde_json::to_string(&answer)?))?;
    } else {
        write_out(&guidebot::render::answer_text(&answer, engine.config()))?;
    }
    Ok(exit::OK)
}

fn check(config: Config, json: bool) -> anyhow::Result<u8> {
    let today = time::OffsetDateTime::now_local()
        .unwrap_or_else(|_| time::OffsetDateTime::now_utc())
        .date();
    let findings = guidebot::check::check(&config.guidelines, &config, today);
    if json {
        write_out(&format!("{}\n", serde_json::to_string(&findings)?))?;
    } else {
        write_out(&guidebot::check::render_text(&findings))?;
    }
    let errors = findings
        .iter()
        .filter(|f| f.severity == guidebot::check::Severity::Error)
        .count();
    Ok(if errors > 0 { exit::FAILURE } else { exit::OK })
}

fn eval(
    config: Config,
    file: &std::path::Path,
    verbose: bool,
    baseline: bool,
    drafts: bool,
) -> anyhow::Result<u8> {
    let engine = open_engine(config)?;
    let json = if drafts {
        let report = guidebot::eval::eval_drafts(&engine, file, verbose)?;
        serde_json::to_string_pretty(&report)?
    } else {
        let mut report = guidebot::eval::eval_questions(&engine, file, verbose)?;
        if baseline {
            report.baseline = Some(guidebot::eval::baseline_questions(&engine, file)?);
        }
        serde_json::to_string_pretty(&report)?
    };
    write_out(&format!("{json}\n"))?;
    Ok(exit::OK)
}

fn review(config: Config, photo: bool, json: bool, words: &[String]) -> anyhow::Result<u8> {
    let draft = read_question(words)?;
    let engine = open_engine(config)?;
    let review = guidebot::review::review(&engine, &draft, photo)?;
    if json {
        write_out(&format!("{}\n", serde_json::to_string(&review)?))?;
    } else {
        write_out(&guidebot::review::render_text(&review, engine.config()))?;
    }
    Ok(exit::OK)
}

/// Writes a command's output. A reader that stops early (`guidebot eval … | head`) is no
/// error: the rest of the output is simply not wanted.
fn write_out(text: &str) -> anyhow::Result<()> {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}
