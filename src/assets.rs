//! Assets embedded in the binary, shared by the editor and the picture export: our own
//! icon per kind (`assets/icons/`, see its README for the licence and palette).

use crate::model::Kind;

/// Declares the icon table: kind → file stem under `assets/icons/`.
macro_rules! icons {
    ($($kind:ident => $file:literal,)*) => {
        /// File stem of the icon of `kind` (`auto_scaling_group`).
        pub fn icon_name(kind: Kind) -> &'static str {
            match kind {
                $(Kind::$kind => $file,)*
            }
        }

        /// The SVG source of the icon of `kind` (48 × 48 view box).
        pub fn icon_svg(kind: Kind) -> &'static str {
            match kind {
                $(Kind::$kind => include_str!(concat!("../assets/icons/", $file, ".svg")),)*
            }
        }
    };
}

icons! {
    Region => "region",
    Vpc => "vpc",
    AvailabilityZone => "availability_zone",
    Subnet => "subnet",
    Users => "users",
    OnPremises => "on_premises",
    ExternalService => "external_service",
    Ec2 => "ec2",
    AutoScalingGroup => "auto_scaling_group",
    Lambda => "lambda",
    EcsService => "ecs_service",
    EcsTask => "ecs_task",
    Eks => "eks",
    Ecr => "ecr",
    Alb => "alb",
    Nlb => "nlb",
    Clb => "clb",
    Gwlb => "gwlb",
    Route53 => "route53",
    CloudFront => "cloud_front",
    InternetGateway => "internet_gateway",
    NatGateway => "nat_gateway",
    VpcEndpoint => "vpc_endpoint",
    TransitGateway => "transit_gateway",
    Vpn => "vpn",
    DirectConnect => "direct_connect",
    ApiGateway => "api_gateway",
    StepFunctions => "step_functions",
    Sqs => "sqs",
    Sns => "sns",
    AmazonMq => "amazon_mq",
    EventBridge => "event_bridge",
    Kinesis => "kinesis",
    Rds => "rds",
    Aurora => "aurora",
    DynamoDb => "dynamo_db",
    ElastiCache => "elasti_cache",
    S3 => "s3",
    Ebs => "ebs",
    Efs => "efs",
    Glacier => "glacier",
    Backup => "backup",
    DataSync => "data_sync",
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_distinct_well_formed_icon() {
        let mut seen = std::collections::HashSet::new();
        for &kind in Kind::ALL {
            let svg = icon_svg(kind);
            assert!(seen.insert(icon_name(kind)), "{kind:?} shares an icon");
            assert!(svg.starts_with("<svg"), "{kind:?}");
            assert!(svg.contains("viewBox=\"0 0 48 48\""), "{kind:?}");
            assert!(!svg.contains("<text"), "{kind:?}: fonts are not available");
            resvg::usvg::Tree::from_data(svg.as_bytes(), &resvg::usvg::Options::default())
                .unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        }
    }
}
