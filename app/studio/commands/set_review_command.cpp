#include "commands/set_review_command.h"

#include <exception>

#include <QCoreApplication>

namespace sevila::studio {

SetReviewCommand::SetReviewCommand(ProjectStore& store, int64_t itemId, std::string author, ReviewState state,
                                   std::string reviewer, QUndoCommand* parent)
    : QUndoCommand(parent),
      m_store(store),
      m_itemId(itemId),
      m_author(std::move(author)),
      m_state(state),
      m_reviewer(std::move(reviewer)) {
  switch (state) {
    case ReviewState::Accepted:
      setText(QCoreApplication::translate("SetReviewCommand", "Accept label"));
      break;
    case ReviewState::Rejected:
      setText(QCoreApplication::translate("SetReviewCommand", "Reject label"));
      break;
    case ReviewState::None:
      setText(QCoreApplication::translate("SetReviewCommand", "Clear review"));
      break;
  }
}

void SetReviewCommand::redo() {
  try {
    m_store.transaction([&] {
      m_before = m_store.label(m_itemId, m_author);
      m_store.setReview(m_itemId, m_author, m_state, m_reviewer);
      m_after = m_store.label(m_itemId, m_author);
    });
  } catch (const std::exception& e) {
    m_after.reset();
    setObsolete(true);
    m_store.reportWriteError(QString::fromUtf8(e.what()));
    Q_EMIT m_store.labelChanged(m_itemId, QString::fromStdString(m_author));
  }
}

void SetReviewCommand::undo() {
  try {
    m_store.restoreLabel(m_itemId, m_author, m_before);
  } catch (const std::exception& e) {
    setObsolete(true);
    m_store.reportWriteError(QString::fromUtf8(e.what()));
  }
}

}  // namespace sevila::studio
