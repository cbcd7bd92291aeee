//! Learning in place: a short guide to every component kind (what it is, when to pick it
//! over its neighbours, where AWS documents it) and topics that answer the open questions
//! in the user's study notes (CIDR sizes, NAT gateways, load balancer layers, scaling
//! policies, RDS versus a database on EC2, SQS/SNS/Amazon MQ, Fargate versus EC2, standard
//! versus FIFO queues).
//!
//! Pure static content with lookups: no egui, no files, so editor tooltips and
//! `cloudsketch explain` can share the same text. Facts are as of 2026 (SQS messages up to
//! 1 MiB, regional NAT gateways); numbers about CIDR blocks are checked against
//! [`crate::cidr`] in the tests.

pub mod addresses;
mod services;
mod topics;

use crate::model::{Component, Kind};

pub use services::guide;
pub use topics::TOPICS;

/// What one kind of component is, when to choose it, and where AWS documents it.
/// Short enough for a hover tooltip.
#[derive(Debug)]
pub struct ServiceGuide {
    /// The kind described.
    pub kind: Kind,
    /// What the service is or does, in one or two sentences.
    pub summary: &'static str,
    /// When to pick it over the kinds in `compare`, in one or two sentences.
    pub choose_when: &'static str,
    /// The neighbours people weigh it against, never the kind itself.
    pub compare: &'static [Kind],
    /// The AWS documentation page behind the guide: `"Title — https://…"`.
    pub source: &'static str,
}

impl ServiceGuide {
    /// The address part of [`ServiceGuide::source`], for a hyperlink.
    pub fn source_url(&self) -> &'static str {
        self.source
            .find("https://")
            .map_or(self.source, |start| &self.source[start..])
    }
}

/// A question from the study notes with a short answer and the kinds it concerns.
#[derive(Debug)]
pub struct Topic {
    /// Stable kebab-case id (`"cidr"`), as typed after `cloudsketch explain`.
    pub id: &'static str,
    /// Other words a learner may type for it (`"step-scaling"`, `"layer7"`, `"mysql"`),
    /// kebab-case; none is a rule's or a component kind's name.
    pub aliases: &'static [&'static str],
    /// Heading.
    pub title: &'static str,
    /// The question as a learner asks it.
    pub question: &'static str,
    /// A short paragraph with the numbers that matter.
    pub answer: &'static str,
    /// Kinds whose guides link to this topic.
    pub kinds: &'static [Kind],
}

/// The topics that concern `kind`, in [`TOPICS`] order.
pub fn topics_for(kind: Kind) -> impl Iterator<Item = &'static Topic> {
    TOPICS.iter().filter(move |t| t.kinds.contains(&kind))
}

/// The topics about one drawn component: its kind's, narrowed by what it runs. An EC2
/// instance running database software is about RDS versus a database on EC2; any other
/// instance (a web or app server) is about scaling its fleet.
pub fn topics_for_component(c: &Component) -> impl Iterator<Item = &'static Topic> + '_ {
    let database = c.kind == Kind::Ec2 && crate::rules::context::is_data_store(c);
    topics_for(c.kind).filter(move |t| match (c.kind, t.id) {
        (Kind::Ec2, "rds-vs-ec2-database") => database,
        (Kind::Ec2, "scaling-policies") => !database,
        _ => true,
    })
}

/// The topic with this id (case-insensitive).
pub fn topic(id: &str) -> Option<&'static Topic> {
    TOPICS.iter().find(|t| t.id.eq_ignore_ascii_case(id.trim()))
}

/// The topic with this id or alias, ignoring case and taking spaces and underscores for
/// hyphens (`step scaling` finds `scaling-policies`). Looser than [`topic`]: `NAT gateway`
/// finds the `nat-gateway` topic here, so look up component kinds by name first.
pub fn topic_loosely(id: &str) -> Option<&'static Topic> {
    let query: String = id
        .trim()
        .chars()
        .map(|c| match c {
            ' ' | '_' => '-',
            c => c.to_ascii_lowercase(),
        })
        .collect();
    TOPICS
        .iter()
        .find(|t| t.id == query || t.aliases.contains(&query.as_str()))
}

