// automaton: extraction of a finite-state machine from hidden activity, and its comparison with
// the adder (see automaton.h for the method and the timing).
//
// [SECTION] adder automaton
// [SECTION] traces
// [SECTION] clustering
// [SECTION] minimization (Moore)
// [SECTION] transition table (the clusters' machine, the start set apart, the minimized table)
// [SECTION] equivalence
// [SECTION] graph
// [SECTION] extraction (the steps above, in order)
#include "core/automaton.h"

#include <algorithm>
#include <cmath>
#include <deque>
#include <map>

#include "core/binary_text.h"
#include "core/task.h"

namespace carry {

// [SECTION] adder automaton ---------------------------------------------------------------------

std::string column_label(int code) {
    std::string s = "00";
    s[0] = static_cast<char>('0' + (code & 1));
    s[1] = static_cast<char>('0' + ((code >> 1) & 1));
    return s;
}

int adder_next(int node, int column_code) {
    const int total = (column_code & 1) + ((column_code >> 1) & 1) + adder_carry(node);
    return 2 * (total >> 1) + (total & 1);
}

std::string adder_node_name(int node) {
    if (node == kAdderStart) return "start";
    if (node < 0 || node > kAdderStart) return "none";
    return std::string(adder_carry(node) ? "carry" : "no carry") + ", print " + std::to_string(adder_printed(node));
}

// [SECTION] traces ------------------------------------------------------------------------------

AutomatonNetHooks automaton_hooks(const Net& net) {
    AutomatonNetHooks hooks;
    hooks.hidden = net.hidden();
    hooks.step = [&net](const std::vector<double>& h, int code) {
        std::vector<double> next(h.size());
        net_step_hidden(next.data(), net, h.data(), code & 1, (code >> 1) & 1);
        return next;
    };
    hooks.printed = [&net](const std::vector<double>& h) { return net_output(net, h.data()) >= 0.5 ? 1 : 0; };
    return hooks;
}

std::vector<AutomatonTrace> collect_traces(const Net& net, const AutomatonOptions& options) {
    Rng rng(options.seed);
    const auto H = static_cast<std::size_t>(net.hidden());
    std::vector<AutomatonTrace> traces;
    std::vector<double> hidden, outputs;
    for (int i = 0; i < options.pairs; ++i) {
        const Pair pair = random_task_pair(options.task, rng, options.bits);
        net_add(net, pair, &hidden, &outputs);
        const int T = pair_columns(pair.bits());  // columns read; states h(0)..h(T)
        AutomatonTrace tr;
        tr.states.assign(hidden.begin(), hidden.begin() + static_cast<std::ptrdiff_t>((T + 1) * H));
        for (int t = 0; t <= T; ++t) tr.printed.push_back(outputs[static_cast<std::size_t>(t + 1)] >= 0.5 ? 1 : 0);
        for (int t = 0; t < T; ++t)
            tr.columns.push_back(static_cast<std::uint8_t>(column_a(pair, t) + 2 * column_b(pair, t)));
        traces.push_back(std::move(tr));
    }
    return traces;
}

std::string true_node_name(const AutomatonResult& r, int node) {
    if (node < 0 || node >= static_cast<int>(r.true_names.size())) return "none";
    return r.true_names[static_cast<std::size_t>(node)];
}

namespace {

// The task's minimal machine as the truth: its states 0..S-1 and a start node S for h(0) (nothing
// read, nothing printed), whose moves are the machine's start's. For add these are exactly the
// adder nodes (the minimal adder numbers its states 2*carry + bit) and kAdderStart.
struct Truth {
    Machine m;
    int S = 0;
    int codes = 4;
    explicit Truth(const Task& task) : m(task_minimal_machine(task)), S(m.states()), codes(m.codes()) {}
    int nodes() const { return S + 1; }
    int next(int node, int code) const {
        const int from = node == S ? m.start : node;
        return m.next[static_cast<std::size_t>(from)][static_cast<std::size_t>(code & (codes - 1))];
    }
    int printed(int node) const { return node == S ? -1 : m.printed[static_cast<std::size_t>(node)]; }
};

// [SECTION] clustering --------------------------------------------------------------------------

double dist2(const double* a, const double* b, std::size_t H) {
    double d = 0.0;
    for (std::size_t k = 0; k < H; ++k) d += (a[k] - b[k]) * (a[k] - b[k]);
    return d;
}

struct Clustering {
    std::vector<double> centroids;  // (K, H)
    std::vector<int> assign;        // per point
    std::vector<std::size_t> count;
    double max_radius = 0.0;
    bool hit_cap = false;
    int K() const { return static_cast<int>(count.size()); }
};

// Farthest-first traversal: the first point is a centre, then the point farthest from every
// centre becomes one, until all are within `radius` or there are `max_k` centres. Sets the
// centres, hit_cap, and each point's owner in c.assign.
void farthest_first(Clustering& c, const std::vector<double>& pts, std::size_t H, std::size_t n, double radius,
                    int max_k) {
    std::vector<double> nearest(n, 0.0);
    std::vector<int> owner(n, 0);
    c.centroids.assign(pts.begin(), pts.begin() + static_cast<std::ptrdiff_t>(H));
    for (std::size_t i = 0; i < n; ++i) nearest[i] = dist2(&pts[i * H], &c.centroids[0], H);
    const double r2 = radius * radius;
    for (;;) {
        std::size_t far = 0;
        for (std::size_t i = 1; i < n; ++i)
            if (nearest[i] > nearest[far]) far = i;  // first of equals: deterministic
        if (nearest[far] <= r2) break;
        if (static_cast<int>(c.centroids.size() / H) >= max_k) {
            c.hit_cap = true;
            break;
        }
        const int k = static_cast<int>(c.centroids.size() / H);
        c.centroids.insert(c.centroids.end(), pts.begin() + static_cast<std::ptrdiff_t>(far * H),
                           pts.begin() + static_cast<std::ptrdiff_t>((far + 1) * H));
        for (std::size_t i = 0; i < n; ++i) {
            const double d = dist2(&pts[i * H], &c.centroids[static_cast<std::size_t>(k) * H], H);
            if (d < nearest[i]) {
                nearest[i] = d;
                owner[i] = k;
            }
        }
    }
    c.assign = owner;
}

// Lloyd passes: centres to the means of their members, members to the nearest centre; at most
// `lloyd` reassignments, fewer once nothing moves. Leaves the counts of the last assignment.
void lloyd_passes(Clustering& c, const std::vector<double>& pts, std::size_t H, std::size_t n, int lloyd) {
    const auto K = c.centroids.size() / H;
    for (int it = 0; it <= lloyd; ++it) {
        std::vector<double> sum(K * H, 0.0);
        c.count.assign(K, 0);
        for (std::size_t i = 0; i < n; ++i) {
            const auto k = static_cast<std::size_t>(c.assign[i]);
            ++c.count[k];
            for (std::size_t j = 0; j < H; ++j) sum[k * H + j] += pts[i * H + j];
        }
        for (std::size_t k = 0; k < K; ++k)
            if (c.count[k] > 0)
                for (std::size_t j = 0; j < H; ++j)
                    c.centroids[k * H + j] = sum[k * H + j] / static_cast<double>(c.count[k]);
        if (it == lloyd) break;
        bool changed = false;
        for (std::size_t i = 0; i < n; ++i) {
            int best = c.assign[i];
            double bd = dist2(&pts[i * H], &c.centroids[static_cast<std::size_t>(best) * H], H);
            for (std::size_t k = 0; k < K; ++k) {
                if (c.count[k] == 0) continue;
                const double d = dist2(&pts[i * H], &c.centroids[k * H], H);
                if (d < bd) {
                    bd = d;
                    best = static_cast<int>(k);
                }
            }
            if (best != c.assign[i]) changed = true;
            c.assign[i] = best;
        }
        if (!changed) break;
    }
}

// Drop clusters Lloyd emptied, keeping the order of the rest.
void drop_empty_clusters(Clustering& c, std::size_t H) {
    const auto K = c.count.size();
    std::vector<int> remap(K, -1);
    std::vector<double> cent;
    std::vector<std::size_t> cnt;
    for (std::size_t k = 0; k < K; ++k)
        if (c.count[k] > 0) {
            remap[k] = static_cast<int>(cnt.size());
            cnt.push_back(c.count[k]);
            cent.insert(cent.end(), c.centroids.begin() + static_cast<std::ptrdiff_t>(k * H),
                        c.centroids.begin() + static_cast<std::ptrdiff_t>((k + 1) * H));
        }
    for (auto& a : c.assign) a = remap[static_cast<std::size_t>(a)];
    c.centroids = std::move(cent);
    c.count = std::move(cnt);
}

// The largest distance from a point to its centre.
double max_cluster_radius(const Clustering& c, const std::vector<double>& pts, std::size_t H, std::size_t n) {
    double r = 0.0;
    for (std::size_t i = 0; i < n; ++i) {
        const double d = dist2(&pts[i * H], &c.centroids[static_cast<std::size_t>(c.assign[i]) * H], H);
        r = std::max(r, d);
    }
    return std::sqrt(r);
}

// Farthest-first traversal to `radius`, then Lloyd passes (see automaton.h for why).
Clustering cluster_points(const std::vector<double>& pts, std::size_t H, double radius, int max_k, int lloyd) {
    Clustering c;
    const std::size_t n = pts.size() / H;
    if (n == 0) return c;
    farthest_first(c, pts, H, n, radius, max_k);
    lloyd_passes(c, pts, H, n, lloyd);
    drop_empty_clusters(c, H);
    c.max_radius = max_cluster_radius(c, pts, H, n);
    return c;
}

// Splits every cluster whose states print different bits into one cluster per printed bit (the
// majority's keeping its place, the others appended), with centres and radius recomputed. Two
// states that print different bits are different states of the machine however close their
// activities: a solved net can keep two adder nodes within the clustering radius of each other,
// just on either side of the output unit's threshold. Returns each cluster's printed bit;
// agreement_before: the share of states that printed their cluster's majority bit before the split.
std::vector<int> split_by_printed(Clustering& c, const std::vector<double>& pts,
                                  const std::vector<std::uint8_t>& printed, std::size_t H, double& agreement_before) {
    const int K = c.K();
    std::vector<std::array<std::size_t, 2>> votes(static_cast<std::size_t>(K), {0, 0});
    for (std::size_t i = 0; i < printed.size(); ++i) ++votes[static_cast<std::size_t>(c.assign[i])][printed[i]];
    std::vector<int> bit(static_cast<std::size_t>(K));
    std::vector<int> other(static_cast<std::size_t>(K), -1);  // the appended cluster of the minority bit
    std::size_t agree = 0;
    for (int k = 0; k < K; ++k) {
        const auto& v = votes[static_cast<std::size_t>(k)];
        bit[static_cast<std::size_t>(k)] = v[1] > v[0] ? 1 : 0;
        agree += std::max(v[0], v[1]);
        if (v[0] && v[1]) {
            other[static_cast<std::size_t>(k)] = static_cast<int>(bit.size());
            bit.push_back(1 - bit[static_cast<std::size_t>(k)]);
        }
    }
    agreement_before = printed.empty() ? 1.0 : static_cast<double>(agree) / static_cast<double>(printed.size());
    if (bit.size() == static_cast<std::size_t>(K)) return bit;
    const std::size_t K2 = bit.size();
    for (std::size_t i = 0; i < printed.size(); ++i) {
        const auto k = static_cast<std::size_t>(c.assign[i]);
        if (printed[i] != bit[k]) c.assign[i] = other[k];
    }
    c.centroids.assign(K2 * H, 0.0);
    c.count.assign(K2, 0);
    for (std::size_t i = 0; i < printed.size(); ++i) {
        const auto k = static_cast<std::size_t>(c.assign[i]);
        ++c.count[k];
        for (std::size_t j = 0; j < H; ++j) c.centroids[k * H + j] += pts[i * H + j];
    }
    for (std::size_t k = 0; k < K2; ++k)
        for (std::size_t j = 0; j < H; ++j) c.centroids[k * H + j] /= static_cast<double>(c.count[k]);
    c.max_radius = 0.0;
    for (std::size_t i = 0; i < printed.size(); ++i) {
        const double d = dist2(&pts[i * H], &c.centroids[static_cast<std::size_t>(c.assign[i]) * H], H);
        c.max_radius = std::max(c.max_radius, std::sqrt(d));
    }
    return bit;
}

// The nearest cluster centre to h among the clusters that print `bit` (any cluster when bit < 0).
int nearest_cluster(const Clustering& c, const std::vector<double>& h, int bit, const std::vector<int>& cluster_bit) {
    const std::size_t H = h.size();
    int best = -1;
    double bd = 0.0;
    for (int k = 0; k < c.K(); ++k) {
        if (bit >= 0 && cluster_bit[static_cast<std::size_t>(k)] != bit) continue;
        const double d = dist2(h.data(), &c.centroids[static_cast<std::size_t>(k) * H], H);
        if (best < 0 || d < bd) {
            bd = d;
            best = k;
        }
    }
    return best >= 0 ? best : nearest_cluster(c, h, -1, cluster_bit);
}

int argmax(const std::vector<std::size_t>& v) {
    return static_cast<int>(std::max_element(v.begin(), v.end()) - v.begin());  // first of equals
}

// [SECTION] minimization ------------------------------------------------------------------------

// Moore machine: out[q] (0, 1, or 2 = unknown), delta[q][code]. Returns block per state.
// States with active[q] == 0 (unreachable, or the start set apart) are left out (block -1).
std::vector<int> moore_minimize(const std::vector<int>& out, const std::vector<std::array<int, kColumnCodes>>& delta,
                                const std::vector<char>& active) {
    const std::size_t n = out.size();
    std::vector<int> block(n, -1);
    for (std::size_t q = 0; q < n; ++q)
        if (active[q]) block[q] = out[q];
    int blocks_before = -1;
    for (;;) {
        // Signature: own block and the blocks of the four successors; renumber in state order.
        std::map<std::array<int, kColumnCodes + 1>, int> ids;
        std::vector<int> next(n, -1);
        for (std::size_t q = 0; q < n; ++q) {
            if (!active[q]) continue;
            std::array<int, kColumnCodes + 1> sig{};
            sig[0] = block[q];
            for (int c = 0; c < kColumnCodes; ++c)
                sig[static_cast<std::size_t>(c) + 1] =
                    block[static_cast<std::size_t>(delta[q][static_cast<std::size_t>(c)])];
            auto it = ids.find(sig);
            if (it == ids.end()) it = ids.emplace(sig, static_cast<int>(ids.size())).first;
            next[q] = it->second;
        }
        // Renumber by first appearance so block ids are stable.
        std::map<int, int> order;
        for (std::size_t q = 0; q < n; ++q)
            if (next[q] >= 0 && !order.count(next[q])) order.emplace(next[q], static_cast<int>(order.size()));
        for (std::size_t q = 0; q < n; ++q)
            if (next[q] >= 0) next[q] = order[next[q]];
        block = next;
        const int blocks = static_cast<int>(ids.size());
        if (blocks == blocks_before) break;
        blocks_before = blocks;
    }
    return block;
}

}  // namespace

// [SECTION] transition table ---------------------------------------------------------------------
// extract_automaton() (the last section) runs these steps in order; each is one stage of it.

namespace {

// Every hidden state of every trace, with the adder node it really was in and the bit printed.
struct TracePoints {
    std::vector<double> pts;  // (N, H)
    std::vector<int> truth;
    std::vector<std::uint8_t> printed;
};

TracePoints collect_points(const std::vector<AutomatonTrace>& traces, std::size_t H, const Truth& truth) {
    TracePoints p;
    for (const auto& tr : traces) {
        int node = truth.S;
        for (std::size_t t = 0; t < tr.printed.size(); ++t) {
            if (t > 0) node = truth.next(node, tr.columns[t - 1]);
            p.pts.insert(p.pts.end(), tr.states.begin() + static_cast<std::ptrdiff_t>(t * H),
                         tr.states.begin() + static_cast<std::ptrdiff_t>((t + 1) * H));
            p.truth.push_back(node);
            p.printed.push_back(tr.printed[t]);
        }
    }
    return p;
}

// Transition counts between clusters, and where in the adder each cluster's states really were.
struct ClusterCounts {
    std::vector<std::vector<std::size_t>> truth_votes;  // (K, adder nodes)
    std::vector<std::vector<std::size_t>> trans;        // (K * column codes, K)
    std::vector<std::size_t> start_votes;               // (K): states at t = 0
};

ClusterCounts count_transitions(const std::vector<AutomatonTrace>& traces, const Clustering& cl,
                                const std::vector<int>& truth, int truth_nodes) {
    const int K = cl.K();
    ClusterCounts n;
    n.truth_votes.assign(static_cast<std::size_t>(K),
                         std::vector<std::size_t>(static_cast<std::size_t>(truth_nodes), 0));
    n.trans.assign(static_cast<std::size_t>(K * kColumnCodes),
                   std::vector<std::size_t>(static_cast<std::size_t>(K), 0));
    n.start_votes.assign(static_cast<std::size_t>(K), 0);
    std::size_t i = 0;
    for (const auto& tr : traces) {
        for (std::size_t t = 0; t < tr.printed.size(); ++t, ++i) {
            const auto k = static_cast<std::size_t>(cl.assign[i]);
            ++n.truth_votes[k][static_cast<std::size_t>(truth[i])];
            if (t == 0) ++n.start_votes[k];
            if (t + 1 < tr.printed.size())
                ++n.trans[k * kColumnCodes + tr.columns[t]][static_cast<std::size_t>(cl.assign[i + 1])];
        }
    }
    return n;
}

// The machine over clusters while it is built: Q = K states, plus an "unknown" sink when needed.
struct ClusterMachine {
    std::vector<int> out;                              // printed bit per state (2: unknown)
    std::vector<std::array<int, kColumnCodes>> delta;  // next state per column code (-1: none seen)
    std::vector<char> reach;                           // reachable from the start
    int start = 0;
    int sink = -1;
    int Q() const { return static_cast<int>(out.size()); }
};

// Each cluster's transition on each column: the majority of the observed ones (-1 when none);
// r.transition_agreement is the share of observed transitions that follow the majority.
void majority_transitions(ClusterMachine& m, const ClusterCounts& n, int K, AutomatonResult& r) {
    m.delta.assign(static_cast<std::size_t>(K), {});
    std::size_t trans_total = 0, trans_agree = 0;
    for (int k = 0; k < K; ++k)
        for (int c = 0; c < kColumnCodes; ++c) {
            const auto& v = n.trans[static_cast<std::size_t>(k * kColumnCodes + c)];
            std::size_t total = 0;
            for (auto x : v) total += x;
            m.delta[static_cast<std::size_t>(k)][static_cast<std::size_t>(c)] = total ? argmax(v) : -1;
            trans_total += total;
            if (total) trans_agree += v[static_cast<std::size_t>(argmax(v))];
        }
    r.transition_agreement = trans_total ? static_cast<double>(trans_agree) / static_cast<double>(trans_total) : 1.0;
}

// Reachable clusters from the start; transitions never observed are filled by stepping the
// net from the cluster's centre (or go to an "unknown" sink when no net is at hand).
void complete_reachable(ClusterMachine& m, const Clustering& cl, const std::vector<int>& cluster_bit,
                        const AutomatonNetHooks& hooks, std::size_t H, int codes, AutomatonResult& r) {
    const int K = cl.K();
    m.reach.assign(static_cast<std::size_t>(K), 0);
    std::deque<int> queue{m.start};
    m.reach[static_cast<std::size_t>(m.start)] = 1;
    bool need_sink = false;
    while (!queue.empty()) {
        const int k = queue.front();
        queue.pop_front();
        for (int c = 0; c < codes; ++c) {
            int& to = m.delta[static_cast<std::size_t>(k)][static_cast<std::size_t>(c)];
            if (to < 0) {
                r.complete = false;
                if (hooks.step) {
                    std::vector<double> h(
                        cl.centroids.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(k) * H),
                        cl.centroids.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(k + 1) * H));
                    const std::vector<double> next = hooks.step(h, c);
                    to = nearest_cluster(cl, next, hooks.printed ? hooks.printed(next) : -1, cluster_bit);
                    ++r.inferred_transitions;
                } else {
                    need_sink = true;
                    continue;
                }
            }
            if (!m.reach[static_cast<std::size_t>(to)]) {
                m.reach[static_cast<std::size_t>(to)] = 1;
                queue.push_back(to);
            }
        }
    }
    m.sink = need_sink ? K : -1;
    const int Q = K + (need_sink ? 1 : 0);
    const int sink = m.sink;
    m.out.resize(static_cast<std::size_t>(Q), 2);
    m.delta.resize(static_cast<std::size_t>(Q), {sink, sink, sink, sink});
    m.reach.resize(static_cast<std::size_t>(Q), need_sink ? 1 : 0);
    for (int k = 0; k < K; ++k) {
        auto& row = m.delta[static_cast<std::size_t>(k)];
        for (int c = codes; c < kColumnCodes; ++c)  // a one-input task ignores b
            row[static_cast<std::size_t>(c)] = row[static_cast<std::size_t>(c - codes)];
        for (auto& to : row)
            if (to < 0) to = sink;
    }
}

