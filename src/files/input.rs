//! The one reader of outside input: plan files, catalogs, inventories and probe results all
//! come through [`read`], which reads regular files only (never a device, a FIFO or a folder,
//! which would never end or block) and at most a documented size per kind of input, so a
//! plan naming `/dev/zero` as its catalog fails at once instead of eating memory.

use std::fs::{self, File, Metadata};
use std::io::{self, Read};
use std::path::Path;

/// The longest host name (characters) an inventory or a plan file may hold: names are labels
/// for people and for rule names, and nothing longer is a name (a DNS name has at most 253).
pub const MAX_NAME_CHARS: usize = 255;

/// What a file is read as; each kind has its size limit, far above any real file of its
/// kind (a 100,000-host plan is about 23 MB, its inventory 4 MB; a catalog is tens of KB).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Plan,
    Catalog,
    Inventory,
    ProbeResults,
    /// The app's own small files (recent plans, where a recovered plan came from): in a
    /// folder of the user's, so read as carefully as any other.
    AppState,
}

const MIB: u64 = 1024 * 1024;

impl Kind {
    pub const ALL: [Kind; 5] = [
        Kind::Plan,
        Kind::Catalog,
        Kind::Inventory,
        Kind::ProbeResults,
        Kind::AppState,
    ];

    /// The most bytes a file of this kind may hold.
    pub fn limit(self) -> u64 {
        match self {
            Kind::Plan => 64 * MIB,
            Kind::Catalog => MIB,
            Kind::Inventory => 32 * MIB,
            Kind::ProbeResults => 64 * MIB,
            Kind::AppState => MIB,
        }
    }

    /// What the file is, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Plan => "a plan file",
            Kind::Catalog => "a catalog",
            Kind::Inventory => "an inventory",
            Kind::ProbeResults => "a probe results file",
            Kind::AppState => "a file of the app's state",
        }
    }
}

/// The whole of the regular file at `path`, if it is one and within `kind`'s limit. Reads at
/// most one byte past the limit, whatever the file's size claims (a file may grow while it
/// is read). The errors read after "cannot read: ".
pub fn read(path: &Path, kind: Kind) -> io::Result<Vec<u8>> {
    // Stat first: opening a FIFO for reading would wait for a writer.
    regular(&fs::metadata(path)?, kind)?;
    let file = open(path)?;
    // The file opened may not be the one stat-ed (replaced in between): check it again.
    let metadata = file.metadata()?;
    regular(&metadata, kind)?;
    let limit = kind.limit();
    if metadata.len() > limit {
        return Err(too_large(kind));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(kind));
    }
    Ok(bytes)
}

#[cfg(unix)]
fn open(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::OpenOptionsExt;
    // Non-blocking, so a FIFO swapped in after the stat cannot make the open wait; reads of a
    // regular file never block either way.
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open(path: &Path) -> io::Result<File> {
    File::open(path)
}

fn regular(metadata: &Metadata, kind: Kind) -> io::Result<()> {
    if metadata.is_file() {
        return Ok(());
    }
    let what = if metadata.is_dir() {
        "a folder"
    } else {
        special_kind(metadata)
    };
    Err(io::Error::new(
        io::ErrorKind::InvalidInput,
        format!(
            "it is {what}, not a regular file ({} must be a regular file)",
            kind.name()
        ),
    ))
}

#[cfg(unix)]
fn special_kind(metadata: &Metadata) -> &'static str {
    use std::os::unix::fs::FileTypeExt;
    let t = metadata.file_type();
    if t.is_fifo() {
        "a named pipe (FIFO)"
    } else if t.is_char_device() {
        "a character device"
    } else if t.is_block_device() {
        "a block device"
    } else if t.is_socket() {
        "a socket"
    } else {
        "a special file"
    }
}

#[cfg(not(unix))]
fn special_kind(_: &Metadata) -> &'static str {
    "a special file"
}

fn too_large(kind: Kind) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "it is larger than {} MiB, the limit for {}",
            kind.limit() / MIB,
            kind.name()
        ),
    )
}

/// Why a file is not text a parser should read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NotText {
    /// UTF-16 or UTF-32 text (Windows tools save "Unicode" text so): its name.
    Encoding(&'static str),
    /// Binary data: a NUL byte at this offset.
    Binary { offset: usize },
}

impl std::fmt::Display for NotText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NotText::Encoding(name) => write!(
                f,
                "the file is {name} text: save it as UTF-8 (in Excel: CSV UTF-8; in Notepad: \
                 Save as, Encoding UTF-8)"
            ),
            NotText::Binary { offset } => {
                write!(f, "not a text file (binary data at byte {offset})")
            }
        }
    }
}

/// Why `bytes` are not UTF-8 text a person saved, when the reason is one a parser would
/// misname: UTF-16 or UTF-32, or binary data (a NUL byte). Invalid UTF-8 elsewhere is left to
/// each reader, which can name its line.
pub fn not_text(bytes: &[u8]) -> Option<NotText> {
    let utf32 = bytes.starts_with(b"\xff\xfe\x00\x00") || bytes.starts_with(b"\x00\x00\xfe\xff");
    if utf32 {
        return Some(NotText::Encoding("UTF-32"));
    }
    if bytes.starts_with(b"\xff\xfe") || bytes.starts_with(b"\xfe\xff") {
        return Some(NotText::Encoding("UTF-16"));
    }
    let offset = bytes.iter().position(|b| *b == 0)?;
    // UTF-16 without its mark: text of Latin letters has a NUL beside every character, at
    // every even or every odd offset, and none at the others.
    let head = &bytes[..bytes.len().min(64) & !1];
    let nuls = |from: usize| {
        head.iter()
            .skip(from)
            .step_by(2)
            .filter(|b| **b == 0)
            .count()
    };
    let (even, odd, half) = (nuls(0), nuls(1), head.len() / 2);
    if head.len() >= 16 && ((even == half && odd == 0) || (odd == half && even == 0)) {
        return Some(NotText::Encoding("UTF-16"));
    }
    Some(NotText::Binary { offset })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_and_binary_are_named() {
        let utf16: Vec<u8> = "\u{feff}name,address"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert!(not_text(&utf16).unwrap().to_string().contains("UTF-16"));
        let no_mark: Vec<u8> = "name,address"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert_eq!(not_text(&no_mark), Some(NotText::Encoding("UTF-16")));
        assert_eq!(
            not_text(b"abcdefgh\0ijklmnop").unwrap().to_string(),
            "not a text file (binary data at byte 8)"
        );
        assert_eq!(not_text("name,ünï\n".as_bytes()), None);
    }
}
