//! What a caller asks about: the [`Subject`] (who), the action (a permission id) and the
//! optional [`Resource`] (on what). Also [`RequestError`], for subjects and arguments that do not
//! fit the policy.

use crate::lang::{Label, Lang};
use crate::problem::{codes, Problem};
use crate::read::walk::Walk;
use crate::read::walk::Walker;
use crate::read::{self, Document, ReadError};
use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;
use std::fmt;

/// A scope: attribute → value, e.g. `{ "facility": "f1" }`. A scoped role assignment counts only
/// for resources that carry every one of these attributes with the same value.
pub type Scope = BTreeMap<String, String>;

/// Who asks: a member of a tenant with role assignments.
///
/// JSON: `{ "id", "tenant", "tenantKind"?, "modules"?, "roles": ["role" | { "role", "scope"? }] }`.
/// `tenantKind` may be left out when the policy has a single tenant kind.
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Subject {
    /// The member's id (used in explanations and administration; may be empty for checks).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// The member's tenant (company). Resources of other tenants are always denied.
    pub tenant: String,
    /// The tenant's kind, e.g. `operator`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tenant_kind: Option<String>,
    /// The optional modules the tenant has enabled.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modules: Vec<String>,
    /// The member's role assignments.
    pub roles: Vec<RoleAssignment>,
    /// The instant (Unix seconds) the decisions are for, needed when an assignment has a window
    /// (`from`, `until`): the engine never reads a clock. Not part of the JSON (see
    /// [`Subject::at`]; the JavaScript API passes the current time unless told otherwise).
    #[serde(skip)]
    #[cfg_attr(feature = "schema", schemars(skip))]
    pub at: Option<i64>,
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

    /// The same subject, decided at `unix_seconds` (see [`Subject::at`]): an assignment counts
    /// only inside its window, `from` included, `until` not.
    pub fn at(mut self, unix_seconds: i64) -> Self {
        self.at = Some(unix_seconds);
        self
    }

    /// Reads a subject from JSON; errors name the field that is wrong.
    pub fn from_json(json: &str) -> Result<Self, RequestError> {
        parse(json)
    }

    /// Reads a subject from a JSON value, reporting every problem as [`Subject::from_json`] does.
    pub fn from_value(value: &Value) -> Result<Self, RequestError> {
        parse_value(value)
    }

    /// Reads a subject from any serde data source (another data format; in the wasm build, a
    /// JavaScript value), reporting every problem as `from_json` does.
    pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, crate::RequestError> {
        parse_from(deserializer)
    }
}

impl Document for Subject {
    const ROOT: &'static str = "subject";
    const WALK: Walk<Self> = read_subject;
}

/// One role held by a subject, optionally limited to a scope and to a window of time.
///
/// JSON: `"operator"` (tenant-wide, always) or `{ "role": "operator", "scope": { "facility": "f1" },
/// "from": "2026-12-01T00:00:00Z", "until": "2026-12-15T00:00:00Z" }`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct RoleAssignment {
    /// The role's id.
    pub role: String,
    /// The scope; `None` means tenant-wide. An empty scope is tenant-wide too.
    pub scope: Option<Scope>,
    /// When the assignment starts to count (RFC 3339, included); `None`: it always has.
    pub from: Option<String>,
    /// When it stops counting (RFC 3339, excluded; after `from`); `None`: it never does.
    pub until: Option<String>,
}

impl RoleAssignment {
    /// A tenant-wide assignment of `role`.
    pub fn new(role: &str) -> Self {
        RoleAssignment { role: role.to_string(), scope: None, from: None, until: None }
    }

    /// An assignment of `role` limited to `scope`.
    pub fn scoped(role: &str, scope: &[(&str, &str)]) -> Self {
        let scope = scope.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        RoleAssignment { role: role.to_string(), scope: Some(scope), from: None, until: None }
    }

    /// The same assignment, counting only from `from` (RFC 3339) and/or until `until`.
    pub fn during(mut self, from: Option<&str>, until: Option<&str>) -> Self {
        self.from = from.map(str::to_string);
        self.until = until.map(str::to_string);
        self
    }

    /// Whether the assignment has a window (`from` or `until`).
    pub fn is_timed(&self) -> bool {
        self.from.is_some() || self.until.is_some()
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
    pub attributes: BTreeMap<String, String>,
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
        parse(json)
    }

