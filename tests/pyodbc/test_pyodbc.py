"""pyodbc (the W functions and SQLGetData per cell) against the driver."""

import datetime
import decimal

import pyodbc
import pytest

from conftest import DEMO_DSN, LABELS_DSN, PASSWORD, USER, value


def test_connect_by_dsn_and_by_connection_string(conn, emulator_url):
    assert conn.execute("SELECT COUNT(*) FROM Deals").fetchval() == 60
    by_string = pyodbc.connect(
        f"Driver={{KintoneODBC}};Url={emulator_url};User={USER};Password={PASSWORD};"
        "UseCodeForFieldName=true",
        autocommit=True,
    )
    assert by_string.execute("SELECT COUNT(*) FROM Customers").fetchval() == 25
    assert by_string.getinfo(pyodbc.SQL_DBMS_NAME)
    by_string.close()


def test_wrong_password_is_28000(emulator_url):
    with pytest.raises(pyodbc.Error) as err:
        pyodbc.connect(f"DSN={DEMO_DSN};Password=not-it")
    assert err.value.args[0] == "28000"
    assert "not-it" not in str(err.value)


def test_typed_values(conn, deals):
    rows = conn.execute(
        "SELECT RecordId, title, amount, close_date, closed_at, memo "
        "FROM Deals ORDER BY RecordId"
    ).fetchall()
    assert len(rows) == len(deals) == 60
    for row, deal in zip(rows, deals):
        record_id, title, amount, close_date, closed_at, memo = row
        assert isinstance(record_id, int)
        assert title == value(deal, "title")
        assert isinstance(amount, decimal.Decimal)
        assert amount == decimal.Decimal(value(deal, "amount"))
        expected_date = value(deal, "close_date")
        if expected_date is None:
            assert close_date is None
        else:
            assert type(close_date) is datetime.date
            assert close_date == datetime.date.fromisoformat(expected_date)
        expected_closed = value(deal, "closed_at")
        if expected_closed is None:
            assert closed_at is None
        else:
            assert type(closed_at) is datetime.datetime
            assert closed_at == datetime.datetime.strptime(expected_closed, "%Y-%m-%dT%H:%M:%SZ")
        assert memo == value(deal, "memo")


def test_description_types(conn):
    cursor = conn.execute("SELECT RecordId, title, amount, close_date, closed_at FROM Deals")
    names = [d[0] for d in cursor.description]
    types = [d[1] for d in cursor.description]
    assert names == ["RecordId", "title", "amount", "close_date", "closed_at"]
    assert types == [int, str, decimal.Decimal, datetime.date, datetime.datetime]
    nullable = [d[6] for d in cursor.description]
    assert nullable[0] is False and nullable[2] is True


def test_parameters(conn, deals):
    cursor = conn.cursor()
    assert cursor.execute("SELECT title FROM Deals WHERE RecordId = ?", 5).fetchval() == value(
        deals[4], "title"
    )
    customer = value(deals[0], "customer")
    count = cursor.execute("SELECT COUNT(*) FROM Deals WHERE customer = ?", customer).fetchval()
    assert count == sum(1 for d in deals if value(d, "customer") == customer)
    since = datetime.date(2025, 5, 1)
    count = cursor.execute("SELECT COUNT(*) FROM Deals WHERE close_date >= ?", since).fetchval()
    assert count == sum(
        1 for d in deals if value(d, "close_date") and value(d, "close_date") >= "2025-05-01"
    )
    threshold = decimal.Decimal("1000000.5")
    count = cursor.execute("SELECT COUNT(*) FROM Deals WHERE amount > ?", threshold).fetchval()
    assert count == sum(1 for d in deals if decimal.Decimal(value(d, "amount")) > threshold)
    ids = cursor.execute(
        "SELECT RecordId FROM Deals WHERE RecordId BETWEEN ? AND ? ORDER BY RecordId", 3, 6
    ).fetchall()
    assert [r[0] for r in ids] == [3, 4, 5, 6]
    assert cursor.execute("SELECT COUNT(*) FROM Deals WHERE RecordId = ?", None).fetchval() == 0


def test_long_text_in_pieces(conn):
    text = conn.execute("SELECT repeat('あいう', 5000)").fetchval()
    assert text == "あいう" * 5000


def test_tables(conn):
    rows = conn.cursor().tables().fetchall()
    names = {(r.table_name, r.table_type) for r in rows}
    for t in ["Customers", "Deals", "Tasks", "Deals_line_items"]:
        assert (t, "TABLE") in names
    only = conn.cursor().tables(table="Deal%", tableType="TABLE").fetchall()
    assert sorted(r.table_name for r in only) == ["Deals", "Deals_line_items"]


def test_columns_agree_with_description(conn):
    columns = conn.cursor().columns(table="Deals").fetchall()
    assert [c.ordinal_position for c in columns] == list(range(1, len(columns) + 1))
    by_name = {c.column_name: c for c in columns}
    assert by_name["amount"].type_name == "DECIMAL"
    assert by_name["amount"].data_type == pyodbc.SQL_DECIMAL
    assert by_name["close_date"].data_type == pyodbc.SQL_TYPE_DATE
    assert by_name["closed_at"].data_type == pyodbc.SQL_TYPE_TIMESTAMP
    assert by_name["RecordId"].nullable == 0
    description = conn.execute("SELECT * FROM Deals").description
    assert [d[0] for d in description] == [c.column_name for c in columns]


def test_primary_and_foreign_keys(conn):
    pk = conn.cursor().primaryKeys("Deals_line_items").fetchall()
    assert [(r.column_name, r.key_seq) for r in pk] == [("RecordId", 1), ("RowId", 2)]
    fks = conn.cursor().foreignKeys(table="Deals").fetchall()
    assert [(r.pktable_name, r.pkcolumn_name, r.fktable_name, r.fkcolumn_name) for r in fks] == [
        ("Deals", "RecordId", "Deals_line_items", "RecordId")
    ]
    imported = conn.cursor().foreignKeys(foreignTable="Deals_line_items").fetchall()
    assert len(imported) == 1


def test_errors_have_their_sqlstate(conn):
    with pytest.raises(pyodbc.Error) as err:
        conn.execute("SELECT * FROM NoSuchTable")
    assert err.value.args[0] == "42S02"
    with pytest.raises(pyodbc.Error) as err:
        conn.execute("SELECT no_such_column FROM Deals")
    assert err.value.args[0] == "42S22"
    with pytest.raises(pyodbc.Error) as err:
        conn.execute("SELEC 1")
    assert err.value.args[0] == "42000"
    assert conn.execute("SELECT COUNT(*) FROM Tasks").fetchval() == 30


def test_japanese_labels(deals):
    labels = pyodbc.connect(f"DSN={LABELS_DSN}", autocommit=True)
    row = labels.execute('SELECT "顧客名", "金額" FROM Deals WHERE "RecordId" = 1').fetchone()
    assert row[0] == value(deals[0], "customer")
    assert row[1] == decimal.Decimal(value(deals[0], "amount"))
    assert [d[0] for d in labels.execute('SELECT "顧客名" FROM Deals').description] == ["顧客名"]
    labels.close()
