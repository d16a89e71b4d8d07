//! Morphology: every word brought back to one key per word, whatever its
//! inflection ("replied", "replies" → `repli`; "répondrons", "répondu" →
//! `répond`), the same way on the text and on the vocabulary, so that a
//! vocabulary entry names a word once.
//!
//! Snowball stemmers do the regular work; a table of irregular forms and
//! endings (`rules/language/forms.yaml`) and three French rules fill their
//! gaps: plural verbs after "nous" and after a plural subject ("nous
//! écoutons", "les agents répondent", which Snowball leaves whole) and the
//! future of `-dre`/`-tre` verbs ("répondra"). Accents are kept while
//! stemming, so the noun *communiqué* and the verb *communique* stay two words,
//! and folded afterwards, so "reponse" written without accents still matches.

use super::text::fold;
use crate::model::Language;
use rust_stemmers::{Algorithm, Stemmer};
use serde::Deserialize;
use std::borrow::Cow;
use std::collections::HashMap;

const FORMS: &str = include_str!("../../rules/language/forms.yaml");

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormsSpec {
    #[serde(default)]
    suffixes: HashMap<String, String>,
    #[serde(default)]
    forms: HashMap<String, Vec<String>>,
    /// Words the stemmer would merge with another word, kept whole.
    #[serde(default)]
    whole: HashMap<String, Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct FormsFile {
    en: FormsSpec,
    fr: FormsSpec,
}

struct LanguageForms {
    stemmer: Stemmer,
    /// Irregular form → its lemma.
    forms: HashMap<String, String>,
    /// Ending → the ending of the lemma (`people` → `person`).
    suffixes: Vec<(String, String)>,
    /// Form → its lemma, not stemmed (`followers` → `follower`, not `follow`).
    whole: HashMap<String, String>,
}

impl LanguageForms {
    fn new(algorithm: Algorithm, spec: FormsSpec) -> LanguageForms {
        // Each form → its lemma; `whole` words are their own form too.
        let by_form = |table: HashMap<String, Vec<String>>, lemma_too: bool| -> HashMap<String, String> {
            let mut out = HashMap::new();
            for (lemma, inflected) in table {
                let lemma_form = lemma_too.then(|| lemma.clone());
                for form in inflected.into_iter().chain(lemma_form) {
                    out.insert(form.to_lowercase(), lemma.clone());
                }
            }
            out
        };
        let forms = by_form(spec.forms, false);
        // Longest ending first: "spokeswomen" is `-women`, not `-men`.
        let mut suffixes: Vec<(String, String)> = spec.suffixes.into_iter().collect();
        suffixes.sort_by_key(|(ending, _)| std::cmp::Reverse(ending.len()));
        LanguageForms {
            stemmer: Stemmer::create(algorithm),
            forms,
            suffixes,
            whole: by_form(spec.whole, true),
        }
    }

    /// The lemma of an irregular form, if the table knows it.
    fn irregular(&self, word: &str) -> Option<String> {
        if let Some(lemma) = self.forms.get(word) {
            return Some(lemma.clone());
        }
        self.suffixes.iter().find_map(|(ending, replacement)| {
            word.strip_suffix(ending.as_str())
                .filter(|stem| !stem.is_empty())
                .map(|stem| format!("{stem}{replacement}"))
        })
    }
}

/// Ends the key of a word kept whole; no stem ends with it.
const WHOLE_MARK: char = '=';

/// The stemmers and irregular forms of both languages, built once per run.
pub struct Morphology {
    en: LanguageForms,
    fr: LanguageForms,
}

/// What stands before a word, for the French rules that need it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Position {
    First,
    /// After "nous": "-ons" is a verb ending ("nous écoutons").
    AfterNous,
    /// After a plural subject ("ils", "elles", "qui", or a word ending in
    /// -s/-x): "-ent" is a verb ending ("les agents répondent").
    AfterPlural,
    Other,
}

