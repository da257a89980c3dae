#include "commands/label_command.h"

#include <exception>

#include "data/keyframe_labels.h"
#include "data/label_windows.h"

namespace sevila::studio {

LabelCommand::LabelCommand(ProjectStore& store, LabelTarget target, QUndoCommand* parent)
    : QUndoCommand(parent), m_store(store), m_target(std::move(target)) {}

KeyframeLabel LabelCommand::onTargetGrid(const std::optional<KeyframeLabel>& before) const {
  KeyframeLabel l;
  if (before) l = *before;
  l.itemId = m_target.itemId;
  l.author = m_target.author;
  if (!before || before->grid != m_target.grid) {
    // Drawn windows are times, valid on any grid: the keyframes become what they cover on the new one.
    if (before && !before->windows.empty())
      l.keyframes = data::positionsInWindows(m_target.grid, m_target.fps, before->windows);
    else
      l.keyframes =
          before ? data::remapKeyframes(before->grid, before->keyframes, m_target.grid) : std::vector<int>{};
    l.grid = m_target.grid;
    l.fps = m_target.fps;
  }
  return l;
}

void LabelCommand::redo() {
  try {
    m_store.transaction([&] {
      m_before = m_store.label(m_target.itemId, m_target.author);
      m_store.putLabel(apply(m_before));
      m_after = m_store.label(m_target.itemId, m_target.author);
    });
  } catch (const std::exception& e) {
    m_after.reset();
    setObsolete(true);
    m_store.reportWriteError(QString::fromUtf8(e.what()));
    // Views may have been told of a write that was then rolled back: have them read again.
    Q_EMIT m_store.labelChanged(m_target.itemId, QString::fromStdString(m_target.author));
  }
}

void LabelCommand::undo() {
  try {
    m_store.restoreLabel(m_target.itemId, m_target.author, m_before);
  } catch (const std::exception& e) {
    setObsolete(true);
    m_store.reportWriteError(QString::fromUtf8(e.what()));
  }
}

}  // namespace sevila::studio
