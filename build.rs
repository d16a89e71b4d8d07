//! Embeds the built-in rule packs (`rules/<family>/<name>.yaml`) in the binary.
//! The rule id is the path without its extension, so it is declared once.

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    println!("cargo:rerun-if-changed={}", root.display());
    let mut packs = Vec::new();
    let mut families: Vec<_> = fs::read_dir(&root).expect("rules/ exists").flatten().collect();
    families.sort_by_key(|e| e.file_name());
    for family in families {
        if !family.path().is_dir() {
            continue;
        }
        println!("cargo:rerun-if-changed={}", family.path().display());
        let mut files: Vec<_> = fs::read_dir(family.path())
            .expect("readable rules folder")
            .flatten()
            .collect();
        files.sort_by_key(|e| e.file_name());
        for file in files {
            let path = file.path();
            if path.extension().is_some_and(|e| e == "yaml") {
                let id = format!(
                    "{}/{}",
                    family.file_name().to_string_lossy(),
                    path.file_stem().unwrap_or_default().to_string_lossy()
                );
                packs.push(format!("    ({id:?}, include_str!({:?})),", path.display().to_string()));
            }
        }
    }
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("builtin_packs.rs");
    let code = format!(
        "/// `(rule id, YAML text)` of every built-in rule pack.\npub static BUILTIN_PACKS: &[(&str, &str)] = &[\n{}\n];\n",
        packs.join("\n")
    );
    fs::write(out, code).expect("OUT_DIR is writable");
}
