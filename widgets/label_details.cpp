#include "widgets/label_details.h"

#include <QComboBox>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>

namespace sevila::widgets {

LabelDetails::LabelDetails(QWidget* parent)
    : QWidget(parent), m_who(new QLabel(this)), m_state(new QComboBox(this)), m_note(new QLineEdit(this)) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 0, 4, 0);
  layout->addWidget(m_who);
  layout->addWidget(m_state);
  layout->addWidget(m_note, 1);
  m_state->setObjectName("labelState");
  m_note->setObjectName("labelNote");
  m_note->setClearButtonEnabled(true);
  m_state->addItem(QString());
  m_state->addItem(QString());
  retranslate();
  connect(m_state, &QComboBox::activated, this, [this](int index) {
    if ((index == 1) != m_view.unsure) Q_EMIT unsureChanged(index == 1);
  });
  connect(m_note, &QLineEdit::editingFinished, this, [this] {
    if (m_note->text() != m_view.note) Q_EMIT noteEdited(m_note->text());
  });
  setView({});
}

void LabelDetails::retranslate() {
  m_state->setItemText(0, tr("Confirmed"));
  m_state->setItemText(1, tr("Unsure"));
  m_state->setToolTip(tr("Is this label certain? Unsure labels can be left out of training"));
  m_note->setPlaceholderText(tr("Note on this label…"));
  setView(m_view);
}

void LabelDetails::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  QWidget::changeEvent(event);
}

void LabelDetails::setView(const LabelDetailsView& view) {
  m_view = view;
  if (!view.editable)
    m_who->setText(tr("No label: run a question first"));
  else if (!view.exists)
    m_who->setText(tr("%1: no label yet").arg(view.author));
  else
    m_who->setText(tr("%1's label, %2").arg(view.author, QString(view.updated).replace('T', ' ').left(16)));
  const QSignalBlocker blockState(m_state), blockNote(m_note);
  m_state->setCurrentIndex(view.unsure ? 1 : 0);
  if (!m_note->hasFocus() || m_note->text() == view.note) m_note->setText(view.note);
  m_state->setEnabled(view.exists);
  m_note->setEnabled(view.exists);
}

}  // namespace sevila::widgets
