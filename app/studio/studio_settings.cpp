#include "studio_settings.h"

#include "engine/forward_chain.h"

#include <algorithm>

#include <QDir>
#include <QJsonDocument>
#include <QStandardPaths>

namespace sevila::studio {
namespace {
const char* kRecent = "files/recent";
const char* kRecentProjects = "projects/recent";
}  // namespace

StudioSettings::StudioSettings(QObject* parent) : QObject(parent) {}

StudioSettings::StudioSettings(const QString& iniPath, QObject* parent)
    : QObject(parent), m_settings(iniPath, QSettings::IniFormat) {}

QStringList StudioSettings::recentFiles() const {
  return m_settings.value(kRecent).toStringList();
}

void StudioSettings::pushRecent(const char* key, const QString& path) {
  const QString clean = QDir::cleanPath(QDir(path).absolutePath());
  QStringList files = m_settings.value(key).toStringList();
  files.removeAll(clean);
  files.prepend(clean);
  while (files.size() > kMaxRecentFiles) files.removeLast();
  m_settings.setValue(key, files);
}

void StudioSettings::addRecentFile(const QString& path) {
  pushRecent(kRecent, path);
  Q_EMIT recentFilesChanged();
}

QStringList StudioSettings::recentProjects() const {
  return m_settings.value(kRecentProjects).toStringList();
}

void StudioSettings::addRecentProject(const QString& path) {
  pushRecent(kRecentProjects, path);
  Q_EMIT recentProjectsChanged();
}

void StudioSettings::clearRecentProjects() {
  m_settings.remove(kRecentProjects);
  Q_EMIT recentProjectsChanged();
}

void StudioSettings::clearRecentFiles() {
  m_settings.remove(kRecent);
  Q_EMIT recentFilesChanged();
}

QByteArray StudioSettings::windowGeometry() const {
  return m_settings.value("window/geometry").toByteArray();
}
void StudioSettings::setWindowGeometry(const QByteArray& g) {
  m_settings.setValue("window/geometry", g);
}
QByteArray StudioSettings::windowState() const {
  return m_settings.value("window/state").toByteArray();
}
void StudioSettings::setWindowState(const QByteArray& s) {
  m_settings.setValue("window/state", s);
}
QByteArray StudioSettings::datasetPanelState() const {
  return m_settings.value("window/datasetPanel").toByteArray();
}
void StudioSettings::setDatasetPanelState(const QByteArray& s) {
  m_settings.setValue("window/datasetPanel", s);
}

QString StudioSettings::language() const {
  return m_settings.value("ui/language").toString();
}
void StudioSettings::setLanguage(const QString& language) {
  if (language == this->language()) return;
  m_settings.setValue("ui/language", language);
  Q_EMIT languageChanged();
}

QString StudioSettings::theme() const {
  return m_settings.value("ui/theme", "system").toString();
}
void StudioSettings::setTheme(const QString& theme) {
  if (theme == this->theme()) return;
  m_settings.setValue("ui/theme", theme);
  Q_EMIT themeChanged();
}

QString StudioSettings::device() const {
  return m_settings.value("engine/device", "cpu").toString();
}
void StudioSettings::setDevice(const QString& d) {
  m_settings.setValue("engine/device", d);
  Q_EMIT engineOptionsChanged();
}
QString StudioSettings::precision() const {
  return m_settings.value("engine/precision", "f32").toString();
}
void StudioSettings::setPrecision(const QString& p) {
  m_settings.setValue("engine/precision", p);
  Q_EMIT engineOptionsChanged();
}
int StudioSettings::frames() const {
  return m_settings.value("engine/frames", engine::ChainOptions{}.frames).toInt();
}
void StudioSettings::setFrames(int n) {
  m_settings.setValue("engine/frames", n);
  Q_EMIT engineOptionsChanged();
}
bool StudioSettings::oracleStripWithRuns() const {
  return m_settings.value("engine/oracleStrip", true).toBool();
}
void StudioSettings::setOracleStripWithRuns(bool on) {
  m_settings.setValue("engine/oracleStrip", on);
  Q_EMIT engineOptionsChanged();
}

int StudioSettings::keyframes() const {
  return m_settings.value("engine/keyframes", engine::ChainOptions{}.keyframes).toInt();
}
void StudioSettings::setKeyframes(int k) {
  m_settings.setValue("engine/keyframes", k);
  Q_EMIT engineOptionsChanged();
}
QString StudioSettings::cacheDirectory() const {
  const QString fallback = QStandardPaths::writableLocation(QStandardPaths::CacheLocation) + "/features";
  return m_settings.value("engine/cacheDirectory", fallback).toString();
}
void StudioSettings::setCacheDirectory(const QString& dir) {
  m_settings.setValue("engine/cacheDirectory", dir);
  Q_EMIT engineOptionsChanged();
}
qint64 StudioSettings::cacheCapBytes() const {
  return m_settings.value("engine/cacheCapBytes", qint64(4) << 30).toLongLong();
}
void StudioSettings::setCacheCapBytes(qint64 bytes) {
  m_settings.setValue("engine/cacheCapBytes", bytes);
  Q_EMIT engineOptionsChanged();
}

QString StudioSettings::lastModelDirectory() const {
  return m_settings.value("files/lastModel").toString();
}
void StudioSettings::setLastModelDirectory(const QString& dir) {
  m_settings.setValue("files/lastModel", dir);
}
QString StudioSettings::lastCheckpoint() const {
  return m_settings.value("files/lastCheckpoint").toString();
}
void StudioSettings::setLastCheckpoint(const QString& path) {
  m_settings.setValue("files/lastCheckpoint", path);
}
QString StudioSettings::backendServer() const {
  return m_settings.value("backend/server").toString().trimmed();
}
void StudioSettings::setBackendServer(const QString& url) {
  m_settings.setValue("backend/server", url.trimmed());
  Q_EMIT engineOptionsChanged();
}
QString StudioSettings::backendTokenFile() const {
  return m_settings.value("backend/tokenFile").toString();
}
void StudioSettings::setBackendTokenFile(const QString& path) {
  m_settings.setValue("backend/tokenFile", path);
}
QStringList StudioSettings::backendFolders() const {
  return m_settings.value("backend/folders").toStringList();
}
void StudioSettings::setBackendFolders(const QStringList& mappings) {
  m_settings.setValue("backend/folders", mappings);
}
bool StudioSettings::backendUploadFrames() const {
  return m_settings.value("backend/uploadFrames", true).toBool();
}
void StudioSettings::setBackendUploadFrames(bool upload) {
  m_settings.setValue("backend/uploadFrames", upload);
}

QString StudioSettings::annotator() const {
  const QString chosen = m_settings.value("labels/annotator").toString().trimmed();
  return chosen.isEmpty() ? qEnvironmentVariable("USER", QStringLiteral("annotator")) : chosen;
}
void StudioSettings::setAnnotator(const QString& name) {
  m_settings.setValue("labels/annotator", name.trimmed());
}
QStringList StudioSettings::lastDataset() const {
  return m_settings.value("files/lastDataset").toStringList();
}
void StudioSettings::setLastDataset(const QStringList& fields) {
  m_settings.setValue("files/lastDataset", fields);
}

// Stored as JSON text: QSettings' INI form has no nested lists.
QVector<QStringList> StudioSettings::recentDatasets() const {
  QVector<QStringList> result;
  const QJsonArray list =
      QJsonDocument::fromJson(m_settings.value("files/recentDatasets").toByteArray()).array();
  for (const QJsonValue& entry : list) {
    QStringList fields;
    for (const QJsonValue& f : entry.toArray()) fields << f.toString();
    if (fields.size() >= 2 && !fields[1].isEmpty()) result << fields;
  }
  return result;
}
void StudioSettings::addRecentDataset(const QStringList& fields) {
  QVector<QStringList> list = recentDatasets();
  list.removeAll(fields);
  // One entry per annotation file: reopening it with another folder replaces the old entry.
  list.erase(std::remove_if(list.begin(), list.end(),
                            [&](const QStringList& f) { return f.value(1) == fields.value(1); }),
             list.end());
  list.prepend(fields);
  while (list.size() > kMaxRecentFiles) list.removeLast();
  QJsonArray json;
  for (const QStringList& f : list) json.append(QJsonArray::fromStringList(f));
  m_settings.setValue("files/recentDatasets", QJsonDocument(json).toJson(QJsonDocument::Compact));
  Q_EMIT recentDatasetsChanged();
}
void StudioSettings::clearRecentDatasets() {
  m_settings.remove("files/recentDatasets");
  Q_EMIT recentDatasetsChanged();
}

QJsonArray StudioSettings::savedDatasetFilters() const {
  return QJsonDocument::fromJson(m_settings.value("dataset/savedFilters").toByteArray()).array();
}
void StudioSettings::setSavedDatasetFilters(const QJsonArray& filters) {
  m_settings.setValue("dataset/savedFilters", QJsonDocument(filters).toJson(QJsonDocument::Compact));
}
QString StudioSettings::lastTokenizer() const {
  return m_settings.value("files/lastTokenizer").toString();
}
void StudioSettings::setLastTokenizer(const QString& path) {
  m_settings.setValue("files/lastTokenizer", path);
}

QMap<QString, QString> StudioSettings::shortcuts() const {
  QMap<QString, QString> result;
  auto& s = const_cast<QSettings&>(m_settings);
  s.beginGroup("shortcuts");
  for (const QString& key : s.childKeys()) result.insert(key, s.value(key).toString());
  s.endGroup();
  return result;
}

void StudioSettings::setShortcut(const QString& actionId, const QString& sequence) {
  m_settings.setValue("shortcuts/" + actionId, sequence);
  Q_EMIT shortcutsChanged();
}

}  // namespace sevila::studio
