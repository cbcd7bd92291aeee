//! Networking resources: VPCs, subnets (with their Availability Zone), Internet and NAT
//! gateways, route tables turned into network-route links, VPC endpoints, transit gateways,
//! VPN connections and Direct Connect.

use super::{Cx, Res};
use crate::io::import::draft::{Az, Origin, Place};
use crate::io::import::value::Value;
use crate::model::link::LinkProps;
use crate::model::settings::{
    NatConnectivity, NatGatewaySettings, NatMode, SubnetSettings, VpcEndpointSettings,
    VpcEndpointType, VpcSettings, VpnSettings, VpnTermination,
};
use crate::model::{Kind, LinkKind, Settings};

pub(super) fn prescan(cx: &mut Cx<'_, '_>, key: &str, ty: &str, props: &Value, origin: Origin) {
    match ty {
        "AWS::EC2::VPCGatewayAttachment" => {
            let vpc = cx.refs(props, "VpcId");
            for gateway in [
                cx.refs(props, "InternetGatewayId"),
                cx.refs(props, "VpnGatewayId"),
            ]
            .into_iter()
            .flatten()
            {
                if let Some(vpc) = vpc.first() {
                    cx.pending.gateway_vpc.insert(gateway, vpc.clone());
                }
            }
        }
        "AWS::EC2::Route" => {
            let tables = cx.refs(props, "RouteTableId");
            let dest = cx
                .text(props, "DestinationCidrBlock")
                .or_else(|| cx.text(props, "DestinationIpv6CidrBlock"));
            let target = [
                "GatewayId",
                "NatGatewayId",
                "TransitGatewayId",
                "VpcEndpointId",
                "InstanceId",
            ]
            .iter()
            .find_map(|k| cx.refs(props, k).into_iter().next());
            if let (Some(table), Some(target)) = (tables.first(), target) {
                cx.pending
                    .routes
                    .entry(table.clone())
                    .or_default()
                    .push((dest, target, origin));
            }
        }
        "AWS::EC2::SubnetRouteTableAssociation" => {
            if let (Some(subnet), Some(table)) = (
                cx.refs(props, "SubnetId").first().cloned(),
                cx.refs(props, "RouteTableId").first().cloned(),
            ) {
                cx.pending.associations.push((subnet, table));
            }
        }
        "AWS::EC2::VPCEndpoint" => {
            for table in cx.ref_list(props, "RouteTableIds") {
                cx.pending
                    .endpoint_tables
                    .push((key.to_owned(), table, origin));
            }
        }
        _ => {}
    }
}

