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
    assert!(run.err.contains("lien.md corrigé"), "{}", run.err);
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
        run.err.contains("c-libre.md corrigé"),
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
    assert!(run.err.contains("charte.md corrigé"), "{}", run.err);
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
    assert!(run.err.contains(&format!("{name} corrigé")), "{}", run.err);
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

#[cfg(unix)]
#[test]
fn only_regular_files_are_read_and_the_run_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("charte.md"), BRAND_ONLY).expect("write");
    let fifo = dir.path().join("tube.md");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    if !made.is_ok_and(|s| s.success()) {
        eprintln!("skipped: mkfifo is not available");
        return;
    }
    // Opening a FIFO for reading would block forever: the run must not hang.
    let run = charterlint(dir.path(), &["tube.md", "/dev/zero", "charte.md", "--format", "json"]);
    assert_eq!(run.code, 2, "{}", run.err);
    let json: serde_json::Value = serde_json::from_str(&run.out).expect("JSON");
    let rules: Vec<(String, String)> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .flat_map(|f| {
            f["diagnostics"]
                .as_array()
                .expect("diagnostics")
                .iter()
                .map(|d| {
                    (
                        f["path"].as_str().unwrap_or_default().to_string(),
                        d["message"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        rules
            .iter()
            .any(|(p, m)| p == "tube.md" && m.contains("named pipe (FIFO)")),
        "an unreadable file is in the JSON report: {rules:?}"
    );
    assert!(
        rules.iter().any(|(p, m)| p == "/dev/zero" && m.contains("a device")),
        "{rules:?}"
    );
    assert!(
        rules.iter().any(|(p, _)| p == "charte.md"),
        "the other files are linted: {rules:?}"
    );
}

#[test]
fn files_over_the_size_limit_are_reported_not_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(".charterlint.yaml"), "max-file-size: 1kB\n").expect("write");
    std::fs::write(dir.path().join("grande.md"), BRAND_ONLY.repeat(20)).expect("write");
    std::fs::write(dir.path().join("petite.md"), BRAND_ONLY).expect("write");
    let output = Command::cargo_bin("charterlint")
        .expect("binary")
        .current_dir(dir.path())
        .args(["check", "grande.md", "petite.md", "--format", "short"])
        .output()
        .expect("runs");
    let out = String::from_utf8_lossy(&output.stdout);
    assert!(
        out.contains("grande.md:1:1: error[structure/too-large] ce fichier dépasse la limite de 1000 octets")
            || out
                .contains("grande.md:1:1: error[structure/too-large] this file is larger than the limit of 1000 bytes"),
        "{out}"
    );
    assert!(out.contains("petite.md:"), "{out}");
    // Standard input is held to the same limit.
    let output = Command::cargo_bin("charterlint")
        .expect("binary")
        .current_dir(dir.path())
        .args(["check", "-", "--format", "short"])
        .write_stdin(BRAND_ONLY.repeat(20))
        .output()
        .expect("runs");
    assert!(String::from_utf8_lossy(&output.stdout).contains("[structure/too-large]"));
    std::fs::write(dir.path().join(".charterlint.yaml"), "max-file-size: lots\n").expect("write");
    let output = Command::cargo_bin("charterlint")
        .expect("binary")
        .current_dir(dir.path())
        .args(["check", "petite.md"])
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("`lots` is not a size"), "a bad size names itself: {err}");
}

#[cfg(unix)]
#[test]
fn globs_do_not_follow_symlink_loops_and_lint_each_file_once() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir_all(dir.path().join("docs/sub")).expect("mkdir");
    std::fs::write(dir.path().join("docs/a.md"), BRAND_ONLY).expect("write");
    std::fs::write(dir.path().join("docs/sub/b.md"), BRAND_ONLY).expect("write");
    std::os::unix::fs::symlink(".", dir.path().join("self")).expect("symlink");
    std::os::unix::fs::symlink("..", dir.path().join("docs/up")).expect("symlink");
    let run = charterlint(
        dir.path(),
        &[
            "**/*.md",
            "docs/*.md",
            "./docs/a.md",
            "self/docs/a.md",
            "--format",
            "json",
        ],
    );
    let json: serde_json::Value = serde_json::from_str(&run.out).expect("JSON");
    let mut paths: Vec<&str> = json["files"]
        .as_array()
        .expect("files")
        .iter()
        .filter_map(|f| f["path"].as_str())
        .collect();
    paths.sort_unstable();
    assert_eq!(paths.len(), 2, "each file once: {paths:?}");
    assert!(paths.iter().any(|p| p.ends_with("sub/b.md")), "{paths:?}");
}

