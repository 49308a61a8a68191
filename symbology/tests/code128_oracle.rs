//! Code 128 encodation is minimal: for every short input over a
//! mode-stressing alphabet and thousands of random inputs, the encoder's
//! symbol-character count equals the shortest path a naive search finds,
//! and its symbol values decode back to the input.
//!
//! The oracle is a breadth-first search over what a reader tracks while
//! reading symbol characters (ISO/IEC 15417 §4.3): input position, code set
//! (A, B, C), the extended-ASCII latch (FNC4 FNC4), a pending single FNC4
//! and a pending Shift. Every symbol character is one edge: a data
//! character whose meaning in the current (or shifted) set, with bit 7 from
//! latch XOR single FNC4, is the next input byte; a digit pair in C; FNC1
//! for a separator; FNC4; Shift; Code A/B/C. It knows nothing of the
//! encoder's cost tables. The count includes the start character, the FNC1
//! after it in GS1-128, the check character and the stop.
//!
//! The decoder that checks the values is written from the same reader
//! semantics, independently of the encoder.
use std::collections::VecDeque;

use serialkit_symbology::Segment;
use serialkit_symbology::code128::{Code128, EncodeError, Options};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum It {
    Byte(u8),
    Fnc1,
}

const A: u8 = 0;
const B: u8 = 1;
const C: u8 = 2;

/// The byte a data character `v` (0–95) means in set A or B, before bit 7.
fn meaning(set: u8, v: u8) -> u8 {
    match set {
        A if v < 64 => v + 32,
        A => v - 64,
        _ => v + 32,
    }
}

/// The fewest symbol characters (start to stop) for `items`.
fn oracle(items: &[It], gs1: bool) -> usize {
    let n = items.len();
    // State: (position, set, latched, single FNC4 pending, shift pending).
    let idx = |i: usize, set: u8, ext: bool, f4: bool, sh: bool| {
        (((i * 3 + set as usize) * 2 + ext as usize) * 2 + f4 as usize) * 2 + sh as usize
    };
    let mut dist = vec![usize::MAX; (n + 1) * 24];
    let mut queue = VecDeque::new();
    let start_cost = 1 + usize::from(gs1);
    for set in [A, B, C] {
        dist[idx(0, set, false, false, false)] = start_cost;
        queue.push_back((0, set, false, false, false));
    }
    while let Some((i, set, ext, f4, sh)) = queue.pop_front() {
        let d = dist[idx(i, set, ext, f4, sh)];
        if i == n && !f4 && !sh {
            return d + 2; // check character and stop
        }
        let mut next = Vec::new();
        let clean = !f4 && !sh;
        if set == C {
            if let (Some(It::Byte(a)), Some(It::Byte(b))) = (items.get(i), items.get(i + 1)) {
                if a.is_ascii_digit() && b.is_ascii_digit() {
                    next.push((i + 2, C, ext, false, false));
                }
            }
            next.push((i, A, ext, false, false));
            next.push((i, B, ext, false, false));
        } else {
            if let Some(&It::Byte(b)) = items.get(i) {
                let eff = if sh { 1 - set } else { set };
                let high = ext ^ f4;
                // Set A holds 0x00-0x5F, set B 0x20-0x7F (meaning() of 0-95).
                let low = b & 0x7F;
                let in_set = if eff == A { low < 0x60 } else { low >= 0x20 };
                if in_set && (b >= 0x80) == high {
                    next.push((i + 1, set, ext, false, false));
                }
            }
            if !sh {
                // FNC4: a second one in a row toggles the latch.
                next.push(if f4 {
                    (i, set, !ext, false, false)
                } else {
                    (i, set, ext, true, false)
                });
                next.push((i, set, ext, f4, true));
            }
            if clean {
                next.push((i, 1 - set, ext, false, false));
                next.push((i, C, ext, false, false));
            }
        }
        if clean && items.get(i) == Some(&It::Fnc1) {
            next.push((i + 1, set, ext, false, false));
        }
        for (i2, s2, e2, f2, h2) in next {
            let k = idx(i2, s2, e2, f2, h2);
            if dist[k] == usize::MAX {
                dist[k] = d + 1;
                queue.push_back((i2, s2, e2, f2, h2));
            }
        }
    }
    unreachable!("every byte string has an encodation")
}

/// Reads symbol values back: (GS1, items).
fn decode(values: &[u8]) -> (bool, Vec<It>) {
    let body = &values[..values.len() - 2];
    let check = body
        .iter()
        .enumerate()
        .map(|(i, &v)| v as usize * i.max(1))
        .sum::<usize>()
        % 103;
    assert_eq!(check, values[values.len() - 2] as usize, "check character");
    assert_eq!(values[values.len() - 1], 106, "stop");
    let mut set = match body[0] {
        103 => A,
        104 => B,
        105 => C,
        v => panic!("start character {v}"),
    };
    let mut gs1 = false;
    let (mut ext, mut f4, mut sh) = (false, false, false);
    let mut out = Vec::new();
    for (k, &v) in body.iter().enumerate().skip(1) {
        if v == 102 {
            if k == 1 {
                gs1 = true;
            } else {
                out.push(It::Fnc1);
            }
            continue;
        }
        if set == C {
            match v {
                0..=99 => out.extend(format!("{v:02}").bytes().map(It::Byte)),
                100 => set = B,
                101 => set = A,
                _ => panic!("value {v} in C"),
            }
            continue;
        }
        let eff = if sh { 1 - set } else { set };
        match v {
            0..=95 => {
                let high = if ext ^ f4 { 0x80 } else { 0 };
                out.push(It::Byte(meaning(eff, v) | high));
                f4 = false;
                sh = false;
            }
            98 => sh = true,
            99 => set = C,
            // FNC4 is 101 in A and 100 in B; the other is Code A/B.
            100 | 101 if (v == 101) == (set == A) => {
                if f4 {
                    ext = !ext;
                    f4 = false;
                } else {
                    f4 = true;
                }
            }
            100 => set = B,
            101 => set = A,
            _ => panic!("value {v} in {set}"),
        }
    }
    (gs1, out)
}

