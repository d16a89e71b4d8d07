//! Configuration: `.charterlint.yaml` (or `charterlint.yaml`), found by walking
//! up from each linted file (the nearest wins) or given with `--config`.
//! Errors point into the YAML (miette); the run stops with exit 2.

use crate::rules::{Language, PackFile};
use miette::{NamedSource, SourceSpan};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// File names looked for, in order, in each folder.
pub const CONFIG_NAMES: &[&str] = &[
    ".charterlint.yaml",
    "charterlint.yaml",
    ".charterlint.yml",
    "charterlint.yml",
];

/// A rule's setting: a severity, `off`, or a severity with parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum RuleSetting {
    Level(Level),
    Detailed {
        severity: Option<Level>,
        params: Option<serde_yaml::Value>,
    },
}

/// The values a severity may take, for messages.
const LEVELS: &str = "off, info, warning or error";

impl<'de> Deserialize<'de> for RuleSetting {
    /// By hand rather than `untagged`, so that a typo is named with the
    /// values allowed ("`warnng` is not a severity: off, info, warning or
    /// error") instead of "did not match any variant".
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        use serde::de::Error;
        let level = |text: &str| {
            Level::parse(text).ok_or_else(|| D::Error::custom(format!("`{text}` is not a severity: {LEVELS}")))
        };
        match serde_yaml::Value::deserialize(deserializer)? {
            serde_yaml::Value::String(text) => level(&text).map(RuleSetting::Level),
            serde_yaml::Value::Mapping(map) => {
                let mut severity = None;
                let mut params = None;
                for (key, value) in map {
                    match (key.as_str(), value) {
                        (Some("severity"), serde_yaml::Value::String(text)) => severity = Some(level(&text)?),
                        (Some("severity"), other) => {
                            return Err(D::Error::custom(format!("`severity: {other:?}`: expected {LEVELS}")));
                        }
                        (Some("params"), value) => params = Some(value),
                        (key, _) => {
                            return Err(D::Error::custom(format!(
                                "unknown key `{}` in a rule's setting: expected `severity` or `params`",
                                key.unwrap_or("?")
                            )));
                        }
                    }
                }
                Ok(RuleSetting::Detailed { severity, params })
            }
            other => Err(D::Error::custom(format!(
                "a rule's setting is a severity ({LEVELS}) or `{{severity, params}}`, not {other:?}"
            ))),
        }
    }
}

/// A rule's severity in the configuration (read by `Level::parse`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Off,
    Info,
    Warning,
    Error,
}

