#!/usr/bin/env python3
"""Writes tests/vectors/admin.json: the administration vectors, by hand from domain.md section 3.

Expected organizations are the base organizations edited explicitly here, never the engine's
output. Run: python3 tests/vectors/make_admin.py
"""
import copy, json, os

NOW = "2026-11-22T12:00:00Z"
IN_30_DAYS = "2026-12-22T12:00:00Z"

def member(id, roles, status="active", since=None, email=None, name=None):
    m = {"id": id, "email": email or f"{id}@acme.example", "name": name or id.capitalize(), "status": status, "roles": roles}
    if since: m["since"] = since
    return m

ORGS = {
    "acme": {
        "tenant": "acme", "kind": "customer", "modules": [],
        "members": [
            member("anna", ["purchaser"], name="Anna Berg"),
            member("max", ["managing_director"], name="Max Weber"),
            member("otto", [{"role": "operator", "scope": {"facility": "f1"}}], name="Otto Lang"),
            member("pia", ["programmer"], name="Pia Roth"),
            member("paul", ["service_engineer"], status="pending", since="2026-10-01T08:00:00Z", name="Paul Kern"),
            member("ines", ["service_engineer"], status="invited", since="2026-11-20T09:00:00Z", name="Ines Falk"),
        ],
        "customRoles": [],
        "invitations": [
            {"id": "inv-1", "email": "ines@acme.example", "name": "Ines Falk", "roles": ["service_engineer"], "expiresAt": IN_30_DAYS, "used": False},
            {"id": "inv-0", "email": "max@acme.example", "name": "Max Weber", "roles": ["managing_director"], "expiresAt": "2026-06-01T00:00:00Z", "used": True},
        ],
    },
    "steel": {
        "tenant": "steel", "kind": "operator", "modules": [],
        "members": [
            member("tara", ["tenant_admin"], name="Tara Sund", email="tara@steel.example"),
            member("uma", ["user_manager"], name="Uma Rask", email="uma@steel.example"),
            member("mo", ["machine_operator"], name="Mo Hahn", email="mo@steel.example"),
            member("wm", [{"role": "workshop_manager", "scope": {"facility": "f1"}}], name="Wanda Maas", email="wm@steel.example"),
            member("sl", ["shift_lead"], name="Sven Lutz", email="sl@steel.example"),
        ],
        "customRoles": [
            {"id": "user_manager", "label": {"en": "User manager", "de": "Benutzerverwaltung"}, "grants": ["tenant_users.manage"]},
            {"id": "shift_lead", "label": {"en": "Shift lead", "de": "Schichtleiter"}, "grants": ["digital_shopfloor.manage"]},
            {"id": "visitor", "label": {"en": "Visitor", "de": "Besucher"}, "grants": ["documents_media.read"]},
        ],
        "invitations": [],
    },
    "fixit": {
        "tenant": "fixit", "kind": "service_provider", "modules": [],
        "members": [
            member("fay", ["tenant_admin"], name="Fay Dorn", email="fay@fixit.example"),
            member("sam", ["service_manager", "first_level_support"], name="Sam Veit", email="sam@fixit.example"),
            member("tim", ["first_level_support"], name="Tim Ott", email="tim@fixit.example"),
        ],
        "customRoles": [], "invitations": [],
    },
    "empty": {"tenant": "newco", "kind": "customer", "modules": [], "members": [], "customRoles": [], "invitations": []},
    # A service provider that onboards operating companies (tenantInvitations in platform).
    "servo": {
        "tenant": "servo", "kind": "service_provider", "modules": [],
        "members": [
            member("fay", ["tenant_admin"], name="Fay Dorn", email="fay@servo.example"),
            member("cora", ["customer_data_manager"], name="Cora Lind", email="cora@servo.example"),
            member("sam", ["service_manager"], name="Sam Veit", email="sam@servo.example"),
            member("tim", ["first_level_support"], name="Tim Ott", email="tim@servo.example"),
            member("cas", [{"role": "customer_data_manager", "scope": {"customer": "north"}}], name="Cas Berg", email="cas@servo.example"),
            member("pat", ["customer_data_manager"], status="pending", since="2026-11-20T09:00:00Z", name="Pat Holm", email="pat@servo.example"),
        ],
        "customRoles": [], "invitations": [],
        "tenantInvitations": [
            {"id": "tinv-1", "tenant": "north", "kind": "operator", "modules": ["internal_service_cases"], "company": "North Steel GmbH",
             "email": "olga@north.example", "name": "Olga Nord", "invitedBy": "cora", "expiresAt": IN_30_DAYS, "status": "open"},
            {"id": "tinv-2", "tenant": "steel", "kind": "operator", "modules": [], "company": "Steel AG",
             "email": "tara@steel.example", "name": "Tara Sund", "invitedBy": "cora", "expiresAt": "2026-10-01T00:00:00Z", "status": "used", "since": "2026-09-15T10:00:00Z"},
            {"id": "tinv-3", "tenant": "west", "kind": "operator", "modules": [], "company": "West Works",
             "email": "wes@west.example", "name": "Wes", "invitedBy": "sam", "expiresAt": IN_30_DAYS, "status": "revoked", "since": "2026-11-21T08:00:00Z"},
            {"id": "tinv-4", "tenant": "south", "kind": "operator", "modules": [], "company": "South Mill",
             "email": "sue@south.example", "name": "Sue Sand", "invitedBy": "cora", "expiresAt": "2026-11-01T00:00:00Z", "status": "open"},
        ],
    },
}

