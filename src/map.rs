//! [`Map`]: a small map from names to values, kept sorted by name. Scopes, resource attributes
//! and matrix rows hold a handful of entries, for which a sorted vector is as fast as a tree and
//! far smaller in the wasm module (a B-tree's code alone was 16 KB of it).

use crate::json::{ToJson, Value};
use std::ops::Index;

/// A map from names to values, iterated in name order.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Map<V> {
    entries: Vec<(String, V)>,
}

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map { entries: Vec::new() }
    }
}

impl<V> Map<V> {
    /// An empty map.
    pub fn new() -> Self {
        Map::default()
    }

    fn find(&self, key: &str) -> Result<usize, usize> {
        self.entries.binary_search_by(|(k, _)| k.as_str().cmp(key))
    }

    /// Sets `key` to `value`; returns the value it replaces.
    pub fn insert(&mut self, key: impl Into<String>, value: V) -> Option<V> {
        let key = key.into();
        match self.find(&key) {
            Ok(i) => Some(std::mem::replace(&mut self.entries[i].1, value)),
            Err(i) => {
                self.entries.insert(i, (key, value));
                None
            }
        }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&V> {
        self.find(key).ok().map(|i| &self.entries[i].1)
    }

    /// Whether `key` has a value.
    pub fn contains_key(&self, key: &str) -> bool {
        self.find(key).is_ok()
    }

    /// Removes `key`; returns its value.
    pub fn remove(&mut self, key: &str) -> Option<V> {
        self.find(key).ok().map(|i| self.entries.remove(i).1)
    }

    /// The entries, in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&String, &V)> {
        self.entries.iter().map(|(k, v)| (k, v))
    }

    /// The names, in order.
    pub fn keys(&self) -> impl Iterator<Item = &String> {
        self.entries.iter().map(|(k, _)| k)
    }

    /// The values, in name order.
    pub fn values(&self) -> impl Iterator<Item = &V> {
        self.entries.iter().map(|(_, v)| v)
    }

    /// How many entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

impl<V, K: Into<String>> FromIterator<(K, V)> for Map<V> {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(items: I) -> Self {
        let mut map = Map::new();
        for (k, v) in items {
            map.insert(k, v);
        }
        map
    }
}

impl<'m, V> IntoIterator for &'m Map<V> {
    type Item = (&'m String, &'m V);
    type IntoIter = std::iter::Map<std::slice::Iter<'m, (String, V)>, fn(&'m (String, V)) -> (&'m String, &'m V)>;

    fn into_iter(self) -> Self::IntoIter {
        self.entries.iter().map(|(k, v)| (k, v))
    }
}

impl<V> Index<&str> for Map<V> {
    type Output = V;

    /// The value of `key`; panics when there is none, like indexing a `HashMap`.
    fn index(&self, key: &str) -> &V {
        match self.get(key) {
            Some(v) => v,
            None => panic!("no entry '{key}' in the map"),
        }
    }
}

impl<V: ToJson> ToJson for Map<V> {
    fn to_json(&self) -> Value {
        let mut members = Vec::with_capacity(self.entries.len());
        for (k, v) in &self.entries {
            members.push((k.clone(), v.to_json()));
        }
        Value::Object(members)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_entries_sorted_and_unique() {
        let mut m: Map<u32> = [("b", 2), ("a", 1)].into_iter().collect();
        assert_eq!(m.insert("c", 3), None);
        assert_eq!(m.insert("a", 10), Some(1));
        assert_eq!(m.keys().map(String::as_str).collect::<Vec<_>>(), ["a", "b", "c"]);
        assert_eq!((m.get("a"), m.get("z"), m["b"]), (Some(&10), None, 2));
        assert_eq!(m.remove("b"), Some(2));
        assert!(m.contains_key("c") && !m.contains_key("b") && m.len() == 2);
        let other: Map<u32> = [("c", 3), ("a", 10)].into_iter().collect();
        assert_eq!(m, other, "equality ignores insertion order");
    }
}
