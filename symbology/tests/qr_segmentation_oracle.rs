//! The QR segmentation is optimal: for every short string over a
//! mode-stressing alphabet, the encoder's bit stream is exactly as long as
//! the shortest segmentation a brute-force oracle finds.
//!
//! The oracle knows nothing of the encoder's per-character state machine:
//! it tries every way to cut the input into segments and every mode for
//! each segment, pricing a segment with the closed formulas of ISO/IEC
//! 18004 §7.4 (mode indicator + character count indicator + 10 bits per 3
//! digits (4/7 for a rest of 1/2), 11 per 2 alphanumerics (6 for one), 8
//! per byte, 13 per Kanji character), and keeps the cheapest. (Memoised
//! over the cut position: the cost of a segment does not depend on its
//! neighbours, so the minimum over all cuts is exact.)
//!
//! The alphabet: a digit, an upper- and a lower-case letter, `%`, space, a
//! Kanji character (Shift JIS 0x935F), a byte above 127 (0xE9, which with
//! a following letter is itself a Kanji pair), and in GS1 mode FNC1. Each
//! string is checked in all three character-count-length classes (versions
//! 5, 10, 27), plain, with Kanji mode allowed, with FNC1 in first position
//! (GS1: separator `%`, literal `%%`) and with FNC1 in second position. The
//! encoder's stream length is read back with the bit-stream parser
//! (`qr::parse`), which also checks the data comes back unchanged.
//!
//! Debug builds check every string up to 3 symbols and 300 random strings
//! of 4–10; `cargo test --release --test qr_segmentation_oracle --
//! --ignored` checks every string up to 5 symbols.
#![cfg(feature = "verify")]

use serialkit_symbology::Segment;
use serialkit_symbology::qr::parse::{SymbolKind, parse};
use serialkit_symbology::qr::{
    ApplicationIndicator, Mask, Options, QrCode, Version, VersionPolicy,
};

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum It {
    Byte(u8),
    Fnc1,
}

/// Alphabet symbols; the Kanji character is two items.
const SYMBOLS: [&[It]; 8] = [
    &[It::Byte(b'1')],
    &[It::Byte(b'A')],
    &[It::Byte(b'a')],
    &[It::Byte(b'%')],
    &[It::Byte(b' ')],
    &[It::Byte(0x93), It::Byte(0x5F)],
    &[It::Byte(0xE9)],
    &[It::Fnc1],
];

/// Character count indicator lengths (numeric, alphanumeric, byte, Kanji)
/// per class, ISO/IEC 18004 Table 3.
const COUNT_BITS: [[u32; 4]; 3] = [[10, 9, 8, 8], [12, 11, 16, 10], [14, 13, 16, 12]];

#[derive(Clone, Copy, Debug)]
enum Framing {
    Plain { kanji: bool },
    Gs1,
    Aim,
}

impl Framing {
    fn fnc1(self) -> bool {
        matches!(self, Framing::Gs1 | Framing::Aim)
    }
    fn kanji(self) -> bool {
        matches!(self, Framing::Plain { kanji: true })
    }
    /// Bits before the first segment: FNC1 in first position (4), in
    /// second position with its application indicator (4 + 8).
    fn prefix_bits(self) -> u32 {
        match self {
            Framing::Plain { .. } => 0,
            Framing::Gs1 => 4,
            Framing::Aim => 12,
        }
    }
}

const ALNUM: &[u8] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

/// Whether two bytes form a Kanji-mode character: Shift JIS 0x8140–0x9FFC
/// or 0xE040–0xEBBF, second byte 0x40–0xFC but not 0x7F (§7.4.6).
fn is_kanji(a: u8, b: u8) -> bool {
    let c = u16::from(a) << 8 | u16::from(b);
    (0x40..=0xFC).contains(&b)
        && b != 0x7F
        && ((0x8140..=0x9FFC).contains(&c) || (0xE040..=0xEBBF).contains(&c))
}

