//! Panics raised inside the driver stay inside it: a process-wide panic
//! hook (installed once, on the first call into the driver) keeps the
//! message of a panic raised while the thread is inside a driver entry
//! point (or is one of the driver's own threads) for the diagnostic record
//! and logs it through `tracing` instead of printing it to stderr. Panics
//! of the host application go to the hook it had before.

use std::cell::{Cell, RefCell};
use std::panic::PanicHookInfo;
use std::sync::Once;

thread_local! {
    /// How many driver entry points this thread is inside (nested calls count).
    static DEPTH: Cell<u32> = const { Cell::new(0) };
    /// The message of the last panic caught inside the driver on this thread.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The longest panic message kept for a diagnostic record.
const MAX_MESSAGE: usize = 300;

/// Installs the hook the first time it is called; later calls do nothing.
pub fn install_hook() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if inside_driver() {
                record(info);
            } else {
                previous(info);
            }
        }));
    });
}

fn inside_driver() -> bool {
    // `try_with`: a panic during thread teardown has no thread-locals left.
    DEPTH.try_with(|d| d.get() > 0).unwrap_or(false)
}

fn record(info: &PanicHookInfo<'_>) {
    let payload = info.payload();
    let mut message = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".to_owned());
    if let Some(at) = info.location() {
        message = format!("{message} (at {}:{})", at.file(), at.line());
    }
    if message.len() > MAX_MESSAGE {
        let mut cut = MAX_MESSAGE;
        while !message.is_char_boundary(cut) {
            cut -= 1;
        }
        message.truncate(cut);
    }
    // The log scrubs every secret of the connection before writing a line.
    tracing::error!(target: "kintone_odbc", "internal error caught at the ODBC boundary: {message}");
    let _ = LAST_PANIC.try_with(|last| *last.borrow_mut() = Some(message));
}

/// The message of the last panic caught on this thread, taken.
pub fn take_last_panic() -> Option<String> {
    LAST_PANIC
        .try_with(|last| last.borrow_mut().take())
        .ok()
        .flatten()
}

/// Marks the current thread as inside a driver entry point while alive.
pub struct EntryGuard(());

impl EntryGuard {
    pub fn enter() -> EntryGuard {
        install_hook();
        DEPTH.with(|d| d.set(d.get() + 1));
        EntryGuard(())
    }
}

impl Drop for EntryGuard {
    fn drop(&mut self) {
        let _ = DEPTH.try_with(|d| d.set(d.get().saturating_sub(1)));
    }
}

/// Marks one of the driver's own threads (the runtime's workers) as inside
/// the driver for its whole life.
pub fn mark_driver_thread() {
    install_hook();
    DEPTH.with(|d| d.set(d.get() + 1));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::handles::{with_handle, Done, Handle, HandleState};
    use crate::sys::*;
    use std::process::Command;

    struct Probe;
    impl HandleState for Probe {
        const TYPE: i16 = 79;
    }

    const CHILD: &str = "KINTONE_ODBC_PANIC_CHILD";

    /// Run in a child process (by the test below): a panic inside an entry
    /// point, then one of the "host" outside it.
    #[test]
    fn panic_child_process() {
        if std::env::var_os(CHILD).is_none() {
            return;
        }
        let h = Handle::allocate(Probe);
        let rc = with_handle::<Probe>(h.cast(), |_, _| -> crate::error::DriverResult<Done> {
            panic!("driver-side boom {}", 42)
        });
        assert_eq!(rc, SQL_ERROR);
        let handle = unsafe { Handle::<Probe>::from_raw(h.cast()) }.unwrap();
        let message = handle.diag.lock().records[0].message.clone();
        eprintln!("diagnostic: {message}");
        unsafe { Handle::free(h) };
        let _ = std::panic::catch_unwind(|| panic!("host-side panic"));
    }

    #[test]
    fn a_caught_panic_prints_nothing_and_host_panics_reach_the_previous_hook() {
        let exe = std::env::current_exe().unwrap();
        let out = Command::new(exe)
            .args([
                "--exact",
                "panic_guard::tests::panic_child_process",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(CHILD, "1")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "child failed:\n{stderr}");
        // Only the host's panic is printed by a hook; the driver's shows in
        // the diagnostic alone.
        assert_eq!(stderr.matches("panicked at").count(), 1, "{stderr}");
        assert_eq!(stderr.matches("driver-side boom 42").count(), 1, "{stderr}");
        assert!(
            stderr.contains(
                "diagnostic: [kintone-odbc] internal error: driver-side boom 42 (at driver/src/panic_guard.rs:"
            ),
            "{stderr}"
        );
        // The host's own panic still goes through the default hook.
        assert!(stderr.contains("host-side panic"), "{stderr}");
    }

    #[test]
    fn nested_entries_count_and_the_message_is_taken_once() {
        {
            let _outer = EntryGuard::enter();
            {
                let _inner = EntryGuard::enter();
                assert!(inside_driver());
            }
            assert!(inside_driver());
            let caught = std::panic::catch_unwind(|| panic!("inner {}", "x"));
            assert!(caught.is_err());
        }
        assert!(!inside_driver());
        assert!(take_last_panic().unwrap().starts_with("inner x (at "));
        assert_eq!(take_last_panic(), None);
    }
}
