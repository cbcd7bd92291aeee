//! IPv4 CIDR arithmetic for VPCs and subnets: parsing with clear errors, the sizes AWS
//! allows, usable addresses after AWS's reservations, splitting a block into subnets,
//! containment and overlap. Built on `ipnet`; pure, so the NET-001 rule and the editor's
//! CIDR calculator share it.
//!
//! Facts (EC2 `CreateSubnet` API, Well-Architected REL02-BP03): a VPC or subnet IPv4 block
//! is between /16 and /28, and AWS reserves the first four and the last address of every
//! subnet, so a /24 has 251 usable addresses and a /28 has 11.

use std::net::Ipv4Addr;
use std::str::FromStr as _;

pub use ipnet::Ipv4Net;

/// Largest block AWS allows for a VPC or subnet (/16: 65,536 addresses).
pub const MIN_PREFIX: u8 = 16;

/// Smallest block AWS allows for a VPC or subnet (/28: 16 addresses).
pub const MAX_PREFIX: u8 = 28;

/// Addresses AWS reserves in every subnet: the network address, the VPC router, DNS,
/// one for future use, and the last address.
pub const RESERVED_PER_SUBNET: u64 = 5;

/// Why a CIDR block is unusable.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CidrError {
    /// Not of the form `a.b.c.d/n`.
    #[error("{text:?} is not an IPv4 CIDR block; write it like \"10.0.1.0/24\"")]
    Syntax {
        /// The text given.
        text: String,
    },
    /// An IPv6 block, which these checks do not cover.
    #[error("{text:?} is an IPv6 block; only IPv4 blocks are checked")]
    Ipv6 {
        /// The text given.
        text: String,
    },
    /// The address has bits set below the prefix (`10.0.1.5/24`).
    #[error("{text:?} has host bits set; the block starts at {network}")]
    HostBitsSet {
        /// The text given.
        text: String,
        /// The block it probably means.
        network: Ipv4Net,
    },
    /// Outside /16 … /28.
    #[error("{block} is a /{prefix}; AWS allows VPC and subnet blocks from /16 to /28")]
    SizeNotAllowed {
        /// The block.
        block: Ipv4Net,
        /// Its prefix length.
        prefix: u8,
    },
    /// The block cannot be split into that many subnets of an allowed size.
    #[error(
        "{block} cannot be split into {count} subnets: each would be smaller than a /28, the smallest AWS allows"
    )]
    TooManySubnets {
        /// The block to split.
        block: Ipv4Net,
        /// Subnets asked for.
        count: usize,
    },
}

/// Parses an IPv4 CIDR block whose address is the network address (any prefix length).
pub fn parse(text: &str) -> Result<Ipv4Net, CidrError> {
    let trimmed = text.trim();
    let syntax = || CidrError::Syntax {
        text: text.to_owned(),
    };
    let Some(net) = plain_block(trimmed).or_else(|| {
        trimmed
            .contains('/')
            .then(|| Ipv4Net::from_str(trimmed).ok())
            .flatten()
    }) else {
        if ipnet::Ipv6Net::from_str(trimmed).is_ok() {
            return Err(CidrError::Ipv6 {
                text: text.to_owned(),
            });
        }
        return Err(syntax());
    };
    if net.addr() != net.network() {
        return Err(CidrError::HostBitsSet {
            text: text.to_owned(),
            network: net.trunc(),
        });
    }
    Ok(net)
}

/// `a.b.c.d/n` written plainly (decimal numbers without leading zeros, in range), read
/// without the general parser; anything else is left to `ipnet`, which reads every plain
/// block the same way. A lint run reads every VPC and subnet block.
fn plain_block(text: &str) -> Option<Ipv4Net> {
    // One pass over the bytes: four dot-separated octets, a slash, a prefix length. Each
    // number has one to three digits and no leading zero.
    let mut numbers = [0u32; 5];
    let mut field = 0;
    let mut digits = 0;
    for &b in text.as_bytes() {
        match b {
            b'0'..=b'9' => {
                if digits == 3 || (digits == 1 && numbers[field] == 0) {
                    return None;
                }
                numbers[field] = numbers[field] * 10 + u32::from(b - b'0');
                digits += 1;
            }
            b'.' if field < 3 && digits > 0 => {
                field += 1;
                digits = 0;
            }
            b'/' if field == 3 && digits > 0 => {
                field = 4;
                digits = 0;
            }
            _ => return None,
        }
    }
    if field != 4 || digits == 0 || numbers[4] > 32 || numbers[..4].iter().any(|&n| n > 255) {
        return None;
    }
    let octets = numbers.map(|n| n as u8);
    Ipv4Net::new(
        Ipv4Addr::new(octets[0], octets[1], octets[2], octets[3]),
        octets[4],
    )
    .ok()
}

/// Parses a VPC or subnet block and checks that AWS allows its size (/16 … /28).
pub fn parse_aws_block(text: &str) -> Result<Ipv4Net, CidrError> {
    let net = parse(text)?;
    check_size(net)?;
    Ok(net)
}

