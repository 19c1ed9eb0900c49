//! Queries: a subject's effective permissions ("My data"), roles, permissions, tenant kinds,
//! and "anywhere" checks for menus.

use rolegate::{Builtin, Lang, PolicyEngine, Resource, RoleAssignment, Subject};

fn mytrumpf() -> PolicyEngine {
    PolicyEngine::builtin(Builtin::Mytrumpf).unwrap()
}

#[test]
fn effective_permissions_say_which_assignment_gives_each() {
    let engine = mytrumpf();
    let mut subject = Subject::new("acme", &["programmer"]);
    subject.roles.push(RoleAssignment::scoped("operator", &[("facility", "f1")]));
    let permissions = engine.session(&subject).unwrap().permissions();
    let ids: Vec<&str> = permissions.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "eshop.catalog.view",
            "eshop.cart.edit",
            "eshop.order.request",
            "service.case.view",
            "service.case.create",
            "service.case.manage",
            "profile.view"
        ],
        "in display order, nothing the roles do not give"
    );
    let manage = permissions.iter().find(|p| p.id == "service.case.manage").unwrap();
    assert!(!manage.tenant_wide, "only the scoped operator assignment gives it");
    assert_eq!(manage.granted_by.len(), 1);
    assert_eq!(manage.granted_by[0].role, "operator");
    assert_eq!(manage.granted_by[0].scope.as_ref().unwrap()["facility"], "f1");
    assert_eq!(manage.label.get(Lang::De), "Servicefälle bearbeiten");

    let create = permissions.iter().find(|p| p.id == "service.case.create").unwrap();
    assert!(create.tenant_wide, "the programmer gives it tenant-wide");
    let by: Vec<(&str, &[String])> = create.granted_by.iter().map(|g| (g.role.as_str(), g.via.as_slice())).collect();
    assert_eq!(
        by,
        [
            ("programmer", &["service.case.create".to_string()][..]),
            ("operator", &["service.case.manage".to_string(), "service.case.create".to_string()][..])
        ]
    );
}

#[test]
fn unavailable_roles_give_no_effective_permissions() {
    let engine = PolicyEngine::builtin(Builtin::Platform).unwrap();
    let without = Subject::new("steelworks", &["operator_internal"]).with_kind("operator");
    assert!(engine.session(&without).unwrap().permissions().is_empty());
    let with = without.with_modules(&["internal_service_cases"]);
    let ids: Vec<String> = engine.session(&with).unwrap().permissions().into_iter().map(|p| p.id).collect();
    assert!(ids.contains(&"internal_case.create".to_string()) && !ids.contains(&"service_case.manage".to_string()));
}

#[test]
fn can_anywhere_answers_for_menus_but_never_for_a_resource() {
    let engine = mytrumpf();
    let subject =
        Subject { roles: vec![RoleAssignment::scoped("operator", &[("facility", "f1")])], ..Subject::new("acme", &[]) };
    let session = engine.session(&subject).unwrap();
    assert!(session.can_anywhere("service.case.manage"), "there is a facility where Otto may manage cases");
    assert!(!session.can("service.case.manage", None), "but no check without a resource is allowed by a scoped role");
    assert!(session.can("service.case.manage", Some(&Resource::new(&[("facility", "f1")]))));
    assert!(!session.can_anywhere("eshop.order.place"));
    assert!(!session.can_anywhere("no.such.action"));
}

#[test]
fn roles_permissions_and_kinds() {
    let engine = PolicyEngine::builtin(Builtin::Platform).unwrap();
    let roles = engine.roles(Some("service_provider")).unwrap();
    let ids: Vec<&str> = roles.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            "tenant_admin",
            "first_level_support",
            "service_technician",
            "master_data_manager",
            "customer_data_manager",
            "service_manager"
        ]
    );
    let technician = roles.iter().find(|r| r.id == "service_technician").unwrap();
    assert!(technician.grants.contains(&"remote_access.manage".to_string()));
    assert!(
        technician.permissions.contains(&"file_transfer.use".to_string()),
        "effective permissions include implied ones"
    );
    assert!(roles.iter().find(|r| r.id == "first_level_support").unwrap().default);
    assert!(roles.iter().find(|r| r.id == "service_manager").unwrap().deprecated);

    let permissions = engine.permissions();
    let level = permissions.iter().find(|p| p.id == "service_cases.manage").unwrap();
    assert_eq!(level.feature.as_ref().map(|f| (f.id.as_str(), f.level.as_str())), Some(("service_cases", "manage")));
    assert_eq!(level.implies[0], "service_cases.read", "manage implies read first");
    assert_eq!(level.label.get(Lang::De), "Servicefall-Management: Verwalten");
    let administrative: Vec<&str> = permissions.iter().filter(|p| p.administrative).map(|p| p.id.as_str()).collect();
    assert_eq!(
        administrative,
        [
            "tenant_users.read",
            "tenant_users.manage",
            "tenant_user.read",
            "tenant_user.invite",
            "tenant_user.delete",
            "tenant_role.assign",
            "tenant_config.read",
            "tenant_config.manage",
            "company.read",
            "company.manage",
            "appearance.manage"
        ]
    );

    let kinds = engine.kinds();
    assert_eq!(
        kinds.iter().map(|k| k.id.as_str()).collect::<Vec<_>>(),
        ["operator", "service_provider", "app_developer"]
    );
    assert_eq!(kinds[0].modules[0].label.get(Lang::De), "Interne Servicefälle");

    let mytrumpf = mytrumpf();
    let administrative: Vec<String> =
        mytrumpf.permissions().into_iter().filter(|p| p.administrative).map(|p| p.id).collect();
    assert_eq!(
        administrative,
        [
            "admin.users.view",
            "admin.users.invite",
            "admin.users.approve",
            "admin.roles.assign",
            "admin.approvals.manage"
        ]
    );
    assert!(mytrumpf.has_permission("eshop.order.place") && !mytrumpf.has_permission("service_cases.read"));
}
