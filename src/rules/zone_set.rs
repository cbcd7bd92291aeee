//! `ZoneSet`: the Availability Zones one component runs in, kept sorted and inline (a
//! component runs in one, two or three AZs, and the linter holds one set per component).

use smallvec::SmallVec;

use super::context::ZoneId;

/// A sorted set of zones without repeats; up to three are stored without allocating.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct ZoneSet(SmallVec<[ZoneId; 3]>);

impl ZoneSet {
    /// The empty set.
    pub fn new() -> Self {
        Self::default()
    }

    /// The set holding just `zone`.
    pub fn one(zone: ZoneId) -> Self {
        Self(SmallVec::from_buf_and_len([zone, 0, 0], 1))
    }

    /// Adds `zone`; returns whether it was new.
    pub fn insert(&mut self, zone: ZoneId) -> bool {
        match self.0.binary_search(&zone) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, zone);
                true
            }
        }
    }

    /// Whether `zone` is in the set.
    pub fn contains(&self, zone: &ZoneId) -> bool {
        self.0.binary_search(zone).is_ok()
    }

    /// Number of zones.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// No zones.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The zones, in ascending order.
    pub fn iter(&self) -> std::slice::Iter<'_, ZoneId> {
        self.0.iter()
    }

    /// The zone, when there is exactly one.
    pub fn single(&self) -> Option<ZoneId> {
        match self.0.as_slice() {
            [zone] => Some(*zone),
            _ => None,
        }
    }
}

impl FromIterator<ZoneId> for ZoneSet {
    fn from_iter<I: IntoIterator<Item = ZoneId>>(iter: I) -> Self {
        let mut set = Self::new();
        for zone in iter {
            set.insert(zone);
        }
        set
    }
}

impl Extend<ZoneId> for ZoneSet {
    fn extend<I: IntoIterator<Item = ZoneId>>(&mut self, iter: I) {
        for zone in iter {
            self.insert(zone);
        }
    }
}

impl<'a> IntoIterator for &'a ZoneSet {
    type Item = &'a ZoneId;
    type IntoIter = std::slice::Iter<'a, ZoneId>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stays_sorted_without_repeats_beyond_the_inline_capacity() {
        let set: ZoneSet = [4, 1, 4, 3, 0, 2].into_iter().collect();
        assert_eq!(set.iter().copied().collect::<Vec<_>>(), [0, 1, 2, 3, 4]);
        assert!(set.contains(&3) && !set.contains(&5));
        assert_eq!(set.single(), None);
        assert_eq!(ZoneSet::one(7).single(), Some(7));
        assert_eq!(ZoneSet::one(7), [7].into_iter().collect());
    }
}
