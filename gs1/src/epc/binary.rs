//! EPC binary encodings with a header, filter, partition and fixed fields
//! (TDS 2.x section 14): SGTIN-96/198, SSCC-96, SGLN-96/195, GRAI-96/170,
//! GIAI-96/202, GSRN-96, GSRNP-96, GDTI-96/174, CPI-96/var, SGCN-96,
//! ITIP-110/212 and GID-96, and the non-GS1 USDOD-96 and ADI-var; and the
//! tag URIs that name them.
//!
//! The partition value fixes how many bits (and digits) the company prefix
//! and the reference after it take; the tables are those of TDS 14.5.

use core::fmt;
use core::str::FromStr;

use super::bits::{
    BitRead, BitWrite, EncodedEpc, Reader, Word96, Writer, at_hex_char, hex_to_bytes, padded_bytes,
};
use super::error::{EpcError, EpcErrorKind};
use super::field::{Charset, Field, uri_string};
use super::id::Epc;
use super::plus::{self, PlusTag};
use super::scheme::Scheme;
use crate::lint::is_cset82;

mod sgtin96;

/// A binary coding scheme of an EPC (the `…-96`, `…-var` and `+` schemes).
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum BinaryScheme {
    /// SGTIN-96 (header 0x30).
    Sgtin96,
    /// SGTIN-198 (0x36).
    Sgtin198,
    /// SSCC-96 (0x31).
    Sscc96,
    /// SGLN-96 (0x32).
    Sgln96,
    /// SGLN-195 (0x39).
    Sgln195,
    /// GRAI-96 (0x33).
    Grai96,
    /// GRAI-170 (0x37).
    Grai170,
    /// GIAI-96 (0x34).
    Giai96,
    /// GIAI-202 (0x38).
    Giai202,
    /// GSRN-96 (0x2D).
    Gsrn96,
    /// GSRNP-96 (0x2E).
    Gsrnp96,
    /// GDTI-96 (0x2C).
    Gdti96,
    /// GDTI-174 (0x3E).
    Gdti174,
    /// CPI-96 (0x3C).
    Cpi96,
    /// CPI-var (0x3D).
    CpiVar,
    /// SGCN-96 (0x3F).
    Sgcn96,
    /// ITIP-110 (0x40).
    Itip110,
    /// ITIP-212 (0x41).
    Itip212,
    /// GID-96 (0x35).
    Gid96,
    /// USDOD-96 (0x2F): US Department of Defense identifier.
    Usdod96,
    /// ADI-var (0x3B): aerospace and defence identifier.
    AdiVar,
    /// CPI+ (0xF0).
    CpiPlus,
    /// GRAI+ (0xF1).
    GraiPlus,
    /// SGLN+ (0xF2).
    SglnPlus,
    /// ITIP+ (0xF3).
    ItipPlus,
    /// GSRN+ (0xF4).
    GsrnPlus,
    /// GSRNP+ (0xF5).
    GsrnpPlus,
    /// GDTI+ (0xF6).
    GdtiPlus,
    /// SGTIN+ (0xF7).
    SgtinPlus,
    /// SGCN+ (0xF8).
    SgcnPlus,
    /// SSCC+ (0xF9).
    SsccPlus,
    /// GIAI+ (0xFA).
    GiaiPlus,
    /// DSGTIN+ (0xFB): SGTIN+ with a date.
    DsgtinPlus,
}

use BinaryScheme::*;

impl BinaryScheme {
    /// Every binary scheme.
    pub const ALL: [BinaryScheme; 33] = [
        Sgtin96, Sgtin198, Sscc96, Sgln96, Sgln195, Grai96, Grai170, Giai96, Giai202, Gsrn96,
        Gsrnp96, Gdti96, Gdti174, Cpi96, CpiVar, Sgcn96, Itip110, Itip212, Gid96, Usdod96, AdiVar,
        CpiPlus, GraiPlus, SglnPlus, ItipPlus, GsrnPlus, GsrnpPlus, GdtiPlus, SgtinPlus, SgcnPlus,
        SsccPlus, GiaiPlus, DsgtinPlus,
    ];

    /// The 8-bit header.
    pub const fn header(self) -> u8 {
        match self {
            Sgtin96 => 0x30,
            Sgtin198 => 0x36,
            Sscc96 => 0x31,
            Sgln96 => 0x32,
            Sgln195 => 0x39,
            Grai96 => 0x33,
            Grai170 => 0x37,
            Giai96 => 0x34,
            Giai202 => 0x38,
            Gsrn96 => 0x2D,
            Gsrnp96 => 0x2E,
            Gdti96 => 0x2C,
            Gdti174 => 0x3E,
            Cpi96 => 0x3C,
            CpiVar => 0x3D,
            Sgcn96 => 0x3F,
            Itip110 => 0x40,
            Itip212 => 0x41,
            Gid96 => 0x35,
            Usdod96 => 0x2F,
            AdiVar => 0x3B,
            CpiPlus => 0xF0,
            GraiPlus => 0xF1,
            SglnPlus => 0xF2,
            ItipPlus => 0xF3,
            GsrnPlus => 0xF4,
            GsrnpPlus => 0xF5,
            GdtiPlus => 0xF6,
            SgtinPlus => 0xF7,
            SgcnPlus => 0xF8,
            SsccPlus => 0xF9,
            GiaiPlus => 0xFA,
            DsgtinPlus => 0xFB,
        }
    }

    /// The scheme with this header.
    #[inline]
    pub fn from_header(h: u8) -> Option<BinaryScheme> {
        BY_HEADER[usize::from(h)]
    }

