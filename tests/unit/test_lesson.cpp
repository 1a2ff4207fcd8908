// The lesson format (core/lesson.h, core/lesson_text.h): parsing, errors with line numbers, the
// "try this" checks both ways, the placeholders, the little Markdown.
#include <doctest/doctest.h>

#include <fstream>
#include <sstream>
#include <string>

#include "core/lesson.h"
#include "core/lesson_text.h"
#include "core/url_state.h"

using namespace carry;

namespace {

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

const char* kSmall =
    "# A small lesson\n"
    "Intro text.\n"
    "\n"
    "## First step\n"
    "link: inside_tab=automaton&preset=handwired\n"
    "try: solved\n"
    "task: Train until **solved** ({exact64} now).\n"
    "\n"
    "Some *text* with `code`.\n"
    "\n"
    "- one\n"
    "- two\n"
    "\n"
    "## Second step\n"
    "\n"
    "Body only.\n";

}  // namespace

TEST_CASE("[lesson] a lesson parses into its title, intro and steps") {
    std::vector<LessonError> errors;
    const Lesson l = parse_lesson(kSmall, "small", errors);
    CHECK(errors.empty());
    CHECK(l.title == "A small lesson");
    CHECK(l.intro == "Intro text.");
    REQUIRE(l.steps.size() == 2);
    CHECK(l.steps[0].title == "First step");
    CHECK(l.steps[0].line == 4);
    CHECK(l.steps[0].link == "inside_tab=automaton&preset=handwired");
    CHECK(l.steps[0].check == LessonCheck::Solved);
    CHECK(l.steps[0].task == "Train until **solved** ({exact64} now).");
    CHECK(l.steps[0].text == "Some *text* with `code`.\n\n- one\n- two");
    CHECK(l.steps[1].check == LessonCheck::None);
    CHECK(l.steps[1].text == "Body only.");
}

TEST_CASE("[lesson] errors name their line, and the steps that parsed are kept") {
    std::vector<LessonError> errors;
    const std::string bad =
        "# Bad\n"                        // 1
        "\n"                             // 2
        "## One\n"                       // 3
        "lnk: panels=add\n"              // 4 unknown header
        "link: lr=abc&nonesuch=1\n"      // 5 bad value, unknown key
        "try: make_coffee\n"             // 6 unknown check
        "\n"                             // 7
        "Text with {nonsense}.\n"        // 8 unknown placeholder
        "## \n"                          // 9 no title
        "try: solved\n"                  // 10 (no task: reported at line 9)
        "\n"                             // 11
        "## Three\n"                     // 12
        "link: lesson_step=2\n";         // 13 a step cannot set the lesson's keys
    const Lesson l = parse_lesson(bad, "bad.md", errors);
    REQUIRE(errors.size() >= 7);
    std::string all;
    for (const LessonError& e : errors) all += describe_error(e) + "\n";
    MESSAGE(all);
    CHECK(all.find("line 4: a step's header is link:, try: or task:") != std::string::npos);
    CHECK(all.find("line 5: link: lr: \"abc\" is not a number") != std::string::npos);
    CHECK(all.find("line 5: link: unknown setting \"nonesuch\"") != std::string::npos);
    CHECK(all.find("line 6: unknown check \"make_coffee\"") != std::string::npos);
    CHECK(all.find("line 8: unknown placeholder {nonsense}") != std::string::npos);
    CHECK(all.find("line 9: a step needs a title") != std::string::npos);
    CHECK(all.find("line 9: try: needs a task:") != std::string::npos);
    CHECK(all.find("line 13: link: a step cannot set lesson_step") != std::string::npos);
    CHECK(l.steps.size() == 3);
}

TEST_CASE("[lesson] a file that is not a lesson says so") {
    std::vector<LessonError> errors;
    parse_lesson("", "empty.md", errors);
    REQUIRE(errors.size() == 1);
    CHECK(describe_error(errors[0]).find("empty") != std::string::npos);
    parse_lesson("Just text\n", "x.md", errors);
    CHECK(describe_error(errors[0]) == "line 1: a lesson starts with its title: \"# Title\"");
    parse_lesson("# Title only\n", "x.md", errors);
    CHECK(describe_error(errors.back()).find("no steps") != std::string::npos);
    parse_lesson(std::string(kMaxLessonBytes + 1, 'x'), "big.md", errors);
    CHECK(describe_error(errors[0]).find("longer than") != std::string::npos);
    std::string many = "# Many\n";
    for (int i = 0; i < kMaxLessonSteps + 1; ++i) many += "## s\n\n";
    parse_lesson(many, "many.md", errors);
    CHECK(describe_error(errors.back()).find("more than 99 steps") != std::string::npos);
}

