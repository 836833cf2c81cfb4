//! Record comments (facts §9): `GET record/comments.json` (limit at most 10,
//! order desc by default), `POST` and `DELETE record/comment.json`.

use serde_json::{json, Value as Json};

use super::call::Call;
use super::params::{array, object, optional_count, required_id, string};
use crate::api::params::REQUIRED;
use crate::api::{access, ApiError, ApiRequest, Permission};
use crate::model::{Comment, Store};
use crate::write::invalid;

/// The most comments one GET returns (and its default).
pub const MAX_LIMIT: u64 = 10;
/// The longest comment text.
pub const MAX_TEXT: usize = 65_535;
/// The most mentions in one comment.
pub const MAX_MENTIONS: usize = 10;

fn comment_json(c: &Comment) -> Json {
    json!({
        "id": c.id.to_string(),
        "text": c.text,
        "createdAt": c.created_at,
        "creator": {"code": c.creator.code, "name": c.creator.name},
        "mentions": c.mentions,
    })
}

/// `GET record/comments.json {app, record, order?, offset?, limit?}` ->
/// `{comments, older, newer}`.
pub fn list(store: &Store, req: &ApiRequest) -> Result<Json, ApiError> {
    let params = &req.params;
    let app_id = required_id(params, "app")?;
    access::app_for(store, req, app_id, Permission::ViewRecord)?;
    let record = required_id(params, "record")?;
    let descending = match string(params, "order")?
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("desc") => true,
        Some("asc") => false,
        Some(_) => return Err(invalid("order", "Enter asc or desc.")),
    };
    let offset = optional_count(params, "offset")?.unwrap_or(0) as usize;
    let limit = optional_count(params, "limit")?.unwrap_or(MAX_LIMIT);
    if limit > MAX_LIMIT {
        return Err(invalid(
            "limit",
            format!("Enter a value of {MAX_LIMIT} or less."),
        ));
    }
    let app = store
        .app(app_id)
        .ok_or_else(|| ApiError::app_not_found(app_id))?;
    if !app.records.contains_key(&record) {
        return Err(ApiError::record_not_found(record));
    }
    let mut all: Vec<&Comment> = app
        .comments
        .get(&record)
        .map(|c| c.iter().collect())
        .unwrap_or_default();
    all.sort_by_key(|c| c.id);
    if descending {
        all.reverse();
    }
    let end = (offset + limit as usize).min(all.len());
    let page: Vec<Json> = all
        .get(offset.min(end)..end)
        .unwrap_or_default()
        .iter()
        .map(|c| comment_json(c))
        .collect();
    // `older`: comments older than those returned exist; `newer`: newer ones.
    let (before, after) = (offset > 0, end < all.len());
    let (newer, older) = if descending {
        (before, after)
    } else {
        (after, before)
    };
    Ok(json!({"comments": page, "older": older, "newer": newer}))
}

/// `POST record/comment.json {app, record, comment:{text, mentions?}}` -> `{"id"}`.
pub fn add(call: &mut Call) -> Result<Json, ApiError> {
    let params = call.params().clone();
    let app = required_id(&params, "app")?;
    call.authorize(app, Permission::EditRecord)?;
    let record = required_id(&params, "record")?;
    let comment = object(&params, "comment")?.ok_or_else(|| invalid("comment", REQUIRED))?;
    let comment = Json::Object(comment.clone());
    let text = string(&comment, "text")
        .map_err(|e| e.with_key_prefix("comment."))?
        .unwrap_or_default();
    if text.trim().is_empty() {
        return Err(invalid("comment.text", REQUIRED));
    }
    if text.chars().count() > MAX_TEXT {
        return Err(invalid(
            "comment.text",
            format!("Enter {MAX_TEXT} or fewer characters."),
        ));
    }
    let mentions = match comment.get("mentions") {
        None | Some(Json::Null) => Vec::new(),
        Some(_) => array(&comment, "mentions")
            .map_err(|e| e.with_key_prefix("comment."))?
            .to_vec(),
    };
    if mentions.len() > MAX_MENTIONS {
        return Err(invalid(
            "comment.mentions",
            format!("A maximum of {MAX_MENTIONS} mentions can be specified."),
        ));
    }
    let mut mentioned = Vec::new();
    for (n, m) in mentions.iter().enumerate() {
        let code = m.get("code").and_then(Json::as_str).unwrap_or_default();
        let kind = m.get("type").and_then(Json::as_str).unwrap_or_default();
        let key = format!("comment.mentions[{n}]");
        match kind {
            "USER" if call.tx.store().user(code).is_none() => {
                return Err(invalid(
                    format!("{key}.code"),
                    format!("The specified user (code: {code}) not found."),
                ))
            }
            "USER" | "GROUP" | "ORGANIZATION" if !code.is_empty() => {
                mentioned.push(json!({"code": code, "type": kind}))
            }
            _ => {
                return Err(invalid(
                    key,
                    "A mention needs a code and a type (USER, GROUP or ORGANIZATION).",
                ))
            }
        }
    }
    {
        let store = call.tx.store();
        let app_data = store.app(app).ok_or_else(|| ApiError::app_not_found(app))?;
        if !app_data.records.contains_key(&record) {
            return Err(ApiError::record_not_found(record));
        }
    }
    // Mentioned codes are put in front of the text, without the "@" [assumed format].
    let stored_text = if mentioned.is_empty() {
        text.to_string()
    } else {
        let codes: Vec<&str> = mentioned
            .iter()
            .filter_map(|m| m["code"].as_str())
            .collect();
        format!("{} \n{text}", codes.join(" "))
    };
    let creator = call.actor();
    let created_at = call.now.format("%Y-%m-%dT%H:%M:%SZ").to_string();
    let id = call.tx.new_comment_id();
    let mut comments = call.tx.store().apps[&app]
        .comments
        .get(&record)
        .cloned()
        .unwrap_or_default();
    comments.push(Comment {
        id,
        text: stored_text,
        created_at,
        creator,
        mentions: Json::Array(mentioned),
    });
    call.tx.set_comments(app, record, comments);
    Ok(json!({"id": id.to_string()}))
}

/// `DELETE record/comment.json {app, record, comment}` -> `{}`. A missing
/// comment is 400 `GAIA_RE02` (facts §3); only its author may delete it [assumed].
pub fn delete(call: &mut Call) -> Result<Json, ApiError> {
    let params = call.params().clone();
    let app = required_id(&params, "app")?;
    call.authorize(app, Permission::EditRecord)?;
    let record = required_id(&params, "record")?;
    let comment = required_id(&params, "comment")?;
    let mut comments = {
        let app_data = call
            .tx
            .store()
            .app(app)
            .ok_or_else(|| ApiError::app_not_found(app))?;
        if !app_data.records.contains_key(&record) {
            return Err(ApiError::record_not_found(record));
        }
        app_data.comments.get(&record).cloned().unwrap_or_default()
    };
    let Some(position) = comments.iter().position(|c| c.id == comment) else {
        return Err(ApiError::new(
            400,
            "GAIA_RE02",
            format!("The specified comment (ID: {comment}) not found."),
        ));
    };
    if comments[position].creator.code != call.actor().code {
        return Err(ApiError::no_privilege());
    }
    comments.remove(position);
    call.tx.set_comments(app, record, comments);
    Ok(json!({}))
}
