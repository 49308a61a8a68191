//! CBV 2.0 vocabularies as open newtypes.
//!
//! Each type keeps the value as written and understands the three spellings
//! of a standard value: the bare word used in JSON-LD (`commissioning`), the
//! URN used in XML (`urn:epcglobal:cbv:bizstep:commissioning`) and the GS1 web
//! URI (`https://ref.gs1.org/cbv/BizStep-commissioning`); the CURIE
//! `cbv:BizStep-commissioning` is understood too. Two values are equal when
//! they name the same standard value, whatever the spelling; unknown values
//! (private URIs, future CBV words) are kept and compared as written.
//!
//! ```
//! use serialkit_epcis::vocab::{BizStep, VocabForm};
//! let urn: BizStep = "urn:epcglobal:cbv:bizstep:commissioning".parse().unwrap();
//! assert_eq!(urn, BizStep::COMMISSIONING);
//! assert_eq!(urn.to_form(VocabForm::Bare), "commissioning");
//! assert_eq!(BizStep::SHIPPING.to_form(VocabForm::WebUri), "https://ref.gs1.org/cbv/BizStep-shipping");
//! let private: BizStep = "https://example.com/steps/painting".parse().unwrap();
//! assert!(!private.is_standard());
//! ```

use crate::vocab_table as table;
use std::borrow::Cow;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

/// Why a text is not a vocabulary value.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum VocabularyError {
    /// The value is empty.
    #[error("empty vocabulary value")]
    Empty,
    /// The value contains whitespace or a control character.
    #[error("`{0}` contains whitespace or a control character")]
    BadCharacter(String),
}

/// A spelling of a vocabulary value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum VocabForm {
    /// JSON-LD bare word: `commissioning`.
    Bare,
    /// EPCIS 1.x / XML URN: `urn:epcglobal:cbv:bizstep:commissioning`.
    Urn,
    /// GS1 web URI: `https://ref.gs1.org/cbv/BizStep-commissioning`.
    WebUri,
    /// Compact IRI: `cbv:BizStep-commissioning`.
    Curie,
    /// Anything else (a non-standard value).
    Other,
}

/// The spellings of one vocabulary.
#[derive(Debug)]
pub(crate) struct Spellings {
    pub(crate) words: &'static [&'static str],
    pub(crate) urn: Option<&'static str>,
    pub(crate) web: &'static str,
    pub(crate) curie: &'static str,
    /// The words as a set, built on first use (lookups run per event).
    pub(crate) index: std::sync::OnceLock<WordSet>,
}

/// A set of standard words, hashed with FxHash (the set is fixed, so no
/// caller can choose words to collide). Every event hash looks up two to
/// six values: with the standard library's SipHash and the prefix checks of
/// [`Spellings::standard`], writing a `bizStep` or `disposition` into the
/// pre-hash cost ~220 instructions, with FxHash and
/// [`Spellings::is_bare_word`] ~110 (callgrind).
pub(crate) type WordSet = rustc_hash::FxHashSet<&'static str>;

impl Spellings {
    /// The standard bare word `text` spells, and in which form.
    pub(crate) fn standard(&self, text: &str) -> Option<(&'static str, VocabForm)> {
        let (word, form) = if let Some(w) = self.urn.and_then(|p| text.strip_prefix(p)) {
            (w, VocabForm::Urn)
        } else if let Some(w) = text.strip_prefix(self.web) {
            (w, VocabForm::WebUri)
        } else if let Some(w) = text.strip_prefix(self.curie) {
            (w, VocabForm::Curie)
        } else {
            (text, VocabForm::Bare)
        };
        self.index().get(word).map(|&s| (s, form))
    }

    fn index(&self) -> &WordSet {
        self.index
            .get_or_init(|| self.words.iter().copied().collect())
    }

    /// Whether `text` is a standard bare word: the same as [`Self::standard`]
    /// reading it in [`VocabForm::Bare`], and as it being standard without
    /// `:` or `/` (the prefixes of the other forms have a `:`, the words
    /// have neither), with one lookup and no prefix checks.
    pub(crate) fn is_bare_word(&self, text: &str) -> bool {
        self.index().contains(text)
    }

    /// Whether `text` uses one of this vocabulary's standard prefixes.
    pub(crate) fn has_standard_prefix(&self, text: &str) -> bool {
        self.urn.is_some_and(|p| text.starts_with(p))
            || text.starts_with(self.web)
            || text.starts_with(self.curie)
    }

    pub(crate) fn spell(&self, word: &str, form: VocabForm) -> Option<String> {
        match form {
            VocabForm::Bare => Some(word.to_owned()),
            VocabForm::Urn => self.urn.map(|p| format!("{p}{word}")),
            VocabForm::WebUri => Some(format!("{}{word}", self.web)),
            VocabForm::Curie => Some(format!("{}{word}", self.curie)),
            VocabForm::Other => None,
        }
    }
}

