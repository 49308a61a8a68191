//! DataMatrix data encodation (ISO/IEC 16022 §5.2): the six modes and a
//! minimal encoder that minimises the final symbol, not just the codeword
//! count.
//!
//! # How the minimum is found
//!
//! A shortest-path search runs over (input position, mode state). The state
//! records what is pending inside the current mode: C40, Text and X12 pack
//! three values into two codewords, so their state is the number of values
//! (0–2) waiting for a triple; EDIFACT packs four values into three
//! codewords (0–3 pending); Base 256 tracks its segment length (its length
//! field grows to two bytes past 249). Costs are charged when a group
//! completes, so every cost is an exact codeword count.
//!
//! What a plain codeword count misses is the end of the data. ISO/IEC 16022
//! lets the last codewords be cheaper when the symbol is exactly full:
//!
//! * C40/Text/X12 need no unlatch (254) when the data ends on a triple
//!   boundary and the symbol is full;
//! * when one symbol character is left and the rest of the data is one
//!   ASCII codeword (a character or a digit pair), it is written in ASCII
//!   without unlatch;
//! * C40/Text with two values pending and two symbol characters left pad the
//!   triple with Shift 1 and need no unlatch;
//! * EDIFACT with at most two symbol characters left switches to ASCII
//!   implicitly, so a tail of up to two ASCII codewords needs no unlatch;
//! * a final Base 256 field that fills the symbol can use length 0 ("to the
//!   end"), saving the second length byte.
//!
//! Each of these "end configurations" has an effective cost `E` such that it
//! fits a symbol of capacity `C` exactly when `E <= C` (with room to spare,
//! the encoder writes the unlatch it could omit when full). The encoder
//! takes the minimum `E` over all end configurations and picks the smallest
//! allowed symbol with `C >= E`, then writes the codewords for that
//! capacity. zint's minimal mode always counts the unlatch and so sometimes
//! picks a size too large.

use super::symbol_size::SymbolSize;

/// One unit of input after headers are split off.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    Byte(u8),
    Fnc1,
    Eci(u32),
}

// Latch and special codewords (ISO/IEC 16022 table 2).
pub(crate) const PAD: u8 = 129;
pub(crate) const LATCH_C40: u8 = 230;
pub(crate) const LATCH_BASE256: u8 = 231;
pub(crate) const FNC1: u8 = 232;
pub(crate) const STRUCTURED_APPEND: u8 = 233;
pub(crate) const READER_PROGRAMMING: u8 = 234;
pub(crate) const UPPER_SHIFT: u8 = 235;
pub(crate) const MACRO_05: u8 = 236;
pub(crate) const MACRO_06: u8 = 237;
pub(crate) const LATCH_X12: u8 = 238;
pub(crate) const LATCH_TEXT: u8 = 239;
pub(crate) const LATCH_EDIFACT: u8 = 240;
pub(crate) const ECI: u8 = 241;
pub(crate) const UNLATCH: u8 = 254;
const EDIFACT_UNLATCH: u8 = 31;

// DP states.
const ASCII: usize = 0;
const C40: usize = 1; // 1..=3: values pending 0..=2
const TEXT: usize = 4; // 4..=6
const X12: usize = 7; // 7..=9
const EDIFACT: usize = 10; // 10..=13: values pending 0..=3
const BASE256: usize = 14;
/// ASCII again, restricted to paths whose codeword count is past the
/// positions where an FNC1 would read as "FNC1 in first/second position":
/// the cheapest ASCII path may be too short to place a separator there.
const ASCII_LATE: usize = 15;
const STATES: usize = 16;
const INF: u32 = u32::MAX / 2;

/// Codewords an ECI designator takes after its 241.
pub(crate) fn eci_len(eci: u32) -> u32 {
    match eci {
        0..=126 => 1,
        127..=16382 => 2,
        _ => 3,
    }
}

fn push_eci(out: &mut Vec<u8>, eci: u32) {
    out.push(ECI);
    match eci {
        0..=126 => out.push(eci as u8 + 1),
        127..=16382 => {
            let v = eci - 127;
            out.push((v / 254 + 128) as u8);
            out.push((v % 254 + 1) as u8);
        }
        _ => {
            let v = eci - 16383;
            out.push((v / 64516 + 192) as u8);
            out.push(((v / 254) % 254 + 1) as u8);
            out.push((v % 254 + 1) as u8);
        }
    }
}

