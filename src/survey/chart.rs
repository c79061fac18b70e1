//! The report's charts as inline SVG text: item mean scores as horizontal
//! bars on a 0–100 axis, and each item's answers as a 100 % stacked bar.
//!
//! Sizes are fixed (they are printed on A4), every label is escaped, and the
//! level colours run from dark to light in one hue, so a greyscale print
//! still tells the levels apart.

use super::report::escape;
use super::stats::{fmt_score, Stats};

/// The SVG's width in px; 640 px is about 17 cm at print resolution, the
/// A4 text width with our margins.
pub const WIDTH: f64 = 640.0;
/// Where bars start: room for a 12-character item name.
const LABEL_W: f64 = 190.0;
/// The plot's width; the rest is for value labels.
const PLOT_W: f64 = 390.0;
const ROW_H: f64 = 26.0;
const BAR_H: f64 = 16.0;
const TOP: f64 = 12.0;
const AXIS_H: f64 = 28.0;
const FONT: &str = "font-family=\"'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei','PingFang SC',sans-serif\"";
/// The longest label shown in full; longer ones end in … with the full
/// name as the SVG title.
const LABEL_CHARS: usize = 12;
/// The bar colour of the means chart: mid-dark, so its value label (black,
/// after the bar) reads on white.
const BAR: &str = "#4a6785";

/// A coordinate with one decimal, which is all a print needs.
fn c(x: f64) -> String {
    format!("{x:.1}")
}

fn label(name: &str) -> String {
    if name.chars().count() > LABEL_CHARS {
        let head: String = name.chars().take(LABEL_CHARS - 1).collect();
        format!("{head}…")
    } else {
        name.to_owned()
    }
}

fn open_svg(height: f64, title: &str) -> String {
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" role=\"img\" aria-label=\"{t}\" {FONT} font-size=\"12\"><title>{t}</title>",
        w = c(WIDTH),
        h = c(height),
        t = escape(title)
    )
}

/// The item name at the left of row `row`, with the full name as a title.
fn row_label(out: &mut String, row: usize, top: f64, name: &str) {
    let y = top + row as f64 * ROW_H + ROW_H / 2.0 + 4.0;
    out.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"end\"><title>{}</title>{}</text>",
        c(LABEL_W - 8.0),
        c(y),
        escape(name),
        escape(&label(name))
    ));
}

/// Item mean scores as horizontal bars on a 0–100 axis with grid lines
/// every 20 and the value after each bar; an item nobody answered shows
/// 无人作答 instead of a bar.
pub fn mean_bars(stats: &Stats) -> String {
    let rows = stats.items.len();
    let plot_h = rows as f64 * ROW_H;
    let height = TOP + plot_h + AXIS_H;
    let mut out = open_svg(height, "各题平均分");
    for tick in (0..=100).step_by(20) {
        let x = LABEL_W + PLOT_W * f64::from(tick) / 100.0;
        out.push_str(&format!(
            "<line x1=\"{x}\" y1=\"{y1}\" x2=\"{x}\" y2=\"{y2}\" stroke=\"#bbb\" stroke-width=\"0.8\"/><text x=\"{x}\" y=\"{ty}\" text-anchor=\"middle\">{tick}</text>",
            x = c(x),
            y1 = c(TOP),
            y2 = c(TOP + plot_h),
            ty = c(TOP + plot_h + 16.0)
        ));
    }
    for (row, item) in stats.items.iter().enumerate() {
        row_label(&mut out, row, TOP, &item.name);
        let y = TOP + row as f64 * ROW_H + (ROW_H - BAR_H) / 2.0;
        match item.mean {
            Some(mean) => {
                let w = PLOT_W * mean.clamp(0.0, 100.0) / 100.0;
                out.push_str(&format!(
                    "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{BAR}\"/><text x=\"{}\" y=\"{}\">{}</text>",
                    c(LABEL_W),
                    c(y),
                    c(w),
                    c(BAR_H),
                    c(LABEL_W + w + 4.0),
                    c(y + BAR_H - 3.0),
                    fmt_score(mean)
                ));
            }
            None => out.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" fill=\"#555\">无人作答</text>",
                c(LABEL_W + 4.0),
                c(y + BAR_H - 3.0)
            )),
        }
    }
    out.push_str(&format!(
        "<line x1=\"{x}\" y1=\"{y1}\" x2=\"{x}\" y2=\"{y2}\" stroke=\"#000\"/></svg>",
        x = c(LABEL_W),
        y1 = c(TOP),
        y2 = c(TOP + plot_h)
    ));
    out
}

/// The fill of level `index` of `count` (0 = best) and the text colour
/// that reads on it: one hue from dark to light, so the order survives a
/// greyscale print.
pub fn level_colour(index: usize, count: usize) -> (String, &'static str) {
    const DARK: [f64; 3] = [28.0, 52.0, 84.0];
    const LIGHT: [f64; 3] = [226.0, 233.0, 242.0];
    let t = if count > 1 {
        index as f64 / (count - 1) as f64
    } else {
        0.0
    };
    let [r, g, b] = [0, 1, 2].map(|i| (DARK[i] + (LIGHT[i] - DARK[i]) * t).round() as u8);
    let text = if t < 0.5 { "#fff" } else { "#000" };
    (format!("#{r:02x}{g:02x}{b:02x}"), text)
}

