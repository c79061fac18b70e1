//! Widgets shared by the screens, one per file.

mod campaign_panel;
mod category_picker;
mod draft_list;
mod draft_page;
mod editor_context;
mod field_input;
mod findings_panel;
mod form_editor;
mod forward_form;
mod materials_panel;
mod package_detail;
mod package_panel;
mod quota_table;
mod storage_panel;
mod table_input;

pub use campaign_panel::CampaignPanel;
pub use category_picker::CategoryPicker;
pub use draft_list::DraftList;
pub use draft_page::DraftPage;
pub use editor_context::{use_editor, EditorContext};
pub use field_input::FieldInput;
pub use findings_panel::FindingsPanel;
pub use form_editor::FormEditor;
pub use forward_form::ForwardForm;
pub use materials_panel::MaterialsPanel;
pub use package_detail::PackageDetail;
pub use package_panel::PackagePanel;
pub use quota_table::QuotaTable;
pub use storage_panel::StoragePanel;
pub use table_input::TableInput;
