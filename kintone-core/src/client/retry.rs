//! When and how long to wait before sending a read again: exponential
//! backoff with full jitter, within the operation's deadline.

use std::time::Duration;

use rand::Rng;

use crate::error::Error;

/// Whether a request may be sent again after a failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// A read: retried after any retryable error ([`Error::is_retryable`]).
    Read,
    /// Must not run twice (a cursor create): retried only when the server
    /// refused it before doing anything ([`Error::was_refused_unprocessed`]).
    IfRefused,
    /// A write: never sent twice.
    Never,
}

impl Retry {
    /// True when `error` allows sending the request again.
    pub fn allows(self, error: &Error) -> bool {
        match self {
            Retry::Read => error.is_retryable(),
            Retry::IfRefused => error.was_refused_unprocessed(),
            Retry::Never => false,
        }
    }
}

/// Backoff settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    /// The wait before the first retry (before jitter).
    pub initial_backoff: Duration,
    /// The longest wait between two attempts.
    pub max_backoff: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 6,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(8),
        }
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempt + 1` (`attempt` counts from 1):
    /// a random duration up to `initial * 2^(attempt-1)`, capped, and at
    /// least what the server asked for in `Retry-After`.
    pub fn backoff(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        let exp = self
            .initial_backoff
            .saturating_mul(1u32 << (attempt.saturating_sub(1)).min(16))
            .min(self.max_backoff);
        // Full jitter, but never less than a tenth, so retries do not hammer.
        let low = exp / 10;
        let jittered = if exp > low {
            rand::rng().random_range(low..=exp)
        } else {
            exp
        };
        jittered.max(retry_after.unwrap_or_default().min(self.max_backoff))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy {
            max_attempts: 10,
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_millis(1000),
        };
        for _ in 0..50 {
            let first = p.backoff(1, None);
            assert!(first >= Duration::from_millis(10) && first <= Duration::from_millis(100));
            let late = p.backoff(9, None);
            assert!(late <= Duration::from_millis(1000));
        }
        assert!(p.backoff(1, Some(Duration::from_millis(700))) >= Duration::from_millis(700));
    }

    #[test]
    fn writes_are_never_retried() {
        let busy = Error::Api {
            status: 429,
            code: "GAIA_TO04".into(),
            message: String::new(),
            id: None,
            errors: None,
        };
        let reset = Error::Link {
            message: "reset".into(),
        };
        assert!(Retry::Read.allows(&busy) && Retry::Read.allows(&reset));
        assert!(Retry::IfRefused.allows(&busy) && !Retry::IfRefused.allows(&reset));
        assert!(!Retry::Never.allows(&busy) && !Retry::Never.allows(&reset));
    }
}
