#!/usr/bin/env python3
"""Turns a campaign's chronicle text into dated entry records (entries.json).

    python3 tools/chronicle/segment.py --campaign data/campaigns/xixia-1224
    python3 tools/chronicle/segment.py --campaign data/campaigns/xixia-1224 --check

Inputs, all named by the campaign's campaign.json: the source text (checked
against source.sha256), pua-map.csv, curation.json, and the calendar tables
(months.csv, eras.csv). Output: entries.json, written atomically. --check
regenerates in memory and exits 1 if the committed file differs.

Python 3 standard library only, and deterministic: the same inputs always give
the same bytes, so entries.json can be reviewed and checked in CI.

Problems are printed as `path:line: message` and make the tool exit 1.
docs/data-format.md describes every file and field.
"""

import argparse
import csv
import hashlib
import io
import json
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "pylib"))
from atomic_file import write_atomic  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from annals_layout import AnnalsError, segment_annals  # noqa: E402

FORMAT = "annals-entries"
FORMAT_VERSION = 1

COMMENTARY_KINDS = ("按", "论曰", "附")
KINDS = (
    "siege", "capture", "massacre", "surrender", "battle", "movement",
    "diplomacy", "death", "omen", "disaster", "court", "other",
)
STATES = (
    "besieged", "siege_lifted", "taken", "surrendered", "massacred", "sacked",
    "camp", "battle", "relieved",
)
PUA_STATUSES = ("certain", "probable", "unknown")

SEASONS = {"春": (1, 3), "夏": (4, 6), "秋": (7, 9), "冬": (10, 12)}
STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
# A written polity prefix ("夏乾定元年", "宋理宗宝庆元年") must agree with the
# polity eras.csv gives the era; only the first character is significant.
POLITY_PREFIX = {"宋": "song", "夏": "xia", "金": "jin", "元": "yuan", "蒙": "mongol"}


class ToolError(Exception):
    """A problem in the inputs, already formatted as `path:line: message`."""


def located(path, line, message):
    where = f":{line}" if line else ""
    return ToolError(f"{path}{where}: {message}")


# --- small readers ----------------------------------------------------------


def read_json(path, shown):
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise located(shown, None, f"cannot read: {e.strerror}")
    except UnicodeDecodeError as e:
        raise located(shown, None, f"not UTF-8 ({e.reason})")
    try:
        return json.loads(text), text
    except json.JSONDecodeError as e:
        raise located(shown, e.lineno, f"malformed JSON: {e.msg}")


