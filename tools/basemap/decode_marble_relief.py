#!/usr/bin/python3
"""Decode KDE Marble "Atlas" (srtm) relief tiles to a height raster in metres.

Input: a georeferenced greyscale mosaic of Marble's level-3 srtm tiles (a VRT
built by build-sources.sh with gdal_translate -a_ullr + gdalbuildvrt) and the
JPEG tiles themselves (for their quantisation table). Output: an Int16 GeoTIFF
of the same grid, heights in metres; build-sources.sh clips it.

Steps, all on the grey values (0..255) before decoding, as recorded in
/work/shared/basemap/PROVENANCE.md:
  1. JPEG deblocking by shift-averaged re-quantisation: for each of the 64
     offsets of the 8x8 block grid, forward DCT, re-quantise with the tiles'
     own luminance quantisation table (read from their DQT marker), inverse
     DCT; the 64 results are averaged.
  2. Adaptive Gaussian blur: sigma SIGMA_FINE where the local grey standard
     deviation (Gaussian window, sigma 3 px) is >= STD_ROUGH, SIGMA_SMOOTH
     where it is <= STD_FLAT, linear in between -- computed as a blend of
     the two blurred images weighted by that standard deviation. (Of the
     readings tried -- 3x3/5x5/.../13x13 box windows, a per-pixel sigma
     ladder, smoothstep weights -- this one reproduces the staged
     dem_context.tif best: mean |diff| 0.29 m; 28 m for a 3x3 box, measured
     with an earlier version that took the constants from numpy's cos and
     exp, where this reading gave 0.47 m.)
  3. Decode: p = g/255 is a position in the theme's colour ramp; height is
     piecewise linear in p between the srtm.dgml legend stops (RAMP below).
  4. Round to Int16.

Only numpy and osgeo.gdal (Debian python3-numpy, python3-gdal) are used.
Deterministic: the same tiles give the same output bytes, whatever the CPU's
SIMD features or the BLAS installed. (Numpy 1.24's exp and cos take another
code path on CPUs with AVX-512, with different last bits, and that changed
about 0.7 % of the output pixels; matmul goes through whatever BLAS the
system has.) So the DCT matrix and the Gaussian kernels are computed in
decimal arithmetic and rounded once to float64, and the transforms,
convolutions and ramp use only elementwise +, -, *, / in a fixed order, each
of which IEEE 754 rounds the same everywhere.

Usage: decode_marble_relief.py MOSAIC.vrt TILE.jpg[,TILE.jpg...] OUT.tif
"""
import sys
from decimal import Decimal, localcontext

import numpy as np
from osgeo import gdal

gdal.UseExceptions()

# Ramp stops: position p in [0, 1] -> metres (srtm.dgml legend; the 1.0 stop
# is an extrapolation, reached only in the Himalaya corner of the context).
RAMP_P = [0.0, 0.07, 0.14, 0.21, 0.28, 0.31, 0.38, 0.45, 0.52, 0.59, 0.70,
          0.77, 0.83, 0.90, 0.95, 1.0]
RAMP_M = [-11000, -6500, -4000, -2000, -200, -50, 0, 50, 200, 500, 1000,
          2000, 3500, 5000, 7000, 9000]

SIGMA_FINE, SIGMA_SMOOTH = 0.7, 3.0     # px
STD_FLAT, STD_ROUGH = 1.5, 6.0          # grey levels
STD_WINDOW = 3.0                        # px, sigma of the Gaussian window

ZIGZAG = [
    0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5,
    12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
    35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51,
    58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55, 62, 63,
]


def read_luma_dqt(path):
    """The 8x8 luminance quantisation table (natural order) of a JPEG file."""
    data = open(path, "rb").read()
    if data[:2] != b"\xff\xd8":
        raise ValueError(f"{path}: not a JPEG")
    i = 2
    while i + 4 <= len(data):
        if data[i] != 0xFF:
            raise ValueError(f"{path}: bad marker at {i}")
        marker = data[i + 1]
        length = int.from_bytes(data[i + 2:i + 4], "big")
        if marker == 0xDB:
            seg, j = data[i + 4:i + 2 + length], 0
            while j < len(seg):
                precision, table_id = seg[j] >> 4, seg[j] & 15
                j += 1
                n = 128 if precision else 64
                raw = seg[j:j + n]
                j += n
                if table_id != 0:
                    continue
                if precision:
                    vals = [int.from_bytes(raw[k:k + 2], "big")
                            for k in range(0, 128, 2)]
                else:
                    vals = list(raw)
                q = np.zeros(64)
                q[ZIGZAG] = vals
                return q.reshape(8, 8)
        if marker == 0xDA:
            break
        i += 2 + length
    raise ValueError(f"{path}: no luminance DQT table")


