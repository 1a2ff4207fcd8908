// playground.cpp: commands, live training with a fixed amount of work per frame, curves, the
// animation of the current sum. See playground.h for how time advances.
//
// [SECTION] helpers     [SECTION] numbers     [SECTION] training     [SECTION] curves
// [SECTION] commands    [SECTION] update
#include "app/playground.h"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <limits>

#include "core/handwired.h"

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
  sequences.clear(); loss.clear(); bit_accuracy.clear(); exact_8.clear(); exact_64.clear(); grad_norm.clear();
}

void TrainingHistory::halve() {
  auto keep_odd = [](std::vector<float>& v) {
    std::size_t j = 0;
    for (std::size_t i = 1; i < v.size(); i += 2) v[j++] = v[i];
    v.resize(j);
  };
  keep_odd(sequences); keep_odd(loss); keep_odd(bit_accuracy); keep_odd(exact_8); keep_odd(exact_64); keep_odd(grad_norm);
}

std::vector<int> ui_curve_lengths() { return {8, 16, 32, 64, 128, 256}; }

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
  if (s < T) {
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
    std::snprintf(buf, sizeof buf, " · output shows sum bit %d (column %d, two steps ago)", s - kOutputDelay, s - kOutputDelay);
    out += buf;
  } else {
    out += " · output: nothing yet (it lags two steps)";
  }
  return out;
}

// [SECTION] numbers ---------------------------------------------------------------------------

void playground_set_text(Playground& pg, NumberField& field, const std::string& text) {
  field.text = text.size() < kNumberBufferSize ? text : text.substr(0, kNumberBufferSize - 1);
  field.parsed = parse_binary(field.text, kMaxUiBits);
  copy_to_buffer(field);
  if (pg.a.parsed.ok() && pg.b.parsed.ok()) {
    pg.pair = carry::make_pair(pg.a.parsed.bits, pg.b.parsed.bits);
    pg.stepper_dirty = true;
    pg.cursor = 0;
    pg.anim_accum = 0.0;
    pg.anim_hold = 0.0;
  }
}

void playground_install_trainer(Playground& pg, std::unique_ptr<Trainer> trainer) {
  pg.trainer = std::move(trainer);
  pg.history.clear();
  pg.next_sample = 0;
  pg.acc_loss = pg.acc_grad = 0.0;
  pg.acc_minibatches = 0;
  pg.train_accum = 0.0;
  pg.last_step = StepResult{};
  pg.length_curve.clear();
  pg.length_curve_sequences = -1;
  pg.stepper_dirty = true;
  pg.val_8 = pg.val_64 = EvalResult{};
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
  bits = std::clamp(bits, 1, static_cast<int>(kMaxUiBits));
  Rng rng(derive_seed(0xadd5ULL, ++counter));
  const Pair p = random_pair(rng, bits);
  set_numbers(pg, format_bits(p.a), format_bits(p.b));
}

// [SECTION] training --------------------------------------------------------------------------

void new_trainer(Playground& pg) {
  playground_install_trainer(pg, std::make_unique<Trainer>(pg.settings, pg.seed));
  pg.solved_announced = false;
  pg.length_curve_age = 1e9;
}

void sample_history(Playground& pg);

// Runs one call of trainer.step(1) and files its result. Returns false if training must stop.
//
// Divergence: the trainer restores the last good weights when the loss or a weight is NaN or
// infinite. A learning rate far too large (say 1e6) can instead throw the weights to millions while
// everything stays finite, the units saturated for good: the UI treats weights beyond
// kWeightLimit the same way (restores the weights from before this minibatch, resets momentum).
bool train_one(Playground& pg) {
  Trainer& tr = *pg.trainer;
  pg.good_params = tr.net().params;
  StepResult r = tr.step(1);
  double biggest = 0.0;
  bool finite = true;
  for (double w : tr.net().params) {
    if (!std::isfinite(w)) finite = false;
    else biggest = std::max(biggest, std::fabs(w));
  }
  // The core's guard (Trainer, issue 8) now catches |w| > kDivergedWeightLimit itself and reports
  // the size in r.diverged_weight; this check stays as a second line of defence.
  const bool core_exploded = r.diverged && std::isfinite(r.diverged_weight);
  if (core_exploded) biggest = r.diverged_weight;
  const bool exploded = core_exploded || (!r.diverged && !r.restarted && (!finite || biggest > kWeightLimit));
  if (exploded && !core_exploded) {
    tr.net().params = pg.good_params;
    tr.reset_optimizer();
    r.diverged = true;
  }
  pg.last_step = r;
  pg.stepper_dirty = true;
  if (r.diverged) {
    pg.training = false;
    pg.train_accum = 0.0;
    ++pg.divergences;
    char buf[480];
    if (exploded)
      std::snprintf(buf, sizeof buf,
                    "Training diverged at learning rate %g: one update threw the weights to %.3g (beyond "
                    "±%g), saturating every unit. Training is paused and the last good weights are "
                    "restored. Try a lower learning rate (e.g. %g) or turn on gradient clipping.",
                    pg.settings.optim.lr, biggest, kWeightLimit, std::min(pg.settings.optim.lr / 10.0, 0.1));
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
    pg.acc_loss += r.loss;
    pg.acc_grad += r.grad_norm;
    ++pg.acc_minibatches;
  }
  if (r.restarted) {
    pg.notice = "This run got stuck, so the trainer started again from a new random draw of weights "
                "(as the lecture notes, some starting points never learn). " + r.message;
    pg.notice_is_error = false;
    pg.history.clear();
    pg.next_sample = 0;
  }
  if (r.solved && !pg.solved_announced) {
    pg.solved_announced = true;
    pg.training = false;
    pg.train_accum = 0.0;
    char buf[300];
    std::snprintf(buf, sizeof buf,
                  "Solved after %lld sequences: the net adds %d random 64-bit sums exactly. "
                  "Try longer numbers in the add view, or look at the hidden units' activities.",
                  r.sequences, pg.settings.validation_count);
    pg.notice = buf;
    pg.notice_is_error = false;
    return false;
  }
  return true;
}

