# Every dependency comes from a Debian 12 package; tools/setup.sh installs them.
# Nothing is downloaded at configure or build time.
find_package(PkgConfig REQUIRED)
find_package(PROJ CONFIG REQUIRED)
find_package(GDAL CONFIG REQUIRED)
find_package(nlohmann_json 3 REQUIRED)
find_package(PNG REQUIRED)
find_package(Threads REQUIRED)

set(OpenGL_GL_PREFERENCE GLVND)
find_package(OpenGL REQUIRED COMPONENTS OpenGL EGL)
find_package(SDL2 CONFIG REQUIRED)
# imgui and freetype2 in one pkg-config target: linked separately they end up
# in the wrong order on the link line (see docs/architecture.md).
pkg_check_modules(IMGUI REQUIRED IMPORTED_TARGET imgui freetype2)

if(ANNALS_BUILD_TESTS)
  find_package(GTest REQUIRED)
  find_package(benchmark REQUIRED)
endif()