/// Sentences in a text: runs ending in `.`, `?` or `!` followed by white space or the end.
/// The content avoids abbreviations with dots so that this count is exact.
#[cfg(test)]
fn sentence_count(text: &str) -> usize {
    let mut count = 0;
    let mut chars = text.trim().chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '.' | '?' | '!') && chars.peek().is_none_or(|next| next.is_whitespace()) {
            count += 1;
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_count_ignores_dots_inside_numbers_and_names() {
        assert_eq!(
            sentence_count("Routes 0.0.0.0/0 to it. Names end in .fifo here."),
            2
        );
        assert_eq!(sentence_count("Is it? Yes!"), 2);
        assert_eq!(sentence_count("99.999999999 % durable."), 1);
    }

    #[test]
    fn every_kind_links_to_the_topics_that_name_it() {
        for topic in TOPICS {
            for &kind in topic.kinds {
                assert!(
                    topics_for(kind).any(|t| t.id == topic.id),
                    "{kind:?} does not list {}",
                    topic.id
                );
            }
        }
        let alb: Vec<&str> = topics_for(Kind::Alb).map(|t| t.id).collect();
        assert_eq!(alb, ["elb-layers"]);
        let sqs: Vec<&str> = topics_for(Kind::Sqs).map(|t| t.id).collect();
        assert_eq!(sqs, ["sqs-sns-mq", "standard-vs-fifo"]);
        assert_eq!(topics_for(Kind::Route53).count(), 0);
    }

    #[test]
    fn an_instance_is_about_scaling_unless_it_runs_a_database() {
        use crate::model::settings::Settings;
        let mut server = Component::new(
            crate::model::ComponentId::new("web").unwrap_or_else(|e| panic!("{e}")),
            Kind::Ec2,
            "Web server",
            crate::model::Point::new(0.0, 0.0),
        );
        let ids = |c: &Component| topics_for_component(c).map(|t| t.id).collect::<Vec<_>>();
        assert_eq!(ids(&server), ["scaling-policies"]);
        if let Settings::Ec2(s) = &mut server.props.settings {
            s.software = Some("MySQL 8.0".to_owned());
        }
        assert_eq!(ids(&server), ["rds-vs-ec2-database"]);
        let mut rds = server.clone();
        rds.kind = Kind::Rds;
        rds.props.settings = Settings::default_for(Kind::Rds);
        assert_eq!(ids(&rds), ["rds-vs-ec2-database"]);
    }

    #[test]
    fn topics_are_found_by_id_ignoring_case() {
        assert_eq!(topic("cidr").map(|t| t.id), Some("cidr"));
        assert_eq!(
            topic(" Standard-vs-FIFO ").map(|t| t.id),
            Some("standard-vs-fifo")
        );
        assert!(topic("nat").is_none());
    }

    #[test]
    fn topics_are_found_by_the_words_a_learner_types() {
        for (query, id) in [
            ("step-scaling", "scaling-policies"),
            ("Step scaling", "scaling-policies"),
            ("layer7", "elb-layers"),
            ("Layer 4", "elb-layers"),
            ("MySQL on EC2", "rds-vs-ec2-database"),
            ("how_many_ips", "cidr"),
            ("sqs vs sns", "sqs-sns-mq"),
        ] {
            assert_eq!(topic_loosely(query).map(|t| t.id), Some(id), "{query}");
        }
    }

    #[test]
    fn source_url_is_the_address_part() {
        let sqs = guide(Kind::Sqs);
        assert!(sqs.source_url().starts_with("https://docs.aws.amazon.com/"));
        assert!(sqs.source.ends_with(sqs.source_url()));
    }
}
