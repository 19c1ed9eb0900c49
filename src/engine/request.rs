//! What a caller asks about: the [`Subject`] (who), the action (a permission id) and the
//! optional [`Resource`] (on what). Also [`RequestError`], for subjects and arguments that do not
//! fit the policy.

use crate::json::decode::Decoder;
use crate::json::{ToJson, Value};
use crate::lang::{Label, Lang};
use crate::map::Map;
use crate::policy::Members;
use crate::problem::{codes, Problem};
use std::fmt;

/// A scope: attribute → value, e.g. `{ "facility": "f1" }`. A scoped role assignment counts only
/// for resources that carry every one of these attributes with the same value.
pub type Scope = Map<String>;

/// Who asks: a member of a tenant with role assignments.
///
/// JSON: `{ "id", "tenant", "tenantKind"?, "modules"?, "roles": ["role" | { "role", "scope"? }] }`.
/// `tenantKind` may be left out when the policy has a single tenant kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Subject {
    /// The member's id (used in explanations and administration; may be empty for checks).
    pub id: String,
    /// The member's tenant (company). Resources of other tenants are always denied.
    pub tenant: String,
    /// The tenant's kind, e.g. `operator`.
    pub tenant_kind: Option<String>,
    /// The optional modules the tenant has enabled.
    pub modules: Vec<String>,
    /// The member's role assignments.
    pub roles: Vec<RoleAssignment>,
}

impl Subject {
    /// A subject of `tenant` with unscoped `roles`: the common case in tests and examples.
    pub fn new(tenant: &str, roles: &[&str]) -> Self {
        Subject {
            tenant: tenant.to_string(),
            roles: roles.iter().map(|r| RoleAssignment::new(r)).collect(),
            ..Subject::default()
        }
    }

    /// The same subject with tenant kind `kind`.
    pub fn with_kind(mut self, kind: &str) -> Self {
        self.tenant_kind = Some(kind.to_string());
        self
    }

    /// The same subject with `modules` enabled.
    pub fn with_modules(mut self, modules: &[&str]) -> Self {
        self.modules = modules.iter().map(|m| m.to_string()).collect();
        self
    }

    /// Reads a subject from JSON; errors name the field that is wrong.
    pub fn from_json(json: &str) -> Result<Self, RequestError> {
        parse_json(json, "subject", decode_subject)
    }
}

/// One role held by a subject, optionally limited to a scope.
///
/// JSON: `"operator"` (tenant-wide) or `{ "role": "operator", "scope": { "facility": "f1" } }`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RoleAssignment {
    /// The role's id.
    pub role: String,
    /// The scope; `None` means tenant-wide. An empty scope is tenant-wide too.
    pub scope: Option<Scope>,
}

impl RoleAssignment {
    /// A tenant-wide assignment of `role`.
    pub fn new(role: &str) -> Self {
        RoleAssignment { role: role.to_string(), scope: None }
    }

    /// An assignment of `role` limited to `scope`.
    pub fn scoped(role: &str, scope: &[(&str, &str)]) -> Self {
        let scope = scope.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        RoleAssignment { role: role.to_string(), scope: Some(scope) }
    }
}

/// What an action is done on: its tenant (the subject's own when left out) and scope
/// attributes, e.g. `{ "tenant": "acme", "facility": "f1" }`. Attributes that are not scope keys
/// of the policy are allowed and ignored.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Resource {
    /// The tenant the resource belongs to; `None` means the subject's tenant.
    pub tenant: Option<String>,
    /// Scope attributes: attribute → value.
    pub attributes: Map<String>,
}

impl Resource {
    /// A resource of the subject's own tenant with `attributes`.
    pub fn new(attributes: &[(&str, &str)]) -> Self {
        Resource { tenant: None, attributes: attributes.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect() }
    }

    /// The same resource, belonging to `tenant`.
    pub fn in_tenant(mut self, tenant: &str) -> Self {
        self.tenant = Some(tenant.to_string());
        self
    }

    /// Reads a resource from JSON; errors name the field that is wrong.
    pub fn from_json(json: &str) -> Result<Self, RequestError> {
        parse_json(json, "resource", decode_resource)
    }
}

codes! {
    /// The code of a problem with a request: a subject, a resource, or a query's arguments.
    pub enum RequestCode {
        /// The text is not JSON.
        JsonSyntax = "json_syntax",
        /// The JSON does not have the expected shape (wrong type, missing or unknown field).
        JsonShape = "json_shape",
        /// `tenant` is empty.
        EmptyTenant = "empty_tenant",
        /// `tenantKind` is left out, but the policy has several tenant kinds.
        MissingTenantKind = "missing_tenant_kind",
        /// The tenant kind is not one of the policy.
        UnknownTenantKind = "unknown_tenant_kind",
        /// A module is not one the tenant kind offers.
        UnknownModule = "unknown_module",
        /// A role is not one of the policy.
        UnknownRole = "unknown_role",
        /// A scope attribute is not a scope key of the policy.
        UnknownScopeKey = "unknown_scope_key",
        /// A scope value is empty.
        EmptyScopeValue = "empty_scope_value",
        /// A size limit (see [`crate::limits`]) is exceeded.
        LimitExceeded = "limit_exceeded",
    }
}

