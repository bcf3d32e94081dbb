//! A minimal, std-only client of the AWS Lambda Runtime API for custom runtimes (`provided.al2023`,
//! `provided.al2`): the `bootstrap` executable's side of the contract.
//!
//! The loop: read `AWS_LAMBDA_RUNTIME_API` (`host:port`), `GET /2018-06-01/runtime/invocation/next`,
//! hand the event and a [`Context`] built from the `Lambda-Runtime-*` headers to the handler, then
//! `POST .../invocation/{id}/response` with its result or `.../invocation/{id}/error` with
//! `{"errorMessage":..,"errorType":..}`. A failing initializer is reported to `/runtime/init/error`.
//!
//! Exit behaviour, so a supervisor sees why the process stopped: when the Runtime API is missing,
//! unreachable or answers `/next` with an error, a one-line message goes to stderr and the process exits
//! with code 1 (no panic, no backtrace). Init failure exits with code 2 after reporting it.
//!
//! HTTP: one connection per request with `Connection: close`; response bodies framed by `Content-Length`,
//! `Transfer-Encoding: chunked`, or the end of the stream are all understood (see [`http`]).

pub mod http;
pub mod json;

use std::io::BufReader;
use std::net::TcpStream;
use std::panic::{self, AssertUnwindSafe};
use std::process::ExitCode;

const API_VERSION: &str = "2018-06-01";

/// What Lambda tells a handler about the invocation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Context {
    /// `Lambda-Runtime-Aws-Request-Id`.
    pub request_id: String,
    /// `Lambda-Runtime-Deadline-Ms`: when the invocation times out, in milliseconds since the Unix epoch.
    pub deadline_ms: Option<u64>,
    /// `Lambda-Runtime-Invoked-Function-Arn`.
    pub invoked_function_arn: Option<String>,
    /// `Lambda-Runtime-Trace-Id` (X-Ray); also exported as `_X_AMZN_TRACE_ID`.
    pub trace_id: Option<String>,
}

impl Context {
    /// Builds the context from the headers of a `/next` response; the request id is required.
    pub fn from_response(response: &http::Response) -> Result<Context, String> {
        let request_id = response
            .header("Lambda-Runtime-Aws-Request-Id")
            .filter(|id| !id.is_empty())
            .ok_or("the /next response has no Lambda-Runtime-Aws-Request-Id header")?
            .to_string();
        let deadline_ms = match response.header("Lambda-Runtime-Deadline-Ms") {
            Some(text) => Some(
                text.parse()
                    .map_err(|_| format!("invalid Lambda-Runtime-Deadline-Ms {text:?}"))?,
            ),
            None => None,
        };
        Ok(Context {
            request_id,
            deadline_ms,
            invoked_function_arn: response
                .header("Lambda-Runtime-Invoked-Function-Arn")
                .map(str::to_string),
            trace_id: response
                .header("Lambda-Runtime-Trace-Id")
                .map(str::to_string),
        })
    }
}

/// A handler: the event (JSON text) in, the response (JSON text) or an error message out.
pub type Handler = fn(&Context, &str) -> Result<String, String>;

/// Runs `handler` for every invocation until the Runtime API goes away. Use as `fn main() -> ExitCode`.
pub fn run(handler: Handler) -> ExitCode {
    run_with_init(
        || Ok(()),
        move |_: &(), context: &Context, event: &str| handler(context, event),
    )
}

