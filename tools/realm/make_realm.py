#!/usr/bin/env python3
"""Makes a campaign's realm.geojson: each realm of the campaign (a side's
territory when the campaign begins) cut into one cell per seat, so that the map
can show the realms shrink as their seats fall.

    python3 tools/realm/make_realm.py --campaign data/campaigns/xixia-1224
    python3 tools/realm/make_realm.py --campaign data/campaigns/xixia-1224 --check

Inputs: the realms' outlines (campaign.json's "realm_outline", relative to the
campaign folder, else tools/realm/outline.geojson): one Polygon feature per
realm, drawn by hand, whose properties name its "side" (a side id of
campaign.json), its "capital" and any extra `falls_with` places; and the
campaign's gazetteer.geojson (the seats). Output: <campaign>/realm.geojson,
written atomically; --check regenerates in memory and exits 1 if the committed
file differs.

Method (tools/realm/README.md): a realm's seats are the places the gazetteer
gives as its side's (polity_1224) that are towns (superior prefecture,
prefecture, city, county) and located. Each seat's cell is its Voronoi cell
among its realm's seats — the points nearer to it than to any other, distances
measured in a plane where a degree of longitude is shortened by the cosine of
the realm's middle latitude (the outline's "mid_latitude", else the middle of
its latitudes) — clipped to the outline. An outline with "drawn_within" (the base
map's box) may stop at the box's edge: seats beyond the box may lie outside it,
take part in the cells, and have drawn only the part of their cell inside the
outline. A cell that the outline's concavities cut into parts is written as a
MultiPolygon. Python 3 standard library only; deterministic (sorted inputs,
coordinates rounded to 0.001°), so the same inputs give the same bytes.
"""

import argparse
import json
import math
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "pylib"))
from atomic_file import write_atomic  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
OUTLINE = ROOT / "tools" / "realm" / "outline.geojson"
SEAT_KINDS = ("superior_prefecture", "prefecture", "city", "county")
DIGITS = 3
KX = 1.0  # degrees of longitude -> plane units: cos(the realm's middle latitude), set per realm


class RealmError(Exception):
    """A problem in an input, reported as `path: message`."""


def to_plane(p):
    return (p[0] * KX, p[1])


def from_plane(p):
    return (p[0] / KX, p[1])


def clip_half_plane(polygon, a, b, c):
    """Keeps the part of `polygon` where a*x + b*y <= c (Sutherland–Hodgman
    against one line). Exact for a convex polygon; for a concave one the
    result may run along the line, which check_simple() catches."""
    out = []
    n = len(polygon)
    for i in range(n):
        p, q = polygon[i], polygon[(i + 1) % n]
        fp = a * p[0] + b * p[1] - c
        fq = a * q[0] + b * q[1] - c
        if fp <= 0:
            out.append(p)
        if (fp < 0 < fq) or (fq < 0 < fp):
            t = fp / (fp - fq)
            out.append((p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])))
    return out


def clip_convex(subject, clip):
    """Clips polygon `subject` by the convex polygon `clip` (counter-clockwise)."""
    out = subject
    n = len(clip)
    for i in range(n):
        p, q = clip[i], clip[(i + 1) % n]
        # Inside is to the left of p->q: cross(q - p, x - p) >= 0.
        a, b = (q[1] - p[1]), -(q[0] - p[0])
        out = clip_half_plane(out, a, b, a * p[0] + b * p[1])
        if not out:
            break
    return out


