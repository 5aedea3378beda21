//! Live reload: while the bot runs, edits in the guidelines folder are picked up by
//! themselves. File-system events are gathered by `notify-debouncer-mini` and then held
//! until the folder has been quiet for `watch_debounce_secs`, so a `git pull` touching 50
//! files causes one re-index, not 50. The re-index itself is
//! [`Engine::reindex_if_changed`]: it builds beside the serving index, swaps atomically,
//! re-parses only the files whose content changed, and does nothing when no guideline
//! actually changed (an editor's swap file, a `touch`).

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

use notify_debouncer_mini::notify::{RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer, DebounceEventResult, Debouncer};

use crate::engine::Engine;
use crate::{Error, Result};

/// How long the debouncer gathers raw events into one batch; the quiet period proper is
/// measured by the watcher thread.
const GATHER: Duration = Duration::from_millis(100);

/// A running watcher. Dropping it stops watching (a re-index in progress finishes first).
pub struct WatcherHandle {
    debouncer: Option<Debouncer<RecommendedWatcher>>,
    worker: Option<JoinHandle<()>>,
    stop: Arc<AtomicBool>,
    reindexes: Arc<AtomicU64>,
}

impl WatcherHandle {
    /// How many re-indexes the watcher has run (edits that changed nothing do not count).
    pub fn reindexes(&self) -> u64 {
        self.reindexes.load(Ordering::SeqCst)
    }
}

impl std::fmt::Debug for WatcherHandle {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WatcherHandle")
            .field("reindexes", &self.reindexes())
            .finish_non_exhaustive()
    }
}

impl Drop for WatcherHandle {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Dropping the debouncer ends its thread, which closes the worker's channel.
        self.debouncer.take();
        if let Some(worker) = self.worker.take() {
            let _ = worker.join();
        }
    }
}

/// Watches the engine's guidelines folder (recursively) and re-indexes after each burst
/// of changes, once the folder has been quiet for `watch_debounce_secs`.
pub fn spawn_watcher(engine: Arc<Engine>) -> Result<WatcherHandle> {
    let config = engine.config();
    let guidelines = config.guidelines.clone();
    let quiet = debounce(config.watch_debounce_secs);
    // Writes to an index kept inside the guidelines folder must not wake the watcher.
    let both = |path: &Path| {
        let mut paths = vec![path.to_path_buf()];
        paths.extend(std::fs::canonicalize(path).ok());
        paths
    };
    let filter = EventFilter {
        roots: both(&guidelines),
        ignored: both(&config.index),
    };
    let watch_error = |reason: String| Error::GuidelinesDir {
        path: guidelines.clone(),
        reason: format!("cannot watch for changes: {reason}"),
    };
    let (tx, rx) = std::sync::mpsc::channel::<DebounceEventResult>();
    let mut debouncer = new_debouncer(GATHER, tx).map_err(|e| watch_error(e.to_string()))?;
    debouncer
        .watcher()
        .watch(&guidelines, RecursiveMode::Recursive)
        .map_err(|e| watch_error(e.to_string()))?;
    let stop = Arc::new(AtomicBool::new(false));
    let reindexes = Arc::new(AtomicU64::new(0));
    let worker = {
        let stop = Arc::clone(&stop);
        let reindexes = Arc::clone(&reindexes);
        std::thread::Builder::new()
            .name("guidebot-watch".into())
            .spawn(move || run(&engine, &rx, quiet, &filter, &stop, &reindexes))
            .map_err(|e| watch_error(e.to_string()))?
    };
    tracing::info!(folder = %guidelines.display(), quiet_ms = quiet.as_millis() as u64, "watching the guidelines for changes");
    Ok(WatcherHandle {
        debouncer: Some(debouncer),
        worker: Some(worker),
        stop,
        reindexes,
    })
}

