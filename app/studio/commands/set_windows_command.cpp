#include "commands/set_windows_command.h"

#include <QCoreApplication>

#include "data/label_windows.h"

namespace sevila::studio {

SetWindowsCommand::SetWindowsCommand(ProjectStore& store, LabelTarget target, TimeWindow window,
                                     QUndoCommand* parent)
    : LabelCommand(store, std::move(target), parent), m_added(window) {
  setText(QCoreApplication::translate("SetWindowsCommand", "Add relevant window"));
}

SetWindowsCommand::SetWindowsCommand(ProjectStore& store, LabelTarget target, int index, QUndoCommand* parent)
    : LabelCommand(store, std::move(target), parent), m_removed(index) {
  setText(QCoreApplication::translate("SetWindowsCommand", "Remove relevant window"));
}

KeyframeLabel SetWindowsCommand::apply(const std::optional<KeyframeLabel>& before) const {
  KeyframeLabel l = onTargetGrid(before);
  data::LabelSpans spans;
  if (m_added) {
    spans = data::addWindow(l.grid, l.fps, l.keyframes, l.windows, *m_added);
  } else {
    const std::vector<TimeWindow> shown =
        l.windows.empty() ? data::relevantWindows(l.grid, l.fps, l.keyframes) : l.windows;
    spans = data::removeWindow(l.grid, l.fps, shown, m_removed);
  }
  l.windows = std::move(spans.windows);
  l.keyframes = std::move(spans.keyframes);
  return l;
}

}  // namespace sevila::studio
