// lesson: the lesson format's parser, its checks and placeholders. See lesson.h.
//
// [SECTION] checks     [SECTION] placeholders     [SECTION] parser
#include "core/lesson.h"

#include <cstdio>

#include "core/settings.h"
#include "core/url_state.h"

namespace carry {

// [SECTION] checks -------------------------------------------------------------------------------

namespace {

struct CheckName {
    LessonCheck check;
    const char* name;
};
constexpr CheckName kChecks[] = {
    {LessonCheck::Solved, "solved"},
    {LessonCheck::WrongSum, "wrong_sum"},
    {LessonCheck::LongSumRight, "long_sum_right"},
    {LessonCheck::FourClusters, "four_clusters"},
    {LessonCheck::AutomatonMatch, "automaton_match"},
    {LessonCheck::Diverged, "diverged"},
};

// "1 state", "3 states".
std::string count(long long n, const char* noun) { return std::to_string(n) + " " + noun + (n == 1 ? "" : "s"); }

std::string percent(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.0f%%", v * 100.0);
    return buf;
}

}  // namespace

const char* lesson_check_name(LessonCheck c) {
    for (const CheckName& k : kChecks)
        if (k.check == c) return k.name;
    return "";
}

LessonCheck lesson_check_from_name(std::string_view name) {
    for (const CheckName& k : kChecks)
        if (name == k.name) return k.check;
    return LessonCheck::None;
}

CheckVerdict lesson_check(LessonCheck c, const LessonFacts& f) {
    CheckVerdict v;
    const std::string seqs = std::to_string(f.sequences);
    switch (c) {
        case LessonCheck::None: break;
        case LessonCheck::Solved:
            v.done = f.solved;
            v.says = v.done ? "Done: solved after " + seqs + " sequences; it adds random 64-bit sums exactly."
                            : "Not yet: after " + seqs + " sequences the net adds " + percent(f.exact64) +
                                  " of random 64-bit sums exactly.";
            break;
        case LessonCheck::WrongSum:
            v.done = f.sum_valid && !f.sum_correct;
            v.says = !f.sum_valid ? "Not yet: the numbers are not valid binary yet."
                     : v.done     ? "Done: the net's answer to this sum is wrong."
                                  : "Not yet: the net answers this sum correctly.";
            break;
        case LessonCheck::LongSumRight:
            v.done = f.sum_valid && f.sum_correct && f.sum_bits >= 64;
            v.says = v.done ? "Done: a " + std::to_string(f.sum_bits) + "-column sum, answered exactly."
                     : f.sum_bits < 64
                         ? "Not yet: this sum has " + std::to_string(f.sum_bits) + " columns (at least 64 wanted)."
                         : "Not yet: the net answers this " + std::to_string(f.sum_bits) + "-column sum wrongly.";
            break;
        case LessonCheck::FourClusters:
            // The lecture's "four activity patterns": the hidden space's clusters merge, once
            // minimized, into one state per node of the adder (the raw cluster count is finer).
            v.done = f.automaton_states == 4 && f.automaton_equivalent;
            v.says = f.clusters < 0 || f.automaton_states < 0
                         ? "Not yet: open Inside the net on the hidden space to measure it."
                     : v.done ? "Done: the hidden space's " + std::to_string(f.clusters) +
                                    " activity patterns merge into four states, one per node of the adder."
                              : "Not yet: " + count(f.clusters, "activity pattern") + ", " +
                                    count(f.automaton_states, "state") + " after minimization (the adder's four wanted).";
            break;
        case LessonCheck::AutomatonMatch:
            v.done = f.automaton_states >= 0 && f.automaton_equivalent;
            v.says = f.automaton_states < 0 ? "Not yet: open Inside the net on the automaton to read it out."
                     : v.done               ? "Done: the net's automaton (" + count(f.automaton_states, "state") +
                                    ") prints the adder's bits on every input."
                                            : "Not yet: the automaton read out of the net (" +
                                    count(f.automaton_states, "state") + ") is not the adder's.";
            break;
        case LessonCheck::Diverged:
            v.done = f.divergences > 0;
            v.says = v.done ? "Done: training diverged (the last good weights are back)."
                            : "Not yet: training has not diverged in this step.";
            break;
    }
    return v;
}

// [SECTION] placeholders -------------------------------------------------------------------------

const std::vector<std::string>& lesson_placeholders() {
    static const std::vector<std::string> names = {"sequences", "exact8",   "exact64",          "solved",
                                                   "hidden",    "clusters", "automaton_states", "answer"};
    return names;
}

namespace {

std::string placeholder_value(std::string_view name, const LessonFacts& f) {
    if (name == "sequences") return std::to_string(f.sequences);
    if (name == "exact8") return percent(f.exact8);
    if (name == "exact64") return percent(f.exact64);
    if (name == "solved") return f.solved ? "solved" : "not solved";
    if (name == "hidden") return std::to_string(f.hidden);
    if (name == "clusters") return f.clusters < 0 ? "—" : std::to_string(f.clusters);
    if (name == "automaton_states") return f.automaton_states < 0 ? "—" : std::to_string(f.automaton_states);
    if (name == "answer") return !f.sum_valid ? "—" : f.sum_correct ? "right" : "wrong";
    return "";
}

bool is_name_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; }

// The name of a "{name}" at `i` ("" if there is none there).
std::string_view placeholder_at(std::string_view text, std::size_t i) {
    if (text[i] != '{') return {};
    std::size_t j = i + 1;
    while (j < text.size() && j - i <= 32 && is_name_char(text[j])) ++j;
    if (j == i + 1 || j >= text.size() || text[j] != '}') return {};
    return text.substr(i + 1, j - i - 1);
}

bool known_placeholder(std::string_view name) {
    for (const std::string& n : lesson_placeholders())
        if (n == name) return true;
    return false;
}

}  // namespace