/// ASCII codewords one item takes on its own (no digit pairing).
#[inline]
fn ascii_len(item: Item) -> u32 {
    match item {
        Item::Byte(b) if b >= 128 => 2,
        Item::Byte(_) | Item::Fnc1 => 1,
        Item::Eci(e) => 1 + eci_len(e),
    }
}

#[inline]
fn digit(item: Item) -> Option<u8> {
    match item {
        Item::Byte(b) if b.is_ascii_digit() => Some(b - b'0'),
        _ => None,
    }
}

/// C40 (`text == false`) or Text values of a byte or FNC1, into `out`;
/// returns how many (1–4).
fn c40_values(item: Item, text: bool, out: &mut [u8; 4]) -> usize {
    let (mut b, mut n) = match item {
        Item::Fnc1 => {
            *out = [1, 27, 0, 0];
            return 2;
        }
        Item::Byte(b) => (b, 0),
        Item::Eci(_) => return 0,
    };
    if b >= 128 {
        // Shift 2 + Upper Shift, then the value of b − 128.
        out[0] = 1;
        out[1] = 30;
        n = 2;
        b -= 128;
    }
    let basic = |v: u8, out: &mut [u8; 4], n: usize| {
        out[n] = v;
        n + 1
    };
    let shifted = |s: u8, v: u8, out: &mut [u8; 4], n: usize| {
        out[n] = s;
        out[n + 1] = v;
        n + 2
    };
    match b {
        b' ' => basic(3, out, n),
        b'0'..=b'9' => basic(b - b'0' + 4, out, n),
        b'A'..=b'Z' if !text => basic(b - b'A' + 14, out, n),
        b'a'..=b'z' if text => basic(b - b'a' + 14, out, n),
        0..=31 => shifted(0, b, out, n),
        33..=47 => shifted(1, b - 33, out, n),
        58..=64 => shifted(1, b - 58 + 15, out, n),
        91..=95 => shifted(1, b - 91 + 22, out, n),
        b'A'..=b'Z' => shifted(2, b - b'A' + 1, out, n), // Text Shift 3
        b'`' => shifted(2, 0, out, n),
        b'a'..=b'z' => shifted(2, b - b'a' + 1, out, n), // C40 Shift 3
        _ => shifted(2, b - 96, out, n),                 // { | } ~ DEL
    }
}

/// Number of C40/Text values, precomputed per byte (index 256 = FNC1).
struct ValueCounts {
    c40: [u8; 257],
    text: [u8; 257],
}

const fn value_counts() -> ValueCounts {
    let mut c40 = [0u8; 257];
    let mut text = [0u8; 257];
    let mut i = 0;
    while i < 256 {
        let b = (i & 0x7F) as u8;
        let high = if i >= 128 { 2 } else { 0 };
        let c = b == b' ' || b.is_ascii_digit() || b.is_ascii_uppercase();
        let t = b == b' ' || b.is_ascii_digit() || b.is_ascii_lowercase();
        c40[i] = high + if c { 1 } else { 2 };
        text[i] = high + if t { 1 } else { 2 };
        i += 1;
    }
    c40[256] = 2;
    text[256] = 2;
    ValueCounts { c40, text }
}

static VALUE_COUNTS: ValueCounts = value_counts();

#[inline]
fn x12_value(item: Item) -> Option<u8> {
    match item {
        Item::Byte(b'\r') => Some(0),
        Item::Byte(b'*') => Some(1),
        Item::Byte(b'>') => Some(2),
        Item::Byte(b' ') => Some(3),
        Item::Byte(b @ b'0'..=b'9') => Some(b - b'0' + 4),
        Item::Byte(b @ b'A'..=b'Z') => Some(b - b'A' + 14),
        _ => None,
    }
}

#[inline]
fn edifact_value(item: Item) -> Option<u8> {
    match item {
        Item::Byte(b @ 32..=94) => Some(b & 0x3F),
        _ => None,
    }
}

