#include "console_help.h"

namespace sevila::studio {
namespace {

bool isWide(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF && c != 0x303F) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFE30 && c <= 0xFE4F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
         (c >= 0x20000 && c <= 0x3FFFD);
}

// Splits text into pieces a line may break between: words with their trailing space, and each wide
// character on its own (CJK text has no spaces and breaks between any two characters).
QStringList breakablePieces(const QString& text) {
  QStringList pieces;
  QString current;
  for (char32_t c : text.toUcs4()) {
    const QString ch = QString::fromUcs4(&c, 1);
    if (isWide(c)) {
      if (!current.isEmpty()) pieces << current;
      current.clear();
      pieces << ch;
    } else if (c == U' ') {
      pieces << current + ch;
      current.clear();
    } else {
      current += ch;
    }
  }
  if (!current.isEmpty()) pieces << current;
  return pieces;
}

// Wraps `text` into lines of at most `width` columns (a single longer word stays whole).
QStringList wrap(const QString& text, int width) {
  QStringList lines;
  QString line;
  int used = 0;
  for (const QString& piece : breakablePieces(text)) {
    const int w = displayWidth(piece.trimmed());
    if (used > 0 && used + w > width) {
      lines << line.trimmed();
      line.clear();
      used = 0;
    }
    line += piece;
    used += displayWidth(piece);
  }
  if (!line.trimmed().isEmpty()) lines << line.trimmed();
  return lines;
}

void appendEntries(QString& out, const QVector<HelpEntry>& entries, int nameColumn, int width) {
  const QString indent(2, QLatin1Char(' '));
  const int textColumn = 2 + nameColumn + 2;
  for (const HelpEntry& e : entries) {
    QStringList lines = wrap(e.description, qMax(20, width - textColumn));
    if (lines.isEmpty()) lines << QString();
    out += indent + e.names + QString(nameColumn + 2 - displayWidth(e.names), QLatin1Char(' ')) + lines[0] +
           '\n';
    for (int i = 1; i < lines.size(); ++i) out += QString(textColumn, QLatin1Char(' ')) + lines[i] + '\n';
  }
}

}  // namespace

int displayWidth(const QString& text) {
  int width = 0;
  for (char32_t c : text.toUcs4()) width += isWide(c) ? 2 : 1;
  return width;
}

QString formatHelp(const HelpPage& page, int width) {
  int nameColumn = 0;
  for (const auto* list : {&page.options, &page.arguments})
    for (const HelpEntry& e : *list) nameColumn = qMax(nameColumn, displayWidth(e.names));
  QString out = page.usage + '\n';
  for (const QString& line : wrap(page.description, width)) out += line + '\n';
  if (!page.options.isEmpty()) {
    out += '\n' + page.optionsTitle + '\n';
    appendEntries(out, page.options, nameColumn, width);
  }
  if (!page.arguments.isEmpty()) {
    out += '\n' + page.argumentsTitle + '\n';
    appendEntries(out, page.arguments, nameColumn, width);
  }
  return out;
}

}  // namespace sevila::studio
