//! Any bytes as a configuration, a rule pack or a lexicon pack: loading
//! never panics, a refusal renders (miette, with its label inside the
//! shown text), and what loads can be applied and run.
#![no_main]

use charterlint::config;
use charterlint::lint::{lint_text, Options};
use charterlint::model::Format;
use charterlint::rules::{PackFile, Registry};
use libfuzzer_sys::fuzz_target;
use std::path::Path;
use std::sync::OnceLock;

fn registry() -> &'static Registry {
    static REGISTRY: OnceLock<Registry> = OnceLock::new();
    REGISTRY.get_or_init(|| Registry::builtin().expect("built-in packs load"))
}

const CHARTER: &str = "# Charte\n\n## Écoute\n\nNous répondons à chaque client dans la journée.\n";

fn render(error: impl miette::Diagnostic + Send + Sync + 'static) {
    let _ = format!("{:?}", miette::Report::new(error));
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(bytes) else {
        return;
    };
    match selector % 3 {
        0 => match config::from_text(Path::new("fuzz/.charterlint.yaml"), text.to_string()) {
            Ok(loaded) => {
                let ids: Vec<String> = registry().rules().iter().map(|r| r.spec.id.clone()).collect();
                if let Err(e) = loaded.check_rules(&ids, &registry().topics()) {
                    render(*e);
                    return;
                }
                let effective = loaded.effective(Path::new("fuzz/drafts/charte.md"));
                let _ = loaded.keeps(Path::new("fuzz/drafts/charte.md"));
                if let Ok(configured) = registry().configure(&effective) {
                    lint_text("charte.md".into(), CHARTER.into(), Format::Markdown, &configured, &Options::default());
                }
            }
            Err(e) => render(*e),
        },
        1 => {
            let rule = PackFile {
                id: "house/fuzz".into(),
                path: "house/fuzz.yaml".into(),
                text: text.to_string(),
            };
            match Registry::with_packs(&[rule], &[]) {
                Ok(with) => {
                    lint_text("charte.md".into(), CHARTER.into(), Format::Markdown, &with, &Options::default());
                }
                Err(e) => render(*e),
            }
        }
        _ => {
            let lexicon = PackFile {
                id: "listening".into(),
                path: "lexicons/listening.yaml".into(),
                text: text.to_string(),
            };
            match Registry::with_packs(&[], &[lexicon]) {
                Ok(with) => {
                    lint_text("charte.md".into(), CHARTER.into(), Format::Markdown, &with, &Options::default());
                }
                Err(e) => render(*e),
            }
        }
    }
});
