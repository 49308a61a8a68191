//! Data encodation for the QR family: the shortest bit stream over
//! numeric, alphanumeric, byte and Kanji segments, found by dynamic
//! programming, and the writer of that stream.
//!
//! # Exact costs
//! Segment costs are exact, not averaged: the numeric state remembers how
//! many digits of the current group of three are written (a group costs
//! 4, then 3, then 3 more bits: 4/7/10 for 1/2/3 digits), and the
//! alphanumeric state the parity of its character count (6 then 5 bits: a
//! pair costs 11). Opening a segment costs its mode indicator and
//! character count indicator, whose lengths depend on the version (QR:
//! three classes; Micro QR and rMQR: per size), so the search runs once per
//! length class. The result is the minimum over all segmentations, not a
//! heuristic.
//!
//! # GS1
//! With FNC1 in first or second position, FNC1 separators are `%` in
//! alphanumeric mode and a literal `%` is `%%` (two characters); in byte
//! mode the separator is GS (0x1D) and `%` is itself. The search weighs
//! both, so separator-heavy data stays in alphanumeric mode.

use super::bits::BitBuffer;

/// One unit of input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Item {
    /// A data byte.
    Byte(u8),
    /// The GS1 (or AIM) field separator.
    Fnc1,
    /// An ECI designator for the data that follows.
    Eci(u32),
}

/// A data encodation mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// Digits, 3 per 10 bits.
    Numeric,
    /// `0-9 A-Z space $ % * + - . / :`, 2 per 11 bits.
    Alphanumeric,
    /// Any byte, 8 bits each.
    Byte,
    /// Shift JIS double-byte characters, 13 bits each.
    Kanji,
}

impl Mode {
    const fn index(self) -> usize {
        self as usize
    }
}

/// How one member of the QR family writes segment headers, for one
/// character-count length class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Header {
    /// Length of a mode indicator in bits (QR 4, rMQR 3, Micro QR 0–3).
    pub indicator_bits: u8,
    /// Mode indicator values for numeric, alphanumeric, byte, Kanji.
    pub indicator: [u8; 4],
    /// Character count indicator lengths per mode; 0 = mode unavailable.
    pub count_bits: [u8; 4],
    /// ECI mode indicator value; `None` where ECI is unavailable.
    pub eci_indicator: Option<u8>,
    /// FNC1 is in effect: `%` rules in alphanumeric mode.
    pub gs1: bool,
    /// The data is Shift JIS: Kanji mode may be used.
    pub kanji: bool,
}

impl Header {
    fn open_cost(&self, mode: Mode) -> u32 {
        self.indicator_bits as u32 + self.count_bits[mode.index()] as u32
    }

    fn has(&self, mode: Mode) -> bool {
        self.count_bits[mode.index()] != 0
    }
}

/// The alphanumeric value of a byte, or `None`.
#[inline]
pub(crate) fn alphanumeric_value(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'A'..=b'Z' => Some(b - b'A' + 10),
        b' ' => Some(36),
        b'$' => Some(37),
        b'%' => Some(38),
        b'*' => Some(39),
        b'+' => Some(40),
        b'-' => Some(41),
        b'.' => Some(42),
        b'/' => Some(43),
        b':' => Some(44),
        _ => None,
    }
}

/// The 13-bit Kanji mode value of a Shift JIS double-byte character, or
/// `None` when the pair is outside the ranges Kanji mode covers
/// (0x8140–0x9FFC and 0xE040–0xEBBF, second byte 0x40–0xFC but not 0x7F).
#[inline]
pub(crate) fn kanji_value(first: u8, second: u8) -> Option<u16> {
    if second == 0x7F || !(0x40..=0xFC).contains(&second) {
        return None;
    }
    let c = (first as u16) << 8 | second as u16;
    let d = match c {
        0x8140..=0x9FFC => c - 0x8140,
        0xE040..=0xEBBF => c - 0xC140,
        _ => return None,
    };
    Some((d >> 8) * 0xC0 + (d & 0xFF))
}

