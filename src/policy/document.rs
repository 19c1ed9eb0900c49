//! The policy document: the JSON format a policy author writes, as plain Rust types.
//!
//! The document is only data; [`crate::PolicyEngine::new`] validates it and compiles it. Its
//! JSON form has `camelCase` names; unknown fields are refused (a misspelt key is an error, not a
//! silent default). The serde derives write every member (the full form, which a binary format
//! without names, such as a snapshot's, needs to read back); [`Policy::to_json`] and
//! [`Policy::to_value`] write the document as its author does, members holding their default left
//! out, so a document round-trips: parse, write, parse gives the same [`Policy`]. `codec.rs` holds
//! the typed walk that reads a document reporting every shape problem, and the writing.

use crate::lang::Label;
use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize, Serializer};
use std::fmt;

/// The only version of the document format this crate reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole policy: tenant kinds, permissions, features and roles.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    /// The document format version; must be 1 ([`FORMAT_VERSION`]).
    pub version: u32,
    /// The policy's id, e.g. `mytrumpf`.
    pub id: String,
    /// The policy's name in both languages.
    pub label: Label,
    /// Free notes for readers, e.g. which cells are an interpretation. Never evaluated.
    #[serde(default)]
    pub comment: Option<Comment>,
    /// The attributes a role assignment may be scoped by (e.g. `facility`).
    #[serde(default)]
    pub scopes: Vec<ScopeKeyDef>,
    /// The kinds of tenant (company) this policy serves; at least one.
    pub tenant_kinds: Vec<TenantKindDef>,
    /// The permissions, in the order they are shown.
    pub permissions: Vec<PermissionDef>,
    /// Features with `read` < `manage` levels; each level becomes the permission
    /// `<feature>.read` / `<feature>.manage` implying the listed permissions.
    #[serde(default)]
    pub features: Vec<FeatureDef>,
    /// The roles, in the order they are shown.
    pub roles: Vec<RoleDef>,
    /// Which permission each administrative operation needs; without it, administration is
    /// refused.
    #[serde(default)]
    pub administration: Option<AdministrationDef>,
    /// Typed attributes of resources (money, whole numbers) that approval rules compare, e.g. an
    /// order's `total`.
    #[serde(default)]
    pub attributes: Vec<AttributeDef>,
    /// The approval processes: which actions need approval, by whom, within which bounds a
    /// tenant sets its own rules, and the default rules of every tenant of a kind.
    #[serde(default)]
    pub approvals: Option<ApprovalsDef>,
}

/// The administration settings of a policy.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AdministrationDef {
    /// The permission needed to invite colleagues.
    pub invite: String,
    /// The permission needed to approve (activate) a pending colleague.
    pub approve: String,
    /// The permission needed to assign and change roles.
    pub assign_roles: String,
    /// The permission needed to remove a member.
    pub remove_member: String,
    /// The permission needed to define and delete the tenant's own roles.
    pub manage_roles: String,
    /// How many days an invitation is valid; 30 when left out.
    #[serde(default)]
    pub invitation_days: Option<u32>,
    /// The organization linter's approver coverage check, when wanted.
    #[serde(default)]
    pub approver_coverage: Option<ApproverCoverageDef>,
    /// Which tenant kinds may invite new tenants of which kinds (tenant onboarding), and with
    /// which permission; without it, `inviteTenant` is refused.
    #[serde(default)]
    pub tenant_invitations: Vec<TenantInvitationDef>,
    /// The permission needed to set the tenant's own approval rules (`setApprovalRules`);
    /// without it, the operation is refused.
    #[serde(default)]
    pub manage_approvals: Option<String>,
    /// A note for readers.
    #[serde(default)]
    pub comment: Option<Comment>,
}

/// One onboarding rule: an active member of an `inviter` tenant holding `permission` (tenant-wide)
/// may invite a new tenant of kind `invitee`, whose first user becomes its administrator.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenantInvitationDef {
    /// The kind of the inviting tenant, e.g. `service_provider`.
    pub inviter: String,
    /// The kind of the invited tenant, e.g. `operator`.
    pub invitee: String,
    /// The permission the inviting member needs, e.g. `customer.manage`.
    pub permission: String,
}

