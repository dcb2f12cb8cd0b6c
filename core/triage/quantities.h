#pragma once
// Finds the quantities a text states: numbers with their unit ("30 days", "14 business days",
// "€9.90", "20%", "two months", "5GB"), dates ("2024-07-15", "July 15, 2024", "15 June"), times of
// day and version numbers, each normalized so that the same fact written two ways compares equal.
// Digits inside identifiers, phone and card numbers are not quantities.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace lb::triage {

struct Quantity {
    enum class Kind : std::uint8_t { Number, Date, Year, Time, Version };
    Kind kind = Kind::Number;
    double value = 0;  // Number: the value; Time: minutes after midnight; Year: the year
    // Number: normalized unit ("day", "%", "usd", "eur", "gbp", "gb", "user", ... or empty);
    // Version: the version text ("2.4.1").
    std::string unit;
    // Date: yyyymmdd; year 0 when the text gives none. altDate: the other reading of an
    // ambiguous numeric date (03/04/2024), else 0.
    std::int32_t date = 0;
    std::int32_t altDate = 0;
    std::uint32_t begin = 0;  // byte range of the whole expression in the text
    std::uint32_t end = 0;
    bool spelled = false;     // written as a word ("two months")
    float scale = 1;          // Number: the unit's size in its base (day = 24 for hours), 1 when none
};

// Appends the quantities of text to out, in text order.
void findQuantities(std::string_view text, std::vector<Quantity> &out);

// True when a and b state the same fact (equal values with compatible units, the same date).
bool sameQuantity(const Quantity &a, const Quantity &b);
// True when a and b measure the same thing (both dates, both money in one currency, both days ...),
// so different values contradict each other.
bool comparable(const Quantity &a, const Quantity &b);

}  // namespace lb::triage
