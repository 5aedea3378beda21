//! Who a question is about, where a guideline sorts people into classes: a page with
//! "Who Are Further Restricted Employees?" and "Who Are Less Restricted Employees?", and
//! rules per class ("Prohibited Activities for Further Restricted Employees"). A question
//! from someone at an agency the first definition lists, or from "a regular employee"
//! (the class that holds most people), is about one class, and that class's rules answer
//! it. The rules for the classes read nearly alike, so only this tells them apart.

use std::collections::HashSet;

use crate::analysis::Analyzer;
use crate::document::Section;
use crate::index::Snapshot;
use crate::search::{concept_strength, QueryPlan};

/// Headings that define a class of people, lowercased: "Who are …?", "Wer ist …?".
const DEFINING_OPENINGS: &[&str] = &[
    "who are ",
    "who is ",
    "who counts as ",
    "wer ist ",
    "wer sind ",
    "wer gilt als ",
];

/// Words by which people place themselves in the class that holds most people.
const ORDINARY_WORDS: &[&str] = &[
    "regular",
    "normal",
    "ordinary",
    "typical",
    "average",
    "normale",
    "normaler",
    "normalen",
    "gewöhnliche",
    "gewöhnlicher",
    "einfache",
    "einfacher",
];

/// Words by which a class's definition says it holds most people.
const MOST_PEOPLE: &[&str] = &["most ", "the majority", "die meisten", "die mehrheit"];

/// A class of people one document defines.
#[derive(Debug, Clone, PartialEq)]
pub struct Class {
    pub file: String,
    /// The section that defines it.
    pub definition: usize,
    /// The terms of its name no other class of the document has ("further").
    pub key_terms: Vec<String>,
    /// Its definition says it holds most people.
    pub holds_most: bool,
}

/// The classes of people the guidelines define: only where one document defines two or
/// more, since a single class has nothing to be told apart from. Built once per index
/// snapshot.
pub fn classes(sections: &[Section], analyzer: &Analyzer) -> Vec<Class> {
    let mut defined: Vec<(String, usize, HashSet<String>, bool)> = Vec::new();
    for (ord, section) in sections.iter().enumerate() {
        let heading = section
            .heading()
            .trim()
            .trim_end_matches('?')
            .to_lowercase();
        let Some(name) = DEFINING_OPENINGS
            .iter()
            .find_map(|opening| heading.strip_prefix(opening))
        else {
            continue;
        };
        let terms = analyzer.term_set(name, section.lang);
        let text = section.text().to_lowercase();
        let holds_most = MOST_PEOPLE.iter().any(|w| text.contains(w));
        defined.push((section.file.clone(), ord, terms, holds_most));
    }
    let mut classes = Vec::new();
    for (file, definition, terms, holds_most) in &defined {
        let others: Vec<&HashSet<String>> = defined
            .iter()
            .filter(|(f, d, _, _)| f == file && d != definition)
            .map(|(_, _, t, _)| t)
            .collect();
        if others.is_empty() {
            continue;
        }
        let mut key_terms: Vec<String> = terms
            .iter()
            .filter(|t| !others.iter().any(|o| o.contains(*t)))
            .cloned()
            .collect();
        key_terms.sort();
        if !key_terms.is_empty() {
            classes.push(Class {
                file: file.clone(),
                definition: *definition,
                key_terms,
                holds_most: *holds_most,
            });
        }
    }
    classes
}

/// The class a question's asker belongs to, if the question says: "a regular employee"
/// places them in the class that holds most people; a rare word of the question that
/// only one class's definition uses ("Secret Service") in that class.
pub fn asked_class<'a>(
    classes: &'a [Class],
    plan: &QueryPlan,
    question: &str,
    snapshot: &Snapshot,
) -> Option<&'a Class> {
    if classes.is_empty() {
        return None;
    }
    let lower = question.to_lowercase();
    let ordinary = lower
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| ORDINARY_WORDS.contains(&w));
    if ordinary {
        let mut holding_most = classes.iter().filter(|c| c.holds_most);
        if let (Some(class), None) = (holding_most.next(), holding_most.next()) {
            return Some(class);
        }
    }
    // Rare: in at most a few sections, so a word like "federal" or "agency" that every
    // rule of the page uses says nothing about the class.
    const MAX_SECTIONS: f32 = 3.0;
    let n = snapshot.sections.len() as f32;
    let rare_idf = (1.0 + (n - MAX_SECTIONS + 0.5) / (MAX_SECTIONS + 0.5)).ln();
    let strength_in = |class: &Class, concept| {
        let body = &snapshot.section_terms[class.definition].body;
        concept_strength(concept, &|t: &str| body.contains(t))
    };
    let mut named = classes.iter().filter(|class| {
        plan.concepts.iter().any(|concept| {
            concept.known
                && concept.idf >= rare_idf
                && strength_in(class, concept) >= 0.7
                && classes
                    .iter()
                    .filter(|other| {
                        other.file == class.file && other.definition != class.definition
                    })
                    .all(|other| strength_in(other, concept) == 0.0)
        })
    });
    match (named.next(), named.next()) {
        (Some(class), None) => Some(class),
        _ => None,
    }
}

/// What a section holding the rules for the asker's class gains: enough to decide
/// between the near-identical rules for each class, no more.
const RULES_BONUS: f32 = 0.1;

/// What the definitions of the classes lose on a permission question: they say who
/// belongs where, and the asker's own words match them best, but they state no rule.
const DEFINITION_PENALTY: f32 = 0.3;

/// How a section's score changes for a question from a member of `asked`.
pub fn adjustment(
    asked: &Class,
    classes: &[Class],
    ord: usize,
    snapshot: &Snapshot,
    asks_permission: bool,
) -> f32 {
    let section = &snapshot.sections[ord];
    if section.file != asked.file {
        return 0.0;
    }
    let defines_a_class = classes.iter().any(|class| class.definition == ord);
    if defines_a_class {
        return if asks_permission {
            -DEFINITION_PENALTY
        } else {
            0.0
        };
    }
    let heading = &snapshot.section_terms[ord].heading;
    if asked.key_terms.iter().all(|t| heading.contains(t)) {
        RULES_BONUS
    } else {
        0.0
    }
}
