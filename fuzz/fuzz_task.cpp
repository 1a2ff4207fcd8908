// libFuzzer target: parse_task() (a link's `task=`, a model file's task, `carry-cli --task`). No
// crash, a message on every refusal, and an accepted task is a valid machine whose text form
// parses back to the same table and whose minimal machine is equivalent to it.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/machine.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    std::string error;
    const std::optional<carry::Task> t = carry::parse_task(text, &error);
    if (!t) {
        if (error.empty()) std::abort();
        return 0;
    }
    if (!error.empty() || !carry::validate_machine(t->machine).empty()) std::abort();
    const std::string again = carry::encode_task(*t);
    if (again.size() > carry::kMaxTaskTextLength) std::abort();
    const std::optional<carry::Task> back = carry::parse_task(again);
    if (!back || back->machine.printed != t->machine.printed || back->machine.next != t->machine.next ||
        back->machine.start != t->machine.start)
        std::abort();
    const carry::Machine min = carry::minimize_machine(t->machine);
    if (!carry::validate_machine(min).empty() || !carry::machines_equivalent(min, t->machine)) std::abort();
    return 0;
}
