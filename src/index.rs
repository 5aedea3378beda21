//! The on-disk index: one folder per build ("generation") holding the tantivy index and
//! a manifest, and a `CURRENT` file naming the generation that serves. A build writes a
//! complete new generation and then replaces `CURRENT` with an atomic rename, so a
//! reader — or a restart after a crash at any moment — always finds a whole index.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

use serde::{Deserialize, Serialize};
use tantivy::schema::{
    Field, IndexRecordOption, Schema, TextFieldIndexing, TextOptions, Value, STORED, STRING,
};
use tantivy::tokenizer::PreTokenizedString;
use tantivy::{Index, IndexReader, ReloadPolicy, TantivyDocument};

use crate::analysis::{self, Analyzer, SpellingDictionary, Vocabulary};
use crate::document::{self, Document, Section};
use crate::engine::{FileError, ReindexReport};
use crate::lang::Lang;
use crate::{Error, Result};

/// Bump when the schema or stored layout changes: older indexes are rebuilt.
pub const SCHEMA_VERSION: u32 = 1;

const CURRENT_FILE: &str = "CURRENT";
const LOCK_FILE: &str = "LOCK";
const MANIFEST_FILE: &str = "manifest.json";
const GENERATION_PREFIX: &str = "gen-";

/// The index's record of what it was built from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub schema_version: u32,
    pub analysis_version: u32,
    /// RFC 3339.
    pub built_at: String,
    /// The guidelines folder's git commit, when it is in a git checkout.
    pub git_commit: Option<String>,
    /// Hash of `synonyms.toml` (synonyms apply at query time, but a change is a change).
    pub synonyms_hash: Option<String>,
    pub files: BTreeMap<String, FileEntry>,
    /// Files that could not be indexed and have no last good version: file → SHA-256 of
    /// the bytes on disk (`None` when unreadable). Recorded so an unchanged broken file
    /// does not make the index look outdated forever.
    #[serde(default)]
    pub broken: BTreeMap<String, Option<String>>,
}

/// One guideline file as indexed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FileEntry {
    /// SHA-256 of the content that was indexed.
    pub hash: String,
    pub title: String,
    pub lang: Lang,
    pub owner: Option<String>,
    pub reviewed: Option<String>,
    pub sections: usize,
    /// The file is broken now; its last good version is served.
    pub stale: bool,
    /// Why the current version could not be indexed.
    pub error: Option<String>,
    /// SHA-256 of the file as it is now on disk (differs from `hash` when stale).
    pub disk_hash: Option<String>,
}

impl Manifest {
    pub fn is_current_version(&self) -> bool {
        self.schema_version == SCHEMA_VERSION && self.analysis_version == analysis::ANALYSIS_VERSION
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Fields {
    pub ord: Field,
    pub file: Field,
    pub section: Field,
    pub title: Field,
    pub heading: Field,
    pub path: Field,
    pub body: Field,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let text = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer("raw")
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    );
    let fields = Fields {
        ord: builder.add_u64_field("ord", STORED),
        file: builder.add_text_field("file", STRING | STORED),
        section: builder.add_text_field("section", STORED),
        title: builder.add_text_field("title", text.clone()),
        heading: builder.add_text_field("heading", text.clone()),
        path: builder.add_text_field("path", text.clone()),
        body: builder.add_text_field("body", text),
    };
    (builder.build(), fields)
}

/// Term statistics and per-section term sets, for re-ranking and abstaining.
#[derive(Debug, Default)]
pub struct SectionTerms {
    /// Title, heading path and own heading.
    pub heading: HashSet<String>,
    /// The section's own heading only.
    pub own_heading: HashSet<String>,
    pub body: HashSet<String>,
    /// Pairs of terms standing within a few words of each other, for phrase matches.
    pub pairs: HashSet<(String, String)>,
    /// The terms of each run of [`WINDOW_SENTENCES`] consecutive sentences; empty for a
    /// section short enough to be read whole.
    pub windows: Vec<HashSet<String>>,
}

/// Sentences a reader takes in together: a long section covers something of nearly
/// any question somewhere, while the rule asked about stands in one place.
pub const WINDOW_SENTENCES: usize = 5;

fn sentence_windows(analyzer: &Analyzer, section: &Section) -> Vec<HashSet<String>> {
    let sentences = crate::passage::sentences(section);
    if sentences.len() <= WINDOW_SENTENCES {
        return Vec::new();
    }
    let term_sets: Vec<HashSet<String>> = sentences
        .iter()
        .map(|s| analyzer.term_set(&s.text, section.lang))
        .collect();
    term_sets
        .windows(WINDOW_SENTENCES)
        .map(|run| run.iter().flatten().cloned().collect())
        .collect()
}

/// A document's title and file name, which may name the organisation or project whose
/// rules it holds.
#[derive(Debug, Clone)]
pub struct DocumentTitle {
    pub lang: Lang,
    /// Index terms of the title's and file name's whole words.
    pub terms: HashSet<String>,
}

impl DocumentTitle {
    fn of(analyzer: &Analyzer, section: &Section) -> Self {
        let file_name = Path::new(&section.file)
            .file_stem()
            .map(|s| s.to_string_lossy().replace(['_', '-'], " "))
            .unwrap_or_default();
        let text = format!("{} {file_name}", section.title);
        // Whole words only: a name is a word ("Hafenkran", "matplotlib"), and the part
        // "firma" of a file called "testfirma" names nothing.
        let terms = analyzer
            .whole_word_terms(&text, section.lang, |_| true)
            .into_iter()
            .collect();
        DocumentTitle {
            lang: section.lang,
            terms,
        }
    }

