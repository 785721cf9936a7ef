// GDAL's drivers must be registered once per process before any Open call.
#pragma once

namespace annals {
void ensure_gdal_registered();
}
