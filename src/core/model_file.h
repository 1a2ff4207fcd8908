// model_file: the versioned JSON model format ("carry-model", version 1), saving and validated loading.
//
// Implements:
//   - Model: everything needed to use or resume a run (settings, weights, counters, RNG state,
//     optionally the optimizer state so a resumed run continues bit-identically)
//   - model_to_json() / model_from_json(), save_model_file() / load_model_file()
//   - model_from_trainer() / model_trainer_state(): a running Trainer to a Model and back
//   - model_file_place(): where each training row of the settings table sits in the file
//
// The training settings in the file are the settings table's "training" rows: written with
// get_setting(), read through set_setting() with the row's range and allowed values, so a value the
// table refuses is refused here with the table's reason (after the field's path). A new training
// row appears in the file with no edit here (at config.training.<key>; optional on read, so older
// files load with its default). Fields that are no row (init_h0, Adam's betas and eps, the loss,
// the validation schedule, the counters) are the file's own.
//
// Doubles are JSON numbers written by nlohmann-json's shortest round-trip printer (Grisu2), so
// they read back bit-exactly; the tests check this on random bit patterns, subnormals and
// extremes. 64-bit RNG words are 16-digit hex strings (JavaScript numbers cannot hold them).
//
// Loading validates every field (format, version, types, sizes, finite numbers, ranges) and reports
// the first problem with the field's path, e.g. "weights.w_rec[4]: not a finite number". It parses
// into a temporary and assigns the caller's Model only on success, so a bad file leaves the model
// in memory untouched. No exceptions escape (the web build may run without exception support).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/net.h"
#include "core/optim.h"
#include "core/rng.h"
#include "core/trainer.h"

namespace carry {

struct SettingDef;

inline constexpr const char* kModelFormat = "carry-model";
inline constexpr int kModelVersion = 1;

struct Model {
    TrainConfig config;       // all settings; config.net describes `net`
    Net net;                  // weights (net.config == config.net)
    std::uint64_t seed = 0;   // the run's user seed
    long long sequences = 0;  // training sequences seen (all restarts)
    int restarts = 0;
    bool solved = false;
    RngState rng;                     // trainer RNG state
    std::optional<OptimState> optim;  // optimizer moments, when saved
    RunProgress progress;             // where the run stands (unknown in older files: see RunProgress)
};

// Model from a trainer's current state (optimizer state and run position included).
Model model_from_trainer(const Trainer& trainer);
// The state a Trainer resumes the model's run from: Trainer(m.config, m.seed, model_trainer_state(m))
// continues it bit for bit when the file carries the optimizer state and run position; an older
// file resumes with a fresh optimizer. Optimizer moments that do not fit the config are dropped.
TrainerState model_trainer_state(const Model& m);

std::string model_to_json(const Model& model, int indent = 2);

// Returns "" on success (and sets `out`), otherwise the error; `out` is untouched on error.
std::string model_from_json(std::string_view text, Model& out);

// Both return "" on success, otherwise an error naming the file.
std::string save_model_file(const std::string& path, const Model& model);
std::string load_model_file(const std::string& path, Model& out);

// Where a training row of the settings table (core/settings.h) sits in the file, as a dotted
// path ("config.optimizer.lr"); "" for rows that are not training rows or that the file keeps
// itself (the seed: training_state.seed holds a run's full 64-bit seed).
std::string model_file_place(const SettingDef& row);

// Names used in the file for the enums (also handy for CLI flags).
const char* initial_state_name(InitialState s);
const char* optimizer_name(OptimizerKind k);
bool parse_initial_state(std::string_view name, InitialState* out);
bool parse_optimizer(std::string_view name, OptimizerKind* out);

}  // namespace carry