std::string lesson_fill(std::string_view text, const LessonFacts& f) {
    std::string out;
    out.reserve(text.size());
    for (std::size_t i = 0; i < text.size(); ++i) {
        const std::string_view name = placeholder_at(text, i);
        if (!name.empty() && known_placeholder(name)) {
            out += placeholder_value(name, f);
            i += name.size() + 1;
        } else {
            out.push_back(text[i]);
        }
    }
    return out;
}

// [SECTION] parser -------------------------------------------------------------------------------

std::string describe_error(const LessonError& e) {
    return e.line > 0 ? "line " + std::to_string(e.line) + ": " + e.message : e.message;
}

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

struct Parser {
    std::vector<LessonError>& errors;
    void error(int line, std::string message) {
        if (errors.size() < kMaxLessonErrors) errors.push_back({line, std::move(message)});
    }

    // A step's link: every key known and valid, none of the lesson's own keys.
    void check_link(int line, std::string_view link) {
        Settings s = settings_defaults();
        const UrlDecodeReport r = decode_url_state(link, s);
        for (const std::string& u : r.unknown) error(line, "link: unknown setting " + u);
        for (const std::string& bad : r.rejected) error(line, "link: " + bad);
        if (r.truncated) error(line, "link: too long");
        for (const std::string& k : r.applied)
            if (k == "lesson" || k == "lesson_step") error(line, "link: a step cannot set " + k);
    }

    void check_placeholders(int line, std::string_view text) {
        for (std::size_t i = 0; i < text.size(); ++i) {
            const std::string_view name = placeholder_at(text, i);
            if (!name.empty() && !known_placeholder(name)) {
                std::string known;
                for (const std::string& n : lesson_placeholders()) known += (known.empty() ? "" : ", ") + n;
                error(line, "unknown placeholder {" + std::string(name) + "} (known: " + known + ")");
            }
        }
    }

