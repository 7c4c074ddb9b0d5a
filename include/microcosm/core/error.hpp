// One exception hierarchy for the whole engine. Every error names what the
// user must fix: the file and line, the scenario key, or the parameter with
// its valid range. The CLI prints what() on one line and exits non-zero; the
// Python layer maps ParameterError to ValueError.
#pragma once

#include <stdexcept>
#include <string>

namespace microcosm {

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// A value outside its valid range or of the wrong type, in a scenario file,
// a --set override or an API call.
class ParameterError : public Error {
 public:
  using Error::Error;
};

// A malformed input file (network, labels, scenario syntax).
class InputError : public Error {
 public:
  using Error::Error;
};

// Reading or writing results failed (disk full, permissions, ...).
class OutputError : public Error {
 public:
  using Error::Error;
};

}  // namespace microcosm
