//! Configuration through the binary: discovery, severities, families,
//! overrides, include/exclude, `require`, `--isolated`, `--config`, errors, and
//! the user's own rule packs.

use assert_cmd::Command;
use std::path::Path;

fn charterlint(dir: &Path) -> Command {
    let mut cmd = Command::cargo_bin("charterlint").expect("binary built");
    cmd.current_dir(dir).env_remove("NO_COLOR");
    cmd
}

fn run(cmd: &mut Command) -> (String, String, i32) {
    let out = cmd.output().expect("runs");
    (
        String::from_utf8(out.stdout).expect("UTF-8"),
        String::from_utf8(out.stderr).expect("UTF-8"),
        out.status.code().unwrap_or(-1),
    )
}

fn write(dir: &Path, file: &str, text: &str) {
    let path = dir.join(file);
    std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
    std::fs::write(path, text).expect("write");
}

const DRAFT: &str = "# Charte\n\nTODO\n";

#[test]
fn nearest_config_sets_severities_families_and_overrides() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(
        root,
        ".charterlint.yaml",
        "rules:\n  practice: off\n  maturity: off\n  culture/listening: warning\nexclude: [\"drafts/**\"]\noverrides:\n  - files: [\"team/**\"]\n    rules:\n      structure/placeholder: off\n",
    );
    write(root, "a.md", DRAFT);
    write(root, "team/b.md", DRAFT);
    write(root, "drafts/c.md", DRAFT);
    write(root, "other/.charterlint.yaml", "rules:\n  culture: off\n");
    write(root, "other/d.md", DRAFT);
    let (out, _, code) = run(charterlint(root).args(["check", ".", "--format", "short"]));
    assert_eq!(code, 1);
    assert!(out.contains("a.md:1:1: warning[culture/listening]"), "{out}");
    assert!(out.contains("a.md:3:1: warning[structure/placeholder]"), "{out}");
    let a_lines: Vec<&str> = out.lines().filter(|l| l.contains("/a.md:")).collect();
    assert!(
        a_lines
            .iter()
            .all(|l| !l.contains("practice/") && !l.contains("maturity/")),
        "{out}"
    );
    assert!(
        !out.contains("team/b.md:3:1: warning[structure/placeholder]"),
        "override: {out}"
    );
    assert!(out.contains("team/b.md:1:1: error[culture/dialogue]"), "{out}");
    assert!(!out.contains("drafts/c.md"), "exclude: {out}");
    // The nearest configuration wins for other/d.md.
    assert!(
        !out.lines().any(|l| l.contains("other/d.md") && l.contains("culture/")),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.contains("other/d.md") && l.contains("practice/")),
        "{out}"
    );
    // Named explicitly, an excluded file is linted.
    let (out, _, _) = run(charterlint(root).args(["check", "drafts/c.md", "--format", "short"]));
    assert!(out.contains("drafts/c.md"), "{out}");
    // --isolated ignores every configuration.
    let (out, _, _) = run(charterlint(root).args(["check", "a.md", "--isolated", "--format", "short"]));
    assert!(
        out.contains("a.md:1:1: error[culture/listening]") && out.contains("practice/"),
        "{out}"
    );
}

#[test]
fn require_params_and_explicit_config() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(
        root,
        "cfg.yaml",
        "require: [listening, crisis]\nmessages: fr\nrules:\n  structure/placeholder:\n    severity: error\n    params:\n      patterns: ['\\bTODO\\b']\n",
    );
    write(root, "a.md", "# Charte\n\nTODO et TBD\n");
    let (out, _, code) = run(charterlint(root).args(["check", "a.md", "--config", "cfg.yaml", "--format", "short"]));
    assert_eq!(code, 1);
    let culture: Vec<&str> = out
        .lines()
        .filter(|l| l.contains("[culture/") || l.contains("[practice/"))
        .collect();
    assert_eq!(culture.len(), 2, "only the required topics: {out}");
    assert!(
        out.contains("error[culture/listening] la charte"),
        "messages in French: {out}"
    );
    assert!(
        out.contains("error[structure/placeholder]") && !out.contains("TBD"),
        "params replaced: {out}"
    );
}

#[test]
fn broken_configs_are_exit_2_pointing_into_the_yaml() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, "a.md", DRAFT);
    for (config, expected) in [
        (
            "rules:\n  culture/listenning: off\n",
            "did you mean `culture/listening`",
        ),
        ("rulez: {}\n", "unknown field `rulez`"),
        ("rules:\n  culture: loud\n", "rules"),
        (
            "rules:\n  culture/feedback-loop: warnng\n",
            "`warnng` is not a severity",
        ),
        (
            "rules:\n  culture/listening: {severity: hihg}\n",
            "`hihg` is not a severity",
        ),
        ("rules:\n  culture/listening: {level: error}\n", "unknown key `level`"),
        ("require: [listenning]\n", "unknown topic `listenning`"),
        ("packs: [missing-folder]\n", "rule pack `missing-folder` not found"),
    ] {
        write(root, ".charterlint.yaml", config);
        let (_, err, code) = run(charterlint(root).args(["check", "a.md"]));
        assert_eq!(code, 2, "{config}: {err}");
        assert!(err.contains(expected), "{config}: {err}");
        assert!(err.contains(".charterlint.yaml"), "names the file: {err}");
    }
}