/// One problem with a request.
pub type RequestProblem = Problem<RequestCode>;

/// A request that does not fit the policy, with every problem found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RequestError {
    /// Every problem; never empty.
    pub problems: Vec<RequestProblem>,
}

impl RequestError {
    /// The stable code of this error, as thrown to JavaScript: `invalid_request`.
    pub const CODE: &'static str = "invalid_request";

    /// An error with a single problem.
    pub fn single(code: RequestCode, path: impl Into<String>, message: Label) -> Self {
        RequestError { problems: vec![Problem::new(code, path, message)] }
    }

    /// The problems as one line each, in `lang`: `path: message`.
    pub fn summary(&self, lang: Lang) -> String {
        crate::problem::lines(&self.problems, lang)
    }
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.summary(Lang::En))
    }
}

impl std::error::Error for RequestError {}

/// Parses JSON text and decodes it with `decode`; problems are reported below `root`.
pub(crate) fn parse_json<T>(
    json: &str,
    root: &str,
    decode: fn(&mut Decoder, &Value, &str) -> Option<T>,
) -> Result<T, RequestError> {
    let value = crate::json::parse(json).map_err(|e| {
        let message = crate::messages::NOT_JSON.fill(&[
            &crate::path::decimal(e.line),
            &crate::path::decimal(e.column),
            &e.message,
        ]);
        RequestError::single(RequestCode::JsonSyntax, root, message)
    })?;
    let mut decoder = Decoder::default();
    decode(&mut decoder, &value, root).ok_or_else(|| RequestError {
        problems: decoder
            .problems
            .into_iter()
            .map(|(path, message)| RequestProblem::new(RequestCode::JsonShape, path, message))
            .collect(),
    })
}

/// Decodes a subject: `{ id?, tenant, tenantKind?, modules?, roles }`.
pub(crate) fn decode_subject(d: &mut Decoder, v: &Value, path: &str) -> Option<Subject> {
    let mark = d.mark();
    let o = d.object(v, path, &["id", "tenant", "tenantKind", "modules", "roles"])?;
    let subject = Subject {
        id: o.optional(d, "id", Decoder::string),
        tenant: o.required(d, "tenant", Decoder::string),
        tenant_kind: o.nullable(d, "tenantKind", Decoder::string),
        modules: o.optional(d, "modules", Decoder::strings),
        roles: o.required(d, "roles", |d, v, p| d.list(v, p, decode_assignment)),
    };
    d.clean_since(mark).then_some(subject)
}

/// Decodes `"role"` or `{ "role": "role", "scope": { … } }`.
pub(crate) fn decode_assignment(d: &mut Decoder, v: &Value, path: &str) -> Option<RoleAssignment> {
    if let Value::String(role) = v {
        return Some(RoleAssignment::new(role));
    }
    if !matches!(v, Value::Object(_)) {
        d.problem(path, crate::messages::NOT_AN_ASSIGNMENT.fill(&[&v.kind()]));
        return None;
    }
    let mark = d.mark();
    let o = d.object(v, path, &["role", "scope"])?;
    let assignment = RoleAssignment {
        role: o.required(d, "role", Decoder::string),
        scope: o.nullable(d, "scope", Decoder::string_map),
    };
    d.clean_since(mark).then_some(assignment)
}

/// Decodes a resource: an object of string attributes, `tenant` naming its tenant.
pub(crate) fn decode_resource(d: &mut Decoder, v: &Value, path: &str) -> Option<Resource> {
    let mut attributes = d.string_map(v, path)?;
    let tenant = attributes.remove("tenant");
    Some(Resource { tenant, attributes })
}

impl ToJson for Subject {
    fn to_json(&self) -> Value {
        Members::default()
            .with_unless(self.id.is_empty(), "id", &self.id)
            .with("tenant", &self.tenant)
            .with_some("tenantKind", &self.tenant_kind)
            .with_list("modules", &self.modules)
            .with("roles", &self.roles)
            .build()
    }
}

impl ToJson for RoleAssignment {
    fn to_json(&self) -> Value {
        match &self.scope {
            None => self.role.to_json(),
            Some(scope) => Members::default().with("role", &self.role).with("scope", scope).build(),
        }
    }
}

impl ToJson for Resource {
    fn to_json(&self) -> Value {
        let tenant = self.tenant.iter().map(|t| ("tenant".to_string(), t.to_json()));
        Value::Object(tenant.chain(self.attributes.iter().map(|(k, v)| (k.clone(), v.to_json()))).collect())
    }
}
