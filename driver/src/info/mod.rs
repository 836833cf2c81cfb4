//! SQLGetInfo, SQLGetFunctions and SQLGetTypeInfo data.