    /// Whether `word` is one of the title's or file name's words.
    pub fn has_word(&self, analyzer: &Analyzer, word: &str) -> bool {
        self.terms.contains(&analyzer.stem(word, self.lang))
    }
}

/// How many word positions apart two terms may stand to count as a pair.
const PAIR_WINDOW: usize = 3;

/// Term pairs (in text order) within [`PAIR_WINDOW`] words of each other.
fn term_pairs(analyzer: &Analyzer, texts: &[&str], lang: Lang) -> HashSet<(String, String)> {
    let mut pairs = HashSet::new();
    for text in texts {
        let tokens = analyzer.analyze(text, lang);
        for (i, a) in tokens.iter().enumerate() {
            for b in tokens[i + 1..]
                .iter()
                .take_while(|b| b.position <= a.position + PAIR_WINDOW)
            {
                if b.position > a.position {
                    pairs.insert((a.term.clone(), b.term.clone()));
                }
            }
        }
    }
    pairs
}

/// A loaded, immutable index: what one question is answered from.
pub struct Snapshot {
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    pub sections: Vec<Section>,
    pub section_terms: Vec<SectionTerms>,
    /// Every term of each document (by file), for questions that name one document's
    /// subject ("Stadtwerke", "Kubernetes").
    pub document_terms: HashMap<String, HashSet<String>>,
    /// Each document's title and file name (by file).
    pub document_titles: HashMap<String, DocumentTitle>,
    /// Number of sections containing each term.
    pub doc_freq: HashMap<String, usize>,
    pub analyzer: Analyzer,
    pub spelling: SpellingDictionary,
    pub manifest: Manifest,
    pub generation: PathBuf,
    /// The language most sections are written in.
    pub main_lang: Lang,
    /// The classes of people the guidelines define ("Who Are Further Restricted
    /// Employees?"), for telling apart the rules per class.
    pub classes: Vec<crate::audience::Class>,
}

impl std::fmt::Debug for Snapshot {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snapshot")
            .field("generation", &self.generation)
            .field("sections", &self.sections.len())
            .finish_non_exhaustive()
    }
}

impl Snapshot {
    /// Whether a section comes from a file served stale.
    pub fn is_stale(&self, section: &Section) -> bool {
        self.manifest
            .files
            .get(&section.file)
            .is_some_and(|f| f.stale)
    }

