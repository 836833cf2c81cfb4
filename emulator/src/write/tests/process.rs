//! Process management: initial status, actions (revision +2, facts §7),
//! assignees.

use serde_json::json;

use super::*;
use crate::write::process::*;
use crate::write::records::{add_record, Written};
use crate::write::Tx;

fn new_task(store: &mut Store, reviewer: Option<&str>) -> u64 {
    let mut record = json!({"Subject": {"value": "s"}});
    if let Some(code) = reviewer {
        record["Reviewer"] = json!({"value": [{"code": code}]});
    }
    let mut tx = Tx::begin(store);
    let written = add_record(&mut tx, 3, &rec(record), &env()).unwrap();
    tx.commit();
    written.id
}

fn act(
    store: &mut Store,
    id: u64,
    action: &str,
    assignee: Option<&str>,
    revision: Option<u64>,
) -> Result<Written, ApiError> {
    let mut tx = Tx::begin(store);
    let written = run_action(&mut tx, 3, id, action, assignee, revision, &env())?;
    tx.commit();
    Ok(written)
}

fn assignee_codes(store: &Store, id: u64) -> Vec<String> {
    match val(store.app(3).unwrap(), id, "Assignee") {
        Value::Entities(list) => list.iter().map(|e| e.code.clone()).collect(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn new_records_start_in_the_first_state_with_its_assignees() {
    let mut store = store();
    let id = new_task(&mut store, None);
    assert_eq!(text(store.app(3).unwrap(), id, "Status"), "Open");
    assert_eq!(
        assignee_codes(&store, id),
        vec!["sato"],
        "the creator, per the Open state's list"
    );
}

#[test]
fn facts_7_an_action_moves_the_status_and_raises_the_revision_by_2() {
    let mut store = store();
    let id = new_task(&mut store, None);
    let written = act(&mut store, id, "Submit", Some("suzuki"), Some(1)).unwrap();
    assert_eq!(written, Written { id, revision: 3 });
    let app = store.app(3).unwrap();
    assert_eq!(text(app, id, "Status"), "Review");
    assert_eq!(assignee_codes(&store, id), vec!["suzuki"]);
    let written = act(&mut store, id, "Accept", None, None).unwrap();
    assert_eq!(written.revision, 5);
    assert_eq!(text(store.app(3).unwrap(), id, "Status"), "Done");
    assert!(assignee_codes(&store, id).is_empty());
}

#[test]
fn action_errors() {
    let mut store = store();
    let id = new_task(&mut store, None);
    // Not an action from the current status.
    let error = act(&mut store, id, "Accept", None, None).unwrap_err();
    assert_eq!(
        (error.code, keys(&error)),
        ("CB_VA01", vec!["action".to_string()])
    );
    // ONE of several candidates: the assignee is required and must be a candidate.
    assert_eq!(
        keys(&act(&mut store, id, "Submit", None, None).unwrap_err()),
        vec!["assignee"]
    );
    assert_eq!(
        keys(&act(&mut store, id, "Submit", Some("sato"), None).unwrap_err()),
        vec!["assignee"]
    );
    assert_eq!(
        keys(&act(&mut store, id, "Submit", Some("ghost"), None).unwrap_err()),
        vec!["assignee"]
    );
    let error = act(&mut store, id, "Submit", Some("tanaka"), Some(5)).unwrap_err();
    assert_eq!((error.status, error.code), (409, "GAIA_CO02"));
    let error = act(&mut store, 99, "Submit", Some("tanaka"), None).unwrap_err();
    assert_eq!((error.status, error.code), (404, "GAIA_RE01"));
    assert_eq!(
        store.app(3).unwrap().records[&id].revision,
        1,
        "failed actions change nothing"
    );
}

#[test]
fn an_all_state_assigns_users_fields_and_the_creator() {
    let mut store = store();
    let id = new_task(&mut store, Some("suzuki"));
    act(&mut store, id, "Escalate", Some("ignored"), None).unwrap();
    assert_eq!(assignee_codes(&store, id), vec!["tanaka", "suzuki", "sato"]);
}

#[test]
fn process_management_disabled_is_gaia_st02() {
    let mut store = store();
    let mut tx = Tx::begin(&mut store);
    let error = add_record(&mut tx, 1, &rec(json!({"Title": {"value": "t"}})), &env())
        .and_then(|w| run_action(&mut tx, 1, w.id, "Submit", None, None, &env()))
        .unwrap_err();
    assert_eq!((error.status, error.code), (400, "GAIA_ST02"));
    let error = set_assignees(&mut tx, 1, 1, &[], None, &env()).unwrap_err();
    assert_eq!(error.code, "GAIA_ST02");
}

#[test]
fn assignees_are_replaced_with_revision_plus_1() {
    let mut store = store();
    let id = new_task(&mut store, None);
    let mut tx = Tx::begin(&mut store);
    let written = set_assignees(&mut tx, 3, id, &["tanaka".to_string()], Some(1), &env()).unwrap();
    assert_eq!(written.revision, 2);
    let error = set_assignees(&mut tx, 3, id, &["ghost".to_string()], None, &env()).unwrap_err();
    assert_eq!(keys(&error), vec!["assignees[0]"]);
    let two = ["tanaka".to_string(), "suzuki".to_string()];
    let error = set_assignees(&mut tx, 3, id, &two, None, &env()).unwrap_err();
    assert_eq!(
        keys(&error),
        vec!["assignees"],
        "a ONE state takes one assignee"
    );
    let many: Vec<String> = (0..101).map(|_| "tanaka".to_string()).collect();
    assert_eq!(
        keys(&set_assignees(&mut tx, 3, id, &many, None, &env()).unwrap_err()),
        vec!["assignees"]
    );
    let error = set_assignees(&mut tx, 3, id, &[], Some(1), &env()).unwrap_err();
    assert_eq!(error.code, "GAIA_CO02");
    tx.commit();
    assert_eq!(assignee_codes(&store, id), vec!["tanaka"]);
    assert_eq!(
        val(store.app(3).unwrap(), id, "Updated_by"),
        &Value::entity(env().actor)
    );
}

#[test]
fn facts_7_status_and_assignees_change_only_through_the_status_apis() {
    use crate::write::records::{update_record, Target, Update};
    let mut store = store();
    let id = new_task(&mut store, None);
    let record = rec(json!({
        "Subject": {"value": "changed"},
        "Status": {"value": "Done"},
        "Assignee": {"value": [{"code": "suzuki"}]},
    }));
    let mut tx = Tx::begin(&mut store);
    let written = update_record(
        &mut tx,
        3,
        &Update {
            target: Target::Id(id),
            revision: None,
            record: Some(&record),
        },
        &env(),
    )
    .unwrap();
    tx.commit();
    assert_eq!(
        written.revision, 2,
        "a record update raises the revision by 1"
    );
    let app = store.app(3).unwrap();
    assert_eq!(text(app, id, "Subject"), "changed");
    assert_eq!(
        text(app, id, "Status"),
        "Open",
        "STATUS is not written by record.json"
    );
    assert_eq!(assignee_codes(&store, id), vec!["sato"]);
}
