// scene_gl: GL renderer of the 3D hidden-state view (see scene_gl.h).
#include "platform/scene_gl.h"

#include <cstdint>
#include <cstdio>
#include <memory>
#include <string>

#ifdef __EMSCRIPTEN__
#include <GLES3/gl3.h>
#else
#define GL_GLEXT_PROTOTYPES 1
#include <GL/gl.h>
#include <GL/glext.h>
#endif

#include "carry_shaders.h"  // generated from shaders/*.vert|frag (src/platform/CMakeLists.txt)

namespace carry {

namespace {

const char* shader_text(const char* name) {
    for (const EmbeddedShader& s : kEmbeddedShaders)
        if (std::string(s.name) == name) return s.text;
    return nullptr;
}

// GLSL ES 3.0 source -> what this context compiles.
std::string adapt(const std::string& src) {
#ifdef __EMSCRIPTEN__
    return src;
#else
    const std::string es = "#version 300 es";
    if (src.compare(0, es.size(), es) == 0) return "#version 330 core" + src.substr(es.size());
    return src;
#endif
}

class GlSceneRenderer final : public SceneRenderer {
public:
    GlSceneRenderer() {
        // The shaders compile at the first draw, not here: the 3D view starts folded, and compiling
        // (with its status queries, each a round trip to the GPU process in a browser) would delay
        // the page's first frame for a view nobody has opened yet.
        static const float quad[] = {-1, -1, 1, -1, -1, 1, 1, 1};
        static const float seg[] = {0, -1, 1, -1, 0, 1, 1, 1};
        glGenBuffers(1, &quad_vbo_);
        glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_);
        glBufferData(GL_ARRAY_BUFFER, sizeof quad, quad, GL_STATIC_DRAW);
        glGenBuffers(1, &seg_vbo_);
        glBindBuffer(GL_ARRAY_BUFFER, seg_vbo_);
        glBufferData(GL_ARRAY_BUFFER, sizeof seg, seg, GL_STATIC_DRAW);
        glGenBuffers(1, &points_vbo_);
        glGenBuffers(1, &lines_vbo_);

        glGenVertexArrays(1, &points_vao_);
        glBindVertexArray(points_vao_);
        glBindBuffer(GL_ARRAY_BUFFER, quad_vbo_);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
        glBindBuffer(GL_ARRAY_BUFFER, points_vbo_);
        const GLsizei ps = kPointFloats * sizeof(float);
        glEnableVertexAttribArray(1);
        glVertexAttribPointer(1, 3, GL_FLOAT, GL_FALSE, ps, nullptr);
        glVertexAttribDivisor(1, 1);
        glEnableVertexAttribArray(2);
        glVertexAttribPointer(2, 3, GL_FLOAT, GL_FALSE, ps, reinterpret_cast<void*>(3 * sizeof(float)));
        glVertexAttribDivisor(2, 1);

        glGenVertexArrays(1, &lines_vao_);
        glBindVertexArray(lines_vao_);
        glBindBuffer(GL_ARRAY_BUFFER, seg_vbo_);
        glEnableVertexAttribArray(0);
        glVertexAttribPointer(0, 2, GL_FLOAT, GL_FALSE, 0, nullptr);
        glBindBuffer(GL_ARRAY_BUFFER, lines_vbo_);
        const GLsizei ls = kLineFloats * sizeof(float);
        const int sizes[] = {3, 3, 4, 1};
        int offset = 0;
        for (int a = 0; a < 4; ++a) {
            glEnableVertexAttribArray(static_cast<GLuint>(1 + a));
            glVertexAttribPointer(static_cast<GLuint>(1 + a), sizes[a], GL_FLOAT, GL_FALSE, ls,
                                  reinterpret_cast<void*>(static_cast<std::size_t>(offset) * sizeof(float)));
            glVertexAttribDivisor(static_cast<GLuint>(1 + a), 1);
            offset += sizes[a];
        }
        glBindVertexArray(0);
        glBindBuffer(GL_ARRAY_BUFFER, 0);
    }

