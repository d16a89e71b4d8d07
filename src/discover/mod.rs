//! Discover: command-line arguments (files, folders, globs, `-`) to inputs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// One thing to lint.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Input {
    /// `explicit`: named on the command line (or by a glob), rather than found
    /// by walking a folder.
    File {
        path: PathBuf,
        explicit: bool,
    },
    Stdin {
        name: String,
    },
}

impl Input {
    pub fn display_path(&self) -> String {
        match self {
            Input::File { path, .. } => lossless(path),
            Input::Stdin { name } => name.clone(),
        }
    }
}

/// A path as text without losing it: bytes that are not UTF-8 are written
/// `\xE9` (rather than all becoming `�`), so two such names stay apart and
/// the file can be found again.
pub fn lossless(path: &Path) -> String {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in path.as_os_str().as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for byte in chunk.invalid() {
                out.push_str(&format!("\\x{byte:02X}"));
            }
        }
        out
    }
    #[cfg(not(unix))]
    {
        path.display().to_string()
    }
}

/// An argument that matched nothing, or a folder that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscoverError {
    pub argument: String,
    pub reason: String,
}

#[derive(Debug, Default)]
pub struct Discovered {
    pub inputs: Vec<Input>,
    pub errors: Vec<DiscoverError>,
}

/// Extensions a folder walk picks up.
const CHARTER_EXTENSIONS: &[&str] = &["md", "markdown", "yaml", "yml"];
/// Config files are YAML but never charters.
const CONFIG_NAMES: &[&str] = &[
    ".charterlint.yaml",
    "charterlint.yaml",
    ".charterlint.yml",
    "charterlint.yml",
];

pub fn discover(arguments: &[String], stdin_name: Option<&str>) -> Discovered {
    let mut found = Discovered::default();
    let mut files: BTreeSet<(PathBuf, bool)> = BTreeSet::new();
    for argument in arguments {
        if argument == "-" {
            found.inputs.push(Input::Stdin {
                name: stdin_name.unwrap_or("<stdin>").to_string(),
            });
            continue;
        }
        let path = Path::new(argument);
        if path.is_dir() {
            walk(path, &mut files, &mut found.errors);
        } else if path.exists() {
            files.insert((path.to_path_buf(), true));
        } else if is_glob(argument) {
            expand_glob(argument, &mut files, &mut found.errors);
        } else {
            found.errors.push(DiscoverError {
                argument: argument.clone(),
                reason: missing_reason(path),
            });
        }
    }
    found.inputs.extend(once_each(files));
    found.inputs.sort();
    found
}

/// Why a path that does not exist as far as `exists()` can tell is not
/// there: not found, or what the system says (a name too long, a loop…).
fn missing_reason(path: &Path) -> String {
    match std::fs::symlink_metadata(path).and_then(|_| std::fs::metadata(path)) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        Err(e) => e.to_string(),
        Ok(_) => "cannot be read".to_string(),
    }
}

/// Each file once, whatever the names it was reached by (`a.md`, `./a.md`,
/// a symlinked folder): the same file under two names would be linted and
/// fixed twice. A file both named and found by a walk is explicit.
fn once_each(files: BTreeSet<(PathBuf, bool)>) -> Vec<Input> {
    let mut by_file: std::collections::HashMap<PathBuf, usize> = std::collections::HashMap::new();
    let mut inputs: Vec<Input> = Vec::new();
    for (path, explicit) in files {
        let identity = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        match by_file.get(&identity) {
            Some(&at) => {
                if let Input::File { explicit: kept, .. } = &mut inputs[at] {
                    *kept |= explicit;
                }
            }
            None => {
                by_file.insert(identity, inputs.len());
                inputs.push(Input::File { path, explicit });
            }
        }
    }
    inputs
}

fn is_glob(argument: &str) -> bool {
    argument.contains(['*', '?', '['])
}

/// The files a pattern matches. The folder before the first wildcard is
/// walked without following symlinks (a `self -> .` link would make `**`
/// endless) and each path is matched with the glob crate's `Pattern`, where
/// `*` stays within one folder, as in a shell.
fn expand_glob(pattern: &str, files: &mut BTreeSet<(PathBuf, bool)>, errors: &mut Vec<DiscoverError>) {
    let matcher = match glob::Pattern::new(pattern) {
        Ok(matcher) => matcher,
        Err(e) => {
            errors.push(DiscoverError {
                argument: pattern.to_string(),
                reason: format!("invalid pattern: {e}"),
            });
            return;
        }
    };
    let options = glob::MatchOptions {
        require_literal_separator: true,
        ..glob::MatchOptions::new()
    };
    let (base, rest) = literal_base(pattern);
    let mut walker = ignore::WalkBuilder::new(if base.as_os_str().is_empty() {
        Path::new(".")
    } else {
        &base
    });
    walker.standard_filters(false).follow_links(false);
    if !rest.contains("**") {
        walker.max_depth(Some(rest.split('/').filter(|c| !c.is_empty()).count()));
    }
    let before = files.len();
    for entry in walker.build() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                errors.push(DiscoverError {
                    argument: pattern.to_string(),
                    reason: e.to_string(),
                });
                continue;
            }
        };
        // Relative patterns name paths without a leading `./`.
        let path = if base.as_os_str().is_empty() {
            entry.path().strip_prefix(".").unwrap_or(entry.path())
        } else {
            entry.path()
        };
        if path.as_os_str().is_empty() || !matcher.matches_path_with(path, options) {
            continue;
        }
        if path.is_dir() {
            walk(path, files, errors);
        } else {
            files.insert((path.to_path_buf(), true));
        }
    }
    if files.len() == before {
        errors.push(DiscoverError {
            argument: pattern.to_string(),
            reason: "no file matches this pattern".to_string(),
        });
    }
}

/// The folders of a pattern before its first wildcard, and the rest.
fn literal_base(pattern: &str) -> (PathBuf, &str) {
    let wildcard = pattern.find(['*', '?', '[']).unwrap_or(pattern.len());
    let cut = pattern[..wildcard].rfind('/').map_or(0, |i| i + 1);
    (PathBuf::from(&pattern[..cut]), &pattern[cut..])
}

/// Charters under a folder, honouring `.gitignore` (also outside a git
/// checkout) and skipping hidden files.
fn walk(root: &Path, files: &mut BTreeSet<(PathBuf, bool)>, errors: &mut Vec<DiscoverError>) {
    let walker = ignore::WalkBuilder::new(root)
        .require_git(false)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let path = entry.path();
                if entry.file_type().is_some_and(|t| t.is_file()) && is_charter_file(path) {
                    files.insert((path.to_path_buf(), false));
                }
            }
            Err(e) => errors.push(DiscoverError {
                argument: root.display().to_string(),
                reason: e.to_string(),
            }),
        }
    }
}

fn is_charter_file(path: &Path) -> bool {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    CHARTER_EXTENSIONS.contains(&extension.as_str()) && !CONFIG_NAMES.contains(&name)
}
