// Compiling {slot} templates and rendering them and mustache prompt templates.
#include "texttemplate.h"

namespace lb::demo {

int VarRegistry::id(std::string_view name)
{
    const int found = find(name);
    if (found >= 0)
        return found;
    m_names.emplace_back(name);
    return size() - 1;
}

int VarRegistry::find(std::string_view name) const
{
    for (std::size_t i = 0; i < m_names.size(); ++i)
        if (m_names[i] == name)
            return static_cast<int>(i);
    return -1;
}

Template::Template(std::string_view text, VarRegistry &registry) : m_text(text)
{
    std::size_t literalStart = 0;
    std::size_t i = 0;
    auto flushLiteral = [&](std::size_t end) {
        if (end > literalStart)
            m_segments.push_back({static_cast<std::uint32_t>(literalStart),
                                  static_cast<std::uint32_t>(end - literalStart), -1});
    };
    while (i < m_text.size()) {
        if (m_text[i] != '{') {
            ++i;
            continue;
        }
        if (i + 1 < m_text.size() && m_text[i + 1] == '{') {
            // Mustache variable of a prompt template: keep it, braces and all.
            const std::size_t close = m_text.find("}}", i + 2);
            i = close == std::string::npos ? m_text.size() : close + 2;
            continue;
        }
        const std::size_t close = m_text.find('}', i + 1);
        if (close == std::string::npos)
            break;
        const std::string_view name(m_text.data() + i + 1, close - i - 1);
        bool identifier = !name.empty();
        for (char c : name)
            identifier = identifier && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_');
        if (!identifier) {  // a literal brace (JSON in text, say)
            ++i;
            continue;
        }
        flushLiteral(i);
        const int var = registry.id(name);
        m_segments.push_back({0, 0, var});
        m_slots.push_back(var);
        i = close + 1;
        literalStart = i;
    }
    flushLiteral(m_text.size());
}

void Template::render(std::string &out, const Vars &vars, int replaceVar, std::string_view replacement) const
{
    for (const Segment &s : m_segments) {
        if (s.var < 0)
            out.append(m_text, s.offset, s.length);
        else
            out += s.var == replaceVar ? replacement : vars.get(s.var);
    }
}

void renderMustache(std::string &out, std::string_view tmpl,
                    std::span<const std::pair<std::string_view, std::string_view>> vars)
{
    std::size_t i = 0;
    while (i < tmpl.size()) {
        const std::size_t open = tmpl.find("{{", i);
        const std::size_t close = open == std::string_view::npos ? open : tmpl.find("}}", open + 2);
        if (close == std::string_view::npos) {
            out.append(tmpl.substr(i));
            return;
        }
        out.append(tmpl.substr(i, open - i));
        const std::string_view name = tmpl.substr(open + 2, close - open - 2);
        bool found = false;
        for (const auto &[k, v] : vars)
            if (k == name) {
                out.append(v);
                found = true;
                break;
            }
        if (!found)
            out.append(tmpl.substr(open, close + 2 - open));
        i = close + 2;
    }
}

}  // namespace lb::demo