def read_csv(path, shown, header):
    """Rows as dicts with their 1-based line numbers; the header must match."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as e:
        raise located(shown, None, f"cannot read: {e.strerror}")
    except UnicodeDecodeError as e:
        raise located(shown, path.read_bytes()[: e.start].count(b"\n") + 1, f"not UTF-8 ({e.reason})")
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    rows = []
    try:
        first = next(reader, None)
        if first is None or [h.strip() for h in first] != header:
            raise located(shown, 1, "header must be " + ",".join(header))
        while True:
            line = reader.line_num + 1
            row = next(reader, None)
            if row is None:
                break
            if not row:
                continue
            if len(row) != len(header):
                raise located(shown, line, f"expected {len(header)} fields, found {len(row)}")
            rows.append((line, dict(zip(header, row))))
    except csv.Error as e:
        raise located(shown, reader.line_num, f"malformed CSV: {e}")
    return rows


def line_of(text, needle, after_line=1):
    """Line of the first occurrence of needle at or after after_line, for messages."""
    lines = text.split("\n")
    for i in range(max(after_line, 1) - 1, len(lines)):
        if needle in lines[i]:
            return i + 1
    return None


# --- numbers, code points, Julian dates ---------------------------------------

CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5,
             "六": 6, "七": 7, "八": 8, "九": 9}
CN_NUMERAL = "元正〇零一二三四五六七八九十廿卅"


def cn_number(s):
    """元/正 → 1; 十七 → 17; 二十 → 20; 廿三 → 23. None if s is not a numeral."""
    if s in ("元", "正"):
        return 1
    s = s.replace("廿", "二十").replace("卅", "三十")
    if not s or any(c not in CN_DIGITS and c != "十" for c in s):
        return None
    if "十" in s:
        tens, _, units = s.partition("十")
        if "十" in units:
            return None
        t = CN_DIGITS[tens] if tens else 1
        u = CN_DIGITS[units] if units else 0
        if len(tens) > 1 or len(units) > 1:
            return None
        return t * 10 + u
    if len(s) == 1:
        return CN_DIGITS[s]
    return None


def parse_code_points(field):
    """'U+E4BF U+89C1' → '\\ue4bf见'; None when malformed."""
    parts = field.split()
    if not parts:
        return None
    out = []
    for p in parts:
        m = re.fullmatch(r"U\+([0-9A-Fa-f]{4,6})", p)
        if not m:
            return None
        cp = int(m.group(1), 16)
        if cp > 0x10FFFF or 0xD800 <= cp <= 0xDFFF:
            return None
        out.append(chr(cp))
    return "".join(out)


def is_pua(ch):
    cp = ord(ch)
    return 0xE000 <= cp <= 0xF8FF or 0xF0000 <= cp <= 0xFFFFD or 0x100000 <= cp <= 0x10FFFD


def julian_from_jdn(jdn):
    """Proleptic Julian calendar date (year, month, day) of a Julian Day Number."""
    c = jdn + 32082
    d = (4 * c + 3) // 1461
    e = c - (1461 * d) // 4
    m = (5 * e + 2) // 153
    day = e - (153 * m + 2) // 5 + 1
    month = m + 3 - 12 * (m // 10)
    year = d - 4800 + m // 10
    return year, month, day


def iso_julian(jdn):
    y, m, d = julian_from_jdn(jdn)
    sign = "-" if y < 0 else ""
    return f"{sign}{abs(y):04d}-{m:02d}-{d:02d}"


def sexagenary_index_of_jdn(jdn):
    # JDN 11 was a 甲子 day; the day cycle has run unbroken since.
    return (jdn - 11) % 60


def sexagenary_index(name):
    if len(name) != 2 or name[0] not in STEMS or name[1] not in BRANCHES:
        return None
    s, b = STEMS.index(name[0]), BRANCHES.index(name[1])
    if s % 2 != b % 2:
        return None
    return next(i for i in range(60) if i % 10 == s and i % 12 == b)


# --- the campaign's inputs ------------------------------------------------------


class PuaMap:
    def __init__(self, rows, shown):
        self.rules = []  # (sequence, replacement, status), longest sequence first
        seen = set()
        for line, row in rows:
            seq = parse_code_points(row["sequence"])
            rep = parse_code_points(row["replacement"])
            if seq is None:
                raise located(shown, line, f"sequence '{row['sequence']}' is not U+XXXX code points")
            if rep is None:
                raise located(shown, line, f"replacement '{row['replacement']}' is not U+XXXX code points")
            if not is_pua(seq[0]):
                raise located(shown, line, "a sequence must begin with a Private Use Area code point")
            if row["status"] not in PUA_STATUSES:
                raise located(shown, line, f"status '{row['status']}' is not one of {', '.join(PUA_STATUSES)}")
            if seq in seen:
                raise located(shown, line, f"sequence {row['sequence']} is mapped twice")
            seen.add(seq)
            self.rules.append((seq, rep, row["status"]))
        self.rules.sort(key=lambda r: -len(r[0]))

    def normalize(self, text):
        """Applies the map; returns (normalized, [PUA characters left unmapped])."""
        out, unmapped, i = [], [], 0
        while i < len(text):
            for seq, rep, _ in self.rules:
                if text.startswith(seq, i):
                    out.append(rep)
                    i += len(seq)
                    break
            else:
                if is_pua(text[i]):
                    unmapped.append(text[i])
                out.append(text[i])
                i += 1
        return "".join(out), unmapped


class Calendar:
    MONTHS_HEADER = ["year", "month", "leap", "first_jdn", "days"]
    ERAS_HEADER = ["polity", "era", "pinyin", "first_year", "first_month", "last_year",
                   "reckoning", "source", "note"]

    def __init__(self, tables, shown_tables):
        months_shown = f"{shown_tables}/months.csv"
        eras_shown = f"{shown_tables}/eras.csv"
        self.months = {}  # (year, month, leap) -> (first_jdn, days)
        self.by_year = {}  # year -> [(first_jdn, month, leap, days)] in order
        for line, row in read_csv(tables / "months.csv", months_shown, self.MONTHS_HEADER):
            try:
                key = (int(row["year"]), int(row["month"]), row["leap"].strip() in ("1", "true"))
                val = (int(row["first_jdn"]), int(row["days"]))
            except ValueError:
                raise located(months_shown, line, "fields must be integers")
            self.months[key] = val
            self.by_year.setdefault(key[0], []).append((val[0], key[1], key[2], val[1]))
        for v in self.by_year.values():
            v.sort()
        self.eras = []
        for line, row in read_csv(tables / "eras.csv", eras_shown, self.ERAS_HEADER):
            try:
                first_year = int(row["first_year"])
                first_month = int(row["first_month"]) if row["first_month"].strip() else 1
                last_year = int(row["last_year"])
            except ValueError:
                raise located(eras_shown, line, "first_year, first_month and last_year must be integers")
            self.eras.append({
                "polity": row["polity"].strip(), "era": row["era"].strip(),
                "first_year": first_year, "first_month": first_month, "last_year": last_year,
                "reckoning": row["reckoning"].strip(), "line": line,
            })
        self.eras_shown = eras_shown

    def era_names(self):
        return sorted({e["era"] for e in self.eras}, key=lambda n: (-len(n), n))

    def find_era(self, name, polity, reckonings):
        """The eras.csv row for an era name: the campaign's reckoning for its
        polity when it names one, else the polity's only (or unlabelled) row."""
        rows = [e for e in self.eras if e["era"] == name and (polity is None or e["polity"] == polity)]
        if not rows:
            return None
        wanted = reckonings.get(rows[0]["polity"])
        if wanted:
            exact = [e for e in rows if e["reckoning"] == wanted]
            if exact:
                return exact[0]
        if len(rows) == 1:
            return rows[0]
        plain = [e for e in rows if e["reckoning"] in ("", "standard")]
        return plain[0] if plain else rows[0]

    def month(self, year, month, leap):
        return self.months.get((year, month, leap))

    def span(self, year, month_range):
        """First and last JDN of months lo..hi of a year, leap months included."""
        lo, hi = month_range
        rows = [r for r in self.by_year.get(year, []) if lo <= r[1] <= hi]
        if not rows:
            return None
        return rows[0][0], rows[-1][0] + rows[-1][3] - 1