impl Level {
    fn parse(text: &str) -> Option<Level> {
        match text {
            "off" => Some(Level::Off),
            "info" => Some(Level::Info),
            "warning" => Some(Level::Warning),
            "error" => Some(Level::Error),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Messages {
    #[default]
    Auto,
    Fr,
    En,
}

impl Messages {
    /// The language asked for; `None` for `auto` (each charter's own).
    pub fn language(self) -> Option<Language> {
        match self {
            Messages::Auto => None,
            Messages::Fr => Some(Language::Fr),
            Messages::En => Some(Language::En),
        }
    }
}

/// Settings for the files matching some globs.
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Override {
    pub files: Vec<String>,
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    #[serde(default)]
    pub messages: Option<Messages>,
}

#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The charters' language when they do not say it.
    #[serde(default)]
    pub language: Option<String>,
    #[serde(default)]
    pub messages: Option<Messages>,
    /// Per rule id (`culture/listening`) or per family (`culture`).
    #[serde(default)]
    pub rules: BTreeMap<String, RuleSetting>,
    /// The topics a charter must cover; the culture/practice rules of other
    /// topics are turned off.
    #[serde(default)]
    pub require: Option<Vec<String>>,
    /// Globs (relative to the config's folder) a folder walk keeps…
    #[serde(default)]
    pub include: Vec<String>,
    /// …and leaves out.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The user's own rule packs (files or folders), relative to the config.
    #[serde(default)]
    pub packs: Vec<String>,
    #[serde(default)]
    pub overrides: Vec<Override>,
    /// Files larger than this are reported, not read.
    #[serde(default, rename = "max-file-size")]
    pub max_file_size: Option<FileSize>,
}

/// A number of bytes, written as a plain number or with a unit (`50MB`,
/// `2 MiB`, `500kB`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileSize(pub u64);

impl FileSize {
    /// Generous: the longest published charters are well under 1 MB.
    pub const DEFAULT: FileSize = FileSize(50_000_000);

    pub fn parse(text: &str) -> Option<FileSize> {
        let text = text.trim();
        let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
        let number: u64 = text[..digits].parse().ok()?;
        let factor: u64 = match text[digits..].trim().to_ascii_lowercase().as_str() {
            "" | "b" => 1,
            "k" | "kb" => 1_000,
            "kib" => 1 << 10,
            "m" | "mb" => 1_000_000,
            "mib" => 1 << 20,
            "g" | "gb" => 1_000_000_000,
            "gib" => 1 << 30,
            _ => return None,
        };
        number.checked_mul(factor).map(FileSize)
    }
}

impl<'de> Deserialize<'de> for FileSize {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = FileSize;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a size in bytes, or with a unit such as 50MB or 2MiB")
            }
            fn visit_u64<E: serde::de::Error>(self, bytes: u64) -> Result<FileSize, E> {
                Ok(FileSize(bytes))
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<FileSize, E> {
                FileSize::parse(text).ok_or_else(|| {
                    E::custom(format!(
                        "`{text}` is not a size: write bytes, or a number with a unit such as 50MB or 2MiB"
                    ))
                })
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// A configuration file that cannot be used, shown with the offending YAML.
#[derive(Debug, thiserror::Error, miette::Diagnostic)]
#[error("{path}: {reason}")]
pub struct ConfigError {
    pub path: String,
    pub reason: String,
    #[source_code]
    pub source_code: NamedSource<String>,
    #[label("here")]
    pub at: Option<SourceSpan>,
    #[help]
    pub help: Option<String>,
}

/// A loaded configuration and where it came from.
#[derive(Debug, Clone)]
pub struct Loaded {
    pub path: PathBuf,
    pub config: Config,
    text: String,
    /// Packs must be inside the configuration's folder (a configuration
    /// file may come from a pull request); packs named on the command line
    /// are the user's own choice.
    confined: bool,
}

impl Loaded {
    pub fn dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }
}

fn error(
    path: &Path,
    text: &str,
    reason: String,
    at: Option<std::ops::Range<usize>>,
    help: Option<String>,
) -> Box<ConfigError> {
    Box::new(ConfigError {
        path: path.display().to_string(),
        reason,
        source_code: NamedSource::new(path.display().to_string(), text.to_string()),
        at: at.map(|r| SourceSpan::from(r.start..r.end.max(r.start + 1))),
        help,
    })
}

/// Loads a configuration file; `check_rules` then checks its rule ids once
/// the user's packs are known.
pub fn load(path: &Path) -> Result<Loaded, Box<ConfigError>> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| error(path, "", format!("cannot read the configuration: {e}"), None, None))?;
    from_text(path, text)
}

/// A configuration from its text; `path` is where it is said to be (its
/// folder is the base of its globs and packs).
pub fn from_text(path: &Path, text: String) -> Result<Loaded, Box<ConfigError>> {
    let config: Config = if text.trim().is_empty() {
        Config::default()
    } else {
        serde_yaml::from_str(&text).map_err(|e| {
            let at = e.location().map(|l| l.index()..l.index() + 1);
            // The list of keys helps with an unknown one, not with a bad value.
            let help = e.to_string().contains("unknown field").then(|| {
                "the keys are: language, messages, rules, require, include, exclude, packs, overrides".to_string()
            });
            error(path, &text, e.to_string(), at, help)
        })?
    };
    check(path, &text, &config)?;
    Ok(Loaded {
        confined: true,
        path: path.to_path_buf(),
        config,
        text,
    })
}

/// Where a key is written in the file (for error labels).
fn key_span(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let quoted = [format!("{key}:"), format!("\"{key}\":"), format!("'{key}':")];
    quoted
        .iter()
        .find_map(|k| text.find(k.as_str()).map(|i| i..i + k.len() - 1))
}

fn check(path: &Path, text: &str, config: &Config) -> Result<(), Box<ConfigError>> {
    if let Some(language) = config.language.as_ref().filter(|l| Language::parse(l).is_none()) {
        let help = Some("use `fr` or `en`".to_string());
        return Err(error(
            path,
            text,
            format!("unknown language `{language}`"),
            key_span(text, "language"),
            help,
        ));
    }
    for pattern in config
        .include
        .iter()
        .chain(&config.exclude)
        .chain(config.overrides.iter().flat_map(|o| &o.files))
    {
        if let Err(e) = glob::Pattern::new(pattern) {
            return Err(error(
                path,
                text,
                format!("invalid pattern `{pattern}`: {e}"),
                text.find(pattern.as_str()).map(|i| i..i + pattern.len()),
                None,
            ));
        }
    }
    Ok(())
}

impl Loaded {
    /// A configuration that only names packs (for `charterlint test PACK…`).
    pub fn from_packs(paths: &[PathBuf]) -> Loaded {
        let packs: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
        Loaded {
            path: PathBuf::from("./command line"),
            config: Config {
                packs,
                ..Config::default()
            },
            text: String::new(),
            confined: false,
        }
    }