/// Approver coverage: when members may request, at least `minimum` active members should be able
/// to release, so that a substitute exists.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApproverCoverageDef {
    /// The permission of those who request (e.g. order requests).
    pub request: String,
    /// The permission of those who release the requests.
    pub release: String,
    /// How many active members should be able to release; 2 when left out.
    #[serde(default)]
    pub minimum: Option<u32>,
}

/// A free-text note: one line or several. JSON: a string, or a list of strings; binary formats
/// (a snapshot's) tag the variant, as serde does for `std::net::IpAddr`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Comment {
    /// A single line.
    Line(String),
    /// Several lines.
    Lines(Vec<String>),
}

impl Serialize for Comment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self, serializer.is_human_readable()) {
            (Comment::Line(line), true) => serializer.serialize_str(line),
            (Comment::Lines(lines), true) => serializer.collect_seq(lines),
            (Comment::Line(line), false) => serializer.serialize_newtype_variant("Comment", 0, "Line", line),
            (Comment::Lines(lines), false) => serializer.serialize_newtype_variant("Comment", 1, "Lines", lines),
        }
    }
}

/// The binary form: the variant by its index.
#[derive(Deserialize)]
#[serde(rename = "Comment")]
enum TaggedComment {
    Line(String),
    Lines(Vec<String>),
}

/// A string or a list of strings, told apart by what the data holds (no buffering, as serde's
/// untagged enums would do); in binary formats, the tagged variant.
impl<'de> Deserialize<'de> for Comment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct CommentVisitor;
        impl<'de> Visitor<'de> for CommentVisitor {
            type Value = Comment;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a list of strings")
            }
            fn visit_str<E: de::Error>(self, line: &str) -> Result<Comment, E> {
                Ok(Comment::Line(line.to_string()))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<Comment, A::Error> {
                Vec::deserialize(de::value::SeqAccessDeserializer::new(seq)).map(Comment::Lines)
            }
        }
        if deserializer.is_human_readable() {
            return deserializer.deserialize_any(CommentVisitor);
        }
        Ok(match TaggedComment::deserialize(deserializer)? {
            TaggedComment::Line(line) => Comment::Line(line),
            TaggedComment::Lines(lines) => Comment::Lines(lines),
        })
    }
}

/// An attribute that scopes role assignments and describes resources.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScopeKeyDef {
    /// The attribute name, e.g. `facility`.
    pub id: String,
    /// Its name in both languages, e.g. Facility / Standort.
    pub label: Label,
    /// A note for readers.
    #[serde(default)]
    pub comment: Option<Comment>,
}

/// A kind of tenant, e.g. an operating company or a service provider.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TenantKindDef {
    /// The kind's id, e.g. `operator`.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// Optional modules a tenant of this kind may have enabled.
    #[serde(default)]
    pub modules: Vec<ModuleDef>,
    /// The role new members get when none is given (a role available to this kind, needing no
    /// module, not deprecated).
    #[serde(default)]
    pub default_role: Option<String>,
    /// When true, administrator roles of this kind may hold only administrative permissions;
    /// the linter reports any operational one as an error.
    #[serde(default)]
    pub admins_administrative_only: bool,
    /// A note for readers.
    #[serde(default)]
    pub comment: Option<Comment>,
}

/// An optional module of a tenant kind.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ModuleDef {
    /// The module's id, e.g. `internal_service_cases`.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// A note for readers.
    #[serde(default)]
    pub comment: Option<Comment>,
}

/// A permission: something a user may do, or a bundle that implies other permissions.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PermissionDef {
    /// The permission's id, e.g. `eshop.order.place`. Actions are checked by this id.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// Permissions that holding this one also gives (transitively).
    #[serde(default)]
    pub implies: Vec<String>,
    /// Administrative (user and role management) rather than operational.
    #[serde(default)]
    pub administrative: bool,
    /// A note for readers.
    #[serde(default)]
    pub comment: Option<Comment>,
}

/// A feature with two levels. `<id>.read` implies `read`; `<id>.manage` implies `<id>.read`
/// and `manage`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeatureDef {
    /// The feature's id, e.g. `service_cases`.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// Permissions the `read` level implies.
    #[serde(default)]
    pub read: Vec<String>,
    /// Permissions the `manage` level implies in addition to the `read` level.
    #[serde(default)]
    pub manage: Vec<String>,
    /// Both levels and everything they imply are administrative.
    #[serde(default)]
    pub administrative: bool,
    /// A note for readers.
    #[serde(default)]
    pub comment: Option<Comment>,
}

