#pragma once
// A fixed set of threads that share the items of one job with the calling thread. The threads live
// as long as the pool, so the per-thread text caches of the detectors (thread_local) survive from
// batch to batch instead of starting cold each time.

#include <condition_variable>
#include <cstddef>
#include <exception>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

namespace lb::triage {

class WorkerPool {
public:
    // threads: the helper threads besides the caller; 0 runs everything on the caller.
    explicit WorkerPool(int threads);
    ~WorkerPool();
    WorkerPool(const WorkerPool &) = delete;
    WorkerPool &operator=(const WorkerPool &) = delete;

    // Calls item(i) for every i < count, on the helpers and on the caller, and returns when all are
    // done. first() runs on the caller before it joins in, while the helpers already work (the
    // caller reads the next batch meanwhile). Exceptions from item() are rethrown here.
    void run(std::size_t count, const std::function<void(std::size_t)> &item, const std::function<void()> &first = {});

    // Helper threads for a machine: one per core beyond the caller's, at most `cap`.
    static int helpersForMachine(int cap);

private:
    void helperLoop();
    void drain();

    std::vector<std::thread> m_threads;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    std::condition_variable m_done;
    const std::function<void(std::size_t)> *m_item = nullptr;
    std::size_t m_count = 0;
    std::size_t m_next = 0;
    std::size_t m_generation = 0;
    int m_busy = 0;
    bool m_stop = false;
    std::exception_ptr m_error;
};

}  // namespace lb::triage
