//! guidebot answers "am I allowed to post this?" from a company's own social-media
//! guidelines: the rule quoted word for word, cited to file, heading and lines.
//!
//! Data flows through the modules in this order:
//! guideline files ([`document`], [`front_matter`], [`section`]) → analysis
//! ([`analysis`], [`synonyms`]) → [`index`] → [`search`] ([`scope`], [`audience`]) → [`answer`] (passages, verdicts, [`amounts`])
//! ([`engine`] serves it, [`watch`] keeps it fresh) → the chat-neutral [`bot`] core →
//! [`adapters`] (terminal, Discord). [`review`], [`check`] and [`eval`] build on the same core.

pub mod document;
pub mod error;
pub mod front_matter;
pub mod lang;
pub mod section;

pub use error::{Error, Result};
pub mod adapters;
pub mod amounts;
pub mod analysis;
pub mod answer;
pub mod audience;
pub mod bot;
pub mod check;
pub mod config;
pub mod engine;
pub mod eval;
pub mod index;
pub mod passage;
pub mod render;
pub mod review;
pub mod scope;
pub mod search;
pub mod synonyms;
pub mod verdict;
pub mod watch;