// Blocks of equivalent states (Moore minimization). The start's printed bit is never compared
// (nothing read yet), so when no transition leads back into the start cluster it is minimized
// apart (`start_only`) and merged afterwards on transitions only.
struct Minimized {
    std::vector<int> block;  // per state of the cluster machine (-1: unreachable)
    int n_blocks = 0;
    bool start_only = true;
};

// The block of an active state whose transitions go to the same blocks as the start's, preferring
// one that prints what the start would print; -1 when there is none.
int block_like_start(const ClusterMachine& m, const std::vector<char>& active, const std::vector<int>& block) {
    const auto& ds = m.delta[static_cast<std::size_t>(m.start)];
    auto same_moves = [&](int q) {
        for (std::size_t c = 0; c < kColumnCodes; ++c)
            if (block[static_cast<std::size_t>(m.delta[static_cast<std::size_t>(q)][c])] !=
                block[static_cast<std::size_t>(ds[c])])
                return false;
        return true;
    };
    for (int q = 0; q < m.Q(); ++q)
        if (active[static_cast<std::size_t>(q)] && same_moves(q) &&
            m.out[static_cast<std::size_t>(q)] == m.out[static_cast<std::size_t>(m.start)])
            return block[static_cast<std::size_t>(q)];
    for (int q = 0; q < m.Q(); ++q)
        if (active[static_cast<std::size_t>(q)] && same_moves(q)) return block[static_cast<std::size_t>(q)];
    return -1;
}

