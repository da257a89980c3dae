// Edit: the author's free-text note on a label. Consecutive edits of the same label's note merge into
// one undo step (typing a sentence is one "Edit note", as in a text editor).
#pragma once

#include <string>

#include "commands/label_command.h"

namespace sevila::studio {

class SetLabelNoteCommand : public LabelCommand {
public:
  SetLabelNoteCommand(ProjectStore& store, LabelTarget target, std::string note,
                      QUndoCommand* parent = nullptr);

  int id() const override { return kId; }
  // Merges a following note edit of the same (item, author): keeps this command's "before", takes the
  // other's note. A merge that lands back on the original note makes the command obsolete.
  bool mergeWith(const QUndoCommand* other) override;

  static constexpr int kId = 0x5e17;

protected:
  KeyframeLabel apply(const std::optional<KeyframeLabel>& before) const override;

private:
  std::string m_note;
};

}  // namespace sevila::studio
