#!/usr/bin/env python3
"""Writes tests/vectors/approvals.json: the approval-process vectors, by hand from domain.md
section 4 and the README's "Approval processes".

Every expected answer and request document is written out here (requests as explicit edits of
the one before), never taken from the engine. Run: python3 tests/vectors/make_approvals.py
"""
import copy, json, os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from approval_policy import SHOP  # noqa: E402
import make_admin  # noqa: E402  (writes admin.json again, the same; gives us its organizations)

ACME = make_admin.ORGS["acme-rules"]
RULES = make_admin.RULES

T0, T1, T2, T3 = "2026-12-02T10:00:00Z", "2026-12-02T11:00:00Z", "2026-12-02T12:00:00Z", "2026-12-02T13:00:00Z"
EXPIRES = "2027-01-01T10:00:00Z"  # T0 + mytrumpf's 30 days
LATE = "2027-01-02T00:00:00Z"

BUILTIN_TIER = ["purchaser", "managing_director", "production_manager"]
MD_RULE = {"rules": [{"id": "md-over-5000", "source": "tenant"}], "tiers": [{"rule": "md-over-5000", "roles": ["managing_director"]}]}
PM_MD_RULE = {"rules": [{"id": "pm-md-over-25000", "source": "tenant"}],
              "tiers": [{"rule": "pm-md-over-25000", "roles": ["production_manager"]}, {"rule": "pm-md-over-25000", "roles": ["managing_director"]}]}
BUILTIN = {"rules": [{"id": "eshop.order.release", "source": "builtin"}], "tiers": [{"rule": "eshop.order.release", "roles": BUILTIN_TIER}]}

def allow():
    return {"allowed": True, "effect": "allow", "code": "granted"}
def approval(what, **extra):
    return {"allowed": False, "effect": "approval", "code": "approval_required", "approval": what, **extra}
def deny(code, **extra):
    return {"allowed": False, "effect": "deny", "code": code, **extra}
def error(code, path):
    return {"error": {"code": code, "path": path}}

# Decisions. A case decides for `member` of `org` (the tenant's own rules count), or for a
# `subject`, with the policy's default rules or, given `rules`, the tenant's (lean: the case
# needs no organization, so the lean browser build runs it too).
decisions = []
def member(name, who, action, resource, expect):
    decisions.append({"name": name, "policy": "mytrumpf", "org": "acme-rules", "member": who, "action": action, "resource": resource, "expect": expect})
def subject(name, policy, subj, action, resource, expect, rules=None):
    case = {"name": name, "policy": policy, "subject": subj, "action": action, "resource": resource, "expect": expect, "lean": True}
    if rules is not None:
        case["rules"] = rules
    decisions.append(case)

member("a small order: the purchaser orders directly", "anna", "eshop.order.place", {"facility": "f1", "total": "100.00 EUR"}, allow())
member("exactly 5,000.00 EUR is not over 5,000.00 EUR", "anna", "eshop.order.place", {"total": "5000 EUR"}, allow())
member("over 5,000.00 EUR: a Managing Director releases", "anna", "eshop.order.place", {"total": "6000.00 EUR"},
       approval(MD_RULE, messageContains={"en": "Approval needed: Orders over 5,000.00 EUR need release by a Managing Director.",
                                          "de": "Freigabe nötig: Bestellungen über 5.000,00 EUR gibt ein Geschäftsführer frei."}))
member("25,000.00 EUR is still up to 25,000.00 EUR", "anna", "eshop.order.place", {"total": "25000.00 EUR"}, approval(MD_RULE))
member("over 25,000.00 EUR: a Production Manager, then a Managing Director", "anna", "eshop.order.place", {"total": "30000.00 EUR"}, approval(PM_MD_RULE))
member("no total: every rule on the total applies (never a silent pass)", "anna", "eshop.order.place", {"facility": "f1"},
       approval({"rules": MD_RULE["rules"] + PM_MD_RULE["rules"], "tiers": MD_RULE["tiers"] + PM_MD_RULE["tiers"]}))
member("no resource at all: the same", "anna", "eshop.order.place", None,
       approval({"rules": MD_RULE["rules"] + PM_MD_RULE["rules"], "tiers": MD_RULE["tiers"] + PM_MD_RULE["tiers"]}))
