// carry-cli add A B: the net adds two binary numbers; prints its sum, the true sum, and whether
// they match.
#include <cstdio>

#include "cli/common.h"
#include "core/binary_text.h"
#include "core/task.h"

namespace carry::cli {
namespace {

struct AddOptions {
    std::string a, b, model;
    bool json = false;
};

int run_add(const AddOptions& o) {
    const ParsedBits a = parse_binary(o.a);
    if (!a.ok()) return fail(o.json, "A: " + a.error);
    const ParsedBits b = parse_binary(o.b);
    if (!b.ok()) return fail(o.json, "B: " + b.error);
    NetSource src;
    std::string error;
    if (!load_net(o.model, &src, &error)) return fail(o.json, error);

    const Pair pair = carry::make_pair(a.bits, b.bits);
    const BitVector net_sum = net_add(src.net, pair);
    const BitVector true_sum = add_exact(a.bits, b.bits);
    int wrong = 0;
    for (std::size_t i = 0; i < true_sum.size(); ++i) wrong += (i < net_sum.size() ? net_sum[i] : 0) != true_sum[i];
    const bool correct = wrong == 0 && net_sum.size() == true_sum.size();

    if (o.json) {
        print_json(Json{{"a", format_bits_trimmed(a.bits)},
                        {"b", format_bits_trimmed(b.bits)},
                        {"net_sum", format_bits_trimmed(net_sum)},
                        {"true_sum", format_bits_trimmed(true_sum)},
                        {"correct", correct},
                        {"wrong_bits", wrong},
                        {"model", src.description}});
    } else {
        // Right-aligned like a sum written on paper.
        const std::string sa = format_bits(pair.a), sb = format_bits(pair.b);
        const std::string sn = format_bits(net_sum), st = format_bits(true_sum);
        const int w = static_cast<int>(st.size());
        std::printf("    %*s\n  + %*s\n  = %*s  (net)\n    %*s  (true)\n%s\n", w, sa.c_str(), w, sb.c_str(), w,
                    sn.c_str(), w, st.c_str(),
                    correct ? "correct" : ("WRONG: " + std::to_string(wrong) + " bit(s) differ").c_str());
    }
    return kExitOk;
}

}  // namespace

Command add_add_command(CLI::App& root) {
    auto o = std::make_shared<AddOptions>();
    CLI::App* sub = root.add_subcommand("add", "Let the net add two binary numbers (e.g. 1011 0b110_1)");
    sub->add_option("A", o->a, "First number: 0/1 digits, optional 0b prefix and _ separators")->required();
    sub->add_option("B", o->b, "Second number")->required();
    sub->add_option("--model", o->model, "Model file (default: a built-in net trained with the defaults)");
    sub->add_flag("--json", o->json, "Print one JSON object on stdout");
    return {sub, [o] { return run_add(*o); }};
}

}  // namespace carry::cli
