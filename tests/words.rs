//! The words of the messages: the grammatical number chosen by the count (never "role(s)",
//! "Mitglied(er)", "Rolle bzw. den Rollen"), times as dates a person reads, members by name
//! where the snapshot has one, and no full stop left over when there is no suggestion. The
//! administration and lint vectors are run and every message they give is checked; a few
//! messages are compared word for word.

mod common;

use common::*;
use rolegate::admin::{OrgLintCode, Organization};
use rolegate::{AdminCode, Builtin, Lang, Operation, PolicyEngine, Subject};
use serde_json::{json, Value};

const ADMIN: &str = include_str!("vectors/admin.json");
const INVALID_POLICIES: &str = include_str!("vectors/invalid_policies.json");

/// What no message may contain: a number left to the reader, a raw RFC 3339 time, a full stop
/// before the end of a fragment or doubled.
fn check_words(context: &str, text: &str) {
    // A format hint names an example time on purpose.
    let hint = text.contains("RFC 3339");
    for bad in ["(s)", "(e)", "(er)", "(en)", "bzw.", "/den ", "..", ".;", "'.\n"] {
        assert!(!text.contains(bad), "{context}: {bad:?} in {text:?}");
    }
    let bytes = text.as_bytes();
    let rfc3339 = bytes
        .windows(11)
        .any(|w| w[..4].iter().all(u8::is_ascii_digit) && w[4] == b'-' && w[7] == b'-' && w[10] == b'T');
    assert!(hint || !rfc3339, "{context}: a raw RFC 3339 time in {text:?}");
}

fn organization(doc: &Value) -> Organization {
    Organization::from_json(&doc.to_string()).unwrap()
}

fn org_of(vectors: &Value, case: &Value) -> Value {
    case.get("orgDocument").cloned().unwrap_or_else(|| vectors["orgs"][str_of(case, "org")].clone())
}

#[test]
fn every_administration_and_lint_message_reads_well() {
    let vectors = json(ADMIN);
    let mut checked = 0;
    for case in vectors["cases"].as_array().unwrap() {
        let engine = engine_for(&case["policy"]);
        let org = organization(&org_of(&vectors, case));
        let op = Operation::from_json(&case["operation"].to_string()).unwrap();
        if let Err(violations) = engine.apply(&org, str_of(case, "actor"), &op, str_of(case, "now")) {
            for v in &violations {
                for lang in Lang::ALL {
                    check_words(str_of(case, "name"), v.message.get(lang));
                    checked += 1;
                }
            }
        }
    }
    for case in vectors["lint"].as_array().unwrap() {
        let engine = engine_for(&case["policy"]);
        let org = organization(&org_of(&vectors, case));
        for f in engine.lint_org(&org, case["now"].as_str()).unwrap() {
            for lang in Lang::ALL {
                check_words(str_of(case, "name"), f.message.get(lang));
                checked += 1;
            }
        }
    }
    let policies = json(INVALID_POLICIES);
    for case in policies["cases"].as_array().unwrap() {
        if let Err(error) = PolicyEngine::from_json(&case["policy"].to_string()) {
            for lang in Lang::ALL {
                check_words(str_of(case, "name"), &error.summary(lang));
                checked += 1;
            }
        }
    }
    assert!(checked > 200, "{checked} messages checked");
}

