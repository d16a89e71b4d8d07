//! `charterlint check`: discover the inputs, pick each one's configuration,
//! lint them in parallel, then fix, baseline and render.

use super::{CheckArgs, Color, Fatal, InputArgs, OutputFormat, setup};
use crate::baseline;
use crate::discover::{Discovered, Input, discover};
use crate::fix;
use crate::lint::{FileReport, Outcome, lint_input};
use crate::render::{self, Summary};
use crate::rules::{Language, Registry};
use codespan_reporting::term::termcolor::{ColorChoice, StandardStream};
use rayon::prelude::*;
use std::io::{IsTerminal, Read};
use std::process::ExitCode;

fn human(reports: &[FileReport], args: &CheckArgs, summary: Summary) -> Result<(), Fatal> {
    let mut stdout = StandardStream::stdout(color_choice(args.color));
    super::written(render::human::render(
        reports,
        &mut stdout,
        (!args.quiet).then_some(summary),
    ))
}

/// Files at which a run is long enough to show progress.
const PROGRESS_FROM: usize = 200;

/// A progress bar on stderr for long runs in a terminal; hidden in pipes and
/// CI logs (and with `--quiet`).
fn progress_bar(files: usize, quiet: bool) -> indicatif::ProgressBar {
    if quiet || files < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(files as u64);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} files {elapsed}") {
        bar.set_style(style);
    }
    bar
}

pub(super) fn write_atomically(path: &std::path::Path, text: &str) -> Result<(), Fatal> {
    fix::write(path, text).map_err(|e| Fatal::Write(path.display().to_string(), e))
}

/// A report or baseline written over a charter would lose it: the same file
/// under any name (a symlink, `./`, a relative path) is refused.
fn refuse_input_as_output(output: &std::path::Path, inputs: &[Input]) -> Result<(), Fatal> {
    let Ok(output_canonical) = std::fs::canonicalize(output) else {
        return Ok(()); // Not there yet: not an input.
    };
    let named = inputs.iter().any(|input| match input {
        Input::File { path, .. } => std::fs::canonicalize(path).is_ok_and(|p| p == output_canonical),
        Input::Stdin { .. } => false,
    });
    if named {
        return Err(Fatal::OutputIsInput(output.display().to_string()));
    }
    Ok(())
}

fn color_choice(color: Color) -> ColorChoice {
    match color {
        Color::Always => ColorChoice::Always,
        Color::Never => ColorChoice::Never,
        Color::Auto if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) => ColorChoice::Never,
        Color::Auto if std::io::stdout().is_terminal() => ColorChoice::Auto,
        Color::Auto => ColorChoice::Never,
    }
}

/// The inputs the arguments name, with the reasons some could not be
/// found said on stderr; none at all is a failure of the run.
#[allow(clippy::print_stderr)]
fn discover_inputs(args: &InputArgs) -> Result<Discovered, Fatal> {
    let discovered = discover(&args.paths, args.stdin_filename.as_deref());
    for error in &discovered.errors {
        eprintln!("error: {}: {}", error.argument, error.reason);
    }
    if discovered.inputs.is_empty() {
        return Err(Fatal::NoInput);
    }
    Ok(discovered)
}

/// Each input with its configuration, those the configuration excludes left out.
fn plan(args: &InputArgs, registry: &Registry, inputs: Vec<Input>) -> Result<Vec<(Input, setup::Setup)>, Fatal> {
    let mut setups = setup::Setups::new(
        registry,
        args.config.clone(),
        args.isolated,
        args.messages.language(),
        args.force_exclude,
    );
    let mut work = Vec::new();
    for input in inputs {
        if let Some(setup) = setups.for_input(&input)? {
            work.push((input, setup));
        }
    }
    if work.is_empty() {
        return Err(Fatal::NoInput);
    }
    Ok(work)
}

/// What `check` and `report` share: the inputs found, each linted with its
/// configuration. Outputs that name an input are refused before anything runs.
pub(super) struct Run {
    /// Each input with its configuration (what `--fix` lints again).
    pub work: Vec<(Input, setup::Setup)>,
    pub reports: Vec<FileReport>,
    /// An input could not be read at all, or an argument matched nothing.
    pub failed: bool,
}

pub(super) fn lint_run(
    args: &InputArgs,
    registry: &Registry,
    outputs: &[&std::path::Path],
    quiet: bool,
) -> Result<Run, Fatal> {
    let discovered = discover_inputs(args)?;
    for output in outputs {
        refuse_input_as_output(output, &discovered.inputs)?;
    }
    let work = plan(args, registry, discovered.inputs)?;
    let linted = lint_all(&work, quiet)?;
    Ok(Run {
        work,
        reports: linted.reports,
        failed: linted.unreadable || !discovered.errors.is_empty(),
    })
}

/// The reports of a run, and whether an input could not be read at all.
struct Linted {
    reports: Vec<FileReport>,
    unreadable: bool,
}

/// Lints every input in parallel (skipped files are noted on stderr unless `quiet`).
#[allow(clippy::print_stderr)]
fn lint_all(work: &[(Input, setup::Setup)], quiet: bool) -> Result<Linted, Fatal> {
    // Standard input is read up to its configured limit (and one byte more,
    // to tell that it is over): `cat /dev/zero |` must not fill the memory.
    let stdin = match work.iter().find(|(input, _)| matches!(input, Input::Stdin { .. })) {
        Some((_, setup)) => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .take(setup.options.max_file_size.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(|e| Fatal::Read("standard input".to_string(), e))?;
            Some(bytes)
        }
        None => None,
    };
    let progress = progress_bar(work.len(), quiet);
    let outcomes: Vec<Outcome> = work
        .par_iter()
        .map(|(input, setup)| {
            let outcome = lint_input(input, stdin.as_deref(), &setup.registry, &setup.options);
            progress.inc(1);
            outcome
        })
        .collect();
    progress.finish_and_clear();

    let mut linted = Linted {
        reports: Vec::new(),
        unreadable: false,
    };
    for outcome in outcomes {
        match outcome {
            Outcome::Report(report) => linted.reports.push(report),
            Outcome::Skipped { path, reason } => {
                if !quiet {
                    eprintln!("note: skipped {path}: {reason}");
                }
            }
            Outcome::Unreadable(report) => {
                linted.reports.push(report);
                linted.unreadable = true;
            }
        }
    }
    Ok(linted)
}

