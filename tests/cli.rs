//! The `rolegate` command line: outputs, exit statuses (0 allowed/success, 1 denied/failed
//! check, 2 bad input) and one-line errors without panics or backtraces.

use serde_json::Value;
use std::io::Read;
use std::process::{Command, Output, Stdio};

fn rolegate(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_rolegate"))
        .args(args)
        .env("RUST_BACKTRACE", "1")
        .output()
        .expect("the binary runs")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// Runs and checks the exit status; returns stdout.
fn run(args: &[&str], status: i32) -> String {
    let out = rolegate(args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(status), "rolegate {args:?}\nstdout: {}\nstderr: {stderr}", text(&out.stdout));
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "{stderr}");
    text(&out.stdout)
}

/// Runs expecting bad input: status 2, nothing on stdout, exactly one line on stderr.
fn bad_input(args: &[&str]) -> String {
    let out = rolegate(args);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "rolegate {args:?}: {stderr}");
    assert!(out.stdout.is_empty(), "nothing on stdout");
    assert_eq!(stderr.lines().count(), 1, "one line: {stderr}");
    assert!(stderr.starts_with("rolegate: ") && !stderr.contains("panicked"), "{stderr}");
    stderr
}

/// Writes `content` to a file called `name` in a directory of its own: tests run in parallel, and
/// two writing the same path would let one read the other's half-written file.
fn temp_file(name: &str, content: &str) -> String {
    static NEXT: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("rolegate-cli-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, content).unwrap();
    path.to_string_lossy().into_owned()
}

#[test]
fn matrix_in_markdown_in_both_languages() {
    let en = run(&["matrix", "--policy", "mytrumpf"], 0);
    assert!(en.starts_with("## MyTRUMPF customer portal\n"));
    assert!(en.contains("| Permission | Purchaser * | Managing Director * | Production Manager | Programmer | Operator | Service engineer |"));
    assert!(en.contains("| Create order requests `eshop.order.request` | (✔) | (✔) | (✔) | ✔ | ✔ | ✔ |"));
    assert!(en.contains("| Order `eshop.order.place` | ✔ | ✔ | ✔ | – | – | – |"));
    let de = run(&["matrix", "--policy", "mytrumpf", "--lang", "de"], 0);
    assert!(de.contains("| Berechtigung | Einkäufer * | Geschäftsführer * |"));
    assert!(de.contains("| Bestellen `eshop.order.place` | ✔ | ✔ | ✔ | – | – | – |"));
    let operators = run(&["matrix", "--policy", "platform", "--kind", "operator", "--lang", "de"], 0);
    assert!(operators.starts_with("## IoT-Serviceplattform — Betreiberunternehmen\n"));
    assert!(operators.contains("Bediener – interne Servicefälle °"));
}

#[test]
fn matrix_as_json() {
    let json: Value =
        serde_json::from_str(&run(&["matrix", "--policy", "platform", "--kind", "operator", "--format", "json"], 0))
            .unwrap();
    assert_eq!(json["roles"][1]["id"], "machine_operator");
    assert_eq!(json["roles"][1]["label"], "Machine Operator");
    assert_eq!(json["cells"]["machine_operator"]["service_cases.manage"], "direct");
    assert_eq!(json["cells"]["machine_operator"]["service_case.remote_access.use"], "implied");
    assert!(json["cells"]["machine_operator"].get("facility.manage").is_none());
    assert!(json["permissions"].as_array().unwrap().iter().all(|p| p["id"].is_string() && p["label"].is_string()));
}

#[test]
fn explain_allowed_and_denied() {
    let out = run(&["explain", "--policy", "mytrumpf", "--roles", "purchaser", "eshop.order.request"], 0);
    assert!(
        out.starts_with("Allowed: the role “Purchaser” grants “Order”, which includes “Create order requests”.\n"),
        "{out}"
    );
    assert!(out.contains("granted by: purchaser (eshop.order.place → eshop.order.request)"), "{out}");

    let out =
        run(&["explain", "--policy", "mytrumpf", "--roles", "operator", "--lang", "de", "eshop.order.release"], 1);
    assert!(out.starts_with("Verweigert: Keine Ihrer Rollen gewährt „Bestellanforderungen freigeben“."), "{out}");
    assert!(out.contains("Rollen, die es gewähren: purchaser, managing_director, production_manager"), "{out}");
}

#[test]
fn explain_with_scopes_kinds_modules_and_resources() {
    let args = [
        "explain",
        "--policy",
        "platform",
        "--kind",
        "operator",
        "--roles",
        "workshop_manager@facility=f1,machine_operator",
    ];
    let out = run(&[&args[..], &["--resource", "facility=f1", "asset.manage"]].concat(), 0);
    assert!(
        out.contains("granted by: workshop_manager@facility=f1 (digital_shopfloor.manage → asset.manage)"),
        "{out}"
    );
    let out = run(&[&args[..], &["--resource", "facility=f2", "asset.manage"]].concat(), 1);
    assert!(out.contains("code: out_of_scope"), "{out}");
    let out = run(&[&args[..], &["--resource", "tenant=rival,facility=f1", "asset.manage"]].concat(), 1);
    assert!(out.contains("code: other_tenant"), "{out}");

    let base = ["explain", "--policy", "platform", "--kind", "operator", "--roles", "operator_internal"];
    run(&[&base[..], &["internal_case.create"]].concat(), 1);
    run(&[&base[..], &["--modules", "internal_service_cases", "internal_case.create"]].concat(), 0);
}

#[test]
fn explain_as_json() {
    let out = run(
        &["explain", "--policy", "mytrumpf", "--roles", "operator", "--json", "--lang", "de", "eshop.order.release"],
        1,
    );
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["allowed"], false);
    assert_eq!(json["code"], "not_granted");
    assert_eq!(json["grantingRoles"], serde_json::json!(["purchaser", "managing_director", "production_manager"]));
    assert!(json["message"].as_str().unwrap().starts_with("Verweigert:"), "the message is in the chosen language");
    let out = run(&["explain", "--policy", "mytrumpf", "--roles", "purchaser", "--json", "eshop.cart.edit"], 0);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(
        json["grantedBy"][0]["via"],
        serde_json::json!(["eshop.order.place", "eshop.order.request", "eshop.cart.edit"])
    );
    let out = run(&["explain", "--policy", "mytrumpf", "--roles", "purchaser", "--json", "no.such.action"], 1);
    assert_eq!(serde_json::from_str::<Value>(&out).unwrap()["code"], "unknown_action");
}

