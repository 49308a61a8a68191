//! A product code's serial space, shared by every pool of that code in a
//! store, and the rules each store applies inside its transaction to keep
//! the code's serials unique.
//!
//! GS1 and EU FMD ask for a serial to be unique per product code (GTIN,
//! SSCC extension + company prefix, GRAI asset type, GIAI company prefix),
//! not per lot or per pool. So the ranks of a format belong to the product
//! code, not to a pool: pools of one code with the same numbering (same
//! alphabet, length, prefix and leading-zero rule) carve their regions one
//! after the other from the code's common tail, whichever pool asks and
//! whatever its lot. A line can keep one pool per product or one per lot;
//! either way two pools never hold the same rank, and a rank is one serial.
//!
//! The rules, all checked while the store holds its write lock:
//! - **Formats.** A pool's format either numbers serials exactly as every
//!   other pool of the code does, or cannot produce any of their serials
//!   (another length, or another character at a fixed position such as a
//!   prefix). Anything else is refused ([`PoolError::SharedProductCode`]).
//! - **Placement.** A new pool is laid out after the code's tail
//!   ([`PoolDefinition::placed_at`]); a change carves after it too
//!   ([`PoolDefinition::apply`]). The tail is the highest
//!   [`next_free_rank`](PoolDefinition::next_free_rank) of the pools with
//!   that numbering.
//! - **Imports.** Imported serials are unique in the code, and none is a
//!   serial of the format of a pool that generates (has a random or
//!   sequential region): generated and imported serials of one code differ
//!   in form, so no later region, key epoch or pool can generate an
//!   imported serial. A pool that starts to generate is checked against the
//!   code's imports the same way.
//! - **Company prefixes.** SSCC (per extension digit) and GIAI pools whose
//!   company prefixes nest (`9521234`, `95212345`) are refused: the same
//!   identifier could be made twice.
//!
//! [`MemoryStore`](super::MemoryStore), [`SqliteStore`](super::SqliteStore)
//! and `PgStore` call [`place`], [`change`] and [`check_import`] with the
//! definitions of the pools of the same [family](crate::ProductCode::family);
//! another [`LeaseStore`](super::LeaseStore) must do the same.

use crate::definition::{PoolChange, PoolDefinition};
use crate::error::{ImportError, ImportErrorKind, PoolError, StoreError};
use crate::format::{SerialFormat, SerialLength};
use crate::store::ImportedSerial;

/// Whether two formats number the same strings the same way.
pub fn same_numbering(a: &SerialFormat, b: &SerialFormat) -> bool {
    let (x, y) = (a.spec(), b.spec());
    x.alphabet == y.alphabet
        && x.length == y.length
        && x.prefix == y.prefix
        && x.no_leading_zero == y.no_leading_zero
}

fn total_lengths(f: &SerialFormat) -> (usize, usize) {
    let (min, max) = f.body_lengths();
    (f.prefix().len() + min, f.prefix().len() + max)
}

/// The characters a format allows at position `i` (for serials long
/// enough to have it), as a mask over ASCII.
fn chars_at(f: &SerialFormat, i: usize) -> u128 {
    let prefix = f.prefix().as_bytes();
    if let Some(&c) = prefix.get(i) {
        return 1 << (c & 0x7f);
    }
    let mut mask = (0u8..128)
        .filter(|&b| f.alphabet().contains(b))
        .fold(0u128, |m, b| m | 1 << b);
    if i == prefix.len() && prefix.is_empty() && f.spec().no_leading_zero {
        mask &= !(1 << b'0');
    }
    mask
}

/// Whether no string is a serial of both formats: their lengths never
/// meet, or at some position both always have their sets of characters
/// share none. (Conservative: `false` only means "could overlap".)
pub fn disjoint(a: &SerialFormat, b: &SerialFormat) -> bool {
    let ((amin, amax), (bmin, bmax)) = (total_lengths(a), total_lengths(b));
    if amax < bmin || bmax < amin {
        return true;
    }
    (0..amin.min(bmin)).any(|i| chars_at(a, i) & chars_at(b, i) == 0)
}

