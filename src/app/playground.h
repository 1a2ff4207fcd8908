// playground.h: the playground's state (what the user typed, the net being trained, the animation)
// and the commands the panels queue to change it.
//
// Playground's fields, grouped: the settings, the trainer and the sum at the top level; then
// `anim` (the animation), `live` (live training), `meas` (curves and validation), `link` (what a
// link sets besides training), `drawn` (what the last frame drew, for tests) and `requests`
// (one-shot requests from scenarios, the banner and Help); the notice and the command queue.
//
// Panels draw from this state and never mutate the trainer while drawing: they push Commands,
// and playground_update() applies them once per frame, then advances training by a bounded amount
// of work and the animation by the elapsed time. So the frame rate does not depend on training.
// Training speed is set in time (sums per second: fewer frames, more sums each), independent of
// the frame rate; at full speed it is a time budget per frame.
//
// How time advances (playground_update, once per frame):
//   1. commands, in the order they were queued;
//   2. training: `live.sequences_per_frame` * 60 * dt sequences (accumulated, so 1 with batch 8 is
//      one minibatch every 8 frames at 60 fps), or at full speed minibatches until `live.budget_ms` is spent;
//      a diverged step pauses training (the trainer has already restored the last good weights);
//   3. curves: every `sample_every` sequences (several in a frame while they cost < live.sample_budget_ms) a history
//   point with the
//      mean gradient norm since the last point and a cheap validation of the net on fixed 8- and
//      64-bit sums (its loss per sum bit: comparable while the curriculum lengthens the training
//      sums, unlike the training loss per sum, which grows with them); the accuracy-by-length curve at most every
//      kLengthCurveSeconds;
//   4. the stepper (the current net run over the current sum) is rebuilt when the weights changed;
//   5. the animation cursor advances by dt * anim.steps_per_second, holds at the end, loops.
#pragma once

#include <cstdint>
#include <deque>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/binary_text.h"
#include "core/bptt.h"
#include "core/eval.h"
#include "core/settings.h"
#include "core/stepper.h"
#include "core/task.h"
#include "core/trainer.h"

