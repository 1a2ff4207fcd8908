// mathx: exp, log and the logistic function from + - * / and bit tricks only (no libm), so native
// builds (glibc) and WebAssembly (musl) give bit-identical results. See TOOLCHAIN.md.
//
// Implements:
//   - det_exp / det_log / softplus / logistic_cross_entropy (scalar, about 1 ulp)
//   - f64x2 (two doubles, GCC/clang vector extension) and Lanes<V>: kernels are written once for
//     double and f64x2; SSE2 natively, SIMD128 in WebAssembly; lane-wise IEEE arithmetic only
//   - sigmoid / sigmoid_n: the logistic with one division, N values in lockstep (about 2 ulp)
//   - opaque(): keeps a kernel out of binaryen's inliner (see there)
//
// det_exp: fdlibm's algorithm (argument reduction by ln2 with a hi/lo split, a rational
// approximation on |r| <= ln2/2); error below 1 ulp. Rounding of x/ln2 uses the 1.5*2^52
// shifter (pure FP add, round-to-nearest), so the function has no branches and vectorizes.
// Nothing here may be compiled with -ffast-math or FMA contraction (GCC in ISO mode and
// WebAssembly without relaxed-simd have none): test_determinism checks the result.
#pragma once

#include <cstdint>
#include <cstring>
#include <limits>

namespace carry {

inline double bits_to_double(std::uint64_t u) {
    double d;
    std::memcpy(&d, &u, sizeof d);
    return d;
}
inline std::uint64_t double_to_bits(double d) {
    std::uint64_t u;
    std::memcpy(&u, &d, sizeof u);
    return u;
}

// e^x, x clamped to [-700, 700] (the result stays a normal double). NaN gives NaN.
inline double det_exp(double x) {
    constexpr double kShift = 6755399441055744.0;  // 1.5 * 2^52
    constexpr double kInvLn2 = 1.44269504088896338700e+00;
    constexpr double kLn2Hi = 6.93147180369123816490e-01;
    constexpr double kLn2Lo = 1.90821492927058770002e-10;
    constexpr double P1 = 1.66666666666666019037e-01;
    constexpr double P2 = -2.77777777770155933842e-03;
    constexpr double P3 = 6.61375632143793436117e-05;
    constexpr double P4 = -1.65339022054652515390e-06;
    constexpr double P5 = 4.13813679705723846039e-08;
    x = x < -700.0 ? -700.0 : x;
    x = x > 700.0 ? 700.0 : x;
    const double kt = x * kInvLn2 + kShift;  // k = round(x / ln2) sits in the low mantissa bits
    const double k = kt - kShift;
    const double hi = x - k * kLn2Hi;  // exact: kLn2Hi has trailing zero bits
    const double lo = k * kLn2Lo;
    const double r = hi - lo;
    const double t = r * r;
    const double c = r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
    const double y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi);
    // 2^k from k's two's-complement bits in kt's mantissa: exponent field = k + 1023.
    const std::uint64_t scale_bits = (double_to_bits(kt) + 1023u) << 52;
    return y * bits_to_double(scale_bits);
}

// ---- Two-lane vectors (GCC/clang vector extension: SSE2 natively, SIMD128 in WebAssembly).
// Every operation is lane-wise IEEE arithmetic, so a lane computes exactly what the scalar code
// computes: the SIMD width never changes a result.
typedef double f64x2 __attribute__((vector_size(16)));
typedef std::uint64_t u64x2 __attribute__((vector_size(16)));

inline f64x2 splat2(double x) { return f64x2{x, x}; }
inline f64x2 load2(const double* p) {
    f64x2 v;
    std::memcpy(&v, p, sizeof v);
    return v;
}
inline void store2(double* p, f64x2 v) { std::memcpy(p, &v, sizeof v); }