#[test]
fn bad_input_is_one_line_and_status_2() {
    let e = bad_input(&["explain", "--policy", "mytrumpf", "--roles", "purchasr", "eshop.order.place"]);
    assert_eq!(e.trim_end(), "rolegate: --roles: unknown role 'purchasr'. Did you mean 'purchaser'?");
    let e = bad_input(&["explain", "--policy", "mytrumf", "--roles", "purchaser", "eshop.order.place"]);
    assert!(e.contains("unknown policy 'mytrumf'") && e.contains("Did you mean 'mytrumpf'?"), "{e}");
    let e = bad_input(&["matrix", "--policy", "/no/such/policy.json"]);
    assert_eq!(e.trim_end(), "rolegate: cannot read '/no/such/policy.json': no such file");
    let e = bad_input(&["explain", "--policy", "platform", "--roles", "machine_operator", "service_case.read"]);
    assert!(e.contains("--kind: the tenant kind is missing"), "{e}");
    let e = bad_input(&["explain", "--policy", "platform", "--kind", "operater", "--roles", "machine_operator", "x"]);
    assert!(e.contains("--kind: unknown tenant kind 'operater'. Did you mean 'operator'?"), "{e}");
    let e = bad_input(&["explain", "--policy", "mytrumpf", "--roles", "operator@facilty=f1", "x"]);
    assert!(e.contains("--roles: 'facilty' is not a scope key"), "{e}");
    let e = bad_input(&["explain", "--policy", "mytrumpf", "--roles", "operator", "--resource", "facility", "x"]);
    assert!(e.contains("--resource: 'facility' is not key=value"), "{e}");
    let e = bad_input(&["explain", "--policy", "mytrumpf", "--roles", "facility=f1", "x"]);
    assert!(e.contains("--roles: 'facility=f1' is a scope attribute"), "{e}");
    let e = bad_input(&["matrix", "--policy", "platform", "--kind", "nope"]);
    assert_eq!(e.trim_end(), "rolegate: --kind: unknown tenant kind 'nope'");

    let broken = temp_file("broken.json", "{ \"version\": 1, ");
    let e = bad_input(&["matrix", "--policy", &broken]);
    assert!(e.contains("invalid policy") && e.contains("not valid JSON at line 1"), "{e}");
    let invalid = temp_file("invalid.json", &invalid_policy());
    let e = bad_input(&["lint", "--policy", &invalid]);
    assert!(e.contains("unknown permission 'nope'") && e.contains("and 1 more; 'rolegate validate"), "{e}");
    let not_utf8 = temp_file("binary.json", "");
    std::fs::write(&not_utf8, [0xff, 0xfe, 0x00]).unwrap();
    let e = bad_input(&["validate", &not_utf8]);
    assert!(e.contains("not UTF-8"), "{e}");
}