impl Position {
    /// The position after `previous` (a word as written).
    pub fn after(previous: Option<&str>) -> Position {
        let Some(previous) = previous else {
            return Position::First;
        };
        let lower = previous.to_lowercase();
        match lower.as_str() {
            "nous" => Position::AfterNous,
            "ils" | "elles" | "qui" => Position::AfterPlural,
            // "vous" takes "-ez"; "plus", "sous" are not subjects.
            "vous" | "plus" | "sous" | "dans" | "sans" | "pas" | "mais" | "après" | "depuis" => Position::Other,
            w if w.chars().count() >= 3 && (w.ends_with('s') || w.ends_with('x')) => Position::AfterPlural,
            _ => Position::Other,
        }
    }
}

impl Morphology {
    pub fn builtin() -> Morphology {
        let file: FormsFile = serde_yaml::from_str(FORMS).expect("rules/language/forms.yaml is valid (tested)");
        Morphology {
            en: LanguageForms::new(Algorithm::English, file.en),
            fr: LanguageForms::new(Algorithm::French, file.fr),
        }
    }

    /// The key of `word` (any case) in `language`, given the word before it.
    pub fn lemma(&self, word: &str, language: Language, position: Position) -> String {
        let lower = word.to_lowercase();
        let forms = match language {
            Language::En => &self.en,
            Language::Fr => &self.fr,
        };
        if let Some(lemma) = forms.whole.get(&lower) {
            // Marked, so that no stem can equal it: "comment" (how) is not
            // the stem of "commenter", "base" not the stem of "bas".
            return format!("{}{WHOLE_MARK}", fold(lemma));
        }
        let base = forms.irregular(&lower).unwrap_or(lower);
        let stemmed = match language {
            Language::En => forms.stemmer.stem(&base).into_owned(),
            Language::Fr => french(&forms.stemmer, &base, position, Imperfect::Read),
        };
        fold(&stemmed)
    }

    /// The other reading of a French first-person plural in "-ions" (after
    /// "nous"): the present of a `-ier` verb ("nous publions", of "publier")
    /// where the usual reading is an imperfect ("nous répondions", of
    /// "répondre"). `None` when the word has no such second reading.
    pub fn ier_present(&self, word: &str) -> Option<String> {
        let lower = word.to_lowercase();
        let ions = lower.ends_with("ions") && !self.fr.whole.contains_key(&lower);
        ions.then(|| {
            fold(&french(
                &self.fr.stemmer,
                &lower,
                Position::AfterNous,
                Imperfect::NotRead,
            ))
        })
    }
}

/// Whether "-ions" after "nous" is read as an imperfect ending.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Imperfect {
    Read,
    NotRead,
}

/// Whether a French word ends like a first-person plural verb ("nous
/// écoutons"); "-tions" and "-sions" words are nouns.
pub fn has_first_plural_ending(word: &str) -> bool {
    word.ends_with("ons") && !word.ends_with("tions") && !word.ends_with("sions")
}

