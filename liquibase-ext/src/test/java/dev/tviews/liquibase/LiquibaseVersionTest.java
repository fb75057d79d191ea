package dev.tviews.liquibase;

import static org.assertj.core.api.Assertions.assertThat;

import liquibase.util.LiquibaseUtil;
import org.junit.jupiter.api.Test;

/** Proves which Liquibase a test run used: each surefire execution names the version it puts on the classpath. */
class LiquibaseVersionTest {

    @Test
    void runsOnTheLiquibaseTheBuildAskedFor() {
        String expected = System.getProperty("tviews.expected.liquibase.version");
        String running = LiquibaseUtil.getBuildVersion();
        System.out.println("tviews-liquibase tests running on Liquibase " + running);
        assertThat(expected).as("tviews.expected.liquibase.version, which each surefire execution in liquibase-ext/pom.xml "
                + "sets to the Liquibase it puts on the classpath: run the test through Maven").isNotBlank();
        assertThat(running).isEqualTo(expected);
    }
}
