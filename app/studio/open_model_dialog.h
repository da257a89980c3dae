// Asks for a BLIP-2 model directory, an optional SeViLA checkpoint, the device and the precision.
#pragma once

#include <QDialog>

#include "model_controller.h"

class QLineEdit;
class QComboBox;
class QDialogButtonBox;

namespace sevila::studio {

class OpenModelDialog : public QDialog {
  Q_OBJECT
public:
  explicit OpenModelDialog(QWidget* parent = nullptr);

  void setRequest(const ModelRequest& request);
  ModelRequest request() const;

private:
  void updateOk();

  QLineEdit* m_directory;
  QLineEdit* m_checkpoint;
  QComboBox* m_device;
  QComboBox* m_precision;
  QDialogButtonBox* m_buttons;
};

}  // namespace sevila::studio
