// png_write.h: writes an RGBA8 image as a PNG file (no compression library needed: stored
// deflate blocks). Used by the desktop app's --screenshot flag for tests.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace carry {

// rgba: width*height*4 bytes, top row first. Returns false (and leaves no partial file) on error.
bool write_png(const std::string& path, int width, int height, const std::vector<std::uint8_t>& rgba);

}  // namespace carry
