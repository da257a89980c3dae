// What names a video's content in the caches (frame index sidecars, vision features): "<size>-<16 hex>",
// a 64-bit hash of EVERY byte of the file. A renamed or copied file keeps its key; an edit anywhere,
// even one that keeps the size, changes it, so no cache ever serves an edited video's old frames or
// features.
//
// Hashing reads the whole file once (about 1 s for 2 GB from the page cache). The result is remembered
// for the process by path, with the file's device, inode, size, modification and status-change times:
// any write changes the status-change time (which, unlike the modification time, cannot be set back),
// so a remembered key is never stale.
#pragma once

#include <string>

namespace sevila::media {

// Throws sevila::Error naming the file when it cannot be read.
std::string contentKey(const std::string& path);

// Forgets the remembered keys (tests).
void clearContentKeyMemo();

}  // namespace sevila::media