/// Checks that AWS allows a VPC or subnet of this size (/16 … /28).
pub fn check_size(block: Ipv4Net) -> Result<(), CidrError> {
    let prefix = block.prefix_len();
    if (MIN_PREFIX..=MAX_PREFIX).contains(&prefix) {
        Ok(())
    } else {
        Err(CidrError::SizeNotAllowed { block, prefix })
    }
}

/// All addresses of a block.
pub fn total_addresses(block: Ipv4Net) -> u64 {
    1_u64 << (32 - u32::from(block.prefix_len()))
}

/// Addresses left for resources in a subnet of this block once AWS has taken its five
/// (0 for blocks too small to be a subnet).
pub fn usable_addresses(block: Ipv4Net) -> u64 {
    total_addresses(block).saturating_sub(RESERVED_PER_SUBNET)
}

/// Smallest prefix length whose subnet has at least `needed` usable addresses, if any
/// allowed size (/16 … /28) does.
pub fn prefix_for(needed: u64) -> Option<u8> {
    (MIN_PREFIX..=MAX_PREFIX)
        .rev()
        .find(|&p| (1_u64 << (32 - u32::from(p))).saturating_sub(RESERVED_PER_SUBNET) >= needed)
}

/// One subnet of a split: its block and the addresses usable in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SubnetPlan {
    /// The subnet's block.
    pub block: Ipv4Net,
    /// Usable addresses (total minus AWS's five).
    pub usable: u64,
}

/// Splits `block` into `count` equal subnets as large as possible, in address order.
pub fn split(block: Ipv4Net, count: usize) -> Result<Vec<SubnetPlan>, CidrError> {
    let too_many = || CidrError::TooManySubnets { block, count };
    if count == 0 {
        return Ok(Vec::new());
    }
    // Bits needed to number `count` subnets: ceil(log2(count)).
    let bits = usize::BITS - (count - 1).leading_zeros();
    let bits = u8::try_from(bits).map_err(|_| too_many())?;
    let prefix = block.prefix_len().checked_add(bits).ok_or_else(too_many)?;
    if prefix > MAX_PREFIX {
        return Err(too_many());
    }
    let subnets = block.subnets(prefix).map_err(|_| too_many())?;
    Ok(subnets
        .take(count)
        .map(|s| SubnetPlan {
            block: s,
            usable: usable_addresses(s),
        })
        .collect())
}

/// `outer` contains all of `inner`.
pub fn contains(outer: Ipv4Net, inner: Ipv4Net) -> bool {
    outer.contains(&inner)
}

/// The two blocks share at least one address.
pub fn overlaps(a: Ipv4Net, b: Ipv4Net) -> bool {
    a.contains(&b.network()) || b.contains(&a.network())
}

/// The first block of length `prefix` inside one of `within` that overlaps none of `taken`.
pub fn free_block(within: &[Ipv4Net], taken: &[Ipv4Net], prefix: u8) -> Option<Ipv4Net> {
    within
        .iter()
        .filter(|w| w.prefix_len() <= prefix)
        .filter_map(|w| w.subnets(prefix).ok())
        .flatten()
        .find(|candidate| taken.iter().all(|t| !overlaps(*candidate, *t)))
}

/// First and last address of a block, for display ("10.0.1.0 – 10.0.1.255").
pub fn range(block: Ipv4Net) -> (Ipv4Addr, Ipv4Addr) {
    (block.network(), block.broadcast())
}

/// A block's first and last address, as text ("10.0.1.0 – 10.0.1.255").
pub fn range_text(block: Ipv4Net) -> String {
    let (first, last) = range(block);
    format!("{first} – {last}")
}

