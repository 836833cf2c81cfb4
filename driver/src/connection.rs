//! The connection handle: attributes, connecting (DSN keys + connection
//! string -> `Properties` -> `sql::Session`) and disconnecting.

use std::ffi::c_void;
use std::time::Duration;

use kintone_core::properties::keys;
use kintone_core::{ConnectionString, Properties};

use crate::dsn;
use crate::env::EnvHandle;
use crate::error::{DriverError, DriverResult};
use crate::handles::{Handle, HandleState, Warnings};
use crate::runtime;
use crate::statement::{free_descriptor, free_statement, DescState, StmtState};
use crate::sys::*;

/// An open connection.
pub struct Connection {
    pub session: sql::Session,
    pub dsn: Option<String>,
    pub user: Option<String>,
    pub server_name: String,
}

/// A connection handle's state.
pub struct DbcState {
    pub env: *const EnvHandle,
    pub connection: Option<Connection>,
    /// SQL_ATTR_AUTOCOMMIT (every statement commits either way).
    pub autocommit: bool,
    pub login_timeout: u32,
    pub connection_timeout: u32,
    pub access_mode: u32,
    pub txn_isolation: u32,
    pub current_catalog: String,
    pub quiet_mode: usize,
    pub packet_size: u32,
    pub metadata_id: bool,
    /// Statements allocated on this connection so far (numbers cursor names).
    pub statements: usize,
    /// The statements and explicitly allocated descriptors this connection
    /// owns, by address; SQLDisconnect frees them.
    pub owned: Vec<(i16, usize)>,
    /// Rows changed in manual-commit mode since the last SQLEndTran. Kintone
    /// saved them at once, so a rollback cannot undo them.
    pub saved_changes: u64,
}

// The environment pointer is only read, and outlives the connection.
unsafe impl Send for DbcState {}

impl HandleState for DbcState {
    const TYPE: i16 = SQL_HANDLE_DBC;
}

impl DbcState {
    /// A statement changed `rows` rows. In autocommit mode each statement is
    /// its own committed transaction; in manual-commit mode the change is
    /// remembered until SQLEndTran.
    pub fn record_changes(&mut self, rows: u64) {
        if !self.autocommit {
            self.saved_changes += rows;
        }
    }

    /// SQLEndTran on this connection. Commit succeeds (everything is saved
    /// already). Rollback succeeds when nothing was changed since the last
    /// SQLEndTran, and is HYC00 otherwise: Kintone has no transactions, so
    /// the changes stay and the application must be told.
    pub fn end_transaction(&mut self, completion: i16) -> DriverResult<()> {
        let changed = std::mem::take(&mut self.saved_changes);
        match completion {
            SQL_COMMIT => Ok(()),
            SQL_ROLLBACK if changed == 0 => Ok(()),
            SQL_ROLLBACK => Err(DriverError::new(
                "HYC00",
                format!(
                    "rollback is not supported: Kintone has no transactions, and the {changed} \
                     row(s) changed since the last commit are already saved"
                ),
            )),
            _ => {
                self.saved_changes = changed;
                Err(DriverError::new(
                    "HY012",
                    "invalid transaction operation code",
                ))
            }
        }
    }
}

pub type DbcHandle = Handle<DbcState>;

impl DbcState {
    pub fn new(env: *const EnvHandle) -> Self {
        DbcState {
            env,
            connection: None,
            autocommit: true,
            saved_changes: 0,
            login_timeout: 0,
            connection_timeout: 0,
            access_mode: SQL_MODE_READ_WRITE as u32,
            txn_isolation: SQL_TXN_READ_COMMITTED as u32,
            current_catalog: String::new(),
            quiet_mode: 0,
            packet_size: 0,
            metadata_id: false,
            statements: 0,
            owned: Vec::new(),
        }
    }

    /// The ODBC version of the environment (2 makes date codes ODBC 2 style).
    pub fn odbc_version(&self) -> i32 {
        match unsafe { Handle::from_raw(self.env as *mut c_void) } {
            Some(env) => {
                let env: &EnvHandle = env;
                env.state.lock().odbc_version
            }
            None => SQL_OV_ODBC3,
        }
    }

    pub fn session(&self) -> DriverResult<sql::Session> {
        self.connection
            .as_ref()
            .map(|c| c.session.clone())
            .ok_or_else(|| DriverError::new("08003", "connection not open"))
    }

