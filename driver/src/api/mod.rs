//! The exported C ABI: thin `extern "system"` functions that validate the
//! handle, cross the panic boundary ([`crate::handles::with_handle`]) and
//! call the safe code, once per encoding for the string functions.

mod catalog_api;
mod connect_api;
mod desc_api;
mod diag_api;
mod handle_api;
mod info_api;
mod result_api;
mod stmt_api;

use crate::encoding::{truncation_warning, write_str, Encoding, Unit};
use crate::error::DriverResult;
use crate::handles::Warnings;

/// Writes an output string, adding the 01004 warning when it was cut;
/// gives the full length in `unit`.
///
/// # Safety
/// `buf` must be null or valid for `buf_len` (counted in `unit`).
pub(crate) unsafe fn out_str<E: Encoding>(
    text: &str,
    buf: *mut E::Char,
    buf_len: isize,
    unit: Unit,
    w: &mut Warnings,
) -> DriverResult<usize> {
    let written = write_str::<E>(text, buf, buf_len, unit)?;
    if written.truncated {
        w.push(truncation_warning());
    }
    Ok(written.full_len)
}
