//! Scan data: what a barcode reader transmits — an AIM symbology identifier
//! (`]d2`, `]Q3`, `]C1`, …) followed by the decoded data, with GS (0x1D)
//! for FNC1 separators in GS1 mode.
//!
//! Reading scan data tells GS1 content (`]C1 ]e0 ]d2 ]Q3 ]J1`) from plain
//! data (`]d1 ]Q1 ]J0 ]C0`) and decodes EAN/UPC and ITF-14 as GTINs:
//!
//! | identifier | data (ISO/IEC 15424, GS1 General Specifications) |
//! | --- | --- |
//! | `]E0` | EAN-13, UPC-A or UPC-E as 13 digits; may be followed by an add-on packet `]E1`+2 digits or `]E2`+5 digits |
//! | `]E3` | EAN-13, UPC-A or UPC-E with its add-on in one packet: 13 + 2 or 5 digits |
//! | `]E4` | EAN-8: 8 digits (add-ons accompany only EAN-13, UPC-A and UPC-E) |
//! | `]E1`, `]E2` | an add-on read on its own: 2 or 5 digits, no GTIN |
//! | `]I1` | ITF with its check digit verified: 14 digits are an ITF-14 GTIN |
//!
//! EAN/UPC primaries may carry a 2D composite, transmitted after them as
//! `|]e0…`. ITF-14 is the only use GS1 makes of Interleaved 2 of 5, so `]I1`
//! data of another (even) length is a valid ITF symbol outside the GS1
//! system: plain data, not an error.
//!
//! [`Carrier`] writes scan data back for a given symbol type, as a reader
//! would transmit it; [`ScanData::to_bytes`] writes back what was read.

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use crate::ai::{self, Ai};
use crate::check_digit;
use crate::dl::{DigitalLink, is_digital_link};
use crate::element::message::{Framing, parse_framed, parse_validated};
use crate::element::validate::finish;
use crate::element::{Element, ElementString, Fnc1Notation, Options};
use crate::error::{Error, ErrorKind, Errors};
use crate::ident::Gtin;
pub use crate::symbology_id::SymbologyIdentifier;

/// What a scan carried.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ScanContent<'a> {
    /// GS1 element strings (a GS1-mode symbol).
    Gs1(ElementString<'a>),
    /// Data that is not GS1 element strings (a plain-mode symbol, or an ITF
    /// symbol that is not an ITF-14).
    Plain(&'a [u8]),
    /// A GS1 Digital Link URI in a plain-mode 2D symbol (`]d1`, `]Q1`,
    /// `]J0`): data starting with `http://` or `https://` (all lower or all
    /// upper case), parsed and validated. Its spans count from the start of
    /// the scan data.
    DigitalLink(DigitalLink<'a>),
    /// An EAN/UPC or ITF-14 symbol: a GTIN, possibly with an add-on and a 2D
    /// composite.
    Gtin {
        /// The GTIN, normalised to 14 digits.
        gtin: Gtin,
        /// The digits as transmitted (8, 13 or 14), without any add-on.
        digits: &'a str,
        /// The add-on of an EAN-13, UPC-A or UPC-E (`]E3`, or `]E0` followed
        /// by an `]E1`/`]E2` packet).
        add_on: Option<AddOn<'a>>,
        /// The composite component's element strings, if any. They were
        /// validated together with the GTIN as (01), so `req=` rules such as
        /// (10)'s are met by the primary.
        composite: Option<ElementString<'a>>,
    },
    /// An EAN/UPC add-on read on its own (`]E1`, `]E2`): it carries no GTIN.
    AddOn(AddOn<'a>),
}

/// The 2 or 5 digits of an EAN/UPC add-on symbol (a periodical's issue
/// number, a book's price), printed to the right of an EAN-13, UPC-A or
/// UPC-E. GS1 defines no AI for it, so it stays beside the element string.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AddOn<'a>(&'a str);

impl<'a> AddOn<'a> {
    /// `digits` as an add-on, if it is 2 or 5 ASCII digits.
    ///
    /// ```
    /// use serialkit_gs1::scan::AddOn;
    /// assert_eq!(AddOn::new("12").map(|a| a.as_str()), Some("12"));
    /// assert!(AddOn::new("123").is_none());
    /// assert!(AddOn::new("1A").is_none());
    /// ```
    pub fn new(digits: &'a str) -> Option<AddOn<'a>> {
        (matches!(digits.len(), 2 | 5) && digits.bytes().all(|b| b.is_ascii_digit()))
            .then_some(AddOn(digits))
    }

    /// The digits.
    pub fn as_str(&self) -> &'a str {
        self.0
    }

    /// The symbology identifier of the add-on read on its own: `]E1` for two
    /// digits, `]E2` for five.
    pub fn symbology_identifier(&self) -> SymbologyIdentifier {
        if self.0.len() == 2 {
            SymbologyIdentifier::EAN_ADD_ON_2
        } else {
            SymbologyIdentifier::EAN_ADD_ON_5
        }
    }
}

impl fmt::Display for AddOn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)
    }
}

