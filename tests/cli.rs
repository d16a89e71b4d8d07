//! The command line as users meet it: the binary is run and its output and
//! exit code are checked (snapshots for each output format).

mod common;

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

fn charterlint() -> Command {
    let mut cmd = Command::cargo_bin("charterlint").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR")).env_remove("NO_COLOR");
    cmd
}

fn stdout(cmd: &mut Command) -> (String, String, i32) {
    let output = cmd.output().expect("runs");
    (
        String::from_utf8(output.stdout).expect("UTF-8"),
        String::from_utf8(output.stderr).expect("UTF-8"),
        output.status.code().unwrap_or(-1),
    )
}

#[test]
fn human_format() {
    let (out, _, code) = stdout(charterlint().args(["check", "examples/fr/charte-brouillon.md", "--color", "never"]));
    assert_eq!(code, 1, "missing customer-culture topics are errors");
    insta::assert_snapshot!("human", out);
}

#[test]
fn short_format() {
    let (out, _, code) = stdout(charterlint().args(["check", "examples/", "--format", "short"]));
    assert_eq!(code, 1, "examples/en/broken-policy.yaml has a parse error");
    insta::assert_snapshot!("short", out);
}

#[test]
fn json_format_is_version_1() {
    let (out, _, code) =
        stdout(charterlint().args(["check", "examples/en/social-media-policy.yaml", "--format", "json"]));
    assert_eq!(code, 1);
    insta::assert_snapshot!("json", out);
    let json: Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(json["version"], 1);
    let file = &json["files"][0];
    assert_eq!(file["path"], "examples/en/social-media-policy.yaml");
    assert_eq!(file["format"], "yaml");
    assert_eq!(file["language"], "en");
    let diagnostics = file["diagnostics"].as_array().expect("a list");
    for d in diagnostics {
        for key in ["rule", "severity", "message", "help", "span", "labels"] {
            assert!(d.get(key).is_some(), "diagnostic without `{key}`");
        }
        for key in ["line", "column", "offset"] {
            assert!(d["span"]["start"][key].is_u64() && d["span"]["end"][key].is_u64());
        }
    }
    let count = |severity: &str| diagnostics.iter().filter(|d| d["severity"] == severity).count();
    assert_eq!(json["summary"]["files"], 1);
    assert_eq!(json["summary"]["errors"], count("error"));
    assert_eq!(json["summary"]["warnings"], count("warning"));
    assert_eq!(json["summary"]["infos"], count("info"));
    let maturity = &file["maturity"];
    assert!((1..=5).contains(&maturity["level"].as_u64().expect("a level")));
    assert!(
        maturity["evidence"]
            .as_array()
            .is_some_and(|e| e.iter().all(|e| e["line"].is_u64() && e["text"].is_string()))
    );
}

#[test]
fn exit_codes_follow_fail_on() {
    let code = |file: &str, args: &[&str]| stdout(charterlint().args(["check", file]).args(args)).2;
    let draft = "examples/fr/charte-brouillon.md";
    assert_eq!(code(draft, &[]), 1);
    assert_eq!(code(draft, &["--fail-on", "never"]), 0);
    // The customer-culture example has no error and no warning, only the
    // maturity estimate (an info).
    let good = "examples/fr/charte-relation-client.md";
    assert_eq!(code(good, &[]), 0);
    assert_eq!(code(good, &["--fail-on", "warning"]), 0);
    assert_eq!(code(good, &["--fail-on", "info"]), 1);
    assert_eq!(code("examples/en/broken-policy.yaml", &[]), 1);
}

#[test]
fn missing_path_is_exit_2_and_the_others_are_still_linted() {
    let (out, err, code) = stdout(charterlint().args([
        "check",
        "no/such/charter.md",
        "examples/fr/charte-brouillon.md",
        "--format",
        "short",
    ]));
    assert_eq!(code, 2);
    assert!(err.contains("no/such/charter.md: no such file or folder"), "{err}");
    assert!(out.contains("examples/fr/charte-brouillon.md:"), "{out}");
}

