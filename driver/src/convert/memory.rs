//! The C structs ODBC exchanges and the only raw accesses to application
//! memory. Application buffers may sit at any address (row-wise binding,
//! bind offsets), so every access is unaligned; null pointers are skipped.

use std::ffi::c_void;

/// SQL_NUMERIC_STRUCT.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct NumericStruct {
    pub precision: u8,
    pub scale: i8,
    /// 1 positive (and zero), 0 negative.
    pub sign: u8,
    /// The unscaled magnitude, little-endian.
    pub val: [u8; 16],
}

/// SQL_DATE_STRUCT.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct DateStruct {
    pub year: i16,
    pub month: u16,
    pub day: u16,
}

/// SQL_TIME_STRUCT.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct TimeStruct {
    pub hour: u16,
    pub minute: u16,
    pub second: u16,
}

/// SQL_TIMESTAMP_STRUCT; `fraction` is in nanoseconds.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct TimestampStruct {
    pub year: i16,
    pub month: u16,
    pub day: u16,
    pub hour: u16,
    pub minute: u16,
    pub second: u16,
    pub fraction: u32,
}

/// SQLGUID.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Guid {
    pub data1: u32,
    pub data2: u16,
    pub data3: u16,
    pub data4: [u8; 8],
}

/// Writes `value` at `ptr` (any alignment); nothing when `ptr` is null.
///
/// # Safety
/// A non-null `ptr` must be valid for `size_of::<T>()` bytes.
pub unsafe fn put<T: Copy>(ptr: *mut T, value: T) {
    if !ptr.is_null() {
        std::ptr::write_unaligned(ptr, value);
    }
}

/// Writes `value` into the application buffer `ptr`.
///
/// # Safety
/// A non-null `ptr` must be valid for `size_of::<T>()` bytes.
pub unsafe fn put_value<T: Copy>(ptr: *mut c_void, value: T) {
    put(ptr as *mut T, value);
}

/// Copies `bytes` to `ptr` (nothing when null).
///
/// # Safety
/// A non-null `ptr` must be valid for `bytes.len()` bytes and not overlap them.
pub unsafe fn put_bytes(ptr: *mut c_void, bytes: &[u8]) {
    if !ptr.is_null() && !bytes.is_empty() {
        std::ptr::copy_nonoverlapping(bytes.as_ptr(), ptr as *mut u8, bytes.len());
    }
}

/// Reads a `T` at `ptr` (any alignment).
///
/// # Safety
/// `ptr` must be non-null and valid for `size_of::<T>()` bytes.
pub unsafe fn get<T: Copy>(ptr: *const u8) -> T {
    std::ptr::read_unaligned(ptr as *const T)
}

/// `base + offset`, or `None` when `base` is null or the address overflows.
pub fn offset_ptr(base: *const c_void, offset: usize) -> Option<*const u8> {
    if base.is_null() {
        return None;
    }
    (base as usize).checked_add(offset).map(|a| a as *const u8)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn struct_layouts_match_the_odbc_headers() {
        assert_eq!(std::mem::size_of::<NumericStruct>(), 19);
        assert_eq!(std::mem::size_of::<DateStruct>(), 6);
        assert_eq!(std::mem::size_of::<TimeStruct>(), 6);
        assert_eq!(std::mem::size_of::<TimestampStruct>(), 16);
        assert_eq!(std::mem::offset_of!(TimestampStruct, fraction), 12);
        assert_eq!(std::mem::size_of::<Guid>(), 16);
    }

    #[test]
    fn unaligned_round_trip_and_null_is_skipped() {
        let mut buf = [0u8; 32];
        let p = unsafe { buf.as_mut_ptr().add(3) } as *mut c_void;
        let ts = TimestampStruct {
            year: 2024,
            month: 2,
            day: 29,
            hour: 23,
            minute: 59,
            second: 58,
            fraction: 123_456_000,
        };
        unsafe { put_value(p, ts) };
        assert_eq!(unsafe { get::<TimestampStruct>(p as *const u8) }, ts);
        unsafe { put_value(std::ptr::null_mut(), 5i64) };
        assert_eq!(offset_ptr(std::ptr::null(), 4), None);
        assert_eq!(offset_ptr(usize::MAX as *const c_void, 4), None);
    }
}
