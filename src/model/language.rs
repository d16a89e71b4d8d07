//! The two languages charterlint reads and speaks, and texts written in both.
//! Every stage uses them, so they live at the bottom of the pipeline.

use serde::Deserialize;

/// A text in both languages charterlint speaks.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Localized {
    pub en: String,
    pub fr: String,
}

impl Localized {
    pub fn get(&self, language: Language) -> &str {
        match language {
            Language::En => &self.en,
            Language::Fr => &self.fr,
        }
    }
}

/// The language of messages and of charters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Language {
    En,
    Fr,
}

impl Language {
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Fr => "fr",
        }
    }

    pub fn parse(code: &str) -> Option<Language> {
        let code = code.trim().to_ascii_lowercase();
        match code.split(['-', '_']).next().unwrap_or_default() {
            "en" | "english" | "anglais" => Some(Language::En),
            "fr" | "french" | "français" | "francais" => Some(Language::Fr),
            _ => None,
        }
    }
}
