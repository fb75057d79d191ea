package dev.tviews.common.runtime;

import static dev.tviews.testsupport.Jdbc.exec;
import static dev.tviews.testsupport.Jdbc.lines;
import static dev.tviews.testsupport.Jdbc.string;
import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Generated functions leave out the settings that decide how values render (TimeZone, DateStyle, IntervalStyle,
 * extra_float_digits) only for views whose rows cannot depend on them (_tviews_renders_by_settings). Random views,
 * built from expressions known to render by those settings and expressions known not to, directly and through a
 * view they read: a view with a rendering expression must keep the settings; a view spared them must print the
 * same rows under every combination of the settings. Seeded: {@code -Dtviews.rendering.seed}.
 */
class RenderingSettingsTest extends RuntimeConnectionTest {

    private static final int VIEWS = Integer.getInteger("tviews.rendering.views", 120);

    /** Expressions whose text changes with the settings, for some row of tb_sample. */
    private static final List<String> RENDERING = List.of(
            "s.at::text", "s.local_at::text", "s.day::text", "s.span::text", "s.ratio::text", "s.small::text",
            "jsonb_build_object('day', s.day)::text", "to_jsonb(s.at)::text", "to_char(s.at, 'HH24:MI')",
            "s.days::text", "s.ratios::text", "s.spot::text", "current_setting('TimeZone')",
            "date_trunc('day', s.at)::text", "extract(hour FROM s.at)::int::text", "row_to_json(s)::text",
            "(SELECT max(x.at) FROM tb_sample x)::text", "s.stamp::text", "justify_hours(s.span)::text",
            "json_build_array(s.ratio)::text");
    /** Expressions whose text no setting of the four changes. */
    private static final List<String> PLAIN = List.of(
            "s.pk_sample::text", "upper(s.name)", "s.amount::text", "jsonb_build_object('n', s.pk_sample, 'name', s.name)::text",
            "format('%s/%s', s.pk_sample, s.name)", "s.id::text", "s.flag::text", "length(s.name)::text",
            "to_jsonb(s.amount)::text", "concat(s.name, '-', s.amount)", "(s.amount * 2)::text", "s.doc->>'k'",
            "array_to_string(ARRAY[s.name, s.pk_sample::text], ',')", "coalesce(s.name, 'none')",
            "(SELECT count(*) FROM tb_sample x WHERE x.amount > s.amount)::text", "md5(s.name)");
    private static final String[][] SESSIONS = {
            {"UTC", "ISO, MDY", "postgres", "1"},
            {"Asia/Tokyo", "ISO, DMY", "iso_8601", "0"},
            {"America/New_York", "ISO, YMD", "sql_standard", "-1"},
            {"Europe/Paris", "ISO, MDY", "postgres_verbose", "3"}};

    @BeforeEach
    void schema() throws SQLException {
        exec(c, "SELECT pg_tviews_drop(entity_name, true, true) FROM pg_tview_meta",
                "DROP TABLE IF EXISTS tb_sample CASCADE",
                "DROP DOMAIN IF EXISTS stamp_domain",
                "CREATE DOMAIN stamp_domain AS timestamptz",
                """
                CREATE TABLE tb_sample (pk_sample bigint PRIMARY KEY, name text, amount numeric, id uuid, flag boolean, doc jsonb,
                                        at timestamptz, local_at timestamp, day date, span interval, ratio float8, small real,
                                        days daterange, ratios float8[], spot point, stamp stamp_domain)""",
                """
                INSERT INTO tb_sample VALUES
                    (1, 'a', 1.50, '00000000-0000-0000-0000-000000000001', true, '{"k": "v"}', '2026-03-29 01:30:00.123456+00',
                     '2026-03-29 01:30:00', '2026-03-29', '1 day 02:03:04.5', 0.1, 0.3, '[2026-01-01,2026-02-01)', '{0.1,2.5e-7}',
                     '(0.1,1e10)', '2026-10-25 00:59:59+00'),
                    (2, NULL, -3, NULL, false, NULL, '1999-12-31 23:59:59+05', NULL, '1999-12-31', '-1 mon -2 days', -0.0, 1e-7,
                     NULL, NULL, NULL, NULL)""");
    }