#[test]
fn the_count_chooses_the_number() {
    let engine = PolicyEngine::builtin(Builtin::Mytrumpf).unwrap();
    let subject =
        |roles: &[&str]| Subject::from_json(&json!({ "tenant": "acme", "roles": roles }).to_string()).unwrap();
    // One granting role, and several.
    let small = PolicyEngine::from_json(
        &json!({
            "version": 1, "id": "small", "label": { "en": "Small", "de": "Klein" },
            "tenantKinds": [{ "id": "k", "label": { "en": "K", "de": "K" } }],
            "permissions": [{ "id": "a", "label": { "en": "Do A", "de": "A tun" } }, { "id": "b", "label": { "en": "Do B", "de": "B tun" } }],
            "roles": [
                { "id": "ra", "label": { "en": "Doer of A", "de": "A-Macher" }, "grants": ["a"] },
                { "id": "rb", "label": { "en": "Doer of B", "de": "B-Macher" }, "grants": ["b"] }
            ]
        })
        .to_string(),
    )
    .unwrap();
    let one = small.explain(&subject(&["rb"]), "a", None).unwrap();
    assert_eq!(one.message.en, "Denied: none of your roles grants “Do A”. It is granted by the role “Doer of A”.");
    assert_eq!(
        one.message.de,
        "Verweigert: Keine Ihrer Rollen gewährt „A tun“. Gewährt wird es von der Rolle „A-Macher“."
    );
    let unknown = small.explain(&subject(&["rb"]), "zzz", None).unwrap();
    assert_eq!(
        unknown.message.en, "Denied: “zzz” is not a permission of the policy “Small”.",
        "a sentence keeps its full stop"
    );
    let close = small.explain(&subject(&["rb"]), "aa", None).unwrap();
    assert_eq!(close.message.de, "Verweigert: „aa“ ist keine Berechtigung der Richtlinie „Klein“. Meinten Sie 'a'?");
    let many = engine.explain(&subject(&["purchaser"]), "service.case.manage", None).unwrap();
    assert!(
        many.message.en.contains("It is granted by the roles “Production Manager”, “Operator” and"),
        "{}",
        many.message.en
    );
    assert!(
        many.message.de.contains("Gewährt wird es von den Rollen „Produktionsleiter“, „Bediener“ und"),
        "{}",
        many.message.de
    );

    // One problem, and several.
    let error = PolicyEngine::from_json(r#"{ "version": 1 }"#).unwrap_err();
    assert!(error.summary(Lang::En).starts_with("invalid policy: 5 problems\n"), "{}", error.summary(Lang::En));
    assert!(error.summary(Lang::De).starts_with("ungültige Richtlinie: 5 Probleme\n"), "{}", error.summary(Lang::De));
    let mut doc: Value = serde_json::from_str(Builtin::Platform.source()).unwrap();
    doc["roles"][0]["grants"] = json!(["nope"]);
    let error = PolicyEngine::from_json(&doc.to_string()).unwrap_err();
    assert_eq!(error.problems.len(), 1, "{error}");
    assert!(error
        .summary(Lang::En)
        .starts_with("invalid policy: 1 problem\n  $.roles[0].grants[0]: unknown permission 'nope'"));
    assert!(error.summary(Lang::De).starts_with("ungültige Richtlinie: 1 Problem\n"));
    assert!(
        error.summary(Lang::En).ends_with("'nope'") || error.summary(Lang::En).ends_with('?'),
        "no stray full stop: {error}"
    );
}

/// The issue's example: one purchaser, three operators; then nobody who may release.
#[test]
fn approver_coverage_counts_in_words() {
    let engine = PolicyEngine::builtin(Builtin::Mytrumpf).unwrap();
    let member = |id: &str, role: &str| json!({ "id": id, "email": format!("{id}@acme.example"), "name": id.to_uppercase(), "status": "active", "roles": [role] });
    let coverage = |members: Vec<Value>| {
        let org = organization(&json!({ "tenant": "acme", "kind": "customer", "members": members }));
        let findings = engine.lint_org(&org, None).unwrap();
        let f = findings.iter().find(|f| f.code == OrgLintCode::ApproverCoverage).expect("the coverage warning");
        (f.message.en.clone(), f.message.de.clone())
    };
    let (en, de) = coverage(vec![member("anna", "purchaser"), member("o1", "programmer"), member("o2", "programmer")]);
    assert_eq!(en, "3 members may request, but only 1 active member may release, fewer than 2: there is no substitute");
    assert_eq!(de, "3 Mitglieder dürfen anfordern, aber nur 1 aktives Mitglied darf freigeben, weniger als 2: es gibt keine Vertretung");
    let (en, de) = coverage(vec![member("o1", "programmer")]);
    assert_eq!(en, "1 member may request, but no active member may release, fewer than 2: there is no substitute");
    assert_eq!(
        de,
        "1 Mitglied darf anfordern, aber kein aktives Mitglied darf freigeben, weniger als 2: es gibt keine Vertretung"
    );
}

fn acme() -> Organization {
    Organization::from_json(include_str!("../examples/org/acme.json")).unwrap()
}

#[test]
fn members_by_name_and_times_as_dates() {
    let engine = PolicyEngine::builtin(Builtin::Mytrumpf).unwrap();
    let org = acme();
    let refused = |actor: &str, op: Value, now: &str| {
        let op = Operation::from_json(&op.to_string()).unwrap();
        engine.apply(&org, actor, &op, now).unwrap_err()
    };

    // The last administrator, by name (acme without its Managing Director).
    let mut doc: Value = serde_json::from_str(include_str!("../examples/org/acme.json")).unwrap();
    doc["members"].as_array_mut().unwrap().retain(|m| m["id"] != "max");
    let op = Operation::from_json(r#"{ "op": "removeMember", "member": "anna" }"#).unwrap();
    let v = engine.apply(&organization(&doc), "anna", &op, "2026-11-22T12:00:00Z").unwrap_err();
    let last = &v.iter().find(|v| v.code == AdminCode::LastAdmin).expect("last_admin").message;
    assert!(last.en.starts_with("Anna Berg is the last active administrator"), "{}", last.en);
    assert!(last.de.starts_with("Anna Berg ist der letzte aktive Administrator"), "{}", last.de);

    // Someone without the permission, by name, with the granting roles (one: see the README's
    // `rolegate apply` example, checked by tests/readme.rs).
    let v = refused("otto", json!({ "op": "approve", "member": "paul" }), "2026-11-22T12:00:00Z");
    let message = &v.iter().find(|v| v.code == AdminCode::NotPermitted).expect("not_permitted").message;
    assert!(message.en.starts_with("Otto Lang may not do this: it needs "), "{}", message.en);
    assert!(message.de.starts_with("Otto Lang darf das nicht: nötig ist "), "{}", message.de);
    assert!(message.en.ends_with("which the roles “Purchaser” and “Managing Director” grant"), "{}", message.en);
    assert!(message.de.ends_with("was die Rollen „Einkäufer“ und „Geschäftsführer“ gewähren"), "{}", message.de);

    // Not pending, by name.
    let v = refused("anna", json!({ "op": "approve", "member": "max" }), "2026-11-22T12:00:00Z");
    let message = &v.iter().find(|v| v.code == AdminCode::NotPending).expect("not_pending").message;
    assert_eq!(
        (message.en.as_str(), message.de.as_str()),
        ("Max Weber is not waiting for approval", "Max Weber wartet nicht auf Freischaltung")
    );

    // An expired invitation, with its date as a person reads it.
    let invitation = org.invitations.first().expect("acme has an invitation");
    let v = refused(
        &invitation.email,
        json!({ "op": "acceptInvitation", "invitation": invitation.id }),
        "2030-01-01T00:00:00Z",
    );
    let message = &v.iter().find(|v| v.code == AdminCode::InvitationExpired).expect("invitation_expired").message;
    assert!(message.en.starts_with("the invitation expired on ") && message.en.ends_with(" UTC"), "{}", message.en);
    assert!(message.de.starts_with("die Einladung ist am ") && message.de.contains('.'), "{}", message.de);
    check_words("invitation_expired", &message.en);
    check_words("invitation_expired", &message.de);

    // The linter: pending since a date, by name.
    let findings = engine.lint_org(&org, Some("2027-06-01T00:00:00Z")).unwrap();
    let pending = findings.iter().find(|f| f.code == OrgLintCode::PendingTooLong).expect("pending_too_long");
    assert!(pending.message.en.starts_with("Paul Kern has been waiting for approval since "), "{}", pending.message.en);
    assert!(
        pending.message.en.contains(" 2026, ") && pending.message.en.contains(" UTC, more than"),
        "{}",
        pending.message.en
    );
    assert!(
        pending.message.de.starts_with("Paul Kern wartet seit ") && pending.message.de.contains(".2026, "),
        "{}",
        pending.message.de
    );
}
