//! The command line: arguments (clap), subcommands, exit codes. Fatal errors
//! of the program itself are shown with miette.

mod check;
mod explain;
mod frames;
mod init;
mod lsp;
mod report;
mod setup;
mod test_packs;

use crate::diagnostic::Severity;
use crate::rules::{Language, Registry};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};
use std::io::Write;
use std::process::ExitCode;

/// Lint social-media charters: customer culture, e-reputation balance,
/// broadcast-only practices and document hygiene, in French and English.
#[derive(Debug, Parser)]
#[command(name = "charterlint", version, about, max_term_width = 100)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// What `check --help` and its man page add after the options.
const CHECK_MORE: &str = "\
Exit status: 0 when nothing reaches --fail-on (errors, by default), 1 when something does, \
2 when the run itself fails (no input, a broken configuration or rule pack).

Configuration: the nearest .charterlint.yaml (or charterlint.yaml) above each charter: \
language, messages, rules (severity and params per rule or family), require, include, \
exclude, packs, overrides. `charterlint schema config` prints its JSON Schema; \
--config FILE names one, --isolated uses none.";

#[derive(Debug, Subcommand)]
enum Command {
    /// Lint charters (files, folders, glob patterns, or `-` for standard input).
    #[command(after_long_help = CHECK_MORE)]
    Check(CheckArgs),
    /// Write a scorecard per charter for the people who write and approve it:
    /// topic coverage, balance, maturity, findings and what to do next, as a
    /// self-contained HTML page or Markdown, in each charter's language.
    Report(ReportArgs),
    /// List every rule with its family, default severity and summary.
    Rules {
        #[arg(long, value_enum, default_value_t = ListFormat::Human)]
        format: ListFormat,
        /// Language of the summaries (default: the configuration's, else English).
        #[arg(long, value_enum, default_value_t = Messages::Auto)]
        messages: Messages,
    },
    /// Explain a rule: why it matters, what good looks like, examples.
    Explain {
        /// A rule id, such as `structure/placeholder`.
        rule: String,
        /// Language of the explanation (default: the configuration's, else English).
        #[arg(long, value_enum, default_value_t = Messages::Auto)]
        messages: Messages,
    },
    /// Run the examples of rule packs (the built-in ones and those of the
    /// configuration, or the packs given) and report the ones that fail.
    Test {
        /// Pack files or folders (`<family>/<name>.yaml`, `lexicons/`).
        packs: Vec<std::path::PathBuf>,
    },
    /// Write a starter charter covering every customer-culture topic (never
    /// overwrites a file).
    Init {
        #[arg(long, value_enum, default_value_t = InitLanguage::Fr)]
        language: InitLanguage,
        #[arg(long, value_enum, default_value_t = InitFormat::Md)]
        format: InitFormat,
        /// Where to write it (default: charte-medias-sociaux.md, social-media-charter.md, or .yaml).
        path: Option<std::path::PathBuf>,
    },
    /// Print a shell completion script (bash, zsh, fish, elvish, powershell).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff), generated from this command line's definition;
    /// with `--out DIR`, write a page per command there (charterlint.1,
    /// charterlint-check.1, …).
    Man {
        #[arg(long, value_name = "DIR")]
        out: Option<std::path::PathBuf>,
    },
    /// Run the language server (LSP over standard input and output) for editors.
    Lsp,
    /// Print the concepts of each block of guidance, as JSON lines (for scripts/fit.py).
    #[command(hide = true)]
    Frames {
        paths: Vec<std::path::PathBuf>,
        /// Add each sentence's text, for reading errors (the fit never asks for it).
        #[arg(long)]
        text: bool,
    },
    /// Print a JSON Schema (for editors with a YAML language server).
    Schema {
        #[arg(value_enum)]
        which: SchemaKind,
    },
}

