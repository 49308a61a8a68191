//! Code 128 and GS1-128 (ISO/IEC 15417): code sets A, B and C with the
//! fewest symbol characters, FNC1 in first position and as GS1 separator,
//! FNC4 for bytes above 127, bar/space widths for printing.
//!
//! ```
//! use serialkit_symbology::code128::{Code128, Options};
//!
//! let c = Code128::encode_gs1("^010952123454321310ABC", &Options::default())?;
//! assert_eq!(c.grid().symbology_identifier().to_string(), "]C1");
//! assert_eq!(c.width_modules(), 189);
//! # Ok::<(), serialkit_symbology::code128::EncodeError>(())
//! ```
//!
//! # Minimal encodation
//! A dynamic program over (position, code set, extended-ASCII state) with
//! the cost of every latch (Code A/B/C, FNC4 FNC4), shift and per-character
//! FNC4 finds the fewest symbol characters. Ties are broken in the order C,
//! B, A (as zint does), so the symbol values match zint's wherever its
//! encoder is also minimal.

#[cfg(feature = "hri")]
pub mod hri;

use crate::grid::{ModuleGrid, SymbologyIdentifier};
use crate::input::{Gs1Message, Gs1MessageError, Segment};

/// Symbol character value of Start A / Start B / Start C.
pub const START_A: u8 = 103;
/// Start B.
pub const START_B: u8 = 104;
/// Start C.
pub const START_C: u8 = 105;
/// Stop.
pub const STOP: u8 = 106;
/// FNC1 (in every code set).
pub const FNC1: u8 = 102;
const SHIFT: u8 = 98;
const CODE_C: u8 = 99;
const CODE_B_OR_FNC4: u8 = 100;
const CODE_A_OR_FNC4: u8 = 101;

/// Bar/space widths (in modules) of symbol characters 0–105, one hex digit
/// per element, bar first (ISO/IEC 15417 Table 1).
static PATTERNS: [u32; 106] = [
    0x212222, 0x222122, 0x222221, 0x121223, 0x121322, 0x131222, 0x122213, 0x122312, 0x132212,
    0x221213, 0x221312, 0x231212, 0x112232, 0x122132, 0x122231, 0x113222, 0x123122, 0x123221,
    0x223211, 0x221132, 0x221231, 0x213212, 0x223112, 0x312131, 0x311222, 0x321122, 0x321221,
    0x312212, 0x322112, 0x322211, 0x212123, 0x212321, 0x232121, 0x111323, 0x131123, 0x131321,
    0x112313, 0x132113, 0x132311, 0x211313, 0x231113, 0x231311, 0x112133, 0x112331, 0x132131,
    0x113123, 0x113321, 0x133121, 0x313121, 0x211331, 0x231131, 0x213113, 0x213311, 0x213131,
    0x311123, 0x311321, 0x331121, 0x312113, 0x312311, 0x332111, 0x314111, 0x221411, 0x431111,
    0x111224, 0x111422, 0x121124, 0x121421, 0x141122, 0x141221, 0x112214, 0x112412, 0x122114,
    0x122411, 0x142112, 0x142211, 0x241211, 0x221114, 0x413111, 0x241112, 0x134111, 0x111242,
    0x121142, 0x121241, 0x114212, 0x124112, 0x124211, 0x411212, 0x421112, 0x421211, 0x212141,
    0x214121, 0x412121, 0x111143, 0x111341, 0x131141, 0x114113, 0x114311, 0x411113, 0x411311,
    0x113141, 0x114131, 0x311141, 0x411131, 0x211412, 0x211214, 0x211232,
];

/// The stop pattern with its final bar: 2 3 3 1 1 1 2 (13 modules).
const STOP_PATTERN: u32 = 0x2331112;

/// The modules of symbol characters 0–106 (106: the stop with its final
/// bar), bit k = module k from the left, 1 = bar: drawing then places 11
/// (or 13) modules with one shift instead of one module at a time.
static MODULE_BITS: [u16; 107] = {
    let mut t = [0u16; 107];
    let mut v = 0;
    while v < 107 {
        let (pattern, n) = if v == STOP as usize {
            (STOP_PATTERN, 7)
        } else {
            (PATTERNS[v], 6)
        };
        let (mut x, mut e) = (0, 0);
        while e < n {
            let w = pattern >> (4 * (n - 1 - e)) & 0xF;
            // Elements alternate bar, space, starting with a bar.
            if e % 2 == 0 {
                t[v] |= (((1u32 << w) - 1) << x) as u16;
            }
            x += w;
            e += 1;
        }
        v += 1;
    }
    t
};