fn segments_of(items: &[It], bytes: &mut Vec<Vec<u8>>) -> Vec<usize> {
    // Split at FNC1: returns the FNC1 positions; `bytes` gets the runs.
    let mut fnc1 = Vec::new();
    let mut run = Vec::new();
    for (i, it) in items.iter().enumerate() {
        match it {
            It::Byte(b) => run.push(*b),
            It::Fnc1 => {
                bytes.push(std::mem::take(&mut run));
                fnc1.push(i);
            }
        }
    }
    bytes.push(run);
    fnc1
}

fn check(items: &[It], gs1: bool) -> Result<(), String> {
    let mut runs = Vec::new();
    let fnc1 = segments_of(items, &mut runs);
    let mut segments = Vec::new();
    if gs1 {
        segments.push(Segment::Fnc1);
    }
    for (k, run) in runs.iter().enumerate() {
        if !run.is_empty() {
            segments.push(Segment::Data(run));
        }
        if k < fnc1.len() {
            segments.push(Segment::Fnc1);
        }
    }
    // One row of bars: the grid is not what is checked here.
    let mut options = Options::default();
    options.height = 1;
    let code = match Code128::encode(&segments, &options) {
        Ok(c) => c,
        // Nothing but separators is no data.
        Err(EncodeError::Empty) if !items.iter().any(|i| matches!(i, It::Byte(_))) => {
            return Ok(());
        }
        Err(e) => return Err(format!("{items:?}: {e}")),
    };
    let want = oracle(items, gs1);
    if code.values().len() != want {
        return Err(format!(
            "{items:?} gs1={gs1}: {} symbol characters {:?}, optimum {want}",
            code.values().len(),
            code.values()
        ));
    }
    let (read_gs1, read) = decode(code.values());
    if (read_gs1, read.as_slice()) != (gs1, items) {
        return Err(format!(
            "{items:?} gs1={gs1}: values {:?} read back as {read:?}",
            code.values()
        ));
    }
    Ok(())
}

#[test]
fn every_short_input_is_minimal() {
    // Digit, upper, lower, control, high lower-case, high control, high
    // digit, FNC1.
    let alphabet = [
        It::Byte(b'7'),
        It::Byte(b'K'),
        It::Byte(b'k'),
        It::Byte(0x01),
        It::Byte(0xE9),
        It::Byte(0x81),
        It::Byte(0xB5),
        It::Fnc1,
    ];
    let mut cases = 0;
    let mut failures = Vec::new();
    for len in 1..=4u32 {
        for code in 0..alphabet.len().pow(len) {
            let mut c = code;
            let items: Vec<It> = (0..len)
                .map(|_| {
                    let it = alphabet[c % alphabet.len()];
                    c /= alphabet.len();
                    it
                })
                .collect();
            for gs1 in [false, true] {
                // A leading FNC1 segment means GS1-128 in the API.
                if !gs1 && items[0] == It::Fnc1 {
                    continue;
                }
                cases += 1;
                if let Err(e) = check(&items, gs1) {
                    failures.push(e);
                }
            }
        }
    }
    println!(
        "code128_oracle: {cases} inputs up to 4 characters, {} not minimal or misread",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{}",
        failures[..failures.len().min(20)].join("\n")
    );
}

#[test]
fn random_inputs_are_minimal() {
    let mut state = 0xC128_0DD5_EED5_0001u64;
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let mut cases = 0;
    let mut failures = Vec::new();
    for case in 0..4000 {
        let len = 1 + (next() % 30) as usize;
        let items: Vec<It> = (0..len)
            .map(|_| match case % 4 {
                // Digit runs with letters, controls and high bytes.
                0 => match next() % 6 {
                    0..=2 => It::Byte(b'0' + (next() % 10) as u8),
                    3 => It::Byte((next() % 32) as u8),
                    4 => It::Byte(0x80 | (next() % 128) as u8),
                    _ => It::Byte(b'a' + (next() % 26) as u8),
                },
                1 => It::Byte((next() % 256) as u8),
                2 => It::Byte((next() % 128) as u8),
                _ => {
                    if next() % 8 == 0 {
                        It::Fnc1
                    } else {
                        It::Byte(0x20 + (next() % 95) as u8)
                    }
                }
            })
            .collect();
        let gs1 = case % 4 == 3 || (case % 7 == 0 && items[0] != It::Fnc1);
        if !gs1 && items[0] == It::Fnc1 {
            continue;
        }
        cases += 1;
        if let Err(e) = check(&items, gs1) {
            failures.push(e);
        }
    }
    println!(
        "code128_oracle: {cases} random inputs up to 30 characters, {} not minimal or misread",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{}",
        failures[..failures.len().min(20)].join("\n")
    );
}
