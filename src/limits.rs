//! Hard limits on inputs. Anything beyond them is refused with a `limit_exceeded` problem naming
//! the limit, never a panic or a hang. The README lists the same values.

/// Largest policy document accepted, in bytes of JSON text.
pub const MAX_POLICY_BYTES: usize = 4 * 1024 * 1024;
/// Longest id (permission, role, kind, module, feature, scope key), in bytes.
pub const MAX_ID_LEN: usize = 128;
/// Longest label text, in characters.
pub const MAX_LABEL_CHARS: usize = 256;
/// Most permissions in a policy, counting the two levels of every feature.
pub const MAX_PERMISSIONS: usize = 4096;
/// Most roles in a policy.
pub const MAX_ROLES: usize = 8192;
/// Most tenant kinds in a policy (kinds are a bit mask internally).
pub const MAX_TENANT_KINDS: usize = 64;
/// Most distinct modules across all tenant kinds (modules are a bit mask internally).
pub const MAX_MODULES: usize = 64;
/// Most scope keys a policy declares.
pub const MAX_SCOPE_KEYS: usize = 32;
/// Longest chain of implications (`a` implies `b` implies `c` … counts the permissions).
pub const MAX_IMPLICATION_DEPTH: usize = 64;
/// Deepest nesting of arrays and objects accepted in any JSON input (a JS value may be cyclic or
/// very deep: the recursion must stop first).
pub const MAX_DEPTH: usize = 127;
/// Most role assignments of one subject.
pub const MAX_ASSIGNMENTS: usize = 256;
/// Most attributes in one assignment's scope.
pub const MAX_SCOPE_ATTRIBUTES: usize = 8;
/// Longest tenant id, subject id, module id in a subject, or scope value, in bytes.
pub const MAX_VALUE_LEN: usize = 256;
/// Most members (and, separately, most open invitations) of one organization snapshot.
pub const MAX_MEMBERS: usize = 250_000;
/// Most approval rules of a policy, and of one tenant.
pub const MAX_APPROVAL_RULES: usize = 256;
/// Most tiers of one approval rule.
pub const MAX_TIERS: usize = 16;
