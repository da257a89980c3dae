// Shows the current video frame, scaled to fit with its aspect ratio kept, or a hint when empty.
#pragma once

#include <QImage>
#include <QWidget>

namespace sevila::widgets {

class VideoView : public QWidget {
  Q_OBJECT
public:
  explicit VideoView(QWidget* parent = nullptr);

  void setFrame(const QImage& frame);
  void clear();
  const QImage& frame() const { return m_frame; }
  void setPlaceholderText(const QString& text);
  const QString& placeholderText() const { return m_placeholder; }

  QSize sizeHint() const override { return {640, 360}; }

Q_SIGNALS:
  // A file was dropped on the view.
  void fileDropped(const QString& path);

protected:
  void paintEvent(QPaintEvent* event) override;
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;

private:
  QImage m_frame;
  QString m_placeholder;
};

}  // namespace sevila::widgets