# --- segmentation ---------------------------------------------------------------


def commentary_kind(line):
    for kind in COMMENTARY_KINDS:
        if line.startswith(kind + "："):
            return kind
    return None


def segment(lines, shown):
    """Groups source lines into entries: a 纲 (headline), the one 目 (detail) line
    after it, then any commentary lines (按：, 论曰：, 附：). Outside commentary the
    text alternates headline, detail, headline, detail, which is how this kind of
    纲目 chapter is laid out; a headline is never a commentary line."""
    groups = []
    expect_detail = False
    for n, text in enumerate(lines, start=1):
        kind = commentary_kind(text)
        if kind:
            if not groups:
                raise located(shown, n, "commentary before any headline")
            groups[-1]["commentary"].append((n, kind, text))
            expect_detail = False
        elif expect_detail:
            groups[-1]["detail"] = (n, text)
            expect_detail = False
        else:
            if not text.strip():
                raise located(shown, n, "empty line where a headline was expected")
            groups.append({"headline": (n, text), "detail": None, "commentary": []})
            expect_detail = True
    return groups


# --- dates ----------------------------------------------------------------------

MONTH_RE = r"(?P<leap>闰)?(?P<month>正|十[一二]|[一二三四五六七八九十])月"
DAY_RE = (r"(?P<day>朔|晦|(?:初)?[一二三四五六七八九十廿卅]{1,3}日|"
          r"[" + STEMS + r"][" + BRANCHES + r"](?:朔)?)?")


def parse_headline_date(headline, calendar, source_shown, n):
    """Splits the date written at the start of a headline into its parts."""
    era_alt = "|".join(re.escape(e) for e in calendar.era_names())
    clause_re = re.compile(r"(?P<prefix>[^、，。：\s]{0,4}?)(?P<era>" + era_alt + r")"
                           r"(?P<num>[" + CN_NUMERAL + r"]{1,3})年")
    eras = []
    pos = 0
    while True:
        m = clause_re.match(headline, pos) if era_alt else None
        if not m:
            break
        year = cn_number(m.group("num"))
        if year is None:
            raise located(source_shown, n, f"cannot read the year number in '{m.group(0)}'")
        prefix = m.group("prefix")
        eras.append({"prefix": prefix, "era": m.group("era"), "year": year, "as_written": m.group(0)})
        pos = m.end()
        if headline.startswith("、", pos):
            pos += 1
        else:
            break
    if eras and headline[pos - 1:pos] == "、":
        pos -= 1
    date_re = re.compile(r"(?P<season>[春夏秋冬])?" + MONTH_RE + DAY_RE)
    m = date_re.match(headline, pos)
    season = month = day_text = None
    leap = False
    if m:
        season, leap, month, day_text = m.group("season"), bool(m.group("leap")), m.group("month"), m.group("day")
        month = cn_number(month)
        pos = m.end()
    else:
        # A season with no month ("春，"), after a year or alone. The comma must
        # follow at once: 夏 at the head of 夏故臣… is the state, not summer.
        m2 = re.compile(r"(?P<season>[春夏秋冬])(?=[，。])").match(headline, pos)
        if m2:
            season = m2.group("season")
            pos = m2.end()
    as_written = headline[:pos]
    return {"eras": eras, "season": season, "month": month, "leap": leap,
            "day_text": day_text, "as_written": as_written}