/// Snowball French, with the verb endings it leaves.
fn french(stemmer: &Stemmer, original: &str, position: Position, imperfect: Imperfect) -> String {
    let first_plural = position == Position::AfterNous && has_first_plural_ending(original);
    // "les agents répondent": a third-person plural verb (not an adverb in "-ment").
    let third_plural = position == Position::AfterPlural && !original.ends_with("ment");
    // The ending gives way to the singular's "-e", a word the stemmer reads
    // as it reads the infinitive ("limitent" → "limite", like "limiter";
    // bare "limit" would lose its "-it").
    // Most words are stemmed as written, without a copy.
    fn singular(stem: &str) -> Cow<'_, str> {
        if stem.ends_with('e') {
            Cow::Borrowed(stem)
        } else {
            Cow::Owned(format!("{stem}e"))
        }
    }
    // The future's third person plural reads as its singular, which the
    // stemmer knows ("répondront" → "répondra", "publieront" → "publiera");
    // "seront", "feront" are irregular, "front" too short to be a future.
    let future_plural = original
        .strip_suffix("ront")
        .filter(|stem| stem.chars().count() >= 3)
        .map(|stem| format!("{stem}ra"));
    let base = future_plural.as_deref().unwrap_or(original);
    let word = match (base.strip_suffix("ons"), base.strip_suffix("ent")) {
        (Some(stem), _) if first_plural && stem.chars().count() >= 3 => {
            let stem = match imperfect {
                Imperfect::Read => stem.strip_suffix('i').unwrap_or(stem),
                Imperfect::NotRead => stem,
            };
            singular(stem)
        }
        (_, Some(stem)) if third_plural && stem.chars().count() >= 3 => singular(stem),
        _ => Cow::Borrowed(base),
    };
    // Snowball leaves the plural and the feminine of a noun in "-er" whole
    // ("conseillers", "conseillère" → "conseiller"): the masculine singular
    // is stemmed instead.
    let masculine = ["ers", "ère", "ères"]
        .iter()
        .find_map(|ending| word.strip_suffix(ending))
        .filter(|stem| stem.chars().count() >= 3);
    let word = match masculine {
        Some(stem) => Cow::Owned(format!("{stem}er")),
        None => word,
    };
    let stem = stemmer.stem(&word);
    // Snowball drops the "i" of a `-ier` verb before a mute ending ("publiez",
    // "publient" → "publ") but keeps it elsewhere ("publier", "publié" →
    // "publi"): it is put back where the ending is a verb's ("réussie", the
    // participle of "réussir", meets it without its "i").
    let ier_verb = base.ends_with("iez")
        || (third_plural && base.ends_with("ient"))
        || (first_plural && imperfect == Imperfect::NotRead);
    let stem = match word.strip_prefix(stem.as_ref()) {
        Some("ie" | "iez") if ier_verb => format!("{stem}i").into(),
        _ => stem,
    };
    // The future and conditional of `-dre`/`-tre`/`-vre` verbs keep their
    // `r` ("répondr-a", "répondr-ez"): their stem is the verb's.
    let mut chars = stem.chars().rev();
    match (chars.next(), chars.next()) {
        (Some('r'), Some('d' | 't' | 'v')) if stem.chars().count() >= 4 => stem[..stem.len() - 1].to_string(),
        _ => stem.into_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(language: Language, words: &[&str]) {
        let m = Morphology::builtin();
        let keys: Vec<String> = words
            .iter()
            .map(|w| m.lemma(w, language, Position::AfterNous))
            .collect();
        assert!(keys.windows(2).all(|w| w[0] == w[1]), "{words:?} → {keys:?}");
    }

    fn key(language: Language, word: &str) -> String {
        Morphology::builtin().lemma(word, language, Position::Other)
    }

    #[test]
    fn english_inflections_meet() {
        same(Language::En, &["reply", "replies", "replied", "replying"]);
        same(Language::En, &["spokesperson", "spokespeople", "Spokespersons"]);
        same(Language::En, &["speak", "spoke", "spoken", "speaks"]);
        same(Language::En, &["chairman", "chairmen"]);
    }

    #[test]
    fn french_inflections_meet() {
        same(
            Language::Fr,
            &[
                "répondre",
                "répondons",
                "répondra",
                "répondront",
                "répondrez",
                "répondu",
                "réponds",
            ],
        );
        same(
            Language::Fr,
            &["écouter", "écoutons", "écoutera", "écoutez", "écouté", "écoutées"],
        );
        same(Language::Fr, &["devoir", "doit", "doivent", "devra"]);
        same(Language::Fr, &["réclamation", "réclamations", "Réclamations"]);
        // `-ier` verbs, whose "i" Snowball keeps or drops by ending.
        same(
            Language::Fr,
            &["publier", "publiez", "publié", "publiera", "publieront"],
        );
        same(Language::Fr, &["apprendre", "apprendront"]);
        same(Language::Fr, &["informer", "informeront"]);
        same(Language::Fr, &["remercier", "remerciez", "remercié"]);
        same(Language::Fr, &["réussir", "réussie", "réussi"]);
        same(
            Language::Fr,
            &["conseiller", "conseillers", "conseillère", "conseillères"],
        );
        same(Language::Fr, &["passager", "passagers"]);
        // Irregular verbs from the table.
        same(Language::Fr, &["nuire", "nuisent", "nuit"]);
        same(Language::Fr, &["résoudre", "résout", "résolu"]);
        let m = Morphology::builtin();
        assert_eq!(
            m.lemma("publient", Language::Fr, Position::AfterPlural),
            m.lemma("publier", Language::Fr, Position::Other)
        );
        let plural = |w| m.lemma(w, Language::Fr, Position::after(Some("agents")));
        assert_eq!(plural("répondent"), key(Language::Fr, "répondre"));
        assert_eq!(plural("écoutent"), key(Language::Fr, "écouter"));
        assert_eq!(plural("transmettent"), key(Language::Fr, "transmettre"));
        assert_eq!(plural("comprennent"), key(Language::Fr, "comprendre"));
    }

    #[test]
    fn french_accents_that_make_another_word_are_kept() {
        assert_ne!(key(Language::Fr, "communiqué"), key(Language::Fr, "communique"));
        assert_eq!(key(Language::Fr, "réponse"), key(Language::Fr, "reponse"));
        // Only after "nous" is `-ons` a verb ending.
        assert_ne!(key(Language::Fr, "saisons"), key(Language::Fr, "saisir"));
    }

    #[test]
    fn words_a_stemmer_would_merge_stay_apart() {
        for (lang, one, other) in [
            (Language::Fr, "notamment", "notre"),
            (Language::En, "accountable", "account"),
            (Language::En, "manager", "manage"),
            (Language::Fr, "données", "donner"),
            (Language::Fr, "organisation", "organiser"),
            (Language::Fr, "suivants", "suivre"),
            (Language::Fr, "demandes", "demander"),
            (Language::Fr, "coordonnées", "coordonner"),
            (Language::Fr, "gare", "garant"),
            (Language::Fr, "pôle", "poli"),
            (Language::Fr, "publiques", "publier"),
            (Language::Fr, "notamment", "nos"),
            (Language::Fr, "utiliser", "utilisateurs"),
            (Language::Fr, "usage", "usagers"),
            (Language::Fr, "règles", "régler"),
            (Language::Fr, "établissement", "établir"),
            (Language::Fr, "informations", "informer"),
            (Language::Fr, "directement", "direction"),
            (Language::Fr, "veiller", "veille"),
            (Language::Fr, "format", "formation"),
            (Language::En, "organisation", "organise"),
            (Language::En, "consultants", "consult"),
            (Language::En, "operations", "operate"),
            (Language::En, "discussions", "discuss"),
            (Language::Fr, "collectivités", "collecter"),
            (Language::Fr, "relative", "relation"),
            (Language::Fr, "intégrité", "intégration"),
            (Language::Fr, "accessible", "accès"),
            (Language::Fr, "reporté", "reporter"),
            (Language::En, "integrity", "integration"),
            (Language::En, "accessible", "access"),
            (Language::En, "reporters", "report"),
            (Language::Fr, "licenciés", "licenciement"),
            (Language::Fr, "disciplines", "disciplinaire"),
            (Language::Fr, "initiative", "initiation"),
            (Language::Fr, "comptent", "compte"),
            (Language::Fr, "compter", "comptes"),
            (Language::Fr, "objectif", "objection"),
            (Language::En, "objective", "objection"),
            (Language::Fr, "personnellement", "personnel"),
            (Language::Fr, "priverait", "privé"),
            (Language::Fr, "poste", "poster"),
            (Language::Fr, "enseignes", "enseigner"),
            (Language::Fr, "abonnement", "abonné"),
            (Language::Fr, "individuelle", "individuellement"),
            (Language::En, "broadcaster", "broadcast"),
            (Language::En, "refers", "referred"),
            (Language::En, "been", "be"),
            // A word kept whole never meets another word's stem.
            (Language::Fr, "comment", "commenter"),
            (Language::Fr, "base", "bas"),
            (Language::Fr, "forme", "former"),
            (Language::Fr, "ouvrés", "ouvrir"),
            (Language::Fr, "assurés", "assurer"),
            (Language::Fr, "administration", "administrer"),
            (Language::En, "publication", "public"),
            (Language::En, "careful", "care"),
            (Language::En, "likely", "like"),
            (Language::En, "supporters", "support"),
            (Language::En, "information", "inform"),
            (Language::Fr, "indiquent", "indicateur"),
            (Language::En, "indicate", "indicator"),
        ] {
            assert_ne!(key(lang, one), key(lang, other), "{one} / {other}");
        }
        // Kept whole, a word still meets its own plural.
        same(Language::Fr, &["utilisateur", "utilisateurs"]);
        same(Language::En, &["organisation", "organisations"]);
    }
}
