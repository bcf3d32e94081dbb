//! Lambda function `goodbye`: `{"name":"Ada"}` -> `{"message":"Goodbye, Ada!"}`.

use std::process::ExitCode;

fn main() -> ExitCode {
    lambda_lite::run(|_context, event| Ok(greeter::greet("Goodbye", event)))
}