// Lane traits so kernels can be written once for double and for f64x2.
template <class V>
struct Lanes;
template <>
struct Lanes<double> {
    static constexpr int width = 1;
    static double splat(double x) { return x; }
    static double load(const double* p) { return *p; }
    static void store(double* p, double v) { *p = v; }
    static double max(double a, double b) { return a < b ? b : a; }  // a when a is NaN
    static double min(double a, double b) { return a > b ? b : a; }
    static std::uint64_t bits(double x) { return double_to_bits(x); }
    static double from_bits(std::uint64_t u) { return bits_to_double(u); }
};
template <>
struct Lanes<f64x2> {
    static constexpr int width = 2;
    static f64x2 splat(double x) { return splat2(x); }
    static f64x2 load(const double* p) { return load2(p); }
    static void store(double* p, f64x2 v) { store2(p, v); }
    // Same results as the scalar versions lane by lane, NaN in `a` kept (the signs of equal
    // zeros may differ, which the clamps below never meet): one maxpd/minpd natively,
    // f64x2.pmax/pmin in WebAssembly.
#if defined(__wasm_simd128__)
    static f64x2 max(f64x2 a, f64x2 b) { return __builtin_wasm_pmax_f64x2(a, b); }  // a < b ? b : a
    static f64x2 min(f64x2 a, f64x2 b) { return __builtin_wasm_pmin_f64x2(a, b); }  // b < a ? b : a
#elif defined(__SSE2__) && !defined(__clang__)
    static f64x2 max(f64x2 a, f64x2 b) { return __builtin_ia32_maxpd(b, a); }  // b > a ? b : a
    static f64x2 min(f64x2 a, f64x2 b) { return __builtin_ia32_minpd(b, a); }  // b < a ? b : a
#else
    static f64x2 max(f64x2 a, f64x2 b) { return a < b ? b : a; }
    static f64x2 min(f64x2 a, f64x2 b) { return a > b ? b : a; }
#endif
    static u64x2 bits(f64x2 x) { return (u64x2)x; }
    static f64x2 from_bits(u64x2 u) { return (f64x2)u; }
};

// Logistic 1 / (1 + e^-x) with a single division: e^r = (2 + 2r - c) / (2 - c) (the form behind
// fdlibm's exp), so sigmoid = (2-c) / ((2-c) + 2^k (2+2r-c)) with -x = k ln2 + r. About 2 ulp.
// N independent values are computed in lockstep (each step for all N before the next), so any
// compiler and any WebAssembly engine sees N interleaved dependency chains: this doubled the
// speed under V8. Each value goes through exactly the same operations whatever N is.
// For n >= kOneMinusFrom, one_minus[n - kOneMinusFrom] receives 1 - sigmoid(x[n]) as its own quotient (full
// precision even when sigmoid is close to 1), for the cross-entropy.
// Fully unrolled loops keep the lockstep arrays in registers (clang would otherwise leave them
// in memory: WebAssembly's shadow stack).
// CARRY_UNROLL4 unrolls a loop of unknown trip count by 4 (same operations, same order: only
// fewer loop branches, which V8 does not remove by itself).
#if defined(__clang__)
#define CARRY_UNROLL _Pragma("unroll")
#define CARRY_UNROLL4 _Pragma("unroll 4")
#else
#define CARRY_UNROLL _Pragma("GCC unroll 16")
#define CARRY_UNROLL4 _Pragma("GCC unroll 4")
#endif

template <class V, int N, int kOneMinusFrom>
[[gnu::always_inline]] inline void sigmoid_lockstep(V* x, V* one_minus) {
    using LT = Lanes<V>;
    const V shift = LT::splat(6755399441055744.0);  // 1.5 * 2^52: adding it rounds to an integer
    V kt[N], r[N], r2[N], den[N], sn[N];
    CARRY_UNROLL for (int n = 0; n < N; ++n) {
        V t = LT::max(-x[n], LT::splat(-700.0));  // t = -x clamped to [-700, 700]; NaN stays NaN
        t = LT::min(t, LT::splat(700.0));
        kt[n] = t * LT::splat(1.44269504088896338700e+00) + shift;
        const V k = kt[n] - shift;
        const V hi = t - k * LT::splat(6.93147180369123816490e-01);  // exact: ln2hi has trailing zeros
        const V lo = k * LT::splat(1.90821492927058770002e-10);
        r[n] = hi - lo;
    }
    CARRY_UNROLL for (int n = 0; n < N; ++n) r2[n] = r[n] * r[n];
    CARRY_UNROLL for (int n = 0; n < N; ++n) {
        const V r4 = r2[n] * r2[n];
        // fdlibm's P1..P5 in Estrin's order (shorter dependency chain than Horner).
        const V poly = (LT::splat(1.66666666666666019037e-01) + r2[n] * LT::splat(-2.77777777770155933842e-03)) +
                       r4 * ((LT::splat(6.61375632143793436117e-05) + r2[n] * LT::splat(-1.65339022054652515390e-06)) +
                             r4 * LT::splat(4.13813679705723846039e-08));
        const V c = r[n] - r2[n] * poly;
        den[n] = LT::splat(2.0) - c;
        const V num = den[n] + (r[n] + r[n]);
        // e^-x = 2^k num / den. num * 2^k by adding k to num's exponent field: kt's low 12 bits are
        // k (two's complement), and num in [1.3, 2.7] times 2^k stays a normal double for
        // |k| <= 1010, so this is exactly the product, without a multiply (the multipliers are
        // this function's bottleneck: one of them is busy with the division).
        sn[n] = LT::from_bits(LT::bits(num) + (LT::bits(kt[n]) << 52));
    }
    CARRY_UNROLL for (int n = 0; n < N; ++n) {
        const V q = den[n] + sn[n];
        if (n >= kOneMinusFrom) one_minus[n - kOneMinusFrom] = sn[n] / q;
        x[n] = den[n] / q;
    }
}

