//! What guidebot answers: cited passages, best first, with the verdict they carry.
//! This is the `ask --json` contract: fields may be added, never renamed or removed.

use serde::{Deserialize, Serialize};

use crate::lang::Lang;

/// What a guideline says about doing something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Allowed,
    NotAllowed,
    NeedsApproval,
    /// Allowed only under conditions the passage states.
    Conditional,
}

impl Verdict {
    /// How strict a verdict is: a draft gets the strictest verdict among its rules.
    pub fn strictness(self) -> u8 {
        match self {
            Verdict::Allowed => 0,
            Verdict::Conditional => 1,
            Verdict::NeedsApproval => 2,
            Verdict::NotAllowed => 3,
        }
    }

    /// Whether the verdict holds the asker back: "not allowed" or "ask first".
    pub fn restricts(self) -> bool {
        matches!(self, Verdict::NotAllowed | Verdict::NeedsApproval)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Allowed => "allowed",
            Verdict::NotAllowed => "not_allowed",
            Verdict::NeedsApproval => "needs_approval",
            Verdict::Conditional => "conditional",
        }
    }

    /// The words shown to a person, in their language.
    pub fn label(self, lang: Lang) -> &'static str {
        match (self, lang) {
            (Verdict::Allowed, Lang::De) => "Erlaubt",
            (Verdict::NotAllowed, Lang::De) => "Nicht erlaubt",
            (Verdict::NeedsApproval, Lang::De) => "Nur mit Freigabe",
            (Verdict::Conditional, Lang::De) => "Erlaubt unter Bedingungen",
            (Verdict::Allowed, Lang::En) => "Allowed",
            (Verdict::NotAllowed, Lang::En) => "Not allowed",
            (Verdict::NeedsApproval, Lang::En) => "Ask first (approval needed)",
            (Verdict::Conditional, Lang::En) => "Allowed under conditions",
        }
    }

    /// ✅ / ❌ / ⚠️ / 🔶
    pub fn emoji(self) -> &'static str {
        match self {
            Verdict::Allowed => "✅",
            Verdict::NotAllowed => "❌",
            Verdict::NeedsApproval => "⚠️",
            Verdict::Conditional => "🔶",
        }
    }
}

/// A quoted, cited piece of a guideline.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Passage {
    /// Relative to the guidelines folder, `/`-separated.
    pub file: String,
    /// The document's title.
    pub title: String,
    pub heading_path: Vec<String>,
    pub anchor: String,
    /// Lines of the quoted text in the file, 1-based, inclusive.
    pub line_start: usize,
    pub line_end: usize,
    pub score: f32,
    /// The quote: the sentences that answer, with "…" where the section was cut.
    pub text: String,
    pub verdict: Option<Verdict>,
    /// The sentence that states the verdict, word for word, when there is one.
    #[serde(default)]
    pub verdict_sentence: Option<String>,
    /// The whole section's line range.
    #[serde(default)]
    pub section_line_start: usize,
    #[serde(default)]
    pub section_line_end: usize,
    /// Served from the last good version of a file that is currently broken.
    #[serde(default)]
    pub stale: bool,
}

impl Passage {
    /// `Document title › Heading › Subheading`, without repeating a title that is also the H1.
    pub fn breadcrumb(&self) -> String {
        crate::document::breadcrumb(&self.title, &self.heading_path)
    }

    /// `file.md:12-20` (or `file.md:12` for one line).
    pub fn citation(&self) -> String {
        if self.line_start == self.line_end {
            format!("{}:{}", self.file, self.line_start)
        } else {
            format!("{}:{}-{}", self.file, self.line_start, self.line_end)
        }
    }
}

/// guidebot's answer to one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answer {
    pub question: String,
    /// True when the guidelines don't cover the question; `passages` is then empty.
    pub abstained: bool,
    pub verdict: Option<Verdict>,
    pub passages: Vec<Passage>,
    /// The language the question was read in; answers are worded in it.
    pub lang: Lang,
    /// Whom to ask when the guidelines don't answer.
    pub contact: String,
    /// Passages beyond `passages`, for "more passages" in chat (not in JSON).
    #[serde(skip)]
    pub more: Vec<Passage>,
}
