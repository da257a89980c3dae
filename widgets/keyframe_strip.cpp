#include "widgets/keyframe_strip.h"

#include <QListWidget>
#include <QPainter>
#include <QVBoxLayout>

namespace sevila::widgets {
namespace {
constexpr QSize kThumbSize(160, 90);

QIcon decorate(const QImage& image, KeyframeThumb::Source source) {
  QPixmap canvas(kThumbSize);
  canvas.fill(Qt::black);
  QPainter p(&canvas);
  if (!image.isNull()) {
    QSize s = image.size().scaled(kThumbSize, Qt::KeepAspectRatio);
    p.drawImage(
        QRect(QPoint((kThumbSize.width() - s.width()) / 2, (kThumbSize.height() - s.height()) / 2), s),
        image);
  }
  // Orange frame: model keyframe; green: human keyframe; both: two frames.
  if (source != KeyframeThumb::Source::Human) {
    p.setPen(QPen(QColor(220, 120, 0), 4));
    p.drawRect(QRect(QPoint(2, 2), kThumbSize - QSize(4, 4)));
  }
  if (source != KeyframeThumb::Source::Model) {
    p.setPen(QPen(QColor(20, 150, 40), 4));
    p.drawRect(QRect(QPoint(7, 7), kThumbSize - QSize(14, 14)));
  }
  return QIcon(canvas);
}
}  // namespace

KeyframeStrip::KeyframeStrip(QWidget* parent) : QWidget(parent), m_list(new QListWidget(this)) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(m_list);
  m_list->setViewMode(QListView::IconMode);
  m_list->setFlow(QListView::LeftToRight);
  m_list->setWrapping(false);
  m_list->setIconSize(kThumbSize);
  m_list->setMovement(QListView::Static);
  m_list->setResizeMode(QListView::Adjust);
  m_list->setMinimumHeight(kThumbSize.height() + 48);
  connect(m_list, &QListWidget::itemClicked, this, [this](QListWidgetItem* item) {
    const int i = m_list->row(item);
    if (i < 0 || i >= m_thumbs.size()) return;
    Q_EMIT thumbnailActivated(m_thumbs[i].position);
    Q_EMIT seekRequested(m_thumbs[i].seconds);
  });
}

void KeyframeStrip::setKeyframes(const QVector<KeyframeThumb>& thumbs) {
  m_thumbs = thumbs;
  m_list->clear();
  for (const auto& t : m_thumbs) {
    const QString who = t.source == KeyframeThumb::Source::Model   ? tr("model")
                        : t.source == KeyframeThumb::Source::Human ? tr("human")
                                                                   : tr("model + human");
    auto* item = new QListWidgetItem(decorate(t.image, t.source), tr("#%1  %2 s\nP(yes|yes,no) %3 · %4")
                                                                      .arg(t.frameIndex)
                                                                      .arg(t.seconds, 0, 'f', 2)
                                                                      .arg(t.score, 0, 'f', 3)
                                                                      .arg(who));
    item->setTextAlignment(Qt::AlignHCenter);
    m_list->addItem(item);
  }
}

int KeyframeStrip::count() const {
  return m_list->count();
}

void KeyframeStrip::setThumbnail(int frameIndex, const QImage& image) {
  for (int i = 0; i < m_thumbs.size(); ++i) {
    if (m_thumbs[i].frameIndex != frameIndex) continue;
    m_thumbs[i].image = image;
    m_list->item(i)->setIcon(decorate(image, m_thumbs[i].source));
  }
}

}  // namespace sevila::widgets