fn describe(f: &SerialFormat) -> String {
    let spec = f.spec();
    let len = match spec.length {
        SerialLength::Fixed(n) => format!("{n}"),
        SerialLength::Variable { min, max } => format!("{min}-{max}"),
    };
    let prefix = if spec.prefix.is_empty() {
        String::new()
    } else {
        format!(" after the prefix {:?}", spec.prefix)
    };
    format!("{len} of {:?}{prefix}", f.alphabet().as_str())
}

fn same_space(a: &PoolDefinition, b: &PoolDefinition) -> bool {
    a.scope().product().space_key() == b.scope().product().space_key()
}

/// Checks `def` against the other pools of its family (`neighbours`, the
/// pool itself excluded): formats and company prefixes.
///
/// # Errors
/// [`PoolError::SharedProductCode`] naming the first pool in the way.
pub fn check_neighbours(
    def: &PoolDefinition,
    neighbours: &[PoolDefinition],
) -> Result<(), PoolError> {
    for n in neighbours.iter().filter(|n| n.name() != def.name()) {
        if !same_space(def, n) {
            let (p, q) = (
                def.scope().product().nesting_prefix(),
                n.scope().product().nesting_prefix(),
            );
            if let (Some(p), Some(q)) = (p, q) {
                if p != q && (p.starts_with(q) || q.starts_with(p)) {
                    return Err(PoolError::SharedProductCode {
                        pool: n.name().to_owned(),
                        reason: format!(
                            "its company prefix {q} and this pool's {p} nest, so both could make the same identifier; \
                             GS1 Company Prefixes never nest: one of them is wrong"
                        ),
                    });
                }
            }
            continue;
        }
        if same_numbering(def.format(), n.format()) || disjoint(def.format(), n.format()) {
            continue;
        }
        return Err(PoolError::SharedProductCode {
            pool: n.name().to_owned(),
            reason: format!(
                "its serials ({}) and this pool's ({}) can be the same text but are numbered differently; \
                 use the same format (the pools then share one numbering of {}) or one that cannot produce the \
                 other's serials (another length or prefix)",
                describe(n.format()),
                describe(def.format()),
                def.scope().product()
            ),
        });
    }
    Ok(())
}

/// The first rank of `def`'s numbering that no pool of its product code
/// owns.
pub fn tail(def: &PoolDefinition, neighbours: &[PoolDefinition]) -> u128 {
    neighbours
        .iter()
        .filter(|n| n.name() != def.name() && same_space(def, n))
        .filter(|n| same_numbering(def.format(), n.format()))
        .map(PoolDefinition::next_free_rank)
        .max()
        .unwrap_or(0)
}

/// `def` starts to generate serials of a numbering no other pool of its
/// code generates: the code's imports must be checked against it.
fn imports_unchecked(def: &PoolDefinition, neighbours: &[PoolDefinition]) -> bool {
    def.generates()
        && !neighbours.iter().any(|n| {
            n.name() != def.name()
                && same_space(def, n)
                && n.generates()
                && same_numbering(def.format(), n.format())
        })
}

fn check_imported_against(
    def: &PoolDefinition,
    imported: &mut dyn FnMut() -> Result<Vec<(String, String)>, StoreError>,
) -> Result<(), PoolError> {
    for (pool, serial) in imported()? {
        if def.format().rank(&serial).is_ok() {
            return Err(PoolError::SharedProductCode {
                pool,
                reason: format!(
                    "it imported {serial:?}, a serial of this pool's format ({}): a generated region could \
                     issue it again; generated serials need a form the imported ones do not have",
                    describe(def.format())
                ),
            });
        }
    }
    Ok(())
}

