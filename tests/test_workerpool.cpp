// WorkerPool: every item runs exactly once across the helpers and the caller, first() runs while the
// helpers work, exceptions reach the caller, and the pool is reusable after one.
#include "triage/workerpool.h"

#include <QtTest>

#include <atomic>
#include <set>
#include <stdexcept>
#include <thread>
#include <vector>

using lb::triage::WorkerPool;

class TestWorkerPool : public QObject {
    Q_OBJECT

private slots:
    void everyItemOnceOverManyJobs()
    {
        for (int helpers : {0, 1, 3}) {
            WorkerPool pool(helpers);
            for (std::size_t n : {std::size_t(0), std::size_t(1), std::size_t(7), std::size_t(1000)}) {
                std::vector<std::atomic<int>> calls(n);
                std::atomic<bool> firstRan = false;
                pool.run(n, [&](std::size_t i) { calls[i].fetch_add(1); }, [&] { firstRan = true; });
                QVERIFY(firstRan);
                for (std::size_t i = 0; i < n; ++i)
                    QCOMPARE(calls[i].load(), 1);
            }
        }
    }

    void helpersTakeItemsWhileTheCallerIsBusy()
    {
        WorkerPool pool(2);
        std::mutex m;
        std::set<std::thread::id> threads;
        const std::thread::id caller = std::this_thread::get_id();
        // The caller's first() waits until a helper finished an item: it can only return if the
        // helpers really run at the same time.
        std::atomic<int> done = 0;
        pool.run(
            50,
            [&](std::size_t) {
                std::lock_guard lock(m);
                threads.insert(std::this_thread::get_id());
                ++done;
            },
            [&] {
                while (done.load() == 0)
                    std::this_thread::yield();
            });
        QCOMPARE(done.load(), 50);
        threads.erase(caller);
        QVERIFY(!threads.empty());
    }

    void exceptionsReachTheCallerAndThePoolGoesOn()
    {
        WorkerPool pool(2);
        std::atomic<int> ran = 0;
        QVERIFY_THROWS_EXCEPTION(std::runtime_error, pool.run(100, [&](std::size_t i) {
            ++ran;
            if (i == 10)
                throw std::runtime_error("item 10 failed");
        }));
        QVERIFY(ran.load() <= 100);
        QVERIFY_THROWS_EXCEPTION(std::logic_error, pool.run(5, [](std::size_t) {}, [] { throw std::logic_error("first failed"); }));
        std::atomic<int> after = 0;
        pool.run(20, [&](std::size_t) { ++after; });
        QCOMPARE(after.load(), 20);
    }
};

QTEST_MAIN(TestWorkerPool)
#include "test_workerpool.moc"
