//! Hostile and odd input, run through the binary: nothing lost, nothing
//! hangs, nothing leaks.

use assert_cmd::Command;
use std::path::Path;

/// A brand-protection charter: every customer-culture topic is missing, so
/// `--fix` has skeletons to add.
const BRAND_ONLY: &str =
    "# Charte\n\n## Confidentialité\n\nNe publiez jamais d'informations confidentielles sur l'entreprise.\n";

struct Run {
    out: String,
    err: String,
    code: i32,
}

fn charterlint(dir: &Path, args: &[&str]) -> Run {
    let output = Command::cargo_bin("charterlint")
        .expect("binary")
        .current_dir(dir)
        .arg("check")
        .arg("--isolated")
        .args(args)
        .output()
        .expect("runs");
    Run {
        out: String::from_utf8_lossy(&output.stdout).into_owned(),
        err: String::from_utf8_lossy(&output.stderr).into_owned(),
        code: output.status.code().unwrap_or(-1),
    }
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("readable")
}

fn is_fixed(text: &str) -> bool {
    text.starts_with(BRAND_ONLY.trim_end()) && text.len() > BRAND_ONLY.len() && text.contains("charterlint")
}

#[cfg(unix)]
#[test]
fn fix_writes_through_a_symlink_to_its_target() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("real")).expect("mkdir");
    let target = dir.path().join("real/charte.md");
    std::fs::write(&target, BRAND_ONLY).expect("write");
    std::os::unix::fs::symlink("real/charte.md", dir.path().join("lien.md")).expect("symlink");
    let run = charterlint(dir.path(), &["lien.md", "--fix"]);
    assert!(run.err.contains("fixed lien.md"), "{}", run.err);
    let link = std::fs::symlink_metadata(dir.path().join("lien.md")).expect("meta");
    assert!(link.file_type().is_symlink(), "the link stays a link");
    assert!(is_fixed(&read(&target)), "its target is fixed: {}", read(&target));
    assert_eq!(
        std::fs::read_dir(dir.path().join("real")).expect("dir").count(),
        1,
        "no temporary file left"
    );
}

#[cfg(unix)]
#[test]
fn fix_refuses_hard_links_and_read_only_files_and_goes_on() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let linked = dir.path().join("a-lie.md");
    std::fs::write(&linked, BRAND_ONLY).expect("write");
    std::fs::hard_link(&linked, dir.path().join("autre-nom.txt")).expect("hard link");
    let locked = dir.path().join("b-lecture-seule.md");
    std::fs::write(&locked, BRAND_ONLY).expect("write");
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    let free = dir.path().join("c-libre.md");
    std::fs::write(&free, BRAND_ONLY).expect("write");

    let run = charterlint(
        dir.path(),
        &[
            "a-lie.md",
            "b-lecture-seule.md",
            "c-libre.md",
            "--fix",
            "--format",
            "short",
        ],
    );
    assert_eq!(run.code, 2, "a file not fixed is an error of the run");
    assert!(
        run.err.contains("a-lie.md not fixed: the file has 2 hard links"),
        "{}",
        run.err
    );
    assert!(
        run.err.contains("b-lecture-seule.md not fixed: the file is read-only"),
        "{}",
        run.err
    );
    assert!(
        run.err.contains("fixed c-libre.md"),
        "the files after a failure are fixed: {}",
        run.err
    );
    assert_eq!(read(&linked), BRAND_ONLY);
    assert_eq!(
        read(&dir.path().join("autre-nom.txt")),
        BRAND_ONLY,
        "the links are not split"
    );
    assert_eq!(read(&locked), BRAND_ONLY);
    assert_eq!(
        std::fs::metadata(&locked).expect("meta").permissions().mode() & 0o777,
        0o444
    );
    assert!(is_fixed(&read(&free)));
    for name in ["a-lie.md", "b-lecture-seule.md", "c-libre.md"] {
        assert!(
            run.out.contains(name),
            "the report is printed for every file: {}",
            run.out
        );
    }
}

#[cfg(unix)]
#[test]
fn fix_keeps_the_owner_and_group() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("charte.md");
    std::fs::write(&file, BRAND_ONLY).expect("write");
    if std::os::unix::fs::chown(&file, Some(4242), Some(4343)).is_err() {
        // Only root can give a file away; as another user the file keeps
        // its owner anyway.
        eprintln!("skipped: giving a file to another owner needs root");
        return;
    }
    let run = charterlint(dir.path(), &["charte.md", "--fix"]);
    assert!(run.err.contains("fixed charte.md"), "{}", run.err);
    let meta = std::fs::metadata(&file).expect("meta");
    assert_eq!((meta.uid(), meta.gid()), (4242, 4343));
    assert!(is_fixed(&read(&file)));
}

#[test]
fn fix_handles_a_name_near_the_length_limit() {
    let dir = tempfile::tempdir().expect("temp dir");
    let name = format!("{}.md", "c".repeat(250));
    std::fs::write(dir.path().join(&name), BRAND_ONLY).expect("write");
    let run = charterlint(dir.path(), &[&name, "--fix"]);
    assert!(run.err.contains(&format!("fixed {name}")), "{}", run.err);
    assert!(is_fixed(&read(&dir.path().join(&name))));
}

#[test]
fn fix_keeps_carriage_return_line_endings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("charte.md");
    std::fs::write(&file, BRAND_ONLY.replace('\n', "\r")).expect("write");
    charterlint(dir.path(), &["charte.md", "--fix"]);
    let fixed = read(&file);
    assert!(
        fixed.len() > BRAND_ONLY.len() && fixed.contains("charterlint"),
        "{fixed:?}"
    );
    assert!(!fixed.contains('\n'), "no LF added to a CR file: {fixed:?}");
}

#[cfg(unix)]
#[test]
fn a_report_is_never_written_over_an_input() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("charte.md");
    std::fs::write(&file, BRAND_ONLY).expect("write");
    std::os::unix::fs::symlink("charte.md", dir.path().join("alias.md")).expect("symlink");
    for args in [
        ["charte.md", "--output", "charte.md"],
        ["charte.md", "--output", "./alias.md"],
        [".", "--write-baseline", "charte.md"],
    ] {
        let run = charterlint(dir.path(), &args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.err);
        assert!(run.err.contains("is also an input"), "{}", run.err);
        assert_eq!(read(&file), BRAND_ONLY, "{args:?} left the charter alone");
    }
}
