//! The bot as a terminal chat: every line is a question, except the commands
//! `/review <draft>` (`/review-photo <draft>` for a post with a picture), `/reindex`,
//! `/guidelines`, `/help`, `/more` and `/quit`. Reads stdin line by line, so
//! it works with piped input too and ends at end of input.

use std::io::{BufRead, IsTerminal, Write};
use std::sync::Arc;

use crate::bot::{Bot, ButtonAction, Caller, Reply};
use crate::engine::Engine;

/// Runs the chat on stdin/stdout until `/quit` or end of input.
pub fn run(engine: Arc<Engine>) -> anyhow::Result<()> {
    let bot = Bot::new(engine);
    let stdin = std::io::stdin();
    let interactive = stdin.is_terminal();
    let result = chat(&bot, stdin.lock(), std::io::stdout().lock(), interactive);
    match result {
        // The reader went away (`guidebot | head`): nothing left to do.
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

/// What a line asks for.
#[derive(Debug, PartialEq, Eq)]
enum Line<'a> {
    Ask(&'a str),
    Review { draft: &'a str, photo: bool },
    Reindex,
    Guidelines,
    Help,
    More,
    Quit,
    Unknown(&'a str),
    Empty,
}

fn parse(line: &str) -> Line<'_> {
    let line = line.trim();
    if line.is_empty() {
        return Line::Empty;
    }
    let Some(command) = line.strip_prefix('/') else {
        return Line::Ask(line);
    };
    let (name, rest) = command
        .split_once(char::is_whitespace)
        .unwrap_or((command, ""));
    match name.to_lowercase().as_str() {
        "ask" => Line::Ask(rest.trim()),
        "review" => Line::Review {
            draft: rest.trim(),
            photo: false,
        },
        "review-photo" => Line::Review {
            draft: rest.trim(),
            photo: true,
        },
        "reindex" => Line::Reindex,
        "guidelines" => Line::Guidelines,
        "help" | "?" => Line::Help,
        "more" => Line::More,
        "quit" | "exit" | "q" => Line::Quit,
        _ => Line::Unknown(name),
    }
}

/// The chat loop, on any input and output (tested with in-memory buffers).
pub fn chat(
    bot: &Bot,
    input: impl BufRead,
    mut output: impl Write,
    interactive: bool,
) -> std::io::Result<()> {
    let caller = Caller::local();
    let mut more: Option<String> = None;
    if interactive {
        writeln!(
            output,
            "guidebot: ask whether you may post something. /help for commands, /quit to leave."
        )?;
    }
    let prompt = |output: &mut dyn Write| -> std::io::Result<()> {
        if interactive {
            write!(output, "> ")?;
            output.flush()?;
        }
        Ok(())
    };
    prompt(&mut output)?;
    for line in input.lines() {
        let line = line?;
        let parsed = parse(&line);
        let pages = matches!(parsed, Line::Ask(_) | Line::More);
        let reply = match parsed {
            Line::Empty => {
                prompt(&mut output)?;
                continue;
            }
            Line::Quit => break,
            Line::Ask(question) => bot.ask(&caller, question),
            Line::Review { draft, photo } => bot.review(&caller, draft, photo),
            Line::Reindex => bot.reindex(&caller),
            Line::Guidelines => bot.guidelines(&caller),
            Line::Help => bot.help(&caller),
            Line::More => match more.as_deref().and_then(|id| bot.button(&caller, id)) {
                Some(reply) => reply,
                None => crate::bot::reply::render_notice("", "No more passages."),
            },
            Line::Unknown(name) => {
                crate::bot::reply::render_notice("", format!("Unknown command /{name}. Try /help."))
            }
        };
        // A new answer or page replaces what /more continues; other commands keep it.
        if pages {
            more = more_button(&reply);
        }
        writeln!(output, "{}", render(&reply))?;
        writeln!(output)?;
        prompt(&mut output)?;
    }
    Ok(())
}

fn more_button(reply: &Reply) -> Option<String> {
    reply
        .buttons
        .iter()
        .find(|b| matches!(ButtonAction::parse(&b.id), Some(ButtonAction::More { .. })))
        .map(|b| b.id.clone())
}

/// A reply as terminal text, with a hint when more passages are available.
fn render(reply: &Reply) -> String {
    let mut text = reply.to_plain_text();
    if more_button(reply).is_some() {
        text.push_str("\n(/more shows further passages)");
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_questions_or_commands() {
        assert_eq!(
            parse("Darf ich das posten?"),
            Line::Ask("Darf ich das posten?")
        );
        assert_eq!(parse("/ask  May I?"), Line::Ask("May I?"));
        assert_eq!(parse(" /reindex "), Line::Reindex);
        assert_eq!(parse("/Guidelines"), Line::Guidelines);
        assert_eq!(parse("/help"), Line::Help);
        assert_eq!(parse("/more"), Line::More);
        assert_eq!(
            parse("/review Umsatz +20 %!"),
            Line::Review {
                draft: "Umsatz +20 %!",
                photo: false
            }
        );
        assert_eq!(
            parse("/review-photo Teamfoto"),
            Line::Review {
                draft: "Teamfoto",
                photo: true
            }
        );
        assert_eq!(parse("/quit"), Line::Quit);
        assert_eq!(parse("/frob x"), Line::Unknown("frob"));
        assert_eq!(parse("   "), Line::Empty);
    }

    #[test]
    fn piped_chat_answers_until_quit() {
        let dir = tempfile::tempdir().unwrap();
        let config = crate::config::Config {
            guidelines: std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("guidelines"),
            index: dir.path().join("index"),
            feedback_file: dir.path().join("feedback.jsonl"),
            ..Default::default()
        };
        let engine = Engine::open(config).unwrap();
        let bot = Bot::new(Arc::new(engine));
        let input = format!(
            "Darf ich Fotos von Kolleginnen und Kollegen posten?\n{}\
             /guidelines\n/frob\n/help\n/quit\n/help\n",
            "/more\n".repeat(20)
        );
        let mut out = Vec::new();
        chat(&bot, input.as_bytes(), &mut out, false).unwrap();
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains(".md:"), "{out}");
        assert!(
            out.contains("No more passages.") || out.contains("no further"),
            "{out}"
        );
        assert!(out.contains("fotos-und-videos.md"), "{out}");
        assert!(out.contains("Unknown command /frob"));
        // /help once: nothing is read after /quit.
        assert_eq!(out.matches("/reindex").count(), 1, "{out}");
    }
}
