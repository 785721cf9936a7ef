#!/usr/bin/python3
"""Convert GMT multi-segment text (from `gmt coast -M`) to GeoJSON.

  rivers MODE: every segment ("> River Bin # N, Level L" header) becomes a
      LineString with the WDBII class L as `level`, its class name and flags.
  rings MODE: every closed segment becomes a Polygon ring (level 2 = lake);
      the caller clips and repairs with ogr2ogr -makevalid.

Coordinates are rounded to 4 decimals (about 10 m). Output order follows the
GMT dump, so the same input gives byte-identical output.

Usage: gmt_to_geojson.py rivers|rings IN.txt OUT.geojson
"""
import json
import re
import sys

# GSHHG/WDBII river classes as documented for `gmt coast -I`.
RIVER_CLASSES = {
    0: "river-lake (double-lined)",
    1: "permanent major river",
    2: "additional major river",
    3: "additional river",
    4: "minor river",
    5: "intermittent major river",
    6: "intermittent additional river",
    7: "intermittent minor river",
    8: "major canal",
    9: "minor canal",
    10: "irrigation canal",
}

HEADER_LEVEL = re.compile(r"Level\s+(\d+)")


def read_segments(path):
    """Yield (header, [(lon, lat), ...]) for each '>' segment."""
    header, pts = None, []
    with open(path, encoding="ascii") as fh:
        for line in fh:
            line = line.strip()
            if not line:
                continue
            if line.startswith(">"):
                if header is not None:
                    yield header, pts
                header, pts = line, []
                continue
            x, y = line.split()[:2]
            pts.append((round(float(x), 4), round(float(y), 4)))
    if header is not None:
        yield header, pts


def rivers(path):
    feats = []
    for header, pts in read_segments(path):
        m = HEADER_LEVEL.search(header)
        level = int(m.group(1)) if m else -1
        if len(pts) < 2:
            continue
        feats.append({
            "type": "Feature",
            "properties": {
                "level": level,
                "class": RIVER_CLASSES.get(level, "unknown"),
                "intermittent": 5 <= level <= 7,
                "canal": level >= 8,
            },
            "geometry": {"type": "LineString",
                         "coordinates": [list(p) for p in pts]},
        })
    return feats


def rings(path):
    feats = []
    for _header, pts in read_segments(path):
        if len(pts) < 4:
            continue
        if pts[0] != pts[-1]:
            pts = pts + [pts[0]]
        feats.append({
            "type": "Feature",
            "properties": {"level": 2, "class": "lake"},
            "geometry": {"type": "Polygon",
                         "coordinates": [[list(p) for p in pts]]},
        })
    return feats


def main():
    mode, src, dst = sys.argv[1:4]
    feats = {"rivers": rivers, "rings": rings}[mode](src)
    with open(dst, "w", encoding="ascii") as fh:
        json.dump({"type": "FeatureCollection", "features": feats}, fh,
                  separators=(",", ":"))
    print(f"{dst}: {len(feats)} features", file=sys.stderr)


if __name__ == "__main__":
    main()
