// hidden_space: point cloud of hidden states, PCA, colours, camera (see hidden_space.h).
#include "app/hidden_space.h"

#include <algorithm>
#include <cmath>

#include "core/automaton.h"
#include "core/task.h"

namespace carry {

HiddenCloud hidden_cloud(const Net& net, int sums, int bits, std::uint64_t seed) {
  HiddenCloud c;
  const int H = net.hidden();
  c.hidden = H;
  Rng rng(seed);
  std::vector<double> hs;
  c.states.reserve(static_cast<std::size_t>(sums) * static_cast<std::size_t>(bits + 2) * static_cast<std::size_t>(H));
  for (int k = 0; k < sums; ++k) {
    const Pair p = random_pair(rng, bits);
    net_add(net, p, &hs);  // h(0) .. h(n+1): n+2 rows
    const int rows = static_cast<int>(hs.size()) / H;
    int node = kAdderStart;
    for (int t = 0; t < rows; ++t) {
      if (t > 0) node = adder_next(node, column_a(p, t - 1) + 2 * column_b(p, t - 1));
      c.states.insert(c.states.end(), hs.begin() + t * H, hs.begin() + (t + 1) * H);
      c.node.push_back(static_cast<std::uint8_t>(node));
    }
  }
  return c;
}

std::array<float, 3> SpaceProjection::project(const double* h) const {
  std::array<float, 3> out{0.0f, 0.0f, 0.0f};
  if (!pca) {
    for (int k = 0; k < std::min(hidden, 3); ++k) out[static_cast<std::size_t>(k)] = static_cast<float>(2.0 * h[k] - 1.0);
    return out;
  }
  for (std::size_t a = 0; a < 3; ++a) {
    double s = 0.0;
    for (int i = 0; i < hidden; ++i) s += (h[i] - mean[static_cast<std::size_t>(i)]) * axes[a][static_cast<std::size_t>(i)];
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
    for (std::size_t i = 1; i < h; ++i) if (std::fabs(v[i]) > std::fabs(v[big])) big = i;
    if (v[big] < 0) for (double& x : v) x = -x;
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

int count_clusters(const HiddenCloud& cloud, double radius, int cap) {
  const std::size_t h = static_cast<std::size_t>(cloud.hidden), N = cloud.node.size();
  if (N == 0) return 0;
  std::vector<double> dist(N, 1e300);
  std::size_t next = 0;
  int k = 0;
  while (k < cap) {
    ++k;
    const double* c = &cloud.states[next * h];
    double far = -1.0;
    std::size_t far_i = 0;
    for (std::size_t n = 0; n < N; ++n) {
      double d = 0.0;
      for (std::size_t i = 0; i < h; ++i) { const double e = cloud.states[n * h + i] - c[i]; d += e * e; }
      dist[n] = std::min(dist[n], d);
      if (dist[n] > far) { far = dist[n]; far_i = n; }
    }
    if (far <= radius * radius) break;
    next = far_i;
  }
  return k;
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
  rx /= rl; rz /= rl;
  const float ux = ry * fz - rz * fy, uy = rz * fx - rx * fz, uz = rx * fy - ry * fx;
  Mat4 m{};
  m[0] = rx; m[4] = ry; m[8] = rz;
  m[1] = ux; m[5] = uy; m[9] = uz;
  m[2] = -fx; m[6] = -fy; m[10] = -fz;
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

bool project_point(const Mat4& v, const Mat4& p, const std::array<float, 3>& x, float* sx, float* sy) {
  float e[4];
  for (int r = 0; r < 4; ++r) e[r] = v[static_cast<std::size_t>(r)] * x[0] + v[static_cast<std::size_t>(4 + r)] * x[1] + v[static_cast<std::size_t>(8 + r)] * x[2] + v[static_cast<std::size_t>(12 + r)];
  float c[4];
  for (int r = 0; r < 4; ++r) c[r] = p[static_cast<std::size_t>(r)] * e[0] + p[static_cast<std::size_t>(4 + r)] * e[1] + p[static_cast<std::size_t>(8 + r)] * e[2] + p[static_cast<std::size_t>(12 + r)] * e[3];
  if (c[3] <= 1e-6f) return false;
  *sx = (c[0] / c[3]) * 0.5f + 0.5f;
  *sy = 0.5f - (c[1] / c[3]) * 0.5f;
  return true;
}

}  // namespace carry
