"""The annals (本纪) layout: dated entries found inside the lines of a chapter.

A standard history's basic annals write one paragraph per year (sometimes
more), and inside it one dated entry after another:

    二十一年丙戌春正月，帝以西夏纳仇人…自将伐之。
    二月，取黑水等城。夏，避暑于浑垂山。取甘、肃等州。秋，…。冬十一月庚申，帝攻灵州…。丙寅，…

An entry begins where a sentence begins with a date and runs up to the next
such sentence, so every character of the scope belongs to exactly one entry
and the source stays byte for byte as obtained. A sentence begins at the start
of a line, or after 。！？ and any spaces (some copies write a removed closing
quotation mark as a space).

The dates this layout reads at the head of a sentence, as a table:

    二十一年丙戌春正月，   reign year (the era implied, campaign.json source.implicit_era),
                          its 干支 checked, then season, month, day as written
    岁乙丑，              a year by its 干支 alone
    至元三年冬十月，        an era named in eras.csv (the era need not be the implied one)
    二月， 闰月， 冬十二月甲申，  a month (闰月: the leap month after the current month)
    夏， 秋，              a season of the current year
    冬月，                 read as the season 冬 (winter)
    庚寅，                 a day written alone: that 干支 day in the current month
    是日                   the day of the entry before
    是月                   the current month
    是岁 是年              the whole current year
    是秋 是冬 …            that season of the current year

Everything is computed from the shared calendar tables (months.csv, eras.csv)
that the C++ calendar reads too. Problems are raised as ToolError with the
source line and the character span (1-based columns, in code points).
"""

import re

STEMS = "甲乙丙丁戊己庚辛壬癸"
BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
SEASONS = {"春": (1, 3), "夏": (4, 6), "秋": (7, 9), "冬": (10, 12)}
NUM = "元正〇一二三四五六七八九十廿卅"
MONTH = r"(?P<leap>闰)?(?P<month>正|十一|十二|[一二三四五六七八九十])月"
GZ = "[" + STEMS + "][" + BRANCHES + "]"
DAY = r"(?P<day>朔|晦|(?:初)?[一二三四五六七八九十廿卅]{1,3}日|" + GZ + r"(?:朔)?)"
SENTENCE_END = "。！？"


class AnnalsError(Exception):
    """A problem at a place in the text: (line, first column, last column, message)."""

    def __init__(self, line, col0, col1, message):
        super().__init__(message)
        self.line, self.col0, self.col1, self.message = line, col0, col1, message

    def where(self):
        return f"{self.line}:{self.col0}-{self.col1}" if self.col1 > self.col0 else f"{self.line}:{self.col0}"


def sexagenary_year_index(year):
    """0 for a 甲子 year (4, 1204, 1984); the cycle runs unbroken."""
    return (year - 4) % 60


def cyclical_name(index):
    return STEMS[index % 10] + BRANCHES[index % 12]


def cyclical_index(name):
    if len(name) != 2 or name[0] not in STEMS or name[1] not in BRANCHES:
        return None
    s, b = STEMS.index(name[0]), BRANCHES.index(name[1])
    if s % 2 != b % 2:
        return None
    return next(i for i in range(60) if i % 10 == s and i % 12 == b)


def _patterns(era_names):
    era_alt = "|".join(re.escape(e) for e in era_names)
    tail = r"(?P<season>[春夏秋冬])?(?:" + MONTH + r")?" + DAY + r"?"
    pats = []
    if era_alt:
        pats.append(("era", re.compile(r"(?P<era>" + era_alt + r")(?P<num>[" + NUM + r"]{1,3})年(?P<gz>" + GZ + r")?" + tail)))
    pats += [
        ("reign", re.compile(r"(?P<num>[" + NUM + r"]{1,3})年(?P<gz>" + GZ + r")?" + tail)),
        ("cyclical", re.compile(r"岁(?P<gz>" + GZ + r")" + tail)),
        ("winter_month", re.compile(r"冬月")),
        ("month", re.compile(r"(?P<season>[春夏秋冬])?" + MONTH + DAY + r"?")),
        ("leap_month", re.compile(r"闰月")),
        ("season", re.compile(r"(?P<season>[春夏秋冬])")),
        ("this", re.compile(r"是(?P<what>日|月|岁|年|春|夏|秋|冬)")),
        ("day", re.compile(DAY)),
    ]
    return pats


def match_date(text, pos, patterns):
    """The date written at text[pos:], as (kind, match), or None.

    A year, a month, a season or a day must be followed by ，or 。 (so that 夏主…
    is the state of Xia, not summer, and 二月 inside a name is not a month); the
    是… forms may run straight on (是岁诏谕德顺州)."""
    for kind, rx in patterns:
        m = rx.match(text, pos)
        if not m or m.end() == pos:
            continue
        if kind != "this" and text[m.end():m.end() + 1] not in ("，", "。"):
            continue
        if kind == "day" and not re.fullmatch(GZ + "(?:朔)?", m.group(0)):
            continue  # a numbered day alone (十二日，) is not read as a date
        return kind, m
    return None


