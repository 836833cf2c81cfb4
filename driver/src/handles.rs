//! Handles across the C ABI and the one boundary every export goes through.
//!
//! A handle is a boxed [`Handle`] whose address the application holds. Live
//! handles are kept in a process-wide registry, so a null, freed or
//! foreign pointer, or a handle of the wrong type, is answered with
//! SQL_INVALID_HANDLE without ever being dereferenced. Each handle has its
//! own locks (a handle may move between threads; it is used by one at a
//! time), its diagnostics, and a cancel flag that SQLCancel sets without
//! taking the state lock.

use std::collections::HashMap;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::OnceLock;

use parking_lot::Mutex;

use crate::diag::DiagArea;
use crate::error::{DriverError, DriverResult};
use crate::panic_guard::{take_last_panic, EntryGuard};
use crate::runtime::CancelFlag;
use crate::sys::*;

/// The type of a handle's state, with its tag.
pub trait HandleState: Send + 'static {
    const TYPE: i16;
}

/// One ODBC handle.
pub struct Handle<S: HandleState> {
    pub diag: Mutex<DiagArea>,
    pub cancel: CancelFlag,
    pub state: Mutex<S>,
}

fn registry() -> &'static Mutex<HashMap<usize, i16>> {
    static LIVE: OnceLock<Mutex<HashMap<usize, i16>>> = OnceLock::new();
    LIVE.get_or_init(|| Mutex::new(HashMap::new()))
}

impl<S: HandleState> Handle<S> {
    /// Boxes a new handle, registers it and gives its address.
    pub fn allocate(state: S) -> *mut Handle<S> {
        let ptr = Box::into_raw(Box::new(Handle {
            diag: Mutex::new(DiagArea::default()),
            cancel: CancelFlag::default(),
            state: Mutex::new(state),
        }));
        registry().lock().insert(ptr as usize, S::TYPE);
        ptr
    }

    /// The live handle of this type at `raw`, if there is one.
    ///
    /// # Safety
    /// The returned reference is valid until the handle is freed; the driver
    /// manager guarantees no call uses a handle while it is being freed.
    pub unsafe fn from_raw<'a>(raw: SqlHandle) -> Option<&'a Handle<S>> {
        if raw.is_null() {
            return None;
        }
        let live = registry().lock().get(&(raw as usize)).copied();
        (live == Some(S::TYPE)).then(|| &*(raw as *const Handle<S>))
    }

    /// Unregisters and drops the handle.
    ///
    /// # Safety
    /// `raw` must be a live handle of this type, not used afterwards.
    pub unsafe fn free(raw: *const Handle<S>) {
        if registry().lock().remove(&(raw as usize)).is_some() {
            drop(Box::from_raw(raw as *mut Handle<S>));
        }
    }

    pub fn as_raw(&self) -> SqlHandle {
        self as *const Handle<S> as SqlHandle
    }
}

/// Whether `raw` is a live handle of any type (for SQLGetDiagRec's type check).
pub fn handle_type(raw: SqlHandle) -> Option<i16> {
    registry().lock().get(&(raw as usize)).copied()
}

/// The success shapes of a call (errors are `Err`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Done {
    Ok,
    NoData,
    NeedData,
}

/// Warnings a call collects; they turn SQL_SUCCESS into SQL_SUCCESS_WITH_INFO.
#[derive(Default, Debug)]
pub struct Warnings {
    items: Vec<(DriverError, isize, isize)>,
    /// Errors recorded alongside a success (e.g. failed rows of a rowset),
    /// which make the call SQL_SUCCESS_WITH_INFO as well.
    pub row_errors: usize,
}

impl Warnings {
    pub fn push(&mut self, warning: DriverError) {
        self.items
            .push((warning, SQL_NO_ROW_NUMBER, SQL_NO_COLUMN_NUMBER));
    }