/// How the encodation ends (see the module docs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum End {
    /// All data consumed in state `state` at the last position.
    Plain { state: usize },
    /// C40/Text with two values pending: pad the triple with Shift 1.
    PadTriple { state: usize },
    /// C40/Text/X12 on a triple boundary at `at`, the rest one ASCII codeword.
    AsciiCodeword { state: usize, at: usize },
    /// EDIFACT on a group boundary at `at`, the rest `ascii` ASCII codewords.
    EdifactTail { at: usize },
}

/// The search result: enough to pick a size and write the codewords.
pub(crate) struct Plan<'a> {
    items: &'a [Item],
    header: &'a [u8],
    cost: Vec<u32>,
    /// Per (position, state): predecessor state and items consumed (`<< 4`).
    back: Vec<u8>,
    /// Per position: where the Base 256 segment of the best path began.
    base256_start: Vec<u32>,
    end: End,
    /// Minimum effective codeword count over all end configurations.
    min_codewords: u32,
    /// Codewords of a path ending in a long Base 256 field that fills a
    /// symbol of exactly this capacity with length 0 ("to the end").
    base256_exact: Option<u32>,
    /// First codeword index at which an ASCII FNC1 is a plain separator.
    late: u32,
}

impl<'a> Plan<'a> {
    /// Data codewords the smallest symbol must hold.
    pub(crate) fn min_codewords(&self) -> usize {
        self.min_codewords as usize
    }

    /// Whether the data fits a symbol of `size`.
    pub(crate) fn fits(&self, size: SymbolSize) -> bool {
        let c = size.data_codewords() as u32;
        c >= self.min_codewords || self.base256_exact == Some(c)
    }

    #[inline]
    fn at(&self, i: usize, s: usize) -> u32 {
        self.cost[i * STATES + s]
    }
}

