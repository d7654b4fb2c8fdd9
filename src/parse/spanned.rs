//! A value with the place of its YAML node, as the records keep it: the line and column where
//! the value is used. serde-saphyr's own `Spanned` (which both YAML readers fill) also keeps
//! its character span, its source and the place an alias's anchor defines it: 80 bytes for a
//! string where this takes 32, for every id, reference and text of every record (about 70 MB
//! at 20,000 findings). Only the line and column of the place of use are ever reported.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Where a YAML node is: its line and column, counted from 1 (both 0 when not known).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Location {
    line: u32,
    column: u32,
}

impl Location {
    /// A place not known (a value made by the program, or a scalar inside a list's node).
    pub const UNKNOWN: Location = Location { line: 0, column: 0 };

    pub fn line(&self) -> u32 {
        self.line
    }

    pub fn column(&self) -> u32 {
        self.column
    }
}

impl From<serde_saphyr::Location> for Location {
    fn from(l: serde_saphyr::Location) -> Location {
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        Location {
            line: clamp(l.line()),
            column: clamp(l.column()),
        }
    }
}

/// A value and where it is used in its file.
#[derive(Debug, Clone, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub referenced: Location,
}

impl<T> Spanned<T> {
    pub fn new(value: T, referenced: Location) -> Spanned<T> {
        Spanned { value, referenced }
    }
}

/// The value alone, as serde-saphyr's `Spanned` writes it.
impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(s)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Spanned<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = serde_saphyr::Spanned::<T>::deserialize(d)?;
        Ok(Spanned {
            value: s.value,
            referenced: s.referenced.into(),
        })
    }
}
