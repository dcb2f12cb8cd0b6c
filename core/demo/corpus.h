#pragma once
// The demo knowledge base, built once from the specs in corpusdata.h: a few hundred help-center
// articles with ids, titles and metadata, compiled question/answer templates, and per-product facts.

#include "corpusdata.h"
#include "textbank.h"
#include "texttemplate.h"

#include <string>
#include <vector>

namespace lb::demo {

struct KbDoc {
    std::string id;        // "orbitly-kb-1148"
    int product = 0;
    int topic = -1;        // -1: filler article (news, release notes)
    std::string title;
    std::string content;   // title, blank line, paragraphs
    std::string metadata;  // JSON text, as document.metadata
    std::string updated;   // "2024-03-02"
};

struct CompiledQa {
    Template questions[2];
    Template answer;
};

struct ProductData {
    const ProductSpec *spec = nullptr;
    Vars vars;                                  // facts, by registry id
    std::vector<std::vector<int>> topicDocs;    // doc indices per topic
    std::vector<int> fillerDocs;
    std::vector<double> topicWeights;
    std::string factSheet;                      // every topic's core paragraph, for chat prompts
};

class Corpus {
public:
    // Built on first use (thread-safe), then shared read-only.
    static const Corpus &instance();

    const VarRegistry &registry() const { return m_registry; }
    int var(std::string_view name) const { return m_registry.find(name); }

    std::size_t productCount() const { return m_products.size(); }
    const ProductData &product(std::size_t i) const { return m_products[i]; }
    std::span<const TopicSpec> topics(ProductKind kind) const { return topicSpecs(kind); }
    const CompiledQa &qa(ProductKind kind, int topic, int index) const;
    const Template &title(ProductKind kind, int topic, int index) const;

    std::size_t docCount() const { return m_docs.size(); }
    const KbDoc &doc(std::size_t i) const { return m_docs[i]; }

    // Explicit wrong values for a fact without digits; empty when numbers are to be perturbed.
    std::span<const std::string_view> alternatives(int var) const;

    // Failure, noise and agent texts, compiled against the same registry.
    const TextBank &bank() const { return m_bank; }

    // Compiles extra templates against the shared registry (only while building the catalog).
    Template compile(std::string_view text) { return Template(text, m_registry); }

private:
    Corpus();
    void buildDocs(std::size_t productIndex);

    VarRegistry m_registry;
    TextBank m_bank;
    std::vector<ProductData> m_products;
    std::vector<KbDoc> m_docs;
    std::vector<CompiledQa> m_qas[2];      // [kind][topic * 3 + i]
    std::vector<Template> m_titles[2];     // [kind][topic * 3 + i]
    std::vector<Template> m_cores[2];      // [kind][topic]
    std::vector<Template> m_extras[2];     // [kind][topic * 3 + i]
    std::vector<std::pair<int, std::span<const std::string_view>>> m_alternatives;
};

}  // namespace lb::demo
