//! Inline suppressions through the binary, in Markdown and YAML.

use assert_cmd::Command;

fn short(file: &str, text: &str) -> String {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(file), text).expect("write");
    let out = Command::cargo_bin("charterlint")
        .expect("binary")
        .current_dir(dir.path())
        .args(["check", file, "--isolated", "--format", "short", "--messages", "en"])
        .output()
        .expect("runs");
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn rules_on_line(out: &str, line: usize) -> Vec<String> {
    out.lines()
        .filter(|l| l.split(':').nth(1) == Some(&line.to_string()))
        .filter_map(|l| l.split('[').nth(1).and_then(|r| r.split(']').next()).map(String::from))
        .collect()
}

#[test]
fn ranges_next_line_and_file_in_markdown() {
    let out = short(
        "charte.md",
        "<!-- charterlint-disable-file culture/listening reason=\"covered by the customer policy\" -->\n\
         # Charte\n\n\
         <!-- charterlint-disable structure/placeholder reason=\"draft section\" -->\n\
         TODO one\n\n\
         TODO two\n\
         <!-- charterlint-enable structure/placeholder -->\n\n\
         TODO three\n\n\
         <!-- charterlint-disable-next-line structure/placeholder reason=\"kept on purpose\" -->\n\
         TODO four\n",
    );
    assert!(!out.contains("culture/listening"), "{out}");
    assert!(out.contains("error[culture/dialogue]"), "other rules still run: {out}");
    assert!(
        rules_on_line(&out, 5).is_empty() && rules_on_line(&out, 7).is_empty(),
        "{out}"
    );
    assert_eq!(rules_on_line(&out, 10), ["structure/placeholder"], "{out}");
    assert!(rules_on_line(&out, 13).is_empty(), "{out}");
    assert!(
        !out.contains("suppression/"),
        "every suppression has a reason and is used: {out}"
    );
}

#[test]
fn missing_reason_expired_and_unused_are_reported() {
    let out = short(
        "charte.md",
        "# Charte\n\n\
         <!-- charterlint-disable-next-line structure/placeholder -->\n\
         TODO one\n\n\
         <!-- charterlint-disable-next-line structure/placeholder reason=\"old\" until=2001-01-01 -->\n\
         TODO two\n\n\
         <!-- charterlint-disable-next-line structure/empty-section reason=\"nothing here\" -->\n\
         Text.\n",
    );
    assert_eq!(rules_on_line(&out, 3), ["suppression/missing-reason"], "{out}");
    assert!(rules_on_line(&out, 4).is_empty(), "still suppressed: {out}");
    assert_eq!(rules_on_line(&out, 6), ["suppression/expired"], "{out}");
    assert_eq!(
        rules_on_line(&out, 7),
        ["structure/placeholder"],
        "an expired suppression hides nothing: {out}"
    );
    assert_eq!(rules_on_line(&out, 9), ["suppression/unused"], "{out}");
    assert!(
        out.contains("suppression of structure/empty-section hides nothing"),
        "{out}"
    );
}

#[test]
fn yaml_comments() {
    let out = short(
        "policy.yaml",
        "title: Policy\n\
         # charterlint-disable-file culture reason=\"a partial policy\"\n\
         sections:\n  - title: Crisis\n    body: |\n      Call the lead.\n\
         \x20     # charterlint-disable-next-line structure/placeholder reason=\"filled in by HR\"\n\
         \x20     Owner: TBD\n",
    );
    assert!(!out.contains("culture/"), "a family can be named: {out}");
    assert!(!out.contains("structure/placeholder"), "{out}");
    assert!(!out.contains("suppression/"), "{out}");
}

/// `until=` that is not a real date: the suppression applies to nothing and
/// says why (it once silently never expired).
#[test]
fn an_end_date_that_is_not_a_date_is_reported() {
    for until in ["31/12/2020", "demain", "2020-13-45"] {
        let out = short(
            "charte.md",
            &format!(
                "# Charte\n\n<!-- charterlint-disable-next-line structure/placeholder reason=\"draft\" until={until} -->\nTODO one\n"
            ),
        );
        assert_eq!(rules_on_line(&out, 3), ["suppression/invalid-date"], "{until}: {out}");
        assert_eq!(
            rules_on_line(&out, 4),
            ["structure/placeholder"],
            "{until}: an unreadable date hides nothing: {out}"
        );
    }
}
