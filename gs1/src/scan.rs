//! Scan data: what a barcode reader transmits — an AIM symbology identifier
//! (`]d2`, `]Q3`, `]C1`, …) followed by the decoded data, with GS (0x1D)
//! for FNC1 separators in GS1 mode.
//!
//! Reading scan data tells GS1 content (`]C1 ]e0 ]d2 ]Q3 ]J1`) from plain
//! data (`]d1 ]Q1 ]J0 ]C0`) and decodes EAN/UPC (`]E0`, `]E4`) and ITF-14
//! (`]I1`) as GTINs, with an optional 2D composite (`|]e0…`).
//! [`Carrier`] writes scan data back for a given symbol type, as a reader
//! would transmit it.

use crate::check_digit;
use crate::dl::{DigitalLink, is_digital_link};
use crate::element::message::{Framing, parse_framed};
use crate::element::validate::finish;
use crate::element::{ElementString, Fnc1Notation, Options};
use crate::error::{Error, ErrorKind, Errors};
use crate::ident::Gtin;
pub use crate::symbology_id::SymbologyIdentifier;

/// What a scan carried.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScanContent<'a> {
    /// GS1 element strings (a GS1-mode symbol).
    Gs1(ElementString<'a>),
    /// Data that is not GS1 element strings (a plain-mode symbol).
    Plain(&'a [u8]),
    /// A GS1 Digital Link URI in a plain-mode 2D symbol (`]d1`, `]Q1`,
    /// `]J0`): data starting with `http://` or `https://` (all lower or all
    /// upper case), parsed and validated. Its spans count from the start of
    /// the scan data.
    DigitalLink(DigitalLink<'a>),
    /// An EAN/UPC or ITF-14 symbol: a GTIN, possibly with a 2D composite.
    Gtin {
        /// The GTIN, normalised to 14 digits.
        gtin: Gtin,
        /// The digits as transmitted (8, 13 or 14).
        digits: &'a str,
        /// The composite component's element strings, if any.
        composite: Option<ElementString<'a>>,
    },
}

/// Parsed scan data: the symbology identifier and the content.
///
/// ```
/// use serialkit_gs1::{Options, scan::{ScanData, ScanContent}};
/// let s = ScanData::parse(b"]d2010952123454321310ABC\x1d17261231", &Options::default())?;
/// let ScanContent::Gs1(es) = s.content() else { unreachable!() };
/// assert_eq!(es.to_string(), "(01)09521234543213(10)ABC(17)261231");
/// # Ok::<(), serialkit_gs1::Errors>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScanData<'a> {
    id: SymbologyIdentifier,
    content: ScanContent<'a>,
}

impl<'a> ScanData<'a> {
    /// Parses scan data. GS1 content is validated like any element string.
    pub fn parse(input: &'a [u8], options: &Options) -> Result<ScanData<'a>, Errors> {
        if input.len() < 3 || input[0] != b']' {
            return Err(Error::new(
                ErrorKind::MissingSymbologyIdentifier,
                None,
                0..input.len().min(3),
            )
            .into());
        }
        let Some(id) = SymbologyIdentifier::from_bytes([input[0], input[1], input[2]]) else {
            return Err(Error::new(ErrorKind::UnsupportedSymbologyIdentifier, None, 0..3).into());
        };
        let body = &input[3..];
        let content = match (id.as_bytes()[1], id.as_bytes()[2]) {
            (b'C', b'1') | (b'e', b'0') | (b'd', b'2') | (b'Q', b'3') | (b'J', b'1') => {
                ScanContent::Gs1(gs1_body(body, 3, options)?)
            }
            (b'd', b'1') | (b'Q', b'1') | (b'J', b'0') if is_digital_link(body) => {
                ScanContent::DigitalLink(digital_link(body, options)?)
            }
            (b'C', b'0') | (b'd', b'1') | (b'Q', b'1') | (b'J', b'0') => ScanContent::Plain(body),
            (b'E', b'0') | (b'E', b'4') | (b'I', b'1') => primary(id, body, options)?,
            _ => {
                return Err(
                    Error::new(ErrorKind::UnsupportedSymbologyIdentifier, None, 0..3).into(),
                );
            }
        };
        Ok(ScanData { id, content })
    }

    /// The symbology identifier.
    pub fn symbology_identifier(&self) -> SymbologyIdentifier {
        self.id
    }

    /// What the symbol carried.
    pub fn content(&self) -> &ScanContent<'a> {
        &self.content
    }

    /// The content, consuming the scan data.
    pub fn into_content(self) -> ScanContent<'a> {
        self.content
    }
}

