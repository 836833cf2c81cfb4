//! `app/settings.json`: the parts of the general settings the driver uses.

use serde::{Deserialize, Serialize};

use super::lenient;

/// How NUMBER values with too many decimals are rounded on write (facts §7).
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub enum RoundingMode {
    /// Banker's rounding, Kintone's default.
    HalfEven,
    /// Away from zero.
    Up,
    /// Towards zero.
    Down,
    /// A mode this crate does not know, as Kintone spelled it.
    Other(String),
}

impl<'de> Deserialize<'de> for RoundingMode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<str>::deserialize(d)?;
        Ok(match name.as_ref() {
            "HALF_EVEN" => RoundingMode::HalfEven,
            "UP" => RoundingMode::Up,
            "DOWN" => RoundingMode::Down,
            other => RoundingMode::Other(other.to_string()),
        })
    }
}

/// `numberPrecision`: how many digits NUMBER and CALC values keep. The
/// values arrive as strings (`"16"`).
#[derive(Clone, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NumberPrecision {
    /// Total significant digits (1..=30).
    #[serde(deserialize_with = "lenient::parsed")]
    pub digits: u32,
    /// Digits after the decimal point (0..=10).
    #[serde(deserialize_with = "lenient::parsed")]
    pub decimal_places: u32,
    pub rounding_mode: RoundingMode,
}

impl Default for NumberPrecision {
    /// Kintone's defaults: 16 digits, 4 decimal places, HALF_EVEN.
    fn default() -> Self {
        NumberPrecision {
            digits: 16,
            decimal_places: 4,
            rounding_mode: RoundingMode::HalfEven,
        }
    }
}

impl NumberPrecision {
    /// The Arrow/SQL decimal type that holds every value exactly:
    /// `(precision, scale)` = (`digits`, `decimal_places`), precision at
    /// least the scale + 1 and at most 38.
    pub fn decimal_type(&self) -> (u8, i8) {
        let scale = self.decimal_places.min(37) as u8;
        let precision = self.digits.clamp(u32::from(scale) + 1, 38) as u8;
        (precision, scale as i8)
    }
}

/// The body of `GET app/settings.json`, reduced to what the driver needs.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AppSettings {
    #[serde(default, deserialize_with = "lenient::text")]
    pub name: String,
    #[serde(default, deserialize_with = "lenient::text")]
    pub description: String,
    /// Absent on old apps: Kintone's defaults apply.
    #[serde(default)]
    pub number_precision: NumberPrecision,
    #[serde(default, deserialize_with = "lenient::opt_parsed")]
    pub revision: Option<u64>,
}

impl AppSettings {
    /// Parses the JSON body of `app/settings.json`.
    pub fn from_json(body: &[u8]) -> serde_json::Result<AppSettings> {
        serde_json::from_slice(body)
    }
}
