//! [`PermSet`]: a set of permission numbers as a bitset, one bit per permission.

/// A fixed-size set of permission numbers.
#[derive(Clone, Debug, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub(crate) struct PermSet {
    words: Box<[u64]>,
}

impl PermSet {
    /// An empty set able to hold permissions `0..len`.
    pub fn empty(len: usize) -> Self {
        PermSet { words: vec![0; len.div_ceil(64)].into_boxed_slice() }
    }

    /// The words, as [`PermSet::from_words`] takes them.
    pub fn words(&self) -> &[u64] {
        &self.words
    }

    /// Adds `id`; ids beyond the capacity are ignored.
    pub fn insert(&mut self, id: u32) {
        if let Some(word) = self.words.get_mut(id as usize >> 6) {
            *word |= 1 << (id & 63);
        }
    }

    /// Whether `id` is in the set.
    #[inline]
    pub fn contains(&self, id: u32) -> bool {
        self.words.get(id as usize >> 6).is_some_and(|word| word & (1 << (id & 63)) != 0)
    }

    /// Adds every member of `other`.
    pub fn union_with(&mut self, other: &PermSet) {
        for (a, b) in self.words.iter_mut().zip(other.words.iter()) {
            *a |= *b;
        }
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.words.iter().all(|w| *w == 0)
    }

    /// The members, ascending.
    pub fn iter(&self) -> impl Iterator<Item = u32> + '_ {
        self.words.iter().enumerate().flat_map(|(i, &word)| {
            let mut rest = word;
            std::iter::from_fn(move || {
                if rest == 0 {
                    return None;
                }
                let bit = rest.trailing_zeros();
                rest &= rest - 1;
                Some((i as u32) * 64 + bit)
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn holds_what_is_inserted_and_nothing_else() {
        let mut s = PermSet::empty(130);
        for id in [0, 63, 64, 129] {
            s.insert(id);
        }
        assert!(s.contains(63) && s.contains(64) && s.contains(129));
        assert!(!s.contains(1) && !s.contains(128));
        assert!(!s.contains(10_000), "out of range is simply absent");
        assert_eq!(s.iter().collect::<Vec<_>>(), vec![0, 63, 64, 129]);
    }

    #[test]
    fn union_adds_members() {
        let mut a = PermSet::empty(70);
        let mut b = PermSet::empty(70);
        a.insert(1);
        b.insert(69);
        assert!(!b.is_empty());
        a.union_with(&b);
        assert_eq!(a.iter().collect::<Vec<_>>(), vec![1, 69]);
        assert!(PermSet::empty(5).is_empty());
    }
}
