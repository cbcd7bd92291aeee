//! How the inspector names a setting: the file's field name (`health_check_grace_secs`)
//! read as words a person uses ("Health check grace (s)"), with AWS's spelling of its
//! acronyms (RPO, CIDR, Multi-AZ) and units moved into parentheses.

/// The label for the field `name`, in sentence case.
pub fn field_label(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    let mut unit: Option<&str> = None;
    let parts: Vec<&str> = name.split('_').filter(|w| !w.is_empty()).collect();
    let mut i = 0;
    while i < parts.len() {
        let (word, next) = (parts[i], parts.get(i + 1).copied());
        i += 1;
        // Pairs read as one term.
        match (word, next) {
            ("multi", Some("az")) => {
                words.push("Multi-AZ".to_owned());
                i += 1;
                continue;
            }
            ("per", Some("sec")) => {
                words.push("per second".to_owned());
                i += 1;
                continue;
            }
            _ => {}
        }
        // A unit at the end goes into parentheses.
        let last = i == parts.len();
        let as_unit = match word {
            "secs" => Some("s"),
            "hours" => Some("hours"),
            "days" => Some("days"),
            "mb" => Some("MB"),
            "bytes" => Some("bytes"),
            _ => None,
        };
        if last && !words.is_empty() && as_unit.is_some() {
            unit = as_unit;
            continue;
        }
        let spelled = match word {
            "rpo" | "rto" | "dr" | "cidr" | "ip" | "ttl" | "waf" | "az" | "fifo" | "api"
            | "arn" | "kms" | "ebs" | "iops" | "elb" | "tls" | "lb" | "dlq" => {
                word.to_ascii_uppercase()
            }
            "cidrs" => "CIDRs".to_owned(),
            "rps" => "requests/s".to_owned(),
            "msgs" => "messages".to_owned(),
            "l7" => "layer-7".to_owned(),
            "pitr" => "point-in-time recovery".to_owned(),
            "region" => "Region".to_owned(),
            "regions" => "Regions".to_owned(),
            "gateway" if words.last().is_some_and(|w| w == "API") => "Gateway".to_owned(),
            "secs" => "seconds".to_owned(),
            "mb" => "MB".to_owned(),
            other => other.to_owned(),
        };
        words.push(spelled);
    }
    let mut label = words.join(" ");
    if let Some(unit) = unit {
        label.push_str(&format!(" ({unit})"));
    }
    sentence_case(&label)
}

/// `text` with its first letter raised and the rest as written (acronyms keep theirs).
pub fn sentence_case(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::field_label;

    #[test]
    fn field_names_read_as_words_with_aws_spelling_and_units() {
        let cases = [
            ("rpo", "RPO"),
            ("dr_strategy", "DR strategy"),
            ("peak_rps", "Peak requests/s"),
            ("cidr_blocks", "CIDR blocks"),
            ("connected_cidrs", "Connected CIDRs"),
            ("msgs_per_sec", "Messages per second"),
            ("health_check_grace_secs", "Health check grace (s)"),
            ("backup_retention_days", "Backup retention (days)"),
            ("memory_mb", "Memory (MB)"),
            ("multi_az", "Multi-AZ"),
            ("uses_l7_features", "Uses layer-7 features"),
            ("api_gateway_rps_quota", "API Gateway requests/s quota"),
            ("map_public_ip_on_launch", "Map public IP on launch"),
            ("pitr_days", "Point-in-time recovery (days)"),
            ("dr_region", "DR Region"),
            ("count", "Count"),
            ("code", "Code"),
            ("ttl_secs", "TTL (s)"),
        ];
        for (name, label) in cases {
            assert_eq!(field_label(name), label, "{name}");
        }
    }
}
