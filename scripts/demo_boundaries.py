"""Make the demo's boundary files (data/pontianak/) from the real Kota Pontianak files.

    .venv/bin/python scripts/demo_boundaries.py ../shared/real data/pontianak

Reads ``pontianak_kelurahan.geojson`` (29 kelurahan) and ``pontianak_kecamatan.geojson`` (the 6
kecamatan's codes and names) of the source folder (cahyadsn/wilayah_boundaries, MIT; see
data/pontianak/SOURCE.md) and writes ``kelurahan.geojson`` and ``kecamatan.geojson``:

1. The kelurahan were simplified one by one upstream, so neighbours leave slivers between them and
   overlap a little. In metres (UTM 49S) they are cleaned into one coverage: gaps narrower than
   GAP_WIDTH_M go to a neighbour and overlaps to one of the two (``shapely.coverage_clean``). No
   vertex moves more than a few metres; no further simplification is needed at this size.
2. Each kecamatan is the union of its kelurahan, so the two levels share every border.
3. Back in EPSG:4326, exterior rings clockwise (what Plotly's geo traces need), coordinates rounded
   to 6 decimals (about 0,1 m), properties ``kode`` (Kemendagri code) and ``nama`` only.

tests/test_demo_boundaries.py runs this on ../shared/real and checks it writes the files in data/.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import shapely

from uhc.map_geometry import clockwise, utm_zone

GAP_WIDTH_M = 20.0  # the widest sliver between the source's kelurahan is about 15 m
COORDINATE_DECIMALS = 6


def _feature_collection(codes: list[str], names: list[str], geometries) -> str:
    """A FeatureCollection with one feature a line (readable diffs), properties kode and nama."""
    rounded = shapely.transform(
        clockwise(np.asarray(geometries, dtype=object)), lambda xy: np.round(xy, COORDINATE_DECIMALS)
    )
    rounded = shapely.remove_repeated_points(rounded)  # rounding can make two neighbouring vertices one
    lines = [
        json.dumps(
            {
                "type": "Feature",
                "properties": {"kode": code, "nama": name},
                "geometry": json.loads(shapely.to_geojson(geometry)),
            },
            ensure_ascii=False,
            separators=(",", ":"),
        )
        for code, name, geometry in zip(codes, names, rounded, strict=True)
    ]
    return '{"type":"FeatureCollection","features":[\n' + ",\n".join(lines) + "\n]}\n"


def demo_boundaries(source: Path) -> dict[str, str]:
    """The texts of kecamatan.geojson and kelurahan.geojson made from the files in ``source``."""
    kelurahan = gpd.read_file(source / "pontianak_kelurahan.geojson").sort_values("kode", ignore_index=True)
    kecamatan = gpd.read_file(source / "pontianak_kecamatan.geojson").sort_values("kode", ignore_index=True)
    utm = utm_zone(kelurahan.total_bounds)
    metric = np.asarray(kelurahan.to_crs(utm).geometry.values, dtype=object)
    cleaned = shapely.coverage_clean(metric, gap_width=GAP_WIDTH_M)
    parents = kelurahan["kode"].str.slice(0, 8).to_numpy()
    unions = [shapely.coverage_union_all(cleaned[parents == code]) for code in kecamatan["kode"]]
    return {
        "kelurahan.geojson": _feature_collection(
            kelurahan["kode"].tolist(), kelurahan["nama"].tolist(), gpd.GeoSeries(cleaned, crs=utm).to_crs(4326).values
        ),
        "kecamatan.geojson": _feature_collection(
            kecamatan["kode"].tolist(), kecamatan["nama"].tolist(), gpd.GeoSeries(unions, crs=utm).to_crs(4326).values
        ),
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    source, target = Path(argv[0]), Path(argv[1])
    target.mkdir(parents=True, exist_ok=True)
    for name, text in demo_boundaries(source).items():
        (target / name).write_text(text, encoding="utf-8")
        print(f"{target / name}: {len(text.encode()):,} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
