// The label on the shown item beside the keyframe strip: whose it is (the annotator's own or, chosen in a
// compact selector, another annotator's), when it last changed, confirmed or unsure, a free-text note, and
// its review (accepted or rejected by another annotator). Edits and reviews are emitted as intent (the
// studio turns them into undoable commands); nothing is stored here.
#pragma once

#include <QString>
#include <QStringList>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QToolButton;

namespace sevila::widgets {

struct LabelDetailsView {
  bool editable = false;  // a run is shown in a project
  bool exists = false;    // the shown author has a label on this item
  QString author;         // the current annotator
  QString updated;        // ISO 8601 UTC
  bool unsure = false;
  QString note;
  QStringList authors;  // authors with a label on the shown item, plus the current annotator
  QString shownAuthor;  // whose label is shown; empty means `author`
  int review = 0;       // 0 none, 1 accepted, 2 rejected
  QString reviewer;
  QString reviewed;        // ISO 8601 UTC
  bool canReview = false;  // the shown label is another author's existing label and `author` has a name
};

class LabelDetails : public QWidget {
  Q_OBJECT
public:
  explicit LabelDetails(QWidget* parent = nullptr);
  // Closing a focused window on destruction makes its line edit lose focus and emit editingFinished
  // while QWidget's destructor runs: the destructor disconnects first (UBSan found the member call on a
  // half-destroyed object).
  ~LabelDetails() override;

  void setView(const LabelDetailsView& view);
  const LabelDetailsView& view() const { return m_view; }

  // The status line's text for `view`: "✓ Accepted by bob · 2026-12-05 11:00" (local time), "✗ Rejected
  // by …", "Not reviewed", or empty when there is no label to review.
  static QString reviewText(const LabelDetailsView& view);

Q_SIGNALS:
  void unsureChanged(bool unsure);
  void noteEdited(const QString& note);  // when the annotator finishes the edit (Enter or leaving the field)
  void shownAuthorChanged(const QString& author);  // the user chose whose label to show
  void reviewRequested(int state);                 // 0 clear the review, 1 accept, 2 reject

protected:
  void changeEvent(QEvent* event) override;

private:
  void retranslate();
  void restyle();
  QString shownAuthor() const;
  bool othersLabel() const;

  LabelDetailsView m_view;
  QLabel* m_who;
  QComboBox* m_authorBox;
  QComboBox* m_state;
  QLineEdit* m_note;
  QLabel* m_reviewStatus;
  QToolButton* m_accept;
  QToolButton* m_reject;
};

}  // namespace sevila::widgets
