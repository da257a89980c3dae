// `sevila-studio --help` laid out for a terminal: columns are padded and lines wrapped by DISPLAY width,
// where East Asian wide characters (Chinese, Japanese, Korean, full-width punctuation) take two
// columns. Qt's own help pads by character count, which breaks the columns of the zh_CN help.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace sevila::studio {

// Terminal columns of `text`: 2 per East Asian wide or full-width character, 1 otherwise.
int displayWidth(const QString& text);

struct HelpEntry {
  QString names;        // "-h, --help", "--lang <language>", "video"
  QString description;  // wrapped to the terminal width
};

struct HelpPage {
  QString usage;        // "Usage: sevila-studio [options] [video]"
  QString description;  // one paragraph
  QString optionsTitle;
  QVector<HelpEntry> options;
  QString argumentsTitle;
  QVector<HelpEntry> arguments;
};

// The page as text, each line at most `width` display columns where words allow.
QString formatHelp(const HelpPage& page, int width = 80);

}  // namespace sevila::studio
