//! Printable documents made from a draft, as self-contained HTML: no
//! scripts, no external resources, every value escaped; and the QR code
//! that ties a printed form to its package.

mod form_html;
mod qr;

pub use form_html::{footer_html, form_body, form_html, Footer};
pub use qr::{print_code, qr_svg, PRINT_CODE_PREFIX};

/// Text made safe for HTML content and quoted attribute values: `&`, `<`,
/// `>`, `"` and `'` become character references.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_the_five_characters() {
        assert_eq!(
            escape(r#"<a href="x" title='y'>&</a>"#),
            "&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;&lt;/a&gt;"
        );
        assert_eq!(escape("常州市"), "常州市");
    }
}
