#!/usr/bin/python3
"""Visual-centre label points for region polygons.

Two measures, both on a plane where longitudes are scaled by cos(latitude of
the polygon's middle) so that distances are roughly isotropic:
  pole      the pole of inaccessibility: the interior point farthest from the
            outline (grid search refined cell by cell);
  centre    the interior point nearest the area centroid among those whose
            clearance from the outline is at least half the pole's. For long
            or lopsided shapes (a corridor, a range, the Gobi) the pole sits
            in the widest bulge near one end; this stays near the middle of
            the shape while keeping the label well inside it.

Library use: label_point(geom) -> (lon, lat, clearance); centre_point(geom).
Command line: label_points.py REGIONS.geojson [NAME ...] prints both.
"""
import heapq
import math
import sys

from osgeo import ogr

ogr.UseExceptions()


def _scaled(geom, k):
    g = geom.Clone()
    def walk(h):
        if h.GetGeometryCount():
            for i in range(h.GetGeometryCount()):
                walk(h.GetGeometryRef(i))
        else:
            for i in range(h.GetPointCount()):
                x, y = h.GetX(i), h.GetY(i)
                h.SetPoint_2D(i, x * k, y)
    walk(g)
    return g


def label_point(geom, precision=0.01):
    """Pole of inaccessibility of a (multi)polygon, in degrees."""
    minx, maxx, miny, maxy = geom.GetEnvelope()
    k = math.cos(math.radians((miny + maxy) / 2))
    g = _scaled(geom, k)
    boundary = g.Boundary()
    minx, maxx, miny, maxy = g.GetEnvelope()

    def dist(x, y):
        p = ogr.Geometry(ogr.wkbPoint)
        p.AddPoint_2D(x, y)
        d = p.Distance(boundary)
        return d if g.Contains(p) else -d

    size = min(maxx - minx, maxy - miny) / 8
    heap = []
    y = miny
    while y < maxy:
        x = minx
        while x < maxx:
            cx, cy, h = x + size / 2, y + size / 2, size / 2
            d = dist(cx, cy)
            heapq.heappush(heap, (-(d + h * math.sqrt(2)), cx, cy, h, d))
            x += size
        y += size
    # Start from the point-on-surface so the best is always inside.
    pos = g.PointOnSurface()
    best = (dist(pos.GetX(), pos.GetY()), pos.GetX(), pos.GetY())
    while heap:
        bound, cx, cy, h, d = heapq.heappop(heap)
        if d > best[0]:
            best = (d, cx, cy)
        if -bound - best[0] <= precision:
            continue
        h2 = h / 2
        for dx in (-h2, h2):
            for dy in (-h2, h2):
                nx, ny = cx + dx, cy + dy
                nd = dist(nx, ny)
                heapq.heappush(heap, (-(nd + h2 * math.sqrt(2)), nx, ny, h2, nd))
    d, x, y = best
    return x / k, y, d


def centre_point(geom, min_share=0.5, steps=120):
    """Interior point nearest the centroid with clearance >= min_share * the
    pole's clearance (degrees of latitude)."""
    _, _, best = label_point(geom)
    minx, maxx, miny, maxy = geom.GetEnvelope()
    k = math.cos(math.radians((miny + maxy) / 2))
    g = _scaled(geom, k)
    boundary = g.Boundary()
    c = g.Centroid()
    cx, cy = c.GetX(), c.GetY()
    minx, maxx, miny, maxy = g.GetEnvelope()
    step = max(maxx - minx, maxy - miny) / steps
    found = None
    ny = int((maxy - miny) / step) + 1
    nx = int((maxx - minx) / step) + 1
    for j in range(ny):
        y = miny + (j + 0.5) * step
        for i in range(nx):
            x = minx + (i + 0.5) * step
            r = math.hypot(x - cx, y - cy)
            if found is not None and r >= found[0]:
                continue
            p = ogr.Geometry(ogr.wkbPoint)
            p.AddPoint_2D(x, y)
            if not g.Contains(p):
                continue
            d = p.Distance(boundary)
            if d >= min_share * best:
                found = (r, x, y, d)
    _, x, y, d = found
    return x / k, y, d


def main():
    ds = ogr.Open(sys.argv[1])
    want = set(sys.argv[2:])
    for f in ds.GetLayer():
        name = f.GetField("name")
        if want and name not in want:
            continue
        lon, lat, d = label_point(f.GetGeometryRef())
        clon, clat, cd = centre_point(f.GetGeometryRef())
        print(f"{name}\tpole {lon:.3f} {lat:.3f} (clearance {d:.2f})"
              f"\tcentre {clon:.3f} {clat:.3f} (clearance {cd:.2f})")


if __name__ == "__main__":
    main()
