// libFuzzer target: the postMessage / window.carry argument validator. Any page that embeds the
// playground (within its allowed origins) can send any JSON text; the validator must never crash,
// never let an exception out, and only accept calls within the documented bounds.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "core/js_api_validate.h"
#include "core/settings.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    carry::ApiCall call;
    const std::string err = carry::parse_api_call(text, call);
    if (!err.empty()) return 0;
    (void)carry::api_method_name(call.method);
    switch (call.method) {
        case carry::ApiMethod::Train:
            if (call.n < 1 || call.n > carry::kMaxApiTrain) std::abort();
            break;
        case carry::ApiMethod::SetNumbers:
            if (call.a.empty() || call.b.empty() || call.a.size() > carry::kMaxSettingValueLength ||
                call.b.size() > carry::kMaxSettingValueLength)
                std::abort();
            break;
        case carry::ApiMethod::LoadModel:
            if (call.model.config.net.hidden < 1 || call.model.config.net.hidden > carry::kMaxApiHidden) std::abort();
            if (call.model.net.params.size() != carry::param_count(call.model.config.net.hidden)) std::abort();
            break;
        default: break;
    }
    return 0;
}
