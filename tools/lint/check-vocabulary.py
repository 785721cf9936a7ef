#!/usr/bin/env python3
"""Fails, naming file:line, where app/ or geo/ names a campaign's vocabulary.

    python3 tools/lint/check-vocabulary.py

The forbidden words are tools/lint/campaign-vocabulary.txt plus every side id
and place id of every campaign under data/campaigns/ (campaign.json and
gazetteer.geojson; a version 1 campaign's sides are those of
data/formats/campaign-v1-defaults.json). Exceptions, each with its reason, are
tools/lint/campaign-vocabulary-exceptions.txt. Run by CTest (label lint).
"""

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
WORDS = ROOT / "tools" / "lint" / "campaign-vocabulary.txt"
EXCEPTIONS = ROOT / "tools" / "lint" / "campaign-vocabulary-exceptions.txt"
SCANNED = ("app", "geo")
SUFFIXES = {".cpp", ".h", ".hpp", ".cc", ".txt", ".cmake", ".in"}


def data_lines(path):
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = line.strip()
        if line and not line.startswith("#"):
            yield n, line


def campaign_words():
    """Side ids and place ids of the shipped campaigns."""
    words = set()
    for manifest in sorted((ROOT / "data" / "campaigns").glob("*/campaign.json")):
        doc = json.loads(manifest.read_text(encoding="utf-8"))
        sides = doc.get("sides")
        if doc.get("format_version") == 1:
            sides = json.loads((ROOT / "data" / "formats" / "campaign-v1-defaults.json")
                               .read_text(encoding="utf-8"))["sides"]
        words |= {s["id"] for s in sides or []}
        gazetteer = manifest.parent / doc.get("gazetteer", "gazetteer.geojson")
        if gazetteer.exists():
            for f in json.loads(gazetteer.read_text(encoding="utf-8")).get("features", []):
                words.add((f.get("properties") or {}).get("id", ""))
    return {w for w in words if w}


def identifier_words(line):
    """The words of a line's identifiers, lower-cased: XiaHeld -> xia, held."""
    out = set()
    for run in re.findall(r"[A-Za-z0-9]+", line):
        for w in re.findall(r"[A-Z]+(?![a-z])|[A-Z]?[a-z]+|[0-9]+", run):
            out.add(w.lower())
        out.add(run.lower())
    return out


def main():
    ascii_words, other_words = set(), set()
    for _, w in data_lines(WORDS):
        (ascii_words if w.isascii() else other_words).add(w if not w.isascii() else w.lower())
    ascii_words |= {w.lower() for w in campaign_words() if w.isascii()}
    exceptions = []
    for n, line in data_lines(EXCEPTIONS):
        parts = line.split(None, 2)
        if len(parts) < 3:
            print(f"{EXCEPTIONS}:{n}: expected PATH WORD REASON", file=sys.stderr)
            return 1
        exceptions.append((parts[0], parts[1].lower()))
    used = set()
    problems = 0
    files = sorted(p for d in SCANNED for p in (ROOT / d).rglob("*") if p.is_file() and p.suffix in SUFFIXES)
    for path in files:
        rel = path.relative_to(ROOT).as_posix()
        for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), 1):
            found = sorted(identifier_words(line) & ascii_words) + sorted(w for w in other_words if w in line)
            for w in found:
                if (rel, w.lower()) in exceptions:
                    used.add((rel, w.lower()))
                    continue
                print(f"{rel}:{n}: names the campaign word '{w}': campaign vocabulary belongs in campaign.json "
                      f"(docs/data-format.md), not in code")
                problems += 1
    for rel, w in exceptions:
        if (rel, w) not in used:
            print(f"{EXCEPTIONS.relative_to(ROOT)}: the exception {rel} {w} matches nothing; remove it")
            problems += 1
    if problems:
        print(f"check-vocabulary: {problems} problem(s)", file=sys.stderr)
        return 1
    print(f"check-vocabulary: {len(files)} files in {', '.join(SCANNED)} name no campaign "
          f"({len(ascii_words) + len(other_words)} words)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
