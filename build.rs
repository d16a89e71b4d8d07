//! Embeds the built-in rule packs (`rules/<family>/<name>.yaml`; the rule id is
//! the path without its extension, so it is declared once) and the lexicons
//! they share (`rules/lexicons/<name>.yaml`) in the binary.

use std::env;
use std::fs;
use std::path::{Path, PathBuf};

const LEXICONS: &str = "lexicons";
/// Language data (forms, concepts) the analysis embeds itself: not rule packs.
const LANGUAGE: &str = "language";

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .expect("readable rules folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files
}

fn entry(id: &str, path: &Path) -> String {
    format!("    ({id:?}, include_str!({:?})),", path.display().to_string())
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap_or_default().to_string_lossy().to_string()
}

fn main() {
    // Read when the script runs, not when it is compiled: a build script
    // compiled for another checkout sharing this target folder must not embed
    // that checkout's rules.
    let root = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut families: Vec<PathBuf> = fs::read_dir(&root)
        .expect("rules/ exists")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    families.sort();
    let mut packs = Vec::new();
    let mut lexicons = Vec::new();
    for family in families {
        let name = stem(&family);
        if name == LANGUAGE {
            continue;
        }
        for file in yaml_files(&family) {
            if name == LEXICONS {
                lexicons.push(entry(&stem(&file), &file));
            } else {
                packs.push(entry(&format!("{name}/{}", stem(&file)), &file));
            }
        }
    }
    let out = PathBuf::from(env::var("OUT_DIR").expect("cargo sets OUT_DIR"));
    let write = |file: &str, doc: &str, name: &str, entries: &[String]| {
        let code = format!(
            "/// {doc}\npub static {name}: &[(&str, &str)] = &[\n{}\n];\n",
            entries.join("\n")
        );
        fs::write(out.join(file), code).expect("OUT_DIR is writable");
    };
    write(
        "builtin_packs.rs",
        "`(rule id, YAML text)` of every built-in rule pack.",
        "BUILTIN_PACKS",
        &packs,
    );
    write(
        "builtin_lexicons.rs",
        "`(lexicon id, YAML text)` of every built-in lexicon.",
        "BUILTIN_LEXICONS",
        &lexicons,
    );
}
