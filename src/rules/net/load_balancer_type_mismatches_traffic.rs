//! NET-004: a load balancer of the wrong layer for its traffic.

use crate::model::settings::Settings;
use crate::model::{Kind, LinkKind, Severity};
use crate::rules::context::LintContext;
use crate::rules::{Finding, Rule, RuleMeta, fixes};

declare_rule! {
    /// ## What it flags
    /// A Network Load Balancer (layer 4) using layer 7 features (path, host or header
    /// routing, redirects, fixed responses) or HTTP/HTTPS listeners; an Application Load
    /// Balancer (layer 7) with non-HTTP listeners (TCP, UDP, TLS, QUIC); a Gateway Load
    /// Balancer (layer 3, for appliances) with listeners, layer 7 features, or targets that
    /// are not instances.
    ///
    /// ## Why it matters
    /// Such a configuration cannot be created, or routes the wrong way. ELB API Reference
    /// "Welcome": ALB "Operates at the application layer (layer 7) and supports HTTP and
    /// HTTPS", NLB "Operates at the transport layer (layer 4) and supports TCP, TLS, UDP, and
    /// QUIC", GWLB at layer 3; AWS ELB features comparison.
    ///
    /// ## Example
    /// `tests/fixtures/rules/NET-004/fail_nlb_with_http_listener.ron`
    ///
    /// ## Use instead
    /// An ALB for HTTP/HTTPS, an NLB for TCP, TLS, UDP and QUIC (`pass_nlb_with_tls.ron`).
    ///
    /// ## Known limitations
    /// Static IP requirements are not modelled, so "ALB where a static IP is needed" is not
    /// checked. Changing the load balancer's type is not a quick fix (the kind is fixed).
    pub LoadBalancerTypeMismatchesTraffic {
        id: "NET-004",
        name: "load-balancer-type-mismatches-traffic",
        family: Net,
        default_severity: Medium,
        since: "0.2.0",
    }
}

fn is_http(protocol: &str) -> bool {
    matches!(protocol.to_ascii_uppercase().as_str(), "HTTP" | "HTTPS")
}

impl Rule for LoadBalancerTypeMismatchesTraffic {
    fn meta(&self) -> &'static RuleMeta {
        &Self::META
    }

    fn check(&self, cx: &LintContext<'_>, out: &mut Vec<Finding>) {
        for c in cx.of_kinds(&[Kind::Alb, Kind::Nlb, Kind::Clb, Kind::Gwlb]) {
            let Settings::LoadBalancer(lb) = &c.props.settings else {
                continue;
            };
            let name = c.display_name();
            let protocols = lb.listener_protocols();
            let http: Vec<&String> = protocols.iter().filter(|p| is_http(p)).collect();
            let other: Vec<&String> = protocols.iter().filter(|p| !is_http(p)).collect();
            let mut push = |severity, message: String, fix| {
                out.push(
                    Self::finding(severity, message)
                        .component(&c.id)
                        .with_fix(fix),
                );
            };
            match c.kind {
                Kind::Nlb if lb.uses_l7_features() => push(
                    Severity::High,
                    format!(
                        "{name} is a Network Load Balancer (layer 4) but is drawn using path, host or header routing, which only an Application Load Balancer does"
                    ),
                    None,
                ),
                Kind::Nlb if !http.is_empty() => push(
                    Severity::High,
                    format!(
                        "{name} is a Network Load Balancer with {} listeners; an NLB speaks TCP, TLS, UDP and QUIC, an ALB speaks HTTP",
                        http.iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    Some(fixes::change_settings(
                        c,
                        format!("Use TCP/TLS listeners on {name}"),
                        |s| {
                            if let Settings::LoadBalancer(lb) = s {
                                lb.listener_protocols = Some(
                                    lb.listener_protocols()
                                        .into_iter()
                                        .map(|p| match p.to_ascii_uppercase().as_str() {
                                            "HTTP" => "TCP".to_owned(),
                                            "HTTPS" => "TLS".to_owned(),
                                            _ => p,
                                        })
                                        .collect(),
                                );
                            }
                        },
                    )),
                ),
                Kind::Alb if !other.is_empty() => push(
                    Severity::High,
                    format!(
                        "{name} is an Application Load Balancer with {} listeners; an ALB speaks only HTTP and HTTPS, an NLB handles TCP, TLS, UDP and QUIC",
                        other
                            .iter()
                            .map(|s| s.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                    None,
                ),
                Kind::Gwlb => {
                    let odd_targets: Vec<String> = cx
                        .outgoing(&c.id)
                        .iter()
                        .filter(|l| l.kind == LinkKind::Route)
                        .filter(|l| {
                            cx.component(&l.to).is_some_and(|t| {
                                !matches!(t.kind, Kind::Ec2 | Kind::AutoScalingGroup)
                            })
                        })
                        .map(|l| cx.name(&l.to))
                        .collect();
                    if lb.uses_l7_features() || !protocols.is_empty() || !odd_targets.is_empty() {
                        push(
                            Severity::Medium,
                            format!(
                                "{name} is a Gateway Load Balancer, meant for inspection appliances, but is used like an application load balancer"
                            ),
                            None,
                        );
                    }
                }
                _ => {}
            }
        }
    }
}
