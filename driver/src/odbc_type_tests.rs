use super::*;

fn all_types() -> Vec<SqlType> {
    vec![
        SqlType::Bit,
        SqlType::TinyInt,
        SqlType::SmallInt,
        SqlType::Integer,
        SqlType::BigInt,
        SqlType::Real,
        SqlType::Double,
        SqlType::Decimal {
            precision: 19,
            scale: 4,
        },
        SqlType::Decimal {
            precision: 1,
            scale: -2,
        },
        SqlType::Varchar { length: 0 },
        SqlType::WVarchar { length: 4000 },
        SqlType::WLongVarchar { length: u32::MAX },
        SqlType::VarBinary { length: 8000 },
        SqlType::LongVarBinary { length: u32::MAX },
        SqlType::Date,
        SqlType::Time { fraction_digits: 0 },
        SqlType::Timestamp { fraction_digits: 9 },
    ]
}

#[test]
fn sizes_are_positive_and_fit_an_integer_column() {
    for t in all_types() {
        assert!(column_size(&t) > 0, "{t}");
        assert!(transfer_octet_length(&t) > 0, "{t}");
        assert!(display_size(&t) > 0, "{t}");
        assert!(desc_precision(&t) >= 0, "{t}");
    }
    let huge = SqlType::WLongVarchar { length: u32::MAX };
    assert_eq!(column_size(&huge), i32::MAX);
    assert_eq!(transfer_octet_length(&huge), i32::MAX);
    assert_eq!(column_size(&SqlType::Varchar { length: 0 }), 1);
}

#[test]
fn appendix_d_values_of_fixed_size_types() {
    // (type, column size, decimal digits, transfer octet length, display size)
    let expected = [
        (SqlType::Bit, 1, None, 1, 1),
        (SqlType::TinyInt, 3, Some(0), 1, 4),
        (SqlType::SmallInt, 5, Some(0), 2, 6),
        (SqlType::Integer, 10, Some(0), 4, 11),
        (SqlType::BigInt, 19, Some(0), 8, 20),
        (SqlType::Real, 7, None, 4, 14),
        (SqlType::Double, 15, None, 8, 24),
        (SqlType::Date, 10, None, 6, 10),
        (SqlType::Time { fraction_digits: 0 }, 8, Some(0), 6, 8),
        (SqlType::Time { fraction_digits: 3 }, 12, Some(3), 6, 12),
        (
            SqlType::Timestamp { fraction_digits: 0 },
            19,
            Some(0),
            16,
            19,
        ),
        (
            SqlType::Timestamp { fraction_digits: 6 },
            26,
            Some(6),
            16,
            26,
        ),
    ];
    for (t, size, digits, octets, display) in expected {
        assert_eq!(
            (
                column_size(&t),
                decimal_digits(&t),
                transfer_octet_length(&t),
                display_size(&t)
            ),
            (size, digits, octets, display),
            "{t}"
        );
    }
}

#[test]
fn decimals_follow_their_precision_and_scale() {
    let d = SqlType::Decimal {
        precision: 10,
        scale: 3,
    };
    // NUMERIC(10,3): size 10, digits 3, 12 bytes and characters.
    assert_eq!(
        (
            column_size(&d),
            decimal_digits(&d),
            transfer_octet_length(&d),
            display_size(&d)
        ),
        (10, Some(3), 12, 12)
    );
    assert_eq!(text_octet_length(&d, CharEncoding::Utf16), Some(24));
    // A negative scale is reported as is; the value can have its zeros too.
    let n = SqlType::Decimal {
        precision: 2,
        scale: -3,
    };
    assert_eq!(
        (
            column_size(&n),
            decimal_digits(&n),
            transfer_octet_length(&n),
            display_size(&n)
        ),
        (2, Some(-3), 7, 7)
    );
}

#[test]
fn text_octet_lengths_depend_only_on_the_c_type() {
    let w = SqlType::WVarchar { length: 64 };
    let v = SqlType::Varchar { length: 64 };
    assert_eq!(transfer_octet_length(&w), 128, "default C type is WCHAR");
    assert_eq!(transfer_octet_length(&v), 64, "default C type is CHAR");
    assert_eq!(text_octet_length(&w, CharEncoding::Utf8), Some(192));
    assert_eq!(text_octet_length(&v, CharEncoding::Utf16), Some(128));
    assert_eq!(char_octet_length(&w), Some(128));
    assert_eq!(char_octet_length(&SqlType::Integer), None);
    assert_eq!(
        text_octet_length(&SqlType::Integer, CharEncoding::Utf8),
        None
    );
    let file = SqlType::LongVarBinary { length: 1000 };
    assert_eq!(
        (transfer_octet_length(&file), char_octet_length(&file)),
        (1000, Some(1000))
    );
    assert_eq!(display_size(&file), 2000);
    assert_eq!(display_size(&w), 64);
}

#[test]
fn codes_follow_the_application_version() {
    assert_eq!(concise_type(&SqlType::Date, false), SQL_TYPE_DATE);
    assert_eq!(concise_type(&SqlType::Date, true), SQL_DATE);
    let ts = SqlType::Timestamp { fraction_digits: 0 };
    assert_eq!(concise_type(&ts, true), SQL_TIMESTAMP);
    assert_eq!(verbose_type(&ts), SQL_DATETIME);
    assert_eq!(datetime_code(&ts), Some(SQL_CODE_TIMESTAMP));
    assert_eq!(datetime_code(&SqlType::Integer), None);
    let w = SqlType::WVarchar { length: 1 };
    assert_eq!((concise_type(&w, true), verbose_type(&w)), (-9, -9));
    assert_eq!(type_name(&w), "WVARCHAR");
}

#[test]
fn attributes_of_numbers_text_and_bit() {
    assert_eq!(num_prec_radix(&SqlType::Double), Some(10));
    assert_eq!(num_prec_radix(&SqlType::Bit), None, "BIT is not numeric");
    assert_eq!(unsigned(&SqlType::Integer), Some(false));
    assert_eq!(unsigned(&SqlType::Bit), None);
    assert!(desc_unsigned(&SqlType::Bit) && !desc_unsigned(&SqlType::BigInt));
    let w = SqlType::WVarchar { length: 1 };
    assert_eq!(searchable(&w), 3);
    assert_eq!(searchable(&SqlType::Date), 2);
    assert!(case_sensitive(&w) && !case_sensitive(&SqlType::Date));
    assert_eq!(
        (
            literal_prefix(&SqlType::Date),
            literal_suffix(&SqlType::Date)
        ),
        (Some("DATE '"), Some("'"))
    );
    assert_eq!(
        literal_prefix(&SqlType::Decimal {
            precision: 1,
            scale: 0
        }),
        None
    );
    assert_eq!(literal_suffix(&SqlType::Integer), None);
    assert_eq!(
        desc_precision(&SqlType::Timestamp { fraction_digits: 3 }),
        3
    );
    assert_eq!(desc_precision(&SqlType::Date), 0);
    assert_eq!(desc_scale(&SqlType::Double), 0);
}