#[test]
fn no_input_is_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, err, code) = stdout(charterlint().args(["check"]).arg(dir.path()));
    assert_eq!(code, 2);
    assert!(err.contains("no input matched"), "{err}");
}

#[test]
fn bad_arguments_are_exit_2() {
    assert_eq!(stdout(charterlint().args(["check", "--format", "xml"])).2, 2);
    assert_eq!(stdout(charterlint().args(["explain", "culture/no-such-rule"])).2, 2);
}

#[test]
fn stdin_with_a_file_name() {
    let (out, _, code) = stdout(
        charterlint()
            .args(["check", "-", "--stdin-filename", "brouillon.md", "--format", "short"])
            .write_stdin("# Charte\n\n## Écoute\n\nTODO\n"),
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("brouillon.md:5:1: warning[structure/placeholder]"),
        "{out}"
    );
}

#[test]
fn stdin_yaml_by_its_file_name() {
    let (out, _, _) = stdout(
        charterlint()
            .args(["check", "-", "--stdin-filename", "policy.yaml", "--format", "json"])
            .write_stdin("title: Policy\nsections:\n  - title: Listening\n"),
    );
    let json: Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["files"][0]["format"], "yaml");
    assert!(out.contains("structure/empty-section"));
}

#[test]
fn folder_and_glob() {
    let (out, _, _) = stdout(charterlint().args(["check", "examples/fr", "--format", "short"]));
    assert!(out.contains("examples/fr/charte-brouillon.md:"));
    let (glob, _, _) = stdout(charterlint().args(["check", "examples/*/charte-*.md", "--format", "short"]));
    assert_eq!(out, glob);
    let (_, err, code) = stdout(charterlint().args(["check", "examples/*.nothing"]));
    assert_eq!(code, 2);
    assert!(err.contains("no file matches this pattern"), "{err}");
}

#[test]
fn output_order_is_stable() {
    let Some(shared) = common::shared("output order over the corpus") else {
        return;
    };
    let corpus = shared.join("corpus/docs");
    let corpus = corpus.to_str().expect("a UTF-8 path");
    let run = || stdout(charterlint().args(["check", corpus, "examples", "--format", "short"])).0;
    let first = run();
    assert!(first.lines().count() > 100);
    assert_eq!(first, run());
}

#[test]
fn folder_walk_skips_binary_and_non_charter_yaml_and_honours_gitignore() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    std::fs::write(root.join("charte.md"), "# Charte\n\n## Vide\n").expect("write");
    std::fs::write(root.join("image.md"), b"\x89PNG\r\n\x1a\n\0\0\0").expect("write");
    std::fs::write(root.join("mkdocs.yml"), "site_name: docs\n").expect("write");
    std::fs::write(root.join("ignored.md"), "# TODO\n").expect("write");
    std::fs::write(root.join(".gitignore"), "ignored.md\n").expect("write");
    let (out, err, code) = stdout(charterlint().args(["check", "--format", "short"]).arg(root));
    assert_eq!(code, 1);
    assert!(out.contains("charte.md:3:1: warning[structure/empty-section]"), "{out}");
    assert!(!out.contains("ignored.md"), "{out}");
    assert!(
        err.contains("skipped") && err.contains("image.md: binary file"),
        "{err}"
    );
    assert!(err.contains("mkdocs.yml"), "{err}");
    // Named explicitly, the binary file is a finding instead.
    let (out, _, code) = stdout(
        charterlint()
            .args(["check", "--format", "short"])
            .arg(root.join("image.md")),
    );
    assert_eq!(code, 1);
    assert!(out.contains("error[structure/encoding]"), "{out}");
}

#[test]
fn colour_is_opt_in_off_a_terminal_and_no_color_wins() {
    let file = "examples/fr/charte-brouillon.md";
    let (plain, _, _) = stdout(charterlint().args(["check", file]));
    assert!(!plain.contains('\u{1b}'));
    let (coloured, _, _) = stdout(charterlint().args(["check", file, "--color", "always"]));
    assert!(coloured.contains('\u{1b}'));
    let (no_color, _, _) = stdout(charterlint().args(["check", file]).env("NO_COLOR", "1"));
    assert!(!no_color.contains('\u{1b}'));
}

