#include "annals/render/shader.h"

#include <stdexcept>
#include <string>

namespace annals {

namespace {
GLuint compile(const char* name, GLenum type, const char* source) {
  GLuint s = glCreateShader(type);
  glShaderSource(s, 1, &source, nullptr);
  glCompileShader(s);
  GLint ok = 0;
  glGetShaderiv(s, GL_COMPILE_STATUS, &ok);
  if (!ok) {
    char log[2048];
    glGetShaderInfoLog(s, sizeof log, nullptr, log);
    glDeleteShader(s);
    throw std::runtime_error(std::string("shader '") + name + "' does not compile: " + log);
  }
  return s;
}
}  // namespace

ShaderProgram::ShaderProgram(const char* name, const char* vs, const char* fs) {
  GLuint v = compile(name, GL_VERTEX_SHADER, vs);
  GLuint f = compile(name, GL_FRAGMENT_SHADER, fs);
  id_ = glCreateProgram();
  glAttachShader(id_, v);
  glAttachShader(id_, f);
  glLinkProgram(id_);
  glDeleteShader(v);
  glDeleteShader(f);
  GLint ok = 0;
  glGetProgramiv(id_, GL_LINK_STATUS, &ok);
  if (!ok) {
    char log[2048];
    glGetProgramInfoLog(id_, sizeof log, nullptr, log);
    throw std::runtime_error(std::string("shader '") + name + "' does not link: " + log);
  }
}

ShaderProgram::~ShaderProgram() { glDeleteProgram(id_); }

}  // namespace annals