/// A role: a named set of granted permissions, available to some tenant kinds.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleDef {
    /// The role's id, e.g. `purchaser`.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// Directly granted permissions (plain permissions or feature levels).
    #[serde(default)]
    pub grants: Vec<String>,
    /// The tenant kinds the role is available to; left out, every kind.
    #[serde(default)]
    pub kinds: Option<Vec<String>>,
    /// Modules the tenant must have enabled for the role to count.
    #[serde(default)]
    pub modules: Vec<String>,
    /// An administrator role: a tenant must always keep an active member holding one.
    #[serde(default)]
    pub admin: bool,
    /// Still evaluated for members who hold it, but reported by the linter and refused for new
    /// assignments.
    #[serde(default)]
    pub deprecated: bool,
    /// A note for readers.
    #[serde(default)]
    pub comment: Option<Comment>,
}

/// The level of a feature permission: `read` < `manage`. JSON: `"read"` or `"manage"`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FeatureLevel {
    /// `<feature>.read`.
    Read,
    /// `<feature>.manage`, which implies `<feature>.read`.
    Manage,
}

impl FeatureLevel {
    /// `"read"` or `"manage"`: the suffix of the level's permission id.
    pub fn as_str(self) -> &'static str {
        match self {
            FeatureLevel::Read => "read",
            FeatureLevel::Manage => "manage",
        }
    }

    /// The level's name in both languages.
    pub fn label(self) -> Label {
        match self {
            FeatureLevel::Read => crate::messages::LEVEL_READ.label(),
            FeatureLevel::Manage => crate::messages::LEVEL_MANAGE.label(),
        }
    }
}

/// A typed attribute of resources: `{ id, type: "money" | "integer", label }`.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AttributeDef {
    /// The attribute's name in a resource, e.g. `total`.
    pub id: String,
    /// What its values are.
    #[serde(rename = "type")]
    pub kind: AttributeType,
    /// Its name in both languages, e.g. Order total / Bestellwert.
    pub label: Label,
    /// A note for readers.
    #[serde(default)]
    pub comment: Option<Comment>,
}

/// The type of an attribute: `"money"` (text such as `"12000.00 EUR"`, see [`crate::money`]) or
/// `"integer"` (a whole number, as a JSON number or decimal text).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AttributeType {
    /// An amount with an ISO 4217 currency, compared in integer minor units.
    Money,
    /// A whole number.
    Integer,
}

impl AttributeType {
    /// `"money"` or `"integer"`.
    pub fn as_str(self) -> &'static str {
        match self {
            AttributeType::Money => "money",
            AttributeType::Integer => "integer",
        }
    }
}

/// The approval processes of a policy.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApprovalsDef {
    /// The actions that have an approval process, each with the permission to ask for it and the
    /// permission to approve it.
    pub actions: Vec<GovernedActionDef>,
    /// The roles a tenant's own rules may name in their tiers; left out, every role that holds the
    /// action's approving permission.
    #[serde(default)]
    pub approver_roles: Option<Vec<String>>,
    /// The most tiers a rule may have; 5 when left out.
    #[serde(default)]
    pub max_tiers: Option<u32>,
    /// The most rules a tenant may set; 20 when left out.
    #[serde(default)]
    pub max_rules: Option<u32>,
    /// Days after which a pending request expires; 30 when left out.
    #[serde(default)]
    pub expires_after_days: Option<u32>,
    /// How many eligible approvers each tier should have (the organization linter warns below
    /// it, so that a substitute exists); 2 when left out.
    #[serde(default)]
    pub minimum_approvers: Option<u32>,
    /// Whether a requester may approve a tier of their own request; `false` (four-eyes) when left
    /// out.
    #[serde(default)]
    pub requester_may_approve: bool,
    /// Whether one member may approve several tiers of one request; `false` when left out.
    #[serde(default)]
    pub approver_may_repeat: bool,
    /// The default rules of every tenant (of the kinds each names) that has not set its own.
    #[serde(default)]
    pub rules: Vec<ApprovalRule>,
    /// A note for readers.
    #[serde(default)]
    pub comment: Option<Comment>,
}