    /// Reads a resource from a JSON value, reporting every problem as [`Resource::from_json`]
    /// does.
    pub fn from_value(value: &Value) -> Result<Self, RequestError> {
        parse_value(value)
    }

    /// Reads a resource from any serde data source (another data format; in the wasm build, a
    /// JavaScript value), reporting every problem as `from_json` does.
    pub fn from_deserializer<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, crate::RequestError> {
        parse_from(deserializer)
    }
}

impl Document for Resource {
    const ROOT: &'static str = "resource";
    const WALK: Walk<Self> = read_resource;
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
        /// A resource's attribute that the policy types (money, a whole number) does not read.
        InvalidAttribute = "invalid_attribute",
        /// A tenant's approval rules do not fit the policy or its bounds.
        InvalidRule = "invalid_rule",
        /// A money attribute is in a currency that none of the approval rules that apply and
        /// compare it names.
        CurrencyMismatch = "currency_mismatch",
        /// A question about an action (`who_can`) names one the policy does not have.
        UnknownAction = "unknown_action",
        /// An assignment's `from` or `until` (or the time asked about) is not an RFC 3339 time.
        InvalidTime = "invalid_time",
        /// An assignment's `until` is not after its `from`: it would never count.
        EmptyWindow = "empty_window",
        /// An assignment has a window, and the time the decision is for was not given.
        MissingTime = "missing_time",
        /// An assignment has a window, and this build does not decide with windows (the lean
        /// wasm module of the browser builds; `rolegate/full` and Node's build do).
        NotInBuild = "not_in_build",
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

/// Reads a document from JSON text; problems are reported below its root (`subject`, …).
pub(crate) fn parse<T: Document>(json: &str) -> Result<T, RequestError> {
    read::from_text(json, T::ROOT, T::WALK).map_err(request_error::<T>)
}

/// Reads a document from a JSON value.
pub(crate) fn parse_value<T: Document>(value: &Value) -> Result<T, RequestError> {
    read::from_value(value, T::ROOT, T::WALK).map_err(request_error::<T>)
}

/// Reads a document from any serde data source (the wasm build: a JavaScript value).
pub(crate) fn parse_from<'de, T: Document, D: Deserializer<'de>>(deserializer: D) -> Result<T, RequestError> {
    read::from_deserializer(deserializer, T::ROOT, T::WALK).map_err(request_error::<T>)
}

fn request_error<T: Document>(e: ReadError) -> RequestError {
    RequestError { problems: e.problems(T::ROOT, RequestCode::JsonSyntax, RequestCode::JsonShape) }
}

/// Reads a subject: `{ id?, tenant, tenantKind?, modules?, roles }`.
fn read_subject(w: &mut Walker, v: &Value, path: &str) -> Option<Subject> {
    w.record(v, path, &["id", "tenant", "tenantKind", "modules", "roles"], |w, o| Subject {
        id: o.optional(w, "id", Walker::string),
        tenant: o.required(w, "tenant", Walker::string),
        tenant_kind: o.nullable(w, "tenantKind", Walker::string),
        modules: o.optional(w, "modules", Walker::strings),
        roles: o.required(w, "roles", read_assignments),
        at: None,
    })
}

/// Reads a list of `"role"` or `{ "role": "role", "scope": { … } }`.
pub(crate) fn read_assignments(w: &mut Walker, v: &Value, path: &str) -> Option<Vec<RoleAssignment>> {
    w.list(v, path, read_assignment)
}

fn read_assignment(w: &mut Walker, v: &Value, path: &str) -> Option<RoleAssignment> {
    match v {
        Value::String(role) => Some(RoleAssignment::new(role)),
        Value::Object(_) => w.record(v, path, &["role", "scope", "from", "until"], |w, o| RoleAssignment {
            role: o.required(w, "role", Walker::string),
            scope: o.nullable(w, "scope", Walker::string_map),
            from: o.nullable(w, "from", Walker::string),
            until: o.nullable(w, "until", Walker::string),
        }),
        other => {
            w.problem(path, crate::messages::NOT_AN_ASSIGNMENT.fill(&[&crate::read::walk::kind(other)]));
            None
        }
    }
}

/// Reads a resource: an object of attributes, `tenant` naming its tenant. A value is a string,
/// or a whole number (a JSON number without a fraction), which counts as its decimal text.
pub(crate) fn read_resource(w: &mut Walker, v: &Value, path: &str) -> Option<Resource> {
    let Value::Object(members) = v else {
        w.wrong_type(path, &crate::messages::KIND_OBJECT, v);
        return None;
    };
    let mut attributes = BTreeMap::new();
    let mut fine = true;
    for (key, member) in members {
        let text = match member {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) if n.is_i64() || n.is_u64() => Some(n.to_string()),
            other => {
                let at = crate::read::walk::member_path(path, key);
                w.wrong_type(&at, &crate::messages::KIND_ATTRIBUTE_VALUE, other);
                None
            }
        };
        match text {
            Some(text) => {
                attributes.insert(key.clone(), text);
            }
            None => fine = false,
        }
    }
    let tenant = attributes.remove("tenant");
    fine.then_some(Resource { tenant, attributes })
}