/// Bits of an ECI designator (without the mode indicator).
pub(crate) fn eci_designator_bits(eci: u32) -> u32 {
    if eci < 128 {
        8
    } else if eci < 16384 {
        16
    } else {
        24
    }
}

const INF: u64 = u64::MAX / 4;

/// Costs are `bits << TIE_SHIFT` plus one per item not in numeric mode:
/// among equally short bit streams the search prefers more digits in
/// numeric mode (as zint does), and the bit count still decides first.
const TIE_SHIFT: u32 = 20;
const NON_NUMERIC: u64 = 1;

#[inline]
const fn bits(b: u32) -> u64 {
    (b as u64) << TIE_SHIFT
}

// DP states: the mode of the open segment plus what its next character
// costs. N0/N1/N2: numeric with (count mod 3) digits in the last group;
// A0/A1: alphanumeric with even/odd count; AF0/AF1: the same right after
// an FNC1 (see below); B, K; NONE: no open segment (the start, or right
// after an ECI).
//
// Under FNC1 an alphanumeric FNC1 is `%` and a literal `%` is `%%`, and
// readers undouble from the left: FNC1 followed by FNC1 or by a literal
// `%` in the same segment ("%%" or "%%%") would read back as a literal `%`
// first. After an FNC1 such an item must open a new segment (or leave
// alphanumeric mode); the AF states remember that. Readers undouble within
// a segment, so a new alphanumeric segment is unambiguous.
const N0: usize = 0;
const A0: usize = 3;
const AF0: usize = 5;
const B: usize = 7;
const K: usize = 8;
const NONE: usize = 9;
const STATES: usize = 10;
/// Marks a back pointer where a new segment starts in the same mode.
const NEW_SEGMENT: u8 = 0x80;

const fn state_mode(s: usize) -> Option<Mode> {
    match s {
        0..=2 => Some(Mode::Numeric),
        3..=6 => Some(Mode::Alphanumeric),
        7 => Some(Mode::Byte),
        8 => Some(Mode::Kanji),
        _ => None,
    }
}

/// A planned segmentation: the segments and the bits they take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Plan {
    /// Bits of all segments (without symbol-level prefixes, terminator or
    /// padding).
    pub bits: usize,
    /// `(mode, start, end)` over the items; `mode == None` is an ECI item.
    pub segments: Vec<(Option<Mode>, usize, usize)>,
}

/// Reusable DP tables, so repeated planning does not allocate.
#[derive(Debug, Default)]
pub(crate) struct Planner {
    cost: Vec<[u64; STATES]>,
    back: Vec<[u8; STATES]>,
}

