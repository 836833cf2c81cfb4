//! Process management (status actions, assignees) and comments (facts §7, §9).

use reqwest::Method;
use serde::Deserialize;
use serde_json::{json, Value as Json};

use super::{number, Updated};
use crate::client::Client;
use crate::error::Result;

/// One status action on a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub id: u64,
    /// The action's name, as in the app's process management.
    pub action: String,
    /// The next assignee's login code, when the action asks for one.
    pub assignee: Option<String>,
    pub revision: Option<u64>,
}

impl StatusChange {
    pub(super) fn to_json(&self) -> Json {
        let mut item = json!({"id": self.id, "action": self.action});
        if let Some(a) = &self.assignee {
            item["assignee"] = json!(a);
        }
        if let Some(r) = self.revision {
            item["revision"] = json!(r);
        }
        item
    }
}

/// A comment as `record/comments.json` returns it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Comment {
    #[serde(deserialize_with = "number")]
    pub id: u64,
    pub text: String,
    #[serde(rename = "createdAt")]
    pub created_at: String,
    pub creator: Json,
    #[serde(default)]
    pub mentions: Vec<Json>,
}

#[derive(Deserialize)]
struct Revision {
    #[serde(deserialize_with = "number")]
    revision: u64,
}

#[derive(Deserialize)]
struct Id {
    #[serde(deserialize_with = "number")]
    id: u64,
}

#[derive(Deserialize)]
struct Comments {
    comments: Vec<Comment>,
}

#[derive(Deserialize)]
struct UpdatedList {
    records: Vec<Updated>,
}

impl Client {
    /// Runs a status action on one record; returns the new revision (which
    /// rises by 2).
    pub async fn set_status(&self, app: u64, change: &StatusChange) -> Result<u64> {
        let mut body = change.to_json();
        body["app"] = json!(app);
        let r: Revision = self
            .write_json(Method::PUT, "record/status", &body, &[app])
            .await?;
        Ok(r.revision)
    }

    /// Runs status actions on up to 100 records in one all-or-nothing request.
    pub async fn set_statuses(&self, app: u64, changes: &[StatusChange]) -> Result<Vec<Updated>> {
        let records: Vec<Json> = changes.iter().map(StatusChange::to_json).collect();
        let body = json!({"app": app, "records": records});
        let r: UpdatedList = self
            .write_json(Method::PUT, "records/status", &body, &[app])
            .await?;
        Ok(r.records)
    }

    /// Sets the assignees of a record's current state (login codes).
    pub async fn set_assignees(
        &self,
        app: u64,
        id: u64,
        assignees: &[&str],
        revision: Option<u64>,
    ) -> Result<u64> {
        let mut body = json!({"app": app, "id": id, "assignees": assignees});
        if let Some(r) = revision {
            body["revision"] = json!(r);
        }
        let r: Revision = self
            .write_json(Method::PUT, "record/assignees", &body, &[app])
            .await?;
        Ok(r.revision)
    }

    /// Adds a comment; `mentions` are `{"code","type"}` objects. Returns its id.
    pub async fn add_comment(
        &self,
        app: u64,
        record: u64,
        text: &str,
        mentions: &[Json],
    ) -> Result<u64> {
        let body = json!({"app": app, "record": record,
                          "comment": {"text": text, "mentions": mentions}});
        let r: Id = self
            .write_json(Method::POST, "record/comment", &body, &[app])
            .await?;
        Ok(r.id)
    }

    /// Deletes a comment.
    pub async fn delete_comment(&self, app: u64, record: u64, comment: u64) -> Result<()> {
        let body = json!({"app": app, "record": record, "comment": comment});
        self.write_json::<Json>(Method::DELETE, "record/comment", &body, &[app])
            .await?;
        Ok(())
    }

    /// Every comment of a record, newest first (read 10 at a time).
    pub async fn comments(&self, app: u64, record: u64) -> Result<Vec<Comment>> {
        let mut out = Vec::new();
        loop {
            let params = json!({"app": app, "record": record, "order": "desc",
                                "offset": out.len(), "limit": 10});
            let page: Comments = self.get_json("record/comments", &params, &[app]).await?;
            let n = page.comments.len();
            out.extend(page.comments);
            if n < 10 {
                return Ok(out);
            }
        }
    }
}