def resolve_day(day_text, first_jdn, days, where):
    if not day_text:
        return None
    if day_text == "朔":
        return 1
    if day_text == "晦":
        return days
    if day_text.endswith("日"):
        num = day_text[:-1]
        if num.startswith("初"):
            num = num[1:]
        d = cn_number(num)
        if d is None:
            raise ToolError(f"{where}: cannot read the day '{day_text}'")
        return d
    idx = sexagenary_index(day_text[:2])
    if idx is None:
        raise ToolError(f"{where}: '{day_text[:2]}' is not a sexagenary day")
    d = (idx - sexagenary_index_of_jdn(first_jdn)) % 60 + 1
    if day_text.endswith("朔") and d != 1:
        raise ToolError(f"{where}: {day_text[:2]} is not the first day of that month")
    if d > days:
        raise ToolError(f"{where}: no {day_text[:2]} day in that month")
    return d


def cn_numeral(n):
    """17 → 十七, 20 → 二十, 3 → 三 (1 to 99)."""
    digits = "〇一二三四五六七八九"
    if n < 10:
        return digits[n]
    tens, units = divmod(n, 10)
    return (digits[tens] if tens > 1 else "") + "十" + (digits[units] if units else "")


def era_year_label(era, year):
    return era + ("元" if year == 1 else cn_numeral(year)) + "年"


def month_label(month, leap):
    names = {1: "正", 11: "十一", 12: "十二"}
    digits = "一二三四五六七八九十"
    name = names.get(month) or digits[month - 1]
    return ("闰" if leap else "") + name + "月"


class DateResolver:
    """Carries the year and the month from entry to entry, as the chronicle does."""

    def __init__(self, calendar, reckonings, source_shown):
        self.cal = calendar
        self.reckonings = reckonings
        self.shown = source_shown
        self.year_ctx = None  # dict: polity, era, year, chinese_year, line
        self.month_ctx = None  # dict: month, leap, line (month may be None)

    def _era_row(self, written, n):
        prefix = written["prefix"]
        polity = None
        if prefix:
            polity = POLITY_PREFIX.get(prefix[0])
            if polity is None:
                raise located(self.shown, n, f"unknown polity prefix '{prefix}' before {written['era']}")
        row = self.cal.find_era(written["era"], polity, self.reckonings)
        if row is None:
            raise located(self.shown, n, f"era {written['as_written']}: no such era"
                          + (f" of polity {polity}" if polity else "") + " in eras.csv")
        return row

    def _chinese_year(self, row, written, n):
        year = row["first_year"] + written["year"] - 1
        if written["year"] < 1 or year > row["last_year"]:
            span = row["last_year"] - row["first_year"] + 1
            raise located(self.shown, n, f"{written['as_written']} does not exist: {row['era']} "
                          f"lasted {span} years ({row['first_year']}–{row['last_year']}"
                          + (f", {row['reckoning']} reckoning" if row["reckoning"] else "") + ")")
        return year

    def resolve(self, parsed, n):
        where = f"{self.shown}:{n}"
        eras_out = []
        if parsed["eras"]:
            primary = None
            for i, w in enumerate(parsed["eras"]):
                row = self._era_row(w, n)
                cy = self._chinese_year(row, w, n)
                eras_out.append({"polity": row["polity"], "era": w["era"], "year": w["year"],
                                 "as_written": w["as_written"]})
                if i == 0:
                    # The first era written is the chronicle's own dating (Song in
                    # 西夏书事); the others must name the same year or the text, the
                    # era table or the reckoning is wrong.
                    primary = {"polity": row["polity"], "era": w["era"], "year": w["year"],
                               "chinese_year": cy, "line": n, "row": row}
                elif cy != primary["chinese_year"]:
                    rk = row["reckoning"] or "default"
                    raise located(self.shown, n, f"{w['as_written']} is {cy} by the {rk} reckoning "
                                  f"but {parsed['eras'][0]['as_written']} is {primary['chinese_year']}: "
                                  "the eras disagree")
            self.year_ctx = primary
            self.month_ctx = None
        if self.year_ctx is None:
            raise located(self.shown, n, "no year named yet: the first entry must name an era year")
        ctx = self.year_ctx
        cy = ctx["chinese_year"]
        inherited = False
        if parsed["month"] is not None:
            month, leap = parsed["month"], parsed["leap"]
            self.month_ctx = {"month": month, "leap": leap, "season": None, "line": n}
        elif parsed["eras"] or parsed["season"]:
            month, leap = None, False
            self.month_ctx = {"month": None, "leap": False, "season": parsed["season"], "line": n}
        else:
            if self.month_ctx is None:
                raise located(self.shown, n, "no month written and none to carry over")
            month, leap = self.month_ctx["month"], self.month_ctx["leap"]
            inherited = True
        # A season or a year with no month covers its months; an entry that
        # inherits from one covers the same span.
        span_season = parsed["season"] if not inherited else self.month_ctx["season"]
        if ctx["line"] == n and month is not None:
            row = ctx["row"]
            if cy == row["first_year"] and month < row["first_month"]:
                raise located(self.shown, n, f"{ctx['era']} began in month {row['first_month']} of "
                              f"{row['first_year']}; {month_label(month, leap)} is before it")
        day = None
        if month is not None:
            found = self.cal.month(cy, month, leap)
            if found is None:
                if leap:
                    raise located(self.shown, n, f"{month_label(month, leap)} does not exist in "
                                  f"{era_year_label(ctx['era'], ctx['year'])} ({cy}): that year has no "
                                  f"leap month {month}")
                raise located(self.shown, n, f"month {month} of {cy} is not in months.csv")
            first, days = found
            last = first + days - 1
            day = resolve_day(parsed["day_text"], first, days, where)
            if day is not None:
                if not 1 <= day <= days:
                    raise located(self.shown, n, f"day {day} does not exist: {month_label(month, leap)} "
                                  f"of {cy} has {days} days")
                first = last = first + day - 1
        else:
            rng = SEASONS[span_season] if span_season else (1, 12)
            found = self.cal.span(cy, rng)
            if found is None:
                raise located(self.shown, n, f"year {cy} is not in months.csv")
            first, last = found
        return {
            "as_written": parsed["as_written"],
            "eras": eras_out,
            "season": parsed["season"],
            "polity": ctx["polity"],
            "era": ctx["era"],
            "year": ctx["year"],
            "chinese_year": cy,
            "month": month,
            "leap": leap,
            "day": day,
            "inherited": inherited,
            "year_from_line": ctx["line"],
            "month_from_line": self.month_ctx["line"] if self.month_ctx else n,
            "first_jdn": first,
            "last_jdn": last,
            "first_julian": iso_julian(first),
            "last_julian": iso_julian(last),
        }


