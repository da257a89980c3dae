// The base of every keyframe-label edit: a QUndoCommand whose redo and undo each write through the
// ProjectStore in one transaction, so the undo history and the saved project cannot drift apart.
//
// redo() reads the current (item, author) label, computes the edited one (apply) and writes it; the label
// it read is kept, and undo() writes it back exactly (timestamps included), or removes the label when
// there was none. A write that fails is reported through ProjectStore::writeFailed, and the command
// marks itself obsolete so QUndoStack drops it (the stack never claims an edit the file does not hold).
#pragma once

#include <optional>
#include <string>

#include <QUndoCommand>

#include "project_store.h"

namespace sevila::studio {

// What an edit needs to know about the label it creates when the author has none yet: the sampling
// grid of the run the annotator is looking at (positions, absolute frame indices, timestamps).
struct LabelTarget {
  int64_t itemId = 0;
  std::string author;
  double fps = 0;
  SamplingGrid grid;
};

// The target for labelling on a run's grid: fps from the run's video (ChainResult::fps or
// VideoRecord::fps), the grid from its frames.
inline LabelTarget labelTargetFor(const RunRecord& run, const std::string& author, double fps) {
  return LabelTarget{run.itemId, author, fps, gridOf(run)};
}

class LabelCommand : public QUndoCommand {
public:
  void redo() override;
  void undo() override;

  const LabelTarget& target() const { return m_target; }
  // The label as this command's redo left it (nullopt before the first redo or after a failure).
  const std::optional<KeyframeLabel>& after() const { return m_after; }

protected:
  LabelCommand(ProjectStore& store, LabelTarget target, QUndoCommand* parent);
  // The label after this edit, given the current one (nullopt: none yet).
  virtual KeyframeLabel apply(const std::optional<KeyframeLabel>& before) const = 0;
  // The current label moved onto target().grid (keyframes remapped by absolute frame index when the
  // grid changed; with drawn windows, the windows are kept and the keyframes are the positions they
  // cover on the new grid), or a new empty label on that grid.
  KeyframeLabel onTargetGrid(const std::optional<KeyframeLabel>& before) const;

  ProjectStore& m_store;
  LabelTarget m_target;
  std::optional<KeyframeLabel> m_before;
  std::optional<KeyframeLabel> m_after;
};

}  // namespace sevila::studio
