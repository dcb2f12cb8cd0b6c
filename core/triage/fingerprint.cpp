#include "fingerprint.h"

#include <array>
#include <bit>

namespace lb::triage {
namespace {

constexpr std::uint64_t kFnvOffset = 1469598103934665603ULL;
constexpr std::uint64_t kFnvPrime = 1099511628211ULL;

// A good 64-bit mix of a word hash, so SimHash bits are independent.
std::uint64_t mix(std::uint64_t x)
{
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    x ^= x >> 31;
    return x;
}

struct SimHasher {
    std::array<int, 64> votes{};
    std::uint64_t previous = 0;

    void feature(std::uint64_t h)
    {
        h = mix(h);
        for (int b = 0; b < 64; ++b)
            votes[static_cast<std::size_t>(b)] += (h >> b) & 1 ? 1 : -1;
    }
    void word(std::uint64_t h)
    {
        feature(h);
        if (previous)
            feature(h * 31 + previous);  // word pairs keep some of the order
        previous = h;
    }
    void text(std::string_view s)
    {
        std::uint64_t h = kFnvOffset;
        bool inWord = false;
        for (unsigned char c : s) {
            const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80;
            if (alnum) {
                unsigned char f = c >= 'A' && c <= 'Z' ? static_cast<unsigned char>(c + 32) : c;
                if (f >= '0' && f <= '9')
                    f = '0';
                h = (h ^ f) * kFnvPrime;
                inWord = true;
            } else if (inWord) {
                word(h);
                h = kFnvOffset;
                inWord = false;
            }
        }
        if (inWord)
            word(h);
        previous = 0;
    }
    std::uint64_t value() const
    {
        std::uint64_t v = 0;
        for (int b = 0; b < 64; ++b)
            if (votes[static_cast<std::size_t>(b)] > 0)
                v |= 1ULL << b;
        return v;
    }
};

}  // namespace

std::uint64_t textFingerprint(std::string_view question, std::string_view answer)
{
    SimHasher h;
    h.text(question);
    h.text(answer);
    return h.value();
}

std::uint64_t detectorBit(std::string_view detector)
{
    std::uint64_t h = kFnvOffset;
    for (unsigned char c : detector)
        h = (h ^ c) * kFnvPrime;
    return 1ULL << (mix(h) & 63);
}

double textSimilarity(std::uint64_t a, std::uint64_t b)
{
    const int d = std::popcount(a ^ b);
    return d >= 24 ? 0.0 : 1.0 - d / 24.0;
}

double patternSimilarity(std::uint64_t a, std::uint64_t b)
{
    const int u = std::popcount(a | b);
    return u == 0 ? 0.0 : static_cast<double>(std::popcount(a & b)) / u;
}

}  // namespace lb::triage
