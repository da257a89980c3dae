// How well annotators agree with each other: for every pair of authors, Cohen's kappa and the confusion
// matrix of their per-frame yes/no labels over the items both labelled (inter-annotator agreement, the
// ceiling any keyframe model can be expected to reach). Plain C++17.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "data/keyframe_labels.h"
#include "data/label_agreement.h"

namespace sevila::data {

struct AuthorPairAgreement {
  std::string authorA, authorB;  // authorA < authorB (byte order)
  int64_t items = 0;             // items (dataset, qid) compared: both labelled, at least one common frame
  BinaryAgreement frames;        // A's labels as "predicted", B's as "reference" (kappa is symmetric)
};

// One entry per unordered pair of the authors in `labels` (every pair, sorted by (authorA, authorB);
// items = 0 and an empty matrix when they share no item). Per item both labelled:
// - the same frame indices on both grids: frame i of A against frame i of B;
// - different grids: the positions of A's grid whose absolute frame index is also in B's grid (the frames
//   remapKeyframes carries over), each against B's label of that frame (yes when one of B's keyframes
//   has that frame index); an item with no common frame is skipped.
// Throws sevila::Error when two labels share (dataset, qid, author).
std::vector<AuthorPairAgreement> pairwiseAgreement(const std::vector<KeyframeLabelRecord>& labels);

}  // namespace sevila::data
