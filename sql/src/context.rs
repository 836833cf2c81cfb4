//! The DataFusion context of a session: configuration, the Kintone
//! schema, our functions and optimizer rules.

use std::sync::Arc;

use datafusion::execution::context::SessionContext;
use datafusion::execution::session_state::SessionStateBuilder;
use datafusion::prelude::SessionConfig;
use kintone_core::Client;

use crate::catalog::Snapshot;
use crate::functions::HasAny;
use crate::provider::KintoneSchema;

/// Catalog and schema names DataFusion resolves unqualified tables in.
pub const CATALOG: &str = "kintone";
pub const SCHEMA: &str = "kintone";

pub fn build(snapshot: Arc<Snapshot>, client: Client) -> SessionContext {
    let mut config = SessionConfig::new()
        .with_target_partitions(1)
        .with_default_catalog_and_schema(CATALOG, SCHEMA)
        .with_create_default_catalog_and_schema(true)
        .with_information_schema(false);
    let options = config.options_mut();
    // Identifiers as written (Kintone names are case-sensitive); tables
    // also match case-insensitively when unambiguous (see Snapshot::find).
    options.sql_parser.enable_ident_normalization = false;
    // NULLs are the smallest value, as in SQL Server, SQLite, MySQL and
    // as Kintone orders blanks.
    options.sql_parser.default_null_ordering = "nulls_min".to_owned();
    // `5.5` is an exact decimal, as in SQL Server (and so pushable against
    // NUMBER fields), not a double.
    options.sql_parser.parse_float_as_decimal = true;
    // A hash join publishes up to this many distinct build-side keys as a
    // list (beyond, only their range): a RecordId join reads the other side
    // as `$id in (...)` batches of 100, so up to 10 small requests instead
    // of a range that may span the whole app.
    options
        .optimizer
        .hash_join_inlist_pushdown_max_distinct_values = crate::pushdown::JOIN_KEY_LIST_MAX;
    let mut builder = SessionStateBuilder::new()
        .with_config(config)
        .with_default_features();
    for rule in crate::pushdown::rules::physical_rules() {
        builder = builder.with_physical_optimizer_rule(rule);
    }
    let ctx = SessionContext::new_with_state(builder.build());
    ctx.register_udf(HasAny::udf());
    if let Some(catalog) = ctx.catalog(CATALOG) {
        let _ = catalog.register_schema(SCHEMA, Arc::new(KintoneSchema::new(snapshot, client)));
    }
    ctx
}
