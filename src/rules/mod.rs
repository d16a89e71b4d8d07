//! Rules: packs of YAML data (`rules/`), each naming a kind of check written in
//! Rust (`kinds/`, one file per kind). The registry is a value built from the
//! packs, passed to the linter; nothing here is global.

mod kinds;

pub use kinds::required_topic::{Skeleton, skeleton};
pub mod pack;

pub use pack::{Language, Localized, RuleSpec};

use crate::analyse::lexicon::BUILTIN_LEXICONS;
use crate::analyse::{Analysis, Lexicons};
use crate::config::{Effective, Level, RuleSetting};
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Charter, Format, Span};
use miette::{NamedSource, SourceSpan};
use std::sync::Arc;

include!(concat!(env!("OUT_DIR"), "/builtin_packs.rs"));

/// The rule made for a required topic that has none (see `Registry::configure`).
const REQUIRED_TOPIC_TEMPLATE: &str = include_str!("../../templates/required-topic.yaml");

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
    /// What the level means, in the message language.
    pub description: String,
    pub evidence: Vec<Span>,
    /// What the level above asks, when there is one.
    pub next: Option<NextLevel>,
}

/// The level above the estimate and the topics it still needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NextLevel {
    pub level: u8,
    pub description: String,
    /// Topics to cover, every one.
    pub needs_all: Vec<String>,
    /// Topics of which one more is enough (none covered yet).
    pub needs_one_of: Vec<String>,
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

    /// Whether a text shows what the rule asks for (a pack's `pass`
    /// example): by default, the rule (`id`) found nothing in it.
    fn passes(&self, findings: &Findings, id: &str) -> bool {
        !findings.diagnostics.iter().any(|d| d.rule == id)
    }
}

pub struct Rule {
    pub spec: RuleSpec,
    /// The pack file the rule comes from, and its text (to point into it).
    pub source: Arc<PackFile>,
    check: Box<dyn Check>,
}

/// A rule pack that cannot be used, shown with the offending YAML.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("rule pack `{id}` cannot be loaded: {reason}")]
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

/// A rule or lexicon file: its id, where it comes from (for messages) and its text.
#[derive(Debug, Clone)]
pub struct PackFile {
    pub id: String,
    pub path: String,
    pub text: String,
}

pub struct Registry {
    rules: Vec<Rule>,
    lexicons: Arc<Lexicons>,
}

impl Registry {
    /// The rules built into charterlint.
    pub fn builtin() -> Result<Registry, Box<PackError>> {
        Self::with_packs(&[], &[])
    }

    /// The built-in rules and lexicons plus a user's own (a user lexicon with a
    /// built-in id replaces it; a user rule may not reuse a built-in id).
    pub fn with_packs(user_rules: &[PackFile], user_lexicons: &[PackFile]) -> Result<Registry, Box<PackError>> {
        let mut lexicon_files: Vec<PackFile> = BUILTIN_LEXICONS
            .iter()
            .map(|(id, text)| PackFile {
                id: id.to_string(),
                path: format!("rules/lexicons/{id}.yaml"),
                text: text.to_string(),
            })
            .collect();
        for file in user_lexicons {
            lexicon_files.retain(|f| f.id != file.id);
            lexicon_files.push(file.clone());
        }
        let lexicons =
            Lexicons::load(lexicon_files.iter().map(|f| (f.id.as_str(), f.text.as_str()))).map_err(|(id, e)| {
                let file = lexicon_files.iter().find(|f| f.id == id);
                let (path, text) = file.map_or((String::new(), ""), |f| (f.path.clone(), f.text.as_str()));
                PackError::new(&id, &path, text, e.to_string(), e.location().map(|l| l.index()))
            })?;
        let mut rules = Vec::new();
        for (id, text) in BUILTIN_PACKS {
            rules.push(Self::load_rule(id, &format!("rules/{id}.yaml"), text, &lexicons)?);
        }
        for file in user_rules {
            if rules.iter().any(|r: &Rule| r.spec.id == file.id) {
                let reason = format!("`{}` is already a built-in rule; name the file differently", file.id);
                return Err(PackError::new(&file.id, &file.path, &file.text, reason, None));
            }
            rules.push(Self::load_rule(&file.id, &file.path, &file.text, &lexicons)?);
        }
        Ok(Registry {
            rules,
            lexicons: Arc::new(lexicons),
        })
    }

    /// Loads one pack file; the lexicons it names must exist.
    pub fn load_rule(id: &str, path: &str, text: &str, lexicons: &Lexicons) -> Result<Rule, Box<PackError>> {
        let spec = RuleSpec::from_yaml(id, text).map_err(|e| {
            let at = e.location().map(|l| l.index());
            PackError::new(id, path, text, e.to_string(), at)
        })?;
        let check = kinds::build(&spec, lexicons).map_err(|reason| PackError::new(id, path, text, reason, None))?;
        let source = Arc::new(PackFile {
            id: id.to_string(),
            path: path.to_string(),
            text: text.to_string(),
        });
        Ok(Rule { spec, source, check })
    }