# The worked example of approval processes (README "Approval processes"): acme with a second
# Managing Director and two Production Managers, and the company's own rules by order value.
RULES = [
    {"id": "md-over-5000", "action": "eshop.order.place",
     "label": {"en": "Orders over 5,000.00 EUR need release by a Managing Director.", "de": "Bestellungen über 5.000,00 EUR gibt ein Geschäftsführer frei."},
     "when": {"total": {"over": "5000.00 EUR", "upTo": "25000.00 EUR"}}, "tiers": [["managing_director"]]},
    {"id": "pm-md-over-25000", "action": "eshop.order.place",
     "label": {"en": "Orders over 25,000.00 EUR need release by a Production Manager, then by a Managing Director.", "de": "Bestellungen über 25.000,00 EUR gibt ein Produktionsleiter und danach ein Geschäftsführer frei."},
     "when": {"total": {"over": "25000.00 EUR"}}, "tiers": [["production_manager"], ["managing_director"]]},
]
ORGS["acme-rules"] = copy.deepcopy(ORGS["acme"])
ORGS["acme-rules"]["members"][2:2] = [
    member("lena", ["production_manager"], name="Lena Vogt"),
    member("mara", ["managing_director"], name="Mara Koch"),
    member("tom", ["production_manager"], name="Tom Brandt"),
]
ORGS["acme-rules"]["approvalRules"] = copy.deepcopy(RULES)

def org(name):
    return copy.deepcopy(ORGS[name])

def find(o, id):
    return next(m for m in o["members"] if m["id"] == id)

cases = []
def ok(name, base, actor, op, edit, policy="mytrumpf", now=NOW, created=None):
    expected = org(base); edit(expected)
    expect = {"ok": True, "org": expected}
    if created is not None:
        expect["created"] = created
    cases.append({"name": name, "policy": policy, "org": base, "actor": actor, "operation": op, "now": now, "expect": expect})
def refused(name, base, actor, op, codes, policy="mytrumpf", now=NOW, org_doc=None):
    case = {"name": name, "policy": policy, "org": base, "actor": actor, "operation": op, "now": now,
            "expect": {"ok": False, "violations": [{"code": c, "path": p} for c, p in codes]}}
    if org_doc is not None:
        case["orgDocument"] = org_doc
    cases.append(case)

# Allowed transitions.
def invite_default(o):
    o["members"].append({"id": "neu", "email": "neu@acme.example", "name": "Neu Kollege", "status": "invited", "roles": ["service_engineer"], "since": NOW})
    o["invitations"].append({"id": "inv-3", "email": "neu@acme.example", "name": "Neu Kollege", "roles": ["service_engineer"], "expiresAt": IN_30_DAYS, "used": False})
ok("invite: without roles, the kind's default role; the invitation expires in 30 days", "acme", "anna",
   {"op": "invite", "email": "neu@acme.example", "name": "Neu Kollege"}, invite_default)
def invite_roles(o):
    roles = ["programmer", {"role": "operator", "scope": {"facility": "f2"}}]
    o["members"].append({"id": "neu", "email": "Neu@ACME.example", "name": "Neu", "status": "invited", "roles": roles, "since": NOW})
    o["invitations"].append({"id": "inv-3", "email": "Neu@ACME.example", "name": "Neu", "roles": roles, "expiresAt": IN_30_DAYS, "used": False})
ok("invite: with roles and a scope, by someone who may also assign roles", "acme", "max",
   {"op": "invite", "email": "Neu@ACME.example", "name": "Neu", "roles": ["programmer", {"role": "operator", "scope": {"facility": "f2"}}]}, invite_roles)
def accept(o):
    m = find(o, "ines"); m["status"] = "active"; m["since"] = NOW
    o["invitations"][0]["used"] = True
ok("acceptInvitation: the invitee is active at once, the invitation used", "acme", "INES@acme.example",
   {"op": "acceptInvitation", "invitation": "inv-1"}, accept)
def approve(o):
    m = find(o, "paul"); m["status"] = "active"; m["since"] = NOW
ok("approve: a pending colleague becomes active", "acme", "max", {"op": "approve", "member": "paul"}, approve)
def assign_otto(o):
    find(o, "otto")["roles"] = [{"role": "operator", "scope": {"facility": "f1"}}, "programmer"]
ok("assignRoles: replaces the assignments, scopes kept", "acme", "anna",
   {"op": "assignRoles", "member": "otto", "roles": [{"role": "operator", "scope": {"facility": "f1"}}, "programmer"]}, assign_otto)
def demote_max(o):
    find(o, "max")["roles"] = ["production_manager"]
ok("assignRoles: an administrator demotes another while one remains", "acme", "anna",
   {"op": "assignRoles", "member": "max", "roles": ["production_manager"]}, demote_max)
def remove_pia(o):
    o["members"] = [m for m in o["members"] if m["id"] != "pia"]
ok("removeMember", "acme", "anna", {"op": "removeMember", "member": "pia"}, remove_pia)
def remove_ines(o):
    o["members"] = [m for m in o["members"] if m["id"] != "ines"]
    o["invitations"] = [i for i in o["invitations"] if i["id"] != "inv-1"]
ok("removeMember: an invited member's open invitation goes too", "acme", "anna", {"op": "removeMember", "member": "ines"}, remove_ines)
def keep_deprecated(o):
    find(o, "sam")["roles"] = ["service_manager"]
ok("assignRoles: a deprecated role already held may be kept", "fixit", "fay", {"op": "assignRoles", "member": "sam", "roles": ["service_manager"]}, keep_deprecated, policy="platform")
def define(o):
    o["customRoles"].append({"id": "asset_keeper", "label": {"en": "Asset keeper", "de": "Anlagenpfleger"}, "grants": ["asset.manage", "document.read"]})
ok("defineRole: within what the kind allows", "steel", "tara",
   {"op": "defineRole", "role": {"id": "asset_keeper", "label": {"en": "Asset keeper", "de": "Anlagenpfleger"}, "grants": ["asset.manage", "document.read"]}}, define, policy="platform")
def delete_visitor(o):
    o["customRoles"] = [r for r in o["customRoles"] if r["id"] != "visitor"]
ok("deleteRole: a role of the tenant's own that nobody holds", "steel", "uma", {"op": "deleteRole", "role": "visitor"}, delete_visitor, policy="platform")
def assign_custom(o):
    find(o, "mo")["roles"] = ["machine_operator", "shift_lead"]
