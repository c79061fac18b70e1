//! Deterministic mutation of valid packages through `open` and `verify`:
//! nothing may panic, and nothing changed may come out valid.

use shenbao::package::{open, verify, Limits, Status, Verification};

use super::fixture::Application;
use super::raw_zip::{pack, unpack};

/// xorshift64*: small, deterministic, no dependencies.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn byte(&mut self) -> u8 {
        self.next() as u8
    }
}

/// Values that make parsers take unusual paths.
const INTERESTING: [u32; 8] = [
    0,
    1,
    0x7f,
    0xff,
    0xffff,
    0x7fff_ffff,
    0xffff_ffff,
    0x0403_4b50,
];

fn mutate(rng: &mut Rng, original: &[u8]) -> Vec<u8> {
    let mut b = original.to_vec();
    let rounds = 1 + rng.below(3);
    for _ in 0..rounds {
        let len = b.len();
        match rng.below(8) {
            0 => {
                let i = rng.below(len);
                if let Some(x) = b.get_mut(i) {
                    *x ^= 1 << rng.below(8);
                }
            }
            1 => {
                let i = rng.below(len);
                if let Some(x) = b.get_mut(i) {
                    *x = rng.byte();
                }
            }
            2 => b.truncate(rng.below(len)),
            3 => {
                let i = rng.below(len + 1);
                b.insert(i, rng.byte());
            }
            4 => {
                let i = rng.below(len);
                let n = rng.below(64).min(len - i);
                b.drain(i..i + n);
            }
            5 => {
                let i = rng.below(len);
                let n = rng.below(64).min(len - i);
                let chunk = b[i..i + n].to_vec();
                let at = rng.below(b.len() + 1);
                b.splice(at..at, chunk);
            }
            6 => {
                let i = rng.below(len.saturating_sub(4));
                let v = INTERESTING[rng.below(INTERESTING.len())].to_le_bytes();
                if let Some(window) = b.get_mut(i..i + 4) {
                    window.copy_from_slice(&v);
                }
            }
            _ => {
                let i = rng.below(len.saturating_sub(2));
                let v = (INTERESTING[rng.below(INTERESTING.len())] as u16).to_le_bytes();
                if let Some(window) = b.get_mut(i..i + 2) {
                    window.copy_from_slice(&v);
                }
            }
        }
        if b.is_empty() {
            break;
        }
    }
    b
}

/// A package that still verifies must say what the original said: only
/// deflate's padding bits can change unseen.
fn assert_same(original: &Verification, got: &Verification, case: &str) {
    assert_eq!(got.manifest, original.manifest, "{case}");
    assert_eq!(got.entries, original.entries, "{case}");
}

#[test]
fn twenty_thousand_mutated_packages_never_panic_or_pass_changed() {
    let valid = Application::with_attachments().package().bytes;
    let original = verify(&valid, &Limits::default()).expect("valid opens");
    assert_eq!(original.status, Status::Valid);
    let mut rng = Rng(0x5eed_0f5e_4ba0);
    let mut counts = [0usize; 3];
    for case in 0..20_000 {
        let mutated = mutate(&mut rng, &valid);
        match verify(&mutated, &Limits::default()) {
            Err(_) => counts[0] += 1,
            Ok(v) if v.status.is_valid() => {
                assert_same(&original, &v, &format!("case {case}"));
                counts[2] += 1;
            }
            Ok(_) => counts[1] += 1,
        }
    }
    // Both layers are exercised: some mutants open and then fail.
    assert!(counts[0] > 1000 && counts[1] > 1000, "{counts:?}");
}

#[test]
fn mutated_manifests_and_signatures_never_panic() {
    // Repacked with correct CRCs, so the JSON and signature parsers see the
    // damage instead of the ZIP layer.
    let valid = Application::with_attachments().package().bytes;
    let entries = unpack(&valid);
    let mut rng = Rng(0x0dd_ba11);
    for case in 0..4_000 {
        let index = if case % 2 == 0 { 1 } else { 2 };
        let mut changed = entries.clone();
        let data = mutate(&mut rng, &changed[index].data());
        changed[index].set_data(&data);
        let bytes = pack(&changed);
        if let Ok(opened) = open(&bytes, &Limits::default()) {
            let v = opened.verify();
            assert!(
                !v.status.is_valid() || data == entries[index].data(),
                "case {case}: a changed {} passed",
                changed[index].name()
            );
        }
    }
}

#[test]
fn every_truncation_fails_cleanly() {
    let valid = Application::minimal().package().bytes;
    for len in 0..valid.len() {
        let got = verify(&valid[..len], &Limits::default());
        assert!(!got.is_ok_and(|v| v.status.is_valid()), "{len}");
    }
}
