#pragma once
// Text templates with {name} slots, compiled once and rendered many times without lookups.
// "{{name}}" (mustache, as in prompt templates) is left as literal text.

#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <string_view>
#include <vector>

namespace lb::demo {

// Names of the variables templates may use; ids index a Vars table.
class VarRegistry {
public:
    int id(std::string_view name);  // registers unknown names
    int find(std::string_view name) const;  // -1 when unknown
    std::string_view name(int id) const { return m_names[static_cast<std::size_t>(id)]; }
    int size() const { return static_cast<int>(m_names.size()); }

private:
    std::vector<std::string> m_names;
};

// Values of the variables for one rendering (views into data that outlives the rendering).
class Vars {
public:
    explicit Vars(int size = 0) : m_values(static_cast<std::size_t>(size)) {}
    void resize(int size) { m_values.resize(static_cast<std::size_t>(size)); }
    void set(int id, std::string_view value) { m_values[static_cast<std::size_t>(id)] = value; }
    std::string_view get(int id) const { return m_values[static_cast<std::size_t>(id)]; }

private:
    std::vector<std::string_view> m_values;
};

class Template {
public:
    Template() = default;
    Template(std::string_view text, VarRegistry &registry);

    void render(std::string &out, const Vars &vars) const { render(out, vars, -1, {}); }
    // Renders with one variable replaced (how a planted hallucination swaps a fact).
    void render(std::string &out, const Vars &vars, int replaceVar, std::string_view replacement) const;
    // The variable ids in order of appearance (repeats included).
    const std::vector<int> &slots() const { return m_slots; }
    bool empty() const { return m_segments.empty(); }

private:
    struct Segment {
        std::uint32_t offset;
        std::uint32_t length;
        int var;  // -1: literal m_text[offset, offset + length)
    };
    std::string m_text;
    std::vector<Segment> m_segments;
    std::vector<int> m_slots;
};

// Renders a mustache prompt template ({{name}} only, no sections), as the simulated app does.
void renderMustache(std::string &out, std::string_view tmpl,
                    std::span<const std::pair<std::string_view, std::string_view>> vars);

}  // namespace lb::demo
