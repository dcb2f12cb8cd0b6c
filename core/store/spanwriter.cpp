#include "spanwriter.h"

#include "spanencoder.h"

#include <xxhash.h>

#include <algorithm>
#include <set>
#include <unordered_map>

namespace lb::store {

using model::SpanKind;

namespace {

constexpr int kNoRank = 15;

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

struct SpanWriter::TraceState {
    std::int64_t rowid = 0;
    bool isNew = false;
    bool changed = false;
    bool signalsAdded = false;
    std::int64_t startedNs = 0;
    std::int64_t endedNs = 0;
    bool hasTimes = false;
    int status = 0;
    std::int64_t spanCount = 0;
    std::uint32_t kinds = 0;
    std::int64_t tokens = 0;
    double cost = 0;
    std::string model, anyModel, promptName, promptVersion, sessionId, userId, service, rootSpanId;
    int nameRank = kNoRank, inRank = kNoRank, outRank = kNoRank;
    std::string name, inputPreview, outputPreview;
};

SpanWriter::SpanWriter(Db &db, std::int64_t importId)
    : m_db(db),
      m_importId(importId),
      m_texts(db),
      m_findTrace(db.prepare("SELECT id, started_ns, ended_ns, preview_rank, name, input_preview, "
                             "output_preview FROM traces WHERE trace_id = ?")),
      m_newTrace(db.prepare("INSERT INTO traces(trace_id, import_id) VALUES (?, ?)")),
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
          "ORDER BY id LIMIT 4)) WHERE id = ?1"))
{
}

