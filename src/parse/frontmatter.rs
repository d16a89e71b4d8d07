//! Markdown front matter: the YAML between `---` lines, read for metadata.

use super::charter_yaml::unknown_topic;
use super::yaml::{self, Node, NodeValue};
use crate::model::{Charter, MetaValue, Span, TOPICS};

pub fn read(src: &str, body: Span, charter: &mut Charter) {
    match yaml::parse(src, body) {
        Ok(Some(root)) => {
            if let Some(entries) = root.as_mapping() {
                for (key, value) in entries {
                    match (key.as_text().map(|k| k.as_str()), value.as_mapping()) {
                        (Some("topics"), Some(map)) => read_topics(map, charter),
                        (Some(key), _) => {
                            if let Some(value) = meta_value(value) {
                                charter.metadata.set(key, value);
                            }
                        }
                        _ => {}
                    }
                }
            }
        }
        Ok(None) => {}
        Err(mut problem) => {
            problem.message.en = format!("the front matter: {}", problem.message.en);
            problem.message.fr = format!("l'en-tête : {}", problem.message.fr);
            charter.problems.push(problem);
        }
    }
}

/// `topics: {"Nos engagements": customer-care}`: sections declared explicitly.
fn read_topics(map: &[(Node, Node)], charter: &mut Charter) {
    for (heading_node, topic_node) in map {
        let (Some(heading), Some(topic)) = (meta_value(heading_node), meta_value(topic_node)) else {
            continue;
        };
        if TOPICS.contains(&topic.text.trim()) {
            charter.metadata.topics.push((heading, topic));
        } else {
            charter.problems.push(unknown_topic(topic_node));
        }
    }
}

/// A scalar's text, or a list of scalars joined with commas.
pub fn meta_value(node: &Node) -> Option<MetaValue> {
    match &node.value {
        NodeValue::Scalar { text, .. } => Some(MetaValue {
            text: text.as_str().to_string(),
            span: node.span.clone(),
        }),
        NodeValue::Sequence(items) => {
            let texts: Vec<&str> = items.iter().filter_map(|i| i.as_text()).map(|t| t.as_str()).collect();
            (!texts.is_empty()).then(|| MetaValue {
                text: texts.join(", "),
                span: node.span.clone(),
            })
        }
        NodeValue::Null | NodeValue::Mapping(_) => None,
    }
}
