//! The policy document: the JSON format a policy author writes, as plain Rust types.
//!
//! The document is only data; [`crate::PolicyEngine::new`] validates it and compiles it. Reading
//! and writing it as JSON is in `codec.rs`: unknown fields are refused (a misspelt key is an
//! error, not a silent default), and optional fields holding their default are left out when
//! writing, so a document round-trips: parse, serialize, parse gives the same [`Policy`].

use crate::lang::Label;

/// The only version of the document format this crate reads.
pub const FORMAT_VERSION: u32 = 1;

/// A whole policy: tenant kinds, permissions, features and roles.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Policy {
    /// The document format version; must be [`FORMAT_VERSION`].
    pub version: u32,
    /// The policy's id, e.g. `mytrumpf`.
    pub id: String,
    /// The policy's name in both languages.
    pub label: Label,
    /// Free notes for readers, e.g. which cells are an interpretation. Never evaluated.
    pub comment: Option<Comment>,
    /// The attributes a role assignment may be scoped by (e.g. `facility`).
    pub scopes: Vec<ScopeKeyDef>,
    /// The kinds of tenant (company) this policy serves; at least one.
    pub tenant_kinds: Vec<TenantKindDef>,
    /// The permissions, in the order they are shown.
    pub permissions: Vec<PermissionDef>,
    /// Features with `read` < `manage` levels; each level becomes the permission
    /// `<feature>.read` / `<feature>.manage` implying the listed permissions.
    pub features: Vec<FeatureDef>,
    /// The roles, in the order they are shown.
    pub roles: Vec<RoleDef>,
    /// Which permission each administrative operation needs; without it, administration is
    /// refused.
    pub administration: Option<AdministrationDef>,
}

/// The administration settings of a policy.
#[derive(Clone, Debug, PartialEq, Eq)]
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
    pub invitation_days: Option<u32>,
    /// The organization linter's approver coverage check, when wanted.
    pub approver_coverage: Option<ApproverCoverageDef>,
    /// A note for readers.
    pub comment: Option<Comment>,
}

/// Approver coverage: when members may request, at least `minimum` active members should be able
/// to release, so that a substitute exists.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApproverCoverageDef {
    /// The permission of those who request (e.g. order requests).
    pub request: String,
    /// The permission of those who release the requests.
    pub release: String,
    /// How many active members should be able to release; 2 when left out.
    pub minimum: Option<u32>,
}

/// A free-text note: one line or several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Comment {
    /// A single line.
    Line(String),
    /// Several lines.
    Lines(Vec<String>),
}

/// An attribute that scopes role assignments and describes resources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScopeKeyDef {
    /// The attribute name, e.g. `facility`.
    pub id: String,
    /// Its name in both languages, e.g. Facility / Standort.
    pub label: Label,
    /// A note for readers.
    pub comment: Option<Comment>,
}

/// A kind of tenant, e.g. an operating company or a service provider.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TenantKindDef {
    /// The kind's id, e.g. `operator`.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// Optional modules a tenant of this kind may have enabled.
    pub modules: Vec<ModuleDef>,
    /// The role new members get when none is given (a role available to this kind, needing no
    /// module, not deprecated).
    pub default_role: Option<String>,
    /// When true, administrator roles of this kind may hold only administrative permissions;
    /// the linter reports any operational one as an error.
    pub admins_administrative_only: bool,
    /// A note for readers.
    pub comment: Option<Comment>,
}

/// An optional module of a tenant kind.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ModuleDef {
    /// The module's id, e.g. `internal_service_cases`.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// A note for readers.
    pub comment: Option<Comment>,
}

/// A permission: something a user may do, or a bundle that implies other permissions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PermissionDef {
    /// The permission's id, e.g. `eshop.order.place`. Actions are checked by this id.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// Permissions that holding this one also gives (transitively).
    pub implies: Vec<String>,
    /// Administrative (user and role management) rather than operational.
    pub administrative: bool,
    /// A note for readers.
    pub comment: Option<Comment>,
}

/// A feature with two levels. `<id>.read` implies `read`; `<id>.manage` implies `<id>.read`
/// and `manage`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FeatureDef {
    /// The feature's id, e.g. `service_cases`.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// Permissions the `read` level implies.
    pub read: Vec<String>,
    /// Permissions the `manage` level implies in addition to the `read` level.
    pub manage: Vec<String>,
    /// Both levels and everything they imply are administrative.
    pub administrative: bool,
    /// A note for readers.
    pub comment: Option<Comment>,
}

/// A role: a named set of granted permissions, available to some tenant kinds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleDef {
    /// The role's id, e.g. `purchaser`.
    pub id: String,
    /// Its name in both languages.
    pub label: Label,
    /// Directly granted permissions (plain permissions or feature levels).
    pub grants: Vec<String>,
    /// The tenant kinds the role is available to; left out, every kind.
    pub kinds: Option<Vec<String>>,
    /// Modules the tenant must have enabled for the role to count.
    pub modules: Vec<String>,
    /// An administrator role: a tenant must always keep an active member holding one.
    pub admin: bool,
    /// Still evaluated for members who hold it, but reported by the linter and refused for new
    /// assignments.
    pub deprecated: bool,
    /// A note for readers.
    pub comment: Option<Comment>,
}

/// The level of a feature permission: `read` < `manage`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
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
