//! What one or more address blocks give — their range, how many addresses each holds and
//! how many a subnet of it leaves usable, whether AWS takes it as a VPC or subnet, how it
//! splits, and whether several blocks overlap: `cloudsketch explain 10.0.0.0/16 …` prints
//! it, and the Learn window's CIDR topic works it out for the blocks typed there.

use crate::cidr::{self, Ipv4Net, MAX_PREFIX, MIN_PREFIX, RESERVED_PER_SUBNET, grouped};

/// The blocks `words` spell, if every word is written like a CIDR block (digits, dots and
/// a slash: `10.0.0.0/16`); an error saying what is wrong with the first that does not
/// parse; `None` for other words (a rule, kind or topic).
pub fn blocks(words: &[String]) -> Option<Result<Vec<Ipv4Net>, String>> {
    let looks_like_block =
        |w: &String| w.contains('/') && w.chars().all(|c| c.is_ascii_digit() || ".:/".contains(c));
    if words.is_empty() || !words.iter().all(looks_like_block) {
        return None;
    }
    Some(
        words
            .iter()
            .map(|w| cidr::parse(w).map_err(|e| e.to_string()))
            .collect(),
    )
}

/// What `blocks` give, as `explain` prints it.
pub fn text(blocks: &[Ipv4Net]) -> String {
    let mut out = String::new();
    for &block in blocks {
        out.push_str(&one(block));
        out.push('\n');
    }
    if blocks.len() > 1 {
        out.push_str(&together(blocks));
    }
    out
}

fn one(block: Ipv4Net) -> String {
    let total = cidr::total_addresses(block);
    let prefix = block.prefix_len();
    let mut out = format!(
        "{block}: {}, {} addresses\n",
        cidr::range_text(block),
        grouped(total)
    );
    if !(MIN_PREFIX..=MAX_PREFIX).contains(&prefix) {
        out.push_str(&format!(
            "  AWS does not take a /{prefix} for a VPC or a subnet: it takes /{MIN_PREFIX} ({} addresses) down to /{MAX_PREFIX} ({}).\n",
            grouped(cidr::total_addresses(net_of(MIN_PREFIX))),
            grouped(cidr::total_addresses(net_of(MAX_PREFIX))),
        ));
        return out;
    }
    out.push_str(&format!(
        "  As a subnet: {} usable; AWS reserves {RESERVED_PER_SUBNET} addresses in every subnet (the first four and the last).\n",
        grouped(cidr::usable_addresses(block))
    ));
    let splits: Vec<String> = [2_usize, 4, 16]
        .into_iter()
        .filter_map(|n| cidr::split(block, n).ok().filter(|s| s.len() == n))
        .filter_map(|plans| {
            let first = plans.first()?;
            Some(format!(
                "{} subnets of /{} ({} usable each)",
                plans.len(),
                first.block.prefix_len(),
                grouped(first.usable)
            ))
        })
        .collect();
    if splits.is_empty() {
        out.push_str("  The smallest block AWS takes: it cannot be split further.\n");
    } else {
        out.push_str(&format!(
            "  As a VPC it splits into {}.\n",
            splits.join(", or ")
        ));
    }
    out
}

/// A block of this prefix length, for its size.
fn net_of(prefix: u8) -> Ipv4Net {
    Ipv4Net::new(std::net::Ipv4Addr::UNSPECIFIED, prefix).unwrap_or_default()
}

/// Several blocks: their addresses together, each counted once, and which overlap.
fn together(blocks: &[Ipv4Net]) -> String {
    let mut out = String::new();
    // CIDR blocks are nested or apart: the outermost ones hold every address once.
    let mut outer: Vec<Ipv4Net> = Vec::new();
    for &b in blocks {
        if outer.iter().any(|o| cidr::contains(*o, b)) {
            continue;
        }
        outer.retain(|o| !cidr::contains(b, *o));
        outer.push(b);
    }
    let total: u64 = outer.iter().map(|&b| cidr::total_addresses(b)).sum();
    out.push_str(&format!(
        "Together: {} addresses, each counted once.\n",
        grouped(total)
    ));
    let mut overlaps = Vec::new();
    for (i, &a) in blocks.iter().enumerate() {
        for &b in &blocks[i + 1..] {
            if a == b {
                overlaps.push(format!("{a} is given twice"));
            } else if cidr::contains(a, b) {
                overlaps.push(format!("{b} lies inside {a}"));
            } else if cidr::contains(b, a) {
                overlaps.push(format!("{a} lies inside {b}"));
            }
        }
    }
    if overlaps.is_empty() {
        out.push_str(
            "No two overlap: they can be two VPCs peered or joined by a transit gateway, or a VPC and an on-premises network.\n",
        );
    } else {
        out.push_str(&format!(
            "{}: a VPC may hold such blocks as its subnets, but two VPCs (or a VPC and an on-premises network) with overlapping blocks cannot be peered or routed to each other.\n",
            overlaps.join("; ")
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn words(text: &str) -> Vec<String> {
        text.split_whitespace().map(str::to_owned).collect()
    }

    fn parsed(words: &[String]) -> Vec<Ipv4Net> {
        blocks(words).unwrap().unwrap()
    }

    #[test]
    fn only_words_that_are_all_blocks_are_taken_as_blocks() {
        assert_eq!(parsed(&words("10.0.0.0/22")).len(), 1);
        assert_eq!(parsed(&words("10.0.0.0/16 10.1.0.0/24")).len(), 2);
        assert!(blocks(&words("cidr")).is_none());
        assert!(blocks(&words("10.0.0.0/16 and more")).is_none());
        assert!(blocks(&[]).is_none());
        let wrong = blocks(&words("10.0.0.0/33")).unwrap().unwrap_err();
        assert!(wrong.contains("10.0.0.0/33"), "{wrong}");
    }

    #[test]
    fn a_block_gives_its_range_size_usable_addresses_and_splits() {
        let text = text(&parsed(&words("10.0.0.0/22")));
        assert!(text.starts_with("10.0.0.0/22: 10.0.0.0 – 10.0.3.255, 1,024 addresses"));
        assert!(text.contains("As a subnet: 1,019 usable"), "{text}");
        assert!(
            text.contains("2 subnets of /23 (507 usable each), or 4 subnets of /24 (251 usable each), or 16 subnets of /26 (59 usable each)"),
            "{text}"
        );
        let tiny = super::text(&parsed(&words("10.0.0.0/28")));
        assert!(tiny.contains("11 usable"), "{tiny}");
        assert!(tiny.contains("cannot be split"), "{tiny}");
        let huge = super::text(&parsed(&words("10.0.0.0/8")));
        assert!(huge.contains("16,777,216 addresses"), "{huge}");
        assert!(huge.contains("AWS does not take a /8"), "{huge}");
    }

    #[test]
    fn several_blocks_count_shared_addresses_once_and_name_overlaps() {
        let text = text(&parsed(&words("10.0.0.0/16 10.0.1.0/24 10.1.0.0/16")));
        assert!(text.contains("Together: 131,072 addresses"), "{text}");
        assert!(
            text.contains("10.0.1.0/24 lies inside 10.0.0.0/16"),
            "{text}"
        );
        let apart = super::text(&parsed(&words("10.0.0.0/16 192.168.0.0/24")));
        assert!(apart.contains("Together: 65,792 addresses"), "{apart}");
        assert!(apart.contains("No two overlap"), "{apart}");
    }
}
