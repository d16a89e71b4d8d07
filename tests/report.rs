//! `charterlint report`: the scorecards in Markdown (snapshot of the
//! examples) and in HTML (self-contained, escaped, in each charter's
//! language), run through the binary.

use assert_cmd::Command;
use std::path::Path;

fn charterlint() -> Command {
    let mut cmd = Command::cargo_bin("charterlint").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

fn run(cmd: &mut Command) -> (String, String, i32) {
    let output = cmd.output().expect("runs");
    (
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
        output.status.code().unwrap_or(-1),
    )
}

fn html_of(args: &[&str], dir: &Path) -> String {
    let page = dir.join("report.html");
    let (_, err, code) = run(charterlint().arg("report").args(args).arg("--html").arg(&page));
    assert_eq!(code, 0, "{err}");
    std::fs::read_to_string(&page).expect("the page is written")
}

#[test]
fn markdown_of_the_examples() {
    let (out, _, code) = run(charterlint().args(["report", "examples/", "--markdown", "-"]));
    assert_eq!(code, 0, "a report is written even when charters have findings");
    insta::assert_snapshot!("report_markdown", out);
}

#[test]
fn markdown_goes_to_standard_output_when_no_file_is_named() {
    let (out, err, code) = run(charterlint().args(["report", "examples/fr/charte-relation-client.md"]));
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("## Rapport charterlint\n"), "{out}");
    assert!(out.contains("**Maturité 5/5**"), "{out}");
    assert!(
        out.contains("Rien à changer"),
        "a charter without findings has nothing to do next: {out}"
    );
}

#[test]
fn html_page_is_self_contained_and_in_the_charters_language() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = html_of(&["examples/fr/"], dir.path());
    assert!(
        page.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"),
        "French charters get a French page"
    );
    assert!(page.contains("<h1>Rapport charterlint</h1>"));
    for remote in ["src=", "http://", "https://", "@import", "url("] {
        assert!(!page.contains(remote), "no resource from outside the page ({remote})");
    }
    // Three charters: a summary table, one part per charter, the figures in words.
    assert_eq!(page.matches("<article class=\"charter\"").count(), 3);
    assert!(page.contains("<table class=\"sortable\">"));
    assert!(page.contains("role=\"img\" aria-label=\"Protection de la marque 100 %"));
    assert!(page.contains("Maturité estimée : niveau 5 sur 5"));
    assert!(page.contains("@media print"));
}

#[test]
fn messages_choose_the_pages_language() {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = html_of(&["examples/fr/charte-e-reputation.md", "--messages", "en"], dir.path());
    assert!(page.contains("<html lang=\"en\">"));
    assert!(page.contains("What to do next"));
    // One charter: no summary table, and no script at all.
    assert!(!page.contains("<table class=\"sortable\">"));
    assert!(!page.contains("<script"));
}

#[test]
fn charter_text_cannot_inject_markup() {
    let dir = tempfile::tempdir().expect("temp dir");
    let charter = dir.path().join("<b>policy.md");
    std::fs::write(
        &charter,
        // The title line is quoted by the findings about missing metadata.
        "# Policy <script>alert(1)</script> @support | *now* <img src=x onerror=alert(1)>\n\n\
         ## Comments & \"replies\"\n\nComments are disabled on all our posts.\n",
    )
    .expect("written");
    let path = charter.to_str().expect("UTF-8 path");
    let page = html_of(&[path], dir.path());
    assert!(!page.contains("<script>alert"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(!page.contains("<b>policy"), "{page}");
    assert!(page.contains("&lt;b&gt;policy.md"));
    let (markdown, _, code) = run(charterlint().args(["report", path]));
    assert_eq!(code, 0);
    assert!(markdown.contains("\\<img src=x"), "escaped, shown as text: {markdown}");
    assert!(!markdown.replace("\\<", "").contains("<img"), "{markdown}");
    assert!(
        !markdown.contains("@support"),
        "a charter cannot mention a GitHub user: {markdown}"
    );
    assert!(markdown.contains("\\<b\\>policy.md"), "{markdown}");
    // A table cell is not split by a `|` of the charter.
    for line in markdown.lines().filter(|l| l.starts_with("| ")) {
        assert!(!line.contains(" | *now*"), "{line}");
    }
}

#[test]
fn a_report_is_never_written_over_a_charter() {
    let dir = tempfile::tempdir().expect("temp dir");
    let charter = dir.path().join("charte.md");
    std::fs::write(&charter, "# Charte\n\n## Écoute\n\nNous écoutons nos clients.\n").expect("written");
    let (_, err, code) = run(charterlint().arg("report").arg(&charter).arg("--html").arg(&charter));
    assert_eq!(code, 2);
    assert!(err.contains("is also an input"), "{err}");
    assert!(std::fs::read_to_string(&charter).expect("kept").starts_with("# Charte"));
}

#[test]
fn an_unreadable_input_is_reported_and_fails_the_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A named pipe: never opened (it would block), reported as unreadable.
    let fifo = dir.path().join("policy.md");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo runs");
    assert!(made.success());
    let page = dir.path().join("out.html");
    let (_, err, code) = run(charterlint()
        .arg("report")
        .arg(&fifo)
        .arg("examples/en/customer-culture-policy.md")
        .arg("--html")
        .arg(&page)
        .arg("--quiet"));
    assert_eq!(code, 2, "{err}");
    let page = std::fs::read_to_string(&page).expect("the report is still written");
    assert!(page.contains("structure/unreadable"));
    // Counts agree with their noun.
    assert!(page.contains("<p class=\"counts\">1 error, 0 warnings</p>"), "{page}");
    assert!(page.contains("customer-culture-policy.md"));
}
