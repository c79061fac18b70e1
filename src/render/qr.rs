//! The QR code printed at the foot of every page of a paper form, and what
//! it encodes: the signer's key fingerprint and the SHA-256 of the form's
//! data (`form.json`), so that a reviewer holding the stamped paper can
//! match it with the electronic package by scanning it.

use qrcodegen::{QrCode, QrCodeEcc, QrSegment};

use super::escape;

/// What a print code starts with: the app and the version of this layout.
pub const PRINT_CODE_PREFIX: &str = "SHENBAO:1:";

/// The light margin around the code, in modules (the standard's minimum).
const QUIET_ZONE: i32 = 4;

/// The text of the QR code on a printed form:
/// `SHENBAO:1:<fingerprint>:<form digest>`, where the fingerprint is the 32
/// hex digits of the key fingerprint (`PublicKey::fingerprint`, the
/// spaces dropped) and the digest the 64 hex digits of the SHA-256 of
/// `form.json`, both uppercase. Uppercase hex, digits and `:` are all in
/// the QR alphanumeric set, which keeps the code small.
///
/// Either input may be grouped (`3F2A 9C01 …`) or lowercase, as the package
/// manifest and the reviewer's report spell them. `None` unless the
/// fingerprint has 32 hex digits and the digest 64.
pub fn print_code(fingerprint: &str, form_sha256: &str) -> Option<String> {
    let fingerprint = hex_digits(fingerprint, 32)?;
    let digest = hex_digits(form_sha256, 64)?;
    Some(format!("{PRINT_CODE_PREFIX}{fingerprint}:{digest}"))
}

/// The hex digits of `text`, spaces dropped, uppercase; `None` unless there
/// are exactly `len` of them and nothing else.
fn hex_digits(text: &str, len: usize) -> Option<String> {
    let digits: String = text
        .chars()
        .filter(|c| *c != ' ')
        .map(|c| c.to_ascii_uppercase())
        .collect();
    (digits.len() == len && digits.chars().all(|c| c.is_ascii_hexdigit())).then_some(digits)
}

