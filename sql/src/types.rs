//! SQL types of columns and parameters, as the driver reports them.
//!
//! Arrow types say how values are held; [`SqlType`] says what the ODBC
//! client is told (WVARCHAR vs WLONGVARCHAR, a DECIMAL's precision, a text
//! column's length). Catalog columns carry their SqlType in the Arrow
//! field's metadata under [`SQL_TYPE_KEY`], so it survives projections;
//! computed columns get one derived from their Arrow type.

use std::collections::HashMap;

use arrow_schema::{DataType, Field, TimeUnit};

/// Arrow field metadata key holding a column's [`SqlType`] (its `Display` form).
pub const SQL_TYPE_KEY: &str = "kintone.sql_type";

/// Length reported for text without a known maximum (characters).
pub const DEFAULT_TEXT_LENGTH: u32 = 4000;
/// Length reported for long text (MULTI_LINE_TEXT, RICH_TEXT), in characters.
pub const LONG_TEXT_LENGTH: u32 = 65535;

/// The SQL type of a column or parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SqlType {
    Bit,
    TinyInt,
    SmallInt,
    Integer,
    BigInt,
    Real,
    Double,
    Decimal {
        precision: u8,
        scale: i8,
    },
    /// Text whose characters are all ASCII (e.g. `APPCODE-14`); length in characters.
    Varchar {
        length: u32,
    },
    /// Unicode text; length in characters.
    WVarchar {
        length: u32,
    },
    /// Long Unicode text; length in characters.
    WLongVarchar {
        length: u32,
    },
    VarBinary {
        length: u32,
    },
    /// Long binary data (file contents); length in bytes.
    LongVarBinary {
        length: u32,
    },
    Date,
    /// Time of day; `fraction_digits` of seconds (0 for Kintone TIME).
    Time {
        fraction_digits: u8,
    },
    /// Timestamp in UTC; `fraction_digits` of seconds.
    Timestamp {
        fraction_digits: u8,
    },
}

impl SqlType {
    /// The name shown in TYPE_NAME (SQLColumns, SQLGetTypeInfo, SQLColAttribute).
    pub fn type_name(&self) -> &'static str {
        match self {
            SqlType::Bit => "BIT",
            SqlType::TinyInt => "TINYINT",
            SqlType::SmallInt => "SMALLINT",
            SqlType::Integer => "INTEGER",
            SqlType::BigInt => "BIGINT",
            SqlType::Real => "REAL",
            SqlType::Double => "DOUBLE",
            SqlType::Decimal { .. } => "DECIMAL",
            SqlType::Varchar { .. } => "VARCHAR",
            SqlType::WVarchar { .. } => "WVARCHAR",
            SqlType::WLongVarchar { .. } => "WLONGVARCHAR",
            SqlType::VarBinary { .. } => "VARBINARY",
            SqlType::LongVarBinary { .. } => "LONGVARBINARY",
            SqlType::Date => "DATE",
            SqlType::Time { .. } => "TIME",
            SqlType::Timestamp { .. } => "TIMESTAMP",
        }
    }

    /// The Arrow type values of this SQL type are held in.
    pub fn arrow_type(&self) -> DataType {
        match *self {
            SqlType::Bit => DataType::Boolean,
            SqlType::TinyInt => DataType::Int8,
            SqlType::SmallInt => DataType::Int16,
            SqlType::Integer => DataType::Int32,
            SqlType::BigInt => DataType::Int64,
            SqlType::Real => DataType::Float32,
            SqlType::Double => DataType::Float64,
            SqlType::Decimal { precision, scale } => DataType::Decimal128(precision, scale),
            SqlType::Varchar { .. } | SqlType::WVarchar { .. } | SqlType::WLongVarchar { .. } => {
                DataType::Utf8
            }
            SqlType::VarBinary { .. } | SqlType::LongVarBinary { .. } => DataType::Binary,
            SqlType::Date => DataType::Date32,
            // Nanoseconds: DataFusion's TIME literals are Time64(ns) and it cannot
            // compare times of different units.
            SqlType::Time { .. } => DataType::Time64(TimeUnit::Nanosecond),
            SqlType::Timestamp { .. } => {
                DataType::Timestamp(TimeUnit::Microsecond, Some("UTC".into()))
            }
        }
    }

    /// The SQL type of an Arrow field: the one in its metadata, else one
    /// derived from its data type.
    pub fn of_field(field: &Field) -> SqlType {
        field
            .metadata()
            .get(SQL_TYPE_KEY)
            .and_then(|text| SqlType::parse(text))
            .unwrap_or_else(|| SqlType::of_arrow(field.data_type()))
    }

    /// The SQL type that best reports values of an Arrow type.
    pub fn of_arrow(data_type: &DataType) -> SqlType {
        match data_type {
            DataType::Boolean => SqlType::Bit,
            DataType::Int8 => SqlType::TinyInt,
            DataType::Int16 | DataType::UInt8 => SqlType::SmallInt,
            DataType::Int32 | DataType::UInt16 => SqlType::Integer,
            DataType::Int64 | DataType::UInt32 | DataType::UInt64 => SqlType::BigInt,
            DataType::Float16 | DataType::Float32 => SqlType::Real,
            DataType::Float64 => SqlType::Double,
            DataType::Decimal32(p, s)
            | DataType::Decimal64(p, s)
            | DataType::Decimal128(p, s)
            | DataType::Decimal256(p, s) => SqlType::Decimal {
                precision: (*p).min(38),
                scale: *s,
            },
            DataType::Binary | DataType::LargeBinary | DataType::BinaryView => {
                SqlType::VarBinary { length: 8000 }
            }
            DataType::FixedSizeBinary(n) => SqlType::VarBinary {
                length: (*n).max(1) as u32,
            },
            DataType::Date32 | DataType::Date64 => SqlType::Date,
            DataType::Time32(TimeUnit::Second) => SqlType::Time { fraction_digits: 0 },
            DataType::Time32(_) => SqlType::Time { fraction_digits: 3 },
            DataType::Time64(TimeUnit::Microsecond) => SqlType::Time { fraction_digits: 6 },
            DataType::Time64(_) => SqlType::Time { fraction_digits: 9 },
            DataType::Timestamp(unit, _) => SqlType::Timestamp {
                fraction_digits: match unit {
                    TimeUnit::Second => 0,
                    TimeUnit::Millisecond => 3,
                    TimeUnit::Microsecond => 6,
                    TimeUnit::Nanosecond => 9,
                },
            },
            _ => SqlType::WVarchar {
                length: DEFAULT_TEXT_LENGTH,
            },
        }
    }

    /// Parses the `Display` form (`WVARCHAR(4000)`, `DECIMAL(19,2)`, `TIME(0)`).
    pub fn parse(text: &str) -> Option<SqlType> {
        let (name, args) = match text.split_once('(') {
            Some((name, rest)) => (name.trim(), rest.strip_suffix(')')?),
            None => (text.trim(), ""),
        };
        let nums: Vec<i64> = if args.is_empty() {
            Vec::new()
        } else {
            args.split(',')
                .map(|a| a.trim().parse::<i64>().ok())
                .collect::<Option<_>>()?
        };
        let arg = |i: usize| nums.get(i).copied();
        let length = || arg(0).and_then(|n| u32::try_from(n).ok());
        let digits = || arg(0).and_then(|n| u8::try_from(n).ok()).unwrap_or(0);
        Some(match name.to_ascii_uppercase().as_str() {
            "BIT" => SqlType::Bit,
            "TINYINT" => SqlType::TinyInt,
            "SMALLINT" => SqlType::SmallInt,
            "INTEGER" => SqlType::Integer,
            "BIGINT" => SqlType::BigInt,
            "REAL" => SqlType::Real,
            "DOUBLE" => SqlType::Double,
            "DECIMAL" => SqlType::Decimal {
                precision: u8::try_from(arg(0)?).ok()?,
                scale: i8::try_from(arg(1).unwrap_or(0)).ok()?,
            },
            "VARCHAR" => SqlType::Varchar { length: length()? },
            "WVARCHAR" => SqlType::WVarchar { length: length()? },
            "WLONGVARCHAR" => SqlType::WLongVarchar { length: length()? },
            "VARBINARY" => SqlType::VarBinary { length: length()? },
            "LONGVARBINARY" => SqlType::LongVarBinary { length: length()? },
            "DATE" => SqlType::Date,
            "TIME" => SqlType::Time {
                fraction_digits: digits(),
            },
            "TIMESTAMP" => SqlType::Timestamp {
                fraction_digits: digits(),
            },
            _ => return None,
        })
    }

    /// Field metadata that records this type (see [`SQL_TYPE_KEY`]).
    pub fn metadata(&self) -> HashMap<String, String> {
        HashMap::from([(SQL_TYPE_KEY.to_owned(), self.to_string())])
    }

    /// An Arrow field of this type carrying it in its metadata.
    pub fn field(&self, name: impl Into<String>, nullable: bool) -> Field {
        Field::new(name, self.arrow_type(), nullable).with_metadata(self.metadata())
    }
}

