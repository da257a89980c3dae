# End to end on the tiny golden model (random weights) and real small videos: `sevila answer --json`
# (twice: the output is deterministic), a 3-item `sevila run` (then resumed: nothing redone), a 12-item
# one with and without question groups and `sevila metrics --json`. Run by CTest with -DSEVILA=... -DDATA=... -DWORK=...
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
set(MODEL --model ${DATA}/golden/tiny-a --sevila ${DATA}/golden/tiny-a/sevila.pth
          --tokenizer ${DATA}/golden/tokenizer/tiny_t5.model --threads 2)

function(run_checked out)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE stdout ERROR_VARIABLE stderr)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "failed (${rc}): ${ARGN}\n${stdout}\n${stderr}")
  endif()
  set(${out} "${stdout}" PARENT_SCOPE)
  set(${out}_stderr "${stderr}" PARENT_SCOPE)
endfunction()

set(ANSWER ${SEVILA} answer ${DATA}/media/pens.mp4 --question "what does the person hold?"
           --option "a pen" --option "a cup" --option "a phone" --answer 0 --frames 8 --keyframes 3
           --baselines --json --cache ${WORK}/features ${MODEL})
run_checked(first ${ANSWER})
run_checked(second ${ANSWER})  # the second run reads every frame's features from the cache
foreach(field "\"prediction\": [0-2]" "\"keyframes\": \\[" "\"frame\": 60" "\"voting\": [0-2]" "\"oracle\": (true|false)")
  if(NOT first MATCHES "${field}")
    message(FATAL_ERROR "sevila answer --json lacks ${field}:\n${first}")
  endif()
endforeach()
string(REGEX REPLACE "\"stage_seconds\": {[^}]*}" "" first_stable "${first}")
string(REGEX REPLACE "\"stage_seconds\": {[^}]*}" "" second_stable "${second}")
if(NOT first_stable STREQUAL second_stable)
  message(FATAL_ERROR "sevila answer is not deterministic:\n${first_stable}\n---\n${second_stable}")
endif()

# NExT-QA names videos by number: a folder of three real videos under such names.
file(MAKE_DIRECTORY ${WORK}/videos/0001)
file(COPY_FILE ${DATA}/media/pens.mp4 ${WORK}/videos/1001.mp4)
file(COPY_FILE ${DATA}/media/Effet_force_magnetique.ogv ${WORK}/videos/0001/1002.ogv)  # found recursively
file(COPY_FILE ${DATA}/media/kphotoalbum-movie.avi ${WORK}/videos/1003.avi)
set(RUN ${SEVILA} run --dataset nextqa --annotations ${DATA}/cli/nextqa_3.csv --videos ${WORK}/videos
        --out ${WORK}/results.jsonl --frames 8 --keyframes 3 --cache ${WORK}/features ${MODEL})
run_checked(summary ${RUN})
if(NOT summary MATCHES "3 answered, 0 already done, 0 failed")
  message(FATAL_ERROR "unexpected run summary: ${summary}")
endif()
# Into a pipe, progress is whole lines (no carriage returns piling up on one line), and warnings carry no
# memory addresses.
string(ASCII 13 cr)
if(summary_stderr MATCHES "${cr}" OR NOT summary_stderr MATCHES "\\[3/3\\] done 3, skipped 0, failed 0[^\n]*\n")
  message(FATAL_ERROR "progress into a pipe is not line-based:\n${summary_stderr}")
endif()
if(summary_stderr MATCHES "@ 0x")
  message(FATAL_ERROR "a warning carries a memory address:\n${summary_stderr}")
endif()
file(STRINGS ${WORK}/results.jsonl lines)
list(LENGTH lines count)
if(NOT count EQUAL 3)
  message(FATAL_ERROR "expected 3 result lines, got ${count}")
endif()
run_checked(again ${RUN})
if(NOT again MATCHES "0 answered, 3 already done")
  message(FATAL_ERROR "the re-run did not resume: ${again}")
endif()

