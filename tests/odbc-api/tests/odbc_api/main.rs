//! odbc-api against libkintone_odbc through unixODBC and the emulator.
//! Built twice by scripts/test.sh: with odbc-api's `narrow` feature (the A
//! functions) and with `wide` (the W functions).

mod connect;
mod conversions;
mod errors;
mod fetch;
mod metadata;
mod params;
mod procedures;