# pi to 60 digits, for the decimal constants below.
PI = Decimal("3.14159265358979323846264338327950288419716939937510582097494459")
PREC = 60   # decimal digits for the constants; float64 needs 17


def _dec_cos(x):
    """cos(x) for a Decimal 0 <= x < 2 pi, by its Taylor series."""
    with localcontext() as ctx:
        ctx.prec = PREC + 10
        total, term, n = Decimal(1), Decimal(1), 0
        while True:
            n += 2
            term = -term * x * x / (n * (n - 1))
            if abs(term) < Decimal(10) ** -(PREC + 5):
                return total
            total += term


def dct_matrix():
    """Orthonormal 8-point DCT-II matrix (the JPEG FDCT in 2-D is C X C^T):
    C[u, x] = s(u) cos((2x + 1) u pi / 16), s(0) = 1/(2 sqrt 2), s(u) = 1/2,
    evaluated in decimal and rounded once to float64."""
    with localcontext() as ctx:
        ctx.prec = PREC
        half_r2 = Decimal(1) / (2 * Decimal(2).sqrt())
        c = [[float((half_r2 if u == 0 else Decimal("0.5"))
                    * _dec_cos(((2 * x + 1) * u % 32) * PI / 16))
              for x in range(8)] for u in range(8)]
    return np.array(c)


def apply_axis0(m, b):
    """out[i] = sum_j m[i, j] * b[j] over the first axis of b (8 long), summed
    in the order j = 0..7 with elementwise numpy ops (no BLAS)."""
    out = np.empty_like(b)
    tmp = np.empty_like(b[0])
    for i in range(8):
        np.multiply(b[0], m[i, 0], out=out[i])
        for j in range(1, 8):
            np.multiply(b[j], m[i, j], out=tmp)
            out[i] += tmp
    return out


def transform(m, b):
    """m B m^T for every 8x8 block; b has shape (8, 8, rows, cols)."""
    return apply_axis0(m, apply_axis0(m, b).swapaxes(0, 1)).swapaxes(0, 1)


