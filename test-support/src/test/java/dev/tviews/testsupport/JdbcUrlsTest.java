package dev.tviews.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class JdbcUrlsTest {

    @Test
    void replacesTheDatabaseAndKeepsHostPortAndParameters() {
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://localhost:5433/postgres?sslmode=disable&x=1", "tv_a"))
                .isEqualTo("jdbc:postgresql://localhost:5433/tv_a?sslmode=disable&x=1");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://h1:1,h2:2/app", "tv_b"))
                .isEqualTo("jdbc:postgresql://h1:1,h2:2/tv_b");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://[::1]:5433/", "tv_c"))
                .isEqualTo("jdbc:postgresql://[::1]:5433/tv_c");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql://localhost", "tv_d"))
                .isEqualTo("jdbc:postgresql://localhost/tv_d");
        assertThat(JdbcUrls.withDatabase("jdbc:postgresql:app?user=x", "tv_e"))
                .isEqualTo("jdbc:postgresql:tv_e?user=x");
    }

    @Test
    void readsTheDatabase() {
        assertThat(JdbcUrls.database("jdbc:postgresql://localhost:5433/postgres?x=1")).isEqualTo("postgres");
        assertThat(JdbcUrls.database("jdbc:postgresql://localhost:5433/")).isNull();
        assertThat(JdbcUrls.database("jdbc:postgresql://localhost:5433")).isNull();
        assertThat(JdbcUrls.database("jdbc:postgresql:app")).isEqualTo("app");
    }

    @Test
    void rejectsOtherUrls() {
        assertThatThrownBy(() -> JdbcUrls.withDatabase("jdbc:mysql://localhost/x", "y"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("jdbc:mysql://localhost/x");
    }
}