    /// Inverse document frequency of a term over sections.
    pub fn idf(&self, term: &str) -> f32 {
        let n = self.sections.len().max(1) as f32;
        let df = self.doc_freq.get(term).copied().unwrap_or(0) as f32;
        (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
    }
}

fn index_error(path: &Path, reason: impl std::fmt::Display) -> Error {
    Error::Index {
        path: path.to_path_buf(),
        reason: reason.to_string(),
    }
}

/// Builds the analyzer for a set of sections: the compound vocabulary comes from the
/// German text itself, so building and querying split compounds alike.
fn analyzer_for(sections: &[Section]) -> Analyzer {
    let texts_in = |lang: Lang| -> Vec<String> {
        sections
            .iter()
            .filter(|s| s.lang == lang)
            .map(|s| format!("{} {}\n{}", s.title, s.heading_path.join(" "), s.text()))
            .collect()
    };
    let (german, english) = (texts_in(Lang::De), texts_in(Lang::En));
    let builtin = crate::synonyms::Synonyms::builtin();
    let vocabulary = Vocabulary::from_texts(german.iter().map(String::as_str))
        .with_german_words(builtin.german_words())
        .with_english_texts(english.iter().map(String::as_str));
    Analyzer::new(vocabulary)
}

fn pre_tokenized(analyzer: &Analyzer, text: &str, lang: Lang) -> PreTokenizedString {
    let tokens = analyzer
        .analyze(text, lang)
        .into_iter()
        .map(|t| tantivy::tokenizer::Token {
            offset_from: t.offset_from,
            offset_to: t.offset_to,
            position: t.position,
            text: t.term,
            position_length: 1,
        })
        .collect();
    PreTokenizedString {
        text: text.to_string(),
        tokens,
    }
}

/// The heading parts of a section that are indexed apart from the body.
fn heading_texts(section: &Section) -> (String, String) {
    let own = section.heading().to_string();
    let ancestors = section
        .heading_path
        .iter()
        .take(section.heading_path.len().saturating_sub(1))
        .cloned()
        .collect::<Vec<_>>()
        .join(" ");
    (own, ancestors)
}

/// Reads which generation serves, if any.
pub fn current_generation(index_dir: &Path) -> Result<Option<PathBuf>> {
    let current = index_dir.join(CURRENT_FILE);
    match std::fs::read_to_string(&current) {
        Ok(name) => {
            let name = name.trim();
            if !name.starts_with(GENERATION_PREFIX) || name.contains(['/', '\\']) {
                return Err(index_error(
                    index_dir,
                    format!("{CURRENT_FILE} names {name:?}, not a generation"),
                ));
            }
            Ok(Some(index_dir.join(name)))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(index_error(index_dir, e)),
    }
}

/// Opens the serving generation, or `None` when nothing was built yet.
pub fn open(index_dir: &Path) -> Result<Option<Snapshot>> {
    let mut attempts = 0;
    loop {
        let Some(generation) = current_generation(index_dir)? else {
            return Ok(None);
        };
        match load_generation(&generation) {
            Ok(snapshot) => return Ok(Some(snapshot)),
            // Another process finished a build meanwhile and removed the generation
            // this one was reading: the new one serves now.
            Err(error) => {
                attempts += 1;
                let moved_on = current_generation(index_dir)?.is_some_and(|g| g != generation);
                if !moved_on || attempts >= 3 {
                    return Err(error);
                }
            }
        }
    }
}

/// Held while a build writes: builds by several processes on one index folder (the
/// bot and a `guidebot ask` started beside it) take turns instead of removing each
/// other's unfinished generations.
fn lock_builds(index_dir: &Path) -> Result<std::fs::File> {
    let path = index_dir.join(LOCK_FILE);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(|e| index_error(&path, e))?;
    file.lock().map_err(|e| index_error(&path, e))?;
    Ok(file)
}

fn load_generation(generation: &Path) -> Result<Snapshot> {
    let manifest_text = std::fs::read_to_string(generation.join(MANIFEST_FILE))
        .map_err(|e| index_error(generation, format!("manifest: {e}")))?;
    let manifest: Manifest = serde_json::from_str(&manifest_text)
        .map_err(|e| index_error(generation, format!("manifest: {e}")))?;
    let index = Index::open_in_dir(generation).map_err(|e| index_error(generation, e))?;
    let (expected, _) = schema();
    if index.schema() != expected {
        return Err(index_error(
            generation,
            "built with another schema; rebuild with `guidebot index`",
        ));
    }
    let (_, fields) = schema();
    let reader = index
        .reader_builder()
        .reload_policy(ReloadPolicy::Manual)
        .try_into()
        .map_err(|e| index_error(generation, e))?;
    let mut sections = load_sections(&reader, fields).map_err(|e| index_error(generation, e))?;
    sections.sort_by_key(|(ord, _)| *ord);
    let sections: Vec<Section> = sections.into_iter().map(|(_, s)| s).collect();
    Ok(snapshot_from(
        reader,
        fields,
        sections,
        manifest,
        generation.to_path_buf(),
    ))
}

fn load_sections(reader: &IndexReader, fields: Fields) -> Result<Vec<(u64, Section)>> {
    let searcher = reader.searcher();
    let mut out = Vec::new();
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let store = segment
            .get_store_reader(64)
            .map_err(|e| Error::io("opening the document store", e))?;
        for doc_id in segment.doc_ids_alive() {
            let _ = segment_ord;
            let doc: TantivyDocument = store.get(doc_id)?;
            let ord = doc
                .get_first(fields.ord)
                .and_then(|v| v.as_u64())
                .unwrap_or(0);
            let json = doc
                .get_first(fields.section)
                .and_then(|v| v.as_str())
                .unwrap_or("");
            let section: Section = serde_json::from_str(json).map_err(|e| Error::Index {
                path: PathBuf::new(),
                reason: format!("stored section: {e}"),
            })?;
            out.push((ord, section));
        }
    }
    Ok(out)
}

fn snapshot_from(
    reader: IndexReader,
    fields: Fields,
    sections: Vec<Section>,
    manifest: Manifest,
    generation: PathBuf,
) -> Snapshot {
    let analyzer = analyzer_for(&sections);
    let mut doc_freq: HashMap<String, usize> = HashMap::new();
    let mut spelling = SpellingDictionary::default();
    let mut document_terms: HashMap<String, HashSet<String>> = HashMap::new();
    let mut document_titles: HashMap<String, DocumentTitle> = HashMap::new();
    let mut section_terms = Vec::with_capacity(sections.len());
    let mut german = 0;
    for section in &sections {
        let heading_text = format!("{} {}", section.title, section.heading_path.join(" "));
        let body_text = section.text();
        let terms = SectionTerms {
            heading: analyzer.term_set(&heading_text, section.lang),
            own_heading: analyzer.term_set(section.heading(), section.lang),
            body: analyzer.term_set(&body_text, section.lang),
            pairs: term_pairs(&analyzer, &[section.heading(), &body_text], section.lang),
            windows: sentence_windows(&analyzer, section),
        };
        for term in terms.heading.union(&terms.body) {
            *doc_freq.entry(term.clone()).or_default() += 1;
        }
        spelling.add_text(&heading_text, section.lang);
        spelling.add_text(&body_text, section.lang);
        document_titles
            .entry(section.file.clone())
            .or_insert_with(|| DocumentTitle::of(&analyzer, section));
        let document = document_terms.entry(section.file.clone()).or_default();
        document.extend(terms.heading.iter().cloned());
        document.extend(terms.body.iter().cloned());
        section_terms.push(terms);
        german += usize::from(section.lang == Lang::De);
    }
    let main_lang = if german * 2 >= sections.len() {
        Lang::De
    } else {
        Lang::En
    };
    let classes = crate::audience::classes(&sections, &analyzer);
    Snapshot {
        reader,
        fields,
        classes,
        sections,
        section_terms,
        document_terms,
        document_titles,
        doc_freq,
        analyzer,
        spelling,
        manifest,
        generation,
        main_lang,
    }
}

/// Options for a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub guidelines: PathBuf,
    pub index: PathBuf,
    pub max_file_bytes: u64,
    pub default_lang: Lang,
}

