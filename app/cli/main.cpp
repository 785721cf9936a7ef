// The boundary: every exception from the core becomes a message on stderr and
// an exit code here (1 for bad input or usage, 2 for internal errors).
// Messages quote input (arguments, file contents), so each is printed through
// escape_for_terminal: bytes that are not UTF-8 and control characters come
// out as \xNN, never raw.
#include <malloc.h>

#include <exception>
#include <iostream>
#include <string>
#include <vector>

#include "annals/geo/diagnostic.h"
#include "annals/geo/projection.h"
#include "annals/geo/raster_warp.h"
#include "annals/geo/trace.h"
#include "annals/geo/utf8.h"
#include "arg_parser.h"
#include "command.h"

int main(int argc, char** argv) {
  annals::trace("main");
  // Large buffers (rasters while loading, frames while exporting) come from
  // mmap and go back to the system when freed. glibc's default threshold
  // rises after the first large free, after which such buffers stay in the
  // heap and an export's resident memory grows with what loading used.
  ::mallopt(M_MMAP_THRESHOLD, 1 << 20);
  std::vector<std::string> args(argv + 1, argv + argc);
  try {
    return annals::cli::dispatch(args);
  } catch (const annals::cli::UsageError& e) {
    std::cerr << "annals: " << annals::escape_for_terminal(e.what()) << " (see --help)\n";
    return annals::cli::kExitBadInput;
  } catch (const annals::DataError& e) {
    std::cerr << e.diagnostic().format() << "\n";
    return annals::cli::kExitBadInput;
  } catch (const annals::ProjectionError& e) {
    std::cerr << "annals: " << annals::escape_for_terminal(e.what()) << "\n";
    return annals::cli::kExitBadInput;
  } catch (const annals::WarpError& e) {
    // The terrain could not be reprojected: a DEM that GDAL reads but cannot warp.
    std::cerr << "annals: cannot reproject the terrain: " << annals::escape_for_terminal(e.what()) << "\n";
    return annals::cli::kExitBadInput;
  } catch (const std::exception& e) {
    std::cerr << "annals: internal error: " << annals::escape_for_terminal(e.what()) << "\n";
    return annals::cli::kExitInternal;
  }
}