macro_rules! cbv_vocabulary {
    ($(#[$meta:meta])* $name:ident, $spell:ident = { words: $words:expr, urn: $urn:expr, web: $web:expr, curie: $curie:expr $(,)? }) => {
        pub(crate) static $spell: Spellings = Spellings {
            words: $words,
            urn: $urn,
            web: $web,
            curie: $curie,
            index: std::sync::OnceLock::new(),
        };

        $(#[$meta])*
        #[derive(Clone)]
        pub struct $name(Cow<'static, str>);

        impl $name {
            pub(crate) const fn from_static(word: &'static str) -> Self {
                $name(Cow::Borrowed(word))
            }

            /// Keeps `text` as written; any non-empty value without
            /// whitespace is accepted (the vocabulary is open).
            pub fn new(text: impl Into<String>) -> Result<Self, VocabularyError> {
                let text: String = text.into();
                if text.is_empty() {
                    return Err(VocabularyError::Empty);
                }
                if text.bytes().any(|b| b <= b' ' || b == 0x7f) {
                    return Err(VocabularyError::BadCharacter(text));
                }
                Ok($name(Cow::Owned(text)))
            }

            /// The value as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The standard bare word this value spells, if it is standard.
            pub fn standard_word(&self) -> Option<&'static str> {
                $spell.standard(&self.0).map(|(w, _)| w)
            }

            /// Whether this is one of the CBV 2.0 values.
            pub fn is_standard(&self) -> bool {
                self.standard_word().is_some()
            }

            /// Whether this is one of the CBV 2.0 values spelled as its
            /// bare word ([`VocabForm::Bare`]).
            #[allow(dead_code, reason = "not every vocabulary is in the event hash")]
            pub(crate) fn is_bare_standard(&self) -> bool {
                $spell.is_bare_word(&self.0)
            }

            /// Whether the value uses a CBV prefix (URN, web URI or CURIE)
            /// without naming a standard value: a likely typo, since the CBV
            /// namespaces are closed to private values.
            pub fn is_non_standard_cbv(&self) -> bool {
                !self.is_standard() && $spell.has_standard_prefix(&self.0)
            }

            /// The spelling the value was written in.
            pub fn form(&self) -> VocabForm {
                $spell.standard(&self.0).map_or(VocabForm::Other, |(_, f)| f)
            }

            /// The value in `form` when it is standard and the form exists for
            /// this vocabulary; the text as written otherwise.
            pub fn to_form(&self, form: VocabForm) -> Cow<'_, str> {
                match $spell.standard(&self.0) {
                    Some((_, f)) if f == form => Cow::Borrowed(&self.0),
                    Some((w, _)) => $spell.spell(w, form).map_or(Cow::Borrowed(&*self.0), Cow::Owned),
                    None => Cow::Borrowed(&self.0),
                }
            }

            fn key(&self) -> &str {
                self.standard_word().unwrap_or(&self.0)
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.key() == other.key()
            }
        }

        impl Eq for $name {}

        impl Hash for $name {
            fn hash<H: Hasher>(&self, state: &mut H) {
                self.key().hash(state)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), &*self.0)
            }
        }

        impl FromStr for $name {
            type Err = VocabularyError;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                $name::new(s)
            }
        }
    };
}

cbv_vocabulary!(
    /// A business step (`bizStep`).
    BizStep,
    BIZ_STEP = {
        words: table::BIZ_STEP,
        urn: Some("urn:epcglobal:cbv:bizstep:"),
        web: "https://ref.gs1.org/cbv/BizStep-",
        curie: "cbv:BizStep-",
    }
);
cbv_vocabulary!(
    /// A disposition (`disposition`, `persistentDisposition` set/unset).
    Disposition,
    DISPOSITION = {
        words: table::DISPOSITION,
        urn: Some("urn:epcglobal:cbv:disp:"),
        web: "https://ref.gs1.org/cbv/Disp-",
        curie: "cbv:Disp-",
    }
);
cbv_vocabulary!(
    /// A business transaction type (`bizTransaction` `type`).
    BizTransactionType,
    BIZ_TRANSACTION_TYPE = {
        words: table::BIZ_TRANSACTION_TYPE,
        urn: Some("urn:epcglobal:cbv:btt:"),
        web: "https://ref.gs1.org/cbv/BTT-",
        curie: "cbv:BTT-",
    }
);
cbv_vocabulary!(
    /// A source or destination type.
    SourceDestType,
    SOURCE_DEST_TYPE = {
        words: table::SOURCE_DEST_TYPE,
        urn: Some("urn:epcglobal:cbv:sdt:"),
        web: "https://ref.gs1.org/cbv/SDT-",
        curie: "cbv:SDT-",
    }
);
cbv_vocabulary!(
    /// The reason of an error declaration.
    ErrorReason,
    ERROR_REASON = {
        words: table::ERROR_REASON,
        urn: Some("urn:epcglobal:cbv:er:"),
        web: "https://ref.gs1.org/cbv/ER-",
        curie: "cbv:ER-",
    }
);
cbv_vocabulary!(
    /// A sensor measurement type (`sensorReport` `type`).
    MeasurementType,
    MEASUREMENT_TYPE = {
        words: table::MEASUREMENT_TYPE,
        urn: None,
        web: "https://gs1.org/voc/",
        curie: "gs1:",
    }
);
cbv_vocabulary!(
    /// A sensor alert type (`sensorReport` `exception`).
    SensorAlertType,
    SENSOR_ALERT_TYPE = {
        words: table::SENSOR_ALERT_TYPE,
        urn: None,
        web: "https://gs1.org/voc/",
        curie: "gs1:",
    }
);
cbv_vocabulary!(
    /// A sensor report component (`x`, `latitude`, …).
    Component,
    SENSOR_COMPONENT = {
        words: table::SENSOR_COMPONENT,
        urn: None,
        web: "https://ref.gs1.org/cbv/Comp-",
        curie: "cbv:Comp-",
    }
);