def split_half_plane(ring, a, b, c):
    """The parts of the simple counter-clockwise `ring` where a*x + b*y <= c,
    as a list of counter-clockwise rings: exact for a concave ring too, where
    the line may cut it into several parts. A vertex on the line counts as
    outside (the half-plane is taken as a*x + b*y <= c - eps, eps -> 0), so
    every crossing is a proper one; crossings are paired along the line, each
    inside stretch of the line joining an exit to the next entry."""
    f = [a * p[0] + b * p[1] - c for p in ring]
    inside = [v < 0 for v in f]
    if all(inside):
        return [ring]
    if not any(inside):
        return []
    n = len(ring)
    d = (-b, a)  # along the line
    crossings = []  # in ring order: (edge index, point, is_exit, key along the line)
    for i in range(n):
        j = (i + 1) % n
        if inside[i] != inside[j]:
            p, q = ring[i], ring[j]
            t = f[i] / (f[i] - f[j])
            pt = (p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]))
            # Position along the line, then its first-order motion as eps grows: breaks ties.
            key = (d[0] * pt[0] + d[1] * pt[1], (d[0] * (q[0] - p[0]) + d[1] * (q[1] - p[1])) / (f[i] - f[j]))
            crossings.append((i, pt, inside[i], key))
    order = sorted(range(len(crossings)), key=lambda k: crossings[k][3])
    entry_after_exit = {}
    for k in range(0, len(order), 2):
        x, y = order[k], order[k + 1]
        if crossings[x][2] == crossings[y][2]:
            raise RealmError("a cell could not be cut from the outline (two crossings of one kind meet along a "
                             "Voronoi edge); move the outline's vertices near it")
        if crossings[x][2]:
            entry_after_exit[x] = y
        else:
            entry_after_exit[y] = x
    # Each entry's chain runs along the ring to the next crossing, its exit.
    m = len(crossings)
    chain = {}
    for k in range(m):
        i, pt, is_exit, _ = crossings[k]
        if is_exit:
            continue
        k2 = (k + 1) % m
        i2, pt2 = crossings[k2][0], crossings[k2][1]
        pts = [pt]
        v = (i + 1) % n
        while True:
            pts.append(ring[v])
            if v == i2:
                break
            v = (v + 1) % n
        pts.append(pt2)
        chain[k] = (pts, k2)
    out, used = [], set()
    for start in sorted(chain):
        if start in used:
            continue
        ring_out, k = [], start
        while k not in used:
            used.add(k)
            pts, exit_k = chain[k]
            ring_out += pts
            k = entry_after_exit[exit_k]
        out.append(ring_out)
    return out


def clip_parts(subject, clip):
    """Clips the simple polygon `subject` by the convex polygon `clip`
    (counter-clockwise), keeping every part: [ring, ...]."""
    parts = [subject]
    n = len(clip)
    for i in range(n):
        p, q = clip[i], clip[(i + 1) % n]
        a, b = (q[1] - p[1]), -(q[0] - p[0])
        parts = [r for part in parts for r in split_half_plane(part, a, b, a * p[0] + b * p[1])]
        if not parts:
            break
    return parts


def voronoi_cell(site, others, box):
    """The Voronoi cell of `site` within the convex `box` (counter-clockwise)."""
    cell = box
    for o in others:
        # Nearer to site than to o: (o - site) . x <= (|o|^2 - |site|^2) / 2.
        a, b = o[0] - site[0], o[1] - site[1]
        c = (o[0] ** 2 + o[1] ** 2 - site[0] ** 2 - site[1] ** 2) / 2
        cell = clip_half_plane(cell, a, b, c)
    return cell


def signed_area(ring):
    return sum(ring[i][0] * ring[(i + 1) % len(ring)][1] - ring[(i + 1) % len(ring)][0] * ring[i][1]
               for i in range(len(ring))) / 2


def segments_cross(p1, p2, p3, p4):
    """True if segments p1p2 and p3p4 intersect or overlap (touching included)."""
    def orient(a, b, c):
        v = (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])
        return 0 if abs(v) < 1e-12 else (1 if v > 0 else -1)

    def on_segment(a, b, c):
        return min(a[0], b[0]) - 1e-12 <= c[0] <= max(a[0], b[0]) + 1e-12 and \
            min(a[1], b[1]) - 1e-12 <= c[1] <= max(a[1], b[1]) + 1e-12

    o1, o2, o3, o4 = orient(p1, p2, p3), orient(p1, p2, p4), orient(p3, p4, p1), orient(p3, p4, p2)
    if o1 != o2 and o3 != o4:
        return True
    return (o1 == 0 and on_segment(p1, p2, p3)) or (o2 == 0 and on_segment(p1, p2, p4)) or \
        (o3 == 0 and on_segment(p3, p4, p1)) or (o4 == 0 and on_segment(p3, p4, p2))


