//! SQLGetTypeInfo: one row per SQL type the driver reports, with the same
//! TYPE_NAME and DATA_TYPE as SQLColumns and SQLDescribeCol (Power BI
//! matches them to decide what it can fold).

use sql::SqlType;

use super::result_set::{build, int, small, text, Cell, ColumnSpec, ResultSet};
use crate::odbc_type as ot;
use crate::sys::{
    SQL_DATE, SQL_TIME, SQL_TIMESTAMP, SQL_TYPE_DATE, SQL_TYPE_TIME, SQL_TYPE_TIMESTAMP,
};
use crate::DriverError;

/// SQLGetTypeInfo's 19 columns.
pub const TYPE_INFO_COLUMNS: &[ColumnSpec] = &[
    text("TYPE_NAME", false),
    small("DATA_TYPE", false),
    int("COLUMN_SIZE", true),
    text("LITERAL_PREFIX", true),
    text("LITERAL_SUFFIX", true),
    text("CREATE_PARAMS", true),
    small("NULLABLE", false),
    small("CASE_SENSITIVE", false),
    small("SEARCHABLE", false),
    small("UNSIGNED_ATTRIBUTE", true),
    small("FIXED_PREC_SCALE", false),
    small("AUTO_UNIQUE_VALUE", true),
    text("LOCAL_TYPE_NAME", true),
    small("MINIMUM_SCALE", true),
    small("MAXIMUM_SCALE", true),
    small("SQL_DATA_TYPE", false),
    small("SQL_DATETIME_SUB", true),
    int("NUM_PREC_RADIX", true),
    small("INTERVAL_PRECISION", true),
];

/// The widest instance of each type the driver reports, in DATA_TYPE order
/// (the sizes become COLUMN_SIZE, the largest a column of the type has).
pub const REPORTED_TYPES: &[SqlType] = &[
    SqlType::WLongVarchar {
        length: 1_073_741_823,
    },
    SqlType::WVarchar { length: 65_535 },
    SqlType::Bit,
    SqlType::TinyInt,
    SqlType::BigInt,
    SqlType::LongVarBinary {
        length: 1_073_741_824,
    },
    SqlType::VarBinary { length: 65_535 },
    SqlType::Decimal {
        precision: 38,
        scale: 0,
    },
    SqlType::Integer,
    SqlType::SmallInt,
    SqlType::Real,
    SqlType::Double,
    SqlType::Varchar { length: 65_535 },
    SqlType::Date,
    SqlType::Time { fraction_digits: 9 },
    SqlType::Timestamp { fraction_digits: 9 },
];

/// Largest DECIMAL scale and fraction-of-second digits.
const MAX_SCALE: i16 = 38;
const MAX_FRACTION_DIGITS: i16 = 9;

fn create_params(t: &SqlType) -> Option<&'static str> {
    match t {
        SqlType::Varchar { .. } | SqlType::WVarchar { .. } | SqlType::VarBinary { .. } => {
            Some("length")
        }
        SqlType::Decimal { .. } => Some("precision,scale"),
        _ => None,
    }
}

fn scale_range(t: &SqlType) -> (Option<i16>, Option<i16>) {
    match t {
        SqlType::Decimal { .. } => (Some(0), Some(MAX_SCALE)),
        SqlType::Time { .. } | SqlType::Timestamp { .. } => (Some(0), Some(MAX_FRACTION_DIGITS)),
        SqlType::TinyInt | SqlType::SmallInt | SqlType::Integer | SqlType::BigInt => {
            (Some(0), Some(0))
        }
        _ => (None, None),
    }
}