ok("assignRoles: a role of the tenant's own, by a holder of a custom role with the permission", "steel", "uma",
   {"op": "assignRoles", "member": "mo", "roles": ["machine_operator", "shift_lead"]}, assign_custom, policy="platform")
def create(o):
    o["members"] = [{"id": "nina", "email": "nina@newco.example", "name": "Nina Neu", "status": "active", "roles": ["purchaser"], "since": NOW}]
ok("createTenant: the first user is the tenant's administrator", "empty", "nina",
   {"op": "createTenant", "tenant": "newco", "kind": "customer", "user": {"id": "nina", "email": "nina@newco.example", "name": "Nina Neu"}}, create)
def create_platform(o):
    o["tenant"] = "plant"; o["kind"] = "operator"; o["modules"] = ["internal_service_cases"]
    o["members"] = [{"id": "olga", "email": "olga@plant.example", "name": "Olga", "status": "active", "roles": ["tenant_admin"], "since": NOW}]
ok("createTenant: on the platform the first user is tenant admin", "empty", "olga",
   {"op": "createTenant", "tenant": "plant", "kind": "operator", "modules": ["internal_service_cases"], "user": {"id": "olga", "email": "olga@plant.example", "name": "Olga"}},
   create_platform, policy="platform")

# Company invitations (onboarding): a service provider invites an operating company.
def invite_company(o):
    o["tenantInvitations"].append({"id": "tinv-5", "tenant": "east", "kind": "operator", "modules": [], "company": "East Forge",
        "email": "eve@east.example", "name": "Eve Ost", "invitedBy": "cora", "expiresAt": IN_30_DAYS, "status": "open"})
ok("inviteTenant: a Customer Data Manager invites an operating company", "servo", "cora",
   {"op": "inviteTenant", "tenant": "east", "kind": "operator", "company": "East Forge", "email": "eve@east.example", "name": "Eve Ost"},
   invite_company, policy="platform")
def invite_company_sam(o):
    o["tenantInvitations"].append({"id": "tinv-5", "tenant": "west", "kind": "operator", "modules": ["internal_service_cases"], "company": "West Works",
        "email": "wes@west.example", "name": "Wes", "invitedBy": "sam", "expiresAt": IN_30_DAYS, "status": "open"})
ok("inviteTenant: the deprecated Service Manager still may; a revoked invitation's tenant id is free again", "servo", "sam",
   {"op": "inviteTenant", "tenant": "west", "kind": "operator", "modules": ["internal_service_cases"], "company": "West Works", "email": "wes@west.example", "name": "Wes"},
   invite_company_sam, policy="platform")
def accept_company(o):
    o["tenantInvitations"][0]["status"] = "used"; o["tenantInvitations"][0]["since"] = NOW
ok("acceptTenantInvitation: the invitee founds the tenant as its administrator; the invitation is used", "servo", "Olga@North.example",
   {"op": "acceptTenantInvitation", "invitation": "tinv-1"}, accept_company, policy="platform",
   created={"tenant": "north", "kind": "operator", "modules": ["internal_service_cases"],
            "members": [{"id": "olga", "email": "olga@north.example", "name": "Olga Nord", "status": "active", "roles": ["tenant_admin"], "since": NOW}],
            "customRoles": [], "invitations": [],
            "invitedBy": {"tenant": "servo", "kind": "service_provider", "invitation": "tinv-1", "since": NOW}})
def revoke_company(o):
    o["tenantInvitations"][0]["status"] = "revoked"; o["tenantInvitations"][0]["since"] = NOW
ok("revokeTenantInvitation: an open company invitation is withdrawn", "servo", "cora",
   {"op": "revokeTenantInvitation", "invitation": "tinv-1"}, revoke_company, policy="platform")
def revoke_expired(o):
    o["tenantInvitations"][3]["status"] = "revoked"; o["tenantInvitations"][3]["since"] = NOW
ok("revokeTenantInvitation: an expired one too, which frees its tenant id", "servo", "cora",
   {"op": "revokeTenantInvitation", "invitation": "tinv-4"}, revoke_expired, policy="platform")

refused("inviteTenant: not_permitted: a first-level supporter may not invite companies", "servo", "tim",
        {"op": "inviteTenant", "tenant": "east", "kind": "operator", "company": "East", "email": "eve@east.example", "name": "Eve"}, [("not_permitted", "actor")], policy="platform")
refused("inviteTenant: not_permitted: the tenant admin has no customer management", "servo", "fay",
        {"op": "inviteTenant", "tenant": "east", "kind": "operator", "company": "East", "email": "eve@east.example", "name": "Eve"}, [("not_permitted", "actor")], policy="platform")
refused("inviteTenant: not_permitted: customer management scoped to one customer is not enough", "servo", "cas",
        {"op": "inviteTenant", "tenant": "east", "kind": "operator", "company": "East", "email": "eve@east.example", "name": "Eve"}, [("not_permitted", "actor")], policy="platform")
refused("inviteTenant: not_permitted: a pending member", "servo", "pat",
        {"op": "inviteTenant", "tenant": "east", "kind": "operator", "company": "East", "email": "eve@east.example", "name": "Eve"}, [("not_permitted", "actor")], policy="platform")
refused("inviteTenant: kind_may_not_invite: an operator invites no companies", "steel", "tara",
        {"op": "inviteTenant", "tenant": "east", "kind": "operator", "company": "East", "email": "eve@east.example", "name": "Eve"}, [("kind_may_not_invite", "org.kind")], policy="platform")
refused("inviteTenant: kind_not_invitable: a provider does not invite another provider", "servo", "cora",
        {"op": "inviteTenant", "tenant": "rival", "kind": "service_provider", "company": "Rival", "email": "r@rival.example", "name": "R"}, [("kind_not_invitable", "operation.kind")], policy="platform")
