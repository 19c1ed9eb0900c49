//! Native benchmarks: loading each built-in policy (from JSON and from its snapshot), and single
//! decisions — one-off from a subject, and on a compiled session; and at scale: a policy of 2,000
//! roles and 500 permissions, decisions in it (the cost must not grow with the roles), and an
//! organization of 100,000 members loaded once and asked `who_can`. `cargo bench --bench engine`
//! (`make bench`).

use criterion::{criterion_group, criterion_main, Criterion};
use rolegate::admin::Organization;
use rolegate::{Builtin, PolicyEngine, Resource, RoleAssignment, Subject};
use serde_json::{json, Value};
use std::hint::black_box;

/// A policy of `roles` roles and `permissions` permissions: every tenth permission implies the
/// one before it, every role grants twelve permissions spread over the range.
fn large_policy(roles: usize, permissions: usize) -> String {
    let label = |s: &str| json!({ "en": s, "de": format!("{s} (de)") });
    let perms: Vec<Value> = (0..permissions)
        .map(|p| {
            let mut perm = json!({ "id": format!("p{p}"), "label": label(&format!("Permission {p}")) });
            if p % 10 == 9 {
                perm["implies"] = json!([format!("p{}", p - 1)]);
            }
            perm
        })
        .collect();
    let roles: Vec<Value> = (0..roles)
        .map(|r| {
            let grants: Vec<String> = (0..12).map(|k| format!("p{}", (r * 7 + k * 41) % permissions)).collect();
            json!({ "id": format!("r{r}"), "label": label(&format!("Role {r}")), "grants": grants, "admin": r == 0 })
        })
        .collect();
    json!({
        "version": 1, "id": "large", "label": label("Large"),
        "scopes": [{ "id": "facility", "label": label("Facility") }],
        "tenantKinds": [{ "id": "k", "label": label("Kind"), "defaultRole": "r1" }],
        "permissions": perms, "roles": roles
    })
    .to_string()
}

/// An organization of `n` active members of mytrumpf's customer kind, as a large company looks:
/// one in a hundred a purchaser, one in a hundred a production manager (both may release order
/// requests), one in a hundred an operator, one in ten a service engineer of one of ten
/// facilities, the others programmers. benches/js/compare.mjs builds the same one.
fn large_org(n: usize) -> Organization {
    let members: Vec<Value> = (0..n)
        .map(|i| {
            let roles = match (i % 100, i % 10) {
                (0, _) => json!(["purchaser"]),
                (50, _) => json!(["production_manager"]),
                (20, _) => json!(["operator"]),
                (_, 3) => json!([{ "role": "service_engineer", "scope": { "facility": format!("f{}", i / 10 % 10) } }]),
                _ => json!(["programmer"]),
            };
            json!({ "id": format!("m{i}"), "email": format!("m{i}@acme.example"), "name": format!("M {i}"), "status": "active", "roles": roles })
        })
        .collect();
    Organization::from_json(&json!({ "tenant": "acme", "kind": "customer", "members": members }).to_string()).unwrap()
}

fn scale(c: &mut Criterion) {
    let mut group = c.benchmark_group("scale");
    group.sample_size(10);
    let policy = large_policy(2000, 500);
    group.bench_function("load a policy of 2,000 roles and 500 permissions", |b| {
        b.iter(|| PolicyEngine::from_json(black_box(&policy)).unwrap())
    });
    let large = PolicyEngine::from_json(&policy).unwrap();
    let small = PolicyEngine::from_json(&large_policy(20, 500)).unwrap();
    for (name, engine) in [("20 roles", &small), ("2,000 roles", &large)] {
        let session = engine.session(&Subject::new("t", &["r3", "r11"])).unwrap();
        group.bench_function(format!("session.can in a policy of {name}"), |b| {
            b.iter(|| session.can(black_box("p99"), None))
        });
        let subject = Subject::new("t", &["r3", "r11"]);
        group.bench_function(format!("engine.decide in a policy of {name}"), |b| {
            b.iter(|| engine.decide(black_box(&subject), black_box("p99"), None).unwrap())
        });
    }
    let engine = PolicyEngine::builtin(Builtin::Mytrumpf).unwrap();
    let org = large_org(100_000);
    group.bench_function("load an organization of 100,000 members", |b| {
        b.iter(|| engine.organization(black_box(org.clone())).unwrap())
    });
    let handle = engine.organization(org).unwrap();
    let f3 = Resource::new(&[("facility", "f3")]);
    group.bench_function("who_can in 100,000 members (2,000 may release)", |b| {
        b.iter(|| handle.who_can(black_box("eshop.order.release"), None))
    });
    group.bench_function("who_can in 100,000 members (3,000 may manage cases in f3)", |b| {
        b.iter(|| handle.who_can(black_box("service.case.manage"), Some(&f3)))
    });
    group.finish();
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    for builtin in Builtin::ALL {
        group.bench_function(builtin.id(), |b| b.iter(|| PolicyEngine::builtin(black_box(builtin)).unwrap()));
        let snapshot = PolicyEngine::builtin(builtin).unwrap().snapshot();
        group.bench_function(format!("{} from its snapshot", builtin.id()), |b| {
            b.iter(|| PolicyEngine::from_snapshot(black_box(&snapshot)).unwrap())
        });
    }
    group.finish();
}

fn decide(c: &mut Criterion) {
    let engine = PolicyEngine::builtin(Builtin::Mytrumpf).unwrap();
    let mut subject = Subject::new("acme", &["programmer"]);
    subject.roles.push(RoleAssignment::scoped("operator", &[("facility", "f1")]));
    let session = engine.session(&subject).unwrap();
    let in_f1 = Resource::new(&[("facility", "f1")]);

    let mut group = c.benchmark_group("decision");
    group.bench_function("engine.decide (subject, allowed)", |b| {
        b.iter(|| engine.decide(black_box(&subject), black_box("eshop.order.request"), None).unwrap())
    });
    group.bench_function("session.can (tenant-wide, allowed)", |b| {
        b.iter(|| session.can(black_box("eshop.order.request"), None))
    });
    group.bench_function("session.can (denied)", |b| b.iter(|| session.can(black_box("eshop.order.place"), None)));
    group.bench_function("session.can (scoped, allowed)", |b| {
        b.iter(|| session.can(black_box("service.case.manage"), Some(black_box(&in_f1))))
    });
    group.bench_function("session.decide (with reason)", |b| {
        b.iter(|| session.decide(black_box("eshop.order.place"), None))
    });
    group.bench_function("engine.session (compile a subject)", |b| {
        b.iter(|| engine.session(black_box(&subject)).unwrap())
    });
    group.bench_function("session.explain", |b| b.iter(|| session.explain(black_box("eshop.cart.edit"), None)));
    group.bench_function("session.plan (scoped: conditional)", |b| {
        b.iter(|| session.plan(black_box("service.case.manage")))
    });
    group.finish();
}

criterion_group!(benches, load, decide, scale);
criterion_main!(benches);
