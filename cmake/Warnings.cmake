# Project-wide warning flags, applied to our own targets only (not to Qt's generated code).
function(loopbench_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic -Wno-missing-field-initializers)
endfunction()
