//! A parsed `CALL`: which procedure, and where each argument comes from
//! (a literal in the text, or a `?` bound at execution).

use std::sync::Arc;

use arrow_array::RecordBatch;
use arrow_schema::{Schema, SchemaRef};
use datafusion::sql::parser::Statement as DfStatement;
use datafusion::sql::sqlparser::ast::{
    Expr, FunctionArg, FunctionArgExpr, FunctionArguments, Statement, UnaryOperator, Value,
};
use kintone_core::Client;

use super::{download_file, procedures, ProcedureInfo};
use crate::error::{Error, Result};
use crate::session::{Param, ParameterInfo};

/// Where an argument's value comes from.
#[derive(Clone, Debug, PartialEq)]
enum Arg {
    Value(Param),
    /// The n-th `?` (1-based).
    Marker(usize),
}

/// A prepared `CALL`.
#[derive(Clone, Debug)]
pub(crate) struct Call {
    info: ProcedureInfo,
    /// One per parameter of the procedure; `None` for an optional one left out.
    args: Vec<Option<Arg>>,
    schema: SchemaRef,
}

impl Call {
    /// The call in a parsed statement; `None` when it is not a `CALL`.
    pub fn parse(statement: &DfStatement) -> Option<Result<Call>> {
        let DfStatement::Statement(statement) = statement else {
            return None;
        };
        let Statement::Call(function) = statement.as_ref() else {
            return None;
        };
        Some(Call::from_function(
            &function.name.to_string(),
            &function.args,
        ))
    }

    fn from_function(name: &str, arguments: &FunctionArguments) -> Result<Call> {
        let name = name.trim_matches(|c| c == '"' || c == '[' || c == ']');
        let info = procedures()
            .into_iter()
            .find(|p| p.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                let known: Vec<&str> = procedures().iter().map(|p| p.name).collect();
                Error::Syntax(format!(
                    "unknown procedure '{name}' (known: {})",
                    known.join(", ")
                ))
            })?;
        let given: &[FunctionArg] = match arguments {
            FunctionArguments::None => &[],
            FunctionArguments::List(list) => &list.args,
            FunctionArguments::Subquery(_) => {
                return Err(Error::Syntax(format!(
                    "{}: arguments must be values or ?",
                    info.name
                )))
            }
        };
        let mut args: Vec<Option<Arg>> = vec![None; info.parameters.len()];
        for (position, given) in given.iter().enumerate() {
            let (index, expr) = match given {
                FunctionArg::Unnamed(FunctionArgExpr::Expr(expr)) => (position, expr),
                FunctionArg::Named {
                    name,
                    arg: FunctionArgExpr::Expr(expr),
                    ..
                } => {
                    let index = info
                        .parameters
                        .iter()
                        .position(|p| p.name.eq_ignore_ascii_case(&name.value))
                        .ok_or_else(|| {
                            Error::Syntax(format!("{} has no parameter {}", info.name, name.value))
                        })?;
                    (index, expr)
                }
                other => {
                    return Err(Error::Syntax(format!(
                        "{}: unsupported argument {other}",
                        info.name
                    )))
                }
            };
            let slot = args.get_mut(index).ok_or_else(|| {
                Error::Syntax(format!(
                    "{} takes at most {} arguments",
                    info.name,
                    info.parameters.len()
                ))
            })?;
            *slot = Some(argument(expr).ok_or_else(|| {
                Error::Syntax(format!(
                    "{}: argument {} must be a literal or ?, got {expr}",
                    info.name,
                    index + 1
                ))
            })?);
        }
        if let Some(missing) = info
            .parameters
            .iter()
            .zip(&args)
            .find(|(p, a)| !p.nullable && a.is_none())
        {
            return Err(Error::Syntax(format!(
                "{} needs its parameter {}",
                info.name, missing.0.name
            )));
        }
        let schema = Arc::new(Schema::new(
            info.columns
                .iter()
                .map(|c| c.sql_type.field(c.name, c.nullable))
                .collect::<Vec<_>>(),
        ));
        Ok(Call { info, args, schema })
    }

    /// The result set's schema.
    pub fn schema(&self) -> SchemaRef {
        Arc::clone(&self.schema)
    }

    /// The `?` markers, in order, typed by the parameter each stands for.
    pub fn parameters(&self, markers: usize) -> Vec<ParameterInfo> {
        (1..=markers)
            .map(|n| {
                let sql_type = self
                    .info
                    .parameters
                    .iter()
                    .zip(&self.args)
                    .find(|(_, a)| **a == Some(Arg::Marker(n)))
                    .map(|(p, _)| p.sql_type)
                    .unwrap_or(crate::types::SqlType::WVarchar {
                        length: crate::types::DEFAULT_TEXT_LENGTH,
                    });
                ParameterInfo {
                    sql_type,
                    data_type: Some(sql_type.arrow_type()),
                }
            })
            .collect()
    }

    /// Runs the procedure with these `?` values.
    pub async fn run(&self, client: &Client, params: &[Param]) -> Result<RecordBatch> {
        let values: Vec<Option<Param>> = self
            .args
            .iter()
            .map(|a| match a {
                None => Ok(None),
                Some(Arg::Value(v)) => Ok(Some(v.clone())),
                Some(Arg::Marker(n)) => {
                    params
                        .get(n - 1)
                        .cloned()
                        .map(Some)
                        .ok_or_else(|| Error::Parameter {
                            index: *n,
                            message: "no value bound".into(),
                        })
                }
            })
            .collect::<Result<_>>()?;
        let names: Vec<&str> = self.info.parameters.iter().map(|p| p.name).collect();
        let args = Arguments {
            procedure: self.info.name,
            names: &names,
            values: &values,
        };
        download_file::run(client, &args, self.schema()).await
    }
}