/// Parsed scan data: the symbology identifier and the content.
///
/// ```
/// use serialkit_gs1::{Options, scan::{ScanData, ScanContent}};
/// let s = ScanData::parse(b"]d2010952123454321310ABC\x1d17261231", &Options::default())?;
/// let ScanContent::Gs1(es) = s.content() else { unreachable!() };
/// assert_eq!(es.to_string(), "(01)09521234543213(10)ABC(17)261231");
///
/// // An EAN-13 with a 2D composite: the GTIN becomes (01), whose span is
/// // the 13 digits in the scan data.
/// let s = ScanData::parse(b"]E09521234543213|]e010ABC", &Options::default())?;
/// let es = s.into_element_string()?;
/// assert_eq!(es.to_string(), "(01)09521234543213|(10)ABC");
/// assert_eq!(es.elements()[0].span(), 3..16);
/// assert_eq!(es.elements()[1].span(), 20..25);
/// # Ok::<(), Box<dyn std::error::Error>>(())
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
            (b'E', b'0' | b'3' | b'4') => ean_upc(id, input, options)?,
            (b'E', b'1' | b'2') => ScanContent::AddOn(add_on(input, 3..input.len(), Some(id))?),
            (b'I', b'1') => itf(input)?,
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

    /// The GS1 element strings the scan carried, with spans into the scan
    /// data: those of a GS1-mode symbol or a Digital Link, or an EAN/UPC or
    /// ITF-14 GTIN as (01) — spanning the transmitted digits — followed by
    /// the composite's elements. Plain data and a lone add-on carry none:
    /// [`ErrorKind::NotGs1Content`] at the symbology identifier.
    pub fn into_element_string(self) -> Result<ElementString<'a>, Error> {
        match self.content {
            ScanContent::Gs1(es) => Ok(es),
            ScanContent::DigitalLink(d) => Ok(d.into_element_string()),
            ScanContent::Gtin {
                gtin,
                digits,
                composite,
                ..
            } => {
                let mut elements = vec![gtin_element(&gtin, 3..3 + digits.len())];
                let at = composite.as_ref().map(|_| 1);
                elements.extend(
                    composite
                        .map(ElementString::into_elements)
                        .unwrap_or_default(),
                );
                Ok(ElementString::from_parts(elements, at))
            }
            ScanContent::Plain(_) | ScanContent::AddOn(_) => Err(Error::new(
                ErrorKind::NotGs1Content { id: self.id },
                None,
                0..3,
            )),
        }
    }

    /// The scan data as a reader transmits what was read: parsing it again
    /// gives scan data equal to this one. (Superfluous FNC1 separators and
    /// the like are not reproduced.)
    ///
    /// ```
    /// use serialkit_gs1::{Options, scan::ScanData};
    /// let o = Options::default();
    /// for input in [&b"]E09521234543213]E112"[..], b"]E3952123454321312345", b"]E212345"] {
    ///     let s = ScanData::parse(input, &o)?;
    ///     assert_eq!(s.to_bytes(), input);
    ///     assert_eq!(ScanData::parse(&s.to_bytes(), &o)?, s);
    /// }
    /// # Ok::<(), serialkit_gs1::Errors>(())
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out = self.id.as_bytes().to_vec();
        match &self.content {
            ScanContent::Gs1(es) => {
                out.extend_from_slice(es.to_message(Fnc1Notation::Gs).as_bytes())
            }
            ScanContent::Plain(data) => out.extend_from_slice(data),
            ScanContent::DigitalLink(d) => out.extend_from_slice(d.as_str().as_bytes()),
            ScanContent::AddOn(a) => out.extend_from_slice(a.as_str().as_bytes()),
            ScanContent::Gtin {
                digits,
                add_on,
                composite,
                ..
            } => {
                out.extend_from_slice(digits.as_bytes());
                if let Some(a) = add_on {
                    // `]E3` carries the add-on in the same packet; `]E0` in
                    // a packet of its own.
                    if self.id != SymbologyIdentifier::EAN_13_ADD_ON {
                        out.extend_from_slice(a.symbology_identifier().as_bytes());
                    }
                    out.extend_from_slice(a.as_str().as_bytes());
                }
                if let Some(cc) = composite {
                    out.extend_from_slice(b"|]e0");
                    out.extend_from_slice(cc.to_message(Fnc1Notation::Gs).as_bytes());
                }
            }
        }
        out
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
    parse_validated(body, base, options, Framing::Transmitted)
}