#[test]
fn quiet_drops_the_summary() {
    let (out, _, _) = stdout(charterlint().args(["check", "examples/fr/charte-brouillon.md", "--quiet"]));
    assert!(!out.contains("charterlint :"), "{out}");
    assert!(
        out.contains("avertissement[structure/placeholder]"),
        "a French charter's report is French: {out}"
    );
}

#[test]
fn messages_language_can_be_forced() {
    let file = "examples/fr/charte-brouillon.md";
    let (fr, _, _) = stdout(charterlint().args(["check", file, "--format", "short"]));
    assert!(fr.contains("texte provisoire"), "{fr}");
    let (en, _, _) = stdout(charterlint().args(["check", file, "--format", "short", "--messages", "en"]));
    assert!(
        en.contains("placeholder “[NOM DE L'ENTREPRISE]” left in the charter"),
        "{en}"
    );
}

#[test]
fn rules_explain_and_schema() {
    let (rules, _, code) = stdout(charterlint().args(["rules"]));
    assert_eq!(code, 0);
    insta::assert_snapshot!("rules", rules);
    let (json, _, _) = stdout(charterlint().args(["rules", "--format", "json"]));
    let rules: Value = serde_json::from_str(&json).expect("JSON");
    assert!(
        rules
            .as_array()
            .is_some_and(|r| { r.iter().all(|r| r["id"].is_string() && r["family"].is_string()) })
    );
    let (explain, _, code) = stdout(charterlint().args(["explain", "structure/placeholder", "--messages", "fr"]));
    assert_eq!(code, 0);
    insta::assert_snapshot!("explain_placeholder_fr", explain);
    let (schema, _, _) = stdout(charterlint().args(["schema", "charter"]));
    let on_disk = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/charter.schema.json"))
        .expect("schema kept in the repository");
    assert_eq!(schema, on_disk);
}

#[test]
fn sarif_is_valid_against_the_official_schema() {
    let (out, _, code) = stdout(charterlint().args(["check", "examples/", "--format", "sarif"]));
    assert_eq!(code, 1);
    let sarif: Value = serde_json::from_str(&out).expect("JSON");
    // The official SARIF 2.1.0 schema (OASIS), shipped in schemas/.
    let schema_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas/sarif-schema-2.1.0.json");
    let schema: Value = serde_json::from_str(&std::fs::read_to_string(schema_path).expect("schema")).expect("JSON");
    let validator = jsonschema::validator_for(&schema).expect("a valid schema");
    let errors: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let run = &sarif["runs"][0];
    let rules = run["tool"]["driver"]["rules"].as_array().expect("rules");
    assert!(
        rules
            .iter()
            .any(|r| r["id"] == "culture/listening" && r["defaultConfiguration"]["level"] == "error")
    );
    assert!(
        rules
            .iter()
            .all(|r| r["shortDescription"]["text"].is_string() && r["help"]["text"].is_string())
    );
    let results = run["results"].as_array().expect("results");
    assert!(results.iter().any(|r| r["ruleId"] == "structure/parse-error"));
}

#[test]
fn github_annotations() {
    let (out, _, _) = stdout(charterlint().args(["check", "examples/fr/charte-brouillon.md", "--format", "github"]));
    let line = out
        .lines()
        .find(|l| l.contains("title=structure/placeholder"))
        .expect("a placeholder annotation");
    assert!(
        line.starts_with("::warning file=examples/fr/charte-brouillon.md,line=1,col=32,endLine=1,endColumn=53,title=structure/placeholder::"),
        "{line}"
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("::error ") && l.contains("title=culture/customer-care"))
    );
    assert!(
        out.lines()
            .any(|l| l.starts_with("::notice ") && l.contains("title=maturity/level"))
    );
    assert!(
        out.lines().all(|l| l.starts_with("::")),
        "one command per line, messages escaped"
    );
}