Minimized minimize(const ClusterMachine& m) {
    Minimized z;
    for (int k = 0; k < m.Q(); ++k)
        if (m.reach[static_cast<std::size_t>(k)])
            for (int to : m.delta[static_cast<std::size_t>(k)])
                if (to == m.start) z.start_only = false;
    std::vector<char> active = m.reach;
    if (z.start_only) active[static_cast<std::size_t>(m.start)] = 0;
    z.block = moore_minimize(m.out, m.delta, active);
    for (int b : z.block) z.n_blocks = std::max(z.n_blocks, b + 1);
    if (z.start_only) {
        const int match = block_like_start(m, active, z.block);
        z.block[static_cast<std::size_t>(m.start)] = match >= 0 ? match : z.n_blocks++;
    }
    return z;
}

// The minimized machine: per block a representative's output and transitions (r.table, r.start,
// r.states). Returns each block's printed bit (-1: the start alone, which prints nothing).
std::vector<int> minimized_table(const ClusterMachine& m, const Minimized& z, AutomatonResult& r) {
    const int n_blocks = z.n_blocks;
    std::vector<int> rep(static_cast<std::size_t>(n_blocks), -1);
    for (int q = 0; q < m.Q(); ++q) {
        const int b = z.block[static_cast<std::size_t>(q)];
        if (b < 0) continue;
        // A start-only cluster is the representative only of a block of its own.
        if (rep[static_cast<std::size_t>(b)] < 0 || (z.start_only && rep[static_cast<std::size_t>(b)] == m.start))
            rep[static_cast<std::size_t>(b)] = q;
    }
    const int start_block = z.block[static_cast<std::size_t>(m.start)];
    const bool start_alone = z.start_only && rep[static_cast<std::size_t>(start_block)] == m.start;
    r.table.assign(static_cast<std::size_t>(n_blocks), {0, 0, 0, 0});
    std::vector<int> bout(static_cast<std::size_t>(n_blocks));
    for (int b = 0; b < n_blocks; ++b) {
        const int q = rep[static_cast<std::size_t>(b)];
        bout[static_cast<std::size_t>(b)] = (start_alone && b == start_block) ? -1 : m.out[static_cast<std::size_t>(q)];
        for (std::size_t c = 0; c < kColumnCodes; ++c)
            r.table[static_cast<std::size_t>(b)][c] =
                z.block[static_cast<std::size_t>(m.delta[static_cast<std::size_t>(q)][c])];
    }
    r.start = start_block;
    r.states = n_blocks - (m.sink >= 0 ? 1 : 0);
    return bout;
}

