#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include "studio_settings.h"

using sevila::studio::StudioSettings;

class TestStudioSettings : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void roundTripsEveryKey() {
    QTemporaryDir dir;
    const QString ini = dir.filePath("studio.ini");
    {
      StudioSettings s(ini, nullptr);
      s.setLanguage("zh_CN");
      s.setTheme("dark");
      s.setDevice("cuda:1");
      s.setPrecision("bf16");
      s.setFrames(64);
      s.setKeyframes(6);
      s.setCacheDirectory("/tmp/features");
      s.setCacheCapBytes(qint64(3) << 30);
      s.setWindowGeometry("geometry-bytes");
      s.setWindowState("state-bytes");
      s.setDatasetPanelState("panel-bytes");
      s.setShortcut("playPause", "P");
      s.sync();
    }
    StudioSettings s(ini, nullptr);
    QCOMPARE(s.language(), QString("zh_CN"));
    QCOMPARE(s.theme(), QString("dark"));
    QCOMPARE(s.device(), QString("cuda:1"));
    QCOMPARE(s.precision(), QString("bf16"));
    QCOMPARE(s.frames(), 64);
    QCOMPARE(s.keyframes(), 6);
    QCOMPARE(s.cacheDirectory(), QString("/tmp/features"));
    QCOMPARE(s.cacheCapBytes(), qint64(3) << 30);
    QCOMPARE(s.windowGeometry(), QByteArray("geometry-bytes"));
    QCOMPARE(s.windowState(), QByteArray("state-bytes"));
    QCOMPARE(s.datasetPanelState(), QByteArray("panel-bytes"));
    QCOMPARE(s.shortcuts().value("playPause"), QString("P"));
  }

  void defaultsArePaperSettings() {
    QTemporaryDir dir;
    StudioSettings s(dir.filePath("empty.ini"), nullptr);
    QCOMPARE(s.frames(), 32);
    QCOMPARE(s.keyframes(), 4);
    QCOMPARE(s.device(), QString("cpu"));
    QCOMPARE(s.theme(), QString("system"));
    QVERIFY(s.recentFiles().isEmpty());
  }

  void theAnnotatorIsTheUsersChoiceElseTheLogin() {
    QTemporaryDir dir;
    StudioSettings s(dir.filePath("who.ini"), nullptr);
    const QString login = qEnvironmentVariable("USER", QStringLiteral("annotator"));
    QCOMPARE(s.annotator(), login);
    s.setAnnotator(" alice ");
    QCOMPARE(s.annotator(), QString("alice"));
    s.setAnnotator("   ");
    QCOMPARE(s.annotator(), login);
  }

  void theLastModelAndDatasetAreRemembered() {
    QTemporaryDir dir;
    const QString ini = dir.filePath("last.ini");
    {
      StudioSettings s(ini, nullptr);
      QVERIFY(s.lastDataset().isEmpty());
      s.setLastModelDirectory("/models/blip2");
      s.setLastCheckpoint("/models/sevila.pth");
      s.setLastTokenizer("/models/spiece.model");
      s.setLastDataset({"nextqa", "/data/val.csv", "/data/videos", ""});
      s.sync();
    }
    StudioSettings s(ini, nullptr);
    QCOMPARE(s.lastModelDirectory(), QString("/models/blip2"));
    QCOMPARE(s.lastCheckpoint(), QString("/models/sevila.pth"));
    QCOMPARE(s.lastTokenizer(), QString("/models/spiece.model"));
    QCOMPARE(s.lastDataset(), (QStringList{"nextqa", "/data/val.csv", "/data/videos", ""}));
  }

  void recentFilesAreMostRecentFirstUniqueAndCapped() {
    QTemporaryDir dir;
    StudioSettings s(dir.filePath("recent.ini"), nullptr);
    QSignalSpy spy(&s, &StudioSettings::recentFilesChanged);
    for (int i = 0; i < StudioSettings::kMaxRecentFiles + 3; ++i)
      s.addRecentFile(QString("/videos/v%1.mp4").arg(i));
    s.addRecentFile("/videos/v5.mp4");
    const QStringList files = s.recentFiles();
    QCOMPARE(files.size(), StudioSettings::kMaxRecentFiles);
    QCOMPARE(files.first(), QString("/videos/v5.mp4"));
    QCOMPARE(files.count("/videos/v5.mp4"), 1);
    QVERIFY(!files.contains("/videos/v0.mp4"));  // the oldest fell off
    QCOMPARE(spy.count(), StudioSettings::kMaxRecentFiles + 4);
    s.clearRecentFiles();
    QVERIFY(s.recentFiles().isEmpty());
  }
};

QTEST_GUILESS_MAIN(TestStudioSettings)
#include "test_studio_settings.moc"