namespace carry {

struct Model;

// A number field holds what the core adds (kMaxNumberBits digits, '_' between them, a 0b prefix).
inline constexpr std::size_t kNumberBufferSize = kMaxSettingValueLength + 1;

// One of the two addends as typed, with its live validation.
struct NumberField {
    std::string text;                     // what the user typed (kept even when invalid)
    ParsedBits parsed;                    // parse_binary(text): bits or an error naming the character and position
    std::string decimal;                  // the value in decimal when parsed (computed once: quadratic in the digits)
    char buffer[kNumberBufferSize] = {};  // ImGui's edit buffer, kept in sync with `text`
};

// Curves over training, one point per sample (downsampled by halving when full).
struct TrainingHistory {
    std::vector<float> sequences;     // x axis: training sequences so far
    std::vector<float> loss;          // cross-entropy per sum bit, 64-bit validation sums
    std::vector<float> bit_accuracy;  // share of right sum bits, 64-bit validation sums
    std::vector<float> exact_8;       // exact-sum accuracy, 8-bit validation sums
    std::vector<float> exact_64;      // exact-sum accuracy, 64-bit validation sums
    std::vector<float> grad_norm;     // mean gradient norm (before clipping) since the previous point
    void clear();
    std::size_t size() const { return sequences.size(); }
    void halve();  // keeps every other point
};
inline constexpr std::size_t kHistoryMax = 2048;

enum class CommandKind {
    // Numbers
    SetNumbers,     // text_a, text_b
    SetNumber,      // value = 0 (a) or 1 (b), text_a = its text: one field typed into (the canvas's
                    // or the page's), so two edits queued in one frame both stand
    RandomNumbers,  // value = bits (0: keep the current length)
    SwapNumbers,
    LectureExample,  // 00110100 + 01001101
    // Animation of the current sum
    AnimPlay,
    AnimPause,
    AnimStep,  // value = +1 / -1
    AnimSeek,  // value = frame
    // Training
    TrainPlay,
    TrainPause,
    TrainStep,       // one minibatch
    TrainReset,      // new net from the seed (same settings replay the same run)
    ApplySettings,   // pending_settings/pending_seed -> trainer (new net when the shape changes)
    SetSetting,      // text_a = a settings-table key, text_b = its new value: validated by the table
                     // (refused with a notice), then taken as a link's value is (setting_controls.h)
    MeasureLengths,  // accuracy by number length, now
    DismissNotice,
    LoadPreset,  // value = Preset: hand-wired exact net, fresh net, pre-trained net
    LoadModel,   // text_a = a carry-model JSON text (core/model_file.h); id = the caller's ticket
    Undo,        // brings back the net the last destructive action replaced (Playground::undo)
};

// Nets the "Inside the net" presets load into the playground.
// LinkTrained: a link's preset=trained, trained with the link's own settings and seed until solved
// (PreTrained, the menu's, uses the default settings).
enum class Preset { HandWired = 0, Fresh = 1, PreTrained = 2, LinkTrained = 3 };
// The `preset` row's value for each Preset (LinkTrained and PreTrained are both "trained").
const char* preset_name(Preset p);

struct Command {
    CommandKind kind;
    int value = 0;
    std::string text_a, text_b;
    long long id = 0;  // LoadModel: echoed in its LoadOutcome (the JavaScript API's reply waits on it)
};

// What a LoadModel command did, filed in the frame it was applied (playground_update).
struct LoadOutcome {
    long long id = 0;
    std::string error;  // empty: loaded; otherwise the reason (the notice says it too)
};

// Screen rectangles of key items, recorded while drawing (tests check the first screen with them).
struct UiRect {
    float x0 = 0, y0 = 0, x1 = 0, y1 = 0;
    bool drawn = false;
};
struct UiRects {
    UiRect number_a, number_b, columns, network, train_button, undo_button;  // undo: the notice's (when offered)
};

// A settings-table row's control as drawn (setting_controls.cpp): its key, label and the slider's
// range. Recorded each frame, for tests.
struct DrawnSetting {
    const char* key;
    const char* label;
    double lo, hi;
};

// What a destructive action (Reset, a preset, a loaded model, settings that rebuild the net)
// replaced: the trainer itself (moved, so the run continues bit for bit), its settings and seed,
// and what was measured of it. The Undo command puts it all back.
struct UndoPoint {
    std::unique_ptr<Trainer> trainer;
    TrainConfig settings;  // Undo sets pending_settings/pending_seed to these too
    std::uint64_t seed = 1;
    TrainingHistory history;
    long long next_sample = 0;
    EvalResult val_8, val_64;
    std::vector<EvalResult> length_curve;
    long long length_curve_sequences = -1;
    bool solved_announced = false;
    StepResult last_step;
    std::string notice;  // the notice that offers the undo: its Undo button shows while it is shown
};

// A frame's curve points stop after this much time (the default of live.sample_budget_ms).
inline constexpr double kSampleBudgetMs = 4.0;

struct Playground {
    // Settings: `settings`/`seed` are what the trainer runs with; the settings panel edits
    // `pending_*` and queues ApplySettings.
    TrainConfig settings;
    std::uint64_t seed = 1;
    TrainConfig pending_settings;
    std::uint64_t pending_seed = 1;

    std::unique_ptr<Trainer> trainer;
    // Bumped whenever `trainer` is replaced or its weights are set other than by a training step
    // (a preset, a loaded model, a diverged step's restore): views that cache something computed
    // from the net key on it, never on the trainer's address (a freed address can come back).
    std::uint64_t net_generation = 0;

    // The sum being shown.
    NumberField a, b;
    Pair pair;                         // the last valid pair (kept while a field is invalid)
    std::unique_ptr<Stepper> stepper;  // the current net over `pair`, rebuilt when either changes
    long long stepper_sequences = -1;  // trainer->sequences() when the stepper was built
    bool stepper_dirty = true;
    std::uint64_t stepper_generation = 0;  // bumped whenever `stepper` is rebuilt

    // The animation of the current sum: frames 0 .. stepper->steps()-1; `cursor` is the frame shown.
    struct Animation {
        int cursor = 0;
        bool playing = true;
        float steps_per_second = 2.0f;
        double accum = 0.0;
        double hold = 0.0;          // seconds left to hold the last frame before looping
        bool user_started = false;  // Play was pressed: with reduced motion only then does it move (once through)
    } anim;