impl std::fmt::Display for SqlType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let name = self.type_name();
        match *self {
            SqlType::Decimal { precision, scale } => write!(f, "{name}({precision},{scale})"),
            SqlType::Varchar { length }
            | SqlType::WVarchar { length }
            | SqlType::WLongVarchar { length }
            | SqlType::VarBinary { length }
            | SqlType::LongVarBinary { length } => write!(f, "{name}({length})"),
            SqlType::Time { fraction_digits } | SqlType::Timestamp { fraction_digits } => {
                write!(f, "{name}({fraction_digits})")
            }
            _ => f.write_str(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_and_parse_round_trip() {
        for t in [
            SqlType::BigInt,
            SqlType::Decimal {
                precision: 19,
                scale: 4,
            },
            SqlType::Decimal {
                precision: 30,
                scale: -2,
            },
            SqlType::WVarchar { length: 64 },
            SqlType::WLongVarchar {
                length: LONG_TEXT_LENGTH,
            },
            SqlType::Varchar { length: 32 },
            SqlType::Time { fraction_digits: 0 },
            SqlType::Timestamp { fraction_digits: 6 },
            SqlType::Date,
            SqlType::Double,
            SqlType::VarBinary { length: 16 },
            SqlType::LongVarBinary { length: 1 << 30 },
        ] {
            assert_eq!(SqlType::parse(&t.to_string()), Some(t), "{t}");
        }
        assert_eq!(SqlType::parse("DECIMAL(x,2)"), None);
        assert_eq!(SqlType::parse("NOPE"), None);
    }

    #[test]
    fn metadata_wins_over_the_arrow_type() {
        let long = SqlType::WLongVarchar {
            length: LONG_TEXT_LENGTH,
        }
        .field("memo", true);
        assert_eq!(
            SqlType::of_field(&long),
            SqlType::WLongVarchar { length: 65535 }
        );
        let plain = Field::new("x", DataType::Utf8, true);
        assert_eq!(
            SqlType::of_field(&plain),
            SqlType::WVarchar { length: 4000 }
        );
        let dec = Field::new("d", DataType::Decimal128(10, 2), true);
        assert_eq!(
            SqlType::of_field(&dec),
            SqlType::Decimal {
                precision: 10,
                scale: 2
            }
        );
    }
}
