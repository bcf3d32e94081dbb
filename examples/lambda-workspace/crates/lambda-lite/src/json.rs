//! Just enough JSON for small handlers: read one top-level field of an object, write an escaped string.
//!
//! This is not a JSON parser; it walks the top level of an object, skipping nested values, so a key
//! inside a nested object never matches. Malformed input yields `None`, never a panic.

/// The raw text of a top-level field of a JSON object (`"x"`, `42`, `true`, `{...}`), if present.
pub fn raw_field<'a>(json: &'a str, key: &str) -> Option<&'a str> {
    let bytes = json.as_bytes();
    let mut at = skip_whitespace(bytes, 0);
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    at += 1;
    loop {
        at = skip_whitespace(bytes, at);
        match bytes.get(at)? {
            b'}' => return None,
            b'"' => {}
            _ => return None,
        }
        let key_end = skip_string(bytes, at)?;
        let name = decode_string(&json[at..key_end])?;
        at = skip_whitespace(bytes, key_end);
        if bytes.get(at) != Some(&b':') {
            return None;
        }
        at = skip_whitespace(bytes, at + 1);
        let value_end = skip_value(bytes, at)?;
        if name == key {
            return Some(&json[at..value_end]);
        }
        at = skip_whitespace(bytes, value_end);
        match bytes.get(at)? {
            b',' => at += 1,
            b'}' => return None,
            _ => return None,
        }
    }
}

/// A top-level string field, unescaped. `None` when missing or not a string.
pub fn string_field(json: &str, key: &str) -> Option<String> {
    let raw = raw_field(json, key)?;
    if raw.starts_with('"') {
        decode_string(raw)
    } else {
        None
    }
}

/// A top-level boolean field. `None` when missing or not `true`/`false`.
pub fn bool_field(json: &str, key: &str) -> Option<bool> {
    match raw_field(json, key)? {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    }
}

/// `value` as a JSON string literal, quotes included.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The error document Lambda expects: `{"errorMessage":"...","errorType":"..."}`.
pub fn error_document(error_type: &str, message: &str) -> String {
    format!(
        "{{\"errorMessage\":{},\"errorType\":{}}}",
        quote(message),
        quote(error_type)
    )
}

fn skip_whitespace(bytes: &[u8], mut at: usize) -> usize {
    while matches!(bytes.get(at), Some(b' ' | b'\t' | b'\r' | b'\n')) {
        at += 1;
    }
    at
}

/// `at` is on the opening quote; returns the index just past the closing quote.
fn skip_string(bytes: &[u8], at: usize) -> Option<usize> {
    let mut i = at + 1;
    loop {
        match bytes.get(i)? {
            b'"' => return Some(i + 1),
            b'\\' => i += 2,
            _ => i += 1,
        }
    }
}

fn skip_value(bytes: &[u8], at: usize) -> Option<usize> {
    match bytes.get(at)? {
        b'"' => skip_string(bytes, at),
        b'{' | b'[' => {
            // Count brackets, ignoring those inside strings.
            let mut depth = 0usize;
            let mut i = at;
            loop {
                match bytes.get(i)? {
                    b'"' => {
                        i = skip_string(bytes, i)?;
                        continue;
                    }
                    b'{' | b'[' => depth += 1,
                    b'}' | b']' => {
                        depth -= 1;
                        if depth == 0 {
                            return Some(i + 1);
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
        }
        _ => {
            // A number or a literal: runs to the next delimiter.
            let mut i = at;
            while let Some(b) = bytes.get(i) {
                if matches!(b, b',' | b'}' | b']' | b' ' | b'\t' | b'\r' | b'\n') {
                    break;
                }
                i += 1;
            }
            if i == at {
                None
            } else {
                Some(i)
            }
        }
    }
}

/// Decodes a JSON string literal (quotes included), handling every escape including surrogate pairs.
fn decode_string(literal: &str) -> Option<String> {
    let inner = literal.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next()? {
            '"' => out.push('"'),
            '\\' => out.push('\\'),
            '/' => out.push('/'),
            'b' => out.push('\u{8}'),
            'f' => out.push('\u{c}'),
            'n' => out.push('\n'),
            'r' => out.push('\r'),
            't' => out.push('\t'),
            'u' => {
                let high = hex4(&mut chars)?;
                let code = if (0xD800..0xDC00).contains(&high) {
                    if chars.next()? != '\\' || chars.next()? != 'u' {
                        return None;
                    }
                    let low = hex4(&mut chars)?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return None;
                    }
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    high
                };
                out.push(char::from_u32(code)?);
            }
            _ => return None,
        }
    }
    Some(out)
}

fn hex4(chars: &mut std::str::Chars<'_>) -> Option<u32> {
    let mut value = 0;
    for _ in 0..4 {
        value = value * 16 + chars.next()?.to_digit(16)?;
    }
    Some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_top_level_string_field() {
        assert_eq!(
            string_field(r#"{"name":"Ada"}"#, "name").as_deref(),
            Some("Ada")
        );
    }

    #[test]
    fn decodes_escapes_and_surrogate_pairs() {
        let json = r#"{ "name" : "A\"d\\a\n\u00e9\ud83d\ude00" }"#;
        assert_eq!(string_field(json, "name").as_deref(), Some("A\"d\\a\né😀"));
    }

    #[test]
    fn ignores_keys_inside_nested_values() {
        let json = r#"{"inner":{"name":"nested"},"list":["name",{"name":1}],"name":"top"}"#;
        assert_eq!(string_field(json, "name").as_deref(), Some("top"));
        assert_eq!(string_field(r#"{"inner":{"name":"nested"}}"#, "name"), None);
    }

    #[test]
    fn skips_strings_that_contain_brackets_and_quotes() {
        let json = r#"{"a":"}{\"][","b":[1,"]"],"name":"x"}"#;
        assert_eq!(string_field(json, "name").as_deref(), Some("x"));
    }

    #[test]
    fn reads_booleans_and_rejects_other_types() {
        assert_eq!(bool_field(r#"{"fail":true}"#, "fail"), Some(true));
        assert_eq!(
            bool_field(r#"{"n":1, "fail" : false }"#, "fail"),
            Some(false)
        );
        assert_eq!(bool_field(r#"{"fail":"true"}"#, "fail"), None);
        assert_eq!(string_field(r#"{"name":42}"#, "name"), None);
    }

    #[test]
    fn malformed_or_non_object_input_gives_none() {
        for json in [
            "",
            "[]",
            "\"name\"",
            "{\"name\"",
            "{\"name\":",
            "{\"x\":\"unterminated",
            "{name:1}",
        ] {
            assert_eq!(raw_field(json, "name"), None, "input {json:?}");
        }
    }

    #[test]
    fn quote_escapes_what_json_requires() {
        assert_eq!(quote("a\"b\\c\nd\u{1}"), r#""a\"b\\c\nd\u0001""#);
        let document = error_document("HandlerError", "bad \"input\"");
        assert_eq!(
            document,
            r#"{"errorMessage":"bad \"input\"","errorType":"HandlerError"}"#
        );
        assert_eq!(
            string_field(&document, "errorMessage").as_deref(),
            Some("bad \"input\"")
        );
    }
}
