#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| shenbao::package::fuzz_open(data));
