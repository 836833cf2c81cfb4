//! A catalog shaped like the emulator's demo dataset, for unit tests.

use sql::{ColumnInfo, ForeignKey, SqlType, TableInfo, TableKind};

fn table(
    name: &str,
    kind: TableKind,
    remarks: &str,
    app: Option<u64>,
    parent: Option<&str>,
) -> TableInfo {
    TableInfo {
        name: name.into(),
        kind,
        remarks: remarks.into(),
        app_id: app,
        parent_table: parent.map(Into::into),
    }
}

pub fn demo_tables() -> Vec<TableInfo> {
    vec![
        table(
            "Customers",
            TableKind::Table,
            "Customers of the demo",
            Some(1),
            None,
        ),
        table("Deals", TableKind::Table, "", Some(2), None),
        table(
            "Deals_line_items",
            TableKind::Table,
            "Subtable line_items of app 2",
            Some(2),
            Some("Deals"),
        ),
        table("Tasks", TableKind::Table, "", Some(3), None),
        table("Apps", TableKind::SystemTable, "Apps", None, None),
        table("FormFields", TableKind::SystemTable, "Fields", None, None),
        table("OpenDeals", TableKind::View, "", None, None),
    ]
}

fn col_info(
    table: &str,
    name: &str,
    ordinal: u32,
    sql_type: SqlType,
    code: Option<&str>,
) -> ColumnInfo {
    ColumnInfo {
        table: table.into(),
        name: name.into(),
        ordinal,
        sql_type,
        nullable: true,
        remarks: code.map(|c| format!("{c} (FIELD)")).unwrap_or_default(),
        field_code: code.map(Into::into),
        primary_key_seq: None,
        writable: true,
        searchable: true,
        default: None,
    }
}

fn key(mut c: ColumnInfo, seq: u16) -> ColumnInfo {
    c.nullable = false;
    c.primary_key_seq = Some(seq);
    c.writable = false;
    c
}

fn not_null(mut c: ColumnInfo) -> ColumnInfo {
    c.nullable = false;
    c.writable = false;
    c
}

pub fn deals_columns() -> Vec<ColumnInfo> {
    vec![
        key(
            col_info("Deals", "RecordId", 1, SqlType::BigInt, Some("$id")),
            1,
        ),
        not_null(col_info(
            "Deals",
            "Revision",
            2,
            SqlType::BigInt,
            Some("$revision"),
        )),
        col_info(
            "Deals",
            "Title",
            3,
            SqlType::WVarchar { length: 4000 },
            Some("title"),
        ),
        col_info(
            "Deals",
            "Amount",
            4,
            SqlType::Decimal {
                precision: 19,
                scale: 2,
            },
            Some("amount"),
        ),
        {
            let mut c = col_info(
                "Deals",
                "Stage",
                5,
                SqlType::WVarchar { length: 4000 },
                Some("stage"),
            );
            c.default = Some("'Lead'".into());
            c
        },
        col_info("Deals", "CloseDate", 6, SqlType::Date, Some("close_date")),
        col_info(
            "Deals",
            "Notes",
            7,
            SqlType::WLongVarchar { length: 65535 },
            Some("notes"),
        ),
        col_info(
            "Deals",
            "UpdatedAt",
            8,
            SqlType::Timestamp { fraction_digits: 0 },
            Some("updated"),
        ),
        col_info(
            "Deals",
            "Code",
            9,
            SqlType::Varchar { length: 32 },
            Some("code"),
        ),
        col_info("Deals", "Score", 10, SqlType::Double, Some("score")),
        col_info(
            "Deals",
            "Start",
            11,
            SqlType::Time { fraction_digits: 0 },
            Some("start"),
        ),
    ]
}

pub fn line_items_columns() -> Vec<ColumnInfo> {
    vec![
        key(
            col_info(
                "Deals_line_items",
                "RecordId",
                1,
                SqlType::BigInt,
                Some("$id"),
            ),
            1,
        ),
        key(
            col_info("Deals_line_items", "RowId", 2, SqlType::BigInt, None),
            2,
        ),
        col_info(
            "Deals_line_items",
            "Product",
            3,
            SqlType::WVarchar { length: 4000 },
            Some("product"),
        ),
        col_info(
            "Deals_line_items",
            "Qty",
            4,
            SqlType::Decimal {
                precision: 10,
                scale: 0,
            },
            Some("qty"),
        ),
    ]
}

pub fn customers_columns() -> Vec<ColumnInfo> {
    vec![
        key(
            col_info("Customers", "RecordId", 1, SqlType::BigInt, Some("$id")),
            1,
        ),
        not_null(col_info(
            "Customers",
            "Revision",
            2,
            SqlType::BigInt,
            Some("$revision"),
        )),
        col_info(
            "Customers",
            "Name",
            3,
            SqlType::WVarchar { length: 4000 },
            Some("name"),
        ),
    ]
}

pub fn demo_foreign_keys() -> Vec<ForeignKey> {
    vec![ForeignKey {
        pk_table: "Deals".into(),
        pk_column: "RecordId".into(),
        fk_table: "Deals_line_items".into(),
        fk_column: "RecordId".into(),
        key_seq: 1,
        fk_name: "FK_Deals_line_items_Deals".into(),
        pk_name: "PK_Deals".into(),
    }]
}