member("a Managing Director's own large order needs another Managing Director", "max", "eshop.order.place", {"total": "6000.00 EUR"}, approval(MD_RULE))
member("an operator's small order: the built-in release procedure", "otto", "eshop.order.place", {"facility": "f1", "total": "100.00 EUR"},
       approval(BUILTIN, grantedBy=[{"role": "operator", "scope": {"facility": "f1"}, "via": ["eshop.order.request"]}],
                messageContains={"en": "you may request “Order” (“Create order requests”); it is released by “Purchaser”, “Managing Director” or “Production Manager”.",
                                 "de": "Sie dürfen „Bestellen“ anfordern („Bestellanforderungen erstellen“); freigeben kann es „Einkäufer“, „Geschäftsführer“ oder „Produktionsleiter“."}))
member("an operator's large order: the company's rule (its tiers release it)", "otto", "eshop.order.place", {"facility": "f1", "total": "6000.00 EUR"},
       approval(MD_RULE, messageContains={"en": "Approval needed (you may request it): Orders over 5,000.00 EUR", "de": "Freigabe nötig (Sie dürfen es anfordern):"}))
member("an operator outside his facility may not even ask: out_of_scope of requesting", "otto", "eshop.order.place", {"facility": "f2", "total": "100.00 EUR"},
       deny("out_of_scope", messageContains={"en": "the role “Operator” grants “Create order requests” only within Facility “f1”; this resource is in Facility “f2”.",
                                             "de": "Die Rolle „Bediener“ gewährt „Bestellanforderungen erstellen“ nur innerhalb von Standort „f1“"}))
member("a programmer's large order", "pia", "eshop.order.place", {"total": "26000.00 EUR"}, approval(PM_MD_RULE))
member("a total in another currency than the rules': currency_mismatch", "anna", "eshop.order.place", {"total": "100.00 USD"}, error("currency_mismatch", "resource.total"))
member("a total that is no money: invalid_attribute", "anna", "eshop.order.place", {"total": "1.000,00 EUR"}, error("invalid_attribute", "resource.total"))
member("more decimals than EUR has cents: invalid_attribute", "anna", "eshop.order.place", {"total": "100.001 EUR"}, error("invalid_attribute", "resource.total"))
member("an unknown currency: invalid_attribute", "anna", "eshop.order.place", {"total": "100.00 EUX"}, error("invalid_attribute", "resource.total"))
member("another tenant's resource: other_tenant before any rule", "anna", "eshop.order.place", {"tenant": "globex", "total": "100.00 EUR"}, deny("other_tenant"))
member("an action without an approval process is decided by roles alone", "anna", "eshop.order.release", {"total": "1,000 of anything"}, allow())

subject("without rules of its own, a purchaser orders any amount (mytrumpf has no default rules)", "mytrumpf",
        {"tenant": "acme", "roles": ["purchaser"]}, "eshop.order.place", {"total": "1000000.00 EUR"}, allow())
subject("the tenant's rules given to the session (a page without the snapshot)", "mytrumpf",
        {"tenant": "acme", "roles": ["purchaser"]}, "eshop.order.place", {"total": "6000.00 EUR"}, approval(MD_RULE), rules=RULES)
subject("the tenant's rules must fit the policy's bounds", "mytrumpf",
        {"tenant": "acme", "roles": ["purchaser"]}, "eshop.order.place", {"total": "6000.00 EUR"}, error("invalid_rule", "rules[0].tiers[0][0]"),
        rules=[{"id": "r", "action": "eshop.order.place", "tiers": [["operator"]]}])
SHOP_BIG = {"rules": [{"id": "big", "source": "policy"}], "tiers": [{"rule": "big", "roles": ["director"]}]}
SHOP_LINES = {"rules": [{"id": "many-lines", "source": "policy"}], "tiers": [{"rule": "many-lines", "roles": ["clerk"]}, {"rule": "many-lines", "roles": ["director"]}]}
subject("a policy's default rule: a large order needs a director", "shop", {"tenant": "t", "roles": ["purchaser"]}, "order.place",
        {"total": "20000.00 EUR", "lines": 3}, approval(SHOP_BIG))
