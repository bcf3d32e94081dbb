//! The greeting shared by the `hello` and `goodbye` functions.

use lambda_lite::json;

/// `{"message":"<word>, <name>!"}`, where `name` is the event's top-level string field `name` (default `world`).
pub fn greet(word: &str, event: &str) -> String {
    let name = json::string_field(event, "name").unwrap_or_else(|| "world".to_string());
    format!(
        "{{\"message\":{}}}",
        json::quote(&format!("{word}, {name}!"))
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn greets_the_named_person() {
        assert_eq!(
            greet("Hello", r#"{"name":"Ada"}"#),
            r#"{"message":"Hello, Ada!"}"#
        );
    }

    #[test]
    fn greets_the_world_when_no_name_is_given() {
        assert_eq!(greet("Goodbye", "{}"), r#"{"message":"Goodbye, world!"}"#);
        assert_eq!(
            greet("Goodbye", r#"{"name":7}"#),
            r#"{"message":"Goodbye, world!"}"#
        );
    }

    #[test]
    fn escapes_the_name() {
        assert_eq!(
            greet("Hello", r#"{"name":"\"Bob\""}"#),
            r#"{"message":"Hello, \"Bob\"!"}"#
        );
    }
}