refused("inviteTenant: onboarding_not_configured: mytrumpf has no company invitations", "acme", "anna",
        {"op": "inviteTenant", "tenant": "east", "kind": "customer", "company": "East", "email": "eve@east.example", "name": "Eve"}, [("onboarding_not_configured", "policy")])
refused("inviteTenant: duplicate_email: a member of the inviting tenant", "servo", "cora",
        {"op": "inviteTenant", "tenant": "east", "kind": "operator", "company": "East", "email": "TIM@servo.example", "name": "Tim"}, [("duplicate_email", "operation.email")], policy="platform")
refused("inviteTenant: duplicate_email: the invitee has an open company invitation", "servo", "cora",
        {"op": "inviteTenant", "tenant": "east", "kind": "operator", "company": "East", "email": "olga@north.example", "name": "Olga"}, [("duplicate_email", "operation.email")], policy="platform")
refused("inviteTenant: invalid_tenant: the inviter's own id", "servo", "cora",
        {"op": "inviteTenant", "tenant": "servo", "kind": "operator", "company": "S", "email": "x@x.example", "name": "X"}, [("invalid_tenant", "operation.tenant")], policy="platform")
refused("inviteTenant: invalid_tenant: a company was onboarded under that id", "servo", "cora",
        {"op": "inviteTenant", "tenant": "steel", "kind": "operator", "company": "S", "email": "x@x.example", "name": "X"}, [("invalid_tenant", "operation.tenant")], policy="platform")
refused("inviteTenant: every violation at once", "servo", "tim",
        {"op": "inviteTenant", "tenant": "Not An Id", "kind": "operator", "modules": ["remote_access"], "company": " ", "email": "nobody", "name": ""},
        [("unknown_module", "operation.modules[0]"), ("not_permitted", "actor"), ("empty_name", "operation.company"), ("empty_name", "operation.name"),
         ("invalid_email", "operation.email"), ("invalid_tenant", "operation.tenant")], policy="platform")
refused("inviteTenant: unknown_tenant_kind", "servo", "cora",
        {"op": "inviteTenant", "tenant": "east", "kind": "operater", "company": "East", "email": "eve@east.example", "name": "Eve"}, [("unknown_tenant_kind", "operation.kind")], policy="platform")
refused("acceptTenantInvitation: not_permitted: only the invitee accepts", "servo", "cora@servo.example",
        {"op": "acceptTenantInvitation", "invitation": "tinv-1"}, [("not_permitted", "actor")], policy="platform")
refused("acceptTenantInvitation: invitation_expired", "servo", "sue@south.example",
        {"op": "acceptTenantInvitation", "invitation": "tinv-4"}, [("invitation_expired", "operation.invitation")], policy="platform")
refused("acceptTenantInvitation: invitation_used", "servo", "tara@steel.example",
        {"op": "acceptTenantInvitation", "invitation": "tinv-2"}, [("invitation_used", "operation.invitation")], policy="platform")
refused("acceptTenantInvitation: invitation_revoked", "servo", "wes@west.example",
        {"op": "acceptTenantInvitation", "invitation": "tinv-3"}, [("invitation_revoked", "operation.invitation")], policy="platform")
refused("acceptTenantInvitation: unknown_invitation (an invitation to join is no company invitation)", "acme", "ines@acme.example",
        {"op": "acceptTenantInvitation", "invitation": "inv-1"}, [("unknown_invitation", "operation.invitation")])
joined = copy.deepcopy(ORGS["servo"]); joined["members"].append(member("olga", ["first_level_support"], name="Olga Nord", email="olga@north.example"))
refused("acceptTenantInvitation: duplicate_email: the invitee became a member of the inviting tenant meanwhile", "servo", "olga@north.example",
        {"op": "acceptTenantInvitation", "invitation": "tinv-1"}, [("duplicate_email", "operation.invitation")], policy="platform", org_doc=joined)
refused("revokeTenantInvitation: not_permitted", "servo", "tim", {"op": "revokeTenantInvitation", "invitation": "tinv-1"}, [("not_permitted", "actor")], policy="platform")
refused("revokeTenantInvitation: invitation_used", "servo", "cora", {"op": "revokeTenantInvitation", "invitation": "tinv-2"}, [("invitation_used", "operation.invitation")], policy="platform")
refused("revokeTenantInvitation: unknown_invitation", "servo", "cora", {"op": "revokeTenantInvitation", "invitation": "tinv-9"}, [("unknown_invitation", "operation.invitation")], policy="platform")
dup_tinv = copy.deepcopy(ORGS["servo"]); dup_tinv["tenantInvitations"][1]["id"] = "tinv-1"
refused("duplicate_invitation: a snapshot with two company invitations of one id is refused", "servo", "cora",
        {"op": "revokeTenantInvitation", "invitation": "tinv-1"}, [("duplicate_invitation", "org.tenantInvitations[1].id")], policy="platform", org_doc=dup_tinv)
self_invited = copy.deepcopy(ORGS["steel"]); self_invited["invitedBy"] = {"tenant": "steel", "kind": "operator", "invitation": "tinv-1", "since": NOW}
refused("invalid_tenant: a snapshot invited by itself is refused", "steel", "tara",
        {"op": "approve", "member": "mo"}, [("invalid_tenant", "org.invitedBy.tenant")], policy="platform", org_doc=self_invited)

# Refusals: every violation code.
refused("not_permitted: an operator may not invite", "acme", "otto", {"op": "invite", "email": "x@acme.example", "name": "X"}, [("not_permitted", "actor")])
refused("not_permitted: a pending member may not administer", "acme", "paul", {"op": "approve", "member": "paul"}, [("not_permitted", "actor")])
refused("not_permitted: only the invitee accepts", "acme", "anna@acme.example", {"op": "acceptInvitation", "invitation": "inv-1"}, [("not_permitted", "actor")])
scoped = copy.deepcopy(ORGS["acme"]); find(scoped, "pia")["roles"] = [{"role": "purchaser", "scope": {"facility": "f1"}}]
refused("not_permitted: a purchaser scoped to a facility does not administer the tenant", "acme", "pia",
        {"op": "approve", "member": "paul"}, [("not_permitted", "actor")], org_doc=scoped)
