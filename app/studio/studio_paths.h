// Where the studio finds its bundled data: next to the executable in the build tree
// (<build>/share/sevila-studio) and under <prefix>/share/sevila-studio once installed.
#pragma once

#include <QString>

namespace sevila::studio {

QString dataDirectory();
// The demo's generated shapes videos and their questions (NExT-QA csv); its first video.
QString demoDatasetPath();
QString demoVideosPath();
QString demoVideoPath();
// The demo model: a small BLIP-2/SeViLA trained from scratch on generated shapes videos.
QString demoModelPath();
QString demoCheckpointPath();  // its sevila.pth (both roles' bridges)

}  // namespace sevila::studio