#[test]
fn user_rule_packs_run_beside_the_built_in_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, ".charterlint.yaml", "packs: [house-rules]\n");
    write(
        root,
        "house-rules/house/no-jargon.yaml",
        r##"kind: practice-pattern
severity: warning
summary: {en: corporate jargon, fr: jargon d'entreprise}
message: {en: "“{phrase}” is jargon", fr: "« {phrase} » est du jargon"}
help: {en: say it plainly, fr: dites-le simplement}
rationale: {en: customers do not speak jargon, fr: les clients ne parlent pas jargon}
good: {en: plain words, fr: des mots simples}
params:
  patterns:
    - all: [[synergy, synergie]]
examples:
  fail: [{text: "# Policy\n\nWe value synergy with customers.\n"}]
  pass: [{text: "# Policy\n\nWe work with customers.\n"}]
"##,
    );
    write(root, "a.md", "# Charte\n\nNous cultivons la synergie.\n");
    let (out, _, _) = run(charterlint(root).args(["check", "a.md", "--format", "short"]));
    assert!(
        out.contains("warning[house/no-jargon] « synergie » est du jargon"),
        "{out}"
    );
    let (out, _, code) = run(charterlint(root).args(["test"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("house/no-jargon"), "{out}");
    // `rules` and `explain` describe the project's rules, in its configured language.
    write(root, ".charterlint.yaml", "packs: [house-rules]\nmessages: fr\n");
    let (out, _, code) = run(charterlint(root).args(["rules"]));
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("house/no-jargon") && out.contains("jargon d'entreprise"),
        "{out}"
    );
    let (out, _, code) = run(charterlint(root).args(["explain", "house/no-jargon"]));
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("les clients ne parlent pas jargon"), "{out}");
}

/// The configuration shown in the README is valid.
#[test]
fn readme_configuration_loads() {
    let readme = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md")).expect("README");
    let start = readme.find("**Configuration.**").expect("a configuration section");
    let block = &readme[start..];
    let yaml_start = block.find("```yaml\n").expect("a YAML example") + "```yaml\n".len();
    let yaml = &block[yaml_start..yaml_start + block[yaml_start..].find("```").expect("closed")];
    let dir = tempfile::tempdir().expect("temp dir");
    write(
        dir.path(),
        ".charterlint.yaml",
        &yaml.replace("packs: [house-rules]", "packs: []"),
    );
    write(dir.path(), "policies/a.md", DRAFT);
    let (_, err, code) = run(charterlint(dir.path()).args(["check", "."]));
    assert!(code == 0 || code == 1, "{err}");
}

#[test]
fn require_may_add_a_topic_from_a_pack_lexicon() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(
        root,
        ".charterlint.yaml",
        "packs: [house]\nrequire: [listening, accessibility]\n",
    );
    write(
        root,
        "house/lexicons/accessibility.yaml",
        "description: Posts everyone can read (alt text, captions, plain language).\nthreshold: {block: 3, section: 4}\nheadings:\n  en: [accessibility]\n  fr: [accessibilité]\nterms:\n  en: {alt text: 3, captions: 2}\n  fr: {texte alternatif: 3, sous-titres: 2}\n",
    );
    write(
        root,
        "without.md",
        "# Policy\n\n## Listening\n\nWe listen to what customers say every day.\n",
    );
    write(
        root,
        "with.md",
        "# Policy\n\n## Listening\n\nWe listen to what customers say.\n\n## Accessibility\n\nAdd alt text to every image.\n",
    );
    let (out, err, _) = run(charterlint(root).args(["check", "without.md", "with.md", "--format", "short"]));
    assert!(
        out.contains("without.md:1:1: warning[topic/accessibility]"),
        "{out}{err}"
    );
    assert!(!out.contains("with.md:1:1: warning[topic/accessibility]"), "{out}");
    assert!(!out.contains("culture/dialogue"), "only the required topics: {out}");
    write(root, ".charterlint.yaml", "require: [accessibility]\n");
    let (_, err, code) = run(charterlint(root).args(["check", "with.md"]));
    assert_eq!(code, 2);
    assert!(err.contains("unknown topic `accessibility`"), "{err}");
}

/// `--force-exclude` (what the pre-commit hook passes): files named on the
/// command line are kept by the configuration's `include`/`exclude` too, so
/// a README is not linted as a charter.
#[test]
fn force_exclude_applies_include_to_named_files() {
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path();
    write(root, ".charterlint.yaml", "include: [\"policy.md\"]\n");
    write(root, "policy.md", DRAFT);
    write(root, "README.md", "# Project\n\nHow to build it.\n");
    let (out, _, _) = run(charterlint(root).args(["check", "policy.md", "README.md", "--format", "short"]));
    assert!(out.contains("README.md:"), "named files are linted by default: {out}");
    let (out, _, _) = run(charterlint(root).args([
        "check",
        "policy.md",
        "README.md",
        "--format",
        "short",
        "--force-exclude",
    ]));
    assert!(!out.contains("README.md:"), "{out}");
    assert!(out.contains("policy.md:"), "{out}");
}