def sentence_starts(text, begin, end):
    """Positions in text[begin:end] where a sentence begins."""
    out = [begin]
    i = begin
    while i < end:
        if text[i] in SENTENCE_END:
            j = i + 1
            while j < end and text[j] == " ":
                j += 1
            if j < end:
                out.append(j)
            i = j
        else:
            i += 1
    return out


def find_entries(lines, scope, patterns):
    """Splits the scope into (line, start, end, kind, match) pieces: one per
    dated sentence, running to the next. scope = (first_line, first_col0,
    last_line, last_end) with 0-based columns, end exclusive."""
    first_line, first_col, last_line, last_end = scope
    pieces = []
    for n in range(first_line, last_line + 1):
        text = lines[n - 1]
        begin = first_col if n == first_line else 0
        end = last_end if n == last_line else len(text)
        if begin >= end:
            continue
        starts = []
        for p in sentence_starts(text, begin, end):
            found = match_date(text, p, patterns)
            if found:
                starts.append((p, found))
        if not starts or starts[0][0] != begin:
            shown = text[begin:begin + 12]
            raise AnnalsError(n, begin + 1, begin + 1,
                              f"no date at the start of the line ('{shown}…'): in the annals layout each line "
                              "of the scope must open with a date (a year, 是岁, a season, a month or a day)")
        for k, (p, (kind, m)) in enumerate(starts):
            stop = starts[k + 1][0] if k + 1 < len(starts) else end
            pieces.append((n, p, stop, kind, m))
    return pieces


