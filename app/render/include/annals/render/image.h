// An RGBA8 image in memory and its PNG encoding. Writes are atomic: the PNG is
// written to a temporary file beside the target and renamed over it, so a
// reader never sees a half-written frame.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace annals {

struct Image {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> rgba;  // row-major, top row first

  Image() = default;
  Image(int w, int h)
      : width(w), height(h), rgba(static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4) {}
  std::uint8_t* pixel(int x, int y) { return rgba.data() + (static_cast<std::size_t>(y) * width + x) * 4; }
  const std::uint8_t* pixel(int x, int y) const {
    return rgba.data() + (static_cast<std::size_t>(y) * width + x) * 4;
  }
};

// compression_level: 0–9 (zlib); 1 is what export uses (encoding dominates
// export time, see docs/architecture.md).
std::string encode_png(const Image& image, int compression_level = 6);

// Encodes and writes atomically (write_file_atomically; `durable` as there).
// Throws DataError naming the path when it cannot be written (a missing or
// unwritable folder, a full disk): the target is then left untouched.
void write_png(const std::filesystem::path& path, const Image& image, int compression_level = 6,
               bool durable = true);

// Throws DataError naming the path if it is not a readable PNG.
Image read_png(const std::filesystem::path& path);

}  // namespace annals
