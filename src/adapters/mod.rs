//! Chat adapters: each turns its platform's events into calls on the platform-neutral
//! [`crate::bot::Bot`] and shows the [`crate::bot::Reply`] it gets back.
//!
//! - [`discord`]: slash commands, mentions and DMs, buttons (serenity).
//! - [`terminal`]: the same bot as an interactive chat on stdin/stdout, for machines
//!   without a Discord token.

pub mod discord;
pub mod terminal;
