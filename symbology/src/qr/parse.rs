//! The QR-family bit-stream parser: data codewords (after error
//! correction) back to what a reader transmits, for QR Code, Micro QR and
//! rMQR.
//!
//! It covers what ISO/IEC 18004 §7.4 and ISO/IEC 23941 put in the stream:
//! numeric, alphanumeric, byte and Kanji segments, ECI designators,
//! Structured Append (QR Code only), FNC1 in first position (GS1, `]Q3`)
//! and in second position with its application indicator (`]Q5`). Under
//! FNC1 an alphanumeric `%` is the field separator (transmitted as GS,
//! 0x1D) and `%%` a literal `%` (§7.4.8.1).
//!
//! The parser is strict where the standard is: a mode indicator that does
//! not exist, a digit group above 999, an alphanumeric value above 44, a
//! Kanji value outside the Shift JIS ranges, a segment that runs past the
//! end of the data, a Structured Append or FNC1 header after data, an
//! invalid application indicator — each is a [`ParseError`] with the bit
//! offset where it starts. After the terminator (or when fewer bits remain
//! than a terminator takes) the rest is padding and is not read.
//!
//! ```
//! use serialkit_symbology::qr::parse::{SymbolKind, parse};
//! use serialkit_symbology::qr::{EccLevel, Options, QrCode};
//!
//! let qr = QrCode::encode_gs1("^0109521234543213^10A%B", &Options::default())?;
//! let data = parse(SymbolKind::Qr(qr.version()), qr.ecc(), qr.data_codewords())?;
//! assert_eq!(data.symbology_identifier().to_string(), "]Q3");
//! assert_eq!(data.transmitted(), b"0109521234543213\x1d10A%B");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;

use super::micro::MicroVersion;
use super::rmqr::RmqrSize;
use super::segment::{Mode, kanji_value};
use super::{
    ApplicationIndicator, EccLevel, EncodeError, Framing, QR_COUNT_BITS, StructuredAppend, Version,
};
use crate::grid::SymbologyIdentifier;
use crate::input::Eci;

/// Which member of the QR family, at which size: the character count
/// indicator lengths, the mode indicators and the terminator depend on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SymbolKind {
    /// QR Code (model 2), versions 1–40.
    Qr(Version),
    /// Micro QR Code, M1–M4.
    Micro(MicroVersion),
    /// rMQR, one of the 32 sizes.
    Rmqr(RmqrSize),
}

impl fmt::Display for SymbolKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SymbolKind::Qr(v) => write!(f, "QR Code version {v}"),
            SymbolKind::Micro(v) => write!(f, "Micro QR {v}"),
            SymbolKind::Rmqr(s) => write!(f, "rMQR {s}"),
        }
    }
}

/// What a mode indicator announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Indicator {
    Terminator,
    Data(Mode),
    Eci,
    StructuredAppend,
    Fnc1First,
    Fnc1Second,
    /// GB/T 18284 Hanzi mode (0b1101 in QR Code): not part of ISO/IEC
    /// 18004, reported as unsupported.
    Hanzi,
    Unknown,
}

impl SymbolKind {
    /// Bits of a mode indicator (Micro QR M1 has none: numeric only).
    fn indicator_bits(self) -> usize {
        match self {
            SymbolKind::Qr(_) => 4,
            SymbolKind::Micro(v) => v.number() as usize - 1,
            SymbolKind::Rmqr(_) => 3,
        }
    }

    /// Bits of the terminator (ISO/IEC 18004 Table 2; ISO/IEC 23941).
    fn terminator_bits(self) -> usize {
        match self {
            SymbolKind::Qr(_) => 4,
            SymbolKind::Micro(v) => 2 * v.number() as usize + 1,
            SymbolKind::Rmqr(_) => 3,
        }
    }

    /// Character count indicator lengths for numeric, alphanumeric, byte,
    /// Kanji; 0 where the mode does not exist.
    fn count_bits(self) -> [u8; 4] {
        match self {
            SymbolKind::Qr(v) => QR_COUNT_BITS[v.count_class()],
            SymbolKind::Micro(v) => v.count_bits(),
            SymbolKind::Rmqr(s) => s.count_bits(),
        }
    }