/// Most data characters a GS1-128 symbol may carry (GS1 General
/// Specifications §5.4.4.3), counting separator FNC1s.
pub const GS1_MAX_CHARACTERS: usize = 48;

/// Encoder options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// Bar height in modules of the grid the symbol renders from (the
    /// module grid repeats the one row of bars this many times).
    pub height: usize,
    /// Enforce the GS1-128 limit of 48 data characters (on by default;
    /// off only for applications that knowingly exceed it).
    pub gs1_length_limit: bool,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            height: 50,
            gs1_length_limit: true,
        }
    }
}

/// Why data could not be encoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EncodeError {
    /// A GS1-128 message longer than 48 characters.
    #[error(
        "GS1-128 holds at most {GS1_MAX_CHARACTERS} data characters (separators included), got {characters}"
    )]
    Gs1TooLong {
        /// Characters of the message (data and separator FNC1s).
        characters: usize,
    },
    /// Nothing to encode.
    #[error("no data to encode")]
    Empty,
    /// Malformed GS1 `^` message.
    #[error("GS1 message: {0}")]
    Gs1(#[from] Gs1MessageError),
    /// ECI is not part of Code 128.
    #[error("Code 128 has no ECI (segment {index})")]
    Eci {
        /// Index of the segment.
        index: usize,
    },
    /// A GS1 element string with a 2D composite part.
    #[error("a GS1 composite (2D component) cannot be carried by GS1-128 alone")]
    Composite,
    /// An X-dimension of zero dots.
    #[error("the X-dimension must be at least 1 dot")]
    XDimension,
    /// A bar width reduction that would leave a one-module bar no width.
    #[error(
        "bar width reduction of {reduction} dots must be less than the X-dimension of {x} dots"
    )]
    BarWidthReduction {
        /// X-dimension in dots.
        x: u32,
        /// Reduction in dots.
        reduction: u32,
    },
}

/// One unit of input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Item {
    Byte(u8),
    Fnc1,
}

/// An encoded Code 128 / GS1-128 symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Code128 {
    /// The symbol character values, then the transmitted data (one
    /// allocation for both).
    bytes: Vec<u8>,
    /// Where the transmitted data starts in `bytes`.
    text_at: usize,
    gs1: bool,
    grid: ModuleGrid,
}

impl Code128 {
    /// Encodes bytes (ISO/IEC 8859-1; bytes above 127 use FNC4).
    pub fn encode_bytes(data: &[u8], options: &Options) -> Result<Self, EncodeError> {
        Self::encode(&[Segment::Data(data)], options)
    }

    /// Encodes a GS1 message in `^` notation as GS1-128 (`]C1`).
    pub fn encode_gs1(message: &str, options: &Options) -> Result<Self, EncodeError> {
        let message = Gs1Message::parse(message.as_bytes())?;
        let bytes = &message.as_bytes()[1..];
        // Messages within the GS1-128 limit need no allocation for this.
        let mut inline = [Item::Fnc1; GS1_MAX_CHARACTERS];
        let mut heap = Vec::new();
        let items = if bytes.len() <= inline.len() {
            &mut inline[..bytes.len()]
        } else {
            heap.resize(bytes.len(), Item::Fnc1);
            &mut heap[..]
        };
        for (item, &b) in items.iter_mut().zip(bytes) {
            *item = if b == b'^' { Item::Fnc1 } else { Item::Byte(b) };
        }
        Self::encode_items(items, true, options)
    }

    /// Encodes a validated GS1 element string as GS1-128.
    #[cfg(feature = "gs1")]
    pub fn encode_element_string(
        element_string: &serialkit_gs1::ElementString<'_>,
        options: &Options,
    ) -> Result<Self, EncodeError> {
        if element_string.composite_index().is_some() {
            return Err(EncodeError::Composite);
        }
        Self::encode_gs1(
            &element_string.to_message(serialkit_gs1::Fnc1Notation::Caret),
            options,
        )
    }