/// Which charters to lint and how: what `check` and `report` share.
#[derive(Debug, clap::Args)]
struct InputArgs {
    /// Files, folders (searched for .md, .markdown, .yaml, .yml, honouring
    /// .gitignore), glob patterns, or `-` for standard input.
    #[arg(default_value = ".")]
    paths: Vec<String>,
    /// Ignore every configuration file.
    #[arg(long, conflicts_with = "config")]
    isolated: bool,
    /// Use this configuration file instead of looking for `.charterlint.yaml`.
    #[arg(long, value_name = "FILE")]
    config: Option<std::path::PathBuf>,
    /// The name to show (and whose extension picks the format) for standard input.
    #[arg(long, value_name = "NAME")]
    stdin_filename: Option<String>,
    /// Apply the configuration's `include`/`exclude` to files named on the
    /// command line too (for pre-commit and editors, which name every file).
    #[arg(long)]
    force_exclude: bool,
    /// Language of messages; `auto` follows each charter's language.
    #[arg(long, value_enum, default_value_t = Messages::Auto)]
    messages: Messages,
}

#[derive(Debug, clap::Args)]
struct CheckArgs {
    #[command(flatten)]
    inputs: InputArgs,
    #[arg(long, value_enum, default_value_t = OutputFormat::Human)]
    format: OutputFormat,
    /// Exit with 1 when a finding has this severity or a higher one.
    #[arg(long, value_enum, default_value_t = FailOn::Error)]
    fail_on: FailOn,
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// Print findings only: no summary line and no notes about skipped files.
    #[arg(long, short)]
    quiet: bool,
    /// Add a skeleton section (heading and a prompt of what to write) for
    /// each missing topic, in the charter's language. Writes are atomic.
    #[arg(long, conflicts_with = "diff")]
    fix: bool,
    /// Show what `--fix` would change, as a unified diff, without writing.
    #[arg(long)]
    diff: bool,
    /// Print, per charter, each topic's coverage with the sentence that
    /// covers it (or touches on it) and its line, instead of the findings.
    #[arg(long, conflicts_with_all = ["fix", "diff"])]
    coverage: bool,
    /// Record today's findings in this file (a baseline for `--baseline`).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<std::path::PathBuf>,
    /// Hide the findings recorded in this baseline: only new ones count.
    #[arg(long, value_name = "FILE")]
    baseline: Option<std::path::PathBuf>,
    /// Write the report (in `--format`) to this file; the human report then
    /// goes to the terminal.
    #[arg(long, short, value_name = "FILE")]
    output: Option<std::path::PathBuf>,
}

