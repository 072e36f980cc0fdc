//! The probe engine: a bounded number of TCP connects at once, each with a timeout, names
//! resolved once per host, cancellable, reporting each result as it arrives.

use std::collections::HashMap;
use std::io;
use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use tokio::net::TcpStream;
use tokio::sync::{Notify, Semaphore, mpsc};
use tokio::task::JoinSet;

use super::results::{ProbeResult, Report, Status};
use super::targets::Target;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// How long a probe waits for an answer before calling the port filtered.
    pub timeout: Duration,
    /// How many probes run at once (lowered to fit the open-file limit).
    pub concurrency: usize,
}

impl Options {
    /// A LAN answers in well under a second; a filtered port costs the whole timeout.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_millis(1000);
    pub const DEFAULT_CONCURRENCY: usize = 512;
}

impl Default for Options {
    fn default() -> Self {
        Options {
            timeout: Self::DEFAULT_TIMEOUT,
            concurrency: Self::DEFAULT_CONCURRENCY,
        }
    }
}

/// Stops a running test from any thread.
#[derive(Clone, Default)]
pub struct Cancel(Arc<(AtomicBool, Notify)>);

impl Cancel {
    pub fn cancel(&self) {
        self.0.0.store(true, Ordering::SeqCst);
        self.0.1.notify_waiters();
    }
    pub fn is_cancelled(&self) -> bool {
        self.0.0.load(Ordering::SeqCst)
    }
    async fn cancelled(&self) {
        let notified = self.0.1.notified();
        if self.is_cancelled() {
            return;
        }
        notified.await;
    }
}

/// File descriptors the process needs besides its sockets (standard streams, the runtime's
/// poller and wakers, a GUI's own files).
const RESERVED_FILES: u64 = 32;

/// The concurrency that fits the open-file limit: the soft limit is first raised as far as the
/// hard limit allows, then `requested` is lowered to what is left.
pub fn fit_concurrency(requested: usize) -> usize {
    match open_file_limit() {
        Some(limit) => requested
            .min(limit.saturating_sub(RESERVED_FILES).max(1) as usize)
            .max(1),
        None => requested.max(1),
    }
}

#[cfg(unix)]
fn open_file_limit() -> Option<u64> {
    let mut r = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: getrlimit and setrlimit only read and write the struct passed to them.
    unsafe {
        if libc::getrlimit(libc::RLIMIT_NOFILE, &mut r) != 0 {
            return None;
        }
        if r.rlim_cur < r.rlim_max {
            let raised = libc::rlimit {
                rlim_cur: r.rlim_max.min(65536),
                rlim_max: r.rlim_max,
            };
            if libc::setrlimit(libc::RLIMIT_NOFILE, &raised) == 0 {
                r.rlim_cur = raised.rlim_cur;
            }
        }
    }
    #[allow(clippy::unnecessary_cast)] // rlim_t is not u64 on every unix
    Some(r.rlim_cur as u64)
}

#[cfg(not(unix))]
fn open_file_limit() -> Option<u64> {
    None
}

/// Runs every probe and returns them in target order. `on_result` sees each result as it
/// arrives (with its target's index), for progress. Builds its own runtime: call it from a
/// thread that may block.
pub fn run_blocking(
    targets: Vec<Target>,
    options: Options,
    cancel: Cancel,
    on_result: impl FnMut(usize, &ProbeResult) + Send + 'static,
) -> io::Result<Report> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()?;
    // The collecting loop runs on a worker too: results then reach it without waking a
    // parked thread for each one (most of the cost on a fast network).
    let collector = runtime.spawn(run(targets, options, cancel, on_result));
    runtime
        .block_on(collector)
        .map_err(|e| io::Error::other(format!("the probe engine stopped: {e}")))
}

/// The engine itself, for callers that own a runtime.
pub async fn run(
    targets: Vec<Target>,
    options: Options,
    cancel: Cancel,
    mut on_result: impl FnMut(usize, &ProbeResult),
) -> Report {
    let concurrency = fit_concurrency(options.concurrency);
    let permits = Arc::new(Semaphore::new(concurrency));
    let addresses = resolve_all(&targets, options.timeout, &cancel).await;
    let (tx, mut rx) = mpsc::unbounded_channel::<(usize, ProbeResult)>();
    let mut tasks = JoinSet::new();
    let mut results: Vec<Option<ProbeResult>> = vec![None; targets.len()];

    for (i, target) in targets.into_iter().enumerate() {
        let resolved = addresses.get(&target.address).cloned();
        let (tx, permits, cancel) = (tx.clone(), permits.clone(), cancel.clone());
        tasks.spawn(async move {
            let result = match resolved {
                _ if !target.is_probeable() => skipped(target),
                Some(Err(detail)) => ProbeResult {
                    target,
                    status: Status::Unresolved,
                    ms: 0,
                    detail,
                    from: None,
                },
                Some(Ok(ip)) => {
                    let Ok(_permit) = permits.acquire_owned().await else {
                        return;
                    };
                    if cancel.is_cancelled() {
                        return;
                    }
                    probe(target, ip, options.timeout).await
                }
                None => return, // cancelled during resolution
            };
            let _ = tx.send((i, result));
        });
    }
    drop(tx);

    let mut cancelled = false;
    loop {
        tokio::select! {
            next = rx.recv() => match next {
                Some((i, r)) => {
                    on_result(i, &r);
                    results[i] = Some(r);
                }
                None => break,
            },
            _ = cancel.cancelled() => {
                cancelled = true;
                tasks.abort_all();
                // Keep what already arrived.
                while let Ok((i, r)) = rx.try_recv() {
                    on_result(i, &r);
                    results[i] = Some(r);
                }
                break;
            }
        }
    }
    while tasks.join_next().await.is_some() {}
    let complete = results.iter().all(Option::is_some);
    Report {
        results: results.into_iter().flatten().collect(),
        cancelled: cancelled && !complete,
    }
}

