// PromptRegistry: tags with their history, links to traces, and the list of prompts.
#include "promptregistry.h"

#include "scopedtransaction.h"

namespace lb::prompts {

Result<PromptRegistry::TagResult> PromptRegistry::tag(std::string_view name, int number, std::string_view tag,
                                                      std::string_view author, std::int64_t movedAtMs)
{
    if (!validTagName(tag))
        return Error{"'" + std::string(tag) +
                     "' cannot be a tag: use letters, digits, '.', '_' or '-', and not a version number like 3 or v3."};
    try {
        ScopedTransaction tx(m_db);
        const auto pid = promptId(name);
        if (!pid)
            return Error{"There is no prompt '" + std::string(name) + "'. 'loopbench prompts list' shows the prompts."};
        const auto target = version(name, number);
        if (!target)
            return Error{"Prompt '" + std::string(name) + "' has no version " + std::to_string(number) + "."};
        TagResult result;
        if (auto current = byTag(name, tag)) {
            result.previous = current->number;
            if (current->number == number) {
                tx.commit();
                return result;
            }
        }
        store::Statement up = m_db.prepare(
            "INSERT INTO prompt_tags(prompt_id, tag, version_id) VALUES (?, ?, ?) "
            "ON CONFLICT(prompt_id, tag) DO UPDATE SET version_id = excluded.version_id");
        up.bind(1, *pid).bind(2, tag).bind(3, target->id).run();
        store::Statement hist = m_db.prepare(
            "INSERT INTO prompt_tag_history(prompt_id, tag, version_id, moved_at, author) VALUES (?, ?, ?, ?, ?)");
        hist.bind(1, *pid).bind(2, tag).bind(3, target->id).bind(4, movedAtMs ? movedAtMs : nowMs());
        hist.bindOrNull(5, author).run();
        tx.commit();
        result.moved = true;
        return result;
    } catch (const store::DbError &e) {
        return Error{std::string("The workspace could not be updated: ") + e.what()};
    }
}

Status PromptRegistry::insertTagMove(std::string_view name, const model::TagMove &move)
{
    auto r = tag(name, move.number, move.tag, move.author, move.movedAtMs);
    if (!r)
        return r.error();
    return {};
}

std::vector<model::PromptTag> PromptRegistry::tags(std::string_view name) const
{
    store::Statement st = m_db.prepare(
        "SELECT t.tag, v.number, h.moved_at, h.author FROM prompt_tags t JOIN prompts p ON p.id = t.prompt_id "
        "JOIN prompt_versions v ON v.id = t.version_id LEFT JOIN prompt_tag_history h ON h.id = "
        "(SELECT max(id) FROM prompt_tag_history WHERE prompt_id = t.prompt_id AND tag = t.tag) "
        "WHERE p.name = ? ORDER BY t.tag");
    st.bind(1, name);
    std::vector<model::PromptTag> out;
    while (st.step())
        out.push_back({st.columnString(0), static_cast<int>(st.columnInt(1)), st.columnInt(2), st.columnString(3)});
    return out;
}

std::vector<model::TagMove> PromptRegistry::tagHistory(std::string_view name, std::string_view tag) const
{
    store::Statement st = m_db.prepare(
        "SELECT h.tag, coalesce(v.number, 0), h.moved_at, h.author FROM prompt_tag_history h "
        "JOIN prompts p ON p.id = h.prompt_id LEFT JOIN prompt_versions v ON v.id = h.version_id "
        "WHERE p.name = ?1 AND (?2 = '' OR h.tag = ?2) ORDER BY h.moved_at, h.id");
    st.bind(1, name).bind(2, tag);
    std::vector<model::TagMove> out;
    while (st.step())
        out.push_back({st.columnString(0), static_cast<int>(st.columnInt(1)), st.columnInt(2), st.columnString(3)});
    return out;
}

std::int64_t PromptRegistry::link(std::int64_t versionId, std::span<const std::int64_t> traceRowids)
{
    ScopedTransaction tx(m_db);
    // Only traces that exist: a stale list from an earlier scan must not break the foreign key.
    store::Statement st = m_db.prepare(
        "INSERT OR IGNORE INTO prompt_trace_links(version_id, trace_rowid) SELECT ?1, id FROM traces WHERE id = ?2");
    std::int64_t added = 0;
    for (const std::int64_t rowid : traceRowids) {
        st.bind(1, versionId).bind(2, rowid).run();
        added += m_db.changes();
    }
    tx.commit();
    return added;
}

std::int64_t PromptRegistry::linkedTraceCount(std::int64_t versionId) const
{
    store::Statement st = m_db.prepare("SELECT count(*) FROM prompt_trace_links WHERE version_id = ?");
    st.bind(1, versionId);
    return st.step() ? st.columnInt(0) : 0;
}

std::vector<std::string> PromptRegistry::linkedTraces(std::int64_t versionId, int limit) const
{
    store::Statement st = m_db.prepare(
        "SELECT t.trace_id FROM prompt_trace_links l JOIN traces t ON t.id = l.trace_rowid WHERE l.version_id = ? "
        "ORDER BY t.started_ns, t.id LIMIT ?");
    st.bind(1, versionId).bind(2, limit);
    std::vector<std::string> out;
    while (st.step())
        out.push_back(st.columnString(0));
    return out;
}

std::vector<model::PromptSummary> PromptRegistry::list() const
{
    std::vector<model::PromptSummary> out;
    store::Statement st = m_db.prepare(
        "SELECT p.name, p.created_at, count(v.id), coalesce(max(v.number), 0) FROM prompts p "
        "LEFT JOIN prompt_versions v ON v.prompt_id = p.id GROUP BY p.id ORDER BY p.name");
    while (st.step()) {
        model::PromptSummary s;
        s.name = st.columnString(0);
        s.createdAtMs = st.columnInt(1);
        s.versionCount = static_cast<int>(st.columnInt(2));
        s.latest = static_cast<int>(st.columnInt(3));
        out.push_back(std::move(s));
    }
    store::Statement latestSt = m_db.prepare(
        "SELECT v.model, v.created_at FROM prompt_versions v JOIN prompts p ON p.id = v.prompt_id "
        "WHERE p.name = ? AND v.number = ?");
    store::Statement linked = m_db.prepare(
        "SELECT count(DISTINCT l.trace_rowid) FROM prompt_trace_links l JOIN prompt_versions v ON v.id = l.version_id "
        "JOIN prompts p ON p.id = v.prompt_id WHERE p.name = ?");
    for (auto &s : out) {
        latestSt.bind(1, s.name).bind(2, s.latest);
        if (latestSt.step()) {
            s.latestModel = latestSt.columnString(0);
            s.updatedAtMs = latestSt.columnInt(1);
        }
        latestSt.reset();
        linked.bind(1, s.name);
        if (linked.step())
            s.linkedTraces = linked.columnInt(0);
        linked.reset();
        s.tags = tags(s.name);
    }
    return out;
}

}  // namespace lb::prompts