    pub fn push_at(&mut self, warning: DriverError, row: isize, column: isize) {
        self.items.push((warning, row, column));
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// The panic boundary: no unwinding crosses the C ABI, and a panic inside
/// it is kept for the diagnostics instead of printed (see [`panic_guard`]).
pub fn entry(f: impl FnOnce() -> SqlReturn) -> SqlReturn {
    let _inside = EntryGuard::enter();
    let rc = catch_unwind(AssertUnwindSafe(f)).unwrap_or(SQL_ERROR);
    // A panic with no handle to record it on leaves nothing behind.
    take_last_panic();
    rc
}

/// The HY000 record of a panic caught inside a call.
fn internal_error() -> DriverError {
    let detail = take_last_panic().unwrap_or_else(|| "a panic".to_owned());
    DriverError::new("HY000", format!("internal error: {detail}"))
}

// `raw` is only dereferenced once the registry says it is a live handle of type `S`.
#[allow(clippy::not_unsafe_ptr_arg_deref)]
/// Validates `raw` as a handle of type `S`, clears its diagnostics, runs
/// `f`, and records the outcome in the handle's diagnostics.
pub fn with_handle<S: HandleState>(
    raw: SqlHandle,
    f: impl FnOnce(&Handle<S>, &mut Warnings) -> DriverResult<Done>,
) -> SqlReturn {
    entry(|| {
        let Some(handle) = (unsafe { Handle::<S>::from_raw(raw) }) else {
            return SQL_INVALID_HANDLE;
        };
        handle.diag.lock().clear();
        let mut warnings = Warnings::default();
        let outcome = catch_unwind(AssertUnwindSafe(|| f(handle, &mut warnings)))
            .unwrap_or_else(|_| Err(internal_error()));
        finish(handle, outcome, warnings)
    })
}

/// Records an outcome in a handle's diagnostics and gives the return code.
pub fn finish<S: HandleState>(
    handle: &Handle<S>,
    outcome: DriverResult<Done>,
    warnings: Warnings,
) -> SqlReturn {
    let mut diag = handle.diag.lock();
    let rc = match &outcome {
        Ok(Done::Ok) if warnings.is_empty() && warnings.row_errors == 0 => SQL_SUCCESS,
        Ok(Done::Ok) => SQL_SUCCESS_WITH_INFO,
        Ok(Done::NoData) => SQL_NO_DATA,
        Ok(Done::NeedData) => SQL_NEED_DATA,
        Err(_) => SQL_ERROR,
    };
    if let Err(err) = &outcome {
        diag.push(err);
    }
    for (w, row, col) in &warnings.items {
        diag.push_at(w, *row, *col);
    }
    diag.return_code = rc;
    rc
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Dummy;
    impl HandleState for Dummy {
        const TYPE: i16 = 77;
    }
    struct Other;
    impl HandleState for Other {
        const TYPE: i16 = 78;
    }

    #[test]
    fn wrong_freed_and_null_handles_are_invalid() {
        let h = Handle::allocate(Dummy);
        unsafe {
            assert!(Handle::<Dummy>::from_raw(h.cast()).is_some());
            assert!(Handle::<Other>::from_raw(h.cast()).is_none());
            assert!(Handle::<Dummy>::from_raw(std::ptr::null_mut()).is_none());
            Handle::free(h);
            assert!(Handle::<Dummy>::from_raw(h.cast()).is_none());
        }
        assert_eq!(
            with_handle::<Dummy>(h.cast(), |_, _| Ok(Done::Ok)),
            SQL_INVALID_HANDLE
        );
    }

    #[test]
    fn outcomes_become_return_codes_and_panics_are_caught() {
        let h = Handle::allocate(Dummy);
        let raw = h.cast();
        assert_eq!(with_handle::<Dummy>(raw, |_, _| Ok(Done::Ok)), SQL_SUCCESS);
        assert_eq!(
            with_handle::<Dummy>(raw, |_, w| {
                w.push(DriverError::new("01004", "cut"));
                Ok(Done::Ok)
            }),
            SQL_SUCCESS_WITH_INFO
        );
        assert_eq!(
            with_handle::<Dummy>(raw, |_, _| Ok(Done::NoData)),
            SQL_NO_DATA
        );
        assert_eq!(with_handle::<Dummy>(raw, |_, _| panic!("boom")), SQL_ERROR);
        let handle = unsafe { Handle::<Dummy>::from_raw(raw) }.unwrap();
        assert_eq!(handle.diag.lock().records[0].sqlstate, "HY000");
        unsafe { Handle::free(h) };
    }
}
