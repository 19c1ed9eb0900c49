//! The README's examples as tests: its policy example is a valid policy that behaves as the text
//! says, and each `console` block's command prints exactly what the block shows. (Its Rust
//! examples run as doctests.)

use rolegate::{PolicyEngine, Resource, Subject};
use std::process::Command;

const README: &str = include_str!("../README.md");

/// The code blocks of `lang`, in order.
fn blocks(lang: &str) -> Vec<String> {
    let fence = format!("```{lang}\n");
    README.split(&fence).skip(1).map(|rest| rest.split("```").next().unwrap_or_default().to_string()).collect()
}

#[test]
fn the_policy_example_is_valid_and_behaves_as_described() {
    let examples: Vec<String> = blocks("json").into_iter().filter(|b| b.contains("\"version\": 1")).collect();
    assert_eq!(examples.len(), 1, "one policy example");
    let engine = PolicyEngine::from_json(&examples[0]).expect("the README's policy is valid");
    // examples/policy/shop.json is the same policy (the typed-ids example generates its types).
    let file = include_str!("../examples/policy/shop.json");
    let parse = |text: &str| serde_json::from_str::<serde_json::Value>(text).expect("JSON");
    assert_eq!(parse(file), parse(&examples[0]), "examples/policy/shop.json is the README's policy example");
    assert!(engine.lint().is_empty(), "and lints clean: {:?}", engine.lint());

    let boss = Subject::new("acme", &["boss"]);
    assert!(engine.can(&boss, "order.request", None).unwrap(), "order.place implies order.request");
    let technician = Subject::new("acme", &["technician"]);
    assert!(!engine.can(&technician, "case.read", None).unwrap(), "needs the module");
    let technician = technician.with_modules(&["service"]);
    assert!(engine.can(&technician, "case.read", Some(&Resource::new(&[("facility", "f1")]))).unwrap());
    let roles = engine.roles(None).unwrap();
    assert!(roles.iter().find(|r| r.id == "buyer").unwrap().default, "defaultRole marks the role default");
}

#[test]
fn console_examples_print_what_the_readme_shows() {
    let mut checked = 0;
    for block in blocks("console") {
        let mut lines = block.lines();
        let command =
            lines.next().and_then(|l| l.strip_prefix("$ rolegate ")).expect("a block starts with `$ rolegate`");
        let expected: Vec<&str> = lines.collect();
        let out = Command::new(env!("CARGO_BIN_EXE_rolegate")).args(command.split_whitespace()).output().unwrap();
        assert!(out.stderr.is_empty(), "{command}: {}", String::from_utf8_lossy(&out.stderr));
        if expected.is_empty() {
            continue; // the block shows the command; the text after it describes the output
        }
        let stdout = String::from_utf8(out.stdout).unwrap();
        assert_eq!(stdout.lines().collect::<Vec<_>>(), expected, "rolegate {command}");
        checked += 1;
    }
    assert!(checked >= 2, "the README's console examples were found");
}

#[test]
fn the_limits_table_matches_the_code() {
    use rolegate::limits::*;
    let rows = [
        ("policy document", format!("{} MiB", MAX_POLICY_BYTES / (1024 * 1024))),
        ("id length", format!("{MAX_ID_LEN} bytes")),
        ("label length", format!("{MAX_LABEL_CHARS} characters")),
        ("permissions (a feature counts twice)", thousands(MAX_PERMISSIONS)),
        ("roles", thousands(MAX_ROLES)),
        ("tenant kinds", MAX_TENANT_KINDS.to_string()),
        ("distinct modules", MAX_MODULES.to_string()),
        ("scope keys", MAX_SCOPE_KEYS.to_string()),
        ("implication chain", format!("{MAX_IMPLICATION_DEPTH} permissions")),
        ("role assignments of a subject", MAX_ASSIGNMENTS.to_string()),
        ("attributes of one scope", MAX_SCOPE_ATTRIBUTES.to_string()),
        ("tenant, subject id, scope value", format!("{MAX_VALUE_LEN} bytes")),
        (
            "members of an organization snapshot (and, separately, its invitations and its company invitations)",
            thousands(MAX_MEMBERS),
        ),
        ("approval rules of a policy, and of one tenant", MAX_APPROVAL_RULES.to_string()),
        ("tiers of one approval rule", MAX_TIERS.to_string()),
        ("nesting depth of any JSON input", rolegate::MAX_DEPTH.to_string()),
    ];
    for (name, value) in rows {
        let row = format!("| {name} | {value} |");
        assert!(README.contains(&row), "the README's limits table has {row}");
    }
}

fn thousands(n: usize) -> String {
    let s = n.to_string();
    match s.len() {
        4..=6 => format!("{},{}", &s[..s.len() - 3], &s[s.len() - 3..]),
        _ => s,
    }
}

#[test]
fn the_snapshot_example_fits_the_mytrumpf_policy() {
    let examples: Vec<String> = blocks("json").into_iter().filter(|b| b.contains("\"invitations\"")).collect();
    assert_eq!(examples.len(), 1, "one snapshot example");
    let org = rolegate::admin::Organization::from_json(&examples[0]).expect("the README's snapshot parses");
    let engine = PolicyEngine::builtin(rolegate::Builtin::Mytrumpf).unwrap();
    let admins = engine.admins(&org).expect("and fits the policy");
    assert_eq!(admins[0].name, "Anna Berg");
    let session = engine.member_session(&org, "anna").unwrap();
    assert!(session.can("eshop.order.release", None));
}

