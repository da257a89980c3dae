#include "widgets/label_details.h"

#include <QComboBox>
#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>
#include <QToolButton>

namespace sevila::widgets {

namespace {
// "2026-12-05T10:00:00Z" as "2026-12-05 11:00" in local time; an unparsable time as written, minus seconds.
QString localMinute(const QString& iso) {
  const QDateTime t = QDateTime::fromString(iso, Qt::ISODateWithMs);
  if (!t.isValid()) return QString(iso).replace('T', ' ').left(16);
  return t.toLocalTime().toString(QStringLiteral("yyyy-MM-dd HH:mm"));
}

// Green and red that read on the palette's window: lighter tones on a dark one.
QColor reviewColor(const QPalette& palette, int review) {
  const bool dark = palette.color(QPalette::Window).lightness() < 128;
  if (review == 1) return dark ? QColor(120, 220, 120) : QColor(20, 120, 40);
  return dark ? QColor(255, 120, 110) : QColor(180, 30, 30);
}
}  // namespace

LabelDetails::LabelDetails(QWidget* parent)
    : QWidget(parent),
      m_who(new QLabel(this)),
      m_authorBox(new QComboBox(this)),
      m_state(new QComboBox(this)),
      m_note(new QLineEdit(this)),
      m_reviewStatus(new QLabel(this)),
      m_accept(new QToolButton(this)),
      m_reject(new QToolButton(this)) {
  auto* layout = new QHBoxLayout(this);
  layout->setContentsMargins(4, 0, 4, 0);
  layout->addWidget(m_authorBox);
  layout->addWidget(m_who);
  layout->addWidget(m_state);
  layout->addWidget(m_note, 1);
  layout->addWidget(m_reviewStatus);
  layout->addWidget(m_accept);
  layout->addWidget(m_reject);
  m_who->setObjectName("labelWho");
  m_authorBox->setObjectName("labelAuthor");
  m_authorBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  m_state->setObjectName("labelState");
  m_note->setObjectName("labelNote");
  m_note->setClearButtonEnabled(true);
  m_reviewStatus->setObjectName("reviewStatus");
  m_accept->setObjectName("reviewAccept");
  m_reject->setObjectName("reviewReject");
  for (QToolButton* button : {m_accept, m_reject}) {
    button->setCheckable(true);
    button->setAutoRaise(true);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
  }
  m_state->addItem(QString());
  m_state->addItem(QString());
  retranslate();
  connect(m_authorBox, &QComboBox::activated, this, [this](int index) {
    const QString chosen = m_authorBox->itemData(index).toString();
    {
      // The view decides whose label shows: the selector stays on it until the owner shows another.
      const QSignalBlocker block(m_authorBox);
      m_authorBox->setCurrentIndex(m_authorBox->findData(shownAuthor()));
    }
    if (chosen != shownAuthor()) Q_EMIT shownAuthorChanged(chosen);
  });
  connect(m_state, &QComboBox::activated, this, [this](int index) {
    if (!othersLabel() && (index == 1) != m_view.unsure) Q_EMIT unsureChanged(index == 1);
  });
  connect(m_note, &QLineEdit::editingFinished, this, [this] {
    if (!othersLabel() && m_note->text() != m_view.note) Q_EMIT noteEdited(m_note->text());
  });
  // The buttons show the view's review, not the click: the owner answers with a new view.
  auto review = [this](int state) {
    const QSignalBlocker blockAccept(m_accept), blockReject(m_reject);
    m_accept->setChecked(m_view.exists && m_view.review == 1);
    m_reject->setChecked(m_view.exists && m_view.review == 2);
    if (m_view.canReview) Q_EMIT reviewRequested(m_view.review == state ? 0 : state);
  };
  connect(m_accept, &QToolButton::clicked, this, [review] { review(1); });
  connect(m_reject, &QToolButton::clicked, this, [review] { review(2); });
  setView({});
}

LabelDetails::~LabelDetails() {
  disconnect(m_note, nullptr, this, nullptr);
}

QString LabelDetails::shownAuthor() const {
  return m_view.shownAuthor.isEmpty() ? m_view.author : m_view.shownAuthor;
}

bool LabelDetails::othersLabel() const {
  return shownAuthor() != m_view.author;
}

void LabelDetails::retranslate() {
  m_state->setItemText(0, tr("Confirmed"));
  m_state->setItemText(1, tr("Unsure"));
  m_accept->setText(QStringLiteral("✓ ") + tr("Accept"));
  m_reject->setText(QStringLiteral("✗ ") + tr("Reject"));
  m_authorBox->setToolTip(tr("Whose label to show: yours, or another annotator's to review"));
  setView(m_view);
}

void LabelDetails::restyle() {
  if (m_view.editable && m_view.exists && (m_view.review == 1 || m_view.review == 2)) {
    QPalette palette;
    palette.setColor(QPalette::WindowText, reviewColor(this->palette(), m_view.review));
    m_reviewStatus->setPalette(palette);
  } else {
    m_reviewStatus->setPalette(QPalette());  // inherits the window's text colour
  }
}

void LabelDetails::changeEvent(QEvent* event) {
  if (event->type() == QEvent::LanguageChange) retranslate();
  if (event->type() == QEvent::PaletteChange) restyle();
  QWidget::changeEvent(event);
}

QString LabelDetails::reviewText(const LabelDetailsView& view) {
  if (!view.editable || !view.exists) return {};
  QString text;
  if (view.review == 1)
    text = QStringLiteral("✓ ") +
           (view.reviewer.isEmpty() ? tr("Accepted") : tr("Accepted by %1").arg(view.reviewer));
  else if (view.review == 2)
    text = QStringLiteral("✗ ") +
           (view.reviewer.isEmpty() ? tr("Rejected") : tr("Rejected by %1").arg(view.reviewer));
  else
    return tr("Not reviewed");
  if (!view.reviewed.isEmpty()) text += QStringLiteral(" · ") + localMinute(view.reviewed);
  return text;
}

void LabelDetails::setView(const LabelDetailsView& view) {
  const QString previousShown = shownAuthor(), previousAuthor = m_view.author;
  m_view = view;
  const QString shown = shownAuthor();
  const bool others = othersLabel();

  // The selector: every author with a label here, the annotator marked; hidden while there is no choice.
  QStringList authors = view.authors;
  if (!view.author.isEmpty() && !authors.contains(view.author)) authors.prepend(view.author);
  if (!shown.isEmpty() && !authors.contains(shown)) authors.append(shown);
  const QSignalBlocker blockAuthors(m_authorBox);
  m_authorBox->clear();
  for (const QString& a : authors) m_authorBox->addItem(a == view.author ? tr("%1 (you)").arg(a) : a, a);
  m_authorBox->setCurrentIndex(int(authors.indexOf(shown)));
  const bool choice = view.editable && authors.size() > 1;
  m_authorBox->setVisible(choice);

  const QString updated = QString(view.updated).replace('T', ' ').left(16);
  if (!view.editable)
    m_who->setText(tr("No label: run a question first"));
  else if (choice)  // the selector names the author
    m_who->setText(view.exists ? tr("updated %1").arg(updated) : tr("no label yet"));
  else if (!view.exists)
    m_who->setText(tr("%1: no label yet").arg(shown));
  else
    m_who->setText(tr("%1's label, %2").arg(shown, updated));

  const QSignalBlocker blockState(m_state), blockNote(m_note);
  m_state->setCurrentIndex(view.unsure ? 1 : 0);
  const bool sameLabel = shown == previousShown && view.author == previousAuthor;
  if (!sameLabel || !m_note->hasFocus() || m_note->text() == view.note) m_note->setText(view.note);
  m_state->setEnabled(view.exists && !others);
  m_note->setEnabled(view.exists);
  m_note->setReadOnly(others);
  m_note->setClearButtonEnabled(!others);
  m_note->setPlaceholderText(others ? tr("No note") : tr("Note on this label…"));
  const QString readOnly =
      others && view.editable ? tr("%1's label: you can review it, not edit it").arg(shown) : QString();
  m_who->setToolTip(readOnly);
  m_note->setToolTip(readOnly);
  m_state->setToolTip(
      readOnly.isEmpty() ? tr("Is this label certain? Unsure labels can be left out of training") : readOnly);

  m_reviewStatus->setText(reviewText(view));
  QFont bold;  // only the weight is set: the rest follows the window's font
  bold.setBold(true);
  m_reviewStatus->setFont(view.exists && (view.review == 1 || view.review == 2) ? bold : QFont());
  m_reviewStatus->setToolTip(
      view.exists && view.review == 0 && !others ? tr("No one has reviewed your label yet") : QString());
  restyle();
  const QSignalBlocker blockAccept(m_accept), blockReject(m_reject);
  m_accept->setChecked(view.exists && view.review == 1);
  m_reject->setChecked(view.exists && view.review == 2);
  m_accept->setEnabled(view.canReview);
  m_reject->setEnabled(view.canReview);
  QString why;
  if (view.canReview)
    why = QString();
  else if (others && view.exists && view.author.isEmpty())
    why = tr("Set your annotator name to review labels");
  else
    why = tr("Only another annotator's label can be reviewed");
  m_accept->setToolTip(view.canReview ? tr("Accept %1's label (click again to withdraw)").arg(shown) : why);
  m_reject->setToolTip(view.canReview ? tr("Reject %1's label (click again to withdraw)").arg(shown) : why);
}

}  // namespace sevila::widgets
