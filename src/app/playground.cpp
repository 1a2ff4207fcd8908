// playground.cpp: commands, live training with a fixed amount of work per frame, curves, the
// animation of the current sum. See playground.h for how time advances.
//
// [SECTION] helpers     [SECTION] numbers     [SECTION] training     [SECTION] curves
// [SECTION] commands    [SECTION] update
#include "app/playground.h"

#include "app/appearance.h"
#include "app/settings_snapshot.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "core/handwired.h"
#include "core/js_api_validate.h"
#include "core/model_file.h"

namespace carry {

// [SECTION] helpers ---------------------------------------------------------------------------

namespace {

// Fixed seeds of the UI's own validation sums (never the trainer's: watching must not change a run).
constexpr std::uint64_t kVal8Seed = 0x5eed0008ULL, kVal64Seed = 0x5eed0064ULL, kLengthSeed = 0x5eed1e9ULL;

double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

void copy_to_buffer(NumberField& f) {
    const std::size_t n = std::min(f.text.size(), kNumberBufferSize - 1);
    std::memcpy(f.buffer, f.text.data(), n);
    f.buffer[n] = '\0';
}

}  // namespace

void TrainingHistory::clear() {
    sequences.clear();
    loss.clear();
    bit_accuracy.clear();
    exact_8.clear();
    exact_64.clear();
    grad_norm.clear();
}

void TrainingHistory::halve() {
    auto keep_odd = [](std::vector<float>& v) {
        std::size_t j = 0;
        for (std::size_t i = 1; i < v.size(); i += 2) v[j++] = v[i];
        v.resize(j);
    };
    keep_odd(sequences);
    keep_odd(loss);
    keep_odd(bit_accuracy);
    keep_odd(exact_8);
    keep_odd(exact_64);
    keep_odd(grad_norm);
}

std::vector<int> ui_curve_lengths() { return {8, 16, 32, 64, 128, 256}; }

const char* preset_name(Preset p) {
    switch (p) {
        case Preset::HandWired: return "handwired";
        case Preset::Fresh: return "fresh";
        default: return "trained";
    }
}

std::string decimal_string(const BitVector& bits) {
    std::vector<int> dec{0};  // little-endian decimal digits
    for (std::size_t k = bits.size(); k-- > 0;) {
        int carry_in = bits[k] ? 1 : 0;
        for (int& d : dec) {
            const int v = d * 2 + carry_in;
            d = v % 10;
            carry_in = v / 10;
        }
        if (carry_in) dec.push_back(carry_in);
    }
    std::string s;
    for (std::size_t k = dec.size(); k-- > 0;) s.push_back(static_cast<char>('0' + dec[k]));
    return s;
}

std::string step_description(const Playground& pg, int s) {
    if (!pg.stepper) return "";
    const int T = pg.stepper->columns();
    char buf[256];
    std::string out;
    if (s < T && pg.settings.task.machine.inputs == 1) {
        std::snprintf(buf, sizeof buf, "Step %d: column %d (%d) enters the input unit", s, s, pg.stepper->frame(s).a);
    } else if (s < T) {
        std::snprintf(buf, sizeof buf, "Step %d: column %d (%d, %d) enters the input units", s, s,
                      pg.stepper->frame(s).a, pg.stepper->frame(s).b);
    } else {
        std::snprintf(buf, sizeof buf, "Step %d: no column left to read", s);
    }
    out = buf;
    if (s >= 1 && s - 1 < T) {
        std::snprintf(buf, sizeof buf, " · hidden units have taken in column %d", s - 1);
        out += buf;
    }
    if (s >= kOutputDelay) {
        std::snprintf(buf, sizeof buf, " · output shows %s bit %d (column %d, two steps ago)",
                      is_add(pg.settings.task) ? "sum" : "target", s - kOutputDelay, s - kOutputDelay);
        out += buf;
    } else {
        out += " · output: nothing yet (it lags two steps)";
    }
    return out;
}

// [SECTION] numbers ---------------------------------------------------------------------------

void playground_set_text(Playground& pg, NumberField& field, const std::string& text) {
    field.text = text.size() < kNumberBufferSize ? text : text.substr(0, kNumberBufferSize - 1);
    field.parsed = parse_binary(field.text, kMaxNumberBits);
    field.decimal = field.parsed.ok() ? decimal_string(field.parsed.bits) : std::string();
    copy_to_buffer(field);
    if (pg.a.parsed.ok() && pg.b.parsed.ok()) {
        pg.pair = carry::make_pair(pg.a.parsed.bits, pg.b.parsed.bits);
        pg.stepper_dirty = true;
        pg.anim.cursor = 0;
        pg.anim.accum = 0.0;
        pg.anim.hold = 0.0;
    }
}

void playground_install_trainer(Playground& pg, std::unique_ptr<Trainer> trainer) {
    pg.trainer = std::move(trainer);
    ++pg.net_generation;
    pg.meas.history.clear();
    pg.meas.next_sample = 0;
    pg.meas.acc_loss = pg.meas.acc_grad = 0.0;
    pg.meas.acc_minibatches = 0;
    pg.live.accum = 0.0;
    pg.live.last_step = StepResult{};
    pg.meas.length_curve.clear();
    pg.meas.length_curve_sequences = -1;
    pg.stepper_dirty = true;
    pg.meas.val_8 = pg.meas.val_64 = EvalResult{};
}

std::string playground_model_fits(const Model& m) {
    if (m.net.config.hidden > kMaxApiHidden)
        return "the playground shows at most " + std::to_string(kMaxApiHidden) + " hidden units";
    return "";
}

void playground_refuse_model(Playground& pg, const std::string& reason) {
    pg.notice = "Could not load the model (" + reason.substr(0, 300) + "); the current net is kept.";
    pg.notice_is_error = true;
}

// [SECTION] undo ------------------------------------------------------------------------------

namespace {

// Before a destructive action: the current trainer (moved: its run goes on bit for bit after an
// Undo), its settings and seed and what was measured of it become the undo point. The action then
// installs its own trainer.
void keep_for_undo(Playground& pg) {
    if (!pg.trainer) return;
    auto u = std::make_unique<UndoPoint>();
    u->settings = pg.settings;
    u->seed = pg.seed;
    u->history = pg.meas.history;
    u->next_sample = pg.meas.next_sample;
    u->val_8 = pg.meas.val_8;
    u->val_64 = pg.meas.val_64;
    u->length_curve = pg.meas.length_curve;
    u->length_curve_sequences = pg.meas.length_curve_sequences;
    u->solved_announced = pg.live.solved_announced;
    u->last_step = pg.live.last_step;
    u->trainer = std::move(pg.trainer);
    pg.undo = std::move(u);
}

// A net worth an undo: trained, solved, or weights other than its seed's fresh draw (hand-wired,
// loaded). Replacing a fresh net loses nothing, and says nothing.
bool worth_keeping(const Trainer& tr) {
    if (tr.sequences() > 0 || tr.solved()) return true;
    return net_init(tr.config().net, derive_seed(tr.seed(), static_cast<std::uint64_t>(tr.restarts()) + 1)).params !=
           tr.net().params;
}

// After the action: `what` (e.g. "Fresh net") replaced the kept net. The notice says so, before the
// action's own words, and offers Undo; a net not worth keeping is forgotten instead.
void offer_undo(Playground& pg, const std::string& what) {
    if (!pg.undo || !pg.undo->trainer) return;
    const Trainer& old = *pg.undo->trainer;
    if (!worth_keeping(old)) {
        pg.undo.reset();
        return;
    }
    std::string desc =
        old.sequences() > 0
            ? "the trained net (" + std::to_string(old.sequences()) + " sequences" + (old.solved() ? ", solved)" : ")")
            : std::string(old.solved() ? "the previous net (solved)" : "the previous net");
    pg.notice = what + " replaced " + desc + "." + (pg.notice.empty() ? "" : " " + pg.notice);
    pg.notice_is_error = false;
    pg.undo->notice = pg.notice;
}

void undo_command(Playground& pg) {
    if (!pg.undo || !pg.undo->trainer) return;
    std::unique_ptr<UndoPoint> u = std::move(pg.undo);
    pg.live.training = false;
    pg.settings = u->settings;
    pg.pending_settings = u->settings;  // what the settings panel shows is what the net runs with
    pg.seed = pg.pending_seed = u->seed;
    playground_install_trainer(pg, std::move(u->trainer));
    pg.meas.history = std::move(u->history);
    pg.meas.next_sample = u->next_sample;
    pg.meas.val_8 = u->val_8;
    pg.meas.val_64 = u->val_64;
    pg.meas.length_curve = std::move(u->length_curve);
    pg.meas.length_curve_sequences = u->length_curve_sequences;
    pg.meas.length_curve_age = 0.0;
    pg.live.solved_announced = u->solved_announced;
    pg.live.last_step = u->last_step;
    pg.notice = "Undone: the previous net is back (" + std::to_string(pg.trainer->sequences()) + " sequences" +
                (pg.trainer->solved() ? ", solved)." : ").");
    pg.notice_is_error = false;
}

}  // namespace

std::string playground_load_model(Playground& pg, const std::string& model_text) {
    Model m;
    std::string err = model_from_json(model_text, m);
    if (err.empty()) err = playground_model_fits(m);
    if (!err.empty()) {
        playground_refuse_model(pg, err);
        return err;
    }
    pg.live.training = false;
    keep_for_undo(pg);
    pg.settings = m.config;
    pg.pending_settings = m.config;
    pg.seed = pg.pending_seed = m.seed;
    // The whole saved run (optimizer state, data stream, counters): it trains on as if it had never stopped.
    playground_install_trainer(pg, std::make_unique<Trainer>(m.config, m.seed, model_trainer_state(m)));
    pg.live.solved_announced = m.solved;
    pg.link.preset = "fresh";  // a loaded net is no preset's
    pg.trainer->validate();  // solved or not: measured, not taken from the file
    pg.meas.val_8 = evaluate(pg.trainer->net(), 8, kValidationPairs8, 0x5eed0008ULL, pg.trainer->config().task);
    pg.meas.val_64 = evaluate(pg.trainer->net(), 64, kValidationPairs64, 0x5eed0064ULL, pg.trainer->config().task);
    pg.notice = "Loaded a model: " + std::to_string(m.net.config.hidden) + " hidden units, " +
                std::to_string(m.sequences) + " training sequences.";
    pg.notice_is_error = false;
    offer_undo(pg, "The loaded model");
    return "";
}

namespace {

void set_numbers(Playground& pg, const std::string& a, const std::string& b) {
    playground_set_text(pg, pg.a, a);
    playground_set_text(pg, pg.b, b);
}

// A fresh random pair for the add view, from a counter so repeated clicks differ but replay.
void random_numbers(Playground& pg, int bits) {
    static std::uint64_t counter = 0;
    if (bits <= 0) bits = pg.pair.bits() > 0 ? pg.pair.bits() : 8;
    bits = std::clamp(bits, 1, static_cast<int>(kMaxNumberBits));
    Rng rng(derive_seed(0xadd5ULL, ++counter));
    const Pair p = random_pair(rng, bits);
    set_numbers(pg, format_bits(p.a), format_bits(p.b));
}

// [SECTION] training --------------------------------------------------------------------------

void new_trainer(Playground& pg) {
    playground_install_trainer(pg, std::make_unique<Trainer>(pg.settings, pg.seed));
    pg.live.solved_announced = false;
    pg.meas.length_curve_age = 1e9;
}

void sample_history(Playground& pg);

// Runs one call of trainer.step(1) and files its result. Returns false if training must stop.
//
// Divergence: the trainer's guard (core/trainer.h) restores the last good weights when the loss,
// the gradient or a weight is NaN or infinite, or a weight passes kDivergedWeightLimit (a learning
// rate far too large, say 1e6, can throw the weights to millions while everything stays finite,
// the units saturated for good). The playground pauses training and says why.
bool train_one(Playground& pg) {
    const StepResult r = pg.trainer->step(1);
    const bool exploded = r.diverged && std::isfinite(r.diverged_weight);
    const double biggest = r.diverged_weight;
    pg.live.last_step = r;
    pg.stepper_dirty = true;
    if (r.diverged) {
        ++pg.net_generation;  // the last good weights are back
        pg.live.training = false;
        pg.live.accum = 0.0;
        ++pg.live.divergences;
        char buf[480];
        if (exploded)
            std::snprintf(buf, sizeof buf,
                          "Training diverged at learning rate %g: one update threw the weights to %.3g (beyond "
                          "±%g), saturating every unit. Training is paused and the last good weights are "
                          "restored. Try a lower learning rate (e.g. %g) or turn on gradient clipping.",
                          pg.settings.optim.lr, biggest, kDivergedWeightLimit,
                          std::min(pg.settings.optim.lr / 10.0, 0.1));
        else
            std::snprintf(buf, sizeof buf,
                          "Training diverged at learning rate %g: the loss or a weight became NaN or infinite. "
                          "Training is paused and the last good weights are restored. Try a lower learning "
                          "rate (e.g. %g) or turn on gradient clipping.",
                          pg.settings.optim.lr, std::min(pg.settings.optim.lr / 10.0, 0.1));
        pg.notice = buf;
        pg.notice_is_error = true;
        return false;
    }
    if (r.minibatches > 0) {
        pg.meas.acc_loss += r.loss;
        pg.meas.acc_grad += r.grad_norm;
        ++pg.meas.acc_minibatches;
    }
    if (r.restarted) {
        pg.notice =
            "This run got stuck, so the trainer started again from a new random draw of weights "
            "(as the lecture notes, some starting points never learn). " +
            r.message;
        pg.notice_is_error = false;
        pg.meas.history.clear();
        pg.meas.next_sample = 0;
    }
    if (r.solved && !pg.live.solved_announced) {
        pg.live.solved_announced = true;
        pg.live.training = false;
        pg.live.accum = 0.0;
        char buf[360];
        if (is_add(pg.settings.task))
            std::snprintf(buf, sizeof buf,
                          "Solved after %lld sequences: the net adds %d random 64-bit sums exactly. "
                          "Try longer numbers in the add view, or look at the hidden units' activities.",
                          r.sequences, pg.settings.validation_count);
        else
            std::snprintf(buf, sizeof buf,
                          "Solved after %lld sequences: the net prints every bit of the task %s right on %d "
                          "random 64-column inputs. Does its automaton match the task's machine? See Inside.",
                          r.sequences, pg.settings.task.name.empty() ? "you designed" : pg.settings.task.name.c_str(),
                          pg.settings.validation_count);
        pg.notice = buf;
        pg.notice_is_error = false;
        return false;
    }
    return true;
}

// [SECTION] curves ----------------------------------------------------------------------------

void sample_history(Playground& pg) {
    const Net& net = pg.trainer->net();
    const Task& task = pg.trainer->config().task;  // the curves score the task's targets (issue 19)
    pg.meas.val_8 = evaluate(net, 8, kValidationPairs8, kVal8Seed, task);
    pg.meas.val_64 = evaluate(net, 64, kValidationPairs64, kVal64Seed, task);
    TrainingHistory& h = pg.meas.history;
    const double n = pg.meas.acc_minibatches > 0 ? pg.meas.acc_minibatches : 1;
    h.sequences.push_back(static_cast<float>(pg.trainer->sequences()));
    if (pg.meas.val_batch.B == 0 || pg.meas.val_batch_task != encode_task(task)) {  // built once per task
        pg.meas.val_batch_task = encode_task(task);
        Rng rng(kVal64Seed);
        batch_random(pg.meas.val_batch, rng, kValidationPairs64, 64, task);
    }
    const double val_loss = rnn_forward(pg.meas.val_acts, net, pg.meas.val_batch, LossConfig{}) / pg.meas.val_batch.T;
    h.loss.push_back(static_cast<float>(val_loss));
    // No minibatch since the last point (the untrained net's first point): no gradient to show yet.
    const float nan = std::numeric_limits<float>::quiet_NaN();
    h.grad_norm.push_back(pg.meas.acc_minibatches > 0 ? static_cast<float>(pg.meas.acc_grad / n) : nan);
    h.bit_accuracy.push_back(static_cast<float>(pg.meas.val_64.bit_accuracy));
    h.exact_8.push_back(static_cast<float>(pg.meas.val_8.exact_accuracy));
    h.exact_64.push_back(static_cast<float>(pg.meas.val_64.exact_accuracy));
    if (h.size() > kHistoryMax) h.halve();
    pg.meas.acc_loss = pg.meas.acc_grad = 0.0;
    pg.meas.acc_minibatches = 0;
    // About 200 points over a run, whatever its length: sample less often as it goes on.
    const long long every = std::max<long long>(32, pg.trainer->sequences() / 200);
    pg.meas.next_sample = pg.trainer->sequences() + every;
}

void measure_lengths(Playground& pg) {
    pg.meas.length_curve = length_curve(pg.trainer->net(), ui_curve_lengths(), kLengthCurvePairs, kLengthSeed,
                                        pg.trainer->config().task);
    pg.meas.length_curve_sequences = pg.trainer->sequences();
    pg.meas.length_curve_age = 0.0;
}

// [SECTION] commands --------------------------------------------------------------------------

// pending_settings holds only what the settings table accepted (a SetSetting command, a link, the
// API, a validated model file) or a preset: no range is checked again here.
void apply_settings(Playground& pg) {
    const TrainConfig c = pg.pending_settings;
    // A new task (issue 19) starts a new net too: weights trained for another machine are not a
    // start the student chose, and the curves and "solved" must be about this task.
    const bool new_task = encode_task(c.task) != encode_task(pg.settings.task);
    const bool new_net = c.net.hidden != pg.settings.net.hidden || new_task;
    if (new_net) {
        keep_for_undo(pg);  // before settings and seed change: the undo point keeps the old ones
        pg.settings = c;
        pg.seed = pg.pending_seed;
        new_trainer(pg);
        pg.meas.history.clear();
        pg.meas.next_sample = 0;
        pg.stepper_dirty = true;
        const std::string units =
            std::to_string(c.net.hidden) + " hidden unit" + (c.net.hidden == 1 ? "" : "s");
        pg.notice = new_task ? "A new net with " + units + " for the task " +
                                   (c.task.name.empty() ? std::string("you designed") : c.task.name) +
                                   ", freshly initialized from the seed."
                             : "A new net with " + units + ", freshly initialized from the seed.";
        pg.notice_is_error = false;
        offer_undo(pg, new_task ? "The new task" : "The new hidden size");
    } else {
        pg.settings = c;
        pg.trainer->set_config(c);  // keeps the weights; seed and init scale take effect at Reset
    }
}

// A value from a setting's control: validated by the table (the one place a value is refused, with
// its reason as a notice), then taken as a link's value would be.
void set_setting_command(Playground& pg, const std::string& key, const std::string& text) {
    const SettingDef* row = find_setting(key);
    if (!row) return;
    Settings s = playground_snapshot(pg);
    std::string err = set_setting(s, *row, text);
    if (err.empty()) err = settings_conflict(s);
    if (!err.empty()) {
        pg.notice = std::string(row->label) + ": " + err + "; kept " + get_setting(playground_snapshot(pg), *row) + ".";
        pg.notice_is_error = true;
        return;
    }
    playground_take_settings(pg, s);
    if (std::string_view(row->group) == "training") apply_settings(pg);
}

void rebuild_stepper(Playground& pg);
void measure_lengths(Playground& pg);

// Presets: the hand-wired exact net (H = 3, initial state fixed at 0 as it is wired), a fresh net
// from the seed, or a net trained with the default settings until solved (a few ms).
void load_preset(Playground& pg, Preset preset) {
    // The hand-wired net of the task (issue 19): the adder's 3 units, or one unit per state and
    // column of its minimal machine, within the hidden row's range (a link must carry it).
    HandwiredNet wired;
    if (preset == Preset::HandWired) {
        wired = handwired_for_task(pg.pending_settings.task);
        const SettingDef* hidden_row = find_setting("hidden");
        const int cap = hidden_row ? static_cast<int>(hidden_row->max) : kMaxHidden;
        if (wired.ok && wired.units > cap)
            wired = HandwiredNet{false, wired.units,
                                 "cannot be built here: needs " + std::to_string(wired.units) +
                                     " hidden units (the playground's nets have at most " + std::to_string(cap) + ")",
                                 Net{}};
        if (!wired.ok) {
            pg.notice = "No hand-wired net for this task: " + wired.message + ".";
            pg.notice_is_error = true;
            return;
        }
    }
    pg.live.training = false;
    keep_for_undo(pg);
    pg.seed = pg.pending_seed;
    if (preset == Preset::HandWired) {
        const Net& hw = wired.net;
        pg.pending_settings.net.hidden = hw.config.hidden;
        pg.pending_settings.net.initial_state = hw.config.initial_state;
        pg.settings = pg.pending_settings;
        new_trainer(pg);
        pg.trainer->net() = hw;
        ++pg.net_generation;
        pg.trainer->reset_optimizer();
        sample_history(pg);
        measure_lengths(pg);
        if (is_add(pg.settings.task))
            pg.notice =
                "Loaded the hand-wired net: hidden unit k fires when the column holds at least k ones, "
                "counting the carry; it adds exactly. Its initial state is fixed at 0.";
        else
            pg.notice = "Loaded the hand-wired net: " + std::to_string(hw.config.hidden) +
                        " hidden units, one per state and column of the task's minimal machine, on when the "
                        "machine was in that state and read that column; it computes the task exactly.";
    } else if (preset == Preset::Fresh) {
        pg.settings = pg.pending_settings;
        new_trainer(pg);
        sample_history(pg);
        pg.notice = "A freshly initialized net from seed " + std::to_string(pg.seed) + ".";
    } else {
        const bool defaults = preset == Preset::PreTrained;  // the menu's; a link's trains with its own settings
        if (defaults) {  // the default settings, on the task chosen
            const Task task = pg.pending_settings.task;
            pg.pending_settings = TrainConfig{};
            pg.pending_settings.task = task;
        }
        pg.settings = pg.pending_settings;
        new_trainer(pg);
        playground_train_until_solved(pg, kPresetMaxSequences);
        pg.notice = std::string("Loaded a net trained with ") + (defaults ? "the default" : "this link's") +
                    " settings from seed " + std::to_string(pg.seed) + " (" +
                    std::to_string(pg.trainer->sequences()) + " sequences)" +
                    (pg.trainer->solved() ? "." : ": not solved.");
    }
    pg.link.preset = preset_name(preset);
    pg.notice_is_error = false;
    offer_undo(pg, preset == Preset::HandWired ? "The hand-wired net"
                   : preset == Preset::Fresh   ? "Fresh net"
                                               : "The pre-trained net");
    pg.stepper_dirty = true;
}

void apply(Playground& pg, const Command& c) {
    rebuild_stepper(pg);  // a previous command may have changed the sum: seek within the new one
    const int last_frame = pg.stepper ? pg.stepper->steps() - 1 : 0;
    switch (c.kind) {
        case CommandKind::SetNumbers: set_numbers(pg, c.text_a, c.text_b); break;
        case CommandKind::SetNumber: playground_set_text(pg, c.value == 0 ? pg.a : pg.b, c.text_a); break;
        case CommandKind::RandomNumbers: random_numbers(pg, c.value); break;
        case CommandKind::SwapNumbers: {
            const std::string a = pg.a.text, b = pg.b.text;
            set_numbers(pg, b, a);
            break;
        }
        case CommandKind::LectureExample: set_numbers(pg, kLectureA, kLectureB); break;
        case CommandKind::AnimPlay:
            if (pg.anim.cursor >= last_frame) pg.anim.cursor = 0;
            pg.anim.playing = true;
            pg.anim.user_started = true;
            pg.anim.hold = 0.0;
            break;
        case CommandKind::AnimPause: pg.anim.playing = false; break;
        case CommandKind::AnimStep:
            pg.anim.playing = false;
            pg.anim.cursor = std::clamp(pg.anim.cursor + (c.value < 0 ? -1 : 1), 0, last_frame);
            break;
        case CommandKind::AnimSeek:
            pg.anim.playing = false;
            pg.anim.cursor = std::clamp(c.value, 0, last_frame);
            break;
        case CommandKind::TrainPlay:
            pg.live.training = true;
            if (pg.notice_is_error) pg.notice.clear();
            pg.notice_is_error = false;
            break;
        case CommandKind::TrainPause: pg.live.training = false; break;
        case CommandKind::TrainStep:
            pg.live.training = false;
            if (train_one(pg)) sample_history(pg);
            break;
        case CommandKind::TrainReset:
            keep_for_undo(pg);
            pg.seed = pg.pending_seed;
            pg.settings = pg.pending_settings;
            new_trainer(pg);
            pg.link.preset = "fresh";
            pg.notice.clear();
            pg.notice_is_error = false;
            offer_undo(pg, "Reset (a new net from seed " + std::to_string(pg.seed) + ")");
            break;
        case CommandKind::ApplySettings: apply_settings(pg); break;
        case CommandKind::SetSetting: set_setting_command(pg, c.text_a, c.text_b); break;
        case CommandKind::MeasureLengths: measure_lengths(pg); break;
        case CommandKind::DismissNotice:
            pg.notice.clear();
            pg.notice_is_error = false;
            break;
        case CommandKind::LoadPreset: load_preset(pg, static_cast<Preset>(c.value)); break;
        case CommandKind::LoadModel:
            pg.loads_applied.push_back(LoadOutcome{c.id, playground_load_model(pg, c.text_a)});
            break;
        case CommandKind::Undo: undo_command(pg); break;
    }
}

// The playground's one training loop (the Trainer's step does the training): up to
// `max_minibatches` minibatches (< 0: no limit) or until `budget_ms` of wall time is spent (<= 0:
// no limit; at least one minibatch), stopping early when training must stop (diverged, solved).
// The curves are sampled when due while less than `sample_ms` of the time has passed (0: always,
// < 0: never). Returns the sequences trained.
long long train_loop(Playground& pg, long long max_minibatches, double budget_ms, double sample_ms) {
    const double t0 = now_ms();
    const long long s0 = pg.trainer->sequences();
    for (long long k = 0; max_minibatches < 0 || k < max_minibatches; ++k) {
        if (!train_one(pg)) break;
        if (sample_ms >= 0 && pg.trainer->sequences() >= pg.meas.next_sample &&
            (sample_ms == 0 || now_ms() - t0 < sample_ms))
            sample_history(pg);
        if (budget_ms > 0 && now_ms() - t0 >= budget_ms) break;
    }
    return pg.trainer->sequences() - s0;
}

// Minibatches of `batch` sequences that `sequences` sequences take (at least one when > 0).
long long minibatches_for(long long sequences, int batch) {
    return sequences <= 0 ? 0 : (sequences + std::max(batch, 1) - 1) / std::max(batch, 1);
}

// A frame's training: at full speed whole minibatches until the budget is spent (at least one, so
// progress never stops); otherwise the sequences owed at the chosen speed, in whole minibatches.
void train_frame(Playground& pg) {
    pg.live.last_frame_sequences = 0;
    pg.live.last_frame_train_ms = 0.0;
    if (!pg.live.training || !pg.trainer) return;
    const double t0 = now_ms();
    const long long s0 = pg.trainer->sequences();
    const int batch = std::max(1, pg.settings.batch);
    if (pg.live.full_speed) {
        train_loop(pg, -1, pg.live.budget_ms, pg.live.budget_ms * 0.5);
    } else {
        // Sums per second, whatever the frame rate: dt * 60 frames' worth of the level (dt * 60 is
        // exactly 1 at 60 fps, so a 60 fps run replays as it did when the speed was per frame).
        pg.live.accum +=
            std::clamp(pg.live.sequences_per_frame, 1.0f, kMaxSequencesPerFrame) * (pg.live.frame_dt * 60.0);
        const long long owed = static_cast<long long>(pg.live.accum / batch);
        // Curve points fall at their own sums (sample_history's schedule), several in a frame at a low
        // frame rate, while they cost less than a few ms. The frame's work is bounded in time: what the
        // budget did not reach stays owed, at most half a second's worth (a machine too slow for the
        // chosen speed trains slower instead of drawing ever fewer frames).
        const long long done = train_loop(pg, owed, kSpeedBudgetMs, pg.live.sample_budget_ms);
        pg.live.accum -= static_cast<double>(done);
        const double per_second = static_cast<double>(pg.live.sequences_per_frame) * 60.0;
        pg.live.accum = std::clamp(pg.live.accum, 0.0, std::max(per_second * 0.5, static_cast<double>(batch)));
        if (!pg.live.training) pg.live.accum = 0.0;  // a stop (diverged, solved) forgets what is owed
    }
    if (pg.trainer->sequences() >= pg.meas.next_sample && pg.trainer->sequences() != s0) sample_history(pg);
    pg.live.last_frame_sequences = pg.trainer->sequences() - s0;
    pg.live.last_frame_train_ms = now_ms() - t0;
}

void rebuild_stepper(Playground& pg) {
    if (!pg.trainer) return;
    const long long seq = pg.trainer->sequences();
    if (!pg.stepper_dirty && pg.stepper && seq == pg.stepper_sequences) return;
    pg.stepper = std::make_unique<Stepper>(pg.trainer->net(), pg.pair, pg.settings.loss, pg.trainer->config().task);
    ++pg.stepper_generation;
    pg.stepper_sequences = seq;
    pg.stepper_dirty = false;
    pg.anim.cursor = std::clamp(pg.anim.cursor, 0, pg.stepper->steps() - 1);
}

void animate(Playground& pg, double dt) {
    // Reduced motion (issue 18, WCAG 2.2.2): nothing moves by itself. The sum waits for Play, and
    // played once it stops at the end instead of starting again.
    if (motion_reduced() && !pg.anim.user_started) pg.anim.playing = false;
    if (!pg.stepper || !pg.anim.playing) return;
    const int last = pg.stepper->steps() - 1;
    if (pg.anim.cursor >= last && motion_reduced()) {
        pg.anim.playing = false;
        pg.anim.user_started = false;
        return;
    }
    if (pg.anim.cursor >= last) {
        if (pg.anim.hold <= 0.0) pg.anim.hold = 2.0;  // hold the finished sum, then start again
        pg.anim.hold -= dt;
        if (pg.anim.hold <= 0.0) {
            pg.anim.cursor = 0;
            pg.anim.accum = 0.0;
            pg.anim.hold = 0.0;
        }
        return;
    }
    pg.anim.accum += dt * std::clamp(pg.anim.steps_per_second, 0.25f, 60.0f);
    while (pg.anim.accum >= 1.0 && pg.anim.cursor < last) {
        pg.anim.accum -= 1.0;
        ++pg.anim.cursor;
    }
    if (pg.anim.cursor >= last) pg.anim.accum = 0.0;
}

}  // namespace

// [SECTION] update ----------------------------------------------------------------------------

void playground_take_settings(Playground& pg, const Settings& s) {
    pg.pending_settings = s.train;
    pg.pending_seed = s.seed;
    pg.anim.steps_per_second = static_cast<float>(s.anim_speed);
    pg.live.full_speed = s.train_speed <= 0.0;
    if (!pg.live.full_speed) pg.live.sequences_per_frame = static_cast<float>(s.train_speed);
    pg.link.panels = s.panels;
    pg.link.hidden_controls = s.hide;
    pg.link.embed = s.embed;
    pg.link.allowed_origins = s.allow;
    pg.link.background = s.background;
    pg.link.focus = s.focus;
    pg.link.lesson = s.lesson;
    pg.link.lesson_step = s.lesson_step;
    pg.link.theme = s.theme;
    pg.link.motion = s.motion;
    pg.link.text_size = s.text_size;
}

void playground_init(Playground& pg) {
    // Every default comes from the settings table (core/settings.h), as the URL and the CLI's do.
    // Seed 1, the CLI's default too, learns without a restart: a newcomer's first run is a clean story.
    const Settings d = settings_defaults();
    pg.settings = d.train;
    pg.seed = d.seed;
    playground_take_settings(pg, d);
    new_trainer(pg);
    set_numbers(pg, d.a, d.b);
    pg.anim.cursor = 0;
    pg.anim.playing = true;
    rebuild_stepper(pg);
    sample_history(pg);  // the untrained net's point at 0 sequences
}

bool playground_train_until_solved(Playground& pg, long long max_sequences) {
    if (!pg.trainer) return false;
    pg.live.solved_announced = false;
    train_loop(pg, minibatches_for(max_sequences - pg.trainer->sequences(), pg.trainer->config().batch), 0.0, 0.0);
    sample_history(pg);
    measure_lengths(pg);
    pg.stepper_dirty = true;
    rebuild_stepper(pg);
    return pg.trainer->solved();
}

long long playground_train_some(Playground& pg, long long sequences, double budget_ms) {
    if (!pg.trainer || sequences <= 0) return 0;
    return train_loop(pg, minibatches_for(sequences, pg.trainer->config().batch), budget_ms, 0.0);
}

void playground_update(Playground& pg, double dt_seconds) {
    pg.drawn.controls_drawn.swap(pg.drawn.controls_drawing);  // the frame just drawn is complete
    pg.drawn.controls_drawing.clear();
    pg.drawn.settings_drawn.swap(pg.drawn.settings_drawing);
    pg.drawn.settings_drawing.clear();
    if (!(dt_seconds >= 0.0) || dt_seconds > 0.5) dt_seconds = dt_seconds > 0.5 ? 0.5 : 0.0;
    pg.loads_applied.clear();
    while (!pg.commands.empty()) {
        const Command c = std::move(pg.commands.front());
        pg.commands.pop_front();
        apply(pg, c);
    }
    pg.live.frame_dt = dt_seconds;
    train_frame(pg);
    pg.meas.length_curve_age += dt_seconds;
    if (pg.meas.length_curve_auto && pg.trainer &&
        (pg.meas.length_curve_sequences < 0 || (pg.trainer->sequences() != pg.meas.length_curve_sequences &&
                                                pg.meas.length_curve_age >= kLengthCurveSeconds)))
        measure_lengths(pg);
    rebuild_stepper(pg);
    animate(pg, dt_seconds);
}

}  // namespace carry
