#pragma once
// Deterministic pseudo-random numbers (xoshiro256**): the same seed gives the same sequence, so a
// generated file can be reproduced byte for byte from its seed.

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <span>

namespace lb::demo {

class Rng {
public:
    explicit Rng(std::uint64_t seed)
    {
        // splitmix64 spreads any seed (including 0) over the whole state.
        for (auto &s : m_s) {
            seed += 0x9e3779b97f4a7c15ull;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
            s = z ^ (z >> 31);
        }
    }

    std::uint64_t next()
    {
        const std::uint64_t result = rotl(m_s[1] * 5, 7) * 9;
        const std::uint64_t t = m_s[1] << 17;
        m_s[2] ^= m_s[0];
        m_s[3] ^= m_s[1];
        m_s[1] ^= m_s[2];
        m_s[0] ^= m_s[3];
        m_s[2] ^= t;
        m_s[3] = rotl(m_s[3], 45);
        return result;
    }

    // Uniform in [0, n); 0 < n < 2^32 (Lemire's multiply-shift, no modulo bias worth measuring).
    std::size_t below(std::size_t n)
    {
        return static_cast<std::size_t>(((next() >> 32) * static_cast<std::uint64_t>(n)) >> 32);
    }
    // Uniform in [lo, hi], both inclusive.
    int range(int lo, int hi) { return lo + static_cast<int>(below(static_cast<std::size_t>(hi - lo + 1))); }
    // Uniform in [0, 1).
    double uniform() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
    double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
    bool chance(double p) { return uniform() < p; }
    double exponential(double mean) { return -mean * std::log1p(-uniform()); }
    double normal()
    {
        const double u1 = 1.0 - uniform();
        const double u2 = uniform();
        return std::sqrt(-2.0 * std::log(u1)) * std::cos(6.283185307179586 * u2);
    }
    // Log-normal around a median: latencies and lengths are skewed to the right in real data.
    double lognormal(double median, double sigma) { return median * std::exp(sigma * normal()); }
    // An index in [0, n) that favors small indices (a few users and documents are much more common).
    std::size_t skewed(std::size_t n, double power = 2.0)
    {
        const auto i = static_cast<std::size_t>(static_cast<double>(n) * std::pow(uniform(), power));
        return i < n ? i : n - 1;
    }
    // An index chosen with the given (not necessarily normalized) weights.
    std::size_t weighted(std::span<const double> weights)
    {
        double total = 0;
        for (double w : weights)
            total += w;
        double x = uniform() * total;
        for (std::size_t i = 0; i < weights.size(); ++i) {
            if (x < weights[i])
                return i;
            x -= weights[i];
        }
        return weights.size() - 1;
    }
    template <typename T>
    const T &pick(std::span<const T> items) { return items[below(items.size())]; }

private:
    static std::uint64_t rotl(std::uint64_t x, int k) { return (x << k) | (x >> (64 - k)); }
    std::uint64_t m_s[4];
};

}  // namespace lb::demo
