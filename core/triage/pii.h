#pragma once
// Personal data in text: email addresses, phone numbers and payment card numbers (Luhn-checked),
// found by hand-written scanners (no regular expressions on the hot path).

#include <cstdint>
#include <string_view>
#include <vector>

namespace lb::triage {

struct PiiMatch {
    enum class Kind : std::uint8_t { Email, Phone, Card };
    Kind kind = Kind::Email;
    std::uint32_t begin = 0;
    std::uint32_t end = 0;
};

void findPii(std::string_view text, std::vector<PiiMatch> &out);
// The Luhn checksum of the digits of text (separators ignored).
bool luhnValid(std::string_view digits);
std::string_view piiKindName(PiiMatch::Kind k);

}  // namespace lb::triage
