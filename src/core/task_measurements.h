// task_measurements: issue 19's measured table, as data the app can show beside the task picker.
//
// Per library task: the fewest hidden units (tried from 1 up) that learn it in at least kNeed of
// kSeeds seeds (seeds 1..10, the default settings otherwise, restarts included, at most kBudget
// training sequences each), the median sequences and seconds to solve over the solved seeds, and in
// how many of them automaton extraction found the task's minimal machine (equivalent, same size).
//
// Recorded, not computed: regenerate with
//   carry-cli tasks --measure            (--json for the same figures as JSON)
// and copy the figures here and into docs/tasks.md. Seconds are wall time natively on a shared
// 2-core machine (load ~7), so only their order of magnitude means anything; sequences and
// counts are deterministic.
#pragma once

#include <string_view>
#include <vector>

namespace carry {

struct TaskMeasurement {
    const char* task;         // library name
    int inputs;               // bits per column
    int states;               // minimal machine
    int hidden;               // fewest hidden units learning it in kNeed of kSeeds seeds
    int solved;               // seeds solved at that size
    double median_sequences;  // over the solved seeds
    double median_seconds;    // idem (wall time, see above)
    int extracted_minimal;    // solved seeds whose extracted machine is the minimal one
};

inline constexpr int kTaskMeasureSeeds = 10;
inline constexpr int kTaskMeasureNeed = 8;
inline constexpr long long kTaskMeasureBudget = 40000;

// In task_library() order.
const std::vector<TaskMeasurement>& task_measurements();
// The row for a library task, or nullptr (a designed machine has none).
const TaskMeasurement* find_task_measurement(std::string_view task);

}  // namespace carry
