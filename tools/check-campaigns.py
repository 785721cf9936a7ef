#!/usr/bin/env python3
"""Checks every campaign under data/campaigns/ as docs/data-format.md tells a
historian to check a new one, so that a campaign added there is covered by the
test suite without a test being written for it.

    python3 tools/check-campaigns.py build/release/app/annals

For each folder holding a campaign.json: `segment.py --check` (entries.json is
what the tool makes from the text and curation.json), `make_realm.py --check`
when campaign.json names a realm, and `annals check --quiet` (errors fail;
warnings are printed but pass). Prints each failing command with its output and
exits 1 if any failed. Run by CTest (unit.shipped_campaigns).
"""

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main(argv):
    if len(argv) != 2:
        print("usage: check-campaigns.py ANNALS_BINARY", file=sys.stderr)
        return 2
    annals = argv[1]
    failed = 0
    campaigns = sorted(p.parent for p in (ROOT / "data" / "campaigns").glob("*/campaign.json"))
    for folder in campaigns:
        rel = folder.relative_to(ROOT)
        try:
            manifest = json.loads((folder / "campaign.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            print(f"{rel}/campaign.json: cannot read: {e}")
            failed += 1
            continue
        commands = [[sys.executable, "tools/chronicle/segment.py", "--check", "--campaign", str(rel)]]
        if "realm" in manifest:
            commands.append([sys.executable, "tools/realm/make_realm.py", "--check", "--campaign", str(rel)])
        commands.append([annals, "check", "--quiet", str(rel)])
        for cmd in commands:
            p = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True)
            if p.returncode != 0:
                failed += 1
                print(f"FAILED ({p.returncode}): {' '.join(cmd)}\n{p.stdout}{p.stderr}")
    print(f"check-campaigns: {len(campaigns)} campaign(s), {failed} failing check(s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
