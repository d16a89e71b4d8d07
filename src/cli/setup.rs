//! Which configuration, rules and options apply to each input: the nearest
//! configuration file (or `--config`, or none with `--isolated`), its packs
//! and overrides. Each configuration is loaded once per run.

use crate::config::{self, ConfigError, FileSize, Loaded, Messages};
use crate::discover::Input;
use crate::lint::{MessageLanguage, Options};
use crate::rules::{Language, PackError, Registry};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[derive(Debug, thiserror::Error, miette::Diagnostic)]
pub enum SetupError {
    #[error(transparent)]
    #[diagnostic(transparent)]
    Config(Box<ConfigError>),
    #[error(transparent)]
    #[diagnostic(transparent)]
    Pack(Box<PackError>),
    #[error("{0}")]
    Rule(String),
}

struct Configured {
    loaded: Option<Loaded>,
    registry: Arc<Registry>,
}

pub struct Setups<'a> {
    builtin: &'a Registry,
    explicit: Option<PathBuf>,
    isolated: bool,
    messages: Option<Language>,
    /// Files named on the command line are kept by `include`/`exclude` too
    /// (`--force-exclude`, for tools such as pre-commit that name every file).
    force_exclude: bool,
    configs: HashMap<Option<PathBuf>, Configured>,
    registries: HashMap<String, Arc<Registry>>,
}

/// The rules and options one input is linted with.
pub struct Setup {
    pub registry: Arc<Registry>,
    pub options: Options,
}

impl<'a> Setups<'a> {
    pub fn new(
        builtin: &'a Registry,
        explicit: Option<PathBuf>,
        isolated: bool,
        messages: Option<Language>,
        force_exclude: bool,
    ) -> Self {
        Setups {
            builtin,
            explicit,
            isolated,
            messages,
            force_exclude,
            configs: HashMap::new(),
            registries: HashMap::new(),
        }
    }

    fn config_path(&self, input: &Input) -> Option<PathBuf> {
        if self.isolated {
            return None;
        }
        if let Some(path) = &self.explicit {
            return Some(path.clone());
        }
        match input {
            Input::File { path, .. } => config::find_for(path),
            Input::Stdin { .. } => config::find_for(Path::new(".")),
        }
    }

    fn configured(&mut self, path: Option<PathBuf>) -> Result<&Configured, SetupError> {
        if !self.configs.contains_key(&path) {
            let configured = match &path {
                None => Configured {
                    loaded: None,
                    registry: Arc::new(self.builtin.configure(&Default::default()).map_err(SetupError::Rule)?),
                },
                Some(file) => {
                    let loaded = config::load(file).map_err(SetupError::Config)?;
                    let (rules, lexicons) = loaded.pack_files().map_err(SetupError::Config)?;
                    let registry = Registry::with_packs(&rules, &lexicons).map_err(SetupError::Pack)?;
                    let ids: Vec<String> = registry.rules().iter().map(|r| r.spec.id.clone()).collect();
                    loaded
                        .check_rules(&ids, &registry.topics())
                        .map_err(SetupError::Config)?;
                    Configured {
                        loaded: Some(loaded),
                        registry: Arc::new(registry),
                    }
                }
            };
            self.configs.insert(path.clone(), configured);
        }
        Ok(&self.configs[&path])
    }

    /// `None` for a file a folder walk found (or any file, with
    /// `--force-exclude`) that the configuration's `include`/`exclude` leave out.
    pub fn for_input(&mut self, input: &Input) -> Result<Option<Setup>, SetupError> {
        let path = self.config_path(input);
        let cli_messages = self.messages;
        let force_exclude = self.force_exclude;
        let configured = self.configured(path.clone())?;
        let Some(loaded) = &configured.loaded else {
            let options = Options {
                messages: message_language(cli_messages, None),
                language: None,
                today: crate::suppress::today(),
                max_file_size: FileSize::DEFAULT.0,
            };
            return Ok(Some(Setup {
                registry: Arc::clone(&configured.registry),
                options,
            }));
        };
        if matches!(input, Input::File { path, explicit } if (!explicit || force_exclude) && !loaded.keeps(path)) {
            return Ok(None);
        }
        let file = match input {
            Input::File { path, .. } => path.clone(),
            Input::Stdin { name } => PathBuf::from(name),
        };
        let effective = loaded.effective(&file);
        let key = format!("{}\u{0}{effective:?}", loaded.path.display());
        let base = Arc::clone(&configured.registry);
        let max_file_size = loaded.config.max_file_size.unwrap_or(FileSize::DEFAULT).0;
        let registry = match self.registries.get(&key) {
            Some(r) => Arc::clone(r),
            None => {
                let r = Arc::new(base.configure(&effective).map_err(SetupError::Rule)?);
                self.registries.insert(key, Arc::clone(&r));
                r
            }
        };
        let options = Options {
            messages: message_language(cli_messages, effective.messages),
            language: effective.language,
            today: crate::suppress::today(),
            max_file_size,
        };
        Ok(Some(Setup { registry, options }))
    }
}

/// `--messages` wins over the configuration; `auto` follows the charter.
fn message_language(cli: Option<Language>, config: Option<Messages>) -> MessageLanguage {
    match cli.or(config.and_then(Messages::language)) {
        Some(language) => MessageLanguage::Fixed(language),
        None => MessageLanguage::Auto,
    }
}
