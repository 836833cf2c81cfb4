//! A hash join's dynamic filter as Kintone conditions.
//!
//! DataFusion's hash join, once its build side is collected, publishes a
//! filter for the probe side through a `DynamicFilterPhysicalExpr`: for a
//! small build side `key IN (v1, ...)` (and `key >= min AND key <= max`).
//! When the probe side is a Kintone scan and the key is `RecordId` (or a
//! RECORD_NUMBER), the scan can read only those records: `$id in (...)` in
//! batches of at most [`ID_BATCH`] values, one request per batch. The join
//! still checks every row, so these conditions only need to be supersets
//! of the matching records; they are exact here anyway.

use std::collections::BTreeSet;
use std::sync::Arc;

use datafusion::common::ScalarValue;
use datafusion::logical_expr::Operator;
use datafusion::physical_expr::expressions::{
    BinaryExpr, Column, DynamicFilterPhysicalExpr, InListExpr, Literal,
};
use datafusion::physical_expr::PhysicalExpr;

use super::column::Kind;
use super::TableBinding;

/// Values per `in (...)` list sent to Kintone.
pub const ID_BATCH: usize = 100;

/// Distinct join keys a hash join lists (DataFusion's default is 150);
/// more are published as a range only.
pub const JOIN_KEY_LIST_MAX: usize = 1000;

/// What a dynamic filter restricts the scan to.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Restriction {
    /// `code in (...)` batches (empty: no record can match).
    Batches(Vec<String>),
    /// One condition (a range).
    One(String),
}

impl TableBinding {
    /// Kintone conditions, to be `or`-ed (each read on its own and the
    /// results concatenated: they select disjoint records), that select
    /// at least the records a dynamic filter lets through; `None` when
    /// the filter says nothing Kintone can use (read everything).
    ///
    /// The scan calls this when its stream starts (the join has built its
    /// side by then; `DynamicFilterPhysicalExpr::current` is read here).
    pub fn dynamic_conditions(&self, filter: &Arc<dyn PhysicalExpr>) -> Option<Vec<String>> {
        match self.restriction(filter)? {
            Restriction::Batches(batches) => Some(batches),
            Restriction::One(condition) => Some(vec![condition]),
        }
    }

    fn restriction(&self, expr: &Arc<dyn PhysicalExpr>) -> Option<Restriction> {
        if let Some(dynamic) = expr.downcast_ref::<DynamicFilterPhysicalExpr>() {
            return self.restriction(&dynamic.current().ok()?);
        }
        if let Some(in_list) = expr.downcast_ref::<InListExpr>() {
            if in_list.negated() {
                return None;
            }
            let code = self.integer_code(in_list.expr())?;
            let values: BTreeSet<i64> = in_list
                .list()
                .iter()
                .map(integer_literal)
                .collect::<Option<_>>()?;
            let values: Vec<String> = values.iter().map(i64::to_string).collect();
            return Some(Restriction::Batches(
                values
                    .chunks(ID_BATCH)
                    .map(|chunk| format!("{code} in ({})", chunk.join(", ")))
                    .collect(),
            ));
        }
        let binary = expr.downcast_ref::<BinaryExpr>()?;
        match binary.op() {
            Operator::And => {
                let left = self.restriction(binary.left());
                let right = self.restriction(binary.right());
                match (left, right) {
                    // An `in` list reads fewer records than a range.
                    (Some(b @ Restriction::Batches(_)), _)
                    | (_, Some(b @ Restriction::Batches(_))) => Some(b),
                    (Some(Restriction::One(l)), Some(Restriction::One(r))) => {
                        Some(Restriction::One(format!("({l} and {r})")))
                    }
                    (Some(one), None) | (None, Some(one)) => Some(one),
                    (None, None) => None,
                }
            }
            op @ (Operator::GtEq | Operator::LtEq | Operator::Gt | Operator::Lt | Operator::Eq) => {
                let code = self.integer_code(binary.left())?;
                let value = integer_literal(binary.right())?;
                Some(Restriction::One(format!("{code} {op} {value}")))
            }
            _ => None,
        }
    }