#[test]
fn output_file_gets_the_format_and_the_terminal_the_human_report() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("report.sarif");
    let (out, _, code) = stdout(
        charterlint()
            .args([
                "check",
                "examples/fr/charte-brouillon.md",
                "--format",
                "sarif",
                "--output",
            ])
            .arg(&file),
    );
    assert_eq!(code, 1);
    assert!(
        out.contains("avertissement[structure/placeholder]"),
        "human report on the terminal: {out}"
    );
    let written: Value = serde_json::from_str(&std::fs::read_to_string(&file).expect("written")).expect("SARIF JSON");
    assert_eq!(written["version"], "2.1.0");
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        1,
        "no temporary file left behind"
    );
}

#[test]
fn init_writes_starter_charters_that_only_need_names() {
    for (language, format) in [("fr", "md"), ("fr", "yaml"), ("en", "md"), ("en", "yaml")] {
        let dir = tempfile::tempdir().expect("temp dir");
        let (_, err, code) = stdout(
            Command::cargo_bin("charterlint")
                .expect("binary")
                .current_dir(dir.path())
                .args(["init", "--language", language, "--format", format, "starter"]),
        );
        assert_eq!(code, 0, "{err}");
        let file = dir.path().join("starter");
        let text = std::fs::read_to_string(&file).expect("written");
        let renamed = dir.path().join(format!("starter.{format}"));
        std::fs::write(&renamed, &text).expect("write");
        let (out, _, _) = stdout(
            Command::cargo_bin("charterlint")
                .expect("binary")
                .args(["check", "--isolated", "--format", "short"])
                .arg(&renamed),
        );
        let other: Vec<&str> = out
            .lines()
            .filter(|l| !l.contains("[structure/placeholder]") && !l.contains("[maturity/level]"))
            .collect();
        assert!(other.is_empty(), "{language} {format}: {other:?}");
        assert!(out.contains("[structure/placeholder]"), "names to fill in: {out}");
        // Where the text names the organisation, it is a placeholder to fill in,
        // never an example company's name left behind.
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        for said in ["travaille chez ", "work at ", "works at "] {
            for (at, _) in flat.match_indices(said) {
                let after = &flat[at + said.len()..];
                assert!(
                    after.starts_with("[ORGANISATION]"),
                    "{language} {format}: …{said}{after:.40}"
                );
            }
        }
        // Never overwrites.
        let (_, err, code) = stdout(
            Command::cargo_bin("charterlint")
                .expect("binary")
                .current_dir(dir.path())
                .args(["init", "starter"]),
        );
        assert_eq!(code, 2);
        assert!(err.contains("already exists"), "{err}");
        assert_eq!(std::fs::read_to_string(&file).expect("kept"), text);
    }
}

#[test]
fn baseline_hides_known_findings_and_survives_edits_elsewhere() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("charte.md");
    std::fs::write(&file, "# Charte\n\n## Contacts\n\nResponsable : TODO.\n").expect("write");
    let baseline = dir.path().join("baseline.json");
    let run = |args: &[&str]| {
        stdout(
            Command::cargo_bin("charterlint")
                .expect("binary")
                .current_dir(dir.path())
                .args(["check", "charte.md", "--isolated", "--messages", "en"])
                .args(args),
        )
    };
    let (out, err, code) = run(&["--write-baseline", "baseline.json"]);
    assert_eq!(code, 0, "recording a baseline succeeds: {err}");
    assert!(out.is_empty(), "{out}");
    assert!(
        err.starts_with("wrote baseline.json with "),
        "says what it wrote: {err}"
    );
    assert!(
        std::fs::read_to_string(&baseline)
            .expect("written")
            .contains("structure/placeholder")
    );
    let (out, _, code) = run(&["--baseline", "baseline.json"]);
    assert_eq!(code, 0, "everything known: {out}");
    assert!(out.contains("no problems found in 1 file ("), "{out}");
    // Sections added above move every line: the findings are still known.
    std::fs::write(
        &file,
        "# Charte\n\n## Écoute\n\nNous lisons les avis.\n\n## Contacts\n\nResponsable : TODO.\n\nAutre : TBD.\n",
    )
    .expect("edit");
    let (out, _, code) = run(&["--baseline", "baseline.json", "--format", "json"]);
    assert_eq!(code, 0, "{out}");
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let rules: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert!(
        rules.contains(&"structure/placeholder"),
        "the new TBD is reported: {rules:?}"
    );
    assert_eq!(
        json["files"][0]["diagnostics"].as_array().map(Vec::len),
        Some(rules.len())
    );
    assert!(
        !rules.contains(&"culture/listening"),
        "now covered, its entry is stale: {rules:?}"
    );
    // Listening is covered now, and the maturity estimate rose with it.
    assert_eq!(json["summary"]["baseline"]["stale"], 2, "{out}");
    let (_, err, code) = run(&["--baseline", "missing.json"]);
    assert_eq!(code, 2);
    assert!(err.contains("missing.json"), "{err}");
}

