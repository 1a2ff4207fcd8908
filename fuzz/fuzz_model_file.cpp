// libFuzzer target: model_from_json(), the validated loader of "carry-model" files (a student can
// load any file, and the web build may load one a page hands it). It must never crash, never let an
// exception escape, leave the model untouched on error, and on success produce a model that is
// consistent and can be saved and loaded again.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/model_file.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    carry::Model m;
    const std::size_t before = m.net.params.size();
    const std::string err = carry::model_from_json(text, m);
    if (!err.empty()) {
        if (m.net.params.size() != before) std::abort();  // untouched on error
        return 0;
    }
    const int h = m.config.net.hidden;
    if (h < carry::kMinHidden || h > carry::kMaxHidden) std::abort();
    if (m.net.params.size() != carry::param_count(h)) std::abort();
    for (double x : m.net.params)
        if (!std::isfinite(x)) std::abort();
    // What loaded saves and loads again to the same weights.
    carry::Model again;
    if (!carry::model_from_json(carry::model_to_json(m), again).empty()) std::abort();
    if (again.net.params != m.net.params) std::abort();
    // And the net it describes runs: one small addition.
    const carry::Pair pair{{1, 0, 1}, {1, 1, 0}};
    (void)carry::net_add(m.net, pair);
    return 0;
}