def deblock(grey, qtab):
    """Average of re-quantised decodes over the 64 offsets of the 8x8 grid."""
    c = dct_matrix()
    q = qtab[:, :, None, None]
    h, w = grey.shape
    pad = 8
    padded = np.pad(grey - 128.0, pad, mode="reflect")
    acc = np.zeros((h, w))
    for dy in range(8):
        for dx in range(8):
            y0, x0 = pad - dy, pad - dx
            hh = -(-(h + dy) // 8) * 8
            ww = -(-(w + dx) // 8) * 8
            blk = padded[y0:y0 + hh, x0:x0 + ww]
            # (8 rows, 8 cols, block row, block col), contiguous
            b = np.ascontiguousarray(
                blk.reshape(hh // 8, 8, ww // 8, 8).transpose(1, 3, 0, 2))
            coef = transform(c, b)
            coef = np.round(coef / q) * q
            rec = transform(c.T.copy(), coef)
            rec = rec.transpose(2, 0, 3, 1).reshape(hh, ww)
            acc += rec[dy:dy + h, dx:dx + w]
    return np.clip(acc / 64.0 + 128.0, 0.0, 255.0)


def gauss_kernel(sigma):
    """Normalised 1-D Gaussian, truncated at 4 sigma; evaluated in decimal
    and rounded once to float64."""
    r = int(np.ceil(4 * sigma))
    with localcontext() as ctx:
        ctx.prec = PREC
        s = Decimal(repr(sigma))
        e = [(-(Decimal(x) / s) ** 2 / 2).exp() for x in range(-r, r + 1)]
        total = sum(e)
        return np.array([float(v / total) for v in e])


def convolve_sep(img, k1):
    r = len(k1) // 2
    p = np.pad(img, r, mode="reflect")
    h, w = img.shape
    tmp = np.zeros((h + 2 * r, w))
    for i, kv in enumerate(k1):
        tmp += kv * p[:, i:i + w]
    out = np.zeros((h, w))
    for i, kv in enumerate(k1):
        out += kv * tmp[i:i + h, :]
    return out


def local_std(img, sigma=STD_WINDOW):
    """Grey standard deviation in a Gaussian window of the given sigma (px):
    sqrt(G*x^2 - (G*x)^2)."""
    k = gauss_kernel(sigma)
    mean = convolve_sep(img, k)
    mean_sq = convolve_sep(img * img, k)
    return np.sqrt(np.maximum(mean_sq - mean * mean, 0.0))


def adaptive_blur(grey):
    """Blend of a fine (SIGMA_FINE) and a smooth (SIGMA_SMOOTH) Gaussian blur,
    weighted linearly by the local grey standard deviation: all fine at
    >= STD_ROUGH, all smooth at <= STD_FLAT."""
    std = local_std(grey)
    w_fine = np.clip((std - STD_FLAT) / (STD_ROUGH - STD_FLAT), 0.0, 1.0)
    fine = convolve_sep(grey, gauss_kernel(SIGMA_FINE))
    smooth = convolve_sep(grey, gauss_kernel(SIGMA_SMOOTH))
    return w_fine * fine + (1.0 - w_fine) * smooth


def decode(grey):
    """np.interp(grey / 255, RAMP_P, RAMP_M), spelt out in elementwise ops
    (np.interp's C loop may be compiled with fused multiply-add)."""
    p = grey / 255.0
    xp, fp = np.array(RAMP_P), np.array(RAMP_M, dtype=np.float64)
    j = np.clip(np.searchsorted(xp, p, side="right") - 1, 0, len(xp) - 2)
    slope = (fp[1:] - fp[:-1]) / (xp[1:] - xp[:-1])
    out = slope[j] * (p - xp[j]) + fp[j]
    return np.where(p >= xp[-1], fp[-1], out)


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__)
    mosaic, tiles, out = sys.argv[1], sys.argv[2].split(","), sys.argv[3]
    tables = [read_luma_dqt(t) for t in tiles]
    for t, q in zip(tiles, tables):
        if not np.array_equal(q, tables[0]):
            sys.exit(f"{t}: quantisation table differs from {tiles[0]}")
    qtab = tables[0]

    src = gdal.Open(mosaic)
    grey = src.GetRasterBand(1).ReadAsArray().astype(np.float64)
    clean = adaptive_blur(deblock(grey, qtab))
    metres = np.round(decode(clean)).astype(np.int16)

    drv = gdal.GetDriverByName("GTiff")
    dst = drv.Create(out, src.RasterXSize, src.RasterYSize, 1, gdal.GDT_Int16,
                     ["COMPRESS=DEFLATE", "PREDICTOR=2", "TILED=YES"])
    dst.SetGeoTransform(src.GetGeoTransform())
    dst.SetProjection(src.GetProjection())
    dst.SetMetadataItem(
        "SOURCE", "KDE Marble Atlas/srtm level-3 tiles (Debian marble-qt-data "
        "4:22.12.3-1), relief data credited by Marble to NASA JPL SRTM30")
    dst.SetMetadataItem(
        "DECODING", "grey/255 -> metres, piecewise-linear through the "
        "srtm.dgml legend stops; JPEG deblocking (64-shift re-quantisation "
        "average, q70 table), adaptive gaussian "
        f"[{SIGMA_FINE}, {SIGMA_SMOOTH}, {STD_FLAT}, {STD_ROUGH}]")
    band = dst.GetRasterBand(1)
    band.SetDescription("elevation (m)")
    band.SetUnitType("m")
    band.WriteArray(metres)
    dst = None
    print(f"{out}: {metres.shape[1]}x{metres.shape[0]} Int16, "
          f"min {metres.min()} max {metres.max()}", file=sys.stderr)


if __name__ == "__main__":
    main()
