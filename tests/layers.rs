//! The project's layers, read from the sources: no import circles.
//!
//! - The foundation is a ladder: `limits`, `lang`, `messages`, `problem`, `text`, `path`, `read`,
//!   each using only those below it (and nothing of the crate above the foundation).
//! - The core (everything but `src/wasm/` and `src/bin/`) never names wasm-bindgen, js-sys or
//!   serde-wasm-bindgen: `src/wasm/` is the only boundary.
//! - The demo: `server/` never imports from `www/`, nor `www/` from `server/`; what both need is in
//!   `common/`, which imports from neither.

use std::fs;
use std::path::{Path, PathBuf};

/// The foundation's modules, lowest first.
const LADDER: &[&str] = &["limits", "lang", "messages", "problem", "text", "path", "read"];

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Every file under `dir` (recursively) whose name ends with one of `exts`.
fn files(dir: &Path, exts: &[&str]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "node_modules") {
                    stack.push(path);
                }
            } else if exts.iter().any(|ext| path.to_string_lossy().ends_with(ext)) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// The crate's top-level modules a Rust source names: `crate::x`, and `use crate::{x, y}`.
fn crate_modules(source: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = source;
    while let Some(at) = rest.find("crate::") {
        let after = &rest[at + "crate::".len()..];
        let is_macro_self = rest[..at].ends_with('$');
        if let Some(group) = after.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item.trim().chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                if !name.is_empty() {
                    names.push(name);
                }
            }
        } else if !is_macro_self {
            let name: String = after.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            names.push(name);
        }
        rest = after;
    }
    names
}

/// A Rust source without its comment lines (a doc link is not a use).
fn code_of(source: &str) -> String {
    source.lines().filter(|line| !line.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// The sources of a foundation module: `src/x.rs`, or every file of `src/x/`.
fn module_sources(name: &str) -> Vec<PathBuf> {
    let dir = root().join("src").join(name);
    if dir.is_dir() {
        files(&dir, &[".rs"])
    } else {
        vec![root().join("src").join(format!("{name}.rs"))]
    }
}

#[test]
fn the_foundation_is_a_ladder() {
    let mut wrong = Vec::new();
    for (rank, module) in LADDER.iter().enumerate() {
        for file in module_sources(module) {
            let source = code_of(&fs::read_to_string(&file).unwrap());
            for used in crate_modules(&source) {
                if used == *module {
                    continue;
                }
                match LADDER.iter().position(|m| *m == used) {
                    Some(below) if below < rank => {}
                    _ => wrong.push(format!("{} uses crate::{used}", file.strip_prefix(root()).unwrap().display())),
                }
            }
        }
    }
    assert!(wrong.is_empty(), "the foundation ({}) uses only what is below:\n{}", LADDER.join(" < "), wrong.join("\n"));
}

#[test]
fn only_src_wasm_is_the_boundary() {
    let src = root().join("src");
    let mut wrong = Vec::new();
    for file in files(&src, &[".rs"]) {
        let relative = file.strip_prefix(&src).unwrap();
        if relative.starts_with("wasm") || relative.starts_with("bin") {
            continue;
        }
        let source = code_of(&fs::read_to_string(&file).unwrap());
        for name in ["wasm_bindgen", "js_sys", "serde_wasm_bindgen"] {
            if source.contains(name) {
                wrong.push(format!("src/{} names {name}", relative.display()));
            }
        }
    }
    assert!(wrong.is_empty(), "the core is plain Rust:\n{}", wrong.join("\n"));
}

/// The modules a JS source imports (`from '…'`, `import '…'`, `import('…')`).
fn js_imports(source: &str) -> Vec<String> {
    let mut out = Vec::new();
    for marker in ["from '", "import '", "import('", "from \"", "import \""] {
        let mut rest = source;
        while let Some(at) = rest.find(marker) {
            let after = &rest[at + marker.len()..];
            let quote = if marker.ends_with('"') { '"' } else { '\'' };
            if let Some(end) = after.find(quote) {
                out.push(after[..end].to_string());
            }
            rest = after;
        }
    }
    out
}

#[test]
fn the_demo_server_and_page_share_only_common() {
    let mut wrong = Vec::new();
    for (dir, forbidden) in
        [("server", &["www/", "/js/"][..]), ("www", &["server/"][..]), ("common", &["www/", "server/", "/js/"][..])]
    {
        for file in files(&root().join(dir), &[".js", ".mjs"]) {
            let source = fs::read_to_string(&file).unwrap();
            for import in js_imports(&source) {
                if forbidden.iter().any(|f| import.contains(f)) {
                    wrong.push(format!("{} imports {import}", file.strip_prefix(root()).unwrap().display()));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "server/ and www/ import only common/ of each other's needs:\n{}", wrong.join("\n"));
}

#[test]
fn the_checks_see_what_they_check() {
    assert_eq!(
        crate_modules("use crate::lang::{Label}; use crate::{limits, text as t}; $crate::problem"),
        ["lang", "limits", "text"]
    );
    assert_eq!(js_imports("import { t } from '../www/js/i18n.js';\nimport('x');"), ["../www/js/i18n.js", "x"]);
    assert!(files(&root().join("server"), &[".mjs"]).len() > 3);
    assert!(files(&root().join("www"), &[".js"]).len() > 3);
}
