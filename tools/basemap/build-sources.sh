#!/usr/bin/env bash
# Builds the base map's staged source layers from Debian packages, following
# the recipes in /work/shared/basemap/PROVENANCE.md (mirrored in
# assets/basemap/PROVENANCE.md). The result is a folder like ../shared/basemap
# that tools/basemap/make-assets.sh takes as its SOURCE_DIR.
#
# Usage: tools/basemap/build-sources.sh OUT_DIR [STAGED_DIR]
#   OUT_DIR     where the layers go (created; existing layer files replaced)
#   STAGED_DIR  folder holding the Natural Earth layers no Debian package has
#               (lakes.geojson = lakes + playas, regions.geojson,
#               peaks.geojson); default ../shared/basemap. Copied unchanged.
#
# Needs the packages of tools/basemap/install-deps.sh. If marble-qt-data is not
# installed, its .deb is fetched with `apt-get download` and unpacked under
# /tmp (no root needed for that). Temporary files go under /tmp only.
# Deterministic: the same packages give byte-identical layers (the folder's
# SHA256SUMS lists them), whatever the CPU's SIMD features or the BLAS
# (decode_marble_relief.py avoids code whose float results depend on them;
# see its docstring), and in any locale.
set -euo pipefail
export LC_ALL=C   # awk's number formatting, sort orders

