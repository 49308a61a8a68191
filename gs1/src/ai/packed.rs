//! The association rules of every table entry, packed at compile time for
//! the yes/no pre-check that a message meets them (most messages do, and
//! every message is checked).
//!
//! AIs present in a message are summarised in 64 bits, one bit per AI by a
//! hash of its packed code ([`summary_bit`]). An entry's `ex=` AIs become
//! the same kind of bits: no common bit proves none of them present. Of
//! each `req=` rule the first alternative, when it is a single AI, is kept
//! as a packed code: finding that AI in the message proves the rule met.
//! Anything these cannot prove (a wildcard, a shared bit, a first
//! alternative absent or of several AIs) is left to the full checks.

use super::{AiSpec, table};

/// The pre-check's view of one entry's association rules.
#[derive(Clone, Copy, Debug)]
pub(crate) struct PackedRules {
    /// Summary bits of the `ex=` AIs without a wildcard.
    pub(crate) ex_bits: u64,
    /// Whether an `ex=` pattern has a wildcard (`310n`).
    pub(crate) ex_wild: bool,
    /// Per `req=` rule, the packed code of its first alternative, or 0
    /// when that alternative is not a single AI without a wildcard.
    pub(crate) req_first: [u32; MAX_REQ_RULES],
    /// How many `req=` rules the entry has.
    pub(crate) req_rules: u8,
}

/// The most `req=` rules an entry has (checked when the table is packed).
const MAX_REQ_RULES: usize = 2;

/// The bit of an AI (its packed code, [`Ai::code`](super::Ai::code)) in a
/// message summary.
#[inline]
pub(crate) const fn summary_bit(code: u32) -> u64 {
    1 << (code.wrapping_mul(0x9e37_79b1) >> 26)
}

/// The packed code of the one AI `pattern` names, or 0 for a pattern with
/// a wildcard (`n`) or of another length than 2–4. Also used at run time,
/// where the pre-check must read a pattern itself.
#[inline]
pub(crate) const fn exact_code(pattern: &str) -> u32 {
    let raw = match *pattern.as_bytes() {
        [a, b] => u32::from_le_bytes([a, b, 0, 0]),
        [a, b, c] => u32::from_le_bytes([a, b, c, 0]),
        [a, b, c, d] => u32::from_le_bytes([a, b, c, d]),
        _ => return 0,
    };
    // Flags the `n` bytes (patterns hold digits, `n` and zero padding,
    // none of which borrows into a false flag).
    let x = raw ^ 0x6e6e_6e6e;
    if x.wrapping_sub(0x0101_0101) & !x & 0x8080_8080 == 0 {
        raw
    } else {
        0
    }
}

const TABLE_LEN: usize = table::AI_TABLE.len();

/// Every entry's rules, in table order.
static PACKED: [PackedRules; TABLE_LEN] = {
    let t = table::AI_TABLE;
    let mut out = [PackedRules {
        ex_bits: 0,
        ex_wild: false,
        req_first: [0; MAX_REQ_RULES],
        req_rules: 0,
    }; TABLE_LEN];
    let mut i = 0;
    while i < TABLE_LEN {
        let spec = &t[i];
        let mut j = 0;
        while j < spec.ex.len() {
            match exact_code(spec.ex[j]) {
                0 => out[i].ex_wild = true,
                code => out[i].ex_bits |= summary_bit(code),
            }
            j += 1;
        }
        if spec.req.len() > MAX_REQ_RULES {
            panic!("an AI has more req= rules than the pre-check packs");
        }
        j = 0;
        while j < spec.req.len() {
            let first = spec.req[j][0];
            if first.len() == 1 {
                out[i].req_first[j] = exact_code(first[0]);
            }
            j += 1;
        }
        out[i].req_rules = spec.req.len() as u8;
        i += 1;
    }
    out
};

/// The packed rules of the table entry `spec`, or `None` for the stand-in
/// definition of an AI the dictionary does not define (it has no rules).
/// The entry is found by its position in the table: an element holds its
/// definition, not where that lies.
#[inline]
pub(crate) fn packed_rules(spec: &'static AiSpec) -> Option<&'static PackedRules> {
    let table = table::AI_TABLE;
    let offset = (spec as *const AiSpec as usize).wrapping_sub(table.as_ptr() as usize);
    let i = offset / size_of::<AiSpec>();
    match table.get(i) {
        Some(entry) if core::ptr::eq(entry, spec) => PACKED.get(i),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ai::{Ai, AiPattern};

    /// Every entry's packed rules say what its patterns say.
    #[test]
    fn packed_rules_follow_the_table() {
        for spec in table::AI_TABLE {
            let packed = packed_rules(spec).expect("table entry");
            let wild = spec.ex.iter().any(|p| p.contains('n'));
            assert_eq!(packed.ex_wild, wild, "{}", spec.ai);
            let bits = spec.ex.iter().filter(|p| !p.contains('n')).fold(0, |b, p| {
                b | summary_bit(p.parse::<Ai>().expect("AI").code())
            });
            assert_eq!(packed.ex_bits, bits, "{}", spec.ai);
            assert_eq!(usize::from(packed.req_rules), spec.req.len());
            for (rule, &first) in spec.req.iter().zip(&packed.req_first) {
                match rule[0] {
                    [one] if !one.contains('n') => {
                        let code = one.parse::<Ai>().expect("AI").code();
                        assert_eq!(first, code, "{}", spec.ai);
                        assert!(AiPattern(one).matches(one));
                    }
                    _ => assert_eq!(first, 0, "{}", spec.ai),
                }
            }
        }
        let unknown = crate::ai::resolve_exact(b"89", true).expect("stand-in");
        assert!(packed_rules(unknown).is_none());
        let copy: &'static AiSpec = Box::leak(Box::new(table::AI_TABLE[0]));
        assert!(packed_rules(copy).is_none());
        assert_eq!(exact_code("310n"), 0);
        assert_eq!(exact_code("31nn"), 0);
        assert_eq!(exact_code("1"), 0);
        assert_eq!(exact_code("01"), u32::from_le_bytes(*b"01\0\0"));
        assert_eq!(exact_code("235"), u32::from_le_bytes(*b"235\0"));
        assert_eq!(exact_code("8030"), u32::from_le_bytes(*b"8030"));
    }
}