    /// Encodes segments; a leading [`Segment::Fnc1`] makes GS1-128, later
    /// ones are FNC1 characters (GS1 separators).
    pub fn encode(segments: &[Segment<'_>], options: &Options) -> Result<Self, EncodeError> {
        let mut items = Vec::new();
        let mut gs1 = false;
        for (k, s) in segments.iter().enumerate() {
            match *s {
                Segment::Fnc1 if k == 0 => gs1 = true,
                Segment::Fnc1 => items.push(Item::Fnc1),
                Segment::Data(d) => items.extend(d.iter().map(|&b| Item::Byte(b))),
                Segment::Eci(_) => return Err(EncodeError::Eci { index: k }),
            }
        }
        Self::encode_items(&items, gs1, options)
    }

    fn encode_items(items: &[Item], gs1: bool, options: &Options) -> Result<Self, EncodeError> {
        // FNC1s alone (a GS1-128 with no element) carry no data either.
        if !items.iter().any(|i| matches!(i, Item::Byte(_))) {
            return Err(EncodeError::Empty);
        }
        if gs1 && options.gs1_length_limit && items.len() > GS1_MAX_CHARACTERS {
            return Err(EncodeError::Gs1TooLong {
                characters: items.len(),
            });
        }
        // Room for the values of most inputs (about one a character or
        // fewer) and the text.
        let mut bytes = Vec::with_capacity(2 * items.len() + 8);
        plan_values(items, gs1, &mut bytes);
        let check = checksum(&bytes);
        bytes.push(check);
        bytes.push(STOP);
        let text_at = bytes.len();
        bytes.extend(items.iter().map(|it| match *it {
            Item::Byte(b) => b,
            Item::Fnc1 => 0x1D,
        }));
        let id = if gs1 {
            SymbologyIdentifier::GS1_128
        } else {
            SymbologyIdentifier::CODE_128
        };
        let grid = draw(&bytes[..text_at], options.height.max(1), id);
        Ok(Self {
            bytes,
            text_at,
            gs1,
            grid,
        })
    }

    /// Symbol character values from the start character to the check
    /// character and stop (106).
    pub fn values(&self) -> &[u8] {
        &self.bytes[..self.text_at]
    }

    /// Whether this is GS1-128.
    pub fn is_gs1(&self) -> bool {
        self.gs1
    }

    /// The data a reader transmits after `]C0`/`]C1` (separators as GS).
    pub fn transmitted(&self) -> &[u8] {
        &self.bytes[self.text_at..]
    }

    /// Width in modules without quiet zones: 11 per symbol character, 13
    /// for the stop.
    pub fn width_modules(&self) -> usize {
        11 * (self.values().len() - 1) + 13
    }

    /// Bar and space widths in modules, starting with a bar and ending with
    /// the final bar of the stop character.
    pub fn element_widths(&self) -> Vec<u8> {
        let mut out = Vec::with_capacity(6 * self.values().len() + 1);
        for &v in self.values() {
            let (pattern, n) = if v == STOP {
                (STOP_PATTERN, 7)
            } else {
                (PATTERNS[v as usize], 6)
            };
            for k in (0..n).rev() {
                out.push((pattern >> (4 * k) & 0xF) as u8);
            }
        }
        out
    }

    /// Element widths in printer dots for an X-dimension of `x_dots` with
    /// bars `reduction_dots` narrower (and spaces as much wider), the usual
    /// compensation for ink spread: bar, space, bar, … Leading edges stay
    /// on the module grid; the symbol ends `reduction_dots` early (its last
    /// element is a bar).
    pub fn print_widths(&self, x_dots: u32, reduction_dots: u32) -> Result<Vec<u32>, EncodeError> {
        if x_dots == 0 {
            return Err(EncodeError::XDimension);
        }
        if reduction_dots >= x_dots {
            return Err(EncodeError::BarWidthReduction {
                x: x_dots,
                reduction: reduction_dots,
            });
        }
        Ok(self
            .element_widths()
            .iter()
            .enumerate()
            .map(|(i, &w)| {
                let dots = w as u32 * x_dots;
                if i % 2 == 0 {
                    dots - reduction_dots
                } else {
                    dots + reduction_dots
                }
            })
            .collect())
    }

    /// The module grid: the row of bars repeated `Options::height` times
    /// (stored once; quiet zone 10 modules, which renderers add).
    pub fn grid(&self) -> &ModuleGrid {
        &self.grid
    }

    /// The module grid, consuming the symbol.
    pub fn into_grid(self) -> ModuleGrid {
        self.grid
    }

    /// The human-readable interpretation: for GS1-128 the AIs in
    /// parentheses (`(01) 09521234543213 (10) ABC`), otherwise the data
    /// with control characters shown as spaces.
    pub fn hri_text(&self) -> String {
        if self.gs1 {
            return gs1_hri(self.transmitted());
        }
        self.transmitted()
            .iter()
            .map(|&b| {
                if b < 0x20 || b == 0x7F {
                    ' '
                } else {
                    b as char
                }
            })
            .collect()
    }

    /// The one row of modules (`true` = bar).
    pub fn modules(&self) -> Vec<bool> {
        self.grid.row(0).iter().map(|b| *b).collect()
    }
}

/// GS1 HRI of a transmitted GS1 message (separators as GS).
fn gs1_hri(transmitted: &[u8]) -> String {
    #[cfg(feature = "gs1")]
    {
        let mut message = Vec::with_capacity(transmitted.len() + 1);
        message.push(0x1D);
        message.extend_from_slice(transmitted);
        let options = serialkit_gs1::Options::default()
            .check_requisites(false)
            .permit_unknown_ais(true);
        if let Ok(es) = serialkit_gs1::ElementString::parse_message(&message, &options) {
            return es.hri().join(" ");
        }
    }
    // Without the AI table the fields can still be shown, unbracketed.
    transmitted
        .iter()
        .map(|&b| if b == 0x1D { ' ' } else { b as char })
        .collect()
}

/// The check character: start value plus position-weighted values, mod 103.
fn checksum(values: &[u8]) -> u8 {
    let sum: u32 = values
        .iter()
        .enumerate()
        .map(|(i, &v)| v as u32 * (i as u32).max(1))
        .sum();
    (sum % 103) as u8
}

fn draw(values: &[u8], height: usize, id: SymbologyIdentifier) -> ModuleGrid {
    let width = 11 * (values.len() - 1) + 13;
    let mut words = Vec::with_capacity(width.div_ceil(64));
    // The row, a symbol character's 11 (or 13) modules at a time, collected
    // in `acc` (its low `filled` bits) and stored a word at a time.
    let (mut acc, mut filled) = (0u64, 0usize);
    for &v in values {
        let bits = u64::from(MODULE_BITS[v as usize]);
        let len = if v == STOP { 13 } else { 11 };
        acc |= bits << filled;
        filled += len;
        if filled >= 64 {
            words.push(acc);
            filled -= 64;
            // The bits that did not fit (none when the word ended exactly).
            acc = if filled == 0 {
                0
            } else {
                bits >> (len - filled)
            };
        }
    }
    if filled > 0 {
        words.push(acc);
    }
    // Every row is the same: the grid stores it once.
    ModuleGrid::repeated_row(width, height, words, 10, id)
}

// Code set states: A, B or C, each with the extended-ASCII (FNC4 latched)
// flag off (0) or on (1). START is "before the start character".
const A0: usize = 0;
const B0: usize = 1;
const C0: usize = 2;
const A1: usize = 3;
const B1: usize = 4;
const C1: usize = 5;
const START: usize = 6;
const STATES: usize = 6;

const fn is_a(s: usize) -> bool {
    s == A0 || s == A1
}
const fn is_c(s: usize) -> bool {
    s == C0 || s == C1
}
const fn is_ext(s: usize) -> bool {
    s >= A1
}

/// The cost of a latch that cannot be made, or of a character a state
/// cannot write; candidates add it with saturation, so it stays itself
/// and never compares below a real cost.
const IMPOSSIBLE: u32 = u32::MAX;

/// Width of the per-state cost arrays: states 0–6 and one unused, so that
/// indexing with `s & 7` needs no bounds check.
const W: usize = 8;

/// Symbol characters that switch from state `from` to `to` (ISO/IEC 15417
/// latches: Code A/B/C, and FNC4 FNC4 to toggle extended ASCII, which is
/// written in A or B only).
fn latch(from: usize, to: usize, gs1: bool, out: &mut Vec<u8>) {
    if from == to {
        return;
    }
    if from == START {
        let start = match to {
            A0 | A1 => START_A,
            B0 | B1 => START_B,
            _ => START_C,
        };
        out.push(start);
        if gs1 {
            // FNC1 in first position, right after the start character.
            out.push(FNC1);
        }
        if is_ext(to) && !is_c(to) {
            let fnc4 = if is_a(to) {
                CODE_A_OR_FNC4
            } else {
                CODE_B_OR_FNC4
            };
            out.extend([fnc4, fnc4]);
        }
        return;
    }
    let fnc4_in = |set: usize| {
        if is_a(set) {
            CODE_A_OR_FNC4
        } else {
            CODE_B_OR_FNC4
        }
    };
    let toggle = is_ext(from) != is_ext(to);
    // Extended mode toggles with FNC4 FNC4, which exists in A and B only:
    // before a latch to C, in the set being left; otherwise after the
    // latch, in the new set.
    if toggle && is_c(to) {
        out.extend([fnc4_in(from), fnc4_in(from)]);
    }
    // Code A is 101 and Code B 100 wherever they exist, Code C always 99.
    if from % 3 != to % 3 {
        out.push(match to {
            A0 | A1 => CODE_A_OR_FNC4,
            B0 | B1 => CODE_B_OR_FNC4,
            _ => CODE_C,
        });
    }
    if toggle && !is_c(to) {
        out.extend([fnc4_in(to), fnc4_in(to)]);
    }
}

/// Cost of [`latch`], `IMPOSSIBLE` for C0 ↔ C1 (the extended state cannot
/// change inside code set C).
const fn latch_cost(from: usize, to: usize, gs1: bool) -> u32 {
    if from == to {
        return 0;
    }
    if from == START {
        if to == C1 {
            return IMPOSSIBLE;
        }
        let ext = if is_ext(to) && !is_c(to) { 2 } else { 0 };
        return 1 + gs1 as u32 + ext;
    }
    if is_c(from) && is_c(to) {
        return IMPOSSIBLE;
    }
    let set = (from % 3 != to % 3) as u32;
    // FNC4 FNC4 toggles extended mode, in A or B (before a latch to C).
    let ext = if is_ext(from) != is_ext(to) { 2 } else { 0 };
    set + ext
}

/// [`latch_cost`] for every (from, to), without and with GS1 (the FNC1
/// after the start character counts once).
static LATCH_COSTS: [[[u32; W]; W]; 2] = {
    let mut t = [[[IMPOSSIBLE; W]; W]; 2];
    let mut g = 0;
    while g < 2 {
        let mut from = 0;
        while from <= STATES {
            let mut to = 0;
            while to <= STATES {
                t[g][from][to] = latch_cost(from, to, g == 1);
                to += 1;
            }
            from += 1;
        }
        g += 1;
    }
    t
};

/// Extra characters to write data byte `b` in A or B state `s`: a shift
/// when the byte is in the other set, an FNC4 when its high bit differs
/// from the extended state.
fn char_extras(s: usize, b: u8) -> (bool, bool) {
    let low = b & 0x7F;
    let shift = if is_a(s) { low >= 96 } else { low < 32 };
    let fnc4 = (b >= 128) != is_ext(s);
    (shift, fnc4)
}

/// The dynamic program over the first `N` states of `priority` (the
/// tie-breaking order): fills `choice` (one row per item) and returns the
/// fewest characters from the start character on.
fn fill_choices<const N: usize>(
    items: &[Item],
    priority: &[usize; STATES],
    latch_costs: &[[u32; W]; W],
    choice: &mut [[u8; W]],
) -> u32 {
    let priority: [usize; N] = std::array::from_fn(|k| priority[k] & 7);
    let n = items.len();
    // Fewest characters to encode items[i..] when the state before item i
    // is `prior`: only rows i + 1 and i + 2 are read, so they roll (row n
    // is all zeros: nothing left to encode).
    // Row i lives at rows[i % 3]; moving rows instead (element-wise stores
    // read back as whole vectors) stalls on store forwarding.
    let mut rows = [[0u32; W]; 3];
    // What items[i..] cost when item i is written in state s (the latch
    // into s aside): the same for every prior state, so worked out once.
    let via = |i: usize, next: &[u32; W], after: &[u32; W]| {
        let mut via = [IMPOSSIBLE; W];
        for s in priority {
            via[s] = match items[i] {
                Item::Fnc1 => 1 + next[s],
                Item::Byte(b) if is_c(s) => match items.get(i + 1) {
                    Some(Item::Byte(d)) if b.is_ascii_digit() && d.is_ascii_digit() => 1 + after[s],
                    _ => IMPOSSIBLE,
                },
                Item::Byte(b) => {
                    let (shift, fnc4) = char_extras(s, b);
                    1 + u32::from(shift) + u32::from(fnc4) + next[s]
                }
            };
        }
        via
    };
    // The best state after `prior`: strictly less, so the first state in
    // priority order wins ties (and an impossible candidate never wins).
    let best = |prior: usize, via: &[u32; W]| {
        let latch = &latch_costs[prior & 7];
        let mut best = (u32::MAX, 0usize);
        for s in priority {
            let c = latch[s].saturating_add(via[s]);
            if c < best.0 {
                best = (c, s);
            }
        }
        best
    };
    // Only states the data can use occur before item i > 0.
    for i in (1..n).rev() {
        let via = via(i, &rows[(i + 1) % 3], &rows[(i + 2) % 3]);
        let row = &mut rows[i % 3];
        for prior in priority {
            let (c, s) = best(prior, &via);
            row[prior] = c;
            choice[i][prior] = s as u8;
        }
    }
    // START only before item 0.
    let (c, s) = best(START, &via(0, &rows[1], &rows[2]));
    choice[0][START] = s as u8;
    c
}

/// The fewest symbol characters for `items` (start through last data
/// character, without check and stop), written into `out`.
fn plan_values(items: &[Item], gs1: bool, out: &mut Vec<u8>) {
    let n = items.len();
    // Which states can occur: as zint, A only for control characters, the
    // extended states only for bytes above 127; the order is the
    // tie-breaking priority.
    let mut have_a = false;
    let mut have_b = false;
    let mut have_c = false;
    let mut have_ext = false;
    for (i, it) in items.iter().enumerate() {
        if let Item::Byte(b) = *it {
            let low = b & 0x7F;
            have_a |= low < 32;
            have_b |= low >= 96;
            have_ext |= b >= 128;
            have_c |= b.is_ascii_digit()
                && matches!(items.get(i + 1), Some(Item::Byte(d)) if d.is_ascii_digit());
        }
    }
    let mut priority = [0usize; 6];
    let mut states = 0;
    let base = [(C0, have_c), (B0, have_b || !have_a), (A0, have_a)];
    for ext in [0, 3] {
        if ext == 3 && !have_ext {
            break;
        }
        for (s, on) in base {
            if on {
                priority[states] = s + ext;
                states += 1;
            }
        }
    }
    let latch_costs = &LATCH_COSTS[gs1 as usize];
    // choice[i][prior] is the state item i is written in when the state
    // before it is `prior`: on the stack for inputs within the GS1-128
    // limit.
    const INLINE: usize = GS1_MAX_CHARACTERS;
    let mut inline_choice = [[0u8; W]; INLINE];
    let mut heap_choice = Vec::new();
    let choice = if n <= INLINE {
        &mut inline_choice[..n]
    } else {
        heap_choice.resize(n, [0u8; W]);
        &mut heap_choice[..]
    };
    // One instance per number of states, so that the loops over states
    // unroll: the same program for each.
    let planned = match states {
        1 => fill_choices::<1>(items, &priority, latch_costs, choice),
        2 => fill_choices::<2>(items, &priority, latch_costs, choice),
        3 => fill_choices::<3>(items, &priority, latch_costs, choice),
        4 => fill_choices::<4>(items, &priority, latch_costs, choice),
        5 => fill_choices::<5>(items, &priority, latch_costs, choice),
        _ => fill_choices::<6>(items, &priority, latch_costs, choice),
    } as usize;
    debug_assert!(n > 0, "empty input is rejected before planning");
    let mut state = START;
    let mut i = 0;
    let before = out.len();
    while i < n {
        let s = choice[i][state] as usize;
        latch(state, s, gs1, out);
        state = s;
        match items[i] {
            Item::Fnc1 => {
                out.push(FNC1);
                i += 1;
            }
            Item::Byte(b) if is_c(s) => {
                let d = match items[i + 1] {
                    Item::Byte(d) => d,
                    Item::Fnc1 => b'0',
                };
                out.push((b - b'0') * 10 + (d - b'0'));
                i += 2;
            }
            Item::Byte(b) => {
                let (shift, fnc4) = char_extras(s, b);
                if fnc4 {
                    out.push(if is_a(s) {
                        CODE_A_OR_FNC4
                    } else {
                        CODE_B_OR_FNC4
                    });
                }
                if shift {
                    out.push(SHIFT);
                }
                let low = b & 0x7F;
                out.push(if low < 32 { low + 64 } else { low - 32 });
                i += 1;
            }
        }
    }
    // The writer must produce exactly what the cost model counted.
    debug_assert_eq!(out.len() - before, planned);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_annex_a_example() {
        // ISO/IEC 15417 Annex A.1: "AIM1234" → Start B, A I M, Code C, 12 34,
        // check 87.
        let c = Code128::encode_bytes(b"AIM1234", &Options::default()).unwrap();
        assert_eq!(c.values(), [104, 33, 41, 45, 99, 12, 34, 87, 106]);
        assert_eq!(c.width_modules(), 101);
    }

    #[test]
    fn extended_ascii_and_controls() {
        let c = Code128::encode_bytes(b"a\x01\xE9\xE9\xE9\xE9b", &Options::default()).unwrap();
        assert_eq!(c.values()[0], START_B);
        let widths = c.element_widths();
        assert_eq!(
            widths.iter().map(|&w| w as usize).sum::<usize>(),
            c.width_modules()
        );
    }

    #[test]
    fn gs1_limit() {
        let long = format!("^01095212345432131726123110{}", "A".repeat(40));
        assert!(matches!(
            Code128::encode_gs1(&long, &Options::default()),
            Err(EncodeError::Gs1TooLong { .. })
        ));
    }

    #[test]
    fn print_widths_keep_total() {
        let c = Code128::encode_bytes(b"1234567890", &Options::default()).unwrap();
        let w = c.print_widths(4, 1).unwrap();
        assert_eq!(w.iter().sum::<u32>() as usize, 4 * c.width_modules() - 1);
        assert_eq!(
            c.print_widths(2, 2).unwrap_err().to_string(),
            "bar width reduction of 2 dots must be less than the X-dimension of 2 dots"
        );
        assert_eq!(c.print_widths(0, 0), Err(EncodeError::XDimension));
    }

    /// The drawing the word-wise one replaced: module by module from the
    /// element widths, every row set separately.
    fn draw_reference(values: &[u8], height: usize) -> ModuleGrid {
        let width = 11 * (values.len() - 1) + 13;
        let mut grid = ModuleGrid::new(width, height, 10, SymbologyIdentifier::CODE_128);
        let mut x = 0;
        for &v in values {
            let (pattern, n) = if v == STOP {
                (STOP_PATTERN, 7)
            } else {
                (PATTERNS[v as usize], 6)
            };
            for e in 0..n {
                let w = (pattern >> (4 * (n - 1 - e)) & 0xF) as usize;
                for m in x..x + w {
                    for y in 0..height {
                        grid.set(m, y, e % 2 == 0);
                    }
                }
                x += w;
            }
        }
        grid
    }

    #[test]
    fn word_wise_drawing_equals_module_by_module() {
        // Widths under a word, around word multiples (58 characters: 640
        // modules, exactly 10 words) and long; many heights.
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = |m: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % m) as u8
        };
        let mut checked = 0;
        for len in [2usize, 3, 5, 6, 7, 12, 20, 57, 58, 59, 64, 117] {
            for height in [1usize, 2, 3, 5, 7, 50, 64] {
                for _ in 0..4 {
                    let mut values: Vec<u8> = (0..len - 1).map(|_| next(106)).collect();
                    values.push(STOP);
                    let id = SymbologyIdentifier::CODE_128;
                    assert_eq!(
                        draw(&values, height, id),
                        draw_reference(&values, height),
                        "{values:?} height {height}"
                    );
                    checked += 1;
                }
            }
        }
        assert_eq!(checked, 12 * 7 * 4);
    }

    #[test]
    fn no_data_is_an_error() {
        let o = Options::default();
        assert_eq!(
            Code128::encode(&[Segment::Fnc1], &o),
            Err(EncodeError::Empty)
        );
        assert_eq!(
            Code128::encode(&[Segment::Fnc1, Segment::Fnc1], &o),
            Err(EncodeError::Empty)
        );
        assert_eq!(Code128::encode_bytes(b"", &o), Err(EncodeError::Empty));
    }
}