refused("other_tenant: an actor of another tenant", "acme", "fay", {"op": "approve", "member": "paul"}, [("other_tenant", "actor")])
refused("other_tenant: a target of another tenant", "acme", "anna", {"op": "removeMember", "member": "tim"}, [("other_tenant", "operation.member")])
refused("unknown_role", "acme", "anna", {"op": "assignRoles", "member": "otto", "roles": ["operator", "purchasr"]}, [("unknown_role", "operation.roles[1]")])
refused("role_not_available: a role of another kind", "steel", "tara", {"op": "assignRoles", "member": "mo", "roles": ["service_technician"]},
        [("role_not_available", "operation.roles[0]")], policy="platform")
refused("role_not_available: a role needing a module the tenant has not enabled", "steel", "tara", {"op": "assignRoles", "member": "mo", "roles": ["operator_internal"]},
        [("role_not_available", "operation.roles[0]")], policy="platform")
refused("deprecated_role: newly assigned", "fixit", "fay", {"op": "assignRoles", "member": "tim", "roles": ["service_manager"]},
        [("deprecated_role", "operation.roles[0]")], policy="platform")
refused("last_admin: demoting the only administrator", "steel", "uma", {"op": "assignRoles", "member": "tara", "roles": ["machine_operator"]},
        [("last_admin", "operation.roles")], policy="platform")
refused("last_admin: removing the only administrator", "steel", "uma", {"op": "removeMember", "member": "tara"}, [("last_admin", "operation.member")], policy="platform")
refused("self_removal: even when other administrators exist", "acme", "anna", {"op": "removeMember", "member": "anna"}, [("self_removal", "operation.member")])
refused("self_demotion: even when other administrators exist", "acme", "anna", {"op": "assignRoles", "member": "anna", "roles": ["production_manager"]},
        [("self_demotion", "operation.roles")])
refused("self_demotion and last_admin together", "steel", "tara", {"op": "assignRoles", "member": "tara", "roles": ["machine_operator"]},
        [("self_demotion", "operation.roles"), ("last_admin", "operation.roles")], policy="platform")
refused("custom_role_exceeds_kind", "steel", "tara", {"op": "defineRole", "role": {"id": "seller", "label": {"en": "Seller", "de": "Verkauf"}, "grants": ["customer.manage"]}},
        [("custom_role_exceeds_kind", "operation.role.grants")], policy="platform")
refused("role_id_taken: a built-in id", "acme", "anna", {"op": "defineRole", "role": {"id": "purchaser", "label": {"en": "P", "de": "P"}, "grants": ["eshop.order.request"]}},
        [("role_id_taken", "operation.role.id")])
refused("role_id_taken: a role of the tenant's own", "steel", "tara", {"op": "defineRole", "role": {"id": "shift_lead", "label": {"en": "S", "de": "S"}, "grants": ["asset.read"]}},
        [("role_id_taken", "operation.role.id")], policy="platform")
refused("invalid_role and unknown_permission", "acme", "anna", {"op": "defineRole", "role": {"id": "Bad Id", "label": {"en": "", "de": "x"}, "grants": ["nope", "profile.view"]}},
        [("invalid_role", "operation.role.id"), ("invalid_role", "operation.role.label.en"), ("unknown_permission", "operation.role.grants[0]")])
refused("role_in_use", "steel", "tara", {"op": "deleteRole", "role": "shift_lead"}, [("role_in_use", "operation.role")], policy="platform")
refused("unknown_role: deleting a built-in role", "steel", "tara", {"op": "deleteRole", "role": "machine_operator"}, [("unknown_role", "operation.role")], policy="platform")
refused("unknown_scope_key and empty_scope_value", "acme", "anna",
        {"op": "assignRoles", "member": "otto", "roles": [{"role": "operator", "scope": {"plant": "p1"}}, {"role": "programmer", "scope": {"facility": ""}}]},
        [("unknown_scope_key", "operation.roles[0].scope.plant"), ("empty_scope_value", "operation.roles[1].scope.facility")])
refused("duplicate_email: a member has it", "acme", "anna", {"op": "invite", "email": "ANNA@acme.example", "name": "Anna again"}, [("duplicate_email", "operation.email")])
refused("duplicate_email: an open invitation has it", "acme", "anna", {"op": "invite", "email": "ines@acme.example", "name": "Ines"}, [("duplicate_email", "operation.email")])
refused("invalid_email", "acme", "anna", {"op": "invite", "email": "not an address", "name": "X"}, [("invalid_email", "operation.email")])
refused("invalid_time", "acme", "anna", {"op": "approve", "member": "paul"}, [("invalid_time", "now")], now="yesterday")
refused(
    "timed_assignment: administration does not assign a role for a time yet",
    "acme",
    "anna",
    {"op": "assignRoles", "member": "otto", "roles": [{"role": "operator", "until": "2026-12-15T00:00:00Z"}]},
    [("timed_assignment", "operation.roles[0].until")],
)
refused("unknown_invitation", "acme", "ines@acme.example", {"op": "acceptInvitation", "invitation": "inv-9"}, [("unknown_invitation", "operation.invitation")])
refused("invitation_expired", "acme", "ines@acme.example", {"op": "acceptInvitation", "invitation": "inv-1"}, [("invitation_expired", "operation.invitation")], now="2027-01-01T00:00:00Z")
refused("invitation_used", "acme", "max@acme.example", {"op": "acceptInvitation", "invitation": "inv-0"}, [("invitation_used", "operation.invitation")])
refused("not_pending", "acme", "anna", {"op": "approve", "member": "otto"}, [("not_pending", "operation.member")])
refused("tenant_exists", "acme", "nina", {"op": "createTenant", "tenant": "acme", "kind": "customer", "user": {"id": "nina", "email": "nina@acme.example", "name": "Nina"}},
        [("tenant_exists", "org")])
