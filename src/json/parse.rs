//! The JSON parser: RFC 8259, with line and column in every error and a nesting limit instead of
//! unbounded recursion.

use super::value::Value;
use crate::lang::Label;
use std::fmt;

/// Deepest nesting of arrays and objects accepted.
pub const MAX_DEPTH: usize = 128;

/// Text that is not JSON: where, and what was expected.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong there.
    pub message: Label,
}

impl fmt::Display for SyntaxError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message.en)
    }
}

impl std::error::Error for SyntaxError {}

/// Parses `text` as one JSON value (surrounding whitespace allowed, nothing else).
pub fn parse(text: &str) -> Result<Value, SyntaxError> {
    let mut parser = Parser { text, bytes: text.as_bytes(), at: 0 };
    parser.whitespace();
    let value = parser.value(0)?;
    parser.whitespace();
    if parser.at < parser.bytes.len() {
        return Err(parser.error("unexpected text after the JSON value", "unerwarteter Text nach dem JSON-Wert"));
    }
    Ok(value)
}

struct Parser<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
}

impl Parser<'_> {
    fn error(&self, en: &str, de: &str) -> SyntaxError {
        let at = self.at.min(self.bytes.len());
        let before = self.text.get(..floor_char_boundary(self.text, at)).unwrap_or_default();
        let line = before.matches('\n').count() + 1;
        let line_start = before.bytes().rposition(|b| b == b'\n').map_or(0, |at| at + 1);
        let column = crate::text::char_count(before.get(line_start..).unwrap_or_default()) + 1;
        SyntaxError { line, column, message: Label::new(en, de) }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    fn expect(&mut self, byte: u8, en: &str, de: &str) -> Result<(), SyntaxError> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.error(en, de))
        }
    }

    fn value(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        match self.peek() {
            None => {
                Err(self
                    .error("the text ends where a value was expected", "der Text endet, wo ein Wert erwartet wurde"))
            }
            Some(b'{') => self.object(depth + 1),
            Some(b'[') => self.array(depth + 1),
            Some(b'"') => self.string().map(Value::String),
            Some(b't') => self.literal("true", Value::Bool(true)),
            Some(b'f') => self.literal("false", Value::Bool(false)),
            Some(b'n') => self.literal("null", Value::Null),
            Some(b'-' | b'0'..=b'9') => self.number(),
            Some(_) => Err(self.error("expected a JSON value", "ein JSON-Wert wurde erwartet")),
        }
    }

    fn literal(&mut self, word: &str, value: Value) -> Result<Value, SyntaxError> {
        if self.bytes[self.at..].starts_with(word.as_bytes()) {
            self.at += word.len();
            Ok(value)
        } else {
            Err(self.error("expected a JSON value", "ein JSON-Wert wurde erwartet"))
        }
    }

    fn nest(&self, depth: usize) -> Result<(), SyntaxError> {
        if depth > MAX_DEPTH {
            Err(self.error(
                "arrays and objects are nested more than 128 deep",
                "Listen und Objekte sind tiefer als 128 verschachtelt",
            ))
        } else {
            Ok(())
        }
    }

    fn object(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.nest(depth)?;
        self.at += 1; // {
        let mut members = Vec::new();
        self.whitespace();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(Value::Object(members));
        }
        loop {
            self.whitespace();
            if self.peek() != Some(b'"') {
                return Err(self.error(
                    "expected a member name in double quotes",
                    "ein Elementname in doppelten Anführungszeichen wurde erwartet",
                ));
            }
            let key = self.string()?;
            self.whitespace();
            self.expect(b':', "expected ':' after the member name", "':' nach dem Elementnamen wurde erwartet")?;
            self.whitespace();
            let value = self.value(depth)?;
            members.push((key, value));
            self.whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(Value::Object(members));
                }
                _ => {
                    return Err(self.error(
                        "expected ',' or '}' after an object member",
                        "',' oder '}' nach einem Objektelement wurde erwartet",
                    ))
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Result<Value, SyntaxError> {
        self.nest(depth)?;
        self.at += 1; // [
        let mut items = Vec::new();
        self.whitespace();
        if self.peek() == Some(b']') {
            self.at += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.whitespace();
            items.push(self.value(depth)?);
            self.whitespace();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b']') => {
                    self.at += 1;
                    return Ok(Value::Array(items));
                }
                _ => {
                    return Err(self.error(
                        "expected ',' or ']' after a list item",
                        "',' oder ']' nach einem Listeneintrag wurde erwartet",
                    ))
                }
            }
        }
    }

    fn number(&mut self) -> Result<Value, SyntaxError> {
        let start = self.at;
        let digits = |p: &mut Self| {
            let from = p.at;
            while matches!(p.peek(), Some(b'0'..=b'9')) {
                p.at += 1;
            }
            p.at > from
        };
        if self.peek() == Some(b'-') {
            self.at += 1;
        }
        let bad = |p: &Self| p.error("invalid number", "ungültige Zahl");
        if self.peek() == Some(b'0') {
            self.at += 1;
        } else if !digits(self) {
            return Err(bad(self));
        }
        if self.peek() == Some(b'.') {
            self.at += 1;
            if !digits(self) {
                return Err(bad(self));
            }
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.at += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.at += 1;
            }
            if !digits(self) {
                return Err(bad(self));
            }
        }
        // INVARIANT: a number is ASCII, so both ends are char boundaries.
        Ok(Value::Number(self.text.get(start..self.at).unwrap_or_default().to_string()))
    }

    /// A string starting at the opening quote.
    fn string(&mut self) -> Result<String, SyntaxError> {
        self.at += 1; // "
        let mut out = String::new();
        loop {
            // Copy the run of plain characters at once.
            let run = self.bytes[self.at..].iter().position(|&b| b == b'"' || b == b'\\' || b < 0x20);
            let Some(run) = run else {
                self.at = self.bytes.len();
                return Err(self.error("the string is not closed", "die Zeichenkette ist nicht geschlossen"));
            };
            // INVARIANT: '"', '\\' and control bytes are ASCII, so the run ends on a char boundary.
            out.push_str(self.text.get(self.at..self.at + run).unwrap_or_default());
            self.at += run;
            match self.bytes[self.at] {
                b'"' => {
                    self.at += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.at += 1;
                    self.escape(&mut out)?;
                }
                _ => {
                    return Err(self.error(
                        "a control character must be escaped in a string",
                        "ein Steuerzeichen muss in einer Zeichenkette maskiert werden",
                    ))
                }
            }
        }
    }

    fn escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let Some(c) = self.peek() else {
            return Err(self.error("the string is not closed", "die Zeichenkette ist nicht geschlossen"));
        };
        self.at += 1;
        match c {
            b'"' => out.push('"'),
            b'\\' => out.push('\\'),
            b'/' => out.push('/'),
            b'b' => out.push('\u{8}'),
            b'f' => out.push('\u{c}'),
            b'n' => out.push('\n'),
            b'r' => out.push('\r'),
            b't' => out.push('\t'),
            b'u' => {
                let high = self.hex4()?;
                let code = if (0xD800..0xDC00).contains(&high) {
                    if !self.bytes[self.at..].starts_with(b"\\u") {
                        return Err(self.error(
                            "a lone surrogate in a \\u escape",
                            "ein einzelnes Surrogat in einer \\u-Maskierung",
                        ));
                    }
                    self.at += 2;
                    let low = self.hex4()?;
                    if !(0xDC00..0xE000).contains(&low) {
                        return Err(self.error(
                            "a lone surrogate in a \\u escape",
                            "ein einzelnes Surrogat in einer \\u-Maskierung",
                        ));
                    }
                    0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00)
                } else {
                    high
                };
                match char::from_u32(code) {
                    Some(ch) => out.push(ch),
                    None => {
                        return Err(self.error(
                            "a lone surrogate in a \\u escape",
                            "ein einzelnes Surrogat in einer \\u-Maskierung",
                        ))
                    }
                }
            }
            _ => return Err(self.error("invalid escape in a string", "ungültige Maskierung in einer Zeichenkette")),
        }
        Ok(())
    }

    fn hex4(&mut self) -> Result<u32, SyntaxError> {
        let digits = self.bytes.get(self.at..self.at + 4).filter(|d| d.iter().all(u8::is_ascii_hexdigit));
        let Some(digits) = digits else {
            return Err(
                self.error("\\u must be followed by four hex digits", "auf \\u müssen vier Hexadezimalziffern folgen")
            );
        };
        self.at += 4;
        // INVARIANT: four ASCII hex digits.
        Ok(digits.iter().fold(0, |n, &d| n * 16 + (d as char).to_digit(16).unwrap_or(0)))
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while at > 0 && !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(text: &str) -> Value {
        parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn err(text: &str) -> SyntaxError {
        parse(text).expect_err(text)
    }

    #[test]
    fn values() {
        assert_eq!(ok(" null "), Value::Null);
        assert_eq!(ok("true"), Value::Bool(true));
        assert_eq!(ok("-0.5e+10"), Value::Number("-0.5e+10".into()));
        assert_eq!(ok(r#""a\"b\\c\/\n\u00e4\ud83d\ude00""#), Value::String("a\"b\\c/\nä😀".into()));
        assert_eq!(
            ok(r#"{"a": [1, {"b": null}], "a": 2}"#).get("a"),
            Some(&Value::Array(vec![Value::Number("1".into()), Value::object([("b", Value::Null)])]))
        );
        assert_eq!(ok("[]"), Value::Array(vec![]));
        assert_eq!(ok("{}"), Value::Object(vec![]));
    }

    #[test]
    fn errors_say_where() {
        let e = err("{\n  \"a\": 1,,\n}");
        assert_eq!((e.line, e.column), (2, 10));
        assert_eq!(e.message.en, "expected a member name in double quotes");
        assert_eq!(err("[1 2]").message.en, "expected ',' or ']' after a list item");
        assert_eq!(err("\"abc").message.en, "the string is not closed");
        assert_eq!(err("{} x").message.en, "unexpected text after the JSON value");
        assert_eq!(err("").message.en, "the text ends where a value was expected");
        assert_eq!(err("01").message.en, "unexpected text after the JSON value");
        assert_eq!(err("1.").message.en, "invalid number");
        assert_eq!(err("tru").message.en, "expected a JSON value");
        assert_eq!(err("\"\t\"").message.en, "a control character must be escaped in a string");
        assert_eq!(err(r#""\ud800""#).message.en, "a lone surrogate in a \\u escape");
        assert_eq!(err(r#""\x""#).message.en, "invalid escape in a string");
        assert_eq!(err("\"äö\" ü").column, 6, "columns count characters");
    }

    #[test]
    fn nesting_is_limited_not_a_stack_overflow() {
        let deepest = "[".repeat(MAX_DEPTH) + &"]".repeat(MAX_DEPTH);
        assert!(parse(&deepest).is_ok());
        let e = err(&"[".repeat(100_000));
        assert_eq!(e.message.en, "arrays and objects are nested more than 128 deep");
    }
}
