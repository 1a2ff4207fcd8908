// panels.h: every panel of the playground, one file each. A panel draws from the Playground and
// queues Commands; it never changes the trainer while drawing.
#pragma once

#include "app/playground.h"

namespace carry {

// panel_toolbar.cpp: always visible strip: train play/pause, step, reset, status, notices.
void panel_toolbar(Playground& pg);

// panel_add.cpp: the two numbers (live validation, decimal values, random/swap/lecture example),
// the sum laid out in columns right to left with the time cursor, transport controls, and the
// current step in the lecture's words.
void panel_add(Playground& pg);

// panel_network.cpp: the lecture's figure: 2 inputs, H hidden units fully interconnected, 1 output,
// units filled by activity at the cursor, connections by weight; hover shows values.
void panel_network(Playground& pg);

// panel_unrolled.cpp: the same net unrolled over the time steps of the current sum, shared weights
// marked as the same, synced to the cursor.
void panel_unrolled(Playground& pg);

struct TaskDesigner;
// panel_train.cpp: the task (issue 19: a combo of the library and the designer's button, when
// `designer` is given), training settings (hidden units, optimizer, learning rate, ...), speed.
void panel_train(Playground& pg, TaskDesigner* designer = nullptr);

// panel_curves.cpp: loss, bit accuracy, exact accuracy (8 and 64 bits), gradient norm over
// training; accuracy by number length for the current net.
void panel_curves(Playground& pg);

}  // namespace carry
