//! JSON paths for messages: `$.roles[3].grants[1]`.

/// `parent.key`.
pub(crate) fn key(parent: &str, key: &str) -> String {
    [parent, ".", key].concat()
}

/// `parent[i]`.
pub(crate) fn index(parent: &str, i: usize) -> String {
    format!("{parent}[{i}]")
}

/// `n` in decimal, for messages.
pub(crate) fn decimal(n: usize) -> String {
    n.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_and_numbers() {
        assert_eq!(index(&key(&index("$.roles", 3), "grants"), 10), "$.roles[3].grants[10]");
        assert_eq!(decimal(0), "0");
    }
}
