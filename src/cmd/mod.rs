//! The subcommands: each a function `main.rs` calls with its parsed options.

pub mod build;
pub mod init;
pub mod serve;