/// An address count with commas between thousands (`65536` → "65,536").
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use super::*;

    fn net(text: &str) -> Ipv4Net {
        parse(text).unwrap()
    }

    #[test]
    fn counts_are_grouped_by_thousands_and_ranges_written_out() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(251), "251");
        assert_eq!(grouped(16_379), "16,379");
        assert_eq!(grouped(1_048_576), "1,048,576");
        assert_eq!(range_text(net("10.0.1.0/24")), "10.0.1.0 – 10.0.1.255");
    }

    #[test]
    fn plain_blocks_read_as_ipnet_reads_them() {
        let texts = [
            "10.0.1.0/24",
            "0.0.0.0/0",
            "255.255.255.255/32",
            "10.0.1.5/24",
            "192.168.0.0/16",
            "10.0.0.0/33",
            "256.0.0.0/8",
            "010.0.0.0/8",
            "10.0.0.0/08",
            "10.0.0/24",
            "10.0.0.0.0/24",
            "10..0.0/24",
            "10.0.0.0/",
            "/24",
            "1.2.3.4/+8",
            "1.2.3.4 /8",
            "1000.0.0.0/8",
            "١٠.0.0.0/8",
            "10.0.0.0/24/8",
            "10.0.0.0/024",
            "0.0.0.0/00",
            "10.0.0.00/8",
            "10.0.0.0.",
            "9999.0.0.0/8",
            "10.0.0.0/99",
            "10.0.0.0",
        ];
        for text in texts {
            let ours = plain_block(text);
            if let Some(net) = ours {
                assert_eq!(Ipv4Net::from_str(text).ok(), Some(net), "{text}");
            }
            assert_eq!(
                ours.or_else(|| Ipv4Net::from_str(text).ok()),
                Ipv4Net::from_str(text).ok(),
                "{text}"
            );
        }
        assert_eq!(
            plain_block("10.0.1.5/24").map(|n| n.addr()),
            Some(Ipv4Addr::new(10, 0, 1, 5))
        );
    }

    #[test]
    fn usable_addresses_leave_out_awss_five() {
        assert_eq!(usable_addresses(net("10.0.1.0/24")), 251);
        assert_eq!(usable_addresses(net("10.0.1.0/28")), 11);
        assert_eq!(usable_addresses(net("10.0.0.0/16")), 65_531);
        assert_eq!(usable_addresses(net("10.0.0.0/30")), 0);
        assert_eq!(total_addresses(net("10.0.0.0/20")), 4_096);
    }

    #[test]
    fn errors_say_what_is_wrong() {
        assert_eq!(
            parse("10.0.1.0").unwrap_err().to_string(),
            "\"10.0.1.0\" is not an IPv4 CIDR block; write it like \"10.0.1.0/24\""
        );
        assert_eq!(
            parse("10.0.300.0/24").unwrap_err().to_string(),
            "\"10.0.300.0/24\" is not an IPv4 CIDR block; write it like \"10.0.1.0/24\""
        );
        assert_eq!(
            parse("10.0.1.5/24").unwrap_err().to_string(),
            "\"10.0.1.5/24\" has host bits set; the block starts at 10.0.1.0/24"
        );
        assert_eq!(
            parse("2001:db8::/32").unwrap_err().to_string(),
            "\"2001:db8::/32\" is an IPv6 block; only IPv4 blocks are checked"
        );
        assert_eq!(
            parse_aws_block("10.0.0.0/8").unwrap_err().to_string(),
            "10.0.0.0/8 is a /8; AWS allows VPC and subnet blocks from /16 to /28"
        );
        assert_eq!(
            parse_aws_block("10.0.0.0/29").unwrap_err(),
            CidrError::SizeNotAllowed {
                block: net("10.0.0.0/29"),
                prefix: 29
            }
        );
        assert_eq!(
            parse_aws_block(" 10.0.0.0/16 ").unwrap(),
            net("10.0.0.0/16")
        );
    }

    #[test]
    fn split_returns_equal_subnets_in_order() {
        let plans = split(net("10.0.0.0/16"), 3).unwrap();
        let blocks: Vec<String> = plans.iter().map(|p| p.block.to_string()).collect();
        assert_eq!(blocks, ["10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18"]);
        assert!(plans.iter().all(|p| p.usable == 16_379));
        assert_eq!(split(net("10.0.1.0/24"), 1).unwrap()[0].usable, 251);
        assert_eq!(split(net("10.0.1.0/24"), 16).unwrap().len(), 16);
        assert_eq!(split(net("10.0.1.0/24"), 0).unwrap(), Vec::new());
        assert_eq!(
            split(net("10.0.1.0/24"), 17).unwrap_err().to_string(),
            "10.0.1.0/24 cannot be split into 17 subnets: each would be smaller than a /28, the smallest AWS allows"
        );
    }

    #[test]
    fn containment_and_overlap() {
        assert!(contains(net("10.0.0.0/16"), net("10.0.3.0/24")));
        assert!(!contains(net("10.0.0.0/16"), net("10.1.3.0/24")));
        assert!(!contains(net("10.0.3.0/24"), net("10.0.0.0/16")));
        assert!(overlaps(net("10.0.0.0/16"), net("10.0.3.0/24")));
        assert!(overlaps(net("10.0.3.0/24"), net("10.0.0.0/16")));
        assert!(overlaps(net("10.0.0.0/23"), net("10.0.1.0/24")));
        assert!(!overlaps(net("10.0.0.0/24"), net("10.0.1.0/24")));
    }

    #[test]
    fn sizing_and_free_blocks() {
        assert_eq!(prefix_for(251), Some(24));
        assert_eq!(prefix_for(252), Some(23));
        assert_eq!(prefix_for(1), Some(28));
        assert_eq!(prefix_for(70_000), None);
        let taken = [net("10.0.0.0/24"), net("10.0.1.0/24")];
        assert_eq!(
            free_block(&[net("10.0.0.0/16")], &taken, 23),
            Some(net("10.0.2.0/23"))
        );
        assert_eq!(free_block(&[net("10.0.0.0/24")], &taken, 25), None);
        assert_eq!(
            range(net("10.0.1.0/24")),
            (Ipv4Addr::new(10, 0, 1, 0), Ipv4Addr::new(10, 0, 1, 255))
        );
    }
}
