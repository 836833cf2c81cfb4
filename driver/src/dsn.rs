//! A DSN's keys, read through the driver manager's installer library
//! (`libodbcinst` on unixODBC, `odbccp32` on Windows), which knows where
//! the user and system data sources live.

use std::ffi::{c_char, c_int, CString};

#[cfg_attr(unix, link(name = "odbcinst"))]
#[cfg_attr(windows, link(name = "odbccp32"))]
extern "system" {
    fn SQLGetPrivateProfileString(
        section: *const c_char,
        entry: *const c_char,
        default: *const c_char,
        ret_buffer: *mut c_char,
        buffer_size: c_int,
        filename: *const c_char,
    ) -> c_int;
}

const ODBC_INI: &str = "odbc.ini";

fn profile_string(section: &CString, entry: Option<&CString>) -> Vec<u8> {
    let file = CString::new(ODBC_INI).expect("no NUL");
    let empty = CString::new("").expect("no NUL");
    let mut size = 4096usize;
    loop {
        let mut buf = vec![0u8; size];
        let n = unsafe {
            SQLGetPrivateProfileString(
                section.as_ptr(),
                entry.map_or(std::ptr::null(), |e| e.as_ptr()),
                empty.as_ptr(),
                buf.as_mut_ptr().cast(),
                size as c_int,
                file.as_ptr(),
            )
        };
        let n = usize::try_from(n).unwrap_or(0);
        // A full buffer may mean the value was cut: try again with more room.
        if n + 2 < size || size >= 1 << 20 {
            buf.truncate(n.min(size));
            return buf;
        }
        size *= 4;
    }
}

/// The `(key, value)` pairs of data source `name` (empty if there is no such DSN).
/// `Driver` is left out: it names this library, it is not a property.
pub fn read_dsn(name: &str) -> Vec<(String, String)> {
    let Ok(section) = CString::new(name) else {
        return Vec::new();
    };
    let listing = profile_string(&section, None);
    listing
        .split(|b| *b == 0)
        .filter(|k| !k.is_empty())
        .filter_map(|key| {
            let key_text = String::from_utf8_lossy(key).trim().to_owned();
            if key_text.eq_ignore_ascii_case("Driver") {
                return None;
            }
            let entry = CString::new(key).ok()?;
            let value = profile_string(&section, Some(&entry));
            Some((key_text, String::from_utf8_lossy(&value).trim().to_owned()))
        })
        .collect()
}
