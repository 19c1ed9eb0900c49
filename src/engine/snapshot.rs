//! Compiled policies as bytes: [`encode`] writes a [`Model`] (its document included) in a compact
//! binary form, [`decode`] reads it back without parsing JSON or validating the document again.
//!
//! The package ships its built-in policies this way: loading one then runs a few kilobytes of
//! decoding code instead of the JSON parser, the document reader and the compiler, which is most
//! of a cold start in a fresh wasm instance (the engine compiles each wasm function on its first
//! call). A snapshot is tied to the rolegate version that wrote it; [`decode`] refuses any
//! other, and checks every number in it against the tables it indexes, so a damaged snapshot is
//! an error, never a panic or a model that later indexes out of bounds.
//!
//! Layout: the magic `RGS1`, the writing crate's version, the table of the distinct strings (how
//! many, each one's length, then all their UTF-8 text in one piece, so that a JS bundle can carry
//! that part as text), then the model's fields in declaration order. Numbers are LEB128; a string
//! is its number in the table; a list is its length and its items; an option is 0 or 1 and the
//! value.

use super::intern::Interner;
use super::model::{AdminModel, FeatureModel, KindModel, Model, PermModel, PermOrigin, RoleModel};
use super::permset::PermSet;
use crate::lang::Label;
use crate::policy::{
    AdministrationDef, ApproverCoverageDef, Comment, FeatureDef, FeatureLevel, ModuleDef, PermissionDef, Policy,
    RoleDef, ScopeKeyDef, TenantKindDef,
};

const MAGIC: &[u8; 4] = b"RGS1";
const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Why bytes are not a snapshot this build can read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SnapshotFault {
    /// Not a snapshot, or one from another rolegate version.
    Foreign,
    /// Cut short, or a number out of range, or tables that do not fit each other.
    Damaged,
}

/// The model as bytes.
pub(crate) fn encode(model: &Model) -> Vec<u8> {
    let mut body = Writer::default();
    model.put(&mut body);
    let mut out = Writer::default();
    out.bytes.extend_from_slice(MAGIC);
    out.str_raw(VERSION);
    out.uint(body.strings.len());
    for s in body.strings.names() {
        out.uint(s.len());
    }
    for s in body.strings.names() {
        out.bytes.extend_from_slice(s.as_bytes());
    }
    out.bytes.extend_from_slice(&body.bytes);
    out.bytes
}

/// The model written by [`encode`] (of this same version), checked.
pub(crate) fn decode(bytes: &[u8]) -> Result<Model, SnapshotFault> {
    let mut r = Reader::new(bytes);
    let lengths = read_head(&mut r)?;
    let head = r.at;
    let total = lengths.iter().try_fold(0usize, |sum, &n| sum.checked_add(n)).ok_or(SnapshotFault::Damaged)?;
    let text = head.checked_add(total).and_then(|end| bytes.get(head..end)).ok_or(SnapshotFault::Damaged)?;
    let text = std::str::from_utf8(text).map_err(|_| SnapshotFault::Damaged)?;
    decode_parts(&bytes[..head], text, &bytes[head + total..])
}

/// [`decode`] of a snapshot cut in three: the bytes before the strings' text, the text, and the
/// bytes after it (how the JS package carries its built-ins, the text as a JS string).
pub(crate) fn decode_parts(head: &[u8], text: &str, body: &[u8]) -> Result<Model, SnapshotFault> {
    let mut r = Reader::new(head);
    let lengths = read_head(&mut r)?;
    if r.at != head.len() || lengths.iter().try_fold(0usize, |sum, &n| sum.checked_add(n)) != Some(text.len()) {
        return Err(SnapshotFault::Damaged);
    }
    let mut r = Reader::new(body);
    let mut at: usize = 0;
    for n in lengths {
        // A length that splits a character is damage too (`get` refuses it).
        let s = text.get(at..at + n).unwrap_or_else(|| r.fail(""));
        r.strings.push(s);
        at += n;
    }
    let model = Model::take(&mut r);
    if r.damaged || r.at != body.len() || !fits(&model) {
        return Err(SnapshotFault::Damaged);
    }
    Ok(model)
}

