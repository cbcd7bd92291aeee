//! Where components and links are written in a diagram file, so errors and findings can
//! point at `file:line:column`.

use std::collections::HashMap;

/// Line and column (1-based) of each component and link entry in a file's text.
#[derive(Debug, Default)]
pub struct SourceMap {
    positions: HashMap<String, (usize, usize)>,
}

fn quoted_after<'a>(line: &'a str, key: &str) -> Option<(usize, &'a str)> {
    let start = line.find(key)? + key.len();
    let rest = &line[start..];
    let end = rest.find('"')?;
    Some((start - key.len(), &rest[..end]))
}

impl SourceMap {
    /// Scans canonical or hand-written text: entries are found by `id: "…"`, and links
    /// without an id by `from: "…"` and `to: "…"` on one line.
    pub fn new(text: &str) -> Self {
        let mut positions = HashMap::new();
        for (n, line) in text.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") {
                continue;
            }
            let column = |byte: usize| line[..byte].chars().count() + 1;
            if let Some((at, id)) = quoted_after(line, "id: \"") {
                positions
                    .entry(id.to_owned())
                    .or_insert((n + 1, column(at)));
            }
            if let (Some((at, from)), Some((_, to))) =
                (quoted_after(line, "from: \""), quoted_after(line, "to: \""))
            {
                positions
                    .entry(format!("{from}->{to}"))
                    .or_insert((n + 1, column(at)));
            }
        }
        Self { positions }
    }

    /// A map from known positions (an imported template's resources, by component id).
    pub fn from_positions(positions: impl IntoIterator<Item = (String, (usize, usize))>) -> Self {
        Self {
            positions: positions.into_iter().collect(),
        }
    }

    /// Position of the component or link with this id.
    pub fn position(&self, id: &str) -> Option<(usize, usize)> {
        self.positions.get(id).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_components_and_links() {
        let text = "(\n    components: [\n        (id: \"web\", kind: Ec2),\n    ],\n    links: [\n        (kind: Request, from: \"web\", to: \"db\"),\n        (id: \"named\", kind: Send, from: \"a\", to: \"b\"),\n    ],\n)\n";
        let map = SourceMap::new(text);
        assert_eq!(map.position("web"), Some((3, 10)));
        assert_eq!(map.position("web->db"), Some((6, 25)));
        assert_eq!(map.position("named"), Some((7, 10)));
        assert_eq!(map.position("missing"), None);
    }
}
