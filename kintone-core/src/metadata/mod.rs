//! App and field metadata, cached per client.

/// The per-client cache of metadata.
#[derive(Default)]
pub struct Cache {}