// [SECTION] curves ----------------------------------------------------------------------------

void sample_history(Playground& pg) {
  const Net& net = pg.trainer->net();
  pg.val_8 = evaluate(net, 8, kValidationPairs8, kVal8Seed);
  pg.val_64 = evaluate(net, 64, kValidationPairs64, kVal64Seed);
  TrainingHistory& h = pg.history;
  const double n = pg.acc_minibatches > 0 ? pg.acc_minibatches : 1;
  h.sequences.push_back(static_cast<float>(pg.trainer->sequences()));
  if (pg.val_batch.B == 0) {
    Rng rng(kVal64Seed);
    batch_random(pg.val_batch, rng, kValidationPairs64, 64);
  }
  const double val_loss = rnn_forward(pg.val_acts, net, pg.val_batch, LossConfig{}) / pg.val_batch.T;
  h.loss.push_back(static_cast<float>(val_loss));
  // No minibatch since the last point (the untrained net's first point): no gradient to show yet.
  const float nan = std::numeric_limits<float>::quiet_NaN();
  h.grad_norm.push_back(pg.acc_minibatches > 0 ? static_cast<float>(pg.acc_grad / n) : nan);
  h.bit_accuracy.push_back(static_cast<float>(pg.val_64.bit_accuracy));
  h.exact_8.push_back(static_cast<float>(pg.val_8.exact_accuracy));
  h.exact_64.push_back(static_cast<float>(pg.val_64.exact_accuracy));
  if (h.size() > kHistoryMax) h.halve();
  pg.acc_loss = pg.acc_grad = 0.0;
  pg.acc_minibatches = 0;
  // About 200 points over a run, whatever its length: sample less often as it goes on.
  const long long every = std::max<long long>(32, pg.trainer->sequences() / 200);
  pg.next_sample = pg.trainer->sequences() + every;
}

void measure_lengths(Playground& pg) {
  pg.length_curve = length_curve(pg.trainer->net(), ui_curve_lengths(), kLengthCurvePairs, kLengthSeed);
  pg.length_curve_sequences = pg.trainer->sequences();
  pg.length_curve_age = 0.0;
}

// [SECTION] commands --------------------------------------------------------------------------

void apply_settings(Playground& pg) {
  TrainConfig c = pg.pending_settings;
  c.net.hidden = std::clamp(c.net.hidden, 1, 16);
  c.batch = std::clamp(c.batch, 1, 256);
  c.min_bits = std::clamp(c.min_bits, 1, 64);
  c.max_bits = std::clamp(c.max_bits, c.min_bits, 64);
  if (!(c.optim.lr > 0) || !std::isfinite(c.optim.lr)) c.optim.lr = pg.settings.optim.lr;
  if (!(c.optim.momentum >= 0 && c.optim.momentum < 1)) c.optim.momentum = pg.settings.optim.momentum;
  if (!(c.optim.clip_norm >= 0) || !std::isfinite(c.optim.clip_norm)) c.optim.clip_norm = 0;
  if (!(c.net.init_scale > 0) || !std::isfinite(c.net.init_scale)) c.net.init_scale = pg.settings.net.init_scale;
  pg.pending_settings = c;
  const bool new_net = c.net.hidden != pg.settings.net.hidden;
  pg.settings = c;
  if (new_net) {
    pg.seed = pg.pending_seed;
    new_trainer(pg);
    pg.notice = "A new net with " + std::to_string(c.net.hidden) + " hidden unit" + (c.net.hidden == 1 ? "" : "s") +
                ", freshly initialized from the seed.";
    pg.notice_is_error = false;
  } else {
    pg.trainer->set_config(c);  // keeps the weights; seed and init scale take effect at Reset
  }
}