    /// The name in tag URIs and TDS, e.g. `"sgtin-96"`, `"sgtin+"`.
    pub const fn name(self) -> &'static str {
        match self {
            Sgtin96 => "sgtin-96",
            Sgtin198 => "sgtin-198",
            Sscc96 => "sscc-96",
            Sgln96 => "sgln-96",
            Sgln195 => "sgln-195",
            Grai96 => "grai-96",
            Grai170 => "grai-170",
            Giai96 => "giai-96",
            Giai202 => "giai-202",
            Gsrn96 => "gsrn-96",
            Gsrnp96 => "gsrnp-96",
            Gdti96 => "gdti-96",
            Gdti174 => "gdti-174",
            Cpi96 => "cpi-96",
            CpiVar => "cpi-var",
            Sgcn96 => "sgcn-96",
            Itip110 => "itip-110",
            Itip212 => "itip-212",
            Gid96 => "gid-96",
            Usdod96 => "usdod-96",
            AdiVar => "adi-var",
            CpiPlus => "cpi+",
            GraiPlus => "grai+",
            SglnPlus => "sgln+",
            ItipPlus => "itip+",
            GsrnPlus => "gsrn+",
            GsrnpPlus => "gsrnp+",
            GdtiPlus => "gdti+",
            SgtinPlus => "sgtin+",
            SgcnPlus => "sgcn+",
            SsccPlus => "sscc+",
            GiaiPlus => "giai+",
            DsgtinPlus => "dsgtin+",
        }
    }

    /// The EPC scheme this binary scheme encodes.
    pub const fn epc_scheme(self) -> Scheme {
        match self {
            Sgtin96 | Sgtin198 | SgtinPlus | DsgtinPlus => Scheme::Sgtin,
            Sscc96 | SsccPlus => Scheme::Sscc,
            Sgln96 | Sgln195 | SglnPlus => Scheme::Sgln,
            Grai96 | Grai170 | GraiPlus => Scheme::Grai,
            Giai96 | Giai202 | GiaiPlus => Scheme::Giai,
            Gsrn96 | GsrnPlus => Scheme::Gsrn,
            Gsrnp96 | GsrnpPlus => Scheme::Gsrnp,
            Gdti96 | Gdti174 | GdtiPlus => Scheme::Gdti,
            Cpi96 | CpiVar | CpiPlus => Scheme::Cpi,
            Sgcn96 | SgcnPlus => Scheme::Sgcn,
            Itip110 | Itip212 | ItipPlus => Scheme::Itip,
            Gid96 => Scheme::Gid,
            Usdod96 => Scheme::Usdod,
            AdiVar => Scheme::Adi,
        }
    }

    /// The largest filter value: 7 for the GS1 schemes (3 bits), 15 for
    /// USDOD-96 (4 bits), 63 for ADI-var (6 bits), 0 for GID-96, which has
    /// no filter.
    pub const fn max_filter(self) -> u8 {
        match self {
            Gid96 => 0,
            Usdod96 => 15,
            AdiVar => 63,
            _ => 7,
        }
    }

    /// Whether this is a TDS 2.0 `+` scheme (GS1 keys in AI form, no
    /// company prefix split, no tag URI).
    pub const fn is_plus(self) -> bool {
        self.header() >= 0xF0
    }

    /// The binary schemes for an EPC scheme, the shortest first.
    pub fn for_scheme(s: Scheme) -> impl Iterator<Item = BinaryScheme> {
        BinaryScheme::ALL
            .into_iter()
            .filter(move |b| b.epc_scheme() == s)
    }

    /// The layout of a fixed scheme (not GID, not `+`).
    fn layout(self) -> Option<Layout> {
        Some(match self {
            Sgtin96 => Layout::new(&ITEM, Ref::Digits, &[Tail::Serial(38)]),
            Sgtin198 => Layout::new(&ITEM, Ref::Digits, &[Tail::Str7(140)]),
            Sscc96 | Gsrn96 | Gsrnp96 => Layout::new(&KEY17, Ref::Digits, &[Tail::Zero(24)]),
            Sgln96 => Layout::new(&KEY12, Ref::Digits, &[Tail::Serial(41)]),
            Sgln195 => Layout::new(&KEY12, Ref::Digits, &[Tail::Str7(140)]),
            Grai96 => Layout::new(&GRAI, Ref::Digits, &[Tail::Serial(38)]),
            Grai170 => Layout::new(&GRAI, Ref::Digits, &[Tail::Str7(112)]),
            Giai96 => Layout::new(&GIAI96, Ref::Integer, &[]),
            Giai202 => Layout::new(&GIAI202, Ref::Str7, &[]),
            Gdti96 => Layout::new(&KEY12, Ref::Digits, &[Tail::Serial(41)]),
            Gdti174 => Layout::new(&KEY12, Ref::Digits, &[Tail::Str7(119)]),
            Cpi96 => Layout::new(&CPI96, Ref::Integer, &[Tail::Serial(31)]),
            CpiVar => Layout::new(&CPIVAR, Ref::Str6, &[Tail::Serial(40)]),
            Sgcn96 => Layout::new(&KEY12, Ref::Digits, &[Tail::NumStr(41, 12)]),
            Itip110 => Layout::new(
                &ITEM,
                Ref::Digits,
                &[Tail::Padded(7, 2), Tail::Padded(7, 2), Tail::Serial(38)],
            ),
            Itip212 => Layout::new(
                &ITEM,
                Ref::Digits,
                &[Tail::Padded(7, 2), Tail::Padded(7, 2), Tail::Str7(140)],
            ),
            _ => return None,
        })
    }
}

impl fmt::Display for BinaryScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for BinaryScheme {
    type Err = EpcError;
    fn from_str(s: &str) -> Result<BinaryScheme, EpcError> {
        BinaryScheme::ALL
            .into_iter()
            .find(|b| b.name().eq_ignore_ascii_case(s))
            .ok_or(EpcError::new(EpcErrorKind::UnknownScheme))
    }
}

/// Powers of ten, for checking that a field's value has at most so many
/// digits.
static POW10: [u64; 20] = {
    let mut t = [1u64; 20];
    let mut i = 1;
    while i < 20 {
        t[i] = t[i - 1] * 10;
        i += 1;
    }
    t
};

/// Header → scheme, built at compile time.
static BY_HEADER: [Option<BinaryScheme>; 256] = {
    let mut t = [None; 256];
    let mut i = 0;
    while i < BinaryScheme::ALL.len() {
        t[BinaryScheme::ALL[i].header() as usize] = Some(BinaryScheme::ALL[i]);
        i += 1;
    }
    t
};

/// One row of a partition table: bits and digits of the company prefix and
/// of the reference after it (characters for string references).
#[derive(Clone, Copy)]
struct Partition {
    gcp_bits: u8,
    gcp_digits: u8,
    ref_bits: u8,
    ref_digits: u8,
}

const fn p(gcp_bits: u8, gcp_digits: u8, ref_bits: u8, ref_digits: u8) -> Partition {
    Partition {
        gcp_bits,
        gcp_digits,
        ref_bits,
        ref_digits,
    }
}

