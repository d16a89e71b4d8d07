//! YAML charters: the documented format (README, `charterlint schema charter`)
//! read from the YAML node tree.

use super::frontmatter::meta_value;
use super::yaml::{self, Node, NodeValue, t};
use crate::model::Localized;
use crate::model::{Block, BlockKind, Charter, Format, Heading, LintText, MetaValue, ParseProblem, Section, TOPICS};

/// Top-level keys of a YAML charter.
pub const CHARTER_KEYS: &[&str] = &[
    "title",
    "organisation",
    "language",
    "version",
    "owner",
    "updated",
    "review",
    "sections",
];
/// Keys of one section.
pub const SECTION_KEYS: &[&str] = &["title", "topic", "body", "rules", "sections"];

pub fn parse(src: &str) -> Charter {
    let mut charter = Charter::new(Format::Yaml);
    match yaml::parse(src, 0..src.len()) {
        Ok(Some(root)) => read_charter(&root, &mut charter),
        Ok(None) => {}
        Err(problem) => {
            charter.problems.push(problem);
            charter.incomplete = true;
        }
    }
    charter
}

fn read_charter(root: &Node, charter: &mut Charter) {
    let Some(entries) = root.as_mapping() else {
        let holds = root.kind_name();
        charter.problems.push(ParseProblem {
            message: t(
                format!(
                    "a YAML charter is a set of `key: value` pairs, but this file holds {}",
                    holds.en
                ),
                format!(
                    "une charte YAML est un ensemble de paires `clé: valeur`, mais ce fichier contient {}",
                    holds.fr
                ),
            ),
            span: root.span.clone(),
            label: Some(t(
                "expected `title:`, `sections:` and the other charter keys",
                "attendu : `title:`, `sections:` et les autres clés d'une charte",
            )),
            help: Some(t(
                "start from `charterlint init --format yaml`, or see the format in the README",
                "partez de `charterlint init --format yaml`, ou voyez le format dans le README",
            )),
        });
        charter.incomplete = true;
        return;
    };
    charter.metadata.span = Some(root.span.clone());
    for (key, value) in entries {
        let Some(name) = key_name(key, CHARTER_KEYS, t("a charter", "une charte"), charter) else {
            continue;
        };
        if name == "sections" {
            charter.sections = read_sections(value, 1, charter);
        } else if let Some(meta) = meta_value(value) {
            charter.metadata.set(&name, meta);
        } else if !matches!(value.value, NodeValue::Null) {
            charter
                .problems
                .push(wrong_kind(&name, t("a text value", "un texte"), value));
        }
    }
}

/// The key's text if it is one of `allowed`; otherwise reports it.
fn key_name(key: &Node, allowed: &[&str], owner: Localized, charter: &mut Charter) -> Option<String> {
    let name = key.as_text().map(|t| t.as_str().to_string()).unwrap_or_default();
    if allowed.contains(&name.as_str()) {
        return Some(name);
    }
    let message = t(
        format!("`{name}` is not a key of {}", owner.en),
        format!("`{name}` n'est pas une clé d'{}", owner.fr),
    );
    let list = t(format!("the keys of {}", owner.en), format!("les clés d'{}", owner.fr));
    let problem = not_one_of(key, &name, allowed, message, t("unknown key", "clé inconnue"), list);
    charter.problems.push(problem);
    None
}

pub(super) fn unknown_topic(value: &Node) -> ParseProblem {
    let given = value
        .as_text()
        .map(|t| t.as_str().trim().to_string())
        .unwrap_or_default();
    let message = t(
        format!("`{given}` is not a topic charterlint knows"),
        format!("`{given}` n'est pas un sujet connu de charterlint"),
    );
    not_one_of(
        value,
        &given,
        TOPICS,
        message,
        t("unknown topic", "sujet inconnu"),
        t("the topics", "les sujets"),
    )
}

/// A value that is not one of `allowed`, with the closest one suggested.
fn not_one_of(
    node: &Node,
    given: &str,
    allowed: &[&str],
    message: Localized,
    label: Localized,
    list: Localized,
) -> ParseProblem {
    let closest = allowed
        .iter()
        .min_by_key(|a| edit_distance(a, given))
        .filter(|a| edit_distance(a, given) <= 3);
    let all = allowed.join(", ");
    let help = match closest {
        Some(s) => t(
            format!("did you mean `{s}`? {} are: {all}", list.en),
            format!("vouliez-vous dire `{s}` ? {} sont : {all}", list.fr),
        ),
        None => t(format!("{} are: {all}", list.en), format!("{} sont : {all}", list.fr)),
    };
    ParseProblem {
        message,
        span: node.span.clone(),
        label: Some(label),
        help: Some(help),
    }
}

