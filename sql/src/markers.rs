//! Lexical rewriting before parsing: `?` parameter markers become `$1`,
//! `$2`... (DataFusion's positional placeholders) and `[bracketed]`
//! identifiers become `"quoted"` ones. String literals, quoted
//! identifiers and comments are left alone.

/// The rewritten text and the number of `?` markers.
pub fn rewrite(sql: &str) -> (String, usize) {
    let mut out = String::with_capacity(sql.len() + 8);
    let mut markers = 0;
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' | '"' => {
                out.push(c);
                // Copy through the closing quote; a doubled quote is an escaped one.
                while let Some(d) = chars.next() {
                    out.push(d);
                    if d == c {
                        if chars.peek() == Some(&c) {
                            out.push(chars.next().unwrap_or(c));
                        } else {
                            break;
                        }
                    }
                }
            }
            '-' if chars.peek() == Some(&'-') => {
                out.push(c);
                for d in chars.by_ref() {
                    out.push(d);
                    if d == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                out.push(c);
                let mut prev = '\0';
                for d in chars.by_ref() {
                    out.push(d);
                    if prev == '*' && d == '/' {
                        break;
                    }
                    prev = d;
                }
            }
            '[' => {
                out.push('"');
                for d in chars.by_ref() {
                    match d {
                        ']' => break,
                        '"' => out.push_str("\"\""),
                        d => out.push(d),
                    }
                }
                out.push('"');
            }
            '?' => {
                markers += 1;
                out.push('$');
                out.push_str(&markers.to_string());
            }
            c => out.push(c),
        }
    }
    (out, markers)
}

/// Gives the markers whose type the plan could not infer (`SELECT ?`,
/// `COALESCE(?, ?)`) the type WVARCHAR, as SQLDescribeParam reports them:
/// the result columns are then known before execution and the bound
/// values arrive as text.
pub fn type_untyped(
    plan: datafusion::logical_expr::LogicalPlan,
) -> datafusion::error::Result<datafusion::logical_expr::LogicalPlan> {
    use datafusion::arrow::datatypes::{DataType, Field};
    use datafusion::common::tree_node::{Transformed, TreeNode};
    use datafusion::logical_expr::expr::Placeholder;
    use datafusion::logical_expr::Expr;

    let typed = plan.transform_up_with_subqueries(|node| {
        node.map_expressions(|expr| {
            expr.transform_up(|e| match e {
                Expr::Placeholder(Placeholder { id, field: None }) => {
                    let field = std::sync::Arc::new(Field::new(&id, DataType::Utf8, true));
                    Ok(Transformed::yes(Expr::Placeholder(Placeholder {
                        id,
                        field: Some(field),
                    })))
                }
                other => Ok(Transformed::no(other)),
            })
        })
    })?;
    if !typed.transformed {
        return Ok(typed.data);
    }
    // Every node's schema again, bottom up: the changed ones and their parents.
    typed
        .data
        .transform_up_with_subqueries(|node| Ok(Transformed::yes(node.recompute_schema()?)))
        .map(|t| t.data)
}

#[cfg(test)]
mod tests {
    use super::rewrite;

    #[test]
    fn markers_are_numbered_outside_literals_and_comments() {
        let (sql, n) =
            rewrite("SELECT '?', \"a?\" FROM t -- ?\nWHERE x = ? AND y IN (?, ?) /* ? */");
        assert_eq!(n, 3);
        assert_eq!(
            sql,
            "SELECT '?', \"a?\" FROM t -- ?\nWHERE x = $1 AND y IN ($2, $3) /* ? */"
        );
    }

    #[test]
    fn brackets_become_double_quotes() {
        let (sql, _) =
            rewrite("SELECT [Deal Name], [a\"b] FROM [Deals_Line Items] WHERE s = '[x]'");
        assert_eq!(
            sql,
            "SELECT \"Deal Name\", \"a\"\"b\" FROM \"Deals_Line Items\" WHERE s = '[x]'"
        );
    }

    #[test]
    fn doubled_quotes_stay_inside_literals() {
        let (sql, n) = rewrite("SELECT 'it''s ?' , ?");
        assert_eq!((sql.as_str(), n), ("SELECT 'it''s ?' , $1", 1));
    }
}
