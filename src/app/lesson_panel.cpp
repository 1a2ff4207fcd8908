// lesson_panel: the lesson panel's drawing: header and progress, the step's Markdown text (its
// placeholders filled with what was measured), the "try this" box, Back/Next. See lesson_view.h.
//
// ImGui 1.86 has no rich text: the text is laid out word by word with the draw list (bold drawn
// twice a pixel apart, code on a tinted box, links underlined and clickable).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include <nlohmann/json.hpp>

#include "app/app.h"
#include "app/lesson_view.h"
#include "app/widgets.h"
#include "core/lesson_text.h"
#include "imgui.h"

namespace carry {

namespace {

constexpr ImU32 kColText = IM_COL32(222, 226, 234, 255);
constexpr ImU32 kColBold = IM_COL32(255, 255, 255, 255);
constexpr ImU32 kColItalic = IM_COL32(236, 222, 190, 255);  // warm: no italic face, and blue is for links
constexpr ImU32 kColCode = IM_COL32(240, 200, 120, 255);
constexpr ImU32 kColCodeBg = IM_COL32(255, 255, 255, 22);
constexpr ImU32 kColLink = IM_COL32(110, 180, 255, 255);
const ImVec4 kDone(0.45f, 0.85f, 0.55f, 1.0f), kNotYet(0.95f, 0.78f, 0.35f, 1.0f),
    kError(1.0f, 0.45f, 0.40f, 1.0f), kDim(0.62f, 0.66f, 0.74f, 1.0f);

// Lays out one block's spans from the cursor, wrapping at the content region's right edge; a
// clicked link's target goes to `clicked`.
void draw_spans(const std::vector<TextSpan>& spans, float indent, std::string* clicked) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float left = origin.x + indent, right = origin.x + ImGui::GetContentRegionAvail().x;
    const float line_h = ImGui::GetTextLineHeightWithSpacing();
    float x = left, y = origin.y;
    const float space = ImGui::CalcTextSize(" ").x;
    int link_id = 0;
    for (const TextSpan& span : spans) {
        const ImU32 col = span.link.empty() ? span.code ? kColCode : span.bold ? kColBold : span.italic ? kColItalic : kColText
                                            : kColLink;
        ++link_id;
        std::size_t i = 0;
        const std::string& t = span.text;
        while (i < t.size()) {
            // One word and the spaces after it (a span's leading space keeps the gap between spans).
            std::size_t j = i;
            while (j < t.size() && t[j] != ' ') ++j;
            const bool spaced = j < t.size();
            while (j < t.size() && t[j] == ' ') ++j;
            const char* w0 = t.c_str() + i;
            const char* w1 = t.c_str() + (spaced ? j - 1 : j);
            float w = ImGui::CalcTextSize(w0, w1).x;
            if (x + w > right && x > left) {
                x = left;
                y += line_h;
            }
            const ImVec2 p(std::floor(x), y);
            if (span.code) dl->AddRectFilled(ImVec2(p.x - 2, p.y - 1), ImVec2(p.x + w + 2, p.y + line_h - 3), kColCodeBg, 3.0f);
            dl->AddText(p, col, w0, w1);
            if (span.bold) dl->AddText(ImVec2(p.x + 0.7f, p.y), col, w0, w1);
            if (!span.link.empty()) {
                ImGui::SetCursorScreenPos(p);
                ImGui::PushID(link_id * 4096 + static_cast<int>(i));
                if (ImGui::InvisibleButton("##link", ImVec2(std::max(w, 1.0f), line_h - 2))) *clicked = span.link;
                const bool hovered = ImGui::IsItemHovered();
                ImGui::PopID();
                if (hovered) {
                    ImGui::SetMouseCursor(ImGuiMouseCursor_Hand);
                    ImGui::SetTooltip("%s", span.link.c_str());
                }
                dl->AddLine(ImVec2(p.x, p.y + line_h - 4), ImVec2(p.x + w, p.y + line_h - 4),
                            hovered ? kColBold : kColLink);
            }
            x += w + (spaced ? space * static_cast<float>(j - (w1 - t.c_str())) : 0.0f);
            i = j;
        }
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, y + line_h));
    ImGui::Dummy(ImVec2(0, 2));
}