    fn indicator(self, value: u32) -> Indicator {
        match self {
            SymbolKind::Qr(_) => match value {
                0b0000 => Indicator::Terminator,
                0b0001 => Indicator::Data(Mode::Numeric),
                0b0010 => Indicator::Data(Mode::Alphanumeric),
                0b0100 => Indicator::Data(Mode::Byte),
                0b1000 => Indicator::Data(Mode::Kanji),
                0b0111 => Indicator::Eci,
                0b0011 => Indicator::StructuredAppend,
                0b0101 => Indicator::Fnc1First,
                0b1001 => Indicator::Fnc1Second,
                0b1101 => Indicator::Hanzi,
                _ => Indicator::Unknown,
            },
            // The indicator is the mode's index; modes the version lacks
            // have no indicator value at all.
            SymbolKind::Micro(_) => match value {
                0 => Indicator::Data(Mode::Numeric),
                1 => Indicator::Data(Mode::Alphanumeric),
                2 => Indicator::Data(Mode::Byte),
                3 => Indicator::Data(Mode::Kanji),
                _ => Indicator::Unknown,
            },
            SymbolKind::Rmqr(_) => match value {
                0b000 => Indicator::Terminator,
                0b001 => Indicator::Data(Mode::Numeric),
                0b010 => Indicator::Data(Mode::Alphanumeric),
                0b011 => Indicator::Data(Mode::Byte),
                0b100 => Indicator::Data(Mode::Kanji),
                0b101 => Indicator::Fnc1First,
                0b110 => Indicator::Fnc1Second,
                _ => Indicator::Eci,
            },
        }
    }

    /// Data bits at `ecc` for a stream of `codewords` data codewords: all
    /// of them, except that Micro QR M1 and M3 end in a 4-bit codeword.
    fn data_bits(self, ecc: EccLevel, codewords: usize) -> usize {
        match self {
            SymbolKind::Micro(v) => v
                .capacity(ecc)
                .map_or(8 * codewords, |c| c.data_bits.min(8 * codewords)),
            _ => 8 * codewords,
        }
    }
}

/// What went wrong, without the position (see [`ParseError`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ParseErrorKind {
    /// A mode indicator value that means nothing in this symbol.
    UnknownMode(u32),
    /// Hanzi mode (GB/T 18284), which ISO/IEC 18004 does not define.
    Hanzi,
    /// A mode this size does not have (e.g. byte mode in Micro QR M2).
    ModeUnavailable(Mode),
    /// The segment (or header) needs more bits than the data holds.
    Truncated {
        /// Bits the item needs.
        needed: usize,
        /// Bits left.
        available: usize,
    },
    /// A numeric group of 3, 2 or 1 digits whose value is too large
    /// (above 999, 99 or 9).
    Digits(u32),
    /// An alphanumeric value above 44 (or a pair above 44 × 45 + 44).
    Alphanumeric(u32),
    /// A Kanji value that maps to no Shift JIS double-byte character of the
    /// Kanji mode ranges.
    Kanji(u32),
    /// An ECI designator with an invalid prefix or above 999999.
    Eci(u32),
    /// A Structured Append header that is not at the start, or with a
    /// position above the count.
    StructuredAppend,
    /// FNC1 in first or second position after data, or twice.
    Fnc1Position,
    /// An application indicator that is neither 00–99 nor a letter + 100.
    ApplicationIndicator(u32),
}

impl fmt::Display for ParseErrorKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ParseErrorKind::UnknownMode(v) => write!(f, "unknown mode indicator {v:#b}"),
            ParseErrorKind::Hanzi => f.write_str("Hanzi mode (GB/T 18284) is not supported"),
            ParseErrorKind::ModeUnavailable(m) => {
                write!(f, "{m:?} mode does not exist in this size")
            }
            ParseErrorKind::Truncated { needed, available } => {
                write!(f, "needs {needed} bits, {available} left")
            }
            ParseErrorKind::Digits(v) => write!(f, "numeric group value {v} is too large"),
            ParseErrorKind::Alphanumeric(v) => write!(f, "alphanumeric value {v} is too large"),
            ParseErrorKind::Kanji(v) => write!(f, "Kanji value {v:#x} is no Shift JIS character"),
            ParseErrorKind::Eci(v) => write!(f, "invalid ECI designator {v:#x}"),
            ParseErrorKind::StructuredAppend => {
                f.write_str("Structured Append header after data or with position above count")
            }
            ParseErrorKind::Fnc1Position => {
                f.write_str("FNC1 in first/second position after data, or repeated")
            }
            ParseErrorKind::ApplicationIndicator(v) => {
                write!(f, "application indicator {v} is neither 00-99 nor a letter")
            }
        }
    }
}

