# Warnings for the project's own code (LibTorch, Qt and QCustomPlot come in as system headers). On by
# default; SEVILA_WERROR turns them into errors, as CI builds (it exports SEVILA_WERROR=ON, so that the
# README's plain configure command is what CI runs).
option(SEVILA_WARNINGS "Compile the project's code with -Wall -Wextra" ON)
if(DEFINED ENV{SEVILA_WERROR} AND NOT DEFINED SEVILA_WERROR)
  set(SEVILA_WERROR "$ENV{SEVILA_WERROR}" CACHE BOOL "Treat warnings as errors")
endif()
option(SEVILA_WERROR "Treat warnings as errors" OFF)
if(SEVILA_WARNINGS AND CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
  add_compile_options(-Wall -Wextra)
  if(SEVILA_WERROR)
    add_compile_options(-Werror)
  endif()
endif()
