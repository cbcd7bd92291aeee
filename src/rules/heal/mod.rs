//! Health checks and self-healing: "Is it self healing?"

pub mod asg_without_elb_health_check;
pub mod front_door_cannot_fail_over;
pub mod no_application_health_check;
