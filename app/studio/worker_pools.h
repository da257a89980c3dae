// The studio's own thread pools for long work. Qt's global pool must stay free: QPainter and QImage
// scale and convert large images on it from the GUI thread and wait for them, so a decode or model job
// parked there freezes painting (bench_studio measured 250 ms stalls before this split).
#pragma once

class QThreadPool;

namespace sevila::studio {

// Both live until the QApplication is destroyed, which waits for their jobs; create them after it.
QThreadPool& modelPool();  // model loading and the chain: one job at a time
QThreadPool& mediaPool();
QThreadPool& trainingPool();  // refinement runs: one at a time, beside the model pool  // opening videos,
                              // frame indices, thumbnails, datasets, label import/export

}  // namespace sevila::studio