subject("whole numbers as JSON numbers: 60 lines from a purchaser need a clerk, then a director", "shop", {"tenant": "t", "roles": ["purchaser"]}, "order.place",
        {"total": "100.00 EUR", "lines": 60}, approval(SHOP_LINES))
subject("whole numbers as decimal text count the same", "shop", {"tenant": "t", "roles": ["purchaser"]}, "order.place",
        {"total": "100.00 EUR", "lines": "60"}, approval(SHOP_LINES))
subject("49 lines are fewer than at least 50", "shop", {"tenant": "t", "roles": ["purchaser"]}, "order.place", {"total": "100.00 EUR", "lines": 49}, allow())
subject("a rule for purchasers does not apply to a buyer: the built-in release", "shop", {"tenant": "t", "roles": ["buyer"]}, "order.place",
        {"total": "100.00 EUR", "lines": 60},
        approval({"rules": [{"id": "order.release", "source": "builtin"}], "tiers": [{"rule": "order.release", "roles": ["purchaser", "director", "clerk"]}]}))
subject("a number that is no whole number: invalid_attribute", "shop", {"tenant": "t", "roles": ["purchaser"]}, "order.place",
        {"total": "100.00 EUR", "lines": "6e1"}, error("invalid_attribute", "resource.lines"))
subject("a clerk releases but neither orders nor requests", "shop", {"tenant": "t", "roles": ["clerk"]}, "order.place", {"total": "1.00 EUR"}, deny("not_granted"))

# Plans of an action with a process: `unless` lists the conditions under which it needs approval.
ACME_UNLESS = [{"total": {"over": "5000.00 EUR", "upTo": "25000.00 EUR"}}, {"total": {"over": "25000.00 EUR"}}]
plans = [
    {"name": "a purchaser orders everywhere, unless a rule applies", "policy": "mytrumpf", "org": "acme-rules", "member": "anna", "action": "eshop.order.place",
     "expect": {"decision": "always", "tenant": "acme", "unless": ACME_UNLESS},
     "allowed": [{"total": "100.00 EUR"}, {"facility": "f2", "total": "5000.00 EUR"}],
     "denied": [None, {"facility": "f1"}, {"total": "6000.00 EUR"}, {"total": "30000.00 EUR"}, {"total": "100.00 USD"}, {"total": "lots"}, {"tenant": "globex", "total": "1.00 EUR"}]},
    {"name": "an operator never orders: never, not_granted (he asks instead)", "policy": "mytrumpf", "org": "acme-rules", "member": "otto", "action": "eshop.order.place",
     "expect": {"decision": "never", "tenant": "acme", "code": "not_granted"}, "allowed": [], "denied": [None, {"facility": "f1", "total": "1.00 EUR"}]},
    {"name": "a rule without conditions: never, approval_required", "policy": "mytrumpf", "subject": {"tenant": "acme", "roles": ["purchaser"]}, "action": "eshop.order.place",
     "rules": [{"id": "always", "action": "eshop.order.place", "tiers": [["managing_director"]]}],
     "expect": {"decision": "never", "tenant": "acme", "code": "approval_required"}, "allowed": [], "denied": [None, {"total": "1.00 EUR"}]},
    {"name": "the shop's purchaser: whole numbers in unless", "policy": "shop", "subject": {"tenant": "t", "roles": ["purchaser"]}, "action": "order.place",
     "expect": {"decision": "always", "tenant": "t", "unless": [{"total": {"over": "10000.00 EUR"}}, {"lines": {"atLeast": 50}}]},
     "allowed": [{"total": "10000.00 EUR", "lines": "49"}, {"total": "1.00 EUR", "lines": 3}],
     "denied": [{"total": "10000.01 EUR", "lines": "1"}, {"total": "1.00 EUR", "lines": "50"}, {"total": "1.00 EUR"}, {"lines": "1"}]},
]

