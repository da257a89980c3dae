// Edit: replace the author's keyframes with a whole set: "accept the model's keyframes" (the run's top-k)
// or "clear" (an empty set, which is itself a label: no frame answers the question). Drawn windows are
// dropped: the new set is the label.
#pragma once

#include <vector>

#include <QString>

#include "commands/label_command.h"

namespace sevila::studio {

class SetKeyframesCommand : public LabelCommand {
public:
  // `positions` are positions in target.grid (sorted and de-duplicated here). `text` names the edit in
  // the Edit menu; empty gives "Accept model keyframes" or "Clear keyframes".
  SetKeyframesCommand(ProjectStore& store, LabelTarget target, std::vector<int> positions, QString text = {},
                      QUndoCommand* parent = nullptr);

protected:
  KeyframeLabel apply(const std::optional<KeyframeLabel>& before) const override;

private:
  std::vector<int> m_positions;
};

}  // namespace sevila::studio
