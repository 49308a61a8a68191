//! Every short string over a mode-stressing alphabet — digit, upper and
//! lower case letter, space, `*`, `>`, a byte above 127, FNC1 — against a
//! brute-force search over all encodation sequences: for each string the
//! search enumerates every way to write it (each character in each mode that
//! can carry it, every latch and unlatch, digit pairs, Base 256 runs, every
//! end-of-data variant), pads each candidate to every symbol smaller than
//! ours, and decodes it with the reference decoder. No candidate may fit a
//! smaller symbol than the one our encoder chose; our own codewords must
//! decode back to the input.
//!
//! The default test checks every string up to 5 characters (about 4 s in a
//! debug build); the ignored one checks up to 6 and is run in release mode
//! (`cargo test --release -p serialkit-symbology --test exhaustive --
//! --ignored --nocapture`), its last result committed in
//! `exhaustive-length6.last.txt`.
mod common;

use common::reference_decoder::{self, FNC1};
use serialkit_symbology::Segment;
use serialkit_symbology::datamatrix::{DataMatrix, Options, SizePolicy, SymbolSize};

const ALPHABET: [u16; 8] = [
    b'7' as u16,
    b'B' as u16,
    b'c' as u16,
    b' ' as u16,
    b'*' as u16,
    b'>' as u16,
    0xC8,
    FNC1,
];

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Ascii,
    C40,
    Text,
    X12,
    Edifact,
}

fn c40_values(item: u16, text: bool) -> Option<Vec<u8>> {
    if item == FNC1 {
        return Some(vec![1, 27]);
    }
    let mut b = item as u8;
    let mut v = Vec::new();
    if b >= 128 {
        v.extend([1, 30]);
        b -= 128;
    }
    match b {
        b' ' => v.push(3),
        b'0'..=b'9' => v.push(b - b'0' + 4),
        b'A'..=b'Z' if !text => v.push(b - b'A' + 14),
        b'a'..=b'z' if text => v.push(b - b'a' + 14),
        0..=31 => v.extend([0, b]),
        33..=47 => v.extend([1, b - 33]),
        58..=64 => v.extend([1, b - 58 + 15]),
        91..=95 => v.extend([1, b - 91 + 22]),
        b'A'..=b'Z' => v.extend([2, b - b'A' + 1]),
        b'a'..=b'z' => v.extend([2, b - b'a' + 1]),
        96 => v.extend([2, 0]),
        _ => v.extend([2, b - 96]),
    }
    Some(v)
}

fn x12_value(item: u16) -> Option<u8> {
    match item {
        13 => Some(0),
        42 => Some(1),
        62 => Some(2),
        32 => Some(3),
        48..=57 => Some(item as u8 - 48 + 4),
        65..=90 => Some(item as u8 - 65 + 14),
        _ => None,
    }
}

fn edifact_value(item: u16) -> Option<u8> {
    (32..=94).contains(&item).then_some(item as u8 & 0x3F)
}

fn pack_triples(out: &mut Vec<u8>, values: &mut Vec<u8>) {
    while values.len() >= 3 {
        let v = 1600 * values[0] as u16 + 40 * values[1] as u16 + values[2] as u16 + 1;
        out.extend([(v >> 8) as u8, v as u8]);
        values.drain(..3);
    }
}

fn pack_edifact(out: &mut Vec<u8>, values: &[u8]) {
    let mut bits = 0u32;
    for &v in values {
        bits = (bits << 6) | v as u32;
    }
    let n = values.len() * 6;
    bits <<= 24 - n;
    for k in 0..n.div_ceil(8) {
        out.push((bits >> (16 - 8 * k)) as u8);
    }
}

fn randomize_255(v: u8, position: usize) -> u8 {
    ((v as usize + (149 * position) % 255 + 1) % 256) as u8
}

struct Search<'a> {
    items: &'a [u16],
    limit: usize,
    emit: &'a mut dyn FnMut(&[u8]),
}

