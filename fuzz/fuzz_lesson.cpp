// libFuzzer target: the lesson parser (issue 16). A lesson file comes from any page on the site
// (lesson=lessons/mine.md): parsing it, its steps' Markdown and its placeholders must never crash,
// every error must name a line inside the file, and the steps that parse must be bounded.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/lesson.h"
#include "core/lesson_text.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::vector<carry::LessonError> errors;
    const carry::Lesson l = carry::parse_lesson(text, "fuzz.md", errors);
    std::size_t lines = 1;
    for (char c : text) lines += c == '\n';
    for (const carry::LessonError& e : errors)
        if (e.line < 0 || static_cast<std::size_t>(e.line) > lines || e.message.empty()) std::abort();
    if (errors.size() > carry::kMaxLessonErrors) std::abort();
    if (l.steps.size() > static_cast<std::size_t>(carry::kMaxLessonSteps)) std::abort();
    carry::LessonFacts f;
    f.clusters = 4;
    for (const carry::LessonStep& s : l.steps) {
        (void)carry::parse_lesson_text(carry::lesson_fill(s.text, f));
        (void)carry::lesson_check(s.check, f);
    }
    (void)carry::parse_lesson_text(text);  // the Markdown alone, on raw bytes
    return 0;
}
