#pragma once
// Prompt learning: from a dataset's failing cases (their variables, outputs, labels and raters'
// rationales) a meta-prompt asks a chosen model for a revised prompt that keeps the template
// variables. The answer becomes a draft (messages and the model's reasons), never a saved version:
// a person edits it, saves it and evaluates it like any other.

#include "chat.h"
#include "evaltypes.h"
#include "util/result.h"

#include <QObject>

#include <memory>
#include <string>
#include <vector>

namespace lb::eval {

class Provider;

// One failing case as the meta-prompt shows it.
struct RevisionCase {
    std::map<std::string, std::string> variables;
    std::string output;  // what the current version answered (a run's output, else the original)
    std::vector<std::string> labels;
    std::vector<std::string> rationales;
};

struct RevisionDraft {
    std::vector<ChatMessage> messages;  // the revised prompt, template variables kept as placeholders
    std::vector<std::string> reasons;   // what the model changed and why
    std::vector<std::string> lostVariables;   // variables of the current version the draft no longer uses
    std::vector<std::string> addedVariables;  // variables the draft uses that the current one did not
    std::string raw;  // the model's whole answer
};

// At most this many cases go into the meta-prompt (the rest would only cost tokens).
inline constexpr int kRevisionMaxCases = 12;

// The failing cases of items: role "failure" ones, with the run's output when given (by item id).
std::vector<RevisionCase> revisionCases(const std::vector<DatasetItemInput> &items,
                                        const std::vector<CaseOutcome> &runCases = {}, char side = 'A');

// The meta-prompt: the current messages, the variables to keep, the failing cases, and the answer format.
std::vector<ChatMessage> revisionMessages(const PromptVersionInput &current, const std::vector<RevisionCase> &cases);

// Reads the model's answer ({"messages": [{role, content}], "reasons": [...]}, leniently); fails with
// a sentence when there is no usable prompt in it.
Result<RevisionDraft> parseRevisionAnswer(const std::string &answer, const PromptVersionInput &current);

// Asks provider (not owned) for a revision and reports the draft by finished().
class RevisionSuggester : public QObject {
    Q_OBJECT
public:
    RevisionSuggester(Provider *provider, std::string model, QObject *parent = nullptr);

    void suggest(const PromptVersionInput &current, const std::vector<RevisionCase> &cases);
    void cancel();
    bool isBusy() const { return m_callId != 0; }
    // Valid after finished(): the draft, or why there is none.
    const Result<RevisionDraft> &result() const { return m_result; }

signals:
    void finished();

private:
    Provider *m_provider;
    std::string m_model;
    PromptVersionInput m_current;
    std::uint64_t m_callId = 0;
    Result<RevisionDraft> m_result = Error{"No suggestion was asked for yet.", {}, 0, -1};
};

}  // namespace lb::eval
