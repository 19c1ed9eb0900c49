//! Replays, under `cargo test`, every input of the committed fuzz corpus (`fuzz/corpus/<target>/`)
//! and every crash the fuzzer ever found (`tests/fuzz/regressions/<target>/`, one file each)
//! through the fuzz targets' bodies: a fixed crash stays fixed. `make fuzz` runs the fuzzer.

#[path = "fuzz/bodies.rs"]
mod bodies;

use std::path::Path;

/// A fuzz target's body.
type Body = fn(&[u8]);

/// The targets: each body, by the name of its directories.
const TARGETS: [(&str, Body); 6] = [
    ("policy", bodies::policy),
    ("decide", bodies::decide),
    ("org", bodies::org),
    ("admin", bodies::admin),
    ("snapshot", bodies::snapshot),
    ("request", bodies::request),
];

/// Runs `body` on every file under `dir` (none when it does not exist); how many ran.
fn replay(dir: &Path, body: Body) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else { return 0 };
    let mut files: Vec<_> = entries.map(|e| e.expect("a readable directory").path()).collect();
    files.sort();
    for file in &files {
        let data = std::fs::read(file).expect("a readable file");
        let outcome = std::panic::catch_unwind(|| body(&data));
        assert!(outcome.is_ok(), "{} fails again", file.display());
    }
    files.len()
}

#[test]
fn every_saved_crash_and_corpus_input_passes() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (name, body) in TARGETS {
        let corpus = replay(&root.join("fuzz/corpus").join(name), body);
        assert!(corpus >= 3, "fuzz/corpus/{name} holds the seeds ({corpus} found)");
        replay(&root.join("tests/fuzz/regressions").join(name), body);
    }
}

#[test]
fn the_bodies_take_any_bytes() {
    for (_, body) in TARGETS {
        for data in [&b""[..], b"\xff\xfe", b"{", b"\x01{}\n\n\n", b"\x00[]\nx\n{\"op\":\"approve\"}\n"] {
            body(data);
        }
    }
}
