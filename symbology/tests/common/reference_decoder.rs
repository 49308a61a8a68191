//! A small DataMatrix data-codeword decoder written for the tests, with the
//! reading rules of the zxing family of decoders (zxing-cpp): C40, Text and
//! X12 fall back to ASCII when one codeword is left, EDIFACT when two or
//! fewer are left at a group boundary; Base 256 is de-randomised by
//! position; FNC1 as the first codeword marks GS1, and as the second it is
//! ambiguous (AIM) and rejected here.
//!
//! Items: 0–255 are bytes, [`FNC1`] is FNC1.

pub const FNC1: u16 = 256;

#[derive(Debug, PartialEq, Eq)]
pub struct Decoded {
    pub fnc1_first: bool,
    pub items: Vec<u16>,
}

struct Reader<'a> {
    cw: &'a [u8],
    /// Bit position.
    bit: usize,
}

impl Reader<'_> {
    fn bytes_left(&self) -> usize {
        self.cw.len().saturating_sub(self.bit.div_ceil(8))
    }
    fn byte(&mut self) -> Option<u8> {
        let i = self.bit / 8;
        let b = *self.cw.get(i)?;
        self.bit = (i + 1) * 8;
        Some(b)
    }
    fn bits6(&mut self) -> Option<u8> {
        let mut v = 0u8;
        for _ in 0..6 {
            let byte = *self.cw.get(self.bit / 8)?;
            v = (v << 1) | ((byte >> (7 - self.bit % 8)) & 1);
            self.bit += 1;
        }
        Some(v)
    }
    fn index(&self) -> usize {
        self.bit / 8
    }
}

fn push(items: &mut Vec<u16>, upper: &mut bool, byte: u8) {
    items.push(byte as u16 + if *upper { 128 } else { 0 });
    *upper = false;
}

pub fn decode(cw: &[u8]) -> Option<Decoded> {
    let mut r = Reader { cw, bit: 0 };
    let mut items = Vec::new();
    let mut fnc1_first = false;
    let mut upper = false;
    while r.bytes_left() > 0 {
        let at = r.index();
        let c = r.byte()?;
        match c {
            1..=128 => push(&mut items, &mut upper, c - 1),
            129 => return (!upper).then_some(Decoded { fnc1_first, items }),
            130..=229 if !upper => {
                let v = c - 130;
                items.push((b'0' + v / 10) as u16);
                items.push((b'0' + v % 10) as u16);
            }
            230 | 239 if !upper => triples(
                &mut r,
                &mut items,
                if c == 230 { Mode::C40 } else { Mode::Text },
            )?,
            238 if !upper => triples(&mut r, &mut items, Mode::X12)?,
            240 if !upper => edifact(&mut r, &mut items)?,
            231 if !upper => base256(&mut r, &mut items)?,
            232 if !upper => match at {
                0 => fnc1_first = true,
                1 => return None,
                _ => items.push(FNC1),
            },
            235 if !upper => upper = true,
            // An unlatch as the very last codeword after C40/Text/X12
            // (which fell back to ASCII) is tolerated, as zxing does.
            254 if !upper && r.bytes_left() == 0 => {}
            _ => return None,
        }
    }
    (!upper).then_some(Decoded { fnc1_first, items })
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    C40,
    Text,
    X12,
}

fn triples(r: &mut Reader<'_>, items: &mut Vec<u16>, mode: Mode) -> Option<()> {
    let mut shift = 0u8;
    let mut upper = false;
    loop {
        if r.bytes_left() < 2 {
            // One codeword left (or none): ASCII takes over. A pending
            // shift is the Shift 1 that pads the last triple.
            return (!upper).then_some(());
        }
        let b1 = r.byte()?;
        if b1 == 254 {
            return (!upper).then_some(());
        }
        let b2 = r.byte()?;
        let v = (b1 as u16) * 256 + b2 as u16;
        if v == 0 {
            return None;
        }
        let v = v - 1;
        let values = [(v / 1600) as u8, ((v / 40) % 40) as u8, (v % 40) as u8];
        if values[0] >= 40 {
            return None;
        }
        for value in values {
            if mode == Mode::X12 {
                let b = match value {
                    0 => b'\r',
                    1 => b'*',
                    2 => b'>',
                    3 => b' ',
                    4..=13 => b'0' + value - 4,
                    _ => b'A' + value - 14,
                };
                items.push(b as u16);
                continue;
            }
            match shift {
                0 => match value {
                    0..=2 => shift = value + 1,
                    3 => push(items, &mut upper, b' '),
                    4..=13 => push(items, &mut upper, b'0' + value - 4),
                    _ => push(
                        items,
                        &mut upper,
                        if mode == Mode::C40 { b'A' } else { b'a' } + value - 14,
                    ),
                },
                1 => {
                    push(items, &mut upper, value);
                    shift = 0;
                }
                2 => {
                    match value {
                        0..=14 => push(items, &mut upper, 33 + value),
                        15..=21 => push(items, &mut upper, 58 + value - 15),
                        22..=26 => push(items, &mut upper, 91 + value - 22),
                        27 if !upper => items.push(FNC1),
                        30 if !upper => upper = true,
                        _ => return None,
                    }
                    shift = 0;
                }
                _ => {
                    let b = match (mode, value) {
                        (Mode::C40, 0..=31) => 96 + value,
                        (Mode::Text, 0) => b'`',
                        (Mode::Text, 1..=26) => b'A' + value - 1,
                        (Mode::Text, 27..=31) => b'{' + value - 27,
                        _ => return None,
                    };
                    push(items, &mut upper, b);
                    shift = 0;
                }
            }
        }
    }
}

fn edifact(r: &mut Reader<'_>, items: &mut Vec<u16>) -> Option<()> {
    loop {
        if r.bytes_left() <= 2 {
            return Some(());
        }
        for _ in 0..4 {
            let v = r.bits6()?;
            if v == 31 {
                // Unlatch: the rest of the byte is padding.
                r.bit = r.bit.div_ceil(8) * 8;
                return Some(());
            }
            items.push(if v >= 32 { v } else { v | 0x40 } as u16);
        }
    }
}

fn unrandomize(v: u8, position: usize) -> u8 {
    let r = ((149 * position) % 255 + 1) as i32;
    (v as i32 - r).rem_euclid(256) as u8
}

fn base256(r: &mut Reader<'_>, items: &mut Vec<u16>) -> Option<()> {
    let at = r.index();
    let d1 = unrandomize(r.byte()?, at + 1) as usize;
    let count = match d1 {
        0 => r.bytes_left(),
        1..=249 => d1,
        _ => {
            let at2 = r.index();
            250 * (d1 - 249) + unrandomize(r.byte()?, at2 + 1) as usize
        }
    };
    for _ in 0..count {
        let at = r.index();
        items.push(unrandomize(r.byte()?, at + 1) as u16);
    }
    Some(())
}