/// What reading the guidelines folder found, before anything is written.
struct Collected {
    documents: Vec<(Document, bool)>,
    files: BTreeMap<String, FileEntry>,
    broken: BTreeMap<String, Option<String>>,
    report: ReindexReport,
}

/// Reads every guideline file. Unchanged files reuse the previous snapshot's sections;
/// broken files keep their last good version, marked stale.
fn collect(options: &BuildOptions, previous: Option<&Snapshot>) -> Result<Collected> {
    let files = document::discover(&options.guidelines)?;
    let mut report = ReindexReport::default();
    let mut documents = Vec::new();
    let mut entries = BTreeMap::new();
    let mut broken = BTreeMap::new();
    let previous_files = previous.map(|p| &p.manifest.files);
    for file in &files {
        let before = previous_files.and_then(|f| f.get(file));
        let parsed = document::read_guideline(&options.guidelines, file, options.max_file_bytes)
            .and_then(|bytes| {
                let hash = document::content_hash(&bytes);
                match (before, previous) {
                    // Sections parsed by another guidebot version are parsed again.
                    (Some(entry), Some(snapshot))
                        if entry.hash == hash
                            && !entry.stale
                            && snapshot.manifest.is_current_version() =>
                    {
                        Ok(reuse_document(snapshot, file, entry))
                    }
                    _ => document::parse_document(file, &bytes, options.default_lang),
                }
            });
        match parsed {
            Ok(doc) => {
                match before {
                    None => report.added.push(file.clone()),
                    Some(entry) if entry.hash != doc.hash || entry.stale => {
                        report.changed.push(file.clone())
                    }
                    Some(_) => {}
                }
                entries.insert(file.clone(), file_entry(&doc, false, None, None));
                documents.push((doc, false));
            }
            Err(error) => {
                let reason = error.to_string();
                report.errors.push(FileError {
                    file: file.clone(),
                    reason: reason.clone(),
                });
                let disk_hash = document::read_guideline(&options.guidelines, file, u64::MAX)
                    .ok()
                    .map(|b| document::content_hash(&b));
                if let (Some(entry), Some(snapshot)) = (before, previous) {
                    let doc = reuse_document(snapshot, file, entry);
                    report.stale.push(file.clone());
                    entries.insert(
                        file.clone(),
                        file_entry(&doc, true, Some(reason), disk_hash),
                    );
                    documents.push((doc, true));
                } else {
                    broken.insert(file.clone(), disk_hash);
                }
            }
        }
    }
    if let Some(previous) = previous_files {
        report.removed = previous
            .keys()
            .filter(|f| !files.contains(f))
            .cloned()
            .collect();
    } else {
        report.added = files
            .iter()
            .filter(|f| entries.contains_key(*f))
            .cloned()
            .collect();
        report.changed.clear();
    }
    Ok(Collected {
        documents,
        files: entries,
        broken,
        report,
    })
}