/// Bits of one segment of mode `m` (0 numeric, 1 alphanumeric, 2 byte, 3
/// Kanji) over `seg`, or `None` when the mode cannot carry it.
fn segment_bits(m: usize, seg: &[It], framing: Framing, count_bits: [u32; 4]) -> Option<u32> {
    let header = 4 + count_bits[m];
    let n = seg.len() as u32;
    match m {
        0 => seg
            .iter()
            .all(|it| matches!(it, It::Byte(b) if b.is_ascii_digit()))
            .then(|| header + 10 * (n / 3) + [0, 4, 7][(n % 3) as usize]),
        1 => {
            // Readers undouble `%%` from the left, so an FNC1 (`%`) followed
            // in the same segment by FNC1 or a literal `%` (`%%`) would read
            // back as a literal `%`: such a segment is not a valid encoding.
            let ambiguous = seg.windows(2).any(|w| {
                framing.fnc1() && w[0] == It::Fnc1 && matches!(w[1], It::Fnc1 | It::Byte(b'%'))
            });
            if ambiguous {
                return None;
            }
            let mut chars = 0;
            for it in seg {
                chars += match *it {
                    It::Fnc1 if framing.fnc1() => 1,
                    It::Byte(b'%') if framing.fnc1() => 2,
                    It::Byte(b) if ALNUM.contains(&b) => 1,
                    _ => return None,
                };
            }
            Some(header + 11 * (chars / 2) + 6 * (chars % 2))
        }
        // Under FNC1 the separator is GS in byte mode.
        2 => seg
            .iter()
            .all(|it| matches!(it, It::Byte(_)) || framing.fnc1())
            .then(|| header + 8 * n),
        _ => {
            let pairs_ok = framing.kanji()
                && n % 2 == 0
                && seg.chunks(2).all(|p| match p {
                    [It::Byte(a), It::Byte(b)] => is_kanji(*a, *b),
                    _ => false,
                });
            pairs_ok.then(|| header + 13 * (n / 2))
        }
    }
}

/// The fewest bits over all segmentations (with the FNC1 prefix).
fn oracle(items: &[It], framing: Framing, count_bits: [u32; 4]) -> u32 {
    let n = items.len();
    let mut best = vec![u32::MAX; n + 1];
    best[0] = 0;
    for end in 1..=n {
        for start in 0..end {
            if best[start] == u32::MAX {
                continue;
            }
            for m in 0..4 {
                if let Some(c) = segment_bits(m, &items[start..end], framing, count_bits) {
                    best[end] = best[end].min(best[start] + c);
                }
            }
        }
    }
    best[n] + framing.prefix_bits()
}

/// Encodes at a fixed version and returns the bit-stream length the parser
/// finds, after checking the data reads back unchanged.
fn encoder_bits(items: &[It], framing: Framing, version: Version) -> u32 {
    let bytes: Vec<u8> = items
        .iter()
        .map(|it| match it {
            It::Byte(b) => *b,
            It::Fnc1 => 0x1D,
        })
        .collect();
    // Segments: FNC1 items become Segment::Fnc1 separators.
    let mut segments = Vec::new();
    if matches!(framing, Framing::Gs1) {
        segments.push(Segment::Fnc1);
    }
    let mut start = 0;
    for (i, it) in items.iter().enumerate() {
        if *it == It::Fnc1 {
            if start < i {
                segments.push(Segment::Data(&bytes[start..i]));
            }
            segments.push(Segment::Fnc1);
            start = i + 1;
        }
    }
    if start < items.len() {
        segments.push(Segment::Data(&bytes[start..]));
    }
    let mut options = Options::default();
    options.version = VersionPolicy::Fixed(version);
    options.mask = Mask::new(0);
    options.kanji = framing.kanji();
    if matches!(framing, Framing::Aim) {
        options.fnc1_second = ApplicationIndicator::digits(37);
    }
    let qr = QrCode::encode(&segments, &options)
        .unwrap_or_else(|e| panic!("{items:?} {framing:?} v{version}: {e}"));
    let parsed = parse(SymbolKind::Qr(version), qr.ecc(), qr.data_codewords())
        .unwrap_or_else(|e| panic!("{items:?} {framing:?} v{version}: {e}"));
    let mut expected = Vec::new();
    if matches!(framing, Framing::Aim) {
        expected.extend_from_slice(b"37");
    }
    expected.extend_from_slice(&bytes);
    assert_eq!(
        parsed.transmitted(),
        expected,
        "{items:?} {framing:?} v{version}"
    );
    parsed.bits as u32
}

