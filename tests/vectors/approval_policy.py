"""The policy the approval vectors share: a small shop with an approval process (used by
make_approvals.py, and by the invalid-policy and lint cases it appends). Hand-written."""

def label(en, de=None):
    return {"en": en, "de": de or en + " (de)"}

SHOP = {
    "version": 1, "id": "shop-approvals", "label": label("Shop with approvals", "Shop mit Freigaben"),
    "scopes": [{"id": "facility", "label": label("Facility", "Standort")}],
    "tenantKinds": [{"id": "customer", "label": label("Customer", "Kunde"), "defaultRole": "buyer"}],
    "permissions": [
        {"id": "order.request", "label": label("Request orders", "Bestellungen anfordern")},
        {"id": "order.place", "label": label("Order", "Bestellen"), "implies": ["order.request"]},
        {"id": "order.release", "label": label("Release orders", "Bestellungen freigeben")},
        {"id": "users.manage", "label": label("Manage users", "Benutzer verwalten"), "administrative": True},
    ],
    "roles": [
        {"id": "buyer", "label": label("Buyer", "Einkäufer"), "grants": ["order.request"]},
        {"id": "purchaser", "label": label("Purchaser", "Beschaffer"), "grants": ["order.place", "order.release"]},
        {"id": "director", "label": label("Director", "Direktor"), "grants": ["order.place", "order.release", "users.manage"], "admin": True},
        {"id": "clerk", "label": label("Clerk", "Sachbearbeiter"), "grants": ["order.release"]},
    ],
    "administration": {"invite": "users.manage", "approve": "users.manage", "assignRoles": "users.manage",
                       "removeMember": "users.manage", "manageRoles": "users.manage", "manageApprovals": "users.manage"},
    "attributes": [
        {"id": "total", "type": "money", "label": label("Order total", "Bestellwert")},
        {"id": "lines", "type": "integer", "label": label("Order lines", "Bestellpositionen")},
    ],
    "approvals": {
        "actions": [{"action": "order.place", "request": "order.request", "approve": "order.release"}],
        "approverRoles": ["purchaser", "director", "clerk"],
        "maxTiers": 3,
        "maxRules": 4,
        "expiresAfterDays": 7,
        "rules": [
            {"id": "big", "action": "order.place", "when": {"total": {"over": "10000.00 EUR"}}, "tiers": [["director"]]},
            {"id": "many-lines", "action": "order.place", "when": {"lines": {"atLeast": 50}}, "requesters": ["purchaser"],
             "tiers": [["clerk"], ["director"]]},
        ],
    },
}
