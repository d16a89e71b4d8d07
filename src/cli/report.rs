//! `charterlint report`: lint the charters as `check` does, then write
//! their scorecards as an HTML page and/or Markdown.

use super::check::{Run, apply_baseline, lint_run, write_atomically};
use super::{Fatal, ReportArgs};
use crate::render::report::{Scorecard, html, markdown};
use crate::render::run_language;
use crate::rules::{Language, Registry};
use std::path::Path;
use std::process::ExitCode;

/// `-` names standard output.
fn is_stdout(path: &Path) -> bool {
    path.as_os_str() == "-"
}

#[allow(clippy::print_stderr)] // What was written is said on stderr, as `--write-baseline` does.
pub(super) fn run(args: &ReportArgs, registry: &Registry) -> Result<ExitCode, Fatal> {
    let outputs: Vec<&Path> = args
        .html
        .iter()
        .chain(&args.markdown)
        .map(|p| p.as_path())
        .filter(|p| !is_stdout(p))
        .collect();
    let Run {
        mut reports, failed, ..
    } = lint_run(&args.inputs, registry, &outputs, args.quiet)?;
    if let Some(path) = &args.baseline {
        apply_baseline(path, &mut reports)?;
    }
    let cards: Vec<Scorecard<'_>> = reports.iter().map(Scorecard::of).collect();
    let language = run_language(&reports);
    let mut outputs: Vec<(&Path, String)> = Vec::new();
    if let Some(path) = &args.html {
        outputs.push((path, html::render(&cards)));
    }
    match &args.markdown {
        Some(path) => outputs.push((path, markdown::render(&cards))),
        None if args.html.is_none() => outputs.push((Path::new("-"), markdown::render(&cards))),
        None => {}
    }
    for (path, text) in outputs {
        if is_stdout(path) {
            super::print(&text)?;
            continue;
        }
        write_atomically(path, &text)?;
        if !args.quiet {
            match language {
                Language::En => eprintln!("wrote {}", path.display()),
                Language::Fr => eprintln!("{} écrit", path.display()),
            }
        }
    }
    Ok(if failed { ExitCode::from(2) } else { ExitCode::SUCCESS })
}