fn file_entry(
    doc: &Document,
    stale: bool,
    error: Option<String>,
    disk_hash: Option<String>,
) -> FileEntry {
    FileEntry {
        hash: doc.hash.clone(),
        title: doc.title.clone(),
        lang: doc.lang,
        owner: doc.owner.clone(),
        reviewed: doc.reviewed.clone(),
        sections: doc.sections.len(),
        stale,
        error,
        disk_hash,
    }
}

fn reuse_document(snapshot: &Snapshot, file: &str, entry: &FileEntry) -> Document {
    Document {
        file: file.to_string(),
        title: entry.title.clone(),
        lang: entry.lang,
        owner: entry.owner.clone(),
        reviewed: entry.reviewed.clone(),
        tags: Vec::new(),
        has_front_matter: true,
        hash: entry.hash.clone(),
        sections: snapshot
            .sections
            .iter()
            .filter(|s| s.file == file)
            .cloned()
            .collect(),
    }
}

/// Builds a new generation from the guidelines folder and makes it the serving one.
/// `previous` is the snapshot serving now (for reuse, stale versions and the report).
pub fn build(
    options: &BuildOptions,
    previous: Option<&Snapshot>,
) -> Result<(Snapshot, ReindexReport)> {
    let started = Instant::now();
    let Collected {
        documents,
        files,
        broken,
        mut report,
    } = collect(options, previous)?;
    let sections: Vec<Section> = documents
        .iter()
        .flat_map(|(d, _)| d.sections.iter().cloned())
        .collect();
    std::fs::create_dir_all(&options.index).map_err(|e| index_error(&options.index, e))?;
    let _lock = lock_builds(&options.index)?;
    let generation = new_generation_dir(&options.index)?;
    write_generation(&generation, &sections)?;
    let manifest = Manifest {
        schema_version: SCHEMA_VERSION,
        analysis_version: analysis::ANALYSIS_VERSION,
        built_at: now_rfc3339(),
        git_commit: git_commit(&options.guidelines),
        synonyms_hash: std::fs::read(options.guidelines.join(crate::synonyms::FILE_NAME))
            .ok()
            .map(|b| document::content_hash(&b)),
        files,
        broken,
    };
    write_synced(
        &generation.join(MANIFEST_FILE),
        serde_json::to_string_pretty(&manifest)
            .unwrap_or_default()
            .as_bytes(),
    )?;
    let snapshot = load_generation(&generation)?;
    switch_current(&options.index, &generation)?;
    remove_old_generations(
        &options.index,
        &generation,
        previous.map(|p| p.generation.as_path()),
    );
    report.documents = documents.len();
    report.sections = sections.len();
    report.duration = started.elapsed();
    Ok((snapshot, report))
}

