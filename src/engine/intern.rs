//! [`Interner`]: ids as dense integers, so decisions compare numbers instead of strings.
//!
//! An insertion-ordered set (`indexmap`) gives both directions: an id's number is its index, a
//! number's id is the entry at that index. Hashed with rustc-hash's hasher, which is fast for the
//! short ids of a policy (and deterministic, so the wasm module needs no random seed).

use indexmap::IndexSet;
use rustc_hash::FxBuildHasher;
use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A table of distinct names, each given the next integer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Interner {
    names: IndexSet<Box<str>, FxBuildHasher>,
}

impl Interner {
    /// Adds `name`; `Err` with the existing number when it is already present.
    pub fn insert(&mut self, name: &str) -> Result<u32, u32> {
        if let Some(existing) = self.get(name) {
            return Err(existing);
        }
        // INVARIANT: the limits keep every table far below u32::MAX entries.
        let (id, _) = self.names.insert_full(name.into());
        Ok(id as u32)
    }

    /// The number of `name`, if present.
    #[inline]
    pub fn get(&self, name: &str) -> Option<u32> {
        self.names.get_index_of(name).map(|i| i as u32)
    }

    /// The name of number `id`.
    pub fn name(&self, id: u32) -> &str {
        self.names.get_index(id as usize).map_or("", |n| n)
    }

    /// The names of numbers `ids`, owned, in the order given.
    pub fn names_of(&self, ids: &[u32]) -> Vec<String> {
        ids.iter().map(|&id| self.name(id).to_string()).collect()
    }

    /// The names of the numbers whose bit is set in `mask` (at most 64 names), in order.
    pub fn names_in(&self, mask: u64) -> Vec<String> {
        let ids: Vec<u32> = (0..self.len().min(64) as u32).filter(|&i| mask & (1 << i) != 0).collect();
        self.names_of(&ids)
    }

    /// How many names.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// All names, in insertion order.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.names.iter().map(|n| &**n)
    }
}

/// In a snapshot: the names, in order.
impl Serialize for Interner {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.names())
    }
}

/// From a snapshot: the names, each once (a name listed twice would give one name two numbers).
impl<'de> Deserialize<'de> for Interner {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut interner = Interner::default();
        for name in Vec::<String>::deserialize(deserializer)? {
            interner.insert(&name).map_err(|_| D::Error::custom("a name listed twice"))?;
        }
        Ok(interner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_names_in_order_and_finds_them() {
        let mut interner = Interner::default();
        let names: Vec<String> = (0..1000).map(|i| format!("permission.{i}")).collect();
        for (i, name) in names.iter().enumerate() {
            assert_eq!(interner.insert(name), Ok(i as u32));
        }
        assert_eq!(interner.insert("permission.7"), Err(7), "a repeated name keeps its number");
        for (i, name) in names.iter().enumerate() {
            assert_eq!(interner.get(name), Some(i as u32));
            assert_eq!(interner.name(i as u32), name);
        }
        assert_eq!(interner.get("permission.1000"), None);
        assert_eq!(interner.get(""), None);
        assert_eq!(Interner::default().get("x"), None, "an empty table finds nothing");
        assert_eq!(interner.len(), 1000);
        assert_eq!(interner.names().nth(3), Some("permission.3"));
        assert_eq!(interner.name(5000), "", "a number out of range names nothing");
    }

    #[test]
    fn a_snapshot_with_a_name_twice_is_refused() {
        let bytes = postcard::to_allocvec(&vec!["a", "b", "a"]).unwrap();
        assert!(postcard::from_bytes::<Interner>(&bytes).is_err());
        let bytes = postcard::to_allocvec(&vec!["a", "b"]).unwrap();
        assert_eq!(postcard::from_bytes::<Interner>(&bytes).unwrap().get("b"), Some(1));
    }
}