refused("createTenant: unknown kind and module, not the first user, bad address", "empty", "someone",
        {"op": "createTenant", "tenant": "x", "kind": "operater", "modules": ["m"], "user": {"id": "nina", "email": "nina", "name": "Nina"}},
        [("not_permitted", "actor"), ("invalid_email", "operation.user.email"), ("unknown_tenant_kind", "operation.kind")], policy="platform")
refused("createTenant: a module the kind does not offer", "empty", "nina",
        {"op": "createTenant", "tenant": "x", "kind": "service_provider", "modules": ["internal_service_cases"], "user": {"id": "nina", "email": "nina@x.example", "name": "Nina"}},
        [("unknown_module", "operation.modules[0]")], policy="platform")
refused("every violation at once", "acme", "otto", {"op": "invite", "email": "anna@acme.example", "name": "A", "roles": ["purchasr", {"role": "operator", "scope": {"plant": "1"}}]},
        [("not_permitted", "actor"), ("duplicate_email", "operation.email"), ("unknown_role", "operation.roles[0]"), ("unknown_scope_key", "operation.roles[1].scope.plant")])
refused("invite: naming roles needs the assign permission too", "steel", "inviter",
        {"op": "invite", "email": "new@steel.example", "name": "New", "roles": ["workshop_manager"]}, [("not_permitted", "actor")], policy="platform",
        org_doc={**copy.deepcopy(ORGS["steel"]), "members": copy.deepcopy(ORGS["steel"]["members"]) + [member("inviter", ["invite_only"], email="inviter@steel.example")],
                 "customRoles": copy.deepcopy(ORGS["steel"]["customRoles"]) + [{"id": "invite_only", "label": {"en": "Inviter", "de": "Einlader"}, "grants": ["tenant_user.invite"]}]})

# The tenant's own approval rules (setApprovalRules), within the policy's bounds.
def set_rules(o):
    o["approvalRules"] = copy.deepcopy(RULES)
ok("setApprovalRules: the company maps its own approval process", "acme", "anna", {"op": "setApprovalRules", "rules": RULES}, set_rules)
def clear_rules(o):
    o["approvalRules"] = []
ok("setApprovalRules: no rules of its own (the built-in release procedure stays)", "acme-rules", "max", {"op": "setApprovalRules", "rules": []}, clear_rules)
def rule(**changes):
    r = {"id": "r1", "action": "eshop.order.place", "when": {"total": {"over": "5000.00 EUR"}}, "tiers": [["managing_director"]]}
    r.update(changes)
    return r
def set_op(*rules):
    return {"op": "setApprovalRules", "rules": list(rules)}
refused("setApprovalRules: not_permitted: an operator", "acme", "otto", set_op(rule()), [("not_permitted", "actor")])
refused("setApprovalRules: approvals_not_configured: platform names no permission for it", "steel", "tara", set_op(),
        [("approvals_not_configured", "policy")], policy="platform")
refused("setApprovalRules: not_governed: requesting has no approval process", "acme", "anna", set_op(rule(action="eshop.order.request")),
        [("not_governed", "operation.rules[0].action")])
refused("setApprovalRules: unknown_permission", "acme", "anna", set_op(rule(action="eshop.order.plase")), [("unknown_permission", "operation.rules[0].action")])
refused("setApprovalRules: unknown_attribute", "acme", "anna", set_op(rule(when={"totl": {"over": "5000.00 EUR"}})),
        [("unknown_attribute", "operation.rules[0].when.totl")])
refused("setApprovalRules: invalid_condition: not money, a number for money, no bound, two currencies", "acme", "anna",
        set_op(rule(id="a", when={"total": {"over": "5,000 EUR"}}), rule(id="b", when={"total": {"over": 5000}}),
               rule(id="c", when={"total": {}}), rule(id="d", when={"total": {"over": "5000.00 EUR", "upTo": "9000.00 USD"}})),
        [("invalid_condition", "operation.rules[0].when.total.over"), ("invalid_condition", "operation.rules[1].when.total.over"),
         ("invalid_condition", "operation.rules[2].when.total"), ("invalid_condition", "operation.rules[3].when.total")])
refused("setApprovalRules: invalid_condition: a rule that can never apply", "acme", "anna",
        set_op(rule(when={"total": {"over": "5000.00 EUR", "upTo": "1000.00 EUR"}})), [("invalid_condition", "operation.rules[0].when")])
refused("setApprovalRules: invalid_tiers: none, an empty one, more than the policy's five", "acme", "anna",
        set_op(rule(id="a", tiers=[]), rule(id="b", tiers=[[]]), rule(id="c", tiers=[["managing_director"]] * 6)),
        [("invalid_tiers", "operation.rules[0].tiers"), ("invalid_tiers", "operation.rules[1].tiers[0]"), ("invalid_tiers", "operation.rules[2].tiers")])
refused("setApprovalRules: approver_not_allowed: an operator may not approve, and cannot release", "acme", "anna",
        set_op(rule(tiers=[["operator"]])), [("approver_not_allowed", "operation.rules[0].tiers[0][0]")])
refused("setApprovalRules: unknown_role in a tier and among the requesters", "acme", "anna",
        set_op(rule(tiers=[["boss"]], requesters=["purchasr"])), [("unknown_role", "operation.rules[0].requesters[0]"), ("unknown_role", "operation.rules[0].tiers[0][0]")])
refused("setApprovalRules: too_many_rules: more than the policy's twenty", "acme", "anna",
        set_op(*[rule(id=f"r{i}") for i in range(21)]), [("too_many_rules", "operation.rules")])
refused("setApprovalRules: too_many_rules: a tenant's rule names no kinds", "acme", "anna",
        set_op(rule(kinds=["customer"])), [("too_many_rules", "operation.rules[0].kinds")])
