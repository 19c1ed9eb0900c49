//! [`Interner`]: ids as dense integers, so decisions compare numbers instead of strings.

use rustc_hash::FxHashMap;

/// A table of distinct names, each given the next integer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Interner {
    names: Vec<Box<str>>,
    index: FxHashMap<Box<str>, u32>,
}

impl Interner {
    /// Adds `name`; `Err` with the existing number when it is already present.
    pub fn insert(&mut self, name: &str) -> Result<u32, u32> {
        if let Some(&existing) = self.index.get(name) {
            return Err(existing);
        }
        // INVARIANT: the limits keep every table far below u32::MAX entries.
        let id = self.names.len() as u32;
        self.names.push(name.into());
        self.index.insert(name.into(), id);
        Ok(id)
    }

    /// The number of `name`, if present.
    #[inline]
    pub fn get(&self, name: &str) -> Option<u32> {
        self.index.get(name).copied()
    }

    /// The name of number `id`.
    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
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
