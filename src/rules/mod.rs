//! Rules: packs of YAML data (`rules/`), each naming a kind of check written in
//! Rust (`kinds/`, one file per kind). The registry is a value built from the
//! packs, passed to the linter; nothing here is global.

mod kinds;
pub mod pack;

pub use pack::{Language, Localized, RuleSpec};

use crate::analyse::lexicon::BUILTIN_LEXICONS;
use crate::analyse::{Analysis, Lexicons};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Charter, Span};
use miette::{NamedSource, SourceSpan};

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// What a check sees of one file.
pub struct Context<'a> {
    pub charter: &'a Charter,
    pub analysis: &'a Analysis<'a>,
    pub source: &'a str,
    /// The language messages are written in.
    pub messages: Language,
}

/// The estimated maturity level and the sentences that support it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Maturity {
    pub level: u8,
    pub evidence: Vec<Span>,
}

/// What the rules found in one file.
#[derive(Debug, Default)]
pub struct Findings {
    pub diagnostics: Vec<Diagnostic>,
    pub maturity: Option<Maturity>,
}

/// Turns what a check found into diagnostics worded from its pack.
pub struct Emitter<'a> {
    spec: &'a RuleSpec,
    messages: Language,
    out: &'a mut Findings,
}

impl<'a> Emitter<'a> {
    /// A finding at `span`, its message, label and help filled with `args`.
    pub fn emit(&mut self, span: Span, args: &[(&str, &str)]) -> &mut Diagnostic {
        let diagnostics = &mut self.out.diagnostics;
        diagnostics.push(diagnostic(self.spec, self.messages, span, args));
        let last = diagnostics.len() - 1;
        &mut diagnostics[last]
    }

    /// Records the charter's estimated maturity (for the JSON `maturity` object).
    pub fn set_maturity(&mut self, maturity: Maturity) {
        self.out.maturity = Some(maturity);
    }

    /// A text of the pack in the message language.
    pub fn text<'t>(&self, text: &'t Localized) -> &'t str {
        text.get(self.messages)
    }

    pub fn spec(&self) -> &RuleSpec {
        self.spec
    }

    /// The pack's `secondary` label text, filled with `args`.
    pub fn secondary(&self, args: &[(&str, &str)]) -> String {
        self.spec
            .secondary
            .as_ref()
            .map(|s| pack::fill(s.get(self.messages), args))
            .unwrap_or_default()
    }
}

fn diagnostic(spec: &RuleSpec, language: Language, span: Span, args: &[(&str, &str)]) -> Diagnostic {
    let mut d = Diagnostic::new(
        spec.id.clone(),
        spec.severity,
        pack::fill(spec.message.get(language), args),
        span,
    );
    d.help = Some(pack::fill(spec.help.get(language), args)).filter(|h| !h.is_empty());
    if let Some(label) = &spec.label {
        d.label = pack::fill(label.get(language), args);
    }
    d
}

/// A kind of check.
pub trait Check: Send + Sync {
    fn check(&self, ctx: &Context<'_>, emit: &mut Emitter<'_>);
}

pub struct Rule {
    pub spec: RuleSpec,
    check: Box<dyn Check>,
}

/// A rule pack that cannot be used, shown with the offending YAML.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("rule pack `{id}` cannot be loaded: {reason}")]
#[diagnostic(code(charterlint::rule_pack))]
pub struct PackError {
    pub id: String,
    pub reason: String,
    #[source_code]
    pub source_code: NamedSource<String>,
    #[label("here")]
    pub at: Option<SourceSpan>,
}

impl PackError {
    fn new(id: &str, path: &str, text: &str, reason: String, at: Option<usize>) -> Box<PackError> {
        Box::new(PackError {
            id: id.to_string(),
            reason,
            source_code: NamedSource::new(path, text.to_string()),
            at: at.map(|o| SourceSpan::from(o..o + 1)),
        })
    }
}

pub struct Registry {
    rules: Vec<Rule>,
    lexicons: Lexicons,
}

impl Registry {
    /// The rules built into charterlint.
    pub fn builtin() -> Result<Registry, Box<PackError>> {
        let lexicons = Lexicons::builtin().map_err(|(id, e)| {
            let text = BUILTIN_LEXICONS.iter().find(|(l, _)| *l == id).map_or("", |(_, t)| t);
            let at = e.location().map(|l| l.index());
            PackError::new(&id, &format!("rules/lexicons/{id}.yaml"), text, e.to_string(), at)
        })?;
        let mut rules = Vec::new();
        for (id, text) in BUILTIN_PACKS {
            rules.push(Self::load_rule(id, &format!("rules/{id}.yaml"), text, &lexicons)?);
        }
        Ok(Registry { rules, lexicons })
    }

    /// Loads one pack file; the lexicons it names must exist.
    pub fn load_rule(id: &str, path: &str, text: &str, lexicons: &Lexicons) -> Result<Rule, Box<PackError>> {
        let spec = RuleSpec::from_yaml(id, text).map_err(|e| {
            let at = e.location().map(|l| l.index());
            PackError::new(id, path, text, e.to_string(), at)
        })?;
        let check = kinds::build(&spec, lexicons).map_err(|reason| PackError::new(id, path, text, reason, None))?;
        Ok(Rule { spec, check })
    }

    pub fn lexicons(&self) -> &Lexicons {
        &self.lexicons
    }

    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    pub fn get(&self, id: &str) -> Option<&Rule> {
        self.rules.iter().find(|r| r.spec.id == id)
    }

    /// Runs every rule on a parsed charter.
    pub fn run(&self, ctx: &Context<'_>) -> Findings {
        let mut out = Findings::default();
        for rule in &self.rules {
            if !ctx.charter.incomplete || rule.spec.kind == "parse-error" {
                rule.run(ctx, &mut out);
            }
        }
        out
    }

    /// A diagnostic of a rule raised outside the checks (encoding errors are
    /// found before there is a charter to check).
    pub fn diagnostic(&self, id: &str, messages: Language, span: Span, args: &[(&str, &str)]) -> Diagnostic {
        match self.get(id) {
            Some(rule) => diagnostic(&rule.spec, messages, span, args),
            None => Diagnostic::new(id, Severity::Error, args.first().map_or("", |a| a.1), span),
        }
    }
}

impl Rule {
    pub fn run(&self, ctx: &Context<'_>, out: &mut Findings) {
        let mut emitter = Emitter {
            spec: &self.spec,
            messages: ctx.messages,
            out,
        };
        self.check.check(ctx, &mut emitter);
    }
}
