//! The package format through the public API: test vectors as files,
//! and mutation of valid packages.

mod each_vector;
mod fixture;
mod fuzz;
mod raw_zip;
mod vectors;
