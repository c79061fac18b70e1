//! The campaign definition: one year's programme as a data file.
//!
//! The 2011 campaign ships in `campaigns/jiangsu-2011.json` and is embedded
//! in the build ([`builtin`]). An organiser can load an edited file instead
//! ([`Campaign::from_json`]); a broken one is refused with a message naming
//! the place ([`CampaignError`]).

mod load;
mod types;

pub use load::{CampaignError, MAX_BYTES};
pub use types::*;

/// The campaign file this build ships.
pub const BUILTIN_JSON: &str = include_str!("../../campaigns/jiangsu-2011.json");

/// The campaign this build ships, checked.
///
/// The file is checked by a native test, so an error here means a broken
/// build; it is still returned, never unwrapped, so the UI can say so.
pub fn builtin() -> Result<Campaign, CampaignError> {
    Campaign::from_json(BUILTIN_JSON)
}

impl Campaign {
    /// The category with this id.
    pub fn category(&self, id: &str) -> Option<&Category> {
        self.categories.iter().find(|c| c.id == id)
    }

    /// The form with this id.
    pub fn form(&self, id: &str) -> Option<&Form> {
        self.forms.iter().find(|f| f.id == id)
    }

    /// The section with this id.
    pub fn section(&self, id: &str) -> Option<&Section> {
        self.sections.iter().find(|s| s.id == id)
    }

    /// The route with this id.
    pub fn route(&self, id: &str) -> Option<&Route> {
        self.routes.iter().find(|r| r.id == id)
    }

    /// The sections of a form in order; unknown ids (impossible once the
    /// definition is checked) are skipped.
    pub fn form_sections<'a>(&'a self, form: &'a Form) -> impl Iterator<Item = &'a Section> + 'a {
        form.sections.iter().filter_map(|id| self.section(id))
    }

    /// Every field of a form, in order.
    pub fn form_fields<'a>(&'a self, form: &'a Form) -> impl Iterator<Item = &'a Field> + 'a {
        self.form_sections(form).flat_map(|s| s.fields.iter())
    }

    /// The field with this id in a form.
    pub fn form_field<'a>(&'a self, form: &'a Form, id: &str) -> Option<&'a Field> {
        self.form_fields(form).find(|f| f.id == id)
    }

    /// The materials a category uses, with its requirement for each.
    pub fn materials_for<'a>(
        &'a self,
        category: &'a str,
    ) -> impl Iterator<Item = (&'a Material, Requirement)> + 'a {
        self.materials
            .iter()
            .filter_map(move |m| m.categories.get(category).map(|r| (m, *r)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_campaign_loads_and_is_complete() {
        let campaign = builtin().expect("the shipped campaign file is valid");
        assert_eq!(campaign.id, "jiangsu-2011");
        assert_eq!(campaign.year, 2011);
        assert_eq!(campaign.office.email, "jsaq2007@126.com");
        let ids: Vec<&str> = campaign.categories.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(
            ids,
            ["enterprise", "manager", "team", "individual", "reeval"]
        );
        let cities = campaign.routes.iter().filter(|r| r.kind == RouteKind::City);
        assert_eq!(cities.count(), 13);
        let changzhou = campaign.route("changzhou").expect("常州 is a route");
        assert_eq!(changzhou.deadline, "2011-10-17");
        assert_eq!(changzhou.copies, 3);
        assert_eq!(campaign.quotas.province.get("individual"), Some(&100));
        assert_eq!(campaign.quotas.province.get("manager"), Some(&10));
        for category in &campaign.categories {
            let form = campaign
                .form(&category.form)
                .expect("each category has its form");
            assert!(
                campaign
                    .form_field(form, &category.applicant_field)
                    .is_some(),
                "{} names the applicant by a field of its form",
                category.id
            );
        }
    }

    #[test]
    fn materials_matrix_follows_the_notice() {
        let campaign = builtin().expect("valid");
        let req = |cat: &str, slot: &str| {
            campaign
                .materials_for(cat)
                .find(|(m, _)| m.id == slot)
                .map(|(_, r)| r)
        };
        assert_eq!(
            req("enterprise", "third_party_report"),
            Some(Requirement::Required)
        );
        assert_eq!(req("team", "third_party_report"), None);
        assert_eq!(req("team", "survey_report"), Some(Requirement::Required));
        assert_eq!(
            req("individual", "survey_report"),
            Some(Requirement::Required)
        );
        assert_eq!(
            req("reeval", "original_certificate"),
            Some(Requirement::Required)
        );
        for cat in ["enterprise", "manager", "team", "individual", "reeval"] {
            assert_eq!(req(cat, "summary"), Some(Requirement::Required), "{cat}");
            assert_eq!(
                req(cat, "honour_certificates"),
                Some(Requirement::Conditional)
            );
        }
    }
}
