//! Units of measure of the trade and logistic measure AIs (310n–369n) and
//! the temperature AIs (4330–4333).

use core::fmt;

/// A unit of measure, as the AI that carries a measure names it.
#[derive(Clone, Copy, PartialEq, Eq, Hash, Debug)]
#[non_exhaustive]
pub enum Unit {
    /// Kilogram.
    Kilogram,
    /// Pound (avoirdupois).
    Pound,
    /// Troy ounce.
    TroyOunce,
    /// Metre.
    Metre,
    /// Inch.
    Inch,
    /// Foot.
    Foot,
    /// Yard.
    Yard,
    /// Square metre.
    SquareMetre,
    /// Square inch.
    SquareInch,
    /// Square foot.
    SquareFoot,
    /// Square yard.
    SquareYard,
    /// Litre.
    Litre,
    /// Cubic metre.
    CubicMetre,
    /// US fluid ounce.
    FluidOunce,
    /// US quart.
    Quart,
    /// US gallon.
    Gallon,
    /// Cubic inch.
    CubicInch,
    /// Cubic foot.
    CubicFoot,
    /// Cubic yard.
    CubicYard,
    /// Kilograms per square metre.
    KilogramPerSquareMetre,
    /// Degree Celsius.
    Celsius,
    /// Degree Fahrenheit.
    Fahrenheit,
}

impl Unit {
    /// The UN/ECE Recommendation 20 code of the unit, e.g. `"KGM"`.
    pub const fn code(self) -> &'static str {
        match self {
            Unit::Kilogram => "KGM",
            Unit::Pound => "LBR",
            Unit::TroyOunce => "APZ",
            Unit::Metre => "MTR",
            Unit::Inch => "INH",
            Unit::Foot => "FOT",
            Unit::Yard => "YRD",
            Unit::SquareMetre => "MTK",
            Unit::SquareInch => "INK",
            Unit::SquareFoot => "FTK",
            Unit::SquareYard => "YDK",
            Unit::Litre => "LTR",
            Unit::CubicMetre => "MTQ",
            Unit::FluidOunce => "OZA",
            Unit::Quart => "QTI",
            Unit::Gallon => "GLI",
            Unit::CubicInch => "INQ",
            Unit::CubicFoot => "FTQ",
            Unit::CubicYard => "YDQ",
            Unit::KilogramPerSquareMetre => "28",
            Unit::Celsius => "CEL",
            Unit::Fahrenheit => "FAH",
        }
    }

    /// The usual symbol, e.g. `"kg"`.
    pub const fn symbol(self) -> &'static str {
        match self {
            Unit::Kilogram => "kg",
            Unit::Pound => "lb",
            Unit::TroyOunce => "oz t",
            Unit::Metre => "m",
            Unit::Inch => "in",
            Unit::Foot => "ft",
            Unit::Yard => "yd",
            Unit::SquareMetre => "m²",
            Unit::SquareInch => "in²",
            Unit::SquareFoot => "ft²",
            Unit::SquareYard => "yd²",
            Unit::Litre => "l",
            Unit::CubicMetre => "m³",
            Unit::FluidOunce => "fl oz",
            Unit::Quart => "qt",
            Unit::Gallon => "gal",
            Unit::CubicInch => "in³",
            Unit::CubicFoot => "ft³",
            Unit::CubicYard => "yd³",
            Unit::KilogramPerSquareMetre => "kg/m²",
            Unit::Celsius => "°C",
            Unit::Fahrenheit => "°F",
        }
    }
}

impl fmt::Display for Unit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.symbol())
    }
}

/// The unit of a measure AI, from its first three digits (the fourth is the
/// decimal point position): `310`–`369` as the dictionary titles them.
pub(crate) fn measure_unit(ai3: &[u8]) -> Option<Unit> {
    use Unit::*;
    Some(match ai3 {
        b"310" | b"330" => Kilogram,
        b"311" | b"312" | b"313" | b"331" | b"332" | b"333" => Metre,
        b"314" | b"334" => SquareMetre,
        b"315" | b"335" => Litre,
        b"316" | b"336" => CubicMetre,
        b"320" | b"340" => Pound,
        b"321" | b"324" | b"327" | b"341" | b"344" | b"347" => Inch,
        b"322" | b"325" | b"328" | b"342" | b"345" | b"348" => Foot,
        b"323" | b"326" | b"329" | b"343" | b"346" | b"349" => Yard,
        b"337" => KilogramPerSquareMetre,
        b"350" | b"353" => SquareInch,
        b"351" | b"354" => SquareFoot,
        b"352" | b"355" => SquareYard,
        b"356" => TroyOunce,
        b"357" => FluidOunce,
        b"360" | b"362" => Quart,
        b"361" | b"363" => Gallon,
        b"364" | b"367" => CubicInch,
        b"365" | b"368" => CubicFoot,
        b"366" | b"369" => CubicYard,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every measure AI of the dictionary has a unit that its title names.
    #[test]
    fn units_match_titles() {
        for spec in crate::ai::table() {
            let b = spec.ai.as_bytes();
            if b.len() != 4 || !(b"310"[..] <= b[..3] && b[..3] <= b"369"[..]) {
                continue;
            }
            let unit = measure_unit(&b[..3]).unwrap_or_else(|| panic!("{}", spec.ai));
            let title = spec.title;
            let needle = match unit {
                Unit::Kilogram => "(kg)",
                Unit::Pound => "(lb)",
                Unit::TroyOunce => "(tr oz)",
                Unit::Metre => "(m)",
                Unit::Inch => "(in)",
                Unit::Foot => "(ft)",
                Unit::Yard => "(yd)",
                Unit::SquareMetre => "(m²)",
                Unit::SquareInch => "(in²)",
                Unit::SquareFoot => "(ft²)",
                Unit::SquareYard => "(yd²)",
                Unit::Litre => "(l)",
                Unit::CubicMetre => "(m³)",
                Unit::FluidOunce => "(oz)",
                Unit::Quart => "(qt",
                Unit::Gallon => "(gal",
                Unit::CubicInch => "(in³)",
                Unit::CubicFoot => "(ft³)",
                Unit::CubicYard => "(yd³)",
                Unit::KilogramPerSquareMetre => "KG PER m²",
                _ => unreachable!(),
            };
            assert!(title.contains(needle), "{} {title:?} vs {unit:?}", spec.ai);
        }
    }
}
