//! [`Interner`]: ids as dense integers, so decisions compare numbers instead of strings.
//!
//! A small open-addressing hash table of our own (linear probing, FxHash-style mixing): as fast
//! as a general hash map for this job, and a fraction of its code in the wasm module.

/// A table of distinct names, each given the next integer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Interner {
    names: Vec<Box<str>>,
    /// `number + 1` of the name hashed to each slot; 0 is empty. Length: a power of two, at
    /// least twice the number of names.
    slots: Vec<u32>,
}

impl Interner {
    /// Adds `name`; `Err` with the existing number when it is already present.
    pub fn insert(&mut self, name: &str) -> Result<u32, u32> {
        if let Some(existing) = self.get(name) {
            return Err(existing);
        }
        if (self.names.len() + 1) * 2 > self.slots.len() {
            self.grow();
        }
        // INVARIANT: the limits keep every table far below u32::MAX entries.
        let id = self.names.len() as u32;
        self.names.push(name.into());
        self.place(name, id);
        Ok(id)
    }

    /// The number of `name`, if present.
    #[inline]
    pub fn get(&self, name: &str) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut at = hash(name) & mask;
        loop {
            match self.slots[at] {
                0 => return None,
                n if *self.names[n as usize - 1] == *name => return Some(n - 1),
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// The name of number `id`.
    pub fn name(&self, id: u32) -> &str {
        self.names.get(id as usize).map_or("", |n| n)
    }

    /// The names of numbers `ids`, owned, in the order given.
    pub fn names_of(&self, ids: &[u32]) -> Vec<String> {
        let mut out = Vec::with_capacity(ids.len());
        for &id in ids {
            out.push(self.name(id).to_string());
        }
        out
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

    fn place(&mut self, name: &str, id: u32) {
        let mask = self.slots.len() - 1;
        let mut at = hash(name) & mask;
        while self.slots[at] != 0 {
            at = (at + 1) & mask;
        }
        self.slots[at] = id + 1;
    }

    fn grow(&mut self) {
        self.slots = vec![0; (self.slots.len() * 2).max(16)];
        for id in 0..self.names.len() {
            let name = std::mem::take(&mut self.names[id]);
            self.place(&name, id as u32);
            self.names[id] = name;
        }
    }
}

/// FxHash-style mixing of the bytes, eight at a time.
#[inline]
fn hash(name: &str) -> usize {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h: u64 = 0;
    let mut chunks = name.as_bytes().chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
    }
    for &byte in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(byte)).wrapping_mul(K);
    }
    // The high bits are the best mixed.
    (h >> 32) as usize
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
    }
}