    ~GlSceneRenderer() override {
        free_programs();
        GLuint bufs[] = {quad_vbo_, seg_vbo_, points_vbo_, lines_vbo_};
        glDeleteBuffers(4, bufs);
        GLuint vaos[] = {points_vao_, lines_vao_};
        glDeleteVertexArrays(2, vaos);
        free_target();
    }

    bool ok() const override { return !built_ || ok_; }  // not compiled yet is not an error
    const std::string& log() const override { return log_; }
    void rebuild(bool inject_error) override { build(inject_error); }

    ImTextureID draw(const Scene3D& scene, int w, int h) override {
        if (!built_) build(false);
        if (!ok_ || w <= 0 || h <= 0) return nullptr;
        if (!ensure_target(w, h)) return nullptr;
        // Nothing changed since the last frame (still camera, same points and path): keep the image.
        const std::uint64_t key = scene_key(scene, w, h);
        if (key == drawn_key_) return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(color_));
        drawn_key_ = key;
        // No state is read back from GL (a synchronous query in WebGL, issue 15): between passes the
        // app draws only to the default framebuffer, and main.cpp sets the viewport before ImGui draws.
        glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
        glViewport(0, 0, w, h);
        glClearColor(scene.background[0], scene.background[1], scene.background[2], 1.0f);
        glClearDepthf(1.0f);
        glClear(GL_COLOR_BUFFER_BIT | GL_DEPTH_BUFFER_BIT);
        glEnable(GL_DEPTH_TEST);
        glDepthFunc(GL_LESS);
        glDisable(GL_BLEND);
        glDisable(GL_CULL_FACE);
        glDisable(GL_SCISSOR_TEST);

        const GLsizei n_points = static_cast<GLsizei>(scene.points.size() / kPointFloats);
        if (scene.points_version != uploaded_version_) {
            glBindBuffer(GL_ARRAY_BUFFER, points_vbo_);
            glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(scene.points.size() * sizeof(float)),
                         scene.points.data(), GL_STATIC_DRAW);
            uploaded_version_ = scene.points_version;
        }
        if (n_points > 0) {
            glUseProgram(points_prog_);
            glUniformMatrix4fv(glGetUniformLocation(points_prog_, "u_view"), 1, GL_FALSE, scene.view.data());
            glUniformMatrix4fv(glGetUniformLocation(points_prog_, "u_proj"), 1, GL_FALSE, scene.proj.data());
            glUniform1f(glGetUniformLocation(points_prog_, "u_radius"), scene.point_radius);
            glUniform2f(glGetUniformLocation(points_prog_, "u_fog"), scene.fog_near, scene.fog_far);
            glUniform3f(glGetUniformLocation(points_prog_, "u_background"), scene.background[0], scene.background[1],
                        scene.background[2]);
            glBindVertexArray(points_vao_);
            glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, n_points);
        }
        const GLsizei n_lines = static_cast<GLsizei>(scene.lines.size() / kLineFloats);
        if (n_lines > 0) {
            glBindBuffer(GL_ARRAY_BUFFER, lines_vbo_);
            glBufferData(GL_ARRAY_BUFFER, static_cast<GLsizeiptr>(scene.lines.size() * sizeof(float)),
                         scene.lines.data(), GL_STREAM_DRAW);
            glEnable(GL_BLEND);
            glBlendFunc(GL_SRC_ALPHA, GL_ONE_MINUS_SRC_ALPHA);
            glDepthMask(GL_FALSE);
            glUseProgram(lines_prog_);
            glUniformMatrix4fv(glGetUniformLocation(lines_prog_, "u_view"), 1, GL_FALSE, scene.view.data());
            glUniformMatrix4fv(glGetUniformLocation(lines_prog_, "u_proj"), 1, GL_FALSE, scene.proj.data());
            glUniform2f(glGetUniformLocation(lines_prog_, "u_viewport"), static_cast<float>(w), static_cast<float>(h));
            glUniform2f(glGetUniformLocation(lines_prog_, "u_fog"), scene.fog_near, scene.fog_far);
            glUniform3f(glGetUniformLocation(lines_prog_, "u_background"), scene.background[0], scene.background[1],
                        scene.background[2]);
            glBindVertexArray(lines_vao_);
            glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, n_lines);
            glDepthMask(GL_TRUE);
        }
        glBindVertexArray(0);
        glUseProgram(0);
        glBindBuffer(GL_ARRAY_BUFFER, 0);
        glDisable(GL_DEPTH_TEST);
        glDisable(GL_BLEND);
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        return reinterpret_cast<ImTextureID>(static_cast<std::intptr_t>(color_));
    }