impl Search<'_> {
    /// Enumerates encodations from `pos` in `mode`; `fresh` after a latch
    /// (an immediate unlatch is pointless); `values` pending in the mode.
    fn go(&mut self, pos: usize, mode: Mode, fresh: bool, values: Vec<u8>, out: Vec<u8>) {
        if out.len() > self.limit {
            return;
        }
        let n = self.items.len();
        match mode {
            Mode::Ascii => {
                if pos == n {
                    (self.emit)(&out);
                    return;
                }
                let item = self.items[pos];
                let mut o = out.clone();
                match item {
                    FNC1 => o.push(232),
                    b if b >= 128 => o.extend([235, (b - 127) as u8]),
                    b => o.push(b as u8 + 1),
                }
                self.go(pos + 1, Mode::Ascii, false, vec![], o);
                if pos + 1 < n
                    && (48..=57).contains(&item)
                    && (48..=57).contains(&self.items[pos + 1])
                {
                    let mut o = out.clone();
                    o.push(130 + (item as u8 - 48) * 10 + (self.items[pos + 1] as u8 - 48));
                    self.go(pos + 2, Mode::Ascii, false, vec![], o);
                }
                for (latch, m) in [
                    (230, Mode::C40),
                    (239, Mode::Text),
                    (238, Mode::X12),
                    (240, Mode::Edifact),
                ] {
                    let mut o = out.clone();
                    o.push(latch);
                    self.go(pos, m, true, vec![], o);
                }
                // Base 256 runs of every length.
                for k in 1..=n - pos {
                    if self.items[pos..pos + k].contains(&FNC1) {
                        break;
                    }
                    let mut o = out.clone();
                    o.push(231);
                    let start = o.len();
                    o.push(k as u8);
                    o.extend(self.items[pos..pos + k].iter().map(|&b| b as u8));
                    for (p, cw) in o.iter_mut().enumerate().skip(start) {
                        *cw = randomize_255(*cw, p + 1);
                    }
                    self.go(pos + k, Mode::Ascii, false, vec![], o);
                }
            }
            Mode::C40 | Mode::Text | Mode::X12 => {
                if pos == n {
                    let mut o = out.clone();
                    let mut v = values.clone();
                    while v.len() % 3 != 0 {
                        v.push(0); // Shift 1 pads
                    }
                    pack_triples(&mut o, &mut v);
                    (self.emit)(&o);
                    o.push(254);
                    (self.emit)(&o);
                    return;
                }
                if values.len() == 2 && mode != Mode::X12 {
                    // Pad the triple with Shift 1, then unlatch.
                    let mut o = out.clone();
                    let mut v = values.clone();
                    v.push(0);
                    pack_triples(&mut o, &mut v);
                    o.push(254);
                    self.go(pos, Mode::Ascii, false, vec![], o);
                }
                if values.is_empty() && !fresh {
                    let mut o = out.clone();
                    o.push(254);
                    self.go(pos, Mode::Ascii, false, vec![], o);
                    // Implicit return to ASCII (valid when one codeword is left).
                    self.go(pos, Mode::Ascii, false, vec![], out.clone());
                }
                let item = self.items[pos];
                let new = match mode {
                    Mode::X12 => x12_value(item).map(|v| vec![v]),
                    m => c40_values(item, m == Mode::Text),
                };
                if let Some(new) = new {
                    let mut v = values;
                    v.extend(new);
                    let mut o = out;
                    pack_triples(&mut o, &mut v);
                    self.go(pos + 1, mode, false, v, o);
                }
            }
            Mode::Edifact => {
                if pos == n {
                    let mut o = out.clone();
                    if !values.is_empty() {
                        pack_edifact(&mut o, &values);
                        (self.emit)(&o);
                    } else {
                        (self.emit)(&o);
                    }
                    let mut o = out.clone();
                    let mut v = values.clone();
                    v.push(31);
                    pack_edifact(&mut o, &v);
                    (self.emit)(&o);
                    return;
                }
                if !fresh {
                    let mut o = out.clone();
                    let mut v = values.clone();
                    v.push(31);
                    pack_edifact(&mut o, &v);
                    self.go(pos, Mode::Ascii, false, vec![], o);
                    if values.is_empty() {
                        self.go(pos, Mode::Ascii, false, vec![], out.clone());
                    }
                }
                if let Some(e) = edifact_value(self.items[pos]) {
                    let mut v = values;
                    v.push(e);
                    let mut o = out;
                    if v.len() == 4 {
                        pack_edifact(&mut o, &v);
                        v.clear();
                    }
                    self.go(pos + 1, Mode::Edifact, false, v, o);
                }
            }
        }
    }
}