fn debounce(secs: f64) -> Duration {
    if secs.is_finite() && secs > 0.0 {
        Duration::from_secs_f64(secs.min(3600.0))
    } else {
        Duration::ZERO
    }
}

/// Which changed paths matter: not the index, not hidden files (`.git`, editor swap
/// files).
/// Paths are kept both as configured and canonical, since events may carry either.
struct EventFilter {
    roots: Vec<PathBuf>,
    ignored: Vec<PathBuf>,
}

impl EventFilter {
    fn matters(&self, path: &Path) -> bool {
        if self.ignored.iter().any(|i| path.starts_with(i)) {
            return false;
        }
        let Some(relative) = self.roots.iter().find_map(|r| path.strip_prefix(r).ok()) else {
            return true;
        };
        !relative.components().any(|c| {
            let name = c.as_os_str().to_string_lossy();
            name.starts_with('.') && name != "." && name != ".." || name.ends_with('~')
        })
    }
}

/// The watcher thread: waits for a relevant batch, then for `quiet` without further
/// batches, then re-indexes once.
fn run(
    engine: &Engine,
    rx: &Receiver<DebounceEventResult>,
    quiet: Duration,
    filter: &EventFilter,
    stop: &AtomicBool,
    reindexes: &AtomicU64,
) {
    let relevant = |batch: &DebounceEventResult| match batch {
        Ok(events) => events.iter().any(|e| filter.matters(&e.path)),
        Err(error) => {
            tracing::warn!(%error, "watching the guidelines: re-checking the folder");
            true
        }
    };
    loop {
        // Wait for the first relevant change.
        match rx.recv() {
            Ok(batch) if relevant(&batch) => {}
            Ok(_) => continue,
            Err(_) => return,
        }
        // Wait until the folder has been quiet for `quiet`.
        loop {
            match rx.recv_timeout(quiet) {
                Ok(_) => continue,
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        if stop.load(Ordering::SeqCst) {
            return;
        }
        match engine.reindex_if_changed() {
            Ok(Some(report)) => {
                reindexes.fetch_add(1, Ordering::SeqCst);
                tracing::info!(
                    added = ?report.added,
                    changed = ?report.changed,
                    removed = ?report.removed,
                    stale = ?report.stale,
                    errors = report.errors.len(),
                    millis = report.duration.as_millis() as u64,
                    "guidelines changed: re-indexed"
                );
            }
            Ok(None) => tracing::debug!("guidelines touched but unchanged"),
            Err(error) => {
                tracing::error!(%error, "re-index after a change failed; the previous index keeps serving")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use std::time::Instant;

    const RULE: &str = "---\ntitle: Fotos\nlang: de\nowner: K\nreviewed: 2026-01-01\n---\n# Fotos\n\n## Kollegen\n\n- ❌ **Nicht erlaubt:** Fotos von Kollegen ohne deren Einwilligung posten.\n";

    fn wait_for(timeout: Duration, mut done: impl FnMut() -> bool) -> bool {
        let start = Instant::now();
        while start.elapsed() < timeout {
            if done() {
                return true;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        done()
    }

    #[test]
    fn a_burst_of_edits_causes_one_reindex_and_the_new_rule_is_answered() {
        let dir = tempfile::tempdir().unwrap();
        let guidelines = dir.path().join("guidelines");
        std::fs::create_dir_all(guidelines.join("de")).unwrap();
        std::fs::write(guidelines.join("de/fotos.md"), RULE).unwrap();
        let config = Config {
            guidelines: guidelines.clone(),
            index: dir.path().join("index"),
            watch_debounce_secs: 0.5,
            ..Config::default()
        };
        let engine = Arc::new(Engine::open(config).unwrap());
        let before = engine
            .ask("Darf ich mein Firmenhandy im Urlaub mitnehmen?")
            .unwrap();
        assert!(
            !before.passages.iter().any(|p| p.file == "de/urlaub.md"),
            "{before:?}"
        );
        let watcher = spawn_watcher(Arc::clone(&engine)).unwrap();

        // A burst like a `git pull`: many files, written in quick succession.
        for i in 0..20 {
            let text = format!(
                "---\ntitle: Thema {i}\nlang: de\nowner: K\nreviewed: 2026-01-01\n---\n# Thema {i}\n\nText über Thema {i}.\n"
            );
            std::fs::write(guidelines.join(format!("de/thema-{i}.md")), text).unwrap();
            std::thread::sleep(Duration::from_millis(10));
        }
        std::fs::write(
            guidelines.join("de/urlaub.md"),
            "---\ntitle: Urlaub\nlang: de\nowner: K\nreviewed: 2026-01-01\n---\n# Urlaub\n\n## Firmenhandy im Urlaub\n\n- ✅ **Erlaubt:** Das Firmenhandy im Urlaub mitnehmen, aber Beiträge nur privat.\n",
        )
        .unwrap();

        assert!(
            wait_for(Duration::from_secs(20), || watcher.reindexes() >= 1),
            "no re-index after the edits"
        );
        // Nothing else changes: no second re-index may follow.
        std::thread::sleep(Duration::from_millis(1500));
        assert_eq!(
            watcher.reindexes(),
            1,
            "the burst caused more than one re-index"
        );
        assert_eq!(engine.documents().len(), 22);
        let answer = engine
            .ask("Darf ich mein Firmenhandy im Urlaub mitnehmen?")
            .unwrap();
        assert_eq!(
            answer.passages.first().map(|p| p.file.as_str()),
            Some("de/urlaub.md"),
            "{answer:?}"
        );

        // Hidden files (editor swap files, .git) do not wake it.
        std::fs::write(guidelines.join("de/.urlaub.md.swp"), "x").unwrap();
        std::thread::sleep(Duration::from_millis(1200));
        assert_eq!(watcher.reindexes(), 1);
        drop(watcher);
    }

    #[test]
    fn dropping_the_handle_stops_watching() {
        let dir = tempfile::tempdir().unwrap();
        let guidelines = dir.path().join("g");
        std::fs::create_dir_all(&guidelines).unwrap();
        std::fs::write(guidelines.join("a.md"), RULE).unwrap();
        let config = Config {
            guidelines: guidelines.clone(),
            index: dir.path().join("index"),
            watch_debounce_secs: 0.2,
            ..Config::default()
        };
        let engine = Arc::new(Engine::open(config).unwrap());
        let watcher = spawn_watcher(Arc::clone(&engine)).unwrap();
        drop(watcher);
        std::fs::write(guidelines.join("b.md"), RULE.replace("Fotos", "Videos")).unwrap();
        std::thread::sleep(Duration::from_millis(800));
        assert_eq!(
            engine.documents().len(),
            1,
            "re-indexed after the watcher was dropped"
        );
    }

    #[test]
    fn hidden_files_and_the_index_do_not_matter() {
        let filter = EventFilter {
            roots: vec![PathBuf::from("/home/u/.config/guides")],
            ignored: vec![PathBuf::from("/home/u/.config/guides/index")],
        };
        assert!(filter.matters(Path::new("/home/u/.config/guides/de/a.md")));
        assert!(!filter.matters(Path::new("/home/u/.config/guides/.git/HEAD")));
        assert!(!filter.matters(Path::new("/home/u/.config/guides/de/.a.md.swp")));
        assert!(!filter.matters(Path::new("/home/u/.config/guides/de/a.md~")));
        assert!(!filter.matters(Path::new("/home/u/.config/guides/index/gen-1/x")));
        assert!(filter.matters(Path::new("/elsewhere/a.md")));
    }

    #[test]
    fn debounce_from_config() {
        assert_eq!(debounce(f64::NAN), Duration::ZERO);
        assert_eq!(debounce(-1.0), Duration::ZERO);
        assert_eq!(debounce(2.0), Duration::from_secs(2));
    }
}
