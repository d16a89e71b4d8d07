//! A real editor's LSP client against `charterlint lsp`: Neovim, headless
//! (`editors/nvim-check.lua`). Skips with one line when Neovim is missing
//! (Debian package `neovim`).

use std::io::Write;
use std::path::Path;
use std::process::Command;

#[test]
fn neovim_receives_the_diagnostics() {
    if !Command::new("nvim")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success())
    {
        let _ = writeln!(
            std::io::stderr(),
            "skipped: the Neovim check (nvim is not installed; apt-get install neovim)"
        );
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("charte.md");
    std::fs::write(
        &file,
        "# Charte\n\n## Écoute\n\nÉcrivez à [ENTREPRISE] pour toute question.\n",
    )
    .expect("write");
    let output = Command::new("nvim")
        .current_dir(dir.path())
        .env("CHARTERLINT", assert_cmd::cargo::cargo_bin("charterlint"))
        .env("XDG_STATE_HOME", dir.path().join("state"))
        .env("XDG_CACHE_HOME", dir.path().join("cache"))
        .args(["--headless", "-u", "NONE", "-c"])
        .arg(format!("luafile {}", root.join("editors/nvim-check.lua").display()))
        .arg(&file)
        .output()
        .expect("nvim runs");
    // Neovim prints from `print` on standard error when headless.
    let shown = format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    let _ = writeln!(std::io::stderr(), "Neovim received:\n{shown}");
    assert!(output.status.success(), "{shown}");
    // Neovim counts columns in bytes: "Écrivez à " is 12 bytes, so the
    // placeholder is at column 13 of line 5.
    assert!(shown.contains("5:13 structure/placeholder"), "{shown}");
    assert!(shown.contains("culture/customer-care"), "{shown}");
}
