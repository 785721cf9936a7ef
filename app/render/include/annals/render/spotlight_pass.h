// The spotlight's dimming (presentation mode), queued among the overlay's
// ImGui commands so it dims what is drawn before it (map, symbols, labels)
// and not what comes after (the title card), and drawn by a shader of its
// own: ImGui's samples its font texture at every pixel, and the spotlight
// covers the whole frame. Drawn through ImGui, its 2,300 quads cost about
// 10 ms a 1920x1080 frame on llvmpipe, more than all the rest of a flight's
// frame (BM_RenderFlight/3). Here fully dimmed cells are merged along their
// rows and the shader only passes a colour on.
#pragma once

#include <vector>

#include "annals/render/camera.h"
#include "annals/render/presentation.h"
#include "annals/render/shader.h"

struct ImDrawList;
struct ImDrawCmd;

namespace annals {

class SpotlightPass {
 public:
  SpotlightPass();  // needs a current GL context
  ~SpotlightPass();
  SpotlightPass(const SpotlightPass&) = delete;
  SpotlightPass& operator=(const SpotlightPass&) = delete;

  // Queues `quads` (spotlight_quads) at this point of `d`'s commands. They
  // are kept until the draw data is rendered: one spotlight a frame.
  void queue(ImDrawList* d, const Viewport& vp, const std::vector<SpotlightQuad>& quads);

 private:
  static void run(const ImDrawList* list, const ImDrawCmd* cmd);
  void draw() const;

  ShaderProgram program_;
  GLuint vao_ = 0, vbo_ = 0;
  int width_ = 0, height_ = 0;
  std::vector<float> vertices_;  // x, y (pixels, y down), dimming; 6 a quad
};

}  // namespace annals