/// A Digital Link URI after a three-byte symbology identifier.
fn digital_link<'a>(body: &'a [u8], options: &Options) -> Result<DigitalLink<'a>, Errors> {
    let text = core::str::from_utf8(body).map_err(|e| {
        let at = 3 + e.valid_up_to();
        Errors::from(Error::new(ErrorKind::UriIllegalCharacter, None, at..at + 1))
    })?;
    DigitalLink::parse_at(text, options, 3)
}

fn gs1_body<'a>(
    body: &'a [u8],
    base: usize,
    options: &Options,
) -> Result<ElementString<'a>, Errors> {
    if body.is_empty() {
        return Err(Error::new(ErrorKind::EmptyMessage, None, base..base).into());
    }
    let parsed = parse_framed(body, base, options, Framing::Transmitted)?;
    finish(parsed, options)
}

/// EAN-13/UPC-A (13 digits), EAN-8 (8 digits), ITF-14 (14 digits), each
/// with its check digit, optionally followed by `|]e0` and a composite.
fn primary<'a>(
    id: SymbologyIdentifier,
    body: &'a [u8],
    options: &Options,
) -> Result<ScanContent<'a>, Errors> {
    let want = match id.as_bytes()[1] {
        b'I' => 14,
        _ if id.as_bytes()[2] == b'4' => 8,
        _ => 13,
    };
    let (digits, rest) = match body.iter().position(|&b| b == b'|') {
        Some(i) => (&body[..i], Some(i)),
        None => (body, None),
    };
    let fail = |kind, span| -> Errors { Error::new(kind, None, span).into() };
    if digits.len() < want {
        return Err(fail(ErrorKind::PrimaryDataTooShort, 3..3 + digits.len()));
    }
    if digits.len() > want {
        return Err(fail(
            ErrorKind::PrimaryDataTooLong,
            3 + want..3 + digits.len(),
        ));
    }
    if let Some(p) = digits.iter().position(|b| !b.is_ascii_digit()) {
        return Err(fail(ErrorKind::PrimaryDataNotNumeric, 3 + p..4 + p));
    }
    if !check_digit::is_valid_mod10(digits) {
        return Err(fail(
            ErrorKind::PrimaryCheckDigitIncorrect,
            2 + want..3 + want,
        ));
    }
    // Digits only, so this is valid UTF-8 and a valid GTIN.
    let text =
        core::str::from_utf8(digits).map_err(|_| fail(ErrorKind::InvalidInput, 3..3 + want))?;
    let gtin = Gtin::parse_any(text).map_err(|e| fail(e.kind, 3 + e.span.start..3 + e.span.end))?;
    let composite = match rest {
        None => None,
        Some(i) => {
            let cc = &body[i + 1..];
            let at = 3 + i + 1;
            if !cc.starts_with(b"]e0") {
                return Err(fail(
                    ErrorKind::MissingSymbologyIdentifier,
                    at..at + cc.len().min(3),
                ));
            }
            Some(gs1_body(&cc[3..], at + 3, options)?)
        }
    };
    Ok(ScanContent::Gtin {
        gtin,
        digits: text,
        composite,
    })
}

/// The kind of symbol a message is carried in, which decides how a reader
/// transmits it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Carrier {
    /// GS1 DataMatrix / Data Matrix.
    DataMatrix,
    /// GS1 QR Code / QR Code.
    Qr,
    /// GS1 DotCode / DotCode.
    DotCode,
    /// GS1-128 (with a CC-A/B composite when there is a 2D part).
    Gs1_128,
    /// GS1 DataBar Expanded (and Expanded Stacked).
    DataBarExpanded,
    /// GS1 DataBar Omnidirectional (and Truncated, Stacked): GTIN only.
    DataBarOmni,
    /// GS1 DataBar Limited: GTIN only.
    DataBarLimited,
    /// EAN-13.
    Ean13,
    /// EAN-8.
    Ean8,
    /// UPC-A.
    UpcA,
    /// UPC-E.
    UpcE,
    /// ITF-14.
    Itf14,
}