std::int64_t SpanWriter::resolveTrace(const std::string &traceId, std::vector<TraceState> &states,
                                      WriteStats &stats)
{
    TraceState st;
    m_findTrace.bind(1, traceId);
    if (m_findTrace.step()) {
        st.rowid = m_findTrace.columnInt(0);
        st.hasTimes = !m_findTrace.isNull(1);
        st.startedNs = m_findTrace.columnInt(1);
        st.endedNs = m_findTrace.columnInt(2);
        const auto packed = static_cast<int>(m_findTrace.columnInt(3));
        st.nameRank = (packed >> 8) & 0xF;
        st.inRank = packed & 0xF;
        st.outRank = (packed >> 4) & 0xF;
        st.name = m_findTrace.columnString(4);
        st.inputPreview = m_findTrace.columnString(5);
        st.outputPreview = m_findTrace.columnString(6);
        m_findTrace.reset();
    } else {
        m_findTrace.reset();
        m_newTrace.bind(1, traceId);
        if (m_importId > 0)
            m_newTrace.bind(2, m_importId);
        else
            m_newTrace.bindNull(2);
        m_newTrace.run();
        st.rowid = m_db.lastInsertRowid();
        st.isNew = true;
        ++stats.tracesNew;
    }
    states.push_back(std::move(st));
    return static_cast<std::int64_t>(states.size() - 1);
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
    std::vector<TraceState> states;
    std::unordered_map<std::string, std::int64_t> stateOf;
    auto stateFor = [&](const std::string &traceId) -> TraceState & {
        auto it = stateOf.find(traceId);
        if (it == stateOf.end())
            it = stateOf.emplace(traceId, resolveTrace(traceId, states, stats)).first;
        return states[static_cast<std::size_t>(it->second)];
    };

    try {
        Transaction tx(m_db);
        std::set<std::pair<std::int64_t, std::int64_t>> refs;
        std::vector<std::int64_t> ids;
        // Indexing waits for the end of the batch, when every document of a trace is known.
        struct ToIndex {
            std::int64_t id;
            const PendingText *text;
            const std::string &traceId;
        };
        std::vector<ToIndex> toIndex;
        std::unordered_map<std::string, std::vector<const std::string *>> documentsOf;
        for (const EncodedSpan &span : spans) {
            TraceState &tr = stateFor(span.traceId);
            ids.clear();
            for (const auto &t : span.texts) {
                const TextStore::Interned r = m_texts.intern(t.hash, t.content, t.searchable);
                ids.push_back(r.id);
                if (r.needsIndex)
                    toIndex.push_back({r.id, &t, span.traceId});
                if (t.document)
                    documentsOf[span.traceId].push_back(&t.content);
            }
            auto textId = [&](int index) -> std::optional<std::int64_t> {
                if (index < 0)
                    return std::nullopt;
                return ids[static_cast<std::size_t>(index)];
            };
            const std::string detail = fillHoles(span.detailJson, ids);
            const std::string attributes = fillHoles(span.attributesJson, ids);
            const std::string events = fillHoles(span.eventsJson, ids);
            m_insertSpan.bind(1, tr.rowid)
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
            if (m_db.changes() == 0) {
                ++stats.spansDuplicate;
                continue;
            }
            ++stats.spansNew;
            tr.changed = true;
            ++tr.spanCount;
            if (span.startNs > 0 || span.endNs > 0) {
                const auto start = span.startNs > 0 ? span.startNs : span.endNs;
                const auto end = std::max(span.endNs, start);
                if (!tr.hasTimes) {
                    tr.startedNs = start;
                    tr.endedNs = end;
                    tr.hasTimes = true;
                } else {
                    tr.startedNs = std::min(tr.startedNs, start);
                    tr.endedNs = std::max(tr.endedNs, end);
                }
            }
            tr.status = std::max(tr.status, span.status);
            tr.kinds |= model::kindBit(static_cast<SpanKind>(span.kind));
            if (span.countsTokens) {
                if (span.totalTokens)
                    tr.tokens += *span.totalTokens;
                else
                    tr.tokens += span.promptTokens.value_or(0) + span.completionTokens.value_or(0);
                tr.cost += span.cost.value_or(0);
            }
            if (tr.model.empty() && span.kind == static_cast<int>(SpanKind::Llm))
                tr.model = span.model;
            if (tr.anyModel.empty())
                tr.anyModel = span.model;
            if (tr.promptName.empty())
                tr.promptName = span.promptName;
            if (tr.promptVersion.empty())
                tr.promptVersion = span.promptVersion;
            if (tr.sessionId.empty())
                tr.sessionId = span.sessionId;
            if (tr.userId.empty())
                tr.userId = span.userId;
            if (tr.service.empty())
                tr.service = span.service;
            if (span.isRoot)
                tr.rootSpanId = span.spanId;
            const int rank = span.previewRank;
            if (rank < tr.nameRank && !span.name.empty()) {
                tr.nameRank = rank;
                tr.name = span.name;
            }
            if (rank < tr.inRank && !span.inputPreview.empty()) {
                tr.inRank = rank;
                tr.inputPreview = span.inputPreview;
            }
            if (rank < tr.outRank && !span.outputPreview.empty()) {
                tr.outRank = rank;
                tr.outputPreview = span.outputPreview;
            }
            for (std::size_t i = 0; i < span.texts.size(); ++i)
                if (span.texts[i].searchable)
                    refs.emplace(ids[i], tr.rowid);
            for (const auto &sig : span.signalList) {
                insertSignal(tr.rowid, sig, stats);
                tr.signalsAdded = true;
            }
        }
        for (const auto &sig : looseSignals) {
            TraceState &tr = stateFor(sig.traceId);
            insertSignal(tr.rowid, sig, stats);
            tr.signalsAdded = true;
        }
        for (const ToIndex &t : toIndex) {
            if (t.text->document) {
                m_texts.addToIndex(t.id, t.text->content);
                continue;
            }
            auto docs = documentsOf.find(t.traceId);
            if (docs == documentsOf.end()) {
                m_texts.addToIndex(t.id, t.text->content);
                continue;
            }
            m_texts.addToIndex(t.id, withoutEmbeddedDocuments(t.text->content, docs->second));
        }
        for (const auto &[textId, traceRowid] : refs) {
            m_textRef.bind(1, textId).bind(2, traceRowid);
            m_textRef.run();
        }
        for (TraceState &tr : states) {
            if (tr.changed) {
                if (tr.model.empty())
                    tr.model = tr.anyModel;
                m_updateTrace.bind(1, tr.rowid);
                if (tr.hasTimes)
                    m_updateTrace.bind(2, tr.startedNs).bind(3, tr.endedNs).bind(4, tr.endedNs - tr.startedNs);
                else
                    m_updateTrace.bindNull(2).bindNull(3).bind(4, std::int64_t{0});
                m_updateTrace.bind(5, tr.status)
                    .bind(6, tr.spanCount)
                    .bind(7, static_cast<std::int64_t>(tr.kinds))
                    .bind(8, tr.tokens)
                    .bind(9, tr.cost)
                    .bindOrNull(10, tr.model)
                    .bindOrNull(11, tr.promptName)
                    .bindOrNull(12, tr.promptVersion)
                    .bindOrNull(13, tr.sessionId)
                    .bindOrNull(14, tr.userId)
                    .bindOrNull(15, tr.service)
                    .bindOrNull(16, tr.rootSpanId)
                    .bindOrNull(17, tr.name)
                    .bindOrNull(18, tr.inputPreview)
                    .bindOrNull(19, tr.outputPreview)
                    .bind(20, tr.inRank | (tr.outRank << 4) | (tr.nameRank << 8));
                m_updateTrace.run();
            }
            if (tr.signalsAdded) {
                m_feedback.bind(1, tr.rowid);
                m_feedback.run();
            }
        }
        tx.commit();
    } catch (...) {
        // Ids cached during the rolled-back transaction no longer exist.
        m_texts.forgetCache();
        throw;
    }
    return stats;
}

}  // namespace lb::store
