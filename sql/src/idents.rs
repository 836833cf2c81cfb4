//! Case-insensitive matching of unquoted names.
//!
//! DataFusion's identifier normalisation (lower-casing unquoted names) is
//! off, because Kintone names are case-sensitive and mixed-case. So that
//! `SELECT title FROM deals` still finds `Title` in `Deals`, an unquoted
//! name that matches nothing exactly is replaced by the one name that
//! matches it ignoring case, among the columns of the tables the
//! statement reads, those tables' names and the statement's aliases. A
//! name that matches exactly, or several names ignoring case, is left as
//! written. Quoted names always match exactly. Table names themselves
//! are matched in [`Snapshot::find`](crate::catalog::Snapshot::find).

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::ControlFlow;

use datafusion::sql::parser::Statement as DFStatement;
use datafusion::sql::sqlparser::ast::{
    Expr, Ident, ObjectName, Query, SelectItem, SetExpr, TableAlias, TableFactor, Visit, VisitMut,
    Visitor, VisitorMut,
};

use crate::catalog::Snapshot;

/// Rewrites the unquoted names of `statement` that match a known name only ignoring case.
pub fn match_case(statement: &mut DFStatement, snapshot: &Snapshot) {
    let statement = match statement {
        DFStatement::Statement(statement) => statement,
        DFStatement::Explain(explain) => return match_case(&mut explain.statement, snapshot),
        _ => return,
    };
    let mut names = KnownNames {
        snapshot,
        exact: HashSet::new(),
        folded: HashMap::new(),
    };
    let _ = Visit::visit(&*statement, &mut names);
    let _ = VisitMut::visit(statement, &mut Rewriter { names: &names });
}

/// The names a statement can refer to.
struct KnownNames<'a> {
    snapshot: &'a Snapshot,
    exact: HashSet<String>,
    folded: HashMap<String, BTreeSet<String>>,
}

impl KnownNames<'_> {
    fn add(&mut self, name: &str) {
        if self.exact.insert(name.to_owned()) {
            self.folded
                .entry(name.to_lowercase())
                .or_default()
                .insert(name.to_owned());
        }
    }

    fn add_alias(&mut self, alias: &Option<TableAlias>) {
        if let Some(alias) = alias {
            self.add(&alias.name.value);
            for column in &alias.columns {
                self.add(&column.name.value);
            }
        }
    }

    /// The name `ident` should have, if it must change.
    fn canonical(&self, ident: &Ident) -> Option<String> {
        if ident.quote_style.is_some() || self.exact.contains(&ident.value) {
            return None;
        }
        let candidates = self.folded.get(&ident.value.to_lowercase())?;
        match candidates.len() {
            1 => candidates.iter().next().cloned(),
            _ => None,
        }
    }
}

impl Visitor for KnownNames<'_> {
    type Break = ();

    fn pre_visit_relation(&mut self, relation: &ObjectName) -> ControlFlow<()> {
        let Some(name) = relation.0.last().and_then(|p| p.as_ident()) else {
            return ControlFlow::Continue(());
        };
        let found = self.snapshot.find(&name.value).cloned();
        match found {
            Some(table) => {
                self.add(&table.info.name);
                for column in &table.columns {
                    self.add(&column.info.name);
                }
            }
            // A CTE or an unknown table (which fails later anyway).
            None => self.add(&name.value),
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<()> {
        match factor {
            TableFactor::Table { alias, .. }
            | TableFactor::Derived { alias, .. }
            | TableFactor::NestedJoin { alias, .. }
            | TableFactor::UNNEST { alias, .. } => self.add_alias(alias),
            _ => {}
        }
        ControlFlow::Continue(())
    }

    fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<()> {
        if let Some(with) = &query.with {
            for cte in &with.cte_tables {
                self.add_alias(&Some(cte.alias.clone()));
            }
        }
        self.add_select_aliases(&query.body);
        ControlFlow::Continue(())
    }
}

impl KnownNames<'_> {
    fn add_select_aliases(&mut self, body: &SetExpr) {
        match body {
            SetExpr::Select(select) => {
                for item in &select.projection {
                    if let SelectItem::ExprWithAlias { alias, .. } = item {
                        self.add(&alias.value);
                    }
                }
            }
            SetExpr::SetOperation { left, right, .. } => {
                self.add_select_aliases(left);
                self.add_select_aliases(right);
            }
            SetExpr::Query(query) => self.add_select_aliases(&query.body),
            _ => {}
        }
    }
}

struct Rewriter<'a, 'b> {
    names: &'a KnownNames<'b>,
}

impl VisitorMut for Rewriter<'_, '_> {
    type Break = ();

    fn pre_visit_expr(&mut self, expr: &mut Expr) -> ControlFlow<()> {
        match expr {
            Expr::Identifier(ident) => self.fix(ident),
            Expr::CompoundIdentifier(parts) => parts.iter_mut().for_each(|p| self.fix(p)),
            _ => {}
        }
        ControlFlow::Continue(())
    }
}

impl Rewriter<'_, '_> {
    fn fix(&self, ident: &mut Ident) {
        if let Some(name) = self.names.canonical(ident) {
            ident.value = name;
        }
    }
}
