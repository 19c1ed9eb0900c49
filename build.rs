//! Embeds the built-in policies minified: whitespace outside strings is dropped, so the wasm
//! module carries the same documents in less space. `src/policy/builtin.rs` includes the
//! results from OUT_DIR.

use std::{env, fs, path::Path};

fn main() {
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    for name in ["mytrumpf", "platform"] {
        let source = format!("policies/{name}.json");
        println!("cargo:rerun-if-changed={source}");
        let text = fs::read_to_string(&source).unwrap_or_else(|e| panic!("cannot read {source}: {e}"));
        fs::write(Path::new(&out).join(format!("{name}.json")), minify(&text)).expect("OUT_DIR is writable");
    }
}

/// JSON text without whitespace outside strings.
fn minify(text: &str) -> String {
    let (mut out, mut in_string, mut escaped) = (String::with_capacity(text.len()), false, false);
    for c in text.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
            out.push(c);
        } else if !c.is_whitespace() {
            out.push(c);
        }
    }
    out
}