/// SGTIN, ITIP: indicator + item reference, 44 bits with the prefix.
static ITEM: [Partition; 7] = [
    p(40, 12, 4, 1),
    p(37, 11, 7, 2),
    p(34, 10, 10, 3),
    p(30, 9, 14, 4),
    p(27, 8, 17, 5),
    p(24, 7, 20, 6),
    p(20, 6, 24, 7),
];
/// SSCC, GSRN, GSRNP: 17 digits after the extension/indicator, 58 bits.
static KEY17: [Partition; 7] = [
    p(40, 12, 18, 5),
    p(37, 11, 21, 6),
    p(34, 10, 24, 7),
    p(30, 9, 28, 8),
    p(27, 8, 31, 9),
    p(24, 7, 34, 10),
    p(20, 6, 38, 11),
];
/// SGLN, GDTI, SGCN: 12-digit keys without check digit, 41 bits.
static KEY12: [Partition; 7] = [
    p(40, 12, 1, 0),
    p(37, 11, 4, 1),
    p(34, 10, 7, 2),
    p(30, 9, 11, 3),
    p(27, 8, 14, 4),
    p(24, 7, 17, 5),
    p(20, 6, 21, 6),
];
/// GRAI: 12 digits, 44 bits.
static GRAI: [Partition; 7] = [
    p(40, 12, 4, 0),
    p(37, 11, 7, 1),
    p(34, 10, 10, 2),
    p(30, 9, 14, 3),
    p(27, 8, 17, 4),
    p(24, 7, 20, 5),
    p(20, 6, 24, 6),
];
/// GIAI-96: an integer asset reference, 82 bits with the prefix.
static GIAI96: [Partition; 7] = [
    p(40, 12, 42, 13),
    p(37, 11, 45, 14),
    p(34, 10, 48, 15),
    p(30, 9, 52, 16),
    p(27, 8, 55, 17),
    p(24, 7, 58, 18),
    p(20, 6, 62, 19),
];
/// GIAI-202: a 7-bit string asset reference, 188 bits with the prefix.
static GIAI202: [Partition; 7] = [
    p(40, 12, 148, 18),
    p(37, 11, 151, 19),
    p(34, 10, 154, 20),
    p(30, 9, 158, 21),
    p(27, 8, 161, 22),
    p(24, 7, 164, 23),
    p(20, 6, 168, 24),
];
/// CPI-96: an integer part reference, 51 bits with the prefix.
static CPI96: [Partition; 7] = [
    p(40, 12, 11, 3),
    p(37, 11, 14, 4),
    p(34, 10, 17, 5),
    p(30, 9, 21, 6),
    p(27, 8, 24, 7),
    p(24, 7, 27, 8),
    p(20, 6, 31, 9),
];
/// CPI-var: a 6-bit string part reference of at most `ref_digits`
/// characters (the bits column is the maximum, terminator included).
static CPIVAR: [Partition; 7] = [
    p(40, 12, 114, 18),
    p(37, 11, 120, 19),
    p(34, 10, 126, 20),
    p(30, 9, 132, 21),
    p(27, 8, 138, 22),
    p(24, 7, 144, 23),
    p(20, 6, 150, 24),
];

/// How the reference after the company prefix is coded.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Ref {
    /// Digits, as an integer padded back to the digit count.
    Digits,
    /// An integer without leading zeros.
    Integer,
    /// 7-bit characters, zero padded.
    Str7,
    /// 6-bit characters ended by a zero character.
    Str6,
}

/// A field after the reference.
#[derive(Clone, Copy)]
enum Tail {
    /// A serial as an integer of this many bits (no leading zeros).
    Serial(u8),
    /// A number padded to this many digits.
    Padded(u8, u8),
    /// 7-bit characters in this many bits.
    Str7(u16),
    /// Digits as `1` followed by the digits, an integer of this many bits,
    /// at most this many digits.
    NumStr(u8, u8),
    /// Reserved bits, zero.
    Zero(u8),
}

#[derive(Clone, Copy)]
struct Layout {
    table: &'static [Partition; 7],
    reference: Ref,
    tail: &'static [Tail],
}

impl Layout {
    const fn new(table: &'static [Partition; 7], reference: Ref, tail: &'static [Tail]) -> Layout {
        Layout {
            table,
            reference,
            tail,
        }
    }
}

/// An EPC with the binary scheme and filter of a tag: what a tag URI
/// names and what the EPC memory bank holds.
///
/// ```
/// use serialkit_gs1::epc::{Tag, BinaryScheme};
/// let tag: Tag = "urn:epc:tag:sgtin-96:3.0614141.812345.6789".parse()?;
/// assert_eq!(tag.encode()?.to_hex(), "3074257BF7194E4000001A85");
/// let back = Tag::decode_hex("3074257BF7194E4000001A85")?;
/// assert_eq!(back.to_string(), "urn:epc:tag:sgtin-96:3.0614141.812345.6789");
/// assert_eq!(back.binary_scheme(), BinaryScheme::Sgtin96);
/// # Ok::<(), serialkit_gs1::epc::EpcError>(())
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Tag {
    scheme: BinaryScheme,
    filter: u8,
    epc: Epc,
}

impl Tag {
    /// A tag encoding of `epc` under `scheme` with `filter` (up to
    /// [`BinaryScheme::max_filter`]; ignored for GID-96, which has none).
    /// Checks that the scheme fits the EPC and can carry it.
    pub fn new(scheme: BinaryScheme, filter: u8, epc: Epc) -> Result<Tag, EpcError> {
        if scheme.is_plus() || scheme.epc_scheme() != epc.scheme() {
            return Err(EpcError::new(EpcErrorKind::UnknownScheme));
        }
        let filter = if scheme == Gid96 { 0 } else { filter };
        if filter > scheme.max_filter() {
            return Err(EpcError::new(EpcErrorKind::BadFilter));
        }
        let tag = Tag {
            scheme,
            filter,
            epc,
        };
        tag.encode()?;
        Ok(tag)
    }

    /// A tag for `epc` under the first (shortest) binary scheme that can
    /// carry it: e.g. SGTIN-96 for a numeric serial without leading zeros,
    /// else SGTIN-198.
    ///
    /// Errors: [`EpcErrorKind::BadFilter`] for a filter above the
    /// scheme's [`BinaryScheme::max_filter`];
    /// [`EpcErrorKind::NoBinaryScheme`] when the EPC's scheme has no binary
    /// encoding; else, when no scheme can carry the value, the last
    /// scheme's [`EpcErrorKind::NotEncodable`] (e.g. a CPI serial with a
    /// leading zero, a GID number beyond GID-96's fields).
    pub fn best(epc: Epc, filter: u8) -> Result<Tag, EpcError> {
        let mut last = EpcError::new(EpcErrorKind::NoBinaryScheme);
        for s in BinaryScheme::for_scheme(epc.scheme()).filter(|s| !s.is_plus()) {
            if s != Gid96 && filter > s.max_filter() {
                return Err(EpcError::new(EpcErrorKind::BadFilter));
            }
            match Tag::new(s, filter, epc) {
                Ok(t) => return Ok(t),
                Err(e) => last = e,
            }
        }
        Err(last)
    }

