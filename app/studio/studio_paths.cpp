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

QString demoVideoPath() {
  return QDir(dataDirectory()).absoluteFilePath("demo/demo.mp4");
}

QString demoModelPath() {
  return QDir(dataDirectory()).absoluteFilePath("demo/tiny-model");
}

}  // namespace sevila::studio
