//! Case-insensitive matching of unquoted names.
//!
//! DataFusion's identifier normalisation (lower-casing unquoted names) is
//! off, because Kintone names are case-sensitive and mixed-case. So that
//! `SELECT title FROM deals` still finds `Title` in `Deals`, as in SQL
//! Server, an unquoted name that matches nothing exactly is replaced by
//! the one name that matches it ignoring case:
//! - a qualified column (`d.title`) among the columns of the table its
//!   qualifier names;
//! - any other name (a column, or a qualifier) among the columns of the
//!   tables the statement reads, those tables' names as written and the
//!   statement's aliases.
//!
//! Table names themselves are matched by the schema provider (see
//! [`Snapshot::find`]); so that `DEALS.title` qualifies `FROM deals`, the
//! qualifier takes the spelling the FROM clause used.
//!
//! A name that matches several names ignoring case is an error naming
//! them (never a silent pick); one that matches nothing is left for
//! DataFusion to report. Quoted names always match exactly.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::ops::ControlFlow;
use std::sync::Arc;

use datafusion::sql::parser::Statement as DFStatement;
use datafusion::sql::sqlparser::ast::{
    Expr, Ident, ObjectNamePart, Query, SelectItem, SetExpr, TableAlias, TableFactor, Visit,
    VisitMut, Visitor, VisitorMut,
};

use crate::catalog::{Snapshot, TableDef};
use crate::error::{Error, Result};

/// Rewrites the unquoted names of `statement` that match a known name only ignoring case.
pub fn match_case(statement: &mut DFStatement, snapshot: &Snapshot) -> Result<()> {
    let statement = match statement {
        DFStatement::Statement(statement) => statement,
        DFStatement::Explain(explain) => return match_case(&mut explain.statement, snapshot),
        _ => return Ok(()),
    };
    let mut ctes = CteNames::default();
    let _ = Visit::visit(&**statement, &mut ctes);
    let mut known = KnownNames {
        snapshot,
        ctes: ctes.0,
        all: NameSet::default(),
        relations: HashMap::new(),
    };
    let _ = Visit::visit(&**statement, &mut known);
    match VisitMut::visit(&mut **statement, &mut Rewriter { known: &known }) {
        ControlFlow::Break(error) => Err(error),
        ControlFlow::Continue(()) => Ok(()),
    }
}

/// Names compared exactly and ignoring case.
#[derive(Default)]
struct NameSet {
    exact: HashSet<String>,
    folded: HashMap<String, BTreeSet<String>>,
}

impl NameSet {
    fn add(&mut self, name: &str) {
        if self.exact.insert(name.to_owned()) {
            self.folded
                .entry(name.to_lowercase())
                .or_default()
                .insert(name.to_owned());
        }
    }

    /// The name `ident` should have, if it must change; an error if it is ambiguous.
    fn resolve(&self, ident: &Ident) -> Result<Option<String>> {
        if ident.quote_style.is_some() || self.exact.contains(&ident.value) {
            return Ok(None);
        }
        let Some(candidates) = self.folded.get(&ident.value.to_lowercase()) else {
            return Ok(None);
        };
        if candidates.len() == 1 {
            return Ok(candidates.iter().next().cloned());
        }
        let list: Vec<String> = candidates.iter().map(|c| format!("\"{c}\"")).collect();
        Err(Error::Plan(format!(
            "ambiguous name {}: it matches {} ignoring case; write one of them quoted",
            ident.value,
            list.join(", ")
        )))
    }
}

/// The names of the statement's common table expressions (never catalog tables).
#[derive(Default)]
struct CteNames(HashSet<String>);

impl Visitor for CteNames {
    type Break = ();

    fn pre_visit_query(&mut self, query: &Query) -> ControlFlow<()> {
        if let Some(with) = &query.with {
            self.0
                .extend(with.cte_tables.iter().map(|c| c.alias.name.value.clone()));
        }
        ControlFlow::Continue(())
    }
}

/// The names a statement can refer to.
struct KnownNames<'a> {
    snapshot: &'a Snapshot,
    ctes: HashSet<String>,
    /// Every table, column and alias name of the statement.
    all: NameSet,
    /// Catalog tables by the names a qualifier can use (table name or alias).
    relations: HashMap<String, NameSet>,
}

impl<'a> KnownNames<'a> {
    fn add_alias(&mut self, alias: &Option<TableAlias>) {
        if let Some(alias) = alias {
            self.all.add(&alias.name.value);
            for column in &alias.columns {
                self.all.add(&column.name.value);
            }
        }
    }

    /// The catalog table a table name refers to (not a CTE), matched as
    /// the schema provider matches it.
    fn catalog_table(&self, ident: &Ident) -> Option<&'a Arc<TableDef>> {
        if self.ctes.contains(&ident.value) {
            return None;
        }
        self.snapshot.find(&ident.value)
    }

    fn add_select_aliases(&mut self, body: &SetExpr) {
        match body {
            SetExpr::Select(select) => {
                for item in &select.projection {
                    if let SelectItem::ExprWithAlias { alias, .. } = item {
                        self.all.add(&alias.value);
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

/// The last part of a table name, as an identifier.
fn last_ident(name: &[ObjectNamePart]) -> Option<&Ident> {
    name.last().and_then(|p| p.as_ident())
}

impl Visitor for KnownNames<'_> {
    type Break = ();

    fn pre_visit_table_factor(&mut self, factor: &TableFactor) -> ControlFlow<()> {
        match factor {
            TableFactor::Table { name, alias, .. } => {
                let Some(ident) = last_ident(&name.0) else {
                    return ControlFlow::Continue(());
                };
                // DataFusion compares qualifiers exactly: the name as
                // written qualifies the table's columns, or its alias.
                let visible = match alias {
                    Some(alias) => alias.name.value.clone(),
                    None => {
                        self.all.add(&ident.value);
                        ident.value.clone()
                    }
                };
                if let Some(table) = self.catalog_table(ident) {
                    let mut columns = NameSet::default();
                    for column in &table.columns {
                        columns.add(&column.info.name);
                        self.all.add(&column.info.name);
                    }
                    self.relations.insert(visible, columns);
                }
                self.add_alias(alias);
            }
            TableFactor::Derived { alias, .. }
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

struct Rewriter<'a, 'b> {
    known: &'a KnownNames<'b>,
}

impl VisitorMut for Rewriter<'_, '_> {
    type Break = Error;

    fn pre_visit_expr(&mut self, expr: &mut Expr) -> ControlFlow<Error> {
        let fixed = match expr {
            Expr::Identifier(ident) => fix(&self.known.all, ident),
            Expr::CompoundIdentifier(parts) => self.fix_qualified(parts),
            _ => Ok(()),
        };
        match fixed {
            Ok(()) => ControlFlow::Continue(()),
            Err(error) => ControlFlow::Break(error),
        }
    }
}

impl Rewriter<'_, '_> {
    /// `q.column`: the qualifier among all names, the column among its table's columns.
    fn fix_qualified(&self, parts: &mut [Ident]) -> Result<()> {
        let Some((column, qualifiers)) = parts.split_last_mut() else {
            return Ok(());
        };
        for part in qualifiers.iter_mut() {
            fix(&self.known.all, part)?;
        }
        let table = qualifiers
            .last()
            .and_then(|q| self.known.relations.get(&q.value));
        fix(table.unwrap_or(&self.known.all), column)
    }
}

fn fix(names: &NameSet, ident: &mut Ident) -> Result<()> {
    if let Some(name) = names.resolve(ident)? {
        ident.value = name;
    }
    Ok(())
}