#[test]
fn the_request_example_is_what_submit_prints() {
    let out = Command::new(env!("CARGO_BIN_EXE_rolegate"))
        .args(["submit", "--policy", "mytrumpf", "--org", "examples/org/acme-approvals.json", "--requester", "anna"])
        .args([
            "--resource",
            r#"{"facility":"f1","total":"30000.00 EUR"}"#,
            "--now",
            "2026-12-02T10:00:00Z",
            "--id",
            "r1",
        ])
        .arg("eshop.order.place")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let printed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let file: serde_json::Value = serde_json::from_str(include_str!("../examples/org/request-r1.json")).unwrap();
    assert_eq!(printed, file, "examples/org/request-r1.json is what the README's submit command prints");
    let command = r#"--resource '{"facility":"f1","total":"30000.00 EUR"}' --now 2026-12-02T10:00:00Z --id r1"#;
    assert!(README.replace('\n', " ").contains(command), "the README shows the command");
}

#[test]
fn the_approval_documents_are_mytrumpfs_section_and_a_request_it_reads() {
    let section: Vec<String> =
        blocks("json").into_iter().filter(|b| b.trim_start().starts_with("\"approvals\"")).collect();
    assert_eq!(section.len(), 1, "one approvals section");
    let shown: serde_json::Value = serde_json::from_str(&format!("{{{}}}", section[0])).unwrap();
    let policy: serde_json::Value = serde_json::from_str(include_str!("../policies/mytrumpf.json")).unwrap();
    // The README writes out the members mytrumpf leaves at their defaults (as the README's table says them).
    let defaults =
        serde_json::json!({ "maxRules": 20, "requesterMayApprove": false, "approverMayRepeat": false, "rules": [] });
    let mut builtin = policy["approvals"].clone();
    let builtin = builtin.as_object_mut().unwrap();
    builtin.remove("comment");
    for action in builtin["actions"].as_array_mut().unwrap() {
        action.as_object_mut().unwrap().remove("comment");
    }
    for (key, value) in defaults.as_object().unwrap() {
        builtin.entry(key.clone()).or_insert(value.clone());
    }
    assert_eq!(
        shown["approvals"],
        serde_json::Value::Object(builtin.clone()),
        "the README shows mytrumpf's approvals section"
    );
    let requests: Vec<String> = blocks("json").into_iter().filter(|b| b.contains("\"submittedAt\"")).collect();
    assert_eq!(requests.len(), 1, "one request document");
    let request = rolegate::admin::ApprovalRequest::from_json(&requests[0]).expect("the README's request reads");
    let engine = PolicyEngine::builtin(rolegate::Builtin::Mytrumpf).unwrap();
    let acme = rolegate::admin::Organization::from_json(include_str!("../examples/org/acme-approvals.json")).unwrap();
    let next = engine.step(&acme, &request, "max", &rolegate::admin::Step::Approve, "2026-12-02T12:00:00Z").unwrap();
    assert_eq!(next.status, rolegate::admin::RequestStatus::Approved, "its second tier is a Managing Director's");
}

/// Every code a caller can meet (refusals, problems, findings, decisions) is documented.
#[test]
fn every_code_is_in_the_readme() {
    use rolegate::admin::OrgLintCode;
    use rolegate::{AdminCode, Code, LintCode, PolicyCode, Reason, RequestCode};
    let mut codes: Vec<&str> = Vec::new();
    codes.extend(AdminCode::ALL.iter().map(|c| c.as_str()));
    codes.extend(LintCode::ALL.iter().map(|c| c.as_str()));
    codes.extend(OrgLintCode::ALL.iter().map(|c| c.as_str()));
    codes.extend(PolicyCode::ALL.iter().map(|c| c.as_str()));
    codes.extend(RequestCode::ALL.iter().map(|c| c.as_str()));
    codes.extend(Reason::ALL.iter().map(|c| c.code()));
    let missing: Vec<&str> = codes.into_iter().filter(|c| !README.contains(&format!("`{c}`"))).collect();
    assert!(missing.is_empty(), "codes the README does not name: {missing:?}");
}

#[test]
fn the_schema_line_is_read_and_leaves_the_fingerprint_alone() {
    let examples: Vec<String> = blocks("json").into_iter().filter(|b| b.contains("\"$schema\"")).collect();
    assert_eq!(examples.len(), 1, "one example names a schema");
    let shown: serde_json::Value = serde_json::from_str(&examples[0]).expect("JSON");
    assert_eq!(shown["$schema"], "./node_modules/rolegate/schema/policy.json", "where the package ships it");
    assert!(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schema/policy.json").is_file());
    let file = include_str!("../examples/policy/shop.json");
    let mut policy: serde_json::Value = serde_json::from_str(file).unwrap();
    assert_eq!(policy["id"], shown["id"], "the shown members are the example's");
    let plain = PolicyEngine::from_json(file).unwrap().fingerprint();
    let mut members = serde_json::Map::new();
    members.insert("$schema".into(), shown["$schema"].clone());
    members.extend(policy.as_object_mut().unwrap().clone());
    let named =
        PolicyEngine::from_json(&serde_json::Value::Object(members).to_string()).expect("the reader accepts $schema");
    assert_eq!(named.fingerprint(), plain);
}
