//! Writing variable-length data (SQL_C_CHAR, SQL_C_WCHAR, SQL_C_BINARY)
//! in pieces: each call continues where the previous one stopped, a
//! truncated piece reports the remaining length (01004), text is never cut
//! inside a UTF-8 sequence or a UTF-16 surrogate pair.

use super::memory::{put, put_bytes};
use super::{AppBuffer, CellStatus, PieceState};
use crate::error::DriverError;

/// How the bytes are laid out in the application's buffer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layout {
    /// UTF-8 text with a 1-byte NUL terminator.
    Char,
    /// Native-endian UTF-16 with a 2-byte NUL terminator.
    WChar,
    /// Raw bytes, no terminator.
    Binary,
}

impl Layout {
    fn terminator(self) -> usize {
        match self {
            Layout::Char => 1,
            Layout::WChar => 2,
            Layout::Binary => 0,
        }
    }

    /// Bytes of data that fit in `buffer_length` (after the terminator).
    fn capacity(self, buffer_length: isize) -> Option<usize> {
        let len = usize::try_from(buffer_length).ok()?;
        let len = if self == Layout::WChar { len & !1 } else { len };
        len.checked_sub(self.terminator()).filter(|_| len > 0)
    }

    /// Largest `n <= max` that does not cut a character of `rest`.
    fn boundary(self, rest: &[u8], max: usize) -> usize {
        let mut n = max.min(rest.len());
        match self {
            Layout::Char => {
                while n > 0 && n < rest.len() && (rest[n] & 0xC0) == 0x80 {
                    n -= 1;
                }
            }
            Layout::WChar => {
                n &= !1;
                if n >= 2 && n < rest.len() {
                    let last = u16::from_ne_bytes([rest[n - 2], rest[n - 1]]);
                    if (0xD800..0xDC00).contains(&last) {
                        n -= 2;
                    }
                }
            }
            Layout::Binary => {}
        }
        n
    }
}

/// Writes the length of a non-NULL value: to the length buffer, and 0 to
/// a separate indicator buffer (SQLBindCol/descriptor semantics); to the
/// indicator when there is no separate length buffer (SQLGetData).
pub fn write_length(target: &AppBuffer, length: isize) {
    // SAFETY: the application guarantees its indicator/length buffers.
    unsafe {
        if target.octet_length.is_null() || target.octet_length == target.str_len_or_ind {
            put(target.str_len_or_ind, length);
        } else {
            put(target.str_len_or_ind, 0);
            put(target.octet_length, length);
        }
    }
}

fn isize_len(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

/// Writes the next piece of `data`.
///
/// `min_first` is how many bytes of data the first piece must hold
/// (the whole digits of a number, the date and time without fraction):
/// with less room, 22003 as the specification says for those types.
pub fn write_pieces(
    data: &[u8],
    layout: Layout,
    min_first: usize,
    target: &AppBuffer,
    piece: &mut PieceState,
) -> Result<CellStatus, DriverError> {
    let rest = data.get(piece.offset..).unwrap_or(&[]);
    let capacity = if target.ptr.is_null() {
        None
    } else {
        layout.capacity(target.buffer_length)
    };
    let Some(capacity) = capacity else {
        // No room at all: only the length (01004 when there is data).
        write_length(target, isize_len(rest.len()));
        return Ok(if rest.is_empty() {
            CellStatus::Ok
        } else {
            CellStatus::Truncated
        });
    };
    if piece.offset == 0 && rest.len() > capacity && min_first > capacity {
        return Err(DriverError::new(
            "22003",
            format!(
                "numeric value out of range: the buffer ({} bytes) cannot hold the value's {min_first} significant bytes",
                target.buffer_length
            ),
        ));
    }
    let n = layout.boundary(rest, capacity);
    let (head, _) = rest.split_at(n);
    // SAFETY: `ptr` is valid for `buffer_length` bytes, and
    // n + terminator <= buffer_length by `capacity`.
    unsafe {
        put_bytes(target.ptr, head);
        let end = (target.ptr as *mut u8).add(n);
        put_bytes(end as *mut _, &[0u8; 2][..layout.terminator()]);
    }
    write_length(target, isize_len(rest.len()));
    piece.offset += n;
    if n < rest.len() {
        Ok(CellStatus::Truncated)
    } else {
        piece.done = true;
        Ok(CellStatus::Ok)
    }
}

/// Writes a fixed-size value (`write` stores it at the pointer) and its
/// size as the length; the next call for the same cell gets NoMoreData.
pub fn write_fixed(
    size: usize,
    status: CellStatus,
    target: &AppBuffer,
    piece: &mut PieceState,
    write: impl FnOnce(*mut std::ffi::c_void),
) -> CellStatus {
    if !target.ptr.is_null() {
        write(target.ptr);
        piece.done = true;
    }
    write_length(target, isize_len(size));
    status
}
