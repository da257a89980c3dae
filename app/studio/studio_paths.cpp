#include "studio_paths.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

namespace sevila::studio {

QString dataDirectory() {
  const QString env = qEnvironmentVariable("SEVILA_DATA_DIR");
  if (!env.isEmpty()) return env;
  // bin/ and share/ are siblings both in the build tree and in an installed prefix.
  return QDir(QCoreApplication::applicationDirPath()).absoluteFilePath("../share/sevila-studio");
}

QString demoDatasetPath() {
  return QDir(dataDirectory()).absoluteFilePath("demo/shapes/demo.csv");
}

QString demoVideosPath() {
  return QDir(dataDirectory()).absoluteFilePath("demo/shapes/videos");
}

QString demoVideoPath() {
  return QDir(demoVideosPath()).absoluteFilePath("900001.mp4");
}

QString demoModelPath() {
  return QDir(dataDirectory()).absoluteFilePath("demo/model");
}

QString demoCheckpointPath() {
  return QDir(demoModelPath()).absoluteFilePath("sevila.pth");
}

}  // namespace sevila::studio
