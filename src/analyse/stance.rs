//! Stance: what an instruction does for the balance of a charter. It
//! protects the organisation (its image, its secrets, its liability; every
//! don't), enables people and serves the public, or neither. Defined over
//! the concepts in `rules/language/stance.yaml`.

use super::Analysis;
use super::concepts::{ConceptSet, Concepts};
use super::lexicon::LexiconSpec;
use serde::Deserialize;
use std::collections::BTreeMap;

const STANCE: &str = include_str!("../../rules/language/stance.yaml");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stance {
    Protect,
    Enable,
    Neutral,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ProtectSpec {
    concepts: Vec<String>,
    #[serde(default)]
    lexicon: Option<String>,
    #[serde(default)]
    lexicon_weight: u32,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct EnableSpec {
    /// Each frame: groups of concepts, one of each group said.
    frames: Vec<Vec<Vec<String>>>,
    #[serde(default)]
    not_enable: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct StanceFile {
    protect: ProtectSpec,
    enable: EnableSpec,
}

/// The concepts (and cue lexicon) of each side.
#[derive(Debug, Clone, Default)]
pub struct StanceModel {
    protect: ConceptSet,
    protect_lexicon: Option<usize>,
    protect_weight: u32,
    enable: Vec<Vec<ConceptSet>>,
    not_enable: ConceptSet,
}

impl StanceModel {
    pub fn builtin(concepts: &Concepts, lexicons: &[LexiconSpec]) -> Result<StanceModel, String> {
        let file: StanceFile = serde_yaml::from_str(STANCE).map_err(|e| format!("stance: {e}"))?;
        let set = |ids: &[String]| -> Result<ConceptSet, String> {
            ids.iter()
                .map(|id| {
                    concepts
                        .index(id)
                        .ok_or_else(|| format!("stance: unknown concept `{id}`"))
                })
                .collect()
        };
        // A user's lexicons may leave the cue lexicon out: concepts alone decide then.
        let protect_lexicon = file
            .protect
            .lexicon
            .as_ref()
            .and_then(|id| lexicons.iter().position(|l| &l.id == id));
        Ok(StanceModel {
            protect: set(&file.protect.concepts)?,
            protect_lexicon,
            protect_weight: file.protect.lexicon_weight,
            enable: file
                .enable
                .frames
                .iter()
                .map(|groups| groups.iter().map(|g| set(g)).collect())
                .collect::<Result<_, _>>()?,
            not_enable: set(&file.enable.not_enable)?,
        })
    }

    fn enables(&self, said: ConceptSet) -> bool {
        !said.intersects(self.not_enable)
            && self
                .enable
                .iter()
                .any(|frame| frame.iter().all(|group| said.intersects(*group)))
    }
}

/// The charter's guidance sentences by stance.
#[derive(Debug, Clone, Default)]
pub struct StanceCounts {
    /// The protective sentences, in order (to point at their sections).
    pub protecting: Vec<usize>,
    pub enabling: usize,
    /// Every guidance sentence, whatever its stance.
    pub guidance: usize,
}

impl StanceCounts {
    /// Guidance that takes neither side.
    pub fn neutral(&self) -> usize {
        self.guidance - self.protecting.len() - self.enabling
    }
}

impl Analysis<'_> {
    /// How the charter's guidance divides by stance (only guidance has one).
    pub fn stance_counts(&self) -> StanceCounts {
        let mut counts = StanceCounts::default();
        for s in (0..self.sentences.len()).filter(|&s| self.is_guidance(s)) {
            counts.guidance += 1;
            match self.stance(s) {
                Stance::Protect => counts.protecting.push(s),
                Stance::Enable => counts.enabling += 1,
                Stance::Neutral => {}
            }
        }
        counts
    }

    /// The stance of a sentence: a don't protects; otherwise enabling
    /// frames enable; otherwise protective concepts, cue words or a
    /// requirement protect.
    /// Only guidance that can carry a topic has one (not a definition, a
    /// scope statement or a heading).
    pub fn stance(&self, sentence: usize) -> Stance {
        self.stances
            .get_or_init(|| (0..self.sentences.len()).map(|s| self.read_stance(s)).collect())[sentence]
    }

    fn read_stance(&self, sentence: usize) -> Stance {
        if !self.carries_topics(sentence) {
            return Stance::Neutral;
        }
        let model = &self.lexicons.stance;
        // "Don't overreact to negative posts, but do answer them": the do
        // after the contrast is the instruction.
        if self.is_prohibition(sentence) {
            return match self.said_after_contrast(sentence) {
                Some(instead) if model.enables(instead) => Stance::Enable,
                _ => Stance::Protect,
            };
        }
        let said = self.said_concepts(sentence);
        if model.enables(said) {
            return Stance::Enable;
        }
        let mut terms: BTreeMap<usize, u32> = BTreeMap::new();
        for m in &self.sentences[sentence].matches {
            if Some(m.term.lexicon) == model.protect_lexicon {
                terms.insert(m.term.term, m.term.weight);
            }
        }
        let cue_words = model.protect_lexicon.is_some() && terms.values().sum::<u32>() >= model.protect_weight;
        // A requirement that is not a service ("must be approved") controls.
        if said.intersects(model.protect) || cue_words || self.is_requirement(sentence) {
            Stance::Protect
        } else {
            Stance::Neutral
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Stance;
    use crate::analyse::{Lexicons, read_paragraph};

    /// The stance of the one paragraph under a charter's first section.
    fn stance_of(paragraph: &str, french: bool) -> Stance {
        read_paragraph(paragraph, french, |analysis, s| analysis.stance(s))
    }

    /// The stance of the last sentence of a charter (a list's last item).
    fn last_stance(markdown: &str) -> Stance {
        let lexicons = Lexicons::builtin().unwrap();
        let charter = crate::parse::parse(markdown, crate::model::Format::Markdown);
        let analysis = crate::analyse::Analysis::new(&charter, &lexicons, None);
        analysis.stance(analysis.sentences.len() - 1)
    }

    #[test]
    fn a_list_under_a_lead_in_that_forbids_is_a_list_of_donts() {
        for (markdown, stance) in [
            (
                "# Charte\n\n## Image\n\nIl est interdit aux collaborateurs :\n\n- de répondre à une critique visant un établissement.\n",
                Stance::Protect,
            ),
            (
                "# Policy\n\n## Conduct\n\nEmployees must not:\n\n- answer complaints about the company.\n",
                Stance::Protect,
            ),
            // What is allowed after a contrast, and an ordinary lead-in.
            (
                "# Policy\n\n## Conduct\n\nStaff must not speak for the company, but they may:\n\n- answer customers' questions.\n",
                Stance::Enable,
            ),
            (
                "# Charte\n\n## Clients\n\nLes conseillers :\n\n- répondent aux questions des clients.\n",
                Stance::Enable,
            ),
        ] {
            assert_eq!(last_stance(markdown), stance, "{markdown}");
        }
    }

    #[test]
    fn classes_of_wording_take_their_side_in_both_languages() {
        let cases = [
            // A negative subject with a modal forbids, in both languages.
            (
                "No manager should answer on behalf of another team.",
                false,
                Stance::Protect,
            ),
            (
                "Aucun responsable ne devrait répondre au nom d'une autre équipe.",
                true,
                Stance::Protect,
            ),
            // What someone does not do is said, not forbidden (as "does not"
            // and the French third person); a relative clause describes.
            (
                "Administrators do not monitor students' personal pages.",
                false,
                Stance::Neutral,
            ),
            (
                "Les administrateurs ne surveillent pas les pages personnelles des étudiants.",
                true,
                Stance::Neutral,
            ),
            (
                "Link to tools that do not require sharing passwords.",
                false,
                Stance::Neutral,
            ),
            (
                "Comments posted also do not reflect the opinions of the university.",
                false,
                Stance::Neutral,
            ),
            ("Also, do not post confidential information.", false, Stance::Protect),
            // "Merci de…" is please, not thanks.
            (
                "Please leave these questions to the communications team.",
                false,
                Stance::Neutral,
            ),
            (
                "Merci de laisser ces questions à l'équipe communication.",
                true,
                Stance::Neutral,
            ),
            // A prohibition negated permits.
            (
                "This policy does not bar anyone from sharing their experience.",
                false,
                Stance::Neutral,
            ),
            (
                "Cette politique n'interdit pas de partager son expérience.",
                true,
                Stance::Neutral,
            ),
            // A bare "image" is a picture, not the brand's image.
            ("Photos, images and emoji are encouraged.", false, Stance::Neutral),
            (
                "Nous cherchons à promouvoir une image positive des femmes dans la tech.",
                true,
                Stance::Neutral,
            ),
            // The do after the contrast is the instruction.
            (
                "Don't ignore negative comments, but do answer the customers who post them.",
                false,
                Stance::Enable,
            ),
            (
                "N'ignorez pas les commentaires négatifs, mais répondez aux clients qui les publient.",
                true,
                Stance::Enable,
            ),
            // Caution protects, whatever it is about.
            (
                "Think twice before you post about a colleague's project.",
                false,
                Stance::Protect,
            ),
            (
                "Réfléchissez avant de publier une photo d'un chantier.",
                true,
                Stance::Protect,
            ),
            // An approval asked before publishing controls.
            (
                "Every post goes to the editor for prior approval.",
                false,
                Stance::Protect,
            ),
            (
                "Chaque message est soumis à validation préalable du service.",
                true,
                Stance::Protect,
            ),
            // Thanking the public, publishing for everyone, permissions to speak: dos.
            (
                "Thank the residents who point out a problem on the page.",
                false,
                Stance::Enable,
            ),
            (
                "Remerciez les habitants qui signalent un problème sur la page.",
                true,
                Stance::Enable,
            ),
            ("Add alt text to every image you publish.", false, Stance::Enable),
            ("Chaque vidéo publiée est sous-titrée.", true, Stance::Enable),
            (
                "You don't need permission to share the museum's posts.",
                false,
                Stance::Enable,
            ),
            (
                "Vous n'avez pas besoin d'autorisation pour partager les publications du musée.",
                true,
                Stance::Enable,
            ),
            (
                "Nous vous encourageons à partager nos offres d'emploi.",
                true,
                Stance::Enable,
            ),
            (
                "Les conseillers du réseau peuvent publier les coups de cœur du mois.",
                true,
                Stance::Enable,
            ),
            // Legal wording of a don't.
            (
                "Workforce members shall not share photographs of patients.",
                false,
                Stance::Protect,
            ),
            (
                "Les agents ne sauraient en aucun cas partager des photos de patients.",
                true,
                Stance::Protect,
            ),
            // A negative subject, and avoiding, are don'ts.
            (
                "Aucune photo de patient ne sera diffusée sur les comptes.",
                true,
                Stance::Protect,
            ),
            (
                "Les agents évitent de mentionner leur employeur dans un débat.",
                true,
                Stance::Protect,
            ),
            ("Staff avoid naming clients in their posts.", false, Stance::Protect),
            // An act named as a breach is forbidden.
            (
                "Sharing a client's booking details online is a serious breach of our rules.",
                false,
                Stance::Protect,
            ),
            (
                "Publier l'adresse d'un locataire constitue une faute grave.",
                true,
                Stance::Protect,
            ),
            // A do under the law is compliance.
            (
                "Posts about savings products carry the legal warnings and answer questions with care.",
                false,
                Stance::Protect,
            ),
        ];
        for (text, french, want) in cases {
            assert_eq!(stance_of(text, french), want, "{text}");
        }
    }

    #[test]
    fn the_built_in_model_finds_its_cue_lexicon() {
        let lexicons = Lexicons::builtin().unwrap();
        assert!(lexicons.stance.protect_lexicon.is_some());
    }
}