repo=$(cd "$(dirname "$0")/../.." && pwd)
here="$repo/tools/basemap"
[ $# -ge 1 ] || { sed -n '2,18p' "$0"; exit 2; }
mkdir -p "$1"
out=$(cd "$1" && pwd)
staged=$(cd "${2:-$repo/../shared/basemap}" && pwd)
py=/usr/bin/python3          # Debian's python, which has python3-numpy/-gdal
tmp=$(mktemp -d /tmp/basemap-sources.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"   # gmt writes gmt.history into the working directory

# Context extent (lon/lat, WGS84) and the core sub-window.
W=60 E=125 S=25 N=55
CORE_W=92 CORE_E=112 CORE_S=34 CORE_N=43
ne=/usr/share/magics/10m

for tool in gmt ogr2ogr gdal_translate gdalbuildvrt gdal_edit.py; do
  command -v "$tool" >/dev/null || { echo "missing $tool: run tools/basemap/install-deps.sh" >&2; exit 1; }
done
"$py" -c 'import numpy, osgeo.gdal' || { echo "missing python3-numpy/python3-gdal" >&2; exit 1; }
[ -d "$ne" ] || { echo "missing $ne (libmagics++-data)" >&2; exit 1; }

# ---------------------------------------------------------------- GSHHG ----
echo "== GSHHG rivers and lakes (gmt $(gmt --version), gmt-gshhg-full)"
# Rivers: every WDBII class, full resolution, one LineString per segment.
gmt coast -R$W/$E/$S/$N -Df -Ia -M > "$tmp/rivers.txt"
"$py" "$here/gmt_to_geojson.py" rivers "$tmp/rivers.txt" "$tmp/rivers.geojson"
# Lakes: level-2 shorelines, dumped over a larger window (pieces are cut at
# bin edges), joined, closed rings kept, made valid and clipped.
gmt coast -R55/130/20/60 -Df -A0/2/2 -W -M > "$tmp/lakes_raw.txt"
gmt connect -T0.0001 "$tmp/lakes_raw.txt" > "$tmp/lakes_joined.txt"
gmt connect -C"$tmp/lakes_closed.txt" "$tmp/lakes_joined.txt" > "$tmp/lakes_open.txt"
"$py" "$here/gmt_to_geojson.py" rings "$tmp/lakes_closed.txt" "$tmp/lakes_rings.geojson"
ogr2ogr -f GeoJSON -makevalid -clipsrc $W $S $E $N -nlt MULTIPOLYGON -nln lakes_gshhg \
  -lco COORDINATE_PRECISION=4 "$tmp/lakes_gshhg.geojson" "$tmp/lakes_rings.geojson"

# --------------------------------------------------------- Natural Earth ----
echo "== Natural Earth (libmagics++-data, $ne)"
nej() { ogr2ogr -f GeoJSON -clipsrc $W $S $E $N -lco COORDINATE_PRECISION=5 "$@"; }
nej -nlt MULTIPOLYGON -nln land "$tmp/land.geojson" "$ne/ne_10m_land.shp" \
  -select featurecla,scalerank
nej -nlt MULTILINESTRING -nln rivers_ne "$tmp/rivers_ne.geojson" \
  "$ne/ne_10m_rivers_lake_centerlines.shp" -select name,scalerank,featurecla
# Borders: country lines (admin_level 0) then province lines (1), one layer.
nej -nlt MULTILINESTRING -nln borders "$tmp/borders.geojson" \
  "$ne/ne_10m_admin_0_boundary_lines_land.shp" -dialect SQLite -sql \
  "SELECT 0 AS admin_level, featurecla, adm0_left AS left_name, adm0_right AS right_name,
          adm0_a3_l AS left_a3, adm0_a3_r AS right_a3, CAST(NULL AS TEXT) AS adm0_a3, geometry
     FROM ne_10m_admin_0_boundary_lines_land"
ogr2ogr -f GeoJSON -append -clipsrc $W $S $E $N -nlt MULTILINESTRING -nln borders \
  "$tmp/borders.geojson" "$ne/ne_10m_admin_1_states_provinces_lines.shp" -dialect SQLite -sql \
  "SELECT 1 AS admin_level, featurecla, name_l AS left_name, name_r AS right_name,
          CAST(NULL AS TEXT) AS left_a3, CAST(NULL AS TEXT) AS right_a3, adm0_a3, geometry
     FROM ne_10m_admin_1_states_provinces_lines"

# ---------------------------------------------------------------- relief ----
echo "== Marble srtm relief (marble-qt-data)"
tiles=/usr/share/marble/data/maps/earth/srtm/3
if [ ! -d "$tiles" ]; then
  ( cd "$tmp" && apt-get download marble-qt-data >/dev/null && dpkg-deb -x marble-qt-data_*.deb marble )
  tiles="$tmp/marble/usr/share/marble/data/maps/earth/srtm/3"
fi
# Level 3: 16x8 tiles of 22.5 deg, 675 px (2'); tile (r, c) has its upper-left
# corner at (-180 + 22.5c, 90 - 22.5r). The context needs rows 1-2, cols 10-13.
mkdir -p "$tmp/relief"
vrts=() jpgs=()
for r in 1 2; do
  for c in 10 11 12 13; do
    R=$(printf %06d $r) C=$(printf %06d $c)
    jpg="$tiles/$R/${R}_${C}.jpg"
    read -r ulx uly lrx lry < <(awk -v r=$r -v c=$c \
      'BEGIN { x = -180 + 22.5 * c; y = 90 - 22.5 * r; printf "%.1f %.1f %.1f %.1f\n", x, y, x + 22.5, y - 22.5 }')
    gdal_translate -q -of VRT -a_srs EPSG:4326 -a_ullr "$ulx" "$uly" "$lrx" "$lry" \
      "$jpg" "$tmp/relief/${R}_${C}.vrt"
    vrts+=("$tmp/relief/${R}_${C}.vrt") jpgs+=("$jpg")
  done
done
gdalbuildvrt -q "$tmp/relief/mosaic.vrt" "${vrts[@]}"
"$py" "$here/decode_marble_relief.py" "$tmp/relief/mosaic.vrt" \
  "$(IFS=,; echo "${jpgs[*]}")" "$tmp/relief/dem_mosaic.tif"
# clip SRC OUT W N E S: gdal_translate -projwin, through a VRT because GDAL
# 3.6 drops the band's unit type (m) when it cuts a window; gdal_edit.py puts
# it back in the VRT, and the last gdal_translate copies it over. ZLEVEL=9
# as in the staged files (re-encoding those with these options gives them
# back byte for byte).
clip() {
  gdal_translate -q -of VRT -projwin "$3" "$4" "$5" "$6" "$1" "$2.vrt"
  gdal_edit.py -units m "$2.vrt"
  gdal_translate -q -co COMPRESS=DEFLATE -co PREDICTOR=2 -co ZLEVEL=9 -co TILED=YES "$2.vrt" "$2"
  rm "$2.vrt"
}
clip "$tmp/relief/dem_mosaic.tif" "$tmp/dem_context.tif" $W $N $E $S
clip "$tmp/dem_context.tif" "$tmp/dem_core.tif" $CORE_W $CORE_N $CORE_E $CORE_S

# ------------------------------------------------- staged-only NE layers ----
echo "== Natural Earth layers not in Debian, copied from $staged"
for f in lakes regions peaks; do
  cp "$staged/$f.geojson" "$tmp/$f.geojson"
done

layers=(dem_context.tif dem_core.tif rivers.geojson lakes_gshhg.geojson rivers_ne.geojson
        land.geojson borders.geojson lakes.geojson regions.geojson peaks.geojson)
for f in "${layers[@]}"; do
  mv -f "$tmp/$f" "$out/$f"
done
( cd "$out" && sha256sum "${layers[@]}" > SHA256SUMS )
echo "== wrote ${#layers[@]} layers to $out"
cat "$out/SHA256SUMS"