fn framings(items: &[It]) -> Vec<Framing> {
    if items.first() == Some(&It::Fnc1) {
        // A leading FNC1 segment is FNC1 in first position in the API, so
        // a separator first is only expressible in GS1 mode.
        vec![Framing::Gs1]
    } else if items.contains(&It::Fnc1) {
        vec![Framing::Gs1, Framing::Aim]
    } else {
        vec![
            Framing::Plain { kanji: false },
            Framing::Plain { kanji: true },
            Framing::Gs1,
            Framing::Aim,
        ]
    }
}

/// Checks one string in every class and framing; returns the cases.
fn check(items: &[It]) -> usize {
    if !items.iter().any(|i| matches!(i, It::Byte(_))) {
        // Separators alone are no data (EncodeError::Empty).
        return 0;
    }
    let mut cases = 0;
    for framing in framings(items) {
        for (class, v) in [5u8, 10, 27].into_iter().enumerate() {
            let version = Version::new(v).unwrap();
            let want = oracle(items, framing, COUNT_BITS[class]);
            let got = encoder_bits(items, framing, version);
            assert_eq!(
                got, want,
                "{items:?} {framing:?} version {v}: encoder {got} bits, optimum {want}"
            );
            cases += 1;
        }
    }
    cases
}

fn every_string_up_to(len: usize) -> usize {
    let mut cases = 0;
    let mut strings = 0;
    let mut digits = vec![0usize; len];
    for l in 1..=len {
        digits.truncate(0);
        digits.resize(l, 0);
        loop {
            let items: Vec<It> = digits
                .iter()
                .flat_map(|&d| SYMBOLS[d].iter().copied())
                .collect();
            cases += check(&items);
            strings += 1;
            // Next string in base SYMBOLS.len().
            let mut k = 0;
            while k < l {
                digits[k] += 1;
                if digits[k] < SYMBOLS.len() {
                    break;
                }
                digits[k] = 0;
                k += 1;
            }
            if k == l {
                break;
            }
        }
    }
    println!(
        "qr_segmentation_oracle: {strings} strings up to {len} symbols, {cases} cases, encoder optimal in all"
    );
    cases
}

#[test]
fn every_short_string_is_optimal() {
    assert!(every_string_up_to(3) > 5000);
}

#[test]
fn random_longer_strings_are_optimal() {
    let mut state = 0x9E37_79B9_7F4A_7C15u64;
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    let mut cases = 0;
    for _ in 0..300 {
        let len = 4 + (next() % 7) as usize;
        // Runs of one symbol make digit groups and alphanumeric pairs long
        // enough for mode switches to pay.
        let mut items = Vec::new();
        while items.len() < len {
            let s = SYMBOLS[(next() % SYMBOLS.len() as u64) as usize];
            for _ in 0..1 + next() % 4 {
                items.extend_from_slice(s);
            }
        }
        cases += check(&items);
    }
    println!(
        "qr_segmentation_oracle: 300 random strings of 4-10+ symbols, {cases} cases, encoder optimal in all"
    );
}

#[test]
#[ignore = "every string up to 5 symbols: run in release"]
fn every_string_up_to_five_is_optimal() {
    every_string_up_to(5);
}
