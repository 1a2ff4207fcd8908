// lesson_text: blocks and inline spans of a lesson's Markdown. See lesson_text.h.
#include "core/lesson_text.h"

#include <cctype>

namespace carry {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.remove_suffix(1);
    return s;
}

// "1. text" -> 1 and the text's start; -1 if the line is not a numbered item.
int numbered_item(std::string_view line, std::size_t* start) {
    std::size_t i = 0;
    int n = 0;
    while (i < line.size() && i < 4 && line[i] >= '0' && line[i] <= '9') n = n * 10 + (line[i++] - '0');
    if (i == 0 || i + 1 >= line.size() || line[i] != '.' || line[i + 1] != ' ') return -1;
    *start = i + 2;
    return n;
}

}  // namespace

std::vector<TextSpan> parse_spans(std::string_view line) {
    std::vector<TextSpan> out;
    TextSpan cur;
    bool bold = false, italic = false;
    auto flush = [&] {
        if (!cur.text.empty()) out.push_back(cur);
        cur = TextSpan{};
        cur.bold = bold;
        cur.italic = italic;
    };
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '`') {
            const std::size_t end = line.find('`', i + 1);
            if (end != std::string_view::npos && end > i + 1) {
                flush();
                TextSpan code;
                code.text = std::string(line.substr(i + 1, end - i - 1));
                code.code = true;
                out.push_back(code);
                i = end;
                continue;
            }
        } else if (c == '*' && i + 1 < line.size() && line[i + 1] == '*') {
            if (bold || line.find("**", i + 2) != std::string_view::npos) {
                flush();
                bold = !bold;
                cur.bold = bold;
                ++i;
                continue;
            }
        } else if (c == '*' || c == '_') {
            // '_' inside a word (lesson_step) is a letter; '*' and '_' open only when closed later.
            const bool word_inside = c == '_' && i > 0 && i + 1 < line.size() && std::isalnum((unsigned char)line[i - 1]) &&
                                     std::isalnum((unsigned char)line[i + 1]);
            if (!word_inside && (italic || line.find(c, i + 1) != std::string_view::npos)) {
                flush();
                italic = !italic;
                cur.italic = italic;
                continue;
            }
        } else if (c == '[') {
            const std::size_t close = line.find("](", i + 1);
            const std::size_t end = close == std::string_view::npos ? close : line.find(')', close + 2);
            if (end != std::string_view::npos && close > i + 1) {
                flush();
                TextSpan link;
                link.text = std::string(line.substr(i + 1, close - i - 1));
                link.link = std::string(trim(line.substr(close + 2, end - close - 2)));
                link.bold = bold;
                link.italic = italic;
                out.push_back(link);
                i = end;
                continue;
            }
        }
        cur.text.push_back(c);
    }
    flush();
    return out;
}

std::vector<TextBlock> parse_lesson_text(std::string_view markdown) {
    std::vector<TextBlock> blocks;
    std::string para;  // the paragraph or item being joined
    TextBlock cur;
    bool open = false;
    auto close = [&] {
        if (open) {
            cur.spans = parse_spans(para);
            blocks.push_back(std::move(cur));
        }
        cur = TextBlock{};
        para.clear();
        open = false;
    };
    std::size_t pos = 0;
    while (pos <= markdown.size()) {
        const std::size_t nl = markdown.find('\n', pos);
        const std::string_view line =
            trim(markdown.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos));
        pos = nl == std::string_view::npos ? markdown.size() + 1 : nl + 1;
        std::size_t start = 0;
        const int n = numbered_item(line, &start);
        if (line.empty()) {
            close();
        } else if (line.size() >= 2 && (line[0] == '-' || line[0] == '*') && line[1] == ' ') {
            close();
            cur.kind = TextBlock::Bullet;
            para = std::string(trim(line.substr(2)));
            open = true;
        } else if (n >= 0) {
            close();
            cur.kind = TextBlock::Numbered;
            cur.number = n;
            para = std::string(trim(line.substr(start)));
            open = true;
        } else {
            if (open) para += ' ';
            para += std::string(line);
            open = true;
        }
    }
    close();
    return blocks;
}

}  // namespace carry