/// The head: magic, version, and the lengths of the strings in the table.
fn read_head(r: &mut Reader<'_>) -> Result<Vec<usize>, SnapshotFault> {
    let version_length = r.uint_after_magic();
    if r.damaged || r.take_bytes(version_length) != VERSION.as_bytes() {
        return Err(SnapshotFault::Foreign);
    }
    let count = r.len();
    let lengths: Vec<usize> = (0..count).map(|_| r.uint()).collect();
    if r.damaged {
        return Err(SnapshotFault::Damaged);
    }
    Ok(lengths)
}

/// Whether every number in `m` indexes a table entry that exists, and the tables agree in size,
/// so that no later lookup can go out of bounds.
fn fits(m: &Model) -> bool {
    let (perms, roles, kinds, modules) = (m.perms.len(), m.roles.len(), m.kinds.len(), m.modules.len());
    let doc = &m.doc;
    let perm = |p: &u32| (*p as usize) < perms;
    // A set's words cover exactly the permissions, and no bit past the last one is set.
    let set = |s: &PermSet| {
        let words = s.words();
        words.len() == perms.div_ceil(64) && words.last().is_none_or(|w| perms % 64 == 0 || w >> (perms % 64) == 0)
    };
    let mask = |mask: u64, len: usize| len >= 64 || mask >> len == 0;
    let mut ok = m.perm_info.len() == perms
        && m.role_info.len() == roles
        && m.kind_info.len() == kinds
        && m.module_labels.len() == modules
        && m.scope_labels.len() == m.scope_keys.len()
        && m.features.len() == doc.features.len()
        && doc.permissions.len() + 2 * doc.features.len() == perms
        && doc.roles.len() == roles
        && doc.tenant_kinds.len() == kinds
        && doc.scopes.len() == m.scope_keys.len();
    for p in &m.perm_info {
        let origin = match p.origin {
            PermOrigin::Declared(i) => i < doc.permissions.len(),
            PermOrigin::FeatureLevel { feature, .. } => feature < doc.features.len(),
        };
        ok &= p.implies.iter().all(perm) && set(&p.closure) && origin;
    }
    for f in &m.features {
        ok &= perm(&f.read) && perm(&f.manage);
    }
    for r in &m.role_info {
        ok &= r.grants.iter().all(perm) && set(&r.effective) && mask(r.kinds, kinds) && mask(r.modules, modules);
    }
    for k in &m.kind_info {
        ok &= mask(k.modules, modules) && k.default_role.is_none_or(|r| (r as usize) < roles);
    }
    if let Some(a) = &m.admin {
        let (request, release, _) = a.coverage.unwrap_or_default();
        ok &= [a.invite, a.approve, a.assign_roles, a.remove_member, a.manage_roles, request, release].iter().all(perm);
    }
    ok
}

/// The bytes being written, and the strings met so far (each written once, in the table).
#[derive(Default)]
struct Writer {
    bytes: Vec<u8>,
    strings: Interner,
}

impl Writer {
    fn uint(&mut self, n: usize) {
        self.wide(n as u64);
    }

    fn wide(&mut self, mut n: u64) {
        loop {
            let byte = (n & 0x7f) as u8;
            n >>= 7;
            if n == 0 {
                self.bytes.push(byte);
                return;
            }
            self.bytes.push(byte | 0x80);
        }
    }

    fn str_raw(&mut self, s: &str) {
        self.uint(s.len());
        self.bytes.extend_from_slice(s.as_bytes());
    }

    fn string(&mut self, s: &str) {
        let n = self.strings.insert(s).unwrap_or_else(|existing| existing);
        self.uint(n as usize);
    }
}

