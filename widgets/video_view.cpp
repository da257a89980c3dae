#include "widgets/video_view.h"

#include <QDragEnterEvent>
#include <QDropEvent>
#include <QMimeData>
#include <QPainter>

namespace sevila::widgets {

VideoView::VideoView(QWidget* parent) : QWidget(parent) {
  setAcceptDrops(true);
  setMinimumSize(160, 90);
  setAttribute(Qt::WA_OpaquePaintEvent);
  setPlaceholderText(tr("Open a video (File ▸ Open Video…) or drop one here"));
}

void VideoView::setFrame(const QImage& frame) {
  m_frame = frame;
  update();
}

void VideoView::clear() {
  m_frame = QImage();
  update();
}

void VideoView::setPlaceholderText(const QString& text) {
  m_placeholder = text;
  update();
}

void VideoView::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.fillRect(rect(), Qt::black);
  if (m_frame.isNull()) {
    p.setPen(QColor(200, 200, 200));
    p.drawText(rect().adjusted(12, 12, -12, -12), Qt::AlignCenter | Qt::TextWordWrap, m_placeholder);
    return;
  }
  QSize target = m_frame.size().scaled(size(), Qt::KeepAspectRatio);
  QRect box(QPoint((width() - target.width()) / 2, (height() - target.height()) / 2), target);
  p.setRenderHint(QPainter::SmoothPixmapTransform);
  p.drawImage(box, m_frame);
}

void VideoView::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls()) event->acceptProposedAction();
}

void VideoView::dropEvent(QDropEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (!urls.isEmpty() && urls.first().isLocalFile()) {
    Q_EMIT fileDropped(urls.first().toLocalFile());
    event->acceptProposedAction();
  }
}

}  // namespace sevila::widgets