/// Runs the search over `items`, after `header` codewords already written
/// in ASCII mode.
pub(crate) fn plan<'a>(items: &'a [Item], header: &'a [u8]) -> Plan<'a> {
    // Codeword index where readers look for FNC1 in first position.
    let fnc1_first_index = if header.first() == Some(&STRUCTURED_APPEND) {
        4
    } else {
        0
    };
    let n = items.len();
    let mut cost = vec![INF; (n + 1) * STATES];
    let mut back = vec![0u8; (n + 1) * STATES];
    let mut base256_start = vec![0u32; n + 1];
    cost[ASCII] = header.len() as u32;

    // First codeword index at which an ASCII FNC1 is a plain separator.
    let late = fnc1_first_index + 2;
    macro_rules! relax {
        ($i:expr, $s:expr, $c:expr, $from:expr, $step:expr) => {{
            let idx = $i * STATES + $s;
            let c = $c;
            if c < cost[idx] {
                cost[idx] = c;
                back[idx] = ($from as u8) | (($step as u8) << 4);
            }
        }};
    }
    // Into ASCII, and into ASCII_LATE when the path is long enough.
    macro_rules! relax_ascii {
        ($i:expr, $c:expr, $from:expr, $step:expr) => {{
            let c = $c;
            relax!($i, ASCII, c, $from, $step);
            if c >= late {
                relax!($i, ASCII_LATE, c, $from, $step);
            }
        }};
    }

    for i in 0..=n {
        let row = i * STATES;
        // Unlatch into ASCII.
        for s in [C40, TEXT, X12, EDIFACT] {
            relax_ascii!(i, cost[row + s] + 1, s, 0);
        }
        // C40/Text with two values pending: pad the triple with Shift 1 and
        // unlatch (three codewords); the only way out when a two-value
        // character (e.g. FNC1) is followed by one C40 cannot carry.
        for s in [C40 + 2, TEXT + 2] {
            relax_ascii!(i, cost[row + s] + 3, s, 0);
        }
        // EDIFACT with three values pending: the unlatch completes the
        // group of four, three codewords.
        relax_ascii!(i, cost[row + EDIFACT + 3] + 3, EDIFACT + 3, 0);
        // Base 256 ends where its length field says: no unlatch codeword.
        relax_ascii!(i, cost[row + BASE256], BASE256, 0);
        // Latch from ASCII.
        let a = cost[row + ASCII];
        relax!(i, C40, a + 1, ASCII, 0);
        relax!(i, TEXT, a + 1, ASCII, 0);
        relax!(i, X12, a + 1, ASCII, 0);
        relax!(i, EDIFACT, a + 1, ASCII, 0);
        if a + 2 < cost[row + BASE256] {
            cost[row + BASE256] = a + 2;
            back[row + BASE256] = ASCII as u8;
            base256_start[i] = i as u32;
        }
        if i == n {
            break;
        }
        let item = items[i];
        let next = row + STATES;
        // ASCII.
        // An FNC1 written as ASCII 232 as the first or second codeword
        // (after a Structured Append header, if any) reads as "FNC1 in
        // first/second position" (GS1 or AIM): readers then report ]d2/]d3
        // and drop it from the data. Such a separator needs a longer ASCII
        // path (ASCII_LATE) or C40/Text.
        for src in [ASCII, ASCII_LATE] {
            let a = cost[row + src];
            if a >= INF || (src == ASCII_LATE && cost[row + ASCII] >= late) {
                // Once ASCII itself is late, ASCII_LATE adds nothing.
                continue;
            }
            if item == Item::Fnc1 && src == ASCII && a < late {
                continue;
            }
            // On a tie, a single character after an earlier digit pair wins
            // over a pair after a single: digits pair from the left, as
            // readers and other encoders expect.
            let c = a + ascii_len(item);
            let idx = next + ASCII;
            if c <= cost[idx] {
                cost[idx] = c;
                back[idx] = src as u8 | (1 << 4);
            }
            if c >= late {
                relax!(i + 1, ASCII_LATE, c, src, 1);
            }
            if i + 1 < n && digit(item).is_some() && digit(items[i + 1]).is_some() {
                relax_ascii!(i + 2, a + 1, src, 2);
            }
        }
        if matches!(item, Item::Eci(_)) {
            // Only ASCII can carry an ECI designator.
            continue;
        }
        // C40 and Text.
        let key = match item {
            Item::Byte(b) => b as usize,
            _ => 256,
        };
        for (base, counts) in [(C40, &VALUE_COUNTS.c40), (TEXT, &VALUE_COUNTS.text)] {
            let v = counts[key] as usize;
            for p in 0..3 {
                let c = cost[row + base + p];
                if c < INF {
                    let q = p + v;
                    relax!(i + 1, base + q % 3, c + 2 * (q / 3) as u32, base + p, 1);
                }
            }
        }
        if x12_value(item).is_some() {
            for p in 0..3 {
                let c = cost[row + X12 + p];
                if c < INF {
                    let q = p + 1;
                    relax!(i + 1, X12 + q % 3, c + 2 * (q / 3) as u32, X12 + p, 1);
                }
            }
        }
        if edifact_value(item).is_some() {
            for p in 0..4 {
                let c = cost[row + EDIFACT + p];
                if c < INF {
                    let (q, add) = if p == 3 { (0, 3) } else { (p + 1, 0) };
                    relax!(i + 1, EDIFACT + q, c + add, EDIFACT + p, 1);
                }
            }
        }
        if let Item::Byte(_) = item {
            let c = cost[row + BASE256];
            if c < INF {
                let start = base256_start[i];
                // The 250th byte needs the second length byte.
                let extra = u32::from(i as u32 + 1 - start == 250);
                if c + 1 + extra < cost[next + BASE256] {
                    cost[next + BASE256] = c + 1 + extra;
                    back[next + BASE256] = BASE256 as u8 | (1 << 4);
                    base256_start[i + 1] = start;
                }
            }
        }
    }

    let mut plan = Plan {
        items,
        header,
        cost,
        back,
        base256_start,
        end: End::Plain { state: ASCII },
        min_codewords: INF,
        base256_exact: None,
        late,
    };
    choose_end(&mut plan);
    plan
}