    /// The binary scheme.
    pub fn binary_scheme(&self) -> BinaryScheme {
        self.scheme
    }

    /// The filter value.
    pub fn filter(&self) -> u8 {
        self.filter
    }

    /// The pure identity.
    pub fn epc(&self) -> &Epc {
        &self.epc
    }

    /// The binary encoding.
    #[inline]
    pub fn encode(&self) -> Result<EncodedEpc, EpcError> {
        // SGTIN-96, the common tag, is tested for here, where the caller
        // inlines it, so that it skips the general coder's large frame.
        if self.scheme == Sgtin96 {
            return sgtin96::encode(self.filter, &self.epc);
        }
        encode(self.scheme, self.filter, &self.epc)
    }

    /// Decodes the EPC memory bank content of a fixed scheme (not `+`):
    /// exactly the scheme's 16-bit-word padded length, padding zero.
    #[inline]
    pub fn decode(bytes: &[u8]) -> Result<Tag, EpcError> {
        // SGTIN-96 straight to its fast path (see `encode`); it gives
        // what the general dispatch below would.
        if let Ok(b) = <&[u8; 12]>::try_from(bytes) {
            if b[0] == Sgtin96.header() {
                return sgtin96::decode(b);
            }
        }
        Tag::decode_general(bytes)
    }

    /// [`Tag::decode`] by the header's scheme.
    fn decode_general(bytes: &[u8]) -> Result<Tag, EpcError> {
        let header = *bytes
            .first()
            .ok_or(EpcError::at(EpcErrorKind::Truncated, 0))?;
        let scheme = BinaryScheme::from_header(header)
            .ok_or(EpcError::at(EpcErrorKind::UnknownHeader(header), 0))?;
        if scheme.is_plus() {
            return Err(EpcError::at(EpcErrorKind::UnknownScheme, 0));
        }
        decode_fixed(scheme, bytes)
    }

    /// [`Tag::decode`] from hex (either case). Error offsets are in hex
    /// characters.
    pub fn decode_hex(hex: &str) -> Result<Tag, EpcError> {
        let (buf, n) = hex_to_bytes(hex)?;
        Tag::decode(&buf[..n]).map_err(at_hex_char)
    }
}

/// Either kind of decoded tag.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Decoded {
    /// A fixed scheme: an EPC with filter.
    Tag(Tag),
    /// A `+` scheme: GS1 keys in AI form with filter.
    Plus(PlusTag),
}

/// Decodes the EPC memory bank content of any supported scheme.
pub fn decode_any(bytes: &[u8]) -> Result<Decoded, EpcError> {
    let header = *bytes
        .first()
        .ok_or(EpcError::at(EpcErrorKind::Truncated, 0))?;
    let scheme = BinaryScheme::from_header(header)
        .ok_or(EpcError::at(EpcErrorKind::UnknownHeader(header), 0))?;
    if scheme.is_plus() {
        return plus::decode(scheme, bytes).map(Decoded::Plus);
    }
    Tag::decode(bytes).map(Decoded::Tag)
}

/// [`decode_any`] from hex (either case). Error offsets are in hex
/// characters.
pub fn decode_any_hex(hex: &str) -> Result<Decoded, EpcError> {
    let (buf, n) = hex_to_bytes(hex)?;
    decode_any(&buf[..n]).map_err(at_hex_char)
}

impl BinaryScheme {
    /// Whether the scheme is exactly 96 bits (the integer fast path).
    const fn is_96(self) -> bool {
        matches!(
            self,
            Sgtin96
                | Sscc96
                | Sgln96
                | Grai96
                | Giai96
                | Gsrn96
                | Gsrnp96
                | Gdti96
                | Cpi96
                | Sgcn96
                | Gid96
                | Usdod96
        )
    }
}

fn encode(scheme: BinaryScheme, filter: u8, epc: &Epc) -> Result<EncodedEpc, EpcError> {
    if scheme == Sgtin96 {
        sgtin96::encode(filter, epc)
    } else if scheme.is_96() {
        encode_with(Word96::new(), scheme, filter, epc)
    } else {
        encode_with(Writer::new(), scheme, filter, epc)
    }
}

fn encode_with<W: BitWrite>(
    mut w: W,
    scheme: BinaryScheme,
    filter: u8,
    epc: &Epc,
) -> Result<EncodedEpc, EpcError> {
    w.put(u64::from(scheme.header()), 8, "header")?;
    if scheme == Gid96 {
        let parts = epc.parts();
        let num = |i: usize, bits: usize, name| -> Result<u64, EpcError> {
            let v = parts[i]
                .number()
                .ok_or(EpcError::new(EpcErrorKind::NotEncodable { field: name }))?;
            if v >> bits != 0 {
                return Err(EpcError::new(EpcErrorKind::NotEncodable { field: name }));
            }
            Ok(v)
        };
        w.put(num(0, 28, "manager number")?, 28, "manager number")?;
        w.put(num(1, 24, "object class")?, 24, "object class")?;
        w.put(num(2, 36, "serial")?, 36, "serial")?;
        return Ok(w.finish());
    }
    if scheme == Usdod96 || scheme == AdiVar {
        return encode_dod(w, scheme, filter, epc);
    }
    let layout = scheme
        .layout()
        .ok_or(EpcError::new(EpcErrorKind::UnknownScheme))?;
    let parts = epc.parts();
    let gcp = &parts[0];
    let (pv, row) = layout
        .table
        .iter()
        .enumerate()
        .find(|(_, r)| usize::from(r.gcp_digits) == gcp.len())
        .ok_or(EpcError::new(EpcErrorKind::BadCompanyPrefix))?;
    w.put(u64::from(filter), 3, "filter")?;
    w.put(pv as u64, 3, "partition")?;
    let gcp_value = gcp
        .number()
        .ok_or(EpcError::new(EpcErrorKind::BadCompanyPrefix))?;
    w.put(gcp_value, usize::from(row.gcp_bits), "company prefix")?;
    let reference = &parts[1];
    let ref_bits = usize::from(row.ref_bits);
    match layout.reference {
        Ref::Digits => {
            let v = if reference.is_empty() {
                0
            } else {
                reference
                    .number()
                    .ok_or(EpcError::new(EpcErrorKind::NotEncodable {
                        field: "reference",
                    }))?
            };
            w.put(v, ref_bits, "reference")?;
        }
        Ref::Integer => {
            let v = integer_without_leading_zeros(reference, usize::from(row.ref_digits)).ok_or(
                EpcError::new(EpcErrorKind::NotEncodable { field: "reference" }),
            )?;
            w.put(v, ref_bits, "reference")?;
        }
        Ref::Str7 => put_str7(&mut w, reference, ref_bits, "reference")?,
        Ref::Str6 => {
            if reference.len() > usize::from(row.ref_digits) {
                return Err(EpcError::new(EpcErrorKind::NotEncodable {
                    field: "reference",
                }));
            }
            for &b in reference.as_bytes() {
                w.put(u64::from(six_bit(b)?), 6, "reference")?;
            }
            w.put(0, 6, "reference")?;
        }
    }
    for (i, t) in layout.tail.iter().enumerate() {
        let f = parts.get(2 + i);
        match (*t, f) {
            (Tail::Zero(n), _) => w.zeros(usize::from(n)),
            (Tail::Serial(n), Some(f)) => {
                let v = integer_without_leading_zeros(f, 20).ok_or(EpcError::new(
                    EpcErrorKind::NotEncodable { field: "serial" },
                ))?;
                w.put(v, usize::from(n), "serial")?;
            }
            (Tail::Padded(n, _), Some(f)) => {
                let v = f.number().ok_or(EpcError::new(EpcErrorKind::NotEncodable {
                    field: "piece/total",
                }))?;
                w.put(v, usize::from(n), "piece/total")?;
            }
            (Tail::Str7(n), Some(f)) => put_str7(&mut w, f, usize::from(n), "serial")?,
            (Tail::NumStr(n, max), Some(f)) => {
                if f.len() > usize::from(max) || !f.as_bytes().iter().all(u8::is_ascii_digit) {
                    return Err(EpcError::new(EpcErrorKind::NotEncodable {
                        field: "serial",
                    }));
                }
                let v = f
                    .as_bytes()
                    .iter()
                    .fold(1u64, |n, &d| n * 10 + u64::from(d - b'0'));
                w.put(v, usize::from(n), "serial")?;
            }
            (_, None) => {
                return Err(EpcError::new(EpcErrorKind::BadComponent {
                    field: "serial",
                }));
            }
        }
    }
    Ok(w.finish())
}

