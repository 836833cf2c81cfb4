//! Result column names for unnamed expressions.
//!
//! DataFusion names `CAST(x AS T)` after `x`, so `SELECT x, CAST(x AS
//! VARCHAR)` is refused as a duplicate. ODBC applications send such
//! selects all the time, so every unnamed select item that is not a plain
//! column gets its SQL text as an explicit alias (the name SQL Server and
//! SQLite report too).

use std::ops::ControlFlow;

use datafusion::sql::parser::Statement as DFStatement;
use datafusion::sql::sqlparser::ast::{
    Expr, Ident, Query, SelectItem, SetExpr, VisitMut, VisitorMut,
};

/// Adds the aliases to every query of the statement.
pub fn alias_unnamed_items(statement: &mut DFStatement) {
    if let DFStatement::Statement(statement) = statement {
        let _ = statement.visit(&mut Aliaser);
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
            for item in &mut select.projection {
                if let SelectItem::UnnamedExpr(expr) = item {
                    if !matches!(expr, Expr::Identifier(_) | Expr::CompoundIdentifier(_)) {
                        let alias = Ident::with_quote('"', expr.to_string());
                        *item = SelectItem::ExprWithAlias {
                            expr: expr.clone(),
                            alias,
                        };
                    }
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
