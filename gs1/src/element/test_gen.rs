//! Random element strings for the tests that hold the parsers' fast paths
//! against their general code: mostly well-formed elements of real AIs
//! (check digits right half the time), with wrong lengths, stray bytes,
//! missing or doubled separators, unknown AIs and composite separators
//! mixed in. Deterministic (xorshift), so a failure always reproduces.

use crate::ai::{self, Charset};
use crate::check_digit::{CSET82_ORDERED, mod10};
use crate::element::ElementString;
use crate::error::Errors;
use crate::lint::Linter;

/// A xorshift generator.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    /// A number below `n`.
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub(crate) fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Bytes that end, break or escape values somewhere, and bytes outside
/// every character set.
const STRAY: &[u8] = b"^\x1d|()[]\\# =\x80\xc3\xa9\xff0A";

/// One element's AI and value as text, then (sometimes) a separator, in
/// the framed form: `fnc1` is the separator byte to use. Unless `damage`,
/// the AI is known and the value has a good length, characters, check
/// digit and date (other linters may still fail it).
/// Returns the length of the AI written.
pub(crate) fn element(rng: &mut Rng, fnc1: u8, damage: bool, out: &mut Vec<u8>) -> usize {
    let table = ai::table();
    let spec = &table[rng.below(table.len())];
    let ai_start = out.len();
    match if damage { rng.below(40) } else { 2 } {
        // An AI the dictionary lacks, of a plausible length.
        0 => out.extend_from_slice([&b"99"[..], b"235", b"8999", b"23", b"4199"][rng.below(5)]),
        1 => out.push(STRAY[rng.below(STRAY.len())]),
        _ => out.extend_from_slice(spec.ai.as_bytes()),
    }
    let ai_len = out.len() - ai_start;
    for c in spec.components {
        if c.optional && rng.chance(30) {
            break;
        }
        let (min, max) = (usize::from(c.min), usize::from(c.max));
        let len = match if damage { rng.below(10) } else { 3 } {
            0 => min.saturating_sub(1),
            1 => max + 1,
            2 => max,
            _ => min + rng.below(max - min + 1),
        };
        let start = out.len();
        for _ in 0..len {
            let b = match c.charset {
                Charset::N => b'0' + rng.below(10) as u8,
                _ => CSET82_ORDERED[rng.below(CSET82_ORDERED.len())],
            };
            out.push(b);
        }
        if len > 1 && c.linters.contains(&Linter::Csum) && (!damage || rng.chance(50)) {
            let end = out.len();
            if let Some(d) = mod10(&out[start..end - 1]) {
                out[end - 1] = d;
            }
        }
        let date = c.linters.contains(&Linter::Yymmd0) || c.linters.contains(&Linter::Yymmdd);
        if date && len == 6 && (!damage || rng.chance(50)) {
            // Day 01-28 of any month of any year.
            let month = 1 + rng.below(12);
            let day = 1 + rng.below(28);
            out[start + 2..start + 6].copy_from_slice(format!("{month:02}{day:02}").as_bytes());
        }
        if damage && len > 0 && rng.chance(8) {
            let at = start + rng.below(len);
            out[at] = STRAY[rng.below(STRAY.len())];
        }
    }
    let separator = if spec.fnc1_required() { 70 } else { 10 };
    if rng.chance(separator) {
        out.push(fnc1);
        if rng.chance(3) {
            out.push(fnc1);
        }
    }
    if rng.chance(4) {
        out.push(b'|');
        if rng.chance(80) {
            out.push(fnc1);
        }
    }
    ai_len
}

/// A parse's result, comparable: each element with its spans, and the
/// composite index; or the errors.
pub(crate) fn outcome(r: Result<ElementString<'_>, Errors>) -> Result<Vec<String>, Errors> {
    r.map(|es| {
        es.elements()
            .iter()
            .map(|e| format!("{e:?} {:?} {}", e.span(), e.value_start()))
            .chain([format!("{:?}", es.composite_index())])
            .collect()
    })
}