/// An action with an approval process: `{ action, request, approve }`. A member who may do
/// `action` does it, unless a rule requires approval; a member who may only do `request` asks,
/// and a holder of `approve` releases (the built-in release procedure).
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GovernedActionDef {
    /// The action, e.g. `eshop.order.place`.
    pub action: String,
    /// The permission to ask for it, e.g. `eshop.order.request`.
    pub request: String,
    /// The permission to approve a request for it, e.g. `eshop.order.release`.
    pub approve: String,
    /// A note for readers.
    #[serde(default)]
    pub comment: Option<Comment>,
}

/// An approval rule: for `action`, when the resource's attributes meet every condition of `when`
/// and the requester holds one of `requesters`, the request needs every tier of approvers, in
/// order. JSON: `{ id, action, label?, when?, requesters?, tiers, kinds? }` (members left out
/// are not written); binary formats write every member.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ApprovalRule {
    /// The rule's id, unique among the rules it is listed with.
    pub id: String,
    /// The action it governs: one of the policy's `approvals.actions`.
    pub action: String,
    /// A sentence for readers in both languages, shown in explanations instead of the generated
    /// one, e.g. "Orders over 5,000.00 EUR need release by a Managing Director."
    #[serde(default)]
    pub label: Option<Label>,
    /// The conditions, by attribute, all of which must hold; left out, the rule always applies.
    #[serde(default)]
    pub when: Conditions,
    /// The roles of the requesters it applies to; left out, every requester.
    #[serde(default)]
    pub requesters: Option<Vec<String>>,
    /// The tiers of approvers, in order; each tier is approved by one member holding one of its
    /// roles.
    pub tiers: Vec<Vec<String>>,
    /// (Rules of the policy only.) The tenant kinds it is a default for; left out, every kind.
    #[serde(default)]
    pub kinds: Option<Vec<String>>,
    /// A note for readers.
    #[serde(default)]
    pub comment: Option<Comment>,
}

impl Serialize for ApprovalRule {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let readable = serializer.is_human_readable();
        let mut out = serializer.serialize_struct("ApprovalRule", 8)?;
        out.serialize_field("id", &self.id)?;
        out.serialize_field("action", &self.action)?;
        macro_rules! maybe {
            ($name:literal, $field:expr, $absent:expr) => {
                if readable && $absent {
                    out.skip_field($name)?;
                } else {
                    out.serialize_field($name, $field)?;
                }
            };
        }
        maybe!("label", &self.label, self.label.is_none());
        maybe!("when", &self.when, self.when.is_empty());
        maybe!("requesters", &self.requesters, self.requesters.is_none());
        out.serialize_field("tiers", &self.tiers)?;
        maybe!("kinds", &self.kinds, self.kinds.is_none());
        maybe!("comment", &self.comment, self.comment.is_none());
        out.end()
    }
}

/// Conditions by attribute, in the order written. JSON: an object, `{ "total": { "over":
/// "5000.00 EUR" } }` (one condition per attribute).
///
/// A list rather than a map: a map type of its own cost the wasm modules its tree's code, and the
/// lists are one or two entries long.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Conditions(pub Vec<(String, Condition)>);

impl Conditions {
    /// Whether there is no condition.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The condition on attribute `name`.
    pub fn get(&self, name: &str) -> Option<&Condition> {
        self.0.iter().find(|(n, _)| n == name).map(|(_, c)| c)
    }
}

impl Serialize for Conditions {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (name, condition) in &self.0 {
            map.serialize_entry(name, condition)?;
        }
        map.end()
    }
}

impl<'de> Deserialize<'de> for Conditions {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ConditionsVisitor;
        impl<'de> Visitor<'de> for ConditionsVisitor {
            type Value = Conditions;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of conditions by attribute")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Conditions, A::Error> {
                let mut out: Vec<(String, Condition)> = Vec::new();
                while let Some((name, condition)) = map.next_entry::<String, Condition>()? {
                    if out.iter().any(|(n, _)| *n == name) {
                        return Err(de::Error::custom(format_args!("duplicate attribute `{name}`")));
                    }
                    out.push((name, condition));
                }
                Ok(Conditions(out))
            }
        }
        deserializer.deserialize_map(ConditionsVisitor)
    }
}

