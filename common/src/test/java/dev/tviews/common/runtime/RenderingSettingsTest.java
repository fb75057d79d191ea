package dev.tviews.common.runtime;

import static dev.tviews.testsupport.Jdbc.column;
import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Generated functions pin a setting that decides how values print (TimeZone, extra_float_digits, lc_monetary,
 * bytea_output, ...) only when the view's rows may depend on it (_tviews_settings_read_by). Random views, built from
 * expressions known to depend on given settings and expressions known to depend on none, directly and through a view
 * they read: a view must pin every setting its expressions depend on; under any combination of the settings it is
 * spared, it must print the same rows. Seeded: {@code -Dtviews.rendering.seed}.
 */
class RenderingSettingsTest extends RuntimeConnectionTest {

    private static final int VIEWS = Integer.getInteger("tviews.rendering.views", 120);

    private static final Set<String> TIME = Set.of("TimeZone", "DateStyle", "IntervalStyle");
    private static final Set<String> TIME_ZONE_NAMES = Set.of("timezone_abbreviations");
    private static final Set<String> FLOAT = Set.of("extra_float_digits");
    private static final Set<String> LOCALE = Set.of("lc_monetary", "lc_numeric", "lc_time");
    private static final Set<String> BINARY = Set.of("bytea_output");
    private static final Set<String> XML = Set.of("xmlbinary", "xmloption");
    private static final Set<String> ARRAYS = Set.of("array_nulls");
    private static final Set<String> TEXT_SEARCH = Set.of("default_text_search_config");

    /** An expression of the view and the settings its text depends on (for some row of tb_sample). */
    private record Expression(String sql, Set<String> settings) {
        Expression(String sql, Set<String> first, Set<String> second) {
            this(sql, Stream.concat(first.stream(), second.stream()).collect(Collectors.toSet()));
        }
    }

    private static final List<Expression> RENDERING = List.of(
            new Expression("s.at::text", TIME), new Expression("s.local_at::text", TIME), new Expression("s.day::text", TIME),
            new Expression("s.span::text", TIME), new Expression("s.ratio::text", FLOAT), new Expression("s.small::text", FLOAT),
            new Expression("jsonb_build_object('day', s.day)::text", TIME), new Expression("to_jsonb(s.at)::text", TIME),
            new Expression("to_char(s.at, 'TMMonth HH24:MI')", TIME, LOCALE), new Expression("s.days::text", TIME),
            new Expression("s.ratios::text", FLOAT), new Expression("s.spot::text", FLOAT),
            new Expression("date_trunc('day', s.at)::text", TIME), new Expression("extract(hour FROM s.at)::int::text", TIME),
            new Expression("row_to_json(s)::text", TIME, FLOAT), new Expression("(SELECT max(x.at) FROM tb_sample x)::text", TIME),
            new Expression("s.stamp::text", TIME), new Expression("justify_hours(s.span)::text", TIME),
            new Expression("json_build_array(s.ratio)::text", FLOAT), new Expression("s.price::text", LOCALE),
            new Expression("to_char(s.amount, 'L9G999D99')", LOCALE), new Expression("to_jsonb(s.price)::text", LOCALE),
            new Expression("s.bytes::text", BINARY), new Expression("to_jsonb(s.bytes)::text", BINARY),
            new Expression("format('%s', s.bytes)", BINARY), new Expression("xmlelement(name b, s.bytes)::text", XML),
            new Expression("(s.local_at::text || ' IST')::timestamptz::text", TIME, TIME_ZONE_NAMES),
            new Expression("current_setting('lc_numeric')", LOCALE, TEXT_SEARCH),
            new Expression("current_setting('TimeZone')", TIME, BINARY),
            new Expression("('{' || s.name || ',NULL}')::text[]::text", ARRAYS),
            new Expression("(CASE WHEN s.flag THEN '{x,NULL}' END)::text[]::text", ARRAYS));
    /** Expressions whose text no setting changes. */
    private static final List<String> PLAIN = List.of(
            "s.pk_sample::text", "upper(s.name)", "s.amount::text", "jsonb_build_object('n', s.pk_sample, 'name', s.name)::text",
            "format('%s/%s', s.pk_sample, s.name)", "s.id::text", "s.flag::text", "length(s.name)::text",
            "to_jsonb(s.amount)::text", "concat(s.name, '-', s.amount)", "(s.amount * 2)::text", "s.doc->>'k'",
            "array_to_string(ARRAY[s.name, s.pk_sample::text], ',')", "coalesce(s.name, 'none')",
            "(SELECT count(*) FROM tb_sample x WHERE x.amount > s.amount)::text", "md5(s.name)", "length(s.bytes)::text",
            "to_tsvector('english', s.name)::text", "encode(s.bytes, 'hex')");

