//! `rolegate types`: TypeScript declarations of a policy's ids, for the npm package's generic
//! types (`PolicyEngine<Ids>`): with them, a misspelt action is a compile error.

use rolegate::PolicyEngine;
use std::collections::BTreeSet;
use std::fmt::Write;

/// The declarations of `engine`'s policy: an interface `name` (by default the policy id in
/// PascalCase and `Ids`) extending the package's `PolicyIds`. `Err` when `name` is not an
/// identifier.
pub fn declarations(engine: &PolicyEngine, name: Option<&str>) -> Result<String, String> {
    let name = name.map_or_else(|| default_name(engine.id()), str::to_string);
    if !is_identifier(&name) {
        return Err(format!("--name: '{name}' is not a TypeScript identifier"));
    }
    let kinds = engine.kinds();
    let modules: BTreeSet<String> = kinds.iter().flat_map(|k| k.modules.iter().map(|m| m.id.clone())).collect();
    let roles = engine.roles(None).map_err(|e| e.to_string())?;
    let fields = [
        (
            "permission",
            "The permissions (actions), features' levels included.",
            engine.permissions().into_iter().map(|p| p.id).collect::<Vec<_>>(),
        ),
        ("role", "The roles.", roles.into_iter().map(|r| r.id).collect()),
        ("kind", "The tenant kinds.", kinds.iter().map(|k| k.id.clone()).collect()),
        ("module", "The optional modules.", modules.into_iter().collect()),
        (
            "scope",
            "The scope keys (attributes of resources and of scoped assignments).",
            engine.policy().scopes.iter().map(|s| s.id.clone()).collect(),
        ),
        (
            "attribute",
            "The typed attributes of resources (money, whole numbers) that approval rules compare.",
            engine.policy().attributes.iter().map(|a| a.id.clone()).collect(),
        ),
    ];
    let mut out = String::new();
    let _ = writeln!(
        out,
        "// The ids of policy '{}' (fingerprint {}), written by `rolegate types`.",
        engine.id(),
        engine.fingerprint()
    );
    let _ = writeln!(out, "// Use: `new PolicyEngine<{name}>(policy)` or `PolicyEngine.load<{name}>(policy)`.");
    let _ = writeln!(out, "import type {{ PolicyIds }} from 'rolegate';");
    let _ = writeln!(out);
    let _ = writeln!(out, "/** The ids of policy '{}'. */", engine.id());
    let _ = writeln!(out, "export interface {name} extends PolicyIds {{");
    for (field, doc, ids) in fields {
        let _ = writeln!(out, "  /** {doc} */");
        if ids.is_empty() {
            let _ = writeln!(out, "  {field}: never;");
            continue;
        }
        let _ = writeln!(out, "  {field}:");
        for (i, id) in ids.iter().enumerate() {
            let end = if i + 1 == ids.len() { ";" } else { "" };
            // A JSON string is a TypeScript string literal.
            let _ = writeln!(out, "    | {}{end}", serde_json::to_string(id).unwrap_or_default());
        }
    }
    out.push_str("}\n");
    Ok(out)
}

/// `mytrumpf` → `MytrumpfIds`, `my-portal.v2` → `MyPortalV2Ids`.
fn default_name(id: &str) -> String {
    let mut name: String = id
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|part| !part.is_empty())
        .map(|part| part[..1].to_ascii_uppercase() + &part[1..])
        .collect();
    if !name.starts_with(|c: char| c.is_ascii_alphabetic()) {
        name.insert_str(0, "Policy");
    }
    name + "Ids"
}

fn is_identifier(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
}