fn fail(kind: ErrorKind, span: Range<usize>) -> Errors {
    Error::new(kind, None, span).into()
}

/// The digits of `input[span]` as text, or the error of the first
/// non-digit.
fn digits_at(input: &[u8], span: Range<usize>) -> Result<&str, Errors> {
    let bytes = &input[span.clone()];
    if let Some(p) = bytes.iter().position(|b| !b.is_ascii_digit()) {
        let at = span.start + p;
        return Err(fail(ErrorKind::PrimaryDataNotNumeric, at..at + 1));
    }
    // Digits only: valid UTF-8.
    core::str::from_utf8(bytes).map_err(|_| fail(ErrorKind::PrimaryDataNotNumeric, span))
}

/// `want` digits at `input[span]` ending in a correct GS1 check digit.
fn gtin_at(input: &[u8], span: Range<usize>, want: usize) -> Result<(Gtin, &str), Errors> {
    let len = span.len();
    if len < want {
        return Err(fail(ErrorKind::PrimaryDataTooShort, span));
    }
    if len > want {
        return Err(fail(
            ErrorKind::PrimaryDataTooLong,
            span.start + want..span.end,
        ));
    }
    let text = digits_at(input, span.clone())?;
    if !check_digit::is_valid_mod10(text.as_bytes()) {
        return Err(fail(
            ErrorKind::PrimaryCheckDigitIncorrect,
            span.end - 1..span.end,
        ));
    }
    let gtin = Gtin::parse_any(text).map_err(|e| {
        Errors::from(Error::new(
            e.kind,
            None,
            span.start + e.span.start..span.start + e.span.end,
        ))
    })?;
    Ok((gtin, text))
}

/// An add-on's digits at `input[span]`; `id` is the identifier of the
/// packet that announced its length (`]E1` two digits, `]E2` five), if any.
fn add_on(
    input: &[u8],
    span: Range<usize>,
    id: Option<SymbologyIdentifier>,
) -> Result<AddOn<'_>, Errors> {
    let text = digits_at(input, span.clone())?;
    let fits = match id {
        Some(SymbologyIdentifier::EAN_ADD_ON_2) => text.len() == 2,
        Some(SymbologyIdentifier::EAN_ADD_ON_5) => text.len() == 5,
        _ => true,
    };
    match AddOn::new(text) {
        Some(a) if fits => Ok(a),
        _ => Err(fail(ErrorKind::AddOnLength, span)),
    }
}

/// The (01) element of an EAN/UPC or ITF-14 GTIN, spanning its transmitted
/// digits.
fn gtin_element<'a>(gtin: &Gtin, digits: Range<usize>) -> Element<'a> {
    let spec = ai::lookup("01").unwrap_or_else(|| unreachable!("(01) is in the AI table"));
    let ai = Ai::from_digits(b"01").unwrap_or_else(|_| unreachable!("01 is a valid AI"));
    // The value is the GTIN-14, padded: its offsets match the input only
    // for 14 transmitted digits, but a valid GTIN has no errors to place.
    let start = digits.start;
    Element::new(
        ai,
        spec,
        Cow::Owned(gtin.as_str().to_owned()),
        digits,
        start,
    )
}