fn write_generation(generation: &Path, sections: &[Section]) -> Result<()> {
    let (schema, fields) = schema();
    let index = Index::create_in_dir(generation, schema).map_err(|e| index_error(generation, e))?;
    let analyzer = analyzer_for(sections);
    let mut writer = index
        .writer_with_num_threads::<TantivyDocument>(1, 15_000_000)
        .map_err(|e| index_error(generation, e))?;
    for (ord, section) in sections.iter().enumerate() {
        let (own_heading, ancestors) = heading_texts(section);
        let mut doc = TantivyDocument::default();
        doc.add_u64(fields.ord, ord as u64);
        doc.add_text(fields.file, &section.file);
        doc.add_text(
            fields.section,
            serde_json::to_string(section).unwrap_or_default(),
        );
        doc.add_pre_tokenized_text(
            fields.title,
            pre_tokenized(&analyzer, &section.title, section.lang),
        );
        doc.add_pre_tokenized_text(
            fields.heading,
            pre_tokenized(&analyzer, &own_heading, section.lang),
        );
        doc.add_pre_tokenized_text(
            fields.path,
            pre_tokenized(&analyzer, &ancestors, section.lang),
        );
        doc.add_pre_tokenized_text(
            fields.body,
            pre_tokenized(&analyzer, &section.text(), section.lang),
        );
        writer
            .add_document(doc)
            .map_err(|e| index_error(generation, e))?;
    }
    writer.commit().map_err(|e| index_error(generation, e))?;
    writer
        .wait_merging_threads()
        .map_err(|e| index_error(generation, e))?;
    Ok(())
}

fn new_generation_dir(index_dir: &Path) -> Result<PathBuf> {
    static COUNTER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let stamp = time::OffsetDateTime::now_utc().unix_timestamp_nanos();
    let count = COUNTER.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let name = format!("{GENERATION_PREFIX}{stamp}-{}-{count}", std::process::id());
    let path = index_dir.join(name);
    std::fs::create_dir_all(&path).map_err(|e| index_error(&path, e))?;
    Ok(path)
}

fn write_synced(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut file = std::fs::File::create(path).map_err(|e| index_error(path, e))?;
    file.write_all(bytes).map_err(|e| index_error(path, e))?;
    file.sync_all().map_err(|e| index_error(path, e))
}

/// Points `CURRENT` at `generation` with a write-then-rename, the one atomic step.
fn switch_current(index_dir: &Path, generation: &Path) -> Result<()> {
    let name = generation
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let tmp = index_dir.join(format!("{CURRENT_FILE}.{}.tmp", std::process::id()));
    write_synced(&tmp, name.as_bytes())?;
    std::fs::rename(&tmp, index_dir.join(CURRENT_FILE)).map_err(|e| index_error(index_dir, e))?;
    if let Ok(dir) = std::fs::File::open(index_dir) {
        let _ = dir.sync_all();
    }
    Ok(())
}

