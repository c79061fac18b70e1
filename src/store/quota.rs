//! How much the browser lets this site keep, and asking it to keep the
//! data for good (navigator.storage).

use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Storage used and available to this site.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Usage {
    /// Bytes used.
    pub used: f64,
    /// Bytes the browser allows.
    pub quota: f64,
    /// Whether the browser promised not to evict the data.
    pub persisted: bool,
}

fn manager() -> Option<web_sys::StorageManager> {
    Some(leptos::prelude::window().navigator().storage())
}

/// The current usage, or `None` where the browser does not say.
pub async fn usage() -> Option<Usage> {
    let m = manager()?;
    let estimate = JsFuture::from(m.estimate().ok()?).await.ok()?;
    let estimate: web_sys::StorageEstimate = estimate.unchecked_into();
    let persisted = match m.persisted() {
        Ok(p) => JsFuture::from(p).await.ok().and_then(|v| v.as_bool()),
        Err(_) => None,
    };
    Some(Usage {
        used: estimate.get_usage().unwrap_or(0.0),
        quota: estimate.get_quota().unwrap_or(0.0),
        persisted: persisted.unwrap_or(false),
    })
}

/// Asks the browser to keep this site's data; true when granted.
pub async fn request_persist() -> bool {
    let Some(m) = manager() else { return false };
    let Ok(promise) = m.persist() else {
        return false;
    };
    JsFuture::from(promise)
        .await
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}
