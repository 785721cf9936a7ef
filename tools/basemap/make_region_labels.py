#!/usr/bin/python3
"""Writes assets/basemap/region_labels.geojson: label points for the physical
regions the atlas names (deserts, ranges, plateaus ...).

Where Natural Earth's geography_regions_polys has the region (the staged
regions.geojson), the point is computed from its polygon by label_points.py
(centre_point: the interior point nearest the area centroid whose clearance
from the outline is at least half the maximum). The others are placed by hand
from the published coordinates or bounds cited in each entry's `source`.

Properties: name_zh, name_en, pinyin, kind (desert, mountains, corridor,
plateau, plain, steppe), rank (1 = shown first, at the smallest scales; set by
the feature's size), source.

Deterministic. Usage: make_region_labels.py REGIONS.geojson OUT.geojson
"""
import json
import os
import sys

from osgeo import ogr

sys.dont_write_bytecode = True  # no __pycache__ in tools/
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from label_points import centre_point  # noqa: E402

ogr.UseExceptions()

NE = ("Natural Earth 10m geography_regions_polys v2.0.0, polygon \"{}\" (public domain), "
      "via the staged regions.geojson; point from tools/basemap/label_points.py centre_point")

# (name_zh, name_en, pinyin, kind, rank, Natural Earth name or None, (lon, lat) or None, source)
REGIONS = [
    ("青藏高原", "Tibetan Plateau", "Qīngzàng Gāoyuán", "plateau", 1, "PLATEAU OF TIBET", None, None),
    ("蒙古高原", "Mongolian Plateau", "Ménggǔ Gāoyuán", "plateau", 1, "MONGOLIAN PLATEAU", None, None),
    ("戈壁", "Gobi", "Gēbì", "desert", 1, "GOBI DESERT", None, None),
    ("塔克拉玛干沙漠", "Taklamakan Desert", "Tǎkèlāmǎgān Shāmò", "desert", 2, "TAKLIMAKAN DESERT", None, None),
    ("黄土高原", "Loess Plateau", "Huángtǔ Gāoyuán", "plateau", 2, "Loess Plateau", None, None),
    ("河西走廊", "Hexi Corridor", "Héxī Zǒuláng", "corridor", 2, "Hexi Corridor", None, None),
    ("祁连山", "Qilian Shan", "Qílián Shān", "mountains", 2, "QUILIAN MOUNTAINS", None, None),
    ("柴达木盆地", "Qaidam Basin", "Cháidámù Péndì", "plain", 2, "Qaidam Basin", None, None),
    ("阴山", "Yin Shan", "Yīn Shān", "mountains", 2, "Yin Mts.", None, None),
    ("阿拉善高原", "Alxa Plateau", "Ālāshàn Gāoyuán", "plateau", 2, None, (103.12, 40.38),
     "Hand-placed at the middle of the bounds Britannica gives for the Alxa Plateau "
     "(https://www.britannica.com/place/Alxa-Plateau: Hei River on the west, Helan Mountains and "
     "Yellow River on the east, Qilian Mountains on the south, the Mongolian border on the north), "
     "measured on the staged layers: Hei He 100.29E at 41N (GSHHG rivers), Helan Shan 105.95E "
     "(Natural Earth peak), Hexi Corridor north edge 38.93N at 103E (Natural Earth regions), "
     "China-Mongolia border 41.84N at 103.5E (Natural Earth borders). The single coordinate "
     "published for the Alashan desert (ru.wikipedia, 40°29′50″N 102°29′42″E, seen at "
     "https://perceptiode.com/Алашань_(пустыня)) falls inside the Badain Jaran and was not used."),
    ("鄂尔多斯", "Ordos", "È'ěrduōsī", "plateau", 2, None, (109.0, 39.0),
     "Hand-placed at 39°N 109°E, the centre given for the Ordos Desert by Wikipedia "
     "(\"Ordos Desert\", seen at https://wn.com/Ordos_Desert); the Ordos Plateau is the land inside "
     "the Yellow River's northern bend (Britannica, http://www.britannica.com/EBchecked/topic/431575/Ordos-Plateau)."),
    ("贺兰山", "Helan Shan", "Hèlán Shān", "mountains", 3, None, (105.967, 38.9),
     "Hand-placed at 38°54′N 105°58′E, Wikipedia \"Helan Mountains\" "
     "(https://en.wikipedia.org/?title=Helan_Mountains&oldid=559415968); the range runs about "
     "200 km north-south (same article). Natural Earth's spot height \"Helan Shan\" 3540 m is at "
     "105.945E 38.837N."),
    ("腾格里沙漠", "Tengger Desert", "Ténggélǐ Shāmò", "desert", 3, None, (104.7, 38.7),
     "Hand-placed at 38°42′N 104°42′E, Wikipedia \"Tengger Desert\" "
     "(seen at http://www.infospaze.com/Tengger_Desert)."),
    ("巴丹吉林沙漠", "Badain Jaran Desert", "Bādānjílín Shāmò", "desert", 3, None, (102.21, 40.0725),
     "Hand-placed at 40°4′21″N 102°12′36″E, Wikipedia \"Badain Jaran Desert\" infobox "
     "(seen at https://review.clateway.com/wiki/view_html.php?lang=en&q=Badain_Jaran_Desert)."),
    ("毛乌素沙地", "Mu Us Desert", "Máowūsù Shādì", "desert", 3, None, (109.417, 38.417),
     "Hand-placed at the middle of the extent 37°27.5′–39°22.5′N, 107°20′–111°30′E given for the "
     "Mu Us sandy land (http://m.qi18.com/jingdian/37/damofengguangdianhltq). Natural Earth's "
     "\"Mu Us Desert\" polygon was not used: it covers the whole Ordos Loop (105.1–111.3E, "
     "37.3–40.9N), so its centre would sit on the Ordos label."),
    ("六盘山", "Liupan Shan", "Liùpán Shān", "mountains", 3, None, (106.217, 35.6),
     "Hand-placed on the main crest: at 35.6N (the project gazetteer's liupanshan, 106.2E 35.6N) "
     "the base-map DEM's ridge maximum is at 106.217E; Britannica \"Liupan Mountains\" "
     "(http://www.britannica.com/place/Liupan-Mountains) gives the name to the higher, northern "
     "(Ningxia) section, running nearly north-south. Natural Earth has no polygon for it."),
]


def main():
    regions_path, out = sys.argv[1:3]
    ds = ogr.Open(regions_path)
    layer = ds.GetLayer()
    polys = {f.GetField("name"): f.GetGeometryRef().Clone() for f in layer}
    feats = []
    for zh, en, py, kind, rank, ne_name, lonlat, source in REGIONS:
        if ne_name:
            if ne_name not in polys:
                sys.exit(f"{regions_path}: no region named {ne_name!r}")
            lon, lat, _ = centre_point(polys[ne_name])
            source = NE.format(ne_name)
        else:
            lon, lat = lonlat
        feats.append({
            "type": "Feature",
            "properties": {"name_zh": zh, "name_en": en, "pinyin": py, "kind": kind,
                           "rank": rank, "source": source},
            "geometry": {"type": "Point", "coordinates": [round(lon, 3), round(lat, 3)]},
        })
    with open(out, "w", encoding="utf-8") as fh:
        fh.write('{"type": "FeatureCollection", "features": [\n')
        fh.write(",\n".join(json.dumps(f, ensure_ascii=False) for f in feats))
        fh.write("\n]}\n")
    print(f"{out}: {len(feats)} labels", file=sys.stderr)


if __name__ == "__main__":
    main()
