//! The model is plain data, on two levels: [`raw`] holds the records as the author wrote them
//! (serde, unknown fields rejected, every id and reference carrying its position), and
//! [`resolved`] holds the report after resolution, where references are indices into vectors
//! and nothing needs looking up again. [`schema`] derives the JSON Schemas of the project files
//! from the raw types.

pub mod raw;
pub mod resolved;
pub mod schema;