#[derive(Debug, clap::Args)]
struct ReportArgs {
    #[command(flatten)]
    inputs: InputArgs,
    /// Write a self-contained HTML page (no network resource; opens offline).
    #[arg(long, value_name = "FILE")]
    html: Option<std::path::PathBuf>,
    /// Write the summary as GitHub-flavoured Markdown (`-` for standard
    /// output), for a pull-request comment or a CI job summary. Without
    /// `--html` or `--markdown`, Markdown goes to standard output.
    #[arg(long, value_name = "FILE")]
    markdown: Option<std::path::PathBuf>,
    /// Hide the findings recorded in this baseline.
    #[arg(long, value_name = "FILE")]
    baseline: Option<std::path::PathBuf>,
    /// Print nothing but the report (no notes about skipped files, no
    /// "wrote" line).
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum, PartialEq, Eq)]
enum OutputFormat {
    Human,
    Short,
    Json,
    Sarif,
    Github,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum ListFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FailOn {
    Error,
    Warning,
    Info,
    Never,
}

impl FailOn {
    fn threshold(self) -> Option<Severity> {
        match self {
            FailOn::Error => Some(Severity::Error),
            FailOn::Warning => Some(Severity::Warning),
            FailOn::Info => Some(Severity::Info),
            FailOn::Never => None,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum Messages {
    Auto,
    Fr,
    En,
}

impl Messages {
    fn language(self) -> Option<Language> {
        match self {
            Messages::Auto => None,
            Messages::Fr => Some(Language::Fr),
            Messages::En => Some(Language::En),
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum InitLanguage {
    Fr,
    En,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum InitFormat {
    Md,
    Yaml,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum SchemaKind {
    Charter,
    Config,
}

/// The JSON Schema of YAML charters, kept in the repository.
pub const CHARTER_SCHEMA: &str = include_str!("../../schemas/charter.schema.json");
/// The JSON Schema of `.charterlint.yaml`, kept in the repository.
pub const CONFIG_SCHEMA: &str = include_str!("../../schemas/config.schema.json");

/// A failure of the run itself (exit 2).
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
enum Fatal {
    #[error("no input matched")]
    #[diagnostic(help("name Markdown or YAML charters, a folder holding some, or `-` for standard input"))]
    NoInput,
    #[error("unknown rule `{0}`")]
    #[diagnostic(help("`charterlint rules` lists every rule id"))]
    UnknownRule(String),
    #[error("cannot read {0}: {1}")]
    Read(String, std::io::Error),
    #[error("cannot write the output: {0}")]
    Output(#[from] std::io::Error),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Setup(#[from] setup::SetupError),
    #[error("cannot use the baseline {0}: {1}")]
    #[diagnostic(help("write one with `--write-baseline FILE`"))]
    Baseline(String, String),
    #[error("{0} already exists")]
    #[diagnostic(help("charterlint never overwrites a file: give another path"))]
    Exists(String),
    #[error("cannot write {0}: {1}")]
    #[diagnostic(help("check that the folder exists and is writable"))]
    Write(String, crate::fix::WriteError),
    #[error("{0} is also an input: charterlint will not write a report over a charter")]
    #[diagnostic(help("give the output another path"))]
    OutputIsInput(String),
}

/// Runs charterlint with the process arguments.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        // Each charter's configuration is read by `check` itself.
        Command::Check(args) => match Registry::builtin() {
            Ok(registry) => check::run(&args, &registry),
            Err(e) => return fatal(miette::Report::new(*e)),
        },
        Command::Report(args) => match Registry::builtin() {
            Ok(registry) => report::run(&args, &registry),
            Err(e) => return fatal(miette::Report::new(*e)),
        },
        Command::Rules { format, messages } => project().and_then(|(registry, configured)| {
            let language = messages.language().or(configured).unwrap_or(Language::En);
            let text = match format {
                ListFormat::Human => explain::rules_table(&registry, language),
                ListFormat::Json => explain::rules_json(&registry),
            };
            print(&text).map(|_| ExitCode::SUCCESS)
        }),
        Command::Explain { rule, messages } => project().and_then(|(registry, configured)| {
            let language = messages.language().or(configured).unwrap_or(Language::En);
            match registry.get(&rule) {
                Some(rule) => print(&explain::explain(&rule.spec, language)).map(|_| ExitCode::SUCCESS),
                // A family (`explain culture`): its rules, a line each.
                None if registry.rules().iter().any(|r| r.spec.family() == rule) => {
                    print(&explain::family_table(&registry, language, Some(&rule))).map(|_| ExitCode::SUCCESS)
                }
                None => Err(Fatal::UnknownRule(rule)),
            }
        }),
        Command::Test { packs } => test(&packs),
        Command::Init { language, format, path } => init::run(language, format, path),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "charterlint", &mut out);
            print(&String::from_utf8_lossy(&out)).map(|_| ExitCode::SUCCESS)
        }
        Command::Frames { paths, text } => frames::run(&paths, text),
        Command::Lsp => match Registry::builtin() {
            Ok(registry) => lsp::run(&registry),
            Err(e) => return fatal(miette::Report::new(*e)),
        },
        Command::Man { out: None } => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(Fatal::from)
                .and_then(|_| print(&String::from_utf8_lossy(&out)))
                .map(|_| ExitCode::SUCCESS)
        }
        Command::Man { out: Some(dir) } => man_pages(&dir),
        Command::Schema { which } => print(match which {
            SchemaKind::Charter => CHARTER_SCHEMA,
            SchemaKind::Config => CONFIG_SCHEMA,
        })
        .map(|_| ExitCode::SUCCESS),
    };
    result.unwrap_or_else(|e| fatal(miette::Report::new(e)))
}

/// `charterlint test`: the packs given, or the configuration's (plus the
/// built-in rules).
/// `man --out DIR`: the top page and one page per visible command, each with
/// its options (clap_mangen names them charterlint-check.1 and so on).
#[allow(clippy::print_stderr)] // What was written is said on stderr, as `--write-baseline` does.
fn man_pages(dir: &std::path::Path) -> Result<ExitCode, Fatal> {
    std::fs::create_dir_all(dir).map_err(|e| Fatal::Write(dir.display().to_string(), e.into()))?;
    let command = Cli::command();
    let mut pages = vec![(command.clone(), "charterlint".to_string())];
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set()) {
        let name = format!("charterlint-{}", sub.get_name());
        pages.push((sub.clone().display_name(name.clone()), name));
    }
    let count = pages.len();
    for (page, name) in pages {
        let path = dir.join(format!("{name}.1"));
        let mut roff = Vec::new();
        clap_mangen::Man::new(page).render(&mut roff).map_err(Fatal::from)?;
        std::fs::write(&path, roff).map_err(|e| Fatal::Write(path.display().to_string(), e.into()))?;
    }
    eprintln!("wrote {count} man pages to {}", dir.display());
    Ok(ExitCode::SUCCESS)
}

/// The rules of the project in the current folder (its configuration's
/// packs beside the built-in ones) and the language its configuration asks
/// messages in: what `rules`, `explain` and `test` describe.
fn project() -> Result<(Registry, Option<Language>), Fatal> {
    let Some(path) = crate::config::find_for(std::path::Path::new(".")) else {
        return Ok((Registry::with_packs(&[], &[]).map_err(setup::SetupError::Pack)?, None));
    };
    let loaded = crate::config::load(&path).map_err(setup::SetupError::Config)?;
    let (rules, lexicons) = loaded.pack_files().map_err(setup::SetupError::Config)?;
    let registry = Registry::with_packs(&rules, &lexicons).map_err(setup::SetupError::Pack)?;
    Ok((
        registry,
        loaded.config.messages.and_then(crate::config::Messages::language),
    ))
}

fn test(packs: &[std::path::PathBuf]) -> Result<ExitCode, Fatal> {
    let (registry, only) = if packs.is_empty() {
        (project()?.0, None)
    } else {
        let loaded = crate::config::Loaded::from_packs(packs);
        let (rules, lexicons) = loaded.pack_files().map_err(setup::SetupError::Config)?;
        let ids: Vec<String> = rules.iter().map(|r| r.id.clone()).collect();
        (
            Registry::with_packs(&rules, &lexicons).map_err(setup::SetupError::Pack)?,
            Some(ids),
        )
    };
    let (report, ok) = test_packs::run(&registry, only.as_deref());
    print(&report)?;
    Ok(if ok { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

#[allow(clippy::print_stderr)]
fn fatal(report: miette::Report) -> ExitCode {
    eprintln!("{report:?}");
    ExitCode::from(2)
}

/// Writes to standard output.
fn print(text: &str) -> Result<(), Fatal> {
    let mut stdout = std::io::stdout().lock();
    written(stdout.write_all(text.as_bytes()).and_then(|_| stdout.flush()))
}

/// The outcome of writing the output. A reader that went away (`| head`) is
/// not an error: the run's exit code stands, and nothing is said, as other
/// command-line tools do.
fn written(result: std::io::Result<()>) -> Result<(), Fatal> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        result => result.map_err(Fatal::from),
    }
}
