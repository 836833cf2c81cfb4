//! SQL functions the driver adds: `HAS_ANY(list, 'a', ...)`, membership
//! in a multi-valued column (JSON-array text), pushed to Kintone's `in`.

use std::collections::HashSet;
use std::sync::Arc;

use arrow_array::{Array, ArrayRef, BooleanArray, StringArray};
use arrow_schema::DataType;
use datafusion::common::cast::as_string_array;
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, TypeSignature,
    Volatility,
};

use crate::pushdown::HAS_ANY;

/// `HAS_ANY(list, v1, v2, ...)`: true when the JSON-array text `list`
/// holds any of the values; false for NULL (an empty list); NULL values
/// match nothing.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct HasAny {
    signature: Signature,
}

impl HasAny {
    pub fn udf() -> ScalarUDF {
        ScalarUDF::new_from_impl(HasAny {
            signature: Signature::new(TypeSignature::VariadicAny, Volatility::Immutable),
        })
    }
}

impl ScalarUDFImpl for HasAny {
    fn name(&self) -> &str {
        HAS_ANY
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Boolean)
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        Ok(vec![DataType::Utf8; arg_types.len()])
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = args.number_rows;
        let arrays: Vec<ArrayRef> = args
            .args
            .iter()
            .map(|a| a.to_array(rows))
            .collect::<Result<_>>()?;
        let Some((list, values)) = arrays.split_first() else {
            return datafusion::common::plan_err!("HAS_ANY needs a list column and values");
        };
        let list = as_string_array(list)?;
        let values: Vec<&StringArray> = values
            .iter()
            .map(|v| as_string_array(v))
            .collect::<Result<_>>()?;
        let result: BooleanArray = (0..rows)
            .map(|row| {
                if list.is_null(row) {
                    return Some(false);
                }
                let members: HashSet<String> = serde_json::from_str::<Vec<String>>(list.value(row))
                    .unwrap_or_default()
                    .into_iter()
                    .collect();
                Some(
                    values
                        .iter()
                        .any(|v| !v.is_null(row) && members.contains(v.value(row))),
                )
            })
            .collect();
        Ok(ColumnarValue::Array(Arc::new(result)))
    }
}
