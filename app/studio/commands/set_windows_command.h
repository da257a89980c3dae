// Edit: add a drawn relevant window to the author's label, or remove one (data/label_windows.h). The
// keyframes follow the windows: they are the sampled frames the windows cover.
#pragma once

#include <optional>

#include "commands/label_command.h"

namespace sevila::studio {

class SetWindowsCommand : public LabelCommand {
public:
  // "Add relevant window": `window` (seconds) merged into the label's windows. On a label with keyframes
  // but no drawn windows, the keyframes' derived windows become drawn first. Creates the label when there
  // is none.
  SetWindowsCommand(ProjectStore& store, LabelTarget target, TimeWindow window,
                    QUndoCommand* parent = nullptr);
  // "Remove relevant window": drops window `index` of the label's drawn windows (of its derived windows
  // when none are drawn, the ones the timeline shows). An index that does not exist fails the edit
  // (reported through ProjectStore::writeFailed).
  SetWindowsCommand(ProjectStore& store, LabelTarget target, int index, QUndoCommand* parent = nullptr);

protected:
  KeyframeLabel apply(const std::optional<KeyframeLabel>& before) const override;

private:
  std::optional<TimeWindow> m_added;
  int m_removed = -1;
};

}  // namespace sevila::studio