# The life of requests: each case is a sequence; a step takes the request the last accepted one
# returned (or `request`, given in full).
def pending(id, requester, resource, what, action="eshop.order.place", submitted=T0, expires=EXPIRES):
    tiers = [{"rule": t["rule"], "roles": t["roles"]} for t in what["tiers"]]
    r = {"id": id, "action": action, "requester": requester, "submittedAt": submitted, "expiresAt": expires, "status": "pending",
         "rules": what["rules"], "tiers": tiers}
    if resource is not None:
        r["resource"] = resource
    return r
def edit(request, **changes):
    r = copy.deepcopy(request)
    for key, value in changes.items():
        if key == "approve":
            tier, who, when = value
            r["tiers"][tier]["approvedBy"] = who; r["tiers"][tier]["approvedAt"] = when
        else:
            r[key] = value
    return r
def v(*codes):
    return {"ok": False, "violations": [{"code": c, "path": p} for c, p in codes]}
def good(request):
    return {"ok": True, "request": request}

lifecycle = []
def sequence(name, steps):
    lifecycle.append({"name": name, "policy": "mytrumpf", "org": "acme-rules", "steps": steps})
def submit(requester, resource, id, now, expect, action="eshop.order.place"):
    return {"submit": {"requester": requester, "action": action, "resource": resource, "id": id}, "now": now, "expect": expect}
def step(actor, what, now, expect, request=None):
    s = {"step": what, "actor": actor, "now": now, "expect": expect}
    if request is not None:
        s["request"] = request
    return s

big = pending("r1", "anna", {"facility": "f1", "total": "30000.00 EUR"}, PM_MD_RULE)
big1 = edit(big, approve=(0, "lena", T1))
big2 = edit(big1, approve=(1, "max", T2), status="approved", closedAt=T2)
sequence("two tiers in order: a Production Manager, then a Managing Director; four-eyes throughout", [
    submit("anna", {"facility": "f1", "total": "30000.00 EUR"}, "r1", T0, good(big)),
    {"eligible": True, "expect": ["lena", "tom"]},
    step("max", {"step": "approve"}, T1, v(("not_eligible", "actor"))),
    step("anna", {"step": "approve"}, T1, v(("own_request", "actor"), ("not_eligible", "actor"))),
    step("lena", {"step": "approve"}, T1, good(big1)),
    {"eligible": True, "expect": ["max", "mara"]},
    step("lena", {"step": "approve"}, T2, v(("already_approved", "actor"), ("not_eligible", "actor"))),
    step("tom", {"step": "approve"}, T2, v(("not_eligible", "actor"))),
    step("max", {"step": "approve"}, T2, good(big2)),
    {"eligible": True, "expect": []},
    step("mara", {"step": "approve"}, T3, v(("request_closed", "request.status"))),
])
small = pending("r2", "otto", {"facility": "f1", "total": "100.00 EUR"}, BUILTIN)
sequence("the built-in release procedure: an operator requests, a purchaser releases", [
    submit("otto", {"facility": "f1", "total": "100.00 EUR"}, "r2", T0, good(small)),
    {"eligible": True, "expect": ["anna", "max", "lena", "mara", "tom"]},
    step("pia", {"step": "approve"}, T1, v(("not_eligible", "actor"))),
    step("anna", {"step": "approve"}, T1, good(edit(small, approve=(0, "anna", T1), status="approved", closedAt=T1))),
])
md = pending("r3", "anna", {"total": "6000.00 EUR"}, MD_RULE)
sequence("a rejection needs a reason; a closed request takes no step", [
    submit("anna", {"total": "6000.00 EUR"}, "r3", T0, good(md)),
    step("max", {"step": "reject", "reason": "  "}, T1, v(("empty_reason", "step.reason"))),
    step("lena", {"step": "reject", "reason": "no"}, T1, v(("not_eligible", "actor"))),
    step("max", {"step": "reject", "reason": "The budget for December is spent."}, T1,
         good(edit(md, status="rejected", closedBy="max", closedAt=T1, reason="The budget for December is spent."))),
    step("anna", {"step": "cancel"}, T2, v(("request_closed", "request.status"))),
])
pia = pending("r4", "pia", {"total": "6000.00 EUR"}, MD_RULE)
sequence("only the requester cancels", [
    submit("pia", {"total": "6000.00 EUR"}, "r4", T0, good(pia)),
    step("anna", {"step": "cancel"}, T1, v(("not_requester", "actor"))),
    step("pia", {"step": "cancel"}, T1, good(edit(pia, status="cancelled", closedBy="pia", closedAt=T1))),
])
sequence("a request expires after the policy's 30 days", [
    submit("anna", {"total": "6000.00 EUR"}, "r5", T0, good(pending("r5", "anna", {"total": "6000.00 EUR"}, MD_RULE))),
    step("system", {"step": "expire"}, T1, v(("not_expired", "request.expiresAt"))),
    step("max", {"step": "approve"}, LATE, v(("request_expired", "request.expiresAt"))),
    step("system", {"step": "expire"}, LATE, good(edit(pending("r5", "anna", {"total": "6000.00 EUR"}, MD_RULE), status="expired", closedAt=LATE))),
])
sequence("submitting is refused when nothing needs approval, or asking is not allowed", [
    submit("anna", {"total": "100.00 EUR"}, "r6", T0, v(("approval_not_required", "action"))),
    submit("otto", {"facility": "f2", "total": "100.00 EUR"}, "r6", T0, v(("not_permitted", "requester"))),
    submit("paul", {"total": "100.00 EUR"}, "r6", T0, v(("not_permitted", "requester"))),
    submit("nobody", {"total": "100.00 EUR"}, "r6", T0, v(("other_tenant", "requester"))),
    submit("anna", {"total": "100.00 EUR"}, "r6", T0, v(("not_governed", "action")), action="eshop.order.request"),
    submit("anna", {"total": "1,00 EUR"}, "r6", T0, v(("invalid_attribute", "resource.total"))),
    submit("anna", {"total": "6000.00 EUR"}, " ", T0, v(("invalid_request", "id"))),
    submit("anna", {"total": "6000.00 EUR"}, "r6", "soon", v(("invalid_time", "now"))),
])
odd = edit(big, approve=(1, "max", T1))
sequence("a request document that does not fit is refused", [
    step("lena", {"step": "approve"}, T1, v(("invalid_request", "request.tiers[1]")), request=odd),
    step("lena", {"step": "approve"}, T1, v(("invalid_request", "request.action")), request=edit(big, action="eshop.order.request")),
])