private:
    // FNV-1a over everything that affects the picture.
    static std::uint64_t scene_key(const Scene3D& s, int w, int h) {
        std::uint64_t k = 1469598103934665603ULL;
        auto mix = [&k](const void* p, std::size_t n) {
            const auto* b = static_cast<const unsigned char*>(p);
            for (std::size_t i = 0; i < n; ++i) k = (k ^ b[i]) * 1099511628211ULL;
        };
        mix(&s.points_version, sizeof s.points_version);
        mix(s.view.data(), sizeof(float) * 16);
        mix(s.proj.data(), sizeof(float) * 16);
        mix(s.lines.data(), s.lines.size() * sizeof(float));
        mix(&s.point_radius, sizeof s.point_radius);
        mix(s.background.data(), sizeof(float) * 3);  // a theme change redraws
        mix(&s.fog_near, sizeof s.fog_near);
        mix(&s.fog_far, sizeof s.fog_far);
        mix(&w, sizeof w);
        mix(&h, sizeof h);
        return k;
    }

    GLuint compile(GLenum kind, const char* name, const std::string& src) {
        const std::string text = adapt(src);
        GLuint s = glCreateShader(kind);
        const char* p = text.c_str();
        glShaderSource(s, 1, &p, nullptr);
        glCompileShader(s);
        GLint okc = 0;
        glGetShaderiv(s, GL_COMPILE_STATUS, &okc);
        if (!okc) {
            GLint n = 0;
            glGetShaderiv(s, GL_INFO_LOG_LENGTH, &n);
            std::string l(static_cast<std::size_t>(n > 1 ? n : 1), '\0');
            glGetShaderInfoLog(s, n, nullptr, l.data());
            while (!l.empty() && (l.back() == '\0' || l.back() == '\n')) l.pop_back();
            log_ += std::string("shaders/") + name + " does not compile:\n" +
                    (l.empty() ? "(the driver gave no log)" : l) + "\n";
            glDeleteShader(s);
            return 0;
        }
        return s;
    }

    GLuint program(const char* vs_name, const char* fs_name, bool inject_error) {
        const char* vs_src = shader_text(vs_name);
        const char* fs_src = shader_text(fs_name);
        if (!vs_src || !fs_src) {
            log_ += std::string("missing embedded shader ") + (vs_src ? fs_name : vs_name) + "\n";
            return 0;
        }
        std::string fs_text = fs_src;
        if (inject_error) fs_text += "\nthis line is deliberately not GLSL (the error path's test)\n";
        const GLuint vs = compile(GL_VERTEX_SHADER, vs_name, vs_src);
        const GLuint fs = compile(GL_FRAGMENT_SHADER, fs_name, fs_text);
        if (!vs || !fs) {
            if (vs) glDeleteShader(vs);
            if (fs) glDeleteShader(fs);
            return 0;
        }
        GLuint p = glCreateProgram();
        glAttachShader(p, vs);
        glAttachShader(p, fs);
        glLinkProgram(p);
        glDeleteShader(vs);
        glDeleteShader(fs);
        GLint linked = 0;
        glGetProgramiv(p, GL_LINK_STATUS, &linked);
        if (!linked) {
            GLint n = 0;
            glGetProgramiv(p, GL_INFO_LOG_LENGTH, &n);
            std::string l(static_cast<std::size_t>(n > 1 ? n : 1), '\0');
            glGetProgramInfoLog(p, n, nullptr, l.data());
            log_ += std::string(vs_name) + " + " + fs_name + " do not link:\n" + l + "\n";
            glDeleteProgram(p);
            return 0;
        }
        return p;
    }

    void free_programs() {
        if (points_prog_) glDeleteProgram(points_prog_);
        if (lines_prog_) glDeleteProgram(lines_prog_);
        points_prog_ = lines_prog_ = 0;
    }

    void build(bool inject_error) {
        built_ = true;
        drawn_key_ = 0;
        free_programs();
        log_.clear();
        points_prog_ = program("points.vert", "points.frag", inject_error);
        lines_prog_ = program("lines.vert", "lines.frag", false);
        ok_ = points_prog_ && lines_prog_;
        if (ok_)
            std::fprintf(stderr, "carry: shaders compiled: points.vert points.frag lines.vert lines.frag\n");
        else
            std::fprintf(stderr, "carry: shader error:\n%s", log_.c_str());
    }

    bool ensure_target(int w, int h) {
        if (fbo_ && w == w_ && h == h_) return true;
        free_target();
        glGenTextures(1, &color_);
        glBindTexture(GL_TEXTURE_2D, color_);
        glTexImage2D(GL_TEXTURE_2D, 0, GL_RGBA8, w, h, 0, GL_RGBA, GL_UNSIGNED_BYTE, nullptr);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
        glTexParameteri(GL_TEXTURE_2D, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
        glBindTexture(GL_TEXTURE_2D, 0);
        glGenRenderbuffers(1, &depth_);
        glBindRenderbuffer(GL_RENDERBUFFER, depth_);
        glRenderbufferStorage(GL_RENDERBUFFER, GL_DEPTH_COMPONENT24, w, h);
        glBindRenderbuffer(GL_RENDERBUFFER, 0);
        glGenFramebuffers(1, &fbo_);
        glBindFramebuffer(GL_FRAMEBUFFER, fbo_);
        glFramebufferTexture2D(GL_FRAMEBUFFER, GL_COLOR_ATTACHMENT0, GL_TEXTURE_2D, color_, 0);
        glFramebufferRenderbuffer(GL_FRAMEBUFFER, GL_DEPTH_ATTACHMENT, GL_RENDERBUFFER, depth_);
        const GLenum status = glCheckFramebufferStatus(GL_FRAMEBUFFER);  // once per size, not per frame
        glBindFramebuffer(GL_FRAMEBUFFER, 0);
        if (status != GL_FRAMEBUFFER_COMPLETE) {
            char buf[96];
            std::snprintf(buf, sizeof buf, "offscreen framebuffer %dx%d incomplete (status 0x%x)\n", w, h, status);
            log_ = buf;
            ok_ = false;
            std::fprintf(stderr, "carry: %s", buf);
            free_target();
            return false;
        }
        w_ = w;
        h_ = h;
        return true;
    }

    void free_target() {
        if (fbo_) glDeleteFramebuffers(1, &fbo_);
        if (color_) glDeleteTextures(1, &color_);
        if (depth_) glDeleteRenderbuffers(1, &depth_);
        fbo_ = color_ = depth_ = 0;
        w_ = h_ = 0;
    }

    bool ok_ = false;
    bool built_ = false;  // build() has run (lazily, at the first draw or a rebuild)
    std::string log_;
    GLuint points_prog_ = 0, lines_prog_ = 0;
    GLuint quad_vbo_ = 0, seg_vbo_ = 0, points_vbo_ = 0, lines_vbo_ = 0, points_vao_ = 0, lines_vao_ = 0;
    GLuint fbo_ = 0, color_ = 0, depth_ = 0;
    int w_ = 0, h_ = 0;
    std::uint64_t uploaded_version_ = ~0ULL;
    std::uint64_t drawn_key_ = 0;
};

std::unique_ptr<GlSceneRenderer> g_renderer, g_models_renderer;

}  // namespace

void scene_gl_attach(App& app) {
    g_renderer = std::make_unique<GlSceneRenderer>();
    app.inside.renderer = g_renderer.get();
    // The Models window's dynamics explorer gets a renderer of its own (its own offscreen texture):
    // both views can be on screen in the same frame.
    g_models_renderer = std::make_unique<GlSceneRenderer>();
    app.models.dynamics.renderer = g_models_renderer.get();
}

void scene_gl_detach(App& app) {
    app.inside.renderer = nullptr;
    app.models.dynamics.renderer = nullptr;
    g_renderer.reset();
    g_models_renderer.reset();
}

}  // namespace carry