/// Minimal ASCII codewords for `items` (digit pairs included).
fn ascii_cost(items: &[Item]) -> u32 {
    let mut i = 0;
    let mut total = 0;
    while i < items.len() {
        if i + 1 < items.len() && digit(items[i]).is_some() && digit(items[i + 1]).is_some() {
            i += 2;
        } else {
            total += ascii_len(items[i]) - 1;
            i += 1;
        }
        total += 1;
    }
    total
}

fn choose_end(plan: &mut Plan<'_>) {
    let n = plan.items.len();
    let mut best = (INF, End::Plain { state: ASCII });
    let mut consider = |e: u32, end: End| {
        if e < best.0 {
            best = (e, end);
        }
    };
    for state in [ASCII, C40, TEXT, X12, EDIFACT, BASE256] {
        consider(plan.at(n, state), End::Plain { state });
    }
    for state in [C40 + 2, TEXT + 2] {
        consider(
            plan.at(n, state).saturating_add(2),
            End::PadTriple { state },
        );
    }
    // One ASCII codeword left: a single character or a digit pair. A tail
    // holds no ECI, and an FNC1 only where it cannot land in one of the
    // ambiguous first positions (the tail starts at codeword `u` or later).
    let tail_ok = |at: usize, u: u32| {
        plan.items[at..]
            .iter()
            .all(|it| matches!(it, Item::Byte(_)) || (*it == Item::Fnc1 && u >= plan.late))
    };
    let tail_is_one_codeword = |at: usize| ascii_cost(&plan.items[at..]) == 1 && n - at <= 2;
    for at in n.saturating_sub(2)..n {
        if tail_is_one_codeword(at) {
            for state in [C40, TEXT, X12] {
                let u = plan.at(at, state);
                if tail_ok(at, u) {
                    consider(u.saturating_add(1), End::AsciiCodeword { state, at });
                }
            }
        }
    }
    for at in n.saturating_sub(4)..n {
        let a = ascii_cost(&plan.items[at..]);
        let u = plan.at(at, EDIFACT);
        if a <= 2 && tail_ok(at, u) {
            consider(u.saturating_add(a), End::EdifactTail { at });
        }
    }
    plan.min_codewords = best.0;
    plan.end = best.1;
    // A long Base 256 field closing the data can say "to the end of the
    // symbol" with a one-byte length.
    let b = plan.at(n, BASE256);
    if b < INF && n as u32 - plan.base256_start[n] >= 250 {
        plan.base256_exact = Some(b - 1);
    }
}

/// Writes the data codewords for a symbol holding `capacity` data
/// codewords (which must satisfy [`Plan::fits`]), padding included.
pub(crate) fn write(plan: &Plan<'_>, capacity: usize, out: &mut Vec<u8>) {
    out.clear();
    out.extend_from_slice(plan.header);
    let n = plan.items.len();
    // The long-Base-256 "to the end" form is the only one that fits when
    // the capacity is below the general minimum.
    let end = if (capacity as u32) < plan.min_codewords {
        End::Plain { state: BASE256 }
    } else {
        plan.end
    };
    let (end_pos, end_state) = match end {
        End::Plain { state } | End::PadTriple { state } => (n, state),
        End::AsciiCodeword { state, at } => (at, state),
        End::EdifactTail { at } => (at, EDIFACT),
    };
    // Walk back from the end to the start, then replay forwards.
    let mut path: Vec<Step> = Vec::with_capacity(n + 8);
    let (mut i, mut s) = (end_pos, end_state);
    while !(i == 0 && s == ASCII) {
        let b = plan.back[i * STATES + s];
        let (from, step) = ((b & 0x0F) as usize, (b >> 4) as usize);
        i -= step;
        path.push(Step {
            from: from as u8,
            to: s as u8,
            at: i as u32,
            len: step as u8,
        });
        s = from;
    }
    let mut w = Writer {
        out,
        capacity,
        values: [0; 4],
        nvalues: 0,
        base256_len_at: 0,
    };
    for step in path.iter().rev() {
        w.step(plan.items, step);
    }
    w.finish(plan.items, end);
    pad(w.out, capacity);
}

/// One edge of the chosen path: from state to state, consuming `len` items
/// starting at `at` (0 for a latch or unlatch).
#[derive(Debug, Clone, Copy)]
struct Step {
    from: u8,
    to: u8,
    at: u32,
    len: u8,
}

