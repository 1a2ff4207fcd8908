// lesson: a guided lesson, a small Markdown file of steps, parsed and checked (issue 16).
//
// The format (web/lessons/README.md documents it for teachers):
//
//   # The lesson's title
//   Any lines before the first step are the lesson's introduction (shown with step 1).
//
//   ## A step's title
//   link: inside_tab=automaton&preset=trained      (optional: the link state the step sets)
//   try: solved                                    (optional: a check the app measures)
//   task: Train the net until it is solved.        (the "try this" text; needed with try:)
//
//   The step's text: paragraphs, **bold**, *italics*, `code`, [links](#inside_tab=space), lists
//   ("- item", "1. item"), and {placeholders} the app fills with what it measures ({exact64}).
//
// A step's header lines follow its "## " line directly, up to the first blank line. Every error
// names its line. Implements: parse_lesson(), the checks (LessonCheck, lesson_check()) and the
// placeholders (lesson_fill()), both over LessonFacts, what the app measured. Pure C++ (fuzzed).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace carry {

inline constexpr std::size_t kMaxLessonBytes = 256 * 1024;
inline constexpr int kMaxLessonSteps = 99;  // the lesson_step row's range

// "Try this" checks, answered by the app measuring the playground.
enum class LessonCheck {
    None,
    Solved,          // solved: the net adds the validation's random 64-bit sums exactly
    WrongSum,        // wrong_sum: the add view's sum is answered wrong by the net
    LongSumRight,    // long_sum_right: a sum of at least 64 columns answered exactly
    FourClusters,    // four_clusters: the hidden space's patterns minimize to the adder's four states
    AutomatonMatch,  // automaton_match: the automaton read out of the net is the adder's
    Diverged,        // diverged: training diverged since the step began
};

// What the app measured, for the checks and the placeholders (-1: not measured).
struct LessonFacts {
    bool solved = false;
    long long sequences = 0;
    double exact8 = 0.0, exact64 = 0.0;  // exact-sum accuracy on the validation sums
    int hidden = 0;
    bool sum_valid = false, sum_correct = false;  // the add view's sum and the net's answer to it
    int sum_bits = 0;
    int clusters = -1;                 // hidden space's clusters (the Inside view measures it)
    int automaton_states = -1;         // the extracted automaton's states
    bool automaton_equivalent = false;
    int divergences = 0;               // since the step began
};

struct CheckVerdict {
    bool done = false;
    std::string says;  // what was measured, in words ("Not yet: 3 clusters in the hidden space.")
};

struct LessonStep {
    int line = 0;  // of its "## " heading
    std::string title;
    std::string link;  // "k=v&…" (validated against the settings table), "" if none
    LessonCheck check = LessonCheck::None;
    std::string task;  // the "try this" text
    std::string text;  // Markdown body (core/lesson_text.h parses it)
};

struct Lesson {
    std::string name;   // "lecture7" or the file's path
    std::string title;
    std::string intro;  // Markdown before the first step
    std::vector<LessonStep> steps;
};

struct LessonError {
    int line = 0;  // 1-based; 0: the file as a whole
    std::string message;
};

// Parses `text`. On errors `errors` lists them (line order; at most kMaxLessonErrors) and the
// lesson holds the steps that parsed.
inline constexpr std::size_t kMaxLessonErrors = 20;
Lesson parse_lesson(std::string_view text, std::string_view name, std::vector<LessonError>& errors);

// "line 7: unknown header \"lnk\"" (or the message alone for line 0).
std::string describe_error(const LessonError& e);

// The check's name in a lesson file ("solved"), and the check named (None if unknown).
const char* lesson_check_name(LessonCheck c);
LessonCheck lesson_check_from_name(std::string_view name);
CheckVerdict lesson_check(LessonCheck c, const LessonFacts& f);

// Placeholders: the names a lesson may use ("exact64"), and `text` with each {name} replaced by the
// measured value ("—" while not measured). A '{' not starting a known name stays as it is.
const std::vector<std::string>& lesson_placeholders();
std::string lesson_fill(std::string_view text, const LessonFacts& f);

}  // namespace carry