    /// SQLSetConnectAttr for integer and pointer values (`text` for the string ones).
    pub fn set_attr(
        &mut self,
        attr: i32,
        value: *mut c_void,
        text: Option<String>,
    ) -> DriverResult<()> {
        let int = value as usize;
        match attr {
            // Kintone has no transactions and the SQL layer only reads for
            // now, so manual-commit mode is accepted (pyodbc asks for it by
            // default) and has nothing to commit or roll back.
            SQL_ATTR_AUTOCOMMIT => match int {
                SQL_AUTOCOMMIT_ON | SQL_AUTOCOMMIT_OFF => {
                    self.autocommit = int == SQL_AUTOCOMMIT_ON
                }
                _ => {
                    return Err(DriverError::new(
                        "HY024",
                        "invalid attribute value for SQL_ATTR_AUTOCOMMIT",
                    ))
                }
            },
            SQL_ATTR_LOGIN_TIMEOUT => self.login_timeout = int as u32,
            SQL_ATTR_CONNECTION_TIMEOUT => self.connection_timeout = int as u32,
            SQL_ATTR_ACCESS_MODE => self.access_mode = int as u32,
            SQL_ATTR_TXN_ISOLATION => {
                if self.connection.is_some() && int as u32 != self.txn_isolation {
                    // The isolation of a session cannot change once it is open.
                    return Err(DriverError::new(
                        "HYC00",
                        "optional feature not implemented: changing the isolation level",
                    ));
                }
                self.txn_isolation = int as u32;
            }
            SQL_ATTR_CURRENT_CATALOG => self.current_catalog = text.unwrap_or_default(),
            SQL_ATTR_QUIET_MODE => self.quiet_mode = int,
            SQL_ATTR_PACKET_SIZE => {
                if self.connection.is_some() {
                    return Err(DriverError::new("HY011", "attribute cannot be set now"));
                }
                self.packet_size = int as u32;
            }
            SQL_ATTR_METADATA_ID => self.metadata_id = int != 0,
            SQL_ATTR_ASYNC_ENABLE | SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE => {
                if int != 0 {
                    return Err(DriverError::not_supported("asynchronous execution"));
                }
            }
            SQL_ATTR_CONNECTION_DEAD | SQL_ATTR_AUTO_IPD => {
                return Err(DriverError::new("HY092", "read-only attribute"));
            }
            SQL_ATTR_TRACE
            | SQL_ATTR_TRACEFILE
            | SQL_ATTR_TRANSLATE_LIB
            | SQL_ATTR_TRANSLATE_OPTION
            | SQL_ATTR_ODBC_CURSORS
            | SQL_ATTR_RESET_CONNECTION
            | SQL_ATTR_DISCONNECT_BEHAVIOR => {}
            SQL_ATTR_ANSI_APP => {
                // Same behaviour for ANSI and Unicode applications.
                return Err(DriverError::not_supported("SQL_ATTR_ANSI_APP"));
            }
            _ => {
                return Err(DriverError::new(
                    "HY092",
                    format!("invalid attribute identifier {attr}"),
                ))
            }
        }
        Ok(())
    }

    /// SQLGetConnectAttr.
    pub fn get_attr(&self, attr: i32) -> DriverResult<AttrValue> {
        Ok(match attr {
            SQL_ATTR_AUTOCOMMIT => AttrValue::U32(if self.autocommit {
                SQL_AUTOCOMMIT_ON as u32
            } else {
                SQL_AUTOCOMMIT_OFF as u32
            }),
            SQL_ATTR_LOGIN_TIMEOUT => AttrValue::U32(self.login_timeout),
            SQL_ATTR_CONNECTION_TIMEOUT => AttrValue::U32(self.connection_timeout),
            SQL_ATTR_ACCESS_MODE => AttrValue::U32(self.access_mode),
            SQL_ATTR_TXN_ISOLATION => AttrValue::U32(self.txn_isolation),
            SQL_ATTR_CURRENT_CATALOG => AttrValue::Str(self.current_catalog.clone()),
            SQL_ATTR_QUIET_MODE => AttrValue::Ptr(self.quiet_mode),
            SQL_ATTR_PACKET_SIZE => AttrValue::U32(self.packet_size),
            SQL_ATTR_METADATA_ID => AttrValue::U32(self.metadata_id as u32),
            SQL_ATTR_ASYNC_ENABLE | SQL_ATTR_ASYNC_DBC_FUNCTIONS_ENABLE | SQL_ATTR_AUTO_IPD => {
                AttrValue::U32(0)
            }
            SQL_ATTR_CONNECTION_DEAD => AttrValue::U32(if self.connection.is_some() {
                SQL_CD_FALSE
            } else {
                SQL_CD_TRUE
            }),
            SQL_ATTR_TRACE
            | SQL_ATTR_ODBC_CURSORS
            | SQL_ATTR_TRANSLATE_OPTION
            | SQL_ATTR_DISCONNECT_BEHAVIOR => AttrValue::U32(0),
            _ => {
                return Err(DriverError::new(
                    "HY092",
                    format!("invalid attribute identifier {attr}"),
                ))
            }
        })
    }

