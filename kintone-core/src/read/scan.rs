//! A light pass over a page of records: how many there are, the last
//! `$id`, the cursor's `next` and `totalCount`, without building a
//! `serde_json::Value` tree (record contents are skipped).

use std::fmt;

use serde::de::{self, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::error::{Error, Result};

/// What the stream needs to know about a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct PageScan {
    pub records: usize,
    /// `$id` of the first and the last record, when the records carry it.
    pub first_id: Option<u64>,
    pub last_id: Option<u64>,
    /// The cursor API's `next`.
    pub next: Option<bool>,
    /// `totalCount`, when asked for.
    pub total_count: Option<u64>,
}

/// Scans a `records.json` or cursor page.
pub fn scan(api: &str, body: &[u8]) -> Result<PageScan> {
    let raw: RawPage = serde_json::from_slice(body).map_err(|e| Error::Response {
        api: api.to_owned(),
        message: format!("cannot read the page of records: {e}"),
    })?;
    Ok(PageScan {
        records: raw.records.count,
        first_id: raw.records.first,
        last_id: raw.records.last,
        next: raw.next,
        total_count: raw.total_count.and_then(|t| t.0),
    })
}

#[derive(Deserialize)]
struct RawPage {
    #[serde(default)]
    records: Records,
    #[serde(default)]
    next: Option<bool>,
    #[serde(default, rename = "totalCount")]
    total_count: Option<Count>,
}

#[derive(Default)]
struct Records {
    count: usize,
    first: Option<u64>,
    last: Option<u64>,
}

impl<'de> Deserialize<'de> for Records {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = Records;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("an array of records")
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> std::result::Result<Records, A::Error> {
                let mut out = Records::default();
                while let Some(RecordId(id)) = seq.next_element()? {
                    if out.count == 0 {
                        out.first = id;
                    }
                    out.last = id;
                    out.count += 1;
                }
                Ok(out)
            }
        }
        d.deserialize_seq(V)
    }
}

/// A record, reduced to its `$id`.
struct RecordId(Option<u64>);

impl<'de> Deserialize<'de> for RecordId {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RecordId;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a record object")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut map: A,
            ) -> std::result::Result<RecordId, A::Error> {
                let mut id = None;
                while let Some(key) = map.next_key::<Key>()? {
                    if key.0 {
                        let field: IdField = map.next_value()?;
                        id = field.value.0;
                    } else {
                        map.next_value::<IgnoredAny>()?;
                    }
                }
                Ok(RecordId(id))
            }
        }
        d.deserialize_map(V)
    }
}

/// A record key; true for `$id`.
struct Key(bool);

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field code")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Key, E> {
                Ok(Key(v == "$id"))
            }
        }
        d.deserialize_str(V)
    }
}

#[derive(Deserialize)]
struct IdField {
    value: Count,
}

/// A count or id, sent as a string (facts: `"92"`), a number, or null.
struct Count(Option<u64>);

impl<'de> Deserialize<'de> for Count {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Count;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a number or a string of digits")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Count, E> {
                v.trim()
                    .parse()
                    .map(|n| Count(Some(n)))
                    .map_err(|_| E::custom(format!("not a number: {v:?}")))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> std::result::Result<Count, E> {
                Ok(Count(Some(v)))
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<Count, E> {
                Ok(Count(None))
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_records_and_finds_ids() {
        let body = br#"{"records":[
            {"t":{"type":"SINGLE_LINE_TEXT","value":"\"$id\": {\"value\":\"9\"}"},"$id":{"type":"__ID__","value":"3"}},
            {"$id":{"type":"__ID__","value":"7"},"rows":{"type":"SUBTABLE","value":[{"id":"1","value":{}}]}}
        ],"totalCount":"120"}"#;
        let s = scan("records", body).unwrap();
        assert_eq!(s.records, 2);
        assert_eq!((s.first_id, s.last_id), (Some(3), Some(7)));
        assert_eq!(s.total_count, Some(120));
        assert_eq!(s.next, None);
    }

    #[test]
    fn cursor_pages_and_empty_pages() {
        let s = scan("records/cursor", br#"{"records":[],"next":true}"#).unwrap();
        assert_eq!((s.records, s.next, s.last_id), (0, Some(true), None));
        let s = scan(
            "records",
            br#"{"records":[{"x":{"value":"1"}}],"totalCount":null}"#,
        )
        .unwrap();
        assert_eq!((s.records, s.last_id, s.total_count), (1, None, None));
        assert!(scan("records", b"{\"records\":[1,").is_err());
    }
}
