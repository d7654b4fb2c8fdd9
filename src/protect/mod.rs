//! Witness protection: what must never be published, and the tools around it.
//!
//! - [`translit`]: Cyrillic to Latin and a spelling skeleton, so `Маматов`, `Mamatov` and
//!   `Mamatow` are one name to the leak audit;
//! - [`pdf`]: the strings a PDF carries (metadata, outline, XMP), for the audit;
//! - [`pseudonym`]: pseudonym proposals the way established reports make them;
//! - [`risk`]: checks on testimonies (shared name parts, pseudonyms, quasi-identifiers,
//!   contact details in text).
//!
//! The audit itself runs over every artifact in [`crate::render::audit`].

pub mod pdf;
pub mod pseudonym;
pub mod risk;
pub mod translit;
