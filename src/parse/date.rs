//! Dates as authors write them: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.

use serde::Serialize;
use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct PartialDate {
    pub year: u16,
    pub month: Option<u8>,
    pub day: Option<u8>,
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// Parses a date, or says what is wrong with it.
    pub fn parse(s: &str) -> Result<PartialDate, String> {
        let s = s.trim();
        let bad = |why: &str| {
            Err(format!(
                "invalid date `{s}`: {why}; write dates as YYYY, YYYY-MM or YYYY-MM-DD"
            ))
        };
        let parts: Vec<&str> = s.split('-').collect();
        if parts.is_empty() || parts.len() > 3 {
            return bad("not a date");
        }
        let num = |p: &str, len: usize| {
            (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
                .then(|| p.parse::<u16>().ok())
                .flatten()
        };
        let Some(year) = num(parts[0], 4) else {
            if let Some(iso) = year_last(s) {
                return Err(format!(
                    "invalid date `{s}`: dates are written year first: `{iso}` (YYYY, YYYY-MM or YYYY-MM-DD)"
                ));
            }
            return bad("the year must have four digits");
        };
        let month = match parts.get(1) {
            None => None,
            Some(m) => match num(m, 2) {
                Some(m @ 1..=12) => Some(m as u8),
                _ => return bad("the month must be 01 to 12"),
            },
        };
        let day = match parts.get(2) {
            None => None,
            Some(d) => {
                let max = days_in_month(year, month.unwrap_or(1));
                match num(d, 2) {
                    Some(d) if d >= 1 && d <= max as u16 => Some(d as u8),
                    _ => return bad(&format!("the day must be 01 to {max:02}")),
                }
            }
        };
        Ok(PartialDate { year, month, day })
    }

    /// "4 November 2017", "November 2017" or "2017".
    pub fn long(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{d} {} {}", MONTHS[m as usize - 1], self.year),
            (Some(m), None) => format!("{} {}", MONTHS[m as usize - 1], self.year),
            _ => self.year.to_string(),
        }
    }

    /// The same date without its day ("November 2017").
    pub fn month_year(&self) -> PartialDate {
        PartialDate { day: None, ..*self }
    }

    /// The same date reduced to its year.
    pub fn year_only(&self) -> PartialDate {
        PartialDate {
            month: None,
            day: None,
            ..*self
        }
    }

    /// Seconds since 1970 at midnight UTC of the date's first day (for reproducible timestamps).
    pub fn unix_seconds(&self) -> i64 {
        let (y, m, d) = (
            self.year as i64,
            self.month.unwrap_or(1) as i64,
            self.day.unwrap_or(1) as i64,
        );
        // Days from civil (Howard Hinnant's algorithm).
        let y = if m <= 2 { y - 1 } else { y };
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let mp = (m + 9) % 12;
        let doy = (153 * mp + 2) / 5 + d - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        (era * 146097 + doe - 719468) * 86400
    }
}

/// The year-first form of a date written day, month, year (`15.06.2026`, `15/06/2026`) or
/// month, year (`06.2026`), when it reads as one.
fn year_last(s: &str) -> Option<String> {
    let parts: Vec<&str> = s.split(['.', '/']).collect();
    let digits = |p: &str| !p.is_empty() && p.len() <= 2 && p.bytes().all(|b| b.is_ascii_digit());
    let (year, rest) = parts.split_last()?;
    if year.len() != 4
        || !year.bytes().all(|b| b.is_ascii_digit())
        || !rest.iter().all(|p| digits(p))
    {
        return None;
    }
    let n: Vec<u8> = rest.iter().map(|p| p.parse().unwrap_or(0)).collect();
    match n[..] {
        [m @ 1..=12] => Some(format!("{year}-{m:02}")),
        [d @ 1..=31, m @ 1..=12] => Some(format!("{year}-{m:02}-{d:02}")),
        _ => None,
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_rejects_dates() {
        assert_eq!(
            PartialDate::parse("2017-11-04").unwrap().long(),
            "4 November 2017"
        );
        assert_eq!(PartialDate::parse("2018-06").unwrap().long(), "June 2018");
        assert!(
            PartialDate::parse("2017-02-29")
                .unwrap_err()
                .contains("01 to 28")
        );
        assert!(
            PartialDate::parse("2017-13")
                .unwrap_err()
                .contains("01 to 12")
        );
        assert!(PartialDate::parse("17-01-01").is_err());
        assert_eq!(
            PartialDate::parse("1970-01-02").unwrap().unix_seconds(),
            86400
        );
    }
}
