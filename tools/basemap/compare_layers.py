#!/usr/bin/python3
"""Compare two folders of staged base-map layers (e.g. a build-sources.sh run
against ../shared/basemap): checksums, feature and vertex counts, and for the
DEMs the per-pixel differences in metres and the heights at the Natural Earth
spot heights (peaks.geojson of the second folder).

Usage: compare_layers.py NEW_DIR REFERENCE_DIR
"""
import hashlib
import json
import os
import sys

import numpy as np
from osgeo import gdal

gdal.UseExceptions()


def sha(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def vertices(geom):
    if geom is None:
        return 0
    def count(c):
        return 1 if isinstance(c[0], (int, float)) else sum(count(x) for x in c)
    return count(geom["coordinates"])


def geojson_stats(path):
    d = json.load(open(path, encoding="utf-8"))
    feats = d["features"]
    return len(feats), sum(vertices(f["geometry"]) for f in feats)


def dem(path):
    ds = gdal.Open(path)
    return ds.ReadAsArray().astype(np.float64), ds.GetGeoTransform()


def sample(arr, gt, lon, lat):
    col = int((lon - gt[0]) / gt[1])
    row = int((lat - gt[3]) / gt[5])
    if 0 <= row < arr.shape[0] and 0 <= col < arr.shape[1]:
        return arr[row, col]
    return None


def main():
    new, ref = sys.argv[1:3]
    names = sorted(f for f in os.listdir(ref)
                   if f.endswith((".geojson", ".tif")) and os.path.exists(os.path.join(new, f)))
    for f in names:
        a, b = os.path.join(new, f), os.path.join(ref, f)
        same = sha(a) == sha(b)
        line = f"{f:22s} sha256 {'identical' if same else 'differs'}"
        if f.endswith(".geojson"):
            (na, va), (nb, vb) = geojson_stats(a), geojson_stats(b)
            line += f"; features {na} vs {nb}; vertices {va} vs {vb}"
        else:
            (x, gx), (y, gy) = dem(a), dem(b)
            d = x - y
            line += (f"; grid {'same' if gx == gy and x.shape == y.shape else 'DIFFERS'}"
                     f" {x.shape[1]}x{x.shape[0]}; pixels equal {np.mean(d == 0) * 100:.1f}%"
                     f"; mean |diff| {np.abs(d).mean():.2f} m; bias {d.mean():+.2f} m"
                     f"; p99 |diff| {np.percentile(np.abs(d), 99):.0f} m; max |diff| {np.abs(d).max():.0f} m"
                     f"; min/max {x.min():.0f}/{x.max():.0f} vs {y.min():.0f}/{y.max():.0f} m")
        print(line)
    peaks = os.path.join(ref, "peaks.geojson")
    if os.path.exists(peaks) and "dem_context.tif" in names:
        (x, gt), (y, _) = dem(os.path.join(new, "dem_context.tif")), dem(os.path.join(ref, "dem_context.tif"))
        ex, ey = [], []
        for f in json.load(open(peaks))["features"]:
            p = f["properties"]
            if p.get("elevation") is None or p.get("featurecla") not in ("mountain", "spot elevation"):
                continue
            lon, lat = f["geometry"]["coordinates"]
            hx, hy = sample(x, gt, lon, lat), sample(y, gt, lon, lat)
            if hx is None:
                continue
            ex.append(hx - p["elevation"])
            ey.append(hy - p["elevation"])
        ex, ey = np.array(ex), np.array(ey)
        print(f"spot heights (n={len(ex)}): new DEM bias {ex.mean():+.0f} m, mean |err| {np.abs(ex).mean():.0f} m;"
              f" reference DEM bias {ey.mean():+.0f} m, mean |err| {np.abs(ey).mean():.0f} m;"
              f" |new-ref| at those points mean {np.abs(ex - ey).mean():.1f} m, max {np.abs(ex - ey).max():.0f} m")


if __name__ == "__main__":
    main()
