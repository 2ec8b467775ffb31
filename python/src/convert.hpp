/** @file convert.hpp
 *  @brief Values across the boundary of _fahras: Python documents to fahras::Article, and results to
 *  the dicts the dataclasses of the fahras package are built from.
 */
#pragma once

#include <fahras/fahras.hpp>

#include <pybind11/pybind11.h>

#include <string>
#include <string_view>
#include <vector>

namespace fahras_python {

/** @brief The name of @p value's type, for messages. */
std::string type_name(pybind11::handle value);

/** @brief A str from UTF-8 produced by the library; a stray bad byte becomes U+FFFD, never an error. */
pybind11::str utf8(std::string_view s);

/** @brief A document dict (keyed as a JSON record, mapped by fahras::article_from_record) or an
 *  Article-like object (the attributes of fahras.Article) as an Article.
 *  @exception pybind11::type_error neither, or a value that is not str / JSON-serializable. */
fahras::Article document_from(pybind11::handle object);

/** @brief An Article as the keyword arguments of fahras.Article. */
pybind11::dict article_dict(const fahras::Article& article);

/** @brief Results as the keyword arguments of fahras.SearchResults (hits as those of fahras.Hit). */
pybind11::dict results_dict(const fahras::SearchResults& results);

/** @brief Tokens as the keyword arguments of fahras.Token, with code point offsets into @p text. */
pybind11::list token_dicts(std::string_view text, const std::vector<fahras::Token>& tokens);

/** @brief Interns the keys of the result dicts; called once when the module loads. */
void intern_result_keys();

}  // namespace fahras_python
