// The relief in a projection, kept on disk between runs. Shading the
// elevation raster and warping it into the map's projection is most of what
// a still or an export does before its first frame (about 0.4 s of two cores
// on the reference machine) and gives the same texels every time for the
// same inputs; so `annals still` and `annals export` keep the result under
// $XDG_CACHE_HOME/annals/relief/ and the next run, or every other process of
// a split export, reads it back instead.
//
// The file's name is a SHA-256 over everything the texels depend on: the
// bytes of the elevation raster and of the land and lake layers (the masks),
// the projection's definition, the raster's window, and the executable
// itself (its version, size and time), so a rebuilt program never reads
// texels an older one made. A file that is missing, short or otherwise wrong
// is simply not used (and is rewritten): the cache can only make a run
// quicker, never change a pixel or fail it.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "annals/render/scene.h"

namespace annals {

// The cache file for these inputs in `folder`, or empty when an input cannot
// be read (the run then goes without the cache and reports the input's
// error where it reads it).
std::filesystem::path relief_cache_file(const std::filesystem::path& folder,
                                        const std::vector<std::filesystem::path>& inputs,
                                        const std::string& parameters);

// The projected relief's texture and bounds from `file`, or nothing.
std::optional<TerrainLayer> read_cached_relief(const std::filesystem::path& file);

// Writes `terrain` to `file` atomically (making its folder) and keeps only
// the kKeep most recently written files of that folder; false, quietly, when
// it cannot (a read-only home, a full disk): the cache is an optimisation.
bool write_cached_relief(const std::filesystem::path& file, const TerrainLayer& terrain);
inline constexpr int kReliefCacheKeep = 4;

}  // namespace annals
