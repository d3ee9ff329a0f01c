//! botocore's INI format, a leaf under every reader and editor of the AWS files (`config`,
//! `credfile`, `store`, `endpoint`): the line model ([`line`]) and the indexed file ([`file`]).

pub mod file;
pub mod line;

pub use file::*;
