//! `charterlint init`: a starter charter to adapt.

use super::{Fatal, InitFormat, InitLanguage};
use std::io::Write;
use std::process::ExitCode;

/// Starter charters: every customer-culture topic with short guidance to adapt.
fn template(language: InitLanguage, format: InitFormat) -> (&'static str, &'static str) {
    match (language, format) {
        (InitLanguage::Fr, InitFormat::Md) => {
            ("charte-medias-sociaux.md", include_str!("../../templates/charte.fr.md"))
        }
        (InitLanguage::Fr, InitFormat::Yaml) => (
            "charte-medias-sociaux.yaml",
            include_str!("../../templates/charte.fr.yaml"),
        ),
        (InitLanguage::En, InitFormat::Md) => {
            ("social-media-charter.md", include_str!("../../templates/charter.en.md"))
        }
        (InitLanguage::En, InitFormat::Yaml) => (
            "social-media-charter.yaml",
            include_str!("../../templates/charter.en.yaml"),
        ),
    }
}

#[allow(clippy::print_stderr)]
pub(super) fn run(
    language: InitLanguage,
    format: InitFormat,
    path: Option<std::path::PathBuf>,
) -> Result<ExitCode, Fatal> {
    let (name, text) = template(language, format);
    let path = path.unwrap_or_else(|| std::path::PathBuf::from(name));
    // `create_new` refuses an existing file atomically: never overwrite.
    let file = std::fs::OpenOptions::new().write(true).create_new(true).open(&path);
    let mut file = file.map_err(|e| match e.kind() {
        std::io::ErrorKind::AlreadyExists => Fatal::Exists(path.display().to_string()),
        _ => Fatal::Write(path.display().to_string(), e.into()),
    })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Fatal::Write(path.display().to_string(), e.into()))?;
    eprintln!(
        "wrote {}: replace the [PLACEHOLDERS], then run `charterlint check {}`",
        path.display(),
        path.display()
    );
    Ok(ExitCode::SUCCESS)
}