# --- curation -------------------------------------------------------------------


def gangmu_units(groups):
    """Curation keys of the 纲目 layout: the first line of each entry → (first, last)."""
    units = {}
    for g in groups:
        first = g["headline"][0]
        last = max([first] + ([g["detail"][0]] if g["detail"] else []) + [x[0] for x in g["commentary"]])
        units[str(first)] = (first, last)
    return units


def check_curation(cur, cur_text, shown, units, norm_lines, place_ids, key_what="the first line of an entry",
                   span_texts=None):
    """Checks curation.json against the segmentation. `units` maps each curation
    key (the first line of an entry, or in the annals layout the entry id) to the
    entry's (first, last) lines; returns ({key: curated dict}, actors)."""
    if not isinstance(cur, dict) or not isinstance(cur.get("entries"), dict):
        raise located(shown, 1, "expected an object with an 'entries' object")
    actors = cur.get("actors", {})
    if not isinstance(actors, dict):
        raise located(shown, line_of(cur_text, '"actors"'), "'actors' must be an object")
    entries = cur["entries"]

    def key_line(key):
        return line_of(cur_text, f'"{key}":', line_of(cur_text, '"entries"') or 1)

    for key in entries:
        if key not in units:
            known = list(units)
            shown_keys = ", ".join(known[:40]) + (" …" if len(known) > 40 else "")
            raise located(shown, key_line(key), f"entry key '{key}' is not {key_what} ({shown_keys})")
    missing = [k for k in units if k not in entries]
    if missing:
        raise located(shown, None, "no curation for the entries " + ", ".join(missing)
                      + " (each needs a key in \"entries\" with at least its kind and basis; "
                      "--list shows what each entry covers)")

    out = {}
    for key, c in entries.items():
        first, last = units[key]
        kl = key_line(key)

        def here(needle):
            return line_of(cur_text, needle, kl) or kl

        def cite(line, what, needle):
            if not isinstance(line, int) or not first <= line <= last:
                raise located(shown, here(needle), f"{what} cites line {line}, outside entry lines "
                              f"{first}–{last}")

        kind = c.get("kind")
        if kind not in KINDS:
            raise located(shown, here('"kind"'), f"kind '{kind}' is not one of {', '.join(KINDS)}")
        basis = c.get("basis")
        if not isinstance(basis, list) or not basis:
            raise located(shown, here('"basis"'), "basis must list the lines the kind rests on")
        for b in basis:
            cite(b, "basis", '"basis"')
        place_list = c.get("places", [])
        for p in place_list:
            pid = p.get("id")
            if place_ids is not None and pid not in place_ids:
                raise located(shown, here(f'"{pid}"'), f"unknown place id '{pid}' (not in the gazetteer)")
            cite(p.get("line"), f"place {pid}", f'"{pid}"')
            w = p.get("written", "")
            if w and w not in (span_texts[key] if span_texts else norm_lines[p["line"] - 1]):
                where = f"entry {key} (line {p['line']})" if span_texts else f"line {p['line']}"
                raise located(shown, here(f'"{pid}"'), f"place {pid}: '{w}' is not in {where}")
        entry_places = {p.get("id") for p in place_list}
        for a in c.get("actors", []):
            aid = a.get("id")
            if aid not in actors:
                raise located(shown, here(f'"{aid}"'), f"actor '{aid}' is not defined under 'actors'")
            cite(a.get("line"), f"actor {aid}", f'"{aid}"')
            w = a.get("written", "")
            if w and w not in (span_texts[key] if span_texts else norm_lines[a["line"] - 1]):
                where = f"entry {key} (line {a['line']})" if span_texts else f"line {a['line']}"
                raise located(shown, here(f'"{aid}"'), f"actor {aid}: '{w}' is not in {where}")
        for ch in c.get("changes", []):
            pid = ch.get("place")
            if pid not in entry_places:
                raise located(shown, here(f'"place": "{pid}"'), f"change at '{pid}': not among the entry's places")
            if ch.get("state") not in STATES:
                raise located(shown, here(f'"{ch.get("state")}"'),
                              f"state '{ch.get('state')}' is not one of {', '.join(STATES)}")
            cite(ch.get("line"), f"change at {pid}", f'"place": "{pid}"')
            by = ch.get("by")
            if by is not None and by not in actors:
                raise located(shown, here(f'"by": "{by}"'), f"change by '{by}': actor not defined")
        out[key] = c
    return out, actors


