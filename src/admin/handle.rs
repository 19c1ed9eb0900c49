//! [`OrganizationHandle`]: an organization checked and compiled once, for many questions.

use super::queries::{self, Groups, MemberRef, MyData};
use super::tenant::Tenant;
use super::{member_subject, my_data_of, OrgError, Organization};
use crate::engine::approval::RuleSet;
use crate::engine::model::Model;
use crate::{PolicyEngine, RequestError, Resource, Session};
use std::borrow::Cow;
use std::sync::Arc;

/// An organization loaded once: checked against the policy, its own roles compiled, its active
/// members grouped by identical role assignments. Questions then cost a pass over the members,
/// not a new check of the snapshot: `who_can` in an organization of 100,000 members is answered
/// once per distinct role list. Made by [`PolicyEngine::organization`]; the answers equal the
/// engine's own queries on the same snapshot.
#[derive(Clone, Debug)]
pub struct OrganizationHandle {
    /// The policy with the tenant's own roles, shared with the member sessions made from it.
    model: Arc<Model>,
    org: Organization,
    kind: u32,
    modules: u64,
    /// The tenant's approval rules, compiled against `model`.
    rules: RuleSet,
    groups: Groups,
}

impl PolicyEngine {
    /// Checks `org` once and keeps it for repeated questions; `Err` lists every problem, as the
    /// queries would.
    pub fn organization(&self, org: Organization) -> Result<OrganizationHandle, OrgError> {
        let (model, kind, modules, rules) = {
            let tenant = Tenant::new(self.model(), &org).map_err(|problems| OrgError { problems })?;
            let rules = tenant.rules.clone();
            (Arc::new(tenant.model.into_owned()), tenant.kind, tenant.modules, rules)
        };
        let groups = Groups::new(&org);
        Ok(OrganizationHandle { model, org, kind, modules, rules, groups })
    }
}

impl OrganizationHandle {
    fn tenant(&self) -> Tenant<'_> {
        Tenant {
            model: Cow::Borrowed(&self.model),
            org: &self.org,
            kind: self.kind,
            modules: self.modules,
            rules: self.rules.clone(),
        }
    }

    /// The organization as loaded.
    pub fn organization(&self) -> &Organization {
        &self.org
    }

    /// The active administrators: [`PolicyEngine::admins`].
    pub fn admins(&self) -> Vec<MemberRef> {
        queries::admins(&self.tenant())
    }

    /// The active members who may do `action` on `resource`: [`PolicyEngine::who_can`].
    pub fn who_can(&self, action: &str, resource: Option<&Resource>) -> Result<Vec<MemberRef>, RequestError> {
        queries::who_can_in(&self.tenant(), &self.groups, action, queries::Reach::On(resource))
    }

    /// The active members who may do `action` somewhere: [`PolicyEngine::who_can_anywhere`].
    pub fn who_can_anywhere(&self, action: &str) -> Result<Vec<MemberRef>, RequestError> {
        queries::who_can_in(&self.tenant(), &self.groups, action, queries::Reach::Anywhere)
    }

    /// Member `member`'s "My data": [`PolicyEngine::my_data`].
    pub fn my_data(&self, member: &str) -> Result<MyData, OrgError> {
        my_data_of(&self.tenant(), member)
    }

    /// A session for member `member`: [`PolicyEngine::member_session`].
    pub fn member_session(&self, member: &str) -> Result<Session, OrgError> {
        let (subject, resolved) = member_subject(&self.tenant(), member)?;
        Ok(Session::new(Arc::clone(&self.model), subject.tenant, resolved).with_rules(self.rules.clone()))
    }
}
