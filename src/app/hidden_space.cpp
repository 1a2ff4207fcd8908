// hidden_space: point cloud of hidden states, PCA, colours, camera (see hidden_space.h).
#include "app/hidden_space.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "app/palette.h"
#include "app/state_graph.h"
#include "core/automaton.h"
#include "core/task.h"

namespace carry {

HiddenCloud hidden_cloud(const Net& net, int sums, int bits, std::uint64_t seed, const Task& task) {
    HiddenCloud c;
    const int H = net.hidden();
    c.hidden = H;
    c.adder = is_add(task);
    if (c.adder) {
        c.names = {"no carry, prints 0", "no carry, prints 1", "carry, prints 0", "carry, prints 1", "start h(0)"};
    } else {
        const Machine m = task_minimal_machine(task);
        c.true_states = m.states();
        for (int s = 0; s < m.states(); ++s) {
            const bool named = static_cast<std::size_t>(s) < m.state_names.size() && !m.state_names[s].empty();
            c.names.push_back(named ? m.state_names[static_cast<std::size_t>(s)]
                                    : "state " + std::to_string(s) + ", prints " +
                                          std::to_string(m.printed[static_cast<std::size_t>(s)]));
        }
        c.names.emplace_back("start h(0)");
    }
    Rng rng(seed);
    std::vector<double> hs;
    c.states.reserve(static_cast<std::size_t>(sums) * static_cast<std::size_t>(bits + 2) * static_cast<std::size_t>(H));
    for (int k = 0; k < sums; ++k) {
        // The same draws for every task (random_task_pair is random_pair for add).
        const Pair p = random_task_pair(task, rng, bits);
        net_add(net, p, &hs);  // h(0) .. h(n+1): n+2 rows
        const int rows = static_cast<int>(hs.size()) / H;
        const std::vector<int> truth = c.adder ? std::vector<int>{} : task_states(task, p);
        int node = c.adder ? kAdderStart : c.true_states;
        for (int t = 0; t < rows; ++t) {
            if (t > 0)
                node = c.adder ? adder_next(node, column_a(p, t - 1) + 2 * column_b(p, t - 1))
                               : truth[static_cast<std::size_t>(t - 1)];
            c.states.insert(c.states.end(), hs.begin() + t * H, hs.begin() + (t + 1) * H);
            c.node.push_back(static_cast<std::uint8_t>(node));
        }
    }
    return c;
}

std::array<float, 3> cloud_node_rgb(const HiddenCloud& cloud, int node) {
    if (cloud.adder) return node_rgb(node);
    return state_rgb(node >= cloud.true_states ? -1 : node, cloud.true_states);
}

ImU32 cloud_node_color(const HiddenCloud& cloud, int node) {
    const auto c = cloud_node_rgb(cloud, node);
    return IM_COL32(static_cast<int>(c[0] * 255), static_cast<int>(c[1] * 255), static_cast<int>(c[2] * 255), 255);
}

std::array<float, 3> SpaceProjection::project(const double* h) const {
    std::array<float, 3> out{0.0f, 0.0f, 0.0f};
    if (!pca) {
        for (int k = 0; k < std::min(hidden, 3); ++k)
            out[static_cast<std::size_t>(k)] = static_cast<float>(2.0 * h[k] - 1.0);
        return out;
    }
    for (std::size_t a = 0; a < 3; ++a) {
        double s = 0.0;
        for (int i = 0; i < hidden; ++i)
            s += (h[i] - mean[static_cast<std::size_t>(i)]) * axes[a][static_cast<std::size_t>(i)];
        out[a] = static_cast<float>(s * scale);
    }
    return out;
}

SpaceProjection fit_projection(const HiddenCloud& cloud) {
    SpaceProjection p;
    const int H = cloud.hidden;
    p.hidden = H;
    const std::size_t N = cloud.node.size();
    if (H <= 3 || N == 0) return p;
    p.pca = true;
    const auto h = static_cast<std::size_t>(H);
    p.mean.assign(h, 0.0);
    for (std::size_t n = 0; n < N; ++n)
        for (std::size_t i = 0; i < h; ++i) p.mean[i] += cloud.states[n * h + i];
    for (double& m : p.mean) m /= static_cast<double>(N);
    std::vector<double> cov(h * h, 0.0);
    for (std::size_t n = 0; n < N; ++n) {
        const double* x = &cloud.states[n * h];
        for (std::size_t i = 0; i < h; ++i)
            for (std::size_t j = 0; j < h; ++j) cov[i * h + j] += (x[i] - p.mean[i]) * (x[j] - p.mean[j]);
    }
    double total = 0.0;
    for (std::size_t i = 0; i < h; ++i) total += cov[i * h + i];
    for (std::size_t a = 0; a < 3; ++a) {
        std::vector<double> v(h), w(h);
        for (std::size_t i = 0; i < h; ++i) v[i] = 1.0 + 0.1 * static_cast<double>(i);  // fixed start
        double lambda = 0.0;
        for (int it = 0; it < 300; ++it) {
            for (std::size_t i = 0; i < h; ++i) {
                double s = 0.0;
                for (std::size_t j = 0; j < h; ++j) s += cov[i * h + j] * v[j];
                w[i] = s;
            }
            double norm = 0.0;
            for (double x : w) norm += x * x;
            norm = std::sqrt(norm);
            if (!(norm > 1e-300)) break;
            lambda = norm;
            for (std::size_t i = 0; i < h; ++i) v[i] = w[i] / norm;
        }
        // Sign: the largest component positive.
        std::size_t big = 0;
        for (std::size_t i = 1; i < h; ++i)
            if (std::fabs(v[i]) > std::fabs(v[big])) big = i;
        if (v[big] < 0)
            for (double& x : v) x = -x;
        p.axes[a] = v;
        p.variance[a] = total > 0 ? lambda / total : 0.0;
        for (std::size_t i = 0; i < h; ++i)  // deflate
            for (std::size_t j = 0; j < h; ++j) cov[i * h + j] -= lambda * v[i] * v[j];
    }
    double biggest = 0.0;
    p.scale = 1.0;
    for (std::size_t n = 0; n < N; ++n) {
        const auto q = p.project(&cloud.states[n * h]);
        for (float x : q) biggest = std::max(biggest, static_cast<double>(std::fabs(x)));
    }
    p.scale = biggest > 1e-9 ? 1.0 / biggest : 1.0;
    return p;
}

namespace {

// Cluster centres picked farthest-first: the first point, then repeatedly the point farthest from
// every centre so far, until every point lies within `radius` of one (or `cap` centres). `nearest`
// (N) receives each point's centre, the first of equals.
std::vector<std::size_t> farthest_first_centres(const HiddenCloud& cloud, double radius, int cap,
                                                std::vector<int>& nearest) {
    const std::size_t h = static_cast<std::size_t>(cloud.hidden), N = cloud.node.size();
    std::vector<std::size_t> centres;
    std::vector<double> dist(N, 1e300);
    nearest.assign(N, 0);
    std::size_t next = 0;
    while (static_cast<int>(centres.size()) < cap) {
        centres.push_back(next);
        const double* c = &cloud.states[next * h];
        double far = -1.0;
        std::size_t far_i = 0;
        for (std::size_t n = 0; n < N; ++n) {
            double d = 0.0;
            for (std::size_t i = 0; i < h; ++i) {
                const double e = cloud.states[n * h + i] - c[i];
                d += e * e;
            }
            if (d < dist[n]) {
                dist[n] = d;
                nearest[n] = static_cast<int>(centres.size()) - 1;
            }
            if (dist[n] > far) {
                far = dist[n];
                far_i = n;
            }
        }
        if (far <= radius * radius) break;
        next = far_i;
    }
    return centres;
}

}  // namespace

int count_clusters(const HiddenCloud& cloud, double radius, int cap) {
    if (cloud.node.empty()) return 0;
    std::vector<int> nearest;
    return static_cast<int>(farthest_first_centres(cloud, radius, cap, nearest).size());
}

std::vector<SpaceCluster> space_clusters(const HiddenCloud& cloud, const SpaceProjection& projection, double radius,
                                         int cap) {
    const std::size_t h = static_cast<std::size_t>(cloud.hidden), N = cloud.node.size();
    std::vector<SpaceCluster> out;
    if (N == 0 || h == 0) return out;
    // Centres farthest-first, exactly as count_clusters() picks them.
    std::vector<int> nearest;
    const std::vector<std::size_t> centres = farthest_first_centres(cloud, radius, cap, nearest);
    // Members: mean position (in the cube) and the adder node most of them were at.
    const std::size_t K = centres.size();
    std::vector<std::array<double, 3>> sum(K, {0.0, 0.0, 0.0});
    const std::size_t ids = static_cast<std::size_t>(cloud.true_states) + 1;  // the start last
    std::vector<std::vector<int>> votes(K, std::vector<int>(std::max<std::size_t>(ids, kAdderNodes + 1), 0));
    out.resize(K);
    for (std::size_t n = 0; n < N; ++n) {
        const auto k = static_cast<std::size_t>(nearest[n]);
        const auto q = projection.project(&cloud.states[n * h]);
        for (std::size_t a = 0; a < 3; ++a) sum[k][a] += q[a];
        ++out[k].count;
        ++votes[k][std::min<std::size_t>(cloud.node[n], votes[k].size() - 1)];
    }
    for (std::size_t k = 0; k < K; ++k) {
        for (std::size_t a = 0; a < 3; ++a)
            out[k].centre[a] = static_cast<float>(sum[k][a] / std::max(out[k].count, 1));
        out[k].node = static_cast<int>(std::max_element(votes[k].begin(), votes[k].end()) - votes[k].begin());
        out[k].color = cloud_node_color(cloud, out[k].node);
    }
    std::stable_sort(out.begin(), out.end(),
                     [](const SpaceCluster& a, const SpaceCluster& b) { return a.count > b.count; });
    return out;
}

std::string space_summary(int patterns, int states) {
    char buf[96];
    if (states < 0)
        std::snprintf(buf, sizeof buf, "%d activity pattern%s", patterns, patterns == 1 ? "" : "s");
    else
        std::snprintf(buf, sizeof buf, "%d activity pattern%s, %d state%s after minimization", patterns,
                      patterns == 1 ? "" : "s", states, states == 1 ? "" : "s");
    return buf;
}

namespace {

// Eye-space depth of a world point (larger: farther from the camera).
float eye_depth(const Mat4& v, const std::array<float, 3>& x) {
    return -(v[2] * x[0] + v[6] * x[1] + v[10] * x[2] + v[14]);
}

bool overlaps(const ImVec2& a0, const ImVec2& a1, const ImVec2& b0, const ImVec2& b1) {
    return a0.x < b1.x && b0.x < a1.x && a0.y < b1.y && b0.y < a1.y;
}

// Does a rectangle come within `r` of a circle's centre?
bool covers_circle(const ImVec2& r0, const ImVec2& r1, const ImVec2& c, float r) {
    const float dx = std::max({r0.x - c.x, 0.0f, c.x - r1.x}), dy = std::max({r0.y - c.y, 0.0f, c.y - r1.y});
    return dx * dx + dy * dy < r * r;
}

// The overlay's view: where a point of the cube lands on screen, and where a label fits.
struct OverlayView {
    const Mat4& view;
    const Mat4& proj;
    ImVec2 p0, size;
    // A label's top-left corner, centred on c but kept inside the view.
    ImVec2 inside_view(ImVec2 c, ImVec2 ts) const {
        return ImVec2(std::clamp(c.x - ts.x * 0.5f, p0.x + 2.0f, std::max(p0.x + 2.0f, p0.x + size.x - ts.x - 2.0f)),
                      std::clamp(c.y - ts.y * 0.5f, p0.y + 1.0f, std::max(p0.y + 1.0f, p0.y + size.y - ts.y - 1.0f)));
    }
    bool to_screen(const std::array<float, 3>& q, ImVec2* out) const {
        float sx = 0, sy = 0;
        if (!project_point(view, proj, q, &sx, &sy)) return false;
        *out = ImVec2(p0.x + sx * size.x, p0.y + sy * size.y);
        return true;
    }
};

struct Ring {
    ImVec2 c;
    float r;
    int count;
};
using Placed = std::vector<std::pair<ImVec2, ImVec2>>;  // text rectangles drawn so far

// Halos: a ring around each cluster big enough to matter.
std::vector<Ring> draw_cluster_rings(ImDrawList* dl, const OverlayView& ov, const std::vector<SpaceCluster>& clusters,
                                     std::size_t points) {
    std::vector<Ring> rings;
    const float ring_r = ImGui::GetFontSize() * 1.3f;
    for (const SpaceCluster& k : clusters) {
        if (static_cast<double>(k.count) < 0.01 * static_cast<double>(points)) continue;
        ImVec2 c;
        if (!ov.to_screen(k.centre, &c)) continue;
        rings.push_back({c, ring_r, k.count});
        const ImU32 col = k.color;
        dl->AddCircle(c, ring_r, (col & 0x00FFFFFFu) | 0x40000000u, 32, 7.0f);  // soft halo
        dl->AddCircle(c, ring_r, col, 32, 1.5f);
    }
    return rings;
}

// Each ring's count outside the ring, away from the cube's centre (where the other clusters are).
void draw_ring_counts(ImDrawList* dl, const OverlayView& ov, const std::vector<Ring>& rings, ImVec2 mid,
                      Placed& placed) {
    for (std::size_t i = 0; i < rings.size(); ++i) {
        char buf[24];
        std::snprintf(buf, sizeof buf, "%d", rings[i].count);
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        float dx = rings[i].c.x - mid.x, dy = rings[i].c.y - mid.y;
        const float len = std::sqrt(dx * dx + dy * dy);
        if (len < 1.0f)
            dx = 1.0f, dy = 0.0f;
        else
            dx /= len, dy /= len;
        // Outward until it covers no other count (two clusters can sit close together).
        ImVec2 t0, t1;
        for (int step = 0; step < 8; ++step) {
            const float out = rings[i].r + 3.0f + 0.5f * (std::fabs(dx) * ts.x + std::fabs(dy) * ts.y) +
                              static_cast<float>(step) * ts.y;
            t0 = ov.inside_view(ImVec2(rings[i].c.x + dx * out, rings[i].c.y + dy * out), ts);
            t1 = ImVec2(t0.x + ts.x, t0.y + ts.y);
            bool clear = true;
            for (const auto& pr : placed)
                clear = clear && !overlaps(ImVec2(t0.x - 2, t0.y), ImVec2(t1.x + 2, t1.y), pr.first, pr.second);
            if (clear) break;
        }
        dl->AddRectFilled(ImVec2(t0.x - 2, t0.y), ImVec2(t1.x + 2, t1.y), pal().label_bg, 3.0f);
        dl->AddText(t0, pal().text, buf);
        placed.emplace_back(t0, t1);
    }
}

// Corner labels (H = 3: the 8 binary patterns of h1 h2 h3), nearest corners first; each moved
// outward along the ray from the cube's centre until it covers no ring and no earlier label,
// and left out if it cannot be placed within a few steps (it would sit on the data).
void draw_corner_labels(ImDrawList* dl, const OverlayView& ov, const std::vector<Ring>& rings, ImVec2 mid,
                        Placed& placed) {
    const float fs = ImGui::GetFontSize();
    std::array<int, 8> order{0, 1, 2, 3, 4, 5, 6, 7};
    auto corner = [](int c) {
        return std::array<float, 3>{(c & 4) ? 1.f : -1.f, (c & 2) ? 1.f : -1.f, (c & 1) ? 1.f : -1.f};
    };
    std::sort(order.begin(), order.end(),
              [&](int a, int b) { return eye_depth(ov.view, corner(a)) < eye_depth(ov.view, corner(b)); });
    for (int c : order) {
        ImVec2 s;
        if (!ov.to_screen(corner(c), &s)) continue;
        char buf[8];
        std::snprintf(buf, sizeof buf, "%d%d%d", (c >> 2) & 1, (c >> 1) & 1, c & 1);
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        float dx = s.x - mid.x, dy = s.y - mid.y;
        const float len = std::sqrt(dx * dx + dy * dy);
        if (len < 1.0f)
            dx = 0.0f, dy = -1.0f;
        else
            dx /= len, dy /= len;
        bool ok = false;
        ImVec2 t0, t1;
        for (int step = 0; step < 6 && !ok; ++step) {
            const float out =
                4.0f + 0.5f * (std::fabs(dx) * ts.x + std::fabs(dy) * ts.y) + static_cast<float>(step) * fs * 0.6f;
            t0 = ov.inside_view(ImVec2(s.x + dx * out, s.y + dy * out), ts);
            t1 = ImVec2(t0.x + ts.x, t0.y + ts.y);
            ok = true;
            for (const Ring& r : rings) ok = ok && !covers_circle(t0, t1, r.c, r.r + 2.0f);
            for (const auto& pr : placed) ok = ok && !overlaps(t0, t1, pr.first, pr.second);
        }
        if (!ok) continue;
        dl->AddText(t0, pal().dim, buf);
        placed.emplace_back(t0, t1);
    }
}

}  // namespace

void draw_space_overlay(ImDrawList* dl, const Mat4& view, const Mat4& proj, ImVec2 p0, ImVec2 size,
                        const std::vector<SpaceCluster>& clusters, std::size_t points, int hidden) {
    const OverlayView ov{view, proj, p0, size};
    ImVec2 mid;
    if (!ov.to_screen({0.0f, 0.0f, 0.0f}, &mid)) mid = ImVec2(p0.x + size.x * 0.5f, p0.y + size.y * 0.5f);
    dl->PushClipRect(p0, ImVec2(p0.x + size.x, p0.y + size.y), true);
    const std::vector<Ring> rings = draw_cluster_rings(dl, ov, clusters, points);
    Placed placed;
    draw_ring_counts(dl, ov, rings, mid, placed);
    if (hidden == 3) draw_corner_labels(dl, ov, rings, mid, placed);
    dl->PopClipRect();
}

std::array<float, 3> node_rgb(int node) {
    // Okabe–Ito: no carry = blues, carry = warm; printed 0 lighter, printed 1 stronger.
    switch (node) {
        case 0: return {86 / 255.f, 180 / 255.f, 233 / 255.f};   // sky blue: no carry, print 0
        case 1: return {0 / 255.f, 158 / 255.f, 115 / 255.f};    // bluish green: no carry, print 1
        case 2: return {230 / 255.f, 159 / 255.f, 0 / 255.f};    // orange: carry, print 0
        case 3: return {204 / 255.f, 121 / 255.f, 167 / 255.f};  // reddish purple: carry, print 1
        default: return {0.75f, 0.75f, 0.75f};                   // start
    }
}

ImU32 node_color(int node) {
    const auto c = node_rgb(node);
    return IM_COL32(static_cast<int>(c[0] * 255), static_cast<int>(c[1] * 255), static_cast<int>(c[2] * 255), 255);
}

Mat4 orbit_view(float yaw, float pitch, float distance) {
    // Eye on a sphere around the origin; look at the origin; y up.
    const float cp = std::cos(pitch), sp = std::sin(pitch), cy = std::cos(yaw), sy = std::sin(yaw);
    const float ex = distance * cp * sy, ey = distance * sp, ez = distance * cp * cy;
    // Forward f = -eye/|eye|, right r = normalize(f x up), up' = r x f.
    const float fx = -ex / distance, fy = -ey / distance, fz = -ez / distance;
    float rx = -fz, ry = 0.0f, rz = fx;  // f x (0,1,0) = (-fz, 0, fx)
    const float rl = std::sqrt(rx * rx + rz * rz);
    rx /= rl;
    rz /= rl;
    const float ux = ry * fz - rz * fy, uy = rz * fx - rx * fz, uz = rx * fy - ry * fx;
    Mat4 m{};
    m[0] = rx;
    m[4] = ry;
    m[8] = rz;
    m[1] = ux;
    m[5] = uy;
    m[9] = uz;
    m[2] = -fx;
    m[6] = -fy;
    m[10] = -fz;
    m[12] = -(rx * ex + ry * ey + rz * ez);
    m[13] = -(ux * ex + uy * ey + uz * ez);
    m[14] = (fx * ex + fy * ey + fz * ez);
    m[15] = 1.0f;
    return m;
}

Mat4 perspective(float fovy, float aspect, float n, float f) {
    const float t = 1.0f / std::tan(fovy * 0.5f);
    Mat4 m{};
    m[0] = t / aspect;
    m[5] = t;
    m[10] = (f + n) / (n - f);
    m[11] = -1.0f;
    m[14] = 2.0f * f * n / (n - f);
    return m;
}

void fit_cube_to_view(Mat4& proj, float pitch, float distance, float zoom, float margin) {
    // The corners' extent on screen over a full turn of yaw (x is symmetric; y is not: seen from
    // above, the near bottom corners come lower than the far top ones rise).
    float xmax = 1e-3f, ymin = 1e9f, ymax = -1e9f;
    for (int k = 0; k < 48; ++k) {
        const Mat4 view = orbit_view(static_cast<float>(k) * 6.2831853f / 48.0f, pitch, distance);
        for (int c = 0; c < 8; ++c) {
            const std::array<float, 3> q{(c & 4) ? 1.f : -1.f, (c & 2) ? 1.f : -1.f, (c & 1) ? 1.f : -1.f};
            float sx = 0, sy = 0;
            if (!project_point(view, proj, q, &sx, &sy)) continue;
            const float nx = sx * 2.0f - 1.0f, ny = 1.0f - sy * 2.0f;  // back to normalized device coordinates
            xmax = std::max(xmax, std::fabs(nx));
            ymin = std::min(ymin, ny);
            ymax = std::max(ymax, ny);
        }
    }
    if (ymax <= ymin) return;
    const float cy = 0.5f * (ymin + ymax);
    const float k = std::min((1.0f - margin) / xmax, (1.0f - margin) * 2.0f / (ymax - ymin)) * zoom;
    // x_ndc' = k x_ndc, y_ndc' = k (y_ndc - cy): rows 0 and 1 of the clip transform, w (row 3) kept.
    for (int col = 0; col < 4; ++col) {
        float* m = &proj[static_cast<std::size_t>(col * 4)];
        m[0] = k * m[0];
        m[1] = k * (m[1] - cy * m[3]);
    }
}

bool project_point(const Mat4& v, const Mat4& p, const std::array<float, 3>& x, float* sx, float* sy) {
    float e[4];
    for (int r = 0; r < 4; ++r)
        e[r] = v[static_cast<std::size_t>(r)] * x[0] + v[static_cast<std::size_t>(4 + r)] * x[1] +
               v[static_cast<std::size_t>(8 + r)] * x[2] + v[static_cast<std::size_t>(12 + r)];
    float c[4];
    for (int r = 0; r < 4; ++r)
        c[r] = p[static_cast<std::size_t>(r)] * e[0] + p[static_cast<std::size_t>(4 + r)] * e[1] +
               p[static_cast<std::size_t>(8 + r)] * e[2] + p[static_cast<std::size_t>(12 + r)] * e[3];
    if (c[3] <= 1e-6f) return false;
    *sx = (c[0] / c[3]) * 0.5f + 0.5f;
    *sy = 0.5f - (c[1] / c[3]) * 0.5f;
    return true;
}

}  // namespace carry
