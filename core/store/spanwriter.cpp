#include "spanwriter.h"

#include "spanencoder.h"
#include "traceaccumulator.h"

#include <xxhash.h>

#include <algorithm>
#include <map>
#include <set>
#include <tuple>
#include <unordered_map>

namespace lb::store {

namespace {

// Fills the text-id holes the encoder left in JSON (see encodedspan.h).
std::string fillHoles(const std::string &json, const std::vector<std::int64_t> &ids)
{
    if (json.find(kHoleMark) == std::string::npos)
        return json;
    std::string out;
    out.reserve(json.size() + 16);
    std::size_t pos = 0;
    for (;;) {
        const std::size_t open = json.find(kHoleMark, pos);
        if (open == std::string::npos)
            break;
        const std::size_t close = json.find(kHoleMark, open + 1);
        out.append(json, pos, open - pos);
        const auto index = static_cast<std::size_t>(std::stoul(json.substr(open + 1, close - open - 1)));
        out += std::to_string(ids[index]);
        pos = close + 1;
    }
    out.append(json, pos, std::string::npos);
    return out;
}

// RAG prompts carry the retrieved documents verbatim. The documents are indexed on their own and
// linked to the same trace, so indexing their copies inside a message again only makes the index
// bigger and the import slower: the copies are left out of what is indexed (the message is stored
// whole). Short documents are kept, since a short string may just as well be the user's own words.
std::string withoutEmbeddedDocuments(std::string_view text, const std::vector<const std::string *> &docs)
{
    constexpr std::size_t kMinDocument = 80;
    std::vector<std::pair<std::size_t, std::size_t>> cuts;  // [begin, end) of each copy
    for (const std::string *doc : docs) {
        if (doc->size() < kMinDocument || doc->size() > text.size())
            continue;
        for (std::size_t pos = text.find(*doc); pos != std::string_view::npos; pos = text.find(*doc, pos + doc->size()))
            cuts.emplace_back(pos, pos + doc->size());
    }
    if (cuts.empty())
        return std::string(text);
    std::sort(cuts.begin(), cuts.end());
    std::string out;
    out.reserve(text.size());
    std::size_t at = 0;
    for (const auto &[begin, end] : cuts) {
        if (begin > at) {
            out.append(text.substr(at, begin - at));
            out += ' ';
        }
        at = std::max(at, end);
    }
    out.append(text.substr(at));
    return out;
}

}  // namespace

// The spans of one trace in a batch, and what they add to its summary row.
struct SpanWriter::Group {
    const std::string *traceId = nullptr;
    std::vector<std::size_t> spans;  // indexes into the batch, in batch order
    std::int64_t rowid = 0;
    bool existed = false;  // the trace row was there before this batch
    bool changed = false;  // an existing trace got new spans: its row needs an update
    bool signalsAdded = false;
    TraceAccumulator acc;
};

SpanWriter::SpanWriter(Db &db, std::int64_t importId)
    : m_db(db),
      m_importId(importId),
      m_texts(db),
      m_findTrace(db.prepare("SELECT id, started_ns, ended_ns, preview_rank, name, input_preview, "
                             "output_preview FROM traces WHERE trace_id = ?")),
      m_insertTrace(db.prepare(
          "INSERT INTO traces(trace_id, root_span_id, name, started_ns, ended_ns, duration_ns, status, span_count, "
          "kinds, input_preview, output_preview, preview_rank, model, prompt_name, prompt_version, session_id, "
          "user_id, service, tokens, cost, import_id) "
          "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21)")),
      m_insertSpan(db.prepare(
          "INSERT OR IGNORE INTO spans(trace_rowid, span_id, parent_id, name, kind, started_ns, ended_ns, "
          "status, status_message, model, provider, prompt_name, prompt_version, prompt_tokens, "
          "completion_tokens, total_tokens, cost, input_text, output_text, detail_json, attributes_json, "
          "resource_text, events_json, import_id) "
          "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21,?22,?23,?24)")),
      m_updateTrace(db.prepare(
          "UPDATE traces SET started_ns = ?2, ended_ns = ?3, duration_ns = ?4, status = max(status, ?5), "
          "span_count = span_count + ?6, kinds = kinds | ?7, tokens = tokens + ?8, cost = cost + ?9, "
          "model = coalesce(model, ?10), prompt_name = coalesce(prompt_name, ?11), "
          "prompt_version = coalesce(prompt_version, ?12), session_id = coalesce(session_id, ?13), "
          "user_id = coalesce(user_id, ?14), service = coalesce(service, ?15), "
          "root_span_id = coalesce(?16, root_span_id), name = ?17, input_preview = ?18, "
          "output_preview = ?19, preview_rank = ?20 WHERE id = ?1")),
      m_textRef(db.prepare("INSERT OR IGNORE INTO text_refs(text_id, trace_rowid) VALUES (?, ?)")),
      m_insertSignal(db.prepare(
          "INSERT OR IGNORE INTO signals(trace_rowid, span_id, name, score, label, explanation, annotator, "
          "origin, identifier, time_ns, import_id, dedup) VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12)")),
      m_feedback(db.prepare(
          "UPDATE traces SET feedback_count = (SELECT count(*) FROM signals WHERE trace_rowid = ?1), "
          "feedback = (SELECT group_concat(s, '; ') FROM (SELECT name || ': ' || "
          "coalesce(nullif(label, ''), printf('%g', score), '') AS s FROM signals WHERE trace_rowid = ?1 "
          "ORDER BY id LIMIT 4)) WHERE id = ?1")),
      m_spanStats(db.prepare(
          "INSERT INTO span_stats(kind, model, prompt_version, spans) VALUES (?, ?, ?, ?) "
          "ON CONFLICT(kind, model, prompt_version) DO UPDATE SET spans = spans + excluded.spans"))
{
}

// Finds the trace row, or creates it. A new trace's row is written once with its full summary
// (computed from this batch), rather than inserted empty and updated: every column is indexed.
void SpanWriter::resolve(Group &g, const std::vector<EncodedSpan> &spans, WriteStats &stats)
{
    m_findTrace.bind(1, *g.traceId);
    if (m_findTrace.step()) {
        g.rowid = m_findTrace.columnInt(0);
        g.existed = true;
        g.acc.hasTimes = !m_findTrace.isNull(1);
        g.acc.startedNs = m_findTrace.columnInt(1);
        g.acc.endedNs = m_findTrace.columnInt(2);
        g.acc.unpackRanks(static_cast<int>(m_findTrace.columnInt(3)));
        g.acc.name = m_findTrace.columnString(4);
        g.acc.inputPreview = m_findTrace.columnString(5);
        g.acc.outputPreview = m_findTrace.columnString(6);
        m_findTrace.reset();
        return;
    }
    m_findTrace.reset();
    // Duplicates inside the batch (the same span twice in one file) count once.
    std::vector<const std::string *> seen;
    for (const std::size_t i : g.spans) {
        const std::string &id = spans[i].spanId;
        if (std::find_if(seen.begin(), seen.end(), [&](const std::string *s) { return *s == id; }) != seen.end())
            continue;
        seen.push_back(&id);
        g.acc.add(spans[i]);
    }
    const TraceAccumulator &a = g.acc;
    m_insertTrace.bind(1, *g.traceId).bindOrNull(2, a.rootSpanId).bindOrNull(3, a.name);
    if (a.hasTimes)
        m_insertTrace.bind(4, a.startedNs).bind(5, a.endedNs).bind(6, a.endedNs - a.startedNs);
    else
        m_insertTrace.bindNull(4).bindNull(5).bind(6, std::int64_t{0});
    m_insertTrace.bind(7, a.status)
        .bind(8, a.spanCount)
        .bind(9, static_cast<std::int64_t>(a.kinds))
        .bindOrNull(10, a.inputPreview)
        .bindOrNull(11, a.outputPreview)
        .bind(12, a.packedRanks())
        .bindOrNull(13, a.displayModel())
        .bindOrNull(14, a.promptName)
        .bindOrNull(15, a.promptVersion)
        .bindOrNull(16, a.sessionId)
        .bindOrNull(17, a.userId)
        .bindOrNull(18, a.service)
        .bind(19, a.tokens)
        .bind(20, a.cost);
    if (m_importId > 0)
        m_insertTrace.bind(21, m_importId);
    else
        m_insertTrace.bindNull(21);
    m_insertTrace.run();
    g.rowid = m_db.lastInsertRowid();
    ++stats.tracesNew;
}

void SpanWriter::insertSpan(const EncodedSpan &span, std::int64_t traceRowid, const std::vector<std::int64_t> &ids)
{
    auto textId = [&](int index) -> std::optional<std::int64_t> {
        if (index < 0)
            return std::nullopt;
        return ids[static_cast<std::size_t>(index)];
    };
    const std::string detail = fillHoles(span.detailJson, ids);
    const std::string attributes = fillHoles(span.attributesJson, ids);
    const std::string events = fillHoles(span.eventsJson, ids);
    m_insertSpan.bind(1, traceRowid)
        .bind(2, span.spanId)
        .bindOrNull(3, span.parentId)
        .bind(4, span.name)
        .bind(5, span.kind)
        .bind(6, span.startNs)
        .bind(7, span.endNs)
        .bind(8, span.status)
        .bindOrNull(9, span.statusMessage)
        .bindOrNull(10, span.model)
        .bindOrNull(11, span.provider)
        .bindOrNull(12, span.promptName)
        .bindOrNull(13, span.promptVersion)
        .bind(14, span.promptTokens)
        .bind(15, span.completionTokens)
        .bind(16, span.totalTokens)
        .bind(17, span.cost)
        .bind(18, textId(span.inputText))
        .bind(19, textId(span.outputText))
        .bind(20, detail)
        .bind(21, attributes)
        .bind(22, textId(span.resourceText))
        .bind(23, events);
    if (m_importId > 0)
        m_insertSpan.bind(24, m_importId);
    else
        m_insertSpan.bindNull(24);
    m_insertSpan.run();
}

void SpanWriter::insertSignal(std::int64_t traceRowid, const model::Signal &sig, WriteStats &stats)
{
    // The dedup key covers what the signal says, so re-importing the same file adds nothing.
    std::string key;
    for (const std::string *part : {&sig.traceId, &sig.spanId, &sig.name, &sig.label, &sig.explanation,
                                    &sig.annotator, &sig.origin, &sig.identifier}) {
        key += *part;
        key += '\x1f';
    }
    key += sig.score ? std::to_string(*sig.score) : "-";
    key += '\x1f';
    key += std::to_string(sig.timeNs);
    const XXH128_hash_t h = XXH3_128bits(key.data(), key.size());
    XXH128_canonical_t canon;
    XXH128_canonicalFromHash(&canon, h);

    m_insertSignal.bind(1, traceRowid)
        .bindOrNull(2, sig.spanId)
        .bind(3, sig.name)
        .bind(4, sig.score)
        .bindOrNull(5, sig.label)
        .bindOrNull(6, sig.explanation)
        .bindOrNull(7, sig.annotator)
        .bindOrNull(8, sig.origin)
        .bindOrNull(9, sig.identifier);
    if (sig.timeNs)
        m_insertSignal.bind(10, sig.timeNs);
    else
        m_insertSignal.bindNull(10);
    if (m_importId > 0)
        m_insertSignal.bind(11, m_importId);
    else
        m_insertSignal.bindNull(11);
    m_insertSignal.bindBlob(12, canon.digest, 16);
    m_insertSignal.run();
    if (m_db.changes() > 0)
        ++stats.signalsNew;
}

WriteStats SpanWriter::write(std::vector<model::Span> spans, const std::vector<model::Signal> &looseSignals)
{
    std::vector<EncodedSpan> encoded;
    encoded.reserve(spans.size());
    for (auto &s : spans)
        encoded.push_back(encodeSpan(std::move(s)));
    return write(encoded, looseSignals);
}

WriteStats SpanWriter::write(const std::vector<EncodedSpan> &spans, const std::vector<model::Signal> &looseSignals)
{
    WriteStats stats;
    // Group the batch by trace, in order of first appearance.
    std::vector<Group> groups;
    std::unordered_map<std::string_view, std::size_t> groupOf;
    auto groupFor = [&](const std::string &traceId) -> std::size_t {
        auto [it, added] = groupOf.try_emplace(traceId, groups.size());
        if (added) {
            groups.emplace_back();
            groups.back().traceId = &traceId;
        }
        return it->second;
    };
    std::vector<std::size_t> groupOfSpan(spans.size());
    for (std::size_t i = 0; i < spans.size(); ++i) {
        groupOfSpan[i] = groupFor(spans[i].traceId);
        groups[groupOfSpan[i]].spans.push_back(i);
    }
    for (const auto &sig : looseSignals)
        groupFor(sig.traceId);

    try {
        std::optional<Transaction> own;
        if (!m_tx)
            own.emplace(m_db);
        for (Group &g : groups)
            resolve(g, spans, stats);

        std::set<std::pair<std::int64_t, std::int64_t>> refs;
        std::map<std::tuple<int, std::string_view, std::string_view>, std::int64_t> spanStats;
        std::vector<std::int64_t> ids;
        // Indexing waits for the end of the batch, when every document of a trace is known.
        struct ToIndex {
            std::int64_t id;
            const PendingText *text;
            std::size_t group;
        };
        std::vector<ToIndex> toIndex;
        std::unordered_map<std::size_t, std::vector<const std::string *>> documentsOf;
        for (std::size_t i = 0; i < spans.size(); ++i) {
            const EncodedSpan &span = spans[i];
            Group &g = groups[groupOfSpan[i]];
            ids.clear();
            for (const auto &t : span.texts) {
                const TextStore::Interned r = m_texts.intern(t.hash, t.content, t.searchable);
                ids.push_back(r.id);
                if (r.needsIndex)
                    toIndex.push_back({r.id, &t, groupOfSpan[i]});
                if (t.document)
                    documentsOf[groupOfSpan[i]].push_back(&t.content);
            }
            insertSpan(span, g.rowid, ids);
            if (m_db.changes() == 0) {
                ++stats.spansDuplicate;
                continue;
            }
            ++stats.spansNew;
            ++spanStats[{span.kind, span.model, span.promptVersion}];
            if (g.existed) {
                g.acc.add(span);
                g.changed = true;
            }
            for (std::size_t t = 0; t < span.texts.size(); ++t)
                if (span.texts[t].searchable)
                    refs.emplace(ids[t], g.rowid);
            for (const auto &sig : span.signalList) {
                insertSignal(g.rowid, sig, stats);
                g.signalsAdded = true;
            }
        }
        for (const auto &sig : looseSignals) {
            Group &g = groups[groupOf.at(sig.traceId)];
            insertSignal(g.rowid, sig, stats);
            g.signalsAdded = true;
        }
        for (const ToIndex &t : toIndex) {
            auto docs = documentsOf.find(t.group);
            if (t.text->document || docs == documentsOf.end())
                m_texts.addToIndex(t.id, t.text->content);
            else
                m_texts.addToIndex(t.id, withoutEmbeddedDocuments(t.text->content, docs->second));
        }
        for (const auto &[textId, traceRowid] : refs) {
            m_textRef.bind(1, textId).bind(2, traceRowid);
            m_textRef.run();
        }
        for (const auto &[key, n] : spanStats) {
            m_spanStats.bind(1, std::get<0>(key)).bind(2, std::get<1>(key)).bind(3, std::get<2>(key)).bind(4, n);
            m_spanStats.run();
        }
        for (Group &g : groups) {
            if (g.changed) {
                const TraceAccumulator &a = g.acc;
                m_updateTrace.bind(1, g.rowid);
                if (a.hasTimes)
                    m_updateTrace.bind(2, a.startedNs).bind(3, a.endedNs).bind(4, a.endedNs - a.startedNs);
                else
                    m_updateTrace.bindNull(2).bindNull(3).bind(4, std::int64_t{0});
                m_updateTrace.bind(5, a.status)
                    .bind(6, a.spanCount)
                    .bind(7, static_cast<std::int64_t>(a.kinds))
                    .bind(8, a.tokens)
                    .bind(9, a.cost)
                    .bindOrNull(10, a.displayModel())
                    .bindOrNull(11, a.promptName)
                    .bindOrNull(12, a.promptVersion)
                    .bindOrNull(13, a.sessionId)
                    .bindOrNull(14, a.userId)
                    .bindOrNull(15, a.service)
                    .bindOrNull(16, a.rootSpanId)
                    .bindOrNull(17, a.name)
                    .bindOrNull(18, a.inputPreview)
                    .bindOrNull(19, a.outputPreview)
                    .bind(20, a.packedRanks());
                m_updateTrace.run();
            }
            if (g.signalsAdded) {
                m_feedback.bind(1, g.rowid);
                m_feedback.run();
            }
        }
        if (own)
            own->commit();
    } catch (...) {
        rollback();
        throw;
    }
    return stats;
}

void SpanWriter::begin()
{
    m_tx.emplace(m_db);
}

void SpanWriter::commit()
{
    if (!m_tx)
        return;
    try {
        m_tx->commit();
        m_tx.reset();
    } catch (...) {
        rollback();
        throw;
    }
}

void SpanWriter::rollback()
{
    m_tx.reset();  // rolls back
    // Ids cached during the rolled-back transaction no longer exist.
    m_texts.forgetCache();
}

}  // namespace lb::store