/// A numeric component as an integer, when it is digits without leading
/// zeros (or `0`) and at most `max_digits` long.
fn integer_without_leading_zeros(f: &Field, max_digits: usize) -> Option<u64> {
    let b = f.as_bytes();
    if b.is_empty() || b.len() > max_digits || (b.len() > 1 && b[0] == b'0') {
        return None;
    }
    f.number()
}

fn put_str7<W: BitWrite>(
    w: &mut W,
    f: &Field,
    bits: usize,
    field: &'static str,
) -> Result<(), EpcError> {
    if f.len() * 7 > bits {
        return Err(EpcError::new(EpcErrorKind::NotEncodable { field }));
    }
    for &b in f.as_bytes() {
        w.put(u64::from(b), 7, field)?;
    }
    w.zeros(bits - f.len() * 7);
    Ok(())
}

/// The 6-bit code of a CPI/ADI character.
fn six_bit(b: u8) -> Result<u8, EpcError> {
    if Charset::Cpi.allows(b) {
        Ok(b & 0x3F)
    } else {
        Err(EpcError::new(EpcErrorKind::NotEncodable {
            field: "reference",
        }))
    }
}

/// The character of a 6-bit code (not 0, the terminator).
fn from_six_bit(c: u8) -> Option<u8> {
    let b = if c < 0x20 { c | 0x40 } else { c };
    Charset::Cpi.allows(b).then_some(b)
}

fn read_str7<R: BitRead>(r: &mut R, bits: usize, field: &'static str) -> Result<Field, EpcError> {
    let start = r.pos();
    let mut f = Field::EMPTY;
    let mut ended = false;
    for _ in 0..bits / 7 {
        let c = r.take(7)? as u8;
        if c == 0 {
            ended = true;
        } else if ended || !is_cset82(c) || !f.push(c) {
            return Err(EpcError::at(EpcErrorKind::BadBinaryValue { field }, start));
        }
    }
    if r.take(bits % 7)? != 0 {
        return Err(EpcError::at(EpcErrorKind::NonZeroPadding, r.pos()));
    }
    Ok(f)
}

/// Decodes a fixed scheme: 96-bit schemes from one integer, the others
/// with bitvec.
fn decode_fixed(scheme: BinaryScheme, bytes: &[u8]) -> Result<Tag, EpcError> {
    if scheme.is_96() {
        // A wrong length is reported where the input and the scheme's
        // length part.
        let b: &[u8; 12] = bytes
            .try_into()
            .map_err(|_| EpcError::at(EpcErrorKind::BadHex, bytes.len().min(12) * 8))?;
        if scheme == Sgtin96 {
            return sgtin96::decode(b);
        }
        let mut r = Word96::from_bytes(b);
        match scheme {
            Gid96 => decode_gid(&mut r),
            Usdod96 => decode_dod(&mut r, scheme),
            _ => decode_fixed_with(&mut r, scheme),
        }
    } else {
        let mut r = Reader::new(bytes);
        let tag = if scheme == AdiVar {
            decode_dod(&mut r, scheme)?
        } else {
            decode_fixed_with(&mut r, scheme)?
        };
        let want = padded_bytes(r.pos());
        if bytes.len() != want {
            return Err(EpcError::at(
                EpcErrorKind::BadHex,
                bytes.len().min(want) * 8,
            ));
        }
        // Variable fields can hold what the URI forbids (an empty CPI part
        // reference, a 13-digit CPI serial): check the whole EPC.
        if !tag.epc.is_valid() {
            return Err(EpcError::new(EpcErrorKind::BadBinaryValue {
                field: "component",
            }));
        }
        Ok(tag)
    }
}

