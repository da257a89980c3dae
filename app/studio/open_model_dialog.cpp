#include "open_model_dialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include "browse_row.h"

namespace sevila::studio {

std::optional<ModelRequestProblem> checkModelRequest(const ModelRequest& r) {
  using Field = ModelRequestProblem::Field;
  if (r.directory.isEmpty() || !QFileInfo(r.directory).isDir())
    return ModelRequestProblem{Field::Directory, OpenModelDialog::tr("Choose the BLIP-2 model folder.")};
  if (!QFileInfo(QDir(r.directory).filePath("config.json")).isFile())
    return ModelRequestProblem{
        Field::Directory, OpenModelDialog::tr("This folder has no config.json: it is not a BLIP-2 model.")};
  if (!r.checkpoint.isEmpty() && !QFileInfo(r.checkpoint).isFile())
    return ModelRequestProblem{Field::Checkpoint,
                               OpenModelDialog::tr("The SeViLA checkpoint does not exist.")};
  const QString tokenizer = r.tokenizer.isEmpty() ? QDir(r.directory).filePath("spiece.model") : r.tokenizer;
  if (!QFileInfo(tokenizer).isFile())
    return ModelRequestProblem{
        Field::Tokenizer,
        r.tokenizer.isEmpty()
            ? OpenModelDialog::tr("The model folder has no spiece.model: choose the tokenizer.")
            : OpenModelDialog::tr("The tokenizer file does not exist.")};
  return std::nullopt;
}

OpenModelDialog::OpenModelDialog(QWidget* parent)
    : QDialog(parent),
      m_directory(new QLineEdit(this)),
      m_checkpoint(new QLineEdit(this)),
      m_tokenizer(new QLineEdit(this)),
      m_device(new QComboBox(this)),
      m_precision(new QComboBox(this)),
      m_problem(new QLabel(this)),
      m_buttons(new QDialogButtonBox(QDialogButtonBox::Open | QDialogButtonBox::Cancel, this)) {
  setWindowTitle(tr("Open Model"));
  setMinimumWidth(640);  // room for real paths
  auto* form = new QFormLayout(this);
  auto* intro =
      new QLabel(tr("A Hugging Face BLIP-2 directory (e.g. Salesforce/blip2-flan-t5-xl: config.json, "
                    "*.safetensors, spiece.model) and, optionally, a SeViLA checkpoint (.pth). Without "
                    "a checkpoint both roles are zero-shot BLIP-2."),
                 this);
  intro->setWordWrap(true);
  form->addRow(intro);
  m_directory->setPlaceholderText(tr("BLIP-2 model directory"));
  m_checkpoint->setPlaceholderText(tr("none (zero-shot)"));
  m_tokenizer->setPlaceholderText(tr("spiece.model in the model directory"));
  form->addRow(tr("&Model:"), browseRow(m_directory, this, [this] {
                 return QFileDialog::getExistingDirectory(this, tr("BLIP-2 Model Directory"),
                                                          m_directory->text());
               }));
  form->addRow(tr("SeViLA &checkpoint:"), browseRow(m_checkpoint, this, [this] {
                 return QFileDialog::getOpenFileName(this, tr("SeViLA Checkpoint"),
                                                     QFileInfo(m_checkpoint->text()).absolutePath(),
                                                     tr("PyTorch checkpoints (*.pth *.pt);;All files (*)"));
               }));
  form->addRow(
      tr("&Tokenizer:"), browseRow(m_tokenizer, this, [this] {
        const QString start = m_tokenizer->text().isEmpty() ? m_directory->text() : m_tokenizer->text();
        return QFileDialog::getOpenFileName(this, tr("T5 Tokenizer"), QFileInfo(start).absoluteFilePath(),
                                            tr("SentencePiece models (*.model);;All files (*)"));
      }));
  m_device->addItem(tr("CPU"), "cpu");
  m_device->addItem(tr("CUDA (first GPU)"), "cuda");
  // One spelling everywhere: the CLI's --precision values.
  m_precision->addItem("f32", "f32");
  m_precision->addItem("bf16", "bf16");
  m_precision->addItem("f16", "f16");
  form->addRow(tr("&Device:"), m_device);
  form->addRow(tr("&Precision:"), m_precision);
  m_problem->setObjectName("modelProblem");
  m_problem->setWordWrap(true);
  m_problem->setStyleSheet("color: #d32f2f;");
  m_problem->hide();
  form->addRow(m_problem);
  form->addRow(m_buttons);
  connect(m_buttons, &QDialogButtonBox::accepted, this, &OpenModelDialog::accept);
  connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  for (QLineEdit* field : {m_directory, m_checkpoint, m_tokenizer})
    connect(field, &QLineEdit::textEdited, this, [this] { mark(nullptr, {}); });
}

void OpenModelDialog::setRequest(const ModelRequest& r) {
  m_directory->setText(r.directory);
  m_checkpoint->setText(r.checkpoint);
  m_tokenizer->setText(r.tokenizer);
  m_device->setCurrentIndex(std::max(0, m_device->findData(r.device.startsWith("cuda") ? "cuda" : "cpu")));
  m_precision->setCurrentIndex(std::max(0, m_precision->findData(r.precision)));
}

ModelRequest OpenModelDialog::request() const {
  ModelRequest r;
  r.directory = m_directory->text().trimmed();
  r.checkpoint = m_checkpoint->text().trimmed();
  r.tokenizer = m_tokenizer->text().trimmed();
  r.device = m_device->currentData().toString();
  r.precision = m_precision->currentData().toString();
  return r;
}

QString OpenModelDialog::problem() const {
  return m_problem->isHidden() ? QString() : m_problem->text();
}

void OpenModelDialog::mark(QLineEdit* field, const QString& message) {
  if (m_marked) m_marked->setStyleSheet({});
  m_marked = field;
  if (m_marked) m_marked->setStyleSheet("border: 2px solid #d32f2f;");
  m_problem->setText(message);
  m_problem->setVisible(!message.isEmpty());
}

void OpenModelDialog::accept() {
  if (const auto problem = checkModelRequest(request())) {
    using Field = ModelRequestProblem::Field;
    QLineEdit* field = problem->field == Field::Directory    ? m_directory
                       : problem->field == Field::Checkpoint ? m_checkpoint
                                                             : m_tokenizer;
    mark(field, problem->message);
    field->setFocus();
    return;
  }
  mark(nullptr, {});
  QDialog::accept();
}

}  // namespace sevila::studio