fn type_row(t: &SqlType) -> Vec<Cell> {
    let (min_scale, max_scale) = scale_range(t);
    let number = ot::num_prec_radix(t).is_some();
    vec![
        Cell::text(ot::type_name(t)),
        Cell::Small(ot::concise_type(t, false)),
        Cell::Int(ot::column_size(t)),
        Cell::opt_text(ot::literal_prefix(t)),
        Cell::opt_text(ot::literal_suffix(t)),
        Cell::opt_text(create_params(t)),
        Cell::Small(1), // SQL_NULLABLE: every Kintone field can be blank
        Cell::Small(i16::from(ot::case_sensitive(t))),
        Cell::Small(ot::searchable(t)),
        Cell::opt_small(ot::unsigned(t).map(i16::from)),
        Cell::Small(0),                                   // no money types
        if number { Cell::Small(0) } else { Cell::Null }, // not auto-incrementing
        Cell::text(ot::type_name(t)),
        Cell::opt_small(min_scale),
        Cell::opt_small(max_scale),
        Cell::Small(ot::verbose_type(t)),
        Cell::opt_small(ot::datetime_code(t)),
        Cell::opt_int(ot::num_prec_radix(t).map(i32::from)),
        Cell::Null,
    ]
}

/// SQLGetTypeInfo for `data_type` (SQL_ALL_TYPES = 0 for every type; the
/// ODBC 2 codes 9, 10, 11 for DATE, TIME, TIMESTAMP). A type the driver
/// does not have gives an empty result set.
pub fn type_info(data_type: i16) -> Result<ResultSet, DriverError> {
    let wanted = match data_type {
        SQL_DATE => SQL_TYPE_DATE,
        SQL_TIME => SQL_TYPE_TIME,
        SQL_TIMESTAMP => SQL_TYPE_TIMESTAMP,
        other => other,
    };
    let rows = REPORTED_TYPES
        .iter()
        .filter(|t| wanted == 0 || ot::concise_type(t, false) == wanted)
        .map(type_row)
        .collect();
    build(TYPE_INFO_COLUMNS, rows)
}

#[cfg(test)]
mod tests {
    use super::super::columns::columns_result;
    use super::super::result_set::testing::*;
    use super::super::test_data::*;
    use super::*;
    use Cell::{Int, Null, Small};

    #[test]
    fn columns_are_the_specifications_19() {
        let w = SqlType::WVarchar { length: 128 };
        let s = SqlType::SmallInt;
        let i = SqlType::Integer;
        assert_columns(
            &type_info(0).unwrap(),
            &[
                ("TYPE_NAME", w, false),
                ("DATA_TYPE", s, false),
                ("COLUMN_SIZE", i, true),
                ("LITERAL_PREFIX", w, true),
                ("LITERAL_SUFFIX", w, true),
                ("CREATE_PARAMS", w, true),
                ("NULLABLE", s, false),
                ("CASE_SENSITIVE", s, false),
                ("SEARCHABLE", s, false),
                ("UNSIGNED_ATTRIBUTE", s, true),
                ("FIXED_PREC_SCALE", s, false),
                ("AUTO_UNIQUE_VALUE", s, true),
                ("LOCAL_TYPE_NAME", w, true),
                ("MINIMUM_SCALE", s, true),
                ("MAXIMUM_SCALE", s, true),
                ("SQL_DATA_TYPE", s, false),
                ("SQL_DATETIME_SUB", s, true),
                ("NUM_PREC_RADIX", i, true),
                ("INTERVAL_PRECISION", s, true),
            ],
        );
    }

