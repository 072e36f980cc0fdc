//! The one way portplan writes a file: atomically, so a crash at any moment leaves either
//! the old or the new contents at the path, with the previous file kept as `NAME.bak`. Plans,
//! exports, probe scripts and the app's own state all go through it.
//!
//! Nothing here opens an existing name for writing: the folder may be shared (`/tmp`, a team
//! share) and a link planted at a name portplan writes would make it overwrite the link's
//! target. New contents go to a temporary file created exclusively under a name nobody can
//! guess, and reach their own names, the target's and its `.bak`'s, only by rename, which
//! replaces a link instead of following it.

use std::ffi::{OsStr, OsString};
use std::fs::{self, File, OpenOptions};
use std::hash::{BuildHasher, Hasher};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

#[derive(Debug, thiserror::Error)]
#[error("{path}: cannot save: {source}")]
pub struct SaveError {
    pub path: PathBuf,
    pub source: std::io::Error,
}

/// `plan.json` -> `plan.json.bak`
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or_default().to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Writes `contents` to `path` through a temporary file in the same folder, flushed to disk,
/// then renamed over the target.
pub fn write_atomically(path: &Path, contents: &[u8]) -> Result<(), SaveError> {
    write_atomically_with(path, |f| f.write_all(contents))
}

/// As [`write_atomically`], with contents that `write` makes as it goes, straight into the
/// temporary file: an output of millions of rows (a CSV of every flow) is never whole in
/// memory. A `write` that fails leaves the target as it was.
pub fn write_atomically_with(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> Result<(), SaveError> {
    let err = |source| SaveError {
        path: path.to_path_buf(),
        source,
    };
    let dir = folder_of(path);
    let file_name = path
        .file_name()
        .ok_or_else(|| err(io::Error::other("the path names no file")))?;
    if path.is_dir() {
        return Err(err(io::Error::other("it is a folder")));
    }
    let (tmp, f) = temporary(&dir, file_name, create_new).map_err(err)?;
    let written = (|| {
        let mut buffered = io::BufWriter::with_capacity(1 << 16, f);
        write(&mut buffered)?;
        let f = buffered
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        f.sync_all()?;
        drop(f);
        keep_backup(path, &dir)?;
        fs::rename(&tmp, path)?;
        sync_dir(&dir);
        Ok(())
    })();
    if written.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    written.map_err(err)
}

/// The folder a path's file is in (`.` for a bare name).
pub(crate) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Gives the file now at `path`, if any, the name `NAME.bak`, without opening that name: a
/// second name for the old file (a hard link, or a copy where there is none, or where `path`
/// is a link: its target's contents are kept) under a fresh temporary name, renamed to
/// `NAME.bak`. The rename replaces whatever is there, a link included.
fn keep_backup(path: &Path, dir: &Path) -> io::Result<()> {
    let meta = match fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e),
    };
    let bak = backup_path(path);
    let name = bak.file_name().unwrap_or_default();
    let linked = match meta.file_type().is_file() {
        true => temporary(dir, name, |p| fs::hard_link(path, p)).ok(),
        false => None,
    };
    let tmp = match linked {
        Some((tmp, ())) => tmp,
        None => {
            let (tmp, mut f) = temporary(dir, name, create_new)?;
            let copied = io::copy(&mut File::open(path)?, &mut f).and_then(|_| f.sync_all());
            if let Err(e) = copied {
                let _ = fs::remove_file(&tmp);
                return Err(e);
            }
            tmp
        }
    };
    let renamed = fs::rename(&tmp, &bak);
    // Gone after a rename, except where `NAME.bak` was already a name of the same file (a
    // save that stopped between its two renames, or another writer's): then rename does
    // nothing and the temporary name stays.
    let _ = fs::remove_file(&tmp);
    renamed
}

