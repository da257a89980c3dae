// Every persistent setting of the studio behind one typed class (QSettings underneath), with a NOTIFY
// signal per key. Engine options are filled from here by the controllers; the core never reads QSettings.
#pragma once

#include <QByteArray>
#include <QMap>
#include <QJsonArray>
#include <QVector>
#include <QObject>
#include <QSettings>
#include <QStringList>

namespace sevila::studio {

class StudioSettings : public QObject {
  Q_OBJECT
public:
  static constexpr int kMaxRecentFiles = 10;

  explicit StudioSettings(QObject* parent = nullptr);
  // For tests: settings stored in an explicit INI file.
  StudioSettings(const QString& iniPath, QObject* parent);

  QStringList recentFiles() const;
  void addRecentFile(const QString& path);  // most recent first, no duplicates, capped
  void clearRecentFiles();
  // Project files (SQLite), most recent first; the first is reopened at start.
  QStringList recentProjects() const;
  void addRecentProject(const QString& path);
  void clearRecentProjects();

  QByteArray windowGeometry() const;
  void setWindowGeometry(const QByteArray& geometry);
  QByteArray windowState() const;
  void setWindowState(const QByteArray& state);
  // How the dataset panel's table and histogram share its height (DatasetBrowser::layoutState()).
  QByteArray datasetPanelState() const;
  void setDatasetPanelState(const QByteArray& state);

  QString language() const;  // "" = follow the system locale
  void setLanguage(const QString& language);
  QString theme() const;  // "system", "light", "dark"
  void setTheme(const QString& theme);

  QString device() const;  // "cpu", "cuda", "cuda:N"
  void setDevice(const QString& device);
  QString precision() const;  // "f32", "bf16", "f16"
  void setPrecision(const QString& precision);
  int frames() const;
  void setFrames(int n);
  int keyframes() const;
  void setKeyframes(int k);
  // Answer every sampled frame alone with each run that knows its ground truth: the timeline's oracle
  // strip (n more Answerer passes; turn off on a slow CPU and compute baselines on demand instead).
  bool oracleStripWithRuns() const;
  void setOracleStripWithRuns(bool on);
  QString cacheDirectory() const;
  void setCacheDirectory(const QString& dir);
  qint64 cacheCapBytes() const;
  void setCacheCapBytes(qint64 bytes);

  // The backend: "" answers in this process; a URL answers on that `sevila serve`, with a token from
  // the file and the server's names of this machine's video folders ("LOCAL_FOLDER=ROOT" each).
  QString backendServer() const;
  void setBackendServer(const QString& url);
  QString backendTokenFile() const;
  void setBackendTokenFile(const QString& path);
  QStringList backendFolders() const;
  void setBackendFolders(const QStringList& mappings);
  bool backendUploadFrames() const;  // videos under no mapped folder: send their sampled frames
  void setBackendUploadFrames(bool upload);

  QString lastModelDirectory() const;
  void setLastModelDirectory(const QString& dir);
  // The checkpoint and tokenizer last opened with it (empty: none, and spiece.model in the folder).
  QString lastCheckpoint() const;
  void setLastCheckpoint(const QString& path);
  QString lastTokenizer() const;
  void setLastTokenizer(const QString& path);
  // The name labels are recorded under: the user's choice, else $USER, else "annotator".
  QString annotator() const;
  void setAnnotator(const QString& name);
  // The dataset opened last: kind, annotation file, video folder, results file (empty when none).
  QStringList lastDataset() const;
  void setLastDataset(const QStringList& fields);
  // Datasets opened, most recent first (each: kind, annotations, videos, results), no duplicates, capped.
  QVector<QStringList> recentDatasets() const;
  void addRecentDataset(const QStringList& fields);
  void clearRecentDatasets();
  // The dataset browser's saved filters, each as DatasetFilterState::toJson().
  QJsonArray savedDatasetFilters() const;
  void setSavedDatasetFilters(const QJsonArray& filters);

  // User-chosen shortcuts by action id; absent ids use the defaults.
  QMap<QString, QString> shortcuts() const;
  void setShortcut(const QString& actionId, const QString& sequence);

  void sync() { m_settings.sync(); }

Q_SIGNALS:
  void recentFilesChanged();
  void recentProjectsChanged();
  void recentDatasetsChanged();
  void languageChanged();
  void themeChanged();
  void engineOptionsChanged();
  void shortcutsChanged();

private:
  void pushRecent(const char* key, const QString& path);

  QSettings m_settings;
};

}  // namespace sevila::studio