#[cfg(unix)]
#[test]
fn fix_adds_skeletons_atomically_keeping_line_endings_bom_and_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("temp dir");
    let md = dir.path().join("charte.md");
    let original = "\u{FEFF}# Charte\r\n\r\n## Écoute\r\n\r\nNous lisons chaque jour ce que disent nos clients grâce à la veille.\r\n";
    std::fs::write(&md, original).expect("write");
    std::fs::set_permissions(&md, std::fs::Permissions::from_mode(0o640)).expect("chmod");
    let clean = dir.path().join("clean.md");
    let clean_text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/fr/charte-relation-client.md"))
            .expect("example");
    std::fs::write(&clean, &clean_text).expect("write");
    let run = |args: &[&str]| {
        stdout(
            Command::cargo_bin("charterlint")
                .expect("binary")
                .current_dir(dir.path())
                .args(["check", "charte.md", "clean.md", "--isolated"])
                .args(args),
        )
    };
    let (diff, _, code) = run(&["--diff"]);
    assert_eq!(code, 1);
    assert!(diff.contains("+## Relation client : répondre à nos clients"), "{diff}");
    assert_eq!(
        std::fs::read_to_string(&md).expect("read"),
        original,
        "--diff never writes"
    );
    let (out, err, _) = run(&["--fix", "--format", "short"]);
    assert!(err.contains("charte.md corrigé"), "{err}");
    let fixed = std::fs::read_to_string(&md).expect("read");
    assert!(fixed.starts_with(original), "wording is never rewritten");
    assert!(
        fixed.contains("\r\n## Dialoguer plutôt que diffuser\r\n"),
        "line endings kept: {fixed:?}"
    );
    assert!(!fixed.replace("\r\n", "").contains('\n'), "no bare LF: {fixed:?}");
    assert_eq!(
        std::fs::metadata(&md).expect("meta").permissions().mode() & 0o777,
        0o640
    );
    assert!(
        out.contains("[culture/"),
        "a heading over a prompt covers nothing until it is written: {out}"
    );
    assert!(
        out.contains("[structure/empty-section]"),
        "and ask to be written: {out}"
    );
    assert_eq!(
        std::fs::read_to_string(&clean).expect("read"),
        clean_text,
        "a file without a fix is untouched"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("dir").count(),
        2,
        "no temporary file left"
    );
}

#[test]
fn fix_extends_the_sections_of_a_yaml_charter() {
    let dir = tempfile::tempdir().expect("temp dir");
    let file = dir.path().join("policy.yaml");
    std::fs::write(
        &file,
        "title: Policy\nsections:\n  - title: Listening\n    body: We listen to what customers say.\nowner: Team\n",
    )
    .expect("write");
    let (_, _, _) = stdout(
        Command::cargo_bin("charterlint")
            .expect("binary")
            .args(["check", "--isolated", "--fix"])
            .arg(&file),
    );
    let fixed = std::fs::read_to_string(&file).expect("read");
    assert!(
        fixed.contains("  - title: \"Answering our customers\"\n    # "),
        "{fixed}"
    );
    assert!(
        fixed.trim_end().ends_with("owner: Team"),
        "inserted inside the list: {fixed}"
    );
    let value: serde_yaml::Value = serde_yaml::from_str(&fixed).expect("still valid YAML");
    assert_eq!(value["sections"].as_sequence().map(Vec::len), Some(10));
}