    @BeforeEach
    void schema() throws SQLException {
        exec(c, "SELECT pg_tviews_drop(entity_name, true, true) FROM pg_tview_meta",
                "DROP TABLE IF EXISTS tb_sample CASCADE",
                "DROP DOMAIN IF EXISTS stamp_domain",
                "CREATE DOMAIN stamp_domain AS timestamptz",
                """
                CREATE TABLE tb_sample (pk_sample bigint PRIMARY KEY, name text, amount numeric, id uuid, flag boolean, doc jsonb,
                                        at timestamptz, local_at timestamp, day date, span interval, ratio float8, small real,
                                        days daterange, ratios float8[], spot point, stamp stamp_domain, price money, bytes bytea)""",
                """
                INSERT INTO tb_sample VALUES
                    (1, 'a', 1234.50, '00000000-0000-0000-0000-000000000001', true, '{"k": "v"}', '2026-03-29 01:30:00.123456+00',
                     '2026-03-29 01:30:00', '2026-03-29', '1 day 02:03:04.5', 0.1, 0.3, '[2026-01-01,2026-02-01)', '{0.1,2.5e-7}',
                     '(0.1,1e10)', '2026-10-25 00:59:59+00', 1234.5, '\\x00ff41'),
                    (2, NULL, -3, NULL, false, NULL, '1999-12-31 23:59:59+05', NULL, '1999-12-31', '-1 mon -2 days', -0.0, 1e-7,
                     NULL, NULL, NULL, NULL, -0.01, '')""");
    }

    @Test
    void viewsPinEverySettingTheirRowsDependOnAndPrintTheSameUnderAllOthers() throws SQLException {
        long seed = Long.getLong("tviews.rendering.seed", System.nanoTime());
        System.out.printf("RenderingSettingsTest: seed=%d (-Dtviews.rendering.seed=%d reproduces), %d views%n", seed, seed, VIEWS);
        Random random = new Random(seed);
        Map<String, List<String>> values = sessionValues();
        int spared = 0;
        for (int v = 0; v < VIEWS; v++) {
            List<String> columns = new ArrayList<>();
            Set<String> needed = new HashSet<>();
            int count = 1 + random.nextInt(3);
            for (int k = 0; k < count; k++) {
                if (random.nextInt(3) == 0) {
                    Expression e = RENDERING.get(random.nextInt(RENDERING.size()));
                    needed.addAll(e.settings());
                    columns.add(e.sql() + " AS c" + k);
                } else {
                    columns.add(PLAIN.get(random.nextInt(PLAIN.size())) + " AS c" + k);
                }
            }
            boolean nested = random.nextBoolean();
            String inner = "SELECT s.pk_sample, " + String.join(", ", columns) + " FROM tb_sample s";
            exec(c, "DROP VIEW IF EXISTS v_outer, v_inner");
            if (nested) {
                exec(c, "CREATE VIEW v_inner AS " + inner, "CREATE VIEW v_outer AS SELECT i.* FROM v_inner i");
            } else {
                exec(c, "CREATE VIEW v_outer AS " + inner);
            }
            Set<String> pinned = new HashSet<>(column(c, "SELECT unnest(_tviews_settings_read_by('v_outer'))"));
            String what = String.format("view %d (seed %d): %s%s", v, seed, inner, nested ? ", read through another view" : "");
            assertThat(pinned).as("pins what its rows depend on: " + what).containsAll(needed);
            List<String> free = values.keySet().stream().filter(s -> !pinned.contains(s)).toList();
            if (!free.isEmpty()) {
                spared++;
            }
            List<String> first = null;
            for (int session = 0; session < 4; session++) {
                for (String setting : free) {
                    List<String> choices = values.get(setting);
                    exec(c, "SET " + setting + " = '" + choices.get((session + random.nextInt(2)) % choices.size()) + "'");
                }
                List<String> rows = lines(c, "SELECT v::text FROM v_outer v ORDER BY pk_sample");
                if (first == null) {
                    first = rows;
                }
                assertThat(rows).as("the same under every value of %s: %s", free, what).isEqualTo(first);
            }
            for (String setting : free) {
                exec(c, "RESET " + setting);
            }
        }
        System.out.printf("RenderingSettingsTest: seed=%d: %d of %d views spared some settings%n", seed, spared, VIEWS);
        assertThat(spared).as("some views are spared some settings").isPositive();
    }

