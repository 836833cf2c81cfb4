//! `fields[]`: which fields a record page carries (facts §4), and the
//! writer of record pages.

use serde_json::Value as Json;

use crate::api::{params, ApiError, ApiRequest};
use crate::model::{App, FieldSlot, Record};

/// facts §4: up to 1000 entries of `fields` in a body.
pub const MAX_FIELDS: usize = 1000;

/// The fields written for each record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Top-level field indices in form order; None = every field.
    pub indices: Option<Vec<usize>>,
    pub with_id: bool,
    pub with_revision: bool,
}

impl Selection {
    pub const ALL: Selection = Selection {
        indices: None,
        with_id: true,
        with_revision: true,
    };

    /// Reads `fields` of the request. Without it (or with an empty list
    /// [assumed]) every field is returned, `$id` and `$revision` included;
    /// with it only the listed ones. Fields inside a table cannot be listed
    /// (facts §4): [assumed] 400 `CB_VA01`. Unknown codes are ignored [assumed].
    pub fn from_request(app: &App, req: &ApiRequest) -> Result<Selection, ApiError> {
        let Some(items) = params::opt_array(req, "fields")? else {
            return Ok(Selection::ALL);
        };
        Selection::from_list(app, items)
    }

    pub fn from_list(app: &App, items: &[Json]) -> Result<Selection, ApiError> {
        if items.is_empty() {
            return Ok(Selection::ALL);
        }
        if items.len() > MAX_FIELDS {
            return Err(ApiError::param(
                "fields",
                "Up to 1000 fields can be specified.",
            ));
        }
        let mut selection = Selection {
            indices: Some(Vec::new()),
            with_id: false,
            with_revision: false,
        };
        let mut indices = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let Some(code) = item.as_str() else {
                return Err(ApiError::param(&format!("fields[{i}]"), "Enter a string."));
            };
            match code {
                "$id" => selection.with_id = true,
                "$revision" => selection.with_revision = true,
                _ => {
                    match app.slot(code) {
                        Some(FieldSlot::Top(index)) => indices.push(index),
                        Some(FieldSlot::InTable(..)) => return Err(ApiError::param(
                            &format!("fields[{i}]"),
                            "A field in a table cannot be specified. Specify the table instead.",
                        )),
                        None => {}
                    }
                }
            }
        }
        indices.sort_unstable();
        indices.dedup();
        selection.indices = Some(indices);
        Ok(selection)
    }

    /// Drops indices that no longer exist (the form changed under a cursor).
    pub fn valid_for(&self, app: &App) -> Selection {
        let mut s = self.clone();
        if let Some(indices) = &mut s.indices {
            indices.retain(|&i| i < app.fields.len());
        }
        s
    }
}

/// Writes `"records":[...]` for the given records; returns how many.
pub fn write_records<'r>(
    out: &mut Vec<u8>,
    app: &App,
    records: impl IntoIterator<Item = &'r Record>,
    selection: &Selection,
) -> usize {
    out.extend_from_slice(b"\"records\":[");
    let mut n = 0;
    for record in records {
        if n > 0 {
            out.push(b',');
        }
        app.write_record_json(
            out,
            record,
            selection.indices.as_deref(),
            selection.with_id,
            selection.with_revision,
        );
        n += 1;
    }
    out.push(b']');
    n
}