def cn_number(s):
    if s in ("元", "正"):
        return 1
    s = s.replace("廿", "二十").replace("卅", "三十")
    digits = {"〇": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
    if not s or any(c not in digits and c != "十" for c in s):
        return None
    if "十" in s:
        tens, _, units = s.partition("十")
        if "十" in units or len(tens) > 1 or len(units) > 1:
            return None
        return (digits[tens] if tens else 1) * 10 + (digits[units] if units else 0)
    return digits[s] if len(s) == 1 else None


class AnnalsResolver:
    """Carries year, month and day from entry to entry, as the annals do."""

    def __init__(self, calendar, implicit, reckonings, julian):
        self.cal = calendar
        self.reckonings = reckonings
        self.iso = julian
        self.implicit = implicit  # dict: era row of the implied reign, polity, before
        self.year = None  # dict: polity, era, year, chinese_year, line, eras (written)
        self.month = None  # dict: month, leap, line
        self.day = None  # (jdn, day) of the last entry that named a day

    def _fail(self, n, m, start, message):
        raise AnnalsError(n, start + 1, start + len(m.group(0)), message)

    def _era_for_year(self, cy, polity):
        rows = [e for e in self.cal.eras if e["polity"] == polity and e["reckoning"] in ("", "standard")
                and e["first_year"] <= cy <= e["last_year"]]
        if not rows:
            return None
        return max(rows, key=lambda e: (e["first_year"], e["first_month"]))

    def _set_year(self, cy, n, m, start, written_eras, primary=None):
        # The implied era's rule, as docs/data-format.md ("The implied era") states it; annals check
        # applies the same rule to the stored dates.
        row = self.implicit["row"]
        if primary is not None:
            polity, era, year = primary["polity"], primary["era"], cy - primary["first_year"] + 1
        elif row["first_year"] <= cy <= row["last_year"]:
            polity, era, year = row["polity"], row["era"], cy - row["first_year"] + 1
        else:
            before = self._era_for_year(cy, self.implicit["before"])
            if before is None:
                self._fail(n, m, start, f"{cy} lies outside the implied reign {row['era']} "
                           f"({row['first_year']}–{row['last_year']}) and no {self.implicit['before']} era "
                           "in eras.csv covers it")
            polity, era, year = before["polity"], before["era"], cy - before["first_year"] + 1
        self.year = {"polity": polity, "era": era, "year": year, "chinese_year": cy, "line": n,
                     "eras": written_eras}
        self.month = None
        self.day = None

    def _check_cyclical(self, gz, cy, n, m, start):
        if gz is None:
            return
        want = cyclical_name(sexagenary_year_index(cy))
        if gz != want:
            self._fail(n, m, start, f"'{m.group(0)}' names the year {gz}, but {cy} is a {want} year: "
                       "the cyclical name and the year disagree")

    def _span(self, cy, lo, hi, n, m, start):
        found = self.cal.span(cy, (lo, hi))
        if found is None:
            self._fail(n, m, start, f"year {cy} is not in months.csv")
        return found

    def _month_days(self, cy, month, leap, n, m, start):
        found = self.cal.month(cy, month, leap)
        if found is None:
            label = ("闰" if leap else "") + str(month)
            if leap:
                self._fail(n, m, start, f"{cy} has no leap month after month {month}")
            self._fail(n, m, start, f"month {label} of {cy} is not in months.csv")
        return found

    def _day(self, text, first, days, n, m, start):
        if text in ("朔",):
            return 1
        if text == "晦":
            return days
        if text.endswith("日"):
            d = cn_number(text[:-1].lstrip("初"))
            if d is None or not 1 <= d <= days:
                self._fail(n, m, start, f"day '{text}' does not exist in a month of {days} days")
            return d
        idx = cyclical_index(text[:2])
        if idx is None:
            self._fail(n, m, start, f"'{text[:2]}' is not a sexagenary day")
        d = (idx - (first - 11) % 60) % 60 + 1
        if d > days or (text.endswith("朔") and d != 1):
            self._fail(n, m, start, f"there is no {text[:2]} day in that month (it has {days} days, "
                       f"the first a {cyclical_name((first - 11) % 60)} day)")
        return d

    def resolve(self, n, start, kind, m):
        """The date record of one entry."""
        g = m.groupdict()
        season = g.get("season")
        month = leap = day_text = None
        written_eras = []
        if kind in ("era", "reign", "cyclical"):
            gz = g.get("gz")
            if kind == "era":
                row = self.cal.find_era(g["era"], None, self.reckonings)
                if row is None:
                    self._fail(n, m, start, f"no era '{g['era']}' in eras.csv")
                num = cn_number(g["num"])
                if num is None or num < 1 or row["first_year"] + num - 1 > row["last_year"]:
                    self._fail(n, m, start, f"'{m.group(0)}': {g['era']} has no year {g['num']}")
                cy = row["first_year"] + num - 1
                written_eras = [{"polity": row["polity"], "era": g["era"], "year": num,
                                 "as_written": g["era"] + g["num"] + "年"}]
            elif kind == "reign":
                row = self.implicit["row"]
                num = cn_number(g["num"])
                if num is None:
                    self._fail(n, m, start, f"cannot read the year number '{g['num']}'")
                if num < 1 or row["first_year"] + num - 1 > row["last_year"]:
                    self._fail(n, m, start, f"'{g['num']}年': the implied reign {row['era']} lasted "
                               f"{row['last_year'] - row['first_year'] + 1} years "
                               f"({row['first_year']}–{row['last_year']})")
                cy = row["first_year"] + num - 1
            else:
                idx = cyclical_index(gz)
                if idx is None:
                    self._fail(n, m, start, f"'{gz}' is not a cyclical year name")
                if self.year is None:
                    # Before any year is named: the last such year before the implied reign.
                    limit = self.implicit["row"]["first_year"] - 1
                    cy = limit - (sexagenary_year_index(limit) - idx) % 60
                else:
                    cur = self.year["chinese_year"]
                    cy = cur + 1 + (idx - sexagenary_year_index(cur + 1)) % 60
            self._check_cyclical(gz, cy, n, m, start)
            self._set_year(cy, n, m, start, written_eras, row if kind == "era" else None)
            if g.get("month"):
                month, leap, day_text = cn_number(g["month"]), bool(g["leap"]), g.get("day")
            elif g.get("day"):
                self._fail(n, m, start, f"'{m.group(0)}': a day needs a month")
        elif self.year is None:
            self._fail(n, m, start, f"'{m.group(0)}': no year named yet; the first entry must name a year")
        elif kind == "month":
            month, leap, day_text = cn_number(g["month"]), bool(g["leap"]), g.get("day")
        elif kind == "leap_month":
            if self.month is None or self.month["month"] is None:
                self._fail(n, m, start, "'闰月' needs the month before it to be named")
            month, leap = self.month["month"], True
        elif kind == "winter_month":
            season = "冬"
        elif kind == "season":
            pass
        elif kind == "day":
            if self.month is None or self.month["month"] is None:
                self._fail(n, m, start, f"'{m.group(0)}': a day written alone needs a month named before it")
            month, leap, day_text = self.month["month"], self.month["leap"], m.group(0)
        elif kind == "this":
            what = g["what"]
            if what == "日":
                if self.day is None:
                    self._fail(n, m, start, "'是日' needs an entry with a day before it")
            elif what == "月":
                if self.month is None or self.month["month"] is None:
                    self._fail(n, m, start, "'是月' needs a month named before it")
                month, leap = self.month["month"], self.month["leap"]
            elif what in SEASONS:
                season = what
        cy = self.year["chinese_year"]

        if kind == "this" and g["what"] == "日":
            first = last = self.day[0]
            month, leap, day = self.month["month"], self.month["leap"], self.day[1]
        elif month is not None:
            first, days = self._month_days(cy, month, leap, n, m, start)
            last = first + days - 1
            day = None
            if day_text:
                day = self._day(day_text, first, days, n, m, start)
                first = last = first + day - 1
                self.day = (first, day)
            else:
                self.day = None
            if kind != "this":
                self.month = {"month": month, "leap": leap, "line": n}
        else:
            day = None
            lo, hi = SEASONS[season] if season else (1, 12)
            first, last = self._span(cy, lo, hi, n, m, start)
            if kind in ("season", "winter_month") or (kind in ("era", "reign", "cyclical")):
                self.month = {"month": None, "leap": False, "line": n}
            self.day = None
        y = self.year
        return {
            "as_written": m.group(0),
            "eras": written_eras if kind in ("era", "reign", "cyclical") else [],
            "season": season,
            "polity": y["polity"],
            "era": y["era"],
            "year": y["year"],
            "chinese_year": cy,
            "month": month,
            "leap": bool(leap),
            "day": day,
            "inherited": False,
            "year_from_line": y["line"],
            "month_from_line": self.month["line"] if self.month and month is not None else n,
            "first_jdn": first,
            "last_jdn": last,
            "first_julian": self.iso(first),
            "last_julian": self.iso(last),
        }


def entry_id(line, k):
    """e + line in three digits + a letter per entry in the line: e047a, e047b …"""
    letters = "abcdefghijklmnopqrstuvwxyz"
    suffix = letters[k] if k < 26 else letters[k // 26 - 1] + letters[k % 26]
    return f"e{line:03d}{suffix}"


def resolve_scope(lines, scope_cfg):
    """(first_line, first_col0, last_line, last_end) from campaign.json's
    source.scope: {first_line, last_line, ends_after?}; raises ValueError(message)."""
    n = len(lines)
    if scope_cfg is None:
        return 1, 0, n, len(lines[-1]) if lines else 0
    if not isinstance(scope_cfg, dict):
        raise ValueError("source.scope must be an object {first_line, last_line, ends_after}")
    first, last = scope_cfg.get("first_line", 1), scope_cfg.get("last_line", n)
    if not isinstance(first, int) or not isinstance(last, int) or not 1 <= first <= last <= n:
        raise ValueError(f"source.scope lines {first}–{last} are not a range within the text's {n} lines")
    end = len(lines[last - 1])
    after = scope_cfg.get("ends_after")
    if after is not None:
        pos = lines[last - 1].find(after) if isinstance(after, str) and after else -1
        if pos < 0:
            raise ValueError(f"source.scope.ends_after '{after}' is not in line {last}")
        end = pos + len(after)
    return first, 0, last, end


def segment_annals(lines, normalize, scope_cfg, calendar, implicit_cfg, reckonings, iso):
    """The entries of the scope: [{line, span, kind, text, date}], in order.
    Raises AnnalsError (with line and span) or ValueError (a campaign.json problem)."""
    if not isinstance(implicit_cfg, dict) or not implicit_cfg.get("era"):
        raise ValueError("source.implicit_era must name the reign the text counts years by: "
                         '{"polity": …, "era": …, "before": …}')
    row = calendar.find_era(implicit_cfg["era"], implicit_cfg.get("polity"), reckonings)
    if row is None:
        raise ValueError(f"source.implicit_era: no era '{implicit_cfg['era']}' of polity "
                         f"'{implicit_cfg.get('polity')}' in eras.csv")
    implicit = {"row": row, "before": implicit_cfg.get("before", row["polity"])}
    scope = resolve_scope(lines, scope_cfg)
    patterns = _patterns(calendar.era_names())
    resolver = AnnalsResolver(calendar, implicit, reckonings, iso)
    out = []
    prev = None
    per_line = {}
    for n, start, stop, kind, m in find_entries(lines, scope, patterns):
        date = resolver.resolve(n, start, kind, m)
        if prev is not None and date["last_jdn"] < prev["date"]["first_jdn"]:
            raise AnnalsError(n, start + 1, start + len(m.group(0)),
                              f"'{m.group(0)}' ({date['first_julian']} to {date['last_julian']}) ends before "
                              f"the entry before it begins ({prev['date']['first_julian']}): the annals should "
                              "run forward in time")
        k = per_line.get(n, 0)
        per_line[n] = k + 1
        entry = {"id": entry_id(n, k), "line": n, "span": [start, stop], "date_kind": kind,
                 "text": lines[n - 1][start:stop], "text_normalized": normalize(lines[n - 1][start:stop]),
                 "date": date}
        out.append(entry)
        prev = entry
    return out, scope