def load_place_ids(campaign_dir, manifest):
    """Place ids from the gazetteer, or None when there is no gazetteer yet."""
    name = manifest.get("gazetteer")
    if not name:
        return None
    path = campaign_dir / name
    if not path.exists():
        return None
    data, _ = read_json(path, name)
    ids = set()
    for f in data.get("features", []):
        props = f.get("properties") or {}
        pid = props.get("id", f.get("id"))
        if pid is not None:
            ids.add(str(pid))
    return ids


# --- the whole run --------------------------------------------------------------


def escape_pua(text):
    # Private-use characters are invisible in editors and fonts; write them as
    # \uXXXX escapes so the original spelling stays visible in entries.json.
    return re.sub("[\ue000-\uf8ff]", lambda m: "\\u%04x" % ord(m.group(0)), text)


def is_scalar(v):
    return v is None or isinstance(v, (str, int, float, bool))


def dump(value, indent=0):
    """JSON with flat arrays and small flat objects kept on one line, so that a
    reference such as {"id": …, "line": …} is one line of entries.json and
    reviews and diagnostics can point at it."""
    pad, inner = "  " * indent, "  " * (indent + 1)
    if isinstance(value, dict):
        if not value:
            return "{}"
        if all(is_scalar(v) for v in value.values()):
            flat = json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
            if len(flat) <= 100:
                return flat
        items = [f"{inner}{json.dumps(k, ensure_ascii=False)}: {dump(v, indent + 1)}" for k, v in value.items()]
        return "{\n" + ",\n".join(items) + "\n" + pad + "}"
    if isinstance(value, list):
        if not value:
            return "[]"
        if all(is_scalar(v) for v in value):
            return json.dumps(value, ensure_ascii=False, separators=(", ", ": "))
        return "[\n" + ",\n".join(inner + dump(v, indent + 1) for v in value) + "\n" + pad + "]"
    return json.dumps(value, ensure_ascii=False)


