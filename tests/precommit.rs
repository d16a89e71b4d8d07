//! The pre-commit hook, run by the real pre-commit (PyPI) in a repository
//! holding a charter, a README and a CONTRIBUTING file. The hook's entry and
//! file types are read from `.pre-commit-hooks.yaml`; it runs the binary
//! under test (`language: system`) rather than building charterlint again.

use std::io::Write;
use std::path::Path;
use std::process::Command;

/// Set by `.ci/run` (which installs pre-commit): the test fails instead of
/// skipping when pre-commit is missing.
const REQUIRE: &str = "CHARTERLINT_REQUIRE_PRECOMMIT";

/// pre-commit as a command (its script, or the module when the script is not
/// on the PATH, as after `pip install --user`), or `None` after one line
/// saying what was skipped.
fn pre_commit() -> Option<Command> {
    let candidates: [(&str, &[&str]); 2] = [("pre-commit", &[]), ("python3", &["-m", "pre_commit"])];
    for (program, prefix) in candidates {
        let works = Command::new(program)
            .args(prefix)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success());
        if works {
            let mut command = Command::new(program);
            command.args(prefix);
            return Some(command);
        }
    }
    {
        if std::env::var_os(REQUIRE).is_some() {
            panic!("pre-commit is not installed ({REQUIRE} is set): pip install pre-commit");
        }
        let _ = writeln!(
            std::io::stderr(),
            "skipped: the pre-commit hook test (pre-commit is not installed; pip install pre-commit, or set {REQUIRE} to require it)"
        );
    }
    None
}

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .current_dir(dir)
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn the_hook_lints_the_configured_charters_only() {
    if pre_commit().is_none() {
        return;
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let hooks: serde_yaml::Value =
        serde_yaml::from_str(&std::fs::read_to_string(root.join(".pre-commit-hooks.yaml")).expect("hooks file"))
            .expect("hooks YAML");
    let hook = &hooks[0];
    let entry = hook["entry"].as_str().expect("entry");
    let arguments = entry.strip_prefix("charterlint ").expect("the entry runs charterlint");
    let types: Vec<&str> = hook["types_or"]
        .as_sequence()
        .expect("types_or")
        .iter()
        .filter_map(|t| t.as_str())
        .collect();

    let dir = tempfile::tempdir().expect("temp dir");
    let repo = dir.path().join("repo");
    std::fs::create_dir(&repo).expect("mkdir");
    git(&repo, &["init", "-q"]);
    git(&repo, &["config", "user.email", "test@example.org"]);
    git(&repo, &["config", "user.name", "Test"]);
    let charter = std::fs::read_to_string(root.join("examples/fr/charte-relation-client.md")).expect("example");
    std::fs::write(repo.join("policy.md"), &charter).expect("write");
    std::fs::write(repo.join("README.md"), "# Our policies\n\nSee policy.md.\n").expect("write");
    std::fs::write(repo.join("CONTRIBUTING.md"), "# Contributing\n\nOpen a pull request.\n").expect("write");
    std::fs::write(repo.join(".charterlint.yaml"), "include: [\"policy.md\"]\n").expect("write");
    let binary = assert_cmd::cargo::cargo_bin("charterlint");
    let config = format!(
        "repos:\n  - repo: local\n    hooks:\n      - id: charterlint\n        name: charterlint\n        entry: {} {arguments}\n        language: system\n        types_or: [{}]\n",
        binary.display(),
        types.join(", ")
    );
    std::fs::write(repo.join(".pre-commit-config.yaml"), config).expect("write");
    git(&repo, &["add", "-A"]);

    let run = || {
        let output = pre_commit()
            .expect("found above")
            .current_dir(&repo)
            .env("PRE_COMMIT_HOME", dir.path().join("cache"))
            .args(["run", "--all-files", "--color", "never"])
            .output()
            .expect("pre-commit runs");
        (
            format!(
                "{}{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            ),
            output.status.code(),
        )
    };
    let (out, code) = run();
    assert_eq!(code, Some(0), "a good charter, a README and CONTRIBUTING pass: {out}");
    assert!(!out.contains("README.md") && !out.contains("CONTRIBUTING.md"), "{out}");

    // A charter that only protects the brand fails the hook, and only it is named.
    std::fs::write(
        repo.join("policy.md"),
        "# Charte\n\n## Confidentialité\n\nNe publiez jamais d'informations confidentielles.\n",
    )
    .expect("write");
    git(&repo, &["add", "-A"]);
    let (out, code) = run();
    assert_eq!(code, Some(1), "{out}");
    assert!(out.contains("policy.md:"), "{out}");
    assert!(
        !out.contains("README.md:") && !out.contains("CONTRIBUTING.md:"),
        "{out}"
    );
}
