//! Lambda function `echo`: returns the event unchanged; `{"fail":true}` makes it fail instead.

use lambda_lite::{json, Context};
use std::process::ExitCode;

fn echo(_context: &Context, event: &str) -> Result<String, String> {
    if json::bool_field(event, "fail") == Some(true) {
        return Err("the event asked to fail (\"fail\": true)".to_string());
    }
    Ok(event.to_string())
}

fn main() -> ExitCode {
    lambda_lite::run(echo)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn context() -> Context {
        Context {
            request_id: "id".into(),
            deadline_ms: None,
            invoked_function_arn: None,
            trace_id: None,
        }
    }

    #[test]
    fn returns_the_event_unchanged() {
        let event = "{ \"fail\": false, \"nested\": {\"fail\": true} }";
        assert_eq!(echo(&context(), event).as_deref(), Ok(event));
    }

    #[test]
    fn fails_when_asked_to() {
        assert!(echo(&context(), r#"{"fail":true}"#).is_err());
    }
}