/// Why a bit stream does not parse: what, and the bit offset (from the
/// first bit of the first data codeword) of the item where it happened.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{symbol}, bit {bit}: {kind}")]
pub struct ParseError {
    /// What went wrong.
    pub kind: ParseErrorKind,
    /// Bit offset of the mode indicator or value that is wrong.
    pub bit: usize,
    /// The symbol the stream was read as.
    pub symbol: SymbolKind,
}

/// How FNC1 is used in the symbol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Fnc1 {
    /// No FNC1: plain data.
    #[default]
    None,
    /// FNC1 in first position: GS1 data (`]Q3`/`]Q4`).
    First,
    /// FNC1 in second position with this application indicator
    /// (`]Q5`/`]Q6`).
    Second(ApplicationIndicator),
}

/// One piece of parsed data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ParsedSegment {
    /// An ECI designator: the data after it is in that interpretation.
    Eci(Eci),
    /// A segment's data as transmitted: under FNC1 an alphanumeric `%`
    /// becomes GS and `%%` becomes `%`; Kanji characters are their Shift
    /// JIS byte pairs.
    Data {
        /// The segment's mode.
        mode: Mode,
        /// Its bytes.
        bytes: Vec<u8>,
    },
}

/// A parsed bit stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsedData {
    /// The Structured Append header, if any.
    pub structured_append: Option<StructuredAppend>,
    /// FNC1 in first or second position.
    pub fnc1: Fnc1,
    /// Segments and ECI designators in stream order.
    pub segments: Vec<ParsedSegment>,
    /// Bits before the terminator (or before the end of the data when the
    /// terminator was left out because the symbol is full): headers and
    /// segments, the length of the bit stream an encoder wrote.
    pub bits: usize,
}

/// Why parsed data has no Unicode text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TextError {
    /// The data is under an ECI whose character set is not supported here.
    #[error("no character set for {0}")]
    UnsupportedEci(Eci),
    /// The bytes are not valid in the character set the ECI names.
    #[error("the bytes after {0} are not valid in its character set")]
    Malformed(Eci),
}

impl ParsedData {
    /// The AIM symbology identifier a reader transmits (`]Q1`–`]Q6`).
    pub fn symbology_identifier(&self) -> SymbologyIdentifier {
        let framing = Framing {
            fnc1_first: self.fnc1 == Fnc1::First,
            fnc1_second: match self.fnc1 {
                Fnc1::Second(ai) => Some(ai),
                _ => None,
            },
            has_eci: self
                .segments
                .iter()
                .any(|s| matches!(s, ParsedSegment::Eci(_))),
        };
        framing.identifier()
    }

    /// The bytes a reader transmits after the symbology identifier: the
    /// application indicator under FNC1 in second position, then every
    /// segment's bytes (ECI designators are not included; see
    /// [`ParsedData::text`]).
    pub fn transmitted(&self) -> Vec<u8> {
        let mut out = Vec::new();
        if let Fnc1::Second(ai) = self.fnc1 {
            out.extend_from_slice(ai.transmitted().as_bytes());
        }
        for s in &self.segments {
            if let ParsedSegment::Data { bytes, .. } = s {
                out.extend_from_slice(bytes);
            }
        }
        out
    }

    /// The data as Unicode text, each segment read in the character set its
    /// ECI names (ISO/IEC 8859-1 before any ECI; Kanji segments are Shift
    /// JIS), as readers present it. The application indicator of FNC1 in
    /// second position comes first.
    pub fn text(&self) -> Result<String, TextError> {
        let mut out = String::new();
        if let Fnc1::Second(ai) = self.fnc1 {
            out.push_str(&ai.transmitted());
        }
        let mut eci = None;
        for s in &self.segments {
            match s {
                ParsedSegment::Eci(e) => eci = Some(*e),
                ParsedSegment::Data {
                    mode: Mode::Kanji,
                    bytes,
                } => {
                    let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(bytes);
                    if bad {
                        return Err(TextError::Malformed(eci.unwrap_or(Eci::LATIN_1)));
                    }
                    out.push_str(&text);
                }
                ParsedSegment::Data { bytes, .. } => out.push_str(&decode_eci(eci, bytes)?),
            }
        }
        Ok(out)
    }
}

