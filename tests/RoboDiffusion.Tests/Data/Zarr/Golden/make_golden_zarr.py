"""Regenerates pusht_golden.zarr with the reference zarr/numcodecs (Debian: apt-get install python3-zarr;
zarr 2.13.6, numcodecs 0.11.0). Run: /usr/bin/python3 make_golden_zarr.py  (writes next to this script).

The arrays follow diffusion_policy's Push-T replay-buffer layout and use the codecs such files carry, so the C#
decoder is checked against bytes written by c-blosc / libzstd themselves. Values are closed-form in the index,
and PushTZarrGoldenTests recomputes them:
  state[t, j]      = 10 t + j + 0.25           (float32, blosc lz4, byte shuffle, chunks 4x5)
  keypoint[t,k,c]  = t + k / 8 + c / 2         (float32, blosc zstd, no shuffle, one chunk)
  action[t, c]     = 500 - 3 t - c / 4         (float32, numcodecs Zstd level 3, chunks 5x2)
  img[t,y,x,ch]    = (t * 48 + y * 12 + x * 3 + ch) * 5 mod 256   (uint8, blosc zlib, byte shuffle, chunks 2x4x4x3)
  episode_ends     = [3, 7]                    (int64, no compressor)
  extra/ramp[i]    = i * 0.5 - 700             (float32, 3000 values, blosc lz4, byte shuffle: one block, split streams)
  extra/long[i]    = (i mod 1000) * 0.125      (float32, 200000 values, blosc lz4, byte shuffle: several blocks,
                                                 the last one a leftover)
  extra/blosclz[i] = 7                         (float32, 1000 values, blosc blosclz: a codec the reader refuses)
"""
import os
import shutil

import numcodecs
import numpy as np
import zarr

here = os.path.dirname(os.path.abspath(__file__))
path = os.path.join(here, "pusht_golden.zarr")
shutil.rmtree(path, ignore_errors=True)
root = zarr.open_group(path, mode="w")
t = np.arange(7)

state = (10 * t[:, None] + np.arange(5)[None, :] + 0.25).astype(np.float32)
root.create_dataset("data/state", data=state, chunks=(4, 5),
                    compressor=numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE))
kp = (t[:, None, None] + np.arange(9)[None, :, None] / 8 + np.arange(2)[None, None, :] / 2).astype(np.float32)
root.create_dataset("data/keypoint", data=kp, chunks=(7, 9, 2),
                    compressor=numcodecs.Blosc(cname="zstd", clevel=3, shuffle=numcodecs.Blosc.NOSHUFFLE))
action = (500 - 3 * t[:, None] - np.arange(2)[None, :] / 4).astype(np.float32)
root.create_dataset("data/action", data=action, chunks=(5, 2), compressor=numcodecs.Zstd(level=3))
img = ((np.arange(7 * 48).reshape(7, 4, 4, 3) * 5) % 256).astype(np.uint8)
root.create_dataset("data/img", data=img, chunks=(2, 4, 4, 3),
                    compressor=numcodecs.Blosc(cname="zlib", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE))
root.create_dataset("meta/episode_ends", data=np.array([3, 7], dtype=np.int64), compressor=None)
ramp = (np.arange(3000) * 0.5 - 700).astype(np.float32)
root.create_dataset("extra/ramp", data=ramp, chunks=(3000,),
                    compressor=numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE, blocksize=1024))
long = ((np.arange(200000) % 1000) * 0.125).astype(np.float32)
root.create_dataset("extra/long", data=long, chunks=(200000,),
                    compressor=numcodecs.Blosc(cname="lz4", clevel=5, shuffle=numcodecs.Blosc.SHUFFLE))
root.create_dataset("extra/blosclz", data=np.full(1000, 7, dtype=np.float32),
                    compressor=numcodecs.Blosc(cname="blosclz", clevel=5, shuffle=numcodecs.Blosc.NOSHUFFLE))
print("wrote", path)