impl Planner {
    /// The cheapest segmentation of `items` under `header`, or `None` when
    /// some item cannot be encoded at all (e.g. a letter in Micro QR M1, or
    /// an ECI where ECI is unavailable).
    ///
    /// Each step computes the states after item i from those before it,
    /// target by target, taking the candidate sources in state order and
    /// keeping the first of equal costs: exactly the choices of relaxing
    /// every source state in order ([`Planner::plan_reference`], which a
    /// property test holds it against), with the mode rules written out
    /// per target instead of looked up per source.
    pub(crate) fn plan(&mut self, items: &[Item], header: &Header) -> Option<Plan> {
        let n = items.len();
        self.cost.clear();
        self.cost.resize(n + 1, [INF; STATES]);
        self.back.clear();
        self.back.resize(n + 1, [NONE as u8; STATES]);
        self.cost[0][NONE] = 0;
        let has_n = header.has(Mode::Numeric);
        let has_a = header.has(Mode::Alphanumeric);
        let has_b = header.has(Mode::Byte);
        let has_k = header.has(Mode::Kanji) && header.kanji;
        let open_n = bits(header.open_cost(Mode::Numeric));
        let open_a = bits(header.open_cost(Mode::Alphanumeric));
        let open_b = bits(header.open_cost(Mode::Byte)) + NON_NUMERIC;
        let open_k = bits(header.open_cost(Mode::Kanji)) + 2 * NON_NUMERIC;
        for i in 0..n {
            let c = self.cost[i];
            // Row i + 1 holds INF everywhere but, after a Kanji pair that
            // began at i − 1, in K.
            let (mut next, mut from) = (self.cost[i + 1], self.back[i + 1]);
            let item = items[i];
            // Relaxes target state t with a candidate from state s.
            macro_rules! pick {
                ($t:expr, $value:expr, $s:expr) => {{
                    let (t, value) = ($t, $value);
                    if value < next[t] {
                        next[t] = value;
                        from[t] = $s as u8;
                    }
                }};
            }
            let (digit, alnum_chars) = match item {
                Item::Eci(e) => {
                    // A row that cannot be reached stays unreachable
                    // either way, so refusing here gives what the
                    // reference gives: no plan.
                    header.eci_indicator?;
                    let add = bits(header.indicator_bits as u32 + eci_designator_bits(e));
                    for (s, &cs) in c.iter().enumerate() {
                        pick!(NONE, cs + add, s);
                    }
                    self.cost[i + 1] = next;
                    self.back[i + 1] = from;
                    continue;
                }
                Item::Byte(b) => (
                    b.is_ascii_digit(),
                    match alphanumeric_value(b) {
                        Some(_) if b == b'%' && header.gs1 => 2,
                        Some(_) => 1,
                        None => 0,
                    },
                ),
                Item::Fnc1 if header.gs1 => (false, 1),
                // A separator without FNC1 mode has no representation.
                Item::Fnc1 => return None,
            };
            if digit && has_n {
                // A digit opens a group of three (4 bits) or extends one
                // (3 bits); from outside numeric mode it also opens a
                // segment.
                pick!(1, c[N0] + bits(4), N0);
                pick!(2, c[1] + bits(3), 1);
                pick!(N0, c[2] + bits(3), 2);
                for (s, &cs) in c.iter().enumerate().skip(A0) {
                    pick!(1, cs + open_n + bits(4), s);
                }
            }
            if alnum_chars > 0 && has_a {
                let percent_first = header.gs1 && matches!(item, Item::Fnc1 | Item::Byte(b'%'));
                let base = if item == Item::Fnc1 { AF0 } else { A0 };
                // Characters written with the segment at parity p: the
                // cost and the parity after.
                let chars = |p: usize| -> (u64, usize) {
                    match (alnum_chars, p) {
                        (1, 0) => (bits(6) + NON_NUMERIC, 1),
                        (1, _) => (bits(5) + NON_NUMERIC, 0),
                        (_, 0) => (bits(11) + NON_NUMERIC, 0),
                        (_, _) => (bits(11) + NON_NUMERIC, 1),
                    }
                };
                let (opened, opened_parity) = chars(0);
                let opened = opened + open_a;
                for (s, &cs) in c.iter().enumerate() {
                    match s {
                        A0..=4 => {
                            let (add, p) = chars(s - A0);
                            pick!(base + p, cs + add, s);
                        }
                        AF0..=6 if !percent_first => {
                            let (add, p) = chars(s - AF0);
                            pick!(base + p, cs + add, s);
                        }
                        AF0..=6 => {
                            // `%` right after an FNC1: a new segment.
                            pick!(base + opened_parity, cs + opened, s as u8 | NEW_SEGMENT);
                        }
                        _ => pick!(base + opened_parity, cs + opened, s),
                    }
                }
            }
            if has_b {
                for (s, &cs) in c.iter().enumerate() {
                    let add = if s == B {
                        bits(8) + NON_NUMERIC
                    } else {
                        open_b + bits(8)
                    };
                    pick!(B, cs + add, s);
                }
            }
            self.cost[i + 1] = next;
            self.back[i + 1] = from;
            let kanji_pair = has_k
                && matches!(
                    (item, items.get(i + 1)),
                    (Item::Byte(a), Some(&Item::Byte(b))) if kanji_value(a, b).is_some()
                );
            if kanji_pair {
                // Row i + 2 is still untouched but for this.
                let (after, after_from) = (&mut self.cost[i + 2][K], &mut self.back[i + 2][K]);
                for (s, &cs) in c.iter().enumerate() {
                    let add = if s == K {
                        bits(13) + 2 * NON_NUMERIC
                    } else {
                        open_k + bits(13)
                    };
                    if cs + add < *after {
                        *after = cs + add;
                        *after_from = s as u8;
                    }
                }
            }
        }
        self.trace(n)
    }

