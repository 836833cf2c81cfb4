//! Building the query texts of the paging methods (facts §4, §6).

/// `(<cond>) and <extra> and ...`, leaving out what is empty.
pub fn and(condition: Option<&str>, extra: &[String]) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(c) = condition.map(str::trim).filter(|c| !c.is_empty()) {
        parts.push(format!("({c})"));
    }
    parts.extend(extra.iter().cloned());
    parts.join(" and ")
}

/// `$id` bounds: `$id > after` and `$id <= up_to`.
pub fn id_bounds(after: Option<u64>, up_to: Option<u64>) -> Vec<String> {
    let mut out = Vec::new();
    if let Some(a) = after {
        out.push(format!("$id > {a}"));
    }
    if let Some(u) = up_to {
        out.push(format!("$id <= {u}"));
    }
    out
}

/// `<cond> order by <order> limit <n> offset <k>` (each part optional).
pub fn full(
    condition: &str,
    order_by: Option<&str>,
    limit: Option<u64>,
    offset: Option<u64>,
) -> String {
    let mut q = condition.to_owned();
    let mut push = |part: String| {
        if !q.is_empty() {
            q.push(' ');
        }
        q.push_str(&part);
    };
    if let Some(o) = order_by.map(str::trim).filter(|o| !o.is_empty()) {
        push(format!("order by {o}"));
    }
    if let Some(n) = limit {
        push(format!("limit {n}"));
    }
    if let Some(k) = offset.filter(|k| *k > 0) {
        push(format!("offset {k}"));
    }
    q
}

/// The field list to request: the caller's, with `$id` added (the seek
/// method and cursor resumption need it); `None` = every field.
pub fn fields_with_id(fields: Option<&[String]>) -> Option<Vec<String>> {
    fields.map(|f| {
        let mut out = f.to_vec();
        if !out.iter().any(|c| c == "$id") {
            out.push("$id".to_owned());
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn queries() {
        assert_eq!(and(None, &[]), "");
        assert_eq!(and(Some("  "), &id_bounds(Some(5), None)), "$id > 5");
        assert_eq!(
            and(Some("a = 1 or b = 2"), &id_bounds(Some(5), Some(9))),
            "(a = 1 or b = 2) and $id > 5 and $id <= 9"
        );
        assert_eq!(
            full("", Some("$id asc"), Some(500), None),
            "order by $id asc limit 500"
        );
        assert_eq!(
            full("x = 1", None, Some(10), Some(20)),
            "x = 1 limit 10 offset 20"
        );
        assert_eq!(
            fields_with_id(Some(&["a".to_owned()])),
            Some(vec!["a".to_owned(), "$id".to_owned()])
        );
        assert_eq!(fields_with_id(None), None);
    }
}
