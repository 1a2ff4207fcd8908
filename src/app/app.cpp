// app.cpp: App start-up (style, fonts) and the frame function shared by desktop and web.
#include "app/app.h"

#include <cstdio>

#include "imgui.h"

#ifndef CARRY_VERSION
#define CARRY_VERSION "0.0.0"
#endif
#ifndef CARRY_BUILD_TYPE
#define CARRY_BUILD_TYPE "unknown"
#endif
#ifndef CARRY_COMPILER
#define CARRY_COMPILER "unknown"
#endif

namespace carry {

const char* app_version() { return CARRY_VERSION; }

const char* app_build_info() {
#ifdef __EMSCRIPTEN__
  static const char info[] = "WebAssembly · " CARRY_BUILD_TYPE " · " CARRY_COMPILER " · Dear ImGui " IMGUI_VERSION;
#else
  static const char info[] = "native · " CARRY_BUILD_TYPE " · " CARRY_COMPILER " · Dear ImGui " IMGUI_VERSION;
#endif
  return info;
}

namespace {

constexpr float kFontPixels = 17.0f;  // logical pixels; reads well at 100 % zoom

void apply_style() {
  ImGui::StyleColorsDark();
  ImGuiStyle& style = ImGui::GetStyle();
  style.WindowRounding = 6.0f;
  style.FrameRounding = 4.0f;
  style.GrabRounding = 4.0f;
  style.WindowPadding = ImVec2(12, 10);
  style.FramePadding = ImVec2(8, 4);
  style.ItemSpacing = ImVec2(8, 6);
  ImVec4* c = style.Colors;
  c[ImGuiCol_WindowBg] = ImVec4(0.09f, 0.10f, 0.13f, 0.97f);
  c[ImGuiCol_TitleBgActive] = ImVec4(0.16f, 0.29f, 0.48f, 1.0f);
}

}  // namespace

void app_init(App& app, const AppEnvironment& env, const std::string& font_path, float content_scale) {
  app.env = env;
  app.content_scale = content_scale > 0.0f ? content_scale : 1.0f;
  apply_style();

  ImGuiIO& io = ImGui::GetIO();
  io.Fonts->Clear();
  ImFont* font = nullptr;
  if (!font_path.empty()) {
    ImFontConfig cfg;
    cfg.OversampleH = 2;
    font = io.Fonts->AddFontFromFileTTF(font_path.c_str(), kFontPixels * app.content_scale, &cfg);
    if (!font) std::fprintf(stderr, "carry: could not load font %s; using ImGui's built-in font\n", font_path.c_str());
  }
  if (!font) {
    ImFontConfig cfg;
    cfg.SizePixels = 13.0f * app.content_scale;
    io.Fonts->AddFontDefault(&cfg);
  }
  // Rasterized at device pixels, drawn at logical size: crisp on high-DPI screens.
  io.FontGlobalScale = 1.0f / app.content_scale;
}

void app_frame(App& app) {
  const ImGuiViewport* vp = ImGui::GetMainViewport();
  ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + 24, vp->WorkPos.y + 24), ImGuiCond_FirstUseEver);
  ImGui::SetNextWindowSize(ImVec2(520, 0), ImGuiCond_FirstUseEver);
  if (ImGui::Begin("Carry")) {
    ImGui::TextUnformatted("Carry");
    ImGui::SameLine();
    ImGui::TextDisabled("%s", app_version());
    ImGui::TextWrapped("A small recurrent neural network learns to add binary numbers, right to left, while you watch.");
    ImGui::Separator();
    ImGui::TextDisabled("Build");
    ImGui::SameLine(80);
    ImGui::TextUnformatted(app_build_info());
    ImGui::TextDisabled("Platform");
    ImGui::SameLine(80);
    ImGui::TextUnformatted(app.env.platform.c_str());
    ImGui::TextDisabled("OpenGL");
    ImGui::SameLine(80);
    ImGui::TextWrapped("%s · %s", app.env.gl_version.c_str(), app.env.gl_renderer.c_str());
    ImGui::TextDisabled("Frame");
    ImGui::SameLine(80);
    ImGui::Text("%lld  (%.0f fps)", app.frame_count, static_cast<double>(ImGui::GetIO().Framerate));
  }
  ImGui::End();
}

void app_update(App& app, double dt_seconds) {
  app.time_seconds += dt_seconds;
  ++app.frame_count;
}

}  // namespace carry
