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
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Policy {
    /// The document format version; must be [`FORMAT_VERSION`].
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
}

/// The administration settings of a policy.
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
    /// A note for readers.
    #[serde(default)]
    pub comment: Option<Comment>,
}

/// One onboarding rule: an active member of an `inviter` tenant holding `permission` (tenant-wide)
/// may invite a new tenant of kind `invitee`, whose first user becomes its administrator.
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