#[test]
fn usage_errors_are_status_2_and_help_is_status_0() {
    for args in [
        &["explain", "--policy", "mytrumpf"][..],
        &["matrix"],
        &["matrix", "--policy", "mytrumpf", "--lang", "fr"],
        &["frobnicate"],
        &[],
    ] {
        let out = rolegate(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(!text(&out.stderr).contains("panicked"));
    }
    let out = rolegate(&["--help"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("explain"));
}

fn invalid_policy() -> String {
    serde_json::json!({
        "version": 1, "id": "bad", "label": { "en": "Bad", "de": "Schlecht" },
        "tenantKinds": [{ "id": "k", "label": { "en": "K", "de": "K" }, "defaultRole": "ghost" }],
        "permissions": [{ "id": "a", "label": { "en": "A", "de": "A" } }],
        "roles": [{ "id": "r", "label": { "en": "R", "de": "R" }, "grants": ["nope"], "admin": true }]
    })
    .to_string()
}

#[test]
fn validate_lists_every_problem() {
    let invalid = temp_file("invalid2.json", &invalid_policy());
    let out = run(&["validate", &invalid], 1);
    assert!(out.contains("$.roles[0].grants[0]: unknown permission 'nope' [unknown_permission]"), "{out}");
    assert!(out.contains("$.tenantKinds[0].defaultRole: unknown role 'ghost' [unknown_role]"), "{out}");
    assert!(out.ends_with(": 2 problems\n"), "{out}");
    let json: Value =
        serde_json::from_str(&run(&["validate", &invalid, "--format", "json", "--lang", "de"], 1)).unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    assert_eq!(json[0]["code"], "unknown_permission");
    assert!(json[0]["message"].as_str().unwrap().starts_with("unbekannte Berechtigung"));

    let not_json = temp_file("notjson.json", "roles: purchaser");
    let out = run(&["validate", &not_json], 1);
    assert!(out.contains("[json_syntax]"), "{out}");

    let good = temp_file("good.json", rolegate::Builtin::Platform.source());
    let out = run(&["validate", &good], 0);
    assert!(out.ends_with("valid policy 'platform' (79 permissions, 11 roles, 3 tenant kinds)\n"), "{out}");
    bad_input(&["validate", "/no/such/file.json"]);
}

#[test]
fn lint_fails_only_on_errors() {
    let out = run(&["lint", "--policy", "mytrumpf"], 0);
    assert!(out.contains("warning redundant_grant $.roles[2].grants[2]:"), "{out}");
    assert!(out.ends_with("0 errors, 1 warning, 0 notes\n"), "{out}");
    let out = run(&["lint", "--policy", "platform", "--lang", "de", "--format", "json"], 0);
    let json: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json[0]["code"], "deprecated_role");
    assert_eq!(json[0]["severity"], "warning");
    assert!(json[0]["message"].as_str().unwrap().contains("veraltet"));

    let mut policy: Value = serde_json::from_str(rolegate::Builtin::Mytrumpf.source()).unwrap();
    policy["tenantKinds"][0]["adminsAdministrativeOnly"] = Value::Bool(true);
    let strict = temp_file("strict.json", &policy.to_string());
    let out = run(&["lint", "--policy", &strict], 1);
    assert!(out.contains("error admin_role_operational $.roles[0].grants:"), "{out}");
}

#[test]
fn roles_and_fingerprint() {
    let out = run(&["roles", "--policy", "mytrumpf", "--lang", "de"], 0);
    assert!(out.contains("Servicetechniker (service_engineer) [Standard]"), "{out}");
    assert!(out.contains("Einkäufer (purchaser) [Administrator]"), "{out}");
    assert!(out.contains("  (✔) Bestellanforderungen erstellen `eshop.order.request`"), "{out}");
    let json: Value = serde_json::from_str(&run(
        &["roles", "--policy", "platform", "--kind", "app_developer", "--format", "json"],
        0,
    ))
    .unwrap();
    let ids: Vec<&str> = json.as_array().unwrap().iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["tenant_admin", "app_publisher"]);

    let fingerprint = run(&["fingerprint", "--policy", "mytrumpf"], 0);
    let engine = rolegate::PolicyEngine::builtin(rolegate::Builtin::Mytrumpf).unwrap();
    assert_eq!(fingerprint.trim_end(), engine.fingerprint());
}