    #[test]
    fn all_types_sorted_by_data_type() {
        let rs = type_info(0).unwrap();
        let codes: Vec<i16> = column(&rs, "DATA_TYPE")
            .into_iter()
            .map(|c| match c {
                Small(v) => v,
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            codes,
            [-10, -9, -7, -6, -5, -4, -3, 3, 4, 5, 7, 8, 12, 91, 92, 93]
        );
        let names = column(&rs, "TYPE_NAME");
        assert_eq!(names[0], Cell::text("WLONGVARCHAR"));
        assert_eq!(names[5], Cell::text("LONGVARBINARY"));
        assert_eq!(names[7], Cell::text("DECIMAL"));
    }

    #[test]
    fn odbc2_applications_see_odbc2_date_codes() {
        let codes = |rs: &ResultSet| -> Vec<Cell> { column(rs, "DATA_TYPE") };
        let odbc3 = codes(&type_info(0).unwrap());
        let odbc2 = codes(&type_info(0).unwrap().with_odbc2_date_codes());
        assert_eq!(odbc3[odbc3.len() - 3..], [Small(91), Small(92), Small(93)]);
        assert_eq!(odbc2[odbc2.len() - 3..], [Small(9), Small(10), Small(11)]);
        assert_eq!(odbc2[..odbc2.len() - 3], odbc3[..odbc3.len() - 3]);
        // SQL_DATA_TYPE stays SQL_DATETIME.
        let verbose = column(
            &type_info(93).unwrap().with_odbc2_date_codes(),
            "SQL_DATA_TYPE",
        );
        assert_eq!(verbose, vec![Small(9)]);
    }

    #[test]
    fn one_type_and_odbc2_date_codes() {
        let one = |code| rows(&type_info(code).unwrap());
        assert_eq!(one(-5).len(), 1);
        assert_eq!(one(-5)[0][0], Cell::text("BIGINT"));
        assert_eq!(one(9)[0][0], Cell::text("DATE"));
        assert_eq!(one(10)[0][0], Cell::text("TIME"));
        assert_eq!(one(11)[0][0], Cell::text("TIMESTAMP"));
        assert_eq!(one(93)[0][1], Small(93));
        assert!(one(1).is_empty(), "no CHAR type");
        assert!(one(-2).is_empty(), "no BINARY type");
        assert_eq!(one(-4)[0][0], Cell::text("LONGVARBINARY"), "file contents");
    }

    #[test]
    fn rows_of_text_decimal_and_timestamp() {
        let row = |code| rows(&type_info(code).unwrap()).remove(0);
        assert_eq!(
            row(-9),
            [
                Cell::text("WVARCHAR"),
                Small(-9),
                Int(65535),
                Cell::text("'"),
                Cell::text("'"),
                Cell::text("length"),
                Small(1),
                Small(1),
                Small(3),
                Null,
                Small(0),
                Null,
                Cell::text("WVARCHAR"),
                Null,
                Null,
                Small(-9),
                Null,
                Null,
                Null,
            ]
        );
        assert_eq!(
            row(3),
            [
                Cell::text("DECIMAL"),
                Small(3),
                Int(38),
                Null,
                Null,
                Cell::text("precision,scale"),
                Small(1),
                Small(0),
                Small(2),
                Small(0),
                Small(0),
                Small(0),
                Cell::text("DECIMAL"),
                Small(0),
                Small(38),
                Small(3),
                Null,
                Int(10),
                Null,
            ]
        );
        let ts = row(93);
        assert_eq!(ts[2], Int(29));
        assert_eq!(ts[3], Cell::text("TIMESTAMP '"));
        assert_eq!(ts[15..17].to_vec(), [Small(9), Small(3)]);
    }

    #[test]
    fn consistent_with_sqlcolumns() {
        // Every column SQLColumns reports has exactly one type row with the
        // same TYPE_NAME, DATA_TYPE and SQL_DATA_TYPE, wide enough for it.
        let mut all = deals_columns();
        all.extend(line_items_columns());
        let cols = columns_result(&all, None, false).unwrap();
        for row in rows(&cols) {
            let (data_type, type_name, size, verbose) = (&row[4], &row[5], &row[6], &row[13]);
            let Small(code) = data_type else { panic!() };
            let types = rows(&type_info(*code).unwrap());
            assert_eq!(types.len(), 1, "{type_name:?}");
            let t = &types[0];
            assert_eq!(&t[0], type_name);
            assert_eq!(&t[1], data_type);
            assert_eq!(&t[15], verbose);
            match (size, &t[2]) {
                (Int(col), Int(max)) => assert!(col <= max, "{type_name:?}: {col} > {max}"),
                other => panic!("{other:?}"),
            }
        }
        // And every SqlType the SQL layer can produce has a row.
        for t in REPORTED_TYPES {
            let same_code = rows(&type_info(ot::concise_type(t, false)).unwrap());
            assert_eq!(same_code[0][0], Cell::text(ot::type_name(t)));
            assert_eq!(ot::searchable(t), if ot::is_character(t) { 3 } else { 2 });
        }
    }
}