// [SECTION] equivalence --------------------------------------------------------------------------

// Equivalence with the adder: BFS over (extracted state, adder node) pairs from (start, start).
// The first pair whose printed bits differ gives the shortest counterexample.
void check_equivalence(const std::vector<int>& bout, const Truth& truth, AutomatonResult& r) {
    const int n_blocks = static_cast<int>(bout.size());
    const int A = truth.nodes();
    std::vector<int> parent(static_cast<std::size_t>(n_blocks * A), -2),
        via(static_cast<std::size_t>(n_blocks * A), -1);
    const int s0 = r.start * A + truth.S;
    parent[static_cast<std::size_t>(s0)] = -1;
    std::deque<int> bfs{s0};
    int bad = -1;
    while (!bfs.empty() && bad < 0) {
        const int cur = bfs.front();
        bfs.pop_front();
        const int b = cur / A, a = cur % A;
        for (int c = 0; c < truth.codes && bad < 0; ++c) {
            const int nb = r.table[static_cast<std::size_t>(b)][static_cast<std::size_t>(c)], na = truth.next(a, c);
            const int nxt = nb * A + na;
            if (parent[static_cast<std::size_t>(nxt)] != -2) continue;
            parent[static_cast<std::size_t>(nxt)] = cur;
            via[static_cast<std::size_t>(nxt)] = c;
            if (bout[static_cast<std::size_t>(nb)] != truth.printed(na)) bad = nxt;
            bfs.push_back(nxt);
        }
    }
    r.equivalent = bad < 0;
    if (r.equivalent) return;
    for (int p = bad; parent[static_cast<std::size_t>(p)] >= 0; p = parent[static_cast<std::size_t>(p)])
        r.counterexample.push_back(via[static_cast<std::size_t>(p)]);
    std::reverse(r.counterexample.begin(), r.counterexample.end());
    BitVector a, b;
    for (int c : r.counterexample) {
        a.push_back(static_cast<std::uint8_t>(c & 1));
        b.push_back(static_cast<std::uint8_t>((c >> 1) & 1));
    }
    r.counterexample_a = format_bits(a);
    r.counterexample_b = format_bits(b);
    r.counterexample_expected = truth.printed(bad % A);
    const int got = bout[static_cast<std::size_t>(bad / A)];
    r.counterexample_got = got;
}