/// The values of one execution, read by name for error messages.
pub(super) struct Arguments<'a> {
    procedure: &'static str,
    names: &'a [&'static str],
    values: &'a [Option<Param>],
}

impl Arguments<'_> {
    fn error(&self, index: usize, message: &str) -> Error {
        Error::Parameter {
            index: index + 1,
            message: format!("{} {}: {message}", self.procedure, self.names[index]),
        }
    }

    /// A whole number argument (NULL is an error).
    pub fn integer(&self, index: usize) -> Result<u64> {
        let bad = || self.error(index, "must be a positive whole number");
        match self.values.get(index).cloned().flatten() {
            Some(Param::Int(v)) => u64::try_from(v).map_err(|_| bad()),
            Some(Param::Decimal { value, scale, .. }) => {
                let factor = 10i128
                    .checked_pow(u32::from(scale.unsigned_abs()))
                    .ok_or_else(bad)?;
                let whole = if scale <= 0 {
                    value.checked_mul(factor).ok_or_else(bad)?
                } else if value % factor == 0 {
                    value / factor
                } else {
                    return Err(bad());
                };
                u64::try_from(whole).map_err(|_| bad())
            }
            Some(Param::Double(d)) if d.fract() == 0.0 && (0.0..1.8e19).contains(&d) => {
                Ok(d as u64)
            }
            Some(Param::Text(t)) => t.trim().parse().map_err(|_| bad()),
            _ => Err(bad()),
        }
    }

    /// A text argument; `None` when left out or NULL.
    pub fn text(&self, index: usize) -> Result<Option<String>> {
        match self.values.get(index).cloned().flatten() {
            None | Some(Param::Null) => Ok(None),
            Some(Param::Text(t)) => Ok(Some(t)),
            Some(Param::Int(i)) => Ok(Some(i.to_string())),
            Some(_) => Err(self.error(index, "must be text")),
        }
    }
}

/// A literal (number, string, NULL, negative number) or a `?` marker.
fn argument(expr: &Expr) -> Option<Arg> {
    match expr {
        Expr::Value(v) => match &v.value {
            Value::Number(n, _) => Some(Arg::Value(number(n)?)),
            Value::SingleQuotedString(s) => Some(Arg::Value(Param::Text(s.clone()))),
            Value::Null => Some(Arg::Value(Param::Null)),
            Value::Placeholder(p) => p.strip_prefix('$')?.parse().ok().map(Arg::Marker),
            _ => None,
        },
        Expr::UnaryOp {
            op: UnaryOperator::Minus,
            expr,
        } => match argument(expr)? {
            Arg::Value(Param::Int(i)) => Some(Arg::Value(Param::Int(-i))),
            _ => None,
        },
        Expr::Nested(inner) => argument(inner),
        _ => None,
    }
}

fn number(text: &str) -> Option<Param> {
    match text.parse::<i64>() {
        Ok(i) => Some(Param::Int(i)),
        Err(_) => text.parse::<f64>().ok().map(Param::Double),
    }
}
