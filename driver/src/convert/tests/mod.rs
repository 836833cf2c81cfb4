//! Tests of the conversions with real Arrow arrays and local buffers.
