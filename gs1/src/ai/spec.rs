//! The shape of one Application Identifier definition: its components, the
//! linters of each component, and its association rules.

use crate::lint::Linter;

/// Character set of an AI component, as the dictionary's type letter names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Charset {
    /// `N`: digits `0`–`9`.
    N,
    /// `X`: GS1 AI encodable character set 82.
    X,
    /// `Y`: GS1 AI encodable character set 39.
    Y,
    /// `Z`: GS1 AI encodable character set 64 (base64url with `=` padding).
    Z,
}

impl Charset {
    /// The linter that enforces this character set; it runs before the
    /// component's own linters.
    pub const fn linter(self) -> Linter {
        match self {
            Charset::N => Linter::Csetnumeric,
            Charset::X => Linter::Cset82,
            Charset::Y => Linter::Cset39,
            Charset::Z => Linter::Cset64,
        }
    }

    /// The dictionary's letter for this character set.
    pub const fn letter(self) -> char {
        match self {
            Charset::N => 'N',
            Charset::X => 'X',
            Charset::Y => 'Y',
            Charset::Z => 'Z',
        }
    }
}

/// One component of an AI's data field, e.g. `N13,csum,gcppos1` or `[X..17]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Component {
    /// Character set of the component.
    pub charset: Charset,
    /// Minimum length when the component is present.
    pub min: u8,
    /// Maximum length.
    pub max: u8,
    /// Whether the component may be absent (`[...]` in the dictionary). Only
    /// trailing components are optional.
    pub optional: bool,
    /// Content linters applied after the character-set linter, in order.
    pub linters: &'static [Linter],
}

impl Component {
    pub(crate) const fn new(
        charset: Charset,
        min: u8,
        max: u8,
        optional: bool,
        linters: &'static [Linter],
    ) -> Self {
        Component {
            charset,
            min,
            max,
            optional,
            linters,
        }
    }

    /// Whether the length is fixed (`N14`), not variable (`X..20`).
    pub const fn is_fixed_length(&self) -> bool {
        self.min == self.max
    }
}

/// Dictionary flags of an AI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
pub struct Flags(u8);

impl Flags {
    /// No flag.
    pub const NONE: Flags = Flags(0);
    /// `*`: predefined length, no FNC1 separator needed after the value.
    pub const PREDEFINED_LENGTH: Flags = Flags(1);
    /// `?`: may appear as a GS1 Digital Link data attribute (query parameter).
    pub const DL_DATA_ATTRIBUTE: Flags = Flags(2);

    /// Both sets of flags.
    pub const fn union(self, other: Flags) -> Flags {
        Flags(self.0 | other.0)
    }

    /// Whether every flag of `other` is set.
    pub const fn contains(self, other: Flags) -> bool {
        self.0 & other.0 == other.0
    }
}

/// An AI or AI pattern in an association rule: digits, with `n` standing for
/// any digit at the end (`310n`, `35nn`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct AiPattern(pub &'static str);

impl AiPattern {
    /// Whether `ai` (its digits) matches this pattern: same length, equal
    /// digits where the pattern has digits.
    pub fn matches(self, ai: &str) -> bool {
        self.matches_bytes(ai.as_bytes())
    }

    /// [`AiPattern::matches`] on the AI's digits as bytes.
    #[inline]
    pub fn matches_bytes(self, ai: &[u8]) -> bool {
        let p = self.0.as_bytes();
        p.len() == ai.len() && p.iter().zip(ai).all(|(&p, &a)| p == b'n' || p == a)
    }
}

/// The definition of one Application Identifier, as the GS1 Barcode Syntax
/// Dictionary gives it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub struct AiSpec {
    /// The AI's digits, e.g. `"01"`, `"3103"`. Empty for the stand-in used
    /// for unknown AIs.
    pub ai: &'static str,
    /// Dictionary flags.
    pub flags: Flags,
    /// Components of the data field, in order.
    pub components: &'static [Component],
    /// `req=` rules, all of which must hold. Each rule is a list of
    /// alternatives, one of which must be wholly present; an alternative is
    /// a `+`-joined group of AI patterns.
    pub req: &'static [&'static [&'static [&'static str]]],
    /// `ex=`: AIs or patterns that must not appear with this AI.
    pub ex: &'static [&'static str],
    /// `dlpkey`: `Some` when this AI is a GS1 Digital Link primary key; the
    /// list holds the alternative qualifier sequences (possibly none).
    pub dl_primary_key: Option<&'static [&'static [&'static str]]>,
    /// The data title, e.g. `"GTIN"`.
    pub title: &'static str,
}

impl AiSpec {
    /// Whether an FNC1 separator must follow the value when another element
    /// follows (the AI is not of predefined length).
    pub const fn fnc1_required(&self) -> bool {
        !self.flags.contains(Flags::PREDEFINED_LENGTH)
    }

    /// Whether the AI may be a GS1 Digital Link data attribute.
    pub const fn is_dl_data_attribute(&self) -> bool {
        self.flags.contains(Flags::DL_DATA_ATTRIBUTE)
    }

    /// Sum of the minimum lengths of the mandatory components.
    pub const fn min_len(&self) -> usize {
        let mut n = 0;
        let mut i = 0;
        while i < self.components.len() {
            if !self.components[i].optional {
                n += self.components[i].min as usize;
            }
            i += 1;
        }
        n
    }

    /// Sum of the maximum lengths of all components.
    pub const fn max_len(&self) -> usize {
        // Most AIs have one component; this runs for every parsed element.
        if let [c] = self.components {
            return c.max as usize;
        }
        let mut n = 0;
        let mut i = 0;
        while i < self.components.len() {
            n += self.components[i].max as usize;
            i += 1;
        }
        n
    }

    /// Whether this is the stand-in definition of an AI that is not in the
    /// dictionary (accepted only when unknown AIs are permitted).
    pub const fn is_unknown(&self) -> bool {
        self.ai.is_empty()
    }
}