#[test]
fn a_closed_pipe_is_not_a_crash() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rolegate"))
        .args(["matrix", "--policy", "platform"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before anything is read
    let mut stderr = String::new();
    child.stderr.take().unwrap().read_to_string(&mut stderr).unwrap();
    let status = child.wait().unwrap();
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(status.code(), Some(0));
}

/// The `acme` organization of the administration vectors, as a file.
fn acme() -> String {
    let vectors: Value = serde_json::from_str(include_str!("vectors/admin.json")).unwrap();
    temp_file("acme.json", &vectors["orgs"]["acme"].to_string())
}

fn with_stdin(args: &[&str], input: &str) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_rolegate"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    std::io::Write::write_all(&mut child.stdin.take().unwrap(), input.as_bytes()).unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn apply_prints_the_new_organization() {
    let org = acme();
    let op = temp_file("approve.json", r#"{ "op": "approve", "member": "paul" }"#);
    let out = run(
        &["apply", "--policy", "mytrumpf", "--org", &org, "--actor", "anna", "--now", "2026-11-22T12:00:00Z", &op],
        0,
    );
    let next: Value = serde_json::from_str(&out).expect("the new organization, as JSON");
    let paul = next["members"].as_array().unwrap().iter().find(|m| m["id"] == "paul").unwrap();
    assert_eq!((paul["status"].as_str(), paul["since"].as_str()), (Some("active"), Some("2026-11-22T12:00:00Z")));

    // The operation from standard input; without --now, the clock's time.
    let out = with_stdin(
        &["apply", "--policy", "mytrumpf", "--org", &org, "--actor", "anna", "-"],
        r#"{"op":"invite","email":"neu@acme.example","name":"Neu"}"#,
    );
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let next: Value = serde_json::from_slice(&out.stdout).unwrap();
    let expires = next["invitations"].as_array().unwrap().last().unwrap()["expiresAt"].as_str().unwrap().to_string();
    assert!(expires.as_str() > "2026-11-22T12:00:00Z" && expires.ends_with('Z'), "{expires}");
}

#[test]
fn apply_refused_lists_every_violation_with_status_1() {
    let org = acme();
    let op = temp_file("self.json", r#"{ "op": "assignRoles", "member": "anna", "roles": ["operator", "nope"] }"#);
    let args = [
        "apply",
        "--policy",
        "mytrumpf",
        "--org",
        org.as_str(),
        "--actor",
        "anna",
        "--now",
        "2026-11-22T12:00:00Z",
        op.as_str(),
    ];
    let out = run(&args, 1);
    assert!(out.contains("unknown_role operation.roles[1]: unknown role 'nope'\n"), "no stray full stop: {out}");
    assert!(out.contains("self_demotion"), "{out}");
    assert!(out.ends_with("\n2 violations: refused\n"), "{out}");
    let de = run(&[&args[..], &["--lang", "de"]].concat(), 1);
    assert!(de.contains("unbekannte Rolle 'nope'\n") && de.ends_with("\n2 Verstöße: abgelehnt\n"), "{de}");
    let json: Value = serde_json::from_str(&run(&[&args[..], &["--format", "json"]].concat(), 1)).unwrap();
    assert_eq!(json["ok"], false);
    let codes: Vec<&str> = json["violations"].as_array().unwrap().iter().map(|v| v["code"].as_str().unwrap()).collect();
    assert!(codes.contains(&"unknown_role") && codes.contains(&"self_demotion"), "{codes:?}");
}

#[test]
fn apply_bad_input_is_one_line_and_status_2() {
    let org = acme();
    let op = temp_file("ok.json", r#"{ "op": "approve", "member": "paul" }"#);
    let bad_op = temp_file("bad-op.json", r#"{ "op": "promote", "member": "paul" }"#);
    let bad_org = temp_file("bad-org.json", r#"{ "tenant": "acme", "members": [ { "id": 7 } ] }"#);
    let e = bad_input(&["apply", "--policy", "mytrumpf", "--org", &org, "--actor", "anna", &bad_op]);
    assert!(e.contains("operation.op: unknown operation 'promote'"), "{e}");
    let e = bad_input(&["apply", "--policy", "mytrumpf", "--org", &bad_org, "--actor", "anna", &op]);
    assert!(e.contains("org.members[0].id") && e.contains("kind"), "every problem, on one line: {e}");
    let e = bad_input(&["apply", "--policy", "mytrumpf", "--org", "/nonexistent/org.json", "--actor", "anna", &op]);
    assert!(e.contains("cannot read '/nonexistent/org.json': no such file"), "{e}");
    // A time that is not RFC 3339 is a violation of the operation, reported like the others.
    let out = run(&["apply", "--policy", "mytrumpf", "--org", &org, "--actor", "anna", "--now", "tomorrow", &op], 1);
    assert!(out.starts_with("invalid_time now:"), "{out}");
}

#[test]
fn lint_org_and_who_can() {
    let org = acme();
    let out = run(&["lint-org", "--policy", "mytrumpf", "--now", "2026-11-22T12:00:00Z", &org], 0);
    assert!(out.starts_with("info pending_too_long org.members[4]:"), "{out}");
    let json: Value = serde_json::from_str(&run(
        &["lint-org", "--policy", "mytrumpf", "--format", "json", "--now", "2026-11-22T12:00:00Z", &org],
        0,
    ))
    .unwrap();
    assert_eq!(json[0]["code"], "pending_too_long");
    let orphaned = temp_file(
        "orphaned.json",
        r#"{ "tenant": "t", "kind": "customer", "members": [ { "id": "o", "email": "o@t.example", "name": "O", "status": "active", "roles": ["operator"] } ] }"#,
    );
    let out = run(&["lint-org", "--policy", "mytrumpf", &orphaned], 1);
    assert!(out.starts_with("error no_active_admin"), "{out}");
    let e = bad_input(&["lint-org", "--policy", "platform", &org]);
    assert!(e.contains("does not fit the policy") && e.contains("org.kind"), "{e}");

    let out = run(&["who-can", "--policy", "mytrumpf", "--org", &org, "eshop.order.release"], 0);
    assert_eq!(out, "Anna Berg (anna): Purchaser\nMax Weber (max): Managing Director\n");
    let out = run(
        &[
            "who-can",
            "--policy",
            "mytrumpf",
            "--org",
            &org,
            "--resource",
            "facility=f1",
            "service.case.manage",
            "--lang",
            "de",
        ],
        0,
    );
    assert!(out.contains("Otto Lang (otto): ") && out.contains("@facility=f1"), "{out}");
    let json: Value = serde_json::from_str(&run(
        &["who-can", "--policy", "mytrumpf", "--org", &org, "--format", "json", "eshop.order.release"],
        0,
    ))
    .unwrap();
    assert_eq!(json.as_array().unwrap().len(), 2);
    // An unknown action is bad input with a suggestion, not "nobody".
    let e = bad_input(&["who-can", "--policy", "mytrumpf", "--org", &org, "eshop.order.plase"]);
    assert_eq!(e, "rolegate: action: unknown permission 'eshop.order.plase'. Did you mean 'eshop.order.place'?\n");
    // Without a resource only tenant-wide assignments count; --anywhere names the scoped ones too.
    assert_eq!(run(&["who-can", "--policy", "mytrumpf", "--org", &org, "service.case.manage"], 0), "nobody\n");
    let anywhere = run(&["who-can", "--policy", "mytrumpf", "--org", &org, "--anywhere", "service.case.manage"], 0);
    assert!(anywhere.starts_with("Otto Lang (otto): ") && anywhere.contains("@facility=f1"), "{anywhere}");
    let both =
        rolegate(&["who-can", "--policy", "mytrumpf", "--org", &org, "--anywhere", "--resource", "facility=f1", "x"]);
    assert_eq!(both.status.code(), Some(2), "--anywhere and --resource conflict");
}

#[test]
fn decide_explains_every_case_as_the_library_does() {
    let vectors: Value = serde_json::from_str(include_str!("vectors/decisions_mytrumpf.json")).unwrap();
    let engine = rolegate::PolicyEngine::builtin(rolegate::Builtin::Mytrumpf).unwrap();
    let mut cases: Vec<Value> = vectors["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| serde_json::json!({ "subject": c["subject"], "action": c["action"], "resource": c.get("resource") }))
        .collect();
    cases.push(serde_json::json!({ "subject": { "tenant": "acme", "roles": ["purchasr"] }, "action": "x" }));
    let file = temp_file("cases.json", &Value::Array(cases.clone()).to_string());
    let out: Value = serde_json::from_str(&run(&["decide", "--policy", "mytrumpf", &file], 0)).unwrap();
    assert_eq!(out["policy"], "mytrumpf");
    assert_eq!(out["fingerprint"], engine.fingerprint().as_str());
    let results = out["results"].as_array().unwrap();
    assert_eq!(results.len(), cases.len());
    for (case, result) in cases.iter().zip(results).take(cases.len() - 1) {
        let subject = rolegate::Subject::from_json(&case["subject"].to_string()).unwrap();
        let resource = case["resource"]
            .as_object()
            .map(|r| rolegate::Resource::from_json(&Value::from(r.clone()).to_string()).unwrap());
        let explained = engine.explain(&subject, case["action"].as_str().unwrap(), resource.as_ref()).unwrap();
        let expected: Value = serde_json::to_value(&explained).unwrap();
        assert_eq!(result, &expected, "{case}");
    }
    let error = &results.last().unwrap()["error"];
    assert_eq!(error["code"], "invalid_request");
    assert_eq!(error["problems"][0]["code"], "unknown_role");
    assert_eq!(error["problems"][0]["path"], "subject.roles[0]");
    assert!(error["problems"][0]["message"]["de"].as_str().unwrap().contains("purchasr"));
}

#[test]
fn decide_bad_input_is_one_line_and_status_2() {
    let e = bad_input(&["decide", "--policy", "mytrumpf", &temp_file("object.json", "{}")]);
    assert!(e.contains("must be a list of cases"), "{e}");
    let e = bad_input(&["decide", "--policy", "mytrumpf", &temp_file("broken.json", "[{")]);
    assert!(e.contains("not JSON (line 1"), "{e}");
    let e = bad_input(&["decide", "--policy", "mytrumpf", &temp_file("action.json", r#"[{"subject":{},"action":1}]"#)]);
    assert!(e.contains("[0].action"), "{e}");
    let e = bad_input(&[
        "decide",
        "--policy",
        "mytrumpf",
        &temp_file("extra.json", r#"[{"subject":{},"action":"a","who":1}]"#),
    ]);
    assert!(e.contains("unknown member 'who'"), "{e}");
    let out = with_stdin(&["decide", "--policy", "mytrumpf", "-"], "[]");
    assert_eq!(out.status.code(), Some(0));
    let out: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(out["results"], serde_json::json!([]));
}

#[test]
fn plan_in_words_and_as_json_with_its_exit_status() {
    let otto =
        ["plan", "--policy", "mytrumpf", "--tenant", "acme", "--roles", "operator@facility=f1,operator@facility=f3"];
    let en = run(&[&otto[..], &["service.case.manage"]].concat(), 0);
    assert_eq!(
        en,
        "conditional: service.case.manage is allowed on resources of tenant acme in any of these scopes:\n  \
         - Facility facility=f1\n  - Facility facility=f3\n"
    );
    let de = run(&[&otto[..], &["--lang", "de", "service.case.manage"]].concat(), 0);
    assert!(de.starts_with("bedingt: service.case.manage ist bei Ressourcen des Mandanten acme"), "{de}");
    assert!(de.contains("- Standort facility=f1\n"), "{de}");
    let json: Value = serde_json::from_str(&run(&[&otto[..], &["--json", "service.case.manage"]].concat(), 0)).unwrap();
    assert_eq!(
        json,
        serde_json::json!({ "decision": "conditional", "tenant": "acme", "anyOf": [{ "facility": "f1" }, { "facility": "f3" }] })
    );
    let never = run(&[&otto[..], &["eshop.order.place"]].concat(), 1);
    assert_eq!(never, "never: eshop.order.place is allowed on no resource (not_granted).\n");
    let always = run(
        &[
            "plan",
            "--policy",
            "mytrumpf",
            "--tenant",
            "acme",
            "--roles",
            "purchaser",
            "--lang",
            "de",
            "eshop.order.place",
        ],
        0,
    );
    assert_eq!(always, "immer: eshop.order.place ist bei jeder Ressource des Mandanten acme erlaubt.\n");
    let e = bad_input(&["plan", "--policy", "mytrumpf", "--roles", "opertor", "service.case.manage"]);
    assert!(e.contains("unknown role 'opertor'") && e.contains("Did you mean 'operator'"), "{e}");
}

#[test]
fn plan_cases_plans_every_vector_as_the_library_does() {
    let vectors: Value = serde_json::from_str(include_str!("vectors/plans.json")).unwrap();
    for policy in ["mytrumpf", "platform"] {
        let mine: Vec<&Value> = vectors["cases"].as_array().unwrap().iter().filter(|c| c["policy"] == policy).collect();
        let mut cases: Vec<Value> =
            mine.iter().map(|c| serde_json::json!({ "subject": c["subject"], "action": c["action"] })).collect();
        cases.push(serde_json::json!({ "subject": { "tenant": "acme", "roles": ["purchasr"] }, "action": "x" }));
        let file = temp_file("plans.json", &Value::Array(cases).to_string());
        let out: Value = serde_json::from_str(&run(&["plan", "--policy", policy, "--cases", &file], 0)).unwrap();
        assert_eq!(out["policy"], policy);
        let results = out["results"].as_array().unwrap();
        for (case, result) in mine.iter().zip(results) {
            assert_eq!(result, &case["expect"], "{}", case["name"]);
        }
        assert_eq!(results.len(), mine.len() + 1);
        let paths: Vec<&Value> =
            results.last().unwrap()["error"]["problems"].as_array().unwrap().iter().map(|p| &p["path"]).collect();
        assert!(paths.contains(&&Value::from("subject.roles[0]")), "{paths:?}");
    }
    let with_resource = r#"[{"subject":{"tenant":"acme","roles":[]},"action":"a","resource":{}}]"#;
    let e = bad_input(&["plan", "--policy", "mytrumpf", "--cases", &temp_file("r.json", with_resource)]);
    assert!(e.contains("[0]: unknown member 'resource': a case is { subject, action, at? }"), "{e}");
    let e = bad_input(&["plan", "--policy", "mytrumpf", "--cases", &temp_file("o.json", "{}")]);
    assert!(e.contains("must be a list of cases { subject, action, at? }"), "{e}");
    let out = rolegate(&["plan", "--policy", "mytrumpf", "--cases", "x.json", "--roles", "purchaser"]);
    assert_eq!(out.status.code(), Some(2), "--cases and --roles conflict");
    let out = rolegate(&["plan", "--policy", "mytrumpf"]);
    assert_eq!(out.status.code(), Some(2), "an action or --cases is needed");
}

/// The README's example objects of the onboarding operations, through `rolegate apply`: Cora
/// invites a company into examples/org/servo.json; on that snapshot the invitee accepts (two
/// snapshots printed) or Cora revokes the invitation.
#[test]
fn the_readme_onboarding_operations_apply() {
    let readme = include_str!("../README.md");
    let op = |name: &str| -> String {
        let start =
            readme.find(&format!("```json\n{{ \"op\": \"{name}\"")).unwrap_or_else(|| panic!("README shows {name}"));
        let block = &readme[start + "```json\n".len()..];
        temp_file(&format!("{name}.json"), &block[..block.find("```").unwrap()])
    };
    let now = "2026-11-22T12:00:00Z";
    let common = ["apply", "--policy", "platform", "--now", now, "--org"];
    let invite = op("inviteTenant");
    let invited = run(&[&common[..], &["examples/org/servo.json", "--actor", "cora", &invite]].concat(), 0);
    let invited_file = temp_file("invited.json", &invited);
    let org: Value = serde_json::from_str(&invited).unwrap();
    assert_eq!(org["tenantInvitations"][1]["id"], "tinv-2");
    assert_eq!(org["tenantInvitations"][1]["status"], "open");

    let accepted = run(
        &[&common[..], &[&invited_file, "--actor", "olga@north.example", &op("acceptTenantInvitation")]].concat(),
        0,
    );
    let both: Value = serde_json::from_str(&accepted).unwrap();
    assert_eq!(both["org"]["tenantInvitations"][1]["status"], "used");
    assert_eq!(both["created"]["tenant"], "north");
    assert_eq!(both["created"]["members"][0]["roles"][0], "tenant_admin");
    assert_eq!(both["created"]["invitedBy"]["tenant"], "servo");

    let revoked = run(&[&common[..], &[&invited_file, "--actor", "cora", &op("revokeTenantInvitation")]].concat(), 0);
    let org: Value = serde_json::from_str(&revoked).unwrap();
    assert_eq!(org["tenantInvitations"][1]["status"], "revoked");
    // The invitee cannot accept it any more.
    let revoked_file = temp_file("revoked.json", &revoked);
    let refused = run(
        &[&common[..], &[&revoked_file, "--actor", "olga@north.example", &op("acceptTenantInvitation")]].concat(),
        1,
    );
    assert!(refused.starts_with("invitation_revoked operation.invitation"), "{refused}");
}

/// `rolegate types`: the declarations of a policy's ids; the package's types carry the
/// built-ins' exactly as the command writes them.
#[test]
fn types_declare_the_policy_ids() {
    let declarations = include_str!("../js/rolegate.d.ts");
    for policy in ["mytrumpf", "platform"] {
        let out = run(&["types", "--policy", policy], 0);
        let block = &out[out.find("/** The ids of policy").expect("the interface")..];
        assert!(
            declarations.contains(block),
            "js/rolegate.d.ts carries the {policy} ids as `rolegate types` writes them"
        );
        assert!(out.contains("import type { PolicyIds } from 'rolegate';"), "{out}");
    }
    let out = run(&["types", "--policy", "examples/policy/shop.json"], 0);
    assert!(out.contains("export interface ShopIds extends PolicyIds {"), "{out}");
    for id in ["\"order.place\"", "\"cases.manage\"", "\"technician\"", "\"customer\"", "\"service\"", "\"facility\""] {
        assert!(out.contains(id), "{id} in {out}");
    }
    let named = run(&["types", "--policy", "mytrumpf", "--name", "PortalIds"], 0);
    assert!(named.contains("export interface PortalIds extends PolicyIds {"));
    let error = bad_input(&["types", "--policy", "mytrumpf", "--name", "not an identifier"]);
    assert!(error.contains("--name"), "{error}");
    bad_input(&["types", "--policy", "nope.json"]);
}

/// The approval vectors (tests/vectors/approvals.json) through the command line: `decide` (with
/// `--org` for a member, or for a subject with the tenant's rules), and each request's life
/// through `submit`, `approve`, `reject`, `cancel`, `expire` and `eligible`: the same answers as
/// natively, with the documented exit statuses.
#[test]
fn approval_vectors_through_the_command_line() {
    let vectors: Value = serde_json::from_str(include_str!("vectors/approvals.json")).unwrap();
    let policy_of = |case: &Value| match vectors["policies"].get(case["policy"].as_str().unwrap()) {
        Some(doc) => temp_file("policy.json", &doc.to_string()),
        None => case["policy"].as_str().unwrap().to_string(),
    };
    let org_file = |name: &str| temp_file("org.json", &vectors["orgs"][name].to_string());
    let mut decided = 0;
    for case in vectors["decisions"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let policy = policy_of(case);
        let resource = case.get("resource").cloned().unwrap_or(Value::Null);
        let expect = &case["expect"];
        let (org, entry) = if let Some(member) = case.get("member") {
            (
                Some(org_file(case["org"].as_str().unwrap())),
                serde_json::json!({ "member": member, "action": case["action"], "resource": resource }),
            )
        } else if let Some(rules) = case.get("rules") {
            let subject = &case["subject"];
            let org = serde_json::json!({ "tenant": subject["tenant"], "kind": "customer", "members": [], "approvalRules": rules });
            (
                Some(temp_file("org.json", &org.to_string())),
                serde_json::json!({ "subject": subject, "action": case["action"], "resource": resource }),
            )
        } else {
            (None, serde_json::json!({ "subject": case["subject"], "action": case["action"], "resource": resource }))
        };
        let cases = temp_file("cases.json", &Value::from(vec![entry]).to_string());
        let mut args = vec!["decide", "--policy", &policy];
        if let Some(org) = &org {
            args.extend(["--org", org]);
        }
        args.push(&cases);
        // Rules that do not fit the policy make the organization unusable: bad input.
        if expect["error"]["code"] == "invalid_rule" {
            assert!(bad_input(&args).contains("does not fit the policy"), "{name}");
            continue;
        }
        let out: Value = serde_json::from_str(&run(&args, 0)).unwrap();
        let result = &out["results"][0];
        match expect.get("error") {
            // An attribute that does not read is explained (as `explain` in JavaScript does).
            Some(_) => assert_eq!(result["code"], "invalid_attribute", "{name}: {result}"),
            None => {
                for key in ["allowed", "effect", "code"] {
                    assert_eq!(result[key], expect[key], "{name}: {key}");
                }
                assert_eq!(result.get("approval"), expect.get("approval"), "{name}: approval");
            }
        }
        decided += 1;
    }
    assert!(decided >= 20, "{decided} decisions");

    let mut steps = 0;
    for case in vectors["lifecycle"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let policy = policy_of(case);
        let org = org_file(case["org"].as_str().unwrap());
        let mut current: Option<String> = None;
        for entry in case["steps"].as_array().unwrap() {
            let expect = &entry["expect"];
            if entry.get("eligible").is_some() {
                let file = current.clone().expect("a request");
                let want: Vec<&str> = expect.as_array().unwrap().iter().map(|v| v.as_str().unwrap()).collect();
                let out = run(
                    &["eligible", "--policy", &policy, "--org", &org, "--format", "json", &file],
                    if want.is_empty() { 1 } else { 0 },
                );
                let members: Value = serde_json::from_str(&out).unwrap();
                let ids: Vec<&str> = members.as_array().unwrap().iter().map(|m| m["id"].as_str().unwrap()).collect();
                assert_eq!(ids, want, "{name}: eligible");
                continue;
            }
            let ok = expect["ok"].as_bool().unwrap();
            let now = entry["now"].as_str().unwrap();
            let out = if let Some(submit) = entry.get("submit") {
                let mut args = vec!["submit", "--policy", &policy, "--org", &org, "--now", now, "--format", "json"];
                // key=value,… (and a JSON object for a value with a comma in it).
                let attributes = submit["resource"].as_object().map(|r| {
                    let values = r.values().map(|v| v.as_str().map_or_else(|| v.to_string(), String::from));
                    if values.clone().any(|v| v.contains(',')) {
                        return submit["resource"].to_string();
                    }
                    r.keys().zip(values).map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(",")
                });
                if let Some(attributes) = &attributes {
                    args.extend(["--resource", attributes]);
                }
                let requester = submit["requester"].as_str().unwrap();
                let id = submit["id"].as_str().unwrap();
                args.extend(["--requester", requester, "--id", id, submit["action"].as_str().unwrap()]);
                run(&args, if ok { 0 } else { 1 })
            } else {
                let file = match entry.get("request") {
                    Some(doc) => temp_file("request.json", &doc.to_string()),
                    None => current.clone().expect("a request"),
                };
                let step = &entry["step"];
                let command = step["step"].as_str().unwrap();
                let actor = entry["actor"].as_str().unwrap();
                let mut args = vec![
                    command, "--policy", &policy, "--org", &org, "--now", now, "--actor", actor, "--format", "json",
                ];
                let reason = step.get("reason").and_then(Value::as_str);
                if let Some(reason) = reason {
                    args.extend(["--reason", reason]);
                }
                args.push(&file);
                run(&args, if ok { 0 } else { 1 })
            };
            let answer: Value = serde_json::from_str(&out).unwrap();
            if ok {
                assert_eq!(answer, expect["request"], "{name}: the request");
                current = Some(temp_file("request.json", &out));
            } else {
                let codes: Vec<Value> = answer["violations"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|v| serde_json::json!({ "code": v["code"], "path": v["path"] }))
                    .collect();
                assert_eq!(Value::from(codes), expect["violations"], "{name}: the violations");
            }
            steps += 1;
        }
    }
    assert!(steps >= 30, "{steps} steps");
}

#[test]
fn schema_prints_each_documents_json_schema() {
    for name in ["policy", "organization", "operation"] {
        let printed = run(&["schema", name], 0);
        let path = format!("{}/schema/{name}.json", env!("CARGO_MANIFEST_DIR"));
        assert_eq!(printed, std::fs::read_to_string(&path).unwrap(), "{name}: the committed file");
        let schema: serde_json::Value = serde_json::from_str(&printed).unwrap();
        assert_eq!(schema["$id"], format!("https://rolegate.dev/schema/{name}.json"));
    }
    // A usage error, as clap reports one (status 2), naming the schemas there are.
    let out = rolegate(&["schema", "subject"]);
    let message = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{message}");
    assert!(out.stdout.is_empty() && message.contains("policy, organization, operation"), "{message}");
}

/// The time-bound assignments' vectors through `decide` and `plan --cases` (each case's `at`),
/// and `--now` for `explain`, `plan` and cases without an `at`.
#[test]
fn windows_are_decided_at_the_instant_given() {
    let vectors: Value = serde_json::from_str(include_str!("vectors/windows.json")).unwrap();
    let decisions = vectors["decisions"].as_array().unwrap();
    let cases: Vec<Value> = decisions
        .iter()
        .map(|c| serde_json::json!({ "subject": c["subject"], "action": c["action"], "resource": c["resource"], "at": c["at"] }))
        .collect();
    let out: Value = serde_json::from_str(&run(
        &["decide", "--policy", "mytrumpf", &temp_file("w.json", &Value::Array(cases).to_string())],
        0,
    ))
    .unwrap();
    for (case, result) in decisions.iter().zip(out["results"].as_array().unwrap()) {
        assert_eq!(
            (&result["allowed"], &result["code"]),
            (&case["expect"]["allowed"], &case["expect"]["code"]),
            "{}",
            case["name"]
        );
        if let Some(granted_by) = case["expect"].get("grantedBy") {
            assert_eq!(&result["grantedBy"], granted_by, "{}", case["name"]);
        }
    }
    let plans = vectors["plans"].as_array().unwrap();
    let cases: Vec<Value> = plans
        .iter()
        .map(|c| serde_json::json!({ "subject": c["subject"], "action": c["action"], "at": c["at"] }))
        .collect();
    let file = temp_file("wp.json", &Value::Array(cases).to_string());
    let out: Value = serde_json::from_str(&run(&["plan", "--policy", "mytrumpf", "--cases", &file], 0)).unwrap();
    for (case, result) in plans.iter().zip(out["results"].as_array().unwrap()) {
        assert_eq!(result, &case["expect"], "{}", case["name"]);
    }
    // --now: a case without an `at` of its own, and a time that is not one.
    let timed = r#"[{"subject":{"tenant":"acme","roles":[{"role":"purchaser","until":"2026-12-15T00:00:00Z"}]},"action":"admin.users.invite"}]"#;
    let file = temp_file("wn.json", timed);
    let before: Value =
        serde_json::from_str(&run(&["decide", "--policy", "mytrumpf", "--now", "2026-12-14T23:59:59Z", &file], 0))
            .unwrap();
    assert_eq!(before["results"][0]["code"], "granted");
    let after: Value =
        serde_json::from_str(&run(&["decide", "--policy", "mytrumpf", "--now", "2026-12-15T00:00:00Z", &file], 0))
            .unwrap();
    assert_eq!(after["results"][0]["code"], "outside_window");
    let e = bad_input(&["decide", "--policy", "mytrumpf", "--now", "tomorrow", &file]);
    assert!(e.contains("--now: 'tomorrow' is not an RFC 3339 time"), "{e}");
    let bad_at = r#"[{"subject":{"tenant":"acme","roles":[]},"action":"a","at":"12/15/2026"}]"#;
    let e = bad_input(&["decide", "--policy", "mytrumpf", &temp_file("wa.json", bad_at)]);
    assert!(e.contains("[0].at: '12/15/2026' is not an RFC 3339 time"), "{e}");
    // `explain` and `plan` decide at --now (their --roles have no windows; the time is still theirs).
    let out = run(
        &[
            "explain",
            "--policy",
            "mytrumpf",
            "--roles",
            "purchaser",
            "--now",
            "2026-12-10T00:00:00Z",
            "admin.users.invite",
        ],
        0,
    );
    assert!(out.contains("Allowed"), "{out}");
    let e = bad_input(&["plan", "--policy", "mytrumpf", "--roles", "purchaser", "--now", "soon", "admin.users.invite"]);
    assert!(e.contains("--now: 'soon' is not an RFC 3339 time"), "{e}");
}
