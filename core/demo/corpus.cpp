// Builds the demo knowledge base: renders every article variant, its id, metadata and fact sheet.
#include "corpus.h"

#include "jsontext.h"

#include <cstdio>
#include <stdexcept>

namespace lb::demo {

namespace {

constexpr int kDocsPerTopic = 6;
// Which extra paragraphs each article variant carries, and whether the core paragraph comes first;
// overlapping variants are what real help centers look like (and what retrieval returns).
constexpr struct {
    int extras[3];
    bool coreFirst;
} kVariants[kDocsPerTopic] = {
    {{0, -1, -1}, true}, {{1, 2, -1}, false}, {{-1, -1, -1}, true},
    {{0, 1, 2}, true},   {{2, -1, -1}, false}, {{0, 1, -1}, true},
};

std::size_t kindIndex(ProductKind k) { return k == ProductKind::Saas ? 0 : 1; }

std::string slugify(std::string_view title)
{
    std::string s;
    for (char c : title) {
        if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
            s += c;
        else if (c >= 'A' && c <= 'Z')
            s += static_cast<char>(c - 'A' + 'a');
        else if (!s.empty() && s.back() != '-')
            s += '-';
    }
    while (!s.empty() && s.back() == '-')
        s.pop_back();
    return s;
}

// A stable pseudo-date between 2023-01 and 2024-05 for an article.
std::string updatedDate(std::size_t n)
{
    const std::size_t month = (n * 7) % 17;  // 0..16
    const int year = month < 12 ? 2023 : 2024;
    const int m = static_cast<int>(month % 12) + 1;
    const int d = static_cast<int>((n * 11) % 28) + 1;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", year, m, d);
    return buf;
}

}  // namespace

const Corpus &Corpus::instance()
{
    static const Corpus corpus;
    return corpus;
}

Corpus::Corpus()
{
    for (ProductKind kind : {ProductKind::Saas, ProductKind::Hardware}) {
        const std::size_t k = kindIndex(kind);
        for (const TopicSpec &t : topicSpecs(kind)) {
            for (int i = 0; i < 3; ++i) {
                CompiledQa qa;
                qa.questions[0] = compile(t.qas[static_cast<std::size_t>(i)].questions[0]);
                qa.questions[1] = compile(t.qas[static_cast<std::size_t>(i)].questions[1]);
                qa.answer = compile(t.qas[static_cast<std::size_t>(i)].answer);
                m_qas[k].push_back(std::move(qa));
                m_titles[k].push_back(compile(t.titles[static_cast<std::size_t>(i)]));
                m_extras[k].push_back(compile(t.extras[static_cast<std::size_t>(i)]));
            }
            m_cores[k].push_back(compile(t.core));
        }
    }
    for (const FillerSpec &f : fillerSpecs()) {
        compile(f.title);
        compile(f.body);
    }
    for (const AlternativeSpec &a : alternativeSpecs())
        m_alternatives.emplace_back(m_registry.id(a.fact), std::span<const std::string_view>(a.values));
    for (const ProductSpec &spec : productSpecs())
        for (const FactSpec &f : spec.facts)
            m_registry.id(f.name);
    // The text banks register the per-trace variables ({value}, {order_id}, ...); after this the
    // registry is complete and every Vars table can be sized once.
    m_bank.build(*this);

    const auto specs = productSpecs();
    for (std::size_t p = 0; p < specs.size(); ++p) {
        ProductData pd;
        pd.spec = &specs[p];
        pd.vars.resize(m_registry.size());
        for (const FactSpec &f : specs[p].facts)
            pd.vars.set(m_registry.id(f.name), f.value);
        m_products.push_back(std::move(pd));
    }
    for (std::size_t p = 0; p < m_products.size(); ++p)
        buildDocs(p);
}

void Corpus::buildDocs(std::size_t productIndex)
{
    ProductData &pd = m_products[productIndex];
    const ProductKind kind = pd.spec->kind;
    const std::size_t k = kindIndex(kind);
    const auto topics = topicSpecs(kind);

    // Every slot of this kind's templates must have a value for this product.
    auto check = [&](const Template &t) {
        for (int v : t.slots())
            if (pd.vars.get(v).empty())
                throw std::logic_error("demo corpus: product " + std::string(pd.spec->slug) +
                                       " has no fact '" + std::string(m_registry.name(v)) + "'");
    };
    for (const auto &qa : m_qas[k]) {
        check(qa.questions[0]);
        check(qa.questions[1]);
        check(qa.answer);
    }

    std::size_t articleNo = 1000 + 131 * productIndex;
    pd.topicDocs.resize(topics.size());
    for (std::size_t t = 0; t < topics.size(); ++t) {
        pd.topicWeights.push_back(topics[t].popularity);
        std::string core;
        check(m_cores[k][t]);
        m_cores[k][t].render(core, pd.vars);
        pd.factSheet += "- ";
        m_titles[k][t * 3].render(pd.factSheet, pd.vars);
        pd.factSheet += ": ";
        pd.factSheet += core;
        pd.factSheet += '\n';
        for (int v = 0; v < kDocsPerTopic; ++v) {
            KbDoc doc;
            doc.product = static_cast<int>(productIndex);
            doc.topic = static_cast<int>(t);
            articleNo += 7 + (t * 3 + static_cast<std::size_t>(v)) % 5;
            doc.id = std::string(pd.spec->slug) + "-kb-" + std::to_string(articleNo);
            m_titles[k][t * 3 + static_cast<std::size_t>(v % 3)].render(doc.title, pd.vars);
            doc.content = doc.title;
            bool coreDone = false;
            for (int e : kVariants[v].extras) {
                if (!coreDone && (kVariants[v].coreFirst || e < 0)) {
                    doc.content += "\n\n" + core;
                    coreDone = true;
                }
                if (e < 0)
                    continue;
                doc.content += "\n\n";
                const Template &extra = m_extras[k][t * 3 + static_cast<std::size_t>(e)];
                check(extra);
                extra.render(doc.content, pd.vars);
                if (!coreDone) {
                    doc.content += "\n\n" + core;
                    coreDone = true;
                }
            }
            if (!coreDone)
                doc.content += "\n\n" + core;
            doc.updated = updatedDate(articleNo);
            pd.topicDocs[t].push_back(static_cast<int>(m_docs.size()));
            m_docs.push_back(std::move(doc));
        }
    }
    for (const FillerSpec &f : fillerSpecs()) {
        KbDoc doc;
        doc.product = static_cast<int>(productIndex);
        articleNo += 3;
        doc.id = std::string(pd.spec->slug) + "-kb-" + std::to_string(articleNo);
        compile(f.title).render(doc.title, pd.vars);
        doc.content = doc.title + "\n\n";
        compile(f.body).render(doc.content, pd.vars);
        doc.updated = updatedDate(articleNo);
        pd.fillerDocs.push_back(static_cast<int>(m_docs.size()));
        m_docs.push_back(std::move(doc));
    }
    const std::string_view helpUrl = pd.vars.get(m_registry.id("help_url"));
    for (std::size_t i = static_cast<std::size_t>(pd.topicDocs.front().front()); i < m_docs.size(); ++i) {
        KbDoc &doc = m_docs[i];
        const std::string num = doc.id.substr(doc.id.rfind('-') + 1);
        JsonText j(doc.metadata);
        j.beginObject()
            .field("source", std::string(helpUrl) + "/articles/" + num + "-" + slugify(doc.title))
            .field("title", doc.title)
            .field("product", pd.spec->slug)
            .field("category", doc.topic >= 0 ? topics[static_cast<std::size_t>(doc.topic)].slug : "news")
            .field("updated_at", doc.updated)
            .endObject();
    }
}

const CompiledQa &Corpus::qa(ProductKind kind, int topic, int index) const
{
    return m_qas[kindIndex(kind)][static_cast<std::size_t>(topic * 3 + index)];
}

const Template &Corpus::title(ProductKind kind, int topic, int index) const
{
    return m_titles[kindIndex(kind)][static_cast<std::size_t>(topic * 3 + index)];
}

std::span<const std::string_view> Corpus::alternatives(int var) const
{
    for (const auto &[v, values] : m_alternatives)
        if (v == var)
            return values;
    return {};
}

}  // namespace lb::demo