/// `bytes` in the character set of `eci` (ISO/IEC 8859-1 without one).
fn decode_eci(eci: Option<Eci>, bytes: &[u8]) -> Result<String, TextError> {
    let latin1 = || bytes.iter().map(|&b| b as char).collect::<String>();
    let Some(eci) = eci else {
        return Ok(latin1());
    };
    use encoding_rs as e;
    // AIM ECI assignments; WHATWG's "ISO-8859-1" is windows-1252, so
    // Latin-1 (and binary, which readers show as Latin-1) is mapped by
    // hand.
    let encoding = match eci.number() {
        1 | 3 | 899 => return Ok(latin1()),
        27 if bytes.is_ascii() => return Ok(latin1()),
        4 => e::ISO_8859_2,
        5 => e::ISO_8859_3,
        6 => e::ISO_8859_4,
        7 => e::ISO_8859_5,
        8 => e::ISO_8859_6,
        9 => e::ISO_8859_7,
        10 => e::ISO_8859_8,
        11 => e::WINDOWS_1254,
        12 => e::ISO_8859_10,
        13 => e::WINDOWS_874,
        15 => e::ISO_8859_13,
        16 => e::ISO_8859_14,
        17 => e::ISO_8859_15,
        18 => e::ISO_8859_16,
        20 => e::SHIFT_JIS,
        21 => e::WINDOWS_1250,
        22 => e::WINDOWS_1251,
        23 => e::WINDOWS_1252,
        24 => e::WINDOWS_1256,
        25 => e::UTF_16BE,
        26 => e::UTF_8,
        28 => e::BIG5,
        29 => e::GB18030,
        30 => e::EUC_KR,
        _ => return Err(TextError::UnsupportedEci(eci)),
    };
    let (text, bad) = encoding.decode_without_bom_handling(bytes);
    if bad {
        return Err(TextError::Malformed(eci));
    }
    Ok(text.into_owned())
}

/// Reads bits most significant first, up to a limit.
struct Bits<'a> {
    data: &'a [u8],
    pos: usize,
    len: usize,
}

impl Bits<'_> {
    fn available(&self) -> usize {
        self.len - self.pos
    }

    /// The next `n` bits (n ≤ 32) without consuming them; `None` past the
    /// end.
    fn peek(&self, n: usize) -> Option<u32> {
        if n > self.available() {
            return None;
        }
        let mut v = 0u32;
        for i in self.pos..self.pos + n {
            v = v << 1 | u32::from(self.data[i / 8] >> (7 - i % 8) & 1);
        }
        Some(v)
    }
}

