#include "engine_error_text.h"

#include <QCoreApplication>
#include <QRegularExpression>
#include <QVector>

#include "core/error.h"

namespace sevila::studio {
namespace {

constexpr const char* kContext = "sevila::studio::EngineErrors";

// The engine's own words as the studio meets them (videos, models, tokenizers, datasets, label files).
// Each is exactly the English of the throwing code, with %1, %2 for its variable parts.
const char* const kTemplates[] = {
    // Videos (model/media)
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "no such file"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "check the path"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "is a directory, not a video file"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "the file is empty (0 bytes)"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "the copy or download may have failed"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "FFmpeg cannot read it as a video (%1)"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors",
                      "check that the file is a complete video in a format FFmpeg knows"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "cannot read the stream information (%1)"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "the file may be truncated or damaged"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "FFmpeg has no decoder for this video codec"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "re-encode the video, e.g. to H.264"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "the file has no video stream (audio only?)"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "choose a file with pictures"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "the decoder keeps failing (%1)"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "opening took longer than %1 s"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "reading took longer than %1 s"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "no picture could be decoded"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "the video stream is empty or corrupt"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "the video has no decoded frames"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "cancelled while indexing frames"),
    // Models and tokenizers (model/nn, the studio's model check)
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "cannot open the model configuration"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "a model directory holds config.json"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "cannot read the model configuration"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors",
                      "holds neither model.safetensors nor model.safetensors.index.json"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "no tokenizer: the folder has no spiece.model"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "choose the tokenizer (spiece.model) in Open Model"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "cannot open the tokenizer model: %1"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "cannot read the tokenizer model"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "not a SentencePiece model: %1"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "cannot open: %1"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "the checkpoint has no entry '%1'"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "the checkpoint holds no tensors"),
    // Datasets and label files (model/data)
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "cannot open the file"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "check the path and its permissions"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "empty file"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "expected NExT-QA's csv with a header row"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "broken header: %1"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "field '%1': %2"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "empty"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "empty option"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "expected an integer, got '%1'"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "duplicate qid '%1'"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "answer index %1 outside 0-4"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "unknown dataset kind"),
    QT_TRANSLATE_NOOP("sevila::studio::EngineErrors", "not valid JSON: %1"),
};

struct Entry {
  const char* english;
  QRegularExpression pattern;  // the template with each %N as a lazy capture, anchored
};

const QVector<Entry>& catalog() {
  static const QVector<Entry> entries = [] {
    QVector<Entry> out;
    static const QRegularExpression placeholder(QStringLiteral("%[1-9]"));
    for (const char* t : kTemplates) {
      QString regex;
      const QString text = QString::fromUtf8(t);
      int at = 0;
      for (auto m = placeholder.globalMatch(text); m.hasNext();) {
        const auto hit = m.next();
        regex += QRegularExpression::escape(text.mid(at, hit.capturedStart() - at)) + QStringLiteral("(.+?)");
        at = int(hit.capturedEnd());
      }
      regex += QRegularExpression::escape(text.mid(at));
      out.push_back({t, QRegularExpression(QLatin1Char('^') + regex + QLatin1Char('$'),
                                           QRegularExpression::DotMatchesEverythingOption)});
    }
    return out;
  }();
  return entries;
}

}  // namespace

QString localizedEngineText(const QString& english) {
  for (const Entry& e : catalog()) {
    const auto m = e.pattern.match(english);
    if (!m.hasMatch()) continue;
    const QString text = QCoreApplication::translate(kContext, e.english);
    // Captured parts may be engine words themselves ("field 'answer': empty"). One arg() pass, so a
    // captured "%2" is never substituted.
    switch (m.lastCapturedIndex()) {
      case 0:
        return text;
      case 1:
        return text.arg(localizedEngineText(m.captured(1)));
      default:
        return text.arg(localizedEngineText(m.captured(1)), localizedEngineText(m.captured(2)));
    }
  }
  return english;
}

QString localizedError(const Error& error) {
  const QString subject = QString::fromStdString(error.subject());
  QString text = localizedEngineText(QString::fromStdString(error.reason()));
  if (!subject.isEmpty()) text = subject + QStringLiteral(": ") + text;
  if (!error.hint().empty())
    text += QLatin1Char('\n') + localizedEngineText(QString::fromStdString(error.hint()));
  return text;
}

QString localizedError(const std::exception& error) {
  if (const auto* e = dynamic_cast<const Error*>(&error)) return localizedError(*e);
  return QString::fromUtf8(error.what());
}

}  // namespace sevila::studio
