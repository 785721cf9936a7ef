// OpenGL 3.3 core without a loader: GLVND's libOpenGL exports the entry points
// (GL_GLEXT_PROTOTYPES is defined by the annals_render target).
#pragma once

#include <GL/gl.h>
#include <GL/glext.h>
