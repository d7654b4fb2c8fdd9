//! View models: what an output shows, decided once from the resolved report (numbering, footnotes,
//! cross-references, attributions) and read by every format writer.
//!
//! - [`publication`] is the view of the publication ([`ast`] is its document tree, [`convert`]
//!   turns author Markdown into it, [`cite`] writes its citations in the house style,
//!   [`typography`] gives it the language's quotation marks);
//! - [`submission`](mod@submission) is the view of a submission to a UN body (alternative report, UPR);
//! - [`implementation`] is what a submission says of the recommendations the state received
//!   (the implementation section and the UPR matrix);
//! - [`carried`] says which testimonies an output carries without building its view (the
//!   consent-purpose check and the witness review ask it);
//! - [`select`] selects the recommendations that concern an addressee, a theme, an instrument, a
//!   body, a state or a priority.

pub mod ast;
pub mod carried;
pub mod cite;
pub mod convert;
pub mod implementation;
pub mod publication;
pub mod select;
pub mod submission;
pub mod typography;
