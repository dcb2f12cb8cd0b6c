// Start-up options for jemalloc, the executable's allocator (see the top-level CMakeLists.txt).
#ifdef LOOPBENCH_JEMALLOC

// jemalloc reads this symbol when it starts. Transparent huge pages for the heap: an import
// touches about 150 MB of fresh heap, and on a virtual machine each 4 KiB page fault is costly.
// Measured on the 100 MB import: 3.4k page faults instead of 33k, 0.82 s of CPU instead of 1.41
// and 0.67 s instead of 1.05 s of wall time. Where the kernel disables THP this does nothing.
extern "C" {
__attribute__((used, visibility("default"))) const char *malloc_conf = "thp:always";
}

#endif
