package dev.tviews.common;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README and docs/ tell the truth: every {@code pg_tviews_*} / {@code pg_tview_*} name they mention exists in
 * the installed runtime, every public runtime function and every runtime relation is named in docs/sql-api.md, the
 * argument lists there match the functions' real ones, and every relative link resolves to a file (and, with
 * {@code #anchor}, to a heading of it).
 *
 * <p>Internal functions ({@code _tviews_*}) and generated per-TVIEW functions ({@code tviews_<entity>_*})
 * are not public API and are not checked. README.md is found at {@code ../README.md} from the common module
 * ({@code basedir}, which surefire sets, else the working directory), or in the working directory itself.
 */
@PostgresTest
class ReadmeConsistencyTest {

    private static final String RUNTIME_SCHEMA = "tviews_readme";
    private static final String REFERENCE = "docs/sql-api.md";
    /** A Markdown link: [text](target). */
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    /** A runtime name as the README writes it: pg_tviews_x or pg_tview_x, not ending in "_". */
    private static final Pattern NAME = Pattern.compile("\\bpg_tviews?_[a-z0-9_]*[a-z0-9]\\b");

    private static RuntimeObjects runtime;

    @BeforeAll
    static void installRuntime(TestDatabase db) throws SQLException {
        try (Connection c = db.connect()) {
            try (Statement st = c.createStatement()) {
                st.execute("CREATE SCHEMA " + RUNTIME_SCHEMA);
            }
            new RuntimeInstaller(c).install(RUNTIME_SCHEMA);
            runtime = RuntimeObjects.read(c, RUNTIME_SCHEMA);
        }
        assertThat(runtime.functions()).as("runtime functions found in schema %s", RUNTIME_SCHEMA)
                .containsKey("pg_tviews_create");
        assertThat(runtime.relations()).as("runtime relations found in schema %s", RUNTIME_SCHEMA)
                .contains("pg_tview_meta");
    }

    /** Pages about the native extension's API, which name its functions that tviews does not have on purpose. */
    private static final List<String> NATIVE_API_PAGES = List.of("docs/compatibility-native.md");

    @Test
    void everyNameTheReadmeAndDocsMentionExistsInTheRuntime() throws IOException {
        List<String> wrong = new ArrayList<>();
        for (Path page : pages()) {
            if (NATIVE_API_PAGES.contains(root().relativize(page).toString().replace('\\', '/'))) {
                continue;
            }
            SortedSet<String> unknown = new TreeSet<>(names(Files.readString(page, StandardCharsets.UTF_8)));
            unknown.removeAll(runtime.functions().keySet());
            unknown.removeAll(runtime.relations());
            if (!unknown.isEmpty()) {
                wrong.add(root().relativize(page) + " names " + unknown);
            }
        }
        assertThat(wrong)
                .as("names the installed runtime does not have (no such function in pg_proc, no such table or view in "
                        + "pg_class, schema %s): remove them from the page, or add them to the runtime first", RUNTIME_SCHEMA)
                .isEmpty();
    }

    @Test
    void everyPublicFunctionAndRelationIsInTheSqlApiReference() throws IOException {
        SortedSet<String> documented = names(reference());
        SortedSet<String> missing = new TreeSet<>(runtime.functions().keySet());
        missing.addAll(runtime.relations());
        missing.removeAll(documented);
        assertThat(missing)
                .as("the installed runtime has %s, which %s does not name: document it there, with its signature and "
                        + "one line on what it does", missing, REFERENCE)
                .isEmpty();
    }

    @Test
    void everyRelativeLinkResolvesToAFileAndHeading() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path page : pages()) {
            Matcher link = LINK.matcher(withoutCodeBlocks(Files.readString(page, StandardCharsets.UTF_8)));
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                int hash = target.indexOf('#');
                String file = hash < 0 ? target : target.substring(0, hash);
                Path resolved = file.isEmpty() ? page : page.resolveSibling(file).normalize();
                if (!Files.exists(resolved)) {
                    broken.add(root().relativize(page) + ": " + target + " (no file " + root().relativize(resolved) + ")");
                } else if (hash >= 0 && resolved.toString().endsWith(".md")
                        && !anchors(Files.readString(resolved, StandardCharsets.UTF_8)).contains(target.substring(hash + 1))) {
                    broken.add(root().relativize(page) + ": " + target + " (no such heading in " + root().relativize(resolved) + ")");
                }
            }
        }
        assertThat(broken).as("relative links in README.md and docs/ that lead nowhere: fix the path or the heading")
                .isEmpty();
    }

    @Test
    void anchorsAreTheOnesGitHubMakes() {
        assertThat(anchors("# A two-minute tour\n```\n# not a heading\n```\n### Flyway Maven plugin (tested)\n"
                + "## Flyway placeholders and `tviews.yml`\n## Goals (issue #8)\n"))
                .containsExactlyInAnyOrder("a-two-minute-tour", "flyway-maven-plugin-tested",
                        "flyway-placeholders-and-tviewsyml", "goals-issue-8");
    }

    @Test
    void theReferenceGivesEachFunctionItsRealArguments() throws IOException {
        String reference = reference();
        List<String> wrong = new ArrayList<>();
        for (Map.Entry<String, Set<List<String>>> f : runtime.functions().entrySet()) {
            Matcher call = Pattern.compile("`" + f.getKey() + "\\(([^)`]*)\\)").matcher(reference);
            if (!call.find()) {
                continue; // not named at all: the test above says so
            }
            List<String> written = argumentNames(call.group(1));
            if (!f.getValue().contains(written)) {
                wrong.add(f.getKey() + ": " + REFERENCE + " writes (" + String.join(", ", written) + "), the runtime has "
                        + f.getValue().stream().map(a -> "(" + String.join(", ", a) + ")").sorted().toList());
            }
        }
        assertThat(wrong)
                .as("the first `name(...)` of each function in " + REFERENCE + " must list the function's argument names "
                        + "in order: fix the signature there")
                .isEmpty();
    }

    @Test
    void signaturesAreReadArgumentByArgument() {
        assertThat(argumentNames("")).isEmpty();
        assertThat(argumentNames("entity, if_exists DEFAULT false, \"cascade\" boolean DEFAULT false"))
                .containsExactly("entity", "if_exists", "cascade");
        assertThat(argumentNames("entity text, options jsonb DEFAULT '{\"a\": [1, 2], \"b\": \"x, y\"}', n int"))
                .containsExactly("entity", "options", "n");
        assertThat(names("pg_tviews_create('x'), `pg_tview_meta`, pg_tviews_*, pg_tviews, _pg_tviews_x, pg_tview_queue."))
                .containsExactly("pg_tview_meta", "pg_tview_queue", "pg_tviews_create");
    }

    /**
     * Argument names of a README signature such as {@code entity, if_exists DEFAULT false}: the first word of
     * each argument. Commas inside quotes or brackets (a default such as {@code '{"a", "b"}'}) separate nothing.
     */
    static List<String> argumentNames(String arguments) {
        List<String> names = new ArrayList<>();
        int depth = 0;
        boolean quoted = false;
        int start = 0;
        for (int i = 0; i <= arguments.length(); i++) {
            char ch = i < arguments.length() ? arguments.charAt(i) : ',';
            if (ch == '\'') {
                quoted = !quoted;
            } else if (!quoted && (ch == '(' || ch == '[' || ch == '{')) {
                depth++;
            } else if (!quoted && (ch == ')' || ch == ']' || ch == '}')) {
                depth--;
            } else if (!quoted && depth == 0 && ch == ',') {
                String word = arguments.substring(start, i).strip().split("\\s+")[0].replace("\"", "");
                if (!word.isEmpty()) {
                    names.add(word);
                }
                start = i + 1;
            }
        }
        return names;
    }

    static SortedSet<String> names(String text) {
        SortedSet<String> names = new TreeSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            names.add(m.group());
        }
        return names;
    }

    /** The SQL API reference: docs/sql-api.md. */
    private static String reference() throws IOException {
        return Files.readString(root().resolve(REFERENCE), StandardCharsets.UTF_8);
    }

    /** README.md and every page under docs/. */
    private static List<Path> pages() throws IOException {
        List<Path> pages = new ArrayList<>();
        pages.add(root().resolve("README.md"));
        try (var docs = Files.list(root().resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(pages::add);
        }
        return pages;
    }

    /** The headings' anchors as GitHub makes them: lower case, punctuation dropped, spaces as hyphens. */
    static Set<String> anchors(String markdown) {
        Set<String> anchors = new HashSet<>();
        Matcher heading = Pattern.compile("(?m)^#{1,6}\\s+(.*?)\\s*$").matcher(withoutCodeBlocks(markdown));
        while (heading.find()) {
            anchors.add(heading.group(1).toLowerCase(java.util.Locale.ROOT).replaceAll("[^\\p{L}\\p{N}_\\- ]", "")
                    .replace(' ', '-'));
        }
        return anchors;
    }

    private static String withoutCodeBlocks(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "");
    }

    /** The repository root: the folder holding README.md and common/. */
    private static Path root() {
        Path module = Path.of(System.getProperty("basedir", System.getProperty("user.dir"))).toAbsolutePath();
        for (Path candidate : List.of(module.getParent(), module)) {
            if (candidate != null && Files.isRegularFile(candidate.resolve("README.md"))
                    && Files.isDirectory(candidate.resolve("common"))) {
                return candidate.normalize();
            }
        }
        throw new IllegalStateException("README.md not found next to " + module + " (the common module) or in it; "
                + "run the test from the repository through Maven (./mvnw -pl common ...).");
    }

    /**
     * The runtime's public objects in one schema: each pg_tviews_* function with the input argument names of
     * each of its overloads, and the pg_tview_* / pg_tviews_* tables and views.
     */
    record RuntimeObjects(SortedMap<String, Set<List<String>>> functions, SortedSet<String> relations) {

        static RuntimeObjects read(Connection c, String schema) throws SQLException {
            SortedMap<String, Set<List<String>>> functions = new TreeMap<>();
            SortedSet<String> relations = new TreeSet<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT p.proname,
                           COALESCE(pg_catalog.array_to_string(
                               CASE WHEN p.proargmodes IS NULL THEN p.proargnames
                                    ELSE ARRAY(SELECT a.name
                                                 FROM ROWS FROM (pg_catalog.unnest(p.proargnames),
                                                                 pg_catalog.unnest(p.proargmodes::text[]))
                                                      WITH ORDINALITY AS a(name, mode, n)
                                                WHERE a.mode IN ('i', 'b', 'v') ORDER BY a.n) END, ','), '')
                      FROM pg_catalog.pg_proc p
                     WHERE p.pronamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = ?)
                       AND p.proname LIKE 'pg\\_tviews\\_%'""")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        List<String> arguments = rs.getString(2).isEmpty() ? List.of() : List.of(rs.getString(2).split(","));
                        functions.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(arguments);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT c.relname FROM pg_catalog.pg_class c
                     WHERE c.relnamespace = (SELECT n.oid FROM pg_catalog.pg_namespace n WHERE n.nspname = ?)
                       AND c.relkind IN ('r', 'p', 'v', 'm', 'f')
                       AND c.relname LIKE 'pg\\_tview%'""")) {
                ps.setString(1, schema);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        relations.add(rs.getString(1));
                    }
                }
            }
            return new RuntimeObjects(functions, relations);
        }
    }
}
