// task_measurements: the recorded figures of `carry-cli tasks --measure` (see the header).
#include "core/task_measurements.h"

namespace carry {

const std::vector<TaskMeasurement>& task_measurements() {
    // carry-cli tasks --measure, 2026-12-07 (seeds 1..10, 8 of 10 needed, 40 000 sequences each).
    static const std::vector<TaskMeasurement> rows = {
        {"add", 2, 4, 3, 10, 3840, 0.0040, 10},     {"subtract", 2, 4, 3, 8, 6560, 0.0090, 8},
        {"greater", 2, 2, 1, 10, 1024, 0.0012, 10}, {"parity", 1, 2, 3, 10, 7584, 0.0096, 10},
        {"div3", 1, 3, 5, 9, 22400, 0.0272, 9},     {"times3", 1, 6, 3, 8, 4992, 0.0063, 8},
        {"delay2", 1, 8, 3, 10, 1664, 0.0019, 10},  {"delay3", 1, 16, 4, 10, 4480, 0.0080, 10},
    };
    return rows;
}

const TaskMeasurement* find_task_measurement(std::string_view task) {
    for (const TaskMeasurement& m : task_measurements())
        if (task == m.task) return &m;
    return nullptr;
}

}  // namespace carry
