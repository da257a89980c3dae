// The process test_label_kills kills: it edits labels, or imports a keyframes.jsonl, in a project and
// reports on stdout (unbuffered) each step once it has returned, i.e. once it is committed.
//   label_kill_worker edits PROJECT FIRST [--deferred]   edits FIRST, FIRST+1, ... until killed
//   label_kill_worker import PROJECT JSONL                one import
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <string>

#include <QCoreApplication>
#include <QTimer>

#include "project_store.h"
#include "core/error.h"
#include "label_edit_script.h"

namespace {

using namespace sevila::studio;

void say(const std::string& line) {
  const std::string text = line + "\n";
  if (::write(STDOUT_FILENO, text.data(), text.size()) != static_cast<ssize_t>(text.size())) std::_Exit(3);
}

}  // namespace

int main(int argc, char** argv) {
  QCoreApplication app(argc, argv);
  const QStringList args = app.arguments();
  try {
    if (args.size() >= 4 && args[1] == "edits") {
      ProjectStore store(args[2]);
      const bool deferred = args.contains("--deferred");
      store.setDeferredSync(deferred);
      const std::vector<int64_t> items = kill::prepareItems(store);
      int64_t next = args[3].toLongLong();
      say("ready");
      if (!deferred) {
        for (;; ++next) {
          kill::applyEdit(store, items, next);
          say(std::to_string(next));
        }
      }
      // As in the studio: edits from the event loop, which also runs the deferred checkpoints.
      QTimer edit;
      QObject::connect(&edit, &QTimer::timeout, [&] {
        kill::applyEdit(store, items, next);
        say(std::to_string(next++));
      });
      edit.start(0);
      return app.exec();
    }
    if (args.size() == 4 && args[1] == "import") {
      ProjectStore store(args[2]);
      say("ready");
      say("imported " + std::to_string(store.importKeyframeLabels(args[3])));
      return 0;
    }
  } catch (const sevila::Error& e) {
    std::fprintf(stderr, "label_kill_worker: %s\n", e.what());
    return 1;
  }
  std::fprintf(stderr, "usage: label_kill_worker edits PROJECT FIRST [--deferred] | import PROJECT JSONL\n");
  return 2;
}