/// The vocabularies by their column name in `cbv-vocabulary-forms.tsv`, for
/// table tests.
pub(crate) fn spellings_by_name(name: &str) -> Option<&'static Spellings> {
    Some(match name {
        "bizStep" => &BIZ_STEP,
        "disposition" => &DISPOSITION,
        "bizTransactionType" => &BIZ_TRANSACTION_TYPE,
        "sourceDestType" => &SOURCE_DEST_TYPE,
        "errorReason" => &ERROR_REASON,
        "sensorMeasurementType" => &MEASUREMENT_TYPE,
        "sensorAlertType" => &SENSOR_ALERT_TYPE,
        "sensorComponent" => &SENSOR_COMPONENT,
        _ => return None,
    })
}

/// Checks a row of `cbv-vocabulary-forms.tsv` against the built-in table:
/// `Ok` when every given spelling maps to the bare word and back.
#[doc(hidden)]
pub fn check_table_row(
    vocabulary: &str,
    bare: &str,
    urn: &str,
    web: &str,
    curie: &str,
) -> Result<(), String> {
    let sp =
        spellings_by_name(vocabulary).ok_or_else(|| format!("unknown vocabulary {vocabulary}"))?;
    let mut forms = vec![
        (bare, VocabForm::Bare),
        (web, VocabForm::WebUri),
        (curie, VocabForm::Curie),
    ];
    if !urn.is_empty() {
        forms.push((urn, VocabForm::Urn));
    } else if sp.urn.is_some() {
        return Err(format!(
            "{vocabulary} {bare}: table has a URN form, file has none"
        ));
    }
    for (text, form) in forms {
        match sp.standard(text) {
            Some((w, f)) if w == bare && f == form => {}
            other => return Err(format!("{vocabulary} `{text}`: read as {other:?}")),
        }
        if sp.spell(bare, form).as_deref() != Some(text) {
            return Err(format!(
                "{vocabulary} {bare}: {form:?} spelled differently than `{text}`"
            ));
        }
    }
    Ok(())
}

/// Number of standard values of a vocabulary, by column name.
#[doc(hidden)]
pub fn table_len(vocabulary: &str) -> Option<usize> {
    spellings_by_name(vocabulary).map(|s| s.words.len())
}

include!("vocab_consts.rs");

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-lookup bare-word check equals reading the value in the bare
    /// form, and being standard without `:` or `/`, for every spelling of
    /// every standard value and for near misses.
    #[test]
    fn bare_words_like_standard() {
        let names = [
            "bizStep",
            "disposition",
            "bizTransactionType",
            "sourceDestType",
            "errorReason",
            "sensorMeasurementType",
            "sensorAlertType",
            "sensorComponent",
        ];
        for name in names {
            let sp = spellings_by_name(name).expect("vocabulary");
            let mut texts = vec![String::new(), ":".into(), "/".into(), "x".into()];
            for w in sp.words {
                for form in [
                    VocabForm::Bare,
                    VocabForm::Urn,
                    VocabForm::WebUri,
                    VocabForm::Curie,
                ] {
                    if let Some(t) = sp.spell(w, form) {
                        texts.push(t.clone());
                        texts.push(format!("{t}x"));
                        texts.push(format!("{t}/"));
                        texts.push(format!(":{t}"));
                        texts.push(t[..t.len() - 1].to_owned());
                        texts.push(t.to_uppercase());
                    }
                }
            }
            for t in &texts {
                let standard = sp.standard(t);
                let bare = sp.is_bare_word(t);
                assert_eq!(bare, matches!(standard, Some((_, VocabForm::Bare))), "{t}");
                assert_eq!(
                    bare,
                    standard.is_some() && !t.contains(':') && !t.contains('/'),
                    "{t}"
                );
            }
        }
    }
}