    // A header line of a step ("link: …"); false if the line is not one.
    void header(int line, std::string_view text, LessonStep& step) {
        const std::size_t colon = text.find(':');
        const std::string_view key = trim(text.substr(0, colon == std::string_view::npos ? 0 : colon));
        const std::string_view value = colon == std::string_view::npos ? "" : trim(text.substr(colon + 1));
        if (key == "link") {
            std::string_view l = value;
            if (!l.empty() && l.front() == '#') l.remove_prefix(1);
            step.link = std::string(l);
            check_link(line, l);
        } else if (key == "try") {
            step.check = lesson_check_from_name(value);
            if (step.check == LessonCheck::None) {
                std::string known;
                for (const CheckName& k : kChecks) known += (known.empty() ? "" : ", ") + std::string(k.name);
                error(line, "unknown check " + quote_for_message(value) + " (known: " + known + ")");
            }
        } else if (key == "task") {
            if (value.empty()) error(line, "task: the text is empty");
            step.task = std::string(value);
            check_placeholders(line, value);
        } else {
            error(line, "a step's header is link:, try: or task: (then a blank line before its text), not " +
                            quote_for_message(text, 40));
        }
    }
};

}  // namespace

Lesson parse_lesson(std::string_view text, std::string_view name, std::vector<LessonError>& errors) {
    errors.clear();
    Lesson lesson;
    lesson.name = std::string(name);
    Parser p{errors};
    if (text.size() > kMaxLessonBytes) {
        p.error(0, "the lesson is longer than " + std::to_string(kMaxLessonBytes / 1024) + " KiB");
        return lesson;
    }
    enum { Start, Intro, Headers, Body } at = Start;
    int line_no = 0;
    std::size_t pos = 0;
    while (pos <= text.size()) {
        const std::size_t nl = text.find('\n', pos);
        const std::string_view raw = text.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
        pos = nl == std::string_view::npos ? text.size() + 1 : nl + 1;
        ++line_no;
        const std::string_view line = trim(raw);
        for (unsigned char c : raw)
            if (c < 0x20 && c != '\t' && c != '\r') {
                p.error(line_no, "a control character (byte " + std::to_string(c) + ")");
                break;
            }
        if (at == Start) {
            if (line.empty()) continue;
            if (line.rfind("# ", 0) != 0 || trim(line.substr(2)).empty()) {
                p.error(line_no, "a lesson starts with its title: \"# Title\"");
                lesson.title = "Untitled lesson";
            } else {
                lesson.title = std::string(trim(line.substr(2)));
                at = Intro;
                continue;
            }
            at = Intro;
        }
        if (line.rfind("## ", 0) == 0 || line == "##") {
            if (static_cast<int>(lesson.steps.size()) == kMaxLessonSteps) {
                p.error(line_no, "more than " + std::to_string(kMaxLessonSteps) + " steps");
                break;
            }
            LessonStep step;
            step.line = line_no;
            step.title = std::string(trim(line.substr(2)));
            if (step.title.empty()) p.error(line_no, "a step needs a title after \"## \"");
            lesson.steps.push_back(std::move(step));
            at = Headers;
            continue;
        }
        if (line.rfind("# ", 0) == 0) {
            p.error(line_no, "a second lesson title; steps start with \"## \"");
            continue;
        }
        if (at == Headers) {
            if (line.empty()) {
                at = Body;
                LessonStep& s = lesson.steps.back();
                if (s.check != LessonCheck::None && s.task.empty())
                    p.error(s.line, "try: needs a task: line saying what to do");
            } else {
                p.header(line_no, line, lesson.steps.back());
            }
            continue;
        }
        p.check_placeholders(line_no, line);
        std::string& body = at == Intro ? lesson.intro : lesson.steps.back().text;
        if (body.empty() && line.empty()) continue;
        body += std::string(raw.substr(0, raw.size() - (!raw.empty() && raw.back() == '\r' ? 1 : 0)));
        body += '\n';
    }
    if (at == Headers) {  // the file ends in a step's headers
        const LessonStep& s = lesson.steps.back();
        if (s.check != LessonCheck::None && s.task.empty()) p.error(s.line, "try: needs a task: line saying what to do");
    }
    if (lesson.title.empty() && errors.empty()) p.error(0, "the lesson is empty: it starts with \"# Title\"");
    if (lesson.steps.empty() && !lesson.title.empty()) p.error(0, "the lesson has no steps (each starts with \"## \")");
    for (LessonStep& s : lesson.steps)
        while (!s.text.empty() && (s.text.back() == '\n')) s.text.pop_back();
    while (!lesson.intro.empty() && lesson.intro.back() == '\n') lesson.intro.pop_back();
    return lesson;
}

}  // namespace carry
