//! Integration tests, one binary: each area is a module.

mod package;
mod survey;
