//! 打印: the paper form of one draft (`/print/?d=<draft>`), laid out for A4
//! by `style/form.css`, with the signer's key fingerprint, the form data
//! digest and a QR code of both at the foot of every page. Printing is the
//! browser's own.

use leptos::prelude::*;

use crate::model::Draft;
use crate::package::{form_digest, grouped_hex, hex};
use crate::render::{footer_html, form_body, print_code, qr_svg, Footer};
use crate::store::keys;
use crate::ui::components::DraftPage;
use crate::ui::use_app_state;

/// The print screen: the draft named in the address, or what to do
/// without one.
#[component]
pub fn PrintScreen() -> impl IntoView {
    view! {
        <section class="screen print-screen" data-testid="screen-print">
            <DraftPage title="打印申报表" hint="打开一份草稿，再在填写页点“打印申报表”。" found=|saved| view! { <PaperForm draft=saved.draft /> } />
        </section>
    }
}

/// The form of a draft as it prints, with the print button above it.
#[component]
fn PaperForm(draft: Draft) -> impl IntoView {
    let state = use_app_state();
    let body = state.campaign.with_untracked(|c| form_body(c, &draft));
    let digest = form_digest(&draft).ok();
    // The key that will sign this draft's package; made now if this browser
    // has none yet, so that the paper names the same key as the package.
    let key = RwSignal::new(keys::load().map(Ok::<_, String>));
    if key.get_untracked().is_none() {
        leptos::task::spawn_local(async move {
            key.set(Some(keys::load_or_create().await));
        });
    }
    let key_error = move || key.with(|k| k.as_ref().and_then(|k| k.as_ref().err()).cloned());
    let footer = move || {
        let fingerprint = key.with(|k| match k {
            Some(Ok(k)) => k.fingerprint.clone(),
            Some(Err(_)) => "（无法读取本机签名密钥）".to_owned(),
            None => "（正在准备签名密钥……）".to_owned(),
        });
        let (digest_text, code) = match digest {
            Some(d) => (
                grouped_hex(&d[..16]),
                print_code(&fingerprint, &hex(&d)).map(|c| qr_svg(&c)),
            ),
            None => ("（无法计算）".to_owned(), None),
        };
        footer_html(
            &Footer {
                fingerprint,
                digest: digest_text,
            },
            &code.unwrap_or_default(),
        )
    };
    let edit_href = format!("/fill/?d={}", draft.id);
    let print = move |_| {
        if let Err(e) = window().print() {
            leptos::logging::warn!("print: {e:?}");
        }
    };
    view! {
        <div class="print-toolbar no-print">
            <div class="row-actions">
                <button type="button" class="primary" data-testid="print" on:click=print>
                    "打印"
                </button>
                <a class="button" href=edit_href rel="external">
                    "返回填写"
                </a>
            </div>
            <p class="meta">
                "打印时纸张选 A4、缩放 100%，并取消浏览器的“页眉和页脚”。每页页脚印有本机签名公钥指纹、表单数据摘要和二维码，审阅时用来核对纸质件与电子申报包是否一致；修改草稿后请重新打印。"
            </p>
            {move || {
                key_error()
                    .map(|e| {
                        view! {
                            <p class="notice notice-error" role="alert">
                                {format!("无法准备签名密钥：{e}。页脚将缺少指纹和二维码，请联网刷新本页后再打印。")}
                            </p>
                        }
                    })
            }}
        </div>
        <table class="print-frame">
            <tfoot>
                <tr>
                    <td data-testid="print-footer" inner_html=footer></td>
                </tr>
            </tfoot>
            <tbody>
                <tr>
                    <td inner_html=body></td>
                </tr>
            </tbody>
        </table>
    }
}
