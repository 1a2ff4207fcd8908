// machine: validation, minimization, equivalence, the library of tasks and their text form.
// See machine.h.
//
// [SECTION] validation     [SECTION] running and comparing     [SECTION] minimization
// [SECTION] the library    [SECTION] text form                  [SECTION] inputs and targets
#include "core/machine.h"

#include <algorithm>
#include <map>
#include <queue>
#include <stdexcept>
#include <string>

namespace carry {

// [SECTION] validation --------------------------------------------------------------------------

std::string column_text(int code, int inputs) {
    if (inputs == 1) return std::to_string(code & 1);
    return "a=" + std::to_string(code & 1) + " b=" + std::to_string((code >> 1) & 1);
}

// Breadth-first from the start: whether each state can be reached (transitions assumed in range).
static std::vector<char> reachable(const Machine& m) {
    std::vector<char> seen(static_cast<std::size_t>(m.states()), 0);
    std::queue<int> todo;
    seen[static_cast<std::size_t>(m.start)] = 1;
    todo.push(m.start);
    while (!todo.empty()) {
        const int s = todo.front();
        todo.pop();
        for (int to : m.next[static_cast<std::size_t>(s)])
            if (!seen[static_cast<std::size_t>(to)]) {
                seen[static_cast<std::size_t>(to)] = 1;
                todo.push(to);
            }
    }
    return seen;
}

std::string validate_machine(const Machine& m) {
    if (m.inputs != 1 && m.inputs != 2)
        return "inputs must be 1 or 2 (bits read per column), not " + std::to_string(m.inputs);
    const int n = m.states();
    if (n == 0) return "the machine has no states";
    if (n > kMaxMachineStates)
        return "more than " + std::to_string(kMaxMachineStates) + " states (" + std::to_string(n) + ")";
    if (static_cast<int>(m.next.size()) != n)
        return "the transition table has " + std::to_string(m.next.size()) + " rows for " + std::to_string(n) +
               " states";
    if (!m.state_names.empty() && static_cast<int>(m.state_names.size()) != n)
        return "there are " + std::to_string(m.state_names.size()) + " state names for " + std::to_string(n) +
               " states";
    if (m.start < 0 || m.start >= n) return "the start state " + std::to_string(m.start) + " does not exist";
    for (int s = 0; s < n; ++s) {
        if (m.printed[static_cast<std::size_t>(s)] > 1) return "state " + std::to_string(s) + " must print 0 or 1";
        const std::vector<int>& row = m.next[static_cast<std::size_t>(s)];
        if (static_cast<int>(row.size()) > m.codes())
            return "state " + std::to_string(s) + " has " + std::to_string(row.size()) +
                   " transitions; a machine reading " + std::to_string(m.inputs) + " bit(s) per column has " +
                   std::to_string(m.codes());
        for (int c = 0; c < m.codes(); ++c) {
            if (c >= static_cast<int>(row.size()) || row[static_cast<std::size_t>(c)] < 0)
                return "state " + std::to_string(s) + " has no transition for column " + column_text(c, m.inputs);
            const int to = row[static_cast<std::size_t>(c)];
            if (to >= n)
                return "state " + std::to_string(s) + " goes to state " + std::to_string(to) + " on column " +
                       column_text(c, m.inputs) + ", which does not exist";
        }
    }
    const std::vector<char> seen = reachable(m);
    for (int s = 0; s < n; ++s)
        if (!seen[static_cast<std::size_t>(s)])
            return "state " + std::to_string(s) + " cannot be reached from the start state";
    return "";
}

// [SECTION] running and comparing ---------------------------------------------------------------

std::vector<int> run_states(const Machine& m, const std::vector<int>& columns) {
    std::vector<int> out(columns.size());
    int s = m.start;
    for (std::size_t t = 0; t < columns.size(); ++t) {
        s = m.next[static_cast<std::size_t>(s)][static_cast<std::size_t>(columns[t] & (m.codes() - 1))];
        out[t] = s;
    }
    return out;
}

std::vector<std::uint8_t> run_machine(const Machine& m, const std::vector<int>& columns) {
    const std::vector<int> states = run_states(m, columns);
    std::vector<std::uint8_t> out(states.size());
    for (std::size_t t = 0; t < states.size(); ++t) out[t] = m.printed[static_cast<std::size_t>(states[t])];
    return out;
}

std::vector<int> first_difference(const Machine& x, const Machine& y) {
    if (x.inputs != y.inputs) return {};
    const int nx = x.states(), ny = y.states(), codes = x.codes();
    // Each product state's parent and the column that led there: the path back is the answer.
    std::vector<int> parent(static_cast<std::size_t>(nx * ny), -2), via(static_cast<std::size_t>(nx * ny), 0);
    std::queue<int> todo;
    const int root = x.start * ny + y.start;
    parent[static_cast<std::size_t>(root)] = -1;
    todo.push(root);
    while (!todo.empty()) {
        const int p = todo.front();
        todo.pop();
        for (int c = 0; c < codes; ++c) {
            const int sx = x.next[static_cast<std::size_t>(p / ny)][static_cast<std::size_t>(c)];
            const int sy = y.next[static_cast<std::size_t>(p % ny)][static_cast<std::size_t>(c)];
            const int q = sx * ny + sy;
            if (x.printed[static_cast<std::size_t>(sx)] != y.printed[static_cast<std::size_t>(sy)]) {
                std::vector<int> path{c};
                for (int at = p; parent[static_cast<std::size_t>(at)] >= 0; at = parent[static_cast<std::size_t>(at)])
                    path.push_back(via[static_cast<std::size_t>(at)]);
                std::reverse(path.begin(), path.end());
                return path;
            }
            if (parent[static_cast<std::size_t>(q)] == -2) {
                parent[static_cast<std::size_t>(q)] = p;
                via[static_cast<std::size_t>(q)] = c;
                todo.push(q);
            }
        }
    }
    return {};
}

bool machines_equivalent(const Machine& x, const Machine& y) {
    return x.inputs == y.inputs && first_difference(x, y).empty();
}

// [SECTION] minimization ------------------------------------------------------------------------
//
// The bits a machine prints are those after one or more columns, so the start's own bit is never
// seen (unless the start is also entered later, when it is seen as that later state's). So: the
// states entered after at least one column ("post" states, closed under transitions) are
// minimized as a Moore machine; then the start joins the post class with the same successors
// (preferring the one printing 0 when two differ only by their bit), or stays apart printing 0.
// This depends only on what the machine prints, so equivalent machines minimize to the same table.

Machine minimize_machine(const Machine& m) {
    const int n = m.states(), codes = m.codes();
    std::vector<char> post(static_cast<std::size_t>(n), 0);
    {
        std::queue<int> todo;
        for (int to : m.next[static_cast<std::size_t>(m.start)])
            if (!post[static_cast<std::size_t>(to)]) {
                post[static_cast<std::size_t>(to)] = 1;
                todo.push(to);
            }
        while (!todo.empty()) {
            const int s = todo.front();
            todo.pop();
            for (int to : m.next[static_cast<std::size_t>(s)])
                if (!post[static_cast<std::size_t>(to)]) {
                    post[static_cast<std::size_t>(to)] = 1;
                    todo.push(to);
                }
        }
    }
    // Moore refinement over the post states: class = (bit, classes of the successors), until stable.
    std::vector<int> cls(static_cast<std::size_t>(n), -1);
    for (int s = 0; s < n; ++s)
        if (post[static_cast<std::size_t>(s)])
            cls[static_cast<std::size_t>(s)] = m.printed[static_cast<std::size_t>(s)];
    int classes = 0;
    for (;;) {
        std::map<std::vector<int>, int> ids;
        std::vector<int> next_cls(static_cast<std::size_t>(n), -1);
        for (int s = 0; s < n; ++s) {
            if (!post[static_cast<std::size_t>(s)]) continue;
            std::vector<int> key{cls[static_cast<std::size_t>(s)]};
            for (int c = 0; c < codes; ++c)
                key.push_back(
                    cls[static_cast<std::size_t>(m.next[static_cast<std::size_t>(s)][static_cast<std::size_t>(c)])]);
            next_cls[static_cast<std::size_t>(s)] = ids.emplace(key, static_cast<int>(ids.size())).first->second;
        }
        const int count = static_cast<int>(ids.size());
        cls = next_cls;
        if (count == classes) break;  // refinement only splits: an equal count means stable
        classes = count;
    }
    // The quotient: one representative per class.
    std::vector<int> rep(static_cast<std::size_t>(classes), -1);
    for (int s = 0; s < n; ++s)
        if (post[static_cast<std::size_t>(s)] && rep[static_cast<std::size_t>(cls[static_cast<std::size_t>(s)])] < 0)
            rep[static_cast<std::size_t>(cls[static_cast<std::size_t>(s)])] = s;
    auto successors = [&](int s) {
        std::vector<int> row(static_cast<std::size_t>(codes));
        for (int c = 0; c < codes; ++c)
            row[static_cast<std::size_t>(c)] =
                cls[static_cast<std::size_t>(m.next[static_cast<std::size_t>(s)][static_cast<std::size_t>(c)])];
        return row;
    };
    const std::vector<int> start_row = successors(m.start);
    int start_cls = -1;
    for (int k = 0; k < classes; ++k)
        if (successors(rep[static_cast<std::size_t>(k)]) == start_row &&
            (start_cls < 0 || m.printed[static_cast<std::size_t>(rep[static_cast<std::size_t>(k)])] == 0))
            start_cls = k;
    // Class-level table, the start apart as class `classes` when it joined none.
    const int total = classes + (start_cls < 0 ? 1 : 0);
    std::vector<std::vector<int>> next(static_cast<std::size_t>(total));
    std::vector<std::uint8_t> bit(static_cast<std::size_t>(total), 0);
    std::vector<std::string> names(static_cast<std::size_t>(total));
    const bool named = static_cast<int>(m.state_names.size()) == n;
    for (int k = 0; k < classes; ++k) {
        const int s = rep[static_cast<std::size_t>(k)];
        next[static_cast<std::size_t>(k)] = successors(s);
        bit[static_cast<std::size_t>(k)] = m.printed[static_cast<std::size_t>(s)];
        if (named) names[static_cast<std::size_t>(k)] = m.state_names[static_cast<std::size_t>(s)];
    }
    if (start_cls < 0) {
        start_cls = classes;
        next[static_cast<std::size_t>(classes)] = start_row;
        if (named) names[static_cast<std::size_t>(classes)] = m.state_names[static_cast<std::size_t>(m.start)];
    }
    // Canonical numbering: breadth-first from the start, columns in code order.
    std::vector<int> order, number(static_cast<std::size_t>(total), -1);
    number[static_cast<std::size_t>(start_cls)] = 0;
    order.push_back(start_cls);
    for (std::size_t i = 0; i < order.size(); ++i)
        for (int to : next[static_cast<std::size_t>(order[i])])
            if (number[static_cast<std::size_t>(to)] < 0) {
                number[static_cast<std::size_t>(to)] = static_cast<int>(order.size());
                order.push_back(to);
            }
    Machine out;
    out.inputs = m.inputs;
    out.start = 0;
    for (int k : order) {
        out.printed.push_back(bit[static_cast<std::size_t>(k)]);
        std::vector<int> row;
        for (int to : next[static_cast<std::size_t>(k)]) row.push_back(number[static_cast<std::size_t>(to)]);
        out.next.push_back(row);
        if (named) out.state_names.push_back(names[static_cast<std::size_t>(k)]);
    }
    return out;
}

// [SECTION] the library -------------------------------------------------------------------------
//
// Each machine is built from the rule it follows (state -> bit printed, column -> next state), not
// typed in as a table, so its test against an independent reference function checks the rule.

namespace {

// A machine over states numbered by `count`, from the rule: print(s), step(s, code).
template <class Print, class Step, class Name>
Machine build(int inputs, int count, int start, Print print, Step step, Name name) {
    Machine m;
    m.inputs = inputs;
    m.start = start;
    for (int s = 0; s < count; ++s) {
        m.printed.push_back(static_cast<std::uint8_t>(print(s)));
        std::vector<int> row;
        for (int c = 0; c < (1 << inputs); ++c) row.push_back(step(s, c));
        m.next.push_back(row);
        m.state_names.push_back(name(s));
    }
    return m;
}

std::string bit_name(const char* what, int value, int printed) {
    return std::string(what) + " " + std::to_string(value) + ", print " + std::to_string(printed);
}

// add and subtract: state = 2 * carry (or borrow) + the bit printed.
Machine adder() {
    return build(
        2, 4, 0, [](int s) { return s & 1; },
        [](int s, int c) {
            const int v = (c & 1) + (c >> 1) + (s >> 1);
            return 2 * (v >> 1) + (v & 1);
        },
        [](int s) { return bit_name("carry", s >> 1, s & 1); });
}

Machine subtractor() {
    return build(
        2, 4, 0, [](int s) { return s & 1; },
        [](int s, int c) {
            const int d = (c & 1) - (c >> 1) - (s >> 1);  // -2..1
            return 2 * (d < 0 ? 1 : 0) + (d & 1);
        },
        [](int s) { return bit_name("borrow", s >> 1, s & 1); });
}

// The column read last is the most significant so far: it decides unless its bits are equal.
Machine greater() {
    return build(
        2, 2, 0, [](int s) { return s; }, [](int s, int c) { return c == 1   ? 1
                                                                    : c == 2 ? 0
                                                                             : s; },
        [](int s) { return std::string(s ? "a > b, print 1" : "a <= b, print 0"); });
}

Machine parity() {
    return build(
        1, 2, 0, [](int s) { return s; }, [](int s, int c) { return s ^ (c & 1); },
        [](int s) { return std::string(s ? "odd, print 1" : "even, print 0"); });
}

// The number read so far, first bit most significant: remainder r -> (2r + bit) mod 3.
Machine div3() {
    return build(
        1, 3, 0, [](int s) { return s == 0 ? 1 : 0; }, [](int s, int c) { return (2 * s + (c & 1)) % 3; },
        [](int s) { return "remainder " + std::to_string(s) + ", print " + std::to_string(s == 0 ? 1 : 0); });
}

// 3a = a + 2a: column t adds a_t, a_{t-1} and the carry. The state keeps their pending sum
// p = a_{t-1} + carry (0..2), the only thing the future needs, and the bit printed: s = 2p + bit.
Machine times3() {
    return build(
        1, 6, 0, [](int s) { return s & 1; },
        [](int s, int c) {
            const int v = (c & 1) + (s >> 1);
            return 2 * ((c & 1) + (v >> 1)) + (v & 1);
        },
        [](int s) { return bit_name("pending", s >> 1, s & 1); });
}

// The last k + 1 bits read, oldest in the high bit: prints the oldest, the bit from k columns back.
Machine delay(int k) {
    const int count = 1 << (k + 1);
    return build(
        1, count, 0, [k](int s) { return (s >> k) & 1; },
        [count](int s, int c) { return ((s << 1) | (c & 1)) & (count - 1); },
        [k](int s) {
            std::string last;
            for (int i = k; i >= 0; --i) last += static_cast<char>('0' + ((s >> i) & 1));
            return "last " + last + ", print " + std::to_string((s >> k) & 1);
        });
}

Task make(const char* name, Machine m, bool arithmetic, const char* description) {
    return Task{name, std::move(m), arithmetic, description};
}

}  // namespace

Machine delay_machine(int lag) {
    if (lag < 1 || (1 << (lag + 1)) > kMaxMachineStates)
        throw std::invalid_argument("delay_machine: lag must be 1.." + std::to_string(kMaxDelayMachineLag));
    return delay(lag);
}

// `arithmetic`: the two columns are the bits of numbers read least significant first and the
// printed bits are a number too (add, subtract, times3) or a verdict on numbers (greater), so the
// add view can show them as numbers. div3 reads its number the other way round (first bit most
// significant), parity and the delays read plain bit strings: not arithmetic.
const std::vector<Task>& task_library() {
    static const std::vector<Task> library = {
        make("add", adder(), true, "the bits of a + b (the lecture's adder; the carry is the memory)"),
        make("subtract", subtractor(), true, "the bits of a - b, two's complement (the borrow is the memory)"),
        make("greater", greater(), true, "1 while a > b on the columns read so far (the latest column decides)"),
        make("parity", parity(), false, "1 when an odd number of 1s has been read so far"),
        make("div3", div3(), false, "1 when the bits read so far, first bit most significant, are a multiple of 3"),
        make("times3", times3(), true, "the bits of 3 x a (the low n+1 bits)"),
        make("delay2", delay(2), false, "the input bit from 2 columns back (0 before the start)"),
        make("delay3", delay(3), false, "the input bit from 3 columns back (0 before the start)"),
    };
    return library;
}

const Task* find_task(std::string_view name) {
    for (const Task& t : task_library())
        if (t.name == name) return &t;
    return nullptr;
}

const Task& add_task() { return task_library().front(); }

bool is_add(const Task& t) { return t.name == "add"; }

Machine task_minimal_machine(const Task& t) {
    static const std::vector<Machine> minimal = [] {
        std::vector<Machine> v;
        for (const Task& l : task_library()) v.push_back(minimize_machine(l.machine));
        return v;
    }();
    const std::vector<Task>& lib = task_library();
    for (std::size_t i = 0; i < lib.size(); ++i)
        if (!t.name.empty() && lib[i].name == t.name) return minimal[i];
    return minimize_machine(t.machine);
}

// [SECTION] text form ---------------------------------------------------------------------------
//
// "m1.<inputs>.<start>.<state>.<state>...": 'm' and the format's version, then one field per
// state, its printed bit followed by its next state for each column code; a state number is one
// character of kDigits (64 of them, as many as kMaxMachineStates). The adder is
// "m1.2.0.00112.10112.01223.11223". Only [A-Za-z0-9._-]: safe in a link, a file, a shell.

namespace {

constexpr const char kDigits[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

int digit_value(char c) {
    for (int i = 0; i < 64; ++i)
        if (kDigits[i] == c) return i;
    return -1;
}

std::string shown(std::string_view text) {
    std::string out = "\"";
    for (std::size_t i = 0; i < text.size() && i < 40; ++i) {
        const unsigned char c = static_cast<unsigned char>(text[i]);
        if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
            const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out + (text.size() > 40 ? "...\"" : "\"");
}

std::string library_names() {
    std::string s;
    for (const Task& t : task_library()) s += (s.empty() ? "" : ", ") + t.name;
    return s;
}

std::vector<std::string_view> split_dots(std::string_view text) {
    std::vector<std::string_view> out;
    std::size_t from = 0;
    for (;;) {
        const std::size_t dot = text.find('.', from);
        out.push_back(text.substr(from, dot == std::string_view::npos ? std::string_view::npos : dot - from));
        if (dot == std::string_view::npos) return out;
        from = dot + 1;
    }
}

// The table's fields into a machine (not yet validated); "" or what is wrong with the text.
std::string decode_table(std::string_view text, Machine& m) {
    const std::vector<std::string_view> f = split_dots(text);
    if (f[0] != "m1")
        return "an encoded machine starts with \"m1.\" (this version of the format); " + shown(f[0]) +
               " is not a version this playground reads";
    if (f.size() < 4)
        return "an encoded machine needs inputs, a start state and at least one state (m1.<inputs>.<start>.<states>)";
    if (f[1] != "1" && f[1] != "2") return "inputs must be 1 or 2, not " + shown(f[1]);
    m.inputs = f[1][0] - '0';
    if (f[2].size() != 1 || digit_value(f[2][0]) < 0)
        return "the start state " + shown(f[2]) + " is not one state digit";
    m.start = digit_value(f[2][0]);
    const std::size_t states = f.size() - 3;
    if (states > static_cast<std::size_t>(kMaxMachineStates))
        return "more than " + std::to_string(kMaxMachineStates) + " states (" + std::to_string(states) + ")";
    const std::size_t width = 1 + static_cast<std::size_t>(m.codes());
    for (std::size_t s = 0; s < states; ++s) {
        const std::string_view field = f[s + 3];
        if (field.size() != width)
            return "state " + std::to_string(s) + " is " + shown(field) + ": it needs " + std::to_string(width) +
                   " characters (the bit it prints, then the next state for each of the " + std::to_string(m.codes()) +
                   " columns)";
        if (field[0] != '0' && field[0] != '1')
            return "state " + std::to_string(s) + " must print 0 or 1, not " + shown(field.substr(0, 1));
        m.printed.push_back(static_cast<std::uint8_t>(field[0] - '0'));
        std::vector<int> row;
        for (std::size_t c = 1; c < width; ++c) {
            const int to = digit_value(field[c]);
            if (to < 0)
                return "state " + std::to_string(s) + " has " + shown(field.substr(c, 1)) +
                       " where a state digit (0-9, A-Z, a-z, -, _) belongs";
            row.push_back(to);
        }
        m.next.push_back(row);
    }
    return "";
}

}  // namespace

std::string encode_machine(const Machine& m) {
    std::string s = "m1." + std::to_string(m.inputs) + "." + kDigits[m.start & 63];
    for (int k = 0; k < m.states(); ++k) {
        s += '.';
        s += static_cast<char>('0' + m.printed[static_cast<std::size_t>(k)]);
        for (int to : m.next[static_cast<std::size_t>(k)]) s += kDigits[to & 63];
    }
    return s;
}

std::string encode_task(const Task& t) {
    return !t.name.empty() && find_task(t.name) ? t.name : encode_machine(t.machine);
}

std::optional<Task> parse_task(std::string_view text, std::string* error) {
    auto fail = [&](std::string why) -> std::optional<Task> {
        if (error) *error = std::move(why);
        return std::nullopt;
    };
    if (text.empty())
        return fail("no task given: a library task (" + library_names() + ") or an encoded machine (m1....)");
    if (text.size() > kMaxTaskTextLength)
        return fail("a task is at most " + std::to_string(kMaxTaskTextLength) + " characters (this one has " +
                    std::to_string(text.size()) + ")");
    if (const Task* t = find_task(text)) return *t;
    if (text.size() < 2 || text[0] != 'm' || text[1] < '0' || text[1] > '9')
        return fail("unknown task " + shown(text) + ": not a library task (" + library_names() +
                    ") nor an encoded machine (m1....)");
    Task t;
    if (std::string why = decode_table(text, t.machine); !why.empty()) return fail("bad encoded machine: " + why);
    if (std::string why = validate_machine(t.machine); !why.empty()) return fail("bad encoded machine: " + why);
    t.description = "a designed machine (" + std::to_string(t.machine.states()) + " states, " +
                    std::to_string(t.machine.inputs) + (t.machine.inputs == 1 ? " input)" : " inputs)");
    if (error) error->clear();
    return t;
}

// [SECTION] inputs and targets ------------------------------------------------------------------

// Every task draws as the adder does (the same RNG calls); a one-input task drops b.
Pair random_task_pair(const Task& t, Rng& rng, int n) {
    Pair p = random_pair(rng, n);
    if (t.machine.inputs == 1) std::fill(p.b.begin(), p.b.end(), std::uint8_t{0});
    return p;
}

std::vector<int> task_columns(const Task& t, const Pair& p) {
    std::vector<int> cols(static_cast<std::size_t>(pair_columns(p.bits())));
    for (int c = 0; c <= p.bits(); ++c)
        cols[static_cast<std::size_t>(c)] = t.machine.inputs == 1 ? column_a(p, c) : column_code(p, c);
    return cols;
}

BitVector task_targets(const Task& t, const Pair& p) {
    if (is_add(t)) return true_sum(p);
    return run_machine(t.machine, task_columns(t, p));
}

std::vector<int> task_states(const Task& t, const Pair& p) {
    return run_states(task_minimal_machine(t), task_columns(t, p));
}

}  // namespace carry
