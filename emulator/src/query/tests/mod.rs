//! Behaviour tests of the query module against small apps.