/// Like [`run`], with an initializer whose state every invocation shares. When it fails, the failure is
/// posted to `/runtime/init/error` (errorType `Runtime.InitError`) and the process exits with code 2.
pub fn run_with_init<S, I, H>(init: I, handler: H) -> ExitCode
where
    I: FnOnce() -> Result<S, String>,
    H: Fn(&S, &Context, &str) -> Result<String, String>,
{
    let api = match std::env::var("AWS_LAMBDA_RUNTIME_API") {
        Ok(value) if !value.trim().is_empty() => RuntimeApi {
            address: value.trim().to_string(),
        },
        _ => {
            eprintln!("lambda-lite: AWS_LAMBDA_RUNTIME_API is not set; this program is a Lambda bootstrap and must be started by AWS Lambda or a local Runtime API.");
            return ExitCode::from(1);
        }
    };

    let state = match init() {
        Ok(state) => state,
        Err(message) => {
            eprintln!("lambda-lite: initialization failed: {message}");
            let document = json::error_document("Runtime.InitError", &message);
            if let Err(error) = api.post(
                &format!("/{API_VERSION}/runtime/init/error"),
                "Runtime.InitError",
                &document,
            ) {
                eprintln!("lambda-lite: could not report the init error to the Runtime API at {}: {error}", api.address);
            }
            return ExitCode::from(2);
        }
    };

    loop {
        let response = match api.request(
            "GET",
            &format!("/{API_VERSION}/runtime/invocation/next"),
            &[],
            b"",
        ) {
            Ok(response) if response.status == 200 => response,
            Ok(response) => {
                eprintln!(
                    "lambda-lite: the Runtime API at {} answered /invocation/next with status {}; exiting.",
                    api.address, response.status
                );
                return ExitCode::from(1);
            }
            Err(error) => {
                eprintln!(
                    "lambda-lite: the Runtime API at {} is unreachable ({error}); exiting.",
                    api.address
                );
                return ExitCode::from(1);
            }
        };
        let context = match Context::from_response(&response) {
            Ok(context) => context,
            Err(message) => {
                // Without a request id there is nothing to answer; the API is broken.
                eprintln!("lambda-lite: {message}; exiting.");
                return ExitCode::from(1);
            }
        };
        match &context.trace_id {
            Some(trace) => std::env::set_var("_X_AMZN_TRACE_ID", trace),
            None => std::env::remove_var("_X_AMZN_TRACE_ID"),
        }

        // A panic is reported with its own type, so callers can tell a bug from a refused event.
        let outcome: Result<String, (&str, String)> = match String::from_utf8(response.body) {
            Err(_) => Err((
                "Runtime.InvalidEvent",
                "the event is not valid UTF-8".to_string(),
            )),
            Ok(event) => {
                match panic::catch_unwind(AssertUnwindSafe(|| handler(&state, &context, &event))) {
                    Ok(Ok(body)) => Ok(body),
                    Ok(Err(message)) => Err(("HandlerError", message)),
                    Err(payload) => Err(("Runtime.HandlerPanic", panic_message(payload.as_ref()))),
                }
            }
        };

        let id = percent_encode(&context.request_id);
        let posted = match outcome {
            Ok(body) => api.post(
                &format!("/{API_VERSION}/runtime/invocation/{id}/response"),
                "",
                &body,
            ),
            Err((error_type, message)) => {
                eprintln!(
                    "lambda-lite: request {} failed ({error_type}): {message}",
                    context.request_id
                );
                let document = json::error_document(error_type, &message);
                api.post(
                    &format!("/{API_VERSION}/runtime/invocation/{id}/error"),
                    error_type,
                    &document,
                )
            }
        };
        match posted {
            Ok(status) if (200..300).contains(&status) => {}
            Ok(status) => eprintln!(
                "lambda-lite: the Runtime API refused the result of request {} with status {status}.",
                context.request_id
            ),
            Err(error) => {
                eprintln!("lambda-lite: the Runtime API at {} is unreachable ({error}); exiting.", api.address);
                return ExitCode::from(1);
            }
        }
    }
}

fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic payload".to_string());
    format!("handler panicked: {detail}")
}

struct RuntimeApi {
    address: String,
}

impl RuntimeApi {
    fn request(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: &[u8],
    ) -> std::io::Result<http::Response> {
        let stream = TcpStream::connect(self.address.as_str())?;
        stream.set_nodelay(true)?;
        let mut writer = &stream;
        http::write_request(&mut writer, method, &self.address, path, headers, body)?;
        http::read_response(&mut BufReader::new(&stream))
    }

    /// Posts a JSON body; a non-empty `error_type` is sent as `Lambda-Runtime-Function-Error-Type`.
    fn post(&self, path: &str, error_type: &str, body: &str) -> std::io::Result<u16> {
        let mut headers = vec![("Content-Type", "application/json")];
        if !error_type.is_empty() {
            headers.push(("Lambda-Runtime-Function-Error-Type", error_type));
        }
        Ok(self
            .request("POST", path, &headers, body.as_bytes())?
            .status)
    }
}

/// Request ids are UUIDs in practice; anything else is escaped so it cannot change the path.
fn percent_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for byte in value.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn next_response(raw: &str) -> http::Response {
        http::read_response(&mut raw.as_bytes()).unwrap()
    }

    #[test]
    fn context_comes_from_the_lambda_headers() {
        let response = next_response(
            "HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: 8476a536-e9f4-11e8-9739-2dfe598c3fcd\r\nLambda-Runtime-Deadline-Ms: 1542409706888\r\nLambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-2:123456789012:function:hello\r\nLambda-Runtime-Trace-Id: Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1\r\nContent-Length: 2\r\n\r\n{}",
        );
        let context = Context::from_response(&response).unwrap();
        assert_eq!(context.request_id, "8476a536-e9f4-11e8-9739-2dfe598c3fcd");
        assert_eq!(context.deadline_ms, Some(1542409706888));
        assert_eq!(
            context.invoked_function_arn.as_deref(),
            Some("arn:aws:lambda:us-east-2:123456789012:function:hello")
        );
        assert_eq!(
            context.trace_id.as_deref(),
            Some("Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Sampled=1")
        );
    }

    #[test]
    fn context_requires_a_request_id_and_a_numeric_deadline() {
        let missing = next_response("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n");
        assert!(Context::from_response(&missing)
            .unwrap_err()
            .contains("Lambda-Runtime-Aws-Request-Id"));
        let bad_deadline = next_response("HTTP/1.1 200 OK\r\nLambda-Runtime-Aws-Request-Id: x\r\nLambda-Runtime-Deadline-Ms: soon\r\nContent-Length: 0\r\n\r\n");
        assert!(Context::from_response(&bad_deadline)
            .unwrap_err()
            .contains("soon"));
    }

    #[test]
    fn request_ids_cannot_escape_the_path() {
        assert_eq!(
            percent_encode("8476a536-e9f4_11e8.x~"),
            "8476a536-e9f4_11e8.x~"
        );
        assert_eq!(percent_encode("../next?x=1"), "..%2Fnext%3Fx%3D1");
    }
}
