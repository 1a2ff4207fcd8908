// gl_state_shim.h: no synchronous GL queries in ImGui's OpenGL3 backend on the web (issue 15).
//
// ImGui 1.86's imgui_impl_opengl3.cpp saves and restores the GL state around every
// RenderDrawData: 13 glGetIntegerv and 5 glIsEnabled a frame. In WebGL each is a synchronous
// getParameter/isEnabled, which in Chromium may wait for the GPU process. The backend's source is
// third-party (.cache, not edited); cmake/ThirdParty.cmake force-includes this header into it for
// the web build only, and the two macros below send its queries here instead of to WebGL.
//
// The answers are the state Carry leaves GL in between draws (the app owns every GL call, so
// it knows it; nothing is read back). The contract, kept by main.cpp and scene_gl.cpp:
//   program 0, texture unit 0 active with texture 0 bound, no vertex array or array buffer bound,
//   blending, face culling, depth, stencil and scissor tests off, blend function and equation as
//   ImGui sets them (it restores them unchanged), viewport and scissor box the whole drawable
//   (main.cpp sets carry_gl_viewport before each RenderDrawData).
// Anything else (the GL version, start-up only) goes to GL as before.
#pragma once

#include <GLES3/gl3.h>

#ifdef __cplusplus
extern "C" {
#endif
extern int carry_gl_viewport[4];  // main.cpp: the drawable's viewport for this frame
#ifdef __cplusplus
}
#endif

static inline void carry_shim_glGetIntegerv(GLenum pname, GLint* v) {
    switch (pname) {
        case GL_ACTIVE_TEXTURE: *v = GL_TEXTURE0; return;
        case GL_CURRENT_PROGRAM:
        case GL_TEXTURE_BINDING_2D:
        case GL_ARRAY_BUFFER_BINDING:
        case GL_VERTEX_ARRAY_BINDING: *v = 0; return;
        case GL_VIEWPORT:
        case GL_SCISSOR_BOX:
            for (int i = 0; i < 4; ++i) v[i] = carry_gl_viewport[i];
            return;
        case GL_BLEND_SRC_RGB: *v = GL_SRC_ALPHA; return;
        case GL_BLEND_DST_RGB: *v = GL_ONE_MINUS_SRC_ALPHA; return;
        case GL_BLEND_SRC_ALPHA: *v = GL_ONE; return;
        case GL_BLEND_DST_ALPHA: *v = GL_ONE_MINUS_SRC_ALPHA; return;
        case GL_BLEND_EQUATION_RGB:
        case GL_BLEND_EQUATION_ALPHA: *v = GL_FUNC_ADD; return;
        default: glGetIntegerv(pname, v); return;
    }
}

static inline GLboolean carry_shim_glIsEnabled(GLenum cap) {
    switch (cap) {
        case GL_BLEND:
        case GL_CULL_FACE:
        case GL_DEPTH_TEST:
        case GL_STENCIL_TEST:
        case GL_SCISSOR_TEST: return GL_FALSE;
        default: return glIsEnabled(cap);
    }
}

#define glGetIntegerv carry_shim_glGetIntegerv
#define glIsEnabled carry_shim_glIsEnabled