pub(super) fn map(cx: &mut Cx<'_, '_>, r: &Res<'_>) -> bool {
    let p = r.props;
    match r.ty {
        "AWS::EC2::VPC" => {
            let cidr = cx.text(p, "CidrBlock");
            let node = cx.node(r, Kind::Vpc, Place::Regional);
            node.settings = Settings::Vpc(VpcSettings {
                cidr_blocks: cidr.map(|c| vec![c]),
                ..VpcSettings::default()
            });
        }
        "AWS::EC2::VPCCidrBlock" => {
            let vpc = cx.refs(p, "VpcId").into_iter().next();
            let cidr = cx.text(p, "CidrBlock");
            if let (Some(vpc), Some(cidr)) = (vpc, cidr)
                && let Some(node) = cx.draft.node_mut(&vpc)
                && let Settings::Vpc(s) = &mut node.settings
            {
                s.cidr_blocks.get_or_insert_with(Vec::new).push(cidr);
            }
        }
        "AWS::EC2::Subnet" => {
            let vpc = cx.refs(p, "VpcId").into_iter().next();
            let az = match cx.zone(p, "AvailabilityZone") {
                Some(az) => az,
                None => match cx.text(p, "AvailabilityZoneId") {
                    Some(id) => Az::Named(id),
                    // Without either, AWS picks the zone at creation: unknown here.
                    None => Az::Unknown,
                },
            };
            let settings = SubnetSettings {
                cidr: cx.text(p, "CidrBlock"),
                intent: None,
                map_public_ip_on_launch: cx.flag(p, "MapPublicIpOnLaunch"),
            };
            if vpc.is_none() {
                cx.draft.warn(r.origin, format!("subnet `{}` names no VPC the templates define; it is drawn in a VPC of its own", r.name));
            }
            let node = cx.node(r, Kind::Subnet, Place::Regional);
            node.vpc = Some(vpc.unwrap_or_else(|| format!("{} (VpcId)", r.name)));
            node.az = Some(az);
            node.settings = Settings::Subnet(settings);
        }
        "AWS::EC2::InternetGateway" => match cx.pending.gateway_vpc.get(r.key).cloned() {
            Some(vpc) => {
                cx.node(r, Kind::InternetGateway, Place::InVpc(vpc));
            }
            None => {
                cx.draft.warn(r.origin, format!("Internet gateway `{}` is not attached to a VPC of the templates (no `AWS::EC2::VPCGatewayAttachment`); it is left out", r.name));
            }
        },
        "AWS::EC2::NatGateway" => {
            let regional = cx
                .text(p, "AvailabilityMode")
                .is_some_and(|m| m.eq_ignore_ascii_case("regional"));
            let private = cx
                .text(p, "ConnectivityType")
                .is_some_and(|c| c.eq_ignore_ascii_case("private"));
            let place = if regional {
                match cx.refs(p, "VpcId").into_iter().next() {
                    Some(vpc) => Place::InVpc(vpc),
                    None => Place::Spanning {
                        vpc: None,
                        subnets: Vec::new(),
                    },
                }
            } else {
                match cx.refs(p, "SubnetId").into_iter().next() {
                    Some(subnet) => Place::InSubnet(subnet),
                    None => Place::Spanning {
                        vpc: None,
                        subnets: Vec::new(),
                    },
                }
            };
            let node = cx.node(r, Kind::NatGateway, place);
            node.settings = Settings::NatGateway(NatGatewaySettings {
                availability_mode: Some(if regional {
                    NatMode::Regional
                } else {
                    NatMode::Zonal
                }),
                connectivity: Some(if private {
                    NatConnectivity::Private
                } else {
                    NatConnectivity::Public
                }),
            });
        }
        "AWS::EC2::VPCEndpoint" => {
            let vpc = cx.refs(p, "VpcId").into_iter().next();
            let subnets = cx.ref_list(p, "SubnetIds");
            // CloudFormation's default endpoint type is Gateway.
            let interface = cx
                .text(p, "VpcEndpointType")
                .is_some_and(|t| !t.eq_ignore_ascii_case("gateway"));
            // `com.amazonaws.${AWS::Region}.s3`: the service is the last part, whatever the
            // Region turns out to be.
            let service = cx
                .text(p, "ServiceName")
                .or_else(|| {
                    p.get("ServiceName").and_then(|v| match &v.data {
                        crate::io::import::value::Data::Scalar { text, .. } => Some(text.clone()),
                        _ => None,
                    })
                })
                .and_then(|s| {
                    s.rsplit('.')
                        .next()
                        .filter(|s| !s.contains('}'))
                        .map(str::to_owned)
                });
            let node = cx.node(r, Kind::VpcEndpoint, Place::Spanning { vpc, subnets });
            node.settings = Settings::VpcEndpoint(VpcEndpointSettings {
                endpoint_type: Some(if interface {
                    VpcEndpointType::Interface
                } else {
                    VpcEndpointType::Gateway
                }),
                service,
            });
        }
        "AWS::EC2::TransitGateway" => {
            cx.node(r, Kind::TransitGateway, Place::Regional);
        }
        "AWS::EC2::TransitGatewayAttachment" | "AWS::EC2::TransitGatewayVpcAttachment" => {
            let tgw = cx.refs(p, "TransitGatewayId").into_iter().next();
            let vpc = cx.refs(p, "VpcId").into_iter().next();
            if let (Some(tgw), Some(vpc)) = (tgw, vpc) {
                cx.link(LinkKind::Hybrid, &tgw, &vpc, LinkProps::default(), r.origin);
            }
        }
        "AWS::EC2::CustomerGateway" => {
            let node = cx.node(r, Kind::OnPremises, Place::TopLevel);
            node.label = format!("{} (customer gateway)", r.name);
        }
        "AWS::EC2::VPNConnection" => {
            let tgw = cx.refs(p, "TransitGatewayId").into_iter().next();
            let vgw = cx.refs(p, "VpnGatewayId").into_iter().next();
            let customer = cx.refs(p, "CustomerGatewayId").into_iter().next();
            let node = cx.node(r, Kind::Vpn, Place::Regional);
            node.settings = Settings::Vpn(VpnSettings {
                tunnels: Some(2),
                termination: Some(if tgw.is_some() {
                    VpnTermination::TransitGateway
                } else {
                    VpnTermination::VirtualPrivateGateway
                }),
            });
            if let Some(customer) = customer {
                cx.link(
                    LinkKind::Hybrid,
                    r.key,
                    &customer,
                    LinkProps::default(),
                    r.origin,
                );
            }
            if let Some(tgw) = tgw {
                cx.link(
                    LinkKind::Hybrid,
                    r.key,
                    &tgw,
                    LinkProps::default(),
                    r.origin,
                );
            }
            if let Some(vpc) = vgw.and_then(|g| cx.pending.gateway_vpc.get(&g).cloned()) {
                cx.link(
                    LinkKind::Hybrid,
                    r.key,
                    &vpc,
                    LinkProps::default(),
                    r.origin,
                );
            }
        }
        "AWS::DirectConnect::Connection" | "AWS::DirectConnect::Lag" => {
            cx.node(r, Kind::DirectConnect, Place::Regional);
        }
        // Folded into links and placements.
        "AWS::EC2::VPCGatewayAttachment"
        | "AWS::EC2::Route"
        | "AWS::EC2::RouteTable"
        | "AWS::EC2::SubnetRouteTableAssociation"
        | "AWS::EC2::VPNGateway"
        | "AWS::EC2::VPNConnectionRoute"
        | "AWS::EC2::VPNGatewayRoutePropagation" => {}
        _ => return false,
    }
    true
}

/// Route tables become network-route links from each associated subnet to each target.
pub(super) fn finish(cx: &mut Cx<'_, '_>) {
    let associations = std::mem::take(&mut cx.pending.associations);
    for (subnet, table) in &associations {
        let routes = cx.pending.routes.get(table).cloned().unwrap_or_default();
        for (dest, target, origin) in routes {
            let props = LinkProps {
                destination_cidr: dest,
                ..LinkProps::default()
            };
            cx.link(LinkKind::NetworkRoute, subnet, &target, props, origin);
        }
        let endpoints: Vec<(String, Origin)> = cx
            .pending
            .endpoint_tables
            .iter()
            .filter(|(_, t, _)| t == table)
            .map(|(e, _, o)| (e.clone(), *o))
            .collect();
        for (endpoint, origin) in endpoints {
            cx.link(
                LinkKind::NetworkRoute,
                subnet,
                &endpoint,
                LinkProps::default(),
                origin,
            );
        }
    }
}
