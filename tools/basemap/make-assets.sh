#!/usr/bin/env bash
# Regenerates assets/basemap/ from a folder of staged source layers made by
# tools/basemap/build-sources.sh from the Debian packages (see
# assets/basemap/PROVENANCE.md). Needs gdal-bin (ogr2ogr) and python3-gdal;
# with no SOURCE_DIR, also what build-sources.sh needs. Deterministic: the
# same inputs give the same files. region_labels.geojson comes from
# make_region_labels.py: Natural Earth region polygons for some labels,
# hand-placed cited points for the rest (the table is in that script).
# Usage: tools/basemap/make-assets.sh [SOURCE_DIR [OUT_DIR]]
#   SOURCE_DIR  omitted or "-": build-sources.sh is run into a temporary
#               folder first, so the result is what assets/basemap ships.
#               ../shared/basemap also works; its dem_context.tif is the
#               staged decode, not the shipped one (the vectors are the same).
#   OUT_DIR     defaults to assets/basemap; name another to compare without
#               touching the shipped files.
set -euo pipefail
cd "$(dirname "$0")/../.."
out="${2:-assets/basemap}"
tmp=$(mktemp -d /tmp/basemap-assets.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
src="${1:--}"
if [ "$src" = - ]; then
  src="$tmp/sources"
  tools/basemap/build-sources.sh "$src"
fi
mkdir -p "$tmp/assets"

# Simplification tolerances in degrees: about 0.5–1 km, well under a pixel at
# the campaign's usual scales, and it keeps the shipped assets small.
gj() { ogr2ogr -f GeoJSON -lco COORDINATE_PRECISION=4 -lco RFC7946=NO "$@"; }

gj "$tmp/assets/land.geojson" "$src/land.geojson" -simplify 0.01 -select scalerank
gj "$tmp/assets/lakes.geojson" "$src/lakes.geojson" -simplify 0.005 -select name,kind,scalerank
gj "$tmp/assets/rivers_ne.geojson" "$src/rivers_ne.geojson" -simplify 0.005 -select name,scalerank
# GSHHG rivers: natural classes 0–6. The Hei He (past Khara-Khoto) and the Shule
# He (to Dunhuang) are mostly class 6, intermittent; Natural Earth lacks both.
# Class 7 (minor intermittent) and canals
# (8–10, modern) are left out.
gj "$tmp/assets/rivers_gshhg.geojson" "$src/rivers.geojson" -where "level >= 0 AND level <= 6" -simplify 0.005 -select level
gj "$tmp/assets/borders.geojson" "$src/borders.geojson" -where "admin_level = 0" -simplify 0.01 -select admin_level
# Natural Earth spot heights (already clipped to the context): points, so no
# simplification; name (null for unnamed spot elevations), elevation in metres
# and the Natural Earth class (mountain, pass, depression, spot elevation).
gj "$tmp/assets/peaks.geojson" "$src/peaks.geojson" -select name,elevation,featurecla
/usr/bin/python3 tools/basemap/make_region_labels.py "$src/regions.geojson" "$tmp/assets/region_labels.geojson"
cp "$src/dem_context.tif" "$tmp/assets/dem_context.tif"

mkdir -p "$out"
for f in "$tmp"/assets/*; do mv "$f" "$out/"; done
( cd "$out" && sha256sum land.geojson lakes.geojson rivers_ne.geojson rivers_gshhg.geojson borders.geojson \
    dem_context.tif peaks.geojson region_labels.geojson > SHA256SUMS )
du -ch "$out"/* | tail -1