#[test]
fn odd_arguments_get_their_own_reason() {
    let dir = tempfile::tempdir().expect("temp dir");
    let long = format!("{}x.md", "a/".repeat(3000));
    let run = charterlint(dir.path(), &[&long]);
    assert!(!run.err.contains("no such file"), "{}", run.err);
    assert!(run.err.to_lowercase().contains("too long"), "{}", run.err);
    let output = std::process::Command::new(assert_cmd::cargo::cargo_bin("charterlint"))
        .current_dir(dir.path())
        .args(["check", "-", "--isolated"])
        .stdin(std::fs::File::open(dir.path()).expect("a folder opens"))
        .output()
        .expect("runs");
    let err = String::from_utf8_lossy(&output.stderr);
    assert!(err.contains("cannot read standard input"), "{err}");
}

#[test]
fn an_encoding_finding_speaks_the_charter_s_language() {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut latin1 =
        b"# Charte\n\nNous r\xE9pondons \xE0 nos clients et nous les \xE9coutons dans la journ\xE9e.\n".to_vec();
    latin1.extend_from_slice(b"Les salari\xE9s sont les bienvenus sur les r\xE9seaux.\n");
    std::fs::write(dir.path().join("latin1.md"), latin1).expect("write");
    let run = charterlint(dir.path(), &["latin1.md", "--format", "short"]);
    assert!(run.out.contains("n'est pas en UTF-8 valide"), "{}", run.out);
}

/// `check charte.md` under a configuration naming `packs`: stderr and exit code.
fn check_with_packs(project: &Path, packs: &str) -> (String, i32) {
    std::fs::write(project.join(".charterlint.yaml"), format!("packs: {packs}\n")).expect("write");
    let output = Command::cargo_bin("charterlint")
        .expect("binary")
        .current_dir(project)
        .args(["check", "charte.md"])
        .output()
        .expect("runs");
    (
        String::from_utf8_lossy(&output.stderr).into_owned(),
        output.status.code().unwrap_or(-1),
    )
}

#[cfg(unix)]
#[test]
fn packs_are_confined_to_the_configuration_s_folder() {
    let outer = tempfile::tempdir().expect("temp dir");
    let project = outer.path().join("project");
    std::fs::create_dir_all(project.join("packs/house")).expect("mkdir");
    std::fs::write(outer.path().join("secret.yaml"), "password: hunter2\n").expect("write");
    std::fs::write(outer.path().join("secret.txt"), "hunter2\n").expect("write");
    std::fs::write(project.join("charte.md"), BRAND_ONLY).expect("write");
    std::os::unix::fs::symlink("../../../secret.yaml", project.join("packs/house/leak.yaml")).expect("symlink");
    for (packs, expected) in [
        ("[\"../secret.yaml\"]", "outside the folder of this configuration"),
        ("[\"/etc/passwd\"]", "outside the folder of this configuration"),
        ("[packs]", "leads outside the folder of this configuration"),
    ] {
        let (err, code) = check_with_packs(&project, packs);
        assert_eq!(code, 2, "{packs}: {err}");
        assert!(err.contains(expected), "{packs}: {err}");
        assert!(
            !err.contains("hunter2") && !err.contains("root:"),
            "no content echoed: {err}"
        );
    }
    // Inside the folder, a file that is not YAML or not UTF-8 says so.
    std::fs::remove_file(project.join("packs/house/leak.yaml")).expect("rm");
    std::fs::write(project.join("notes.txt"), "hunter2\n").expect("write");
    std::fs::write(project.join("packs/house/latin1.yaml"), b"summary: caf\xE9\n").expect("write");
    for (packs, expected) in [
        ("[notes.txt]", "is not a YAML file"),
        ("[packs/house/latin1.yaml]", "is not UTF-8 text"),
    ] {
        let (err, _) = check_with_packs(&project, packs);
        assert!(err.contains(expected), "{packs}: {err}");
        assert!(!err.contains("hunter2"), "{err}");
    }
}

