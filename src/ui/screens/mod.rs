//! One component per screen.

mod fill;
mod home;
mod not_found;
mod print;
mod review;
mod survey;

pub use fill::{display_name, FillScreen};
pub use home::HomeScreen;
pub use not_found::NotFound;
pub use print::PrintScreen;
pub use review::{status_class, Item, OpenedFiles, ReviewScreen};
pub use survey::SurveyScreen;
