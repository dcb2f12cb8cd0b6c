// Line reading and JSON splitting: the streaming layer under every reader.
#include "ingest/bytesource.h"
#include "ingest/jsonsplitter.h"
#include "ingest/linereader.h"
#include "support/otlpbuilder.h"

#include <QTemporaryDir>
#include <QtTest>

using namespace lb::ingest;

namespace {

// Hands out data in small, uneven pieces so records straddle every buffer boundary.
class DribbleSource final : public ByteSource {
public:
    explicit DribbleSource(std::string data, std::size_t piece) : m_data(std::move(data)), m_piece(piece) {}
    std::size_t read(char *buf, std::size_t n) override
    {
        const std::size_t k = std::min({n, m_piece, m_data.size() - m_pos});
        std::memcpy(buf, m_data.data() + m_pos, k);
        m_pos += k;
        return k;
    }
    bool compressed() const override { return false; }
    std::int64_t totalBytes() const override { return static_cast<std::int64_t>(m_data.size()); }
    std::int64_t consumedBytes() const override { return static_cast<std::int64_t>(m_pos); }

private:
    std::string m_data;
    std::size_t m_piece;
    std::size_t m_pos = 0;
};

std::vector<std::string> allLines(ByteSource &src, std::vector<std::int64_t> *numbers = nullptr)
{
    LineReader r(src);
    std::vector<std::string> out;
    std::string_view line;
    while (r.next(line)) {
        out.emplace_back(line);
        if (numbers)
            numbers->push_back(r.lineNumber());
    }
    return out;
}

struct Captured {
    std::vector<std::string> values;
    std::vector<std::int64_t> lines;
    std::vector<std::string> errors;
    std::vector<std::int64_t> errorLines;
};

// Captures every element of the array under key "items" of each top-level value.
lb::Status splitItems(ByteSource &src, Captured &out, bool lines)
{
    JsonSplitter sp(src);
    auto classify = [](const JsonSplitter::Path &p, char) {
        if (p.size() == 1)
            return JsonSplitter::Action::Descend;
        if (p.size() == 2 && p[1].key == "items")
            return JsonSplitter::Action::Descend;
        if (p.size() == 3 && p[1].key == "items")
            return JsonSplitter::Action::Capture;
        return JsonSplitter::Action::Skip;
    };
    auto handle = [&](const JsonSplitter::Element &e) {
        out.values.emplace_back(e.json);
        out.lines.push_back(e.line);
        return true;
    };
    if (!lines)
        return sp.run(classify, handle);
    return sp.runLines(classify, handle, [&](const lb::Error &e) {
        out.errors.push_back(e.message);
        out.errorLines.push_back(e.line);
        return true;
    });
}

}  // namespace

class TestStreaming : public QObject {
    Q_OBJECT
private slots:
    void linesAcrossBoundariesCrlfAndNoFinalNewline()
    {
        std::string text = "first\r\nsecond\n\nfourth with spaces   \nlast";
        for (std::size_t piece : {1u, 3u, 7u, 1000u}) {
            DribbleSource src(text, piece);
            std::vector<std::int64_t> nums;
            const auto lines = allLines(src, &nums);
            QCOMPARE(lines.size(), std::size_t(5));
            QCOMPARE(lines[0], std::string("first"));
            QCOMPARE(lines[2], std::string(""));
            QCOMPARE(lines[3], std::string("fourth with spaces   "));
            QCOMPARE(lines[4], std::string("last"));
            QCOMPARE(nums[4], 5);
        }
    }

    void longLinesGrowTheBufferAndTooLongOnesAreSkipped()
    {
        std::string big(9u << 20, 'a');  // longer than one 4 MiB chunk
        std::string text = "x\n" + big + "\ny\n";
        {
            auto src = ByteSource::fromString(text);
            const auto lines = allLines(*src);
            QCOMPARE(lines.size(), std::size_t(3));
            QCOMPARE(lines[1].size(), big.size());
        }
        {
            auto src = ByteSource::fromString(text);
            LineReader r(*src, 1u << 20);
            std::string_view line;
            QVERIFY(r.next(line));
            QVERIFY(r.next(line));
            QVERIFY(r.tooLong());
            QCOMPARE(r.lineNumber(), 2);
            QVERIFY(r.next(line));
            QVERIFY(!r.tooLong());
            QCOMPARE(std::string(line), std::string("y"));
            QCOMPARE(r.lineNumber(), 3);
        }
    }

    void gzipSourceDecompressesAndReportsTruncation()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("a.gz").toStdString();
        std::string text;
        for (int i = 0; i < 20000; ++i)
            text += "line number " + std::to_string(i) + "\n";
        QVERIFY(lbtest::writeGzip(path, text));
        auto src = ByteSource::openFile(path);
        QVERIFY(src.ok());
        QVERIFY(src.value()->compressed());
        QCOMPARE(allLines(**src).size(), std::size_t(20000));
        QVERIFY(src.value()->error().empty());

