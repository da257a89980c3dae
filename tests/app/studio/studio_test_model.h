// Loads the tiny golden model (random weights, real formats) into a studio window, as File ▸ Open Model
// would; false when it failed or took over a minute.
#pragma once

#include <QSignalSpy>
#include <QTest>

#include "main_window.h"
#include "model_controller.h"

namespace sevila::testing {

inline bool loadTinyModel(studio::MainWindow& w) {
  QSignalSpy loaded(w.modelController(), &studio::ModelController::loaded);
  QSignalSpy failed(w.modelController(), &studio::ModelController::loadFailed);
  studio::ModelRequest request;
  request.directory = QStringLiteral(SEVILA_TEST_DATA "/golden/tiny-a");
  request.checkpoint = QStringLiteral(SEVILA_TEST_DATA "/golden/tiny-a/sevila.pth");
  request.tokenizer = QStringLiteral(SEVILA_TEST_DATA "/golden/tokenizer/tiny_t5.model");
  request.demo = true;
  w.openModel(request);
  return QTest::qWaitFor([&] { return loaded.count() + failed.count() > 0; }, 60000) && failed.isEmpty();
}

}  // namespace sevila::testing
