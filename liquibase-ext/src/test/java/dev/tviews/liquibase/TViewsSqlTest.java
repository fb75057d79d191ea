package dev.tviews.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.ConversionRequest;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Quoting and SQL layout, without a database (the e2e tests run the results). */
class TViewsSqlTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // plain text is single-quoted (NULL for null)
            "post                   | 'post'",
            "{\"mode\": \"sync\"}     | '{\"mode\": \"sync\"}'",
            "                       | NULL",
            // anything else is dollar-quoted, with a tag that is not in the text
            "it's                   | $tviews$it's$tviews$",
            "a\\b                   | $tviews$a\\b$tviews$",
            "`SELECT 1\nFROM t`      | `$tviews$SELECT 1\nFROM t$tviews$`",
            "x $tviews$ y           | $tviews1$x $tviews$ y$tviews1$",
            // A text ending in the tag's beginning would close the quote early with the plain tag.
            "ends with $tviews      | $tviews1$ends with $tviews$tviews1$",
            "$tviews$ and $tviews1$ | $tviews2$$tviews$ and $tviews1$$tviews2$"})
    void plainTextIsSingleQuotedAnythingElseDollarQuoted(String text, String literal) {
        assertThat(TViewsSql.literal(text)).isEqualTo(literal);
    }

    @Test
    void identifiersAreQuotedOnlyWhenNeeded() {
        assertThat(Stream.of("public", "App", "user", "my \"schema\"").map(TViewsSql::identifier))
                .containsExactly("public", "\"App\"", "\"user\"", "\"my \"\"schema\"\"\"");
    }

    @Test
    void aFunctionWithoutSchemaIsItsNameAlone() {
        assertThat(TViewsSql.function(null, "pg_tviews_refresh_all")).isEqualTo("pg_tviews_refresh_all");
    }

    @Test
    void runtimeCalls() {
        assertThat(TViewsSql.createOrReplace("public", "post", "SELECT pk_post FROM tb_post", null))
                .isEqualTo("SELECT public.pg_tviews_create_or_replace('post', 'SELECT pk_post FROM tb_post')");
        assertThat(TViewsSql.createOrReplace("app", "post", "SELECT 'x' AS a", "{\"mode\": \"sync\"}"))
                .isEqualTo("SELECT app.pg_tviews_create_or_replace('post', $tviews$SELECT 'x' AS a$tviews$, '{\"mode\": \"sync\"}'::jsonb)");
        assertThat(TViewsSql.drop("public", "post", true, false))
                .isEqualTo("SELECT public.pg_tviews_drop('post', if_exists => true, \"cascade\" => false)");
        assertThat(TViewsSql.refresh("public", "post")).isEqualTo("SELECT public.pg_tviews_refresh('post')");
        assertThat(TViewsSql.refreshAll("public")).isEqualTo("SELECT public.pg_tviews_refresh_all()");
        assertThat(TViewsSql.autoConvert("public", ConversionRequest.of("app"), true))
                .startsWith("DO $tviews$\n")
                .contains("FROM public.pg_tviews_auto_convert('app') c")
                .contains("RAISE EXCEPTION 'tviews: auto-convert of schema % failed for %', 'app',")
                .endsWith("END\n$tviews$");
        assertThat(TViewsSql.autoConvert("public", ConversionRequest.of("app"), false)).contains("RAISE WARNING").doesNotContain("RAISE EXCEPTION");
    }

    @Test
    void selectLayoutIsCanonical() {
        String yaml = "SELECT a,\n       b\n  FROM t\n";
        String xmlTrimmedFirstLine = "SELECT a,\n               b\n          FROM t";
        String xmlUntrimmed = "\n        SELECT a,\n               b\n          FROM t\n      ";
        String expected = "SELECT a,\n     b\nFROM t";
        assertThat(TViewsChange.normalizeSql(yaml)).isEqualTo(expected);
        assertThat(TViewsChange.normalizeSql(xmlTrimmedFirstLine)).isEqualTo(expected);
        assertThat(TViewsChange.normalizeSql(xmlUntrimmed)).isEqualTo(expected);
        assertThat(TViewsChange.normalizeSql("  SELECT 1  ")).isEqualTo("SELECT 1");
        assertThat(TViewsChange.normalizeSql("SELECT a,\r\n  b")).isEqualTo("SELECT a,\nb");
        assertThat(TViewsChange.normalizeSql(" \n ")).isNull();
    }
}