void rebuild_stepper(Playground& pg);
void measure_lengths(Playground& pg);

// Presets: the hand-wired exact net (H = 3, initial state fixed at 0 as it is wired), a fresh net
// from the seed, or a net trained with the default settings until solved (a few ms).
void load_preset(Playground& pg, Preset preset) {
  pg.training = false;
  pg.seed = pg.pending_seed;
  if (preset == Preset::HandWired) {
    const Net hw = handwired_adder();
    pg.pending_settings.net.hidden = hw.config.hidden;
    pg.pending_settings.net.initial_state = hw.config.initial_state;
    pg.settings = pg.pending_settings;
    new_trainer(pg);
    pg.trainer->net() = hw;
    pg.trainer->reset_optimizer();
    sample_history(pg);
    measure_lengths(pg);
    pg.notice = "Loaded the hand-wired net: hidden unit k fires when the column holds at least k ones, "
                "counting the carry; it adds exactly. Its initial state is fixed at 0.";
  } else if (preset == Preset::Fresh) {
    pg.settings = pg.pending_settings;
    new_trainer(pg);
    sample_history(pg);
    pg.notice = "A freshly initialized net from seed " + std::to_string(pg.seed) + ".";
  } else {
    pg.pending_settings = TrainConfig{};
    pg.settings = pg.pending_settings;
    new_trainer(pg);
    playground_train_until_solved(pg, 400000);
    pg.notice = "Loaded a net trained with the default settings from seed " + std::to_string(pg.seed) + " (" +
                std::to_string(pg.trainer->sequences()) + " sequences)" + (pg.trainer->solved() ? "." : ": not solved.");
  }
  pg.notice_is_error = false;
  pg.stepper_dirty = true;
}

void apply(Playground& pg, const Command& c) {
  rebuild_stepper(pg);  // a previous command may have changed the sum: seek within the new one
  const int last_frame = pg.stepper ? pg.stepper->steps() - 1 : 0;
  switch (c.kind) {
    case CommandKind::SetNumbers: set_numbers(pg, c.text_a, c.text_b); break;
    case CommandKind::RandomNumbers: random_numbers(pg, c.value); break;
    case CommandKind::SwapNumbers: {
      const std::string a = pg.a.text, b = pg.b.text;
      set_numbers(pg, b, a);
      break;
    }
    case CommandKind::LectureExample: set_numbers(pg, kLectureA, kLectureB); break;
    case CommandKind::AnimPlay:
      if (pg.cursor >= last_frame) pg.cursor = 0;
      pg.playing = true;
      pg.anim_hold = 0.0;
      break;
    case CommandKind::AnimPause: pg.playing = false; break;
    case CommandKind::AnimStep:
      pg.playing = false;
      pg.cursor = std::clamp(pg.cursor + (c.value < 0 ? -1 : 1), 0, last_frame);
      break;
    case CommandKind::AnimSeek:
      pg.playing = false;
      pg.cursor = std::clamp(c.value, 0, last_frame);
      break;
    case CommandKind::TrainPlay:
      pg.training = true;
      if (pg.notice_is_error) pg.notice.clear();
      pg.notice_is_error = false;
      break;
    case CommandKind::TrainPause: pg.training = false; break;
    case CommandKind::TrainStep:
      pg.training = false;
      if (train_one(pg)) sample_history(pg);
      break;
    case CommandKind::TrainReset:
      pg.seed = pg.pending_seed;
      pg.settings = pg.pending_settings;
      new_trainer(pg);
      pg.notice.clear();
      pg.notice_is_error = false;
      break;
    case CommandKind::ApplySettings: apply_settings(pg); break;
    case CommandKind::MeasureLengths: measure_lengths(pg); break;
    case CommandKind::DismissNotice: pg.notice.clear(); pg.notice_is_error = false; break;
    case CommandKind::LoadPreset: load_preset(pg, static_cast<Preset>(c.value)); break;
  }
}

void train_frame(Playground& pg) {
  pg.last_frame_sequences = 0;
  pg.last_frame_train_ms = 0.0;
  if (!pg.training || !pg.trainer) return;
  const double t0 = now_ms();
  const long long s0 = pg.trainer->sequences();
  const int batch = std::max(1, pg.settings.batch);
  if (pg.train_full_speed) {
    // Whole minibatches until the budget is spent (at least one, so progress never stops).
    do {
      if (!train_one(pg)) break;
      if (pg.trainer->sequences() >= pg.next_sample && now_ms() - t0 < pg.train_budget_ms * 0.5) sample_history(pg);
    } while (now_ms() - t0 < pg.train_budget_ms);
  } else {
    pg.train_accum += std::clamp(pg.train_sequences_per_frame, 1.0f, kMaxSequencesPerFrame);
    while (pg.training && pg.train_accum >= batch) {
      pg.train_accum -= batch;
      if (!train_one(pg)) break;
    }
  }
  if (pg.trainer->sequences() >= pg.next_sample && pg.trainer->sequences() != s0) sample_history(pg);
  pg.last_frame_sequences = pg.trainer->sequences() - s0;
  pg.last_frame_train_ms = now_ms() - t0;
}