        QFile f(QString::fromStdString(path));
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray bytes = f.readAll();
        const std::string cut = dir.filePath("cut.gz").toStdString();
        QVERIFY(lbtest::writeFile(cut, bytes.left(bytes.size() - 40).toStdString()));
        auto src2 = ByteSource::openFile(cut);
        QVERIFY(src2.ok());
        QVERIFY(allLines(**src2).size() < 20000);
        QVERIFY(src2.value()->error().find("truncated") != std::string::npos);
    }

    void concatenatedGzipMembers()
    {
        QTemporaryDir dir;
        const std::string a = dir.filePath("a.gz").toStdString(), b = dir.filePath("b.gz").toStdString();
        QVERIFY(lbtest::writeGzip(a, "one\ntwo\n"));
        QVERIFY(lbtest::writeGzip(b, "three\n"));
        QFile fa(QString::fromStdString(a)), fb(QString::fromStdString(b));
        QVERIFY(fa.open(QIODevice::ReadOnly) && fb.open(QIODevice::ReadOnly));
        const std::string both = dir.filePath("both.gz").toStdString();
        QVERIFY(lbtest::writeFile(both, (fa.readAll() + fb.readAll()).toStdString()));
        auto src = ByteSource::openFile(both);
        QVERIFY(src.ok());
        QCOMPARE(allLines(**src), (std::vector<std::string>{"one", "two", "three"}));
    }

    void splitterCapturesElementsOfPrettyDocuments()
    {
        const std::string text = "{\n  \"meta\": {\"items\": [\"not these\"]},\n  \"items\": [\n"
                                 "    {\"a\": \"br]ack{ets \\\" in strings\", \"b\": [1, 2, {\"c\": null}]},\n"
                                 "    {\"a\": \"\\\\\"},\n    42,\n    \"text\"\n  ]\n}\n";
        for (std::size_t piece : {1u, 2u, 5u, 4096u}) {
            DribbleSource src(text, piece);
            Captured c;
            QVERIFY(splitItems(src, c, false).ok());
            QCOMPARE(c.values.size(), std::size_t(4));
            QCOMPARE(c.values[0], std::string("{\"a\": \"br]ack{ets \\\" in strings\", \"b\": [1, 2, {\"c\": null}]}"));
            QCOMPARE(c.values[1], std::string("{\"a\": \"\\\\\"}"));
            QCOMPARE(c.values[2], std::string("42"));
            QCOMPARE(c.values[3], std::string("\"text\""));
            QCOMPARE(c.lines[0], 4);
            QCOMPARE(c.lines[1], 5);
        }
    }

    void splitterReportsTruncationWithLine()
    {
        const std::string text = "{\"items\": [\n {\"a\": 1},\n {\"a\": 2},\n {\"a\": [3, 4";
        auto src = ByteSource::fromString(text);
        Captured c;
        const lb::Status st = splitItems(*src, c, false);
        QVERIFY(!st.ok());
        QCOMPARE(c.values.size(), std::size_t(2));  // what came before stays
        QVERIFY(st.error().message.find("truncated") != std::string::npos);
        QCOMPARE(st.error().line, 4);
    }

    void splitterHandlesConcatenatedAndArrayTopLevels()
    {
        const std::string text = "{\"items\":[1]}\n{\"items\":[2,3]} {\"items\":[4]}";
        auto src = ByteSource::fromString(text);
        Captured c;
        QVERIFY(splitItems(*src, c, false).ok());
        QCOMPARE(c.values, (std::vector<std::string>{"1", "2", "3", "4"}));
    }

    void lineModeResumesAfterBrokenRecords()
    {
        const std::string text = "{\"items\":[{\"ok\":1},{\"ok\":2}]}\n"
                                 "{\"items\":[{\"cut\":\"off here\n"      // string broken by the line end
                                 "{\"items\":[{\"ok\":3}]}\n"
                                 "{\"items\":[{\"ok\":4}, {\"x\": [1,\n"  // container broken
                                 "{\"items\":[{\"ok\":5}]}\n"
                                 "{\"items\":[{\"ok\":6} oops]}\n"        // junk
                                 "{\"items\":[{\"ok\":7}]}";
        for (std::size_t piece : {1u, 4u, 4096u}) {
            DribbleSource src(text, piece);
            Captured c;
            QVERIFY(splitItems(src, c, true).ok());
            QCOMPARE(c.values, (std::vector<std::string>{"{\"ok\":1}", "{\"ok\":2}", "{\"ok\":3}", "{\"ok\":4}",
                                                         "{\"ok\":5}", "{\"ok\":6}", "{\"ok\":7}"}));
            QCOMPARE(c.errorLines, (std::vector<std::int64_t>{2, 4, 6}));
        }
    }

    void hugeCapturedElement()
    {
        std::string big(20u << 20, 'z');
        const std::string text = "{\"items\":[\"" + big + "\", 1]}";
        auto src = ByteSource::fromString(text);
        Captured c;
        QVERIFY(splitItems(*src, c, false).ok());
        QCOMPARE(c.values.size(), std::size_t(2));
        QCOMPARE(c.values[0].size(), big.size() + 2);
    }
};

QTEST_GUILESS_MAIN(TestStreaming)
#include "test_streaming.moc"