def build(campaign_dir, listing=False):
    """entries.json's text and the manifest; with listing, the entries found
    before any curation instead: [(curation key, id, (first, last), span, date, text)]."""
    manifest, manifest_text = read_json(campaign_dir / "campaign.json", "campaign.json")
    source_cfg = manifest.get("source") or {}
    source_name = source_cfg.get("file")
    if not source_name:
        raise located("campaign.json", line_of(manifest_text, '"source"'), "source.file is missing")
    try:
        raw = (campaign_dir / source_name).read_bytes()
    except OSError as e:
        raise located(source_name, None, f"cannot read: {e.strerror}")
    digest = hashlib.sha256(raw).hexdigest()
    if source_cfg.get("sha256") != digest:
        raise located("campaign.json", line_of(manifest_text, '"sha256"') or line_of(manifest_text, '"source"'),
                      f"source.sha256 is {source_cfg.get('sha256')!r} but {source_name} has SHA-256 {digest}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        n = raw[: e.start].count(b"\n") + 1
        raise located(source_name, n, "not valid UTF-8")
    final_newline = text.endswith("\n")
    lines = (text[:-1] if final_newline else text).split("\n")
    if "\r" in text:
        raise located(source_name, line_of(text, "\r"), "carriage return (CRLF line ends); expected LF line ends")

    pua_name = manifest.get("pua_map", "pua-map.csv")
    pua = PuaMap(read_csv(campaign_dir / pua_name, pua_name, ["sequence", "replacement", "status", "note"]),
                 pua_name)
    norm_lines = []
    for n, ln in enumerate(lines, start=1):
        norm, unmapped = pua.normalize(ln)
        if unmapped:
            raise located(source_name, n, f"U+{ord(unmapped[0]):04X} (Private Use Area) has no mapping "
                          f"in {pua_name}")
        norm_lines.append(norm)

    cal_cfg = manifest.get("calendar") or {}
    # As annals does: the shipped tables unless campaign.json names others
    # (relative to the campaign folder); $ANNALS_DATA_DIR overrides the shipped.
    if "tables" in cal_cfg:
        tables = campaign_dir / cal_cfg["tables"]
    else:
        data = os.environ.get("ANNALS_DATA_DIR") or str(Path(__file__).resolve().parents[2] / "data")
        tables = Path(data) / "calendar"
    calendar = Calendar(tables, str(tables))
    reckonings = cal_cfg.get("era_reckoning") or {}

    layout = source_cfg.get("layout", "gangmu")
    cur_name = manifest.get("curation", "curation.json")
    if layout == "annals":
        entries, scope = build_annals(lines, norm_lines, pua, source_cfg, calendar, reckonings, source_name,
                                      campaign_dir, manifest, manifest_text, cur_name, listing)
        if listing:
            return entries, manifest
        actor_defs = entries.pop()
        source_out = {"file": source_name, "sha256": digest, "lines": len(lines), "final_newline": final_newline,
                      "layout": "annals",
                      "scope": {"first_line": scope[0], "first_column": scope[1] + 1,
                                "last_line": scope[2], "last_column": scope[3]}}
        return finish(source_out, reckonings, actor_defs, entries), manifest
    if layout != "gangmu":
        raise located("campaign.json", line_of(manifest_text, '"layout"'),
                      f"source.layout '{layout}' is not one of gangmu, annals")
    for key in ("scope", "implicit_era"):
        if key in source_cfg:
            raise located("campaign.json", line_of(manifest_text, f'"{key}"'),
                          f"source.{key} is read only in the annals layout (source.layout \"annals\"); "
                          "a gangmu text is segmented whole, so keep only the chapter's lines in the file")

    groups = segment(lines, source_name)
    # Dates first, so that a date the tool cannot read is reported before the
    # curation is asked for (and --list works on an uncurated text).
    resolver = DateResolver(calendar, reckonings, source_name)
    dates = []
    prev_first = None
    for g in groups:
        n, head = g["headline"]
        parsed = parse_headline_date(head, calendar, source_name, n)
        date = resolver.resolve(parsed, n)
        if prev_first is not None and date["first_jdn"] < prev_first:
            raise located(source_name, n, "entry dated before the previous entry: the chronicle "
                          "should run forward in time")
        prev_first = date["first_jdn"]
        dates.append(date)
    if listing:
        return [(str(g["headline"][0]), f"e{g['headline'][0]:03d}", gangmu_units(groups)[str(g["headline"][0])],
                 None, d, norm_lines[g["headline"][0] - 1]) for g, d in zip(groups, dates)], manifest

    cur, cur_text = read_json(campaign_dir / cur_name, cur_name)
    curated, actor_defs = check_curation(cur, cur_text, cur_name, gangmu_units(groups), norm_lines,
                                         load_place_ids(campaign_dir, manifest))

    entries = []
    for seq, (g, date) in enumerate(zip(groups, dates), start=1):
        n, head = g["headline"]
        last = max([n] + ([g["detail"][0]] if g["detail"] else []) + [c[0] for c in g["commentary"]])
        c = curated[str(n)]
        d_line, d_text = g["detail"] if g["detail"] else (None, "")
        entry = {
            "id": f"e{n:03d}",
            "seq": seq,
            "lines": [n, last],
            "headline_line": n,
            "headline": head,
            "headline_normalized": norm_lines[n - 1],
            "detail_line": d_line,
            "detail": d_text,
            "detail_normalized": norm_lines[d_line - 1] if d_line else "",
            "commentary": [
                {"kind": k, "line": cn, "text": t[len(k) + 1:], "text_normalized": norm_lines[cn - 1][len(k) + 1:]}
                for cn, k, t in g["commentary"]
            ],
            "date": date,
            "kind": c["kind"],
            "basis": c["basis"],
            "places": c.get("places", []),
            "actors": c.get("actors", []),
            "changes": c.get("changes", []),
            "summary": c.get("summary", ""),
            "note": c.get("note", ""),
            "gloss": c.get("gloss", ""),
        }
        entries.append(entry)

    source_out = {"file": source_name, "sha256": digest, "lines": len(lines), "final_newline": final_newline}
    return finish(source_out, reckonings, actor_defs, entries), manifest


def finish(source_out, reckonings, actor_defs, entries):
    out = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "generated_by": "tools/chronicle/segment.py (do not edit; edit curation.json and regenerate)",
        "source": source_out,
        "era_reckoning": reckonings,
        "actors": actor_defs,
        "entries": entries,
    }
    return escape_pua(dump(out)) + "\n"


