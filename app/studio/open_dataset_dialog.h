// Asks for a dataset: its kind, annotation file, video folder and optionally a results file.
#pragma once

#include <QDialog>

#include "dataset_session.h"

class QComboBox;
class QLineEdit;
class QDialogButtonBox;

namespace sevila::studio {

class OpenDatasetDialog : public QDialog {
  Q_OBJECT
public:
  explicit OpenDatasetDialog(QWidget* parent = nullptr);
  DatasetSource source() const;
  // Starts from a source, e.g. the one opened last (the studio remembers it).
  void setSource(const DatasetSource& source);

private:
  void updateOk();

  QComboBox* m_dataset;
  QLineEdit* m_annotations;
  QLineEdit* m_videos;
  QLineEdit* m_results;
  QDialogButtonBox* m_buttons;
};

}  // namespace sevila::studio