#[cfg(unix)]
#[test]
fn odd_file_names_are_escaped_in_every_output() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let hostile = "a\nb\u{1b}[31m c#%.md";
    std::fs::write(dir.path().join(hostile), BRAND_ONLY).expect("write");
    let latin1 = std::ffi::OsStr::from_bytes(b"caf\xE9.md");
    std::fs::write(dir.path().join(latin1), BRAND_ONLY).expect("write");

    let short = charterlint(dir.path(), &[".", "--format", "short"]);
    let findings = short
        .out
        .lines()
        .filter(|l| l.contains("error[") || l.contains("warning[") || l.contains("info["))
        .count();
    assert_eq!(
        short.out.lines().count(),
        findings,
        "one record per line: {}",
        short.out
    );
    assert!(
        !short.out.contains('\u{1b}'),
        "no raw escape character: {:?}",
        short.out
    );
    assert!(short.out.contains("a\\nb\\u{1b}[31m c#%.md:"), "{}", short.out);
    assert!(
        short.out.contains("caf\\xE9.md:"),
        "a non-UTF-8 name stays identifiable: {}",
        short.out
    );

    let human = charterlint(dir.path(), &[".", "--color", "never"]);
    assert!(
        !human.out.contains('\u{1b}') && !human.out.contains('\r'),
        "{:?}",
        human.out
    );

    let sarif = charterlint(dir.path(), &[".", "--format", "sarif"]);
    let json: serde_json::Value = serde_json::from_str(&sarif.out).expect("SARIF is JSON");
    let uris: Vec<String> = json["runs"][0]["results"]
        .as_array()
        .expect("results")
        .iter()
        .map(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect();
    assert!(uris.iter().any(|u| u == "./a%0Ab%1B%5B31m%20c%23%25.md"), "{uris:?}");
    assert!(uris.iter().any(|u| u == "./caf%E9.md"), "{uris:?}");
}

/// The human format reads lines and columns from the same index as the
/// others, whatever the line endings, and prints no raw CR.
#[test]
fn human_positions_agree_with_short_on_cr_and_mixed_endings() {
    let dir = tempfile::tempdir().expect("temp dir");
    let body = "# Charte\n\n## Règles\n\nNe publiez jamais d'informations confidentielles.\n\n## Vide\n\n## TODO\n\nÀ compléter [ENTREPRISE].\n";
    std::fs::write(dir.path().join("cr.md"), body.replace('\n', "\r")).expect("write");
    let mixed: String = body
        .split('\n')
        .enumerate()
        .map(|(i, l)| format!("{l}{}", ["\n", "\r\n", "\r"][i % 3]))
        .collect();
    std::fs::write(dir.path().join("mixed.md"), mixed).expect("write");
    std::fs::write(
        dir.path().join("cr.yaml"),
        "title: Charte\rsections:\r  - title: Vide\r    body: \"\"\r",
    )
    .expect("write");
    for name in ["cr.md", "mixed.md", "cr.yaml"] {
        let short = charterlint(dir.path(), &[name, "--format", "short"]);
        let human = charterlint(dir.path(), &[name, "--color", "never"]);
        assert!(!human.out.contains('\r'), "{name}: {:?}", human.out);
        let positions: Vec<String> = short
            .out
            .lines()
            .map(|l| {
                let mut parts = l.splitn(4, ':');
                let (file, line, column) = (parts.next(), parts.next(), parts.next());
                format!(
                    "{}:{}:{}",
                    file.unwrap_or_default(),
                    line.unwrap_or_default(),
                    column.unwrap_or_default()
                )
            })
            .collect();
        assert!(
            positions.iter().any(|p| !p.ends_with(":1:1")),
            "{name}: some finding is not at 1:1: {positions:?}"
        );
        for position in &positions {
            assert!(
                human.out.contains(&format!("┌─ {position}\n")),
                "{name}: {position} not in\n{}",
                human.out
            );
        }
    }
}

#[test]
fn a_baseline_of_another_format_version_is_refused() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("charte.md"), BRAND_ONLY).expect("write");
    std::fs::write(dir.path().join("baseline.json"), r#"{"version": 99, "entries": []}"#).expect("write");
    let run = charterlint(dir.path(), &["charte.md", "--baseline", "baseline.json"]);
    assert_eq!(run.code, 2, "{}", run.err);
    assert!(run.err.contains("baseline format 99"), "{}", run.err);
}

#[test]
fn what_the_run_says_about_its_files_follows_their_language() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("charte.md"), BRAND_ONLY).expect("write");
    let run = charterlint(dir.path(), &["charte.md", "--write-baseline", "reference.json"]);
    assert!(run.err.starts_with("reference.json écrit : "), "{}", run.err);
    let run = charterlint(dir.path(), &["charte.md", "--color", "never"]);
    assert!(run.out.contains("charterlint : "), "{}", run.out);
    assert!(run.out.contains("erreur[culture/"), "{}", run.out);
}
