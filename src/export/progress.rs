//! How far a long export is (a workbook of a million flows, the change request of thousands of
//! hosts, a CSV of hundreds of MB), for whoever shows it: `portplan export` on a terminal's
//! standard error, the app in its status bar. The generators that take long count their work
//! here as they go; the others say nothing, and an export without a watcher passes none.

use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, Default)]
pub struct Progress {
    done: AtomicU64,
    total: AtomicU64,
}

impl Progress {
    /// The work ahead, in the generator's own units (flows, pages): set once it is known.
    pub fn start(&self, total: u64) {
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
    }

    pub fn advance(&self, n: u64) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    /// All of it done (what was counted may fall short of an estimate).
    pub fn finish(&self) {
        self.done
            .store(self.total.load(Ordering::Relaxed), Ordering::Relaxed);
    }

    /// Done so far, from 0 to 1; `None` until a generator has said how much there is.
    pub fn fraction(&self) -> Option<f64> {
        let total = self.total.load(Ordering::Relaxed);
        let done = self.done.load(Ordering::Relaxed).min(total);
        (total > 0).then(|| done as f64 / total as f64)
    }

    /// "37%", or nothing before a generator has said how much there is.
    pub fn percent(&self) -> Option<String> {
        self.fraction()
            .map(|f| format!("{}%", (f * 100.0).floor() as u32))
    }
}

/// Counts what `advance` is given only every `STEP` units, so a loop over a million rows
/// touches the shared counter a few hundred times.
pub struct Counter<'a> {
    progress: Option<&'a Progress>,
    pending: u64,
}

impl<'a> Counter<'a> {
    const STEP: u64 = 4096;

    pub fn new(progress: Option<&'a Progress>) -> Counter<'a> {
        Counter {
            progress,
            pending: 0,
        }
    }

    pub fn advance(&mut self, n: u64) {
        self.pending += n;
        if self.pending >= Self::STEP {
            if let Some(p) = self.progress {
                p.advance(self.pending);
            }
            self.pending = 0;
        }
    }
}

impl Drop for Counter<'_> {
    fn drop(&mut self) {
        if let Some(p) = self.progress {
            p.advance(self.pending);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_is_said_before_the_work_is_known_and_never_past_all_of_it() {
        let p = Progress::default();
        assert_eq!(p.percent(), None);
        p.start(8192);
        {
            let mut c = Counter::new(Some(&p));
            c.advance(4095);
            assert_eq!(p.percent().as_deref(), Some("0%"));
            c.advance(1);
            assert_eq!(p.percent().as_deref(), Some("50%"));
            c.advance(10_000);
        }
        assert_eq!(p.percent().as_deref(), Some("100%"));
        p.start(10);
        p.finish();
        assert_eq!(p.fraction(), Some(1.0));
    }
}
