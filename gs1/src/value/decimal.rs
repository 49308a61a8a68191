//! Decimal numbers with an implied decimal point, as GS1 measures, amounts
//! and percentages carry them: the digits, and how many of them are
//! decimals.

use core::fmt;

/// A decimal number kept exactly as GS1 data gives it: an integer mantissa
/// and the number of implied decimal places (`123456` with scale 3 is
/// `123.456`). Equality is on the representation: `12.30` (1230, 2) and
/// `12.3` (123, 1) are different values of this type.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
pub struct Decimal {
    mantissa: i64,
    scale: u8,
}

impl Decimal {
    /// `mantissa` × 10^−`scale`.
    pub const fn new(mantissa: i64, scale: u8) -> Decimal {
        Decimal { mantissa, scale }
    }

    /// Reads up to 18 ASCII digits with `scale` implied decimals; `None` for
    /// anything else.
    pub fn from_digits(digits: &[u8], scale: u8) -> Option<Decimal> {
        if digits.is_empty() || digits.len() > 18 || !digits.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let m = digits
            .iter()
            .fold(0i64, |n, &b| n * 10 + i64::from(b - b'0'));
        Some(Decimal::new(m, scale))
    }

    /// The integer mantissa.
    pub const fn mantissa(&self) -> i64 {
        self.mantissa
    }

    /// The number of implied decimal places.
    pub const fn scale(&self) -> u8 {
        self.scale
    }

    /// The value as a float (may round).
    pub fn to_f64(&self) -> f64 {
        self.mantissa as f64 / 10f64.powi(i32::from(self.scale))
    }

    /// The same number negated.
    pub const fn negated(self) -> Decimal {
        Decimal::new(-self.mantissa, self.scale)
    }
}

/// Writes every decimal place: `12.30`, `0.225`, `10`, `-1.50`.
impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let digits = self.mantissa.unsigned_abs().to_string();
        let scale = usize::from(self.scale);
        if self.mantissa < 0 {
            f.write_str("-")?;
        }
        if scale == 0 {
            return f.write_str(&digits);
        }
        let padded = if digits.len() <= scale {
            format!("{}{digits}", "0".repeat(scale + 1 - digits.len()))
        } else {
            digits
        };
        let (int, frac) = padded.split_at(padded.len() - scale);
        write!(f, "{int}.{frac}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display() {
        assert_eq!(Decimal::new(1230, 2).to_string(), "12.30");
        assert_eq!(Decimal::new(225, 3).to_string(), "0.225");
        assert_eq!(Decimal::new(5, 3).to_string(), "0.005");
        assert_eq!(Decimal::new(10, 0).to_string(), "10");
        assert_eq!(Decimal::new(-150, 2).to_string(), "-1.50");
        assert_eq!(
            Decimal::from_digits(b"123456789012345", 3)
                .unwrap()
                .to_string(),
            "123456789012.345"
        );
        assert_eq!(Decimal::from_digits(b"12a", 0), None);
        assert!((Decimal::new(1234, 1).to_f64() - 123.4).abs() < 1e-9);
    }
}
