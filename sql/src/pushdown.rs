//! Pushdown: which parts of a query Kintone can do exactly (see the module docs of the submodules).
