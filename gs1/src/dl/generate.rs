//! Writing the canonical Digital Link URI of an element string.
//!
//! The path holds the first primary key of the element string and the
//! qualifiers of the key's best-matching `dlpkey` sequence, in that
//! sequence's order. Every other AI becomes a query parameter, and each
//! must be a permitted Digital Link data attribute.
//!
//! The query's order is [`QueryOrder`]'s to choose. By default it is the
//! order GS1's Syntax Engine writes — the element string's order, but the
//! AIs of predefined length (those that need no FNC1 after them) first —
//! because that is what the published engine vectors record (e.g.
//! `(253)…(99)000001(01)…(10)DEF` gives `?01=…&99=000001&10=DEF`), and so
//! what other implementations checked against the engine produce: the same
//! AIs then give the same URI, which matters where URIs are compared or
//! hashed. [`QueryOrder::ElementString`] keeps the element string's order
//! exactly, as the GS1 Digital Link standard's prose describes it.

use super::keys::canonical_path;
use super::parse::{check_stem, is_dl_attribute};
use super::percent::{Part, encode_into};
use crate::element::{ElementString, Options, err};
use crate::error::{Error, ErrorKind};

/// The stem GS1's resolver answers at; the default for canonical URIs.
pub const CANONICAL_STEM: &str = "https://id.gs1.org";

/// The order of the data attributes in the query string of a generated
/// URI (see the module docs for why the default is the engine's).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum QueryOrder {
    /// The element string's order, AIs of predefined length first: what
    /// GS1's Syntax Engine writes.
    #[default]
    PredefinedLengthFirst,
    /// Exactly the element string's order.
    ElementString,
}

impl ElementString<'_> {
    /// The canonical GS1 Digital Link URI under `stem` (e.g.
    /// [`CANONICAL_STEM`], or `https://example.com/some/prefix`; one trailing
    /// `/` is dropped). A stem that cannot start a Digital Link URI (not
    /// `http://` or `https://`, no domain, a query, a fragment, a character a
    /// URI cannot hold) is an error whose span points into the stem. Unknown AIs may not be data attributes; see
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
        self.to_digital_link_ordered(stem, options, QueryOrder::default())
    }

    /// [`ElementString::to_digital_link_with`], with the query parameters
    /// in the given order.
    ///
    /// ```
    /// use serialkit_gs1::{ElementString, Options, dl::{QueryOrder, CANONICAL_STEM}};
    /// let o = Options::default();
    /// let es = ElementString::parse("(01)09521234543213(99)X(17)261231", &o)?;
    /// assert_eq!(
    ///     es.to_digital_link_ordered(CANONICAL_STEM, &o, QueryOrder::PredefinedLengthFirst)?,
    ///     "https://id.gs1.org/01/09521234543213?17=261231&99=X"
    /// );
    /// assert_eq!(
    ///     es.to_digital_link_ordered(CANONICAL_STEM, &o, QueryOrder::ElementString)?,
    ///     "https://id.gs1.org/01/09521234543213?99=X&17=261231"
    /// );
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_digital_link_ordered(
        &self,
        stem: &str,
        options: &Options,
        order: QueryOrder,
    ) -> Result<String, Error> {
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

        check_stem(stem)?;
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
        // The passes over the elements: AIs of predefined length, then the
        // others; or every AI in one pass.
        let passes: &[Option<bool>] = match order {
            QueryOrder::PredefinedLengthFirst => &[Some(true), Some(false)],
            QueryOrder::ElementString => &[None],
        };
        for &predefined_length in passes {
            for (i, e) in elements.iter().enumerate() {
                let in_pass = predefined_length.is_none_or(|p| e.spec().fnc1_required() != p);
                if !in_pass || in_path(e.ai().as_str()) {
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