fn padded(stream: &[u8], capacity: usize) -> Vec<u8> {
    let mut out = stream.to_vec();
    if out.len() < capacity {
        out.push(129);
    }
    while out.len() < capacity {
        let p = out.len() + 1;
        let v = 129 + (149 * p) % 253 + 1;
        out.push(if v <= 254 { v } else { v - 254 } as u8);
    }
    out
}

fn check_all(max_len: usize) -> (usize, usize) {
    let policy = SizePolicy::Auto;
    let sizes: Vec<SymbolSize> = policy.sizes().collect();
    let mut strings = 0;
    let mut streams = 0;
    for len in 1..=max_len {
        for index in 0..ALPHABET.len().pow(len as u32) {
            let mut k = index;
            let items: Vec<u16> = (0..len)
                .map(|_| {
                    let a = ALPHABET[k % ALPHABET.len()];
                    k /= ALPHABET.len();
                    a
                })
                .collect();
            // Our encoder; a leading FNC1 is FNC1 in first position.
            let (fnc1_first, body) = match items.first() {
                Some(&FNC1) => (true, &items[1..]),
                _ => (false, &items[..]),
            };
            let bytes: Vec<u8> = body.iter().map(|&b| b as u8).collect();
            let mut segments = Vec::new();
            if fnc1_first {
                segments.push(Segment::Fnc1);
            }
            let mut start = 0;
            for (i, &it) in body.iter().enumerate() {
                if it == FNC1 {
                    segments.push(Segment::Data(&bytes[start..i]));
                    segments.push(Segment::Fnc1);
                    start = i + 1;
                }
            }
            segments.push(Segment::Data(&bytes[start..]));
            let ours = DataMatrix::encode(&segments, &Options::with_size(policy))
                .unwrap_or_else(|e| panic!("{items:?}: {e}"));
            let decoded = reference_decoder::decode(ours.data_codewords()).unwrap_or_else(|| {
                panic!(
                    "{items:?}: our codewords {:?} do not decode",
                    ours.data_codewords()
                )
            });
            assert_eq!(
                (decoded.fnc1_first, &decoded.items[..]),
                (fnc1_first, body),
                "{items:?}: {:?}",
                ours.data_codewords()
            );
            strings += 1;
            // Sizes smaller than ours: can any encodation fit one of them?
            let smaller: Vec<SymbolSize> = sizes
                .iter()
                .copied()
                .filter(|s| s.area() < ours.size().area())
                .collect();
            let Some(limit) = smaller.iter().map(|s| s.data_codewords()).max() else {
                continue;
            };
            let mut header = Vec::new();
            if fnc1_first {
                header.push(232);
            }
            let mut found: Option<(SymbolSize, Vec<u8>)> = None;
            let mut emit = |stream: &[u8]| {
                streams += 1;
                for &size in &smaller {
                    if stream.len() <= size.data_codewords() && found.is_none() {
                        let cw = padded(stream, size.data_codewords());
                        if let Some(d) = reference_decoder::decode(&cw) {
                            if d.fnc1_first == fnc1_first && d.items == body {
                                found = Some((size, cw));
                            }
                        }
                    }
                }
            };
            let mut search = Search {
                items: body,
                limit,
                emit: &mut emit,
            };
            search.go(0, Mode::Ascii, false, vec![], header);
            if let Some((size, cw)) = found {
                panic!(
                    "{items:?}: brute force fits {size} with {cw:?}; ours {} with {:?}",
                    ours.size(),
                    ours.data_codewords()
                );
            }
        }
    }
    (strings, streams)
}

#[test]
fn never_larger_than_brute_force_short() {
    // About 4 s in a debug build (37,448 strings).
    let (strings, streams) = check_all(5);
    println!(
        "datamatrix exhaustive (length <= 5): {strings}/{strings} never larger than the best of {streams} brute-force encodations"
    );
}

/// Length 6 (299,592 strings): `cargo test --release -p serialkit-symbology
/// --test exhaustive -- --ignored --nocapture`; the last run's output is in
/// `exhaustive-length6.last.txt`.
#[test]
#[ignore = "lengths up to 6: run in release mode (see exhaustive-length6.last.txt)"]
fn never_larger_than_brute_force_long() {
    let started = std::time::Instant::now();
    let (strings, streams) = check_all(6);
    println!(
        "datamatrix exhaustive (length <= 6): {strings}/{strings} never larger than the best of {streams} brute-force encodations ({:.1} s)",
        started.elapsed().as_secs_f64()
    );
}