    /// The field code of a never-blank integer column (`$id`, RECORD_NUMBER).
    fn integer_code(&self, expr: &Arc<dyn PhysicalExpr>) -> Option<String> {
        let column = expr.downcast_ref::<Column>()?;
        let binding = self.column(column.name())?;
        let field = binding.field.as_ref()?;
        let expr = datafusion::logical_expr::Expr::Column(
            datafusion::common::Column::new_unqualified(column.name()),
        );
        let resolved = self.resolve(&expr)?;
        (resolved.kind == Kind::Integer && !binding.in_subtable_row).then(|| field.code.clone())
    }
}

fn integer_literal(expr: &Arc<dyn PhysicalExpr>) -> Option<i64> {
    match expr.downcast_ref::<Literal>()?.value() {
        ScalarValue::Int64(Some(v)) => Some(*v),
        ScalarValue::Int32(Some(v)) => Some(i64::from(*v)),
        ScalarValue::UInt64(Some(v)) => i64::try_from(*v).ok(),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use datafusion::arrow::array::Int64Array;
    use datafusion::arrow::datatypes::{DataType, Field, Schema};
    use datafusion::physical_expr::expressions::{col, lit};

    use super::*;

    fn schema() -> Schema {
        Schema::new(vec![
            Field::new("RecordId", DataType::Int64, false),
            Field::new("Title", DataType::Utf8, true),
        ])
    }

    fn in_list(name: &str, values: Vec<i64>) -> Arc<dyn PhysicalExpr> {
        let schema = schema();
        Arc::new(
            InListExpr::try_new_from_array(
                col(name, &schema).unwrap(),
                Arc::new(Int64Array::from(values)),
                false,
                &schema,
            )
            .unwrap(),
        )
    }

    fn range(min: i64, max: i64) -> Arc<dyn PhysicalExpr> {
        let c = col("RecordId", &schema()).unwrap();
        let ge = Arc::new(BinaryExpr::new(c.clone(), Operator::GtEq, lit(min)));
        let le = Arc::new(BinaryExpr::new(c, Operator::LtEq, lit(max)));
        Arc::new(BinaryExpr::new(ge, Operator::And, le))
    }

    #[test]
    fn join_keys_become_id_batches_of_one_hundred() {
        let b = crate::pushdown::tests::binding();
        let values: Vec<i64> = (1..=250).rev().chain([7, 7]).collect();
        let membership = in_list("RecordId", values);
        let filter: Arc<dyn PhysicalExpr> =
            Arc::new(BinaryExpr::new(range(1, 250), Operator::And, membership));
        let dynamic: Arc<dyn PhysicalExpr> = Arc::new(DynamicFilterPhysicalExpr::new(
            vec![col("RecordId", &schema()).unwrap()],
            lit(true),
        ));
        assert_eq!(b.dynamic_conditions(&dynamic), None, "not built yet");
        let batches = b.dynamic_conditions(&filter).unwrap();
        assert_eq!(batches.len(), 3);
        let first: Vec<String> = (1..=100).map(|i| i.to_string()).collect();
        assert_eq!(batches[0], format!("$id in ({})", first.join(", ")));
        assert!(batches[2].starts_with("$id in (201, ") && batches[2].ends_with(", 250)"));
        assert_eq!(
            b.dynamic_conditions(&range(3, 9)).unwrap(),
            vec!["($id >= 3 and $id <= 9)".to_string()]
        );
        // Through the dynamic wrapper, once the join has updated it.
        let wrapper =
            DynamicFilterPhysicalExpr::new(vec![col("RecordId", &schema()).unwrap()], lit(true));
        wrapper.update(in_list("RecordId", vec![5, 3])).unwrap();
        let wrapper: Arc<dyn PhysicalExpr> = Arc::new(wrapper);
        assert_eq!(
            b.dynamic_conditions(&wrapper).unwrap(),
            vec!["$id in (3, 5)".to_string()]
        );
        // Keys on other columns say nothing Kintone can use.
        let title = Arc::new(
            InListExpr::try_new(
                col("Title", &schema()).unwrap(),
                vec![lit("a")],
                false,
                &schema(),
            )
            .unwrap(),
        ) as Arc<dyn PhysicalExpr>;
        assert_eq!(b.dynamic_conditions(&title), None);
    }
}
