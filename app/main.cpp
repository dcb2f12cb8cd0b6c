// Entry point: no arguments opens the window; a subcommand runs headless.
#include <cstdio>
#include <cstring>

int main(int argc, char **argv)
{
    if (argc > 1 && std::strcmp(argv[1], "--version") == 0) {
        std::printf("loopbench %s\n", LOOPBENCH_VERSION);
        return 0;
    }
    return 0;
}