/// The bytes being read, and the string table once read. Reading never stops early: past any
/// damage it gives zeros and empty values and remembers the damage, so that decoding is one
/// straight pass (no partly built value to unwind at every step) and its result is thrown away.
struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    strings: Vec<&'a str>,
    damaged: bool,
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0, strings: Vec::new(), damaged: false }
    }

    /// The number after the magic; damaged (and 0) when the magic is not there.
    fn uint_after_magic(&mut self) -> usize {
        if self.take_bytes(MAGIC.len()) != MAGIC.as_slice() {
            return self.fail(0);
        }
        self.uint()
    }

    /// Notes damage; gives `fallback` to go on with.
    fn fail<T>(&mut self, fallback: T) -> T {
        self.damaged = true;
        fallback
    }

    fn take_bytes(&mut self, n: usize) -> &'a [u8] {
        match self.at.checked_add(n).and_then(|end| self.bytes.get(self.at..end)) {
            Some(bytes) => {
                self.at += n;
                bytes
            }
            None => self.fail(&[]),
        }
    }

    fn byte(&mut self) -> u8 {
        self.take_bytes(1).first().copied().unwrap_or(0)
    }

    fn wide(&mut self) -> u64 {
        let mut n: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = self.byte();
            n |= u64::from(byte & 0x7f) << shift;
            if byte & 0x80 == 0 {
                return n;
            }
        }
        self.fail(0)
    }

    fn uint(&mut self) -> usize {
        let n = self.wide();
        usize::try_from(n).unwrap_or_else(|_| self.fail(0))
    }

    fn string(&mut self) -> &'a str {
        let n = self.uint();
        self.strings.get(n).copied().unwrap_or_else(|| self.fail(""))
    }

    /// A list's length, refused when the bytes left could not hold that many items.
    fn len(&mut self) -> usize {
        let n = self.uint();
        if n <= self.bytes.len() - self.at {
            n
        } else {
            self.fail(0)
        }
    }
}

