//! The EPC schemes of the Tag Data Standard and the components of their
//! pure identity URIs.

use core::fmt;
use core::str::FromStr;

use super::error::{EpcError, EpcErrorKind};
use super::field::Charset;

/// An EPC scheme: the kind of object an EPC pure identity URI names.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum Scheme {
    /// Serialised GTIN: (01) + (21).
    Sgtin,
    /// SSCC (00).
    Sscc,
    /// GLN with extension: (414) + (254).
    Sgln,
    /// GRAI with serial (8003).
    Grai,
    /// GIAI (8004).
    Giai,
    /// GSRN recipient (8018).
    Gsrn,
    /// GSRN provider (8017).
    Gsrnp,
    /// GDTI with serial (253).
    Gdti,
    /// Component/part identifier: (8010) + (8011).
    Cpi,
    /// GCN with serial (255).
    Sgcn,
    /// GINC (401).
    Ginc,
    /// GSIN (402).
    Gsin,
    /// Individual trade item piece: (8006) + (21).
    Itip,
    /// Unit pack identifier: (01) + (235).
    Upui,
    /// Party GLN (417).
    Pgln,
    /// General identifier (no GS1 key).
    Gid,
    /// US Department of Defense identifier.
    Usdod,
    /// Aerospace and defence identifier.
    Adi,
    /// BIC intermodal container code (ISO 6346).
    Bic,
    /// IMO vessel number.
    Imovn,
}

/// How a component's text is constrained.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Kind {
    /// The GS1 Company Prefix: 6–12 digits.
    Gcp,
    /// Digits filling the key up to `total` digits after the company
    /// prefix: exactly `total − prefix length` digits (possibly none).
    RefDigits(u8),
    /// Exactly `n` digits.
    Digits(u8),
    /// A decimal integer without leading zeros.
    Integer,
    /// Text of `min..=max` characters of a character set.
    Text(Charset, u8, u8),
    /// Text whose maximum is `total − prefix length`.
    TextAfterGcp(Charset, u8, u8),
}

/// One component of a scheme's URI body.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Component {
    pub(crate) name: &'static str,
    pub(crate) kind: Kind,
}

const fn c(name: &'static str, kind: Kind) -> Component {
    Component { name, kind }
}

use Charset::{Adi, Cpi, Cset82, UpperAlnum};
use Kind::{Gcp, Integer, RefDigits, Text, TextAfterGcp};

const GCP: Component = c("company prefix", Gcp);
const SGTIN: &[Component] = &[
    GCP,
    c("item reference", RefDigits(13)),
    c("serial", Text(Cset82, 1, 20)),
];
const SSCC: &[Component] = &[GCP, c("serial reference", RefDigits(17))];
const SGLN: &[Component] = &[
    GCP,
    c("location reference", RefDigits(12)),
    c("extension", Text(Cset82, 1, 20)),
];
const GRAI: &[Component] = &[
    GCP,
    c("asset type", RefDigits(12)),
    c("serial", Text(Cset82, 1, 16)),
];
const GIAI: &[Component] = &[GCP, c("asset reference", TextAfterGcp(Cset82, 1, 30))];
const GSRN: &[Component] = &[GCP, c("service reference", RefDigits(17))];
const GDTI: &[Component] = &[
    GCP,
    c("document type", RefDigits(12)),
    c("serial", Text(Cset82, 1, 17)),
];
const CPI: &[Component] = &[
    GCP,
    c("part reference", TextAfterGcp(Cpi, 1, 30)),
    c("serial", Text(Charset::Digits, 1, 12)),
];
const SGCN: &[Component] = &[
    GCP,
    c("coupon reference", RefDigits(12)),
    c("serial", Text(Charset::Digits, 1, 12)),
];
const GINC: &[Component] = &[GCP, c("consignment reference", TextAfterGcp(Cset82, 1, 30))];
const GSIN: &[Component] = &[GCP, c("shipper reference", RefDigits(16))];
const ITIP: &[Component] = &[
    GCP,
    c("item reference", RefDigits(13)),
    c("piece", Kind::Digits(2)),
    c("total", Kind::Digits(2)),
    c("serial", Text(Cset82, 1, 20)),
];
const UPUI: &[Component] = &[
    GCP,
    c("item reference", RefDigits(13)),
    c("third-party serial", Text(Cset82, 1, 28)),
];
const PGLN: &[Component] = &[GCP, c("party reference", RefDigits(12))];
const GID: &[Component] = &[
    c("manager number", Integer),
    c("object class", Integer),
    c("serial", Integer),
];
const USDOD: &[Component] = &[
    c("CAGE/DoDAAC", Text(UpperAlnum, 5, 6)),
    c("serial", Integer),
];
const ADI: &[Component] = &[
    c("CAGE/DoDAAC", Text(UpperAlnum, 5, 6)),
    c("part number", Text(Adi, 0, 32)),
    c("serial", Text(Adi, 1, 30)),
];
const BIC: &[Component] = &[c("container code", Text(UpperAlnum, 11, 11))];
const IMOVN: &[Component] = &[c("IMO number", Kind::Digits(7))];