/// A QR code of `text` (error correction level M) as an SVG element: black
/// modules on a white square with the standard quiet zone, sized by its
/// `viewBox` so that CSS sets its size. Colours are attributes, not
/// styles, so it is allowed under the app's Content-Security-Policy. Text
/// in the QR alphanumeric set (digits, uppercase, ` $%*+-./:`) is encoded
/// in that mode. Empty when the text is too long for any QR code (over
/// about 2,300 bytes).
pub fn qr_svg(text: &str) -> String {
    let segments = if QrSegment::is_alphanumeric(text) {
        vec![QrSegment::make_alphanumeric(text)]
    } else {
        vec![QrSegment::make_bytes(text.as_bytes())]
    };
    let Ok(code) = QrCode::encode_segments(&segments, QrCodeEcc::Medium) else {
        return String::new();
    };
    let size = code.size() + 2 * QUIET_ZONE;
    let mut path = String::with_capacity(64 * 64);
    for y in 0..code.size() {
        let mut x = 0;
        while x < code.size() {
            if !code.get_module(x, y) {
                x += 1;
                continue;
            }
            // One rectangle per horizontal run of dark modules.
            let start = x;
            while x < code.size() && code.get_module(x, y) {
                x += 1;
            }
            path.push_str(&format!(
                "M{},{}h{}v1h-{}z",
                start + QUIET_ZONE,
                y + QUIET_ZONE,
                x - start,
                x - start
            ));
        }
    }
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"qr\" viewBox=\"0 0 {size} {size}\" \
         role=\"img\" aria-label=\"{label}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path d=\"{path}\" fill=\"#000\"/></svg>",
        label = escape(text),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    const FINGERPRINT: &str = "3F2A 9C01 D4E5 B6A7 0000 1111 2222 3333";
    const DIGEST: &str = "5e884898da28047151d0e56f8dc6292773603d0d6aabbdd62a11ef721d1542d8";

    #[test]
    fn the_print_code_names_key_and_form() {
        let code = print_code(FINGERPRINT, DIGEST).expect("valid inputs");
        assert_eq!(
            code,
            "SHENBAO:1:3F2A9C01D4E5B6A70000111122223333:\
             5E884898DA28047151D0E56F8DC6292773603D0D6AABBDD62A11EF721D1542D8"
        );
        // Grouped or not, upper or lower case: one spelling.
        let grouped_digest = crate::package::grouped_hex(
            &crate::package::sha256(b"x"), // any 32 bytes
        );
        let a = print_code(&FINGERPRINT.to_lowercase(), &grouped_digest);
        let b = print_code(
            &FINGERPRINT.replace(' ', ""),
            &crate::package::hex(&crate::package::sha256(b"x")),
        );
        assert_eq!(a, b);
        assert!(a.is_some());
        assert!(QrSegment::is_alphanumeric(&code));
    }

    #[test]
    fn a_malformed_fingerprint_or_digest_gives_no_code() {
        assert_eq!(print_code("", DIGEST), None);
        assert_eq!(print_code(&FINGERPRINT[..38], DIGEST), None);
        assert_eq!(print_code(FINGERPRINT, &DIGEST[..62]), None);
        assert_eq!(print_code(&FINGERPRINT.replace('F', "G"), DIGEST), None);
        assert_eq!(print_code(FINGERPRINT, &format!("{DIGEST}:")), None);
    }

    /// The dark modules an SVG draws, read back from its path.
    fn modules(svg: &str) -> (i32, Vec<(i32, i32)>) {
        let size: i32 = svg
            .split("viewBox=\"0 0 ")
            .nth(1)
            .and_then(|s| s.split(' ').next())
            .and_then(|s| s.parse().ok())
            .expect("a viewBox");
        let d = svg
            .split(" d=\"")
            .nth(1)
            .and_then(|s| s.split('"').next())
            .expect("a path");
        let mut dark = Vec::new();
        for run in d.split('z').filter(|r| !r.is_empty()) {
            let (xy, rest) = run[1..].split_once('h').expect("M x,y h");
            let (x, y) = xy.split_once(',').expect("x,y");
            let (x, y): (i32, i32) = (x.parse().expect("x"), y.parse().expect("y"));
            let width: i32 = rest
                .split('v')
                .next()
                .and_then(|w| w.parse().ok())
                .expect("w");
            dark.extend((x..x + width).map(|x| (x, y)));
        }
        (size, dark)
    }

    #[test]
    fn the_svg_draws_exactly_the_codes_dark_modules() {
        let text = print_code(FINGERPRINT, DIGEST).expect("valid");
        let svg = qr_svg(&text);
        let code =
            QrCode::encode_segments(&[QrSegment::make_alphanumeric(&text)], QrCodeEcc::Medium)
                .expect("fits");
        let (size, dark) = modules(&svg);
        assert_eq!(size, code.size() + 8);
        let mut expected = Vec::new();
        for y in 0..code.size() {
            for x in 0..code.size() {
                if code.get_module(x, y) {
                    expected.push((x + 4, y + 4));
                }
            }
        }
        assert_eq!(dark, expected);
        // The three finder patterns' corners are dark, the quiet zone light.
        assert!(dark.contains(&(4, 4)));
        assert!(dark.contains(&(size - 5, 4)));
        assert!(dark.contains(&(4, size - 5)));
        assert!(!dark
            .iter()
            .any(|&(x, y)| x < 4 || y < 4 || x >= size - 4 || y >= size - 4));
    }

    #[test]
    fn the_svg_is_safe_under_the_csp() {
        let svg = qr_svg("<script>alert(\"x\")</script>");
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
        assert!(!svg.contains("<script"));
        assert!(!svg.contains("style"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("fill=\"#000\""));
    }

    #[test]
    fn text_too_long_for_a_qr_code_gives_nothing() {
        assert_eq!(qr_svg(&"字".repeat(2000)), "");
        assert!(!qr_svg("短").is_empty());
    }
}
