#include "open_dataset_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QPushButton>

#include "browse_row.h"

#include "data/dataset_reader.h"

namespace sevila::studio {

OpenDatasetDialog::OpenDatasetDialog(QWidget* parent)
    : QDialog(parent),
      m_dataset(new QComboBox(this)),
      m_annotations(new QLineEdit(this)),
      m_videos(new QLineEdit(this)),
      m_results(new QLineEdit(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this)) {
  setWindowTitle(tr("Open Dataset"));
  auto* form = new QFormLayout(this);
  for (const auto& name : data::datasetNames()) m_dataset->addItem(QString::fromStdString(name));
  form->addRow(tr("&Dataset:"), m_dataset);
  form->addRow(tr("&Annotations:"), browseRow(m_annotations, this, [this] {
                 return QFileDialog::getOpenFileName(this, tr("Annotation File"), m_annotations->text(),
                                                     tr("Annotations (*.csv *.json *.jsonl);;All files (*)"));
               }));
  form->addRow(tr("&Videos:"), browseRow(m_videos, this, [this] {
                 return QFileDialog::getExistingDirectory(this, tr("Video Folder"), m_videos->text());
               }));
  m_results->setPlaceholderText(tr("optional: results.jsonl of sevila run"));
  form->addRow(tr("&Results:"), browseRow(m_results, this, [this] {
                 return QFileDialog::getOpenFileName(this, tr("Results File"), m_results->text(),
                                                     tr("Results (*.jsonl);;All files (*)"));
               }));
  form->addRow(m_buttons);
  connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_annotations, &QLineEdit::textChanged, this, &OpenDatasetDialog::updateOk);
  connect(m_videos, &QLineEdit::textChanged, this, &OpenDatasetDialog::updateOk);
  updateOk();
}

void OpenDatasetDialog::updateOk() {
  m_buttons->button(QDialogButtonBox::Open)
      ->setEnabled(QFileInfo(m_annotations->text()).isFile() && QFileInfo(m_videos->text()).isDir());
}

void OpenDatasetDialog::setSource(const DatasetSource& source) {
  const int kind = m_dataset->findText(source.dataset);
  if (kind >= 0) m_dataset->setCurrentIndex(kind);
  m_annotations->setText(source.annotations);
  m_videos->setText(source.videos);
  m_results->setText(source.results);
}

DatasetSource OpenDatasetDialog::source() const {
  return DatasetSource{m_dataset->currentText(), m_annotations->text().trimmed(), m_videos->text().trimmed(),
                       m_results->text().trimmed()};
}

}  // namespace sevila::studio