def check_simple(ring, name):
    """A clipped cell must be one simple ring; if the outline's concavities cut
    a cell in two, Sutherland–Hodgman joins the parts along the cut, and the
    outline must be redrawn rather than the cell silently kept."""
    n = len(ring)
    for i in range(n):
        for j in range(i + 1, n):
            if j == i + 1 or (i == 0 and j == n - 1):
                continue  # neighbours share a vertex
            if segments_cross(ring[i], ring[(i + 1) % n], ring[j], ring[(j + 1) % n]):
                raise RealmError(f"the cell of {name} is not a simple polygon (edges {i} and {j} meet): "
                                 "the outline cuts it in two; move the outline's vertices near it")


def dedupe(ring):
    """Rounds to DIGITS and drops repeated and collinear-degenerate points."""
    out = []
    for p in ring:
        q = (round(p[0], DIGITS), round(p[1], DIGITS))
        if not out or q != out[-1]:
            out.append(q)
    if len(out) > 1 and out[0] == out[-1]:
        out.pop()
    return out


def point_in_polygon(pt, ring):
    inside = False
    n = len(ring)
    for i in range(n):
        a, b = ring[i], ring[(i + 1) % n]
        if (a[1] > pt[1]) != (b[1] > pt[1]):
            x = a[0] + (pt[1] - a[1]) * (b[0] - a[0]) / (b[1] - a[1])
            if pt[0] < x:
                inside = not inside
    return inside


def load_json(path):
    try:
        with open(path, encoding="utf-8") as f:
            return json.load(f)
    except OSError as e:
        raise RealmError(f"{path}: cannot read: {e.strerror}")
    except json.JSONDecodeError as e:
        raise RealmError(f"{path}:{e.lineno}: malformed JSON: {e.msg}")


def read_outlines(path):
    """The realms' outlines: [(ring, properties)], one per Polygon feature."""
    doc = load_json(path)
    feats = doc.get("features") if isinstance(doc, dict) else None
    if not feats:
        raise RealmError(f"{path}: expected a FeatureCollection with one Polygon feature per realm")
    out = []
    for i, f in enumerate(feats):
        if f.get("geometry", {}).get("type") != "Polygon":
            raise RealmError(f"{path}: feature {i}: expected a Polygon")
        props = f.get("properties") or {}
        if not isinstance(props.get("side"), str):
            raise RealmError(f"{path}: feature {i}: expected \"side\", the side id whose realm it outlines")
        ring = [tuple(p) for p in f["geometry"]["coordinates"][0]]
        if ring[0] == ring[-1]:
            ring = ring[:-1]
        if signed_area(ring) < 0:
            raise RealmError(f"{path}: feature {i}: the outline must be counter-clockwise (RFC 7946)")
        out.append((ring, props))
    sides = [p["side"] for _, p in out]
    if len(set(sides)) != len(sides):
        raise RealmError(f"{path}: a side has two outlines")
    return out


def read_seats(gazetteer_path, side):
    doc = load_json(gazetteer_path)
    seats = []
    for i, f in enumerate(doc.get("features", [])):
        p = f.get("properties") or {}
        g = f.get("geometry")
        if p.get("polity_1224") != side or p.get("kind") not in SEAT_KINDS:
            continue
        if not g or g.get("type") != "Point":
            continue  # unlocated: no cell can be drawn round it
        seats.append({"id": p["id"], "name": p["name"], "lonlat": tuple(g["coordinates"][:2]), "index": i})
    if not seats:
        raise RealmError(f"{gazetteer_path}: no located seats of side {side} (polity_1224 {side}, a town kind)")
    return seats


def side_ids(manifest, campaign):
    """The campaign's side ids; a version 1 manifest names none, and had the
    sides of data/formats/campaign-v1-defaults.json."""
    source = manifest
    if manifest.get("format_version") == 1:
        source = load_json(ROOT / "data" / "formats" / "campaign-v1-defaults.json")
    sides = [s.get("id") for s in source.get("sides", []) if isinstance(s, dict)]
    if not sides:
        raise RealmError(f"{campaign / 'campaign.json'}: names no sides")
    return sides


