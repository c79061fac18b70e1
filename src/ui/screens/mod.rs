//! One component per screen.

mod fill;
mod home;
mod not_found;
mod review;
mod survey;

pub use fill::{display_name, FillScreen};
pub use home::HomeScreen;
pub use not_found::NotFound;
pub use review::ReviewScreen;
pub use survey::SurveyScreen;