/// `"role"` when tenant-wide and always, `{ "role", "scope"?, "from"?, "until"? }` otherwise.
impl Serialize for RoleAssignment {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if self.scope.is_none() && !self.is_timed() {
            return serializer.serialize_str(&self.role);
        }
        let fields = [self.from.is_some(), self.until.is_some(), self.scope.is_some()];
        let mut map = serializer.serialize_map(Some(1 + fields.iter().filter(|&&f| f).count()))?;
        map.serialize_entry("role", &self.role)?;
        if let Some(scope) = &self.scope {
            map.serialize_entry("scope", scope)?;
        }
        if let Some(from) = &self.from {
            map.serialize_entry("from", from)?;
        }
        if let Some(until) = &self.until {
            map.serialize_entry("until", until)?;
        }
        map.end()
    }
}

/// `{ role, scope?, from?, until? }`, the object form of an assignment.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Scoped {
    role: String,
    #[serde(default)]
    scope: Option<Scope>,
    #[serde(default)]
    from: Option<String>,
    #[serde(default)]
    until: Option<String>,
}

/// `"role"` or `{ "role", "scope"? }`, told apart by what the data holds.
impl<'de> Deserialize<'de> for RoleAssignment {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AssignmentVisitor;
        impl<'de> Visitor<'de> for AssignmentVisitor {
            type Value = RoleAssignment;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a role id or { role, scope }")
            }
            fn visit_str<E: de::Error>(self, role: &str) -> Result<RoleAssignment, E> {
                Ok(RoleAssignment::new(role))
            }
            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RoleAssignment, A::Error> {
                let Scoped { role, scope, from, until } =
                    Scoped::deserialize(de::value::MapAccessDeserializer::new(map))?;
                Ok(RoleAssignment { role, scope, from, until })
            }
        }
        deserializer.deserialize_any(AssignmentVisitor)
    }
}

/// `{ "tenant"?, …attributes }`.
impl Serialize for Resource {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.attributes.len() + usize::from(self.tenant.is_some())))?;
        if let Some(tenant) = &self.tenant {
            map.serialize_entry("tenant", tenant)?;
        }
        for (key, value) in &self.attributes {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

/// An object of attributes (strings, or whole numbers as their decimal text), `tenant` naming
/// the resource's tenant.
impl<'de> Deserialize<'de> for Resource {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let attributes = BTreeMap::<String, AttributeText>::deserialize(deserializer)?;
        let mut attributes: BTreeMap<String, String> = attributes.into_iter().map(|(k, v)| (k, v.0)).collect();
        let tenant = attributes.remove("tenant");
        Ok(Resource { tenant, attributes })
    }
}

/// An attribute's value: a string, or a whole number as its decimal text.
struct AttributeText(String);

impl<'de> Deserialize<'de> for AttributeText {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TextVisitor;
        impl Visitor<'_> for TextVisitor {
            type Value = AttributeText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a string or a whole number")
            }
            fn visit_str<E: de::Error>(self, text: &str) -> Result<AttributeText, E> {
                Ok(AttributeText(text.to_string()))
            }
            fn visit_i64<E: de::Error>(self, n: i64) -> Result<AttributeText, E> {
                Ok(AttributeText(n.to_string()))
            }
            fn visit_u64<E: de::Error>(self, n: u64) -> Result<AttributeText, E> {
                Ok(AttributeText(n.to_string()))
            }
        }
        deserializer.deserialize_any(TextVisitor)
    }
}
