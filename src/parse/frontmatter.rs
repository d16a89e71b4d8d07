//! Markdown front matter: the YAML between `---` lines, read for metadata.

use super::yaml::{self, Node, NodeValue};
use crate::model::{Charter, MetaValue, Span};

pub fn read(src: &str, body: Span, charter: &mut Charter) {
    match yaml::parse(src, body) {
        Ok(Some(root)) => {
            if let Some(entries) = root.as_mapping() {
                for (key, value) in entries {
                    if let (Some(key), Some(value)) = (key.as_text(), meta_value(value)) {
                        charter.metadata.set(key.as_str(), value);
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
