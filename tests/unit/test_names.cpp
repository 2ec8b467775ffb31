// Names against their look-alikes, through the whole pipeline (index, vocabulary, query tiers, BM25):
// the reviewed list of names whose analysis must never cost them their first letter nor fold them
// into common words. Every text here is written for these tests.
#include "index_support.hpp"
#include "test_support.hpp"

#include <fahras/fahras.hpp>

#include <doctest/doctest.h>

#include <string>
#include <vector>

using fahras::Article;
using fahras::Index;
using fahras::Searcher;
using fahras::SearchRequest;
using fahras::test::hit_ids;

namespace {

// A small news index: each name is frequent, its look-alike word occurs once or twice.
Index names_index() {
    Index index = Index::in_memory();
    std::vector<Article> articles;
    auto add = [&](const std::string& id, const std::string& body, int copies = 1) {
        for (int i = 0; i < copies; ++i) articles.push_back({copies == 1 ? id : id + "-" + std::to_string(i), "", body, "", "", "", "", {}});
    };
    add("putin", "التقى الرئيس الروسي بوتين وفدا من رجال الأعمال وقال بوتين إن التعاون سيستمر", 6);
    add("aorta", "قال الطبيب إن الوتين هو الشريان الأكبر في جسم الإنسان وإن تمزق الوتين خطير");
    add("lebanon", "زار الوزير لبنان أمس وبحث مع المسؤولين في لبنان ملف اللاجئين", 6);
    add("fingertips", "رسم الفنان اللوحة بأطراف البنان وأتقن تلوين بنان اليد في اللوحة");
    add("cameron", "قال رئيس الوزراء البريطاني ديفيد كاميرون إن حكومته ستدعم الاتفاق", 3);
    add("cameroon", "فاز منتخب الكاميرون بالمباراة وتأهلت الكاميرون إلى الدور التالي", 3);
    add("ali", "استقبل الأمير الشيخ علي بن محمد في مكتبه وتحدث علي عن المشروع");
    add("ala", "وضع الكتاب على الطاولة وجلس على الكرسي واعتمد على نفسه", 8);
    add("salman", "أصدر الملك سلمان أمرا ملكيا واستقبل الملك سلمان ضيوفه", 6);
    add("peace", "دعا المتحدث إلى سلم أهلي دائم وإلى نشر ثقافة السلم بين الناس");
    add("faisal", "افتتح الأمير فيصل المعرض وألقى فيصل كلمة الافتتاح", 4);
    add("arrives", "يصل الوفد غدا إلى العاصمة ويصل معه عدد من الخبراء");
    for (Article& a : articles) index.add(a);
    Article author;
    author.id = "by-lavrov";
    author.title = "مقال رأي";
    author.body = "نص المقال عن السياسة الخارجية";
    author.author = "سيرغي لافروف";
    index.add(author);
    index.commit();
    return index;
}

std::string top(const Searcher& searcher, const std::string& query) {
    const auto results = searcher.search(query, 1);
    return results.hits.empty() ? std::string("(none)") : results.hits[0].id;
}

// The id stem of every hit ("putin-3" → "putin"), in rank order.
std::vector<std::string> ranked_groups(const Searcher& searcher, const std::string& query) {
    std::vector<std::string> groups;
    for (const std::string& id : hit_ids(searcher.search(query, 100))) groups.push_back(id.substr(0, id.find('-')));
    return groups;
}

// True when every hit of group @p first ranks above every hit of group @p second.
bool ranks_above(const std::vector<std::string>& groups, const std::string& first, const std::string& second) {
    bool seen_second = false;
    for (const std::string& g : groups) {
        if (g == second) seen_second = true;
        if (g == first && seen_second) return false;
    }
    return true;
}

}  // namespace

TEST_CASE("names: a name is not proclitic + word, and the word is not the name behind a proclitic") {
    const Index index = names_index();
    const Searcher searcher(index);
    struct Pair {
        const char* name;   // query
        const char* group;  // documents that write it
        const char* other;  // documents of its look-alike
    };
    const Pair pairs[] = {
        {"بوتين", "putin", "aorta"},       // not ب + وتين
        {"وتين", "aorta", "putin"},        // the aorta is not و + تين, and بوتين is not ب + وتين
        {"لبنان", "lebanon", "fingertips"},  // not ل + بنان
        {"بنان", "fingertips", "lebanon"},
        {"فيصل", "faisal", "arrives"},     // not ف + يصل
        {"سلمان", "salman", "peace"},      // not سلم + ان
        {"كاميرون", "cameron", "cameroon"},  // the article makes another word
        {"الكاميرون", "cameroon", "cameron"},
    };
    for (const Pair& p : pairs) {
        CAPTURE(p.name);
        const auto groups = ranked_groups(searcher, p.name);
        REQUIRE_FALSE(groups.empty());
        CHECK(groups.front() == p.group);
        CHECK(ranks_above(groups, p.group, p.other));
    }
    // The look-alikes that share no letters with the name's own documents are not found at all.
    for (const char* query : {"بوتين", "لبنان", "فيصل"}) {
        CAPTURE(query);
        const auto groups = ranked_groups(searcher, query);
        CHECK(std::count(groups.begin(), groups.end(), "aorta") + std::count(groups.begin(), groups.end(), "fingertips") +
                  std::count(groups.begin(), groups.end(), "arrives") == 0);
    }
}

TEST_CASE("names: علي finds علي first although على, a stopword, folds onto it") {
    const Index index = names_index();
    const Searcher searcher(index);
    const auto results = searcher.search("علي", 20);
    REQUIRE_FALSE(results.hits.empty());
    CHECK(results.hits[0].id == "ali");
    CHECK(results.ignored.empty());
    // A query of stopwords alone is searched rather than emptied.
    CHECK_FALSE(searcher.search("على", 20).hits.empty());
}

TEST_CASE("names: author:ولافروف finds the article whose author is لافروف") {
    const Index index = names_index();
    const Searcher searcher(index);
    CHECK(top(searcher, "author:ولافروف") == "by-lavrov");
    CHECK(top(searcher, "author:لافروف") == "by-lavrov");
    CHECK(top(searcher, "مقال author:لافروف") == "by-lavrov");
}

TEST_CASE("phrases step over stopwords, which keep no positions, and still need the words in order") {
    Index index = Index::in_memory();
    index.add({"near", "", "قال الوزير في الحكومة الجديدة إن الخطة جاهزة", "", "", "", "", {}});
    index.add({"apart", "", "الحكومة الجديدة قالت إن الوزير سافر في الصباح", "", "", "", "", {}});
    index.add({"stop", "", "جلس في البيت", "", "", "", "", {}});
    const Searcher searcher(index);
    CHECK(hit_ids(searcher.search("\"الوزير في الحكومة\"", 10)) == std::vector<std::string>{"near"});
    CHECK(hit_ids(searcher.search("\"الحكومة في الوزير\"", 10)).empty());
    CHECK(hit_ids(searcher.search("\"في\"", 10)).size() == 3);  // a phrase of a stopword alone: anywhere
}