/// Parses the data codewords of a symbol of `kind` at level `ecc` (after
/// error correction, padding included).
pub fn parse(kind: SymbolKind, ecc: EccLevel, data: &[u8]) -> Result<ParsedData, ParseError> {
    let mut bits = Bits {
        data,
        pos: 0,
        len: kind.data_bits(ecc, data.len()),
    };
    let err = |kind_: ParseErrorKind, bit: usize| ParseError {
        kind: kind_,
        bit,
        symbol: kind,
    };
    // Consumes `n` bits or reports the item starting at `start` as cut off.
    let take = |bits: &mut Bits<'_>, n: usize, start: usize| -> Result<u32, ParseError> {
        let v = bits.peek(n).ok_or_else(|| {
            err(
                ParseErrorKind::Truncated {
                    needed: bits.pos + n - start,
                    available: bits.len - start,
                },
                start,
            )
        })?;
        bits.pos += n;
        Ok(v)
    };
    let count_bits = kind.count_bits();
    let mut out = ParsedData {
        structured_append: None,
        fnc1: Fnc1::None,
        segments: Vec::new(),
        bits: 0,
    };
    let mut seen_data = false;
    loop {
        // The terminator, or its truncated form at the very end.
        let t = kind.terminator_bits().min(bits.available());
        if t == 0 || bits.peek(t) == Some(0) {
            out.bits = bits.pos;
            return Ok(out);
        }
        let start = bits.pos;
        let (indicator, value) = match kind.indicator_bits() {
            0 => (Indicator::Data(Mode::Numeric), 0),
            n => {
                let v = take(&mut bits, n, start)?;
                (kind.indicator(v), v)
            }
        };
        match indicator {
            Indicator::Terminator => {
                out.bits = start;
                return Ok(out);
            }
            Indicator::Unknown => return Err(err(ParseErrorKind::UnknownMode(value), start)),
            Indicator::Hanzi => return Err(err(ParseErrorKind::Hanzi, start)),
            Indicator::StructuredAppend => {
                let position = take(&mut bits, 4, start)? as u8 + 1;
                let count = take(&mut bits, 4, start)? as u8 + 1;
                let parity = take(&mut bits, 8, start)? as u8;
                if seen_data || out.structured_append.is_some() || out.fnc1 != Fnc1::None {
                    return Err(err(ParseErrorKind::StructuredAppend, start));
                }
                out.structured_append = Some(
                    StructuredAppend::new(position, count, parity)
                        .map_err(|_: EncodeError| err(ParseErrorKind::StructuredAppend, start))?,
                );
            }
            Indicator::Fnc1First => {
                if seen_data || out.fnc1 != Fnc1::None {
                    return Err(err(ParseErrorKind::Fnc1Position, start));
                }
                out.fnc1 = Fnc1::First;
            }
            Indicator::Fnc1Second => {
                let value = take(&mut bits, 8, start)?;
                if seen_data || out.fnc1 != Fnc1::None {
                    return Err(err(ParseErrorKind::Fnc1Position, start));
                }
                let ai = ApplicationIndicator::from_value(value as u8)
                    .ok_or_else(|| err(ParseErrorKind::ApplicationIndicator(value), start))?;
                out.fnc1 = Fnc1::Second(ai);
            }
            Indicator::Eci => {
                let first = take(&mut bits, 8, start)?;
                let number = if first & 0x80 == 0 {
                    first
                } else if first & 0xC0 == 0x80 {
                    (first & 0x3F) << 8 | take(&mut bits, 8, start)?
                } else if first & 0xE0 == 0xC0 {
                    (first & 0x1F) << 16 | take(&mut bits, 16, start)?
                } else {
                    return Err(err(ParseErrorKind::Eci(first), start));
                };
                let eci =
                    Eci::new(number).ok_or_else(|| err(ParseErrorKind::Eci(number), start))?;
                out.segments.push(ParsedSegment::Eci(eci));
            }
            Indicator::Data(mode) => {
                let cb = count_bits[mode as usize] as usize;
                if cb == 0 {
                    return Err(err(ParseErrorKind::ModeUnavailable(mode), start));
                }
                let count = take(&mut bits, cb, start)? as usize;
                let gs1 = out.fnc1 != Fnc1::None;
                let bytes = read_segment(&mut bits, mode, count, gs1, start, &take, &err)?;
                seen_data = true;
                out.segments.push(ParsedSegment::Data { mode, bytes });
            }
        }
    }
}

const ALPHANUMERIC: &[u8; 45] = b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

