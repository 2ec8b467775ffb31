/** @file errors.hpp
 *  @brief The Python exception hierarchy of _fahras, mirroring fahras/error.hpp.
 */
#pragma once

#include <pybind11/pybind11.h>

namespace fahras_python {

/** @brief Creates fahras.Error and its subclasses in @p m and translates every fahras exception into
 *  them (most derived first). RecordError instances carry `file` and `line` attributes. */
void register_exceptions(pybind11::module_& m);

}  // namespace fahras_python
