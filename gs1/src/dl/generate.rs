//! Writing the canonical Digital Link URI of an element string.
//!
//! The path holds the first primary key of the element string and the
//! qualifiers of the key's best-matching `dlpkey` sequence, in that
//! sequence's order. Every other AI becomes a query parameter, in the order
//! the element string had them — those of predefined length first, then the
//! others, as GS1's reference engine writes them — and each must be a
//! permitted Digital Link data attribute.

use super::keys::canonical_path;
use super::parse::is_dl_attribute;
use super::percent::{Part, encode_into};
use crate::element::{ElementString, Options, err};
use crate::error::{Error, ErrorKind};

/// The stem GS1's resolver answers at; the default for canonical URIs.
pub const CANONICAL_STEM: &str = "https://id.gs1.org";

impl ElementString<'_> {
    /// The canonical GS1 Digital Link URI under `stem` (e.g.
    /// [`CANONICAL_STEM`], or `https://example.com/some/prefix`; one trailing
    /// `/` is dropped). Unknown AIs may not be data attributes; see
    /// [`ElementString::to_digital_link_with`].
    ///
    /// ```
    /// use serialkit_gs1::{ElementString, Options, dl::CANONICAL_STEM};
    /// let es = ElementString::parse("(01)09521234543213(17)261231(10)AB/1(21)X+Y", &Options::default())?;
    /// assert_eq!(
    ///     es.to_digital_link(CANONICAL_STEM)?,
    ///     "https://id.gs1.org/01/09521234543213/10/AB%2F1/21/X%2BY?17=261231"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_digital_link(&self, stem: &str) -> Result<String, Error> {
        self.to_digital_link_with(stem, &Options::default())
    }

    /// [`ElementString::to_digital_link`], with
    /// [`Options::unknown_ais_as_dl_attributes`] deciding whether unknown
    /// AIs may go in the query.
    pub fn to_digital_link_with(&self, stem: &str, options: &Options) -> Result<String, Error> {
        let elements = self.elements();
        let whole = || {
            let end = elements.last().map_or(0, |e| e.span().end);
            let start = elements.first().map_or(0, |e| e.span().start);
            start..end
        };
        let path = canonical_path(elements)
            .ok_or_else(|| err(ErrorKind::NoPrimaryKeyForDl, None, whole()))?;
        // Every copy of an AI chosen for the path stays out of the query.
        let in_path = |ai: &str| path.iter().any(|&i| elements[i].ai().as_str() == ai);

        let stem = stem.strip_suffix('/').unwrap_or(stem);
        let mut out = String::with_capacity(
            stem.len() + elements.iter().map(|e| e.value().len() + 6).sum::<usize>(),
        );
        out.push_str(stem);
        for &i in &path {
            let e = &elements[i];
            out.push('/');
            out.push_str(e.ai().as_str());
            out.push('/');
            encode_into(&mut out, e.value(), Part::Path);
        }
        let mut sep = '?';
        for predefined_length in [true, false] {
            for (i, e) in elements.iter().enumerate() {
                if e.spec().fnc1_required() == predefined_length || in_path(e.ai().as_str()) {
                    continue;
                }
                // A repeated AI (which validation made agree) is written once.
                if elements[..i].iter().any(|p| p.ai() == e.ai()) {
                    continue;
                }
                if !is_dl_attribute(e.spec(), options) {
                    return Err(err(ErrorKind::NotDlDataAttribute, Some(e.ai()), e.span()));
                }
                out.push(sep);
                sep = '&';
                out.push_str(e.ai().as_str());
                out.push('=');
                encode_into(&mut out, e.value(), Part::Query);
            }
        }
        Ok(out)
    }
}
