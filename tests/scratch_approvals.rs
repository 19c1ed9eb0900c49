use rolegate::Code;
use rolegate::admin::Organization;
use rolegate::{Builtin, Lang, PolicyEngine, Resource};
#[test]
fn scratch() {
    let engine = PolicyEngine::builtin(Builtin::Mytrumpf).unwrap();
    let org = Organization::from_json(&std::fs::read_to_string("examples/org/acme-approvals.json").unwrap()).unwrap();
    for (who, total) in [("anna", "100.00 EUR"), ("anna", "6000.00 EUR"), ("anna", "30000 EUR"), ("otto", "100 EUR"), ("otto", "6000 EUR"), ("max", "6000 EUR"), ("anna", "100 USD"), ("anna", "1,00 EUR")] {
        let s = engine.member_session(&org, who).unwrap();
        let r = Resource::new(&[("facility", "f1"), ("total", total)]);
        let e = s.evaluate("eshop.order.place", Some(&r));
        let x = s.explain("eshop.order.place", Some(&r));
        println!("{who} {total}: {:?}\n  {}\n  {}", e.map(|e| serde_json::to_string(&e).unwrap()), x.message.get(Lang::En), x.message.get(Lang::De));
        println!("  plan {}", serde_json::to_string(&s.plan("eshop.order.place")).unwrap());
    }
    let req = engine.submit(&org, "anna", "eshop.order.place", Some(&Resource::new(&[("total", "30000 EUR")])), "r1", "2026-12-02T10:00:00Z").unwrap();
    println!("{}", serde_json::to_string_pretty(&req).unwrap());
    println!("eligible {:?}", engine.eligible_approvers(&org, &req).unwrap().iter().map(|m| &m.id).collect::<Vec<_>>());
    let step = rolegate::admin::Step::Approve;
    println!("max first: {:?}", engine.step(&org, &req, "max", &step, "2026-12-02T11:00:00Z").unwrap_err().iter().map(|v| (v.code.as_str(), v.message.en.clone())).collect::<Vec<_>>());
    let r2 = engine.step(&org, &req, "lena", &step, "2026-12-02T11:00:00Z").unwrap();
    println!("anna own: {:?}", engine.step(&org, &r2, "anna", &step, "2026-12-02T11:00:00Z").unwrap_err().iter().map(|v| (v.code.as_str(), v.message.en.clone())).collect::<Vec<_>>());
    let r3 = engine.step(&org, &r2, "max", &step, "2026-12-02T12:00:00Z").unwrap();
    println!("{:?} complete={}", r3.status, r3.complete());
    println!("awaiting max {}", serde_json::to_string(&engine.awaiting(&org, "max", "eshop.order.place").unwrap()).unwrap());
    for f in engine.lint_org(&org, None).unwrap() { println!("lint {} {} {}", f.code.as_str(), f.path, f.message.en); }
}