refused("setApprovalRules: invalid_rule: a bad id, an id twice", "acme", "anna",
        set_op(rule(id="Big Rule"), rule(id="r2"), rule(id="r2")),
        [("invalid_rule", "operation.rules[0].id"), ("invalid_rule", "operation.rules[2].id")])
bad_rules = copy.deepcopy(ORGS["acme"]); bad_rules["approvalRules"] = [rule(tiers=[["operator"]])]
refused("a snapshot whose own rules do not fit the policy's bounds is refused", "acme", "anna", {"op": "approve", "member": "paul"},
        [("approver_not_allowed", "org.approvalRules[0].tiers[0][0]")], org_doc=bad_rules)

# Policies without the needed settings.
base = {"version": 1, "id": "bare", "label": {"en": "Bare", "de": "Bare"},
        "tenantKinds": [{"id": "k", "label": {"en": "K", "de": "K"}}],
        "permissions": [{"id": "a", "label": {"en": "A", "de": "A"}, "administrative": True}],
        "roles": [{"id": "r", "label": {"en": "R", "de": "R"}, "grants": ["a"]}]}
bare_org = {"tenant": "t", "kind": "k", "modules": [], "members": [{"id": "u", "email": "u@t.example", "name": "U", "status": "active", "roles": ["r"]}]}
refused("not_configured: the policy has no administration section", "bare", "u", {"op": "approve", "member": "u"}, [("not_configured", "policy")], policy=base, org_doc=bare_org)
configured = copy.deepcopy(base)
configured["administration"] = {"invite": "a", "approve": "a", "assignRoles": "a", "removeMember": "a", "manageRoles": "a"}
refused("no_default_role: the kind has none and the invitation names no roles", "bare", "u", {"op": "invite", "email": "v@t.example", "name": "V"},
        [("no_default_role", "operation.roles")], policy=configured, org_doc=bare_org)
refused("no_admin_role: the kind has no administrator role for a first user", "empty", "u",
        {"op": "createTenant", "tenant": "t2", "kind": "k", "user": {"id": "u", "email": "u@t.example", "name": "U"}},
        [("no_admin_role", "operation.kind")], policy=configured, org_doc={"tenant": "t2", "kind": "k", "members": []})
dup = copy.deepcopy(ORGS["acme"]); dup["members"].append(member("pia", ["programmer"], email="pia2@acme.example"))
refused("duplicate_member: a snapshot that does not fit is refused", "acme", "anna", {"op": "approve", "member": "paul"},
        [("duplicate_member", "org.members[6].id")], org_doc=dup)

# Queries and the organization linter.
queries = [
    {"name": "administrators: active members with a tenant-wide administrator role", "policy": "mytrumpf", "org": "acme", "query": "admins",
     "expect": [{"id": "anna", "roles": ["purchaser"]}, {"id": "max", "roles": ["managing_director"]}]},
    {"name": "whoCan: who may release order requests (pending Paul does not count)", "policy": "mytrumpf", "org": "acme", "query": "whoCan", "action": "eshop.order.release",
     "expect": [{"id": "anna", "roles": ["purchaser"]}, {"id": "max", "roles": ["managing_director"]}]},
    {"name": "whoCan: scopes count", "policy": "mytrumpf", "org": "acme", "query": "whoCan", "action": "service.case.manage", "resource": {"facility": "f1"},
     "expect": [{"id": "otto", "roles": [{"role": "operator", "scope": {"facility": "f1"}}]}]},
    {"name": "whoCan: roles of the tenant's own count", "policy": "platform", "org": "steel", "query": "whoCan", "action": "facility.manage",
     "expect": [{"id": "sl", "roles": ["shift_lead"]}]},
    # An action the policy does not have is not "nobody": it is an error naming the action, with
    # the closest permission.
    {"name": "whoCan: an unknown action is an error, with a suggestion", "policy": "mytrumpf", "org": "acme", "query": "whoCan", "action": "eshop.order.plase",
     "error": {"code": "unknown_action", "path": "action", "message": "unknown permission 'eshop.order.plase'. Did you mean 'eshop.order.place'?"}},
    # Without a resource only tenant-wide assignments count (Otto's is scoped: nobody); anywhere,
    # every assignment that grants the action within its own scope, with that scope.
    {"name": "whoCan: on nothing in particular, a scoped assignment does not count", "policy": "mytrumpf", "org": "acme", "query": "whoCan", "action": "service.case.manage",
     "expect": []},
    {"name": "whoCanAnywhere: a scoped assignment counts, with its scope", "policy": "mytrumpf", "org": "acme", "query": "whoCanAnywhere", "action": "service.case.manage",
     "expect": [{"id": "otto", "roles": [{"role": "operator", "scope": {"facility": "f1"}}]}]},
    {"name": "whoCanAnywhere: tenant-wide assignments count as well", "policy": "mytrumpf", "org": "acme", "query": "whoCanAnywhere", "action": "eshop.order.release",
     "expect": [{"id": "anna", "roles": ["purchaser"]}, {"id": "max", "roles": ["managing_director"]}]},
    {"name": "whoCanAnywhere: an unknown action is an error", "policy": "mytrumpf", "org": "acme", "query": "whoCanAnywhere", "action": "service.case.mange",
     "error": {"code": "unknown_action", "path": "action", "message": "unknown permission 'service.case.mange'. Did you mean 'service.case.manage'?"}},
]
# Onboarding queries: the companies a provider invited (with their status at `now`), and who
# invited a tenant. Compared exactly.
north = {"tenant": "north", "kind": "operator", "modules": [], "customRoles": [], "invitations": [],
         "members": [member("olga", ["tenant_admin"], name="Olga Nord", email="olga@north.example")],
         "invitedBy": {"tenant": "servo", "kind": "service_provider", "invitation": "tinv-1", "since": NOW}}