fn skipped(target: Target) -> ProbeResult {
    let detail = target.not_probed_because().unwrap_or_default();
    ProbeResult {
        target,
        status: Status::Skipped,
        ms: 0,
        detail,
        from: None,
    }
}

/// Each distinct address once: an IP as it is, a name through the resolver (with a timeout).
async fn resolve_all(
    targets: &[Target],
    timeout: Duration,
    cancel: &Cancel,
) -> HashMap<String, Result<IpAddr, String>> {
    let mut out = HashMap::new();
    let mut lookups = JoinSet::new();
    for t in targets {
        if out.contains_key(&t.address) {
            continue;
        }
        let bare = t.address.trim_start_matches('[').trim_end_matches(']');
        match bare.parse::<IpAddr>() {
            Ok(ip) => {
                out.insert(t.address.clone(), Ok(ip));
            }
            Err(_) => {
                out.insert(t.address.clone(), Err("resolving".into()));
                let name = t.address.clone();
                lookups.spawn(async move {
                    let found = tokio::time::timeout(
                        timeout.max(Duration::from_secs(2)),
                        tokio::net::lookup_host((name.clone(), 0)),
                    )
                    .await;
                    let ip = match found {
                        Ok(Ok(mut addrs)) => addrs
                            .next()
                            .map(|a| a.ip())
                            .ok_or_else(|| "no address for the name".to_string()),
                        Ok(Err(e)) => Err(e.to_string()),
                        Err(_) => Err("the resolver did not answer".to_string()),
                    };
                    (name, ip)
                });
            }
        }
    }
    loop {
        tokio::select! {
            next = lookups.join_next() => match next {
                Some(Ok((name, ip))) => { out.insert(name, ip); }
                Some(Err(_)) => {}
                None => break,
            },
            _ = cancel.cancelled() => {
                lookups.abort_all();
                out.retain(|_, v| v.as_ref().is_ok());
                break;
            }
        }
    }
    out
}

async fn probe(target: Target, ip: IpAddr, timeout: Duration) -> ProbeResult {
    let started = Instant::now();
    let (status, detail) = connect(SocketAddr::new(ip, target.port.start), timeout).await;
    ProbeResult {
        target,
        status,
        ms: started.elapsed().as_millis() as u64,
        detail,
        from: None,
    }
}

/// One non-blocking connect. An answer that is already there when `connect` returns (the
/// local host, a reset from this machine's own firewall) is taken at once; only a connect
/// still in flight is handed to the runtime's poller. On a fast network that halves the
/// system calls per probe.
async fn connect(addr: SocketAddr, timeout: Duration) -> (Status, String) {
    use socket2::{Domain, Socket, Type};
    let open = || (Status::Open, String::new());
    // Non-blocking from the start where the system can say so in one call (Linux); elsewhere
    // (Windows, macOS) in a second one.
    #[cfg(target_os = "linux")]
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM.nonblocking(), None);
    #[cfg(not(target_os = "linux"))]
    let socket = Socket::new(Domain::for_address(addr), Type::STREAM, None)
        .and_then(|s| s.set_nonblocking(true).map(|()| s));
    let socket = match socket {
        Ok(s) => s,
        Err(e) => return classify(&e),
    };
    // Close with a reset, not a FIN exchange: the probe wants nothing more from the service,
    // and thousands of sockets in TIME_WAIT help nobody.
    let _ = socket.set_linger(Some(Duration::ZERO));
    match socket.connect(&addr.into()) {
        Ok(()) => return open(),
        Err(e) if in_progress(&e) => {}
        Err(e) => return classify(&e),
    }
    match socket.take_error() {
        Ok(Some(e)) | Err(e) => return classify(&e),
        Ok(None) if socket.peer_addr().is_ok() => return open(),
        Ok(None) => {}
    }
    let stream = match TcpStream::from_std(socket.into()) {
        Ok(s) => s,
        Err(e) => return classify(&e),
    };
    match tokio::time::timeout(timeout, stream.writable()).await {
        Err(_) => (Status::Filtered, String::new()),
        Ok(Err(e)) => classify(&e),
        Ok(Ok(())) => match stream.take_error() {
            Ok(Some(e)) | Err(e) => classify(&e),
            Ok(None) => match stream.peer_addr() {
                Ok(_) => open(),
                Err(e) => classify(&e),
            },
        },
    }
}

fn in_progress(e: &io::Error) -> bool {
    #[cfg(unix)]
    if e.raw_os_error() == Some(libc::EINPROGRESS) {
        return true;
    }
    e.kind() == io::ErrorKind::WouldBlock
}

/// What a failed connect means.
pub fn classify(e: &io::Error) -> (Status, String) {
    use io::ErrorKind::*;
    match e.kind() {
        ConnectionRefused => (Status::Closed, String::new()),
        // ICMP host/network unreachable or administratively prohibited, and a local firewall's
        // reject (EPERM/EACCES): "rejected by a firewall or unreachable", not "host down".
        HostUnreachable | NetworkUnreachable | PermissionDenied => {
            (Status::Unreachable, e.to_string())
        }
        TimedOut => (Status::Filtered, String::new()),
        _ => (Status::Error, e.to_string()),
    }
}
