//! The engine: a [`Project`] loads a site once, builds it into an output
//! [`Sink`](crate::output::Sink), and then takes changes
//! ([`Project::apply_change`]) and renders again only the outputs that read
//! what changed, found through the reverse dependency index ([`deps`]).
//! `verdict build` uses it once; `verdict serve` keeps one alive.

pub mod deps;
mod diff;
mod load;
mod project;
#[cfg(test)]
mod schema_reference;

pub use project::{BuildReport, ChangeReport, Project, ProjectOptions, check_site};