void rebuild_stepper(Playground& pg) {
  if (!pg.trainer) return;
  const long long seq = pg.trainer->sequences();
  if (!pg.stepper_dirty && pg.stepper && seq == pg.stepper_sequences) return;
  pg.stepper = std::make_unique<Stepper>(pg.trainer->net(), pg.pair, pg.settings.loss);
  pg.stepper_sequences = seq;
  pg.stepper_dirty = false;
  pg.cursor = std::clamp(pg.cursor, 0, pg.stepper->steps() - 1);
}

void animate(Playground& pg, double dt) {
  if (!pg.stepper || !pg.playing) return;
  const int last = pg.stepper->steps() - 1;
  if (pg.cursor >= last) {
    if (pg.anim_hold <= 0.0) pg.anim_hold = 2.0;  // hold the finished sum, then start again
    pg.anim_hold -= dt;
    if (pg.anim_hold <= 0.0) {
      pg.cursor = 0;
      pg.anim_accum = 0.0;
      pg.anim_hold = 0.0;
    }
    return;
  }
  pg.anim_accum += dt * std::clamp(pg.anim_steps_per_second, 0.25f, 60.0f);
  while (pg.anim_accum >= 1.0 && pg.cursor < last) {
    pg.anim_accum -= 1.0;
    ++pg.cursor;
  }
  if (pg.cursor >= last) pg.anim_accum = 0.0;
}

}  // namespace

// [SECTION] update ----------------------------------------------------------------------------

void playground_take_settings(Playground& pg, const Settings& s) {
  pg.pending_settings = s.train;
  pg.pending_seed = s.seed;
  pg.anim_steps_per_second = static_cast<float>(s.anim_speed);
  pg.train_full_speed = s.train_speed <= 0.0;
  if (!pg.train_full_speed) pg.train_sequences_per_frame = static_cast<float>(s.train_speed);
  pg.panels = s.panels;
  pg.hidden_controls = s.hide;
  pg.embed = s.embed;
  pg.allowed_origins = s.allow;
  pg.background = s.background;
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
  pg.cursor = 0;
  pg.playing = true;
  rebuild_stepper(pg);
  sample_history(pg);  // the untrained net's point at 0 sequences
}

bool playground_train_until_solved(Playground& pg, long long max_sequences) {
  if (!pg.trainer) return false;
  pg.solved_announced = false;
  while (pg.trainer->sequences() < max_sequences) {
    if (!train_one(pg)) break;
    if (pg.trainer->sequences() >= pg.next_sample) sample_history(pg);
  }
  sample_history(pg);
  measure_lengths(pg);
  pg.stepper_dirty = true;
  rebuild_stepper(pg);
  return pg.trainer->solved();
}

long long playground_train_some(Playground& pg, long long sequences, double budget_ms) {
  if (!pg.trainer || sequences <= 0) return 0;
  const double t0 = now_ms();
  const long long s0 = pg.trainer->sequences();
  while (pg.trainer->sequences() - s0 < sequences) {
    if (!train_one(pg)) break;
    if (pg.trainer->sequences() >= pg.next_sample) sample_history(pg);
    if (budget_ms > 0 && now_ms() - t0 >= budget_ms) break;
  }
  return pg.trainer->sequences() - s0;
}

void playground_update(Playground& pg, double dt_seconds) {
  pg.controls_drawn.swap(pg.controls_drawing);  // the frame just drawn is complete
  pg.controls_drawing.clear();
  if (!(dt_seconds >= 0.0) || dt_seconds > 0.5) dt_seconds = dt_seconds > 0.5 ? 0.5 : 0.0;
  while (!pg.commands.empty()) {
    const Command c = std::move(pg.commands.front());
    pg.commands.pop_front();
    apply(pg, c);
  }
  train_frame(pg);
  pg.length_curve_age += dt_seconds;
  if (pg.length_curve_auto && pg.trainer &&
      (pg.length_curve_sequences < 0 ||
       (pg.trainer->sequences() != pg.length_curve_sequences && pg.length_curve_age >= kLengthCurveSeconds)))
    measure_lengths(pg);
  rebuild_stepper(pg);
  animate(pg, dt_seconds);
}

}  // namespace carry
