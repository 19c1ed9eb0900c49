//! Rendering results for people (Markdown tables, text lines) and programs (JSON).

use rolegate::admin::{MemberRef, Organization};
use rolegate::{
    Cell, Code, Explanation, Finding, Lang, Matrix, Plan, PolicyEngine, PolicyError, RoleInfo, Severity, Violation,
};
use serde::Serialize;
use std::fmt::Write;

/// Pretty JSON with a final newline.
pub fn json<T: Serialize + ?Sized>(value: &T) -> String {
    // Serializing the engine's answers (string keys, no maps with other keys) cannot fail.
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

fn tr<'a>(lang: Lang, en: &'a str, de: &'a str) -> &'a str {
    match lang {
        Lang::En => en,
        Lang::De => de,
    }
}

/// `n` and the noun in `lang`, in the number `n` asks for: "1 error", "2 errors", "0 Fehler".
/// Each language's pair is (one, many).
fn counted(lang: Lang, n: usize, en: (&str, &str), de: (&str, &str)) -> String {
    let (one, many) = match lang {
        Lang::En => en,
        Lang::De => de,
    };
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The matrix as a Markdown table, permissions as rows, roles as columns, with a legend.
pub fn matrix_markdown(engine: &PolicyEngine, matrix: &Matrix, kind: Option<&str>, lang: Lang) -> String {
    let mut out = String::new();
    let policy = engine.policy().label.get(lang);
    let kind_label =
        kind.and_then(|k| engine.kinds().into_iter().find(|i| i.id == k)).map(|k| k.label.get(lang).to_string());
    let title = match kind_label {
        Some(k) => format!("{policy} — {k}"),
        None => policy.to_string(),
    };
    let _ = writeln!(out, "## {title}\n");
    let mut header = format!("| {} |", tr(lang, "Permission", "Berechtigung"));
    let mut rule = String::from("|---|");
    for role in &matrix.roles {
        let mut marks = String::new();
        if role.admin {
            marks.push_str(" *");
        }
        if !role.modules.is_empty() {
            marks.push_str(" °");
        }
        if role.deprecated {
            marks.push_str(" †");
        }
        let _ = write!(header, " {}{marks} |", role.label);
        rule.push_str(":-:|");
    }
    let _ = writeln!(out, "{header}\n{rule}");
    for perm in &matrix.permissions {
        let _ = write!(out, "| {} `{}` |", perm.label, perm.id);
        for role in &matrix.roles {
            let cell = match matrix.cells.get(&role.id).and_then(|row| row.get(&perm.id)) {
                Some(Cell::Direct) => "✔",
                Some(Cell::Implied) => "(✔)",
                None => "–",
            };
            let _ = write!(out, " {cell} |");
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "\n{}",
        tr(
            lang,
            "✔ granted by the role · (✔) implied by a higher grant · – not granted",
            "✔ von der Rolle gewährt · (✔) durch eine höhere Berechtigung eingeschlossen · – nicht gewährt"
        )
    );
    let mut notes = Vec::new();
    if matrix.roles.iter().any(|r| r.admin) {
        notes.push(tr(lang, "* administrator role", "* Administratorrolle"));
    }
    if matrix.roles.iter().any(|r| !r.modules.is_empty()) {
        notes.push(tr(
            lang,
            "° optional: only with the tenant's module enabled",
            "° optional: nur mit aktiviertem Modul des Mandanten",
        ));
    }
    if matrix.roles.iter().any(|r| r.deprecated) {
        notes.push(tr(lang, "† deprecated: no new assignments", "† veraltet: keine neuen Zuweisungen"));
    }
    if !notes.is_empty() {
        let _ = writeln!(out, "{}", notes.join(" · "));
    }
    out
}

/// An explanation for people: the message, then the details.
pub fn explanation_text(engine: &PolicyEngine, e: &Explanation, lang: Lang) -> String {
    let mut out = format!("{}\n", e.message.get(lang));
    let _ = writeln!(out, "  {}: {}", tr(lang, "code", "Code"), e.code);
    if let Some(approval) = &e.approval {
        for (i, tier) in approval.tiers.iter().enumerate() {
            let _ =
                writeln!(out, "  {} {} ({}): {}", tr(lang, "tier", "Stufe"), i + 1, tier.rule, tier.roles.join(" | "));
        }
    }
    for grant in &e.granted_by {
        let _ = writeln!(
            out,
            "  {}: {}{} ({})",
            tr(lang, "granted by", "gewährt durch"),
            grant.role,
            scope_text(grant.scope.as_ref()),
            grant.via.join(" → ")
        );
    }
    for blocked in &e.blocked {
        let g = &blocked.grant;
        let _ = writeln!(
            out,
            "  {} [{}]: {}{} ({})",
            tr(lang, "does not count", "zählt nicht"),
            blocked.reason,
            g.role,
            scope_text(g.scope.as_ref()),
            g.via.join(" → ")
        );
    }
    if engine.has_permission(&e.action) {
        let roles = if e.granting_roles.is_empty() { "–".to_string() } else { e.granting_roles.join(", ") };
        let _ = writeln!(out, "  {}: {roles}", tr(lang, "roles that grant it", "Rollen, die es gewähren"));
    }
    out
}

/// A plan for people: one line saying where the action is allowed, then one line per scope.
pub fn plan_text(engine: &PolicyEngine, action: &str, plan: &Plan, lang: Lang) -> String {
    let tenant = plan.tenant();
    let mut out = match plan {
        Plan::Always { .. } => match lang {
            Lang::En => format!("always: {action} is allowed on every resource of tenant {tenant}.\n"),
            Lang::De => format!("immer: {action} ist bei jeder Ressource des Mandanten {tenant} erlaubt.\n"),
        },
        Plan::Never { code, .. } => match lang {
            Lang::En => format!("never: {action} is allowed on no resource ({code}).\n"),
            Lang::De => format!("nie: {action} ist bei keiner Ressource erlaubt ({code}).\n"),
        },
        Plan::Conditional { .. } => match lang {
            Lang::En => {
                format!("conditional: {action} is allowed on resources of tenant {tenant} in any of these scopes:\n")
            }
            Lang::De => format!(
                "bedingt: {action} ist bei Ressourcen des Mandanten {tenant} in einem dieser Bereiche erlaubt:\n"
            ),
        },
    };
    if let Plan::Conditional { any_of, .. } = plan {
        for scope in any_of {
            let pairs: Vec<String> = scope
                .iter()
                .map(|(key, value)| {
                    let name = engine.policy().scopes.iter().find(|s| &s.id == key).map(|s| s.label.get(lang));
                    format!("{} {key}={value}", name.unwrap_or(key))
                })
                .collect();
            let _ = writeln!(out, "  - {}", pairs.join(tr(lang, " and ", " und ")));
        }
    }
    out
}

fn scope_text(scope: Option<&rolegate::Scope>) -> String {
    match scope {
        None => String::new(),
        Some(s) => {
            let pairs: Vec<String> = s.iter().map(|(k, v)| format!("{k}={v}")).collect();
            format!("@{}", pairs.join(","))
        }
    }
}

/// Lint findings, one per line, and a count.
pub fn findings_text<C: Code>(findings: &[Finding<C>], lang: Lang) -> String {
    let mut out = String::new();
    for f in findings {
        let _ = writeln!(out, "{} {} {}: {}", f.severity.as_str(), f.code.as_str(), f.path, f.message.get(lang));
    }
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let _ = writeln!(
        out,
        "{}, {}, {}",
        counted(lang, count(Severity::Error), ("error", "errors"), ("Fehler", "Fehler")),
        counted(lang, count(Severity::Warning), ("warning", "warnings"), ("Warnung", "Warnungen")),
        counted(lang, count(Severity::Info), ("note", "notes"), ("Hinweis", "Hinweise")),
    );
    out
}

/// Lint findings as JSON: `[{ code, severity, path, message }]`.
pub fn findings_json<C: Code>(findings: &[Finding<C>], lang: Lang) -> String {
    json(&findings.iter().map(|f| f.in_lang(lang)).collect::<Vec<_>>())
}

/// The result of `validate` for people.
pub fn validation_text(file: &str, checked: &Result<PolicyEngine, PolicyError>, lang: Lang) -> String {
    match checked {
        Ok(engine) => {
            let roles = engine.roles(None).map(|r| r.len()).unwrap_or_default();
            format!(
                "{file}: {} '{}' ({}, {}, {})\n",
                tr(lang, "valid policy", "gültige Richtlinie"),
                engine.id(),
                counted(
                    lang,
                    engine.permissions().len(),
                    ("permission", "permissions"),
                    ("Berechtigung", "Berechtigungen")
                ),
                counted(lang, roles, ("role", "roles"), ("Rolle", "Rollen")),
                counted(
                    lang,
                    engine.kinds().len(),
                    ("tenant kind", "tenant kinds"),
                    ("Mandantenart", "Mandantenarten")
                ),
            )
        }
        Err(e) => {
            let mut out = String::new();
            for p in &e.problems {
                let _ = writeln!(out, "{}: {} [{}]", p.path, p.message.get(lang), p.code);
            }
            let _ = writeln!(
                out,
                "{file}: {}",
                counted(lang, e.problems.len(), ("problem", "problems"), ("Problem", "Probleme"))
            );
            out
        }
    }
}

/// Roles with flags and effective permissions, for people.
pub fn roles_text(engine: &PolicyEngine, roles: &[RoleInfo], lang: Lang) -> String {
    let permissions = engine.permissions();
    let label =
        |id: &str| permissions.iter().find(|p| p.id == id).map_or(id.to_string(), |p| p.label.get(lang).to_string());
    let mut out = String::new();
    for role in roles {
        let mut flags = Vec::new();
        if role.admin {
            flags.push(tr(lang, "administrator", "Administrator"));
        }
        if role.default {
            flags.push(tr(lang, "default", "Standard"));
        }
        if role.deprecated {
            flags.push(tr(lang, "deprecated", "veraltet"));
        }
        let flags = if flags.is_empty() { String::new() } else { format!(" [{}]", flags.join(", ")) };
        let _ = writeln!(out, "{} ({}){flags}", role.label.get(lang), role.id);
        let _ = writeln!(out, "  {}: {}", tr(lang, "tenant kinds", "Mandantenarten"), role.kinds.join(", "));
        if !role.modules.is_empty() {
            let _ = writeln!(out, "  {}: {}", tr(lang, "needs modules", "benötigt Module"), role.modules.join(", "));
        }
        for p in &role.permissions {
            let mark = if role.grants.contains(p) { "✔" } else { "(✔)" };
            let _ = writeln!(out, "  {mark} {} `{p}`", label(p));
        }
    }
    out
}

/// Problems on one line, in English (for stderr): `path: message; path: message`.
pub fn problems_line<C>(problems: &[rolegate::Problem<C>]) -> String {
    let parts: Vec<String> = problems.iter().map(|p| format!("{}: {}", p.path, p.message.en)).collect();
    parts.join("; ")
}

/// Why an operation was refused, for people: `code path: message` per violation, then a count.
pub fn violations_text(violations: &[Violation], lang: Lang) -> String {
    let mut out = String::new();
    for v in violations {
        let _ = writeln!(out, "{} {}: {}", v.code, v.path, v.message.get(lang));
    }
    let violations = counted(lang, violations.len(), ("violation", "violations"), ("Verstoß", "Verstöße"));
    let _ = writeln!(out, "{violations}: {}", tr(lang, "refused", "abgelehnt"));
    out
}

/// Why an operation was refused, as JSON: `{ ok: false, violations: [{ code, path, message }] }`.
pub fn violations_json(violations: &[Violation], lang: Lang) -> String {
    let violations: Vec<_> = violations.iter().map(|v| v.localized(lang)).collect();
    json(&serde_json::json!({ "ok": false, "violations": violations }))
}

/// Members and the assignments that answer the question, for people: `Name (id): Role, Role@key=value`.
pub fn members_text(engine: &PolicyEngine, org: &Organization, members: &[MemberRef], lang: Lang) -> String {
    let roles = engine.roles(None).unwrap_or_default();
    let label = |id: &str| {
        let policy = roles.iter().find(|r| r.id == id).map(|r| &r.label);
        let own = org.custom_roles.iter().find(|r| r.id == id).map(|r| &r.label);
        policy.or(own).map_or(id.to_string(), |l| l.get(lang).to_string())
    };
    let mut out = String::new();
    for m in members {
        let held: Vec<String> = m
            .roles
            .iter()
            .map(|a| {
                let scope: Vec<String> = a.scope.iter().flatten().map(|(k, v)| format!("{k}={v}")).collect();
                if scope.is_empty() {
                    label(&a.role)
                } else {
                    format!("{}@{}", label(&a.role), scope.join(","))
                }
            })
            .collect();
        let _ = writeln!(out, "{} ({}): {}", m.name, m.id, held.join(", "));
    }
    if members.is_empty() {
        let _ = writeln!(out, "{}", tr(lang, "nobody", "niemand"));
    }
    out
}
