// Edit: a reviewer accepts or rejects another author's label, or clears the review
// (ProjectStore::setReview). Undo writes back the label exactly as it was, previous review included.
#pragma once

#include <optional>
#include <string>

#include <QUndoCommand>

#include "project_store.h"

namespace sevila::studio {

class SetReviewCommand : public QUndoCommand {
public:
  // Text "Accept label", "Reject label" or "Clear review". A review the store refuses (no such label,
  // the reviewer is the author) is reported through ProjectStore::writeFailed and the command drops
  // itself from the stack.
  SetReviewCommand(ProjectStore& store, int64_t itemId, std::string author, ReviewState state,
                   std::string reviewer, QUndoCommand* parent = nullptr);

  void redo() override;
  void undo() override;

  // The label after this command's redo (nullopt before the first redo or after a failure).
  const std::optional<KeyframeLabel>& after() const { return m_after; }

private:
  ProjectStore& m_store;
  int64_t m_itemId;
  std::string m_author;
  ReviewState m_state;
  std::string m_reviewer;
  std::optional<KeyframeLabel> m_before;
  std::optional<KeyframeLabel> m_after;
};

}  // namespace sevila::studio
