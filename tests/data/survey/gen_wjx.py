#!/usr/bin/env python3
"""Writes the 问卷星-style test fixtures beside this script, deterministically.

    python3 tests/data/gen_wjx.py

- wjx-120.csv: a "按文本" export of 120 answer sheets to the default
  questionnaire (8 items), as 问卷星 writes it: UTF-8 with BOM, CRLF, its own
  columns first (序号, 提交答卷时间, 所用时间, 来源, 来源详情, 来自IP), questions
  as "1、您对服务态度的评价：", wjx's level labels (非常满意 … 非常不满意),
  (跳过) for skipped questions and (空) for empty text answers, and comments
  holding commas, quotes and line breaks (so quoted cells). Row 57 skips
  every item, so it is not in the sample.
- wjx-120.xlsx: the same answers as an .xlsx written by openpyxl (if
  installed), dates as Excel dates.
- wjx-120.expected.json: the figures, computed here with numpy independently
  of the Rust code: n, per-item answered count, mean and satisfaction rate,
  the overall index (equal weights), the overall satisfaction rate,
  complete responses and Cronbach's alpha.
- wjx-bad-rows.csv: a short export with three unreadable cells (its expected
  problems are asserted in tests/survey_import.rs).

Randomness is a 32-bit LCG written out here, so the files never depend on
Python's random module.
"""

import csv
import io
import json
import os

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))

ITEMS = [
    ("attitude", "服务态度"),
    ("timeliness", "服务及时性"),
    ("skill", "专业技能"),
    ("conduct", "服务规范(仪容仪表/用语)"),
    ("problem_solving", "解决问题能力"),
    ("communication", "沟通与解释"),
    ("promise", "承诺兑现"),
    ("overall", "总体满意度"),
]
# wjx's default labels, best first, with the campaign's scores.
LABELS = ["非常满意", "满意", "一般", "不满意", "非常不满意"]
SCORES = [100.0, 80.0, 60.0, 30.0, 0.0]
SATISFIED = [True, True, False, False, False]
META = ["序号", "提交答卷时间", "所用时间", "来源", "来源详情", "来自IP"]
SERVICES = ["家电维修", "安装调试", "上门保养", "电话咨询", "投诉处理"]
COMMENTS = [
    "(空)",
    "师傅很耐心，讲解清楚",
    "总体不错,希望上门时间再准时一些",
    "服务很好！\n希望继续保持",
    '维修后说明"保修期"不够清楚',
    "(空)",
    "价格透明，满意",
]


class Lcg:
    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def next(self):
        self.state = (self.state * 1664525 + 1013904223) & 0xFFFFFFFF
        return self.state >> 8


def question(k, name):
    if name == "总体满意度":
        return f"{k}、您对本次服务的总体满意度："
    return f"{k}、您对{name}的评价："


def headers():
    return (
        META
        + [question(k + 1, name) for k, (_, name) in enumerate(ITEMS)]
        + ["9、服务日期：", "10、服务项目：", "11、联系方式（选填）：", "12、您的意见和建议："]
    )


def write_csv(path, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    w.writerow(headers())
    for r in rows:
        w.writerow(r)
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        f.write(buf.getvalue())


def write_xlsx(path, rows):
    """The same sheet as an .xlsx written by openpyxl (a second, independent
    writer of the format), with 序号 as numbers and 服务日期 as real dates, as
    问卷星's own .xlsx export has them. Skipped when openpyxl is missing."""
    try:
        import datetime
        import openpyxl
    except ImportError:
        return
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "答卷数据"
    ws.append(headers())
    for r in rows:
        cells = list(r)
        cells[0] = int(cells[0])
        y, m, d = (int(x) for x in cells[14].split("-"))
        cells[14] = datetime.date(y, m, d)
        ws.append(cells)
    # Fixed document times, so regenerating changes as little as possible.
    wb.properties.created = wb.properties.modified = datetime.datetime(2011, 9, 1)
    wb.save(path)


def main():
    rng = Lcg(20111017)
    rows, levels = [], []  # levels: per row, per item, index or None
    for i in range(1, 121):
        # A respondent's overall mood drives every item (60 %), plus noise
        # per item (40 %), so items correlate as in real surveys.
        mood = rng.next() % 100
        answers = []
        for _ in ITEMS:
            skipped = rng.next() % 100 < 3
            r = (mood * 6 + (rng.next() % 100) * 4) // 10
            if skipped:
                answers.append(None)
            elif r < 45:
                answers.append(0)
            elif r < 80:
                answers.append(1)
            elif r < 91:
                answers.append(2)
            elif r < 97:
                answers.append(3)
            else:
                answers.append(4)
        if i == 57:
            answers = [None] * len(ITEMS)
        levels.append(answers)
        day = 1 + rng.next() % 28
        month = 7 + rng.next() % 2
        contact = "(空)" if rng.next() % 3 else f"13{rng.next() % 10**9:09d}"
        rows.append(
            [
                str(i),
                f"2011/{month}/{day} {9 + i % 9}:{i % 60:02d}:{(i * 7) % 60:02d}",
                f"{60 + rng.next() % 240}秒",
                "手机提交" if i % 3 else "链接",
                "直接访问",
                f"58.192.{i % 256}.{(i * 37) % 256}(江苏-南京)",
            ]
            + [("(跳过)" if a is None else LABELS[a]) for a in answers]
            + [
                f"2011-{month:02d}-{day:02d}",
                SERVICES[rng.next() % len(SERVICES)],
                contact,
                COMMENTS[rng.next() % len(COMMENTS)],
            ]
        )
    write_csv(os.path.join(HERE, "wjx-120.csv"), rows)
    write_xlsx(os.path.join(HERE, "wjx-120.xlsx"), rows)

    # Figures, with numpy, straight from the level indices above.
    answered_rows = [a for a in levels if any(x is not None for x in a)]
    n = len(answered_rows)
    items = []
    for j, (item_id, name) in enumerate(ITEMS):
        col = [a[j] for a in answered_rows if a[j] is not None]
        scores = np.array([SCORES[x] for x in col])
        items.append(
            {
                "id": item_id,
                "answered": len(col),
                "mean": float(scores.mean()),
                "satisfaction_rate": float(np.mean([SATISFIED[x] for x in col])),
            }
        )
    overall_index = float(np.mean([it["mean"] for it in items]))
    all_answers = [x for a in answered_rows for x in a if x is not None]
    satisfaction_rate = float(np.mean([SATISFIED[x] for x in all_answers]))
    complete = np.array(
        [[SCORES[x] for x in a] for a in answered_rows if all(x is not None for x in a)]
    )
    k = complete.shape[1]
    alpha = float(
        k / (k - 1) * (1 - complete.var(axis=0, ddof=1).sum() / complete.sum(axis=1).var(ddof=1))
    )
    expected = {
        "n": n,
        "complete": int(complete.shape[0]),
        "items": items,
        "overall_index": overall_index,
        "satisfaction_rate": satisfaction_rate,
        "alpha": alpha,
    }
    with open(os.path.join(HERE, "wjx-120.expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=2)
        f.write("\n")

    # Three unreadable cells: 满意吧 (row 3), 6 (row 6, after a cell with line
    # breaks in row 5, so file lines and rows differ) and 好评 (row 8).
    bad = [r[:] for r in rows[:8]]
    bad[1][6] = "满意吧"
    bad[3][-1] = "第一行\n第二行\n第三行"
    bad[4][8] = "6"
    bad[6][13] = "好评"
    write_csv(os.path.join(HERE, "wjx-bad-rows.csv"), bad)


if __name__ == "__main__":
    main()
