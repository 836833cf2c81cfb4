//! The driver's tokio runtime (one per process, created on first use, two
//! worker threads) and the way ODBC calls wait on async work: cancellable
//! by SQLCancel from another thread, bounded by the query timeout.

use std::future::Future;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::Duration;

use tokio::runtime::Runtime;
use tokio::sync::Notify;

use crate::error::{DriverError, DriverResult};

fn runtime() -> &'static Runtime {
    static RUNTIME: OnceLock<Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        // The worker threads outlive every handle: the library must stay loaded.
        #[cfg(windows)]
        pin_module::pin_this_module();
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("kintone-odbc")
            .on_thread_start(crate::panic_guard::mark_driver_thread)
            .enable_all()
            .build()
            .expect("the driver's tokio runtime cannot start")
    })
}

/// Windows: keeps this DLL loaded for the rest of the process (ELF
/// platforms get the same from the `-z nodelete` link flag, see build.rs).
#[cfg(windows)]
mod pin_module {
    use std::ffi::c_void;

    const GET_MODULE_HANDLE_EX_FLAG_PIN: u32 = 0x0000_0001;
    const GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS: u32 = 0x0000_0004;

    #[link(name = "kernel32")]
    extern "system" {
        fn GetModuleHandleExW(flags: u32, module_name: *const u16, module: *mut *mut c_void)
            -> i32;
    }

    static ANCHOR: u8 = 0;

    pub fn pin_this_module() {
        let mut module = std::ptr::null_mut();
        // SAFETY: FROM_ADDRESS takes any address inside the module (here a
        // static of ours) in place of a name; the handle is written to a
        // local and never freed, which is what pinning means.
        unsafe {
            GetModuleHandleExW(
                GET_MODULE_HANDLE_EX_FLAG_PIN | GET_MODULE_HANDLE_EX_FLAG_FROM_ADDRESS,
                (&ANCHOR as *const u8).cast::<u16>(),
                &mut module,
            );
        }
    }
}

/// Enters the driver's runtime, for dropping things that may spawn
/// clean-up work (a result stream deleting its Kintone cursor).
pub fn enter() -> tokio::runtime::EnterGuard<'static> {
    runtime().enter()
}

/// A statement's cancel signal: SQLCancel sets it from any thread; the
/// call waiting on the statement's work notices and returns HY008.
#[derive(Debug, Default)]
pub struct CancelFlag {
    cancelled: AtomicBool,
    notify: Notify,
}

impl CancelFlag {
    pub fn cancel(&self) {
        self.cancelled.store(true, Ordering::SeqCst);
        self.notify.notify_waiters();
    }

    /// Clears a cancel that arrived while nothing was running.
    pub fn reset(&self) {
        self.cancelled.store(false, Ordering::SeqCst);
    }

    pub fn is_cancelled(&self) -> bool {
        self.cancelled.load(Ordering::SeqCst)
    }

    async fn cancelled(&self) {
        loop {
            let notified = self.notify.notified();
            if self.is_cancelled() {
                return;
            }
            notified.await;
        }
    }
}

/// Runs `work` on the driver's runtime and waits for it, giving up with
/// HY008 when `cancel` fires and HYT00 after `timeout` (dropping the work
/// aborts its pending requests).
pub fn run<F, T>(work: F, cancel: Option<&CancelFlag>, timeout: Option<Duration>) -> DriverResult<T>
where
    F: Future<Output = DriverResult<T>> + Send,
    T: Send,
{
    let guarded = async move {
        let bounded = async move {
            match timeout {
                Some(limit) => match tokio::time::timeout(limit, work).await {
                    Ok(result) => result,
                    Err(_) => Err(DriverError::new("HYT00", "timeout expired (query timeout)")),
                },
                None => work.await,
            }
        };
        match cancel {
            Some(flag) => tokio::select! {
                result = bounded => result,
                _ = flag.cancelled() => Err(DriverError::new("HY008", "operation canceled")),
            },
            None => bounded.await,
        }
    };
    if tokio::runtime::Handle::try_current().is_ok() {
        // Called from inside an application's own runtime: block_on would
        // panic there, so wait on a helper thread instead.
        std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let _inside = crate::panic_guard::EntryGuard::enter();
                    runtime().block_on(guarded)
                })
                .join()
                .unwrap_or_else(|_| Err(DriverError::new("HY000", "internal error in async work")))
        })
    } else {
        runtime().block_on(guarded)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn cancel_from_another_thread_interrupts_the_wait() {
        let flag = Arc::new(CancelFlag::default());
        let other = flag.clone();
        let canceller = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            other.cancel();
        });
        let result: DriverResult<()> = run(
            async {
                tokio::time::sleep(Duration::from_secs(30)).await;
                Ok(())
            },
            Some(&flag),
            None,
        );
        canceller.join().unwrap();
        assert_eq!(result.unwrap_err().sqlstate, "HY008");
    }

    #[test]
    fn timeout_gives_hyt00_and_plain_work_completes() {
        let result: DriverResult<()> = run(
            async {
                tokio::time::sleep(Duration::from_secs(30)).await;
                Ok(())
            },
            None,
            Some(Duration::from_millis(20)),
        );
        assert_eq!(result.unwrap_err().sqlstate, "HYT00");
        assert_eq!(run(async { Ok(7) }, None, None).unwrap(), 7);
    }
}
