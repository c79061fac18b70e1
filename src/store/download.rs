//! Handing bytes to the user as a downloaded file.

use wasm_bindgen::JsCast;

use super::{files, StoreError};

/// Starts a download of `bytes` named `name`.
pub fn download(bytes: &[u8], name: &str, media_type: &str) -> Result<(), StoreError> {
    let blob = files::blob_from(bytes, media_type)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob)
        .map_err(|e| StoreError::Browser(format!("{e:?}")))?;
    let document = leptos::prelude::document();
    let anchor = document
        .create_element("a")
        .map_err(|e| StoreError::Browser(format!("{e:?}")))?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| StoreError::Browser("无法创建下载链接".to_owned()))?;
    anchor.set_href(&url);
    anchor.set_download(name);
    anchor.set_hidden(true);
    if let Some(body) = document.body() {
        let _ = body.append_child(&anchor);
        anchor.click();
        let _ = body.remove_child(&anchor);
    }
    // The browser has taken its copy once the click is handled; free the
    // URL a little later rather than racing it.
    leptos::prelude::set_timeout(
        move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        },
        std::time::Duration::from_secs(30),
    );
    Ok(())
}