/// Lays out a new pool in its product code's space: checks the
/// neighbours, places the regions after the code's tail and, if needed,
/// checks the code's imported serials (`imported` returns `(pool, serial)`
/// pairs; called at most once).
///
/// # Errors
/// [`PoolError::SharedProductCode`], or what
/// [`PoolDefinition::placed_at`] refuses.
pub fn place(
    def: &PoolDefinition,
    neighbours: &[PoolDefinition],
    imported: &mut dyn FnMut() -> Result<Vec<(String, String)>, StoreError>,
) -> Result<PoolDefinition, PoolError> {
    check_neighbours(def, neighbours)?;
    let placed = def.placed_at(tail(def, neighbours))?;
    if imports_unchecked(&placed, neighbours) {
        check_imported_against(&placed, imported)?;
    }
    Ok(placed)
}

/// Applies `change` to the stored definition of a pool, refusing it unless
/// the caller worked from `version`.
///
/// # Errors
/// [`StoreError::Refused`] (as [`PoolError::Store`]) for a stale version;
/// otherwise as [`PoolDefinition::apply`] and [`place`].
pub fn change(
    stored: &PoolDefinition,
    version: u64,
    change: &PoolChange,
    neighbours: &[PoolDefinition],
    imported: &mut dyn FnMut() -> Result<Vec<(String, String)>, StoreError>,
) -> Result<PoolDefinition, PoolError> {
    if stored.version() != version {
        return Err(StoreError::Refused(format!(
            "pool {:?} is at version {}, the change was made from version {version}: reopen and retry",
            stored.name(),
            stored.version()
        ))
        .into());
    }
    let next = stored.apply(change, tail(stored, neighbours))?;
    if !stored.generates() && imports_unchecked(&next, neighbours) {
        check_imported_against(&next, imported)?;
    }
    Ok(next)
}

/// Checks serials about to be imported into `pool` against the formats of
/// the pools of its product code that generate (`pool` included).
/// Duplicates are the store's to find (it holds the imported serials).
///
/// # Errors
/// [`ImportErrorKind::Generated`] with the first offending serial.
pub fn check_import(
    pool: &PoolDefinition,
    neighbours: &[PoolDefinition],
    serials: &[ImportedSerial],
) -> Result<(), ImportError> {
    let generating: Vec<&PoolDefinition> = std::iter::once(pool)
        .chain(
            neighbours
                .iter()
                .filter(|n| n.name() != pool.name() && same_space(pool, n)),
        )
        .filter(|p| p.generates())
        .collect();
    for (position, s) in serials.iter().enumerate() {
        if let Some(p) = generating
            .iter()
            .find(|p| p.format().rank(&s.serial).is_ok())
        {
            return Err(ImportError {
                position,
                serial: s.serial.clone(),
                kind: ImportErrorKind::Generated {
                    pool: p.name().to_owned(),
                },
            });
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Alphabet;

    fn f(alphabet: Alphabet, len: u8, prefix: &str) -> SerialFormat {
        SerialFormat::builder(alphabet)
            .fixed_length(len)
            .prefix(prefix)
            .build()
            .unwrap()
    }

    #[test]
    fn disjointness() {
        let alnum12 = f(Alphabet::upper_alphanumeric(), 12, "");
        let num12 = f(Alphabet::numeric(), 12, "");
        let num9 = f(Alphabet::numeric(), 9, "");
        // Digits are alphanumerics: 12 digits are serials of both.
        assert!(!disjoint(&alnum12, &num12));
        assert!(!same_numbering(&alnum12, &num12));
        assert!(disjoint(&alnum12, &num9));
        // Different prefixes, or a prefix outside the other's alphabet.
        assert!(disjoint(
            &f(Alphabet::numeric(), 11, "7"),
            &f(Alphabet::numeric(), 11, "8")
        ));
        assert!(disjoint(&f(Alphabet::numeric(), 11, "A"), &num12));
        assert!(!disjoint(&f(Alphabet::numeric(), 11, "7"), &num12));
        // A leading digit that cannot be 0 against a prefix "0".
        let nlz = SerialFormat::builder(Alphabet::numeric())
            .fixed_length(12)
            .no_leading_zero(true)
            .build()
            .unwrap();
        assert!(disjoint(&nlz, &f(Alphabet::numeric(), 11, "0")));
        assert!(same_numbering(&alnum12, &alnum12.clone()));
    }
}
