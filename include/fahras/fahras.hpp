/** @file fahras.hpp
 *  @brief The whole public API of fahras: include this one header.
 */
#pragma once

#include <fahras/analyzer.hpp>
#include <fahras/error.hpp>
#include <fahras/index.hpp>
#include <fahras/ingest.hpp>
#include <fahras/search.hpp>
#include <fahras/version.hpp>
