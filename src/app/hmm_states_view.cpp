// hmm_states_view.cpp: EM on plain and interleaved sums for N = 1..4 states, a slice per frame.
#include "app/hmm_states_view.h"

#include <chrono>
#include <cmath>
#include <cstdio>
#include <string>

#include "app/widgets.h"
#include "core/zoo/hmm.h"
#include "imgui.h"

namespace carry {

namespace {

double now_ms() {
    using namespace std::chrono;
    return duration<double, std::milli>(steady_clock::now().time_since_epoch()).count();
}

// The same training pairs as the zoo's quick run, so the two tabs tell one story.
constexpr std::uint64_t kSeed = 1;
constexpr int kTrainPairs = 600;

double exact_accuracy(const zoo::Model& m) {
    Rng rng(derive_seed(kSeed, 64));
    int right = 0;
    for (int i = 0; i < HmmStatesView::kTestPairs; ++i) {
        const Pair p = random_pair(rng, HmmStatesView::kTestBits);
        const auto got = m.add(p);
        right += got && *got == true_sum(p);
    }
    return static_cast<double>(right) / HmmStatesView::kTestPairs;
}

}  // namespace

void HmmStatesView::start() {
    const zoo::ZooData data = zoo::make_zoo_data(kSeed, kTrainPairs, 1, 16);
    fits.clear();
    for (bool inter : {false, true})
        for (int n = 1; n <= kMaxStates; ++n) {
            zoo::HmmConfig c;
            c.states = n;
            c.interleaved = inter;
            c.seed = kSeed;
            Fit f;
            f.states = n;
            f.interleaved = inter;
            f.model = zoo::make_hmm(data, c);
            fits.push_back(std::move(f));
        }
    next = 0;
    elapsed_ms = 0.0;
    running = true;
}

bool HmmStatesView::step(double budget_ms) {
    const double t0 = now_ms();
    do {
        if (next >= fits.size()) break;
        Fit& f = fits[next];
        if (!f.model->train_some()) continue;
        f.exact = exact_accuracy(*f.model);
        if (const zoo::HmmFitReport* r = zoo::hmm_fit_report(*f.model); r && r->columns > 0)
            f.ll_per_column = r->best_log_likelihood / static_cast<double>(r->columns);
        ++next;
    } while (now_ms() - t0 < budget_ms);
    elapsed_ms += now_ms() - t0;
    if (next >= fits.size()) running = false;
    return !running;
}

void HmmStatesView::draw() {
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(zoo::log_n_bits_explanation().c_str());
    ImGui::PopTextWrapPos();
    if (ImGui::Button(fits.empty() ? "Fit the HMMs" : "Fit again")) start();
    tooltip(
        "Fit a hidden Markov model with 1, 2, 3 and 4 states by EM (forward-backward, 4 random "
        "restarts) to the zoo's training sums, once to plain sums and once to two sums interleaved "
        "column by column; then test each on 100 new 64-bit sums.");
    if (running) step(frame_budget_ms);
    if (!fits.empty()) {
        ImGui::SameLine();
        char label[64];
        if (running)
            std::snprintf(label, sizeof label, "fitting %zu of %zu", next + 1, fits.size());
        else
            std::snprintf(label, sizeof label, "done in %.1f s", elapsed_ms / 1000.0);
        ImGui::ProgressBar(static_cast<float>(next) / static_cast<float>(fits.size()), ImVec2(-1.0f, 0.0f), label);
    }
    if (fits.empty()) return;

    const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingStretchProp;
    if (ImGui::BeginTable("hmm_states", 4, flags)) {
        ImGui::TableSetupColumn("states N");
        ImGui::TableSetupColumn("bits about the past (log2 N)");
        ImGui::TableSetupColumn("one sum: exact 64-bit sums");
        ImGui::TableSetupColumn("two sums interleaved: exact");
        ImGui::TableHeadersRow();
        for (int n = 1; n <= kMaxStates; ++n) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::Text("%d", n);
            ImGui::TableNextColumn();
            static const char* const kBits[] = {"0", "1", "1.58", "2"};
            ImGui::TextUnformatted(kBits[n - 1]);
            for (bool inter : {false, true}) {
                ImGui::TableNextColumn();
                const Fit& f = fits[static_cast<std::size_t>((inter ? kMaxStates : 0) + n - 1)];
                if (f.exact < 0) {
                    ImGui::TextDisabled("...");
                    continue;
                }
                const ImVec4 col = f.exact >= 1.0 ? col4(pal().sky) : col4(pal().text_soft);
                ImGui::TextColored(col, "%.0f%%", 100.0 * f.exact);
                ImGui::SameLine();
                const double ll = std::fabs(f.ll_per_column) < 5e-4 ? 0.0 : f.ll_per_column;  // no "-0.000"
                ImGui::TextDisabled("(log-likelihood %.3f per column)", ll);
                tooltip(
                    "EM's best log-likelihood of the training sums' bits, per column: 0 means every "
                    "training bit is predicted with certainty.");
            }
        }
        ImGui::EndTable();
    }
    if (running) return;
    // What EM reached, said from the measured table (the fewest states that added every test sum).
    auto fewest = [&](bool inter) {
        for (int n = 1; n <= kMaxStates; ++n)
            if (fits[static_cast<std::size_t>((inter ? kMaxStates : 0) + n - 1)].exact >= 1.0) return n;
        return 0;
    };
    auto said = [](int n) {
        if (n == 0) return std::string("more than 4 states (EM did not find fewer)");
        return std::to_string(n) + (n == 1 ? " state" : " states");
    };
    const std::string text = "What EM reached: one sum needs " + said(fewest(false)) + "; two sums interleaved need " +
                             said(fewest(true)) + ".";
    ImGui::TextWrapped("%s", text.c_str());
}

}  // namespace carry
