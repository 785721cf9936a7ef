#include "annals/render/egl_context.h"

#include <EGL/egl.h>
#include <EGL/eglext.h>

#include <stdexcept>
#include <vector>

#include "annals/render/gl.h"

namespace annals {

namespace {

EGLDisplay open_display() {
  auto get_platform_display =
      reinterpret_cast<PFNEGLGETPLATFORMDISPLAYEXTPROC>(eglGetProcAddress("eglGetPlatformDisplayEXT"));
  if (!get_platform_display) return EGL_NO_DISPLAY;
  // Mesa: renders with llvmpipe (or a GPU driver) and needs no device node.
  EGLDisplay d = get_platform_display(EGL_PLATFORM_SURFACELESS_MESA, EGL_DEFAULT_DISPLAY, nullptr);
  EGLint major = 0, minor = 0;
  if (d != EGL_NO_DISPLAY && eglInitialize(d, &major, &minor)) return d;
  // NVIDIA and other vendor drivers: the first EGL device.
  auto query_devices = reinterpret_cast<PFNEGLQUERYDEVICESEXTPROC>(eglGetProcAddress("eglQueryDevicesEXT"));
  if (!query_devices) return EGL_NO_DISPLAY;
  EGLDeviceEXT devices[8];
  EGLint count = 0;
  if (!query_devices(8, devices, &count) || count == 0) return EGL_NO_DISPLAY;
  for (EGLint i = 0; i < count; ++i) {
    d = get_platform_display(EGL_PLATFORM_DEVICE_EXT, devices[i], nullptr);
    if (d != EGL_NO_DISPLAY && eglInitialize(d, &major, &minor)) return d;
  }
  return EGL_NO_DISPLAY;
}

}  // namespace

EglContext::EglContext() {
  EGLDisplay display = open_display();
  if (display == EGL_NO_DISPLAY)
    throw std::runtime_error(
        "cannot open a headless EGL display (tried Mesa surfaceless and EGL devices); "
        "install the Debian packages libegl1 and libegl-mesa0");
  display_ = display;
  if (!eglBindAPI(EGL_OPENGL_API)) throw std::runtime_error("EGL cannot bind the desktop OpenGL API");

  const EGLint config_attribs[] = {EGL_RENDERABLE_TYPE, EGL_OPENGL_BIT, EGL_SURFACE_TYPE, EGL_PBUFFER_BIT,
                                   EGL_NONE};
  EGLConfig config = nullptr;
  EGLint n = 0;
  if (!eglChooseConfig(display, config_attribs, &config, 1, &n) || n == 0)
    config = nullptr;  // EGL_KHR_no_config_context

  const EGLint ctx_attribs[] = {EGL_CONTEXT_MAJOR_VERSION,
                                3,
                                EGL_CONTEXT_MINOR_VERSION,
                                3,
                                EGL_CONTEXT_OPENGL_PROFILE_MASK,
                                EGL_CONTEXT_OPENGL_CORE_PROFILE_BIT,
                                EGL_NONE};
  EGLContext ctx = eglCreateContext(display, config, EGL_NO_CONTEXT, ctx_attribs);
  if (ctx == EGL_NO_CONTEXT)
    throw std::runtime_error("EGL cannot create an OpenGL 3.3 core context (error 0x" +
                             std::to_string(eglGetError()) + ")");
  context_ = ctx;
  make_current();
}

EglContext::~EglContext() {
  if (display_) {
    eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, EGL_NO_CONTEXT);
    if (context_) eglDestroyContext(display_, context_);
    eglTerminate(display_);
  }
}

void EglContext::make_current() {
  if (!eglMakeCurrent(display_, EGL_NO_SURFACE, EGL_NO_SURFACE, context_))
    throw std::runtime_error("eglMakeCurrent failed for the headless context");
}

std::string EglContext::description() const {
  auto str = [](GLenum e) {
    const GLubyte* s = glGetString(e);
    return s ? std::string(reinterpret_cast<const char*>(s)) : std::string("?");
  };
  return str(GL_RENDERER) + ", " + str(GL_VERSION);
}

}  // namespace annals
