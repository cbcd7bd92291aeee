//! "Did you mean …?": the known word closest to a misspelt one, for error messages about
//! file fields, kinds and rule ids. Pure; used by `io` (load errors) and `cli` (`explain`).

/// The candidate closest to `word` when it is close enough to be a likely typo: the same
/// but for case, or at most a third of its letters (at least two) away by edit distance.
/// Ties go to the first candidate.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let word = word.to_ascii_lowercase();
    let limit = (word.chars().count() / 3).max(2);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let distance = edit_distance(&word, &candidate.to_ascii_lowercase());
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, candidate)| candidate)
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typos_find_their_word_and_strangers_find_nothing() {
        let kinds = ["Vpc", "Subnet", "NatGateway", "Alb"];
        assert_eq!(closest("Vpcc", kinds), Some("Vpc"));
        assert_eq!(closest("subnet", kinds), Some("Subnet"));
        assert_eq!(closest("NatGatway", kinds), Some("NatGateway"));
        assert_eq!(closest("banana", kinds), None);
        assert_eq!(
            closest("SPOF-01", ["SPOF-001", "SPOF-002", "HEAL-001"]),
            Some("SPOF-001")
        );
        assert_eq!(edit_distance("kitten", "sitting"), 3);
        assert_eq!(edit_distance("", "abc"), 3);
    }
}
