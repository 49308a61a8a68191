//! Output options shared by the writers.

/// How vocabulary values are spelled on output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum VocabStyle {
    /// As read, except where the target format cannot hold the spelling
    /// (XML has no bare words: they become URNs, or web URIs for the
    /// sensor vocabularies that have no URN).
    #[default]
    Preserve,
    /// The target format's usual spelling: bare words in JSON-LD, URNs in
    /// XML (web URIs for the sensor vocabularies).
    Natural,
}

/// Writer options.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WriteOptions {
    /// Indent the output.
    pub pretty: bool,
    /// Vocabulary spelling.
    pub vocab: VocabStyle,
}

impl Default for WriteOptions {
    fn default() -> Self {
        WriteOptions {
            pretty: true,
            vocab: VocabStyle::Preserve,
        }
    }
}

/// A serialization of EPCIS.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Format {
    /// EPCIS 2.0 JSON / JSON-LD.
    JsonLd,
    /// EPCIS 2.0 XML.
    Xml,
    /// EPCIS 1.2 XML.
    Xml12,
}
