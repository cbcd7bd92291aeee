//! Generates large, realistic diagrams for benchmarks and stress tests: many Regions,
//! each with VPCs holding a two-AZ three-tier stack plus regional serverless pieces,
//! with roughly two links per component.

use super::component::Component;
use super::diagram::{Diagram, DocumentInfo};
use super::geometry::{Point, Size};
use super::ids::ComponentId;
use super::kind::Kind;
use super::link::{Link, LinkKind};
use super::settings::{
    AsgSettings, ElastiCacheSettings, HealthCheckType, RdsDeployment, RdsSettings, Route53Settings,
    RoutingPolicy, ScalingPolicy, Settings, SubnetIntent, SubnetSettings, VpcSettings,
};
use super::validate::ValidationError;

/// Components in one generated stack.
pub const COMPONENTS_PER_STACK: usize = 24;

const STACK_W: f32 = 1100.0;
const STACK_H: f32 = 700.0;
const STACKS_PER_ROW: usize = 5;
const STACKS_PER_REGION: usize = 25;

/// Builds a valid diagram with at least `min_components` components.
pub fn large_diagram(min_components: usize) -> Result<Diagram, ValidationError> {
    let stacks = min_components.div_ceil(COMPONENTS_PER_STACK).max(1);
    let regions = stacks.div_ceil(STACKS_PER_REGION);
    let mut g = Gen::default();
    g.add("users", Kind::Users, None, Point::new(-300.0, 0.0), None);
    for r in 0..regions {
        let in_region = (stacks - r * STACKS_PER_REGION).min(STACKS_PER_REGION);
        let rows = in_region.div_ceil(STACKS_PER_ROW);
        let origin = Point::new(0.0, region_y(r));
        let size = Size::new(
            STACKS_PER_ROW as f32 * STACK_W + 400.0,
            rows as f32 * STACK_H + 100.0,
        );
        g.add(
            &format!("region-{r}"),
            Kind::Region,
            None,
            origin,
            Some(size),
        );
        g.add(
            &format!("backup-{r}"),
            Kind::Backup,
            Some(&format!("region-{r}")),
            origin.offset(STACKS_PER_ROW as f32 * STACK_W + 100.0, 80.0),
            None,
        );
        for s in 0..in_region {
            g.stack(r, r * STACKS_PER_REGION + s, s, stacks);
        }
    }
    Diagram::from_parts(
        DocumentInfo {
            title: format!("Generated diagram ({stacks} stacks)"),
            description: "Produced by `cloudsketch generate` for benchmarks and stress tests."
                .to_owned(),
            ..DocumentInfo::default()
        },
        g.components,
        g.links,
    )
}

fn region_y(r: usize) -> f32 {
    let rows = STACKS_PER_REGION.div_ceil(STACKS_PER_ROW);
    r as f32 * (rows as f32 * STACK_H + 300.0)
}

#[derive(Default)]
struct Gen {
    components: Vec<Component>,
    links: Vec<Link>,
}

impl Gen {
    #[allow(clippy::unwrap_used)] // Generated ids are well-formed by construction.
    fn add(
        &mut self,
        id: &str,
        kind: Kind,
        parent: Option<&str>,
        at: Point,
        size: Option<Size>,
    ) -> &mut Component {
        let mut c = Component::new(ComponentId::new(id).unwrap(), kind, label_for(id, kind), at);
        c.parent = parent.map(|p| ComponentId::new(p).unwrap());
        if let Some(size) = size {
            c.rect.size = size;
        }
        self.components.push(c);
        self.components.last_mut().unwrap()
    }

    #[allow(clippy::unwrap_used)]
    fn link(&mut self, kind: LinkKind, from: &str, to: &str) {
        self.links.push(Link::new(
            kind,
            &ComponentId::new(from).unwrap(),
            &ComponentId::new(to).unwrap(),
        ));
    }