def build_annals(lines, norm_lines, pua, source_cfg, calendar, reckonings, source_name, campaign_dir, manifest,
                 manifest_text, cur_name, listing=False):
    """The annals layout (tools/chronicle/annals_layout.py): entries inside lines,
    each with its line and character span; curation keyed by entry id."""
    try:
        found, scope = segment_annals(lines, lambda t: pua.normalize(t)[0], source_cfg.get("scope"), calendar,
                                      source_cfg.get("implicit_era"), reckonings, iso_julian)
    except AnnalsError as e:
        raise ToolError(f"{source_name}:{e.where()}: {e.message}")
    except ValueError as e:
        key = '"implicit_era"' if "implicit_era" in str(e) else '"scope"'
        raise located("campaign.json", line_of(manifest_text, key) or line_of(manifest_text, '"source"'), str(e))
    if listing:
        return [(e["id"], e["id"], (e["line"], e["line"]), (e["span"][0] + 1, e["span"][1]), e["date"],
                 e["text_normalized"]) for e in found], None
    cur, cur_text = read_json(campaign_dir / cur_name, cur_name)
    units = {e["id"]: (e["line"], e["line"]) for e in found}
    texts = {e["id"]: e["text_normalized"] for e in found}
    curated, actor_defs = check_curation(cur, cur_text, cur_name, units, norm_lines,
                                         load_place_ids(campaign_dir, manifest), "an entry id", texts)
    entries = []
    for seq, e in enumerate(found, start=1):
        c = curated[e["id"]]
        n = e["line"]
        entries.append({
            "id": e["id"],
            "seq": seq,
            "lines": [n, n],
            "span": [e["span"][0] + 1, e["span"][1]],
            "headline_line": n,
            "headline": e["text"],
            "headline_normalized": e["text_normalized"],
            "detail_line": None,
            "detail": "",
            "detail_normalized": "",
            "commentary": [],
            "date": e["date"],
            "kind": c["kind"],
            "basis": c["basis"],
            "places": c.get("places", []),
            "actors": c.get("actors", []),
            "changes": c.get("changes", []),
            "summary": c.get("summary", ""),
            "note": c.get("note", ""),
            "gloss": c.get("gloss", ""),
        })
    entries.append(actor_defs)
    return entries, scope


def print_listing(found):
    """One line per entry, tab-separated: the curation key, the lines (and in the
    annals layout the columns), the date as written, the Julian days it covers,
    and the start of its text."""
    for key, _, (first, last), span, d, text in found:
        where = f"{first}" if first == last else f"{first}-{last}"
        if span:
            where += f":{span[0]}-{span[1]}"
        days = d["first_julian"] if d["first_julian"] == d["last_julian"] else \
            f"{d['first_julian']}..{d['last_julian']}"
        shown = text if len(text) <= 30 else text[:30] + "…"
        print(f"{key}\t{where}\t{d['as_written'] or '(no date: the month before)'}\t{days}\t{shown}")


def main(argv=None):
    ap = argparse.ArgumentParser(description="Segment a campaign's chronicle into entries.json.")
    ap.add_argument("--campaign", required=True, help="campaign folder (holds campaign.json)")
    ap.add_argument("--check", action="store_true",
                    help="regenerate in memory; exit 1 if the committed entries.json differs")
    ap.add_argument("--list", action="store_true",
                    help="print the entries found (curation key, lines, date, text) without reading "
                         "curation.json; writes nothing")
    args = ap.parse_args(argv)
    campaign_dir = Path(args.campaign)
    try:
        data, manifest = build(campaign_dir, listing=args.list)
    except ToolError as e:
        print(f"{campaign_dir}/{e}", file=sys.stderr)
        return 1
    if args.list:
        print_listing(data)
        return 0
    target = campaign_dir / manifest.get("entries", "entries.json")
    if args.check:
        try:
            current = target.read_text(encoding="utf-8")
        except OSError:
            print(f"{target}: missing; run without --check to generate it", file=sys.stderr)
            return 1
        except UnicodeDecodeError as e:
            print(f"{target}: not UTF-8 ({e.reason}); regenerate with: python3 tools/chronicle/segment.py "
                  f"--campaign {campaign_dir}", file=sys.stderr)
            return 1
        if current != data:
            a, b = current.split("\n"), data.split("\n")
            n = next((i for i in range(min(len(a), len(b))) if a[i] != b[i]), min(len(a), len(b)))
            print(f"{target}:{n + 1}: differs from what the tool generates; "
                  f"regenerate with: python3 tools/chronicle/segment.py --campaign {campaign_dir}",
                  file=sys.stderr)
            return 1
        return 0
    write_atomic(target, data)
    return 0


if __name__ == "__main__":
    sys.exit(main())
