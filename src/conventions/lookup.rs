//! Resolving a legal citation against the dataset.

use super::Dataset;
use crate::diagnostic::closest;
use crate::parse::citation;
use serde::Serialize;

/// A citation that names an instrument of the dataset and, optionally, one of its articles.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct ProvisionRef {
    pub instrument: String,
    pub article: Option<u32>,
    pub paragraph: Option<String>,
}

impl ProvisionRef {
    /// Canonical text: `ICCPR art. 9`, `CRC art. 2(2)`, `ILO C029 art. 2`.
    pub fn display(&self) -> String {
        let inst = if is_ilo_id(&self.instrument) {
            format!("ILO {}", self.instrument)
        } else {
            self.instrument.clone()
        };
        match self.article {
            None => inst,
            Some(a) => format!("{inst} art. {a}{}", self.paragraph.as_deref().unwrap_or("")),
        }
    }
    /// The same provision at article level (paragraph dropped).
    pub fn article_level(&self) -> ProvisionRef {
        ProvisionRef {
            paragraph: None,
            ..self.clone()
        }
    }
}

pub fn is_ilo_id(id: &str) -> bool {
    id.len() == 4
        && (id.starts_with('C') || id.starts_with('P'))
        && id[1..].bytes().all(|b| b.is_ascii_digit())
}

impl Dataset {
    /// Resolves citation text, or explains what is wrong with a suggestion where one exists.
    pub fn resolve_citation(&self, text: &str) -> Result<ProvisionRef, String> {
        let syntax = citation::parse(text)?;
        let Some(inst) = self.instrument(&syntax.instrument) else {
            let mut msg = format!("unknown instrument `{}`", syntax.instrument);
            if let Some(c) = closest(&syntax.instrument, self.instrument_names()) {
                let suggestion = match syntax.article {
                    Some(a) => format!(
                        "{} art. {a}{}",
                        c,
                        syntax.paragraph.as_deref().unwrap_or("")
                    ),
                    None => c.to_string(),
                };
                msg = format!("{msg}; did you mean `{suggestion}`?");
            } else {
                msg.push_str(" (run `rapporteur conventions` for the list of instruments)");
            }
            return Err(msg);
        };
        if let Some(a) = syntax.article
            && (a == 0 || a > inst.articles)
        {
            return Err(format!(
                "article {a} is out of range: {} has {} articles (1 to {}; `rapporteur conventions {}` lists their subjects)",
                inst.id, inst.articles, inst.articles, inst.id
            ));
        }
        Ok(ProvisionRef {
            instrument: inst.id.clone(),
            article: syntax.article,
            paragraph: syntax.paragraph,
        })
    }

    /// The official text's address for a provision (the instrument's page).
    pub fn provision_url(&self, p: &ProvisionRef) -> Option<String> {
        self.instruments
            .get(&p.instrument)
            .and_then(|i| i.url.clone())
    }

    /// The topic label of an article, if the dataset has one (English).
    pub fn article_topic(&self, p: &ProvisionRef) -> Option<&str> {
        self.article_topic_in(p, "en")
    }

    /// The topic label of an article in a language: the English one, or the one `topics:` gives
    /// in that language; none where the dataset has no caption in it (an edition prints the
    /// article alone rather than an English caption).
    pub fn article_topic_in(&self, p: &ProvisionRef, language: &str) -> Option<&str> {
        let a = p.article?;
        let provision = self
            .instruments
            .get(&p.instrument)?
            .provisions
            .iter()
            .find(|x| x.article == a)?;
        match language {
            "en" => Some(provision.topic.as_str()),
            other => provision.topics.get(other).map(String::as_str),
        }
    }

    /// The roles in which an article binds a State party, when the dataset marks them (see
    /// `binds` in the Migrant Workers Convention's file); `None` for an unmarked article or a
    /// whole instrument, which bind a party in any role.
    pub fn binds(&self, p: &ProvisionRef) -> Option<&[super::Role]> {
        let a = p.article?;
        let marks = &self
            .instruments
            .get(&p.instrument)?
            .provisions
            .iter()
            .find(|x| x.article == a)?
            .binds;
        (!marks.is_empty()).then_some(marks.as_slice())
    }

    /// Whether a provision binds a State party in `role` (an unmarked provision binds it in any).
    pub fn binds_in(&self, p: &ProvisionRef, role: super::Role) -> bool {
        self.binds(p).is_none_or(|r| r.contains(&role))
    }
}

impl Dataset {
    /// The deletion that removes this article, if any (whatever the state).
    pub fn deletion(&self, p: &ProvisionRef) -> Option<&super::Deletion> {
        let a = p.article?;
        self.instruments
            .get(&p.instrument)?
            .deleted
            .iter()
            .find(|d| (d.from..=d.to).contains(&a))
    }

    /// The deletion that removes this article for this state: the state is a party to the
    /// deleting instrument (a known fact).
    pub fn deleted_for(&self, state: &str, p: &ProvisionRef) -> Option<&super::Deletion> {
        self.deletion(p).filter(|d| self.is_party(state, &d.by))
    }

    /// The body whose document-symbol prefix starts `symbol` (`CMW/C/KGZ/CO/1` -> CMW), longest
    /// prefix first. Unknown trailing segments (`/Add.1`, `/Corr.1`) are accepted.
    /// A Human Rights Council symbol (`A/HRC/43/10`, the UPR Working Group's report on a review,
    /// and its addenda) belongs to the UPR.
    pub fn body_of_symbol(&self, symbol: &str) -> Option<&super::Body> {
        let s = symbol.trim();
        if let Ok(parsed) = crate::parse::symbol::parse(s)
            && matches!(
                parsed.series,
                crate::parse::symbol::Series::HumanRightsCouncil { .. }
            )
        {
            return self
                .bodies
                .values()
                .find(|b| b.kind == super::BodyKind::Upr);
        }
        self.bodies
            .values()
            .filter(|b| {
                b.symbol_prefix.as_deref().is_some_and(|p| {
                    s.len() > p.len() && s.starts_with(p) && s.as_bytes()[p.len()] == b'/'
                })
            })
            .max_by_key(|b| b.symbol_prefix.as_ref().map_or(0, String::len))
    }

    /// A symbol parsed and checked strictly (its form, then its body): the symbol and the body,
    /// or what is wrong, with the forms and the known prefixes.
    pub fn document(
        &self,
        symbol: &str,
    ) -> Result<(crate::parse::symbol::Symbol, &super::Body), String> {
        let parsed = crate::parse::symbol::parse(symbol)?;
        match self.body_of_symbol(&parsed.text) {
            Some(b) => Ok((parsed, b)),
            None => {
                let prefixes: Vec<&str> = self
                    .bodies
                    .values()
                    .filter_map(|b| b.symbol_prefix.as_deref())
                    .collect();
                Err(format!(
                    "`{}` is not a document of a known body (symbols start with one of: {}, or A/HRC/<session>/ for the UPR)",
                    parsed.text,
                    prefixes.join(", ")
                ))
            }
        }
    }
}
