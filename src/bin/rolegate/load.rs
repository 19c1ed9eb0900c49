//! Loading what the command line names: a policy (a built-in name or a file), an organization
//! snapshot and an operation (files, or `-` for standard input).

use crate::Failure;
use rolegate::admin::Organization;
use rolegate::{Builtin, Operation, PolicyEngine, RequestError};
use std::io::Read;

/// The engine for `--policy`: a built-in policy name, or a path to a JSON file.
pub fn engine(policy: &str) -> Result<PolicyEngine, Failure> {
    if let Ok(builtin) = policy.parse::<Builtin>() {
        return PolicyEngine::builtin(builtin)
            .map_err(|e| Failure::input(format!("built-in policy '{policy}' is broken: {e}")));
    }
    let text = match std::fs::read_to_string(policy) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !looks_like_path(policy) => {
            let names: Vec<&str> = Builtin::ALL.iter().map(|b| b.id()).collect();
            let hint = rolegate::text::suggest(policy, names.iter().copied())
                .map(|s| format!(" Did you mean '{s}'?"))
                .unwrap_or_default();
            return Err(Failure::input(format!(
                "unknown policy '{policy}': not a built-in policy ({}) and no such file.{hint}",
                names.join(", ")
            )));
        }
        Err(_) => read_file(policy)?,
    };
    PolicyEngine::from_json(&text).map_err(|e| {
        let first = &e.problems[0];
        let more = match e.problems.len() {
            1 => String::new(),
            n => format!(" (and {} more; 'rolegate validate {policy}' lists them all)", n - 1),
        };
        Failure::input(format!("invalid policy {policy}: {}: {}{more}", first.path, first.message.en))
    })
}

/// The organization snapshot in file `path` (`-`: standard input).
pub fn org(path: &str) -> Result<Organization, Failure> {
    Organization::from_json(&input(path)?).map_err(|e| parse_failure(path, &e))
}

/// The approval request in file `path` (`-`: standard input).
pub fn request(path: &str) -> Result<rolegate::admin::ApprovalRequest, Failure> {
    let text = input(path)?;
    rolegate::admin::ApprovalRequest::from_json(&text).map_err(|e| parse_failure(path, &e))
}

/// The operation in file `path` (`-`: standard input).
pub fn operation(path: &str) -> Result<Operation, Failure> {
    Operation::from_json(&input(path)?).map_err(|e| parse_failure(path, &e))
}

/// Every problem of a file that does not parse, on one line: `FILE: path: message; …`.
fn parse_failure(file: &str, e: &RequestError) -> Failure {
    let file = if file == "-" { "standard input" } else { file };
    Failure::input(format!("{file}: {}", crate::render::problems_line(&e.problems)))
}

/// The text of `path`, or of standard input for `-`.
pub fn input(path: &str) -> Result<String, Failure> {
    if path != "-" {
        return read_file(path);
    }
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| Failure::input(format!("cannot read standard input: {}", io_reason(&e))))?;
    Ok(text)
}

/// The text of `path`, or a one-line failure naming the file and the reason.
pub fn read_file(path: &str) -> Result<String, Failure> {
    let bytes = std::fs::read(path).map_err(|e| Failure::input(format!("cannot read '{path}': {}", io_reason(&e))))?;
    String::from_utf8(bytes).map_err(|_| Failure::input(format!("cannot read '{path}': it is not UTF-8 text")))
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "it is a directory".into(),
        _ => e.to_string(),
    }
}

fn looks_like_path(s: &str) -> bool {
    s.contains('/') || s.contains('\\') || s.ends_with(".json")
}
