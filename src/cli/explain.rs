//! `cloudsketch explain SUBJECT`: a rule's documentation, a component kind's guide or a
//! topic from the study notes.
//!
//! Lookup order, all case-insensitive: rule id or name, topic id, kind (file identifier,
//! short name or display name), then a kind's search alias. Rules come first so that rule
//! ids keep their meaning; topics come before aliases so that `cidr` is the topic, not one
//! of the two kinds that list it as an alias.

use super::{EXIT_ERROR, EXIT_OK, print_out};
use crate::learn::{self, TOPICS, Topic};
use crate::model::Kind;
use crate::model::kind::KindInfo;
use crate::rules::{RuleMeta, examples, rule_by_id};

/// What an `explain` argument names.
#[derive(Debug)]
enum Subject {
    Rule(&'static RuleMeta),
    Topic(&'static Topic),
    Kind(Kind),
}

/// Runs `explain SUBJECT`; returns the exit code (2 when nothing matches).
pub fn run(subject: &str) -> u8 {
    match resolve(subject) {
        Ok(Subject::Rule(meta)) => print_out(&super::rules::docs(meta)),
        Ok(Subject::Topic(topic)) => print_out(&topic_text(topic)),
        Ok(Subject::Kind(kind)) => print_out(&kind_text(kind)),
        Err(message) => {
            eprintln!("{message}");
            return EXIT_ERROR;
        }
    }
    EXIT_OK
}

/// Runs `explain RULE --example [FILE]`: prints the example diagram; returns the exit code
/// (2 when the rule or the example is unknown).
pub fn run_example(subject: &str, file: Option<&str>) -> u8 {
    let meta = match resolve(subject) {
        Ok(Subject::Rule(meta)) => meta,
        Ok(_) => {
            eprintln!(
                "`{}` is not a rule; only rules have example diagrams",
                subject.trim()
            );
            return EXIT_ERROR;
        }
        Err(message) => {
            eprintln!("{message}");
            return EXIT_ERROR;
        }
    };
    match examples::find(meta.id, file) {
        Some(example) => {
            print_out(example.text);
            EXIT_OK
        }
        None => {
            let files: Vec<&str> = examples::of_rule(meta.id).map(|e| e.file).collect();
            eprintln!(
                "{} has no example `{}`; its examples are {}",
                meta.id,
                file.unwrap_or_default(),
                files.join(", ")
            );
            EXIT_ERROR
        }
    }
}

/// Finds what `text` names, or explains why nothing matches.
fn resolve(text: &str) -> Result<Subject, String> {
    let query = text.trim();
    if let Some(rule) = rule_by_id(query) {
        return Ok(Subject::Rule(rule.meta()));
    }
    if let Some(topic) = learn::topic(query) {
        return Ok(Subject::Topic(topic));
    }
    if let Some(kind) = Kind::from_ident(query) {
        return Ok(Subject::Kind(kind));
    }
    let by_name = kinds_where(|info| {
        [info.ident, info.short, info.name]
            .iter()
            .any(|name| name.eq_ignore_ascii_case(query))
    });
    match by_name[..] {
        [kind] => return Ok(Subject::Kind(kind)),
        [] => {}
        _ => return Err(ambiguous(query, &by_name)),
    }
    let by_alias = kinds_where(|info| info.aliases.iter().any(|a| a.eq_ignore_ascii_case(query)));
    // A phrase a learner asks about (`step scaling`) is the topic, even when the palette
    // also finds a kind by it; a single word (`fifo`) stays the kind.
    if query.contains([' ', '-'])
        && let Some(topic) = learn::topic_loosely(query)
    {
        return Ok(Subject::Topic(topic));
    }
    match by_alias[..] {
        [kind] => Ok(Subject::Kind(kind)),
        // Topics by the words a learner types come last: `NAT gateway` is the kind.
        [] => learn::topic_loosely(query).map(Subject::Topic).ok_or_else(|| {
            format!(
            "there is no rule, component kind or topic `{query}`;{} expected a rule id or name \
             (`cloudsketch rules` lists them), a component kind (`cloudsketch kinds` lists them) \
             or a topic: {}",
            suggestion(query)
                .map(|s| format!(" did you mean `{s}`?"))
                .unwrap_or_default(),
                TOPICS.iter().map(|t| t.id).collect::<Vec<_>>().join(", ")
            )
        }),
        _ => Err(ambiguous(query, &by_alias)),
    }
}

/// The rule id or name, topic or kind `query` is probably a typo of.
fn suggestion(query: &str) -> Option<&'static str> {
    let rules = crate::rules::ALL_RULES
        .iter()
        .flat_map(|r| [r.meta().id, r.meta().name]);
    let topics = TOPICS.iter().map(|t| t.id);
    let kinds = Kind::ALL.iter().map(|k| k.info().ident);
    crate::model::spelling::closest(query, rules.chain(topics).chain(kinds))
}

/// Kinds whose catalog entry satisfies `pred`, in catalog order.
fn kinds_where(pred: impl Fn(&KindInfo) -> bool) -> Vec<Kind> {
    Kind::ALL
        .iter()
        .copied()
        .filter(|k| pred(k.info()))
        .collect()
}

/// The message for an alias several kinds share (`elb`), pointing at a topic that covers
/// all of them when there is one.
fn ambiguous(query: &str, kinds: &[Kind]) -> String {
    let names: Vec<String> = kinds.iter().map(|&k| named(k)).collect();
    let mut message = format!(
        "`{query}` could be any of {}; name one, like `cloudsketch explain {}`",
        names.join(", "),
        kinds[0].info().ident
    );
    let shared = TOPICS
        .iter()
        .find(|t| kinds.iter().all(|k| t.kinds.contains(k)));
    if let Some(topic) = shared {
        message.push_str(&format!(
            ", or read the topic that compares them: `cloudsketch explain {}`",
            topic.id
        ));
    }
    message
}

/// `"Application Load Balancer (Alb)"`: display name and the identifier files use.
fn named(kind: Kind) -> String {
    let info = kind.info();
    format!("{} ({})", info.name, info.ident)
}

/// The guide of a kind with its related topics.
fn kind_text(kind: Kind) -> String {
    let guide = learn::guide(kind);
    let info = kind.info();
    let compare: Vec<String> = guide.compare.iter().map(|&k| named(k)).collect();
    let mut out = format!(
        "{} · {}\n\n{}\n\n{}\n\nCompare with: {}\nSource: {}\n",
        named(kind),
        info.category.label(),
        guide.summary,
        guide.choose_when,
        compare.join(", "),
        guide.source
    );
    let topics: Vec<&Topic> = learn::topics_for(kind).collect();
    if !topics.is_empty() {
        out.push_str("\nTopics (cloudsketch explain TOPIC):\n");
        let width = topics.iter().map(|t| t.id.len()).max().unwrap_or(0);
        for topic in topics {
            out.push_str(&format!("  {:<width$}  {}\n", topic.id, topic.title));
        }
    }
    out
}

/// A topic: question, answer and the kinds it concerns.
fn topic_text(topic: &Topic) -> String {
    let kinds: Vec<String> = topic.kinds.iter().map(|&k| named(k)).collect();
    format!(
        "{} · {}\n\n{}\n\n{}\n\nComponents: {}\n",
        topic.id,
        topic.title,
        topic.question,
        topic.answer,
        kinds.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::ALL_RULES;

    fn kind_of(text: &str) -> Option<Kind> {
        match resolve(text) {
            Ok(Subject::Kind(kind)) => Some(kind),
            _ => None,
        }
    }

    #[test]
    fn rules_come_first_then_topics_then_kinds() {
        assert!(matches!(resolve("spof-001"), Ok(Subject::Rule(m)) if m.id == "SPOF-001"));
        assert!(matches!(resolve("cidr"), Ok(Subject::Topic(t)) if t.id == "cidr"));
        assert!(matches!(resolve(" Elb-Layers "), Ok(Subject::Topic(t)) if t.id == "elb-layers"));
        assert_eq!(kind_of("alb"), Some(Kind::Alb));
        assert_eq!(kind_of("Alb"), Some(Kind::Alb));
        assert_eq!(kind_of("application load balancer"), Some(Kind::Alb));
        assert_eq!(kind_of("NAT"), Some(Kind::NatGateway));
        assert_eq!(kind_of("fargate"), Some(Kind::EcsService));
        assert_eq!(kind_of("fifo"), Some(Kind::Sqs));
    }

    #[test]
    fn a_phrase_is_the_topic_a_single_word_the_kind() {
        assert!(
            matches!(resolve("step scaling"), Ok(Subject::Topic(t)) if t.id == "scaling-policies")
        );
        assert!(
            matches!(resolve("step-scaling"), Ok(Subject::Topic(t)) if t.id == "scaling-policies")
        );
        assert_eq!(kind_of("asg"), Some(Kind::AutoScalingGroup));
        assert_eq!(kind_of("fifo"), Some(Kind::Sqs));
    }

    #[test]
    fn every_kind_is_found_by_each_of_its_names() {
        for &kind in Kind::ALL {
            let info = kind.info();
            for name in [info.ident, info.short, info.name] {
                assert_eq!(kind_of(name), Some(kind), "{name}");
                assert_eq!(kind_of(&name.to_lowercase()), Some(kind), "{name}");
            }
        }
    }

    #[test]
    fn no_rule_hides_a_topic() {
        for topic in TOPICS {
            assert!(
                rule_by_id(topic.id).is_none(),
                "{} is also a rule",
                topic.id
            );
        }
        assert!(!ALL_RULES.is_empty());
    }

    #[test]
    fn shared_aliases_name_the_candidates_and_a_topic() {
        let message = resolve("elb").expect_err("four load balancers say elb");
        assert!(
            message.contains("Application Load Balancer (Alb)"),
            "{message}"
        );
        assert!(
            message.contains("Gateway Load Balancer (Gwlb)"),
            "{message}"
        );
        assert!(
            message.contains("cloudsketch explain elb-layers"),
            "{message}"
        );
        let message = resolve("database").expect_err("several databases");
        assert!(message.contains("RDS database (Rds)"), "{message}");
        assert!(!message.contains("read the topic"), "{message}");
    }

    #[test]
    fn unknown_subjects_say_what_was_expected() {
        let message = resolve("nope").expect_err("nothing is called nope");
        assert!(message.contains("`nope`"));
        assert!(message.contains("cloudsketch rules"));
        assert!(message.contains("cloudsketch kinds"));
        assert!(message.contains("standard-vs-fifo"));
    }

    #[test]
    fn kind_text_lists_guide_and_topics() {
        let text = kind_text(Kind::Alb);
        assert!(text.starts_with("Application Load Balancer (Alb) · Networking"));
        assert!(text.contains("layer 7"));
        assert!(text.contains("Compare with: Network Load Balancer (Nlb)"));
        assert!(text.contains("https://docs.aws.amazon.com/"));
        assert!(text.contains("elb-layers  Load balancers: layer 7 versus layer 4"));
        assert!(!kind_text(Kind::Route53).contains("Topics"));
    }
}
