//! Strings across the C ABI, written once for both forms of each function:
//! [`Narrow`] (the ANSI `SQLxxx` functions, UTF-8 bytes) and [`Wide`] (the
//! `SQLxxxW` functions, UTF-16 code units; SQLWCHAR is 16 bits on unixODBC
//! and Windows). Application memory is read and written unaligned.

use crate::error::{DriverError, DriverResult};
use crate::sys::SQL_NTS;

/// How a character buffer's length argument is counted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// In characters (code units): SQLDescribeColW, SQLGetDiagRecW, SQLDriverConnectW...
    Chars,
    /// In bytes: SQLGetInfoW, SQLColAttributeW, SQLGet*AttrW, SQLGetDescFieldW...
    Bytes,
}

/// One string encoding of the ODBC API.
pub trait Encoding: 'static {
    /// The code unit (SQLCHAR or SQLWCHAR).
    type Char: Copy + Default + PartialEq + 'static;
    /// Bytes per code unit.
    const UNIT_BYTES: usize;
    /// The C type of character data in this encoding (SQL_C_CHAR / SQL_C_WCHAR).
    const C_TYPE: i16;
    /// Text from code units (invalid sequences replaced).
    fn decode(units: &[Self::Char]) -> String;
    /// Code units of `text`.
    fn encode(text: &str) -> Vec<Self::Char>;
    /// How many code units of `units` fit in `capacity` without splitting a character.
    fn fitting_prefix(units: &[Self::Char], capacity: usize) -> usize;
}

/// UTF-8 bytes (SQLCHAR).
pub struct Narrow;
/// UTF-16 code units (SQLWCHAR).
pub struct Wide;

impl Encoding for Narrow {
    type Char = u8;
    const UNIT_BYTES: usize = 1;
    const C_TYPE: i16 = crate::sys::SQL_C_CHAR;

    fn decode(units: &[u8]) -> String {
        String::from_utf8_lossy(units).into_owned()
    }

    fn encode(text: &str) -> Vec<u8> {
        text.as_bytes().to_vec()
    }

    fn fitting_prefix(units: &[u8], capacity: usize) -> usize {
        let mut n = capacity.min(units.len());
        // Back off to a character boundary (never cut inside a UTF-8 sequence).
        while n > 0 && n < units.len() && (units[n] & 0xC0) == 0x80 {
            n -= 1;
        }
        n
    }
}

impl Encoding for Wide {
    type Char = u16;
    const UNIT_BYTES: usize = 2;
    const C_TYPE: i16 = crate::sys::SQL_C_WCHAR;

    fn decode(units: &[u16]) -> String {
        String::from_utf16_lossy(units)
    }

    fn encode(text: &str) -> Vec<u16> {
        text.encode_utf16().collect()
    }

    fn fitting_prefix(units: &[u16], capacity: usize) -> usize {
        let mut n = capacity.min(units.len());
        // Never end on the first half of a surrogate pair.
        if n > 0 && n < units.len() && (0xD800..0xDC00).contains(&units[n - 1]) {
            n -= 1;
        }
        n
    }
}

/// Reads an input string argument whose length is in code units (or SQL_NTS).
/// `None` for a null pointer.
///
/// # Safety
/// `ptr` must be null or point to `len` units (or a NUL-terminated string for SQL_NTS).
pub unsafe fn read_str<E: Encoding>(
    ptr: *const E::Char,
    len: isize,
) -> DriverResult<Option<String>> {
    if ptr.is_null() {
        return Ok(None);
    }
    let count = if len == SQL_NTS {
        let mut n = 0usize;
        while std::ptr::read_unaligned(ptr.add(n)) != E::Char::default() {
            n += 1;
        }
        n
    } else if len < 0 {
        return Err(DriverError::new("HY090", "invalid string or buffer length"));
    } else {
        len as usize
    };
    let mut units = Vec::with_capacity(count);
    for i in 0..count {
        units.push(std::ptr::read_unaligned(ptr.add(i)));
    }
    Ok(Some(E::decode(&units)))
}

/// Reads an input string whose length is in bytes (attribute values).
///
/// # Safety
/// As [`read_str`].
pub unsafe fn read_str_bytes<E: Encoding>(
    ptr: *const E::Char,
    len: isize,
) -> DriverResult<Option<String>> {
    if len >= 0 {
        if len as usize % E::UNIT_BYTES != 0 {
            return Err(DriverError::new("HY090", "invalid string or buffer length"));
        }
        read_str::<E>(ptr, len / E::UNIT_BYTES as isize)
    } else {
        read_str::<E>(ptr, len)
    }
}

/// What writing an output string did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Written {
    /// The full length of the string, in the buffer's unit, without the terminator.
    pub full_len: usize,
    /// The buffer was too small: the string was cut (a 01004 warning).
    pub truncated: bool,
}

