// Lucene 8.7 peer for the fahras benchmark: ArabicAnalyzer on title and text, BM25 (Lucene's default).
//
//   java -cp CLASSES:JARS LuceneBench index  CORPUS.jsonl INDEX_DIR [--layout concat|fields]
//   java -cp CLASSES:JARS LuceneBench search INDEX_DIR QUERIES.jsonl RUN_OUT|- [--k 100] [--repeat 3]
//   java -cp CLASSES:JARS LuceneBench selftest
//
// Layouts (chosen at index time, recorded in the commit, followed by search):
//   concat (default): one analysed field "body" = title + "\n" + text, searched alone. This is
//     what the reference figures in shared/README.md were measured with (arqa-dev MRR@10 0.773),
//     and it matches how stock Xapian puts the title into the body text.
//   fields: "title" and "text" as separate analysed fields, queried with MultiFieldQueryParser.
//     Per-field BM25 lets short titles dominate: arqa-dev MRR@10 drops to 0.654 (the ARCD/XQuAD
//     titles are Latin-script article names, so news titles win the title-field matches).
//
// search follows the latency protocol of bench/latency.hpp (warm-up, timed top-10 and top-100 rounds),
// then writes the k-deep TREC run for scoring (none when RUN_OUT is "-").
// Progress goes to stderr; the last stdout line is one JSON object with the figures, so a
// script can read it with `tail -n1`. Build with bench/peers/build-lucene.sh.

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.ar.ArabicAnalyzer;
import org.apache.lucene.document.BinaryDocValuesField;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.BinaryDocValues;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.queryparser.classic.MultiFieldQueryParser;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;

public final class LuceneBench {
    private static final String LAYOUT_KEY = "fahras.bench.layout";

    public static void main(String[] args) throws Exception {
        if (args.length >= 3 && args[0].equals("index")) {
            String layout = "concat";
            for (int i = 3; i < args.length; i++) {
                if (args[i].equals("--layout") && i + 1 < args.length) layout = args[++i];
                else usage();
            }
            if (!layout.equals("concat") && !layout.equals("fields")) usage();
            index(Paths.get(args[1]), Paths.get(args[2]), layout);
        } else if (args.length >= 4 && args[0].equals("search")) {
            int k = 100, repeat = 3;
            for (int i = 4; i < args.length; i++) {
                if (args[i].equals("--k") && i + 1 < args.length) k = Integer.parseInt(args[++i]);
                else if (args[i].equals("--repeat") && i + 1 < args.length) repeat = Integer.parseInt(args[++i]);
                else usage();
            }
            if (k <= 0 || repeat <= 0) usage();
            search(Paths.get(args[1]), Paths.get(args[2]), Paths.get(args[3]), k, repeat);
        } else if (args.length == 1 && args[0].equals("selftest")) {
            Jsonl.selfTest();
        } else {
            usage();
        }
    }

    private static void usage() {
        System.err.println("usage: LuceneBench index CORPUS.jsonl INDEX_DIR [--layout concat|fields]\n"
                + "       LuceneBench search INDEX_DIR QUERIES.jsonl RUN_OUT|- [--k 100] [--repeat 3]\n"
                + "       LuceneBench selftest");
        System.exit(2);
    }

    // ---- index ---------------------------------------------------------------------------