impl Scheme {
    /// Every scheme.
    pub const ALL: [Scheme; 20] = [
        Scheme::Sgtin,
        Scheme::Sscc,
        Scheme::Sgln,
        Scheme::Grai,
        Scheme::Giai,
        Scheme::Gsrn,
        Scheme::Gsrnp,
        Scheme::Gdti,
        Scheme::Cpi,
        Scheme::Sgcn,
        Scheme::Ginc,
        Scheme::Gsin,
        Scheme::Itip,
        Scheme::Upui,
        Scheme::Pgln,
        Scheme::Gid,
        Scheme::Usdod,
        Scheme::Adi,
        Scheme::Bic,
        Scheme::Imovn,
    ];

    /// The name in URIs, e.g. `"sgtin"`.
    pub const fn name(self) -> &'static str {
        match self {
            Scheme::Sgtin => "sgtin",
            Scheme::Sscc => "sscc",
            Scheme::Sgln => "sgln",
            Scheme::Grai => "grai",
            Scheme::Giai => "giai",
            Scheme::Gsrn => "gsrn",
            Scheme::Gsrnp => "gsrnp",
            Scheme::Gdti => "gdti",
            Scheme::Cpi => "cpi",
            Scheme::Sgcn => "sgcn",
            Scheme::Ginc => "ginc",
            Scheme::Gsin => "gsin",
            Scheme::Itip => "itip",
            Scheme::Upui => "upui",
            Scheme::Pgln => "pgln",
            Scheme::Gid => "gid",
            Scheme::Usdod => "usdod",
            Scheme::Adi => "adi",
            Scheme::Bic => "bic",
            Scheme::Imovn => "imovn",
        }
    }

    /// The components of the URI body, in order.
    pub(crate) const fn components(self) -> &'static [Component] {
        match self {
            Scheme::Sgtin => SGTIN,
            Scheme::Sscc => SSCC,
            Scheme::Sgln => SGLN,
            Scheme::Grai => GRAI,
            Scheme::Giai => GIAI,
            Scheme::Gsrn | Scheme::Gsrnp => GSRN,
            Scheme::Gdti => GDTI,
            Scheme::Cpi => CPI,
            Scheme::Sgcn => SGCN,
            Scheme::Ginc => GINC,
            Scheme::Gsin => GSIN,
            Scheme::Itip => ITIP,
            Scheme::Upui => UPUI,
            Scheme::Pgln => PGLN,
            Scheme::Gid => GID,
            Scheme::Usdod => USDOD,
            Scheme::Adi => ADI,
            Scheme::Bic => BIC,
            Scheme::Imovn => IMOVN,
        }
    }

    /// Whether the first component is a GS1 Company Prefix (the scheme
    /// carries a GS1 key).
    pub fn is_gs1(self) -> bool {
        matches!(self.components().first(), Some(c) if c.kind == Gcp)
    }
}

impl fmt::Display for Scheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Scheme {
    type Err = EpcError;
    fn from_str(s: &str) -> Result<Scheme, EpcError> {
        // Matched as text rather than compared with each name in turn:
        // every EPC URN read names its scheme, and the search cost ~160 of
        // the ~1,300 instructions of parsing one (callgrind).
        Ok(match s {
            "sgtin" => Scheme::Sgtin,
            "sscc" => Scheme::Sscc,
            "sgln" => Scheme::Sgln,
            "grai" => Scheme::Grai,
            "giai" => Scheme::Giai,
            "gsrn" => Scheme::Gsrn,
            "gsrnp" => Scheme::Gsrnp,
            "gdti" => Scheme::Gdti,
            "cpi" => Scheme::Cpi,
            "sgcn" => Scheme::Sgcn,
            "ginc" => Scheme::Ginc,
            "gsin" => Scheme::Gsin,
            "itip" => Scheme::Itip,
            "upui" => Scheme::Upui,
            "pgln" => Scheme::Pgln,
            "gid" => Scheme::Gid,
            "usdod" => Scheme::Usdod,
            "adi" => Scheme::Adi,
            "bic" => Scheme::Bic,
            "imovn" => Scheme::Imovn,
            _ => return Err(EpcError::new(EpcErrorKind::UnknownScheme)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_parse_back() {
        for s in Scheme::ALL {
            assert_eq!(s.name().parse::<Scheme>(), Ok(s));
        }
        for bad in ["", "SGTIN", "sgtin ", "sgt", "lgtin", "gsrnpx"] {
            assert!(bad.parse::<Scheme>().is_err(), "{bad}");
        }
    }
}