    /// Connects with a connection string (SQLDriverConnect) and gives the
    /// completed connection string for the application.
    pub fn driver_connect(&mut self, conn_str: &str, w: &mut Warnings) -> DriverResult<String> {
        if self.connection.is_some() {
            return Err(DriverError::new("08002", "connection name in use"));
        }
        let given = ConnectionString::parse(conn_str)
            .map_err(|e| DriverError::new("08001", format!("[Kintone] {e}")))?;
        let dsn_name = given.get("DSN").map(str::to_owned);
        let dsn_pairs = match &dsn_name {
            Some(name) if !name.is_empty() => dsn::read_dsn(name),
            _ => Vec::new(),
        };
        let props = Properties::from_connection_string(conn_str, dsn_pairs)
            .map_err(|e| DriverError::new("08001", format!("[Kintone] {e}")))?;
        let out = completed_connection_string(&props, &given);
        self.open(props, dsn_name, w)?;
        Ok(out)
    }

    /// Connects with a DSN and credentials (SQLConnect).
    pub fn connect(
        &mut self,
        dsn_name: &str,
        user: Option<&str>,
        password: Option<&str>,
        w: &mut Warnings,
    ) -> DriverResult<()> {
        if self.connection.is_some() {
            return Err(DriverError::new("08002", "connection name in use"));
        }
        let dsn_pairs = dsn::read_dsn(dsn_name);
        if dsn_pairs.is_empty() {
            return Err(DriverError::new(
                "IM002",
                format!("data source name not found: {dsn_name}"),
            ));
        }
        let mut given: Vec<(String, String)> = vec![("DSN".into(), dsn_name.into())];
        if let Some(u) = user.filter(|u| !u.is_empty()) {
            given.push((keys::USER.into(), u.into()));
        }
        if let Some(p) = password.filter(|p| !p.is_empty()) {
            given.push((keys::PASSWORD.into(), p.into()));
        }
        let props = Properties::from_pairs(given, dsn_pairs)
            .map_err(|e| DriverError::new("08001", format!("[Kintone] {e}")))?;
        self.open(props, Some(dsn_name.to_owned()), w)
    }

    fn open(
        &mut self,
        props: Properties,
        dsn: Option<String>,
        w: &mut Warnings,
    ) -> DriverResult<()> {
        for warning in props.warnings() {
            w.push(DriverError::new(
                "01S00",
                format!("invalid connection string attribute: {warning}"),
            ));
        }
        let timeout =
            (self.login_timeout > 0).then(|| Duration::from_secs(self.login_timeout.into()));
        let session = runtime::run(
            async {
                sql::Session::connect(&props)
                    .await
                    .map_err(DriverError::from_connect)
            },
            None,
            timeout,
        )?;
        let user = props.auth.user.clone();
        self.connection = Some(Connection {
            session,
            dsn,
            user,
            server_name: props.url.host_str().unwrap_or_default().to_owned(),
        });
        Ok(())
    }

    pub fn disconnect(&mut self) -> DriverResult<()> {
        if self.connection.is_none() {
            return Err(DriverError::new("08003", "connection not open"));
        }
        let _runtime = runtime::enter();
        self.connection = None;
        Ok(())
    }
}

/// SQLDisconnect: frees every statement (closing its cursor) and every
/// explicitly allocated descriptor of the connection, then closes the
/// session. A statement waiting for data-at-execution values makes it HY010.
pub fn disconnect(dbc: &DbcHandle) -> DriverResult<()> {
    let owned = {
        let mut state = dbc.state.lock();
        if state.connection.is_none() {
            return Err(DriverError::new("08003", "connection not open"));
        }
        std::mem::take(&mut state.owned)
    };
    let waiting = owned.iter().any(|&(kind, address)| {
        kind == SQL_HANDLE_STMT
            && unsafe { Handle::<StmtState>::from_raw(address as *mut c_void) }
                .is_some_and(|stmt| stmt.state.lock().needs_data())
    });
    if waiting {
        dbc.state.lock().owned.extend(owned);
        return Err(DriverError::sequence(
            "a statement of the connection is waiting for data-at-execution values",
        ));
    }
    for (kind, address) in owned {
        let raw = address as *mut c_void;
        // SAFETY: each address is checked in the registry before it is freed.
        unsafe {
            if kind == SQL_HANDLE_STMT {
                if let Some(stmt) = Handle::<StmtState>::from_raw(raw) {
                    free_statement(stmt);
                }
            } else if let Some(desc) = Handle::<DescState>::from_raw(raw) {
                free_descriptor(desc);
            }
        }
    }
    dbc.state.lock().disconnect()
}

