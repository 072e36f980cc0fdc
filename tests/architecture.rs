//! The house rules of `src/`, checked on the source itself: no file over 600 lines, and no
//! import circle between files, nor between the folders (and files) of any one folder. An
//! import is a `use` or a path in code (`crate::`, `super::`, `self::`, and `portplan::` in the
//! binary's files), resolved to the file that holds the module it names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 600;

/// Every `.rs` file under `dir`, relative to `src/`.
fn rust_files(dir: &Path, root: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, root, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path.strip_prefix(root).unwrap().to_path_buf());
        }
    }
}

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The module path of a file: `export/scripts/netsh.rs` -> ["export", "scripts", "netsh"];
/// `lib.rs` and `main.rs` are their crates' roots.
fn module_of(file: &Path) -> Vec<String> {
    let mut parts: Vec<String> = file
        .iter()
        .map(|p| p.to_string_lossy().into_owned())
        .collect();
    let last = parts.pop().unwrap();
    match last.as_str() {
        "mod.rs" | "lib.rs" | "main.rs" => {}
        name => parts.push(name.trim_end_matches(".rs").to_string()),
    }
    parts
}

/// The file that holds module `path` (as deep as modules go: an item's path ends at the
/// file of its module).
fn file_of(path: &[String], files: &BTreeSet<PathBuf>, bin: bool) -> Option<PathBuf> {
    let mut best = None;
    for depth in 0..=path.len() {
        let dir: PathBuf = path[..depth].iter().collect();
        let candidates = if depth == 0 {
            vec![PathBuf::from(if bin { "main.rs" } else { "lib.rs" })]
        } else {
            vec![dir.with_extension("rs"), dir.join("mod.rs")]
        };
        match candidates.into_iter().find(|c| files.contains(c)) {
            Some(found) => best = Some(found),
            None if depth > 0 => break,
            None => {}
        }
    }
    best
}

/// The code of a file without comments and string literals (which may name paths).
fn code(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let line = line.split("//").next().unwrap_or("");
        let mut in_str = false;
        for c in line.chars() {
            if c == '"' {
                in_str = !in_str;
            } else if !in_str {
                out.push(c);
            }
        }
        out.push('\n');
    }
    out
}

/// Expands `a::{b, c::{d, e}}` into `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.len() - 1];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(expand)
        .map(|p| format!("{prefix}{p}"))
        .collect()
}

/// The paths a file names: from its `use` trees and from paths in its code.
fn paths(code: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before = rest[..at].chars().last();
        let after = &rest[at + 4..];
        let end = after.find(';').unwrap_or(after.len());
        if before.is_none_or(|c| !c.is_alphanumeric() && c != '_') {
            found.extend(expand(&after[..end]));
        }
        rest = &after[end.min(after.len())..];
    }
    for start in ["crate::", "super::", "self::", "portplan::"] {
        let mut from = 0;
        while let Some(at) = code[from..].find(start) {
            let at = from + at;
            let before = code[..at].chars().last();
            if before.is_none_or(|c| !c.is_alphanumeric() && c != '_' && c != ':') {
                let path: String = code[at..]
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == ':')
                    .collect();
                found.push(path);
            }
            from = at + start.len();
        }
    }
    found
}

/// The file a path in `file` leads to, if it names one of ours.
fn target(
    path: &str,
    file: &Path,
    files: &BTreeSet<PathBuf>,
    in_test_module: bool,
) -> Option<PathBuf> {
    let bin = file == Path::new("main.rs") || file.starts_with("cli");
    let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
    let here = module_of(file);
    let (mut base, rest, bin_root): (Vec<String>, &[&str], bool) = match segments.first()? {
        &"crate" => (Vec::new(), &segments[1..], bin),
        &"portplan" => (Vec::new(), &segments[1..], false),
        &"self" => (here.clone(), &segments[1..], bin),
        &"super" => {
            // In an inline `mod tests`, `super` is the file's own module.
            let mut m = here.clone();
            let mut rest = &segments[..];
            let mut first = true;
            while rest.first() == Some(&"super") {
                if !(first && in_test_module) {
                    m.pop()?;
                }
                first = false;
                rest = &rest[1..];
            }
            (m, rest, bin)
        }
        // A bare path starting at a child module: `use format::Format` in export/mod.rs.
        first => {
            let mut child = here.clone();
            child.push(first.to_string());
            let dir: PathBuf = child.iter().collect();
            if !files.contains(&dir.with_extension("rs")) && !files.contains(&dir.join("mod.rs")) {
                return None;
            }
            (here.clone(), &segments[..], bin)
        }
    };
    base.extend(rest.iter().map(|s| s.to_string()));
    file_of(&base, files, bin_root)
}

/// The import graph between the files of `src/`.
fn graph() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let root = src();
    let mut list = Vec::new();
    rust_files(&root, &root, &mut list);
    let files: BTreeSet<PathBuf> = list.into_iter().collect();
    let mut edges = BTreeMap::new();
    for file in &files {
        let text = std::fs::read_to_string(root.join(file)).unwrap();
        // Inline modules (tests) come last in a file: past the first one, `super` is the file.
        let split = text
            .find("\nmod tests {")
            .or_else(|| text.find("\nmod tests{"))
            .unwrap_or(text.len());
        let mut to = BTreeSet::new();
        for (part, in_tests) in [(&text[..split], false), (&text[split..], true)] {
            for path in paths(&code(part)) {
                if let Some(t) = target(&path, file, &files, in_tests)
                    && &t != file
                    && t != Path::new("lib.rs")
                    && t != Path::new("main.rs")
                {
                    to.insert(t);
                }
            }
        }
        edges.insert(file.clone(), to);
    }
    edges
}