    /// Every rule id (or family) and required topic the configuration names
    /// must exist (the user's packs may add both).
    pub fn check_rules(&self, known_rules: &[String], known_topics: &[String]) -> Result<(), Box<ConfigError>> {
        for topic in self.config.require.iter().flatten() {
            if !known_topics.contains(topic) {
                let at = self.text.find(topic.as_str()).map(|i| i..i + topic.len());
                let help = format!(
                    "the topics are: {}; a pack may add one (a lexicon with a `threshold`)",
                    known_topics.join(", ")
                );
                return Err(error(
                    &self.path,
                    &self.text,
                    format!("unknown topic `{topic}` in `require`"),
                    at,
                    Some(help),
                ));
            }
        }
        let families: Vec<&str> = known_rules.iter().filter_map(|r| r.split('/').next()).collect();
        let rule_maps = std::iter::once(&self.config.rules).chain(self.config.overrides.iter().map(|o| &o.rules));
        for id in rule_maps.flat_map(|rules| rules.keys()) {
            if known_rules.contains(id) || families.contains(&id.as_str()) {
                continue;
            }
            let closest = known_rules
                .iter()
                .min_by_key(|k| crate::parse::edit_distance(k, id))
                .filter(|k| crate::parse::edit_distance(k, id) <= 4);
            let help = match closest {
                Some(c) => format!("did you mean `{c}`? `charterlint rules` lists every rule id"),
                None => "`charterlint rules` lists every rule id; a family name (`culture`) sets all its rules".into(),
            };
            let at = key_span(&self.text, id);
            return Err(error(
                &self.path,
                &self.text,
                format!("unknown rule `{id}`"),
                at,
                Some(help),
            ));
        }
        Ok(())
    }

    /// The user's packs named by `packs`: rule files (`<family>/<name>.yaml`,
    /// or a single file whose id is `<folder>/<name>`) and lexicons
    /// (`lexicons/<name>.yaml`).
    pub fn pack_files(&self) -> Result<(Vec<PackFile>, Vec<PackFile>), Box<ConfigError>> {
        let mut rules = Vec::new();
        let mut lexicons = Vec::new();
        let root = if self.confined {
            std::fs::canonicalize(self.dir()).ok()
        } else {
            None
        };
        for entry in &self.config.packs {
            let fail = |reason: String, help: Option<&str>| {
                let at = self.text.find(entry.as_str()).map(|i| i..i + entry.len());
                error(&self.path, &self.text, reason, at, help.map(str::to_string))
            };
            let path = self.dir().join(entry);
            let Ok(canonical) = std::fs::canonicalize(&path) else {
                return Err(fail(format!("rule pack `{entry}` not found"), None));
            };
            let inside = |file: &Path| match &root {
                Some(root) => std::fs::canonicalize(file).is_ok_and(|f| f.starts_with(root)),
                None => true,
            };
            if root.as_ref().is_some_and(|root| !canonical.starts_with(root)) {
                return Err(fail(
                    format!("rule pack `{entry}` is outside the folder of this configuration"),
                    Some(OUTSIDE_HELP),
                ));
            }
            if canonical.is_file() {
                rules.push(read_pack(&path, None).map_err(|reason| fail(reason, None))?);
            } else if canonical.is_dir() {
                for family in sorted_entries(&path).into_iter().filter(|p| p.is_dir()) {
                    let is_lexicons = family.file_name().is_some_and(|n| n == "lexicons");
                    for file in sorted_entries(&family).into_iter().filter(|p| is_yaml(p)) {
                        if !inside(&file) {
                            let shown = file.display();
                            return Err(fail(
                                format!("{shown} leads outside the folder of this configuration"),
                                Some(OUTSIDE_HELP),
                            ));
                        }
                        let pack = read_pack(&file, is_lexicons.then_some("")).map_err(|reason| fail(reason, None))?;
                        if is_lexicons {
                            lexicons.push(pack);
                        } else {
                            rules.push(pack);
                        }
                    }
                }
            } else {
                return Err(fail(
                    format!("rule pack `{entry}` is neither a file nor a folder"),
                    None,
                ));
            }
        }
        Ok((rules, lexicons))
    }
}

/// Why packs are confined, for the error that refuses one.
const OUTSIDE_HELP: &str = "packs are read only from this configuration's folder and below (symlinks out of it are refused), so that a configuration cannot make charterlint read other files; copy the pack into the repository, or name it on the command line with `charterlint test PACK`";

fn is_yaml(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "yaml" || e == "yml")
}

