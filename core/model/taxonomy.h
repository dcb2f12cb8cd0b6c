#pragma once
// The failure categories raters label with: versioned data, not code. Category ids are stable
// (labels refer to them); names, descriptions, colors and hotkeys may change between versions.

#include <string>
#include <string_view>
#include <vector>

namespace lb::model {

struct Category {
    std::string id;           // "hallucination", or "hallucination/numbers" for a subcategory
    std::string name;         // "Hallucination"
    std::string description;  // one line: what the category means
    std::string guideline;    // how to decide, with examples
    std::string color;        // "#d9480f"
    std::string hotkey;       // "1"; empty for none
    std::string parent;       // the parent category's id for a subcategory, else empty
    bool retired = false;     // kept for old labels, not offered for new ones
    bool operator==(const Category &) const = default;
};

struct Taxonomy {
    int version = 0;
    std::vector<Category> categories;

    const Category *find(std::string_view id) const;
    // Categories offered to raters: not retired, in order.
    std::vector<const Category *> active() const;

    // hallucination, missing_context, safety and style with descriptions, guidelines, colors and
    // hotkeys 1-4 (0 is the verdict "no failure").
    static Taxonomy defaults();

    // {"version": N, "categories": [{"id", "name", "description", "guideline", "color", "hotkey",
    // "parent", "retired"}]}
    std::string toJson() const;
    // Reads that JSON; on a mistake returns false with error naming the field.
    static bool fromJson(std::string_view json, Taxonomy &out, std::string &error);

    bool operator==(const Taxonomy &) const = default;
};

// The id used in labels and exports for the verdict "no failure".
inline constexpr std::string_view kNoFailure = "no_failure";

}  // namespace lb::model
