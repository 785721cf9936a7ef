#!/usr/bin/env python3
"""Runs the table of annals-layout cases (tests/fixtures/annals_layout/cases.json).

    python3 tools/chronicle/test_annals_layout.py tests/fixtures/annals_layout/cases.json

Each case gives a text (one string per line), optionally a scope and an
implied reign, and either the entries expected — [id, [first column, last
column], date as written, first day, last day] with days as proleptic Julian
YYYY-MM-DD — or the error expected: where ("line:col-col") and a part of the
message. The calendar is the shipped data/calendar. Prints one line per
failing case and exits 1 if any fails; 0 when all pass.
"""

import json
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import segment  # noqa: E402
from annals_layout import AnnalsError, segment_annals  # noqa: E402

DEFAULT_ERA = {"polity": "mongol", "era": "太祖", "before": "jin"}


def run_case(case, calendar):
    lines = case["text"]
    try:
        found, _ = segment_annals(lines, lambda t: t, case.get("scope"), calendar,
                                  case.get("implicit_era", DEFAULT_ERA), {}, segment.iso_julian)
    except AnnalsError as e:
        want = case.get("error")
        if not want:
            return f"unexpected error at {e.where()}: {e.message}"
        if e.where() != want["where"] or want["message"] not in e.message:
            return f"error at {e.where()}: {e.message!r}; expected at {want['where']}: {want['message']!r}"
        return None
    if "error" in case:
        return f"no error; expected at {case['error']['where']}: {case['error']['message']!r}"
    got = [[e["id"], [e["span"][0] + 1, e["span"][1]], e["date"]["as_written"], e["date"]["first_julian"],
            e["date"]["last_julian"]] for e in found]
    if got != case["entries"]:
        return "entries differ:\n    got      " + json.dumps(got, ensure_ascii=False) + \
               "\n    expected " + json.dumps(case["entries"], ensure_ascii=False)
    return None


def main(argv):
    if len(argv) != 2:
        print("usage: test_annals_layout.py CASES.json", file=sys.stderr)
        return 2
    path = Path(argv[1])
    try:
        cases = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        print(f"{path}: cannot read the cases: {e}", file=sys.stderr)
        return 1
    calendar = segment.Calendar(HERE.parents[1] / "data" / "calendar", "data/calendar")
    failed = 0
    for case in cases:
        problem = run_case(case, calendar)
        if problem:
            failed += 1
            print(f"{path}: case '{case['name']}': {problem}")
    print(f"{len(cases) - failed} of {len(cases)} annals-layout cases pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