    @Test
    void viewsSparedTheSettingsPrintTheSameUnderAllOfThemAndRenderingViewsKeepThem() throws SQLException {
        long seed = Long.getLong("tviews.rendering.seed", System.nanoTime());
        System.out.printf("RenderingSettingsTest: seed=%d (-Dtviews.rendering.seed=%d reproduces), %d views%n", seed, seed, VIEWS);
        Random random = new Random(seed);
        int spared = 0;
        for (int v = 0; v < VIEWS; v++) {
            List<String> columns = new ArrayList<>();
            boolean rendering = false;
            int count = 1 + random.nextInt(3);
            for (int k = 0; k < count; k++) {
                boolean pick = random.nextInt(3) == 0;
                List<String> pool = pick ? RENDERING : PLAIN;
                rendering |= pick;
                columns.add(pool.get(random.nextInt(pool.size())) + " AS c" + k);
            }
            boolean nested = random.nextBoolean();
            String inner = "SELECT s.pk_sample, " + String.join(", ", columns) + " FROM tb_sample s";
            exec(c, "DROP VIEW IF EXISTS v_outer, v_inner");
            if (nested) {
                exec(c, "CREATE VIEW v_inner AS " + inner, "CREATE VIEW v_outer AS SELECT i.* FROM v_inner i");
            } else {
                exec(c, "CREATE VIEW v_outer AS " + inner);
            }
            boolean kept = Boolean.parseBoolean(string(c, "SELECT _tviews_renders_by_settings('v_outer')::text"));
            String what = String.format("view %d (seed %d): %s%s", v, seed, inner, nested ? ", read through another view" : "");
            if (rendering) {
                assertThat(kept).as("keeps the settings: " + what).isTrue();
            }
            if (!kept) {
                spared++;
                List<String> first = null;
                for (String[] session : SESSIONS) {
                    exec(c, "SET TimeZone = '" + session[0] + "'", "SET DateStyle = '" + session[1] + "'",
                            "SET IntervalStyle = '" + session[2] + "'", "SET extra_float_digits = " + session[3]);
                    List<String> rows = lines(c, "SELECT v::text FROM v_outer v ORDER BY pk_sample");
                    if (first == null) {
                        first = rows;
                    }
                    assertThat(rows).as("the same under %s: %s", String.join(" / ", session), what).isEqualTo(first);
                }
                exec(c, "RESET TimeZone", "RESET DateStyle", "RESET IntervalStyle", "RESET extra_float_digits");
            }
        }
        System.out.printf("RenderingSettingsTest: seed=%d: %d of %d views spared the settings%n", seed, spared, VIEWS);
        assertThat(spared).as("some views are spared the settings").isPositive();
    }

    @Test
    void generatedFunctionsCarryTheSettingsOnlyWhenTheViewRenders() throws SQLException {
        exec(c, "SELECT pg_tviews_create('sample_plain', $q$SELECT s.pk_sample AS pk_sample_plain, jsonb_build_object('name', s.name, "
                        + "'amount', s.amount) AS data FROM tb_sample s$q$)",
                "SELECT pg_tviews_create('sample_dated', $q$SELECT s.pk_sample AS pk_sample_dated, jsonb_build_object('name', s.name, "
                        + "'at', s.at) AS data FROM tb_sample s$q$)");
        assertThat(lines(c, "SELECT DISTINCT array_to_string(p.proconfig, ' ') FROM pg_proc p WHERE p.proname ~ '^tviews_sample_plain_'"))
                .singleElement().asString().doesNotContain("TimeZone").contains("row_security=off", "search_path=");
        assertThat(lines(c, "SELECT DISTINCT array_to_string(p.proconfig, ' ') FROM pg_proc p WHERE p.proname ~ '^tviews_sample_dated_'"))
                .singleElement().asString().contains("TimeZone=UTC", "extra_float_digits=1", "IntervalStyle=postgres");
        exec(c, "SET TimeZone = 'Asia/Tokyo'", "SET extra_float_digits = 0",
                "UPDATE tb_sample SET name = name || '!', at = at + interval '1 hour'", "RESET TimeZone", "RESET extra_float_digits");
        assertThat(lines(c, "SELECT entity FROM pg_tviews_verify() WHERE missing_rows + extra_rows + differing_rows > 0")).isEmpty();
    }
}
