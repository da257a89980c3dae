// A whole split of the demo data set: N videos made in parallel (demo_video.h) and the three files that
// describe them, all in one folder:
//   DIR/videos/<id>.mp4          the videos (ids firstId, firstId+1, ...)
//   DIR/<split>.csv              NExT-QA's csv (data/nextqa_reader.h): video,frame_count,width,height,
//                                question,answer,qid,type,a0..a4; one row per question, qid = the question's
//                                number in its video (0 = StarColour, 1 = LineCrossing; shape_questions.h)
//   DIR/<split>-events.jsonl     per question: {"qid","video","type","question","answer","answer_text",
//                                "target":{"kind","colour"},"frame_count","fps","frames":[every frame that
//                                shows the answer],"grid_positions":[its keyframes]}
//   DIR/<split>-keyframes.jsonl  ground-truth keyframes (data/keyframe_labels.h, author "generator",
//                                "confirmed") on the uniform grid the trainer samples: what
//                                `sevila refine --labels` trains the Localizer from and its report measures
//                                the top-4 hit rate against.
// Everything is a function of the options: the same seed gives the same bytes, whatever `jobs` is
// (labels carry a fixed time, not the clock). The text files are replaced atomically, after all videos.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "data/keyframe_labels.h"
#include "demo_video.h"

namespace sevila::demo {

struct SplitOptions {
  std::string outDir;
  std::string splitName = "train";
  int videos = 0;
  uint64_t seed = 0;
  int64_t firstId = 1;  // give each split of one folder its own range (e.g. train 1.., val 100001..)
  std::string ffmpeg = "ffmpeg";
  int jobs = 2;  // videos made at once (one ffmpeg each)
  SceneOptions scene;
  // Called after each video with (done, total), from worker threads one at a time.
  std::function<void(int, int)> progress;
};

struct SplitSummary {
  int videos = 0;
  int questions = 0;
  int minEventPositions = 0;  // keyframes per question on the grid
  int maxEventPositions = 0;
  double meanEventPositions = 0;
  double chanceHitRate = 0;  // share of grid positions that are keyframes: 4 random frames' expected hit rate
  std::string csv, events, keyframes;  // the files written
};

// Throws sevila::Error for bad options, an unwritable folder or a failed video (the first one).
SplitSummary generateSplit(const SplitOptions& options);

// The files' contents, from made videos (exposed for tests).
std::string nextQaQid(QuestionType type, int64_t video, int number);  // "DO_17_0", as the reader builds it
std::string nextQaCsv(const std::vector<DemoVideo>& videos);
std::string eventsJsonl(const std::vector<DemoVideo>& videos);
std::vector<data::KeyframeLabelRecord> keyframeLabels(const std::vector<DemoVideo>& videos, uint64_t seed);

}  // namespace sevila::demo