/// Creates a file that did not exist: never opens an existing file nor follows a link.
pub(crate) fn create_new(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

/// Makes something new (`make`: a file, a link, a folder) at a hidden name beside `stem` in
/// `dir` that nobody could have guessed, trying other names while one is taken.
pub(crate) fn temporary<T>(
    dir: &Path,
    stem: &OsStr,
    make: impl Fn(&Path) -> io::Result<T>,
) -> io::Result<(PathBuf, T)> {
    let mut last = None;
    for _ in 0..16 {
        let mut name = OsString::from(".");
        name.push(stem);
        name.push(format!(".{}.tmp", unguessable()));
        let path = dir.join(name);
        match make(&path) {
            Ok(made) => return Ok((path, made)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => last = Some(e),
            Err(e) => return Err(e),
        }
    }
    Err(last.unwrap_or_else(|| io::Error::other("no free temporary name")))
}

/// 16 hex digits no other process can predict: std seeds every `RandomState` from the
/// system's random source; the process id, a counter and the time keep successive names of
/// one process apart.
fn unguessable() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u32(std::process::id());
    h.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    if let Ok(t) = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH) {
        h.write_u128(t.as_nanos());
    }
    format!("{:016x}", h.finish())
}

/// Makes the renames in `dir` durable. Best effort: not every platform can open a folder.
pub(crate) fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

