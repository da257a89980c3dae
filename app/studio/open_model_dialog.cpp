#include "open_model_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "browse_row.h"

namespace sevila::studio {

OpenModelDialog::OpenModelDialog(QWidget* parent)
    : QDialog(parent),
      m_directory(new QLineEdit(this)),
      m_checkpoint(new QLineEdit(this)),
      m_device(new QComboBox(this)),
      m_precision(new QComboBox(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this)) {
  setWindowTitle(tr("Open Model"));
  auto* form = new QFormLayout(this);
  auto* intro = new QLabel(tr("A Hugging Face BLIP-2 directory (e.g. Salesforce/blip2-flan-t5-xl: config.json, "
                              "*.safetensors, spiece.model) and, optionally, a SeViLA checkpoint (.pth). Without "
                              "a checkpoint both roles are zero-shot BLIP-2."),
                           this);
  intro->setWordWrap(true);
  form->addRow(intro);
  m_directory->setPlaceholderText(tr("BLIP-2 model directory"));
  m_checkpoint->setPlaceholderText(tr("none (zero-shot)"));
  form->addRow(tr("&Model:"), browseRow(m_directory, this, [this] {
                 return QFileDialog::getExistingDirectory(this, tr("BLIP-2 Model Directory"), m_directory->text());
               }));
  form->addRow(tr("SeViLA &checkpoint:"), browseRow(m_checkpoint, this, [this] {
                 return QFileDialog::getOpenFileName(this, tr("SeViLA Checkpoint"),
                                                     QFileInfo(m_checkpoint->text()).absolutePath(),
                                                     tr("PyTorch checkpoints (*.pth *.pt);;All files (*)"));
               }));
  m_device->addItem(tr("CPU"), "cpu");
  m_device->addItem(tr("CUDA (first GPU)"), "cuda");
  m_precision->addItem("fp32", "f32");
  m_precision->addItem("bf16", "bf16");
  m_precision->addItem("fp16", "f16");
  form->addRow(tr("&Device:"), m_device);
  form->addRow(tr("&Precision:"), m_precision);
  form->addRow(m_buttons);
  connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(m_directory, &QLineEdit::textChanged, this, &OpenModelDialog::updateOk);
  updateOk();
}

void OpenModelDialog::updateOk() {
  m_buttons->button(QDialogButtonBox::Open)->setEnabled(QFileInfo(m_directory->text()).isDir());
}

void OpenModelDialog::setRequest(const ModelRequest& r) {
  m_directory->setText(r.directory);
  m_checkpoint->setText(r.checkpoint);
  m_device->setCurrentIndex(std::max(0, m_device->findData(r.device.startsWith("cuda") ? "cuda" : "cpu")));
  m_precision->setCurrentIndex(std::max(0, m_precision->findData(r.precision)));
}

ModelRequest OpenModelDialog::request() const {
  ModelRequest r;
  r.directory = m_directory->text().trimmed();
  r.checkpoint = m_checkpoint->text().trimmed();
  r.device = m_device->currentData().toString();
  r.precision = m_precision->currentData().toString();
  return r;
}

}  // namespace sevila::studio