/// Hides the findings a baseline file records; what it hid and what is stale.
pub(super) fn apply_baseline(path: &std::path::Path, reports: &mut [FileReport]) -> Result<baseline::Applied, Fatal> {
    let text = std::fs::read_to_string(path).map_err(|e| Fatal::Baseline(path.display().to_string(), e.to_string()))?;
    let recorded = baseline::from_json(&text).map_err(|e| Fatal::Baseline(path.display().to_string(), e))?;
    Ok(baseline::apply(&recorded, reports))
}

#[allow(clippy::print_stderr)]
pub(super) fn run(args: &CheckArgs, registry: &Registry) -> Result<ExitCode, Fatal> {
    let outputs: Vec<&std::path::Path> = args
        .output
        .iter()
        .chain(&args.write_baseline)
        .map(|p| p.as_path())
        .collect();
    let Run {
        work,
        mut reports,
        failed,
    } = lint_run(&args.inputs, registry, &outputs, args.quiet)?;

    let mut unwritten = false;
    if args.fix || args.diff {
        let mut diffs = String::new();
        for (input, setup) in &work {
            let Some(index) = reports.iter().position(|r| r.path == input.display_path()) else {
                continue;
            };
            let report = &reports[index];
            let language = report.language.unwrap_or(Language::En);
            let fixed = fix::fixed_text(report, &setup.registry, language);
            // Standard input with `--fix`, as formatters do: the fixed text
            // (unchanged when there is nothing to fix) and nothing else.
            if args.fix && !args.diff && matches!(input, Input::Stdin { .. }) {
                super::print(fixed.as_deref().unwrap_or(&report.source))?;
                return Ok(ExitCode::SUCCESS);
            }
            let Some(fixed) = fixed else { continue };
            if args.diff {
                diffs.push_str(&fix::diff(&report.path, &report.source, &fixed));
                continue;
            }
            let Input::File { path, .. } = input else { continue };
            // One file that cannot be written does not stop the others.
            if let Err(e) = fix::write(path, &fixed) {
                eprintln!("error: {} not fixed: {e}", report.path);
                unwritten = true;
                continue;
            }
            match report.messages {
                Language::En => eprintln!("fixed {}: added a section for each missing topic", report.path),
                Language::Fr => eprintln!(
                    "{} corrigé : une section ajoutée pour chaque thème manquant, à rédiger",
                    report.path
                ),
            }
            // Report what is left in the fixed file.
            if let Outcome::Report(again) = lint_input(input, None, &setup.registry, &setup.options) {
                reports[index] = again;
            }
        }
        if args.diff {
            super::print(&diffs)?;
            return Ok(if diffs.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            });
        }
    }
    if let Some(path) = &args.write_baseline {
        // Recording the findings is the job asked for: say what was
        // recorded and succeed; the findings are in the file.
        let recorded = baseline::record(&reports);
        write_atomically(path, &baseline::to_json(&recorded))?;
        if !args.quiet {
            let (findings, files) = (recorded.entries.len(), reports.len());
            match render::run_language(&reports) {
                Language::En => eprintln!(
                    "wrote {} with {} from {}",
                    path.display(),
                    render::plural(findings, "finding", "findings"),
                    render::plural(files, "file", "files"),
                ),
                Language::Fr => eprintln!(
                    "{} écrit : {} de {}",
                    path.display(),
                    render::plural(findings, "constat", "constats"),
                    render::plural(files, "fichier", "fichiers"),
                ),
            }
        }
        return Ok(ExitCode::SUCCESS);
    }
    let applied = match &args.baseline {
        Some(path) => Some(apply_baseline(path, &mut reports)?),
        None => None,
    };
    let summary = Summary {
        baseline: applied,
        ..Summary::of(&reports)
    };

    let text = match args.format {
        _ if args.coverage => Some(render::coverage::render(&reports, args.inputs.messages.language())),
        OutputFormat::Human => None,
        OutputFormat::Short => Some(render::short::render(&reports)),
        OutputFormat::Json => Some(render::json::render(&reports, summary)),
        OutputFormat::Sarif => Some(render::sarif::render(&reports, registry)),
        OutputFormat::Github => Some(render::github::render(&reports)),
    };
    match (&args.output, text) {
        (Some(path), text) => {
            let text = text.unwrap_or_else(|| {
                let mut buffer = codespan_reporting::term::termcolor::NoColor::new(Vec::new());
                let _ = render::human::render(&reports, &mut buffer, Some(summary));
                String::from_utf8_lossy(&buffer.into_inner()).into_owned()
            });
            write_atomically(path, &text)?;
            human(&reports, args, summary)?;
        }
        (None, Some(text)) => super::print(&text)?,
        (None, None) => human(&reports, args, summary)?,
    }

    if failed || unwritten {
        return Ok(ExitCode::from(2));
    }
    let failing = args.fail_on.threshold().is_some_and(|threshold| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .any(|d| d.severity >= threshold)
    });
    Ok(if failing { ExitCode::from(1) } else { ExitCode::SUCCESS })
}
