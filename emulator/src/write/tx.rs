//! All-or-nothing writes (facts §7): a transaction applies changes to the
//! store as it goes and keeps an undo log; unless committed, dropping it puts
//! everything back. This keeps batches cheap on large apps (no copy of the
//! store) while later steps of a batch or bulkRequest see earlier ones.

use crate::model::{Comment, Record, Store, StoredFile};

enum Undo {
    Record {
        app: u64,
        id: u64,
        before: Option<Record>,
    },
    NextRecordId {
        app: u64,
        before: u64,
    },
    NextRowId(u64),
    NextCommentId(u64),
    FileAdded(String),
    Comments {
        app: u64,
        record: u64,
        before: Option<Vec<Comment>>,
    },
}

/// A write transaction over the store.
pub struct Tx<'s> {
    store: &'s mut Store,
    undo: Vec<Undo>,
    committed: bool,
}

impl<'s> Tx<'s> {
    pub fn begin(store: &'s mut Store) -> Tx<'s> {
        Tx {
            store,
            undo: Vec::new(),
            committed: false,
        }
    }

    /// The store as changed so far.
    pub fn store(&self) -> &Store {
        self.store
    }

    /// Keeps every change.
    pub fn commit(mut self) {
        self.committed = true;
    }

    /// Inserts or replaces a record.
    pub fn put_record(&mut self, app_id: u64, record: Record) {
        let app = self.store.apps.get_mut(&app_id).expect("the app exists");
        let id = record.id;
        let before = app.records.insert(id, record);
        if id >= app.next_record_id {
            self.undo.push(Undo::NextRecordId {
                app: app_id,
                before: app.next_record_id,
            });
            app.next_record_id = id + 1;
        }
        self.undo.push(Undo::Record {
            app: app_id,
            id,
            before,
        });
    }

    /// Removes a record and its comments.
    pub fn delete_record(&mut self, app_id: u64, id: u64) {
        let app = self.store.apps.get_mut(&app_id).expect("the app exists");
        let before = app.records.remove(&id);
        self.undo.push(Undo::Record {
            app: app_id,
            id,
            before,
        });
        let comments = app.comments.remove(&id);
        if comments.is_some() {
            self.undo.push(Undo::Comments {
                app: app_id,
                record: id,
                before: comments,
            });
        }
    }

    /// Allocates the next record id of an app.
    pub fn next_record_id(&self, app_id: u64) -> u64 {
        self.store.apps[&app_id].next_record_id
    }

    /// Allocates a subtable row id (shared by all apps).
    pub fn new_row_id(&mut self) -> u64 {
        self.undo.push(Undo::NextRowId(self.store.next_row_id));
        self.store.new_row_id()
    }

    /// Sets the row-id counter after a record builder allocated ids itself.
    pub fn set_next_row_id(&mut self, next: u64) {
        if next != self.store.next_row_id {
            self.undo.push(Undo::NextRowId(self.store.next_row_id));
            self.store.next_row_id = next;
        }
    }

    /// Allocates a comment id.
    pub fn new_comment_id(&mut self) -> u64 {
        self.undo
            .push(Undo::NextCommentId(self.store.next_comment_id));
        self.store.next_comment_id += 1;
        self.store.next_comment_id
    }

    /// Replaces the comments of a record.
    pub fn set_comments(&mut self, app_id: u64, record: u64, comments: Vec<Comment>) {
        let app = self.store.apps.get_mut(&app_id).expect("the app exists");
        let before = app.comments.insert(record, comments);
        self.undo.push(Undo::Comments {
            app: app_id,
            record,
            before,
        });
    }

    /// Stores a file under a new key.
    pub fn add_file(&mut self, key: String, file: StoredFile) {
        self.store.files.insert(key.clone(), file);
        self.undo.push(Undo::FileAdded(key));
    }

    fn rollback(&mut self) {
        while let Some(step) = self.undo.pop() {
            match step {
                Undo::Record { app, id, before } => {
                    if let Some(app) = self.store.apps.get_mut(&app) {
                        match before {
                            Some(record) => app.records.insert(id, record),
                            None => app.records.remove(&id),
                        };
                    }
                }
                Undo::NextRecordId { app, before } => {
                    if let Some(app) = self.store.apps.get_mut(&app) {
                        app.next_record_id = before;
                    }
                }
                Undo::NextRowId(before) => self.store.next_row_id = before,
                Undo::NextCommentId(before) => self.store.next_comment_id = before,
                Undo::FileAdded(key) => {
                    self.store.files.remove(&key);
                }
                Undo::Comments {
                    app,
                    record,
                    before,
                } => {
                    if let Some(app) = self.store.apps.get_mut(&app) {
                        match before {
                            Some(comments) => app.comments.insert(record, comments),
                            None => app.comments.remove(&record),
                        };
                    }
                }
            }
        }
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if !self.committed {
            self.rollback();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{App, FieldDef, FieldType, Value};

    fn store() -> Store {
        let mut store = Store::default();
        let app = App::new(
            1,
            "A",
            vec![FieldDef::new("T", FieldType::SingleLineText, "T")],
        );
        store.apps.insert(1, app);
        store
    }

    fn record(id: u64, text: &str) -> Record {
        Record {
            id,
            revision: 1,
            values: vec![Value::Text(text.into())],
        }
    }

    #[test]
    fn dropping_without_commit_restores_everything() {
        let mut store = store();
        store
            .apps
            .get_mut(&1)
            .unwrap()
            .records
            .insert(1, record(1, "old"));
        store.apps.get_mut(&1).unwrap().next_record_id = 2;
        let before = format!("{:?}", store.apps[&1].records);
        {
            let mut tx = Tx::begin(&mut store);
            tx.put_record(1, record(1, "new"));
            tx.put_record(1, record(2, "added"));
            tx.new_row_id();
            tx.add_file(
                "k".into(),
                StoredFile {
                    name: "f".into(),
                    content_type: "text/plain".into(),
                    bytes: Default::default(),
                },
            );
            tx.set_comments(1, 1, Vec::new());
            tx.delete_record(1, 1);
            assert!(tx.store().apps[&1].records.contains_key(&2));
        }
        assert_eq!(format!("{:?}", store.apps[&1].records), before);
        assert_eq!(store.apps[&1].next_record_id, 2);
        assert_eq!(store.next_row_id, 0);
        assert!(store.files.is_empty());
        assert!(store.apps[&1].comments.is_empty());
    }

    #[test]
    fn commit_keeps_changes() {
        let mut store = store();
        {
            let mut tx = Tx::begin(&mut store);
            tx.put_record(1, record(5, "x"));
            tx.commit();
        }
        assert_eq!(store.apps[&1].records.len(), 1);
        assert_eq!(store.apps[&1].next_record_id, 6);
    }
}