/// Writes `text` NUL-terminated into an output buffer of `buf_len` (counted in
/// `unit`), cutting it at a character boundary when it does not fit.
///
/// # Safety
/// `buf` must be null or valid for `buf_len` units/bytes.
pub unsafe fn write_str<E: Encoding>(
    text: &str,
    buf: *mut E::Char,
    buf_len: isize,
    unit: Unit,
) -> DriverResult<Written> {
    if buf_len < 0 {
        return Err(DriverError::new("HY090", "invalid string or buffer length"));
    }
    if unit == Unit::Bytes && buf_len as usize % E::UNIT_BYTES != 0 && !buf.is_null() {
        return Err(DriverError::new(
            "HY090",
            "invalid buffer length: a byte length in a Unicode function must be even",
        ));
    }
    let units = E::encode(text);
    let per_unit = if unit == Unit::Bytes {
        E::UNIT_BYTES
    } else {
        1
    };
    let full_len = units.len() * per_unit;
    let capacity = match unit {
        Unit::Chars => buf_len as usize,
        Unit::Bytes => buf_len as usize / E::UNIT_BYTES,
    };
    if buf.is_null() || capacity == 0 {
        return Ok(Written {
            full_len,
            truncated: !buf.is_null() && !units.is_empty(),
        });
    }
    let n = E::fitting_prefix(&units, capacity - 1);
    for (i, u) in units[..n].iter().enumerate() {
        std::ptr::write_unaligned(buf.add(i), *u);
    }
    std::ptr::write_unaligned(buf.add(n), E::Char::default());
    Ok(Written {
        full_len,
        truncated: n < units.len(),
    })
}

/// Writes a value into an optional output pointer.
///
/// # Safety
/// `ptr` must be null or valid for a `T`.
pub unsafe fn put<T>(ptr: *mut T, value: T) {
    if !ptr.is_null() {
        std::ptr::write_unaligned(ptr, value);
    }
}

/// Converts a length to an SQLSMALLINT output, saturating.
pub fn len_i16(n: usize) -> i16 {
    i16::try_from(n).unwrap_or(i16::MAX)
}

/// Converts a length to an SQLINTEGER output, saturating.
pub fn len_i32(n: usize) -> i32 {
    i32::try_from(n).unwrap_or(i32::MAX)
}

/// The 01004 warning for a truncated string output.
pub fn truncation_warning() -> DriverError {
    DriverError::new("01004", "string data, right truncated")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_input_with_nts_and_explicit_length() {
        let text = b"SELECT 1\0junk";
        unsafe {
            assert_eq!(
                read_str::<Narrow>(text.as_ptr(), SQL_NTS)
                    .unwrap()
                    .as_deref(),
                Some("SELECT 1")
            );
            assert_eq!(
                read_str::<Narrow>(text.as_ptr(), 6).unwrap().as_deref(),
                Some("SELECT")
            );
            assert_eq!(read_str::<Narrow>(std::ptr::null(), 3).unwrap(), None);
            assert_eq!(
                read_str::<Narrow>(text.as_ptr(), -7).unwrap_err().sqlstate,
                "HY090"
            );
        }
    }

    #[test]
    fn wide_round_trip_including_non_bmp() {
        let text = "顧客 😀";
        let mut units: Vec<u16> = text.encode_utf16().collect();
        units.push(0);
        unsafe {
            assert_eq!(
                read_str::<Wide>(units.as_ptr(), SQL_NTS)
                    .unwrap()
                    .as_deref(),
                Some(text)
            );
            assert_eq!(
                read_str_bytes::<Wide>(units.as_ptr(), 3)
                    .unwrap_err()
                    .sqlstate,
                "HY090"
            );
        }
    }

    #[test]
    fn narrow_output_truncates_on_a_character_boundary() {
        let mut buf = [0xFFu8; 5];
        // "aé€" is 1 + 2 + 3 bytes; 4 usable bytes hold "aé" only.
        let w = unsafe { write_str::<Narrow>("aé€", buf.as_mut_ptr(), 5, Unit::Bytes) }.unwrap();
        assert_eq!(
            w,
            Written {
                full_len: 6,
                truncated: true
            }
        );
        assert_eq!(&buf[..4], b"a\xC3\xA9\0");
    }

    #[test]
    fn wide_output_lengths_in_chars_and_bytes() {
        let mut buf = [0xFFFFu16; 4];
        let w = unsafe { write_str::<Wide>("abcdef", buf.as_mut_ptr(), 4, Unit::Chars) }.unwrap();
        assert_eq!(
            w,
            Written {
                full_len: 6,
                truncated: true
            }
        );
        assert_eq!(buf, [97, 98, 99, 0]);
        let w = unsafe { write_str::<Wide>("ab", buf.as_mut_ptr(), 8, Unit::Bytes) }.unwrap();
        assert_eq!(
            w,
            Written {
                full_len: 4,
                truncated: false
            }
        );
        let odd = unsafe { write_str::<Wide>("ab", buf.as_mut_ptr(), 7, Unit::Bytes) };
        assert_eq!(odd.unwrap_err().sqlstate, "HY090");
        // Never split a surrogate pair.
        let w = unsafe { write_str::<Wide>("a😀", buf.as_mut_ptr(), 3, Unit::Chars) }.unwrap();
        assert!(w.truncated);
        assert_eq!(buf[..2], [97, 0]);
    }

    #[test]
    fn null_buffer_reports_the_length_only() {
        let w = unsafe { write_str::<Wide>("abc", std::ptr::null_mut(), 0, Unit::Bytes) }.unwrap();
        assert_eq!(w.full_len, 6);
    }
}
