//! charterlint's YAML tree as a `serde_yaml::Value`, to compare the two
//! parsers (`tests/conformance.rs` and the `yaml` fuzz target).

use charterlint::parse::yaml;
use serde_yaml::Value;

/// A YAML node as serde_yaml would type it (YAML 1.2 core schema for plain scalars).
pub fn to_value(node: &yaml::Node) -> Value {
    match &node.value {
        yaml::NodeValue::Null => Value::Null,
        yaml::NodeValue::Scalar { text, style } => {
            if *style == yaml::ScalarStyle::Plain {
                resolve_plain(text.as_str())
            } else {
                Value::String(text.as_str().to_string())
            }
        }
        yaml::NodeValue::Sequence(items) => Value::Sequence(items.iter().map(to_value).collect()),
        yaml::NodeValue::Mapping(entries) => {
            Value::Mapping(entries.iter().map(|(k, v)| (to_value(k), to_value(v))).collect())
        }
    }
}

/// How serde_yaml types a plain scalar (null, booleans, `0x1F`, `03.5`,
/// `.inf`, but `007` stays text), asked of serde_yaml itself rather than
/// copied rule by rule: the scalar is read as the value of a key, where it
/// is a plain scalar as it was in the document (alone, `---` would be a
/// document marker), and only its type is kept.
fn resolve_plain(s: &str) -> Value {
    let typed = serde_yaml::from_str::<Value>(&format!("k: {s}"))
        .ok()
        .and_then(|v| v.get("k").cloned());
    match typed {
        Some(typed @ (Value::Null | Value::Bool(_) | Value::Number(_))) => typed,
        _ => Value::String(s.to_string()),
    }
}
