// LabelStore's write side: validation, durable appends and retractions, taxonomy versions.
#include "labelstore.h"

#include "labelrow.h"
#include "labelstorecache.h"
#include "store/workspace.h"

#include <sqlite3.h>

#include <algorithm>
#include <chrono>
#include <random>

namespace lb::labels {
namespace {

Error failure(std::string message) { return Error{std::move(message), {}, 0, -1}; }

std::int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

const char *kindName(model::LabelKind k)
{
    switch (k) {
    case model::LabelKind::Label: return "label";
    case model::LabelKind::Retraction: return "retraction";
    case model::LabelKind::Skip: return "skip";
    case model::LabelKind::Gold: return "gold label";
    }
    return "event";
}

// One durable write: its own IMMEDIATE transaction (committed with an fsync under
// synchronous=FULL), or a savepoint inside a batch the caller opened and commits.
class WriteScope {
public:
    explicit WriteScope(store::Db &db) : m_db(db), m_nested(sqlite3_get_autocommit(db.handle()) == 0)
    {
        m_db.exec(m_nested ? "SAVEPOINT label_write" : "BEGIN IMMEDIATE");
    }
    ~WriteScope()
    {
        if (m_done)
            return;
        try {
            m_db.exec(m_nested ? "ROLLBACK TO label_write; RELEASE label_write" : "ROLLBACK");
        } catch (const store::DbError &) {
            // The connection already rolled back (e.g. SQLITE_FULL); nothing is left to undo.
        }
    }
    void commit()
    {
        m_db.exec(m_nested ? "RELEASE label_write" : "COMMIT");
        m_done = true;
    }

private:
    store::Db &m_db;
    bool m_nested;
    bool m_done = false;
};

// Checks that need no database: the shape of the event for its kind.
std::optional<Error> checkShape(model::LabelEvent &e)
{
    if (e.traceId.empty() && e.kind != model::LabelKind::Retraction)
        return failure("A label needs the id of the trace it is about.");
    if (e.rater.empty())
        return failure("A label needs a rater name.");
    if (e.severity < 0 || e.severity > 3)
        return failure("Severity " + std::to_string(e.severity) +
                       " is out of range: use 1 (low), 2 (medium), 3 (high), or 0 for none.");
    // The same category twice is one judgement, not two.
    std::vector<std::string> unique;
    for (auto &c : e.categories)
        if (std::find(unique.begin(), unique.end(), c) == unique.end())
            unique.push_back(std::move(c));
    e.categories = std::move(unique);
    for (const auto &c : e.categories)
        if (c == model::kNoFailure)
            return failure("\"no failure\" is a verdict, not a category: set noFailure instead of listing it.");
    switch (e.kind) {
    case model::LabelKind::Label:
    case model::LabelKind::Gold:
        if (e.noFailure && !e.categories.empty())
            return failure("A " + std::string(kindName(e.kind)) +
                           " cannot say \"no failure\" and name failure categories at once; choose one.");
        if (!e.noFailure && e.categories.empty())
            return failure("A " + std::string(kindName(e.kind)) +
                           " needs at least one category, or the verdict \"no failure\".");
        break;
    case model::LabelKind::Skip:
        if (e.noFailure || !e.categories.empty())
            return failure("A skip carries no categories and no verdict.");
        break;
    case model::LabelKind::Retraction:
        if (e.retractsUid.empty())
            return failure("A retraction needs the uid of the event it takes back.");
        if (e.noFailure || !e.categories.empty())
            return failure("A retraction carries no categories and no verdict.");
        break;
    }
    for (const auto &ev : e.evidence) {
        if (ev.start < 0 || ev.end < ev.start)
            return failure("Evidence range " + std::to_string(ev.start) + "-" + std::to_string(ev.end) +
                           " in span " + ev.spanId + " is not a valid range (start <= end, both from 0).");
        const bool known = ev.field == "input" || ev.field == "output" || ev.field.starts_with("document:") ||
                           ev.field.starts_with("message:");
        if (!known)
            return failure("Evidence field \"" + ev.field +
                           "\" is not one of input, output, document:<index> or message:<index>.");
    }
    return std::nullopt;
}

}  // namespace

LabelStore::LabelStore(store::Db &db) : m_db(db), m_cache(std::make_unique<Cache>())
{
    // In WAL mode FULL syncs the log at every commit: an acknowledged label survives a power cut,
    // not only a crash of the process. SQLite refuses the change inside a transaction; a store made
    // inside one (a caller's read or batch) leaves the level to the connection's owner.
    if (sqlite3_get_autocommit(m_db.handle()))
        m_db.exec("PRAGMA synchronous = FULL");
}

LabelStore::~LabelStore() = default;

Result<model::LabelEvent> LabelStore::append(model::LabelEvent event)
{
    if (auto err = checkShape(event))
        return *err;
    try {
        WriteScope scope(m_db);
        auto result = appendInScope(std::move(event));
        if (result)
            scope.commit();
        return result;
    } catch (const store::DbError &e) {
        return store::Workspace::describeDbError(m_db.path(), e.code(), e.what());
    }
}

Result<model::LabelEvent> LabelStore::appendInScope(model::LabelEvent e)
{
    if (e.uid.empty())
        e.uid = newEventUid();
    else if (event(e.uid))
        return failure("An event with uid " + e.uid + " is already in the workspace.");

    if (e.kind == model::LabelKind::Retraction) {
        auto target = event(e.retractsUid);
        if (!target)
            return failure("There is no label event " + e.retractsUid + " to take back.");
        if (target->kind == model::LabelKind::Retraction)
            return failure("Event " + e.retractsUid + " is itself a retraction; append the label again instead.");
        if (!e.traceId.empty() && e.traceId != target->traceId)
            return failure("Event " + e.retractsUid + " belongs to trace " + target->traceId + ", not " + e.traceId + ".");
        auto &st = m_cache->stmt(m_db, Cache::RetractionOf,
                                 "SELECT uid FROM label_events WHERE retracts_uid = ? LIMIT 1");
        st.bind(1, e.retractsUid);
        const bool already = st.step();
        const std::string by = already ? st.columnString(0) : std::string();
        st.reset();
        if (already)
            return failure("Event " + e.retractsUid + " was already taken back (by " + by + ").");
        e.traceId = target->traceId;
        if (e.taxonomyVersion == 0)
            e.taxonomyVersion = target->taxonomyVersion;
    }

    if (e.taxonomyVersion == 0) {
        e.taxonomyVersion = taxonomy().version;
    }
    const model::Taxonomy tax = taxonomy(e.taxonomyVersion);
    if (tax.version == 0)
        return failure("Taxonomy version " + std::to_string(e.taxonomyVersion) + " is not in this workspace.");
    for (const auto &c : e.categories) {
        const model::Category *cat = tax.find(c);
        if (!cat) {
            std::string valid;
            for (const auto *a : tax.active())
                valid += (valid.empty() ? "" : ", ") + a->id;
            return failure("Unknown category \"" + c + "\" for taxonomy version " + std::to_string(tax.version) +
                           ". Valid categories: " + valid + ".");
        }
        if (cat->retired)
            return failure("Category \"" + c + "\" is retired in taxonomy version " + std::to_string(tax.version) +
                           " and takes no new labels.");
    }
    if (e.createdAtMs == 0)
        e.createdAtMs = nowMs();

    const std::int64_t trace = traceRowid(e.traceId);
    const std::int64_t rater = raterId(e.rater);
    const std::string categories = categoriesToJson(e.categories);
    const std::string evidence = evidenceToJson(e.evidence);
    auto &ins = m_cache->stmt(
        m_db, Cache::InsertEvent,
        "INSERT INTO label_events(uid, trace_rowid, rater_id, kind, categories, no_failure, severity, rationale, "
        "evidence_json, taxonomy_version, created_at, retracts_uid, origin) "
        "VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13)");
    ins.bind(1, e.uid)
        .bind(2, trace)
        .bind(3, rater)
        .bind(4, static_cast<int>(e.kind))
        .bind(5, categories)
        .bind(6, e.noFailure ? 1 : 0)
        .bind(7, e.severity)
        .bindOrNull(8, e.rationale)
        .bind(9, evidence)
        .bind(10, e.taxonomyVersion)
        .bind(11, e.createdAtMs)
        .bindOrNull(12, e.retractsUid)
        .bindOrNull(13, e.origin);
    ins.run();
    e.id = m_db.lastInsertRowid();
    return e;
}

Result<model::LabelEvent> LabelStore::retract(std::string_view uid, std::string_view rater, std::string_view origin)
{
    model::LabelEvent r;
    r.kind = model::LabelKind::Retraction;
    r.retractsUid = std::string(uid);
    r.rater = std::string(rater);
    r.origin = std::string(origin);
    return append(std::move(r));
}

std::int64_t LabelStore::traceRowid(std::string_view traceId)
{
    auto &find = m_cache->stmt(m_db, Cache::FindTrace, "SELECT id FROM traces WHERE trace_id = ?");
    find.bind(1, traceId);
    if (find.step()) {
        const std::int64_t id = find.columnInt(0);
        find.reset();
        return id;
    }
    find.reset();
    // Labels may arrive before the trace's spans (imports, merges); the span writer fills the row in.
    auto &ins = m_cache->stmt(m_db, Cache::InsertTrace, "INSERT INTO traces(trace_id) VALUES (?)");
    ins.bind(1, traceId);
    ins.run();
    return m_db.lastInsertRowid();
}

std::int64_t LabelStore::raterId(std::string_view name)
{
    // Not cached: an id minted inside a batch that is later rolled back would go stale.
    auto &find = m_cache->stmt(m_db, Cache::FindRater, "SELECT id FROM raters WHERE name = ?");
    find.bind(1, name);
    if (find.step()) {
        const std::int64_t id = find.columnInt(0);
        find.reset();
        return id;
    }
    find.reset();
    auto &ins = m_cache->stmt(m_db, Cache::InsertRater, "INSERT INTO raters(name) VALUES (?)");
    ins.bind(1, name);
    ins.run();
    return m_db.lastInsertRowid();
}

int LabelStore::currentVersion() const
{
    return static_cast<int>(m_db.scalarInt("SELECT coalesce(max(version), 0) FROM taxonomy_versions"));
}

model::Taxonomy LabelStore::taxonomy()
{
    int v = currentVersion();
    if (v == 0) {
        model::Taxonomy t = model::Taxonomy::defaults();
        auto saved = saveTaxonomy(t, "loopbench");
        if (saved)
            return saved.value();
        t.version = 1;  // a read-only workspace: the defaults, unsaved
        return t;
    }
    return taxonomy(v);
}

model::Taxonomy LabelStore::taxonomy(int version) const
{
    if (auto it = m_cache->taxonomies.find(version); it != m_cache->taxonomies.end())
        return it->second;
    auto st = m_db.prepare("SELECT json FROM taxonomy_versions WHERE version = ?");
    st.bind(1, version);
    model::Taxonomy t;
    if (!st.step())
        return t;
    std::string error;
    if (!model::Taxonomy::fromJson(st.columnText(0), t, error))
        return model::Taxonomy{};
    t.version = version;
    // Committed versions are immutable, so caching them is right; one read inside an open
    // transaction might still be rolled back and its number reused.
    if (sqlite3_get_autocommit(m_db.handle()) != 0)
        m_cache->taxonomies.emplace(version, t);
    return t;
}

std::vector<model::Taxonomy> LabelStore::taxonomyVersions() const
{
    std::vector<model::Taxonomy> out;
    auto st = m_db.prepare("SELECT version FROM taxonomy_versions ORDER BY version");
    std::vector<int> versions;
    while (st.step())
        versions.push_back(static_cast<int>(st.columnInt(0)));
    for (int v : versions)
        if (auto t = taxonomy(v); t.version != 0)
            out.push_back(std::move(t));
    return out;
}

Result<model::Taxonomy> LabelStore::saveTaxonomy(model::Taxonomy t, std::string_view author)
{
    // Through JSON and back: the same checks a taxonomy file gets (ids unique, parents known).
    t.version = 0;
    model::Taxonomy checked;
    std::string error;
    if (!model::Taxonomy::fromJson(t.toJson(), checked, error))
        return failure("The taxonomy cannot be saved: " + error + ".");
    if (checked.categories.empty())
        return failure("The taxonomy cannot be saved: it has no categories.");
    try {
        WriteScope scope(m_db);
        checked.version = currentVersion() + 1;
        auto st = m_db.prepare("INSERT INTO taxonomy_versions(version, json, created_at, author) VALUES (?,?,?,?)");
        const std::string json = checked.toJson();
        st.bind(1, checked.version).bind(2, json).bind(3, nowMs()).bindOrNull(4, author);
        st.run();
        scope.commit();
    } catch (const store::DbError &e) {
        return store::Workspace::describeDbError(m_db.path(), e.code(), e.what());
    }
    return checked;
}

Result<int> LabelStore::adoptTaxonomy(const model::Taxonomy &t, std::string_view author)
{
    taxonomy();  // a workspace without a taxonomy gets the defaults first, as version 1
    for (const auto &mine : taxonomyVersions())
        if (mine.categories == t.categories)
            return mine.version;
    auto saved = saveTaxonomy(t, author);
    if (!saved)
        return saved.error();
    return saved->version;
}

std::string newEventUid()
{
    // ULID-like: 48 bits of milliseconds then 80 random bits in Crockford base32, so uids sort
    // roughly by time and two copies of a workspace never mint the same one.
    static constexpr char kAlphabet[] = "0123456789abcdefghjkmnpqrstvwxyz";
    thread_local std::mt19937_64 rng{[] {
        std::random_device rd;
        std::seed_seq seq{rd(), rd(), rd(), rd(), static_cast<unsigned>(nowMs())};
        return std::mt19937_64(seq);
    }()};
    const auto ms = static_cast<std::uint64_t>(nowMs());
    std::string out = "lbl_";
    for (int i = 9; i >= 0; --i)
        out += kAlphabet[(ms >> (i * 5)) & 31];
    std::uint64_t r1 = rng(), r2 = rng();
    for (int i = 0; i < 16; ++i) {
        std::uint64_t &r = i < 8 ? r1 : r2;
        out += kAlphabet[r & 31];
        r >>= 5;
    }
    return out;
}

}  // namespace lb::labels
