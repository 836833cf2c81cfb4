//! Rewrites of the parsed statement, before planning: result column names
//! for unnamed expressions, and standard LIKE.
//!
//! ## LIKE without ESCAPE
//! In standard SQL (and SQLite, SQL Server) a LIKE pattern has no escape
//! character unless `ESCAPE` names one; DataFusion treats `\` as one by
//! default. A pattern without ESCAPE therefore gets its backslashes
//! doubled (`replace(pattern, '\', '\\')` for non-literal patterns), so
//! that `\` matches itself as SQL says.
//!
//! ## Names
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
    Expr, Function, FunctionArg, FunctionArgExpr, FunctionArgumentList, FunctionArguments, Ident,
    ObjectName, Query, SelectItem, SetExpr, Statement as SqlStatement, Value, ValueWithSpan,
    VisitMut, VisitorMut,
};

/// Adds the aliases to every query of the statement.
pub fn alias_unnamed_items(statement: &mut DFStatement) {
    if let Some(statement) = query_statement(statement) {
        let _ = statement.visit(&mut Aliaser);
    }
}

/// The SQL statement itself, or the one an EXPLAIN explains (so that
/// EXPLAIN plans exactly what running the statement plans).
fn query_statement(statement: &mut DFStatement) -> Option<&mut SqlStatement> {
    match statement {
        DFStatement::Statement(statement) => Some(statement),
        DFStatement::Explain(explain) => query_statement(&mut explain.statement),
        _ => None,
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

/// Makes LIKE patterns without ESCAPE standard (see the module doc).
pub fn standard_like(statement: &mut DFStatement) {
    if let Some(statement) = query_statement(statement) {
        let _ = statement.visit(&mut LikeRewriter);
    }
}

struct LikeRewriter;

impl VisitorMut for LikeRewriter {
    type Break = ();

    fn post_visit_expr(&mut self, expr: &mut Expr) -> ControlFlow<Self::Break> {
        if let Expr::Like {
            pattern,
            escape_char: None,
            ..
        }
        | Expr::ILike {
            pattern,
            escape_char: None,
            ..
        } = expr
        {
            escape_backslashes(pattern);
        }
        ControlFlow::Continue(())
    }
}

fn escape_backslashes(pattern: &mut Box<Expr>) {
    if let Expr::Value(ValueWithSpan {
        value: Value::SingleQuotedString(text),
        ..
    }) = pattern.as_mut()
    {
        *text = text.replace('\\', "\\\\");
        return;
    }
    let literal = |s: &str| {
        FunctionArg::Unnamed(FunctionArgExpr::Expr(Expr::value(
            Value::SingleQuotedString(s.to_owned()),
        )))
    };
    let inner = std::mem::replace(pattern.as_mut(), Expr::value(Value::Null));
    let call = Function {
        name: ObjectName::from(vec![Ident::new("replace")]),
        uses_odbc_syntax: false,
        parameters: FunctionArguments::None,
        args: FunctionArguments::List(FunctionArgumentList {
            duplicate_treatment: None,
            args: vec![
                FunctionArg::Unnamed(FunctionArgExpr::Expr(inner)),
                literal("\\"),
                literal("\\\\"),
            ],
            clauses: Vec::new(),
        }),
        filter: None,
        null_treatment: None,
        over: None,
        within_group: Vec::new(),
    };
    **pattern = Expr::Function(call);
}