# A video's questions answered together (--group, default 8) on frames decoded ahead (--decode-ahead,
# default 2): 12 questions on 3 videos give the predictions and keyframes they get one at a time, each
# video decoded when its turn comes (--group 1 --decode-ahead 0); the progress names the group. Each run
# has a cache of its own, so both decode every frame.
set(RUN12 ${SEVILA} run --dataset nextqa --annotations ${DATA}/cli/nextqa_12.csv --videos ${WORK}/videos
          --frames 8 --keyframes 3 ${MODEL})
run_checked(grouped ${RUN12} --out ${WORK}/grouped.jsonl --cache ${WORK}/features-grouped)
run_checked(single ${RUN12} --out ${WORK}/single.jsonl --group 1 --decode-ahead 0 --cache ${WORK}/features-single)
if(NOT grouped_stderr MATCHES "\\(\\+3 of its video\\)" OR single_stderr MATCHES "of its video")
  message(FATAL_ERROR "the progress does not name the groups:\n${grouped_stderr}\n---\n${single_stderr}")
endif()
function(answers_of file out)
  file(STRINGS ${file} lines)
  set(found "")
  foreach(line IN LISTS lines)
    string(JSON qid GET "${line}" qid)
    string(JSON prediction GET "${line}" prediction)
    string(JSON keyframes GET "${line}" keyframes)
    string(REPLACE " " "" keyframes "${keyframes}")
    list(APPEND found "${qid}=${prediction}@${keyframes}")
  endforeach()
  list(SORT found)
  set(${out} "${found}" PARENT_SCOPE)
endfunction()
answers_of(${WORK}/grouped.jsonl grouped_answers)
answers_of(${WORK}/single.jsonl single_answers)
list(LENGTH grouped_answers count)
if(NOT count EQUAL 12 OR NOT grouped_answers STREQUAL single_answers)
  message(FATAL_ERROR "grouped and one-at-a-time answers differ:\n${grouped_answers}\n---\n${single_answers}")
endif()
execute_process(COMMAND ${RUN12} --out ${WORK}/none.jsonl --group 0 RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "--group 0.*at least 1")
  message(FATAL_ERROR "sevila run --group 0 was not refused clearly (${rc}):\n${err}")
endif()
execute_process(COMMAND ${RUN12} --out ${WORK}/none.jsonl --decode-ahead -1 RESULT_VARIABLE rc ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "--decode-ahead -1.*at least 0")
  message(FATAL_ERROR "sevila run --decode-ahead -1 was not refused clearly (${rc}):\n${err}")
endif()

run_checked(metrics ${SEVILA} metrics --results ${WORK}/results.jsonl --dataset nextqa
            --annotations ${DATA}/cli/nextqa_3.csv --json)
if(NOT metrics MATCHES "\"overall\"")
  message(FATAL_ERROR "sevila metrics --json lacks the overall accuracy:\n${metrics}")
endif()

# --device cuda where there is no CUDA answers on the CPU and says why (issue 15: fall back, clearly).
execute_process(COMMAND ${ANSWER} --device cuda RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0 OR NOT out MATCHES "\"prediction\"")
  message(FATAL_ERROR "sevila answer --device cuda failed (${rc}):\n${err}")
endif()
if(NOT err MATCHES "note: --device cuda: no CUDA device on this machine or in this LibTorch build; running on the CPU.*, cpu, "
   AND NOT err MATCHES "\\(lavis, cuda")
  message(FATAL_ERROR "sevila answer --device cuda neither ran on CUDA nor said why it ran on the CPU:\n${err}")
endif()

# --cuda-graphs is refused on a CPU with a reason (usage errors exit 1 with the message).
execute_process(COMMAND ${ANSWER} --cuda-graphs RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "--cuda-graphs.*CUDA graphs need --device cuda")
  message(FATAL_ERROR "sevila answer --cuda-graphs on a CPU was not refused clearly (${rc}):\n${err}")
endif()
message(STATUS "end to end: answer, run (resumed), metrics all well-formed\n${metrics}")
