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
            Input::File { path, .. } => path.display().to_string(),
            Input::Stdin { name } => name.clone(),
        }
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
                reason: "no such file or folder".to_string(),
            });
        }
    }
    // A file both named and found by a walk is explicit.
    let mut seen = BTreeSet::new();
    for (path, explicit) in files.into_iter().rev() {
        if seen.insert(path.clone()) {
            found.inputs.push(Input::File { path, explicit });
        }
    }
    found.inputs.sort();
    found
}

fn is_glob(argument: &str) -> bool {
    argument.contains(['*', '?', '['])
}

fn expand_glob(pattern: &str, files: &mut BTreeSet<(PathBuf, bool)>, errors: &mut Vec<DiscoverError>) {
    let paths = match glob::glob(pattern) {
        Ok(paths) => paths,
        Err(e) => {
            errors.push(DiscoverError {
                argument: pattern.to_string(),
                reason: format!("invalid pattern: {e}"),
            });
            return;
        }
    };
    let before = files.len();
    for entry in paths {
        match entry {
            Ok(path) if path.is_dir() => walk(&path, files, errors),
            Ok(path) => {
                files.insert((path, true));
            }
            Err(e) => errors.push(DiscoverError {
                argument: pattern.to_string(),
                reason: e.to_string(),
            }),
        }
    }
    if files.len() == before {
        errors.push(DiscoverError {
            argument: pattern.to_string(),
            reason: "no file matches this pattern".to_string(),
        });
    }
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
