#include "checkpointer.h"

#include "db.h"

#include <pthread.h>
#include <sqlite3.h>

namespace lb::store {

Checkpointer::Checkpointer(std::string path, std::chrono::milliseconds interval)
    : m_path(std::move(path)), m_interval(interval), m_thread([this] { run(); })
{
}

Checkpointer::~Checkpointer()
{
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_wake.notify_all();
    m_thread.join();
}

void Checkpointer::run()
{
    pthread_setname_np(pthread_self(), "lb-checkpoint");
    try {
        Db db(m_path, Db::Mode::ReadWrite);
        // A connection learns that the file is in WAL mode on its first read.
        db.scalarInt("PRAGMA user_version");
        bool last = false;
        while (!last) {
            {
                std::unique_lock lock(m_mutex);
                m_wake.wait_for(lock, m_interval, [&] { return m_stop; });
                last = m_stop;
            }
            // PASSIVE never waits for the writer or readers: it copies what it can and returns.
            int logFrames = 0, done = 0;
            const int rc = sqlite3_wal_checkpoint_v2(db.handle(), nullptr, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &done);
            if (rc == SQLITE_OK && done > 0)
                m_frames = done;
        }
    } catch (const DbError &) {
        // Checkpointing is an optimization: without it the work happens at close instead.
    }
}

}  // namespace lb::store