/// Removes generations other than the serving and the previous one (a reader may still
/// hold the previous one; unfinished ones are left by crashed builds).
fn remove_old_generations(index_dir: &Path, keep: &Path, previous: Option<&Path>) {
    let Ok(entries) = std::fs::read_dir(index_dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        let is_generation = name.starts_with(GENERATION_PREFIX);
        let is_stray_tmp = name.starts_with(CURRENT_FILE) && name.ends_with(".tmp");
        if (is_generation && path != keep && Some(path.as_path()) != previous) || is_stray_tmp {
            let _ = if path.is_dir() {
                std::fs::remove_dir_all(&path)
            } else {
                std::fs::remove_file(&path)
            };
        }
    }
}

fn now_rfc3339() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}

/// The commit of the git checkout the guidelines live in, if any (read from `.git`
/// directly: no git binary needed).
pub fn git_commit(guidelines: &Path) -> Option<String> {
    let start = guidelines.canonicalize().ok()?;
    let git_dir = start
        .ancestors()
        .map(|d| d.join(".git"))
        .find(|d| d.is_dir())?;
    let head = std::fs::read_to_string(git_dir.join("HEAD")).ok()?;
    let head = head.trim();
    let Some(reference) = head.strip_prefix("ref: ") else {
        return Some(head.to_string());
    };
    if let Ok(commit) = std::fs::read_to_string(git_dir.join(reference)) {
        return Some(commit.trim().to_string());
    }
    let packed = std::fs::read_to_string(git_dir.join("packed-refs")).ok()?;
    packed
        .lines()
        .find_map(|line| line.strip_suffix(reference).map(|c| c.trim().to_string()))
}

/// Whether the guidelines folder differs from what `snapshot` was built from: a file
/// added, removed or edited, or an index from another guidebot version.
pub fn is_outdated(snapshot: &Snapshot, guidelines: &Path, max_file_bytes: u64) -> Result<bool> {
    if !snapshot.manifest.is_current_version() {
        return Ok(true);
    }
    let manifest = &snapshot.manifest;
    let files = document::discover(guidelines)?;
    if files.len() != manifest.files.len() + manifest.broken.len() {
        return Ok(true);
    }
    // Hash what is on disk now: a good file over the size limit fails to read (and so
    // differs); broken files were hashed whole when recorded, so are read whole here.
    let disk_hash = |file: &str, max: u64| {
        document::read_guideline(guidelines, file, max)
            .map(|b| document::content_hash(&b))
            .ok()
    };
    for file in files {
        let (hash, indexed) = match (manifest.files.get(&file), manifest.broken.get(&file)) {
            (Some(entry), _) if entry.stale => {
                (disk_hash(&file, u64::MAX), entry.disk_hash.as_ref())
            }
            (Some(entry), _) => (disk_hash(&file, max_file_bytes.max(1)), Some(&entry.hash)),
            (None, Some(recorded)) => (disk_hash(&file, u64::MAX), recorded.as_ref()),
            (None, None) => return Ok(true),
        };
        if hash.as_ref() != indexed {
            return Ok(true);
        }
    }
    Ok(false)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse_document;

    #[test]
    fn long_sections_are_read_in_runs_of_sentences() {
        let body: Vec<String> = (1..=7)
            .map(|n| format!("Rule number{n} applies."))
            .collect();
        let md = format!("# Rules\n\n{}\n\n# Short\n\nOne rule.\n", body.join(" "));
        let doc = parse_document("r.md", md.as_bytes(), Lang::En).unwrap();
        let analyzer = analyzer_for(&doc.sections);
        let windows = sentence_windows(&analyzer, &doc.sections[0]);
        assert_eq!(windows.len(), 7 - WINDOW_SENTENCES + 1);
        let first = analyzer.stem("number1", Lang::En);
        let last = analyzer.stem("number7", Lang::En);
        assert!(windows[0].contains(&first) && !windows[0].contains(&last));
        assert!(windows[2].contains(&last) && !windows[2].contains(&first));
        assert!(sentence_windows(&analyzer, &doc.sections[1]).is_empty());
    }
}
