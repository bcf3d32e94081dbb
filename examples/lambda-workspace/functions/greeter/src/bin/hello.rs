//! Lambda function `hello`: `{"name":"Ada"}` -> `{"message":"Hello, Ada!"}`.

use std::process::ExitCode;

fn main() -> ExitCode {
    lambda_lite::run(|_context, event| Ok(greeter::greet("Hello", event)))
}
