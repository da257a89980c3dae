# Use ccache when it is installed: a rebuild of unchanged torch files drops from ~25 s to ~1 s each.
# Precompiled headers and ccache agree only when ccache may trust the pch's timestamps.
find_program(SEVILA_CCACHE ccache)
if(SEVILA_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_CXX_COMPILER_LAUNCHER
      ${CMAKE_COMMAND} -E env "CCACHE_SLOPPINESS=pch_defines,time_macros,include_file_mtime,include_file_ctime"
      ${SEVILA_CCACHE})
endif()
