package dev.tviews.samples.story;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The samples' command line: embedded by default, --url with credentials, and errors that say what to pass. */
class SampleOptionsTest {

    @Test
    void nothingMeansAnEmbeddedPostgres() {
        SampleOptions options = SampleOptions.parse();

        assertThat(options.embedded()).isTrue();
        assertThat(options.help()).isFalse();
    }

    @Test
    void urlUserAndPasswordInBothSpellings() {
        assertThat(SampleOptions.parse("--url", "jdbc:postgresql://db:5432/blog", "--user=app", "--password", "s=cret"))
                .isEqualTo(new SampleOptions("jdbc:postgresql://db:5432/blog", "app", "s=cret", false));
        assertThat(SampleOptions.parse("--url=jdbc:postgresql://db/blog?user=app").embedded()).isFalse();
        assertThat(SampleOptions.parse("-h").help()).isTrue();
    }

    @Test
    void mistakesSayWhatToPassInstead() {
        assertThatThrownBy(() -> SampleOptions.parse("--urll", "x"))
                .isInstanceOf(SampleOptions.UsageException.class)
                .hasMessageContaining("unknown argument '--urll'").hasMessageContaining("--url, --user, --password");
        assertThatThrownBy(() -> SampleOptions.parse("--url"))
                .hasMessage("--url needs a value, e.g. jdbc:postgresql://localhost:5432/blog");
        assertThatThrownBy(() -> SampleOptions.parse("--url", "postgres://localhost/blog"))
                .hasMessageContaining("--url must be a PostgreSQL JDBC URL such as jdbc:postgresql://");
        assertThatThrownBy(() -> SampleOptions.parse("--user", "app"))
                .hasMessageContaining("--user and --password go with --url");
    }

    @Test
    void aPasswordInTheUrlIsNotPrinted() {
        assertThat(SampleDatabase.withoutPassword("jdbc:postgresql://db/blog?user=app&password=s3cret&ssl=true"))
                .isEqualTo("jdbc:postgresql://db/blog?user=app&password=***&ssl=true");
        assertThat(SampleDatabase.withoutPassword("jdbc:postgresql://db/blog?PASSWORD=x")).isEqualTo("jdbc:postgresql://db/blog?PASSWORD=***");
    }
}
