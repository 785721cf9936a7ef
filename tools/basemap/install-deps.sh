#!/usr/bin/env bash
# Installs the Debian 12 packages the base-map pipeline reads or runs.
# Idempotent: packages already installed are left alone. Needs root or sudo.
# Usage: tools/basemap/install-deps.sh
set -euo pipefail

pkgs=(
  gdal-bin          # ogr2ogr, gdal_translate, gdalbuildvrt, gdalwarp
  python3-gdal      # osgeo.gdal for decode_marble_relief.py
  python3-numpy
  gmt               # GMT 6.4: dumps GSHHG rivers and lake shorelines
  gmt-gshhg-full    # GSHHG 2.3.7 full-resolution shorelines and WDBII rivers
  libmagics++-data  # Natural Earth 10m shapefiles under /usr/share/magics/10m/
  marble-qt-data    # KDE Marble "Atlas" (srtm) relief tiles
)

if [ "$(id -u)" -eq 0 ]; then sudo=(); else sudo=(sudo); fi

missing=()
for p in "${pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-deps: all ${#pkgs[@]} packages already installed"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
"${sudo[@]}" apt-get update
DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}"