#[test]
fn completions_man_page_and_integration_files() {
    let (bash, _, code) = stdout(charterlint().args(["completions", "bash"]));
    assert_eq!(code, 0);
    assert!(bash.contains("charterlint") && bash.contains("--fail-on"), "{bash}");
    let (man, _, code) = stdout(charterlint().args(["man"]));
    assert_eq!(code, 0);
    assert!(man.starts_with(".ie") && man.contains(".TH charterlint 1"), "{man}");
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).expect("hooks"))
            .expect("YAML");
    assert_eq!(hooks[0]["id"], "charterlint");
    assert!(
        hooks[0]["entry"]
            .as_str()
            .is_some_and(|e| e.starts_with("charterlint check"))
    );
    let action: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(root.join("action.yml")).expect("action")).expect("YAML");
    let steps = action["runs"]["steps"].as_sequence().expect("steps");
    assert!(
        steps
            .iter()
            .any(|s| s["run"].as_str().is_some_and(|r| r.contains("--format sarif")))
    );
    assert!(steps.iter().any(|s| {
        s["uses"]
            .as_str()
            .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif"))
    }));
}

#[test]
fn no_progress_bar_in_pipes() {
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..250 {
        std::fs::write(dir.path().join(format!("c{i}.md")), "# Charte\n\nTexte.\n").expect("write");
    }
    let (out, err, _) = stdout(
        charterlint()
            .args(["check", "--isolated", "--format", "short"])
            .arg(dir.path()),
    );
    assert_eq!(out.lines().filter(|l| l.contains("[culture/listening]")).count(), 250);
    assert!(
        !err.contains("files") && !err.contains('\u{1b}'),
        "progress stays out of pipes: {err}"
    );
}

/// `charterlint check … | head`: the reader goes away; nothing is said about
/// a broken pipe and the run's own exit code stands.
#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::Stdio;
    let dir = tempfile::tempdir().expect("temp dir");
    for i in 0..150 {
        std::fs::write(
            dir.path().join(format!("c{i}.md")),
            "# Charte\n\n## Contacts\n\nResponsable : TODO.\n",
        )
        .expect("write");
    }
    for format in ["human", "json"] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_charterlint"))
            .current_dir(dir.path())
            .args(["check", ".", "--isolated", "--color", "never", "--format", format])
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("runs");
        let mut first = [0u8; 16];
        child
            .stdout
            .take()
            .expect("stdout")
            .read_exact(&mut first)
            .expect("some output");
        // The pipe's read end is dropped here, as `head` closes it.
        let output = child.wait_with_output().expect("ends");
        let err = String::from_utf8_lossy(&output.stderr);
        assert!(
            !err.contains("Broken pipe") && !err.contains("cannot write"),
            "{format}: {err}"
        );
        assert_eq!(output.status.code(), Some(1), "{format}: the findings decide the code");
    }
}

/// `--diff` and `--fix` on standard input: the diff, or the fixed text on
/// standard output (as formatters do); never a silent exit 0.
#[test]
fn fix_and_diff_work_on_standard_input() {
    let charter =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/fr/charte-e-reputation.md"))
            .expect("example");
    let (out, _, code) = stdout(
        charterlint()
            .args(["check", "-", "--stdin-filename", "charte.md", "--isolated", "--diff"])
            .write_stdin(charter.clone()),
    );
    assert_eq!(code, 1, "a diff to apply: {out}");
    assert!(out.starts_with("--- charte.md\n+++ charte.md\n"), "{out}");
    assert!(out.contains("+## "), "sections added: {out}");
    let (out, err, code) = stdout(
        charterlint()
            .args(["check", "-", "--stdin-filename", "charte.md", "--isolated", "--fix"])
            .write_stdin(charter.clone()),
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with(&charter), "the text, then the new sections: {out}");
    assert!(out.len() > charter.len() && out.contains("\n## "), "{out}");
}

