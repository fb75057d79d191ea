package dev.tviews.spring;

import static dev.tviews.spring.TestApp.differences;
import static dev.tviews.spring.TestApp.exec;
import static dev.tviews.spring.TestApp.json;
import static dev.tviews.spring.TestApp.number;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tviews.common.ConversionStatus;
import dev.tviews.testsupport.PostgresTest;
import dev.tviews.testsupport.TestDatabase;
import java.sql.Connection;
import liquibase.util.LiquibaseUtil;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The same application with the Liquibase starter (Liquibase pinned to 4.33.0): the changelog's
 * {@code <tviews:autoConvert/>} and {@code createTView} run at startup, and the starter's own conversion runs after
 * SpringLiquibase and finds nothing left to do.
 */
@PostgresTest
class LiquibaseStartupTest {

    @Test
    void changelogWithAutoConvertAndCreateTViewWorksAtStartup(TestDatabase db) throws Exception {
        assertThat(LiquibaseUtil.getBuildVersion()).isEqualTo("4.33.0");
        try (ConfigurableApplicationContext app = TestApp.start(db, "lb", "spring.flyway.enabled=false",
                "spring.liquibase.enabled=true", "spring.liquibase.change-log=classpath:db/changelog/users.xml",
                "spring.liquibase.default-schema=lb");
             Connection c = db.connect()) {
            assertThat(number(c, "SELECT count(*) FROM lb.databasechangelog")).isEqualTo(3);
            assertThat(number(c, "SELECT count(*) FROM lb.pg_tview_meta")).isEqualTo(2);
            assertThat(differences(c, "lb", "user", "pk_user, data")).isZero();
            assertThat(differences(c, "lb", "user_name", "pk_user_name, name")).isZero();
            // after SpringLiquibase: the starter's conversion saw both TVIEWs registered already
            assertThat(app.getBean(TViewsStartup.class).lastReport().results())
                    .allMatch(r -> r.status() == ConversionStatus.UNCHANGED || r.status() == ConversionStatus.SKIPPED);

            exec(c, "INSERT INTO lb.tb_user (email, name) VALUES ('carol@example.com', 'Carol')");
            assertThat(number(c, "SELECT count(*) FROM lb.tv_user_name WHERE name = 'CAROL'")).isEqualTo(1);
            assertThat(differences(c, "lb", "user", "pk_user, data")).isZero();
            assertThat(differences(c, "lb", "user_name", "pk_user_name, name")).isZero();

            assertThat(json(app, "/actuator/health").path("components").path("tviews").path("status").asString()).isEqualTo("UP");
        }
    }
}