/// A circle in `edges`, if there is one, as the nodes around it.
fn circle<N: Ord + Clone>(edges: &BTreeMap<N, BTreeSet<N>>) -> Option<Vec<N>> {
    fn visit<N: Ord + Clone>(
        n: &N,
        edges: &BTreeMap<N, BTreeSet<N>>,
        state: &mut BTreeMap<N, u8>,
        stack: &mut Vec<N>,
    ) -> Option<Vec<N>> {
        match state.get(n) {
            Some(1) => {
                let at = stack.iter().position(|s| s == n).unwrap();
                return Some(stack[at..].to_vec());
            }
            Some(_) => return None,
            None => {}
        }
        state.insert(n.clone(), 1);
        stack.push(n.clone());
        for m in edges.get(n).into_iter().flatten() {
            if let Some(c) = visit(m, edges, state, stack) {
                return Some(c);
            }
        }
        stack.pop();
        state.insert(n.clone(), 2);
        None
    }
    let mut state = BTreeMap::new();
    for n in edges.keys() {
        if let Some(c) = visit(n, edges, &mut state, &mut Vec::new()) {
            return Some(c);
        }
    }
    None
}

#[test]
fn no_file_in_src_is_over_600_lines() {
    let root = src();
    let mut list = Vec::new();
    rust_files(&root, &root, &mut list);
    let long: Vec<String> = list
        .iter()
        .map(|f| {
            (
                f,
                std::fs::read_to_string(root.join(f))
                    .unwrap()
                    .lines()
                    .count(),
            )
        })
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(f, n)| format!("{} ({n} lines)", f.display()))
        .collect();
    assert!(long.is_empty(), "over {MAX_LINES} lines: {long:?}");
}

#[test]
fn no_import_circle_between_files() {
    let edges = graph();
    assert!(
        edges.len() > 60,
        "the source was read ({} files)",
        edges.len()
    );
    assert!(
        edges[Path::new("export/mod.rs")].contains(Path::new("export/format.rs")),
        "imports are found"
    );
    if let Some(c) = circle(&edges) {
        panic!("an import circle: {c:?}");
    }
}

#[test]
fn no_import_circle_between_the_rooms_of_any_folder() {
    // An import from a to b is one from a's room to b's room in the folder both share: the
    // folder or file of that folder that holds each.
    let mut rooms: BTreeMap<PathBuf, BTreeMap<PathBuf, BTreeSet<PathBuf>>> = BTreeMap::new();
    for (from, tos) in graph() {
        for to in tos {
            let shared: PathBuf = from
                .parent()
                .unwrap()
                .iter()
                .zip(to.parent().unwrap().iter())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a)
                .collect();
            let depth = shared.iter().count();
            let room = |f: &Path| f.iter().take(depth + 1).collect::<PathBuf>();
            let (a, b) = (room(&from), room(&to));
            // A folder's mod.rs speaks for its folder: it is one of the folder's rooms only
            // inside the folder.
            if a != b {
                rooms
                    .entry(shared)
                    .or_default()
                    .entry(a)
                    .or_default()
                    .insert(b);
            }
        }
    }
    assert!(
        rooms.contains_key(Path::new("")),
        "the top folder has rooms"
    );
    for (folder, edges) in &rooms {
        if let Some(c) = circle(edges) {
            panic!("an import circle in src/{}: {c:?}", folder.display());
        }
    }
}

#[test]
fn the_checker_finds_a_circle_and_resolves_paths() {
    let files: BTreeSet<PathBuf> = ["lib.rs", "a/mod.rs", "a/b.rs", "c.rs"]
        .iter()
        .map(PathBuf::from)
        .collect();
    let from = Path::new("a/b.rs");
    assert_eq!(
        target("super::X", from, &files, false),
        Some("a/mod.rs".into())
    );
    assert_eq!(
        target("crate::c::f", from, &files, false),
        Some("c.rs".into())
    );
    assert_eq!(
        target("crate::a::b::T", Path::new("c.rs"), &files, false),
        Some("a/b.rs".into())
    );
    assert_eq!(
        target("super::b", Path::new("a/b.rs"), &files, true),
        Some("a/b.rs".into())
    );
    assert_eq!(
        target("b::T", Path::new("a/mod.rs"), &files, false),
        Some("a/b.rs".into())
    );
    assert_eq!(
        target("std::fmt", Path::new("a/mod.rs"), &files, false),
        None
    );
    assert_eq!(
        expand("crate::x::{self, y::{Z, W}}"),
        ["crate::x::self", "crate::x::y::Z", "crate::x::y::W"]
    );
    let mut edges: BTreeMap<u8, BTreeSet<u8>> = BTreeMap::new();
    edges.entry(1).or_default().insert(2);
    edges.entry(2).or_default().insert(3);
    assert_eq!(circle(&edges), None);
    edges.entry(3).or_default().insert(1);
    assert_eq!(circle(&edges), Some(vec![1, 2, 3]));
}
