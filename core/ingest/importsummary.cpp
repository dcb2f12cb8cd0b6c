// Totals and the plain-text report of an import.
#include "importjob.h"

namespace lb::ingest {

std::int64_t ImportSummary::spansNew() const
{
    std::int64_t n = 0;
    for (const auto &f : files)
        n += f.spansNew;
    return n;
}

std::int64_t ImportSummary::spansRead() const
{
    std::int64_t n = 0;
    for (const auto &f : files)
        n += f.spansRead;
    return n;
}

std::int64_t ImportSummary::tracesNew() const
{
    std::int64_t n = 0;
    for (const auto &f : files)
        n += f.tracesNew;
    return n;
}

std::int64_t ImportSummary::skipped() const
{
    std::int64_t n = 0;
    for (const auto &f : files)
        n += f.skipped;
    return n;
}

bool ImportSummary::anythingImported() const
{
    for (const auto &f : files)
        if (f.imported())
            return true;
    return false;
}

std::string ImportSummary::describe() const
{
    std::string out;
    for (const auto &f : files) {
        out += f.path + ": ";
        if (f.format == Format::Unknown && !f.error.empty()) {
            out += f.error + "\n";
            continue;
        }
        out += std::string(formatDescription(f.format)) + "; " + std::to_string(f.spansRead) + " spans read, " +
               std::to_string(f.spansNew) + " new in " + std::to_string(f.tracesNew) + " new traces";
        if (f.spansDuplicate > 0)
            out += ", " + std::to_string(f.spansDuplicate) + " already in the workspace";
        if (f.signalsNew > 0)
            out += ", " + std::to_string(f.signalsNew) + " feedback signals";
        out += ", " + std::to_string(f.skipped) + " records skipped";
        if (f.cancelled)
            out += " (cancelled)";
        out += "\n";
        for (const auto &s : f.skippedDetails) {
            out += "  skipped";
            if (s.line > 0)
                out += " line " + std::to_string(s.line);
            out += ": " + s.reason + "\n";
        }
        if (f.skipped > static_cast<std::int64_t>(f.skippedDetails.size()))
            out += "  ... and " + std::to_string(f.skipped - static_cast<std::int64_t>(f.skippedDetails.size())) +
                   " more skipped records\n";
        if (!f.error.empty())
            out += "  stopped: " + f.error + "\n";
    }
    return out;
}

}  // namespace lb::ingest