/// A connection attribute's value, as SQLGetConnectAttr writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AttrValue {
    U32(u32),
    Ptr(usize),
    Str(String),
}

/// The output connection string: everything needed to reconnect, with
/// secrets only where the application gave them itself (one read from the
/// DSN is found there again through `DSN=`).
fn completed_connection_string(props: &Properties, given: &ConnectionString) -> String {
    let full = props.to_connection_string();
    let Ok(parsed) = ConnectionString::parse(&full) else {
        return String::new();
    };
    let given_secret = |key: &str| {
        given
            .pairs()
            .any(|(k, _)| keys::is_secret(k) && keys::canonical(k) == keys::canonical(key))
    };
    let kept: Vec<(&str, &str)> = parsed
        .pairs()
        .filter(|(k, _)| !keys::is_secret(k) || given_secret(k))
        .collect();
    kintone_core::connection_string::render_pairs(kept)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rollback_after_saved_changes_in_manual_commit_mode_is_hyc00() {
        let mut dbc = DbcState::new(std::ptr::null());
        // Autocommit: every change is committed by its own statement.
        dbc.record_changes(3);
        assert!(dbc.end_transaction(SQL_ROLLBACK).is_ok());
        dbc.set_attr(SQL_ATTR_AUTOCOMMIT, std::ptr::null_mut(), None)
            .unwrap();
        assert!(dbc.end_transaction(SQL_ROLLBACK).is_ok(), "nothing changed");
        dbc.record_changes(2);
        assert_eq!(dbc.end_transaction(9).unwrap_err().sqlstate, "HY012");
        let err = dbc.end_transaction(SQL_ROLLBACK).unwrap_err();
        assert_eq!(err.sqlstate, "HYC00");
        assert!(err.message.contains("2 row(s)"), "{}", err.message);
        // The error was reported once; the next transaction starts clean.
        assert!(dbc.end_transaction(SQL_ROLLBACK).is_ok());
        dbc.record_changes(1);
        assert!(dbc.end_transaction(SQL_COMMIT).is_ok());
        assert!(dbc.end_transaction(SQL_ROLLBACK).is_ok());
    }

    #[test]
    fn autocommit_off_is_accepted_and_unknown_attributes_are_rejected() {
        let mut dbc = DbcState::new(std::ptr::null());
        dbc.set_attr(SQL_ATTR_AUTOCOMMIT, std::ptr::null_mut(), None)
            .unwrap();
        assert_eq!(
            dbc.get_attr(SQL_ATTR_AUTOCOMMIT).unwrap(),
            AttrValue::U32(SQL_AUTOCOMMIT_OFF as u32)
        );
        assert_eq!(
            dbc.set_attr(
                SQL_ATTR_AUTOCOMMIT,
                std::ptr::without_provenance_mut(7),
                None
            )
            .unwrap_err()
            .sqlstate,
            "HY024"
        );
        dbc.set_attr(
            SQL_ATTR_AUTOCOMMIT,
            std::ptr::without_provenance_mut(1),
            None,
        )
        .unwrap();
        dbc.set_attr(
            SQL_ATTR_LOGIN_TIMEOUT,
            std::ptr::without_provenance_mut(15),
            None,
        )
        .unwrap();
        assert_eq!(
            dbc.get_attr(SQL_ATTR_LOGIN_TIMEOUT).unwrap(),
            AttrValue::U32(15)
        );
        assert_eq!(
            dbc.get_attr(SQL_ATTR_CONNECTION_DEAD).unwrap(),
            AttrValue::U32(SQL_CD_TRUE)
        );
        assert_eq!(dbc.get_attr(4242).unwrap_err().sqlstate, "HY092");
        assert_eq!(dbc.session().err().unwrap().sqlstate, "08003");
    }

    #[test]
    fn output_string_keeps_only_the_secrets_the_application_gave() {
        let given = ConnectionString::parse("DSN=demo;User=u").unwrap();
        let props = Properties::from_connection_string(
            "DSN=demo;User=u",
            [("Url", "http://127.0.0.1:1"), ("Password", "s3cret")],
        )
        .unwrap();
        let out = completed_connection_string(&props, &given);
        assert!(out.contains("DSN=demo") && out.contains("User=u"), "{out}");
        assert!(!out.contains("s3cret"), "{out}");
        let given = ConnectionString::parse("Url=http://127.0.0.1:1;UID=u;PWD=s3cret").unwrap();
        let props = Properties::parse("Url=http://127.0.0.1:1;UID=u;PWD=s3cret").unwrap();
        let out = completed_connection_string(&props, &given);
        assert!(out.contains("s3cret"), "{out}");
    }
}
