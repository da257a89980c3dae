# `format` rewrites the project's C++ files with .clang-format; `format-check` fails when one differs
# (CI runs it). Pinned to Debian 12's clang-format 14 where present: other versions format differently.
find_program(SEVILA_CLANG_FORMAT NAMES clang-format-14 clang-format)
if(SEVILA_CLANG_FORMAT)
  file(GLOB_RECURSE SEVILA_FORMAT_FILES CONFIGURE_DEPENDS
       ${PROJECT_SOURCE_DIR}/model/*.cpp ${PROJECT_SOURCE_DIR}/model/*.h
       ${PROJECT_SOURCE_DIR}/app/*.cpp ${PROJECT_SOURCE_DIR}/app/*.h
       ${PROJECT_SOURCE_DIR}/widgets/*.cpp ${PROJECT_SOURCE_DIR}/widgets/*.h
       ${PROJECT_SOURCE_DIR}/tests/*.cpp ${PROJECT_SOURCE_DIR}/tests/*.h)
  add_custom_target(format COMMAND ${SEVILA_CLANG_FORMAT} -i ${SEVILA_FORMAT_FILES}
                    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} COMMENT "clang-format -i on the project's C++ files")
  add_custom_target(format-check COMMAND ${SEVILA_CLANG_FORMAT} --dry-run --Werror ${SEVILA_FORMAT_FILES}
                    WORKING_DIRECTORY ${PROJECT_SOURCE_DIR} COMMENT "clang-format --dry-run on the project's C++ files")
endif()