/// Makes the folder `dir` hold exactly `files` (name, contents), all or nothing: they are
/// written into a fresh folder beside it, made durable together (one sync of the filesystem
/// on Linux, not one per file), then swapped in for `dir` in one step, and the previous
/// folder is removed. A crash or a kill at any moment leaves the previous folder or the new
/// one, never a mix; at worst a hidden `.NAME.*.tmp` folder beside it. The caller has made
/// sure `dir` holds nothing else worth keeping. A link at `dir` is followed: the folder it
/// names is replaced.
pub fn replace_folder(dir: &Path, files: &[(&str, &[u8])]) -> Result<(), SaveError> {
    let err = |source| SaveError {
        path: dir.to_path_buf(),
        source,
    };
    let existing = match fs::metadata(dir) {
        Ok(meta) if meta.is_dir() => Some(meta),
        Ok(_) => return Err(err(io::Error::other("it is a file, not a folder"))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => None,
        Err(e) => return Err(err(e)),
    };
    let target = match existing {
        Some(_) => fs::canonicalize(dir).map_err(err)?,
        None => dir.to_path_buf(),
    };
    let parent = folder_of(&target);
    let name = target
        .file_name()
        .ok_or_else(|| err(io::Error::other("the path names no folder")))?;
    fs::create_dir_all(&parent).map_err(err)?;
    let (fresh, ()) = temporary(&parent, name, |p| fs::create_dir(p)).map_err(err)?;
    let written = (|| {
        if let Some(meta) = &existing {
            fs::set_permissions(&fresh, meta.permissions())?;
        }
        for (file, contents) in files {
            let name = single_name(file)?;
            if existing.is_some() && reused(&target.join(name), &fresh.join(name), contents) {
                continue;
            }
            let mut f = create_new(&fresh.join(name))?;
            f.write_all(contents)?;
            // Elsewhere than Linux no call syncs a folder's files at once.
            #[cfg(not(target_os = "linux"))]
            f.sync_all()?;
        }
        #[cfg(target_os = "linux")]
        sync_filesystem(&fresh)?;
        match existing {
            Some(_) => swap_in(&fresh, &target, &parent, name),
            None => fs::rename(&fresh, &target),
        }
    })();
    if let Err(e) = written {
        let _ = fs::remove_dir_all(&fresh);
        return Err(err(e));
    }
    sync_dir(&parent);
    // `fresh` now names the previous folder. Best effort: a file in it another program holds
    // open (Windows) leaves it there, hidden; the export itself is in place.
    let _ = fs::remove_dir_all(&fresh);
    remove_abandoned(&parent, name);
    Ok(())
}

/// Removes the hidden folders that exports of `name` killed midway left beside it
/// (`.NAME.<16 hex digits>.tmp`), once they are an hour old: no export still writing takes
/// that long, and one that was killed never comes back for them. Best effort.
fn remove_abandoned(parent: &Path, name: &OsStr) {
    const ABANDONED: std::time::Duration = std::time::Duration::from_secs(3600);
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(middle) = file_name
            .to_str()
            .and_then(|n| n.strip_prefix(&prefix))
            .and_then(|n| n.strip_suffix(".tmp"))
        else {
            continue;
        };
        let ours = middle.len() == 16 && middle.bytes().all(|b| b.is_ascii_hexdigit());
        // The entry itself, not what a link names.
        let old = fs::symlink_metadata(entry.path()).is_ok_and(|m| {
            m.is_dir()
                && m.modified()
                    .is_ok_and(|t| t.elapsed().is_ok_and(|e| e > ABANDONED))
        });
        if ours && old {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Gives the new folder the previous export's file `old` under `new` when it holds exactly
/// `contents`: a second name for it (a hard link) instead of a new file. On many disks making
/// a file costs far more than naming one (2,000 files: 1.1 s to create, 0.05 s to link, on the
/// VM of the README's numbers), and a re-export changes few scripts. Only a regular file of
/// this user's with no other name is taken (not a link someone planted, nor a file linked
/// from elsewhere that could change under the export); its data is on disk already.
fn reused(old: &Path, new: &Path, contents: &[u8]) -> bool {
    let Ok(meta) = fs::symlink_metadata(old) else {
        return false;
    };
    if !meta.is_file() || meta.len() != contents.len() as u64 {
        return false;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // SAFETY: geteuid has no preconditions and cannot fail.
        if meta.nlink() != 1 || meta.uid() != unsafe { libc::geteuid() } {
            return false;
        }
    }
    // Read back (from the page cache, as a rule) and compared byte for byte: a script edited
    // by hand since is written anew.
    fs::read(old).is_ok_and(|b| b == contents) && fs::hard_link(old, new).is_ok()
}

/// `name` as one name in a folder: no separator, no `..`.
fn single_name(name: &str) -> io::Result<&Path> {
    let path = Path::new(name);
    let mut parts = path.components();
    match (parts.next(), parts.next()) {
        (Some(std::path::Component::Normal(_)), None) => Ok(path),
        _ => Err(io::Error::other(format!("'{name}' is not a file name"))),
    }
}

/// Puts the folder `fresh` at `target` and the folder that was at `target` at `fresh`. On
/// Linux one atomic exchange; where the system has none (or the filesystem refuses it), two
/// renames: between them the previous folder waits at a hidden name.
fn swap_in(fresh: &Path, target: &Path, parent: &Path, name: &OsStr) -> io::Result<()> {
    #[cfg(target_os = "linux")]
    match exchange(fresh, target) {
        Ok(()) => return Ok(()),
        Err(e) if matches!(e.raw_os_error(), Some(libc::EINVAL | libc::ENOSYS)) => {}
        Err(e) => return Err(e),
    }
    let (aside, ()) = temporary(parent, name, |p| fs::rename(target, p))?;
    if let Err(e) = fs::rename(fresh, target) {
        let _ = fs::rename(&aside, target);
        return Err(e);
    }
    fs::rename(&aside, fresh)
}

/// renameat2(RENAME_EXCHANGE): both names stay taken at every moment.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<()> {
    let (a, b) = (c_path(a)?, c_path(b)?);
    // SAFETY: two NUL-terminated paths that live across the call; the syscall reads them only.
    let rc = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    match rc {
        0 => Ok(()),
        _ => Err(io::Error::last_os_error()),
    }
}

/// Flushes every file written under `dir` with one call: syncfs(2) on its filesystem.
#[cfg(target_os = "linux")]
fn sync_filesystem(dir: &Path) -> io::Result<()> {
    use std::os::fd::AsRawFd;
    let d = File::open(dir)?;
    // SAFETY: the descriptor is open for the whole call.
    match unsafe { libc::syncfs(d.as_raw_fd()) } {
        0 => Ok(()),
        _ => Err(io::Error::last_os_error()),
    }
}

#[cfg(target_os = "linux")]
fn c_path(path: &Path) -> io::Result<std::ffi::CString> {
    use std::os::unix::ffi::OsStrExt;
    std::ffi::CString::new(path.as_os_str().as_bytes()).map_err(io::Error::other)
}