/// EAN-13/UPC-A/UPC-E (`]E0`, 13 digits, possibly followed by an `]E1`/`]E2`
/// add-on packet), the same with its add-on in one packet (`]E3`, 13 + 2 or
/// 5 digits) and EAN-8 (`]E4`, 8 digits), each optionally followed by `|]e0`
/// and a composite.
fn ean_upc<'a>(
    id: SymbologyIdentifier,
    input: &'a [u8],
    options: &Options,
) -> Result<ScanContent<'a>, Errors> {
    let combined = id == SymbologyIdentifier::EAN_13_ADD_ON;
    let want = if id == SymbologyIdentifier::EAN_8 {
        8
    } else {
        13
    };
    // The primary packet runs to the composite, or (for `]E0`/`]E4`) to an
    // add-on packet's identifier.
    let stop = input[3..]
        .iter()
        .position(|&b| b == b'|' || (b == b']' && !combined))
        .map_or(input.len(), |i| 3 + i);
    if combined && stop < 3 + want {
        return Err(fail(ErrorKind::PrimaryDataTooShort, 3..stop));
    }
    let primary = if combined { 3..3 + want } else { 3..stop };
    let (gtin, digits) = gtin_at(input, primary, want)?;
    let mut add = if combined {
        Some(add_on(input, 3 + want..stop, None)?)
    } else {
        None
    };
    let mut p = stop;
    if input.get(p) == Some(&b']') {
        let packet = input.get(p..p + 3).unwrap_or(&input[p..]);
        let add_id = <[u8; 3]>::try_from(packet)
            .ok()
            .and_then(SymbologyIdentifier::from_bytes)
            .filter(|a| {
                matches!(
                    *a,
                    SymbologyIdentifier::EAN_ADD_ON_2 | SymbologyIdentifier::EAN_ADD_ON_5
                )
            });
        let Some(add_id) = add_id else {
            return Err(fail(
                ErrorKind::UnsupportedSymbologyIdentifier,
                p..p + packet.len(),
            ));
        };
        if id == SymbologyIdentifier::EAN_8 {
            return Err(fail(ErrorKind::AddOnNotPermitted, p..p + 3));
        }
        let end = input[p + 3..]
            .iter()
            .position(|&b| b == b'|')
            .map_or(input.len(), |i| p + 3 + i);
        add = Some(add_on(input, p + 3..end, Some(add_id))?);
        p = end;
    }
    let composite = if p < input.len() {
        // Only `|` can be here: the composite's own scan data follows.
        let at = p + 1;
        let cc = &input[at..];
        if !cc.starts_with(b"]e0") {
            return Err(fail(
                ErrorKind::MissingSymbologyIdentifier,
                at..at + cc.len().min(3),
            ));
        }
        Some(composite(
            &gtin,
            3..3 + digits.len(),
            &cc[3..],
            at + 3,
            options,
        )?)
    } else {
        None
    };
    Ok(ScanContent::Gtin {
        gtin,
        digits,
        add_on: add,
        composite,
    })
}

/// The composite component after an EAN/UPC primary, validated together
/// with the primary's GTIN as (01): association rules hold between the two
/// parts of one symbol, and every span stays a span of the scan data.
fn composite<'a>(
    gtin: &Gtin,
    digits: Range<usize>,
    body: &'a [u8],
    base: usize,
    options: &Options,
) -> Result<ElementString<'a>, Errors> {
    if body.is_empty() {
        return Err(Error::new(ErrorKind::EmptyMessage, None, base..base).into());
    }
    let mut parsed = parse_framed(body, base, options, Framing::Transmitted)?;
    parsed.elements.insert(0, gtin_element(gtin, digits));
    for (i, _) in &mut parsed.escapes {
        *i += 1;
    }
    parsed.composite = Some(1);
    let whole = finish(parsed, options)?;
    let mut elements = whole.into_elements();
    elements.remove(0);
    Ok(ElementString::from_parts(elements, None))
}