    // Live training: whether it runs, its speed (sequences per frame, 1 .. kMaxSequencesPerFrame, or
    // full speed) and what the last step and frame did.
    struct LiveTraining {
        bool training = false;
        // The speed level, in sums per 1/60 s: the playground trains sequences_per_frame * 60 sums
        // per second at any frame rate (the name and a link's train_speed keep the unit of the days
        // it was per frame at 60 fps). Default 2: 120 sums/s, seed 3 solved in about 25 s.
        float sequences_per_frame = 2.0f;
        double frame_dt = 1.0 / 60.0;  // the last update's dt (training owes sums per second)
        bool full_speed = false;       // as much as the frame budget allows
        double budget_ms = 8.0;        // full speed's work per frame
        // Curve points sampled in a frame while they took less than this (tests: 0, always, so the
        // points fall at the same sums however slow the machine).
        double sample_budget_ms = kSampleBudgetMs;
        double accum = 0.0;  // sequences owed to the trainer
        StepResult last_step;
        double last_frame_train_ms = 0.0;    // time training took in the last frame
        long long last_frame_sequences = 0;  // sequences trained in the last frame
        bool solved_announced = false;
        int divergences = 0;  // diverged minibatches caught so far (the trainer's guard)
    } live;

    // What was measured of the current net: the curves over training and the accuracy by length.
    struct Measurements {
        TrainingHistory history;
        long long next_sample = 0;
        double acc_loss = 0.0, acc_grad = 0.0;
        int acc_minibatches = 0;
        EvalResult val_8, val_64;    // latest cheap validation
        Batch val_batch;             // the 64-bit validation sums, for the loss curve (built once)
        std::string val_batch_task;  // the task whose targets val_batch holds (encode_task)
        Activities val_acts;         // scratch for its forward pass

        // Accuracy by number length (8 .. 256 bits) for the current net.
        std::vector<EvalResult> length_curve;
        long long length_curve_sequences = -1;  // trainer->sequences() when measured
        double length_curve_age = 1e9;          // seconds since measured
        bool length_curve_auto = true;          // re-measure while training (throttled)
    } meas;

    std::string notice;  // shown prominently (divergence, restarts, solved); empty when none
    bool notice_is_error = false;
    // The net the last destructive action replaced (null: none). Kept until the next destructive
    // action or an Undo; the notice bar offers Undo while it shows undo->notice.
    std::unique_ptr<UndoPoint> undo;
    bool notice_offers_undo() const { return undo && !notice.empty() && notice == undo->notice; }

    // What a link can set besides training (core/settings.h, issue 6): the panels shown, the
    // controls hidden, embed mode (minimal chrome) and the origins allowed to script the page.
    struct LinkView {
        std::vector<std::string> panels;
        std::vector<std::string> hidden_controls;
        bool embed = false;
        std::vector<std::string> allowed_origins;
        bool background = false;  // training goes on out of sight (the platform asks: app/activity.h)
        // Issue 16: where the page opens. The tabs are what the views showed in the last frame
        // (they write them); the preset is the net last loaded by a preset ("fresh" after a Reset).
        std::string inside_tab = "none", models_tab = "none", preset = "fresh", focus = "none";
        std::string lesson;  // the lesson shown ("" : none) and its step, from 1
        int lesson_step = 1;
        std::string theme = "auto", motion = "auto";  // appearance rows (issue 18); app.h resolves "auto"
        int text_size = 100;
        NextTermSettings next_term;  // the Next term tab's controls (the tab writes them as they change)
    } link;
    bool shows(const char* panel) const { return list_has(link.panels, panel); }
    bool hides(const char* control) const { return list_has(link.hidden_controls, control); }
    // A panel asks shows_control(key) before drawing a control a link's `hide` may name; the answer is
    // recorded, so drawn.controls_drawn lists the controls of the last complete frame (tests). `control`
    // must outlive the frame (the panels pass string literals).
    bool shows_control(const char* control) {
        if (hides(control)) return false;
        drawn.controls_drawing.emplace_back(control);
        return true;
    }

    // What the last frame drew, for tests.
    struct DrawRecord {
        std::vector<std::string_view> controls_drawing, controls_drawn;  // string literals: no allocation per frame
        std::vector<DrawnSetting> settings_drawing, settings_drawn;      // the same for the table's generic controls
        UiRects rects;
        float notice_height = 0.0f;  // the notice overlay's height (0: none): the panels scroll past it
    } drawn;