/// A value of the wrong kind: `expected` says what was wanted.
fn wrong_kind(name: &str, expected: Localized, value: &Node) -> ParseProblem {
    let found = value.kind_name();
    ParseProblem {
        message: t(
            format!("`{name}` should be {}, not {}", expected.en, found.en),
            format!("`{name}` devrait être {}, pas {}", expected.fr, found.fr),
        ),
        span: value.span.clone(),
        label: Some(t(
            format!("expected {}", expected.en),
            format!("attendu : {}", expected.fr),
        )),
        help: None,
    }
}

fn read_sections(node: &Node, level: usize, charter: &mut Charter) -> Vec<Section> {
    let Some(items) = node.as_sequence() else {
        if !matches!(node.value, NodeValue::Null) {
            charter.problems.push(wrong_kind(
                "sections",
                t(
                    "a list of sections (`- title: …`)",
                    "une liste de sections (`- title: …`)",
                ),
                node,
            ));
        }
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|item| read_section(item, level, charter))
        .collect()
}

fn read_section(node: &Node, level: usize, charter: &mut Charter) -> Option<Section> {
    let Some(entries) = node.as_mapping() else {
        charter.problems.push(wrong_kind(
            "a section",
            t(
                "a set of `title:`, `body:`… pairs",
                "un ensemble de paires `title:`, `body:`…",
            ),
            node,
        ));
        return None;
    };
    let mut heading = Heading {
        level,
        text: LintText::new(),
        span: node.span.start..node.span.start,
        topic: None,
    };
    let mut blocks = Vec::new();
    let mut children = Vec::new();
    for (key, value) in entries {
        let Some(name) = key_name(key, SECTION_KEYS, t("a section", "une section"), charter) else {
            continue;
        };
        match name.as_str() {
            "title" => match value.as_text() {
                Some(text) => {
                    heading.text = text.trimmed();
                    heading.span = value.span.clone();
                }
                None => charter
                    .problems
                    .push(wrong_kind("title", t("a text value", "un texte"), value)),
            },
            "topic" => match value.as_text().map(|t| t.as_str().trim()) {
                Some(topic) if TOPICS.contains(&topic) => {
                    heading.topic = Some(MetaValue {
                        text: topic.to_string(),
                        span: value.span.clone(),
                    })
                }
                _ => charter.problems.push(unknown_topic(value)),
            },
            "body" => text_blocks(value, BlockKind::Body, "body", &mut blocks, charter),
            "rules" => text_blocks(value, BlockKind::Rule, "rules", &mut blocks, charter),
            _ => children = read_sections(value, level + 1, charter),
        }
    }
    Some(Section {
        heading,
        blocks,
        children,
        span: node.span.clone(),
    })
}

/// A text value, or a list of them, as blocks.
fn text_blocks(value: &Node, kind: BlockKind, name: &str, blocks: &mut Vec<Block>, charter: &mut Charter) {
    match &value.value {
        NodeValue::Scalar { text, .. } => blocks.push(Block {
            kind,
            text: text.clone(),
            span: value.span.clone(),
        }),
        NodeValue::Sequence(items) => {
            for item in items {
                match item.as_text() {
                    Some(text) => blocks.push(Block {
                        kind,
                        text: text.clone(),
                        span: item.span.clone(),
                    }),
                    None => charter.problems.push(wrong_kind(
                        name,
                        t("a list of text values", "une liste de textes"),
                        item,
                    )),
                }
            }
        }
        NodeValue::Null => {}
        NodeValue::Mapping(_) => charter.problems.push(wrong_kind(
            name,
            t("text or a list of text values", "un texte ou une liste de textes"),
            value,
        )),
    }
}

/// Levenshtein distance, for "did you mean" suggestions on short keys.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(previous + 1).min(row[j] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The JSON Schema shipped for editors describes exactly what is read here.
    #[test]
    fn schema_matches_the_reader() {
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../../schemas/charter.schema.json")).expect("valid JSON");
        let keys = |v: &serde_json::Value| {
            let mut k: Vec<String> = v.as_object().expect("properties").keys().cloned().collect();
            k.sort();
            k
        };
        let sorted = |list: &[&str]| {
            let mut k: Vec<String> = list.iter().map(|s| s.to_string()).collect();
            k.sort();
            k
        };
        assert_eq!(keys(&schema["properties"]), sorted(CHARTER_KEYS));
        let section = &schema["$defs"]["section"];
        assert_eq!(keys(&section["properties"]), sorted(SECTION_KEYS));
        let topics: Vec<&str> = section["properties"]["topic"]["enum"]
            .as_array()
            .expect("enum")
            .iter()
            .filter_map(|t| t.as_str())
            .collect();
        assert_eq!(topics, TOPICS);
    }

    #[test]
    fn unknown_topics_are_reported_with_a_suggestion() {
        let charter = parse("title: T\nsections:\n  - title: A\n    topic: listenning\n");
        assert_eq!(charter.problems.len(), 1);
        let help = charter.problems[0].help.clone().unwrap_or_default();
        assert!(help.en.contains("did you mean `listening`"), "{}", help.en);
        assert!(help.fr.contains("vouliez-vous dire `listening`"), "{}", help.fr);
    }
}
