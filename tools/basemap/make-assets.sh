#!/usr/bin/env bash
# Regenerates assets/basemap/ from the staged source layers in ../shared/basemap
# (see its PROVENANCE.md for how those were made from Debian packages).
# Needs gdal-bin (ogr2ogr). Deterministic: the same inputs give the same files.
# Usage: tools/basemap/make-assets.sh [SOURCE_DIR]
set -euo pipefail
cd "$(dirname "$0")/../.."
src="${1:-../shared/basemap}"
out=assets/basemap
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Simplification tolerances in degrees: about 0.5–1 km, well under a pixel at
# the campaign's usual scales, and it keeps the shipped assets small.
gj() { ogr2ogr -f GeoJSON -lco COORDINATE_PRECISION=4 -lco RFC7946=NO "$@"; }

gj "$tmp/land.geojson" "$src/land.geojson" -simplify 0.01 -select scalerank
gj "$tmp/lakes.geojson" "$src/lakes.geojson" -simplify 0.005 -select name,kind,scalerank
gj "$tmp/rivers_ne.geojson" "$src/rivers_ne.geojson" -simplify 0.005 -select name,scalerank
# GSHHG rivers: natural classes 0–6. The Hei He (past Khara-Khoto) and the Shule
# He (to Dunhuang) are mostly class 6, intermittent; Natural Earth lacks both.
# Class 7 (minor intermittent) and canals
# (8–10, modern) are left out.
gj "$tmp/rivers_gshhg.geojson" "$src/rivers.geojson" -where "level >= 0 AND level <= 6" -simplify 0.005 -select level
gj "$tmp/borders.geojson" "$src/borders.geojson" -where "admin_level = 0" -simplify 0.01 -select admin_level
cp "$src/dem_context.tif" "$tmp/dem_context.tif"

for f in "$tmp"/*; do mv "$f" "$out/"; done
( cd "$out" && sha256sum land.geojson lakes.geojson rivers_ne.geojson rivers_gshhg.geojson borders.geojson dem_context.tif > SHA256SUMS )
du -ch "$out"/* | tail -1
