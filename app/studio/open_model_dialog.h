// Asks for a BLIP-2 model directory, an optional SeViLA checkpoint, the tokenizer, the device and the
// precision. Open checks the files a run needs and stays open on a problem, with the field marked.
#pragma once

#include <optional>

#include <QDialog>

#include "model_controller.h"

class QLabel;
class QLineEdit;
class QComboBox;
class QDialogButtonBox;

namespace sevila::studio {

// What is wrong with a request before loading it: which field, and why (empty: nothing found).
struct ModelRequestProblem {
  enum class Field { Directory, Checkpoint, Tokenizer };
  Field field;
  QString message;
};
std::optional<ModelRequestProblem> checkModelRequest(const ModelRequest& request);

class OpenModelDialog : public QDialog {
  Q_OBJECT
public:
  explicit OpenModelDialog(QWidget* parent = nullptr);

  void setRequest(const ModelRequest& request);
  ModelRequest request() const;
  // The problem shown (empty when none), and the field marked for it.
  QString problem() const;
  QLineEdit* markedField() const { return m_marked; }

public Q_SLOTS:
  void accept() override;  // refused (stays open, says why) while the request has a problem

private:
  void mark(QLineEdit* field, const QString& message);

  QLineEdit* m_directory;
  QLineEdit* m_checkpoint;
  QLineEdit* m_tokenizer;
  QComboBox* m_device;
  QComboBox* m_precision;
  QLabel* m_problem;
  QDialogButtonBox* m_buttons;
  QLineEdit* m_marked = nullptr;
};

}  // namespace sevila::studio