    /// The plan ending in the cheapest state of row `n`.
    fn trace(&self, n: usize) -> Option<Plan> {
        // The cheapest end state; on a tie the first in state order.
        let (mut best, mut best_cost) = (NONE, INF);
        for (s, &c) in self.cost[n].iter().enumerate() {
            if c < best_cost {
                best = s;
                best_cost = c;
            }
        }
        if best_cost >= INF {
            return None;
        }
        // Walk back, collecting segment boundaries where the mode changes
        // (or a new segment of the same mode starts).
        let mut segments: Vec<(Option<Mode>, usize, usize)> = Vec::new();
        let (mut i, mut s) = (n, best);
        let mut seg_end = n;
        while i > 0 {
            let raw = self.back[i][s];
            let prev = (raw & !NEW_SEGMENT) as usize;
            let step = if s == K { 2 } else { 1 };
            let start = i - step;
            if s == NONE {
                // An ECI item.
                segments.push((None, start, i));
                seg_end = start;
            } else if state_mode(prev) != state_mode(s) || raw & NEW_SEGMENT != 0 {
                segments.push((state_mode(s), start, seg_end));
                seg_end = start;
            }
            i = start;
            s = prev;
        }
        segments.reverse();
        Some(Plan {
            bits: (best_cost >> TIE_SHIFT) as usize,
            segments,
        })
    }