void draw_markdown(const std::string& markdown, const LessonFacts& facts, std::string* clicked) {
    for (const TextBlock& b : parse_lesson_text(lesson_fill(markdown, facts))) {
        float indent = 0.0f;
        if (b.kind != TextBlock::Paragraph) {
            char mark[16];
            if (b.kind == TextBlock::Bullet)
                std::snprintf(mark, sizeof mark, "•");
            else
                std::snprintf(mark, sizeof mark, "%d.", b.number);
            const ImVec2 p = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddText(ImVec2(p.x + 4, p.y), kColText, mark);
            indent = 22.0f;
        }
        draw_spans(b.spans, indent, clicked);
    }
}

}  // namespace

void panel_lesson(App& app) {
    LessonView& v = app.lesson;
    const int steps = static_cast<int>(v.lesson.steps.size());
    const int k = v.shown_step;
    // Header: the lesson, the step's place in it, Back/Next, close.
    ImGui::PushStyleColor(ImGuiCol_Text, kDim);
    ImGui::TextWrapped("Lesson: %s", v.lesson.title.empty() ? v.name.c_str() : v.lesson.title.c_str());
    ImGui::PopStyleColor();
    if (v.waiting) {
        ImGui::TextWrapped("Loading %s…", v.name.c_str());
        return;
    }
    if (!v.errors.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, kError);
        ImGui::TextWrapped("%s has %s:", v.name.c_str(), v.errors.size() == 1 ? "an error" : "errors");
        for (const LessonError& e : v.errors) ImGui::BulletText("%s", describe_error(e).c_str());
        ImGui::PopStyleColor();
        ImGui::TextWrapped("The playground works as usual; fix the file and reload the page.");
        if (steps == 0) {
            if (ImGui::SmallButton("Close the lesson")) v.request_close = true;
            return;
        }
        ImGui::Separator();
    }
    if (k < 1 || k > steps) return;
    const LessonStep& step = v.lesson.steps[static_cast<std::size_t>(k - 1)];
    ImGui::BeginDisabled(k <= 1);
    if (ImGui::Button("< Back")) v.request_step = k - 1;
    ImGui::EndDisabled();
    ImGui::SameLine();
    ImGui::Text("step %d of %d", k, steps);
    ImGui::SameLine();
    ImGui::BeginDisabled(k >= steps);
    if (ImGui::Button("Next >")) v.request_step = k + 1;
    ImGui::EndDisabled();
    if (!app.playground.link.embed) {
        ImGui::SameLine();
        if (ImGui::SmallButton("Close")) v.request_close = true;
        tooltip("Close the lesson; the playground stays as it is.");
    }
    ImGui::ProgressBar(static_cast<float>(k) / static_cast<float>(steps), ImVec2(-1, 4), "");
    ImGui::Spacing();
    ImGui::PushStyleColor(ImGuiCol_Text, ImVec4(1, 1, 1, 1));
    ImGui::TextWrapped("%d. %s", k, step.title.c_str());
    ImGui::PopStyleColor();
    ImGui::Spacing();
    std::string clicked;
    if (k == 1 && !v.lesson.intro.empty()) draw_markdown(v.lesson.intro, v.facts, &clicked);
    draw_markdown(step.text, v.facts, &clicked);
    if (!step.task.empty()) {
        ImGui::Spacing();
        ImGui::Separator();
        ImGui::TextColored(ImVec4(0.55f, 0.75f, 1.0f, 1.0f), "Try this");
        draw_markdown(step.task, v.facts, &clicked);
        if (step.check != LessonCheck::None) {
            ImGui::PushStyleColor(ImGuiCol_Text, v.verdict.done ? kDone : kNotYet);
            ImGui::TextWrapped("%s %s", v.verdict.done ? "✓" : "…", v.verdict.says.c_str());
            ImGui::PopStyleColor();
        }
    }
    if (!clicked.empty()) {
        if (clicked[0] == '#')
            v.request_link = clicked;
        else
            post_event(app, "open-url", clicked);  // the page opens it in a new tab
    }
}

}  // namespace carry
