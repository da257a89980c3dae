// The annotator's label on the shown item beside the keyframe strip: whose it is and when it last
// changed, confirmed or unsure, and a free-text note. Edits are emitted as intent (the studio turns them
// into undoable commands); nothing is stored here.
#pragma once

#include <QString>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace sevila::widgets {

struct LabelDetailsView {
  bool editable = false;  // a run is shown in a project
  bool exists = false;    // the author has a label on this item
  QString author;
  QString updated;  // ISO 8601 UTC
  bool unsure = false;
  QString note;
};

class LabelDetails : public QWidget {
  Q_OBJECT
public:
  explicit LabelDetails(QWidget* parent = nullptr);

  void setView(const LabelDetailsView& view);
  const LabelDetailsView& view() const { return m_view; }

Q_SIGNALS:
  void unsureChanged(bool unsure);
  void noteEdited(const QString& note);  // when the annotator finishes the edit (Enter or leaving the field)

protected:
  void changeEvent(QEvent* event) override;

private:
  void retranslate();

  LabelDetailsView m_view;
  QLabel* m_who;
  QComboBox* m_state;
  QLineEdit* m_note;
};

}  // namespace sevila::widgets
