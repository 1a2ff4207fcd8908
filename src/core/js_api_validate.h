// js_api_validate: checks a call of the JavaScript / postMessage API before anything reaches the
// playground. The page hands every call over as one JSON text:
//     {"id": 7, "method": "train", "args": [2000]}
// and gets back either a validated ApiCall or the reason it was refused (the caller's error reply).
//
// Methods and their arguments (exactly these; extra arguments are an error):
//   getState()                 saveModel()      step()  play()  pause()  reset()
//   setState({key: value})     keys of the settings table (not `allow`); values string, number
//                              or boolean, validated by the table; any bad key/value refuses all
//   setNumbers(a, b)           two binary strings (the add view's rules, at most kMaxNumberBits digits)
//   train(n)                   whole number of sequences, 1 .. kMaxApiTrain
//   loadModel(model)           a carry-model JSON text or object (model_file.h), H <= 16
// Bounded work on any input: at most kMaxApiRequestLength characters, nesting at most kMaxApiDepth.
// Pure function, no Emscripten or UI includes (a fuzz target can link carry_core alone).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/model_file.h"

namespace carry {

inline constexpr std::size_t kMaxApiRequestLength = 1 << 20;
inline constexpr int kMaxApiDepth = 32;
inline constexpr long long kMaxApiTrain = 10'000'000;
inline constexpr int kMaxApiHidden = 16;

enum class ApiMethod { GetState, SetState, SetNumbers, Step, Play, Pause, Reset, Train, SaveModel, LoadModel };

struct ApiCall {
    long long id = 0;  // the caller's id, echoed in the reply (0 when absent)
    ApiMethod method = ApiMethod::GetState;
    std::vector<std::pair<std::string, std::string>> state;  // SetState: key, canonical value
    std::string a, b;                                        // SetNumbers
    long long n = 0;                                         // Train
    Model model;                                             // LoadModel (validated)
};

const char* api_method_name(ApiMethod m);

// "" on success (out filled); otherwise the reason, for the error reply. out.id is set whenever
// the request had a usable id, even on error.
std::string parse_api_call(std::string_view request, ApiCall& out);

}  // namespace carry