fn sorted_entries(dir: &Path) -> Vec<PathBuf> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .collect();
    entries.sort();
    entries
}

/// A pack file; its id is `<parent folder>/<stem>` (or `<stem>` for a
/// lexicon). The error says why it cannot be used, and never shows the
/// file's content (it may not be a pack at all).
pub fn read_pack(path: &Path, lexicon: Option<&str>) -> Result<PackFile, String> {
    let shown = path.display();
    if !is_yaml(path) {
        return Err(format!("rule pack {shown} is not a YAML file (.yaml or .yml)"));
    }
    let bytes = std::fs::read(path).map_err(|e| format!("cannot read the rule pack {shown}: {e}"))?;
    let text = String::from_utf8(bytes).map_err(|_| format!("rule pack {shown} is not UTF-8 text"))?;
    // The folder's own name even for `sub/../x.yaml` or `./x.yaml`.
    let canonical = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let stem = canonical
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let id = match lexicon {
        Some(_) => stem,
        None => {
            let folder = canonical
                .parent()
                .and_then(Path::file_name)
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            format!("{folder}/{stem}")
        }
    };
    Ok(PackFile {
        id,
        path: path.display().to_string(),
        text,
    })
}

/// The nearest configuration file above `file` (its folder first).
pub fn find_for(file: &Path) -> Option<PathBuf> {
    let start = if file.is_dir() {
        file.to_path_buf()
    } else {
        file.parent()?.to_path_buf()
    };
    let start = if start.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        start
    };
    let mut dir = std::fs::canonicalize(&start).ok()?;
    loop {
        for name in CONFIG_NAMES {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Some(candidate);
            }
        }
        if !dir.pop() {
            return None;
        }
    }
}

/// What the configuration says for one file: per rule, `None` for off, or
/// the severity and parameters to use.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Effective {
    pub rules: BTreeMap<String, RuleSetting>,
    pub require: Option<Vec<String>>,
    pub messages: Option<Messages>,
    pub language: Option<Language>,
}

impl Loaded {
    /// The settings that apply to `file` (the overrides whose globs match it
    /// come last and win).
    pub fn effective(&self, file: &Path) -> Effective {
        let mut out = Effective {
            rules: self.config.rules.clone(),
            require: self.config.require.clone(),
            messages: self.config.messages,
            language: self.config.language.as_deref().and_then(Language::parse),
        };
        let relative = self.relative(file);
        for o in &self.config.overrides {
            if o.files
                .iter()
                .any(|g| glob::Pattern::new(g).is_ok_and(|p| p.matches_path(&relative)))
            {
                out.rules.extend(o.rules.clone());
                if o.messages.is_some() {
                    out.messages = o.messages;
                }
            }
        }
        out
    }

    /// `file` relative to the configuration's folder (globs are written so).
    fn relative(&self, file: &Path) -> PathBuf {
        let absolute = |p: &Path| std::fs::canonicalize(p).ok();
        absolute(file)
            .zip(absolute(self.dir()))
            .and_then(|(f, d)| f.strip_prefix(d).ok().map(Path::to_path_buf))
            .unwrap_or_else(|| file.to_path_buf())
    }

    /// Whether a file met in a folder walk is kept by `include`/`exclude`.
    pub fn keeps(&self, file: &Path) -> bool {
        let relative = self.relative(file);
        let matches = |globs: &[String]| {
            globs
                .iter()
                .any(|g| glob::Pattern::new(g).is_ok_and(|p| p.matches_path(&relative)))
        };
        (self.config.include.is_empty() || matches(&self.config.include)) && !matches(&self.config.exclude)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::TOPICS;

    /// The JSON Schema shipped for editors names exactly the keys read here.
    #[test]
    fn schema_matches_the_reader() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../schemas/config.schema.json")).expect("valid JSON");
        let mut keys: Vec<&str> = schema["properties"]
            .as_object()
            .expect("properties")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        let config: Config = serde_yaml::from_str(
            "language: fr\nmessages: en\nrules: {}\nrequire: []\ninclude: []\nexclude: []\npacks: []\noverrides: []\nmax-file-size: 2MiB\n",
        )
        .expect("every schema key is read");
        assert_eq!(
            keys,
            [
                "exclude",
                "include",
                "language",
                "max-file-size",
                "messages",
                "overrides",
                "packs",
                "require",
                "rules"
            ]
        );
        assert_eq!(config.language.as_deref(), Some("fr"));
        assert_eq!(config.max_file_size, Some(FileSize(2 << 20)));
        let description = schema["properties"]["require"]["description"]
            .as_str()
            .expect("described");
        assert!(TOPICS.iter().all(|t| description.contains(t)), "{description}");
    }
}