#[inline]
fn decode_fixed_with<R: BitRead>(r: &mut R, scheme: BinaryScheme) -> Result<Tag, EpcError> {
    let layout = scheme
        .layout()
        .ok_or(EpcError::new(EpcErrorKind::UnknownScheme))?;
    r.take(8)?;
    let filter = r.take(3)? as u8;
    let pv = r.take(3)? as usize;
    let row = layout
        .table
        .get(pv)
        .ok_or(EpcError::at(EpcErrorKind::BadPartition, 11))?;
    // Sets a component to `v` as exactly `digits` digits (none for 0).
    #[inline]
    fn set_digits(
        f: &mut Field,
        v: u64,
        digits: u8,
        name: &'static str,
        at: usize,
    ) -> Result<(), EpcError> {
        if digits < 20 && v >= POW10[usize::from(digits)] {
            return Err(EpcError::at(
                EpcErrorKind::BadBinaryValue { field: name },
                at,
            ));
        }
        if digits > 0 {
            f.set_number(v, usize::from(digits));
        }
        Ok(())
    }
    let mut tag = Tag {
        scheme,
        filter,
        epc: Epc::blank(scheme.epc_scheme()),
    };
    let fields = tag.epc.fields_mut();
    let at = r.pos();
    let v = r.take(usize::from(row.gcp_bits))?;
    set_digits(&mut fields[0], v, row.gcp_digits, "company prefix", at)?;
    let at = r.pos();
    let ref_bits = usize::from(row.ref_bits);
    match layout.reference {
        Ref::Digits => {
            let v = r.take(ref_bits)?;
            set_digits(&mut fields[1], v, row.ref_digits, "reference", at)?;
        }
        Ref::Integer => {
            let v = r.take(ref_bits)?;
            fields[1].set_number(v, 0);
            if fields[1].len() > usize::from(row.ref_digits) {
                return Err(EpcError::at(
                    EpcErrorKind::BadBinaryValue { field: "reference" },
                    at,
                ));
            }
        }
        Ref::Str7 => fields[1] = read_str7(r, ref_bits, "reference")?,
        Ref::Str6 => {
            let mut f = Field::EMPTY;
            loop {
                let c = r.take(6)? as u8;
                if c == 0 {
                    break;
                }
                let b = from_six_bit(c).ok_or(EpcError::at(
                    EpcErrorKind::BadBinaryValue { field: "reference" },
                    at,
                ))?;
                if f.len() >= usize::from(row.ref_digits) || !f.push(b) {
                    return Err(EpcError::at(
                        EpcErrorKind::BadBinaryValue { field: "reference" },
                        at,
                    ));
                }
            }
            fields[1] = f;
        }
    }
    let mut n = 2;
    for t in layout.tail {
        let at = r.pos();
        match *t {
            Tail::Zero(bits) => {
                if r.take(usize::from(bits))? != 0 {
                    return Err(EpcError::at(EpcErrorKind::NonZeroPadding, at));
                }
            }
            Tail::Serial(bits) => {
                let v = r.take(usize::from(bits))?;
                fields[n].set_number(v, 0);
                n += 1;
            }
            Tail::Padded(bits, digits) => {
                let v = r.take(usize::from(bits))?;
                set_digits(&mut fields[n], v, digits, "piece/total", at)?;
                n += 1;
            }
            Tail::Str7(bits) => {
                fields[n] = read_str7(r, usize::from(bits), "serial")?;
                n += 1;
            }
            Tail::NumStr(bits, max) => {
                let v = r.take(usize::from(bits))?;
                let all = Field::from_number(v, 0);
                // The leading '1' marks where the digits start.
                if all.as_bytes().first() != Some(&b'1')
                    || all.len() < 2
                    || all.len() > usize::from(max) + 1
                {
                    return Err(EpcError::at(
                        EpcErrorKind::BadBinaryValue { field: "serial" },
                        at,
                    ));
                }
                fields[n] = Field::from_bytes(&all.as_bytes()[1..]).ok_or(EpcError::at(
                    EpcErrorKind::BadBinaryValue { field: "serial" },
                    at,
                ))?;
                n += 1;
            }
        }
    }
    r.rest_is_zero()?;
    // Every field was read to its scheme's shape (digit counts from the
    // partition, characters checked), so the EPC needs no second check.
    debug_assert_eq!(n, scheme.epc_scheme().components().len());
    debug_assert!(
        !scheme.is_96() || tag.epc.is_valid(),
        "decoder produced {:?}",
        tag.epc
    );
    Ok(tag)
}

/// The six characters of a CAGE code or DoDAAC in USDOD-96 and ADI-var: a
/// five-character CAGE code is written after a space.
fn cage_chars(f: &Field) -> Result<[u8; 6], EpcError> {
    let mut out = [b' '; 6];
    match f.as_bytes() {
        b @ [_, _, _, _, _] => out[1..].copy_from_slice(b),
        b @ [_, _, _, _, _, _] => out.copy_from_slice(b),
        _ => {
            return Err(EpcError::new(EpcErrorKind::NotEncodable {
                field: "CAGE/DoDAAC",
            }));
        }
    }
    Ok(out)
}

/// USDOD-96 (filter 4 bits, CAGE/DoDAAC as six 8-bit ASCII characters,
/// serial 36 bits) and ADI-var (filter 6 bits, CAGE/DoDAAC as six 6-bit
/// characters, then part number and serial as 6-bit characters each ended
/// by a zero character). The header is written.
fn encode_dod<W: BitWrite>(
    mut w: W,
    scheme: BinaryScheme,
    filter: u8,
    epc: &Epc,
) -> Result<EncodedEpc, EpcError> {
    let parts = epc.parts();
    let cage = cage_chars(&parts[0])?;
    if scheme == Usdod96 {
        w.put(u64::from(filter), 4, "filter")?;
        for c in cage {
            w.put(u64::from(c), 8, "CAGE/DoDAAC")?;
        }
        let serial = parts[1]
            .number()
            .filter(|v| v >> 36 == 0)
            .ok_or(EpcError::new(EpcErrorKind::NotEncodable {
                field: "serial",
            }))?;
        w.put(serial, 36, "serial")?;
    } else {
        w.put(u64::from(filter), 6, "filter")?;
        for c in cage {
            w.put(u64::from(c & 0x3F), 6, "CAGE/DoDAAC")?;
        }
        for (f, field) in [(&parts[1], "part number"), (&parts[2], "serial")] {
            for &b in f.as_bytes() {
                if !Charset::Adi.allows(b) {
                    return Err(EpcError::new(EpcErrorKind::NotEncodable { field }));
                }
                w.put(u64::from(b & 0x3F), 6, field)?;
            }
            w.put(0, 6, field)?;
        }
    }
    Ok(w.finish())
}

/// The character of a 6-bit code of ADI-var (the terminator, 0, excluded):
/// codes below 0x20 are the letters, the others ASCII as they are.
fn adi_char(c: u8) -> u8 {
    if c < 0x20 { c | 0x40 } else { c }
}

/// Reads ADI-var 6-bit characters up to their zero terminator.
fn read_six_terminated<R: BitRead>(
    r: &mut R,
    max: usize,
    field: &'static str,
) -> Result<Field, EpcError> {
    let at = r.pos();
    let mut f = Field::EMPTY;
    loop {
        let c = r.take(6)? as u8;
        if c == 0 {
            return Ok(f);
        }
        let b = adi_char(c);
        if f.len() >= max || !Charset::Adi.allows(b) || !f.push(b) {
            return Err(EpcError::at(EpcErrorKind::BadBinaryValue { field }, at));
        }
    }
}

