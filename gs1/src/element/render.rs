//! Rendering an element string: barcode message, bracketed form, HRI.

use super::ElementString;

/// How FNC1 is written in a rendered barcode message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Fnc1Notation {
    /// `^`, the notation of GS1's Syntax Engine and of this crate's CLI.
    Caret,
    /// The GS byte (0x1D) for separators, as a scanner transmits them; the
    /// leading FNC1 in first position is omitted (a scanner conveys it
    /// through the symbology identifier instead).
    Gs,
}

impl ElementString<'_> {
    /// The barcode message: FNC1 in first position, then the element
    /// strings, with FNC1 only after variable-length values that are not
    /// last (of the message, or of the linear part before a composite).
    pub fn to_message(&self, fnc1: Fnc1Notation) -> String {
        let sep = match fnc1 {
            Fnc1Notation::Caret => '^',
            Fnc1Notation::Gs => '\u{1d}',
        };
        let mut out = String::with_capacity(
            self.elements
                .iter()
                .map(|e| e.ai.len() + e.value.len() + 1)
                .sum::<usize>()
                + 2,
        );
        if fnc1 == Fnc1Notation::Caret {
            out.push('^');
        }
        let mut need_sep = false;
        for (i, e) in self.elements.iter().enumerate() {
            if Some(i) == self.composite {
                out.push('|');
                if fnc1 == Fnc1Notation::Caret {
                    out.push('^');
                }
            } else if need_sep {
                out.push(sep);
            }
            out.push_str(e.ai.as_str());
            out.push_str(&e.value);
            need_sep = e.spec.fnc1_required();
        }
        out
    }

    /// The bracketed form, `(01)09521234543213(10)ABC`, with `(` in values
    /// escaped as `\(` and `|` before the composite part.
    pub fn to_bracketed(&self) -> String {
        let mut out = String::with_capacity(
            self.elements
                .iter()
                .map(|e| e.ai.len() + e.value.len() + 2)
                .sum::<usize>(),
        );
        for (i, e) in self.elements.iter().enumerate() {
            if Some(i) == self.composite {
                out.push('|');
            }
            out.push('(');
            out.push_str(e.ai.as_str());
            out.push(')');
            for ch in e.value.chars() {
                if ch == '(' {
                    out.push('\\');
                }
                out.push(ch);
            }
        }
        out
    }

    /// Human-readable interpretation: one line per element,
    /// `(01) 09521234543213`.
    pub fn hri(&self) -> Vec<String> {
        self.elements
            .iter()
            .map(|e| format!("({}) {}", e.ai, e.value))
            .collect()
    }

    /// HRI lines preceded by each AI's data title, as printed on labels that
    /// show titles: `GTIN (01) 09521234543213`.
    pub fn hri_with_titles(&self) -> Vec<String> {
        self.elements
            .iter()
            .map(|e| {
                if e.spec.is_unknown() {
                    format!("({}) {}", e.ai, e.value)
                } else {
                    format!("{} ({}) {}", e.spec.title, e.ai, e.value)
                }
            })
            .collect()
    }
}
