//! What several test files share: the evaluation data beside the repository.

use std::io::Write;
use std::path::PathBuf;

/// Set (to anything) by `.ci/run`: a test that needs `../shared` then fails
/// instead of skipping, so CI always runs it.
pub const REQUIRE_SHARED: &str = "CHARTERLINT_REQUIRE_SHARED";

/// `../shared` (the corpus, the passage bank, the scorers, the SARIF schema),
/// or `None` after one line saying what was skipped and why. A clone of the
/// repository alone has no `../shared`; CI has it.
#[allow(dead_code)] // Each test file uses part of this module.
pub fn shared(what: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared");
    if path.join("corpus").is_dir() {
        return Some(path);
    }
    if std::env::var_os(REQUIRE_SHARED).is_some() {
        panic!("{what} needs ../shared beside the repository ({REQUIRE_SHARED} is set)");
    }
    // Straight to stderr, not `eprintln!`: the test harness hides what
    // passing tests print, and a skip must be seen.
    let _ = writeln!(
        std::io::stderr(),
        "skipped: {what} (no ../shared beside the repository; set {REQUIRE_SHARED} to require it)"
    );
    None
}