/// Decodes USDOD-96 and ADI-var (see [`encode_dod`]).
fn decode_dod<R: BitRead>(r: &mut R, scheme: BinaryScheme) -> Result<Tag, EpcError> {
    r.take(8)?;
    let adi = scheme == AdiVar;
    let filter = r.take(if adi { 6 } else { 4 })? as u8;
    let at = r.pos();
    let mut cage = Field::EMPTY;
    for i in 0..6 {
        let c = r.take(if adi { 6 } else { 8 })? as u8;
        let c = if adi { adi_char(c) } else { c };
        // A leading space marks a five-character CAGE code.
        if i == 0 && c == b' ' {
            continue;
        }
        if !Charset::UpperAlnum.allows(c) || !cage.push(c) {
            return Err(EpcError::at(
                EpcErrorKind::BadBinaryValue {
                    field: "CAGE/DoDAAC",
                },
                at,
            ));
        }
    }
    let mut epc = Epc::blank(scheme.epc_scheme());
    let fields = epc.fields_mut();
    fields[0] = cage;
    if adi {
        fields[1] = read_six_terminated(r, 32, "part number")?;
        fields[2] = read_six_terminated(r, 30, "serial")?;
    } else {
        fields[1] = Field::from_number(r.take(36)?, 0);
    }
    r.rest_is_zero()?;
    // USDOD-96's fields always make a valid EPC; ADI-var's (an empty
    // serial) are checked by the caller with the length.
    debug_assert!(adi || epc.is_valid(), "decoder produced {epc:?}");
    Ok(Tag {
        scheme,
        filter,
        epc,
    })
}

fn decode_gid<R: BitRead>(r: &mut R) -> Result<Tag, EpcError> {
    r.take(8)?;
    let m = Field::from_number(r.take(28)?, 0);
    let c = Field::from_number(r.take(24)?, 0);
    let s = Field::from_number(r.take(36)?, 0);
    let bits = r.pos();
    r.rest_is_zero()?;
    debug_assert_eq!(bits, 96);
    Ok(Tag {
        scheme: Gid96,
        filter: 0,
        epc: Epc::from_decoded_fields(Scheme::Gid, &[m, c, s]),
    })
}

impl fmt::Display for Tag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut s = Vec::with_capacity(64);
        s.extend_from_slice(b"urn:epc:tag:");
        s.extend_from_slice(self.scheme.name().as_bytes());
        s.push(b':');
        if self.scheme != Gid96 {
            if self.filter >= 10 {
                s.push(b'0' + self.filter / 10);
            }
            s.push(b'0' + self.filter % 10);
            s.push(b'.');
        }
        self.epc.write_body(&mut s);
        f.write_str(&uri_string(s))
    }
}

