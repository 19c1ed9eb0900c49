//! Both built-in matrices, cell by cell, against `tests/vectors/matrices.json` (transcribed from
//! domain.md). Every cell is checked twice: in the matrix query, and as a decision.

mod common;

use common::*;
use rolegate::{Builtin, Cell, Lang, PolicyEngine, Subject};
use serde_json::Value;
use std::collections::BTreeMap;

type Cells = BTreeMap<String, BTreeMap<String, Cell>>;

/// The engine's matrix cells as the test's nested BTreeMaps.
fn cells(matrix: &rolegate::Matrix) -> Cells {
    matrix.cells.iter().map(|(role, row)| (role.clone(), row.iter().map(|(p, c)| (p.clone(), *c)).collect())).collect()
}

fn cell_of(mark: &str) -> Option<Cell> {
    match mark {
        "✔" => Some(Cell::Direct),
        "(✔)" => Some(Cell::Implied),
        "–" => None,
        other => panic!("unknown mark {other}"),
    }
}

/// Checks every (role, permission) cell of `expected` as a decision for a subject of the role.
fn check_decisions(engine: &PolicyEngine, expected: &Cells, kind_of: impl Fn(&str) -> (String, Vec<String>)) {
    let permissions = engine.permissions();
    for (role, row) in expected {
        let (kind, modules) = kind_of(role);
        let modules: Vec<&str> = modules.iter().map(String::as_str).collect();
        let subject = Subject::new("acme", &[role.as_str()]).with_kind(&kind).with_modules(&modules);
        let session = engine.session(&subject).expect("subject fits");
        for p in &permissions {
            let want = row.contains_key(&p.id);
            assert_eq!(session.can(&p.id, None), want, "{role} / {}", p.id);
            assert_eq!(engine.can(&subject, &p.id, None).unwrap(), want, "{role} / {}", p.id);
        }
    }
}

#[test]
fn mytrumpf_matrix_is_domain_md_cell_by_cell() {
    let vectors = json(MATRICES);
    let m = &vectors["mytrumpf"];
    let roles: Vec<&str> = m["roles"].as_array().unwrap().iter().map(|r| r.as_str().unwrap()).collect();
    let mut expected: Cells = roles.iter().map(|r| (r.to_string(), BTreeMap::new())).collect();
    let rows = m["rows"].as_object().unwrap();
    for (perm, marks) in rows {
        for (role, mark) in roles.iter().zip(marks.as_array().unwrap()) {
            if let Some(cell) = cell_of(mark.as_str().unwrap()) {
                expected.get_mut(*role).unwrap().insert(perm.clone(), cell);
            }
        }
    }

    let engine = PolicyEngine::builtin(Builtin::Mytrumpf).unwrap();
    for lang in Lang::ALL {
        let matrix = engine.matrix(None, lang).unwrap();
        assert_eq!(matrix.roles.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), roles, "columns in domain.md order");
        let mut row_ids: Vec<&str> = matrix.permissions.iter().map(|p| p.id.as_str()).collect();
        let mut want_rows: Vec<&str> = rows.keys().map(String::as_str).collect();
        row_ids.sort_unstable();
        want_rows.sort_unstable();
        assert_eq!(row_ids, want_rows, "exactly the permissions of domain.md");
        assert_eq!(cells(&matrix), expected);
    }
    let matrix = engine.matrix(None, Lang::De).unwrap();
    assert_eq!(matrix.roles[0].label, "Einkäufer");
    assert_eq!(matrix.permissions.iter().find(|p| p.id == "eshop.order.place").unwrap().label, "Bestellen");

    let admins: Vec<String> = engine.roles(None).unwrap().into_iter().filter(|r| r.admin).map(|r| r.id).collect();
    assert_eq!(Value::from(admins), m["admin"], "exactly two administrator roles");
    assert_eq!(engine.kinds()[0].default_role.as_deref(), m["defaultRole"].as_str());
    let defaults: Vec<String> = engine.roles(None).unwrap().into_iter().filter(|r| r.default).map(|r| r.id).collect();
    assert_eq!(defaults, ["service_engineer"]);

    check_decisions(&engine, &expected, |_| ("customer".into(), vec![]));
}

