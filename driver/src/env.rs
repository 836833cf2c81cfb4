//! The environment handle: the ODBC version the application asked for and
//! the pooling attributes (accepted and reported; the driver manager pools).

use crate::error::{DriverError, DriverResult};
use crate::handles::{Handle, HandleState};
use crate::sys::*;

/// An environment's attributes.
#[derive(Debug)]
pub struct EnvState {
    pub odbc_version: i32,
    pub connection_pooling: u32,
    pub cp_match: u32,
}

impl HandleState for EnvState {
    const TYPE: i16 = SQL_HANDLE_ENV;
}

pub type EnvHandle = Handle<EnvState>;

impl Default for EnvState {
    fn default() -> Self {
        EnvState {
            odbc_version: SQL_OV_ODBC3,
            connection_pooling: 0,
            cp_match: 0,
        }
    }
}

impl EnvState {
    /// SQLSetEnvAttr with an integer value.
    pub fn set_attr(&mut self, attr: i32, value: usize) -> DriverResult<()> {
        match attr {
            SQL_ATTR_ODBC_VERSION => match value as i32 {
                SQL_OV_ODBC2 | SQL_OV_ODBC3 | SQL_OV_ODBC3_80 => self.odbc_version = value as i32,
                _ => {
                    return Err(DriverError::new(
                        "HY024",
                        "invalid attribute value for SQL_ATTR_ODBC_VERSION",
                    ))
                }
            },
            SQL_ATTR_CONNECTION_POOLING => self.connection_pooling = value as u32,
            SQL_ATTR_CP_MATCH => self.cp_match = value as u32,
            SQL_ATTR_OUTPUT_NTS => {
                if value as i32 != 1 {
                    return Err(DriverError::not_supported(
                        "SQL_ATTR_OUTPUT_NTS = SQL_FALSE",
                    ));
                }
            }
            _ => {
                return Err(DriverError::new(
                    "HY092",
                    "invalid attribute/option identifier",
                ))
            }
        }
        Ok(())
    }

    /// SQLGetEnvAttr: every environment attribute is a 32-bit integer.
    pub fn get_attr(&self, attr: i32) -> DriverResult<u32> {
        Ok(match attr {
            SQL_ATTR_ODBC_VERSION => self.odbc_version as u32,
            SQL_ATTR_CONNECTION_POOLING => self.connection_pooling,
            SQL_ATTR_CP_MATCH => self.cp_match,
            SQL_ATTR_OUTPUT_NTS => 1,
            _ => {
                return Err(DriverError::new(
                    "HY092",
                    "invalid attribute/option identifier",
                ))
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_and_unknown_attributes() {
        let mut env = EnvState::default();
        env.set_attr(SQL_ATTR_ODBC_VERSION, 380).unwrap();
        assert_eq!(env.get_attr(SQL_ATTR_ODBC_VERSION).unwrap(), 380);
        assert_eq!(
            env.set_attr(SQL_ATTR_ODBC_VERSION, 4).unwrap_err().sqlstate,
            "HY024"
        );
        env.set_attr(SQL_ATTR_CONNECTION_POOLING, 2).unwrap();
        assert_eq!(env.get_attr(SQL_ATTR_CONNECTION_POOLING).unwrap(), 2);
        assert_eq!(env.get_attr(12345).unwrap_err().sqlstate, "HY092");
    }
}
