//! Quotas: Regional and account limits the drawn load would hit, including after failover.

pub mod regional_quota_exceeded;
