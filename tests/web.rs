//! Browser tests: mount the app in headless Chromium and drive it.
//! Run with `cargo test --target wasm32-unknown-unknown --test web`.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn body() -> web_sys::HtmlElement {
    document().body().expect("a test page has a body")
}

#[wasm_bindgen_test]
fn app_shell_mounts_with_chinese_navigation() {
    let _handle = leptos::mount::mount_to(body(), shenbao::ui::HomeApp);
    let nav = document()
        .query_selector(".app-nav")
        .expect("valid selector")
        .expect("the app renders its navigation");
    let text = nav.text_content().unwrap_or_default();
    for label in ["首页", "填写", "审阅"] {
        assert!(text.contains(label), "navigation lacks {label}: {text}");
    }
}

mod drafts_in_local_storage {
    use gloo_storage::{LocalStorage, Storage};
    use shenbao::model::saved::SCHEMA;
    use shenbao::model::Draft;
    use shenbao::store::{drafts, StoreError};
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn a_saved_draft_reads_back_identically() {
        let mut d = Draft::new("web-roundtrip", "jiangsu-2011", "team");
        d.values.set_text("team_name", "常州供电公司客服班");
        d.values.set_cell("honours", 0, "title", "巾帼文明岗");
        drafts::save(&d, 1_000.0, "tab-a", 0).expect("localStorage accepts a small draft");
        let saved = drafts::load("web-roundtrip")
            .expect("readable")
            .expect("present");
        assert_eq!(saved.draft, d);
        assert_eq!(saved.saved_at, 1_000.0);
        assert_eq!(saved.schema, SCHEMA);
        assert_eq!(saved.rev, 1);
        drafts::delete("web-roundtrip");
        assert_eq!(drafts::load("web-roundtrip"), Ok(None));
    }

    #[wasm_bindgen_test]
    fn a_damaged_entry_is_reported_and_kept_and_hides_no_other_draft() {
        let good = Draft::new("web-good", "jiangsu-2011", "individual");
        drafts::save(&good, 2_000.0, "tab-a", 0).expect("saved");
        let bad_key = format!("{}web-bad", drafts::PREFIX);
        LocalStorage::raw()
            .set_item(&bad_key, "{not json")
            .expect("raw write");
        let (list, errors) = drafts::load_all();
        assert!(list.iter().any(|s| s.draft.id == "web-good"));
        assert!(matches!(&errors[..], [StoreError::Corrupt { key, .. }] if *key == bad_key));
        // Nothing was deleted to make the list readable.
        assert_eq!(
            LocalStorage::raw()
                .get_item(&bad_key)
                .ok()
                .flatten()
                .as_deref(),
            Some("{not json")
        );
        LocalStorage::raw().remove_item(&bad_key).expect("cleanup");
        drafts::delete("web-good");
    }
}

mod saving_from_two_tabs {
    use shenbao::model::Draft;
    use shenbao::store::{drafts, StoreError};
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn a_save_based_on_a_stale_revision_is_refused() {
        let mut d = Draft::new("web-two-tabs", "jiangsu-2011", "team");
        let rev_a = drafts::save(&d, 1.0, "tab-a", 0).expect("first save");
        // Tab B opened the draft at rev_a and saved.
        d.values.set_text("team_name", "B");
        let rev_b = drafts::save(&d, 2.0, "tab-b", rev_a).expect("B saves");
        assert_eq!(rev_b, rev_a + 1);
        // Tab A still thinks the draft is at rev_a: its save must not land.
        d.values.set_text("team_name", "A");
        let err = drafts::save(&d, 3.0, "tab-a", rev_a).expect_err("stale");
        assert!(matches!(err, StoreError::Conflict { .. }));
        let stored = drafts::load("web-two-tabs").expect("ok").expect("present");
        assert_eq!(stored.draft.values.text("team_name"), "B");
        drafts::delete("web-two-tabs");
    }
}

mod files_in_indexeddb {
    use shenbao::store::files;
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    async fn a_stored_blob_reads_back_byte_for_byte() {
        let bytes: Vec<u8> = (0..100_000u32).map(|i| (i * 31 % 256) as u8).collect();
        let blob = files::blob_from(&bytes, "application/pdf").expect("blob");
        files::put("web-file-1", "draft-x", &blob)
            .await
            .expect("stored");
        let back = files::get("web-file-1")
            .await
            .expect("read")
            .expect("present");
        assert_eq!(files::bytes(&back).await.expect("bytes"), bytes);
        assert_eq!(files::head(&back, 8).await.expect("head"), bytes[..8]);
        assert!(files::ids()
            .await
            .expect("ids")
            .contains(&"web-file-1".to_owned()));
        files::delete(&["web-file-1".to_owned()])
            .await
            .expect("deleted");
        assert!(files::get("web-file-1").await.expect("read").is_none());
    }
}

mod review_batch_in_local_storage {
    use gloo_storage::{LocalStorage, Storage};
    use shenbao::review::Row;
    use shenbao::store::review_batch;
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    fn the_reviewers_table_reads_back_and_another_layout_is_ignored() {
        let rows = vec![
            Row::failed(1, "不是申报包.zip", "不是 ZIP 文件"),
            Row::failed(2, "第二个.zip", "文件过大"),
        ];
        review_batch::save(&rows).expect("saved");
        assert_eq!(review_batch::load(), rows);
        // An empty table removes the entry.
        review_batch::save(&[]).expect("cleared");
        assert!(LocalStorage::raw()
            .get_item("shenbao.v1.review-batch")
            .expect("readable")
            .is_none());
        // Rows of another version are not misread.
        LocalStorage::raw()
            .set_item("shenbao.v1.review-batch", r#"{"version":9,"rows":[]}"#)
            .expect("raw write");
        assert!(review_batch::load().is_empty());
        LocalStorage::delete("shenbao.v1.review-batch");
    }
}

mod reading_files_one_after_another {
    use shenbao::store::files;
    use wasm_bindgen_test::*;

    #[wasm_bindgen_test]
    async fn one_buffer_serves_file_after_file() {
        let big: Vec<u8> = (0..3_000_000u32).map(|i| (i % 251) as u8).collect();
        let small: Vec<u8> = (0..1_000u32).map(|i| (i % 7) as u8).collect();
        let first = files::array_reused(&files::blob_from(&big, "application/zip").expect("blob"))
            .await
            .expect("read");
        assert_eq!(first.to_vec(), big);
        let second =
            files::array_reused(&files::blob_from(&small, "application/zip").expect("blob"))
                .await
                .expect("read");
        assert_eq!(second.to_vec(), small);
        // The second read took over the first one's memory: its view is
        // gone (detached) instead of waiting for the garbage collector.
        assert_eq!(first.length(), 0);
        assert!(second.buffer().byte_length() >= 3_000_000);
    }
}
