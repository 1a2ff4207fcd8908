// inside_panels: the tabs of "Inside the net" (inside.cpp draws the section and the hidden space).
#pragma once

#include "app/inside.h"

namespace carry {

void panel_inside_space(InsideView& v, Playground& pg);      // inside.cpp
void panel_inside_automaton(InsideView& v, Playground& pg);  // panel_inside_automaton.cpp
void panel_inside_bptt(InsideView& v, Playground& pg);       // panel_inside_bptt.cpp
void panel_inside_gradients(InsideView& v, Playground& pg);  // panel_inside_bptt.cpp
void panel_inside_baseline(InsideView& v, Playground& pg);   // panel_inside_baseline.cpp

// The BPTT grid's cell size: one width for every cell, wide enough for any value it can show
// (bptt_cell_text, bptt_activity_text), and the size of a text in the cells' font
// (panel_inside_bptt.cpp; tests).
ImVec2 bptt_cell_size();
float bptt_cell_font_size();
ImVec2 bptt_cell_text_size(const char* text);

}  // namespace carry
