//! Workload objectives the design is judged against: RPO, RTO, tier, availability target,
//! and the human-readable durations they are written in.

use std::fmt;

use serde::{Deserialize, Serialize};

use super::settings::{DrStrategy, FieldShape, FieldSpec, SettingValue, WorkloadTier};

/// A span of time written the way people say it: `"30s"`, `"15m"`, `"12h"`, `"1d"`,
/// `"1h30m"`. Stored as whole seconds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Duration {
    secs: u64,
}

/// A duration string that does not parse.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error(
    "{text:?} is not a duration; write a number followed by s, m, h or d, like \"15m\" or \"1h30m\""
)]
pub struct DurationError {
    text: String,
}

impl Duration {
    /// A duration of `secs` seconds.
    pub const fn from_secs(secs: u64) -> Self {
        Self { secs }
    }

    /// Whole seconds.
    pub const fn as_secs(self) -> u64 {
        self.secs
    }

    /// Parses `"1h30m"` and friends.
    pub fn parse(text: &str) -> Result<Self, DurationError> {
        let err = || DurationError {
            text: text.to_owned(),
        };
        let trimmed = text.trim();
        if trimmed.is_empty() {
            return Err(err());
        }
        let mut secs: u64 = 0;
        let mut number: Option<u64> = None;
        for ch in trimmed.chars() {
            if let Some(digit) = ch.to_digit(10) {
                let n = number.unwrap_or(0);
                number = Some(
                    n.checked_mul(10)
                        .and_then(|n| n.checked_add(u64::from(digit)))
                        .ok_or_else(err)?,
                );
                continue;
            }
            let unit = match ch {
                's' => 1,
                'm' => 60,
                'h' => 3_600,
                'd' => 86_400,
                _ => return Err(err()),
            };
            let n = number.take().ok_or_else(err)?;
            secs = n
                .checked_mul(unit)
                .and_then(|part| secs.checked_add(part))
                .ok_or_else(err)?;
        }
        if number.is_some() {
            return Err(err());
        }
        Ok(Self { secs })
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.secs == 0 {
            return f.write_str("0s");
        }
        let mut rest = self.secs;
        for (unit, suffix) in [(86_400, 'd'), (3_600, 'h'), (60, 'm'), (1, 's')] {
            if rest >= unit {
                write!(f, "{}{suffix}", rest / unit)?;
                rest %= unit;
            }
        }
        Ok(())
    }
}

impl TryFrom<String> for Duration {
    type Error = DurationError;

    fn try_from(text: String) -> Result<Self, DurationError> {
        Self::parse(&text)
    }
}

impl From<Duration> for String {
    fn from(d: Duration) -> String {
        d.to_string()
    }
}

/// What the workload must achieve; every field may stay unset while sketching.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Objectives {
    /// Recovery point objective: most data (as time) the business can lose.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rpo: Option<Duration>,
    /// Recovery time objective: longest the workload may be down.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rto: Option<Duration>,
    /// Criticality tier.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<WorkloadTier>,
    /// Availability target in percent (99.9).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub availability_percent: Option<f64>,
    /// Disaster-recovery strategy the team intends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dr_strategy: Option<DrStrategy>,
    /// Peak requests per second.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub peak_rps: Option<f64>,
    /// Average requests per second.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub average_rps: Option<f64>,
}

impl Objectives {
    /// How each objective is shown and edited in the inspector.
    pub const SPECS: &'static [FieldSpec] = &[
        FieldSpec {
            name: "rpo",
            doc: "Recovery point objective: how much recent data the business can lose (\"15m\", \"1h\", \"0s\").",
            default: None,
            shape: FieldShape::Text,
        },
        FieldSpec {
            name: "rto",
            doc: "Recovery time objective: how long the workload may be down (\"4h\").",
            default: None,
            shape: FieldShape::Text,
        },
        FieldSpec {
            name: "tier",
            doc: "How critical the workload is.",
            default: None,
            shape: <WorkloadTier as SettingValue>::SHAPE,
        },
        FieldSpec {
            name: "availability_percent",
            doc: "Availability target in percent (99.9).",
            default: None,
            shape: FieldShape::Number,
        },
        FieldSpec {
            name: "dr_strategy",
            doc: "Disaster-recovery strategy you intend (Well-Architected REL13).",
            default: None,
            shape: <DrStrategy as SettingValue>::SHAPE,
        },
        FieldSpec {
            name: "peak_rps",
            doc: "Requests per second at peak.",
            default: None,
            shape: FieldShape::Number,
        },
        FieldSpec {
            name: "average_rps",
            doc: "Requests per second on average.",
            default: None,
            shape: FieldShape::Number,
        },
    ];
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_parse_and_print() {
        for (text, secs) in [
            ("30s", 30),
            ("15m", 900),
            ("12h", 43_200),
            ("1d", 86_400),
            ("1h30m", 5_400),
        ] {
            let d = Duration::parse(text).unwrap();
            assert_eq!(d.as_secs(), secs);
            assert_eq!(d.to_string(), text);
        }
        assert!(Duration::parse("").is_err());
        assert!(Duration::parse("12").is_err());
        assert!(Duration::parse("h").is_err());
        assert!(Duration::parse("5w").is_err());
        assert!(Duration::parse("99999999999999999999d").is_err());
    }
}
