//! Conversions between result cells / parameters and the application's C buffers.