    @Test
    void generatedFunctionsPinOnlyWhatTheViewReadsAndWritersGetThePinnedRows() throws SQLException {
        exec(c, "SELECT pg_tviews_create('sample_plain', $q$SELECT s.pk_sample AS pk_sample_plain, jsonb_build_object('name', s.name, "
                        + "'amount', s.amount) AS data FROM tb_sample s$q$)",
                "SELECT pg_tviews_create('sample_dated', $q$SELECT s.pk_sample AS pk_sample_dated, jsonb_build_object('name', s.name, "
                        + "'at', s.at, 'bytes', s.bytes, 'price', to_char(s.amount, 'L9G999D99')) AS data FROM tb_sample s$q$)");
        assertThat(lines(c, "SELECT DISTINCT array_to_string(p.proconfig, ' ') FROM pg_proc p WHERE p.proname ~ '^tviews_sample_plain_'"))
                .singleElement().asString().doesNotContain("TimeZone", "bytea_output", "lc_").contains("row_security=off", "search_path=");
        assertThat(lines(c, "SELECT DISTINCT array_to_string(p.proconfig, ' ') FROM pg_proc p WHERE p.proname ~ '^tviews_sample_dated_'"))
                .singleElement().asString().contains("TimeZone=UTC", "IntervalStyle=postgres", "bytea_output=hex", "lc_numeric=C")
                // (nor timezone_abbreviations, whose SET reloads its file, about 60 us per call: only views parsing text as times)
                .doesNotContain("extra_float_digits", "xmlbinary", "default_text_search_config", "timezone_abbreviations");
        // A writer printing bytea as escapes, in Tokyo: the TVIEW holds what the pinned settings print.
        exec(c, "SET TimeZone = 'Asia/Tokyo'", "SET bytea_output = 'escape'", "SET DateStyle = 'ISO, DMY'",
                "UPDATE tb_sample SET name = name || '!', at = at + interval '1 hour', bytes = bytes || '\\x42'::bytea, amount = amount + 1",
                "RESET TimeZone", "RESET bytea_output", "RESET DateStyle");
        assertThat(lines(c, "SELECT entity FROM pg_tviews_verify() WHERE missing_rows + extra_rows + differing_rows > 0")).isEmpty();
        assertThat(lines(c, "SELECT data->>'bytes' FROM tv_sample_dated ORDER BY 1")).containsExactly("\\x00ff4142", "\\x42");
        assertThat(lines(c, "SELECT unnest(p.proconfig) FROM pg_proc p WHERE p.proname = 'pg_tviews_verify'"))
                .as("pg_tviews_verify pins every setting")
                .containsAll(lines(c, "SELECT name || '=' || value FROM _tviews_pinned_settings()"));
    }

    /** Values of each pinned setting that print differently, where the server has them (locales: whichever it has). */
    private Map<String, List<String>> sessionValues() throws SQLException {
        Map<String, List<String>> values = new LinkedHashMap<>();
        values.put("TimeZone", List.of("UTC", "Asia/Tokyo", "America/New_York", "Europe/Paris"));
        values.put("DateStyle", List.of("ISO, MDY", "ISO, DMY", "ISO, YMD"));
        values.put("IntervalStyle", List.of("postgres", "iso_8601", "sql_standard", "postgres_verbose"));
        values.put("timezone_abbreviations", List.of("Default", "Australia", "India"));
        values.put("extra_float_digits", List.of("1", "0", "-1", "3"));
        values.put("bytea_output", List.of("hex", "escape"));
        values.put("xmlbinary", List.of("base64", "hex"));
        values.put("xmloption", List.of("content", "document"));
        values.put("array_nulls", List.of("on", "off"));
        values.put("default_text_search_config", List.of("pg_catalog.simple", "pg_catalog.english", "pg_catalog.german"));
        List<String> locales = column(c, "SELECT DISTINCT collcollate FROM pg_collation WHERE collprovider = 'c' "
                + "AND collencoding IN (-1, (SELECT encoding FROM pg_database WHERE datname = current_database())) ORDER BY 1 LIMIT 6");
        for (String setting : LOCALE) {
            values.put(setting, locales.isEmpty() ? List.of("C") : locales);
        }
        assertThat(values.keySet()).as("every pinned setting is varied")
                .containsExactlyInAnyOrderElementsOf(column(c, "SELECT name FROM _tviews_pinned_settings()"));
        return values;
    }
}
