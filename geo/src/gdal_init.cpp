#include "gdal_init.h"

#include <cpl_error.h>
#include <gdal.h>

#include <mutex>

namespace annals {

void ensure_gdal_registered() {
  static std::once_flag once;
  std::call_once(once, [] {
    GDALAllRegister();
    // Errors reach the user through our exceptions, not GDAL's stderr printer.
    CPLSetErrorHandler(CPLQuietErrorHandler);
  });
}

}  // namespace annals