def customer(i, status):
    c = {"tenant": i["tenant"], "kind": i["kind"], "company": i["company"], "email": i["email"], "name": i["name"],
         "status": status, "invitation": i["id"], "expiresAt": i["expiresAt"]}
    if "since" in i:
        c["since"] = i["since"]
    return c
servo_invitations = ORGS["servo"]["tenantInvitations"]
onboarding = [
    {"name": "customers: invited, onboarded, revoked and expired companies", "policy": "platform", "org": "servo", "query": "customers", "now": NOW,
     "expect": [customer(servo_invitations[0], "invited"), customer(servo_invitations[1], "onboarded"),
                customer(servo_invitations[2], "revoked"), customer(servo_invitations[3], "expired")]},
    {"name": "customers: without a time, an open invitation counts as invited", "policy": "platform", "org": "servo", "query": "customers",
     "expect": [customer(servo_invitations[0], "invited"), customer(servo_invitations[1], "onboarded"),
                customer(servo_invitations[2], "revoked"), customer(servo_invitations[3], "invited")]},
    {"name": "customers: a tenant that invited nobody", "policy": "mytrumpf", "org": "acme", "query": "customers", "now": NOW, "expect": []},
    {"name": "invitedBy: an operator onboarded by its service provider", "policy": "platform", "orgDocument": north, "query": "invitedBy",
     "expect": north["invitedBy"]},
    {"name": "invitedBy: a tenant created on its own", "policy": "platform", "org": "steel", "query": "invitedBy", "expect": None},
]
acme_small = {"tenant": "acme", "kind": "customer", "members": [
    member("anna", ["purchaser"]), member("o1", ["operator"]), member("o2", ["operator"]), member("o3", ["operator"])]}
with_pm = copy.deepcopy(acme_small); with_pm["members"].append(member("paul", ["production_manager"]))
one_pm = copy.deepcopy(ORGS["acme-rules"]); one_pm["members"] = [m for m in one_pm["members"] if m["id"] != "tom"]
purchasers_only = copy.deepcopy(ORGS["acme"]); purchasers_only["approvalRules"] = [
    {"id": "md-for-purchasers", "action": "eshop.order.place", "when": {"total": {"over": "5000.00 EUR"}}, "requesters": ["purchaser"], "tiers": [["managing_director"]]}]
lint = [
    {"name": "approval rules: every tier has enough approvers who can stand in for each other", "policy": "mytrumpf", "org": "acme-rules", "now": NOW,
     "expect": [{"code": "pending_too_long", "severity": "info", "path": "org.members[7]"}]},
    {"name": "tier_without_approver: the only Production Manager could be the requester herself", "policy": "mytrumpf", "orgDocument": one_pm, "now": NOW,
     "expect": [{"code": "tier_without_approver", "severity": "error", "path": "org.approvalRules[1].tiers[0]"},
                {"code": "pending_too_long", "severity": "info", "path": "org.members[6]"}]},
    {"name": "too_few_approvers: one Managing Director for purchasers' orders (he is no requester of the rule)", "policy": "mytrumpf", "orgDocument": purchasers_only, "now": NOW,
     "expect": [{"code": "too_few_approvers", "severity": "warning", "path": "org.approvalRules[0].tiers[0]"},
                {"code": "pending_too_long", "severity": "info", "path": "org.members[4]"}]},
    {"name": "approver coverage: one purchaser and three operators", "policy": "mytrumpf", "orgDocument": acme_small, "now": NOW,
     "expect": [{"code": "approver_coverage", "severity": "warning", "path": "org.members"}]},
    {"name": "approver coverage: a production manager clears it", "policy": "mytrumpf", "orgDocument": with_pm, "now": NOW, "expect": []},
    {"name": "the acme organization: a member pending too long", "policy": "mytrumpf", "org": "acme", "now": NOW,
     "expect": [{"code": "pending_too_long", "severity": "info", "path": "org.members[4]"}]},
    {"name": "no active administrator, a member without a role, a deprecated role, an expired invitation", "policy": "platform", "now": NOW,
     "orgDocument": {"tenant": "fixit", "kind": "service_provider", "members": [
         member("sam", ["service_manager"], email="sam@fixit.example"), member("nobody", [], email="n@fixit.example")],
         "invitations": [{"id": "inv-1", "email": "late@fixit.example", "name": "Late", "roles": ["first_level_support"], "expiresAt": "2026-11-01T00:00:00Z", "used": False}]},
     "expect": [{"code": "no_active_admin", "severity": "error", "path": "org.members"},
                {"code": "deprecated_role_assigned", "severity": "warning", "path": "org.members[0].roles[0]"},
                {"code": "member_without_role", "severity": "warning", "path": "org.members[1].roles"},
                {"code": "expired_invitation", "severity": "info", "path": "org.invitations[0]"}]},
    {"name": "a company invitation expired unused (a used or revoked one is no finding)", "policy": "platform", "org": "servo", "now": NOW,
     "expect": [{"code": "deprecated_role_assigned", "severity": "warning", "path": "org.members[2].roles[0]"},
                {"code": "expired_invitation", "severity": "info", "path": "org.tenantInvitations[3]"}]},
]
if __name__ == "__main__":
    out = {"description": "Administration (domain.md section 3): apply(org, actor, operation, now) -> { ok, org, created? } | { ok: false, violations } ('created': the new tenant of acceptTenantInvitation). 'onboarding': customers(org, now?) and invitedBy(org), compared exactly. 'org' names one of 'orgs', or 'orgDocument' gives the snapshot; 'policy' is a built-in name or a document. Allowed cases give the whole expected organization; refusals list every violation (code and path) in the order reported. Generated by make_admin.py from hand-written edits, never from the engine.",
           "orgs": ORGS, "cases": cases, "queries": queries, "onboarding": onboarding, "lint": lint}
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "admin.json")
    with open(path, "w") as f:
        json.dump(out, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"{len(cases)} cases, {len(queries)} queries, {len(onboarding)} onboarding queries, {len(lint)} lint cases -> {path}")
