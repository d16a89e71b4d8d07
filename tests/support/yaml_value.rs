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
/// `.inf`, but `007` stays text), asked of serde_yaml itself on the scalar
/// alone rather than copied rule by rule: a plain scalar is a valid document
/// on its own, and only its type is read here.
fn resolve_plain(s: &str) -> Value {
    match serde_yaml::from_str::<Value>(s) {
        Ok(typed @ (Value::Null | Value::Bool(_) | Value::Number(_))) => typed,
        _ => Value::String(s.to_string()),
    }
}