    /// The dynamic program as first written: every reachable state relaxes
    /// each transition into the table in state order. The oracle the
    /// optimised [`Planner::plan`] is held against.
    #[cfg(test)]
    pub(crate) fn plan_reference(&mut self, items: &[Item], header: &Header) -> Option<Plan> {
        let n = items.len();
        self.cost.clear();
        self.cost.resize(n + 1, [INF; STATES]);
        self.back.clear();
        self.back.resize(n + 1, [NONE as u8; STATES]);
        self.cost[0][NONE] = 0;
        let has_n = header.has(Mode::Numeric);
        let has_a = header.has(Mode::Alphanumeric);
        let has_b = header.has(Mode::Byte);
        let has_k = header.has(Mode::Kanji) && header.kanji;
        for i in 0..n {
            let here = self.cost[i];
            if here.iter().all(|&c| c >= INF) {
                continue;
            }
            let item = items[i];
            if let Item::Eci(e) = item {
                header.eci_indicator?;
                let add = bits(header.indicator_bits as u32 + eci_designator_bits(e));
                for (s, &c) in here.iter().enumerate() {
                    relax(
                        &mut self.cost,
                        &mut self.back,
                        i + 1,
                        NONE,
                        c + add,
                        s as u8,
                    );
                }
                continue;
            }
            let (digit, alnum_chars) = match item {
                Item::Byte(b) => (
                    b.is_ascii_digit(),
                    match alphanumeric_value(b) {
                        Some(_) if b == b'%' && header.gs1 => 2,
                        Some(_) => 1,
                        None => 0,
                    },
                ),
                Item::Fnc1 if header.gs1 => (false, 1),
                // A separator without FNC1 mode has no representation.
                Item::Fnc1 => return None,
                Item::Eci(_) => unreachable!("handled above"),
            };
            let kanji_pair = has_k
                && matches!(
                    (item, items.get(i + 1)),
                    (Item::Byte(a), Some(&Item::Byte(b))) if kanji_value(a, b).is_some()
                );
            for (s, &c) in here.iter().enumerate() {
                if c >= INF {
                    continue;
                }
                if digit && has_n {
                    let (t, add) = if s <= 2 {
                        ((s + 1) % 3, bits(if s == N0 { 4 } else { 3 }))
                    } else {
                        (1, bits(header.open_cost(Mode::Numeric) + 4))
                    };
                    relax(&mut self.cost, &mut self.back, i + 1, t, c + add, s as u8);
                }
                if alnum_chars > 0 && has_a {
                    let in_segment = (A0..AF0 + 2).contains(&s);
                    let percent_first = header.gs1 && matches!(item, Item::Fnc1 | Item::Byte(b'%'));
                    // Continue the open segment, or open one (a new one
                    // right after an FNC1 when this item starts with `%`).
                    let split = in_segment && s >= AF0 && percent_first;
                    let (mut parity, mut add) = if in_segment && !split {
                        ((s - A0) % 2, 0)
                    } else {
                        (0, header.open_cost(Mode::Alphanumeric))
                    };
                    for _ in 0..alnum_chars {
                        add += if parity == 0 { 6 } else { 5 };
                        parity ^= 1;
                    }
                    let add = bits(add) + NON_NUMERIC;
                    let base = if item == Item::Fnc1 { AF0 } else { A0 };
                    let from = s as u8 | if split { NEW_SEGMENT } else { 0 };
                    relax(
                        &mut self.cost,
                        &mut self.back,
                        i + 1,
                        base + parity,
                        c + add,
                        from,
                    );
                }
                if has_b {
                    let add = bits(if s == B {
                        8
                    } else {
                        header.open_cost(Mode::Byte) + 8
                    }) + NON_NUMERIC;
                    relax(&mut self.cost, &mut self.back, i + 1, B, c + add, s as u8);
                }
                if kanji_pair {
                    let add = bits(if s == K {
                        13
                    } else {
                        header.open_cost(Mode::Kanji) + 13
                    }) + 2 * NON_NUMERIC;
                    relax(&mut self.cost, &mut self.back, i + 2, K, c + add, s as u8);
                }
            }
        }
        self.trace(n)
    }
}

#[cfg(test)]
#[inline]
fn relax(
    cost: &mut [[u64; STATES]],
    back: &mut [[u8; STATES]],
    at: usize,
    state: usize,
    value: u64,
    from: u8,
) {
    if value < cost[at][state] {
        cost[at][state] = value;
        back[at][state] = from;
    }
}

/// Characters a segment of `mode` over `items` counts in its character
/// count indicator.
fn char_count(mode: Mode, items: &[Item], gs1: bool) -> usize {
    match mode {
        Mode::Numeric | Mode::Byte => items.len(),
        Mode::Kanji => items.len() / 2,
        Mode::Alphanumeric => items
            .iter()
            .map(|it| match it {
                Item::Byte(b'%') if gs1 => 2,
                _ => 1,
            })
            .sum(),
    }
}

/// Writes the planned segments. Segments longer than their character
/// count indicator allows are split (each piece gets its own header).
pub(crate) fn write(items: &[Item], plan: &Plan, header: &Header, out: &mut BitBuffer) {
    for &(mode, start, end) in &plan.segments {
        let Some(mode) = mode else {
            if let (Item::Eci(e), Some(indicator)) = (items[start], header.eci_indicator) {
                out.push(indicator as u32, header.indicator_bits as u32);
                write_eci_designator(e, out);
            }
            continue;
        };
        let max = (1usize << header.count_bits[mode.index()]) - 1;
        let mut from = start;
        while from < end {
            // Take as many items as the count indicator allows.
            let mut to = from;
            let mut count = 0;
            while to < end {
                let step = if mode == Mode::Kanji { 2 } else { 1 };
                let c = char_count(mode, &items[to..to + step], header.gs1);
                if count + c > max {
                    break;
                }
                count += c;
                to += step;
            }
            out.push(
                header.indicator[mode.index()] as u32,
                header.indicator_bits as u32,
            );
            out.push(count as u32, header.count_bits[mode.index()] as u32);
            write_data(mode, &items[from..to], header.gs1, out);
            from = to;
        }
    }
}

