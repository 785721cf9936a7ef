// A linked GLSL 3.30 program. Compile or link failures throw with the
// driver's log and the program's name.
#pragma once

#include "annals/render/gl.h"

namespace annals {

class ShaderProgram {
 public:
  ShaderProgram(const char* name, const char* vertex_source, const char* fragment_source);
  ~ShaderProgram();
  ShaderProgram(const ShaderProgram&) = delete;
  ShaderProgram& operator=(const ShaderProgram&) = delete;

  void use() const { glUseProgram(id_); }
  GLint uniform(const char* name) const { return glGetUniformLocation(id_, name); }

 private:
  GLuint id_ = 0;
};

}  // namespace annals