impl FromStr for Tag {
    type Err = EpcError;
    fn from_str(s: &str) -> Result<Tag, EpcError> {
        const P: &str = "urn:epc:tag:";
        let rest = s
            .strip_prefix(P)
            .ok_or(EpcError::at(EpcErrorKind::UnknownScheme, 0))?;
        let (name, body) = rest
            .split_once(':')
            .ok_or(EpcError::at(EpcErrorKind::UnknownScheme, P.len()))?;
        let scheme: BinaryScheme = name
            .parse()
            .map_err(|_| EpcError::at(EpcErrorKind::UnknownScheme, P.len()))?;
        if scheme.is_plus() || scheme.name() != name {
            return Err(EpcError::at(EpcErrorKind::UnknownScheme, P.len()));
        }
        let mut base = P.len() + name.len() + 1;
        let (filter, body) = if scheme == Gid96 {
            (0, body)
        } else {
            let (f, b) = body
                .split_once('.')
                .ok_or(EpcError::at(EpcErrorKind::BadFilter, base))?;
            // Decimal, without leading zeros, up to the scheme's maximum.
            let filter = match f.as_bytes() {
                [d @ b'0'..=b'9'] => Some(d - b'0'),
                [a @ b'1'..=b'9', b @ b'0'..=b'9'] => Some((a - b'0') * 10 + (b - b'0')),
                _ => None,
            }
            .filter(|&v| v <= scheme.max_filter())
            .ok_or(EpcError::at(EpcErrorKind::BadFilter, base))?;
            base += f.len() + 1;
            (filter, b)
        };
        let epc = Epc::parse_body(scheme.epc_scheme(), body, base)?;
        Tag::new(scheme, filter, epc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every fixed scheme: tag URI → binary → tag, and the URI back.
    #[test]
    fn every_fixed_scheme_round_trips() {
        let uris = [
            "urn:epc:tag:sgtin-96:1.0614141.812345.0",
            "urn:epc:tag:sgtin-198:0.061414112345.1.A%2F%25b",
            "urn:epc:tag:sscc-96:7.061414112345.12345",
            "urn:epc:tag:sgln-96:2.061414112345..0",
            "urn:epc:tag:sgln-195:2.0614141.12345.%22x%26",
            "urn:epc:tag:grai-96:3.061414.123456.7",
            "urn:epc:tag:grai-170:3.061414112345..A",
            "urn:epc:tag:giai-96:3.061414.1234567890123456789",
            "urn:epc:tag:giai-202:3.061414112345.ABCDEFGHIJKLMNOPQR",
            "urn:epc:tag:gsrn-96:3.0614141.1234567890",
            "urn:epc:tag:gsrnp-96:3.061414.12345678901",
            "urn:epc:tag:gdti-96:3.0614141.12345.2199023255551",
            "urn:epc:tag:gdti-174:3.0614141.12345.ABCDEFGHIJKLMNOPQ",
            "urn:epc:tag:cpi-96:3.0614141.12345678.2147483647",
            "urn:epc:tag:cpi-var:3.061414.ABC-%23%2F0123456789ABCDEFG.999999999999",
            "urn:epc:tag:sgcn-96:3.0614141.12345.000000000000",
            "urn:epc:tag:itip-110:3.0614141.812345.01.02.274877906943",
            "urn:epc:tag:itip-212:3.0614141.812345.99.99.A%3Fb",
            "urn:epc:tag:gid-96:268435455.16777215.68719476735",
            "urn:epc:tag:usdod-96:15.2S194.68719476735",
            "urn:epc:tag:usdod-96:0.ABC123.0",
            "urn:epc:tag:adi-var:63.2S194.12345A1B2C3D4E5F6G7H8.%23A1-B2-C3",
            "urn:epc:tag:adi-var:10.ABC123..S%2F1",
        ];
        for uri in uris {
            let tag: Tag = uri.parse().unwrap_or_else(|e| panic!("{uri}: {e}"));
            assert_eq!(tag.to_string(), uri);
            let enc = tag.encode().unwrap();
            let back = Tag::decode(enc.as_bytes()).unwrap_or_else(|e| panic!("{uri}: {e}"));
            assert_eq!(back, tag, "{uri} via {}", enc.to_hex());
            assert_eq!(enc.as_bytes().len() % 2, 0, "whole 16-bit words");
        }
    }

    #[test]
    fn limits_are_enforced() {
        // bug found by fuzzing: CPI-var with an empty part reference and a
        // 13-digit serial decoded to an EPC no URI may hold.
        assert!(Tag::decode(&[0x3d, 0, 0, 0, 0, 0, 0, 0, 0x30, 0x40, 0x4e, 0x65, 0x30]).is_err());
        for bad in [
            "urn:epc:tag:sgtin-96:1.0614141.812345.274877906944",
            "urn:epc:tag:sgtin-96:1.0614141.812345.01",
            "urn:epc:tag:sgtin-96:8.0614141.812345.1",
            "urn:epc:tag:sgcn-96:3.0614141.12345.1234567890123",
            "urn:epc:tag:gid-96:268435456.1.1",
            "urn:epc:tag:giai-96:3.061414.0123",
            "urn:epc:tag:sgtin-198:0.0614141.812345.ABCDEFGHIJKLMNOPQRSTU",
            "urn:epc:tag:sgtin-96:10.0614141.812345.1",
            "urn:epc:tag:usdod-96:16.2S194.1",
            "urn:epc:tag:usdod-96:3.2S194.68719476736",
            "urn:epc:tag:adi-var:64.2S194.A.B",
            "urn:epc:tag:adi-var:03.2S194.A.B",
            "urn:epc:tag:adi-var:3.2S194.A.",
        ] {
            assert!(bad.parse::<Tag>().is_err(), "{bad}");
        }
        // Wrong length, bad padding, unknown header, reserved partition.
        assert!(Tag::decode_hex("3074257BF7194E4000001A").is_err());
        assert!(Tag::decode_hex("3074257BF7194E4000001A850000").is_err());
        assert!(Tag::decode_hex("FF74257BF7194E4000001A85").is_err());
        assert!(Tag::decode_hex("307C257BF7194E4000001A85").is_err());
        assert!(Tag::decode_hex("3174257BF4499602D2000001").is_err());
        assert!(Tag::decode_hex("zz").is_err());
        // USDOD-96 with a control character in its CAGE code; ADI-var
        // without a serial (nothing but terminators after the CAGE code).
        let e = Tag::decode_hex("2F301434147455900000162E").unwrap_err();
        assert_eq!((e.kind.code(), e.at), ("BAD_BINARY_VALUE", Some(3)));
        let mut w = Writer::new();
        w.put(0x3B, 8, "header").unwrap();
        w.put(3, 6, "filter").unwrap();
        for c in b" 35962" {
            w.put(u64::from(c & 0x3F), 6, "CAGE").unwrap();
        }
        w.put(0, 12, "two terminators").unwrap();
        let e = Tag::decode(w.finish().as_bytes()).unwrap_err();
        assert_eq!(e.kind.code(), "BAD_BINARY_VALUE");
    }

    #[test]
    fn hex_errors_point_at_hex_characters() {
        let at = |h: &str| {
            let e = decode_any_hex(h).unwrap_err();
            (e.kind.code(), e.at)
        };
        // The partition (bits 11-13) is in hex character 2.
        assert_eq!(at("307C257BF7194E4000001A85"), ("BAD_PARTITION", Some(2)));
        // SSCC-96's reserved bits start at bit 72: character 18.
        assert_eq!(
            at("3174257BF4499602D2000001"),
            ("NON_ZERO_PADDING", Some(18))
        );
        // An SGTIN+ cut short after its filter: the GTIN's digits would
        // start at bit 12 (character 3); the second digit is past the end.
        assert_eq!(at("F700"), ("TRUNCATED_EPC", Some(4)));
        // Lengths: the unpaired last character, the end of a short input,
        // the first character too many.
        assert_eq!(at("3074257BF7194E4000001A8"), ("BAD_HEX", Some(22)));
        assert_eq!(at("3074257BF7194E4000001A"), ("BAD_HEX", Some(22)));
        assert_eq!(at("3074257BF7194E4000001A850000"), ("BAD_HEX", Some(24)));
        assert_eq!(at("3074257BF7194Z4000001A85"), ("BAD_HEX", Some(13)));
        assert_eq!(at(""), ("BAD_HEX", None));
        // The same errors from bytes are in bits.
        let e = Tag::decode(&[
            0x30, 0x7C, 0x25, 0x7B, 0xF7, 0x19, 0x4E, 0x40, 0, 0, 0x1A, 0x85,
        ]);
        assert_eq!(e.unwrap_err().at, Some(11));
    }

    #[test]
    fn best_reports_why_there_is_no_tag() {
        let code = |uri: &str, filter: u8| {
            let epc: Epc = uri.parse().unwrap();
            Tag::best(epc, filter).unwrap_err().kind.code()
        };
        assert_eq!(code("urn:epc:id:pgln:1234567.89012", 0), "NO_BINARY_SCHEME");
        assert_eq!(code("urn:epc:id:bic:CSQU3054383", 0), "NO_BINARY_SCHEME");
        // A CPI serial with a leading zero fits neither CPI-96 nor CPI-var.
        assert_eq!(
            code("urn:epc:id:cpi:0614141.123ABC.0123", 0),
            "NOT_ENCODABLE"
        );
        assert_eq!(code("urn:epc:id:gid:268435456.1.1", 0), "NOT_ENCODABLE");
        assert_eq!(
            code("urn:epc:id:sgtin:0614141.812345.6789", 9),
            "BAD_FILTER"
        );
    }

    #[test]
    fn best_scheme_prefers_96_bits() {
        let epc: Epc = "urn:epc:id:sgtin:0614141.812345.6789".parse().unwrap();
        assert_eq!(
            Tag::best(epc, 1).unwrap().binary_scheme(),
            BinaryScheme::Sgtin96
        );
        let epc: Epc = "urn:epc:id:sgtin:0614141.812345.0123".parse().unwrap();
        assert_eq!(
            Tag::best(epc, 1).unwrap().binary_scheme(),
            BinaryScheme::Sgtin198
        );
    }
}
