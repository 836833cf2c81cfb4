//! Tests of the conversions with real Arrow arrays and local buffers,
//! aligned and deliberately misaligned, with canaries after every buffer.

use std::sync::Arc;

use arrow_array::ArrayRef;
use sql::SqlType;

use super::{write_cell, AppBuffer, CellStatus, PieceState};
use crate::error::DriverError;

mod fuzz;
mod params_tests;
mod pieces_tests;
mod text_binary_tests;
mod to_c_tests;

const CANARY: u8 = 0xA5;

/// An application buffer for one cell: data and indicator at chosen
/// misalignments, followed by canary bytes that must never change.
pub struct Buf {
    bytes: Vec<u8>,
    off: usize,
    len: usize,
    ind: Vec<u8>,
    pub c_type: i16,
    pub precision: i16,
    pub scale: i16,
    pub null_ptr: bool,
    pub null_ind: bool,
    pub piece: PieceState,
}

impl Buf {
    pub fn new(c_type: i16, len: usize) -> Buf {
        Buf::at(c_type, len, 0)
    }

    /// The data starts `off` bytes into an allocation (e.g. 1 or 3: misaligned).
    pub fn at(c_type: i16, len: usize, off: usize) -> Buf {
        Buf {
            bytes: vec![CANARY; off + len + 32],
            off,
            len,
            ind: vec![CANARY; 24],
            c_type,
            precision: 0,
            scale: 0,
            null_ptr: false,
            null_ind: false,
            piece: PieceState::default(),
        }
    }

    pub fn target(&mut self) -> AppBuffer {
        let ptr = if self.null_ptr {
            std::ptr::null_mut()
        } else {
            unsafe { self.bytes.as_mut_ptr().add(self.off) as *mut _ }
        };
        let ind = if self.null_ind {
            std::ptr::null_mut()
        } else {
            unsafe { self.ind.as_mut_ptr().add(self.off % 8 + 1) as *mut isize }
        };
        AppBuffer {
            c_type: self.c_type,
            ptr,
            buffer_length: self.len as isize,
            str_len_or_ind: ind,
            octet_length: ind,
            precision: self.precision,
            scale: self.scale,
        }
    }

    /// SQLGetData-style call on `array[row]`.
    pub fn get(
        &mut self,
        array: &ArrayRef,
        row: usize,
        sql_type: SqlType,
    ) -> Result<CellStatus, DriverError> {
        let target = self.target();
        let mut piece = std::mem::take(&mut self.piece);
        let r = write_cell(array.as_ref(), row, sql_type, &target, &mut piece);
        self.piece = piece;
        self.check_canaries();
        r
    }

    /// Fixed-size C types ignore buffer_length (the spec): they may use their size.
    fn extent(&self) -> usize {
        let fixed = match self.c_type {
            super::c_types::SQL_C_DEFAULT => 16,
            c => super::c_types::fixed_c_type_size(c).unwrap_or(0),
        };
        self.len.max(fixed)
    }

    pub fn check_canaries(&self) {
        let end = self.off + self.extent();
        assert!(
            self.bytes[..self.off].iter().all(|&b| b == CANARY),
            "wrote before the buffer"
        );
        assert!(
            self.bytes[end..].iter().all(|&b| b == CANARY),
            "wrote past buffer_length {} (C type {})",
            self.len,
            self.c_type
        );
    }

    pub fn data(&self) -> &[u8] {
        &self.bytes[self.off..self.off + self.len]
    }

    pub fn ind(&self) -> isize {
        let p = unsafe { self.ind.as_ptr().add(self.off % 8 + 1) } as *const isize;
        unsafe { std::ptr::read_unaligned(p) }
    }

    /// The NUL-terminated text in the buffer.
    pub fn text(&self) -> String {
        let d = self.data();
        let end = d.iter().position(|&b| b == 0).unwrap_or(d.len());
        String::from_utf8(d[..end].to_vec()).unwrap()
    }

    /// The NUL-terminated UTF-16 text in the buffer.
    pub fn wtext(&self) -> String {
        let units: Vec<u16> = self
            .data()
            .chunks_exact(2)
            .map(|c| u16::from_ne_bytes([c[0], c[1]]))
            .take_while(|&u| u != 0)
            .collect();
        String::from_utf16(&units).unwrap()
    }

    pub fn read<T: Copy>(&self) -> T {
        assert!(std::mem::size_of::<T>() <= self.len);
        unsafe { std::ptr::read_unaligned(self.data().as_ptr() as *const T) }
    }
}

pub fn arr<A: arrow_array::Array + 'static>(a: A) -> ArrayRef {
    Arc::new(a)
}

/// One call with a fresh buffer: status (or SQLSTATE) and the buffer.
pub fn one(
    array: &ArrayRef,
    sql_type: SqlType,
    c_type: i16,
    len: usize,
) -> (Result<CellStatus, &'static str>, Buf) {
    let mut b = Buf::at(c_type, len, 3);
    let r = b.get(array, 0, sql_type).map_err(|e| e.sqlstate);
    (r, b)
}

/// The SQLSTATE of a conversion expected to fail.
pub fn state(array: &ArrayRef, sql_type: SqlType, c_type: i16, len: usize) -> &'static str {
    match one(array, sql_type, c_type, len).0 {
        Err(s) => s,
        Ok(s) => panic!("expected an error, got {s:?}"),
    }
}
