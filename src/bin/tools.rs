//! The lazily loaded tools module: its exports live in `shenbao::tools`,
//! compiled in with the `tools` feature. Nothing runs at load.

// Link the library so that its `#[wasm_bindgen]` exports are kept.
extern crate shenbao;

fn main() {}
