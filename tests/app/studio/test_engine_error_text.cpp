// Engine errors reach the user in the chosen language: real errors of the media and data readers,
// shown through the studio's catalog, in English and in zh_CN.
#include <QTemporaryDir>
#include <QtTest>

#include "core/error.h"
#include "data/dataset_reader.h"
#include "engine_error_text.h"
#include "media/video_file.h"
#include "translations.h"

using namespace sevila;
using namespace sevila::studio;

namespace {
template <typename F>
Error caught(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e;
  }
  return Error("", "nothing was thrown");
}
}  // namespace

class TestEngineErrorText : public QObject {
  Q_OBJECT
private Q_SLOTS:
  void cleanup() { installTranslations(*QCoreApplication::instance(), "en"); }

  void englishIsTheEnginesOwnText() {
    installTranslations(*QCoreApplication::instance(), "en");
    const Error e = caught([] { media::VideoFile("/no/such/video.mp4"); });
    QCOMPARE(localizedError(e), QString("/no/such/video.mp4: no such file\ncheck the path"));
    QCOMPARE(localizedError(static_cast<const std::exception&>(e)), localizedError(e));
  }

  void videoErrorInChinese() {
    QCOMPARE(installTranslations(*QCoreApplication::instance(), "zh_CN"), QString("zh_CN"));
    const Error e = caught([] { media::VideoFile("/no/such/video.mp4"); });
    // The file name stays; reason and hint are translated.
    QCOMPARE(localizedError(e), QString::fromUtf8("/no/such/video.mp4: 没有这个文件\n请检查路径"));
  }

  void datasetErrorInChinese() {
    QTemporaryDir dir;
    const std::string path = (dir.path() + "/val.csv").toStdString();
    QFile(QString::fromStdString(path)).open(QIODevice::WriteOnly);  // an empty file
    installTranslations(*QCoreApplication::instance(), "zh_CN");
    const Error e = caught([&] { data::readDataset("nextqa", path); });
    QCOMPARE(QString::fromStdString(e.reason()), QString("empty file"));
    QCOMPARE(localizedError(e),
             QString::fromStdString(path) + QString::fromUtf8(": 空文件\n应为带表头行的 NExT-QA csv 文件"));
  }

  void templatesNestAndKeepTheirVariableParts() {
    installTranslations(*QCoreApplication::instance(), "zh_CN");
    QCOMPARE(localizedEngineText("field 'answer': answer index 7 outside 0-4"),
             QString::fromUtf8("字段 'answer'：答案序号 7 不在 0-4 之内"));
    QCOMPARE(
        localizedEngineText("FFmpeg cannot read it as a video (Invalid data found when processing input)"),
        QString::fromUtf8("FFmpeg 无法将其作为视频读取（Invalid data found when processing input）"));
    // A captured part is substituted once: a "%2" in a file name stays as it is.
    QCOMPARE(localizedEngineText("cannot open: 100%2 done"), QString::fromUtf8("无法打开：100%2 done"));
    // Words outside the catalog are shown unchanged.
    QCOMPARE(localizedEngineText("some library's own message"), QString("some library's own message"));
  }
};

QTEST_MAIN(TestEngineErrorText)
#include "test_engine_error_text.moc"
