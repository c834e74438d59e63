// The current UTC time, formatted; an environment variable can pin it for reproducible tests.
#pragma once

#include <cstdlib>
#include <ctime>
#include <string>

namespace shipshape {

/// strftime(format) of the current UTC time, or the value of $env_override when it is set.
inline std::string utc_now(const char* format, const char* env_override) {
  if (const char* pinned = std::getenv(env_override)) return pinned;
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[64];
  if (std::strftime(buf, sizeof buf, format, &tm) == 0) return "";  // too long for buf
  return buf;
}

}  // namespace shipshape