out = {
    "description": "Approval processes (domain.md section 4): decisions with the three effects (allow, approval with the rules and tiers, deny), request errors of typed attributes, plans with unless, and the life of requests (submit, approve, reject, cancel, expire) with every refusal code. Decisions: 'member' of 'org' (the tenant's own rules), or 'subject' with the policy's default rules or 'rules' (lean: no organization needed). 'policy' is a built-in name or one of 'policies'. A lifecycle case is a sequence: 'submit' makes a request, 'step' takes the last accepted request (or 'request'), 'eligible' asks who may approve its current tier. Written by make_approvals.py from hand-written documents, never from the engine.",
    "policies": {"shop": SHOP},
    "orgs": {"acme-rules": ACME},
    "decisions": decisions,
    "plans": plans,
    "lifecycle": lifecycle,
    "awaiting": [
        {"name": "a Managing Director: every slot of his role, never his own requests", "policy": "mytrumpf", "org": "acme-rules", "member": "max", "action": "eshop.order.place",
         "expect": {"decision": "conditional", "tenant": "acme", "anyOf": [{"tierRole": "managing_director"}], "excluding": {"requester": "max"}},
         "allowed": [{"tierRole": "managing_director", "requester": "anna"}], "denied": [{"tierRole": "managing_director", "requester": "max"}, {"tierRole": "production_manager", "requester": "anna"}]},
        {"name": "an operator approves nothing", "policy": "mytrumpf", "org": "acme-rules", "member": "otto", "action": "eshop.order.place",
         "expect": {"decision": "never", "tenant": "acme", "code": "not_granted"}, "allowed": [], "denied": [{"tierRole": "operator", "requester": "anna"}]},
    ],
}
path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "approvals.json")
with open(path, "w") as f:
    json.dump(out, f, ensure_ascii=False, indent=1)
    f.write("\n")
print(f"{len(decisions)} decisions, {len(plans)} plans, {len(lifecycle)} sequences -> {path}")