// [SECTION] graph --------------------------------------------------------------------------------

// The graph: nodes with centroids and matched adder nodes, edges grouped by endpoints.
void build_graph(const ClusterMachine& m, const Minimized& z, const std::vector<int>& bout, const Clustering& cl,
                 const ClusterCounts& n, std::size_t H, const Truth& truth, AutomatonResult& r) {
    const int n_blocks = z.n_blocks, K = cl.K();
    const int sink_block = m.sink >= 0 ? z.block[static_cast<std::size_t>(m.sink)] : -1;
    r.nodes.resize(static_cast<std::size_t>(n_blocks));
    std::vector<std::vector<std::size_t>> node_truth(
        static_cast<std::size_t>(n_blocks), std::vector<std::size_t>(static_cast<std::size_t>(truth.nodes()), 0));
    for (int b = 0; b < n_blocks; ++b) {
        auto& nd = r.nodes[static_cast<std::size_t>(b)];
        nd.id = b;
        nd.printed_bit = bout[static_cast<std::size_t>(b)];
        nd.is_start = b == r.start;
        nd.is_unknown = b == sink_block;
        nd.centroid.assign(H, 0.0);
    }
    r.cluster_list.resize(static_cast<std::size_t>(K));
    for (int k = 0; k < K; ++k) {
        auto& ck = r.cluster_list[static_cast<std::size_t>(k)];
        ck.centroid.assign(cl.centroids.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(k) * H),
                           cl.centroids.begin() + static_cast<std::ptrdiff_t>(static_cast<std::size_t>(k + 1) * H));
        ck.count = cl.count[static_cast<std::size_t>(k)];
        ck.printed_bit = m.out[static_cast<std::size_t>(k)];
        ck.state = z.block[static_cast<std::size_t>(k)];
        if (ck.state < 0) continue;
        auto& nd = r.nodes[static_cast<std::size_t>(ck.state)];
        nd.clusters.push_back(k);
        nd.count += ck.count;
        for (std::size_t j = 0; j < H; ++j) nd.centroid[j] += ck.centroid[j] * static_cast<double>(ck.count);
        for (int a = 0; a < truth.nodes(); ++a)
            node_truth[static_cast<std::size_t>(ck.state)][static_cast<std::size_t>(a)] +=
                n.truth_votes[static_cast<std::size_t>(k)][static_cast<std::size_t>(a)];
    }
    for (auto& nd : r.nodes) {
        if (nd.count == 0) continue;
        for (auto& x : nd.centroid) x /= static_cast<double>(nd.count);
        // Matched adder node from the states after at least one column; h(0) itself matches
        // "start" only in a node made of nothing else.
        const auto& v = node_truth[static_cast<std::size_t>(nd.id)];
        const std::vector<std::size_t> read(v.begin(), v.begin() + truth.S);
        std::size_t n_read = 0;
        for (auto x : read) n_read += x;
        if (n_read == 0) {
            nd.adder_node = truth.S;
            nd.adder_purity = 1.0;
        } else {
            nd.adder_node = argmax(read);
            nd.adder_purity =
                static_cast<double>(read[static_cast<std::size_t>(nd.adder_node)]) / static_cast<double>(n_read);
        }
    }
    std::map<std::pair<int, int>, std::size_t> edge_index;
    for (int b = 0; b < n_blocks; ++b)
        for (int c = 0; c < truth.codes; ++c) {
            const int to = r.table[static_cast<std::size_t>(b)][static_cast<std::size_t>(c)];
            auto [it, fresh] = edge_index.emplace(std::make_pair(b, to), r.edges.size());
            if (fresh) r.edges.push_back(AutomatonEdge{b, to, {}, {}});
            auto& e = r.edges[it->second];
            e.columns.push_back(c);
            if (!e.label.empty()) e.label += ',';
            e.label += truth.codes == 2 ? std::to_string(c) : column_label(c);
        }
}

}  // namespace

