// lesson_text: the little Markdown a lesson's text uses, as blocks of styled spans the app draws.
//
// Blocks: paragraphs (lines joined until a blank line), list items ("- ", "* ", "1. "). Spans:
// **bold**, *italics* or _italics_, `code`, [text](target). A marker that is not closed on its
// line stays as text. Pure C++; the lesson fuzz target runs it on every step's text.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace carry {

struct TextSpan {
    std::string text;
    bool bold = false, italic = false, code = false;
    std::string link;  // a link's target ("#inside_tab=space" or an address), "" for plain text
};

struct TextBlock {
    enum Kind { Paragraph, Bullet, Numbered } kind = Paragraph;
    int number = 0;  // Numbered: the item's number
    std::vector<TextSpan> spans;
};

std::vector<TextBlock> parse_lesson_text(std::string_view markdown);

// One line of inline Markdown as spans.
std::vector<TextSpan> parse_spans(std::string_view line);

}  // namespace carry
