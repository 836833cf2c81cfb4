//! A private unixODBC configuration: a folder with `odbcinst.ini` (the
//! driver) and `odbc.ini` (the DSNs). Nothing system-wide is read or
//! written: `ODBCSYSINI`, `ODBCINSTINI` and `ODBCINI` point at the folder.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::DRIVER_NAME;

/// One DSN: its name and its keys (`Driver` is added).
pub struct Dsn {
    pub name: String,
    pub keys: Vec<(String, String)>,
}

impl Dsn {
    pub fn new(name: &str, keys: &[(&str, &str)]) -> Dsn {
        Dsn {
            name: name.to_owned(),
            keys: keys
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
        }
    }
}

/// The folder holding the two files.
#[derive(Clone, Debug)]
pub struct OdbcConfig {
    pub dir: PathBuf,
}

impl OdbcConfig {
    /// Writes `odbcinst.ini` (driver [`DRIVER_NAME`] -> `driver_library`)
    /// and `odbc.ini` with `dsns` into `dir` (created if missing).
    pub fn write(dir: &Path, driver_library: &Path, dsns: &[Dsn]) -> OdbcConfig {
        std::fs::create_dir_all(dir).expect("create the ODBC config folder");
        let odbcinst = format!(
            "[ODBC]\nTrace=No\n\n[{DRIVER_NAME}]\nDescription=Kintone ODBC driver\nDriver={}\nFileUsage=0\n",
            driver_library.display()
        );
        std::fs::write(dir.join("odbcinst.ini"), odbcinst).expect("write odbcinst.ini");
        let mut odbc = String::from("[ODBC Data Sources]\n");
        for dsn in dsns {
            writeln!(odbc, "{}={DRIVER_NAME}", dsn.name).unwrap();
        }
        for dsn in dsns {
            write!(odbc, "\n[{}]\nDriver={DRIVER_NAME}\n", dsn.name).unwrap();
            for (k, v) in &dsn.keys {
                writeln!(odbc, "{k}={v}").unwrap();
            }
        }
        std::fs::write(dir.join("odbc.ini"), odbc).expect("write odbc.ini");
        OdbcConfig {
            dir: dir.to_owned(),
        }
    }

    /// The variables that make unixODBC read only these files.
    pub fn env_vars(&self) -> Vec<(&'static str, String)> {
        vec![
            ("ODBCSYSINI", self.dir.display().to_string()),
            ("ODBCINSTINI", "odbcinst.ini".to_owned()),
            ("ODBCINI", self.dir.join("odbc.ini").display().to_string()),
        ]
    }

    /// Sets [`Self::env_vars`] in this process; must happen before the
    /// driver manager is first used.
    pub fn apply_to_process(&self) {
        for (k, v) in self.env_vars() {
            std::env::set_var(k, v);
        }
    }

    /// A command with these variables set (for isql, iusql, python).
    pub fn command(&self, program: &str) -> Command {
        let mut cmd = Command::new(program);
        cmd.envs(self.env_vars());
        cmd
    }
}
