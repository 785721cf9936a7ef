#!/usr/bin/env python3
"""Tests of segment.py as a historian runs it on a new campaign (docs/data-format.md,
"Making a campaign"): --list before any curation, what is reported first, and
where campaign.json problems are reported.

    python3 tools/chronicle/test_segment.py

Each test copies a small campaign into a temporary folder (the 纲目 fixture
tests/fixtures/campaigns/chronicle-mini, or a few lines of the 元史 text in the
annals layout), breaks one thing and runs the tool. Standard library only; run
by CTest (unit.segment_tool).
"""

import hashlib
import json
import shutil
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TOOL = ROOT / "tools" / "chronicle" / "segment.py"
MINI = ROOT / "tests" / "fixtures" / "campaigns" / "chronicle-mini"
YUANSHI = ROOT / "data" / "campaigns" / "yuanshi-taizu" / "source" / "yuanshi-juan1.txt"


def run(*args):
    p = subprocess.run([sys.executable, str(TOOL), *args], capture_output=True, text=True)
    return p.returncode, p.stdout, p.stderr


class Campaign:
    """A temporary campaign folder; `manifest` is campaign.json as a dict."""

    def __init__(self, test):
        self.dir = Path(tempfile.mkdtemp(prefix="segment-test-"))
        test.addCleanup(shutil.rmtree, self.dir)

    def write_manifest(self, manifest):
        (self.dir / "campaign.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")

    def manifest_line(self, needle):
        lines = (self.dir / "campaign.json").read_text(encoding="utf-8").split("\n")
        return next(i + 1 for i, ln in enumerate(lines) if needle in ln)


def gangmu(test, text=None):
    c = Campaign(test)
    shutil.copytree(MINI, c.dir, dirs_exist_ok=True)
    if text is not None:
        src = c.dir / "source" / "mini.txt"
        src.write_text(text, encoding="utf-8")
        m = json.loads((c.dir / "campaign.json").read_text(encoding="utf-8"))
        m["source"]["sha256"] = hashlib.sha256(src.read_bytes()).hexdigest()
        c.write_manifest(m)
    return c


def annals(test, curation=None):
    c = Campaign(test)
    (c.dir / "source").mkdir()
    shutil.copy(YUANSHI, c.dir / "source" / "yuanshi-juan1.txt")
    (c.dir / "pua-map.csv").write_text("sequence,replacement,status,note\n", encoding="utf-8")
    c.write_manifest({
        "format": "annals-campaign", "format_version": 2, "id": "t",
        "source": {"file": "source/yuanshi-juan1.txt", "sha256": hashlib.sha256(YUANSHI.read_bytes()).hexdigest(),
                   "layout": "annals", "scope": {"first_line": 24, "last_line": 26},
                   "implicit_era": {"polity": "mongol", "era": "太祖", "before": "jin"}},
        "gazetteer": "gazetteer.geojson"})
    (c.dir / "curation.json").write_text(json.dumps(curation or {"entries": {}}), encoding="utf-8")
    return c


class ListBeforeCuration(unittest.TestCase):
    def test_annals_layout_lists_ids_spans_and_dates_without_a_curation(self):
        c = annals(self)
        (c.dir / "curation.json").unlink()
        rc, out, err = run("--list", "--campaign", str(c.dir))
        self.assertEqual(rc, 0, err)
        rows = [ln.split("\t") for ln in out.strip().split("\n")]
        self.assertEqual([r[0] for r in rows], ["e024a", "e025a", "e025b", "e026a", "e026b"])
        self.assertEqual(rows[3][1:4], ["26:1-17", "二年丁卯秋", "1207-07-27..1207-10-22"])
        self.assertFalse((c.dir / "entries.json").exists(), "--list writes nothing")

    def test_gangmu_layout_lists_the_first_lines_that_key_the_curation(self):
        c = gangmu(self)
        (c.dir / "curation.json").write_text('{"entries": {}}', encoding="utf-8")
        rc, out, err = run("--list", "--campaign", str(c.dir))
        self.assertEqual(rc, 0, err)
        rows = [ln.split("\t") for ln in out.strip().split("\n")]
        self.assertEqual([r[0] for r in rows], ["1", "3", "5", "7", "9", "11"])
        self.assertEqual(rows[2][1:3], ["5-6", "闰五月"])
        self.assertEqual(rows[4][2], "(no date: the month before)")

    def test_a_missing_curation_names_the_entries_and_points_at_list(self):
        c = annals(self)
        rc, _, err = run("--campaign", str(c.dir))
        self.assertEqual(rc, 1)
        self.assertIn("curation.json: no curation for the entries e024a, e025a, e025b, e026a, e026b", err)
        self.assertIn("--list", err)


class DatesBeforeCuration(unittest.TestCase):
    def test_gangmu_reports_an_unreadable_date_before_asking_for_curation(self):
        # The curation is the fixture's, keyed by lines that no longer start
        # entries: the date problem must still come first.
        c = gangmu(self, "宝庆三年、夏乾定三年春正月，某事。\n详。\n")
        rc, _, err = run("--campaign", str(c.dir))
        self.assertEqual(rc, 1)
        self.assertIn("source/mini.txt:1: 夏乾定三年 is 1226", err)
        self.assertIn("the eras disagree", err)


class CampaignJsonLines(unittest.TestCase):
    def test_a_wrong_sha256_is_reported_at_its_line(self):
        c = annals(self)
        m = json.loads((c.dir / "campaign.json").read_text(encoding="utf-8"))
        m["source"]["sha256"] = "0" * 64
        c.write_manifest(m)
        rc, _, err = run("--campaign", str(c.dir))
        self.assertEqual(rc, 1)
        self.assertIn(f"campaign.json:{c.manifest_line('sha256')}: source.sha256 is '000", err)

    def test_a_scope_outside_the_text_is_reported_at_its_line(self):
        c = annals(self)
        m = json.loads((c.dir / "campaign.json").read_text(encoding="utf-8"))
        m["source"]["scope"]["last_line"] = 99
        c.write_manifest(m)
        rc, _, err = run("--campaign", str(c.dir))
        self.assertEqual(rc, 1)
        self.assertIn(f"campaign.json:{c.manifest_line('scope')}: source.scope lines 24–99", err)

    def test_gangmu_refuses_a_scope_it_would_ignore(self):
        c = gangmu(self)
        m = json.loads((c.dir / "campaign.json").read_text(encoding="utf-8"))
        m["source"]["scope"] = {"first_line": 1, "last_line": 4}
        c.write_manifest(m)
        rc, _, err = run("--campaign", str(c.dir))
        self.assertEqual(rc, 1)
        self.assertIn(f"campaign.json:{c.manifest_line('scope')}: source.scope is read only in the annals layout",
                      err)


class Encodings(unittest.TestCase):
    def test_a_pua_map_that_is_not_utf8_is_reported_not_a_traceback(self):
        c = gangmu(self)
        (c.dir / "pua-map.csv").write_bytes(b"sequence,replacement,status,note\nU+E4BF,U+774D,certain,\xff\n")
        rc, _, err = run("--campaign", str(c.dir))
        self.assertEqual(rc, 1)
        self.assertIn("pua-map.csv:2: not UTF-8", err)
        self.assertNotIn("Traceback", err)


if __name__ == "__main__":
    unittest.main()
