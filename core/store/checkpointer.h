#pragma once
// Copies the write-ahead log into the workspace file on its own thread while a bulk import writes,
// so the writer never stalls on checkpoints and closing the workspace afterwards has little left
// to do.

#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <string>
#include <thread>

namespace lb::store {

class Checkpointer {
public:
    // Starts checkpointing path every interval; a failure to open just means no help is given
    // (the writer's own checkpoints, or the final close, still do the work).
    explicit Checkpointer(std::string path, std::chrono::milliseconds interval = std::chrono::milliseconds(60));
    // Stops after one last checkpoint.
    ~Checkpointer();
    Checkpointer(const Checkpointer &) = delete;
    Checkpointer &operator=(const Checkpointer &) = delete;

    std::int64_t framesCheckpointed() const { return m_frames; }

private:
    void run();

    std::string m_path;
    std::chrono::milliseconds m_interval;
    std::mutex m_mutex;
    std::condition_variable m_wake;
    bool m_stop = false;
    std::int64_t m_frames = 0;
    std::thread m_thread;
};

}  // namespace lb::store