/// Mode family of a state (C40/Text/X12/EDIFACT phases share one).
fn group(s: usize) -> usize {
    match s {
        C40..=3 => C40,
        TEXT..=6 => TEXT,
        X12..=9 => X12,
        EDIFACT..=13 => EDIFACT,
        other => other,
    }
}

struct Writer<'o> {
    out: &'o mut Vec<u8>,
    capacity: usize,
    /// C40/Text/X12 values waiting for a triple, or EDIFACT values waiting
    /// for a group of four.
    values: [u8; 4],
    nvalues: usize,
    base256_len_at: usize,
}

impl Writer<'_> {
    fn remaining(&self) -> usize {
        self.capacity.saturating_sub(self.out.len())
    }

    fn step(&mut self, items: &[Item], step: &Step) {
        let ascii = |s: u8| {
            if s as usize == ASCII_LATE {
                ASCII
            } else {
                s as usize
            }
        };
        let (from, to) = (ascii(step.from), ascii(step.to));
        let at = step.at as usize;
        if step.len == 0 {
            match (from, to) {
                (ASCII, C40) => self.out.push(LATCH_C40),
                (ASCII, TEXT) => self.out.push(LATCH_TEXT),
                (ASCII, X12) => self.out.push(LATCH_X12),
                (ASCII, EDIFACT) => self.out.push(LATCH_EDIFACT),
                (ASCII, BASE256) => {
                    self.out.push(LATCH_BASE256);
                    self.base256_len_at = self.out.len();
                    self.out.push(0);
                }
                (C40 | TEXT | X12, ASCII) => self.out.push(UNLATCH),
                (3 | 6, ASCII) => {
                    // Two values pending: Shift 1 completes the triple.
                    self.push_triple_value(0);
                    self.out.push(UNLATCH);
                }
                (EDIFACT, ASCII) => {
                    // With two or fewer codewords left, readers switch to
                    // ASCII by themselves: an unlatch would be read as data.
                    if self.remaining() >= 3 {
                        self.edifact_unlatch();
                    }
                }
                (_, ASCII) if group(from) == EDIFACT => self.edifact_unlatch(),
                (BASE256, ASCII) => {
                    let to_end = at == items.len() && self.out.len() == self.capacity;
                    self.finish_base256(to_end)
                }
                _ => debug_assert!(false, "no transition {from} -> {to}"),
            }
            return;
        }
        let item = items[at];
        match group(from) {
            ASCII => {
                if step.len == 2 {
                    let (Some(a), Some(b)) = (digit(item), digit(items[at + 1])) else {
                        debug_assert!(false, "digit pair without digits");
                        return;
                    };
                    self.out.push(130 + a * 10 + b);
                } else {
                    push_ascii(self.out, item);
                }
            }
            g @ (C40 | TEXT) => {
                let mut v = [0u8; 4];
                let count = c40_values(item, g == TEXT, &mut v);
                for &value in &v[..count] {
                    self.push_triple_value(value);
                }
            }
            X12 => {
                if let Some(value) = x12_value(item) {
                    self.push_triple_value(value);
                }
            }
            EDIFACT => {
                if let Some(value) = edifact_value(item) {
                    self.values[self.nvalues] = value;
                    self.nvalues += 1;
                    if self.nvalues == 4 {
                        self.flush_edifact();
                    }
                }
            }
            _ => {
                if let Item::Byte(b) = item {
                    self.out.push(b);
                }
            }
        }
    }

    fn push_triple_value(&mut self, value: u8) {
        self.values[self.nvalues] = value;
        self.nvalues += 1;
        if self.nvalues == 3 {
            let [a, b, c, _] = self.values;
            let v = 1600 * a as u16 + 40 * b as u16 + c as u16 + 1;
            self.out.push((v >> 8) as u8);
            self.out.push(v as u8);
            self.nvalues = 0;
        }
    }

    fn edifact_unlatch(&mut self) {
        self.values[self.nvalues] = EDIFACT_UNLATCH;
        self.nvalues += 1;
        self.flush_edifact();
    }

    /// Packs the pending 6-bit EDIFACT values into whole codewords, the
    /// last one padded with zero bits.
    fn flush_edifact(&mut self) {
        let mut acc = 0u32;
        for &v in &self.values[..self.nvalues] {
            acc = (acc << 6) | v as u32;
        }
        let bits = 6 * self.nvalues;
        acc <<= 24 - bits;
        for k in 0..bits.div_ceil(8) {
            self.out.push((acc >> (16 - 8 * k)) as u8);
        }
        self.nvalues = 0;
    }

    /// Writes the length field of the open Base 256 field and randomises it
    /// with its data (ISO/IEC 16022 Annex B, 255-state algorithm).
    fn finish_base256(&mut self, to_end: bool) {
        let at = self.base256_len_at;
        let count = self.out.len() - at - 1;
        if to_end {
            self.out[at] = 0;
        } else if count <= 249 {
            self.out[at] = count as u8;
        } else {
            self.out[at] = (count / 250 + 249) as u8;
            self.out.insert(at + 1, (count % 250) as u8);
        }
        for p in at..self.out.len() {
            self.out[p] = randomize_255(self.out[p], p + 1);
        }
    }

    fn finish(&mut self, items: &[Item], end: End) {
        match end {
            End::Plain { state: ASCII } => {}
            End::Plain { state: BASE256 } => {
                // A field that runs to the end of a full symbol says so with
                // length 0 (needed past 249 bytes, and what zint writes).
                self.finish_base256(self.out.len() == self.capacity);
            }
            End::Plain { state: EDIFACT } => {
                if self.remaining() >= 3 {
                    self.edifact_unlatch();
                }
            }
            End::Plain { .. } => {
                // C40/Text/X12 on a triple boundary: no unlatch when full.
                // With one codeword left the unlatch is that codeword, as in
                // the ISO/IEC 16022 figure 1 example.
                if self.remaining() > 0 {
                    self.out.push(UNLATCH);
                }
            }
            End::PadTriple { .. } => {
                // Shift 1 as the third value; unlatch only if room is left.
                self.push_triple_value(0);
                if self.remaining() > 0 {
                    self.out.push(UNLATCH);
                }
            }
            End::AsciiCodeword { at, .. } => {
                if self.remaining() > 1 {
                    self.out.push(UNLATCH);
                }
                push_ascii_run(self.out, &items[at..]);
            }
            End::EdifactTail { at } => {
                if self.remaining() >= 3 {
                    self.edifact_unlatch();
                }
                push_ascii_run(self.out, &items[at..]);
            }
        }
    }
}

