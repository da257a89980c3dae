#include "widgets/settings_dialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace sevila::widgets {

SettingsDialog::SettingsDialog(QWidget* parent)
    : QDialog(parent),
      m_tabs(new QTabWidget(this)),
      m_device(new QComboBox(this)),
      m_precision(new QComboBox(this)),
      m_frames(new QSpinBox(this)),
      m_keyframes(new QSpinBox(this)),
      m_oracleStrip(
          new QCheckBox(tr("Answer each sampled frame alone with every run (the &oracle strip)"), this)),
      m_cacheDirectory(new QLineEdit(this)),
      m_cacheCap(new QDoubleSpinBox(this)),
      m_theme(new QComboBox(this)),
      m_language(new QComboBox(this)),
      m_annotator(new QLineEdit(this)),
      m_backendPage(new QWidget(this)),
      m_backend(new QComboBox(this)),
      m_server(new QLineEdit(this)),
      m_tokenFile(new QLineEdit(this)),
      m_folders(new QPlainTextEdit(this)),
      m_uploadFrames(new QCheckBox(tr("&Upload the sampled frames of videos outside these folders"), this)),
      m_shortcuts(new ShortcutEditor(this)),
      m_refusal(new QLabel(this)) {
  setWindowTitle(tr("Preferences"));

  m_device->addItem(tr("CPU"), QStringLiteral("cpu"));
  m_device->addItem(tr("CUDA GPU"), QStringLiteral("cuda"));
  m_device->setToolTip(tr("Where the model runs"));
  m_precision->addItem(tr("32-bit float (f32)"), QStringLiteral("f32"));
  m_precision->addItem(tr("bfloat16 (bf16)"), QStringLiteral("bf16"));
  m_precision->addItem(tr("16-bit float (f16)"), QStringLiteral("f16"));
  m_precision->setToolTip(tr("Lower precision is faster on a GPU; on the CPU use f32"));
  m_frames->setRange(1, 256);
  m_frames->setToolTip(tr("Frames n sampled uniformly for the Localizer"));
  m_keyframes->setRange(1, 32);
  m_keyframes->setToolTip(tr("Keyframes k handed to the Answerer"));
  m_oracleStrip->setObjectName(QStringLiteral("oracleStrip"));
  m_oracleStrip->setToolTip(
      tr("When the ground truth is known: n more Answerer passes per run. Turn off on a slow "
         "CPU; Compute Baselines still gives them on demand"));

  auto* browse = new QPushButton(tr("&Browse…"), this);
  browse->setObjectName(QStringLiteral("browseCache"));
  auto* cacheRow = new QHBoxLayout;
  cacheRow->addWidget(m_cacheDirectory, 1);
  cacheRow->addWidget(browse);
  m_cacheDirectory->setPlaceholderText(tr("Default cache folder"));
  m_cacheCap->setRange(0.1, 4096.0);
  m_cacheCap->setDecimals(1);
  m_cacheCap->setSingleStep(1.0);
  m_cacheCap->setSuffix(tr(" GiB"));
  m_cacheCap->setToolTip(tr("The oldest cached features are removed beyond this size"));

  m_theme->addItem(tr("System"), QStringLiteral("system"));
  m_theme->addItem(tr("Light"), QStringLiteral("light"));
  m_theme->addItem(tr("Dark"), QStringLiteral("dark"));
  m_language->addItem(tr("System language"), QString());
  // Language names are written in their own language, so that a user can find theirs.
  m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
  m_language->addItem(QStringLiteral("简体中文"), QStringLiteral("zh_CN"));

  auto* model = new QGroupBox(tr("Model"), this);
  auto* modelForm = new QFormLayout(model);
  modelForm->addRow(tr("&Device:"), m_device);
  modelForm->addRow(tr("&Precision:"), m_precision);
  modelForm->addRow(tr("&Frames (n):"), m_frames);
  modelForm->addRow(tr("&Keyframes (k):"), m_keyframes);
  modelForm->addRow(m_oracleStrip);
  auto* cache = new QGroupBox(tr("Feature cache"), this);
  auto* cacheForm = new QFormLayout(cache);
  auto* folderLabel = new QLabel(tr("F&older:"), this);
  folderLabel->setBuddy(m_cacheDirectory);  // a row holding a layout gets no buddy by itself
  cacheForm->addRow(folderLabel, cacheRow);
  cacheForm->addRow(tr("Size &cap:"), m_cacheCap);
  auto* look = new QGroupBox(tr("Appearance"), this);
  auto* lookForm = new QFormLayout(look);
  lookForm->addRow(tr("&Theme:"), m_theme);
  lookForm->addRow(tr("&Language:"), m_language);

  auto* labels = new QGroupBox(tr("Labels"), this);
  auto* labelsForm = new QFormLayout(labels);
  m_annotator->setObjectName(QStringLiteral("annotator"));
  m_annotator->setToolTip(
      tr("Your keyframe labels are recorded under this name; each annotator has their own"));
  labelsForm->addRow(tr("&Annotator:"), m_annotator);

  auto* general = new QWidget(this);
  auto* generalLayout = new QVBoxLayout(general);
  generalLayout->addWidget(model);
  generalLayout->addWidget(cache);
  generalLayout->addWidget(look);
  generalLayout->addWidget(labels);
  generalLayout->addStretch();
  m_tabs->addTab(general, tr("&General"));

  // Backend: where questions are answered.
  m_backend->setObjectName(QStringLiteral("backend"));
  m_backend->addItem(tr("This computer (in-process)"), QStringLiteral("local"));
  m_backend->addItem(tr("A server (sevila serve)"), QStringLiteral("server"));
  m_server->setObjectName(QStringLiteral("backendServer"));
  m_server->setPlaceholderText(QStringLiteral("http://gpu-box:8765"));
  m_server->setToolTip(tr("The address sevila serve prints when it starts (https:// with TLS)"));
  m_tokenFile->setObjectName(QStringLiteral("backendTokenFile"));
  m_tokenFile->setPlaceholderText(tr("None (a server on this computer without tokens)"));
  m_tokenFile->setToolTip(tr("A file whose first line is one of the server's tokens"));
  m_folders->setObjectName(QStringLiteral("backendFolders"));
  m_folders->setPlaceholderText(QStringLiteral("/mnt/videos=videos\n/home/me/nextqa=nextqa"));
  m_folders->setToolTip(tr(
      "One LOCAL_FOLDER=ROOT per line: the server reads this computer's videos under LOCAL_FOLDER from its "
      "video root ROOT (a shared disk). Only the question and the video's name are sent; labels stay here."));
  m_uploadFrames->setObjectName(QStringLiteral("backendUploadFrames"));
  m_uploadFrames->setToolTip(
      tr("The server answers on the frames this computer decodes (lossless, at the model's size), sent once "
         "per video; off: such videos are refused"));
  auto* browseToken = new QPushButton(tr("B&rowse…"), this);
  auto* tokenRow = new QHBoxLayout;
  tokenRow->addWidget(m_tokenFile, 1);
  tokenRow->addWidget(browseToken);
  auto* backendForm = new QFormLayout(m_backendPage);
  backendForm->addRow(tr("&Answer on:"), m_backend);
  backendForm->addRow(tr("Ser&ver:"), m_server);
  auto* tokenLabel = new QLabel(tr("&Token file:"), this);
  tokenLabel->setBuddy(m_tokenFile);
  backendForm->addRow(tokenLabel, tokenRow);
  backendForm->addRow(tr("&Folders:"), m_folders);
  backendForm->addRow(QString(), m_uploadFrames);
  m_tabs->addTab(m_backendPage, tr("&Backend"));
  m_tabs->addTab(m_shortcuts, tr("&Shortcuts"));
  connect(m_backend, &QComboBox::currentIndexChanged, this, &SettingsDialog::updateBackendFields);
  connect(browseToken, &QPushButton::clicked, this, [this] {
    const QString file = QFileDialog::getOpenFileName(this, tr("Token file"), m_tokenFile->text());
    if (!file.isEmpty()) m_tokenFile->setText(file);
  });

  m_refusal->setWordWrap(true);
  m_refusal->setObjectName(QStringLiteral("refusal"));
  QPalette warn = m_refusal->palette();
  warn.setColor(QPalette::WindowText, QColor(0xe0, 0x40, 0x40));
  m_refusal->setPalette(warn);
  m_refusal->hide();

  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(m_tabs, 1);
  layout->addWidget(m_refusal);
  layout->addWidget(buttons);

  connect(buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
  connect(browse, &QPushButton::clicked, this, &SettingsDialog::browseCacheDirectory);
  connect(m_shortcuts, &ShortcutEditor::conflictsChanged, this, [this](bool conflicts) {
    if (!conflicts) m_refusal->hide();
  });
  setPreferences(StudioPreferences{});
  resize(640, 520);
}

void SettingsDialog::selectData(QComboBox* combo, const QString& value) {
  int i = combo->findData(value);
  if (i < 0) {  // e.g. "cuda:1": keep it rather than silently change it
    combo->addItem(value, value);
    i = combo->count() - 1;
  }
  combo->setCurrentIndex(i);
}

void SettingsDialog::setPreferences(const StudioPreferences& p) {
  selectData(m_device, p.device);
  selectData(m_precision, p.precision);
  m_frames->setValue(p.frames);
  m_keyframes->setValue(p.keyframes);
  m_oracleStrip->setChecked(p.oracleStrip);
  m_cacheDirectory->setText(p.cacheDirectory);
  m_cacheCap->setValue(p.cacheCapGiB);
  selectData(m_theme, p.theme);
  selectData(m_language, p.language);
  m_annotator->setText(p.annotator);
  m_backend->setCurrentIndex(p.backendServer.isEmpty() ? 0 : 1);
  m_server->setText(p.backendServer);
  m_tokenFile->setText(p.backendTokenFile);
  m_folders->setPlainText(p.backendFolders.join(QLatin1Char('\n')));
  m_uploadFrames->setChecked(p.backendUploadFrames);
  updateBackendFields();
}

void SettingsDialog::updateBackendFields() {
  const bool server = m_backend->currentData().toString() == QLatin1String("server");
  m_server->setEnabled(server);
  m_tokenFile->setEnabled(server);
  m_folders->setEnabled(server);
  m_uploadFrames->setEnabled(server);
}

QString SettingsDialog::backendProblem() const {
  const StudioPreferences p = preferences();
  if (m_backend->currentData().toString() != QLatin1String("server")) return {};
  if (!p.backendServer.startsWith(QLatin1String("http://")) &&
      !p.backendServer.startsWith(QLatin1String("https://")))
    return tr("The server's address starts with http:// or https:// (e.g. http://gpu-box:8765).");
  for (const QString& line : p.backendFolders) {
    const int eq = line.lastIndexOf(QLatin1Char('='));
    if (eq <= 0 || eq == line.size() - 1)
      return tr("\"%1\" is not a folder mapping: write LOCAL_FOLDER=ROOT, one per line.").arg(line);
  }
  return {};
}

StudioPreferences SettingsDialog::preferences() const {
  StudioPreferences p;
  p.device = m_device->currentData().toString();
  p.precision = m_precision->currentData().toString();
  p.frames = m_frames->value();
  p.keyframes = m_keyframes->value();
  p.oracleStrip = m_oracleStrip->isChecked();
  p.cacheDirectory = m_cacheDirectory->text().trimmed();
  p.cacheCapGiB = m_cacheCap->value();
  p.theme = m_theme->currentData().toString();
  p.language = m_language->currentData().toString();
  p.annotator = m_annotator->text().trimmed();
  if (m_backend->currentData().toString() == QLatin1String("server")) {
    p.backendServer = m_server->text().trimmed();
    p.backendTokenFile = m_tokenFile->text().trimmed();
    for (const QString& line : m_folders->toPlainText().split(QLatin1Char('\n')))
      if (!line.trimmed().isEmpty()) p.backendFolders << line.trimmed();
    p.backendUploadFrames = m_uploadFrames->isChecked();
  }
  return p;
}

void SettingsDialog::setShortcuts(const QVector<ShortcutEntry>& entries) {
  m_shortcuts->setShortcuts(entries);
}

QVector<ShortcutEntry> SettingsDialog::shortcuts() const {
  return m_shortcuts->shortcuts();
}

void SettingsDialog::showShortcutsPage() {
  m_tabs->setCurrentWidget(m_shortcuts);
}

void SettingsDialog::showBackendPage() {
  m_tabs->setCurrentWidget(m_backendPage);
}

QString SettingsDialog::refusalMessage() const {
  return m_refusal->isHidden() ? QString() : m_refusal->text();
}

void SettingsDialog::accept() {
  if (m_shortcuts->hasConflicts()) {
    m_refusal->setText(tr("Two actions share a shortcut. Change one of them before pressing OK:\n%1")
                           .arg(m_shortcuts->conflictDescriptions().join(QLatin1Char('\n'))));
    m_refusal->show();
    showShortcutsPage();
    return;
  }
  if (const QString problem = backendProblem(); !problem.isEmpty()) {
    m_refusal->setText(problem);
    m_refusal->show();
    showBackendPage();
    return;
  }
  m_refusal->hide();
  QDialog::accept();
}

void SettingsDialog::browseCacheDirectory() {
  const QString dir =
      QFileDialog::getExistingDirectory(this, tr("Feature cache folder"), m_cacheDirectory->text());
  if (!dir.isEmpty()) m_cacheDirectory->setText(dir);
}

}  // namespace sevila::widgets