/// `explain` speaks the language asked for, examples included, and explains
/// a family as the list of its rules.
#[test]
fn explain_follows_the_language_and_knows_families() {
    let (out, _, code) = stdout(charterlint().args(["explain", "broadcast/no-replies", "--messages", "en"]));
    assert_eq!(code, 0);
    assert!(
        out.contains("Do not reply to comments") && !out.contains("Les commentaires"),
        "{out}"
    );
    let (out, _, _) = stdout(charterlint().args(["explain", "broadcast/no-replies", "--messages", "fr"]));
    assert!(
        out.contains("sévérité par défaut : avertissement") && out.contains("Les commentaires"),
        "{out}"
    );
    let (out, _, code) = stdout(charterlint().args(["explain", "culture", "--messages", "fr"]));
    assert_eq!(code, 0, "a family is explained: {out}");
    assert_eq!(out.lines().count(), 5, "its five rules: {out}");
    assert!(out.lines().all(|l| l.starts_with("culture/")), "{out}");
    // Every charter gets a maturity estimate; its passing example is a
    // charter at the top level, in the asked language.
    let (out, _, _) = stdout(charterlint().args(["explain", "maturity/level", "--messages", "fr"]));
    assert!(out.contains("Atteint le niveau le plus haut :\n    # Charte"), "{out}");
}

/// A topic a section touches on without guidance is "not said clearly", not
/// "never said": the message and its note must not contradict each other.
#[test]
fn a_weak_topic_is_not_said_to_be_never_mentioned() {
    let (out, _, _) = stdout(charterlint().args([
        "check",
        "examples/fr/charte-brouillon.md",
        "--isolated",
        "--color",
        "never",
    ]));
    let crisis = out
        .split("\n\n")
        .find(|block| block.contains("[practice/crisis]"))
        .unwrap_or_else(|| panic!("a crisis finding: {out}"));
    assert!(crisis.contains("ne dit pas clairement"), "{crisis}");
    assert!(
        crisis.contains("l'évoque"),
        "the note says where it is touched on: {crisis}"
    );
    assert!(!crisis.contains("ne dit jamais"), "{crisis}");
}

/// The help for a missing topic shows a section as the charter's format
/// writes one: a `- title:` item in YAML, a `##` heading in Markdown.
#[test]
fn help_shows_sections_in_the_charters_format() {
    let (out, _, _) = stdout(charterlint().args([
        "check",
        "examples/en/social-media-policy.yaml",
        "--isolated",
        "--format",
        "json",
    ]));
    let json: Value = serde_json::from_str(&out).expect("JSON");
    let helps: Vec<&str> = json["files"][0]["diagnostics"]
        .as_array()
        .expect("list")
        .iter()
        .filter(|d| d["rule"].as_str().is_some_and(|r| r.starts_with("culture/")))
        .filter_map(|d| d["help"].as_str())
        .collect();
    assert!(!helps.is_empty(), "{out}");
    for help in helps {
        assert!(help.contains("“- title: ") && !help.contains("##"), "{help}");
    }
    let (out, _, _) = stdout(charterlint().args(["check", "examples/fr/charte-brouillon.md", "--isolated"]));
    assert!(out.contains("par exemple « ## "), "{out}");
}

