"""pyodbc against libkintone_odbc through unixODBC, with the emulator serving
the demo dataset. Everything is private to the test session: the emulator
listens on a free loopback port and unixODBC reads only the odbcinst.ini and
odbc.ini written here (ODBCSYSINI, ODBCINSTINI, ODBCINI)."""

import json
import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
DEMO_DSN = "KintoneDemo"
LABELS_DSN = "KintoneLabels"
USER, PASSWORD = "demo-admin", "demo-password"


def target_dir() -> pathlib.Path:
    if os.environ.get("CARGO_TARGET_DIR"):
        return pathlib.Path(os.environ["CARGO_TARGET_DIR"])
    return ROOT / "target"


def built(env_var: str, name: str) -> pathlib.Path:
    path = pathlib.Path(os.environ.get(env_var) or target_dir() / "debug" / name)
    if not path.exists():
        pytest.exit(f"{path} is missing: run cargo build --workspace first", returncode=2)
    return path


@pytest.fixture(scope="session")
def emulator_url():
    binary = built("KINTONE_EMULATOR_BIN", "kintone-emulator")
    proc = subprocess.Popen(
        [str(binary), "--listen", "127.0.0.1:0", "--dataset", "demo"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        for line in proc.stdout:
            if line.startswith("listening on "):
                url = line.split(" ", 2)[2].strip()
                break
        else:
            pytest.fail("the emulator did not start")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


@pytest.fixture(scope="session", autouse=True)
def odbc_config(tmp_path_factory, emulator_url):
    """Writes the private unixODBC files and points this process at them
    (unixODBC reads the variables when connecting)."""
    driver = built("KINTONE_ODBC_DRIVER", "libkintone_odbc.so")
    folder = tmp_path_factory.mktemp("odbc")
    (folder / "odbcinst.ini").write_text(
        f"[KintoneODBC]\nDescription=Kintone ODBC driver\nDriver={driver}\n"
    )
    common = f"Url={emulator_url}\nUser={USER}\nPassword={PASSWORD}\n"
    (folder / "odbc.ini").write_text(
        f"[{DEMO_DSN}]\nDriver=KintoneODBC\n{common}UseCodeForFieldName=true\n\n"
        f"[{LABELS_DSN}]\nDriver=KintoneODBC\n{common}"
    )
    os.environ["ODBCSYSINI"] = str(folder)
    os.environ["ODBCINSTINI"] = "odbcinst.ini"
    os.environ["ODBCINI"] = str(folder / "odbc.ini")
    return folder


@pytest.fixture
def conn():
    import pyodbc

    connection = pyodbc.connect(f"DSN={DEMO_DSN}", autocommit=True)
    yield connection
    connection.close()


@pytest.fixture(scope="session")
def dataset():
    return json.loads((ROOT / "emulator" / "datasets" / "demo.json").read_text())


@pytest.fixture(scope="session")
def deals(dataset):
    """Deals records in $id order (ids 1, 2, ...)."""
    return next(a for a in dataset["apps"] if a["appId"] == 2)["records"]


def value(record, code):
    """A scalar field's value, blanks as None (SQL NULL)."""
    v = record[code]["value"]
    return None if v == "" else v
