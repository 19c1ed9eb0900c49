//! The small command-line syntaxes: role lists with scopes, resources, comma lists.

use rolegate::{RequestError, Resource, RoleAssignment, Scope};

/// A comma-separated list; empty items are dropped.
pub fn list(text: Option<&str>) -> Vec<String> {
    text.unwrap_or_default().split(',').map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

/// `ROLE[@key=value,...][,ROLE...]`: after `@`, comma-separated `key=value` items belong to the
/// role before them; an item without `=` starts the next role.
pub fn roles(text: &str) -> Result<Vec<RoleAssignment>, String> {
    let mut roles: Vec<RoleAssignment> = Vec::new();
    let mut scoped_open = false;
    for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if let Some((role, first_pair)) = item.split_once('@') {
            if role.is_empty() {
                return Err(format!("'{item}' has no role before '@'"));
            }
            let mut scope = Scope::new();
            let (key, value) = pair(first_pair)?;
            scope.insert(key, value);
            roles.push(RoleAssignment { scope: Some(scope), ..RoleAssignment::new(role) });
            scoped_open = true;
        } else if item.contains('=') {
            let Some(scope) = roles.last_mut().filter(|_| scoped_open).and_then(|r| r.scope.as_mut()) else {
                return Err(format!("'{item}' is a scope attribute, but no ROLE@key=value comes before it"));
            };
            let (key, value) = pair(item)?;
            scope.insert(key, value);
        } else {
            roles.push(RoleAssignment::new(item));
            scoped_open = false;
        }
    }
    Ok(roles)
}

/// `key=value,...`; the key `tenant` names the resource's tenant.
pub fn resource(text: &str) -> Result<Resource, String> {
    // A JSON object for values with commas ({"total":"1,00 EUR"}).
    if text.trim_start().starts_with('{') {
        return Resource::from_json(text).map_err(|e| crate::render::problems_line(&e.problems));
    }
    let mut resource = Resource::default();
    for item in text.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let (key, value) = pair(item)?;
        if key == "tenant" {
            resource.tenant = Some(value);
        } else {
            resource.attributes.insert(key, value);
        }
    }
    Ok(resource)
}

fn pair(item: &str) -> Result<(String, String), String> {
    match item.split_once('=') {
        Some((k, v)) if !k.trim().is_empty() && !v.trim().is_empty() => {
            Ok((k.trim().to_string(), v.trim().to_string()))
        }
        _ => Err(format!("'{item}' is not key=value")),
    }
}

/// A request error as one line, with the subject's fields named as the options that set them.
pub fn request_error(e: &RequestError) -> String {
    let parts: Vec<String> = e
        .problems
        .iter()
        .map(|p| {
            let option = if p.path.starts_with("subject.roles") {
                "--roles"
            } else if p.path.starts_with("subject.tenantKind") || p.path == "kind" {
                "--kind"
            } else if p.path.starts_with("subject.modules") {
                "--modules"
            } else if p.path.starts_with("subject.tenant") {
                "--tenant"
            } else if p.path.starts_with("subject.id") {
                "--subject"
            } else {
                p.path.as_str()
            };
            format!("{option}: {}", p.message.en)
        })
        .collect();
    parts.join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_with_scopes() {
        let r = roles("purchaser,operator@facility=f1,customer=c1,programmer").unwrap();
        assert_eq!(r.len(), 3);
        assert_eq!(r[0], RoleAssignment::new("purchaser"));
        assert_eq!(r[1], RoleAssignment::scoped("operator", &[("facility", "f1"), ("customer", "c1")]));
        assert_eq!(r[2], RoleAssignment::new("programmer"));
    }

    #[test]
    fn bad_role_syntax_is_named() {
        assert_eq!(
            roles("facility=f1").unwrap_err(),
            "'facility=f1' is a scope attribute, but no ROLE@key=value comes before it"
        );
        assert_eq!(
            roles("purchaser,facility=f1").unwrap_err(),
            "'facility=f1' is a scope attribute, but no ROLE@key=value comes before it"
        );
        assert_eq!(roles("@facility=f1").unwrap_err(), "'@facility=f1' has no role before '@'");
        assert_eq!(roles("operator@facility").unwrap_err(), "'facility' is not key=value");
        assert!(roles("").unwrap().is_empty());
    }

    #[test]
    fn resources() {
        let r = resource("tenant=other,facility=f2").unwrap();
        assert_eq!(r.tenant.as_deref(), Some("other"));
        assert_eq!(r.attributes.get("facility").map(String::as_str), Some("f2"));
        assert_eq!(resource("facility").unwrap_err(), "'facility' is not key=value");
    }
}
