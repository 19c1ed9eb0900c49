//! Native benchmarks: loading each built-in policy, and single decisions — one-off from a
//! subject, and on a compiled session. `cargo bench --bench engine`.

use criterion::{criterion_group, criterion_main, Criterion};
use rolegate::{Builtin, PolicyEngine, Resource, RoleAssignment, Subject};
use std::hint::black_box;

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    for builtin in Builtin::ALL {
        group.bench_function(builtin.id(), |b| b.iter(|| PolicyEngine::builtin(black_box(builtin)).unwrap()));
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
    group.finish();
}

criterion_group!(benches, load, decide);
criterion_main!(benches);