// [SECTION] extraction ---------------------------------------------------------------------------

AutomatonResult extract_automaton(const std::vector<AutomatonTrace>& traces, const AutomatonNetHooks& hooks,
                                  const AutomatonOptions& options) {
    AutomatonResult r;
    const auto H = static_cast<std::size_t>(hooks.hidden);
    r.hidden = hooks.hidden;

    const Truth truth(options.task);
    r.inputs = truth.m.inputs;
    for (int q = 0; q < truth.S; ++q)
        r.true_names.push_back(is_add(options.task) ? adder_node_name(q)
                               : static_cast<int>(truth.m.state_names.size()) == truth.S
                                   ? truth.m.state_names[static_cast<std::size_t>(q)]
                                   : "state " + std::to_string(q) + ", print " + std::to_string(truth.printed(q)));
    r.true_names.push_back("start");
    const TracePoints p = collect_points(traces, H, truth);
    r.points = p.truth.size();
    if (r.points == 0 || H == 0) return r;

    Clustering cl = cluster_points(p.pts, H, options.radius, options.max_clusters, options.lloyd_iterations);
    // output_agreement: how well the activity patterns alone separate the printed bits.
    const std::vector<int> cluster_bit = split_by_printed(cl, p.pts, p.printed, H, r.output_agreement);
    const int K = cl.K();
    r.clusters = K;
    r.hit_cluster_cap = cl.hit_cap;
    r.max_radius = cl.max_radius;

    const ClusterCounts n = count_transitions(traces, cl, p.truth, truth.nodes());
    ClusterMachine m;
    m.out = cluster_bit;  // every member of a cluster prints its bit
    m.start = argmax(n.start_votes);
    r.start_only_cluster =
        n.start_votes[static_cast<std::size_t>(m.start)] == cl.count[static_cast<std::size_t>(m.start)];
    majority_transitions(m, n, K, r);
    complete_reachable(m, cl, cluster_bit, hooks, H, truth.codes, r);

    const Minimized z = minimize(m);
    const std::vector<int> bout = minimized_table(m, z, r);
    check_equivalence(bout, truth, r);
    build_graph(m, z, bout, cl, n, H, truth, r);
    return r;
}

AutomatonResult extract_automaton(const Net& net, const AutomatonOptions& options) {
    return extract_automaton(collect_traces(net, options), automaton_hooks(net), options);
}

}  // namespace carry
