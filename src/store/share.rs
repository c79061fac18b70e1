//! The system share sheet for a file (navigator.share), where the browser
//! has one that takes files.

use wasm_bindgen::prelude::*;

#[wasm_bindgen(module = "/src/store/share.js")]
extern "C" {
    #[wasm_bindgen(js_name = canShareFile)]
    fn can_share_file(name: &str, media_type: &str) -> bool;
    #[wasm_bindgen(catch, js_name = shareFile)]
    async fn share_file(
        bytes: &[u8],
        name: &str,
        media_type: &str,
        title: &str,
        text: &str,
    ) -> Result<JsValue, JsValue>;
}

/// Whether this browser can share a file of this name and type.
pub fn can_share(name: &str, media_type: &str) -> bool {
    can_share_file(name, media_type)
}

/// Opens the share sheet with the file. A user who closes the sheet is
/// not an error worth showing, so only other failures come back.
pub async fn share(
    bytes: &[u8],
    name: &str,
    media_type: &str,
    title: &str,
    text: &str,
) -> Result<(), String> {
    match share_file(bytes, name, media_type, title, text).await {
        Ok(_) => Ok(()),
        Err(e) => {
            let name = js_sys::Reflect::get(&e, &"name".into())
                .ok()
                .and_then(|n| n.as_string())
                .unwrap_or_default();
            if name == "AbortError" {
                Ok(())
            } else {
                Err(format!("无法分享文件（{name}），请改用下载后发送"))
            }
        }
    }
}
