// scene_gl: the OpenGL 3.3 / WebGL2 renderer of the hidden-state view (app/scene3d.h): instanced
// points and line segments drawn with the shaders of shaders/ (embedded at build time) into an
// offscreen framebuffer whose colour texture the panel shows with ImGui::Image.
//
// Desktop: the shaders' "#version 300 es" line becomes "#version 330 core" at load time.
// Compile and link errors are kept as a log (the panel shows it) and printed to stderr.
#pragma once

#include "app/app.h"

namespace carry {

// Creates the renderer (compiling every shader) and hands it to app.inside. Call with the GL
// context current, after app_init. Prints "carry: shaders compiled: ..." or the error log.
void scene_gl_attach(App& app);
// Frees its GL objects (before the context goes).
void scene_gl_detach(App& app);

}  // namespace carry