def read_drawn_within(props, outline_path, side):
    """The outline's "drawn_within" box [west, south, east, north], or None:
    the outline stops at the box's edges (the base map's), and seats beyond the
    box may lie outside it."""
    box = props.get("drawn_within")
    if box is None:
        return None
    if not (isinstance(box, list) and len(box) == 4 and all(isinstance(v, (int, float)) for v in box)
            and box[0] < box[2] and box[1] < box[3]):
        raise RealmError(f"{outline_path}: the outline of {side}: \"drawn_within\" must be [west, south, east, north]")
    return box


def cell_rings(outline, cell, name):
    """The seat's cell (convex, plane units) clipped to the outline, as rings in
    degrees, largest first. One simple part is clipped as before (so outputs
    made before multi-part cells existed keep their bytes); a cell the outline
    cuts into parts (across a gulf or a strait) becomes one ring per part."""
    ring = dedupe([from_plane(p) for p in clip_convex(outline, cell)])
    if len(ring) >= 3:
        try:
            check_simple(ring, name)
            return [ring]
        except RealmError:
            pass
    rings = []
    for part in clip_parts(outline, cell):
        r = dedupe([from_plane(p) for p in part])
        if len(r) >= 3 and abs(signed_area(r)) > 1e-6:
            check_simple(r, name)
            rings.append(r)
    rings.sort(key=lambda r: (-abs(signed_area(r)), r[0]))
    return rings


def build_realm(ring_ll, props, seats, outline_path):
    global KX
    side = props["side"]
    lats = [p[1] for p in ring_ll]
    mid = props.get("mid_latitude", (min(lats) + max(lats)) / 2)
    KX = math.cos(math.radians(mid))
    capital = props.get("capital")
    extra = props.get("falls_with", {})
    notes = props.get("falls_with_note", {})
    drawn_within = read_drawn_within(props, outline_path, side)
    ids = {s["id"] for s in seats}
    if capital and capital not in ids:
        raise RealmError(f"{outline_path}: capital {capital} is not one of the seats of {side}")

    outline = [to_plane(p) for p in ring_ll]
    xs = [p[0] for p in outline] + [to_plane(s["lonlat"])[0] for s in seats]
    ys = [p[1] for p in outline] + [s["lonlat"][1] for s in seats]
    box = [(min(xs) - 1, min(ys) - 1), (max(xs) + 1, min(ys) - 1), (max(xs) + 1, max(ys) + 1),
           (min(xs) - 1, max(ys) + 1)]

    features, undrawn = [], []
    for s in seats:
        beyond = False
        if not point_in_polygon(to_plane(s["lonlat"]), outline):
            lon, lat = s["lonlat"]
            if drawn_within and not (drawn_within[0] <= lon <= drawn_within[2]
                                     and drawn_within[1] <= lat <= drawn_within[3]):
                beyond = True  # beyond the base map: a site of the cells, drawn only where its cell comes inside
            else:
                raise RealmError(f"{outline_path}: the seat {s['id']} ({s['name']}) lies outside the outline of {side}")
        site = to_plane(s["lonlat"])
        others = [to_plane(o["lonlat"]) for o in seats if o is not s]
        cell = voronoi_cell(site, others, box)
        rings = cell_rings(outline, cell, s["id"])
        if not rings:
            if beyond:
                undrawn.append(s["name"])
                continue
            raise RealmError(f"{outline_path}: the cell of {s['id']} is empty")
        for ring in rings:
            if signed_area(ring) < 0:
                ring.reverse()
            ring.append(ring[0])
        falls_with = []
        if capital and s["id"] != capital:
            falls_with.append(capital)
        falls_with += [p for p in extra.get(s["id"], []) if p not in falls_with]
        note_parts = [f"Cell of {s['name']}: the part of the realm outline nearer to it than to any other seat of "
                      f"{side}."]
        if beyond:
            note_parts.append("The seat lies beyond the base map, outside the drawn outline; only the part of its "
                              "cell inside the outline is drawn.")
        if len(rings) > 1:
            note_parts.append(f"The outline cuts the cell into {len(rings)} parts.")
        if s["id"] in notes:
            note_parts.append(notes[s["id"]])
        features.append({"id": s["id"], "side": side, "seat": s["name"], "falls_with": falls_with,
                         "note": " ".join(note_parts), "rings": rings})
    realm_note = notes.get("capital", "")
    if undrawn:
        realm_note = (realm_note + " " if realm_note else "") + (
            f"Seats of {side} beyond the base map with no cell inside it: {', '.join(undrawn)}.")
    return features, realm_note, props.get("description", "")


