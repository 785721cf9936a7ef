#include <png.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

#include "annals/geo/diagnostic.h"
#include "annals/render/image.h"

namespace annals {

namespace {
using FilePtr = std::unique_ptr<FILE, int (*)(FILE*)>;
}

void write_png(const std::filesystem::path& path, const Image& image, int compression_level) {
  if (image.width <= 0 || image.height <= 0)
    throw std::runtime_error(path.string() + ": cannot write an empty image");
  std::filesystem::path tmp = path;
  tmp += ".tmp-" + std::to_string(::getpid());
  {
    FilePtr f(std::fopen(tmp.c_str(), "wb"), &std::fclose);
    if (!f) throw std::runtime_error(path.string() + ": cannot create file: " + std::strerror(errno));
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
    png_infop info = png ? png_create_info_struct(png) : nullptr;
    if (!png || !info) {
      png_destroy_write_struct(&png, &info);
      std::filesystem::remove(tmp);
      throw std::runtime_error(path.string() + ": cannot initialise libpng");
    }
    // libpng reports errors by longjmp; nothing with a destructor lives
    // between here and the end of the writes.
    if (setjmp(png_jmpbuf(png))) {
      png_destroy_write_struct(&png, &info);
      f.reset();
      std::filesystem::remove(tmp);
      throw std::runtime_error(path.string() + ": PNG encoding failed");
    }
    png_init_io(png, f.get());
    png_set_compression_level(png, compression_level);
    if (compression_level <= 1) png_set_filter(png, 0, PNG_FILTER_NONE);
    png_set_IHDR(png, info, static_cast<png_uint_32>(image.width), static_cast<png_uint_32>(image.height), 8,
                 PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT,
                 PNG_FILTER_TYPE_DEFAULT);
    png_write_info(png, info);
    for (int y = 0; y < image.height; ++y) png_write_row(png, const_cast<png_bytep>(image.pixel(0, y)));
    png_write_end(png, nullptr);
    png_destroy_write_struct(&png, &info);
    if (std::fflush(f.get()) != 0) {
      f.reset();
      std::filesystem::remove(tmp);
      throw std::runtime_error(path.string() + ": write failed: " + std::strerror(errno));
    }
  }
  std::error_code ec;
  std::filesystem::rename(tmp, path, ec);
  if (ec) {
    std::filesystem::remove(tmp);
    throw std::runtime_error(path.string() + ": cannot move finished file into place: " + ec.message());
  }
}

Image read_png(const std::filesystem::path& path) {
  png_image img;
  std::memset(&img, 0, sizeof img);
  img.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_file(&img, path.c_str()))
    throw DataError(path.string(), "", std::string("not a readable PNG: ") + img.message);
  img.format = PNG_FORMAT_RGBA;
  Image out(static_cast<int>(img.width), static_cast<int>(img.height));
  if (!png_image_finish_read(&img, nullptr, out.rgba.data(), 0, nullptr)) {
    png_image_free(&img);
    throw DataError(path.string(), "", std::string("corrupt PNG: ") + img.message);
  }
  return out;
}

}  // namespace annals
