#include "annals/render/relief_cache.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <sstream>

#include "annals/geo/atomic_file.h"
#include "annals/model/source_text.h"
#include "annals/model/version.h"

namespace annals {

namespace fs = std::filesystem;

namespace {

// The file: this line, then width and height (int32), the bounds (four
// doubles: min x, min y, max x, max y), then width·height·4 bytes of RGBA.
constexpr char kMagic[] = "annals-relief-cache 1\n";

std::optional<std::string> read_all(const fs::path& file) {
  std::ifstream in(file, std::ios::binary | std::ios::ate);
  if (!in) return std::nullopt;
  const std::streamoff size = in.tellg();
  if (size < 0) return std::nullopt;
  std::string bytes(static_cast<std::size_t>(size), '\0');
  in.seekg(0);
  if (!in.read(bytes.data(), size)) return std::nullopt;
  return bytes;
}

}  // namespace

fs::path relief_cache_file(const fs::path& folder, const std::vector<fs::path>& inputs,
                           const std::string& parameters) {
  std::ostringstream key;
  key << kMagic << version() << '\n' << parameters << '\n';
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    const auto size = fs::file_size(exe, ec);
    const auto time = fs::last_write_time(exe, ec).time_since_epoch().count();
    if (!ec) key << exe.string() << ' ' << size << ' ' << time << '\n';
  }
  for (const fs::path& input : inputs) {
    const auto bytes = read_all(input);
    if (!bytes) return {};
    // Each input's digest, so no two sets of files can run together.
    key << input.filename().string() << ' ' << sha256_hex(*bytes) << '\n';
  }
  return folder / (sha256_hex(key.str()) + ".relief");
}

std::optional<TerrainLayer> read_cached_relief(const fs::path& file) {
  const auto bytes = read_all(file);
  constexpr std::size_t magic = sizeof kMagic - 1,
                        header = magic + 2 * sizeof(std::int32_t) + 4 * sizeof(double);
  if (!bytes || bytes->size() < header || bytes->compare(0, magic, kMagic) != 0) return std::nullopt;
  std::int32_t size[2];
  double bounds[4];
  std::memcpy(size, bytes->data() + magic, sizeof size);
  std::memcpy(bounds, bytes->data() + magic + sizeof size, sizeof bounds);
  if (size[0] <= 0 || size[1] <= 0 || size[0] > 65536 || size[1] > 65536) return std::nullopt;
  const std::size_t texels = static_cast<std::size_t>(size[0]) * static_cast<std::size_t>(size[1]);
  if (bytes->size() != header + texels * 4) return std::nullopt;
  if (!(bounds[2] > bounds[0]) || !(bounds[3] > bounds[1])) return std::nullopt;
  TerrainLayer t;
  t.texture = Image(size[0], size[1]);
  std::memcpy(t.texture.rgba.data(), bytes->data() + header, texels * 4);
  t.bounds = {bounds[0], bounds[1], bounds[2], bounds[3]};
  return t;
}

bool write_cached_relief(const fs::path& file, const TerrainLayer& terrain) {
  try {
    std::error_code ec;
    fs::create_directories(file.parent_path(), ec);
    if (ec) return false;
    AtomicFile out(file);
    const std::int32_t size[2] = {terrain.texture.width, terrain.texture.height};
    const double bounds[4] = {terrain.bounds.min_x, terrain.bounds.min_y, terrain.bounds.max_x,
                              terrain.bounds.max_y};
    out.write(kMagic, sizeof kMagic - 1);
    out.write(size, sizeof size);
    out.write(bounds, sizeof bounds);
    out.write(terrain.texture.rgba.data(), terrain.texture.rgba.size());
    out.commit(/*durable=*/false);  // a torn file is refused on reading
    // Only the few most recent: one per projection or raster in use.
    std::vector<std::pair<fs::file_time_type, fs::path>> files;
    for (const auto& e : fs::directory_iterator(file.parent_path(), ec))
      if (e.path().extension() == ".relief") files.emplace_back(e.last_write_time(ec), e.path());
    std::sort(files.begin(), files.end(), [](const auto& a, const auto& b) { return a.first > b.first; });
    for (std::size_t i = kReliefCacheKeep; i < files.size(); ++i) fs::remove(files[i].second, ec);
    return true;
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace annals