def build(campaign):
    manifest = load_json(campaign / "campaign.json")
    gazetteer_path = campaign / manifest["gazetteer"]
    outline_path = campaign / manifest["realm_outline"] if "realm_outline" in manifest else OUTLINE
    sides = side_ids(manifest, campaign)
    features, capital_notes, descriptions = [], [], []
    for ring_ll, props in read_outlines(outline_path):
        if props["side"] not in sides:
            raise RealmError(f"{outline_path}: side {props['side']} is not one of the campaign's ({', '.join(sides)})")
        cells, capital_note, description = build_realm(ring_ll, props, read_seats(gazetteer_path, props["side"]),
                                                       outline_path)
        features += cells
        if capital_note:
            capital_notes.append(capital_note)
        descriptions.append(description)
    return render(features, " ".join(capital_notes), " ".join(descriptions)), len(features)


def render(features, capital_note, outline_description):
    def fmt(v):
        return json.dumps(v, ensure_ascii=False)

    description = ("The realms at the campaign's start as one cell per seat, for the map's shrinking realms. "
                   "Generated by tools/realm/make_realm.py from the realms' outlines and gazetteer.geojson: "
                   "do not edit. Boundaries are approximate: Voronoi cells of the seats clipped to a hand-drawn "
                   "outline, not historical prefecture boundaries. A cell is its side's while its seat and every "
                   "place in falls_with are that side's (held or besieged). " + capital_note)
    lines = ["{", '  "type": "FeatureCollection",', '  "name": "realm",', f'  "description": {fmt(description)},',
             f'  "outline": {fmt(outline_description)},', '  "features": [']
    for i, f in enumerate(features):
        rings = ["[[" + ", ".join(f"[{p[0]:.{DIGITS}f}, {p[1]:.{DIGITS}f}]" for p in r) + "]]" for r in f["rings"]]
        if len(rings) == 1:
            geometry = f'{{"type": "Polygon", "coordinates": {rings[0]}}}'
        else:
            geometry = f'{{"type": "MultiPolygon", "coordinates": [{", ".join(rings)}]}}'
        props = (f'{{"id": {fmt(f["id"])}, "side": {fmt(f["side"])}, "seat": {fmt(f["seat"])}, '
                 f'"falls_with": {fmt(f["falls_with"])}, "note": {fmt(f["note"])}}}')
        lines.append(f'    {{"type": "Feature", "id": {fmt(f["id"])}, "properties": {props},')
        lines.append(f'     "geometry": {geometry}}}'
                     + ("," if i < len(features) - 1 else ""))
    lines += ["  ]", "}", ""]
    return "\n".join(lines)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--campaign", required=True, type=Path, help="the campaign folder")
    ap.add_argument("--check", action="store_true", help="exit 1 if realm.geojson is not what the tool makes")
    args = ap.parse_args(argv)
    campaign = args.campaign if args.campaign.is_absolute() else Path.cwd() / args.campaign
    try:
        target = campaign / load_json(campaign / "campaign.json").get("realm", "realm.geojson")
        text, cells = build(campaign)
    except RealmError as e:
        print(e, file=sys.stderr)
        return 1
    if args.check:
        try:
            current = target.read_text(encoding="utf-8")
        except OSError:
            current = None
        if current != text:
            print(f"{target}: out of date; run python3 tools/realm/make_realm.py --campaign {args.campaign}",
                  file=sys.stderr)
            return 1
        return 0
    write_atomic(target, text)
    print(f"{target}: {cells} cells")
    return 0


if __name__ == "__main__":
    sys.exit(main())
