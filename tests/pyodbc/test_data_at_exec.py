"""pyodbc's long parameters: pyodbc 5.5.0 binds a value longer than the
connection's limit (`maxwrite`, else the column size SQLGetTypeInfo gives
for the type: 65535 for WVARCHAR) as SQL_LEN_DATA_AT_EXEC and sends it with
SQLParamData/SQLPutData. A unixODBC trace of a separate process proves the
calls happen."""

import os
import pathlib
import shutil
import subprocess
import sys
import tempfile

import pytest

pyodbc = pytest.importorskip("pyodbc")

from conftest import DEMO_DSN

LONG = "".join(chr(0x41 + i % 26) if i % 7 else "日" for i in range(20_000))


def test_long_text_round_trips_through_data_at_execution(conn):
    conn.maxwrite = 4096
    cur = conn.cursor()
    row = cur.execute("SELECT CAST(? AS VARCHAR) AS v", LONG).fetchone()
    assert row.v == LONG
    # In a WHERE clause: the assembled value matches the data exactly.
    cur.execute(
        "SELECT industry FROM Customers WHERE company_name = ?",
        "Acme Corporation" + " " * 5000,
    )
    assert cur.fetchall() == []
    cur.execute(
        "SELECT COUNT(*) FROM Customers WHERE company_name <> ?", LONG
    )
    assert cur.fetchone()[0] == 25


def test_values_over_the_type_size_use_data_at_execution_without_settings(conn):
    # 40,000 characters are 80,000 bytes of UTF-16: over WVARCHAR's 65535.
    value = LONG * 2
    row = conn.cursor().execute("SELECT CAST(? AS VARCHAR) AS v", value).fetchone()
    assert row.v == value


def test_a_trace_shows_sqlparamdata_and_sqlputdata(odbc_config, tmp_path):
    # unixODBC 2.3.11 mangles a long TraceFile path: keep it short.
    short = pathlib.Path(tempfile.mkdtemp(prefix="kodbc"))
    trace = short / "t.log"
    folder = tmp_path / "odbc"
    folder.mkdir()
    driver_ini = (odbc_config / "odbcinst.ini").read_text()
    (folder / "odbcinst.ini").write_text(
        f"[ODBC]\nTrace=Yes\nTraceFile={trace}\n\n{driver_ini}"
    )
    (folder / "odbc.ini").write_text((odbc_config / "odbc.ini").read_text())
    script = (
        "import pyodbc, sys\n"
        f"c = pyodbc.connect('DSN={DEMO_DSN}', autocommit=True)\n"
        "c.maxwrite = 4096\n"
        "v = 'x' * 20000\n"
        "r = c.cursor().execute('SELECT CAST(? AS VARCHAR) AS v', v).fetchone()\n"
        "sys.exit(0 if r.v == v else 3)\n"
    )
    env = dict(os.environ, ODBCSYSINI=str(folder), ODBCINI=str(folder / "odbc.ini"))
    done = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    calls = trace.read_text(errors="replace")
    assert "SQLParamData" in calls
    # 20,000 characters sent 4096 bytes at a time: several pieces.
    assert calls.count("SQLPutData") >= 2 * 5, calls.count("SQLPutData")
    shutil.rmtree(short)