/// Each item's answers as a 100 % stacked bar, best level at the left, with
/// the share printed inside segments wide enough for it, and a legend of
/// the levels above.
pub fn distribution_bars(stats: &Stats) -> String {
    let levels = &stats.levels;
    let legend_h = 24.0;
    let top = TOP + legend_h;
    let rows = stats.items.len();
    let height = top + rows as f64 * ROW_H + 8.0;
    let mut out = open_svg(height, "各题评价等级分布");
    let mut x = LABEL_W;
    for (i, level) in levels.iter().enumerate() {
        let (fill, _) = level_colour(i, levels.len());
        let name = label(&level.name);
        out.push_str(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"12\" height=\"12\" fill=\"{fill}\" stroke=\"#000\" stroke-width=\"0.5\"/><text x=\"{}\" y=\"{}\">{}</text>",
            c(x),
            c(TOP),
            c(x + 16.0),
            c(TOP + 10.5),
            escape(&name)
        ));
        x += 24.0 + 12.0 * name.chars().count() as f64;
    }
    for (row, item) in stats.items.iter().enumerate() {
        row_label(&mut out, row, top, &item.name);
        let y = top + row as f64 * ROW_H + (ROW_H - BAR_H) / 2.0;
        if item.answered == 0 {
            out.push_str(&format!(
                "<text x=\"{}\" y=\"{}\" fill=\"#555\">无人作答</text>",
                c(LABEL_W + 4.0),
                c(y + BAR_H - 3.0)
            ));
            continue;
        }
        let mut x = LABEL_W;
        for (i, &count) in item.distribution.iter().enumerate() {
            if count == 0 {
                continue;
            }
            let share = count as f64 / item.answered as f64;
            let w = PLOT_W * share;
            let (fill, ink) = level_colour(i, levels.len());
            out.push_str(&format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\" stroke=\"#fff\" stroke-width=\"0.5\"/>",
                c(x),
                c(y),
                c(w),
                c(BAR_H)
            ));
            if w >= 30.0 {
                out.push_str(&format!(
                    "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{ink}\" font-size=\"10\">{}%</text>",
                    c(x + w / 2.0),
                    c(y + BAR_H - 4.0),
                    (share * 100.0).round()
                ));
            }
            x += w;
        }
    }
    out.push_str("</svg>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::survey::responses::{Response, Responses};
    use crate::survey::stats::compute;
    use crate::survey::test_questionnaire;

    fn stats() -> Stats {
        let mut q = test_questionnaire();
        q.rename_item("attitude", "<script>alert(1)</script>")
            .expect("rename");
        q.rename_level(0, "很满意\"&'").expect("rename");
        let mut rs = Responses::new(&q);
        for level in [0, 0, 1, 2, 4] {
            let mut r = Response::blank(8);
            r.answers[0] = Some(level);
            r.answers[1] = Some(1);
            rs.rows.push(r);
        }
        compute(&q, &rs)
    }

    #[test]
    fn labels_are_escaped() {
        let s = stats();
        for svg in [mean_bars(&s), distribution_bars(&s)] {
            assert!(!svg.contains("<script"), "{svg}");
            assert!(svg.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
            assert!(svg.starts_with("<svg ") && svg.ends_with("</svg>"));
        }
        assert!(distribution_bars(&s).contains("很满意&quot;&amp;&#39;"));
    }

    #[test]
    fn bars_and_shares() {
        let s = stats();
        let bars = mean_bars(&s);
        // (100+100+80+60+0)/5 = 68 → 390 × 0.68 = 265.2 px.
        assert!(bars.contains("width=\"265.2\""), "{bars}");
        assert!(bars.contains(">68.0</text>"));
        assert!(bars.contains("无人作答"), "items 3–8 have no answers");
        let dist = distribution_bars(&s);
        // 2 of 5 chose the best level: 40 %, 156 px wide.
        assert!(dist.contains("width=\"156.0\""), "{dist}");
        assert!(dist.contains(">40%</text>"));
        assert!(dist.contains(">100%</text>"), "服务及时性: all 满意");
    }

    #[test]
    fn colours_darken_with_satisfaction() {
        let lum = |i| {
            let (hex, _) = level_colour(i, 5);
            let v = u32::from_str_radix(&hex[1..], 16).unwrap_or(0);
            let (r, g, b) = (v >> 16, (v >> 8) & 0xff, v & 0xff);
            299 * r + 587 * g + 114 * b
        };
        for i in 0..4 {
            assert!(lum(i) < lum(i + 1), "level {i}");
        }
        assert_eq!(level_colour(0, 5).1, "#fff");
        assert_eq!(level_colour(4, 5).1, "#000");
    }
}
