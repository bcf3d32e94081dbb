//! A small HTTP/1.1 client side: write one request, read one response.
//!
//! Every request is sent with `Connection: close` on a fresh connection, which keeps the reader simple
//! (a body without length runs to the end of the stream) and costs nothing next to a Lambda invocation.
//! Response bodies may come with `Content-Length`, `Transfer-Encoding: chunked`, or neither.

use std::io::{self, BufRead, Read, Write};

/// Upper bound for the status line plus headers, so a broken peer cannot make us buffer forever.
const MAX_HEAD_BYTES: usize = 64 * 1024;

/// A response as read from the wire.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// The status code, e.g. 200.
    pub status: u16,
    /// Header names and values in arrival order, values trimmed.
    pub headers: Vec<(String, String)>,
    /// The body, de-chunked.
    pub body: Vec<u8>,
}

impl Response {
    /// The first header with this name (HTTP header names are case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// Writes a request with `Host`, `Content-Length` and `Connection: close`.
pub fn write_request(
    out: &mut impl Write,
    method: &str,
    host: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> io::Result<()> {
    let mut head = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (name, value) in headers {
        if value.contains(['\r', '\n']) {
            return Err(invalid(format!("header {name} contains a line break")));
        }
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    if !body.is_empty() || method != "GET" {
        head.push_str(&format!("Content-Length: {}\r\n", body.len()));
    }
    head.push_str("\r\n");
    out.write_all(head.as_bytes())?;
    out.write_all(body)?;
    out.flush()
}

/// Reads one response: status line, headers, then the body framed by chunking, length, or end of stream.
pub fn read_response(input: &mut impl BufRead) -> io::Result<Response> {
    loop {
        let mut budget = MAX_HEAD_BYTES;
        let status_line = read_line(input, &mut budget)?;
        let status = parse_status_line(&status_line)?;
        let mut headers = Vec::new();
        loop {
            let line = read_line(input, &mut budget)?;
            if line.is_empty() {
                break;
            }
            let (name, value) = line
                .split_once(':')
                .ok_or_else(|| invalid(format!("malformed header line {line:?}")))?;
            headers.push((name.trim().to_string(), value.trim().to_string()));
        }
        // 1xx responses are interim (e.g. 100 Continue); the real one follows.
        if (100..200).contains(&status) {
            continue;
        }
        let mut response = Response {
            status,
            headers,
            body: Vec::new(),
        };
        if status == 204 || status == 304 {
            return Ok(response);
        }
        let chunked = response
            .header("Transfer-Encoding")
            .map(|v| v.to_ascii_lowercase().contains("chunked"))
            .unwrap_or(false);
        response.body = if chunked {
            read_chunked(input)?
        } else if let Some(length) = response.header("Content-Length") {
            let length: usize = length
                .parse()
                .map_err(|_| invalid(format!("invalid Content-Length {length:?}")))?;
            let mut body = vec![0; length];
            input.read_exact(&mut body)?;
            body
        } else {
            let mut body = Vec::new();
            input.read_to_end(&mut body)?;
            body
        };
        return Ok(response);
    }
}

fn parse_status_line(line: &str) -> io::Result<u16> {
    let mut parts = line.splitn(3, ' ');
    let version = parts.next().unwrap_or_default();
    let code = parts.next().unwrap_or_default();
    if !version.starts_with("HTTP/1.") || code.len() != 3 {
        return Err(invalid(format!("malformed status line {line:?}")));
    }
    code.parse()
        .map_err(|_| invalid(format!("malformed status line {line:?}")))
}

fn read_chunked(input: &mut impl BufRead) -> io::Result<Vec<u8>> {
    let mut body = Vec::new();
    loop {
        let mut budget = MAX_HEAD_BYTES;
        let line = read_line(input, &mut budget)?;
        let size_text = line.split(';').next().unwrap_or_default().trim();
        let size = usize::from_str_radix(size_text, 16)
            .map_err(|_| invalid(format!("malformed chunk size {line:?}")))?;
        if size == 0 {
            // Trailers, ended by an empty line.
            while !read_line(input, &mut budget)?.is_empty() {}
            return Ok(body);
        }
        let start = body.len();
        body.resize(start + size, 0);
        input.read_exact(&mut body[start..])?;
        if !read_line(input, &mut budget)?.is_empty() {
            return Err(invalid("chunk not followed by CRLF".to_string()));
        }
    }
}

/// One line without its CRLF (a bare LF is accepted too).
fn read_line(input: &mut impl BufRead, budget: &mut usize) -> io::Result<String> {
    let mut line = Vec::new();
    let read = input
        .take(*budget as u64 + 1)
        .read_until(b'\n', &mut line)?;
    if read == 0 {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "connection closed before the response ended",
        ));
    }
    if read > *budget {
        return Err(invalid("response head too large".to_string()));
    }
    *budget -= read;
    if line.last() != Some(&b'\n') {
        return Err(io::Error::new(
            io::ErrorKind::UnexpectedEof,
            "connection closed in the middle of a line",
        ));
    }
    line.pop();
    if line.last() == Some(&b'\r') {
        line.pop();
    }
    String::from_utf8(line).map_err(|_| invalid("header line is not UTF-8".to_string()))
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(raw: &str) -> io::Result<Response> {
        read_response(&mut raw.as_bytes())
    }

    #[test]
    fn reads_headers_case_insensitively_and_a_content_length_body() {
        let response = parse(
            "HTTP/1.1 200 OK\r\nlambda-runtime-aws-request-id: 8476a536\r\nLambda-Runtime-Deadline-Ms:  1542409706888 \r\nContent-Length: 15\r\n\r\n{\"name\":\"Ada\"}\nEXTRA",
        )
        .unwrap();
        assert_eq!(response.status, 200);
        assert_eq!(
            response.header("Lambda-Runtime-Aws-Request-Id"),
            Some("8476a536")
        );
        assert_eq!(
            response.header("LAMBDA-RUNTIME-DEADLINE-MS"),
            Some("1542409706888")
        );
        assert_eq!(response.body, b"{\"name\":\"Ada\"}\n");
    }

    #[test]
    fn decodes_a_chunked_body_with_extensions_and_trailers() {
        let response = parse(
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n4;ext=1\r\n{\"a\"\r\nA\r\n:\"012345\"}\r\n0\r\nX-Trailer: yes\r\n\r\n",
        )
        .unwrap();
        assert_eq!(response.body, b"{\"a\":\"012345\"}");
    }

    #[test]
    fn reads_to_the_end_without_a_length() {
        let response =
            parse("HTTP/1.0 202 Accepted\nContent-Type: text/plain\n\naccepted").unwrap();
        assert_eq!(response.status, 202);
        assert_eq!(response.body, b"accepted");
    }

    #[test]
    fn skips_interim_responses() {
        let response = parse(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n",
        )
        .unwrap();
        assert_eq!(response.status, 202);
        assert!(response.body.is_empty());
    }

    #[test]
    fn rejects_malformed_responses() {
        for raw in [
            "",
            "garbage\r\n\r\n",
            "HTTP/1.1 20 OK\r\n\r\n",
            "HTTP/1.1 200 OK\r\nno colon here\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: ten\r\n\r\n",
            "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        ] {
            assert!(parse(raw).is_err(), "accepted {raw:?}");
        }
    }

    #[test]
    fn writes_a_request_with_length_and_connection_close() {
        let mut out = Vec::new();
        write_request(
            &mut out,
            "POST",
            "127.0.0.1:9001",
            "/2018-06-01/runtime/invocation/abc/response",
            &[("Content-Type", "application/json")],
            b"{}",
        )
        .unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "POST /2018-06-01/runtime/invocation/abc/response HTTP/1.1\r\nHost: 127.0.0.1:9001\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}"
        );
    }

    #[test]
    fn refuses_header_values_with_line_breaks() {
        let mut out = Vec::new();
        assert!(
            write_request(&mut out, "GET", "h", "/", &[("X", "a\r\nInjected: 1")], b"").is_err()
        );
    }
}