/// A condition on one attribute: the bounds its value must lie within, any of `over` (>),
/// `atLeast` (≥), `below` (<) and `upTo` (≤). Money bounds are text (`"5000.00 EUR"`), whole
/// numbers JSON numbers. JSON writes only the bounds given; binary formats write all four.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Condition {
    /// The value must be greater.
    pub over: Option<Threshold>,
    /// The value must be greater or equal.
    pub at_least: Option<Threshold>,
    /// The value must be smaller.
    pub below: Option<Threshold>,
    /// The value must be smaller or equal.
    pub up_to: Option<Threshold>,
}

/// The members of a [`Condition`], as serde reads them.
#[derive(Deserialize)]
#[serde(rename = "Condition", rename_all = "camelCase", deny_unknown_fields)]
struct ConditionFields {
    #[serde(default)]
    over: Option<Threshold>,
    #[serde(default)]
    at_least: Option<Threshold>,
    #[serde(default)]
    below: Option<Threshold>,
    #[serde(default)]
    up_to: Option<Threshold>,
}

/// An object only (serde's derive would also take a list for a struct whose members all have
/// defaults, which JSON authors never mean); binary formats: the struct.
impl<'de> Deserialize<'de> for Condition {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ConditionVisitor;
        impl<'de> Visitor<'de> for ConditionVisitor {
            type Value = ConditionFields;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an object of bounds")
            }
            fn visit_map<A: de::MapAccess<'de>>(self, map: A) -> Result<ConditionFields, A::Error> {
                ConditionFields::deserialize(de::value::MapAccessDeserializer::new(map))
            }
        }
        let fields = if deserializer.is_human_readable() {
            deserializer.deserialize_map(ConditionVisitor)?
        } else {
            ConditionFields::deserialize(deserializer)?
        };
        let ConditionFields { over, at_least, below, up_to } = fields;
        Ok(Condition { over, at_least, below, up_to })
    }
}

impl Serialize for Condition {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::{SerializeMap, SerializeStruct};
        let bounds = [("over", &self.over), ("atLeast", &self.at_least), ("below", &self.below), ("upTo", &self.up_to)];
        if serializer.is_human_readable() {
            let mut map = serializer.serialize_map(Some(bounds.iter().filter(|(_, b)| b.is_some()).count()))?;
            for (name, bound) in bounds {
                if let Some(bound) = bound {
                    map.serialize_entry(name, bound)?;
                }
            }
            return map.end();
        }
        let mut out = serializer.serialize_struct("Condition", 4)?;
        for (name, bound) in bounds {
            out.serialize_field(name, bound)?;
        }
        out.end()
    }
}

/// A bound of a condition: money as text (`"5000.00 EUR"`) or a whole number. JSON: a string or
/// a number; binary formats tag the variant, as [`Comment`] does.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Threshold {
    /// Money text.
    Text(String),
    /// A whole number.
    Number(i64),
}

impl Serialize for Threshold {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match (self, serializer.is_human_readable()) {
            (Threshold::Text(text), true) => serializer.serialize_str(text),
            (Threshold::Number(n), true) => serializer.serialize_i64(*n),
            (Threshold::Text(text), false) => serializer.serialize_newtype_variant("Threshold", 0, "Text", text),
            (Threshold::Number(n), false) => serializer.serialize_newtype_variant("Threshold", 1, "Number", n),
        }
    }
}

/// The binary form: the variant by its index.
#[derive(Deserialize)]
#[serde(rename = "Threshold")]
enum TaggedThreshold {
    Text(String),
    Number(i64),
}

/// A string or a whole number, told apart by what the data holds; in binary formats, the tagged
/// variant.
impl<'de> Deserialize<'de> for Threshold {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct ThresholdVisitor;
        impl<'de> Visitor<'de> for ThresholdVisitor {
            type Value = Threshold;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("money text or a whole number")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<Threshold, E> {
                Ok(Threshold::Text(text.to_string()))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<Threshold, E> {
                Ok(Threshold::Number(n))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<Threshold, E> {
                i64::try_from(n).map(Threshold::Number).map_err(|_| E::custom("a whole number out of range"))
            }
        }
        if deserializer.is_human_readable() {
            return deserializer.deserialize_any(ThresholdVisitor);
        }
        Ok(match TaggedThreshold::deserialize(deserializer)? {
            TaggedThreshold::Text(text) => Threshold::Text(text),
            TaggedThreshold::Number(n) => Threshold::Number(n),
        })
    }
}