/// The GitHub Action's lint step, run with bash: with no `paths`, it lints
/// the repository kept to the configuration's `include`, and without an
/// `include` it says what to set instead of linting every README.
#[test]
fn the_action_lints_only_what_the_configuration_includes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let action: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(root.join("action.yml")).expect("action")).expect("YAML");
    let script = action["runs"]["steps"]
        .as_sequence()
        .expect("steps")
        .iter()
        .find_map(|s| (s["id"] == "lint").then(|| s["run"].as_str().expect("run").to_string()))
        .expect("a lint step")
        .replace("${{ inputs.paths }}", "")
        .replace("${{ inputs.sarif-file }}", "report.sarif")
        .replace("${{ inputs.fail-on }}", "error");
    let binary = Path::new(env!("CARGO_BIN_EXE_charterlint"));
    let path = format!(
        "{}:{}",
        binary.parent().expect("folder").display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("README.md"), "# Project\n\nHow to build it.\n").expect("write");
    std::fs::write(dir.path().join("policy.md"), "# Charte\n\n## Écoute\n\nTODO\n").expect("write");
    let run = || {
        let output_file = dir.path().join("github-output");
        let _ = std::fs::remove_file(&output_file);
        let out = std::process::Command::new("bash")
            .arg("-c")
            .arg(&script)
            .current_dir(dir.path())
            .env("PATH", &path)
            .env("GITHUB_OUTPUT", &output_file)
            .output()
            .expect("bash runs");
        let outputs = std::fs::read_to_string(&output_file).unwrap_or_default();
        let status = outputs
            .lines()
            .find(|l| l.starts_with("status="))
            .unwrap_or_default()
            .to_string();
        (String::from_utf8_lossy(&out.stdout).into_owned(), status)
    };
    let (out, status) = run();
    assert_eq!(status.trim(), "status=2", "{out}");
    assert!(out.contains("include:"), "says what to set: {out}");
    std::fs::write(dir.path().join(".charterlint.yaml"), "include: [\"policy.md\"]\n").expect("write");
    let (_, status) = run();
    assert_eq!(status.trim(), "status=1", "findings in policy.md");
    let sarif = std::fs::read_to_string(dir.path().join("report.sarif")).expect("report");
    assert!(sarif.contains("policy.md") && !sarif.contains("README.md"), "{sarif}");

    // The scorecard step appends the Markdown report to the job summary.
    let scorecard = action["runs"]["steps"]
        .as_sequence()
        .expect("steps")
        .iter()
        .find_map(|s| (s["name"] == "Scorecard").then(|| s["run"].as_str().expect("run").to_string()))
        .expect("a scorecard step")
        .replace("${{ steps.lint.outputs.paths }}", "policy.md")
        .replace("${{ inputs.summary }}", "true")
        .replace("${{ inputs.comment }}", "false");
    let summary = dir.path().join("step-summary.md");
    std::fs::write(&summary, "Earlier step\n").expect("write");
    let out = std::process::Command::new("bash")
        .arg("-c")
        .arg(&scorecard)
        .current_dir(dir.path())
        .env("PATH", &path)
        .env("GITHUB_STEP_SUMMARY", &summary)
        .env("RUNNER_TEMP", dir.path())
        .output()
        .expect("bash runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let summary = std::fs::read_to_string(&summary).expect("summary");
    assert!(
        summary.starts_with("Earlier step\n## "),
        "appended after what was there: {summary}"
    );
    assert!(summary.contains("### policy.md"), "{summary}");
}

/// `man --out DIR` writes a page per command, and the check page holds its
/// options, exit codes and configuration.
#[test]
fn man_writes_a_page_per_command() {
    let dir = tempfile::tempdir().expect("temp dir");
    let (_, err, code) = stdout(charterlint().args(["man", "--out"]).arg(dir.path()));
    assert_eq!(code, 0, "{err}");
    for command in ["", "-check", "-rules", "-explain", "-init", "-test"] {
        assert!(
            dir.path().join(format!("charterlint{command}.1")).is_file(),
            "charterlint{command}.1"
        );
    }
    let check = std::fs::read_to_string(dir.path().join("charterlint-check.1")).expect("page");
    assert!(
        check.contains(r"\-\-force\-exclude") && check.contains("Exit status"),
        "{check}"
    );
    assert!(check.contains(".charterlint.yaml"), "{check}");
    assert!(
        !dir.path().join("charterlint-frames.1").exists(),
        "hidden commands have no page"
    );
}