/// Writes an ECI designator: 8, 16 or 24 bits with a 0, 10 or 110 prefix.
pub(crate) fn write_eci_designator(eci: u32, out: &mut BitBuffer) {
    if eci < 128 {
        out.push(eci, 8);
    } else if eci < 16384 {
        out.push(0b10 << 14 | eci, 16);
    } else {
        out.push(0b110 << 21 | eci, 24);
    }
}

fn write_data(mode: Mode, items: &[Item], gs1: bool, out: &mut BitBuffer) {
    let byte = |it: &Item| match *it {
        Item::Byte(b) => b,
        Item::Fnc1 => 0x1D,
        Item::Eci(_) => 0,
    };
    match mode {
        Mode::Numeric => {
            for group in items.chunks(3) {
                let v = group
                    .iter()
                    .fold(0u32, |acc, it| acc * 10 + (byte(it) - b'0') as u32);
                out.push(v, [0, 4, 7, 10][group.len()]);
            }
        }
        Mode::Alphanumeric => {
            let mut pending: Option<u32> = None;
            let mut emit = |v: u8, out: &mut BitBuffer| match pending.take() {
                Some(first) => out.push(first * 45 + v as u32, 11),
                None => pending = Some(v as u32),
            };
            for it in items {
                match *it {
                    Item::Fnc1 => emit(38, out),
                    Item::Byte(b'%') if gs1 => {
                        emit(38, out);
                        emit(38, out);
                    }
                    Item::Byte(b) => emit(alphanumeric_value(b).unwrap_or(0), out),
                    Item::Eci(_) => {}
                }
            }
            if let Some(last) = pending {
                out.push(last, 6);
            }
        }
        Mode::Byte => {
            for it in items {
                out.push(byte(it) as u32, 8);
            }
        }
        Mode::Kanji => {
            for pair in items.chunks(2) {
                if let [a, b] = pair {
                    out.push(kanji_value(byte(a), byte(b)).unwrap_or(0) as u32, 13);
                }
            }
        }
    }
}