#[test]
fn platform_matrix_follows_domain_md_feature_tables() {
    let vectors = json(MATRICES);
    let p = &vectors["platform"];
    let features = p["features"].as_object().unwrap();
    let mut expected: Cells = BTreeMap::new();
    for (role, spec) in p["roles"].as_object().unwrap() {
        let mut row = BTreeMap::new();
        for (feature, level) in spec["features"].as_object().unwrap() {
            let lists = &features[feature];
            let actions = |level: &str| {
                lists[level].as_array().unwrap().iter().map(|a| a.as_str().unwrap().to_string()).collect::<Vec<_>>()
            };
            match level.as_str().unwrap() {
                "manage" => {
                    row.insert(format!("{feature}.manage"), Cell::Direct);
                    row.insert(format!("{feature}.read"), Cell::Implied);
                    for a in actions("read").into_iter().chain(actions("manage")) {
                        row.insert(a, Cell::Implied);
                    }
                }
                "read" => {
                    row.insert(format!("{feature}.read"), Cell::Direct);
                    for a in actions("read") {
                        row.insert(a, Cell::Implied);
                    }
                }
                other => panic!("level {other}"),
            }
        }
        expected.insert(role.clone(), row);
    }

    let engine = PolicyEngine::builtin(Builtin::Platform).unwrap();
    let matrix = engine.matrix(None, Lang::En).unwrap();
    assert_eq!(cells(&matrix), expected, "every role's cells, feature levels and fine-grained actions");
    let all_actions: usize =
        features.values().map(|f| f["read"].as_array().unwrap().len() + f["manage"].as_array().unwrap().len()).sum();
    assert_eq!(matrix.permissions.len(), 2 * features.len() + all_actions, "no permission beyond domain.md's tables");

    let infos = engine.roles(None).unwrap();
    assert_eq!(infos.len(), p["roles"].as_object().unwrap().len());
    for info in &infos {
        let spec = &p["roles"][&info.id];
        assert_eq!(Value::from(info.kinds.clone()), spec["kinds"], "{} kinds", info.id);
        assert_eq!(Value::from(info.modules.clone()), spec["modules"], "{} modules", info.id);
        assert_eq!(Value::from(info.admin), spec["admin"], "{} admin", info.id);
        assert_eq!(Value::from(info.deprecated), spec["deprecated"], "{} deprecated", info.id);
    }
    for kind in engine.kinds() {
        let spec = &p["kinds"][&kind.id];
        let modules: Vec<String> = kind.modules.iter().map(|m| m.id.clone()).collect();
        assert_eq!(Value::from(modules), spec["modules"], "{} modules", kind.id);
        assert_eq!(kind.default_role.as_deref(), spec["defaultRole"].as_str(), "{} default role", kind.id);
        assert!(kind.admins_administrative_only, "tenant admins have no operational permission");
    }

    check_decisions(&engine, &expected, |role| {
        let spec = &p["roles"][role];
        let kind = spec["kinds"][0].as_str().unwrap().to_string();
        let modules = spec["modules"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_string()).collect();
        (kind, modules)
    });
}

#[test]
fn a_kind_filter_keeps_its_roles_and_the_permissions_they_hold() {
    let engine = PolicyEngine::builtin(Builtin::Platform).unwrap();
    let matrix = engine.matrix(Some("operator"), Lang::En).unwrap();
    let roles: Vec<&str> = matrix.roles.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        roles,
        ["tenant_admin", "machine_operator", "workshop_manager", "operator_internal", "maintenance_engineer"]
    );
    assert!(
        matrix.permissions.iter().all(|p| matrix.cells.values().any(|row| row.contains_key(&p.id))),
        "no empty rows"
    );
    assert!(
        !matrix.permissions.iter().any(|p| p.id == "remote_session.start"),
        "service provider permissions are left out"
    );
    assert!(matrix.roles.iter().find(|r| r.id == "operator_internal").unwrap().modules == ["internal_service_cases"]);

    let err = engine.matrix(Some("operater"), Lang::En).unwrap_err();
    assert_eq!(err.problems[0].message.en, "unknown tenant kind 'operater'. Did you mean 'operator'?");
    assert!(engine.roles(Some("nope")).is_err());
}

#[test]
fn matrix_json_has_the_documented_shape() {
    let engine = PolicyEngine::builtin(Builtin::Mytrumpf).unwrap();
    let value = as_json(&engine.matrix(None, Lang::De).unwrap());
    assert_eq!(value["roles"][0]["id"], "purchaser");
    assert_eq!(value["roles"][0]["label"], "Einkäufer");
    assert_eq!(value["permissions"][3]["id"], "eshop.order.place");
    assert_eq!(value["cells"]["purchaser"]["eshop.order.place"], "direct");
    assert_eq!(value["cells"]["purchaser"]["eshop.order.request"], "implied");
    assert!(value["cells"]["operator"].get("eshop.order.place").is_none(), "not granted = absent");
}
