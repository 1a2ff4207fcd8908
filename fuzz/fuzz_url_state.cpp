// libFuzzer target: the URL-state decoder (a link anyone can craft opens the playground with it),
// the percent codec and the saved-session reader. Decoding must never crash and its result must be
// a fixed point: encoding what it produced and decoding that again gives the same settings.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

#include "core/url_state.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);

    carry::Settings s = carry::settings_defaults();
    const carry::UrlDecodeReport rep = carry::decode_url_state(text, s);
    (void)carry::describe_rejections(rep);
    const std::string enc = carry::encode_url_state(s);
    carry::Settings t = carry::settings_defaults();
    const carry::UrlDecodeReport rep2 = carry::decode_url_state(enc, t);
    if (!rep2.rejected.empty() || !rep2.unknown.empty()) std::abort();  // own output is valid
    if (carry::encode_url_state(t) != enc) std::abort();                // and a fixed point

    // Percent codec: decode(encode(x)) == x for any bytes.
    if (carry::percent_decode(carry::percent_encode(text)) != text) std::abort();

    // Saved session: refused whole or accepted; accepted sessions re-save to something readable.
    carry::Settings u = carry::settings_defaults();
    if (carry::session_from_json(text, u).empty()) {
        carry::Settings v = carry::settings_defaults();
        if (!carry::session_from_json(carry::session_to_json(u), v).empty()) std::abort();
    }
    return 0;
}