/// Bits of the segments as `plan` says, for a brute-force check in tests.
#[cfg(test)]
pub(crate) fn written_bits(items: &[Item], plan: &Plan, header: &Header) -> usize {
    let mut out = BitBuffer::default();
    write(items, plan, header, &mut out);
    out.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const QR_CLASS0: Header = Header {
        indicator_bits: 4,
        indicator: [1, 2, 4, 8],
        count_bits: [10, 9, 8, 8],
        eci_indicator: Some(7),
        gs1: false,
        kanji: false,
    };

    fn items(s: &[u8]) -> Vec<Item> {
        s.iter().map(|&b| Item::Byte(b)).collect()
    }

    #[test]
    fn annex_i_numeric() {
        // ISO/IEC 18004 Annex I: "01234567" → 0001 0000001000 0000001100
        // 0101011001 1000011 (41 bits).
        let it = items(b"01234567");
        let plan = Planner::default().plan(&it, &QR_CLASS0).unwrap();
        assert_eq!(plan.bits, 41);
        let mut out = BitBuffer::default();
        write(&it, &plan, &QR_CLASS0, &mut out);
        assert_eq!(out.len(), 41);
        assert_eq!(&out.bytes()[..5], [0x10, 0x20, 0x0C, 0x56, 0x61]);
    }

    #[test]
    fn mixed_segments_are_exact() {
        for s in [
            &b"AB1234567890123A"[..],
            b"0123456A",
            b"THE SQUARE ROOT OF 2 IS 1.41421356237309504880168872420969807856967187537694807317667973799",
            b"abc123456789DEF",
            b"a",
            b"",
        ] {
            let it = items(s);
            let plan = Planner::default().plan(&it, &QR_CLASS0).unwrap();
            assert_eq!(plan.bits, written_bits(&it, &plan, &QR_CLASS0), "{s:?}");
        }
    }

    /// The optimised planner makes exactly the reference's choices (plan,
    /// bits and segment boundaries, ties included) on random items under
    /// random headers: every mode set Micro QR, QR and rMQR have, GS1 `%`
    /// rules, Kanji, ECI (available or not), FNC1 with and without GS1.
    #[test]
    fn plan_matches_reference() {
        let mut state = 0x9E37_79B9_7F4A_7C15u64;
        let mut next = move |k: u64| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state % k
        };
        // Digits weigh most so that numeric runs, and so ties, occur.
        const BYTES: [u8; 16] = [
            b'0', b'1', b'7', b'9', b'A', b'Z', b'a', b'%', b' ', b'.', 0x93, 0x5F, 0xE9, 0x81,
            0x40, 0x1D,
        ];
        let (mut planner, mut reference) = (Planner::default(), Planner::default());
        let mut planned = 0;
        for case in 0..20_000 {
            let header = Header {
                indicator_bits: [0, 1, 2, 3, 4][next(5) as usize],
                indicator: [1, 2, 4, 8],
                count_bits: [
                    [0, 3, 10, 12][next(4) as usize],
                    [0, 3, 9, 13][next(4) as usize],
                    [0, 4, 8, 16][next(4) as usize],
                    [0, 3, 8, 12][next(4) as usize],
                ],
                eci_indicator: (next(3) > 0).then_some(7),
                gs1: next(2) == 0,
                kanji: next(2) == 0,
            };
            let len = next(if case % 10 == 0 { 60 } else { 14 }) as usize;
            let items: Vec<Item> = (0..len)
                .map(|_| match next(20) {
                    0 => Item::Fnc1,
                    1 if next(4) == 0 => Item::Eci(next(20_000) as u32),
                    2..=7 => Item::Byte(b'0' + next(10) as u8),
                    _ => Item::Byte(BYTES[next(16) as usize]),
                })
                .collect();
            let fast = planner.plan(&items, &header);
            assert_eq!(
                fast,
                reference.plan_reference(&items, &header),
                "{items:?} under {header:?}"
            );
            planned += usize::from(fast.is_some());
        }
        // Most cases must have a plan, or the comparison says little.
        assert!(planned > 10_000, "{planned} plans");
    }

    #[test]
    fn kanji_values() {
        // ISO/IEC 18004 examples: 点 (0x935F) → 0xD9F, 茗 (0xE4AA) → 0x1AAA.
        assert_eq!(kanji_value(0x93, 0x5F), Some(0x0D9F));
        assert_eq!(kanji_value(0xE4, 0xAA), Some(0x1AAA));
        assert_eq!(kanji_value(0x81, 0x7F), None);
        assert_eq!(kanji_value(0xA0, 0x40), None);
    }

    #[test]
    fn gs1_percent_doubles() {
        let mut h = QR_CLASS0;
        h.gs1 = true;
        let it = vec![Item::Byte(b'9'), Item::Byte(b'1'), Item::Byte(b'%')];
        let plan = Planner::default().plan(&it, &h).unwrap();
        assert_eq!(plan.bits, written_bits(&it, &plan, &h));
        // Without GS1 the % is one alphanumeric character.
        let plain = Planner::default().plan(&it, &QR_CLASS0).unwrap();
        assert!(plain.bits <= plan.bits);
    }
}