/// A value that can be written to and read from a snapshot.
trait Snap: Sized {
    fn put(&self, w: &mut Writer);
    fn take(r: &mut Reader<'_>) -> Self;
}

impl Snap for u32 {
    fn put(&self, w: &mut Writer) {
        w.wide(u64::from(*self));
    }
    fn take(r: &mut Reader<'_>) -> Self {
        let n = r.wide();
        u32::try_from(n).unwrap_or_else(|_| r.fail(0))
    }
}

impl Snap for u64 {
    fn put(&self, w: &mut Writer) {
        w.wide(*self);
    }
    fn take(r: &mut Reader<'_>) -> Self {
        r.wide()
    }
}

impl Snap for usize {
    fn put(&self, w: &mut Writer) {
        w.uint(*self);
    }
    fn take(r: &mut Reader<'_>) -> Self {
        r.uint()
    }
}

impl Snap for bool {
    fn put(&self, w: &mut Writer) {
        w.bytes.push(u8::from(*self));
    }
    fn take(r: &mut Reader<'_>) -> Self {
        match r.byte() {
            0 => false,
            1 => true,
            _ => r.fail(false),
        }
    }
}

impl Snap for String {
    fn put(&self, w: &mut Writer) {
        w.string(self);
    }
    fn take(r: &mut Reader<'_>) -> Self {
        r.string().to_string()
    }
}

impl<T: Snap> Snap for Vec<T> {
    fn put(&self, w: &mut Writer) {
        w.uint(self.len());
        self.iter().for_each(|item| item.put(w));
    }
    fn take(r: &mut Reader<'_>) -> Self {
        let n = r.len();
        let mut items = Vec::with_capacity(n);
        for _ in 0..n {
            items.push(T::take(r));
        }
        items
    }
}

impl<T: Snap> Snap for Option<T> {
    fn put(&self, w: &mut Writer) {
        self.is_some().put(w);
        if let Some(value) = self {
            value.put(w);
        }
    }
    fn take(r: &mut Reader<'_>) -> Self {
        bool::take(r).then(|| T::take(r))
    }
}

impl<A: Snap, B: Snap, C: Snap> Snap for (A, B, C) {
    fn put(&self, w: &mut Writer) {
        self.0.put(w);
        self.1.put(w);
        self.2.put(w);
    }
    fn take(r: &mut Reader<'_>) -> Self {
        (A::take(r), B::take(r), C::take(r))
    }
}

impl Snap for Interner {
    fn put(&self, w: &mut Writer) {
        w.uint(self.len());
        self.names().for_each(|name| w.string(name));
    }
    fn take(r: &mut Reader<'_>) -> Self {
        let mut interner = Interner::default();
        for _ in 0..r.len() {
            let name = r.string();
            // A name listed twice would make two numbers for one name: damaged.
            if interner.insert(name).is_err() {
                r.fail(());
            }
        }
        interner
    }
}

impl Snap for PermSet {
    /// Its capacity in words, then its members: sets of permissions are sparse.
    fn put(&self, w: &mut Writer) {
        w.uint(self.words().len());
        self.iter().collect::<Vec<u32>>().put(w);
    }
    fn take(r: &mut Reader<'_>) -> Self {
        let words = r.len();
        let mut set = PermSet::from_words(vec![0; words]);
        for member in Vec::<u32>::take(r) {
            // A member beyond the capacity is damage, not something to drop silently.
            if member as usize >= set.capacity() {
                r.fail(());
            }
            set.insert(member);
        }
        set
    }
}

impl Snap for Comment {
    fn put(&self, w: &mut Writer) {
        match self {
            Comment::Line(line) => {
                w.bytes.push(0);
                line.put(w);
            }
            Comment::Lines(lines) => {
                w.bytes.push(1);
                lines.put(w);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Self {
        if bool::take(r) {
            Comment::Lines(Vec::take(r))
        } else {
            Comment::Line(String::take(r))
        }
    }
}

impl Snap for FeatureLevel {
    fn put(&self, w: &mut Writer) {
        (*self == FeatureLevel::Manage).put(w);
    }
    fn take(r: &mut Reader<'_>) -> Self {
        if bool::take(r) {
            FeatureLevel::Manage
        } else {
            FeatureLevel::Read
        }
    }
}

impl Snap for PermOrigin {
    fn put(&self, w: &mut Writer) {
        match *self {
            PermOrigin::Declared(i) => {
                w.bytes.push(0);
                i.put(w);
            }
            PermOrigin::FeatureLevel { feature, level } => {
                w.bytes.push(1);
                feature.put(w);
                level.put(w);
            }
        }
    }
    fn take(r: &mut Reader<'_>) -> Self {
        if bool::take(r) {
            PermOrigin::FeatureLevel { feature: usize::take(r), level: FeatureLevel::take(r) }
        } else {
            PermOrigin::Declared(usize::take(r))
        }
    }
}

/// `Snap` for a struct: its fields in the order given (every field, so the compiler lists any
/// field added later and not written here).
macro_rules! snap_struct {
    ($($ty:ident { $($field:ident),* $(,)? })*) => {$(
        impl Snap for $ty {
            fn put(&self, w: &mut Writer) {
                let $ty { $($field),* } = self;
                $($field.put(w);)*
            }
            fn take(r: &mut Reader<'_>) -> Self {
                $(let $field = Snap::take(r);)*
                $ty { $($field),* }
            }
        }
    )*};
}

snap_struct! {
    Label { en, de }
    Policy { version, id, label, comment, scopes, tenant_kinds, permissions, features, roles, administration }
    ScopeKeyDef { id, label, comment }
    TenantKindDef { id, label, modules, default_role, admins_administrative_only, comment }
    ModuleDef { id, label, comment }
    PermissionDef { id, label, implies, administrative, comment }
    FeatureDef { id, label, read, manage, administrative, comment }
    RoleDef { id, label, grants, kinds, modules, admin, deprecated, comment }
    AdministrationDef { invite, approve, assign_roles, remove_member, manage_roles, invitation_days, approver_coverage, comment }
    ApproverCoverageDef { request, release, minimum }
    Model { doc, scope_keys, scope_labels, kinds, kind_info, modules, module_labels, perms, perm_info, features, roles, role_info, admin }
    KindModel { label, modules, default_role, admins_administrative_only }
    PermModel { label, implies, closure, administrative, origin }
    FeatureModel { read, manage }
    RoleModel { label, grants, effective, kinds, modules, admin, deprecated }
    AdminModel { invite, approve, assign_roles, remove_member, manage_roles, invitation_days, coverage }
}
