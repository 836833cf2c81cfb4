//! Result column names for unnamed expressions.
//!
//! DataFusion names `CAST(x AS T)` after `x`, so `SELECT x, CAST(x AS
//! VARCHAR)` is refused as a duplicate. ODBC applications send such
//! selects all the time, so every unnamed select item that is not a plain
//! column gets its SQL text as an explicit alias (the name SQL Server and
//! SQLite report too). A name repeated in one select list (`SELECT
//! title, title`) gets `_2`, `_3`... on its later occurrences, because
//! DataFusion needs unique output names.

use std::ops::ControlFlow;

use datafusion::sql::parser::Statement as DFStatement;
use datafusion::sql::sqlparser::ast::{
    Expr, Ident, Query, SelectItem, SetExpr, VisitMut, VisitorMut,
};

/// Adds the aliases to every query of the statement.
pub fn alias_unnamed_items(statement: &mut DFStatement) {
    match statement {
        DFStatement::Statement(statement) => {
            let _ = statement.visit(&mut Aliaser);
        }
        DFStatement::Explain(explain) => alias_unnamed_items(&mut explain.statement),
        _ => {}
    }
}

struct Aliaser;

impl VisitorMut for Aliaser {
    type Break = ();

    fn pre_visit_query(&mut self, query: &mut Query) -> ControlFlow<Self::Break> {
        alias_set_expr(&mut query.body);
        ControlFlow::Continue(())
    }
}

fn alias_set_expr(body: &mut SetExpr) {
    match body {
        SetExpr::Select(select) => {
            let mut seen: Vec<String> = Vec::new();
            for item in &mut select.projection {
                let (expr, name) = match &*item {
                    SelectItem::UnnamedExpr(expr) => {
                        let name = match expr {
                            Expr::Identifier(ident) => ident.value.clone(),
                            Expr::CompoundIdentifier(parts) => {
                                parts.last().map(|p| p.value.clone()).unwrap_or_default()
                            }
                            other => other.to_string(),
                        };
                        (expr.clone(), name)
                    }
                    SelectItem::ExprWithAlias { expr, alias } => {
                        (expr.clone(), alias.value.clone())
                    }
                    _ => continue,
                };
                let mut unique = name.clone();
                let mut n = 2;
                while seen.contains(&unique) {
                    unique = format!("{name}_{n}");
                    n += 1;
                }
                seen.push(unique.clone());
                let plain_column =
                    matches!(expr, Expr::Identifier(_) | Expr::CompoundIdentifier(_));
                if unique != name || (!plain_column && matches!(item, SelectItem::UnnamedExpr(_))) {
                    *item = SelectItem::ExprWithAlias {
                        expr,
                        alias: Ident::with_quote('"', unique),
                    };
                }
            }
        }
        SetExpr::SetOperation { left, right, .. } => {
            alias_set_expr(left);
            alias_set_expr(right);
        }
        _ => {}
    }
}