fn push_ascii(out: &mut Vec<u8>, item: Item) {
    match item {
        Item::Byte(b) if b >= 128 => {
            out.push(UPPER_SHIFT);
            out.push(b - 127);
        }
        Item::Byte(b) => out.push(b + 1),
        Item::Fnc1 => out.push(FNC1),
        Item::Eci(e) => push_eci(out, e),
    }
}

/// ASCII with digit pairs, greedily (optimal within ASCII).
fn push_ascii_run(out: &mut Vec<u8>, items: &[Item]) {
    let mut i = 0;
    while i < items.len() {
        if i + 1 < items.len() {
            if let (Some(a), Some(b)) = (digit(items[i]), digit(items[i + 1])) {
                out.push(130 + a * 10 + b);
                i += 2;
                continue;
            }
        }
        push_ascii(out, items[i]);
        i += 1;
    }
}

/// Pads to `capacity`: 129, then pads randomised with the 253-state
/// algorithm of ISO/IEC 16022 §5.2.3.
fn pad(out: &mut Vec<u8>, capacity: usize) {
    if out.len() < capacity {
        out.push(PAD);
    }
    while out.len() < capacity {
        let position = out.len() as u32 + 1;
        let r = (149 * position) % 253 + 1;
        let v = PAD as u32 + r;
        out.push(if v <= 254 { v } else { v - 254 } as u8);
    }
}

fn randomize_255(value: u8, position: usize) -> u8 {
    let r = (149 * position as u32) % 255 + 1;
    let v = value as u32 + r;
    (if v <= 255 { v } else { v - 256 }) as u8
}
