//! Stable sorting of large items that moves each item once: the comparisons sort
//! positions, then the items are taken into their places.

use std::cmp::Ordering;

/// `items` sorted by `compare`, stable (equal items keep their order). Sorting the items
/// themselves would move each one many times; a component or a finding is a few hundred
/// bytes and a run sorts thousands. Items already in order are returned as they are.
pub fn sorted_moving_once<T>(items: Vec<T>, mut compare: impl FnMut(&T, &T) -> Ordering) -> Vec<T> {
    if items.is_sorted_by(|a, b| compare(a, b) != Ordering::Greater) {
        return items;
    }
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| compare(&items[a], &items[b]));
    taken_in_order(items, &order)
}

/// `items` rearranged so that position `i` holds `items[order[i]]`, each moved once.
/// `order` should be a permutation of the positions; a position it repeats is taken once
/// and one it leaves out is dropped.
pub fn taken_in_order<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = items.into_iter().map(Some).collect();
    order
        .iter()
        .filter_map(|&i| slots.get_mut(i)?.take())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_stably_and_keeps_every_item() {
        let sorted = sorted_moving_once(vec![(2, 'x'), (1, 'y'), (2, 'z'), (0, 'w')], |a, b| {
            a.0.cmp(&b.0)
        });
        assert_eq!(sorted, [(0, 'w'), (1, 'y'), (2, 'x'), (2, 'z')]);
        let already = sorted_moving_once(vec![1, 1, 3], Ord::cmp);
        assert_eq!(already, [1, 1, 3]);
    }

    #[test]
    fn takes_items_in_the_order_given() {
        assert_eq!(
            taken_in_order(vec!['a', 'b', 'c'], &[2, 0, 1]),
            ['c', 'a', 'b']
        );
        assert_eq!(taken_in_order(vec!['a', 'b', 'c'], &[1, 1, 7]), ['b']);
    }
}
