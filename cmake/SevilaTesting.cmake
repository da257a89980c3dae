# sevila_add_test(NAME SOURCES a.cpp ... LIBS lib ... LABELS nn ... [ENV VAR=value ...])
# One test executable registered with CTest. Exit code 77 marks a visible skip (no GPU, no display).
# Tests read their data from tests/data through SEVILA_TEST_DATA (never from ../shared).
function(sevila_add_test name)
  cmake_parse_arguments(T "" "" "SOURCES;LIBS;LABELS;ENV;ARGS" ${ARGN})
  add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE ${T_LIBS})
  target_compile_definitions(${name} PRIVATE
    SEVILA_TEST_DATA="${PROJECT_SOURCE_DIR}/tests/data"
    SEVILA_BINARY_DIR="${PROJECT_BINARY_DIR}")
  add_test(NAME ${name} COMMAND ${name} ${T_ARGS})
  set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" SKIP_RETURN_CODE 77)
  if(T_ENV)
    set_tests_properties(${name} PROPERTIES ENVIRONMENT "${T_ENV}")
  endif()
endfunction()
