//! Handing bytes to the user as a downloaded file.

use wasm_bindgen::JsCast;

use super::{files, StoreError};

/// Starts a download of `bytes` named `name`.
pub fn download(bytes: &[u8], name: &str, media_type: &str) -> Result<(), StoreError> {
    download_blob(&files::blob_from(bytes, media_type)?, name)
}

/// Starts a download of bytes held in JavaScript. The media type is
/// `application/octet-stream` unless given, so the browser saves rather
/// than shows them.
pub fn download_array(
    bytes: &js_sys::Uint8Array,
    name: &str,
    media_type: &str,
) -> Result<(), StoreError> {
    let parts = js_sys::Array::of1(bytes);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(media_type);
    let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)
        .map_err(|e| StoreError::Browser(format!("{e:?}")))?;
    download_blob(&blob, name)
}

/// Starts a download of a Blob named `name`.
pub fn download_blob(blob: &web_sys::Blob, name: &str) -> Result<(), StoreError> {
    let url = web_sys::Url::create_object_url_with_blob(blob)
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
