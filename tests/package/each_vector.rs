//! One test per vector file, so a failure names the vector. The list must
//! match the folder (`the_list_names_every_vector_file`).

use super::vectors::check_file;

macro_rules! vectors {
    ($($name:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $name() {
                check_file($file);
            }
        )*

        const FILES: &[&str] = &[$($file),*];
    };
}

vectors! {
    fail_bad_signature => "fail_bad_signature.zip",
    fail_corrupt_crc => "fail_corrupt_crc.zip",
    fail_data_descriptor => "fail_data_descriptor.zip",
    fail_duplicate_name => "fail_duplicate_name.zip",
    fail_duplicate_name_case => "fail_duplicate_name_case.zip",
    fail_encrypted => "fail_encrypted.zip",
    fail_entry_order => "fail_entry_order.zip",
    fail_entry_too_large => "fail_entry_too_large.zip",
    fail_error_findings => "fail_error_findings.zip",
    fail_extra_field => "fail_extra_field.zip",
    fail_extra_file => "fail_extra_file.zip",
    fail_local_header_mismatch => "fail_local_header_mismatch.zip",
    fail_local_header_mismatch_size => "fail_local_header_mismatch_size.zip",
    fail_malformed_signature => "fail_malformed_signature.zip",
    fail_malformed_zip_appended => "fail_malformed_zip_appended.zip",
    fail_malformed_zip_prepended => "fail_malformed_zip_prepended.zip",
    fail_manifest_invalid => "fail_manifest_invalid.zip",
    fail_manifest_not_canonical => "fail_manifest_not_canonical.zip",
    fail_mimetype_not_first => "fail_mimetype_not_first.zip",
    fail_mimetype_not_stored => "fail_mimetype_not_stored.zip",
    fail_missing_file => "fail_missing_file.zip",
    fail_missing_manifest => "fail_missing_manifest.zip",
    fail_missing_signature => "fail_missing_signature.zip",
    fail_no_mimetype => "fail_no_mimetype.zip",
    fail_noncanonical_header => "fail_noncanonical_header.zip",
    fail_not_zip => "fail_not_zip.bin",
    fail_not_zip_truncated => "fail_not_zip_truncated.zip",
    fail_size_mismatch => "fail_size_mismatch.zip",
    fail_tampered_attachment => "fail_tampered_attachment.zip",
    fail_tampered_form => "fail_tampered_form.zip",
    fail_trusted_comment_mismatch => "fail_trusted_comment_mismatch.zip",
    fail_unsafe_path_absolute => "fail_unsafe_path_absolute.zip",
    fail_unsafe_path_backslash => "fail_unsafe_path_backslash.zip",
    fail_unsafe_path_dotdot => "fail_unsafe_path_dotdot.zip",
    fail_unsafe_path_unicode => "fail_unsafe_path_unicode.zip",
    fail_unsupported_compression => "fail_unsupported_compression.zip",
    fail_unsupported_version => "fail_unsupported_version.zip",
    fail_wrong_key_id => "fail_wrong_key_id.zip",
    fail_wrong_mimetype => "fail_wrong_mimetype.zip",
    fail_zip_bomb => "fail_zip_bomb.zip",
    ok_attachments => "ok_attachments.zip",
    ok_industry_route => "ok_industry_route.zip",
    ok_minimal => "ok_minimal.zip",
    ok_script_attachments => "ok_script_attachments.zip",
    warn_findings => "warn_findings.zip",
}

#[test]
fn the_list_names_every_vector_file() {
    let mut on_disk: Vec<String> = std::fs::read_dir(super::vectors::dir())
        .expect("tests/data/packages exists")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|n| !n.ends_with(".md"))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = FILES.iter().map(|s| (*s).to_owned()).collect();
    listed.sort();
    assert_eq!(on_disk, listed, "add new vector files to the list above");
}