/// `]I1`: Interleaved 2 of 5 with its check digit verified by the reader.
/// Fourteen digits are an ITF-14 GTIN (the only use GS1 makes of ITF);
/// another even number of digits is a valid ITF symbol outside the GS1
/// system, so plain data. Non-digits, or an odd count (ITF encodes digit
/// pairs), cannot come from an ITF symbol.
fn itf(input: &[u8]) -> Result<ScanContent<'_>, Errors> {
    let body = &input[3..];
    if body.len() != 14 && body.len() % 2 == 0 && !body.is_empty() {
        digits_at(input, 3..input.len())?;
        return Ok(ScanContent::Plain(body));
    }
    let (gtin, digits) = gtin_at(input, 3..input.len(), 14)?;
    Ok(ScanContent::Gtin {
        gtin,
        digits,
        add_on: None,
        composite: None,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(input: &[u8]) -> Result<ScanData<'_>, Errors> {
        ScanData::parse(input, &Options::default())
    }

    fn first_error(input: &[u8]) -> (String, Range<usize>) {
        let e = parse(input).expect_err("rejected");
        let first = e.first().expect("never empty");
        (first.kind.code().to_owned(), first.span.clone())
    }

    #[test]
    fn composite_spans_point_into_the_scan_data() {
        let o = Options::default().check_requisites(false);
        // (02) may not appear with the primary's (01): the error is on one
        // of the two elements, inside the 36-byte input.
        let input = b"]E09521234543213|]e00209521234543213";
        let e = ScanData::parse(input, &o).expect_err("ex= (01)/(02)");
        let first = e.first().unwrap();
        assert_eq!(first.kind.code(), "INVALID_AI_PAIRS");
        assert!(first.span == (3..16) || first.span == (20..36), "{e}");
        // The composite repeats (01) with another value: the report points
        // at the composite's copy, and names the primary's digits first.
        let input = b"]E09521234543213|]e00109521234543220";
        let e = ScanData::parse(input, &o).expect_err("repeated (01) differs");
        let first = e.first().unwrap();
        assert_eq!(
            first.kind,
            ErrorKind::RepeatedAiDiffers { first: 3..16 },
            "{e}"
        );
        assert_eq!(first.span, 20..36);
        // EAN-8 with (37): (01) excludes (37); the spans are the 8 digits
        // and the composite's element.
        let input = b"]E495210001|]e0370";
        let e = ScanData::parse(input, &o).expect_err("ex= (01)/(37)");
        for x in &e {
            assert!(x.span.end <= input.len(), "{e}");
            assert!(x.span == (3..11) || x.span == (15..18), "{e}");
        }
    }

    #[test]
    fn composite_requirements_are_met_by_the_primary() {
        let s = parse(b"]E09521234543213|]e010ABC\x1d21XYZ").expect("(10) needs (01)");
        let ScanContent::Gtin { composite, .. } = s.content() else {
            panic!("GTIN")
        };
        assert_eq!(composite.as_ref().unwrap().to_string(), "(10)ABC(21)XYZ");
        let es = s.into_element_string().unwrap();
        assert_eq!(es.to_string(), "(01)09521234543213|(10)ABC(21)XYZ");
        assert_eq!(es.elements()[0].span(), 3..16);
        assert_eq!(es.elements()[2].span(), 26..31);
        // A composite error keeps its own span.
        let e = parse(b"]E09521234543213|]e017261301").unwrap_err();
        let first = e.first().unwrap();
        assert_eq!(first.kind.lint().map(|k| k.code()), Some("ILLEGAL_MONTH"));
        assert_eq!(first.span, 24..26);
    }

    #[test]
    fn add_on_forms() {
        // ]E3: one packet, 13 + 2 or 5 digits.
        for (input, add) in [
            (&b"]E3952123454321312"[..], "12"),
            (b"]E3952123454321354321", "54321"),
            (b"]E09521234543213]E112", "12"),
            (b"]E09521234543213]E254321", "54321"),
        ] {
            let s = parse(input).expect("add-on form");
            let ScanContent::Gtin {
                gtin,
                digits,
                add_on,
                ..
            } = s.content()
            else {
                panic!("GTIN")
            };
            assert_eq!(gtin.as_str(), "09521234543213");
            assert_eq!(*digits, "9521234543213");
            assert_eq!(add_on.map(|a| a.as_str()), Some(add));
            assert_eq!(s.to_bytes(), input);
        }
        // With a composite after the add-on.
        let s = parse(b"]E09521234543213]E112|]e010ABC").unwrap();
        let ScanContent::Gtin {
            add_on, composite, ..
        } = s.content()
        else {
            panic!("GTIN")
        };
        assert_eq!(add_on.unwrap().as_str(), "12");
        assert_eq!(composite.as_ref().unwrap().to_string(), "(10)ABC");
        // An add-on read on its own carries no GTIN.
        let s = parse(b"]E112").unwrap();
        assert_eq!(s.content(), &ScanContent::AddOn(AddOn("12")));
        let e = s.into_element_string().unwrap_err();
        assert_eq!(e.kind.code(), "SCAN_DATA_IS_NOT_GS1_CONTENT");
        assert!(e.to_string().contains("add-on read on its own"), "{e}");
        assert_eq!(parse(b"]E254321").unwrap().to_bytes(), b"]E254321");
    }

    #[test]
    fn add_on_errors_have_spans() {
        let cases: [(&[u8], &str, Range<usize>); 10] = [
            // ]E3 with a 3- or 1-digit add-on, or none.
            (
                b"]E39521234543213123",
                "ADD_ON_IS_NOT_2_OR_5_DIGITS",
                16..19,
            ),
            (b"]E39521234543213", "ADD_ON_IS_NOT_2_OR_5_DIGITS", 16..16),
            (
                b"]E39521234543213A2",
                "PRIMARY_MESSAGE_MAY_ONLY_CONTAIN_DIGITS",
                16..17,
            ),
            (
                b"]E3952123454321412",
                "PRIMARY_MESSAGE_CHECK_DIGIT_IS_INCORRECT",
                15..16,
            ),
            (b"]E3952123", "PRIMARY_SCAN_DATA_IS_TOO_SHORT", 3..9),
            // The add-on packet's length must match its identifier.
            (
                b"]E09521234543213]E1123",
                "ADD_ON_IS_NOT_2_OR_5_DIGITS",
                19..22,
            ),
            (
                b"]E09521234543213]E212",
                "ADD_ON_IS_NOT_2_OR_5_DIGITS",
                19..21,
            ),
            // Add-ons accompany EAN-13, UPC-A and UPC-E only.
            (
                b"]E495210001]E112",
                "ADD_ON_NOT_PERMITTED_WITH_THIS_SYMBOL",
                11..14,
            ),
            (
                b"]E09521234543213]C0AB",
                "UNSUPPORTED_SYMBOLOGY_IDENTIFIER",
                16..19,
            ),
            (b"]E1123", "ADD_ON_IS_NOT_2_OR_5_DIGITS", 3..6),
        ];
        for (input, kind, span) in cases {
            assert_eq!(
                first_error(input),
                (kind.to_owned(), span),
                "{}",
                String::from_utf8_lossy(input)
            );
        }
    }

    #[test]
    fn itf_14_and_other_itf() {
        let s = parse(b"]I109521234543213").unwrap();
        assert!(
            matches!(s.content(), ScanContent::Gtin { digits, .. } if *digits == "09521234543213")
        );
        // An ITF symbol of another even length is valid ITF, but not GS1.
        let s = parse(b"]I11234567890123456").unwrap();
        assert_eq!(s.content(), &ScanContent::Plain(b"1234567890123456"));
        let s = parse(b"]I1123456").unwrap();
        assert_eq!(s.content(), &ScanContent::Plain(b"123456"));
        let e = s.into_element_string().unwrap_err();
        assert!(e.to_string().contains("only ITF-14"), "{e}");
        // Odd lengths and non-digits cannot come from an ITF symbol.
        assert_eq!(first_error(b"]I1123").0, "PRIMARY_SCAN_DATA_IS_TOO_SHORT");
        assert_eq!(
            first_error(b"]I1A9521234543213"),
            ("PRIMARY_MESSAGE_MAY_ONLY_CONTAIN_DIGITS".into(), 3..4)
        );
        assert_eq!(
            first_error(b"]I109521234543214"),
            ("PRIMARY_MESSAGE_CHECK_DIGIT_IS_INCORRECT".into(), 16..17)
        );
        // ITF-14 has no composite.
        assert_eq!(
            first_error(b"]I109521234543213|]e010A").0,
            "PRIMARY_MESSAGE_IS_TOO_LONG"
        );
    }

    #[test]
    fn plain_content_is_not_gs1() {
        for input in [&b"]d1HELLO"[..], b"]C0abc", b"]Q1TEXT", b"]J0X"] {
            let s = parse(input).unwrap();
            assert!(matches!(s.content(), ScanContent::Plain(_)));
            assert_eq!(s.to_bytes(), input);
            let e = s.into_element_string().unwrap_err();
            assert_eq!(e.span, 0..3);
            assert!(e.to_string().contains("plain mode"), "{e}");
        }
    }
}