    // One-shot requests (scenarios, the banner's and Help's links), taken by the panel they name.
    struct Requests {
        bool open_unrolled = false;    // expand the unrolled view
        bool close_network = false;    // collapse the network diagram
        int open_inside_tab = -1;      // open "Inside the net" on this InsideTab, scrolled to
        int open_models_tab = -1;      // open the Models window on this ModelsTab
        bool close_inside = false;     // collapse "Inside the net" (a link's inside_tab=none where a tab showed)
        bool apply_next_term = false;  // a link changed link.next_term: the Next term tab takes it
    } requests;

    // The web page's own <input>s edit the numbers (app/reader.h): a click on a number field, or
    // Enter / Space on it from the keyboard, asks the page to focus its input (0 a, 1 b) instead of
    // editing in the canvas, which has no phone keyboard, IME or screen reader.
    struct PageInputs {
        bool numbers = false;
        int focus = -1;
    } page_inputs;

    std::deque<Command> commands;
    std::vector<LoadOutcome> loads_applied;  // LoadModel commands applied by the last playground_update
    void push(CommandKind kind, int value = 0) { commands.push_back(Command{kind, value, {}, {}}); }
};

// The lecture's example: 00110100 + 01001101.
inline constexpr const char* kLectureA = "00110100";
inline constexpr const char* kLectureB = "01001101";

inline constexpr float kMaxSequencesPerFrame = 256.0f;
// The most a frame spends training at a chosen speed (full speed spends live.budget_ms).
inline constexpr double kSpeedBudgetMs = 12.0;  // the slider's top before "full speed"
inline constexpr double kLengthCurveSeconds = 1.0;
inline constexpr long long kPresetMaxSequences = 400000;  // a trained preset that never solves stops here
inline constexpr int kValidationPairs8 = 200, kValidationPairs64 = 100, kLengthCurvePairs = 50;

// Default settings, the lecture's example, a fresh net from seed 1.
void playground_init(Playground& pg);

// Makes `trainer` the playground's (a new run, or a loaded model's) and forgets what was measured
// of the previous one: curves, accumulators, the length curve, validation; the stepper re-runs.
void playground_install_trainer(Playground& pg, std::unique_ptr<Trainer> trainer);

// Takes a settings table's values (core/settings.h): training settings and seed as pending (they
// apply at the next reset or apply), the animation and training speed, panels, embed, hidden
// controls and allowed origins at once. The numbers are not touched.
void playground_take_settings(Playground& pg, const Settings& s);

// Replaces the net, settings and seed with a model file's (text: core/model_file.h). A text that
// does not validate is refused with the reason as the notice and the current net is kept; returns
// the reason ("" when loaded). The LoadModel command calls it; panels queue that command.
std::string playground_load_model(Playground& pg, const std::string& model_text);
// "" when the playground can show the model's net, else why not (at most kMaxApiHidden units).
std::string playground_model_fits(const Model& m);
// The notice for a model that is not loaded: its reason, and that the current net is kept.
void playground_refuse_model(Playground& pg, const std::string& reason);

// Applies queued commands, trains a fixed amount of work, advances the animation by dt.
void playground_update(Playground& pg, double dt_seconds);

// Trains synchronously (ignoring the per-frame budget) until solved, diverged or max_sequences.
// For tests, scenarios and a "skip ahead" button. Returns whether the net is solved.
bool playground_train_until_solved(Playground& pg, long long max_sequences);

// Trains up to `sequences` more sequences (whole minibatches) within `budget_ms` of wall time
// (<= 0: no limit); stops early when training diverges or the net becomes solved. Returns the
// sequences trained. The API's train(n) calls it once a frame until n are done.
long long playground_train_some(Playground& pg, long long sequences, double budget_ms);

// Sets a number field's text and re-validates it; when both fields are valid the pair changes.
void playground_set_text(Playground& pg, NumberField& field, const std::string& text);

// The lengths of the accuracy-by-length curve: 8, 16, ..., 256.
std::vector<int> ui_curve_lengths();

// Decimal digits of an LSB-first binary number of any length.
std::string decimal_string(const BitVector& bits);

// Short human text for the frame `s` of the current sum, in the lecture's words.
std::string step_description(const Playground& pg, int s);

}  // namespace carry