impl Carrier {
    /// The scan data a reader transmits for GS1 element strings in this
    /// carrier, or `None` when the carrier cannot hold them (e.g. an EAN-13
    /// without a GTIN whose indicator digit is 0).
    ///
    /// Linear and composite parts are transmitted as one `]e0` message when
    /// the symbol has a 2D composite (GS1 General Specifications 5.1.2.3),
    /// except after EAN/UPC, whose composite follows as `|]e0…`.
    pub fn scan_data(self, es: &ElementString<'_>) -> Option<Vec<u8>> {
        // Linear and composite parts travel as one message: FNC1 between
        // them only where the linear part ends in a variable-length value.
        let gs = |e: &ElementString<'_>| {
            ElementString::from_parts(e.elements().to_vec(), None)
                .to_message(Fnc1Notation::Gs)
                .into_bytes()
        };
        let mut out = Vec::new();
        match self {
            Carrier::DataMatrix => out.extend_from_slice(b"]d2"),
            Carrier::Qr => out.extend_from_slice(b"]Q3"),
            Carrier::DotCode => out.extend_from_slice(b"]J1"),
            Carrier::Gs1_128 if es.composite_index().is_none() => out.extend_from_slice(b"]C1"),
            Carrier::Gs1_128 | Carrier::DataBarExpanded => out.extend_from_slice(b"]e0"),
            Carrier::DataBarOmni | Carrier::DataBarLimited => {
                // The linear part is exactly the GTIN.
                let first = es.elements().first()?;
                if first.ai().as_str() != "01" || es.composite_index().is_some_and(|i| i != 1) {
                    return None;
                }
                out.extend_from_slice(b"]e0");
            }
            Carrier::Ean13 | Carrier::Ean8 | Carrier::UpcA | Carrier::UpcE | Carrier::Itf14 => {
                let first = es.elements().first()?;
                if first.ai().as_str() != "01" || es.composite_index().is_some_and(|i| i != 1) {
                    return None;
                }
                let gtin = first.value();
                out.extend_from_slice(&self.primary_scan(gtin)?);
                if let Some(i) = es.composite_index() {
                    let cc = ElementString::from_parts(es.elements()[i..].to_vec(), None);
                    out.extend_from_slice(b"|]e0");
                    out.extend_from_slice(&gs(&cc));
                }
                return Some(out);
            }
        }
        out.extend_from_slice(&gs(es));
        Some(out)
    }

    /// The scan data for plain (non-GS1) data in a 2D carrier, or for the
    /// digits of an EAN/UPC/ITF-14 or DataBar primary (with or without check
    /// digit).
    pub fn plain_scan_data(self, data: &[u8]) -> Option<Vec<u8>> {
        let mut out = Vec::new();
        match self {
            Carrier::DataMatrix => out.extend_from_slice(b"]d1"),
            Carrier::Qr => out.extend_from_slice(b"]Q1"),
            Carrier::DotCode => out.extend_from_slice(b"]J0"),
            Carrier::Gs1_128 | Carrier::DataBarExpanded => return None,
            Carrier::DataBarOmni | Carrier::DataBarLimited => {
                let digits = with_check_digit(data, 14)?;
                out.extend_from_slice(b"]e001");
                out.extend_from_slice(&digits);
                return Some(out);
            }
            _ => {
                let text = core::str::from_utf8(data).ok()?;
                let gtin = match (self, text.len()) {
                    (Carrier::UpcE | Carrier::UpcA, 11 | 12) => with_check_digit(data, 12)?,
                    (Carrier::Ean8, 7 | 8) => with_check_digit(data, 8)?,
                    (Carrier::Ean13, 12 | 13) => with_check_digit(data, 13)?,
                    (Carrier::Itf14, 13 | 14) => with_check_digit(data, 14)?,
                    _ => return None,
                };
                let mut g14 = vec![b'0'; 14 - gtin.len()];
                g14.extend_from_slice(&gtin);
                return self.primary_scan(core::str::from_utf8(&g14).ok()?);
            }
        }
        out.extend_from_slice(data);
        Some(out)
    }

    /// `]E0`/`]E4`/`]I1` and the digits a reader transmits for a GTIN-14.
    fn primary_scan(self, gtin14: &str) -> Option<Vec<u8>> {
        let (id, digits): (&[u8], &str) = match self {
            Carrier::Ean8 => (b"]E4", gtin14.strip_prefix("000000")?),
            Carrier::Itf14 => (b"]I1", gtin14),
            // UPC-A and UPC-E are transmitted in their 13-digit EAN form.
            Carrier::UpcA | Carrier::UpcE => (
                b"]E0",
                gtin14.strip_prefix('0').filter(|g| g.starts_with('0'))?,
            ),
            _ => (b"]E0", gtin14.strip_prefix('0')?),
        };
        let mut out = id.to_vec();
        out.extend_from_slice(digits.as_bytes());
        Some(out)
    }
}

/// `data` as `len` digits ending in a correct check digit: either already
/// so, or one digit short (the check digit is appended).
fn with_check_digit(data: &[u8], len: usize) -> Option<Vec<u8>> {
    if !data.iter().all(u8::is_ascii_digit) {
        return None;
    }
    if data.len() == len {
        return check_digit::is_valid_mod10(data).then(|| data.to_vec());
    }
    if data.len() + 1 == len {
        let mut v = data.to_vec();
        v.push(check_digit::mod10(data)?);
        return Some(v);
    }
    None
}
