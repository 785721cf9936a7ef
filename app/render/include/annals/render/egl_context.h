// A headless OpenGL 3.3 core context through EGL, with no window and no X
// server: Mesa's surfaceless platform (llvmpipe on CI), or the EGL device
// platform (how NVIDIA drivers offer headless contexts).
#pragma once

#include <string>

namespace annals {

class EglContext {
 public:
  // Throws std::runtime_error saying which EGL step failed and what to install.
  EglContext();
  ~EglContext();
  EglContext(const EglContext&) = delete;
  EglContext& operator=(const EglContext&) = delete;

  void make_current();
  // GL_RENDERER and GL_VERSION, e.g. "llvmpipe (LLVM 15.0.6, 256 bits), 4.5 (Core Profile) Mesa 22.3.6".
  std::string description() const;

 private:
  void* display_ = nullptr;
  void* context_ = nullptr;
};

}  // namespace annals