    /// The same rules with a configuration applied: rules turned off are
    /// dropped, severities and parameters replaced.
    pub fn configure(&self, settings: &Effective) -> Result<Registry, String> {
        let mut rules = Vec::new();
        for rule in &self.rules {
            let family = rule.spec.family();
            let topic_rule = matches!(family, "culture" | "practice");
            let setting = settings.rules.get(&rule.spec.id).or_else(|| settings.rules.get(family));
            let required = settings
                .require
                .as_ref()
                .is_none_or(|topics| !topic_rule || topics.iter().any(|t| rule.spec.id.ends_with(&format!("/{t}"))));
            let mut spec = rule.spec.clone();
            let (level, params) = match setting {
                Some(RuleSetting::Level(level)) => (Some(*level), None),
                Some(RuleSetting::Detailed { severity, params }) => (*severity, params.clone()),
                None => (None, None),
            };
            if level == Some(Level::Off) || (!required && setting.is_none()) {
                continue;
            }
            if let Some(level) = level {
                spec.severity = match level {
                    Level::Error => Severity::Error,
                    Level::Warning => Severity::Warning,
                    Level::Info | Level::Off => Severity::Info,
                };
            }
            if let Some(params) = params {
                spec.params = merge(spec.params, params);
            }
            let check = kinds::build(&spec, &self.lexicons).map_err(|e| format!("rule `{}`: {e}", spec.id))?;
            rules.push(Rule {
                spec,
                source: Arc::clone(&rule.source),
                check,
            });
        }
        // Required topics without a rule of their own (from the user's lexicons).
        for topic in settings.require.iter().flatten() {
            let has_rule = self
                .rules
                .iter()
                .any(|r| r.spec.kind == "required-topic" && r.spec.id.ends_with(&format!("/{topic}")));
            if !has_rule {
                rules.push(self.topic_rule(topic)?);
            }
        }
        Ok(Registry {
            rules,
            lexicons: Arc::clone(&self.lexicons),
        })
    }

    /// The topic ids a configuration may require: topic lexicons (with a threshold).
    pub fn topics(&self) -> Vec<String> {
        self.lexicons
            .specs
            .iter()
            .filter(|s| s.threshold.is_some())
            .map(|s| s.id.clone())
            .collect()
    }

    /// A `topic/<id>` rule for a required topic that has none.
    fn topic_rule(&self, topic: &str) -> Result<Rule, String> {
        let lexicon = self.lexicons.index(topic).map(|l| &self.lexicons.specs[l]);
        let lexicon = lexicon
            .filter(|l| l.threshold.is_some())
            .ok_or_else(|| format!("unknown topic `{topic}`"))?;
        let heading = lexicon.headings.en.first().or(lexicon.headings.fr.first()).cloned();
        let heading = heading.unwrap_or_else(|| topic.to_string());
        // Values are substituted inside double-quoted YAML: escape them.
        let quote = |s: &str| s.trim().replace('\\', "\\\\").replace('"', "\\\"").replace('\n', " ");
        let text = REQUIRED_TOPIC_TEMPLATE
            .replace("{topic}", &quote(topic))
            .replace("{description}", &quote(&lexicon.description))
            .replace("{heading}", &quote(&heading));
        let id = format!("topic/{topic}");
        Self::load_rule(&id, "templates/required-topic.yaml", &text, &self.lexicons).map_err(|e| e.to_string())
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
    /// Runs only this rule on a text (pack examples, fixtures).
    pub fn check_text(&self, lexicons: &Lexicons, text: &str, format: Format, messages: Language) -> Vec<Diagnostic> {
        self.findings_on(lexicons, text, format, messages).diagnostics
    }

    /// Whether a text passes this rule, as its `pass` examples must.
    pub fn passes(&self, lexicons: &Lexicons, text: &str, format: Format) -> bool {
        let findings = self.findings_on(lexicons, text, format, Language::En);
        self.check.passes(&findings, &self.spec.id)
    }

    fn findings_on(&self, lexicons: &Lexicons, text: &str, format: Format, messages: Language) -> Findings {
        let charter = crate::parse::parse(text, format);
        let analysis = Analysis::new(&charter, lexicons, None);
        let ctx = Context {
            charter: &charter,
            analysis: &analysis,
            source: text,
            messages,
        };
        let mut out = Findings::default();
        self.run(&ctx, &mut out);
        out
    }

    pub fn run(&self, ctx: &Context<'_>, out: &mut Findings) {
        let mut emitter = Emitter {
            spec: &self.spec,
            messages: ctx.messages,
            out,
        };
        self.check.check(ctx, &mut emitter);
    }
}

/// `overrides` laid over `base`, key by key for mappings.
fn merge(base: serde_yaml::Value, overrides: serde_yaml::Value) -> serde_yaml::Value {
    match (base, overrides) {
        (serde_yaml::Value::Mapping(mut base), serde_yaml::Value::Mapping(overrides)) => {
            for (key, value) in overrides {
                let merged = match base.remove(&key) {
                    Some(old) => merge(old, value),
                    None => value,
                };
                base.insert(key, merged);
            }
            serde_yaml::Value::Mapping(base)
        }
        (_, overrides) => overrides,
    }
}
