#include "commands/set_label_note_command.h"

#include <QCoreApplication>

namespace sevila::studio {

SetLabelNoteCommand::SetLabelNoteCommand(ProjectStore& store, LabelTarget target, std::string note,
                                         QUndoCommand* parent)
    : LabelCommand(store, std::move(target), parent), m_note(std::move(note)) {
  setText(QCoreApplication::translate("SetLabelNoteCommand", "Edit note"));
}

KeyframeLabel SetLabelNoteCommand::apply(const std::optional<KeyframeLabel>& before) const {
  KeyframeLabel l = before ? *before : onTargetGrid(before);
  l.note = m_note;
  return l;
}

bool SetLabelNoteCommand::mergeWith(const QUndoCommand* other) {
  if (other->id() != id()) return false;
  const auto* next = static_cast<const SetLabelNoteCommand*>(other);
  if (next->m_target.itemId != m_target.itemId || next->m_target.author != m_target.author) return false;
  if (isObsolete() || next->isObsolete()) return false;
  // `next` already ran its redo (the store holds its note); this command now stands for both.
  m_note = next->m_note;
  m_after = next->m_after;
  if (m_before && m_before->note == m_note) {
    // Back where we started: nothing left to undo. Put the exact original back (timestamps too).
    try {
      m_store.restoreLabel(m_target.itemId, m_target.author, m_before);
      setObsolete(true);
    } catch (const std::exception& e) {
      m_store.reportWriteError(QString::fromUtf8(e.what()));
    }
  }
  return true;
}

}  // namespace sevila::studio
