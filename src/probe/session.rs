//! A connectivity test running in the background: start it, poll its progress, cancel it,
//! take its report. The session owns its tokio runtime, so a caller (the app) never touches
//! tokio.

use std::io;
use std::sync::mpsc;
use std::time::Instant;

use super::engine::{self, Cancel, Options};
use super::results::{ProbeResult, Report, Summary};
use super::targets::Target;

enum Message {
    Result(ProbeResult),
    Finished(Report),
}

/// How far a running test is.
#[derive(Clone, Copy, Debug)]
pub struct Progress {
    pub total: usize,
    pub done: usize,
    pub summary: Summary,
    pub started: Instant,
}

impl Progress {
    /// Done, from 0 to 1.
    pub fn fraction(&self) -> f32 {
        if self.total == 0 {
            1.0
        } else {
            self.done as f32 / self.total as f32
        }
    }
}

pub struct Session {
    runtime: Option<tokio::runtime::Runtime>,
    rx: mpsc::Receiver<Message>,
    cancel: Cancel,
    progress: Progress,
}

impl Session {
    /// Starts probing `targets`; `wake` is called from the engine's threads whenever there is
    /// something new to poll (the app asks for a repaint).
    pub fn start(
        targets: Vec<Target>,
        options: Options,
        wake: impl Fn() + Send + Sync + 'static,
    ) -> io::Result<Session> {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("portplan-probe")
            .enable_all()
            .build()?;
        let (tx, rx) = mpsc::channel();
        let cancel = Cancel::default();
        let total = targets.len();
        let engine_cancel = cancel.clone();
        runtime.spawn(async move {
            let progress = tx.clone();
            let wake = std::sync::Arc::new(wake);
            let wake_each = wake.clone();
            let report = engine::run(targets, options, engine_cancel, move |_, r| {
                let _ = progress.send(Message::Result(r.clone()));
                wake_each();
            })
            .await;
            let _ = tx.send(Message::Finished(report));
            wake();
        });
        Ok(Session {
            runtime: Some(runtime),
            rx,
            cancel,
            progress: Progress {
                total,
                done: 0,
                summary: Summary::default(),
                started: Instant::now(),
            },
        })
    }

    /// Takes what the engine sent since the last poll; the report once the test is over
    /// (finished or cancelled).
    pub fn poll(&mut self) -> Option<Report> {
        let mut finished = None;
        while let Ok(m) = self.rx.try_recv() {
            match m {
                Message::Result(r) => {
                    self.progress.done += 1;
                    self.progress.summary.add(r.status);
                }
                Message::Finished(report) => finished = Some(report),
            }
        }
        finished
    }

    /// As of the last poll.
    pub fn progress(&self) -> Progress {
        self.progress
    }

    /// Stops the test; the report keeps the results so far.
    pub fn cancel(&self) {
        self.cancel.cancel();
    }
}

impl Drop for Session {
    /// A session dropped while it runs stops at once, without waiting on the caller's thread.
    fn drop(&mut self) {
        self.cancel.cancel();
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}
