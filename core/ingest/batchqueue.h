#pragma once
// The hand-off between an import's reading thread and its writing thread.

#include "model/signal.h"
#include "store/encodedspan.h"

#include <condition_variable>
#include <deque>
#include <mutex>
#include <optional>
#include <vector>

namespace lb::ingest {

// Spans (already encoded for storage) and loose signals written in one transaction.
struct Batch {
    std::vector<store::EncodedSpan> spans;
    std::vector<model::Signal> signalList;
    bool empty() const { return spans.empty() && signalList.empty(); }
};

// A bounded hand-off between the reading thread and the writing thread, so memory stays flat
// whatever the file size: the reader waits when the writer is behind.
class BatchQueue {
public:
    explicit BatchQueue(std::size_t capacity) : m_capacity(capacity) {}
    void push(Batch &&b)
    {
        std::deque<Batch> spent;
        {
            std::unique_lock lock(m_mutex);
            m_notFull.wait(lock, [&] { return m_items.size() < m_capacity || m_closed; });
            if (m_closed)
                return;
            m_items.push_back(std::move(b));
            spent.swap(m_spent);
            m_notEmpty.notify_one();
        }
        // The batches the writer is done with are freed here, on the reading thread: the writer is
        // the import's bottleneck, and freeing thousands of strings took a tenth of its time.
    }
    // The writer hands a written batch back instead of freeing it (see push()).
    void giveBack(Batch &&b)
    {
        std::lock_guard lock(m_mutex);
        m_spent.push_back(std::move(b));
    }
    std::optional<Batch> pop()
    {
        std::unique_lock lock(m_mutex);
        m_notEmpty.wait(lock, [&] { return !m_items.empty() || m_finished || m_closed; });
        if (m_items.empty() || m_closed)
            return std::nullopt;
        Batch b = std::move(m_items.front());
        m_items.pop_front();
        m_notFull.notify_one();
        return b;
    }
    // No more batches will come; the writer drains what is queued.
    void finish()
    {
        std::lock_guard lock(m_mutex);
        m_finished = true;
        m_notEmpty.notify_all();
    }
    // Stop now: queued batches are dropped and a waiting reader is released.
    void close()
    {
        std::lock_guard lock(m_mutex);
        m_closed = true;
        m_items.clear();
        m_notEmpty.notify_all();
        m_notFull.notify_all();
    }

private:
    std::mutex m_mutex;
    std::condition_variable m_notEmpty, m_notFull;
    std::deque<Batch> m_items;
    std::deque<Batch> m_spent;
    std::size_t m_capacity;
    bool m_finished = false;
    bool m_closed = false;
};

}  // namespace lb::ingest