    static void index(Path corpus, Path indexDir, String layout) throws IOException {
        boolean concat = layout.equals("concat");
        long t0 = System.nanoTime();
        int docs = 0;
        IndexWriterConfig cfg = new IndexWriterConfig(new ArabicAnalyzer());
        cfg.setOpenMode(IndexWriterConfig.OpenMode.CREATE);
        cfg.setRAMBufferSizeMB(256);  // fewer flushes; the corpus is ~100 MB of text
        try (FSDirectory dir = FSDirectory.open(indexDir);
             IndexWriter writer = new IndexWriter(dir, cfg);
             BufferedReader in = Files.newBufferedReader(corpus, StandardCharsets.UTF_8)) {
            Document doc = new Document();
            Field id = new StringField("id", "", Field.Store.YES);
            // Title and text are stored, as fahras stores them: index sizes compare like with like.
            Field title = new TextField("title", "", Field.Store.YES);
            Field text = new TextField(concat ? "body" : "text", "", Field.Store.YES);
            doc.add(id);
            // The id again as a doc value: hits' ids are read from it, as fahras reads them from a value
            // slot, not by inflating the stored title and text (a Lucene user fetching ids does the same).
            Field idValue = new BinaryDocValuesField("id", new BytesRef());
            doc.add(idValue);
            if (!concat) doc.add(title);
            doc.add(text);
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                Map<String, String> obj = Jsonl.parse(line);
                id.setStringValue(obj.getOrDefault("_id", ""));
                idValue.setBytesValue(new BytesRef(obj.getOrDefault("_id", "")));
                String t = obj.getOrDefault("title", ""), x = obj.getOrDefault("text", "");
                if (concat) {
                    text.setStringValue(t.isEmpty() ? x : t + "\n" + x);
                } else {
                    title.setStringValue(t);
                    text.setStringValue(x);
                }
                writer.addDocument(doc);
                if (++docs % 10000 == 0) System.err.println("indexed " + docs);
            }
            writer.setLiveCommitData(Map.of(LAYOUT_KEY, layout).entrySet());
            writer.commit();
        }
        double secs = (System.nanoTime() - t0) / 1e9;
        System.err.printf(Locale.ROOT, "lucene index (%s): %d docs in %.2f s (%.0f docs/s)%n", layout, docs, secs, docs / secs);
        System.out.printf(Locale.ROOT, "{\"system\":\"lucene\",\"mode\":\"index\",\"layout\":\"%s\",\"docs\":%d,\"seconds\":%.3f,\"docs_per_s\":%.1f}%n",
                layout, docs, secs, docs / secs);
    }

    // ---- search --------------------------------------------------------------------------

    static void search(Path indexDir, Path queriesFile, Path runOut, int k, int repeat) throws IOException {
        List<String[]> queries = new ArrayList<>();  // {qid, text}
        try (BufferedReader in = Files.newBufferedReader(queriesFile, StandardCharsets.UTF_8)) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.isBlank()) continue;
                Map<String, String> obj = Jsonl.parse(line);
                queries.add(new String[] {obj.getOrDefault("_id", ""), obj.getOrDefault("text", "")});
            }
        }
        BooleanQuery.setMaxClauseCount(4096);  // long questions over two fields must not overflow
        Analyzer analyzer = new ArabicAnalyzer();
        try (FSDirectory dir = FSDirectory.open(indexDir);
             DirectoryReader reader = DirectoryReader.open(dir)) {
            IndexSearcher searcher = new IndexSearcher(reader);  // BM25Similarity by default
            String layout = reader.getIndexCommit().getUserData().getOrDefault(LAYOUT_KEY, "fields");
            String[] fields = layout.equals("concat") ? new String[] {"body"} : new String[] {"title", "text"};
            // Not thread-safe, so one per run; parsing is part of the measured latency.
            MultiFieldQueryParser parser = new MultiFieldQueryParser(fields, analyzer);

            // The latency protocol of bench/latency.hpp: warm-up, then timed top-10 and top-100 rounds.
            List<String> texts = new ArrayList<>();
            for (String[] q : queries) texts.add(q[1]);
            String latency = measureLatency(texts, repeat, (text, depth) -> top(searcher, parser, text, depth));

            // The k-deep run for scoring, timed only as a whole.
            long tRun = System.nanoTime();
            int failed = 0;
            if (!runOut.toString().equals("-")) {
                try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(runOut, StandardCharsets.UTF_8))) {
                    for (String[] q : queries) {
                        Query query = parse(parser, q[1]);
                        if (query == null) { failed++; continue; }
                        TopDocs top = searcher.search(query, k);
                        int rank = 1;
                        for (ScoreDoc sd : top.scoreDocs) {
                            String docid = idOf(searcher, sd.doc);
                            out.printf(Locale.ROOT, "%s Q0 %s %d %.6f lucene%n", q[0], docid, rank++, sd.score);
                        }
                    }
                }
            }
            double runSecs = (System.nanoTime() - tRun) / 1e9;
            System.err.printf(Locale.ROOT, "lucene search: %d queries, k=%d run %.2f s; %d unparsable%n",
                    queries.size(), k, runSecs, failed);
            System.out.printf(Locale.ROOT,
                    "{\"system\":\"lucene\",\"mode\":\"search\",\"layout\":\"%s\",%s,\"k\":%d,\"run_seconds\":%.3f,\"unparsable\":%d}%n",
                    layout, latency, k, runSecs, failed);
        }
    }

    interface Top { int run(String text, int depth) throws IOException; }

    /** bench/latency.hpp's measure_latency: returns its JSON members (without the braces). */
    static String measureLatency(List<String> texts, int repeat, Top top) throws IOException {
        long checksum = 0;
        for (String text : texts) checksum += top.run(text, 10);
        StringBuilder json = new StringBuilder(String.format(Locale.ROOT, "\"queries\":%d,\"repeat\":%d", texts.size(), repeat));
        for (int depth : new int[] {10, 100}) {
            double[][] perQuery = new double[texts.size()][repeat];  // ms
            double[] roundSecs = new double[repeat];
            for (int r = 0; r < repeat; r++) {
                long tRound = System.nanoTime();
                for (int i = 0; i < texts.size(); i++) {
                    long t = System.nanoTime();
                    checksum += top.run(texts.get(i), depth);
                    perQuery[i][r] = (System.nanoTime() - t) / 1e6;
                }
                roundSecs[r] = (System.nanoTime() - tRound) / 1e9;
            }
            double[] lat = new double[texts.size()];
            for (int i = 0; i < lat.length; i++) lat[i] = median(perQuery[i]);
            Arrays.sort(lat);
            double mean = Arrays.stream(lat).average().orElse(0);
            double secs = median(roundSecs);
            json.append(String.format(Locale.ROOT,
                    ",\"top%d\":{\"p50_ms\":%.4f,\"p95_ms\":%.4f,\"p99_ms\":%.4f,\"mean_ms\":%.4f,\"qps\":%.1f}",
                    depth, pct(lat, 50), pct(lat, 95), pct(lat, 99), mean, secs > 0 ? texts.size() / secs : 0));
        }
        return json.append(",\"checksum\":").append(checksum).toString();
    }

    static double median(double[] values) {
        if (values.length == 0) return 0;
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /** Escaped so that ? : ( ) " and the like in questions are text, never syntax. */
    static Query parse(QueryParser parser, String text) {
        try {
            return parser.parse(QueryParser.escape(text));
        } catch (ParseException e) {  // e.g. a query of nothing but stopwords or punctuation
            return null;
        }
    }

    /** Query text in, @p depth external ids out (as an application would see them); their total length. */
    static int top(IndexSearcher searcher, QueryParser parser, String text, int depth) throws IOException {
        Query query = parse(parser, text);
        if (query == null) return 0;
        int chars = 0;
        for (ScoreDoc sd : searcher.search(query, depth).scoreDocs) chars += idOf(searcher, sd.doc).length();
        return chars;
    }

    /** A hit's id: from its doc value, or its stored field in an index built before the doc value. */
    static String idOf(IndexSearcher searcher, int doc) throws IOException {
        List<LeafReaderContext> leaves = searcher.getIndexReader().leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        BinaryDocValues ids = leaf.reader().getBinaryDocValues("id");
        if (ids != null && ids.advanceExact(doc - leaf.docBase)) return ids.binaryValue().utf8ToString();
        return searcher.doc(doc).get("id");
    }

    /** Nearest-rank percentile of an ascending array. */
    static double pct(double[] sorted, double p) {
        if (sorted.length == 0) return 0;
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    // ---- JSONL ---------------------------------------------------------------------------

    /**
     * The smallest JSON reader the benchmark needs: one object per line, its string-valued
     * members returned as a map; members of any other type (numbers, arrays, objects, ...)
     * are skipped. Throws IllegalArgumentException on malformed input.
     */
    static final class Jsonl {
        private final String s;
        private int i;

        private Jsonl(String s) { this.s = s; }

        static Map<String, String> parse(String line) {
            Jsonl p = new Jsonl(line);
            Map<String, String> out = new HashMap<>();
            p.ws();
            p.expect('{');
            p.ws();
            if (p.peek() == '}') { p.i++; return out; }
            while (true) {
                p.ws();
                String key = p.string();
                p.ws();
                p.expect(':');
                p.ws();
                if (p.peek() == '"') out.put(key, p.string());
                else p.skipValue();
                p.ws();
                char c = p.next();
                if (c == '}') return out;
                if (c != ',') throw p.error("expected , or }");
            }
        }

        /** `LuceneBench selftest`: the escapes and skips the corpus files rely on. */
        static void selfTest() {
            Map<String, String> m = parse("{\"_id\": \"a\\\"b\\\\c\", \"n\": -1.5e3, \"arr\": [1, \"]}\", {\"x\": []}],"
                    + " \"t\": \"x\\ny\\u0627\\ud83d\\ude00\", \"z\": null, \"title\": \"\u0633\u0644\u0627\u0645\"}");
            check(m.get("_id").equals("a\"b\\c"), "quote and backslash escapes");
            check(m.get("t").equals("x\ny\u0627\ud83d\ude00"), "newline, \\u and surrogate-pair escapes");
            check(m.get("t").codePointCount(0, m.get("t").length()) == 5, "surrogate pair is one code point");
            check(m.get("title").equals("سلام"), "raw UTF-8 text");
            check(!m.containsKey("n") && !m.containsKey("arr") && !m.containsKey("z"), "non-strings skipped");
            check(parse("{}").isEmpty(), "empty object");
            boolean threw = false;
            try { parse("{\"a\": \"unterminated}"); } catch (IllegalArgumentException e) { threw = true; }
            check(threw, "malformed input throws");
            System.out.println("selftest ok");
        }

        private static void check(boolean ok, String what) {
            if (!ok) throw new AssertionError("selftest failed: " + what);
        }

        private char peek() {
            if (i >= s.length()) throw error("unexpected end of line");
            return s.charAt(i);
        }

        private char next() { char c = peek(); i++; return c; }

        private void expect(char c) { if (next() != c) throw error("expected " + c); }

        private void ws() { while (i < s.length() && " \t\r\n".indexOf(s.charAt(i)) >= 0) i++; }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at column " + i);
        }

        /** A string literal. \\uXXXX escapes are UTF-16 units, so a surrogate pair arrives as
         *  two escapes and joins up by itself in the StringBuilder. */
        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') return b.toString();
                if (c != '\\') { b.append(c); continue; }
                char e = next();
                switch (e) {
                    case '"': case '\\': case '/': b.append(e); break;
                    case 'b': b.append('\b'); break;
                    case 'f': b.append('\f'); break;
                    case 'n': b.append('\n'); break;
                    case 'r': b.append('\r'); break;
                    case 't': b.append('\t'); break;
                    case 'u':
                        if (i + 4 > s.length()) throw error("short \\u escape");
                        try {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        i += 4;
                        break;
                    default: throw error("bad escape \\" + e);
                }
            }
        }

        /** Skips a non-string value: literal/number, or a nested array/object (strings inside
         *  are read properly so that brackets in them do not count). */
        private void skipValue() {
            int depth = 0;
            do {
                char c = peek();
                if (c == '"') { string(); continue; }
                if (c == '{' || c == '[') depth++;
                else if (c == '}' || c == ']') {
                    if (depth == 0) return;  // end of the enclosing object
                    depth--;
                } else if (c == ',' && depth == 0) return;
                i++;
            } while (depth > 0 || (i < s.length() && ",}".indexOf(s.charAt(i)) < 0));
        }
    }
}
