#include "workerpool.h"

#include <algorithm>

namespace lb::triage {

WorkerPool::WorkerPool(int threads)
{
    for (int i = 0; i < threads; ++i)
        m_threads.emplace_back([this] { helperLoop(); });
}

WorkerPool::~WorkerPool()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    for (std::thread &t : m_threads)
        t.join();
}

int WorkerPool::helpersForMachine(int cap)
{
    const int cores = static_cast<int>(std::thread::hardware_concurrency());
    return std::clamp(cores - 1, 0, cap);
}

// Takes items one at a time under the lock: an item (one trace through every detector) costs far
// more than the lock, and the order of items stays free for the slow ones to spread out.
void WorkerPool::drain()
{
    std::unique_lock lock(m_mutex);
    while (m_next < m_count) {
        const std::size_t i = m_next++;
        const auto *item = m_item;
        lock.unlock();
        try {
            (*item)(i);
        } catch (...) {
            lock.lock();
            if (!m_error)
                m_error = std::current_exception();
            m_next = m_count;  // stop handing out items; the caller rethrows
            continue;
        }
        lock.lock();
    }
}

void WorkerPool::helperLoop()
{
    std::size_t seen = 0;
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_wake.wait(lock, [&] { return m_stop || m_generation != seen; });
        if (m_stop)
            return;
        seen = m_generation;
        ++m_busy;
        lock.unlock();
        drain();
        lock.lock();
        if (--m_busy == 0)
            m_done.notify_all();
    }
}

void WorkerPool::run(std::size_t count, const std::function<void(std::size_t)> &item, const std::function<void()> &first)
{
    {
        std::lock_guard lock(m_mutex);
        m_item = &item;
        m_count = count;
        m_next = 0;
        m_error = nullptr;
        ++m_generation;
    }
    m_wake.notify_all();
    std::exception_ptr firstError;
    if (first) {
        try {
            first();
        } catch (...) {
            firstError = std::current_exception();
        }
    }
    drain();
    std::unique_lock lock(m_mutex);
    m_done.wait(lock, [&] { return m_busy == 0 && m_next >= m_count; });
    m_item = nullptr;
    if (firstError)
        std::rethrow_exception(firstError);
    if (m_error)
        std::rethrow_exception(m_error);
}

}  // namespace lb::triage
