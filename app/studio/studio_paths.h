// Where the studio finds its bundled data: next to the executable in the build tree
// (<build>/share/sevila-studio) and under <prefix>/share/sevila-studio once installed.
#pragma once

#include <QString>

namespace sevila::studio {

QString dataDirectory();
QString demoVideoPath();
// The tiny BLIP-2/SeViLA model with RANDOM weights that the demo runs (from the golden test cases).
QString demoModelPath();

}  // namespace sevila::studio
