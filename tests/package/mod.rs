//! The package format through the public API: test vectors as files,
//! and mutation of valid packages.

mod fixture;
mod fuzz;
mod raw_zip;
mod vectors;
