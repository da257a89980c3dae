#include "widgets/presentation_view.h"

#include <QKeyEvent>
#include <QPainter>
#include <QTimer>
#include <algorithm>

namespace sevila::widgets {

namespace {

const QColor kBackground(0x10, 0x10, 0x14);
const QColor kText(0xf4, 0xf4, 0xf4);
const QColor kMuted(0xa8, 0xa8, 0xb0);
const QColor kRight(0x5f, 0xd0, 0x68);
const QColor kWrong(0xff, 0x6b, 0x6b);
const QColor kAccent(0xff, 0xc8, 0x3d);

// Draws the image scaled to fit `area`, centred, keeping its aspect ratio.
void drawFitted(QPainter& p, const QRect& area, const QImage& image) {
  if (image.isNull() || area.isEmpty()) return;
  const QSize size = image.size().scaled(area.size(), Qt::KeepAspectRatio);
  const QRect target(area.x() + (area.width() - size.width()) / 2,
                     area.y() + (area.height() - size.height()) / 2, size.width(), size.height());
  p.drawImage(target, image);
}

}  // namespace

PresentationView::PresentationView(QWidget* parent) : QWidget(parent), m_timer(new QTimer(this)) {
  setFocusPolicy(Qt::StrongFocus);
  setAutoFillBackground(true);
  QPalette pal = palette();
  pal.setColor(QPalette::Window, kBackground);
  pal.setColor(QPalette::WindowText, kText);
  setPalette(pal);
  setAccessibleName(tr("Presentation"));
  m_timer->setInterval(kDefaultIntervalMs);
  connect(m_timer, &QTimer::timeout, this, &PresentationView::showNextKeyframe);
}

void PresentationView::setFrame(const QImage& frame) {
  m_frame = frame;
  update();
}

void PresentationView::setQuestion(const QString& question) {
  m_question = question;
  update();
}

void PresentationView::setAnswer(const QString& letter, const QString& text, std::optional<bool> right) {
  m_letter = letter;
  m_answer = text;
  m_right = right;
  update();
}

void PresentationView::clearAnswer() {
  setAnswer(QString(), QString(), std::nullopt);
}

void PresentationView::setKeyframes(const QVector<QImage>& keyframes) {
  m_keyframes = keyframes;
  m_current = m_keyframes.isEmpty() ? -1 : 0;
  if (m_keyframes.size() < 2)
    m_timer->stop();
  else if (m_timer->isActive())
    m_timer->start();  // the first keyframe gets a full interval
  update();
}

bool PresentationView::isPlaying() const {
  return m_timer->isActive();
}

void PresentationView::setInterval(int ms) {
  m_timer->setInterval(std::max(1, ms));
}

int PresentationView::interval() const {
  return m_timer->interval();
}

void PresentationView::start() {
  if (m_keyframes.size() > 1) m_timer->start();
}

void PresentationView::stop() {
  m_timer->stop();
}

void PresentationView::showNextKeyframe() {
  if (m_keyframes.isEmpty()) return;
  m_current = (m_current + 1) % int(m_keyframes.size());
  update();
  Q_EMIT keyframeShown(m_current);
}

void PresentationView::setNote(const QString& note) {
  m_note = note;
  update();
}

QString PresentationView::answerText() const {
  if (m_letter.isEmpty() && m_answer.isEmpty()) return {};
  QString text = m_letter.isEmpty() ? m_answer : tr("%1. %2").arg(m_letter, m_answer);
  if (m_right.has_value()) text += QStringLiteral("  ") + (*m_right ? tr("✓ right") : tr("✗ wrong"));
  return text;
}

PresentationView::Layout PresentationView::computeLayout() const {
  const QRect all = rect();
  const int margin = std::max(8, all.height() / 40);
  const QRect inner = all.adjusted(margin, margin, -margin, -margin);
  // Top 62 %: pictures. Below: question, then the answer.
  const int picturesHeight = inner.height() * 62 / 100;
  const QRect pictures(inner.x(), inner.y(), inner.width(), picturesHeight);
  const int textTop = pictures.bottom() + margin;
  const int textHeight = inner.bottom() - textTop;
  Layout l;
  if (m_keyframes.isEmpty()) {
    l.frame = pictures;
  } else {
    const int frameWidth = (pictures.width() - margin) * 60 / 100;
    l.frame = QRect(pictures.x(), pictures.y(), frameWidth, pictures.height());
    const int captionHeight = std::max(12, all.height() / 28);
    const int x = l.frame.right() + margin;
    l.keyframe = QRect(x, pictures.y(), pictures.right() - x, pictures.height() - captionHeight);
    l.caption = QRect(x, l.keyframe.bottom(), l.keyframe.width(), captionHeight);
  }
  l.question = QRect(inner.x(), textTop, inner.width(), textHeight * 45 / 100);
  l.answer = QRect(inner.x(), l.question.bottom(), inner.width(), inner.bottom() - l.question.bottom());
  return l;
}

QRect PresentationView::frameRect() const {
  return computeLayout().frame;
}

QRect PresentationView::keyframeRect() const {
  return computeLayout().keyframe;
}

void PresentationView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::SmoothPixmapTransform);
  p.setRenderHint(QPainter::Antialiasing);
  p.fillRect(rect(), kBackground);
  const Layout l = computeLayout();
  const int h = height();

  QFont captionFont = font();
  captionFont.setPixelSize(std::max(10, h / 40));
  if (m_frame.isNull()) {
    p.setPen(kMuted);
    p.setFont(captionFont);
    p.drawText(l.frame, Qt::AlignCenter, tr("No video frame"));
  } else {
    drawFitted(p, l.frame, m_frame);
  }

  if (m_current >= 0 && m_current < m_keyframes.size()) {
    drawFitted(p, l.keyframe, m_keyframes[m_current]);
    p.setPen(QPen(kAccent, std::max(2, h / 300)));
    p.setBrush(Qt::NoBrush);
    p.drawRect(l.keyframe.adjusted(0, 0, -1, -1));
    p.setFont(captionFont);
    p.setPen(kAccent);
    p.drawText(l.caption, Qt::AlignCenter,
               tr("Keyframe %1 of %2").arg(m_current + 1).arg(m_keyframes.size()));
  }

  QFont questionFont = font();
  questionFont.setPixelSize(std::max(12, h / 22));
  p.setFont(questionFont);
  p.setPen(kText);
  p.drawText(l.question, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, m_question);

  const QString answer = answerText();
  if (!answer.isEmpty()) {
    QFont answerFont = font();
    answerFont.setPixelSize(std::max(14, h / 14));
    answerFont.setBold(true);
    p.setFont(answerFont);
    p.setPen(!m_right.has_value() ? kAccent : (*m_right ? kRight : kWrong));
    p.drawText(l.answer, Qt::AlignLeft | Qt::AlignVCenter | Qt::TextWordWrap, answer);
  }

  if (!m_note.isEmpty()) {
    p.setFont(captionFont);
    p.setPen(kWrong);
    const int margin = std::max(8, h / 40);
    p.drawText(rect().adjusted(margin, margin, -margin, -margin / 2), Qt::AlignRight | Qt::AlignBottom,
               m_note);
  }
}

void PresentationView::keyPressEvent(QKeyEvent* event) {
  if (event->key() == Qt::Key_Escape || event->key() == Qt::Key_F11) {
    Q_EMIT exitRequested();
    event->accept();
    return;
  }
  QWidget::keyPressEvent(event);
}

}  // namespace sevila::widgets
