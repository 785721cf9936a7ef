#!/usr/bin/env python3
"""Writes the fuzz targets' seed corpora from the shipped data and the test fixtures.

    python3 tools/fuzz/make_seeds.py OUT_DIR

OUT_DIR/<target>/ gets one file per seed, in the input format of that target
(tests/fuzz/harness/harness.h). tools/fuzz.sh runs it before every run, so the
seeds follow the data; the hand-picked seeds in tests/fuzz/corpus/<target>/ are
passed to libFuzzer beside them.
"""

import csv
import hashlib
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
SHIPPED = DATA / "campaigns/xixia-1224"
FIXTURES = ROOT / "tests/fixtures"


def write(out, target, data):
    d = out / target
    d.mkdir(parents=True, exist_ok=True)
    # Named by content, as libFuzzer names what it adds to a corpus.
    (d / hashlib.sha1(data).hexdigest()).write_bytes(data)


def first_features(path, n):
    """The FeatureCollection at `path` cut to its first n features: small seeds mutate faster."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    doc["features"] = doc["features"][:n]
    return json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")


def main():
    out = Path(sys.argv[1])
    gazetteers = [SHIPPED / "gazetteer.geojson", *sorted(FIXTURES.glob("gazetteer/**/*.geojson")),
                  FIXTURES / "campaigns/render-min/gazetteer.geojson"]
    for g in gazetteers:
        write(out, "gazetteer_geojson", g.read_bytes())
    for n in (1, 3):
        write(out, "gazetteer_geojson", first_features(SHIPPED / "gazetteer.geojson", n))

    # campaign_geojson: first byte 0 for movements, 1 for realm.
    for selector, name in ((b"\0", "movements.geojson"), (b"\1", "realm.geojson")):
        write(out, "campaign_geojson", selector + (SHIPPED / name).read_bytes())
        write(out, "campaign_geojson", selector + first_features(SHIPPED / name, 2))

    for e in [SHIPPED / "entries.json", *sorted(FIXTURES.glob("campaigns/chronicle-*/entries.json"))]:
        write(out, "entries_json", e.read_bytes())
    for n in (1, 2):
        doc = json.loads((SHIPPED / "entries.json").read_text(encoding="utf-8"))
        doc["entries"] = doc["entries"][:n]
        write(out, "entries_json", json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8"))
    for m in [SHIPPED / "campaign.json", *sorted(FIXTURES.glob("**/campaign.json"))]:
        write(out, "manifest_json", m.read_bytes())

    # calendar_csv: first byte 0 for months.csv, 1 for eras.csv.
    for m in [DATA / "calendar/months.csv", *sorted(FIXTURES.glob("calendar/*/months.csv"))]:
        write(out, "calendar_csv", b"\0" + m.read_bytes())
    for e in [DATA / "calendar/eras.csv", *sorted(FIXTURES.glob("calendar/*/eras.csv"))]:
        write(out, "calendar_csv", b"\1" + e.read_bytes())

    for p in [SHIPPED / "pua-map.csv", *sorted(FIXTURES.glob("campaigns/*/pua-map.csv"))]:
        write(out, "pua_map", p.read_bytes())

    # era_date: every date the calendar tests ask about, as era date and as Julian date.
    with open(FIXTURES / "calendar/cases.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for key in ("era_date", "expected_first_julian", "expected_day_julian"):
                if row.get(key):
                    write(out, "era_date", row[key].encode("utf-8"))

    # campaign: each shipped file as a section of its own; the empty input is the shipped campaign.
    write(out, "campaign", b"")
    sections = {"campaign.json": SHIPPED / "campaign.json", "gazetteer.geojson": SHIPPED / "gazetteer.geojson",
                "entries.json": SHIPPED / "entries.json", "curation.json": SHIPPED / "curation.json",
                "pua-map.csv": SHIPPED / "pua-map.csv", "source": SHIPPED / "source/xixia-shushi-juan42.txt",
                "movements.geojson": SHIPPED / "movements.geojson", "realm.geojson": SHIPPED / "realm.geojson",
                "months.csv": DATA / "calendar/months.csv", "eras.csv": DATA / "calendar/eras.csv"}
    for name, path in sections.items():
        write(out, "campaign", b"=== " + name.encode() + b"\n" + path.read_bytes())

    for s in [SHIPPED / "source/xixia-shushi-juan42.txt", *sorted(FIXTURES.glob("campaigns/*/source/*"))]:
        write(out, "text", s.read_bytes())


if __name__ == "__main__":
    main()