    #[allow(clippy::unwrap_used)]
    fn stack(&mut self, r: usize, i: usize, slot: usize, stacks: usize) {
        let region = format!("region-{r}");
        let base = Point::new(
            40.0 + (slot % STACKS_PER_ROW) as f32 * STACK_W,
            region_y(r) + 60.0 + (slot / STACKS_PER_ROW) as f32 * STACK_H,
        );
        let id = |name: &str| format!("{name}-{i}");
        let sub = |ids: &[String]| {
            ids.iter()
                .map(|s| ComponentId::new(s.as_str()).unwrap())
                .collect::<Vec<_>>()
        };

        let vpc = self.add(
            &id("vpc"),
            Kind::Vpc,
            Some(&region),
            base,
            Some(Size::new(760.0, 620.0)),
        );
        vpc.props.settings = Settings::Vpc(VpcSettings {
            cidr_blocks: Some(vec![format!("10.{}.0.0/16", i % 256)]),
            ..VpcSettings::default()
        });
        self.add(
            &id("igw"),
            Kind::InternetGateway,
            Some(&id("vpc")),
            base.offset(340.0, 10.0),
            None,
        );
        let mut subnets_public = Vec::new();
        let mut subnets_private = Vec::new();
        for (z, zone) in ["a", "b"].iter().enumerate() {
            let az = format!("az-{i}-{zone}");
            let az_at = base.offset(20.0 + z as f32 * 370.0, 100.0);
            self.add(
                &az,
                Kind::AvailabilityZone,
                Some(&id("vpc")),
                az_at,
                Some(Size::new(350.0, 500.0)),
            );
            for (k, (name, intent)) in [
                ("pub", SubnetIntent::Public),
                ("priv", SubnetIntent::Private),
            ]
            .into_iter()
            .enumerate()
            {
                let subnet = format!("{name}-{i}-{zone}");
                let s = self.add(
                    &subnet,
                    Kind::Subnet,
                    Some(&az),
                    az_at.offset(15.0, 40.0 + k as f32 * 220.0),
                    Some(Size::new(320.0, 200.0)),
                );
                s.props.settings = Settings::Subnet(SubnetSettings {
                    cidr: Some(format!("10.{}.{}.0/24", i % 256, z * 2 + k)),
                    intent: Some(intent),
                    ..SubnetSettings::default()
                });
                if k == 0 {
                    subnets_public.push(subnet.clone());
                    self.link(LinkKind::NetworkRoute, &subnet, &id("igw"));
                } else {
                    subnets_private.push(subnet.clone());
                }
            }
            let nat = format!("nat-{i}-{zone}");
            self.add(
                &nat,
                Kind::NatGateway,
                Some(&format!("pub-{i}-{zone}")),
                az_at.offset(40.0, 100.0),
                None,
            );
            self.link(LinkKind::NetworkRoute, &format!("priv-{i}-{zone}"), &nat);
        }
        let alb = self.add(
            &id("alb"),
            Kind::Alb,
            Some(&id("vpc")),
            base.offset(200.0, 40.0),
            None,
        );
        alb.props.subnets = sub(&subnets_public);
        for (name, x) in [("web", 140.0), ("app", 440.0)] {
            let asg = self.add(
                &id(name),
                Kind::AutoScalingGroup,
                Some(&id("vpc")),
                base.offset(x, 400.0),
                Some(Size::new(160.0, 90.0)),
            );
            asg.props.subnets = sub(&subnets_private);
            asg.props.settings = Settings::Asg(AsgSettings {
                min: Some(2),
                max: Some(6),
                desired: Some(2),
                health_check_type: Some(HealthCheckType::Elb),
                scaling_policy: Some(ScalingPolicy::TargetTracking),
                ..AsgSettings::default()
            });
        }
        let db = self.add(
            &id("db"),
            Kind::Rds,
            Some(&id("vpc")),
            base.offset(300.0, 520.0),
            None,
        );
        db.props.subnets = sub(&subnets_private);
        db.props.settings = Settings::Rds(RdsSettings {
            engine: Some("postgres".to_owned()),
            deployment: Some(RdsDeployment::MultiAzInstance),
            backup_retention_days: Some(7),
            ..RdsSettings::default()
        });
        let cache = self.add(
            &id("cache"),
            Kind::ElastiCache,
            Some(&id("vpc")),
            base.offset(600.0, 520.0),
            None,
        );
        cache.props.subnets = sub(&subnets_private);
        cache.props.settings = Settings::ElastiCache(ElastiCacheSettings {
            replicas_per_shard: Some(1),
            automatic_failover: Some(true),
            multi_az: Some(true),
            ..ElastiCacheSettings::default()
        });
        let regional = base.offset(800.0, 40.0);
        for (k, (name, kind)) in [
            ("dns", Kind::Route53),
            ("queue", Kind::Sqs),
            ("worker", Kind::Lambda),
            ("table", Kind::DynamoDb),
            ("bucket", Kind::S3),
        ]
        .into_iter()
        .enumerate()
        {
            let c = self.add(
                &id(name),
                kind,
                Some(&region),
                regional.offset(0.0, k as f32 * 110.0),
                None,
            );
            if kind == Kind::Route53 {
                c.props.settings = Settings::Route53(Route53Settings {
                    routing_policy: Some(RoutingPolicy::Latency),
                    health_check: Some(true),
                    ..Route53Settings::default()
                });
            }
        }
        for (k, (name, kind)) in [
            ("topic", Kind::Sns),
            ("dlq", Kind::Sqs),
            ("cdn", Kind::CloudFront),
        ]
        .into_iter()
        .enumerate()
        {
            self.add(
                &id(name),
                kind,
                Some(&region),
                regional.offset(150.0, k as f32 * 110.0),
                None,
            );
        }
        self.add(
            &id("endpoint"),
            Kind::VpcEndpoint,
            Some(&id("vpc")),
            base.offset(520.0, 20.0),
            None,
        );

        self.link(LinkKind::Request, "users", &id("dns"));
        self.link(LinkKind::Request, "users", &id("cdn"));
        self.link(LinkKind::Route, &id("cdn"), &id("alb"));
        self.link(LinkKind::Route, &id("cdn"), &id("bucket"));
        for zone in ["a", "b"] {
            self.link(
                LinkKind::NetworkRoute,
                &format!("priv-{i}-{zone}"),
                &id("endpoint"),
            );
        }
        self.link(LinkKind::Request, &id("web"), &id("table"));
        self.link(LinkKind::Request, &id("web"), &id("bucket"));
        self.link(LinkKind::Send, &id("web"), &id("queue"));
        self.link(LinkKind::Send, &id("app"), &id("topic"));
        self.link(LinkKind::Subscribe, &id("topic"), &id("queue"));
        self.link(LinkKind::Subscribe, &id("topic"), &id("worker"));
        self.link(LinkKind::DeadLetter, &id("queue"), &id("dlq"));
        self.link(LinkKind::DeadLetter, &id("topic"), &id("dlq"));
        self.link(LinkKind::DeadLetter, &id("worker"), &id("dlq"));
        self.link(LinkKind::Request, &id("worker"), &id("cache"));
        self.link(LinkKind::Backup, &id("bucket"), &format!("backup-{r}"));
        self.link(LinkKind::Route, &id("dns"), &id("alb"));
        self.link(LinkKind::Route, &id("alb"), &id("web"));
        self.link(LinkKind::Request, &id("web"), &id("app"));
        self.link(LinkKind::Request, &id("web"), &id("cache"));
        self.link(LinkKind::Request, &id("app"), &id("db"));
        self.link(LinkKind::Request, &id("app"), &id("cache"));
        self.link(LinkKind::Request, &id("app"), &id("table"));
        self.link(LinkKind::Request, &id("app"), &id("bucket"));
        self.link(LinkKind::Send, &id("app"), &id("queue"));
        self.link(LinkKind::Consume, &id("queue"), &id("worker"));
        self.link(LinkKind::Request, &id("worker"), &id("table"));
        self.link(LinkKind::Request, &id("worker"), &id("bucket"));
        self.link(LinkKind::Request, &id("worker"), &id("db"));
        self.link(LinkKind::Backup, &id("db"), &format!("backup-{r}"));
        self.link(LinkKind::Backup, &id("table"), &format!("backup-{r}"));
        if stacks > 1 {
            let next = (i + 1) % stacks;
            self.link(
                LinkKind::Replicate,
                &id("bucket"),
                &format!("bucket-{next}"),
            );
            self.link(LinkKind::Request, &id("app"), &format!("alb-{next}"));
            self.link(LinkKind::Request, &id("worker"), &format!("dns-{next}"));
            self.link(LinkKind::Send, &id("app"), &format!("queue-{next}"));
            self.link(LinkKind::Request, &id("app"), &format!("table-{next}"));
            self.link(LinkKind::Request, &id("worker"), &format!("table-{next}"));
            self.link(LinkKind::Request, &id("worker"), &format!("bucket-{next}"));
        }
    }
}

