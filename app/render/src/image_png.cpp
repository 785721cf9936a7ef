#include <png.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <stdexcept>
#include <string>

#include "annals/geo/atomic_file.h"
#include "annals/geo/diagnostic.h"
#include "annals/render/image.h"

namespace annals {

namespace {

// libpng writes through this into memory; the file is written in one go by
// write_file_atomically, so a full disk or a missing folder is reported once,
// with the target's name, and never leaves half a PNG.
void append_to_string(png_structp png, png_bytep data, png_size_t length) {
  static_cast<std::string*>(png_get_io_ptr(png))->append(reinterpret_cast<const char*>(data), length);
}
void no_flush(png_structp) {}

}  // namespace

std::string encode_png(const Image& image, int compression_level) {
  if (image.width <= 0 || image.height <= 0) throw std::invalid_argument("cannot encode an empty image");
  std::string out;
  out.reserve(image.rgba.size() / 4);
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!png || !info) {
    png_destroy_write_struct(&png, &info);
    throw std::runtime_error("cannot initialise libpng");
  }
  // libpng reports errors by longjmp; nothing with a destructor is created
  // between here and the end of the writes (out lives outside).
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    throw std::runtime_error("PNG encoding failed");
  }
  png_set_write_fn(png, &out, append_to_string, no_flush);
  png_set_compression_level(png, compression_level);
  // Level 1 is export's: filters cost more time than they save bytes there.
  if (compression_level <= 1) png_set_filter(png, 0, PNG_FILTER_NONE);
  png_set_IHDR(png, info, static_cast<png_uint_32>(image.width), static_cast<png_uint_32>(image.height), 8,
               PNG_COLOR_TYPE_RGBA, PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < image.height; ++y) png_write_row(png, const_cast<png_bytep>(image.pixel(0, y)));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

void write_png(const std::filesystem::path& path, const Image& image, int compression_level, bool durable) {
  write_file_atomically(path, encode_png(image, compression_level), durable);
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
