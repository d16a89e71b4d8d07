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

fn resolve_plain(s: &str) -> Value {
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        _ => {}
    }
    // serde_yaml keeps numbers with a leading zero (`007`, `00.5`) as text.
    let unsigned = s.trim_start_matches(['-', '+']);
    let leading_zero = unsigned.starts_with('0') && unsigned[1..].starts_with(|c: char| c.is_ascii_digit());
    if let Some(i) = s.parse::<i64>().ok().filter(|_| !leading_zero) {
        return Value::Number(i.into());
    }
    let float_like =
        s.chars().all(|c| c.is_ascii_digit() || "+-.eE".contains(c)) && s.chars().any(|c| c.is_ascii_digit());
    if let Some(f) = s.parse::<f64>().ok().filter(|_| float_like && !leading_zero) {
        return Value::Number(f.into());
    }
    Value::String(s.to_string())
}