fn label_for(id: &str, kind: Kind) -> String {
    const NAMES: &[(&str, &str)] = &[
        ("region", "Region"),
        ("backup", "Backup plan"),
        ("vpc", "VPC"),
        ("igw", "Internet gateway"),
        ("az", "AZ"),
        ("pub", "Public subnet"),
        ("priv", "Private subnet"),
        ("nat", "NAT gateway"),
        ("alb", "Load balancer"),
        ("web", "Web tier"),
        ("app", "App tier"),
        ("db", "Database"),
        ("cache", "Cache"),
        ("dns", "DNS"),
        ("queue", "Queue"),
        ("worker", "Worker"),
        ("table", "Table"),
        ("bucket", "Bucket"),
        ("topic", "Topic"),
        ("dlq", "Dead-letter queue"),
        ("cdn", "CDN"),
        ("endpoint", "S3 endpoint"),
    ];
    match id.split_once('-') {
        Some((prefix, suffix)) => {
            let name = NAMES
                .iter()
                .find(|(p, _)| *p == prefix)
                .map_or(kind.info().short, |(_, n)| n);
            format!("{name} {suffix}")
        }
        None => kind.name().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_diagram_is_valid_and_large_enough() {
        let d = large_diagram(1_000).unwrap();
        assert!(d.component_count() >= 1_000, "{}", d.component_count());
        let ratio = d.link_count() as f64 / d.component_count() as f64;
        assert!(ratio > 0.8, "links per component {ratio}");
    }
}