// In place: x[n] <- sigmoid(x[n]) for n < N.
template <class V, int N>
inline void sigmoid_n(V* x) {
    sigmoid_lockstep<V, N, N>(x, nullptr);
}
// Same, and one_minus[n] <- 1 - sigmoid(x[n]).
template <class V, int N>
inline void sigmoid_n(V* x, V* one_minus) {
    sigmoid_lockstep<V, N, 0>(x, one_minus);
}
// Same, with one_minus only for the last value (one division fewer per other value).
template <class V, int N>
inline void sigmoid_n_last_one_minus(V* x, V* one_minus_last) {
    sigmoid_lockstep<V, N, N - 1>(x, one_minus_last);
}

template <class V>
inline V sigmoid_v(V x) {
    sigmoid_n<V, 1>(&x);
    return x;
}
template <class V>
inline V sigmoid_v(V x, V* one_minus) {
    sigmoid_n<V, 1>(&x, one_minus);
    return x;
}

// A function pointer the optimizer cannot see through. binaryen (Emscripten's wasm optimizer)
// inlines every function that has a single caller, whatever its size and despite noinline: the
// BPTT kernels then merge into one huge function that V8 compiles to half-speed code (measured:
// H=3 batch 1 went from 16.6 to 8.9 M steps/s). Calling a kernel through opaque() keeps it a
// function of its own; the cost is one load and one indirect call per kernel call.
template <class F>
inline F* opaque(F* f) {
    static F* volatile slot;
    slot = f;
    return slot;
}

inline double sigmoid(double x) { return sigmoid_v<double>(x); }
inline f64x2 sigmoid(f64x2 x) { return sigmoid_v<f64x2>(x); }

// Natural log for x > 0 (normal numbers): x = 2^e m, m in [sqrt(1/2), sqrt(2)),
// log m = 2 atanh(s), s = (m-1)/(m+1), |s| < 0.172, odd series to s^25. x <= 0 gives -inf/NaN.
inline double det_log(double x) {
    if (!(x > 0.0)) {
        return x == 0.0 ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::quiet_NaN();
    }
    if (x > 1.7976931348623157e308) return x;  // +inf
    std::uint64_t u = double_to_bits(x);
    int e = static_cast<int>((u >> 52) & 0x7ff);
    if (e == 0) {  // subnormal: scale up by 2^54
        u = double_to_bits(x * 18014398509481984.0);
        e = static_cast<int>((u >> 52) & 0x7ff) - 54;
    }
    e -= 1023;
    double m = bits_to_double((u & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL);  // [1, 2)
    if (m > 1.4142135623730951) {
        m *= 0.5;
        e += 1;
    }
    const double s = (m - 1.0) / (m + 1.0);
    const double s2 = s * s;
    double p = 1.0 / 25.0;
    for (int k = 23; k >= 3; k -= 2) p = 1.0 / k + s2 * p;
    const double log_m = 2.0 * s + 2.0 * s * s2 * p;
    constexpr double kLn2Hi = 6.93147180369123816490e-01;
    constexpr double kLn2Lo = 1.90821492927058770002e-10;
    const double de = static_cast<double>(e);
    return de * kLn2Hi + (log_m + de * kLn2Lo);
}

// log(1 + e^z) without overflow.
inline double softplus(double z) { return z > 0.0 ? z + det_log(1.0 + det_exp(-z)) : det_log(1.0 + det_exp(z)); }

// Cross-entropy of a logistic unit with logit z against target y in {0,1}:
// -y log o - (1-y) log(1-o) = softplus(z) - y z.
inline double logistic_cross_entropy(double z, double y) { return softplus(z) - y * z; }

}  // namespace carry