TEST_CASE("[lesson] every check, done and not done") {
    LessonFacts f;
    f.sequences = 1234;
    SUBCASE("solved") {
        CHECK_FALSE(lesson_check(LessonCheck::Solved, f).done);
        f.solved = true;
        CHECK(lesson_check(LessonCheck::Solved, f).done);
        CHECK(lesson_check(LessonCheck::Solved, f).says.find("1234 sequences") != std::string::npos);
    }
    SUBCASE("wrong_sum") {
        f.sum_valid = true;
        f.sum_correct = true;
        CHECK_FALSE(lesson_check(LessonCheck::WrongSum, f).done);
        f.sum_correct = false;
        CHECK(lesson_check(LessonCheck::WrongSum, f).done);
        f.sum_valid = false;
        CHECK_FALSE(lesson_check(LessonCheck::WrongSum, f).done);
    }
    SUBCASE("long_sum_right") {
        f.sum_valid = f.sum_correct = true;
        f.sum_bits = 63;
        CHECK_FALSE(lesson_check(LessonCheck::LongSumRight, f).done);
        f.sum_bits = 64;
        CHECK(lesson_check(LessonCheck::LongSumRight, f).done);
        f.sum_correct = false;
        CHECK_FALSE(lesson_check(LessonCheck::LongSumRight, f).done);
    }
    SUBCASE("four_clusters") {
        CHECK_FALSE(lesson_check(LessonCheck::FourClusters, f).done);  // not measured
        f.clusters = 7;
        f.automaton_states = 3;
        CHECK_FALSE(lesson_check(LessonCheck::FourClusters, f).done);
        f.automaton_states = 4;
        CHECK_FALSE(lesson_check(LessonCheck::FourClusters, f).done);  // four, but not the adder's
        f.automaton_equivalent = true;
        CHECK(lesson_check(LessonCheck::FourClusters, f).done);
        CHECK(lesson_check(LessonCheck::FourClusters, f).says.find("7 activity patterns") != std::string::npos);
    }
    SUBCASE("automaton_match") {
        CHECK_FALSE(lesson_check(LessonCheck::AutomatonMatch, f).done);
        f.automaton_states = 4;
        CHECK_FALSE(lesson_check(LessonCheck::AutomatonMatch, f).done);
        f.automaton_equivalent = true;
        CHECK(lesson_check(LessonCheck::AutomatonMatch, f).done);
    }
    SUBCASE("diverged") {
        CHECK_FALSE(lesson_check(LessonCheck::Diverged, f).done);
        f.divergences = 1;
        CHECK(lesson_check(LessonCheck::Diverged, f).done);
    }
    for (const char* name : {"solved", "wrong_sum", "long_sum_right", "four_clusters", "automaton_match", "diverged"})
        CHECK(std::string(lesson_check_name(lesson_check_from_name(name))) == name);
}

TEST_CASE("[lesson] placeholders are filled with what was measured") {
    LessonFacts f;
    f.exact64 = 0.25;
    f.sequences = 77;
    CHECK(lesson_fill("{exact64} after {sequences}; {clusters} {unknown} {", f) == "25% after 77; — {unknown} {");
    for (const std::string& name : lesson_placeholders()) CHECK_FALSE(lesson_fill("{" + name + "}", f).empty());
}

TEST_CASE("[lesson] the little Markdown: spans and blocks") {
    const auto spans = parse_spans("plain **bold** *it* `code` [link](#inside_tab=space) lesson_step 2*3");
    REQUIRE(spans.size() >= 8);
    CHECK(spans[0].text == "plain ");
    CHECK(spans[1].text == "bold");
    CHECK(spans[1].bold);
    CHECK(spans[3].italic);
    CHECK(spans[5].code);
    CHECK(spans[5].text == "code");
    CHECK(spans[7].link == "#inside_tab=space");
    CHECK(spans[7].text == "link");
    CHECK(spans.back().text.find("lesson_step 2*3") != std::string::npos);  // '_' in a word, lone '*'
    const auto blocks = parse_lesson_text("a\nb\n\n- x\n- y\n1. z\n\nc");
    REQUIRE(blocks.size() == 5);
    CHECK(blocks[0].spans[0].text == "a b");
    CHECK(blocks[1].kind == TextBlock::Bullet);
    CHECK(blocks[3].kind == TextBlock::Numbered);
    CHECK(blocks[3].number == 1);
    CHECK(blocks[4].spans[0].text == "c");
}

TEST_CASE("[lesson] the built-in lecture7 parses, 10 to 14 steps, every step's link valid") {
    const std::string text = read_file(std::string(CARRY_SOURCE_DIR) + "/web/lessons/lecture7.md");
    REQUIRE_FALSE(text.empty());
    std::vector<LessonError> errors;
    const Lesson l = parse_lesson(text, "lecture7", errors);
    for (const LessonError& e : errors) MESSAGE(describe_error(e));
    CHECK(errors.empty());
    CHECK(l.steps.size() >= 10);
    CHECK(l.steps.size() <= 14);
    for (const LessonStep& s : l.steps) {
        CAPTURE(s.title);
        CHECK_FALSE(s.text.empty());
        Settings st = settings_defaults();
        const UrlDecodeReport r = decode_url_state(s.link, st);
        CHECK(r.rejected.empty());
        CHECK(r.unknown.empty());
    }
    // The teachers' example lesson parses too.
    const std::string example = read_file(std::string(CARRY_SOURCE_DIR) + "/web/lessons/example.md");
    REQUIRE_FALSE(example.empty());
    parse_lesson(example, "lessons/example.md", errors);
    for (const LessonError& e : errors) MESSAGE(describe_error(e));
    CHECK(errors.empty());
}