fn read_segment(
    bits: &mut Bits<'_>,
    mode: Mode,
    count: usize,
    gs1: bool,
    start: usize,
    take: &impl Fn(&mut Bits<'_>, usize, usize) -> Result<u32, ParseError>,
    err: &impl Fn(ParseErrorKind, usize) -> ParseError,
) -> Result<Vec<u8>, ParseError> {
    let mut out = Vec::with_capacity(count * if mode == Mode::Kanji { 2 } else { 1 });
    match mode {
        Mode::Numeric => {
            let mut left = count;
            while left > 0 {
                let digits = left.min(3);
                let at = bits.pos;
                let v = take(bits, [0, 4, 7, 10][digits], start)?;
                if v >= [1, 10, 100, 1000][digits] {
                    return Err(err(ParseErrorKind::Digits(v), at));
                }
                let text = format!("{v:0digits$}");
                out.extend_from_slice(text.as_bytes());
                left -= digits;
            }
        }
        Mode::Alphanumeric => {
            let mut chars = Vec::with_capacity(count);
            let mut left = count;
            while left > 0 {
                let at = bits.pos;
                if left >= 2 {
                    let v = take(bits, 11, start)?;
                    if v >= 45 * 45 {
                        return Err(err(ParseErrorKind::Alphanumeric(v), at));
                    }
                    chars.push(ALPHANUMERIC[(v / 45) as usize]);
                    chars.push(ALPHANUMERIC[(v % 45) as usize]);
                    left -= 2;
                } else {
                    let v = take(bits, 6, start)?;
                    if v >= 45 {
                        return Err(err(ParseErrorKind::Alphanumeric(v), at));
                    }
                    chars.push(ALPHANUMERIC[v as usize]);
                    left -= 1;
                }
            }
            if gs1 {
                // §7.4.8.1: `%` is the separator, `%%` a literal `%`.
                let mut i = 0;
                while i < chars.len() {
                    if chars[i] == b'%' {
                        if chars.get(i + 1) == Some(&b'%') {
                            out.push(b'%');
                            i += 2;
                            continue;
                        }
                        out.push(0x1D);
                    } else {
                        out.push(chars[i]);
                    }
                    i += 1;
                }
            } else {
                out = chars;
            }
        }
        Mode::Byte => {
            for _ in 0..count {
                out.push(take(bits, 8, start)? as u8);
            }
        }
        Mode::Kanji => {
            for _ in 0..count {
                let at = bits.pos;
                let v = take(bits, 13, start)?;
                let pair = kanji_bytes(v).ok_or_else(|| err(ParseErrorKind::Kanji(v), at))?;
                out.extend_from_slice(&pair);
            }
        }
    }
    Ok(out)
}

/// The Shift JIS byte pair of a 13-bit Kanji mode value (the inverse of
/// ISO/IEC 18004 §7.4.6), or `None` when none maps to it.
fn kanji_bytes(v: u32) -> Option<[u8; 2]> {
    let (hi, lo) = (v / 0xC0, v % 0xC0);
    let c = hi << 8 | lo;
    let c = if c < 0x1F00 { c + 0x8140 } else { c + 0xC140 };
    let pair = [(c >> 8) as u8, c as u8];
    (c <= 0xFFFF && kanji_value(pair[0], pair[1]) == Some(v as u16)).then_some(pair)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Segment;
    use crate::qr::micro::{self, MicroQr};
    use crate::qr::rmqr::{self, Rmqr};
    use crate::qr::{Options, QrCode};

    fn qr(segments: &[Segment<'_>], options: &Options) -> ParsedData {
        let qr = QrCode::encode(segments, options).unwrap();
        parse(SymbolKind::Qr(qr.version()), qr.ecc(), qr.data_codewords()).unwrap()
    }

    #[test]
    fn annex_i_numeric() {
        // ISO/IEC 18004 Annex I: 1-M "01234567".
        let data = [
            0x10, 0x20, 0x0C, 0x56, 0x61, 0x80, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11, 0xEC, 0x11,
            0xEC, 0x11,
        ];
        let p = parse(SymbolKind::Qr(Version::MIN), EccLevel::M, &data).unwrap();
        assert_eq!(p.transmitted(), b"01234567");
        assert_eq!(p.bits, 41);
        assert_eq!(p.symbology_identifier().to_string(), "]Q1");
    }

    #[test]
    fn gs1_percent_and_separators() {
        let qr = QrCode::encode_gs1("^10A%B^21%%X", &Options::default()).unwrap();
        let p = parse(SymbolKind::Qr(qr.version()), qr.ecc(), qr.data_codewords()).unwrap();
        assert_eq!(p.fnc1, Fnc1::First);
        assert_eq!(p.transmitted(), b"10A%B\x1d21%%X");
        assert_eq!(p.text().unwrap(), "10A%B\u{1d}21%%X");
    }

    #[test]
    fn headers() {
        let o = Options {
            structured_append: Some(StructuredAppend::new(2, 3, 0x5A).unwrap()),
            fnc1_second: ApplicationIndicator::letter('a'),
            ..Options::default()
        };
        let p = qr(
            &[Segment::Data(b"AB"), Segment::Fnc1, Segment::Data(b"cd")],
            &o,
        );
        assert_eq!(p.structured_append, o.structured_append);
        assert_eq!(p.symbology_identifier().to_string(), "]Q5");
        assert_eq!(p.transmitted(), b"aAB\x1dcd");
        let p = qr(
            &[
                Segment::Eci(Eci::new(20000).unwrap()),
                Segment::Data(b"1"),
                Segment::Eci(Eci::UTF_8),
                Segment::Data("é".as_bytes()),
            ],
            &Options::default(),
        );
        assert_eq!(p.segments[0], ParsedSegment::Eci(Eci::new(20000).unwrap()));
        assert_eq!(p.symbology_identifier().to_string(), "]Q2");
        assert_eq!(
            p.text(),
            Err(TextError::UnsupportedEci(Eci::new(20000).unwrap()))
        );
    }

    #[test]
    fn kanji_and_mixed() {
        let o = Options {
            kanji: true,
            ..Options::default()
        };
        // Ten Kanji characters: long enough that Kanji mode beats byte mode.
        let mut sjis = vec![b'A', b'1'];
        for _ in 0..5 {
            sjis.extend([0x93, 0x5F, 0xE4, 0xAA]);
        }
        sjis.push(b'x');
        let p = qr(&[Segment::Data(&sjis)], &o);
        assert_eq!(p.transmitted(), sjis);
        assert!(p.segments.iter().any(|s| matches!(
            s,
            ParsedSegment::Data {
                mode: Mode::Kanji,
                ..
            }
        )));
        assert_eq!(p.text().unwrap(), format!("A1{}x", "点茗".repeat(5)));
        for v in 0..0x2000u32 {
            if let Some([a, b]) = kanji_bytes(v) {
                assert_eq!(kanji_value(a, b), Some(v as u16));
            }
        }
    }

    #[test]
    fn micro_and_rmqr() {
        for data in [
            &b"12345"[..],
            b"HELLO 12",
            b"hello",
            b"1234567890123456789012",
        ] {
            let Ok(m) = MicroQr::encode_bytes(data, &micro::Options::default()) else {
                continue;
            };
            let p = parse(SymbolKind::Micro(m.version()), m.ecc(), m.data_codewords()).unwrap();
            assert_eq!(p.transmitted(), data, "{}", m.version());
        }
        let r = Rmqr::encode_gs1("^0109521234543213^10A%B", &rmqr::Options::default()).unwrap();
        let p = parse(SymbolKind::Rmqr(r.size()), r.ecc(), r.data_codewords()).unwrap();
        assert_eq!(p.transmitted(), b"0109521234543213\x1d10A%B");
        assert_eq!(p.symbology_identifier().to_string(), "]Q3");
    }

    #[test]
    fn errors_say_where() {
        // 0110 is no QR mode indicator.
        let e = parse(SymbolKind::Qr(Version::MIN), EccLevel::H, &[0x60; 9]).unwrap_err();
        assert_eq!(
            (e.kind.clone(), e.bit),
            (ParseErrorKind::UnknownMode(0b0110), 0)
        );
        // Numeric, count 3, then the group 1023 (> 999) at bit 14.
        let e = parse(
            SymbolKind::Qr(Version::MIN),
            EccLevel::H,
            &[0x10, 0x0F, 0xFF, 0, 0, 0, 0, 0, 0],
        )
        .unwrap_err();
        assert_eq!((e.kind.clone(), e.bit), (ParseErrorKind::Digits(1023), 14));
        // Byte mode, count 200: runs past the 9 codewords.
        let e = parse(
            SymbolKind::Qr(Version::MIN),
            EccLevel::H,
            &[0x4C, 0x80, 0, 0, 0, 0, 0, 0, 0],
        )
        .unwrap_err();
        assert!(matches!(e.kind, ParseErrorKind::Truncated { .. }), "{e}");
        assert_eq!(e.bit, 0);
        // FNC1 in first position after data.
        let e = parse(
            SymbolKind::Qr(Version::MIN),
            EccLevel::H,
            &[0x10, 0x04, 0x54, 0, 0, 0, 0, 0, 0],
        )
        .unwrap_err();
        assert_eq!((e.kind.clone(), e.bit), (ParseErrorKind::Fnc1Position, 18));
        assert!(e.to_string().contains("bit 18"), "{e}");
    }
}
